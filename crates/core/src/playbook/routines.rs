//! Pure date rules of the routines: which days a schedule falls on.

use super::template::Every;
use chrono::{Datelike, Duration, NaiveDate};

/// The last working day of `date`'s month.
pub fn last_working_day(date: NaiveDate, working_days: &[u8]) -> Option<NaiveDate> {
    let first_next =
        if date.month() == 12 { NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)? };
    let mut d = first_next - Duration::days(1);
    for _ in 0..31 {
        if working_days.contains(&(d.weekday().number_from_monday() as u8)) {
            return Some(d);
        }
        d -= Duration::days(1);
    }
    None
}

/// Whether a schedule falls on `date`.
pub fn falls_on(every: Every, days: &[i32], working_days: &[u8], date: NaiveDate) -> bool {
    let wd = date.weekday().number_from_monday();
    match every {
        Every::Day => working_days.contains(&(wd as u8)),
        Every::Week => days.contains(&(wd as i32)),
        Every::Month => days.contains(&(date.day() as i32)) || (days.contains(&-1) && last_working_day(date, working_days) == Some(date)),
    }
}

/// The dates from `from` to `to` (both included) a schedule falls on.
pub fn dates(every: Every, days: &[i32], working_days: &[u8], from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![];
    let mut d = from;
    while d <= to {
        if falls_on(every, days, working_days, d) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

/// The Monday of `date`'s week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn schedules_fall_on_their_days() {
        let wd = [1, 2, 3, 4, 5];
        // 2026-11-24 is a Tuesday.
        assert_eq!(dates(Every::Week, &[2, 4], &wd, d("2026-11-23"), d("2026-11-29")), vec![d("2026-11-24"), d("2026-11-26")]);
        assert_eq!(dates(Every::Day, &[], &wd, d("2026-11-27"), d("2026-11-30")), vec![d("2026-11-27"), d("2026-11-30")]);
        // The last working day of November 2026 is Monday the 30th; of January 2027 Friday the 29th.
        assert_eq!(dates(Every::Month, &[-1], &wd, d("2026-11-01"), d("2026-12-31")), vec![d("2026-11-30"), d("2026-12-31")]);
        assert_eq!(last_working_day(d("2027-01-10"), &wd), Some(d("2027-01-29")));
        assert_eq!(dates(Every::Month, &[1], &wd, d("2026-11-24"), d("2026-12-02")), vec![d("2026-12-01")]);
        assert_eq!(week_start(d("2026-11-26")), d("2026-11-23"));
    }
}

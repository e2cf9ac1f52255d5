//! iCalendar (RFC 5545) export: routines as recurring events with RRULE in
//! the user's time zone (with its VTIMEZONE), next steps of open deals as
//! all-day events, open tasks as to-dos. Stable UIDs, escaping, folding.

use super::export::{escape_text, fold};
use crate::store::interop::CalendarItemRow;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// How a routine repeats; becomes an RRULE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub freq: Freq,
    pub interval: u32,
    pub by_day: Vec<Weekday>,
    /// Last day (inclusive, local), if any.
    pub until: Option<NaiveDate>,
    pub count: Option<u32>,
}

fn day_code(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

impl Recurrence {
    pub fn weekly(days: &[Weekday]) -> Self {
        Recurrence { freq: Freq::Weekly, interval: 1, by_day: days.to_vec(), until: None, count: None }
    }

    /// The RRULE value, e.g. `FREQ=WEEKLY;BYDAY=FR`. `tz` turns UNTIL into
    /// the UTC instant at the end of that local day, as RFC 5545 requires
    /// when DTSTART has a TZID.
    pub fn rrule(&self, tz: Tz) -> String {
        let mut s = format!(
            "FREQ={}",
            match self.freq {
                Freq::Daily => "DAILY",
                Freq::Weekly => "WEEKLY",
                Freq::Monthly => "MONTHLY",
            }
        );
        if self.interval > 1 {
            s.push_str(&format!(";INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            s.push_str(";BYDAY=");
            s.push_str(&self.by_day.iter().map(|d| day_code(*d)).collect::<Vec<_>>().join(","));
        }
        if let Some(c) = self.count {
            s.push_str(&format!(";COUNT={c}"));
        } else if let Some(u) = self.until {
            let end = u.and_hms_opt(23, 59, 59).unwrap_or_default();
            let utc = tz.from_local_datetime(&end).earliest().map(|t| t.with_timezone(&Utc).naive_utc()).unwrap_or(end);
            s.push_str(&format!(";UNTIL={}Z", utc.format("%Y%m%dT%H%M%S")));
        }
        s
    }
}

/// A routine of the method (DESIGN.md §2) that belongs in the calendar.
#[derive(Debug, Clone)]
pub struct Routine {
    /// Stable part of the UID.
    pub key: &'static str,
    pub summary: String,
    pub description: String,
    /// First occurrence, local wall-clock time.
    pub start: NaiveDateTime,
    pub duration_min: u32,
    pub recurrence: Recurrence,
}

/// The built-in routines until routines are configurable: the weekly Friday
/// planning session, 17:00–18:00, from the first Friday on or after `from`.
pub fn builtin_routines(from: NaiveDate) -> Vec<Routine> {
    let days_to_friday = (Weekday::Fri.num_days_from_monday() + 7 - from.weekday().num_days_from_monday()) % 7;
    let friday = from + Duration::days(days_to_friday as i64);
    vec![Routine {
        key: "routine-weekly-planning",
        summary: "Weekly planning".into(),
        description: "Progress against the plan; the list of issues, each with an owner and a due date; last week's issues closed or carried over.".into(),
        start: friday.and_hms_opt(17, 0, 0).unwrap_or_default(),
        duration_min: 60,
        recurrence: Recurrence::weekly(&[Weekday::Fri]),
    }]
}

/// The user's time zone name: `TZ`, else the `/etc/localtime` link, else
/// `/etc/timezone`, else UTC. (Read by the adapters, never inside rules.)
pub fn system_zone_name() -> String {
    let valid = |s: &str| s.parse::<Tz>().ok().map(|_| s.to_string());
    if let Some(z) = std::env::var("TZ").ok().map(|s| s.trim_start_matches(':').to_string()).and_then(|s| valid(&s)) {
        return z;
    }
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        let t = target.to_string_lossy();
        if let Some(z) = t.split("zoneinfo/").nth(1).and_then(valid) {
            return z;
        }
    }
    if let Some(z) = std::fs::read_to_string("/etc/timezone").ok().and_then(|s| valid(s.trim())) {
        return z;
    }
    "UTC".into()
}

fn offset_str(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

fn offset_at(tz: Tz, utc: NaiveDateTime) -> i32 {
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

/// VTIMEZONE lines for `tz`, with yearly rules taken from its transitions in `year`.
pub fn vtimezone(tz: Tz, year: i32) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut transitions = vec![];
    let mut prev = offset_at(tz, start);
    for h in 1..(366 * 24) {
        let t = start + Duration::hours(h);
        let off = offset_at(tz, t);
        if off != prev {
            transitions.push((t, prev, off));
            prev = off;
        }
    }
    if transitions.is_empty() {
        let off = offset_str(prev);
        lines.extend([
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            format!("TZOFFSETFROM:{off}"),
            format!("TZOFFSETTO:{off}"),
            "END:STANDARD".into(),
        ]);
    } else {
        let max = transitions.iter().map(|t| t.2).max().unwrap_or(0);
        let min = transitions.iter().map(|t| t.2).min().unwrap_or(0);
        for (utc, from, to) in transitions {
            let kind = if to == max && max != min { "DAYLIGHT" } else { "STANDARD" };
            let local = utc + Duration::seconds(from as i64);
            let dim = days_in_month(local.year(), local.month());
            let nth = if local.day() + 7 > dim { -1 } else { ((local.day() - 1) / 7 + 1) as i32 };
            lines.push(format!("BEGIN:{kind}"));
            lines.push(format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
            lines.push(format!("TZOFFSETFROM:{}", offset_str(from)));
            lines.push(format!("TZOFFSETTO:{}", offset_str(to)));
            lines.push(format!("RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={nth}{}", local.month(), day_code(local.weekday())));
            lines.push(format!("END:{kind}"));
        }
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

/// Everything a calendar file is made of.
pub struct CalendarInput<'a> {
    pub calendar_name: &'a str,
    /// Makes UIDs unique per workspace (e.g. its creation stamp).
    pub workspace_key: &'a str,
    pub tz: Tz,
    pub now: chrono::DateTime<Utc>,
    pub routines: &'a [Routine],
    pub items: &'a [CalendarItemRow],
}

fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.with_nanosecond(0).unwrap_or(t));
        }
    }
    None
}

/// Writes the calendar. Items whose dates cannot be read are left out.
pub fn calendar(i: &CalendarInput) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Conveyor//Conveyor sales conveyor//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(i.calendar_name)),
    ];
    let stamp = i.now.format("%Y%m%dT%H%M%SZ").to_string();
    let key: String = i.workspace_key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let uid = |what: &str| format!("UID:{what}.{key}@conveyor");
    let first_year =
        i.routines.iter().map(|r| r.start.year()).chain(i.items.iter().filter_map(|it| it.when.get(..4)?.parse().ok())).min().unwrap_or(i.now.year());
    lines.extend(vtimezone(i.tz, first_year.min(i.now.year())));
    let tzid = i.tz.name();
    for r in i.routines {
        lines.push("BEGIN:VEVENT".into());
        lines.push(uid(r.key));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;TZID={tzid}:{}", r.start.format("%Y%m%dT%H%M%S")));
        lines.push(format!("DTEND;TZID={tzid}:{}", (r.start + Duration::minutes(r.duration_min as i64)).format("%Y%m%dT%H%M%S")));
        lines.push(format!("RRULE:{}", r.recurrence.rrule(i.tz)));
        lines.push(format!("SUMMARY:{}", escape_text(&r.summary)));
        lines.push(format!("DESCRIPTION:{}", escape_text(&r.description)));
        lines.push("CATEGORIES:Conveyor routine".into());
        lines.push("END:VEVENT".into());
    }
    for it in i.items {
        if it.kind == "deal" {
            let Ok(d) = NaiveDate::parse_from_str(it.when.get(..10).unwrap_or(""), "%Y-%m-%d") else { continue };
            lines.push("BEGIN:VEVENT".into());
            lines.push(uid(&format!("deal-{}-next-step", it.id)));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")));
            lines.push(format!("DTEND;VALUE=DATE:{}", (d + Duration::days(1)).format("%Y%m%d")));
            lines.push(format!("SUMMARY:{}", escape_text(&it.summary)));
            if let Some(det) = &it.detail {
                lines.push(format!("DESCRIPTION:{}", escape_text(det)));
            }
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("CATEGORIES:Conveyor next step".into());
            lines.push("END:VEVENT".into());
        } else {
            let Some(due) = parse_local(&it.when) else { continue };
            lines.push("BEGIN:VTODO".into());
            lines.push(uid(&format!("activity-{}", it.id)));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DUE;TZID={tzid}:{}", due.format("%Y%m%dT%H%M%S")));
            lines.push(format!("SUMMARY:{}", escape_text(&it.summary)));
            if let Some(det) = it.detail.as_deref().filter(|d| !d.is_empty()) {
                lines.push(format!("DESCRIPTION:{}", escape_text(det)));
            }
            lines.push("STATUS:NEEDS-ACTION".into());
            lines.push("END:VTODO".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rrule_and_weekly_planning_on_fridays() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let r = builtin_routines(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(r[0].start.to_string(), "2026-11-27 17:00:00");
        assert_eq!(r[0].recurrence.rrule(tz), "FREQ=WEEKLY;BYDAY=FR");
        let mut rec = Recurrence::weekly(&[Weekday::Tue, Weekday::Thu]);
        rec.until = NaiveDate::from_ymd_opt(2027, 3, 31);
        rec.interval = 2;
        assert_eq!(rec.rrule(tz), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270331T215959Z");
        // A Friday stays that Friday.
        assert_eq!(builtin_routines(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())[0].start.date().day(), 27);
    }

    #[test]
    fn vtimezone_has_the_eu_rules_and_fixed_zones_have_one_offset() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let v = vtimezone(tz, 2026).join("\n");
        assert!(v.contains("BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"), "{v}");
        let m = vtimezone("Europe/Moscow".parse().unwrap(), 2026).join("\n");
        assert!(m.contains("TZOFFSETFROM:+0300\nTZOFFSETTO:+0300"), "{m}");
        let ny = vtimezone("America/New_York".parse().unwrap(), 2026).join("\n");
        assert!(ny.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU") && ny.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"), "{ny}");
    }

    #[test]
    fn calendar_has_stable_uids_escapes_and_folds() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let items = vec![
            CalendarItemRow {
                kind: "deal", id: 7, summary: "Call back; bring price list, v2 — Ромашка".into(), detail: None, when: "2026-11-30".into()
            },
            CalendarItemRow {
                kind: "activity",
                id: 9,
                summary: "Send offer".into(),
                detail: Some("line1\nline2".repeat(20)),
                when: "2026-12-01T10:30:00".into(),
            },
        ];
        let routines = builtin_routines(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
        let mk = || calendar(&CalendarInput { calendar_name: "Test", workspace_key: "2026-01-01T00:00:00Z", tz, now, routines: &routines, items: &items });
        let a = mk();
        assert_eq!(a, mk(), "the same workspace gives the same file");
        assert!(a.contains("UID:deal-7-next-step.20260101T000000Z@conveyor\r\n"));
        assert!(a.contains("SUMMARY:Call back\\; bring price list\\, v2 — Ромашка\r\n"));
        assert!(a.contains("DUE;TZID=Europe/Berlin:20261201T103000\r\n"));
        assert!(a.split("\r\n").all(|l| l.len() <= 75));
    }
}

//! Time is passed in. Rules never read the system clock: they take a [`Clock`].

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, Utc};

pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
    /// The current wall-clock time where the user is (for "today", due times).
    fn local_now(&self) -> NaiveDateTime;
    fn today(&self) -> NaiveDate {
        self.local_now().date()
    }
}

/// The real clock, in the machine's time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn local_now(&self) -> NaiveDateTime {
        Local::now().naive_local()
    }
}

/// A clock frozen at one instant in one UTC offset: for tests and the demo generator.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock {
    at: DateTime<FixedOffset>,
}

impl FixedClock {
    pub fn new(at: DateTime<FixedOffset>) -> Self {
        FixedClock { at }
    }
    /// Parses RFC 3339, e.g. `2026-11-24T09:00:00+02:00`. Panics on a bad literal (tests only).
    pub fn at(rfc3339: &str) -> Self {
        FixedClock { at: DateTime::parse_from_rfc3339(rfc3339).expect("valid RFC 3339 literal") }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }
    fn local_now(&self) -> NaiveDateTime {
        self.at.naive_local()
    }
}

/// How instants are stored: RFC 3339 in UTC with seconds, sortable as text.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_keeps_local_date_separate_from_utc() {
        let c = FixedClock::at("2026-11-24T23:30:00-02:00");
        assert_eq!(c.today().to_string(), "2026-11-24");
        assert_eq!(stamp(c.now()), "2026-11-25T01:30:00Z");
    }
}

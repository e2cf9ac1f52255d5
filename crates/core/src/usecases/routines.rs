//! The routine engine: the tasks of every routine's occurrences, each created once.

use super::templates::plan_params;
use crate::clock::{Clock, stamp};
use crate::error::Result;
use crate::model::*;
use crate::playbook::routines;
use crate::playbook::template::{self, RegulationKind, Rule};
use crate::store::regulations;
use crate::store::{Store, activities, meta, roles};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Bumped on every change of the playbook, so the routine engine knows to run again.
pub(super) fn bump_revision(c: &Connection) -> Result<()> {
    let n: i64 = meta::get_opt(c, "playbook_revision")?.and_then(|v| v.parse().ok()).unwrap_or(0);
    meta::set(c, "playbook_revision", &(n + 1).to_string())
}

/// How far ahead routines generate their tasks.
pub const HORIZON_DAYS: i64 = 7;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GenerateReport {
    /// Tasks created by this run.
    pub created: u32,
    /// Whether the engine ran (false: nothing could be due since its last run).
    pub ran: bool,
}

fn throttle_key(c: &Connection, today: NaiveDate) -> Result<String> {
    Ok(format!("{today}|{}", meta::get_opt(c, "playbook_revision")?.unwrap_or_default()))
}

/// Runs the engine unless it already ran today for the same playbook: the
/// cheap check (two settings read) keeps opening Today fast.
pub fn generate_if_due(s: &mut Store, clock: &dyn Clock) -> Result<GenerateReport> {
    let key = throttle_key(s.conn(), clock.today())?;
    if meta::get_opt(s.conn(), "routines_checked")?.as_deref() == Some(key.as_str()) {
        return Ok(GenerateReport::default());
    }
    generate(s, clock)
}

/// Creates the tasks of every routine's occurrences from today to
/// [`HORIZON_DAYS`] ahead, each occurrence exactly once (also across
/// restarts and clock changes: an occurrence is claimed by its key).
pub fn generate(s: &mut Store, clock: &dyn Clock) -> Result<GenerateReport> {
    s.write(|tx| {
        let created = generate_in(tx, clock)?;
        meta::set(tx, "routines_checked", &throttle_key(tx, clock.today())?)?;
        Ok(GenerateReport { created, ran: true })
    })
}

fn generate_in(tx: &Connection, clock: &dyn Clock) -> Result<u32> {
    let now = stamp(clock.now());
    let today = clock.today();
    let until = today + Duration::days(HORIZON_DAYS);
    let plan = plan_params(tx)?;
    let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("valid time");
    let mut created = 0;
    for r in regulations::list_kind(tx, RegulationKind::Routine)? {
        let Some(rule) = &r.rule else { continue };
        let owner = roles::holders(tx, r.role)?.first().copied();
        let mut make = |key: &str,
                        kind: ActivityKind,
                        subject: String,
                        due: NaiveDateTime,
                        minutes: Option<u32>,
                        notes: Option<String>,
                        company: Option<i64>|
         -> Result<()> {
            if !regulations::claim_occurrence(tx, &now, r.id, key)? {
                return Ok(());
            }
            let (company_id, contact_id) = match company {
                Some(co) => (Some(co), regulations::company_brief(tx, co)?.1),
                None => (None, None),
            };
            let id = activities::insert(
                tx,
                &now,
                &ActivityInput {
                    kind,
                    subject,
                    deal_id: None,
                    contact_id,
                    company_id,
                    owner_id: owner,
                    due_at: Some(due),
                    done_at: None,
                    outcome: None,
                    duration_min: minutes,
                    notes,
                },
            )?;
            regulations::set_occurrence_activity(tx, r.id, key, id)?;
            created += 1;
            Ok(())
        };
        let with_company = |co: i64| -> Result<String> { Ok(format!("{}: {}", r.title, regulations::company_brief(tx, co)?.0)) };
        match rule {
            Rule::Schedule { every, days, at, minutes, activity, target_calls } => {
                let time = template::parse_hhmm(at).unwrap_or(ten);
                let target_label = crate::pdf::i18n::t(meta::load(tx)?.lang, "core.routine.target_calls");
                for d in routines::dates(*every, days, &plan.working_days, today, until) {
                    let notes = target_calls.map(|n| format!("{target_label} {n}"));
                    make(&d.to_string(), *activity, r.title.clone(), d.and_time(time), Some(*minutes), notes, None)?;
                }
            }
            Rule::ClientCheckIn { days } => {
                for (abc, n) in days {
                    let n = Duration::days(i64::from(*n));
                    for (co, last) in regulations::clients_due_checkin(tx, Some(*abc), until - n + Duration::days(1))? {
                        let due = last.map_or(today, |l| (l + n).max(today));
                        let key = format!("company-{co}-{}", last.map(|l| l.to_string()).unwrap_or_default());
                        make(&key, ActivityKind::Call, with_company(co)?, due.and_time(ten), None, None, Some(co))?;
                    }
                }
            }
            Rule::AfterFirstSale { within_days, .. } => {
                let n = Duration::days(i64::from(*within_days));
                for (co, since) in regulations::first_sales_since(tx, today - n)? {
                    let due = (since + n).max(today).min(until);
                    make(&format!("company-{co}"), ActivityKind::Task, with_company(co)?, due.and_time(ten), None, None, Some(co))?;
                }
            }
            Rule::BeforeExpectedOrder { days_before } => {
                let n = Duration::days(i64::from(*days_before));
                for (co, expected) in regulations::orders_expected_between(tx, today + n, until + n)? {
                    let key = format!("company-{co}-{expected}");
                    make(&key, ActivityKind::Call, with_company(co)?, (expected - n).and_time(ten), None, None, Some(co))?;
                }
            }
            _ => {}
        }
    }
    Ok(created)
}

//! Norms: which records break a regulation's norm (the violations on Today).

use super::templates::plan_params;
use crate::clock::{Clock, stamp};
use crate::error::Result;
use crate::model::*;
use crate::playbook::routines;
use crate::playbook::template::{RegulationKind, Rule};
use crate::store::regulations;
use crate::store::{self, meta, norms, roles};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of record breaks a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Deal,
    Company,
    Person,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NormViolation {
    #[ts(type = "number")]
    pub regulation_id: i64,
    pub regulation_title: String,
    /// The norm's rule type, e.g. `stale_deal`.
    pub rule: String,
    pub record_kind: RecordKind,
    #[ts(type = "number")]
    pub record_id: i64,
    pub record_name: String,
    /// When the norm started to be broken: a local `YYYY-MM-DDTHH:MM:SS`.
    pub since: NaiveDateTime,
    /// For how long, in minutes.
    #[ts(type = "number")]
    pub minutes: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ViolationList {
    pub violations: Vec<NormViolation>,
    #[ts(type = "number")]
    pub total: i64,
    /// Norms with too little time behind them to judge: neither broken nor kept yet.
    pub not_yet_judged: Vec<PendingNorm>,
}

/// A norm that is not judged yet, and from when it will be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingNorm {
    #[ts(type = "number")]
    pub regulation_id: i64,
    pub regulation_title: String,
    pub rule: String,
    pub role: Role,
    /// The first local moment the norm is judged; `null` while nobody holds its role.
    pub judged_from: Option<NaiveDateTime>,
}

/// Turns a breach's stored moment into when the violation began.
type SinceOf<'a> = Box<dyn Fn(&str) -> NaiveDateTime + 'a>;

/// Evaluates every norm: the longest-standing violations first (at most
/// `limit`), and how many there are in all.
pub fn violations(c: &Connection, clock: &dyn Clock, owner: Option<i64>, limit: u32) -> Result<ViolationList> {
    let norms_list = regulations::list_kind(c, RegulationKind::Norm)?;
    if norms_list.is_empty() {
        return Ok(ViolationList::default());
    }
    let now_local = clock.local_now();
    let offset = now_local - clock.now().naive_utc();
    let today = clock.today();
    let mut out = vec![];
    let mut total = 0;
    let day = |d: &str| -> NaiveDateTime { d.get(..10).and_then(|x| x.parse::<NaiveDate>().ok()).unwrap_or(today).and_time(NaiveTime::MIN) };
    let local = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.naive_utc() + offset);
    let workspace_start = local(&meta::load(c)?.created_at);
    let history_end = store::first_hour::history_ends_on(c)?.map(|d| day(&d) + Duration::days(1));
    let mut not_yet_judged = vec![];
    for r in &norms_list {
        let Some(rule) = &r.rule else { continue };
        let days = |n: u32| Duration::days(i64::from(n));
        // Time before the workspace, the regulation, the role (of the person
        // whose Today this is, else its first holder) or the end of imported
        // history never counts: a norm is judged once its own period has
        // passed since the latest of them.
        let role_since = match owner {
            Some(p) => store::first_hour::role_since_of(c, p, r.role)?.or(store::first_hour::role_since(c, r.role)?),
            None => store::first_hour::role_since(c, r.role)?,
        };
        let pending = |judged_from: Option<NaiveDateTime>| PendingNorm {
            regulation_id: r.id,
            regulation_title: r.title.clone(),
            rule: rule.code().to_string(),
            role: r.role,
            judged_from,
        };
        let Some(role_start) = role_since.as_deref().and_then(local) else {
            not_yet_judged.push(pending(None));
            continue;
        };
        let reg_start = store::first_hour::regulation_created_at(c, r.id)?.as_deref().and_then(local);
        let start = [workspace_start, reg_start, Some(role_start), history_end].into_iter().flatten().max().unwrap_or(role_start);
        // Day-based rules count whole days from the day after the start.
        let start_day = start.date().and_time(NaiveTime::MIN);
        let (judged_from, floor) = match rule {
            Rule::InboundResponse { hours } => (start + Duration::hours(i64::from(*hours)), start + Duration::hours(i64::from(*hours))),
            Rule::NextStepRequired { days: d } | Rule::StaleDeal { days: d } | Rule::ClientContact { days: d, .. } => {
                (start_day + days(*d) + Duration::days(1), start_day + days(*d))
            }
            Rule::HandoffCardComplete { .. } => (start, start_day),
            Rule::ProspectingPace { .. } => (start + Duration::days(7), start + Duration::days(7)),
            _ => continue,
        };
        if now_local < judged_from {
            not_yet_judged.push(pending(Some(judged_from)));
            continue;
        }
        let (rows, n, since_of): (Vec<norms::Breach>, i64, SinceOf<'_>) = match rule {
            Rule::InboundResponse { hours } => {
                let h = Duration::hours(i64::from(*hours));
                let cutoff = stamp(clock.now() - h);
                let (rows, n) = norms::inbound_untouched(c, owner, &cutoff, limit)?;
                let f = move |s: &str| chrono::DateTime::parse_from_rfc3339(s).map(|t| t.naive_utc() + offset + h).unwrap_or(now_local);
                (rows, n, Box::new(f))
            }
            Rule::NextStepRequired { days: d } => {
                let (rows, n) = norms::without_next_step_since(c, owner, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::StaleDeal { days: d } => {
                let (rows, n) = norms::stale_since(c, owner, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::ClientContact { abc, days: d } => {
                let (rows, n) = norms::clients_not_contacted(c, owner, *abc, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::HandoffCardComplete { card } => {
                let (rows, n) = norms::incomplete_cards(c, owner, *card, start.date(), limit)?;
                (rows, n, Box::new(day))
            }
            Rule::ProspectingPace { calls_per_week } => {
                let holders = roles::holders(c, r.role)?;
                let person = match owner {
                    Some(p) if holders.contains(&p) => Some(p),
                    Some(_) => continue,
                    None => holders.first().copied(),
                };
                let wd = plan_params(c)?.working_days;
                let start = routines::week_start(today);
                let week_days = (0..7).filter(|i| wd.contains(&((i + 1) as u8))).count() as i64;
                let elapsed = (0..(today - start).num_days()).filter(|i| wd.contains(&((i + 1) as u8))).count() as i64;
                let expected = if week_days == 0 { 0 } else { i64::from(*calls_per_week) * elapsed / week_days };
                let done = norms::calls_between(c, owner.or(None), start.and_time(NaiveTime::MIN), today.and_time(NaiveTime::MIN) + Duration::days(1))?;
                if done >= expected || expected == 0 {
                    continue;
                }
                // Somebody holds the role (else the norm waits above).
                let Some(p) = person else { continue };
                let name = store::people::get(c, p)?.name;
                let rows = vec![norms::Breach { record_id: p, name, since: start.to_string() }];
                (rows, 1, Box::new(day))
            }
            _ => continue,
        };
        total += n;
        let kind = match rule {
            Rule::ClientContact { .. } => RecordKind::Company,
            Rule::ProspectingPace { .. } => RecordKind::Person,
            _ => RecordKind::Deal,
        };
        for b in rows {
            let since = since_of(&b.since).max(floor);
            out.push(NormViolation {
                regulation_id: r.id,
                regulation_title: r.title.clone(),
                rule: rule.code().to_string(),
                record_kind: kind,
                record_id: b.record_id,
                record_name: b.name,
                since,
                minutes: (now_local - since).num_minutes().max(0),
            });
        }
    }
    out.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.regulation_id.cmp(&b.regulation_id)).then(a.record_id.cmp(&b.record_id)));
    out.truncate(limit as usize);
    Ok(ViolationList { violations: out, total, not_yet_judged })
}

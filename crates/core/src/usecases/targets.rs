//! One source for each number a person works to: the calls target and the
//! check-in cadence, computed once here from the month's saved plan or the
//! regulations (the workspace's settings only when neither says), and shown
//! with where they came from. Today's lists use the same numbers.

use crate::error::Result;
use crate::model::{Abc, ActivityKind};
use crate::playbook::template::{Every, RegulationKind, Rule};
use crate::store::meta::{self, WorkSettings};
use crate::store::{plans, regulations};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a number came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// The saved sales plan of the month (`source_name` is the period, `2026-12`).
    Plan,
    /// A regulation (`source_name` is its title).
    Regulation,
    /// The workspace's own setting.
    Settings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallsTarget {
    pub per_day: u32,
    pub per_week: u32,
    pub source: TargetSource,
    pub source_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cadence {
    pub a_days: u32,
    pub b_days: u32,
    pub c_days: u32,
    pub source: TargetSource,
    pub source_name: Option<String>,
}

impl Cadence {
    /// The days between check-ins of a client of this category (no category: as C).
    pub fn days(&self, abc: Option<Abc>) -> u32 {
        match abc {
            Some(Abc::A) => self.a_days,
            Some(Abc::B) => self.b_days,
            _ => self.c_days,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Targets {
    pub calls: CallsTarget,
    pub cadence: Cadence,
}

fn per_day(per_week: u32, working_days_per_week: u32) -> u32 {
    per_week.div_ceil(working_days_per_week.max(1))
}

/// The calls target: the month's saved plan; else the prospecting regulations
/// (the weekly pace norm, or the call blocks' targets over a week); else the setting.
pub fn calls_target(c: &Connection, today: NaiveDate, settings: &WorkSettings) -> Result<CallsTarget> {
    let week_days = plans::params(c)?.working_days_per_week.max(1);
    let period = format!("{:04}-{:02}", today.year(), today.month());
    if let Some(row) = plans::by_period(c, &period)?
        && let Ok(d) = serde_json::from_str::<crate::plan::PlanDerivation>(&row.derivation)
        && d.calls_per_day > 0.0
    {
        let day = d.calls_per_day.ceil() as u32;
        return Ok(CallsTarget { per_day: day, per_week: day * week_days, source: TargetSource::Plan, source_name: Some(period) });
    }
    let live: Vec<_> = regulations::list(c)?.into_iter().filter(|r| !r.archived).collect();
    for r in &live {
        if let (RegulationKind::Norm, Some(Rule::ProspectingPace { calls_per_week })) = (r.kind, &r.rule) {
            let week = *calls_per_week;
            return Ok(CallsTarget { per_day: per_day(week, week_days), per_week: week, source: TargetSource::Regulation, source_name: Some(r.title.clone()) });
        }
    }
    for r in &live {
        if let Some(Rule::Schedule { every: Every::Week, days, activity: ActivityKind::Call, target_calls: Some(n), .. }) = &r.rule {
            let week = n * days.len() as u32;
            if week > 0 {
                return Ok(CallsTarget {
                    per_day: per_day(week, week_days),
                    per_week: week,
                    source: TargetSource::Regulation,
                    source_name: Some(r.title.clone()),
                });
            }
        }
    }
    let day = settings.prospecting_goal_calls;
    Ok(CallsTarget { per_day: day, per_week: day * week_days, source: TargetSource::Settings, source_name: None })
}

/// The check-in cadence: the live check-in routine's days per category (a
/// category it leaves out keeps the setting); else the settings.
pub fn cadence(c: &Connection, settings: &WorkSettings) -> Result<Cadence> {
    for r in regulations::list_kind(c, RegulationKind::Routine)? {
        if let (false, Some(Rule::ClientCheckIn { days })) = (r.archived, &r.rule) {
            return Ok(Cadence {
                a_days: days.get(&Abc::A).copied().unwrap_or(settings.cadence_a_days),
                b_days: days.get(&Abc::B).copied().unwrap_or(settings.cadence_b_days),
                c_days: days.get(&Abc::C).copied().unwrap_or(settings.cadence_c_days),
                source: TargetSource::Regulation,
                source_name: Some(r.title),
            });
        }
    }
    Ok(Cadence {
        a_days: settings.cadence_a_days,
        b_days: settings.cadence_b_days,
        c_days: settings.cadence_c_days,
        source: TargetSource::Settings,
        source_name: None,
    })
}

pub fn targets(c: &Connection, today: NaiveDate) -> Result<Targets> {
    let settings = meta::work_settings(c)?;
    Ok(Targets { calls: calls_target(c, today, &settings)?, cadence: cadence(c, &settings)? })
}

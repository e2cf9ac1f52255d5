//! Today: what to do now, grouped by stage, with the problems on top.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::{Abc, Stage};
use crate::store::Store;
use crate::store::board::DealCard;
use crate::store::meta::{self, WorkSettings};
use crate::store::today::{self as q, ClientDue, TaskDue};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many rows each list carries (counts always cover all).
pub const LIST_LIMIT: u32 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealList {
    pub deals: Vec<DealCard>,
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClientList {
    pub clients: Vec<ClientDue>,
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskList {
    pub tasks: Vec<TaskDue>,
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Today {
    pub date: NaiveDate,
    pub settings: WorkSettings,
    /// Pipeline hygiene: open deals with no next step (or no date).
    pub no_next_step: DealList,
    /// Next steps late by more than `settings.overdue_days`.
    pub overdue: DealList,
    /// No activity for longer than the average sales cycle.
    pub stale: DealList,
    /// The average cycle in days the stale rule used, and whether it was measured.
    pub cycle_days: u32,
    pub cycle_measured: bool,
    /// Stage 1: calls done today against the prospecting goal, and the next leads to call.
    #[ts(type = "number")]
    pub calls_today: i64,
    pub leads_to_call: DealList,
    /// Stage 2: first deals whose next step is due today or earlier.
    pub first_deals_due: DealList,
    /// Stage 3: clients due a check-in, and repeat orders expected soon.
    pub checkins_due: ClientList,
    pub orders_expected: ClientList,
    /// Open tasks due today or earlier.
    pub tasks_due: TaskList,
    /// The norms of the regulations that are broken, longest first.
    pub violations: crate::usecases::norms::ViolationList,
    /// The calls target and the check-in cadence, from the plan or the regulations (the lists above use them).
    pub targets: crate::usecases::targets::Targets,
}

fn list((deals, total): (Vec<DealCard>, i64)) -> DealList {
    DealList { deals, total }
}

pub fn today(s: &Store, clock: &dyn Clock, owner: Option<i64>) -> Result<Today> {
    let c = s.conn();
    let settings = meta::work_settings(c)?;
    let date = clock.today();
    let days = |n: u32| Duration::days(i64::from(n));
    let (cycle_days, cycle_measured) = match q::average_cycle_days(c)? {
        Some(d) if d >= 1.0 => (d.round() as u32, true),
        _ => (settings.default_cycle_days, false),
    };
    let start = date.and_time(NaiveTime::MIN);
    let tomorrow = start + Duration::days(1);
    let targets = crate::usecases::targets::targets(c, date)?;
    let cadence = &targets.cadence;
    let cutoffs = [
        (Some(Abc::A), date - days(cadence.a_days)),
        (Some(Abc::B), date - days(cadence.b_days)),
        (Some(Abc::C), date - days(cadence.c_days)),
        (None, date - days(cadence.c_days)),
    ];
    let (clients, total) = q::checkins_due(c, owner, cutoffs, LIST_LIMIT)?;
    let checkins_due = ClientList { clients, total };
    let (clients, total) = q::orders_expected(c, owner, date + days(settings.repeat_order_horizon_days), LIST_LIMIT)?;
    let orders_expected = ClientList { clients, total };
    let (tasks, total) = q::tasks_due(c, owner, tomorrow, LIST_LIMIT)?;
    // Quiet time before the workspace (or its imported history) never
    // counts: the stale check finds nothing until a whole cycle has passed.
    let counting = crate::usecases::first_hour::counting_starts(c, clock)?;
    let since = |cutoff: NaiveDate, f: &dyn Fn() -> Result<(Vec<DealCard>, i64)>| -> Result<DealList> {
        if counting < cutoff { Ok(list(f()?)) } else { Ok(DealList { deals: vec![], total: 0 }) }
    };
    let stale_cutoff = date - days(cycle_days);
    Ok(Today {
        date,
        no_next_step: list(q::without_next_step(c, owner, LIST_LIMIT)?),
        overdue: list(q::next_step_before(c, owner, date - days(settings.overdue_days), LIST_LIMIT)?),
        stale: since(stale_cutoff, &|| q::stale(c, owner, stale_cutoff, LIST_LIMIT))?,
        cycle_days,
        cycle_measured,
        calls_today: q::calls_done(c, owner, start, tomorrow)?,
        leads_to_call: list(q::stage_due(c, owner, Stage::LeadGeneration, date, LIST_LIMIT)?),
        first_deals_due: list(q::stage_due(c, owner, Stage::FirstDeal, date, LIST_LIMIT)?),
        checkins_due,
        orders_expected,
        tasks_due: TaskList { tasks, total },
        violations: crate::usecases::norms::violations(c, clock, owner, LIST_LIMIT)?,
        targets,
        settings,
    })
}

/// Today after the routine engine has run (a cheap no-op when it already ran
/// today for the same playbook), so routine tasks due today are on it.
pub fn today_fresh(s: &mut Store, clock: &dyn Clock, owner: Option<i64>) -> Result<Today> {
    crate::usecases::routines::generate_if_due(s, clock)?;
    today(s, clock, owner)
}

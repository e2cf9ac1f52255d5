//! Roles and people: giving a role to another person with its open work
//! (and undoing it), the structure advice when one person holds several
//! stages, and the weekly time table against the logged time.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Person, Role, Stage};
use crate::playbook::routines::week_start;
use crate::store::roles::{self, MovedWork, RoleHandover, TimeBlock};
use crate::store::{Store, people};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Gives a role to `person_id` alone. The open work of that role held by
/// its previous holders (stage-1 leads for the hunter, stage-2 deals for the
/// closer, clients with their open tasks for the account manager, and the
/// routine tasks of the role) moves with it; each move is logged.
pub fn reassign_role(s: &mut Store, clock: &dyn Clock, role: Role, person_id: i64) -> Result<Vec<RoleHandover>> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let to = people::get(tx, person_id)?;
        if to.archived {
            return Err(Error::validation("role.person_id", format!("{} is archived. Bring them back first.", to.name)));
        }
        let from_ids: Vec<i64> = roles::holders(tx, role)?.into_iter().filter(|p| *p != person_id).collect();
        let mut logs = vec![];
        if from_ids.is_empty() {
            roles::give_role(tx, person_id, role, &now)?;
            let id = roles::insert_handover(tx, &now, role, None, person_id, &MovedWork::default())?;
            logs.push(roles::handover(tx, id)?);
        }
        for from in from_ids {
            let work = roles::open_work(tx, role, from)?;
            let moved = roles::move_owner(tx, &now, &work, Some(from), Some(person_id))?;
            roles::take_role(tx, from, role)?;
            roles::give_role(tx, person_id, role, &now)?;
            let id = roles::insert_handover(tx, &now, role, Some(from), person_id, &moved)?;
            logs.push(roles::handover(tx, id)?);
        }
        Ok(logs)
    })
}

/// Undoes a hand-over: the role goes back, and every record that moved goes
/// back unless it changed hands again since. Work done since stays done.
pub fn undo_handover(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<RoleHandover> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let h = roles::handover(tx, id)?;
        if h.undone_at.is_some() {
            return Err(Error::new(ErrorCode::Conflict, format!("Hand-over #{id} was already undone.")));
        }
        roles::move_owner(tx, &now, &h.moved, Some(h.to_person_id), h.from_person_id)?;
        if let Some(from) = h.from_person_id {
            roles::take_role(tx, h.to_person_id, h.role)?;
            roles::give_role(tx, from, h.role, &now)?;
        } else {
            roles::take_role(tx, h.to_person_id, h.role)?;
        }
        roles::mark_undone(tx, id, &now)?;
        roles::handover(tx, id)
    })
}

pub fn handovers(s: &Store) -> Result<Vec<RoleHandover>> {
    roles::handovers(s.conn())
}

/// Gives a role to a person without moving any work (several may hold it).
pub fn give_role(s: &mut Store, clock: &dyn Clock, person_id: i64, role: Role) -> Result<Person> {
    let now = stamp(clock.now());
    s.write(|tx| {
        people::get(tx, person_id)?;
        roles::give_role(tx, person_id, role, &now)?;
        people::get(tx, person_id)
    })
}

/// Takes a role from a person (their records stay theirs).
pub fn take_role(s: &mut Store, person_id: i64, role: Role) -> Result<Person> {
    s.write(|tx| {
        people::get(tx, person_id)?;
        roles::take_role(tx, person_id, role)?;
        people::get(tx, person_id)
    })
}

// ---- structure advice --------------------------------------------------------

/// Which of the usual combinations (DESIGN.md §2) a person's stages make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// One person does all three stages.
    AllThree,
    /// Stages 1 and 2 together, 3 apart (a strong closer spends time cold calling).
    HuntAndClose,
    /// Stage 1 apart, 2 and 3 together (the closer "milks" the base and stops closing new clients).
    CloseAndFarm,
    /// Stages 1 and 3 together (hunting stops when the base needs attention).
    HuntAndFarm,
}

/// A risk to watch, as a code the UI phrases in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Prospecting gets squeezed out by current clients and deals.
    HuntingStops,
    /// The base rests with one person and walks out when they leave.
    BaseWalksOut,
    /// A strong closer's time goes into cold calls.
    CloserOnColdCalls,
    /// Serving the base replaces closing new clients.
    MilksTheBase,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StructureAdvice {
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub stages: Vec<Stage>,
    pub combination: Combination,
    pub risks: Vec<Risk>,
    /// Share of the person's logged time spent on stage 1 in the last 4 weeks (0–100), if any time was logged.
    pub prospecting_share_pct: Option<u32>,
    /// Minutes logged in the last 4 weeks, all stages.
    #[ts(type = "number")]
    pub logged_minutes_4w: i64,
    /// New clients (first sales) in the last 30 days, and the monthly average over the last 6 months.
    #[ts(type = "number")]
    pub new_clients_30d: i64,
    pub new_clients_per_month_6m: f64,
}

/// Advice for every person who holds more than one stage.
pub fn structure_advice(s: &Store, clock: &dyn Clock) -> Result<Vec<StructureAdvice>> {
    let c = s.conn();
    let today = clock.today();
    let from = (today - Duration::days(28)).and_time(NaiveTime::MIN);
    let to = (today + Duration::days(1)).and_time(NaiveTime::MIN);
    let new_30 = roles::new_clients(c, today - Duration::days(30), today + Duration::days(1))?;
    let new_6m = roles::new_clients(c, today - Duration::days(182), today + Duration::days(1))? as f64 / 6.0;
    let mut out = vec![];
    for p in people::list(c)? {
        let stages: Vec<Stage> = Stage::ALL.iter().copied().filter(|st| p.roles.iter().any(|r| r.stage() == Some(*st))).collect();
        let (combination, risks) = match stages.as_slice() {
            [_, _, _] => (Combination::AllThree, vec![Risk::HuntingStops, Risk::BaseWalksOut, Risk::MilksTheBase]),
            [Stage::LeadGeneration, Stage::FirstDeal] => (Combination::HuntAndClose, vec![Risk::CloserOnColdCalls, Risk::HuntingStops]),
            [Stage::FirstDeal, Stage::AccountDevelopment] => (Combination::CloseAndFarm, vec![Risk::MilksTheBase, Risk::BaseWalksOut]),
            [Stage::LeadGeneration, Stage::AccountDevelopment] => (Combination::HuntAndFarm, vec![Risk::HuntingStops, Risk::BaseWalksOut]),
            _ => continue,
        };
        let logged = roles::logged_minutes(c, Some(p.id), from, to)?;
        let total: i64 = logged.iter().map(|(_, m)| m).sum();
        let hunting: i64 = logged.iter().filter(|(st, _)| *st == Some(Stage::LeadGeneration)).map(|(_, m)| m).sum();
        out.push(StructureAdvice {
            person_id: p.id,
            person_name: p.name.clone(),
            stages,
            combination,
            risks,
            prospecting_share_pct: (total > 0).then(|| (hunting * 100 / total) as u32),
            logged_minutes_4w: total,
            new_clients_30d: new_30,
            new_clients_per_month_6m: (new_6m * 10.0).round() / 10.0,
        });
    }
    Ok(out)
}

// ---- the time table ------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageMinutes {
    pub stage: Option<Stage>,
    #[ts(type = "number")]
    pub planned: i64,
    #[ts(type = "number")]
    pub logged: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimeTable {
    #[ts(type = "number")]
    pub person_id: i64,
    /// The Monday of the week shown.
    pub week_start: NaiveDate,
    pub blocks: Vec<TimeBlock>,
    /// Planned vs logged minutes per stage (`null` stage: logged time not tied to one).
    pub by_stage: Vec<StageMinutes>,
}

/// A person's planned week against the time logged in the week of `date`.
pub fn time_table(s: &Store, person_id: i64, date: NaiveDate) -> Result<TimeTable> {
    let c = s.conn();
    people::get(c, person_id)?;
    let start = week_start(date);
    let blocks = roles::blocks(c, person_id)?;
    let logged = roles::logged_minutes(c, Some(person_id), start.and_time(NaiveTime::MIN), (start + Duration::days(7)).and_time(NaiveTime::MIN))?;
    let mut by_stage: Vec<StageMinutes> = Stage::ALL
        .iter()
        .map(|st| StageMinutes {
            stage: Some(*st),
            planned: blocks.iter().filter(|b| b.stage == *st).map(|b| i64::from(b.minutes)).sum(),
            logged: logged.iter().filter(|(x, _)| *x == Some(*st)).map(|(_, m)| m).sum(),
        })
        .collect();
    let other: i64 = logged.iter().filter(|(x, _)| x.is_none()).map(|(_, m)| m).sum();
    if other > 0 {
        by_stage.push(StageMinutes { stage: None, planned: 0, logged: other });
    }
    Ok(TimeTable { person_id, week_start: start, blocks, by_stage })
}

/// Replaces a person's planned week.
pub fn set_time_table(s: &mut Store, person_id: i64, blocks: &[TimeBlock]) -> Result<Vec<TimeBlock>> {
    for (i, b) in blocks.iter().enumerate() {
        let f = |x: &str| format!("time_table[{i}].{x}");
        if !(1..=7).contains(&b.weekday) {
            return Err(Error::validation(&f("weekday"), "Pick a weekday 1–7 (1 = Monday)."));
        }
        if crate::playbook::template::parse_hhmm(&b.start).is_none() {
            return Err(Error::validation(&f("start"), format!("“{}” is not a time; write it as HH:MM.", b.start)));
        }
        if !(5..=1440).contains(&b.minutes) {
            return Err(Error::validation(&f("minutes"), "A block lasts between 5 and 1440 minutes."));
        }
    }
    s.write(|tx| {
        people::get(tx, person_id)?;
        roles::replace_blocks(tx, person_id, blocks)?;
        roles::blocks(tx, person_id)
    })
}

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

/// The lists of Today, each of which can be opened in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TodayListKind {
    NoNextStep,
    Overdue,
    Stale,
    LeadsToCall,
    FirstDealsDue,
    CheckinsDue,
    OrdersExpected,
    TasksDue,
}

/// One page of a full list of Today: its deals, clients or tasks (the other
/// two empty) and how many the whole list holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayPage {
    pub deals: Vec<DealCard>,
    pub clients: Vec<ClientDue>,
    pub tasks: Vec<TaskDue>,
    #[ts(type = "number")]
    pub total: i64,
}

/// The most rows one page of a full list carries.
pub const PAGE_MAX: u32 = 500;

/// What every list of Today is measured against, worked out once.
struct Rules {
    date: NaiveDate,
    settings: WorkSettings,
    cycle_days: u32,
    cycle_measured: bool,
    targets: crate::usecases::targets::Targets,
    /// Before this day, quiet time does not count (a new workspace, an import).
    counting: NaiveDate,
}

fn rules(c: &rusqlite::Connection, clock: &dyn Clock) -> Result<Rules> {
    let settings = meta::work_settings(c)?;
    let date = clock.today();
    let (cycle_days, cycle_measured) = match q::average_cycle_days(c)? {
        Some(d) if d >= 1.0 => (d.round() as u32, true),
        _ => (settings.default_cycle_days, false),
    };
    let targets = crate::usecases::targets::targets(c, date)?;
    let counting = crate::usecases::first_hour::counting_starts(c, clock)?;
    Ok(Rules { date, settings, cycle_days, cycle_measured, targets, counting })
}

fn page_of(c: &rusqlite::Connection, r: &Rules, owner: Option<i64>, tag: Option<&str>, kind: TodayListKind, page: q::Page) -> Result<TodayPage> {
    let date = r.date;
    let days = |n: u32| Duration::days(i64::from(n));
    let deals = |(deals, total): (Vec<DealCard>, i64)| TodayPage { deals, clients: vec![], tasks: vec![], total };
    let clients = |(clients, total): (Vec<ClientDue>, i64)| TodayPage { deals: vec![], clients, tasks: vec![], total };
    let cadence = &r.targets.cadence;
    Ok(match kind {
        TodayListKind::NoNextStep => deals(q::without_next_step(c, owner, tag, page)?),
        TodayListKind::Overdue => deals(q::next_step_before(c, owner, tag, date - days(r.settings.overdue_days), page)?),
        TodayListKind::Stale => {
            // Quiet time before the workspace (or its imported history) never
            // counts: the stale check finds nothing until a whole cycle has passed.
            let cutoff = date - days(r.cycle_days);
            if r.counting < cutoff { deals(q::stale(c, owner, tag, cutoff, page)?) } else { deals((vec![], 0)) }
        }
        TodayListKind::LeadsToCall => deals(q::stage_due(c, owner, tag, Stage::LeadGeneration, date, page)?),
        TodayListKind::FirstDealsDue => deals(q::stage_due(c, owner, tag, Stage::FirstDeal, date, page)?),
        TodayListKind::CheckinsDue => {
            let cutoffs = [
                (Some(Abc::A), date - days(cadence.a_days)),
                (Some(Abc::B), date - days(cadence.b_days)),
                (Some(Abc::C), date - days(cadence.c_days)),
                (None, date - days(cadence.c_days)),
            ];
            clients(q::checkins_due(c, owner, tag, cutoffs, page)?)
        }
        TodayListKind::OrdersExpected => clients(q::orders_expected(c, owner, tag, date + days(r.settings.repeat_order_horizon_days), page)?),
        TodayListKind::TasksDue => {
            let tomorrow = date.and_time(NaiveTime::MIN) + Duration::days(1);
            let (tasks, total) = q::tasks_due(c, owner, tag, tomorrow, page)?;
            TodayPage { deals: vec![], clients: vec![], tasks, total }
        }
    })
}

pub fn today(s: &Store, clock: &dyn Clock, owner: Option<i64>) -> Result<Today> {
    today_tagged(s, clock, owner, None)
}

/// The tag a Today is narrowed to, as the lists compare it (folded); an
/// empty one narrows nothing.
fn tag_key(tag: Option<&str>) -> Option<String> {
    tag.map(crate::store::tags::key).filter(|k| !k.is_empty())
}

/// Today narrowed to the clients carrying `tag` (on the company or the
/// contact of a deal, task or client; a company counts when one of its
/// contacts carries it). The calls done today and the broken norms are the
/// person's whole day and stay unfiltered.
pub fn today_tagged(s: &Store, clock: &dyn Clock, owner: Option<i64>, tag: Option<&str>) -> Result<Today> {
    let c = s.conn();
    let r = rules(c, clock)?;
    let tag = tag_key(tag);
    let tag = tag.as_deref();
    let first = |kind| page_of(c, &r, owner, tag, kind, LIST_LIMIT.into());
    let deals = |kind| first(kind).map(|p| DealList { deals: p.deals, total: p.total });
    let clients = |kind| first(kind).map(|p| ClientList { clients: p.clients, total: p.total });
    let start = r.date.and_time(NaiveTime::MIN);
    let tasks = first(TodayListKind::TasksDue)?;
    Ok(Today {
        date: r.date,
        no_next_step: deals(TodayListKind::NoNextStep)?,
        overdue: deals(TodayListKind::Overdue)?,
        stale: deals(TodayListKind::Stale)?,
        cycle_days: r.cycle_days,
        cycle_measured: r.cycle_measured,
        calls_today: q::calls_done(c, owner, start, start + Duration::days(1))?,
        leads_to_call: deals(TodayListKind::LeadsToCall)?,
        first_deals_due: deals(TodayListKind::FirstDealsDue)?,
        checkins_due: clients(TodayListKind::CheckinsDue)?,
        orders_expected: clients(TodayListKind::OrdersExpected)?,
        tasks_due: TaskList { tasks: tasks.tasks, total: tasks.total },
        violations: crate::usecases::norms::violations(c, clock, owner, LIST_LIMIT)?,
        targets: r.targets.clone(),
        settings: r.settings.clone(),
    })
}

/// One page of a whole list of Today (what "Show all" opens): `limit` rows
/// (at most [`PAGE_MAX`]) from `offset`, in Today's order, by the same rules.
pub fn today_list(s: &Store, clock: &dyn Clock, owner: Option<i64>, tag: Option<&str>, kind: TodayListKind, offset: u32, limit: u32) -> Result<TodayPage> {
    let c = s.conn();
    let tag = tag_key(tag);
    page_of(c, &rules(c, clock)?, owner, tag.as_deref(), kind, q::Page { offset, limit: limit.min(PAGE_MAX) })
}

/// Today after the routine engine has run (a cheap no-op when it already ran
/// today for the same playbook), so routine tasks due today are on it.
pub fn today_fresh(s: &mut Store, clock: &dyn Clock, owner: Option<i64>) -> Result<Today> {
    today_fresh_tagged(s, clock, owner, None)
}

/// Everything Today's first paint needs, in one answer (one IPC round trip
/// instead of five the shell would serialise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodayScreen {
    pub today: Today,
    /// The moving-in checklist of a new workspace.
    pub checklist: crate::usecases::first_hour::Checklist,
    /// Who Today can be narrowed to: the people not archived.
    pub people: Vec<crate::model::Person>,
    /// The tags Today can be narrowed to, by name.
    pub tags: Vec<String>,
    /// The routines (not archived) that generated tasks name as their source.
    pub routines: Vec<crate::store::regulations::Regulation>,
}

/// [`today_fresh_tagged`] with the checklist, the people, the tag names and
/// the routines Today shows beside it.
pub fn screen(s: &mut Store, clock: &dyn Clock, owner: Option<i64>, tag: Option<&str>) -> Result<TodayScreen> {
    let today = today_fresh_tagged(s, clock, owner, tag)?;
    let checklist = crate::usecases::first_hour::checklist(s, clock)?;
    let c = s.conn();
    let people = crate::store::people::list(c)?.into_iter().filter(|p| !p.archived).collect();
    let tags = crate::usecases::tags::tag_names(s)?;
    let routines =
        crate::store::regulations::list(c)?.into_iter().filter(|r| r.kind == crate::playbook::template::RegulationKind::Routine && !r.archived).collect();
    Ok(TodayScreen { today, checklist, people, tags, routines })
}

/// [`today_fresh`] narrowed to a tag as [`today_tagged`] does.
pub fn today_fresh_tagged(s: &mut Store, clock: &dyn Clock, owner: Option<i64>, tag: Option<&str>) -> Result<Today> {
    crate::usecases::routines::generate_if_due(s, clock)?;
    today_tagged(s, clock, owner, tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientKind, CompanyInput, PersonInput};
    use crate::playbook::template::RegulationKind;
    use crate::store::testing::{clock, store};
    use crate::usecases::{crm, first_hour, regulations, tags};

    #[test]
    fn the_screen_answer_holds_what_the_separate_reads_give() {
        let mut s = store();
        let kept = crm::create_person(&mut s, &clock(), &PersonInput { name: "Vera".into(), ..Default::default() }).unwrap();
        let gone = crm::create_person(&mut s, &clock(), &PersonInput { name: "Oleg".into(), ..Default::default() }).unwrap();
        crm::archive_person(&mut s, &clock(), gone.id).unwrap();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        tags::add_tag(&mut s, &clock(), ClientKind::Company, &[co.id], "VIP").unwrap();
        tags::add_tag(&mut s, &clock(), ClientKind::Company, &[co.id], "Berlin").unwrap();

        let screen = screen(&mut s, &clock(), None, Some("VIP")).unwrap();
        assert_eq!(screen.today, today_tagged(&s, &clock(), None, Some("VIP")).unwrap());
        assert_eq!(screen.checklist, first_hour::checklist(&s, &clock()).unwrap());
        let people: Vec<i64> = screen.people.iter().map(|p| p.id).collect();
        assert!(people.contains(&kept.id) && !people.contains(&gone.id), "archived people are no choice: {people:?}");
        assert_eq!(screen.tags, tags::list_tags(&s).unwrap().into_iter().map(|t| t.name).collect::<Vec<_>>());
        assert_eq!(screen.tags, vec!["Berlin".to_string(), "VIP".into()]);
        let routines: Vec<_> = regulations::list_regulations(&s).unwrap().into_iter().filter(|r| r.kind == RegulationKind::Routine && !r.archived).collect();
        assert_eq!(screen.routines, routines);
        assert!(screen.routines.iter().all(|r| r.kind == RegulationKind::Routine));
    }
}

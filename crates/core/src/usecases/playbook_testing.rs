//! What the playbook's tests share: a workspace with the mini template and an
//! owner holding every role, a fixed clock, a lead.

use super::{crm, pipeline};
use super::{regulations::*, templates::*};
use crate::clock::{Clock, FixedClock};
use crate::model::*;
use crate::store::meta::NewWorkspace;
use crate::store::{Store, regulations};
use chrono::NaiveDate;

pub(super) const MINI: &str = include_str!("../playbook/testdata/mini.en.json");

pub(super) fn at(s: &str) -> FixedClock {
    FixedClock::at(&format!("{s}+01:00"))
}

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A workspace with the mini template and an owner holding every role,
/// set up in October so that its norms are judged by late November.
pub(super) fn ws() -> (Store, i64) {
    let set_up = at("2026-10-01T09:00:00");
    let mut s = Store::in_memory(&set_up, &NewWorkspace::new("Test Ltd", Lang::En, "EUR")).unwrap();
    import(&mut s, &set_up, "mini.json", MINI, false).unwrap();
    let owner = crm::create_person(
        &mut s,
        &set_up,
        &PersonInput { name: "Olga Owner".into(), roles: vec![Role::Hunter, Role::Closer, Role::AccountManager, Role::HeadOfSales], ..Default::default() },
    )
    .unwrap();
    (s, owner.id)
}

pub(super) fn lead(s: &mut Store, c: &FixedClock, company: &str) -> Deal {
    pipeline::create_lead(
        s,
        c,
        &pipeline::LeadInput {
            company_name: company.into(),
            first_name: "Ivan".into(),
            last_name: "Petrov".into(),
            phone: None,
            email: None,
            source: Source::ColdCall,
            referred_by_id: None,
            title: String::new(),
            value_minor: 100_000,
            next_step: "Call".into(),
            next_step_date: c.today(),
            company_id: None,
            contact_id: None,
        },
    )
    .unwrap()
}

pub(super) fn reg(s: &Store, key: &str) -> regulations::Regulation {
    list_regulations(s).unwrap().into_iter().find(|r| r.key == key).unwrap()
}

pub(super) fn occurrences(s: &Store, key: &str) -> Vec<String> {
    regulations::generated_activities(s.conn(), reg(s, key).id).unwrap().into_iter().map(|(k, _)| k).collect()
}

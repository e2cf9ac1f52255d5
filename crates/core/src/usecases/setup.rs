//! The first-run wizard: a template, the people with their roles, the working days.

use super::routines::bump_revision;
use super::templates::{apply_in, plan_params, store_plan, template_info};
use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::model::*;
use crate::playbook::template::{self, PlanParams, TemplateInfo};
use crate::store::{self, Store, meta, roles};
use crate::validate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// Who holds which roles, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupPerson {
    pub name: String,
    pub roles: Vec<Role>,
}

/// The first-run wizard's answers (the language is the workspace's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupInput {
    /// A built-in template id, e.g. `generic-b2b`.
    pub template_id: String,
    /// The first person is the owner. Every role should be held by someone.
    pub people: Vec<SetupPerson>,
    /// ISO weekdays, 1 = Monday.
    pub working_days: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupResult {
    pub template: TemplateInfo,
    pub people: Vec<Person>,
    pub plan: PlanParams,
}

/// Applies the wizard's answers to a workspace: the template in the
/// workspace's language, the people with their roles, the working days.
pub fn setup(s: &mut Store, clock: &dyn Clock, i: &SetupInput) -> Result<SetupResult> {
    let lang = meta::load(s.conn())?.lang;
    let t = template::builtin(&i.template_id, lang).map_err(|e| Error { field: Some("setup.template_id".into()), ..e })?;
    if i.people.is_empty() {
        return Err(Error::validation("setup.people", "Name at least one person: who runs the sales."));
    }
    let mut wd = i.working_days.clone();
    wd.sort_unstable();
    wd.dedup();
    if wd.is_empty() || wd.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::validation("setup.working_days", "Pick at least one working day (1 = Monday … 7 = Sunday)."));
    }
    let mut names = vec![];
    for (n, p) in i.people.iter().enumerate() {
        names.push(validate::required(&format!("setup.people[{n}].name"), &p.name, validate::NAME_MAX)?);
    }
    let now = stamp(clock.now());
    let currency = meta::currency(s.conn())?;
    s.write(|tx| {
        apply_in(tx, clock, &t)?;
        let mut plan = plan_params(tx)?;
        plan.working_days = wd.clone();
        plan.currency = currency.clone();
        store_plan(tx, &plan, &now)?;
        let existing = store::people::list(tx)?;
        let mut ids = vec![];
        for (n, p) in i.people.iter().enumerate() {
            let id = match existing.iter().find(|e| e.name == names[n]) {
                Some(e) => e.id,
                None => {
                    let first = store::stats::count_live(tx, "people")? == 0;
                    store::people::insert(tx, &now, &names[n], None, None, first)?
                }
            };
            ids.push((id, p));
        }
        // Each role named in the wizard is held by exactly the people named for it.
        let named: BTreeSet<Role> = i.people.iter().flat_map(|p| p.roles.iter().copied()).collect();
        for role in &named {
            for h in roles::holders(tx, *role)? {
                roles::take_role(tx, h, *role)?;
            }
        }
        for (id, p) in &ids {
            for role in &p.roles {
                roles::give_role(tx, *id, *role, &now)?;
            }
        }
        bump_revision(tx)?;
        let people = ids.iter().map(|(id, _)| store::people::get(tx, *id)).collect::<Result<Vec<_>>>()?;
        Ok(SetupResult { template: template_info(tx)?, people, plan: plan_params(tx)? })
    })
}

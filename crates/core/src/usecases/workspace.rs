//! Creating, opening, describing and checking a workspace file.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::{Lang, Stage};
use crate::playbook::template::Template;
use crate::store::{Passphrase, Store, meta, stats};
use crate::usecases::templates;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// What the UI needs to know about the open workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceSummary {
    pub path: String,
    pub name: String,
    pub lang: Lang,
    pub currency: String,
    pub is_demo: bool,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Protected with a passphrase (encrypted at rest).
    pub encrypted: bool,
}

/// `conveyor info`: counts per entity and the schema version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub summary: WorkspaceSummary,
    pub created_at: String,
    pub counts: Counts,
    /// Open deals per stage, in stage order.
    pub open_deals_by_stage: Vec<StageCount>,
    /// Rows an import wrote whose search entries are still being made
    /// (found by search anyway, more slowly); 0 once they are all made.
    #[ts(type = "number")]
    pub search_pending: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counts {
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub companies: i64,
    #[ts(type = "number")]
    pub contacts: i64,
    #[ts(type = "number")]
    pub steps: i64,
    #[ts(type = "number")]
    pub deals: i64,
    #[ts(type = "number")]
    pub deals_open: i64,
    #[ts(type = "number")]
    pub deals_won: i64,
    #[ts(type = "number")]
    pub deals_lost: i64,
    #[ts(type = "number")]
    pub deals_disqualified: i64,
    #[ts(type = "number")]
    pub activities: i64,
    #[ts(type = "number")]
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageCount {
    pub stage: Stage,
    #[ts(type = "number")]
    pub count: i64,
}

/// `conveyor check`: the file's health and the rule violations in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckReport {
    /// `PRAGMA integrity_check` problems (empty when healthy).
    pub integrity: Vec<String>,
    /// `PRAGMA foreign_key_check` problems (empty when healthy).
    pub foreign_keys: Vec<String>,
    /// Business-rule violations: not damage, but work to do.
    pub violations: Vec<Violation>,
}

impl CheckReport {
    /// The file itself is sound (violations are work, not damage).
    pub fn file_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Violation {
    /// Stable rule code, e.g. `deal_without_next_step`.
    pub rule: String,
    #[ts(type = "number")]
    pub deal_id: i64,
    pub message: String,
}

pub fn create(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
    create_with(path, clock, init, None)
}

pub fn open(path: &Path, clock: &dyn Clock) -> Result<Store> {
    Store::open(path, clock)
}

/// Creates a workspace, encrypted when a passphrase is given.
pub fn create_with(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace, key: Option<&Passphrase>) -> Result<Store> {
    match template_of(init)? {
        Some(t) => Store::create_seeded(path, clock, init, key, Some(&|tx| templates::apply_in(tx, clock, &t).map(drop))),
        None => Store::create_with(path, clock, init, key),
    }
}

/// [`create_with`], then filled by `fill` (the demo's business) before the
/// file takes its name: a kill leaves no half workspace.
pub fn create_filled<R>(
    path: &Path,
    clock: &dyn Clock,
    init: &meta::NewWorkspace,
    key: Option<&Passphrase>,
    fill: impl FnOnce(&mut Store) -> Result<R>,
) -> Result<(Store, R)> {
    match template_of(init)? {
        Some(t) => Store::create_filled(path, clock, init, key, Some(&|tx| templates::apply_in(tx, clock, &t).map(drop)), fill),
        None => Store::create_filled(path, clock, init, key, None, fill),
    }
}

/// A workspace in memory, made like [`create`] (tests, benchmarks).
pub fn in_memory(clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
    match template_of(init)? {
        Some(t) => Store::in_memory_seeded(clock, init, Some(&|tx| templates::apply_in(tx, clock, &t).map(drop))),
        None => Store::in_memory(clock, init),
    }
}

/// The built-in template a new workspace starts from, read before the file is made.
fn template_of(init: &meta::NewWorkspace) -> Result<Option<Template>> {
    init.template.as_deref().map(|id| crate::playbook::template::builtin(id, init.lang)).transpose()
}

/// Opens a workspace that may be encrypted (`passphrase_required` /
/// `wrong_passphrase` when the passphrase is missing or wrong).
pub fn open_with(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Store> {
    Store::open_with(path, clock, key)
}

/// Opens a workspace for reading only: no lock, one consistent snapshot,
/// also while another program writes to it and on a read-only file
/// ([`Store::open_for_reading`]).
pub fn open_for_reading(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Store> {
    Store::open_for_reading(path, clock, key)
}

pub fn summary(store: &Store) -> Result<WorkspaceSummary> {
    let m = meta::load(store.conn())?;
    Ok(WorkspaceSummary {
        path: store.path().map(|p| p.display().to_string()).unwrap_or_default(),
        name: m.name,
        lang: m.lang,
        currency: m.currency,
        is_demo: m.is_demo,
        schema_version: store.schema_version()?,
        encrypted: store.is_encrypted(),
    })
}

pub fn info(store: &Store) -> Result<WorkspaceInfo> {
    let c = store.conn();
    let counts = counts(c)?;
    let by_stage = stats::open_deals_by_stage(c)?;
    let open_deals_by_stage =
        Stage::ALL.iter().map(|s| StageCount { stage: *s, count: by_stage.iter().find(|(k, _)| k == s.code()).map_or(0, |(_, n)| *n) }).collect();
    let search_pending = crate::store::search::pending(c)?;
    Ok(WorkspaceInfo { summary: summary(store)?, created_at: meta::load(c)?.created_at, counts, open_deals_by_stage, search_pending })
}

/// Counts per entity of any workspace connection (also a read-only backup).
pub fn counts(c: &rusqlite::Connection) -> Result<Counts> {
    let by_status = stats::deals_by_status(c)?;
    let status = |s: &str| by_status.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
    let counts = Counts {
        people: stats::count_live(c, "people")?,
        companies: stats::count_live(c, "companies")?,
        contacts: stats::count_live(c, "contacts")?,
        steps: stats::count_live(c, "steps")?,
        deals: by_status.iter().map(|(_, n)| n).sum(),
        deals_open: status("open"),
        deals_won: status("won"),
        deals_lost: status("lost"),
        deals_disqualified: status("disqualified"),
        activities: stats::count_live(c, "activities")?,
        orders: stats::count_live(c, "orders")?,
    };
    Ok(counts)
}

pub fn check(store: &Store) -> Result<CheckReport> {
    let c = store.conn();
    let violations = stats::deals_without_next_step(c)?
        .into_iter()
        .map(|(id, title)| Violation {
            rule: "deal_without_next_step".into(),
            deal_id: id,
            message: format!("Deal #{id} “{title}” has no next step with a date. Plan one, or disqualify the deal."),
        })
        .collect();
    Ok(CheckReport { integrity: stats::integrity_problems(c)?, foreign_keys: stats::foreign_key_problems(c)?, violations })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{clock, store};

    #[test]
    fn a_new_workspace_has_the_default_steps_of_all_three_stages_and_no_data() {
        let s = store();
        let i = info(&s).unwrap();
        assert_eq!(i.counts.steps, 12);
        assert_eq!(i.counts.deals, 0);
        assert_eq!(i.open_deals_by_stage.iter().map(|c| c.stage).collect::<Vec<_>>(), Stage::ALL.to_vec());
        assert_eq!(i.summary.name, "Test Ltd");
        assert_eq!(i.summary.currency, "EUR");
        let r = check(&s).unwrap();
        assert!(r.file_ok());
        assert!(r.violations.is_empty());
        let _ = clock();
    }
}

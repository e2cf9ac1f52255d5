//! Workspace settings kept inside the file.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Lang;
use crate::validate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a new workspace starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewWorkspace {
    pub name: String,
    pub lang: Lang,
    pub currency: String,
    pub is_demo: bool,
    /// A built-in template id (e.g. `generic-b2b`) to start from; `null`:
    /// only the default steps and cards, no scripts or regulations.
    #[serde(default)]
    pub template: Option<String>,
}

impl NewWorkspace {
    pub fn new(name: &str, lang: Lang, currency: &str) -> Self {
        NewWorkspace { name: name.into(), lang, currency: currency.into(), is_demo: false, template: None }
    }
    pub fn with_template(mut self, id: &str) -> Self {
        self.template = Some(id.to_string());
        self
    }
    pub(crate) fn validate(&self) -> Result<()> {
        validate::required("workspace.name", &self.name, validate::NAME_MAX)?;
        validate::currency("workspace.currency", &self.currency)?;
        if let Some(id) = &self.template {
            crate::playbook::template::builtin(id, self.lang)?;
        }
        Ok(())
    }
}

/// The workspace's own settings as stored in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceMeta {
    pub name: String,
    pub lang: Lang,
    pub currency: String,
    pub is_demo: bool,
    pub created_at: String,
}

pub(crate) fn initialise(c: &Connection, clock: &dyn Clock, init: &NewWorkspace) -> Result<()> {
    let name = validate::required("workspace.name", &init.name, validate::NAME_MAX)?;
    let currency = validate::currency("workspace.currency", &init.currency)?;
    let mut st = c.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    for (k, v) in [
        ("name", name.as_str()),
        ("lang", init.lang.code()),
        ("currency", currency.as_str()),
        ("is_demo", if init.is_demo { "1" } else { "0" }),
        ("created_at", &stamp(clock.now())),
    ] {
        st.execute(params![k, v])?;
    }
    Ok(())
}

fn get(c: &Connection, key: &str) -> Result<String> {
    c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::InvalidFile, format!("The workspace has no “{key}” setting; it may be damaged. Restore it from a backup.")))
}

pub fn load(c: &Connection) -> Result<WorkspaceMeta> {
    Ok(WorkspaceMeta {
        name: get(c, "name")?,
        lang: Lang::parse("workspace.lang", &get(c, "lang")?)?,
        currency: get(c, "currency")?,
        is_demo: get(c, "is_demo")? == "1",
        created_at: get(c, "created_at")?,
    })
}

/// The schema version a file was written with.
pub fn schema_version(c: &Connection) -> Result<i64> {
    Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// When a backup copy was taken (none for a workspace file itself).
pub fn backup_taken_at(c: &Connection) -> Result<Option<String>> {
    Ok(c.query_row("SELECT value FROM meta WHERE key = 'backup_taken_at'", [], |r| r.get(0)).optional()?)
}

/// Marks a fresh backup copy: the time it was taken, and one self-contained
/// file (no WAL beside it).
pub fn mark_backup(c: &Connection, taken_at: &str) -> Result<()> {
    c.execute_batch("PRAGMA journal_mode = DELETE;")?;
    c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_taken_at', ?1)", [taken_at])?;
    Ok(())
}

pub fn currency(c: &Connection) -> Result<String> {
    get(c, "currency")
}

/// Norms of the daily work, kept in the workspace (defaults from DESIGN.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkSettings {
    /// A next step this many days late is a problem on Today.
    pub overdue_days: u32,
    /// Calls per day of the prospecting block.
    pub prospecting_goal_calls: u32,
    /// Check-in cadence, in days, for A, B and C clients.
    pub cadence_a_days: u32,
    pub cadence_b_days: u32,
    pub cadence_c_days: u32,
    /// Repeat orders expected within this many days show on Today.
    pub repeat_order_horizon_days: u32,
    /// The stale rule's threshold when there is no won deal to measure the cycle.
    pub default_cycle_days: u32,
}

impl Default for WorkSettings {
    fn default() -> Self {
        WorkSettings {
            overdue_days: 3,
            prospecting_goal_calls: 30,
            cadence_a_days: 30,
            cadence_b_days: 60,
            cadence_c_days: 90,
            repeat_order_horizon_days: 7,
            default_cycle_days: 30,
        }
    }
}

pub fn work_settings(c: &Connection) -> Result<WorkSettings> {
    let json: Option<String> = c.query_row("SELECT value FROM meta WHERE key = 'work_settings'", [], |r| r.get(0)).optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub fn set_work_settings(c: &Connection, s: &WorkSettings) -> Result<()> {
    let json = serde_json::to_string(s).map_err(|e| Error::internal(e.to_string()))?;
    c.execute("INSERT INTO meta (key, value) VALUES ('work_settings', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [json])?;
    Ok(())
}

/// A free-form setting, if set.
pub(crate) fn get_opt(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(c.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

pub(crate) fn set(c: &Connection, key: &str, value: &str) -> Result<()> {
    c.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?.execute(params![key, value])?;
    Ok(())
}

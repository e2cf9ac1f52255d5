//! What the first hour in a workspace reads and records: when the things a
//! norm depends on began (the regulation, the role, imported history), and
//! the facts behind the moving-in checklist.

use crate::error::Result;
use crate::model::Role;
use crate::store::meta;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;

/// When a regulation was written into the workspace (a UTC stamp).
pub fn regulation_created_at(c: &Connection, regulation_id: i64) -> Result<Option<String>> {
    Ok(c.prepare_cached("SELECT created_at FROM regulations WHERE id = ?1")?.query_row([regulation_id], |r| r.get(0)).optional()?)
}

/// Since when `person` holds `role` (a UTC stamp), if they hold it.
pub fn role_since_of(c: &Connection, person: i64, role: Role) -> Result<Option<String>> {
    Ok(c.prepare_cached(
        "SELECT r.since FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.person_id = ?1 AND r.role = ?2 AND p.archived_at IS NULL",
    )?
    .query_row(params![person, role], |r| r.get(0))
    .optional()?)
}

/// Since when anyone (still here) holds `role`: the earliest holder's stamp.
pub fn role_since(c: &Connection, role: Role) -> Result<Option<String>> {
    Ok(c.prepare_cached("SELECT min(r.since) FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.role = ?1 AND p.archived_at IS NULL")?
        .query_row([role], |r| r.get(0))?)
}

const HISTORY_ENDS: &str = "history_ends_on";

/// The last day of history an import brought in (`YYYY-MM-DD`), if any.
pub fn history_ends_on(c: &Connection) -> Result<Option<String>> {
    meta::get_opt(c, HISTORY_ENDS)
}

/// Remembers the last day of imported history, keeping the later of the
/// stored one and `day` (`YYYY-MM-DD`).
pub fn record_history_end(c: &Connection, day: &str) -> Result<()> {
    match history_ends_on(c)? {
        Some(d) if d.as_str() >= day => Ok(()),
        _ => meta::set(c, HISTORY_ENDS, day),
    }
}

/// Sales history is in the workspace: an order, a closed deal, or a deal
/// dated before the workspace itself existed (brought in from elsewhere).
pub fn has_sales_history(c: &Connection, workspace_created_at: &str) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE archived_at IS NULL)
             OR EXISTS (SELECT 1 FROM deals WHERE archived_at IS NULL AND (status <> 'open' OR created_at < ?1))",
    )?
    .query_row([workspace_created_at], |r| r.get(0))?)
}

/// Whether any contact or company is in the workspace.
pub fn has_contacts(c: &Connection) -> Result<bool> {
    Ok(c.prepare_cached("SELECT EXISTS (SELECT 1 FROM contacts WHERE archived_at IS NULL) OR EXISTS (SELECT 1 FROM companies WHERE archived_at IS NULL)")?
        .query_row([], |r| r.get(0))?)
}

/// Whether a saved plan covers `day` (`YYYY-MM-DD`).
pub fn has_plan_covering(c: &Connection, day: &str) -> Result<bool> {
    Ok(c.prepare_cached("SELECT EXISTS (SELECT 1 FROM plans WHERE period_start <= ?1 AND period_end > ?1 AND target_minor > 0)")?
        .query_row([day], |r| r.get(0))?)
}

/// A stamp kept under a meta key (e.g. when the steps were last reviewed).
pub fn stamp_of(c: &Connection, key: &str) -> Result<Option<String>> {
    meta::get_opt(c, key)
}

pub fn set_stamp(c: &Connection, key: &str, stamp: &str) -> Result<()> {
    meta::set(c, key, stamp)
}

pub fn clear_stamp(c: &Connection, key: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM meta WHERE key = ?1")?.execute([key])?;
    Ok(())
}

const BOOKS: &str = "books_saved";

/// When each role's regulation book was last saved as a document.
pub fn books_saved(c: &Connection) -> Result<BTreeMap<Role, String>> {
    Ok(meta::get_opt(c, BOOKS)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub fn record_book_saved(c: &Connection, roles: &[Role], stamp: &str) -> Result<()> {
    let mut saved = books_saved(c)?;
    for r in roles {
        saved.insert(*r, stamp.to_string());
    }
    let json = serde_json::to_string(&saved).map_err(|e| crate::error::Error::internal(e.to_string()))?;
    meta::set(c, BOOKS, &json)
}

/// The demo business has run for a while: its workspace, roles and
/// regulations date from `stamp`, so its norms are judged from then on.
pub fn backdate_start(c: &Connection, stamp: &str) -> Result<()> {
    meta::set(c, "created_at", stamp)?;
    c.execute("UPDATE person_roles SET since = ?1", [stamp])?;
    c.execute("UPDATE regulations SET created_at = ?1 WHERE created_at > ?1", [stamp])?;
    Ok(())
}

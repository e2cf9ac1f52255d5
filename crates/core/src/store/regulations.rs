//! Regulations of the stages and roles, and the occurrences their routines
//! generated (each exactly once: UNIQUE (regulation, occurrence key)).

use crate::error::{Error, Result};
use crate::model::{Role, Stage};
use crate::playbook::template::{RegulationDef, RegulationKind, Rule};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Regulation {
    #[ts(type = "number")]
    pub id: i64,
    pub key: String,
    pub stage: Option<Stage>,
    pub role: Role,
    pub kind: RegulationKind,
    pub title: String,
    /// Markdown subset; rendered as text.
    pub text: String,
    pub rule: Option<Rule>,
    pub documents: Vec<String>,
    pub position: i32,
    pub archived: bool,
}

impl Regulation {
    pub fn def(&self) -> RegulationDef {
        RegulationDef {
            key: self.key.clone(),
            stage: self.stage,
            role: self.role,
            kind: self.kind,
            title: self.title.clone(),
            text: self.text.clone(),
            rule: self.rule.clone(),
            documents: self.documents.clone(),
        }
    }
}

const COLS: &str = "id, key, stage, role, kind, title, text, rule, documents, position, archived_at IS NOT NULL";

fn json_err(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn row(r: &Row) -> rusqlite::Result<Regulation> {
    let rule: Option<String> = r.get(7)?;
    let docs: String = r.get(8)?;
    Ok(Regulation {
        id: r.get(0)?,
        key: r.get(1)?,
        stage: r.get(2)?,
        role: r.get(3)?,
        kind: r.get(4)?,
        title: r.get(5)?,
        text: r.get(6)?,
        rule: rule.map(|j| serde_json::from_str(&j)).transpose().map_err(json_err)?,
        documents: serde_json::from_str(&docs).map_err(json_err)?,
        position: r.get(9)?,
        archived: r.get(10)?,
    })
}

fn jsons(d: &RegulationDef) -> Result<(Option<String>, String)> {
    let rule = d.rule.as_ref().map(serde_json::to_string).transpose().map_err(|e| Error::internal(e.to_string()))?;
    let docs = serde_json::to_string(&d.documents).map_err(|e| Error::internal(e.to_string()))?;
    Ok((rule, docs))
}

pub fn insert(c: &Connection, now: &str, d: &RegulationDef) -> Result<i64> {
    let (rule, docs) = jsons(d)?;
    c.prepare_cached(
        "INSERT INTO regulations (key, stage, role, kind, title, text, rule, documents, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT coalesce(max(position), 0) + 1 FROM regulations WHERE archived_at IS NULL), ?9, ?9)",
    )?
    .execute(params![d.key, d.stage, d.role, d.kind, d.title, d.text, rule, docs, now])?;
    Ok(c.last_insert_rowid())
}

pub fn update(c: &Connection, id: i64, now: &str, d: &RegulationDef) -> Result<()> {
    let (rule, docs) = jsons(d)?;
    let n = c.execute(
        "UPDATE regulations SET stage = ?2, role = ?3, kind = ?4, title = ?5, text = ?6, rule = ?7, documents = ?8, updated_at = ?9
         WHERE id = ?1 AND archived_at IS NULL",
        params![id, d.stage, d.role, d.kind, d.title, d.text, rule, docs, now],
    )?;
    super::changed(n, "Regulation", id)
}

pub fn get(c: &Connection, id: i64) -> Result<Regulation> {
    c.prepare_cached(&format!("SELECT {COLS} FROM regulations WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("Regulation", id))
}

/// Live regulations in order.
pub fn list(c: &Connection) -> Result<Vec<Regulation>> {
    let v = c
        .prepare_cached(&format!("SELECT {COLS} FROM regulations WHERE archived_at IS NULL ORDER BY position, id"))?
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Live regulations of one kind (cheap: a handful of rows).
pub fn list_kind(c: &Connection, kind: RegulationKind) -> Result<Vec<Regulation>> {
    let v = c
        .prepare_cached(&format!("SELECT {COLS} FROM regulations WHERE archived_at IS NULL AND kind = ?1 ORDER BY position, id"))?
        .query_map([kind], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn find_live_by_key(c: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(c.prepare_cached("SELECT id FROM regulations WHERE key = ?1 AND archived_at IS NULL")?.query_row([key], |r| r.get(0)).optional()?)
}

pub fn archive(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute("UPDATE regulations SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
    super::changed(n, "Regulation", id)
}

pub fn set_position(c: &Connection, id: i64, position: i32) -> Result<()> {
    let n = c.execute("UPDATE regulations SET position = ?2 WHERE id = ?1", params![id, position])?;
    super::changed(n, "Regulation", id)
}

/// Claims an occurrence; true when it is new (the caller then creates its task).
pub fn claim_occurrence(c: &Connection, now: &str, regulation_id: i64, key: &str) -> Result<bool> {
    let n = c.prepare_cached("INSERT OR IGNORE INTO routine_occurrences (regulation_id, occurrence_key, created_at) VALUES (?1, ?2, ?3)")?.execute(params![
        regulation_id,
        key,
        now
    ])?;
    Ok(n == 1)
}

pub fn set_occurrence_activity(c: &Connection, regulation_id: i64, key: &str, activity_id: i64) -> Result<()> {
    c.prepare_cached("UPDATE routine_occurrences SET activity_id = ?3 WHERE regulation_id = ?1 AND occurrence_key = ?2")?.execute(params![
        regulation_id,
        key,
        activity_id
    ])?;
    Ok(())
}

/// Forgets the occurrences of a regulation due at or after `from` whose task
/// is not done, and removes those untouched tasks (a changed or archived rule
/// regenerates them). Returns how many went.
pub fn drop_future(c: &Connection, regulation_id: i64, from: NaiveDateTime) -> Result<usize> {
    let ids: Vec<(i64, i64)> = c
        .prepare_cached(
            "SELECT o.id, a.id FROM routine_occurrences o JOIN activities a ON a.id = o.activity_id
             WHERE o.regulation_id = ?1 AND a.done_at IS NULL AND a.due_at >= ?2",
        )?
        .query_map(params![regulation_id, from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (occ, act) in &ids {
        c.execute("DELETE FROM routine_occurrences WHERE id = ?1", [occ])?;
        c.execute("DELETE FROM activities WHERE id = ?1 AND done_at IS NULL", [act])?;
    }
    Ok(ids.len())
}

/// Tasks a regulation generated (for tests and the UI), oldest first.
pub fn generated_activities(c: &Connection, regulation_id: i64) -> Result<Vec<(String, i64)>> {
    let v = c
        .prepare_cached("SELECT occurrence_key, activity_id FROM routine_occurrences WHERE regulation_id = ?1 AND activity_id IS NOT NULL ORDER BY id")?
        .query_map([regulation_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Clients (id, ABC, last contact) whose check-in falls due by `cutoff` for their category.
pub fn clients_due_checkin(c: &Connection, abc: Option<crate::model::Abc>, cutoff: NaiveDate) -> Result<Vec<(i64, Option<NaiveDate>)>> {
    let sql = if abc.is_some() {
        "SELECT id, last_activity_on FROM companies INDEXED BY companies_clients_due
         WHERE client_since IS NOT NULL AND archived_at IS NULL AND abc = ?1 AND last_activity_on < ?2"
    } else {
        "SELECT id, last_activity_on FROM companies INDEXED BY companies_clients_due
         WHERE client_since IS NOT NULL AND archived_at IS NULL AND abc IS NULL AND ?1 IS NULL AND last_activity_on < ?2"
    };
    let v = c.prepare_cached(sql)?.query_map(params![abc, cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Clients whose first sale was on or after `since`: (id, client since).
pub fn first_sales_since(c: &Connection, since: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
    let v = c
        .prepare_cached("SELECT id, client_since FROM companies WHERE client_since >= ?1 AND archived_at IS NULL ORDER BY client_since, id")?
        .query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Clients whose next order is expected between the two dates: (id, expected on).
pub fn orders_expected_between(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
    let v = c
        .prepare_cached(
            "SELECT id, expected_order_on FROM companies INDEXED BY companies_orders_due
             WHERE client_since IS NOT NULL AND archived_at IS NULL AND expected_order_on >= ?1 AND expected_order_on <= ?2",
        )?
        .query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The company's name and its main contact (for a generated task's subject).
pub fn company_brief(c: &Connection, id: i64) -> Result<(String, Option<i64>)> {
    Ok(c.prepare_cached("SELECT name, (SELECT min(id) FROM contacts WHERE company_id = ?1 AND archived_at IS NULL) FROM companies WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

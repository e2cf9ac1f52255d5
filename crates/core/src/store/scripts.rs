//! Scripts of the stages and their versions (each save is a new version).

use crate::error::{Error, Result};
use crate::model::Stage;
use crate::playbook::template::ScriptBody;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A script with the content of its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Script {
    #[ts(type = "number")]
    pub id: i64,
    pub key: String,
    pub stage: Stage,
    pub name: String,
    pub purpose: String,
    pub position: i32,
    /// The current version (what the runner uses and activities point at).
    #[ts(type = "number")]
    pub version_id: i64,
    /// 1, 2, 3 … per script.
    pub version: u32,
    pub body: ScriptBody,
    pub archived: bool,
}

/// One saved version of a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScriptVersion {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub script_id: i64,
    pub number: u32,
    pub created_at: String,
    pub body: ScriptBody,
}

const COLS: &str = "s.id, s.key, s.stage, s.name, s.purpose, s.position, v.id, v.number, v.body, s.archived_at IS NOT NULL";

fn body_of(json: &str) -> rusqlite::Result<ScriptBody> {
    serde_json::from_str(json).map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn row(r: &Row) -> rusqlite::Result<Script> {
    let body: String = r.get(8)?;
    Ok(Script {
        id: r.get(0)?,
        key: r.get(1)?,
        stage: r.get(2)?,
        name: r.get(3)?,
        purpose: r.get(4)?,
        position: r.get(5)?,
        version_id: r.get(6)?,
        version: r.get(7)?,
        body: body_of(&body)?,
        archived: r.get(9)?,
    })
}

pub(crate) fn to_json(body: &ScriptBody) -> Result<String> {
    serde_json::to_string(body).map_err(|e| Error::internal(e.to_string()))
}

pub fn insert(c: &Connection, now: &str, key: &str, stage: Stage, name: &str, purpose: &str, body: &ScriptBody) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO scripts (key, stage, name, purpose, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM scripts WHERE archived_at IS NULL), ?5, ?5)",
    )?
    .execute(params![key, stage, name, purpose, now])?;
    let id = c.last_insert_rowid();
    new_version(c, now, id, body)?;
    Ok(id)
}

/// Saves `body` as the next version and makes it current.
pub fn new_version(c: &Connection, now: &str, script_id: i64, body: &ScriptBody) -> Result<i64> {
    let json = to_json(body)?;
    c.prepare_cached(
        "INSERT INTO script_versions (script_id, number, body, created_at)
         VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM script_versions WHERE script_id = ?1), ?2, ?3)",
    )?
    .execute(params![script_id, json, now])?;
    let vid = c.last_insert_rowid();
    let n = c.execute("UPDATE scripts SET current_version_id = ?2, updated_at = ?3 WHERE id = ?1", params![script_id, vid, now])?;
    super::changed(n, "Script", script_id)?;
    Ok(vid)
}

pub fn get(c: &Connection, id: i64) -> Result<Script> {
    c.prepare_cached(&format!("SELECT {COLS} FROM scripts s JOIN script_versions v ON v.id = s.current_version_id WHERE s.id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("Script", id))
}

/// Live scripts, by stage and position.
pub fn list(c: &Connection) -> Result<Vec<Script>> {
    let v = c
        .prepare_cached(&format!(
            "SELECT {COLS} FROM scripts s JOIN script_versions v ON v.id = s.current_version_id WHERE s.archived_at IS NULL
             ORDER BY CASE s.stage WHEN 'lead_generation' THEN 1 WHEN 'first_deal' THEN 2 ELSE 3 END, s.position, s.id"
        ))?
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn find_live_by_key(c: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(c.prepare_cached("SELECT id FROM scripts WHERE key = ?1 AND archived_at IS NULL")?.query_row([key], |r| r.get(0)).optional()?)
}

/// Every version of a script, newest first.
pub fn versions(c: &Connection, script_id: i64) -> Result<Vec<ScriptVersion>> {
    let v = c
        .prepare_cached("SELECT id, script_id, number, created_at, body FROM script_versions WHERE script_id = ?1 ORDER BY number DESC")?
        .query_map([script_id], version_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

fn version_row(r: &Row) -> rusqlite::Result<ScriptVersion> {
    let body: String = r.get(4)?;
    Ok(ScriptVersion { id: r.get(0)?, script_id: r.get(1)?, number: r.get(2)?, created_at: r.get(3)?, body: body_of(&body)? })
}

pub fn version(c: &Connection, version_id: i64) -> Result<ScriptVersion> {
    c.prepare_cached("SELECT id, script_id, number, created_at, body FROM script_versions WHERE id = ?1")?
        .query_row([version_id], version_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Script version", version_id))
}

pub fn update_meta(c: &Connection, id: i64, now: &str, stage: Stage, name: &str, purpose: &str) -> Result<()> {
    let n = c.execute(
        "UPDATE scripts SET stage = ?2, name = ?3, purpose = ?4, updated_at = ?5 WHERE id = ?1 AND archived_at IS NULL",
        params![id, stage, name, purpose, now],
    )?;
    super::changed(n, "Script", id)
}

pub fn archive(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute("UPDATE scripts SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
    super::changed(n, "Script", id)
}

pub fn set_position(c: &Connection, id: i64, position: i32) -> Result<()> {
    let n = c.execute("UPDATE scripts SET position = ?2 WHERE id = ?1", params![id, position])?;
    super::changed(n, "Script", id)
}

/// Remembers which script version an activity was run with.
pub fn mark_activity(c: &Connection, activity_id: i64, version_id: i64) -> Result<()> {
    let n = c.execute("UPDATE activities SET script_version_id = ?2 WHERE id = ?1", params![activity_id, version_id])?;
    super::changed(n, "Activity", activity_id)
}

pub fn activity_version(c: &Connection, activity_id: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT script_version_id FROM activities WHERE id = ?1", [activity_id], |r| r.get(0))?)
}

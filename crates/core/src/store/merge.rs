//! Merging two clients: every reference to the merged-away record moves to
//! the kept one, and what moved is written down (`merges`; migration 11) so
//! the merge can be undone exactly.

use crate::error::{Error, ErrorCode, Result};
use crate::model::ClientKind;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// Every column that points at a contact or a company, as (table, column).
/// A record's tags and custom values move separately.
pub fn references(kind: ClientKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        ClientKind::Contact => &[
            ("deals", "contact_id"),
            ("deals", "referred_by_id"),
            ("activities", "contact_id"),
            ("orders", "contact_id"),
            ("contacts", "referred_by_id"),
            ("contact_channels", "contact_id"),
            ("addresses", "contact_id"),
        ],
        ClientKind::Company => &[
            ("contacts", "company_id"),
            ("deals", "company_id"),
            ("activities", "company_id"),
            ("orders", "company_id"),
            ("handoffs", "company_id"),
            ("addresses", "company_id"),
            ("companies", "parent_id"),
        ],
    }
}

/// What a merge moved, to put back on undo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// "table.column" → ids of the rows whose column now points at the kept record.
    pub rows: Vec<(String, Vec<i64>)>,
    /// Tags moved over (the kept record did not carry them).
    pub tags: Vec<i64>,
    /// Custom fields whose value moved over (the kept record had none).
    pub values: Vec<i64>,
    /// Channels made on the kept contact from the merged one's primary phone or e-mail.
    pub channels_added: Vec<i64>,
}

/// Points `table.column` at `to` wherever it pointed at `from`, except on row
/// `except` (a record's own row: never its own referrer or parent); the ids
/// of the rows changed.
pub fn move_refs(c: &Connection, table: &str, column: &str, from: i64, to: i64, except: Option<i64>) -> Result<Vec<i64>> {
    let v = c
        .prepare(&format!("UPDATE {table} SET {column} = ?2 WHERE {column} = ?1 AND id IS NOT ?3 RETURNING id"))?
        .query_map(rusqlite::params![from, to, except], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(v)
}

/// Points the given rows' `table.column` back at `to`.
pub fn move_back(c: &Connection, table: &str, column: &str, ids: &[i64], to: i64) -> Result<()> {
    let mut st = c.prepare(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?;
    for id in ids {
        st.execute([*id, to])?;
    }
    Ok(())
}

/// Moves the tags `from` carries and `to` does not; their ids.
pub fn move_tags(c: &Connection, kind: ClientKind, from: i64, to: i64) -> Result<Vec<i64>> {
    let v = c
        .prepare_cached(
            "UPDATE tag_links SET record_id = ?3 WHERE entity = ?1 AND record_id = ?2
                 AND tag_id NOT IN (SELECT tag_id FROM tag_links WHERE entity = ?1 AND record_id = ?3)
             RETURNING tag_id",
        )?
        .query_map(params![kind, from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(v)
}

pub fn move_tags_back(c: &Connection, kind: ClientKind, tags: &[i64], kept: i64, merged: i64) -> Result<()> {
    let mut st = c.prepare_cached("UPDATE tag_links SET record_id = ?4 WHERE entity = ?1 AND record_id = ?2 AND tag_id = ?3")?;
    for t in tags {
        st.execute(params![kind, kept, t, merged])?;
    }
    Ok(())
}

/// Moves the custom values `from` has where `to` has none; their field ids.
pub fn move_values(c: &Connection, kind: ClientKind, from: i64, to: i64) -> Result<Vec<i64>> {
    let v = c
        .prepare_cached(
            "UPDATE custom_values SET record_id = ?3 WHERE record_id = ?2
                 AND field_id IN (SELECT id FROM custom_fields WHERE entity = ?1)
                 AND field_id NOT IN (SELECT field_id FROM custom_values WHERE record_id = ?3)
             RETURNING field_id",
        )?
        .query_map(params![kind, from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(v)
}

pub fn move_values_back(c: &Connection, fields: &[i64], kept: i64, merged: i64) -> Result<()> {
    let mut st = c.prepare_cached("UPDATE custom_values SET record_id = ?3 WHERE field_id = ?1 AND record_id = ?2")?;
    for f in fields {
        st.execute(params![f, kept, merged])?;
    }
    Ok(())
}

/// Adds a phone or e-mail to a contact's further channels (after its others); the new row's id.
pub fn add_channel(c: &Connection, contact: i64, kind: &str, value: &str, value_norm: &str) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO contact_channels (contact_id, kind, value, value_norm, label, position)
         VALUES (?1, ?2, ?3, ?4, NULL, (SELECT coalesce(max(position), 0) + 1 FROM contact_channels WHERE contact_id = ?1))",
    )?
    .execute(params![contact, kind, value, value_norm])?;
    Ok(c.last_insert_rowid())
}

pub fn delete_channels(c: &Connection, ids: &[i64]) -> Result<()> {
    let mut st = c.prepare_cached("DELETE FROM contact_channels WHERE id = ?1")?;
    for id in ids {
        st.execute([id])?;
    }
    Ok(())
}

/// A contact's further channels: (kind, normalised value).
pub fn channel_norms(c: &Connection, contact: i64) -> Result<Vec<(String, String)>> {
    let v = c
        .prepare_cached("SELECT kind, value_norm FROM contact_channels WHERE contact_id = ?1")?
        .query_map([contact], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// A merge as written down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRow {
    pub id: i64,
    pub entity: ClientKind,
    pub kept_id: i64,
    pub merged_id: i64,
    pub moved: Moved,
    pub kept_before: String,
    pub note_id: Option<i64>,
    pub undone: bool,
}

/// A merge to record: which two records, what moved and the kept one's fields before.
pub struct NewMerge<'a> {
    pub entity: ClientKind,
    pub kept: i64,
    pub merged: i64,
    pub moved: &'a Moved,
    pub kept_before: &'a str,
    pub note: Option<i64>,
}

pub fn insert(c: &Connection, now: &str, m: &NewMerge<'_>) -> Result<i64> {
    let moved = serde_json::to_string(m.moved).map_err(|e| Error::internal(e.to_string()))?;
    c.prepare_cached("INSERT INTO merges (entity, kept_id, merged_id, moved, kept_before, note_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![m.entity, m.kept, m.merged, moved, m.kept_before, m.note, now])?;
    Ok(c.last_insert_rowid())
}

pub fn get(c: &Connection, id: i64) -> Result<MergeRow> {
    let r = c
        .prepare_cached("SELECT id, entity, kept_id, merged_id, moved, kept_before, note_id, undone_at IS NOT NULL FROM merges WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("Merge", id))?;
    let moved: Moved = serde_json::from_str(&r.4).map_err(|e| Error::new(ErrorCode::Internal, format!("The record of merge {id} cannot be read: {e}")))?;
    Ok(MergeRow { id: r.0, entity: r.1, kept_id: r.2, merged_id: r.3, moved, kept_before: r.5, note_id: r.6, undone: r.7 })
}

pub fn mark_undone(c: &Connection, id: i64, now: &str) -> Result<()> {
    c.prepare_cached("UPDATE merges SET undone_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    Ok(())
}

/// Deletes a timeline note (the merge's own, on undo).
pub fn delete_note(c: &Connection, activity: i64) -> Result<()> {
    c.prepare_cached("DELETE FROM activities WHERE id = ?1")?.execute([activity])?;
    Ok(())
}

/// A company's id, name, e-mail and phone.
pub type CompanyKey = (i64, String, Option<String>, Option<String>);

/// Every live company's id, name, e-mail and phone.
pub fn company_keys(c: &Connection) -> Result<Vec<CompanyKey>> {
    let v = c
        .prepare_cached("SELECT id, name, email, phone FROM companies WHERE archived_at IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// A company's first-sale and last-contact dates (kept up to date by the
/// store as deals and activities change; a merge combines them).
pub fn company_dates(c: &Connection, id: i64) -> Result<(Option<String>, Option<String>)> {
    Ok(c.prepare_cached("SELECT client_since, last_activity_on FROM companies WHERE id = ?1")?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn set_company_dates(c: &Connection, id: i64, dates: &(Option<String>, Option<String>)) -> Result<()> {
    c.prepare_cached("UPDATE companies SET client_since = ?2, last_activity_on = ?3 WHERE id = ?1")?.execute(params![id, dates.0, dates.1])?;
    Ok(())
}

/// The number of rows that reference a record (for the merge report and tests).
pub fn count_refs(c: &Connection, table: &str, column: &str, id: i64) -> Result<i64> {
    Ok(c.prepare(&format!("SELECT count(*) FROM {table} WHERE {column} = ?1"))?.query_row([id], |r| r.get(0))?)
}

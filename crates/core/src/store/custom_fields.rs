//! The workspace's own fields on companies and contacts and their values
//! (`custom_fields`, `custom_values`; migration 11).

use crate::error::{Error, Result};
use crate::model::{ClientKind, FieldKind};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A custom field as defined in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomField {
    #[ts(type = "number")]
    pub id: i64,
    pub entity: ClientKind,
    /// Stable name: the CSV column and the vCard `X-` property.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    /// The allowed values of a choice field.
    pub choices: Vec<String>,
    pub position: i32,
}

const COLS: &str = "id, entity, key, label, kind, choices, position";

fn row(r: &Row) -> rusqlite::Result<CustomField> {
    let choices: String = r.get(5)?;
    Ok(CustomField {
        id: r.get(0)?,
        entity: r.get(1)?,
        key: r.get(2)?,
        label: r.get(3)?,
        kind: r.get(4)?,
        choices: serde_json::from_str(&choices).unwrap_or_default(),
        position: r.get(6)?,
    })
}

/// The fields of one kind of record (or all), in their order.
pub fn list(c: &Connection, entity: Option<ClientKind>) -> Result<Vec<CustomField>> {
    let v = c
        .prepare_cached(&format!("SELECT {COLS} FROM custom_fields WHERE ?1 IS NULL OR entity = ?1 ORDER BY entity, position, id"))?
        .query_map([entity], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn get(c: &Connection, id: i64) -> Result<CustomField> {
    c.prepare_cached(&format!("SELECT {COLS} FROM custom_fields WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("Custom field", id))
}

pub fn by_key(c: &Connection, entity: ClientKind, key: &str) -> Result<Option<CustomField>> {
    Ok(c.prepare_cached(&format!("SELECT {COLS} FROM custom_fields WHERE entity = ?1 AND key = ?2"))?.query_row(params![entity, key], row).optional()?)
}

pub fn insert(c: &Connection, entity: ClientKind, key: &str, label: &str, kind: FieldKind, choices: &[String]) -> Result<i64> {
    let choices = serde_json::to_string(choices).map_err(|e| Error::internal(e.to_string()))?;
    c.prepare_cached(
        "INSERT INTO custom_fields (entity, key, label, kind, choices, position)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM custom_fields WHERE entity = ?1))",
    )?
    .execute(params![entity, key, label, kind, choices])?;
    Ok(c.last_insert_rowid())
}

/// A field's label and choices (its key and kind stay: values depend on them).
pub fn update(c: &Connection, id: i64, label: &str, choices: &[String]) -> Result<()> {
    let choices = serde_json::to_string(choices).map_err(|e| Error::internal(e.to_string()))?;
    let n = c.prepare_cached("UPDATE custom_fields SET label = ?2, choices = ?3 WHERE id = ?1")?.execute(params![id, label, choices])?;
    super::changed(n, "Custom field", id)
}

/// Removes a field and every value of it.
pub fn delete(c: &Connection, id: i64) -> Result<()> {
    c.prepare_cached("DELETE FROM custom_values WHERE field_id = ?1")?.execute([id])?;
    let n = c.prepare_cached("DELETE FROM custom_fields WHERE id = ?1")?.execute([id])?;
    super::changed(n, "Custom field", id)
}

/// A record's values: (field id, canonical value).
pub fn values(c: &Connection, entity: ClientKind, record: i64) -> Result<Vec<(i64, String)>> {
    let v = c
        .prepare_cached(
            "SELECT v.field_id, v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
             WHERE f.entity = ?1 AND v.record_id = ?2 ORDER BY f.position, f.id",
        )?
        .query_map(params![entity, record], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn value(c: &Connection, field: i64, record: i64) -> Result<Option<String>> {
    Ok(c.prepare_cached("SELECT value FROM custom_values WHERE field_id = ?1 AND record_id = ?2")?.query_row([field, record], |r| r.get(0)).optional()?)
}

/// Sets (or with `None` clears) one value.
pub fn set(c: &Connection, field: i64, record: i64, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => c
            .prepare_cached(
                "INSERT INTO custom_values (field_id, record_id, value) VALUES (?1, ?2, ?3) ON CONFLICT (field_id, record_id) DO UPDATE SET value = ?3",
            )?
            .execute(params![field, record, v])?,
        None => c.prepare_cached("DELETE FROM custom_values WHERE field_id = ?1 AND record_id = ?2")?.execute([field, record])?,
    };
    Ok(())
}

/// Every value of a kind of record: record id → (field id → value), for exports.
pub fn all_values(c: &Connection, entity: ClientKind) -> Result<std::collections::HashMap<i64, std::collections::HashMap<i64, String>>> {
    let mut out: std::collections::HashMap<i64, std::collections::HashMap<i64, String>> = Default::default();
    let mut st =
        c.prepare_cached("SELECT v.record_id, v.field_id, v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE f.entity = ?1")?;
    let mut rows = st.query([entity])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().insert(r.get(1)?, r.get(2)?);
    }
    Ok(out)
}

/// The different values a field holds on any record.
pub fn distinct_values(c: &Connection, field_id: i64) -> Result<Vec<String>> {
    let v = c
        .prepare_cached("SELECT DISTINCT value FROM custom_values WHERE field_id = ?1")?
        .query_map([field_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The records that hold a value of a field.
pub fn records_with(c: &Connection, field_id: i64) -> Result<Vec<i64>> {
    let v =
        c.prepare_cached("SELECT record_id FROM custom_values WHERE field_id = ?1")?.query_map([field_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

//! Tags on companies and contacts (`tags`, `tag_links`; migration 11).

use crate::error::Result;
use crate::model::ClientKind;
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension, params};

/// The key a tag is compared by: folded, words joined by one space.
pub fn key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tag's id, made when no tag folds to the same key.
pub fn ensure(c: &Connection, name: &str) -> Result<i64> {
    let k = key(name);
    if let Some(id) = find(c, &k)? {
        return Ok(id);
    }
    c.prepare_cached("INSERT INTO tags (name, name_key) VALUES (?1, ?2)")?.execute(params![name.trim(), k])?;
    Ok(c.last_insert_rowid())
}

/// The id of the tag with this key, if any.
pub fn find(c: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(c.prepare_cached("SELECT id FROM tags WHERE name_key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

/// Puts a tag on a record; true when it was not there yet.
pub fn link(c: &Connection, kind: ClientKind, record: i64, tag: i64) -> Result<bool> {
    Ok(c.prepare_cached("INSERT OR IGNORE INTO tag_links (entity, record_id, tag_id) VALUES (?1, ?2, ?3)")?.execute(params![kind, record, tag])? == 1)
}

/// Takes a tag off a record; true when it was there. A tag no record
/// carries any more is forgotten.
pub fn unlink(c: &Connection, kind: ClientKind, record: i64, tag: i64) -> Result<bool> {
    let n = c.prepare_cached("DELETE FROM tag_links WHERE entity = ?1 AND record_id = ?2 AND tag_id = ?3")?.execute(params![kind, record, tag])?;
    c.prepare_cached("DELETE FROM tags WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM tag_links WHERE tag_id = ?1)")?.execute([tag])?;
    Ok(n == 1)
}

/// A record's tags, by name.
pub fn of(c: &Connection, kind: ClientKind, record: i64) -> Result<Vec<String>> {
    let v = c
        .prepare_cached("SELECT t.name FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.entity = ?1 AND l.record_id = ?2 ORDER BY t.name_key")?
        .query_map(params![kind, record], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The ids of a record's tags.
pub fn ids_of(c: &Connection, kind: ClientKind, record: i64) -> Result<Vec<i64>> {
    let v = c
        .prepare_cached("SELECT tag_id FROM tag_links WHERE entity = ?1 AND record_id = ?2 ORDER BY tag_id")?
        .query_map(params![kind, record], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Every tag with how many live companies and contacts carry it.
pub fn all(c: &Connection) -> Result<Vec<(String, i64, i64)>> {
    let v = c
        .prepare_cached(
            "SELECT t.name,
                 (SELECT count(*) FROM tag_links l JOIN companies co ON co.id = l.record_id
                  WHERE l.tag_id = t.id AND l.entity = 'company' AND co.archived_at IS NULL),
                 (SELECT count(*) FROM tag_links l JOIN contacts ct ON ct.id = l.record_id
                  WHERE l.tag_id = t.id AND l.entity = 'contact' AND ct.archived_at IS NULL)
             FROM tags t ORDER BY t.name_key",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Every tag's name, in the order of [`all`] (no counts: a filter's choices).
pub fn names(c: &Connection) -> Result<Vec<String>> {
    let v = c.prepare_cached("SELECT name FROM tags ORDER BY name_key")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The tag names of every record of a kind that has any, for exports.
pub fn by_record(c: &Connection, kind: ClientKind) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    let mut st =
        c.prepare_cached("SELECT l.record_id, t.name FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.entity = ?1 ORDER BY l.record_id, t.name_key")?;
    let mut rows = st.query([kind])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(out)
}

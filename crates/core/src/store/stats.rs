//! Counts and health checks of a workspace file.

use crate::error::Result;
use rusqlite::Connection;

/// Live (not archived) rows per aggregate.
pub fn count_live(c: &Connection, table: &'static str) -> Result<i64> {
    Ok(c.query_row(&format!("SELECT count(*) FROM {table} WHERE archived_at IS NULL"), [], |r| r.get(0))?)
}

/// Open deals per stage code.
pub fn open_deals_by_stage(c: &Connection) -> Result<Vec<(String, i64)>> {
    let mut st = c.prepare_cached(
        "SELECT s.stage, count(*) FROM deals d JOIN steps s ON s.id = d.step_id
         WHERE d.status = 'open' AND d.archived_at IS NULL GROUP BY s.stage",
    )?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn deals_by_status(c: &Connection) -> Result<Vec<(String, i64)>> {
    let mut st = c.prepare_cached("SELECT status, count(*) FROM deals WHERE archived_at IS NULL GROUP BY status")?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// `PRAGMA integrity_check` lines other than "ok".
pub fn integrity_problems(c: &Connection) -> Result<Vec<String>> {
    let mut st = c.prepare("PRAGMA integrity_check")?;
    let v = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v.into_iter().filter(|l| l != "ok").collect())
}

/// `PRAGMA foreign_key_check` as readable lines.
pub fn foreign_key_problems(c: &Connection) -> Result<Vec<String>> {
    let mut st = c.prepare("PRAGMA foreign_key_check")?;
    let v = st
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!("{table} row {} points to a missing {parent} row", rowid.map_or("?".into(), |i| i.to_string())))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Open deals that break the next-step rule: (id, title, has a text, has a date).
pub fn deals_without_next_step(c: &Connection) -> Result<Vec<(i64, String)>> {
    let mut st = c.prepare_cached(
        "SELECT id, title FROM deals WHERE status = 'open' AND archived_at IS NULL
           AND (next_step IS NULL OR trim(next_step) = '' OR next_step_date IS NULL) ORDER BY id",
    )?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Distinct reasons used for lost and disqualified deals: (status, reason).
pub fn close_reasons(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare_cached(
        "SELECT status, close_reason FROM deals WHERE status IN ('lost', 'disqualified') AND close_reason IS NOT NULL
         GROUP BY status, close_reason ORDER BY count(*) DESC",
    )?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Archived records of every kind, newest first: (kind, id, title, archived_at).
pub fn archived(c: &Connection, limit: u32) -> Result<Vec<(String, i64, String, String)>> {
    let mut st = c.prepare_cached(
        "SELECT * FROM (
             SELECT 'company' AS kind, id, name AS title, archived_at FROM companies WHERE archived_at IS NOT NULL
             UNION ALL SELECT 'contact', id, trim(first_name || ' ' || last_name), archived_at FROM contacts WHERE archived_at IS NOT NULL
             UNION ALL SELECT 'deal', id, title, archived_at FROM deals WHERE archived_at IS NOT NULL
             UNION ALL SELECT 'activity', id, subject, archived_at FROM activities WHERE archived_at IS NOT NULL
             UNION ALL SELECT 'order', id, order_date || ' · ' || (amount_minor / 100) || ' ' || currency, archived_at FROM orders WHERE archived_at IS NOT NULL)
         ORDER BY archived_at DESC, kind, id DESC LIMIT ?1",
    )?;
    let v = st.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

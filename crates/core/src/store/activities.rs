//! Activities: calls, meetings, tasks, e-mails and notes.

use super::changed;
use crate::error::{Error, Result};
use crate::model::{Activity, ActivityInput};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

const COLS: &str = "id, kind, subject, deal_id, contact_id, company_id, owner_id, due_at, done_at, outcome, duration_min, notes, archived_at IS NOT NULL";

fn row(r: &Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        kind: r.get(1)?,
        subject: r.get(2)?,
        deal_id: r.get(3)?,
        contact_id: r.get(4)?,
        company_id: r.get(5)?,
        owner_id: r.get(6)?,
        due_at: r.get(7)?,
        done_at: r.get(8)?,
        outcome: r.get(9)?,
        duration_min: r.get(10)?,
        notes: r.get(11)?,
        archived: r.get(12)?,
    })
}

pub fn insert(c: &Connection, now: &str, a: &ActivityInput) -> Result<i64> {
    let id = insert_row(c, now, a)?;
    touch(c, a)?;
    Ok(id)
}

/// Inserts without updating the deal's and company's last-activity dates;
/// a bulk load calls [`refresh_last_activity`] once at the end instead.
pub fn insert_row(c: &Connection, now: &str, a: &ActivityInput) -> Result<i64> {
    let mut st = c.prepare_cached(
        "INSERT INTO activities (kind, subject, deal_id, contact_id, company_id, owner_id, due_at, done_at, outcome, duration_min, notes, created_at, updated_at)
         VALUES (:kind, :subject, :deal, :contact, :company, :owner, :due, :done, :outcome, :duration, :notes, :now, :now)",
    )?;
    st.execute(named_params! {
        ":kind": a.kind, ":subject": a.subject, ":deal": a.deal_id, ":contact": a.contact_id, ":company": a.company_id,
        ":owner": a.owner_id, ":due": a.due_at, ":done": a.done_at, ":outcome": a.outcome, ":duration": a.duration_min,
        ":notes": a.notes, ":now": now,
    })?;
    Ok(c.last_insert_rowid())
}

/// Recomputes every deal's and company's last-activity date from the activities.
pub fn refresh_last_activity(c: &Connection) -> Result<()> {
    c.execute_batch(
        "UPDATE deals SET last_activity_on = (
             SELECT max(substr(a.done_at, 1, 10)) FROM activities a WHERE a.deal_id = deals.id AND a.done_at IS NOT NULL);
         UPDATE companies SET last_activity_on = coalesce((
             SELECT max(substr(a.done_at, 1, 10)) FROM activities a WHERE a.company_id = companies.id AND a.done_at IS NOT NULL),
             client_since);",
    )?;
    Ok(())
}

/// Keeps "last activity" dates of the deal and company current when an
/// activity is done (they drive the stale rule and check-in cadence).
fn touch(c: &Connection, a: &ActivityInput) -> Result<()> {
    let Some(done) = a.done_at else { return Ok(()) };
    let day = done.date();
    if let Some(d) = a.deal_id {
        c.prepare_cached("UPDATE deals SET last_activity_on = max(coalesce(last_activity_on, ''), ?2) WHERE id = ?1")?.execute(rusqlite::params![d, day])?;
    }
    if let Some(co) = a.company_id {
        c.prepare_cached("UPDATE companies SET last_activity_on = max(coalesce(last_activity_on, ''), ?2) WHERE id = ?1")?
            .execute(rusqlite::params![co, day])?;
    }
    Ok(())
}

pub fn update(c: &Connection, id: i64, now: &str, a: &ActivityInput) -> Result<()> {
    let n = c.execute(
        "UPDATE activities SET kind = :kind, subject = :subject, deal_id = :deal, contact_id = :contact, company_id = :company,
             owner_id = :owner, due_at = :due, done_at = :done, outcome = :outcome, duration_min = :duration, notes = :notes,
             updated_at = :now
         WHERE id = :id AND archived_at IS NULL",
        named_params! {
            ":id": id, ":kind": a.kind, ":subject": a.subject, ":deal": a.deal_id, ":contact": a.contact_id,
            ":company": a.company_id, ":owner": a.owner_id, ":due": a.due_at, ":done": a.done_at, ":outcome": a.outcome,
            ":duration": a.duration_min, ":notes": a.notes, ":now": now,
        },
    )?;
    changed(n, "Activity", id)?;
    touch(c, a)
}

pub fn get(c: &Connection, id: i64) -> Result<Activity> {
    c.query_row(&format!("SELECT {COLS} FROM activities WHERE id = ?1"), [id], row).optional()?.ok_or_else(|| Error::not_found("Activity", id))
}

pub fn list_for_deal(c: &Connection, deal_id: i64) -> Result<Vec<Activity>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLS} FROM activities WHERE deal_id = ?1 AND archived_at IS NULL ORDER BY coalesce(done_at, due_at) DESC, id DESC"
    ))?;
    let v = st.query_map([deal_id], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

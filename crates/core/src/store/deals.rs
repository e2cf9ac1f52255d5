//! Deals: one opportunity moving through the steps of a stage.

use super::changed;
use crate::error::{Error, Result};
use crate::model::{Deal, DealStatus, Source};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, named_params};

/// A validated deal, ready to be written.
#[derive(Debug, Clone)]
pub struct DealRow<'a> {
    pub title: &'a str,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub step_id: i64,
    pub value_minor: i64,
    pub currency: &'a str,
    pub owner_id: Option<i64>,
    pub source: Source,
    pub referred_by_id: Option<i64>,
    pub next_step: Option<&'a str>,
    pub next_step_date: Option<NaiveDate>,
    pub expected_close_on: Option<NaiveDate>,
}

const COLS: &str = "d.id, d.title, d.company_id, d.contact_id, s.stage, d.step_id, d.value_minor, d.currency, d.owner_id,
    d.source, d.referred_by_id, d.next_step, d.next_step_date, d.status, d.close_reason, d.closed_on, d.step_entered_on,
    d.archived_at IS NOT NULL, d.expected_close_on";

fn row(r: &Row) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        title: r.get(1)?,
        company_id: r.get(2)?,
        contact_id: r.get(3)?,
        stage: r.get(4)?,
        step_id: r.get(5)?,
        value_minor: r.get(6)?,
        currency: r.get(7)?,
        owner_id: r.get(8)?,
        source: r.get(9)?,
        referred_by_id: r.get(10)?,
        next_step: r.get(11)?,
        next_step_date: r.get(12)?,
        status: r.get(13)?,
        close_reason: r.get(14)?,
        closed_on: r.get(15)?,
        step_entered_on: r.get(16)?,
        archived: r.get(17)?,
        expected_close_on: r.get(18)?,
    })
}

pub fn insert(c: &Connection, now: &str, today: NaiveDate, d: &DealRow) -> Result<i64> {
    let mut st = c.prepare_cached(
        "INSERT INTO deals (title, company_id, contact_id, step_id, value_minor, currency, owner_id, source, referred_by_id,
             next_step, next_step_date, expected_close_on, step_entered_on, created_at, updated_at)
         VALUES (:title, :company, :contact, :step, :value, :currency, :owner, :source, :referred, :next, :next_date, :close_on, :today, :now, :now)",
    )?;
    st.execute(named_params! {
        ":title": d.title, ":company": d.company_id, ":contact": d.contact_id, ":step": d.step_id, ":value": d.value_minor,
        ":currency": d.currency, ":owner": d.owner_id, ":source": d.source, ":referred": d.referred_by_id,
        ":next": d.next_step, ":next_date": d.next_step_date, ":close_on": d.expected_close_on, ":today": today, ":now": now,
    })?;
    let id = c.last_insert_rowid();
    super::companies::refresh_stage(c, d.company_id)?;
    Ok(id)
}

/// Updates the editable fields; a change of step restarts the age in step.
pub fn update(c: &Connection, id: i64, now: &str, today: NaiveDate, d: &DealRow) -> Result<()> {
    let n = c.execute(
        "UPDATE deals SET title = :title, company_id = :company, contact_id = :contact,
             step_entered_on = CASE WHEN step_id = :step THEN step_entered_on ELSE :today END, step_id = :step,
             value_minor = :value, currency = :currency, owner_id = :owner, source = :source, referred_by_id = :referred,
             next_step = :next, next_step_date = :next_date, expected_close_on = :close_on, updated_at = :now
         WHERE id = :id AND archived_at IS NULL",
        named_params! {
            ":id": id, ":title": d.title, ":company": d.company_id, ":contact": d.contact_id, ":step": d.step_id,
            ":value": d.value_minor, ":currency": d.currency, ":owner": d.owner_id, ":source": d.source,
            ":referred": d.referred_by_id, ":next": d.next_step, ":next_date": d.next_step_date, ":close_on": d.expected_close_on,
            ":today": today, ":now": now,
        },
    )?;
    changed(n, "Deal", id)?;
    refresh(c, id)
}

/// Keeps the deal's company's stage in step with its deals.
fn refresh(c: &Connection, deal_id: i64) -> Result<()> {
    let company: Option<i64> = c.query_row("SELECT company_id FROM deals WHERE id = ?1", [deal_id], |r| r.get(0))?;
    super::companies::refresh_stage(c, company)
}

/// Moves an open deal to another step (age in step restarts).
pub fn move_to_step(c: &Connection, id: i64, now: &str, today: NaiveDate, step_id: i64) -> Result<()> {
    let n = c.execute(
        "UPDATE deals SET step_id = ?2, step_entered_on = ?3, updated_at = ?4
         WHERE id = ?1 AND archived_at IS NULL AND step_id <> ?2",
        rusqlite::params![id, step_id, today, now],
    )?;
    changed(n, "Deal", id)?;
    refresh(c, id)
}

/// Sets (or clears) the next step of a deal.
pub fn set_next_step(c: &Connection, id: i64, now: &str, next: Option<&str>, date: Option<NaiveDate>) -> Result<()> {
    let n = c.execute(
        "UPDATE deals SET next_step = ?2, next_step_date = ?3, updated_at = ?4 WHERE id = ?1 AND archived_at IS NULL",
        rusqlite::params![id, next, date, now],
    )?;
    changed(n, "Deal", id)
}

/// Sets a deal's value (the final amount of a won first deal).
pub fn set_value(c: &Connection, id: i64, now: &str, value_minor: i64) -> Result<()> {
    let n = c.execute("UPDATE deals SET value_minor = ?2, updated_at = ?3 WHERE id = ?1", rusqlite::params![id, value_minor, now])?;
    changed(n, "Deal", id)
}

/// Changes the owner of a deal.
pub fn set_owner(c: &Connection, id: i64, now: &str, owner: Option<i64>) -> Result<()> {
    let n = c.execute("UPDATE deals SET owner_id = ?2, updated_at = ?3 WHERE id = ?1", rusqlite::params![id, owner, now])?;
    changed(n, "Deal", id)
}

pub fn close(c: &Connection, id: i64, now: &str, today: NaiveDate, status: DealStatus, reason: Option<&str>) -> Result<()> {
    let n = c.execute(
        "UPDATE deals SET status = ?2, close_reason = ?3, closed_on = ?4, updated_at = ?5
         WHERE id = ?1 AND archived_at IS NULL",
        rusqlite::params![id, status, reason, today, now],
    )?;
    changed(n, "Deal", id)?;
    refresh(c, id)
}

pub fn reopen(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute(
        "UPDATE deals SET status = 'open', close_reason = NULL, closed_on = NULL, updated_at = ?2
         WHERE id = ?1 AND archived_at IS NULL",
        rusqlite::params![id, now],
    )?;
    changed(n, "Deal", id)?;
    refresh(c, id)
}

/// A deal's product and its own notes (an imported deal brings them; the panel edits them).
pub fn notes_of(c: &Connection, id: i64) -> Result<(Option<String>, Option<String>)> {
    c.prepare_cached("SELECT product, notes FROM deals WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("Deal", id))
}

pub fn set_notes(c: &Connection, id: i64, now: &str, product: Option<&str>, notes: Option<&str>) -> Result<()> {
    let n = c
        .prepare_cached("UPDATE deals SET product = ?2, notes = ?3, updated_at = ?4 WHERE id = ?1 AND archived_at IS NULL")?
        .execute(rusqlite::params![id, product, notes, now])?;
    if n == 0 { Err(Error::not_found("Deal", id)) } else { Ok(()) }
}

pub fn get(c: &Connection, id: i64) -> Result<Deal> {
    c.query_row(&format!("SELECT {COLS} FROM deals d JOIN steps s ON s.id = d.step_id WHERE d.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("Deal", id))
}

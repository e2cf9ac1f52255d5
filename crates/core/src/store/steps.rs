//! Steps of the three stages.

use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::model::{Lang, Stage, Step};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// The default steps of each stage, with win probabilities; the name is the
/// document text `core.step.<key>` in the workspace's language.
pub const DEFAULT_STEPS: &[(Stage, &str, u8)] = &[
    (Stage::LeadGeneration, "lead.new", 5),
    (Stage::LeadGeneration, "lead.contact", 10),
    (Stage::LeadGeneration, "lead.interest", 20),
    (Stage::LeadGeneration, "lead.qualified", 30),
    (Stage::FirstDeal, "first.needs", 40),
    (Stage::FirstDeal, "first.offer", 55),
    (Stage::FirstDeal, "first.negotiation", 70),
    (Stage::FirstDeal, "first.contract", 90),
    (Stage::AccountDevelopment, "account.checkin", 30),
    (Stage::AccountDevelopment, "account.need", 50),
    (Stage::AccountDevelopment, "account.offer", 70),
    (Stage::AccountDevelopment, "account.order", 90),
];

pub(crate) fn insert_defaults(c: &Connection, clock: &dyn Clock, lang: Lang) -> Result<()> {
    let now = stamp(clock.now());
    let mut st = c.prepare("INSERT INTO steps (stage, name, position, probability_pct, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut pos = 0;
    let mut last = None;
    for (stage, key, p) in DEFAULT_STEPS {
        pos = if last == Some(*stage) { pos + 1 } else { 1 };
        last = Some(*stage);
        let name = crate::pdf::i18n::t(lang, &format!("core.step.{key}"));
        st.execute(params![stage, name, pos, p, now])?;
    }
    Ok(())
}

fn row(r: &Row) -> rusqlite::Result<Step> {
    Ok(Step { id: r.get(0)?, stage: r.get(1)?, name: r.get(2)?, position: r.get(3)?, probability_pct: r.get(4)? })
}

const COLS: &str = "id, stage, name, position, probability_pct";

/// Active steps, by stage and position.
pub fn list(c: &Connection) -> Result<Vec<Step>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLS} FROM steps WHERE archived_at IS NULL
         ORDER BY CASE stage WHEN 'lead_generation' THEN 1 WHEN 'first_deal' THEN 2 ELSE 3 END, position, id"
    ))?;
    let v = st.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn get(c: &Connection, id: i64) -> Result<Step> {
    c.query_row(&format!("SELECT {COLS} FROM steps WHERE id = ?1 AND archived_at IS NULL"), [id], row).optional()?.ok_or_else(|| Error::not_found("Step", id))
}

pub fn insert(c: &Connection, now: &str, stage: Stage, name: &str, probability_pct: u8) -> Result<i64> {
    let pos: i32 = c.query_row("SELECT coalesce(max(position), 0) + 1 FROM steps WHERE stage = ?1 AND archived_at IS NULL", [stage], |r| r.get(0))?;
    c.execute(
        "INSERT INTO steps (stage, name, position, probability_pct, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![stage, name, pos, probability_pct, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn update(c: &Connection, id: i64, name: &str, probability_pct: u8) -> Result<()> {
    let n = c.execute("UPDATE steps SET name = ?2, probability_pct = ?3 WHERE id = ?1 AND archived_at IS NULL", params![id, name, probability_pct])?;
    if n == 0 { Err(Error::not_found("Step", id)) } else { Ok(()) }
}

/// Open deals in a step (a step with open deals cannot be archived).
pub fn open_deal_count(c: &Connection, id: i64) -> Result<i64> {
    Ok(c.query_row("SELECT count(*) FROM deals WHERE step_id = ?1 AND status = 'open' AND archived_at IS NULL", [id], |r| r.get(0))?)
}

pub fn archive(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute("UPDATE steps SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
    if n == 0 { Err(Error::not_found("Step", id)) } else { Ok(()) }
}

pub fn set_position(c: &Connection, id: i64, position: i32) -> Result<()> {
    let n = c.execute("UPDATE steps SET position = ?2 WHERE id = ?1", params![id, position])?;
    if n == 0 { Err(Error::not_found("Step", id)) } else { Ok(()) }
}

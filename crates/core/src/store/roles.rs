//! Role hand-overs (the open work that moved, and its undo) and the weekly
//! time table with the logged time per stage.

use crate::error::{Error, Result};
use crate::model::{Role, Stage};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Ids of the records that moved with a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MovedWork {
    #[ts(type = "number[]")]
    pub deals: Vec<i64>,
    #[ts(type = "number[]")]
    pub companies: Vec<i64>,
    #[ts(type = "number[]")]
    pub contacts: Vec<i64>,
    #[ts(type = "number[]")]
    pub activities: Vec<i64>,
}

impl MovedWork {
    pub fn is_empty(&self) -> bool {
        self.deals.is_empty() && self.companies.is_empty() && self.contacts.is_empty() && self.activities.is_empty()
    }
}

fn ids(c: &Connection, sql: &str, person: i64) -> Result<Vec<i64>> {
    let v = c.prepare_cached(sql)?.query_map([person], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The open work of `role` that `person` holds now.
pub fn open_work(c: &Connection, role: Role, person: i64) -> Result<MovedWork> {
    let stage = role.stage();
    let mut w = MovedWork::default();
    if let Some(stage) = stage {
        w.deals = ids(
            c,
            &format!(
                "SELECT d.id FROM deals d JOIN steps s ON s.id = d.step_id WHERE d.owner_id = ?1 AND d.status = 'open'
               AND d.archived_at IS NULL AND s.stage = '{}' ORDER BY d.id",
                stage.code()
            ),
            person,
        )?;
        w.companies = if stage == Stage::AccountDevelopment {
            ids(c, "SELECT id FROM companies WHERE owner_id = ?1 AND client_since IS NOT NULL AND archived_at IS NULL ORDER BY id", person)?
        } else {
            ids(
                c,
                &format!(
                    "SELECT id FROM companies WHERE owner_id = ?1 AND client_since IS NULL AND stage = '{}' AND archived_at IS NULL ORDER BY id",
                    stage.code()
                ),
                person,
            )?
        };
        if !w.companies.is_empty() {
            let list = w.companies.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            w.contacts =
                ids(c, &format!("SELECT id FROM contacts WHERE owner_id = ?1 AND archived_at IS NULL AND company_id IN ({list}) ORDER BY id"), person)?;
        }
    }
    let deals = w.deals.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let companies = w.companies.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    w.activities = ids(
        c,
        &format!(
            "SELECT a.id FROM activities a WHERE a.owner_id = ?1 AND a.done_at IS NULL AND a.archived_at IS NULL AND (
             a.deal_id IN ({deals}) OR a.company_id IN ({companies})
             OR a.id IN (SELECT o.activity_id FROM routine_occurrences o JOIN regulations r ON r.id = o.regulation_id WHERE r.role = '{}'))
         ORDER BY a.id",
            role.code()
        ),
        person,
    )?;
    Ok(w)
}

/// Sets the owner of the listed rows from `from` to `to`, only where the
/// owner is still `from`; returns the ids that changed.
pub fn move_owner(c: &Connection, now: &str, w: &MovedWork, from: Option<i64>, to: Option<i64>) -> Result<MovedWork> {
    let mv = |table: &str, list: &[i64]| -> Result<Vec<i64>> {
        let mut out = vec![];
        let mut st = c.prepare_cached(&format!("UPDATE {table} SET owner_id = ?3, updated_at = ?4 WHERE id = ?1 AND owner_id IS ?2"))?;
        for id in list {
            if st.execute(params![id, from, to, now])? == 1 {
                out.push(*id);
            }
        }
        Ok(out)
    };
    Ok(MovedWork {
        deals: mv("deals", &w.deals)?,
        companies: mv("companies", &w.companies)?,
        contacts: mv("contacts", &w.contacts)?,
        activities: mv("activities", &w.activities)?,
    })
}

/// A role given to another person, with what moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleHandover {
    #[ts(type = "number")]
    pub id: i64,
    pub role: Role,
    #[ts(type = "number | null")]
    pub from_person_id: Option<i64>,
    pub from_person_name: Option<String>,
    #[ts(type = "number")]
    pub to_person_id: i64,
    pub to_person_name: String,
    pub moved: MovedWork,
    pub created_at: String,
    pub undone_at: Option<String>,
}

pub fn insert_handover(c: &Connection, now: &str, role: Role, from: Option<i64>, to: i64, moved: &MovedWork) -> Result<i64> {
    let json = serde_json::to_string(moved).map_err(|e| Error::internal(e.to_string()))?;
    c.execute(
        "INSERT INTO role_handovers (role, from_person_id, to_person_id, moved, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![role, from, to, json, now],
    )?;
    Ok(c.last_insert_rowid())
}

const HANDOVER_SQL: &str = "SELECT h.id, h.role, h.from_person_id, pf.name, h.to_person_id, pt.name, h.moved, h.created_at, h.undone_at
    FROM role_handovers h LEFT JOIN people pf ON pf.id = h.from_person_id JOIN people pt ON pt.id = h.to_person_id";

fn handover_row(r: &rusqlite::Row) -> rusqlite::Result<RoleHandover> {
    let moved: String = r.get(6)?;
    Ok(RoleHandover {
        id: r.get(0)?,
        role: r.get(1)?,
        from_person_id: r.get(2)?,
        from_person_name: r.get(3)?,
        to_person_id: r.get(4)?,
        to_person_name: r.get(5)?,
        moved: serde_json::from_str(&moved).unwrap_or_default(),
        created_at: r.get(7)?,
        undone_at: r.get(8)?,
    })
}

pub fn handover(c: &Connection, id: i64) -> Result<RoleHandover> {
    c.prepare_cached(&format!("{HANDOVER_SQL} WHERE h.id = ?1"))?
        .query_row([id], handover_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Role hand-over", id))
}

/// The hand-over log, newest first.
pub fn handovers(c: &Connection) -> Result<Vec<RoleHandover>> {
    let v = c.prepare_cached(&format!("{HANDOVER_SQL} ORDER BY h.id DESC"))?.query_map([], handover_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn mark_undone(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute("UPDATE role_handovers SET undone_at = ?2 WHERE id = ?1 AND undone_at IS NULL", params![id, now])?;
    super::changed(n, "Role hand-over", id)
}

/// Who holds a role now (in order of the people list).
pub fn holders(c: &Connection, role: Role) -> Result<Vec<i64>> {
    let v = c
        .prepare_cached(
            "SELECT p.id FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.role = ?1 AND p.archived_at IS NULL
             ORDER BY p.is_owner DESC, p.name",
        )?
        .query_map([role], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn give_role(c: &Connection, person: i64, role: Role, now: &str) -> Result<()> {
    c.execute("INSERT OR IGNORE INTO person_roles (person_id, role, since) VALUES (?1, ?2, ?3)", params![person, role, now])?;
    Ok(())
}

pub fn take_role(c: &Connection, person: i64, role: Role) -> Result<()> {
    c.execute("DELETE FROM person_roles WHERE person_id = ?1 AND role = ?2", params![person, role])?;
    Ok(())
}

// ---- the weekly time table ---------------------------------------------------

/// A planned block of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimeBlock {
    /// ISO weekday, 1 = Monday.
    pub weekday: u8,
    /// `HH:MM`.
    pub start: String,
    pub minutes: u32,
    pub stage: Stage,
}

pub fn blocks(c: &Connection, person: i64) -> Result<Vec<TimeBlock>> {
    let v = c
        .prepare_cached("SELECT weekday, start, minutes, stage FROM timetable_blocks WHERE person_id = ?1 ORDER BY weekday, start, id")?
        .query_map([person], |r| Ok(TimeBlock { weekday: r.get(0)?, start: r.get(1)?, minutes: r.get(2)?, stage: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn replace_blocks(c: &Connection, person: i64, blocks: &[TimeBlock]) -> Result<()> {
    c.execute("DELETE FROM timetable_blocks WHERE person_id = ?1", [person])?;
    let mut st = c.prepare_cached("INSERT INTO timetable_blocks (person_id, weekday, start, minutes, stage) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for b in blocks {
        st.execute(params![person, b.weekday, b.start, b.minutes, b.stage])?;
    }
    Ok(())
}

/// Minutes of done activities between two local times per stage (the deal's
/// stage, else the company's); `None` = not tied to a stage.
pub fn logged_minutes(c: &Connection, person: Option<i64>, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<(Option<Stage>, i64)>> {
    let v = c
        .prepare_cached(
            "SELECT coalesce(s.stage, co.stage), sum(coalesce(a.duration_min, 0)) FROM activities a
               LEFT JOIN deals d ON d.id = a.deal_id LEFT JOIN steps s ON s.id = d.step_id LEFT JOIN companies co ON co.id = a.company_id
             WHERE a.kind IN ('call', 'meeting', 'task', 'email', 'note') AND a.done_at >= ?2 AND a.done_at < ?3
               AND a.archived_at IS NULL AND (?1 IS NULL OR a.owner_id = ?1)
             GROUP BY 1",
        )?
        .query_map(params![person, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Companies that became clients on or after `since` (and before `until`).
pub fn new_clients(c: &Connection, since: chrono::NaiveDate, until: chrono::NaiveDate) -> Result<i64> {
    Ok(c.query_row("SELECT count(*) FROM companies WHERE client_since >= ?1 AND client_since < ?2 AND archived_at IS NULL", params![since, until], |r| {
        r.get(0)
    })?)
}

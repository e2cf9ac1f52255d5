//! Companies (clients and prospects).

use super::changed;
use crate::error::{Error, Result};
use crate::model::{Company, CompanyInput};
use rusqlite::{Connection, OptionalExtension, Row, Statement, named_params};

const COLS: &str = "id, name, industry, city, phone, email, website, notes, source, abc, owner_id, archived_at IS NOT NULL,
    employees, revenue_minor, parent_id, (SELECT p.name FROM companies p WHERE p.id = companies.parent_id)";

fn row(r: &Row) -> rusqlite::Result<Company> {
    Ok(Company {
        id: r.get(0)?,
        name: r.get(1)?,
        industry: r.get(2)?,
        city: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
        website: r.get(6)?,
        notes: r.get(7)?,
        source: r.get(8)?,
        abc: r.get(9)?,
        owner_id: r.get(10)?,
        archived: r.get(11)?,
        employees: r.get(12)?,
        revenue_minor: r.get(13)?,
        parent_id: r.get(14)?,
        parent_name: r.get(15)?,
    })
}

pub fn insert(c: &Connection, now: &str, i: &CompanyInput) -> Result<i64> {
    let id = insert_with(&mut *c.prepare_cached(INSERT)?, now, i)?;
    super::search::index_new_company(c, id, i)?;
    Ok(id)
}

const INSERT: &str =
    "INSERT INTO companies (name, industry, city, phone, email, website, notes, source, abc, owner_id, created_at, updated_at, employees, revenue_minor)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)";

/// The insert, prepared once by a bulk writer ([`super::bulk::ImportWriter`]).
pub(super) fn prepare_insert(c: &Connection) -> Result<Statement<'_>> {
    Ok(c.prepare(INSERT)?)
}

/// Runs the prepared insert (positional parameters: no name lookups per row).
pub(super) fn insert_with(st: &mut Statement<'_>, now: &str, i: &CompanyInput) -> Result<i64> {
    Ok(st.insert(rusqlite::params![
        i.name,
        i.industry,
        i.city,
        i.phone,
        i.email,
        i.website,
        i.notes,
        i.source,
        i.abc,
        i.owner_id,
        now,
        i.employees,
        i.revenue_minor
    ])?)
}

pub fn update(c: &Connection, id: i64, now: &str, i: &CompanyInput) -> Result<()> {
    let n = c.execute(
        "UPDATE companies SET name = :name, industry = :industry, city = :city, phone = :phone, email = :email,
         website = :website, notes = :notes, source = :source, abc = :abc, owner_id = :owner, updated_at = :now,
         employees = :employees, revenue_minor = :revenue
         WHERE id = :id AND archived_at IS NULL",
        named_params! {
            ":id": id, ":name": i.name, ":industry": i.industry, ":city": i.city, ":phone": i.phone, ":email": i.email,
            ":website": i.website, ":notes": i.notes, ":source": i.source, ":abc": i.abc, ":owner": i.owner_id, ":now": now,
            ":employees": i.employees, ":revenue": i.revenue_minor,
        },
    )?;
    changed(n, "Company", id)?;
    super::search::index_company(c, id, true)
}

/// Sets (or clears) the company a company belongs to.
pub fn set_parent(c: &Connection, id: i64, now: &str, parent: Option<i64>) -> Result<()> {
    let n = c
        .prepare_cached("UPDATE companies SET parent_id = ?2, updated_at = ?3 WHERE id = ?1 AND archived_at IS NULL")?
        .execute(rusqlite::params![id, parent, now])?;
    changed(n, "Company", id)
}

/// The company a company belongs to, if any (archived or not).
pub fn parent_of(c: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(c.prepare_cached("SELECT parent_id FROM companies WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?.flatten())
}

/// A live company whose name is this one, compared without case.
pub fn find_by_name(c: &Connection, name: &str) -> Result<Option<i64>> {
    let want = name.trim().to_lowercase();
    let mut st = c.prepare_cached("SELECT id, name FROM companies WHERE archived_at IS NULL ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if r.get::<_, String>(1)?.trim().to_lowercase() == want {
            return Ok(Some(r.get(0)?));
        }
    }
    Ok(None)
}

pub fn get(c: &Connection, id: i64) -> Result<Company> {
    c.query_row(&format!("SELECT {COLS} FROM companies WHERE id = ?1"), [id], row).optional()?.ok_or_else(|| Error::not_found("Company", id))
}

/// Live companies by name, a page at a time.
pub fn list(c: &Connection, limit: u32, offset: u32) -> Result<Vec<Company>> {
    let mut st = c.prepare_cached(&format!("SELECT {COLS} FROM companies WHERE archived_at IS NULL ORDER BY name, id LIMIT ?1 OFFSET ?2"))?;
    let v = st.query_map([limit, offset], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn set_abc(c: &Connection, id: i64, abc: crate::model::Abc, now: &str) -> Result<()> {
    let n = c.execute("UPDATE companies SET abc = ?2, updated_at = ?3 WHERE id = ?1", rusqlite::params![id, abc, now])?;
    changed(n, "Company", id)
}

/// Recomputes where a company stands on the conveyor from its deals: a
/// client (stage 3) once it has bought, else the furthest stage of its open
/// deals, else nowhere.
pub fn refresh_stage(c: &Connection, id: Option<i64>) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    c.prepare_cached(
        "UPDATE companies SET stage = CASE
             WHEN client_since IS NOT NULL THEN 'account_development'
             WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                          WHERE d.company_id = ?1 AND d.status = 'open' AND d.archived_at IS NULL AND s.stage = 'first_deal') THEN 'first_deal'
             WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                          WHERE d.company_id = ?1 AND d.status = 'open' AND d.archived_at IS NULL AND s.stage = 'lead_generation') THEN 'lead_generation'
             ELSE NULL END
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Marks a company as a client from `since` (its first sale); keeps an earlier date.
pub fn mark_client(c: &Connection, id: i64, since: chrono::NaiveDate, now: &str) -> Result<()> {
    let n = c.execute(
        "UPDATE companies SET client_since = min(coalesce(client_since, ?2), ?2),
             last_activity_on = coalesce(last_activity_on, ?2), updated_at = ?3 WHERE id = ?1",
        rusqlite::params![id, since, now],
    )?;
    changed(n, "Company", id)?;
    refresh_stage(c, Some(id))
}

//! SQL of a contact's details beside its names (migration 10).

use crate::contact_details::ContactDetails;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

const COLUMNS: &str = "display_name, additional, prefix, suffix, nickname, department, role, website";

fn row(r: &Row<'_>, at: usize) -> rusqlite::Result<ContactDetails> {
    Ok(ContactDetails {
        display_name: r.get(at)?,
        additional: r.get(at + 1)?,
        prefix: r.get(at + 2)?,
        suffix: r.get(at + 3)?,
        nickname: r.get(at + 4)?,
        department: r.get(at + 5)?,
        role: r.get(at + 6)?,
        website: r.get(at + 7)?,
    })
}

pub fn get(c: &Connection, contact_id: i64) -> Result<ContactDetails> {
    let sql = format!("SELECT {COLUMNS} FROM contact_details WHERE contact_id = ?1");
    Ok(c.prepare_cached(&sql)?.query_row([contact_id], |r| row(r, 0)).optional()?.unwrap_or_default())
}

/// Sets a contact's details (an empty set removes the row).
pub fn put(c: &Connection, contact_id: i64, d: &ContactDetails) -> Result<()> {
    if d.is_empty() {
        c.prepare_cached("DELETE FROM contact_details WHERE contact_id = ?1")?.execute([contact_id])?;
        return Ok(());
    }
    c.prepare_cached(
        "INSERT INTO contact_details (contact_id, display_name, additional, prefix, suffix, nickname, department, role, website)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (contact_id) DO UPDATE SET display_name = ?2, additional = ?3, prefix = ?4, suffix = ?5, nickname = ?6, department = ?7, role = ?8, website = ?9",
    )?
    .execute(params![contact_id, d.display_name, d.additional, d.prefix, d.suffix, d.nickname, d.department, d.role, d.website])?;
    Ok(())
}

/// The details of the live contacts of a company that have any, by contact id.
pub fn of_company(c: &Connection, company_id: i64) -> Result<HashMap<i64, ContactDetails>> {
    let sql = format!(
        "SELECT d.contact_id, d.{} FROM contact_details d JOIN contacts ct ON ct.id = d.contact_id WHERE ct.company_id = ?1 AND ct.archived_at IS NULL",
        COLUMNS.replace(", ", ", d.")
    );
    let v = c.prepare_cached(&sql)?.query_map([company_id], |r| Ok((r.get(0)?, row(r, 1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The details of every live contact that has any (the exports).
pub fn all(c: &Connection) -> Result<HashMap<i64, ContactDetails>> {
    let sql = format!(
        "SELECT d.contact_id, d.{} FROM contact_details d JOIN contacts ct ON ct.id = d.contact_id WHERE ct.archived_at IS NULL",
        COLUMNS.replace(", ", ", d.")
    );
    let v = c.prepare_cached(&sql)?.query_map([], |r| Ok((r.get(0)?, row(r, 1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

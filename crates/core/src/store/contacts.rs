//! Contacts: the people at clients and prospects.

use super::changed;
use crate::error::{Error, Result};
use crate::model::{Contact, ContactInput};
use rusqlite::{Connection, OptionalExtension, Row, Statement, named_params};

const COLS: &str = "id, company_id, first_name, last_name, title, phone, email, notes, source, referred_by_id, owner_id, archived_at IS NOT NULL, birthday";

fn row(r: &Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        company_id: r.get(1)?,
        first_name: r.get(2)?,
        last_name: r.get(3)?,
        title: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        notes: r.get(7)?,
        source: r.get(8)?,
        referred_by_id: r.get(9)?,
        owner_id: r.get(10)?,
        archived: r.get(11)?,
        birthday: r.get(12)?,
    })
}

pub fn insert(c: &Connection, now: &str, i: &ContactInput) -> Result<i64> {
    let id = insert_with(&mut *c.prepare_cached(INSERT)?, now, i, None, None)?;
    super::search::index_new_contact(c, id, i)?;
    Ok(id)
}

/// With the labels of the primary phone and e-mail an imported row gave
/// (set by a second statement per row, they were a sixth of a contacts import).
const INSERT: &str = "INSERT INTO contacts (company_id, first_name, last_name, title, phone, email, notes, source, referred_by_id, owner_id, birthday,
                               created_at, updated_at, phone_label, email_label)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)";

/// The insert, prepared once by a bulk writer ([`super::bulk::ImportWriter`]).
pub(super) fn prepare_insert(c: &Connection) -> Result<Statement<'_>> {
    Ok(c.prepare(INSERT)?)
}

/// Runs the prepared insert (positional parameters: imports run it 100,000 times in a row).
pub(super) fn insert_with(st: &mut Statement<'_>, now: &str, i: &ContactInput, phone_label: Option<&str>, email_label: Option<&str>) -> Result<i64> {
    Ok(st.insert(rusqlite::params![
        i.company_id,
        i.first_name,
        i.last_name,
        i.title,
        i.phone,
        i.email,
        i.notes,
        i.source,
        i.referred_by_id,
        i.owner_id,
        i.birthday,
        now,
        phone_label,
        email_label,
    ])?)
}

pub fn update(c: &Connection, id: i64, now: &str, i: &ContactInput) -> Result<()> {
    update_unindexed(c, id, now, i)?;
    super::search::index_contact(c, id)
}

/// Updates a contact without re-indexing it: for an import, which re-indexes what it changed at its end.
pub fn update_unindexed(c: &Connection, id: i64, now: &str, i: &ContactInput) -> Result<()> {
    let mut st = c.prepare_cached(
        "UPDATE contacts SET company_id = :company, first_name = :first, last_name = :last, title = :title, phone = :phone,
         email = :email, notes = :notes, source = :source, referred_by_id = :referred, owner_id = :owner, birthday = :birthday,
         updated_at = :now WHERE id = :id AND archived_at IS NULL",
    )?;
    let n = st.execute(named_params! {
        ":id": id, ":company": i.company_id, ":first": i.first_name, ":last": i.last_name, ":title": i.title, ":phone": i.phone,
        ":email": i.email, ":notes": i.notes, ":source": i.source, ":referred": i.referred_by_id, ":owner": i.owner_id, ":birthday": i.birthday, ":now": now,
    })?;
    changed(n, "Contact", id)
}

pub fn get(c: &Connection, id: i64) -> Result<Contact> {
    c.query_row(&format!("SELECT {COLS} FROM contacts WHERE id = ?1"), [id], row).optional()?.ok_or_else(|| Error::not_found("Contact", id))
}

pub fn list_for_company(c: &Connection, company_id: i64) -> Result<Vec<Contact>> {
    let mut st = c.prepare_cached(&format!("SELECT {COLS} FROM contacts WHERE company_id = ?1 AND archived_at IS NULL ORDER BY last_name, first_name, id"))?;
    let v = st.query_map([company_id], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Every live contact, in id order (exports).
pub fn list_all(c: &Connection) -> Result<Vec<Contact>> {
    let mut st = c.prepare_cached(&format!("SELECT {COLS} FROM contacts WHERE archived_at IS NULL ORDER BY id"))?;
    let v = st.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

//! People and the roles they hold.

use crate::error::{Error, Result};
use crate::model::{Person, Role};
use rusqlite::{Connection, OptionalExtension, params};

pub fn insert(c: &Connection, now: &str, name: &str, email: Option<&str>, phone: Option<&str>, is_owner: bool) -> Result<i64> {
    c.execute(
        "INSERT INTO people (name, email, phone, is_owner, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![name, email, phone, is_owner, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn update(c: &Connection, id: i64, now: &str, name: &str, email: Option<&str>, phone: Option<&str>) -> Result<()> {
    let n = c.execute(
        "UPDATE people SET name = ?2, email = ?3, phone = ?4, updated_at = ?5 WHERE id = ?1 AND archived_at IS NULL",
        params![id, name, email, phone, now],
    )?;
    if n == 0 { Err(Error::not_found("Person", id)) } else { Ok(()) }
}

pub fn set_roles(c: &Connection, id: i64, now: &str, roles: &[Role]) -> Result<()> {
    let current = roles_of(c, id)?;
    for r in current.iter().filter(|r| !roles.contains(r)) {
        c.execute("DELETE FROM person_roles WHERE person_id = ?1 AND role = ?2", params![id, r])?;
    }
    for r in roles.iter().filter(|r| !current.contains(r)) {
        c.execute("INSERT INTO person_roles (person_id, role, since) VALUES (?1, ?2, ?3)", params![id, r, now])?;
    }
    Ok(())
}

fn roles_of(c: &Connection, id: i64) -> Result<Vec<Role>> {
    let mut st = c.prepare_cached("SELECT role FROM person_roles WHERE person_id = ?1")?;
    let mut v = st.query_map([id], |r| r.get::<_, Role>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    v.sort();
    Ok(v)
}

pub fn get(c: &Connection, id: i64) -> Result<Person> {
    let p = c
        .query_row("SELECT id, name, email, phone, is_owner, archived_at IS NOT NULL FROM people WHERE id = ?1", [id], |r| {
            Ok(Person { id: r.get(0)?, name: r.get(1)?, email: r.get(2)?, phone: r.get(3)?, is_owner: r.get(4)?, roles: vec![], archived: r.get(5)? })
        })
        .optional()?
        .ok_or_else(|| Error::not_found("Person", id))?;
    Ok(Person { roles: roles_of(c, id)?, ..p })
}

pub fn list(c: &Connection) -> Result<Vec<Person>> {
    let ids: Vec<i64> = c
        .prepare_cached("SELECT id FROM people WHERE archived_at IS NULL ORDER BY is_owner DESC, name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(c, id)).collect()
}

pub fn archive(c: &Connection, id: i64, now: &str) -> Result<()> {
    let n = c.execute("UPDATE people SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
    if n == 0 { Err(Error::not_found("Person", id)) } else { Ok(()) }
}

pub fn exists(c: &Connection, id: i64) -> Result<bool> {
    Ok(c.query_row("SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND archived_at IS NULL)", [id], |r| r.get(0))?)
}

//! The search index over contacts and companies (FTS5, folded text).

use crate::error::Result;
use crate::text::{digits, fold, query_tokens};
use rusqlite::{params, Connection};

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Contact(i64),
    Company(i64),
}

fn rowid(h: Hit) -> i64 {
    match h {
        Hit::Contact(id) => id * 2,
        Hit::Company(id) => id * 2 + 1,
    }
}

fn hit(rowid: i64) -> Hit {
    if rowid % 2 == 0 { Hit::Contact(rowid / 2) } else { Hit::Company(rowid / 2) }
}

/// Phone tokens: all digits, and the national number without a country
/// code, so `916 123` and `+7 916 123…` both match by prefix.
fn phone_tokens(phone: &str, out: &mut String) {
    let d = digits(phone);
    if d.is_empty() {
        return;
    }
    out.push(' ');
    out.push_str(&d);
    if d.len() > 10 {
        out.push(' ');
        out.push_str(&d[d.len() - 10..]);
    }
    if let Some(rest) = d.strip_prefix('0') {
        out.push(' ');
        out.push_str(rest);
    }
}

fn body(parts: &[Option<&str>], phones: &[Option<&str>]) -> String {
    let mut body = String::new();
    for p in parts.iter().flatten() {
        body.push(' ');
        body.push_str(&fold(p));
    }
    for p in phones.iter().flatten() {
        phone_tokens(p, &mut body);
    }
    body
}

fn put(c: &Connection, h: Hit, parts: &[Option<&str>], phones: &[Option<&str>]) -> Result<()> {
    let id = rowid(h);
    c.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([id])?;
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![id, body(parts, phones)])?;
    Ok(())
}

fn contact_body(i: &crate::model::ContactInput, company: Option<&str>) -> String {
    body(
        &[Some(&i.first_name), Some(&i.last_name), i.title.as_deref(), i.email.as_deref(), i.notes.as_deref(), company],
        &[i.phone.as_deref()],
    )
}

fn company_body(i: &crate::model::CompanyInput) -> String {
    body(
        &[Some(&i.name), i.industry.as_deref(), i.city.as_deref(), i.email.as_deref(), i.website.as_deref(), i.notes.as_deref()],
        &[i.phone.as_deref()],
    )
}

/// Indexes a contact just inserted (nothing to replace, nothing to re-read
/// but its company's name).
pub fn index_new_contact(c: &Connection, id: i64, i: &crate::model::ContactInput) -> Result<()> {
    let company: Option<String> = match i.company_id {
        Some(co) => c.prepare_cached("SELECT name FROM companies WHERE id = ?1")?.query_row([co], |r| r.get(0))?,
        None => None,
    };
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![rowid(Hit::Contact(id)), contact_body(i, company.as_deref())])?;
    Ok(())
}

/// The search rows of a bulk write (an import), written at its end in one
/// pass in rowid order, inside the same transaction.
///
/// Why: FTS5 keeps new entries in memory only while rowids grow; a smaller
/// rowid than the last one written makes it write a segment to disk and
/// merge. Contacts (even rowids) and the companies an import creates (odd
/// rowids) interleave, so indexing each row as it is written flushed on
/// almost every new company (20,000 flushes for 100,000 contacts).
#[derive(Default)]
pub struct BulkIndex {
    /// (rowid, body) of new rows.
    new: Vec<(i64, String)>,
    /// Contacts changed in place: re-read and re-indexed at the end.
    changed: Vec<i64>,
}

impl BulkIndex {
    pub fn with_capacity(n: usize) -> Self {
        BulkIndex { new: Vec::with_capacity(n), changed: vec![] }
    }

    /// A contact inserted with [`super::contacts::insert_unindexed`]; `company` is its company's name.
    pub fn new_contact(&mut self, id: i64, i: &crate::model::ContactInput, company: Option<&str>) {
        self.new.push((rowid(Hit::Contact(id)), contact_body(i, company)));
    }

    /// A company inserted with [`super::companies::insert_unindexed`].
    pub fn new_company(&mut self, id: i64, i: &crate::model::CompanyInput) {
        self.new.push((rowid(Hit::Company(id)), company_body(i)));
    }

    /// A contact updated with [`super::contacts::update_unindexed`].
    pub fn changed_contact(&mut self, id: i64) {
        self.changed.push(rowid(Hit::Contact(id)));
    }

    /// Writes every collected row, smallest rowid first.
    pub fn write(mut self, c: &Connection) -> Result<()> {
        self.new.sort_unstable_by_key(|(r, _)| *r);
        self.changed.sort_unstable();
        self.changed.dedup();
        let mut insert = c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?;
        let mut changed = self.changed.into_iter().peekable();
        for (r, text) in self.new {
            // Changed rows that come before this one (they were indexed before the import).
            while let Some(&ch) = changed.peek().filter(|&&ch| ch < r) {
                changed.next();
                index_contact(c, ch / 2)?;
            }
            if changed.peek() == Some(&r) {
                // Created earlier in this import, then updated by a later row: index what is stored now.
                changed.next();
                let id = r / 2;
                let stored = super::contacts::get(c, id)?;
                let company: Option<String> = match stored.company_id {
                    Some(co) => c.prepare_cached("SELECT name FROM companies WHERE id = ?1")?.query_row([co], |row| row.get(0))?,
                    None => None,
                };
                let body = body(
                    &[Some(&stored.first_name), Some(&stored.last_name), stored.title.as_deref(), stored.email.as_deref(), stored.notes.as_deref(), company.as_deref()],
                    &[stored.phone.as_deref()],
                );
                insert.execute(params![r, body])?;
                continue;
            }
            insert.execute(params![r, text])?;
        }
        for ch in changed {
            index_contact(c, ch / 2)?;
        }
        Ok(())
    }
}

/// Indexes a company just inserted, from what was inserted.
pub fn index_new_company(c: &Connection, id: i64, i: &crate::model::CompanyInput) -> Result<()> {
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![rowid(Hit::Company(id)), company_body(i)])?;
    Ok(())
}

/// (Re)indexes one contact from its stored row (with its company's name).
pub fn index_contact(c: &Connection, id: i64) -> Result<()> {
    let row = c
        .prepare_cached(
            "SELECT ct.first_name, ct.last_name, ct.title, ct.phone, ct.email, ct.notes, co.name, ct.archived_at IS NOT NULL
             FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id WHERE ct.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, bool>(7)?,
            ))
        })?;
    let (first, last, title, phone, email, notes, company, archived) = row;
    if archived {
        return remove(c, Hit::Contact(id));
    }
    put(c, Hit::Contact(id), &[Some(&first), Some(&last), title.as_deref(), email.as_deref(), notes.as_deref(), company.as_deref()], &[phone.as_deref()])
}

/// (Re)indexes one company, and its contacts when `with_contacts` (their
/// text includes the company name).
pub fn index_company(c: &Connection, id: i64, with_contacts: bool) -> Result<()> {
    let row = c
        .prepare_cached(
            "SELECT name, industry, city, phone, email, website, notes, archived_at IS NOT NULL FROM companies WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, bool>(7)?,
            ))
        })?;
    let (name, industry, city, phone, email, website, notes, archived) = row;
    if archived {
        remove(c, Hit::Company(id))?;
    } else {
        put(c, Hit::Company(id), &[Some(&name), industry.as_deref(), city.as_deref(), email.as_deref(), website.as_deref(), notes.as_deref()], &[phone.as_deref()])?;
    }
    if with_contacts {
        let ids: Vec<i64> = c
            .prepare_cached("SELECT id FROM contacts WHERE company_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for cid in ids {
            index_contact(c, cid)?;
        }
    }
    Ok(())
}

/// FTS5 keeps new index entries in memory and writes them out as a segment
/// whenever they pass `hashsize` (1 MiB by default), merging segments as it
/// goes. A bulk load inside one transaction (an import) raises it so the
/// rows are written out in a few large segments, then sets it back. Both
/// settings are written inside the caller's transaction, so a rollback
/// takes them back with the rows.
pub fn bulk_load(c: &Connection, on: bool) -> Result<()> {
    const BULK_HASHSIZE: i64 = 64 * 1024 * 1024;
    const DEFAULT_HASHSIZE: i64 = 1024 * 1024;
    let size = if on { BULK_HASHSIZE } else { DEFAULT_HASHSIZE };
    c.prepare_cached("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?1)")?.execute([size])?;
    Ok(())
}

pub fn remove(c: &Connection, h: Hit) -> Result<()> {
    c.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid(h)])?;
    Ok(())
}

/// Rebuilds the whole index (after a migration, or to repair it).
pub fn rebuild(c: &Connection) -> Result<()> {
    c.execute("DELETE FROM search_fts", [])?;
    let companies: Vec<i64> = c.prepare("SELECT id FROM companies")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in companies {
        index_company(c, id, false)?;
    }
    let contacts: Vec<i64> = c.prepare("SELECT id FROM contacts")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in contacts {
        index_contact(c, id)?;
    }
    Ok(())
}

/// Hits for a query typed so far: every token must match a word prefix.
/// Best matches first.
pub fn query(c: &Connection, q: &str, limit: u32) -> Result<Vec<Hit>> {
    let tokens = query_tokens(q);
    if tokens.is_empty() {
        return Ok(vec![]);
    }
    // Tokens are letters and digits only, so quoting them is safe.
    let expr = tokens.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
    // One typed letter matches a large part of the index: ranking all of it
    // costs more than it tells, so the first matches are shown as they come.
    let ranked = tokens.iter().map(|t| t.chars().count()).sum::<usize>() > 1;
    let sql = if ranked {
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rank LIMIT ?2"
    } else {
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2"
    };
    let v = c
        .prepare_cached(sql)?
        .query_map(params![expr, limit], |r| r.get::<_, i64>(0))?
        .map(|r| r.map(hit))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

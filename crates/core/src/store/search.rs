//! The search index over contacts and companies (FTS5, folded text).

use crate::error::Result;
use crate::text::{digits, fold, query_tokens};
use rusqlite::{Connection, OptionalExtension, params};

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

/// Replaces one row's entry with `text`.
fn put(c: &Connection, h: Hit, text: String) -> Result<()> {
    take(c, h)?;
    let id = rowid(h);
    c.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([id])?;
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![id, text])?;
    Ok(())
}

fn contact_body(i: &crate::model::ContactInput, company: Option<&str>) -> String {
    body(&[Some(&i.first_name), Some(&i.last_name), i.title.as_deref(), i.email.as_deref(), i.notes.as_deref(), company], &[i.phone.as_deref()])
}

fn company_body(i: &crate::model::CompanyInput) -> String {
    body(&[Some(&i.name), i.industry.as_deref(), i.city.as_deref(), i.email.as_deref(), i.website.as_deref(), i.notes.as_deref()], &[i.phone.as_deref()])
}

/// Indexes a contact just inserted (nothing to replace, nothing to re-read
/// but its company's name).
pub fn index_new_contact(c: &Connection, id: i64, i: &crate::model::ContactInput) -> Result<()> {
    let company: Option<String> = match i.company_id {
        Some(co) => c.prepare_cached("SELECT name FROM companies WHERE id = ?1")?.query_row([co], |r| r.get(0))?,
        None => None,
    };
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![rowid(Hit::Contact(id)), contact_body(i, company.as_deref())])?;
    Ok(())
}

/// What a backlog range covers (migration 9: rows a bulk import wrote whose
/// search entries are made just after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Contact,
    Company,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Contact => "contact",
            Kind::Company => "company",
        }
    }

    fn parse(s: &str) -> Kind {
        if s == "company" { Kind::Company } else { Kind::Contact }
    }

    fn hit(self, id: i64) -> Hit {
        match self {
            Kind::Contact => Hit::Contact(id),
            Kind::Company => Hit::Company(id),
        }
    }
}

/// Records that the rows `first..=last` of `kind`, just written by a bulk
/// import in the caller's transaction, have no search entries yet. They
/// are found by [`query`] at once and indexed by [`catch_up`].
pub fn defer(c: &Connection, kind: Kind, first: i64, last: i64) -> Result<()> {
    if last < first {
        return Ok(());
    }
    c.prepare_cached("INSERT INTO search_backlog (kind, first_id, last_id) VALUES (?1, ?2, ?3)")?.execute(params![kind.as_str(), first, last])?;
    Ok(())
}

/// How many rows still wait for their search entries.
pub fn pending(c: &Connection) -> Result<u64> {
    let n: i64 = c.prepare_cached("SELECT coalesce(sum(last_id - first_id + 1), 0) FROM search_backlog")?.query_row([], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Takes one row out of the backlog: it is being indexed (or removed) on
/// its own, so [`catch_up`] must not index it a second time.
fn take(c: &Connection, h: Hit) -> Result<()> {
    let (kind, id) = match h {
        Hit::Contact(id) => (Kind::Contact, id),
        Hit::Company(id) => (Kind::Company, id),
    };
    let range: Option<(i64, i64, i64)> = c
        .prepare_cached("SELECT id, first_id, last_id FROM search_backlog WHERE kind = ?1 AND first_id <= ?2 AND last_id >= ?2 LIMIT 1")?
        .query_row(params![kind.as_str(), id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((range, first, last)) = range else { return Ok(()) };
    if first == last {
        c.prepare_cached("DELETE FROM search_backlog WHERE id = ?1")?.execute([range])?;
    } else if id == first {
        c.prepare_cached("UPDATE search_backlog SET first_id = ?2 WHERE id = ?1")?.execute([range, id + 1])?;
    } else if id == last {
        c.prepare_cached("UPDATE search_backlog SET last_id = ?2 WHERE id = ?1")?.execute([range, id - 1])?;
    } else {
        c.prepare_cached("UPDATE search_backlog SET last_id = ?2 WHERE id = ?1")?.execute([range, id - 1])?;
        defer(c, kind, id + 1, last)?;
    }
    Ok(())
}

/// A contact's tags and textual custom values, as two columns of [`each_body`].
const CONTACT_EXTRAS: &str =
    "(SELECT group_concat(t.name, ' ') FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.entity = 'contact' AND l.record_id = ct.id),
    (SELECT group_concat(v.value, ' ') FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
     WHERE f.entity = 'contact' AND f.kind IN ('text', 'choice') AND v.record_id = ct.id)";
const COMPANY_EXTRAS: &str =
    "(SELECT group_concat(t.name, ' ') FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.entity = 'company' AND l.record_id = co.id),
    (SELECT group_concat(v.value, ' ') FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
     WHERE f.entity = 'company' AND f.kind IN ('text', 'choice') AND v.record_id = co.id)";

/// Calls `f(hit, folded text)` for each live row of `kind` with an id in
/// `first..=last`, in id order, while `f` returns true.
fn each_body(c: &Connection, kind: Kind, first: i64, last: i64, f: impl FnMut(Hit, String) -> Result<bool>) -> Result<()> {
    each_body_of(c, kind, first, last, true, f)
}

/// [`each_body`], with the addresses (migration 10) or without them (when
/// an earlier migration rebuilds the index before the table exists).
fn each_body_of(c: &Connection, kind: Kind, first: i64, last: i64, addresses: bool, mut f: impl FnMut(Hit, String) -> Result<bool>) -> Result<()> {
    // Both queries give: id, then the indexed texts in the order of
    // [`contact_body`] / [`company_body`], then the phone, then the addresses and the
    // details, then the tags and the textual custom values (migration 13;
    // none yet on a row just inserted). The index is rebuilt by migration 2,
    // before addresses and tags exist.
    let extras: bool = c.prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'custom_values')")?.query_row([], |r| r.get(0))?;
    let (contact_extras, company_extras) = if extras { (CONTACT_EXTRAS, COMPANY_EXTRAS) } else { ("NULL, NULL", "NULL, NULL") };
    let columns = match (kind, addresses) {
        (Kind::Contact, false) => {
            "SELECT ct.id, ct.first_name, ct.last_name, ct.title, ct.email, ct.notes, co.name, ct.phone, NULL, {contact_extras}
             FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id
             WHERE ct.id BETWEEN ?1 AND ?2 AND ct.archived_at IS NULL ORDER BY ct.id"
        }
        (Kind::Company, false) => {
            "SELECT id, name, industry, city, email, website, notes, phone, NULL, {company_extras} FROM companies
             WHERE id BETWEEN ?1 AND ?2 AND archived_at IS NULL ORDER BY id"
        }
        (Kind::Contact, true) => {
            "SELECT ct.id, ct.first_name, ct.last_name, ct.title, ct.email, ct.notes, co.name, ct.phone,
                    coalesce((SELECT group_concat(street || ' ' || city || ' ' || region || ' ' || postcode || ' ' || country, ' ') FROM addresses WHERE contact_id = ct.id), '')
                    || coalesce((SELECT ' ' || display_name || ' ' || additional || ' ' || nickname || ' ' || department || ' ' || role FROM contact_details WHERE contact_id = ct.id), ''),
                    {contact_extras}
             FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id
             WHERE ct.id BETWEEN ?1 AND ?2 AND ct.archived_at IS NULL ORDER BY ct.id"
        }
        (Kind::Company, true) => {
            "SELECT co.id, co.name, co.industry, co.city, co.email, co.website, co.notes, co.phone,
                    (SELECT group_concat(street || ' ' || city || ' ' || region || ' ' || postcode || ' ' || country, ' ') FROM addresses WHERE company_id = co.id),
                    {company_extras}
             FROM companies co WHERE co.id BETWEEN ?1 AND ?2 AND co.archived_at IS NULL ORDER BY co.id"
        }
    };
    let sql = columns.replace("{contact_extras}", contact_extras).replace("{company_extras}", company_extras);
    let mut st = c.prepare_cached(&sql)?;
    let mut rows = st.query([first, last])?;
    while let Some(r) = rows.next()? {
        let opt = |i: usize| -> rusqlite::Result<Option<&str>> { Ok(r.get_ref(i)?.as_str_or_null()?) };
        let text = body(&[opt(1)?, opt(2)?, opt(3)?, opt(4)?, opt(5)?, opt(6)?, opt(8)?, opt(9)?, opt(10)?], &[opt(7)?]);
        if !f(kind.hit(r.get(0)?), text)? {
            break;
        }
    }
    Ok(())
}

/// Makes the search entries of up to `max_rows` rows of the backlog, in the
/// caller's transaction, and returns how many are still waiting. Each call
/// writes one kind in id order, so FTS5 appends rather than merges.
pub fn catch_up(c: &Connection, max_rows: u64) -> Result<u64> {
    let mut budget = i64::try_from(max_rows).unwrap_or(i64::MAX).max(1);
    while budget > 0 {
        let next: Option<(i64, String, i64, i64)> = c
            .prepare_cached("SELECT id, kind, first_id, last_id FROM search_backlog ORDER BY id LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((range, kind, first, last)) = next else { break };
        let kind = Kind::parse(&kind);
        let end = last.min(first.saturating_add(budget - 1));
        let mut insert = c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?;
        each_body(c, kind, first, end, |h, text| {
            insert.execute(params![rowid(h), text])?;
            Ok(true)
        })?;
        if end == last {
            c.prepare_cached("DELETE FROM search_backlog WHERE id = ?1")?.execute([range])?;
        } else {
            c.prepare_cached("UPDATE search_backlog SET first_id = ?2 WHERE id = ?1")?.execute([range, end + 1])?;
        }
        budget -= end - first + 1;
    }
    pending(c)
}

/// Rows of the backlog that match every token (as a prefix of one of their
/// words, like the index), in id order, up to `limit`.
fn backlog_hits(c: &Connection, tokens: &[String], limit: usize, out: &mut Vec<Hit>) -> Result<()> {
    let ranges: Vec<(String, i64, i64)> = c
        .prepare_cached("SELECT kind, first_id, last_id FROM search_backlog ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = 0;
    for (kind, first, last) in ranges {
        if found >= limit {
            break;
        }
        each_body(c, Kind::parse(&kind), first, last, |h, text| {
            let matches = tokens.iter().all(|t| text.split(|ch: char| !ch.is_alphanumeric()).any(|w| w.starts_with(t.as_str())));
            if matches {
                out.push(h);
                found += 1;
            }
            Ok(found < limit)
        })?;
    }
    Ok(())
}

/// Indexes a company just inserted, from what was inserted.
pub fn index_new_company(c: &Connection, id: i64, i: &crate::model::CompanyInput) -> Result<()> {
    c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![rowid(Hit::Company(id)), company_body(i)])?;
    Ok(())
}

/// (Re)indexes one contact from its stored row (with its company's name).
pub fn index_contact(c: &Connection, id: i64) -> Result<()> {
    reindex_one(c, Kind::Contact, id)
}

/// (Re)indexes one company, and its contacts when `with_contacts` (their
/// text includes the company name).
pub fn index_company(c: &Connection, id: i64, with_contacts: bool) -> Result<()> {
    reindex_one(c, Kind::Company, id)?;
    if with_contacts {
        let ids: Vec<i64> =
            c.prepare_cached("SELECT id FROM contacts WHERE company_id = ?1")?.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for cid in ids {
            index_contact(c, cid)?;
        }
    }
    Ok(())
}

/// One row's entry from what is stored: replaced, or removed when the row
/// is archived. A row that does not exist is an error.
fn reindex_one(c: &Connection, kind: Kind, id: i64) -> Result<()> {
    let mut text = None;
    each_body(c, kind, id, id, |_, t| {
        text = Some(t);
        Ok(false)
    })?;
    if let Some(text) = text {
        return put(c, kind.hit(id), text);
    }
    let sql = match kind {
        Kind::Contact => "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1)",
        Kind::Company => "SELECT EXISTS (SELECT 1 FROM companies WHERE id = ?1)",
    };
    if !c.prepare_cached(sql)?.query_row([id], |r| r.get::<_, bool>(0))? {
        return Err(rusqlite::Error::QueryReturnedNoRows.into());
    }
    remove(c, kind.hit(id))
}

/// FTS5 keeps new index entries in memory and writes them out as a segment
/// whenever they pass `hashsize` (1 MiB by default), merging segments as it
/// goes. Making the entries an import left ([`catch_up`]) raises it so the
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
    take(c, h)?;
    c.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([rowid(h)])?;
    Ok(())
}

/// Rebuilds the whole index (after a migration, or to repair it). Runs
/// from migration 2 on, before the backlog table exists (migration 9).
pub fn rebuild(c: &Connection) -> Result<()> {
    c.execute("DELETE FROM search_fts", [])?;
    let backlog: bool = c.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'search_backlog')", [], |r| r.get(0))?;
    if backlog {
        c.execute("DELETE FROM search_backlog", [])?;
    }
    let addresses: bool = c.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'addresses')", [], |r| r.get(0))?;
    let mut insert = c.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?;
    for kind in [Kind::Company, Kind::Contact] {
        each_body_of(c, kind, i64::MIN, i64::MAX, addresses, |h, text| {
            insert.execute(params![rowid(h), text])?;
            Ok(true)
        })?;
    }
    Ok(())
}

/// Calls `f(kind, id, folded text)` for every live company, then every live
/// contact, in id order, with the very text the index holds for each (rows
/// still waiting in the backlog included), while `f` returns true. A team
/// workspace's `search_text` is made from these (store::pg::copy).
pub fn each_entry(c: &Connection, mut f: impl FnMut(&'static str, i64, String) -> Result<bool>) -> Result<()> {
    let mut going = true;
    for kind in [Kind::Company, Kind::Contact] {
        if !going {
            break;
        }
        each_body(c, kind, i64::MIN, i64::MAX, |h, text| {
            let id = match h {
                Hit::Contact(id) | Hit::Company(id) => id,
            };
            going = f(kind.as_str(), id, text)?;
            Ok(going)
        })?;
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
    let mut v = c.prepare_cached(sql)?.query_map(params![expr, limit], |r| r.get::<_, i64>(0))?.map(|r| r.map(hit)).collect::<rusqlite::Result<Vec<_>>>()?;
    // Rows an import wrote a moment ago may still wait for their entries:
    // read them directly (slower, for the second or so until catch_up ends).
    if v.len() < limit as usize {
        let waiting: bool = c.prepare_cached("SELECT EXISTS (SELECT 1 FROM search_backlog)")?.query_row([], |r| r.get(0))?;
        if waiting {
            backlog_hits(c, &tokens, limit as usize - v.len(), &mut v)?;
        }
    }
    Ok(v)
}

//! SQL of imports and exports: additional contact channels, the keys that
//! find duplicates, and the flat rows the exports write.

use crate::error::Result;
use rusqlite::{Connection, params};

/// An additional phone or e-mail of a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub contact_id: i64,
    /// `phone` or `email`.
    pub kind: String,
    pub value: String,
    pub label: Option<String>,
    pub position: i64,
}

pub fn insert_channel(c: &Connection, contact_id: i64, kind: &str, value: &str, norm: &str, label: Option<&str>, position: i64) -> Result<()> {
    insert_channel_with(&mut *c.prepare_cached(INSERT_CHANNEL)?, contact_id, kind, value, norm, label, position)
}

const INSERT_CHANNEL: &str = "INSERT INTO contact_channels (contact_id, kind, value, value_norm, label, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// The channel insert, prepared once by a bulk writer ([`super::bulk::ImportWriter`]).
pub(super) fn prepare_insert_channel(c: &Connection) -> Result<rusqlite::Statement<'_>> {
    Ok(c.prepare(INSERT_CHANNEL)?)
}

pub(super) fn insert_channel_with(
    st: &mut rusqlite::Statement<'_>,
    contact_id: i64,
    kind: &str,
    value: &str,
    norm: &str,
    label: Option<&str>,
    position: i64,
) -> Result<()> {
    st.execute(params![contact_id, kind, value, norm, label, position])?;
    Ok(())
}

/// The next free position among a contact's additional channels.
pub fn next_channel_position(c: &Connection, contact_id: i64) -> Result<i64> {
    let mut st = c.prepare_cached("SELECT coalesce(max(position), 0) + 1 FROM contact_channels WHERE contact_id = ?1")?;
    Ok(st.query_row([contact_id], |r| r.get(0))?)
}

/// Every additional channel of live contacts, by contact then position.
pub fn all_channels(c: &Connection) -> Result<Vec<Channel>> {
    let mut st = c.prepare_cached(
        "SELECT ch.contact_id, ch.kind, ch.value, ch.label, ch.position FROM contact_channels ch
         JOIN contacts ct ON ct.id = ch.contact_id WHERE ct.archived_at IS NULL ORDER BY ch.contact_id, ch.position, ch.id",
    )?;
    let v = st
        .query_map([], |r| Ok(Channel { contact_id: r.get(0)?, kind: r.get(1)?, value: r.get(2)?, label: r.get(3)?, position: r.get(4)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// What duplicate detection needs of a live contact.
#[derive(Debug, Clone)]
pub struct ContactKeys {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub fn contact_keys(c: &Connection) -> Result<Vec<ContactKeys>> {
    let mut st = c.prepare_cached("SELECT id, first_name, last_name, email, phone FROM contacts WHERE archived_at IS NULL ORDER BY id")?;
    let v = st
        .query_map([], |r| Ok(ContactKeys { id: r.get(0)?, first_name: r.get(1)?, last_name: r.get(2)?, email: r.get(3)?, phone: r.get(4)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// `(contact_id, kind, value_norm)` of every additional channel of live contacts.
pub fn channel_keys(c: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut st = c.prepare_cached(
        "SELECT ch.contact_id, ch.kind, ch.value_norm FROM contact_channels ch
         JOIN contacts ct ON ct.id = ch.contact_id WHERE ct.archived_at IS NULL",
    )?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// `(id, name)` of live companies.
pub fn company_names(c: &Connection) -> Result<Vec<(i64, String)>> {
    let mut st = c.prepare_cached("SELECT id, name FROM companies WHERE archived_at IS NULL ORDER BY id")?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// What exports write about a company beside its name: industry,
/// employees, revenue (minor units) and the parent's name.
pub type CompanyFactsRow = (Option<String>, Option<i64>, Option<i64>, Option<String>);

/// The facts of every live company that has any, by id.
pub fn company_facts(c: &Connection) -> Result<std::collections::HashMap<i64, CompanyFactsRow>> {
    let mut st = c.prepare_cached(
        "SELECT co.id, co.industry, co.employees, co.revenue_minor, p.name FROM companies co LEFT JOIN companies p ON p.id = co.parent_id
         WHERE co.archived_at IS NULL AND (co.industry IS NOT NULL OR co.employees IS NOT NULL OR co.revenue_minor IS NOT NULL OR co.parent_id IS NOT NULL)",
    )?;
    let v =
        st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))?.collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
    Ok(v)
}

/// A deal as the CSV export writes it.
#[derive(Debug, Clone)]
pub struct DealExportRow {
    pub id: i64,
    pub title: String,
    pub company: Option<String>,
    pub contact: Option<String>,
    pub stage: String,
    pub step: String,
    pub value_minor: i64,
    pub currency: String,
    pub status: String,
    pub source: String,
    pub next_step: Option<String>,
    pub next_step_date: Option<String>,
    pub close_reason: Option<String>,
    pub closed_on: Option<String>,
    pub created_at: String,
}

pub fn deal_rows(c: &Connection) -> Result<Vec<DealExportRow>> {
    let mut st = c.prepare_cached(
        "SELECT d.id, d.title, co.name, trim(ct.first_name || ' ' || ct.last_name), s.stage, s.name, d.value_minor, d.currency,
                d.status, d.source, d.next_step, d.next_step_date, d.close_reason, d.closed_on, d.created_at
         FROM deals d JOIN steps s ON s.id = d.step_id
         LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts ct ON ct.id = d.contact_id
         WHERE d.archived_at IS NULL ORDER BY d.id",
    )?;
    let v = st
        .query_map([], |r| {
            Ok(DealExportRow {
                id: r.get(0)?,
                title: r.get(1)?,
                company: r.get(2)?,
                contact: r.get(3)?,
                stage: r.get(4)?,
                step: r.get(5)?,
                value_minor: r.get(6)?,
                currency: r.get(7)?,
                status: r.get(8)?,
                source: r.get(9)?,
                next_step: r.get(10)?,
                next_step_date: r.get(11)?,
                close_reason: r.get(12)?,
                closed_on: r.get(13)?,
                created_at: r.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// An activity as the CSV export writes it.
#[derive(Debug, Clone)]
pub struct ActivityExportRow {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub deal: Option<String>,
    pub contact: Option<String>,
    pub company: Option<String>,
    pub due_at: Option<String>,
    pub done_at: Option<String>,
    pub outcome: Option<String>,
    pub duration_min: Option<i64>,
    pub notes: Option<String>,
}

pub fn activity_rows(c: &Connection) -> Result<Vec<ActivityExportRow>> {
    let mut st = c.prepare_cached(
        "SELECT a.id, a.kind, a.subject, d.title, trim(ct.first_name || ' ' || ct.last_name), co.name, a.due_at, a.done_at,
                a.outcome, a.duration_min, a.notes
         FROM activities a LEFT JOIN deals d ON d.id = a.deal_id LEFT JOIN contacts ct ON ct.id = a.contact_id
         LEFT JOIN companies co ON co.id = a.company_id
         WHERE a.archived_at IS NULL ORDER BY a.id",
    )?;
    let v = st
        .query_map([], |r| {
            Ok(ActivityExportRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                subject: r.get(2)?,
                deal: r.get(3)?,
                contact: r.get(4)?,
                company: r.get(5)?,
                due_at: r.get(6)?,
                done_at: r.get(7)?,
                outcome: r.get(8)?,
                duration_min: r.get(9)?,
                notes: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Something to put in the calendar: an open deal's next step, or an open task.
#[derive(Debug, Clone)]
pub struct CalendarItemRow {
    /// `deal` or `activity`.
    pub kind: &'static str,
    pub id: i64,
    pub summary: String,
    pub detail: Option<String>,
    /// `YYYY-MM-DD` (deals) or `YYYY-MM-DDTHH:MM:SS` local (activities).
    pub when: String,
}

pub fn calendar_items(c: &Connection) -> Result<Vec<CalendarItemRow>> {
    let mut out = vec![];
    let mut st = c.prepare_cached(
        "SELECT id, next_step, title FROM deals WHERE status = 'open' AND archived_at IS NULL
         AND next_step IS NOT NULL AND next_step_date IS NOT NULL ORDER BY id",
    )?;
    let deals = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut dates = c.prepare_cached("SELECT next_step_date FROM deals WHERE id = ?1")?;
    for d in deals {
        let (id, step, title) = d?;
        let when: String = dates.query_row([id], |r| r.get(0))?;
        out.push(CalendarItemRow { kind: "deal", id, summary: format!("{step} — {title}"), detail: Some(title), when });
    }
    let mut st =
        c.prepare_cached("SELECT id, subject, notes, due_at FROM activities WHERE due_at IS NOT NULL AND done_at IS NULL AND archived_at IS NULL ORDER BY id")?;
    for a in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?)))? {
        let (id, summary, detail, when) = a?;
        out.push(CalendarItemRow { kind: "activity", id, summary, detail, when });
    }
    Ok(out)
}

/// Counts of a workspace as a backup shows them (read from any connection).
pub fn table_count(c: &Connection, table: &'static str) -> Result<i64> {
    Ok(c.query_row(&format!("SELECT count(*) FROM {table} WHERE archived_at IS NULL"), [], |r| r.get(0))?)
}

/// `(kind, value_norm)` of a contact's additional channels.
/// Gives a contact's additional phone or e-mail (by its normalised value) a new kind.
pub fn relabel_channel(c: &Connection, contact_id: i64, kind: &str, norm: &str, label: &str) -> Result<()> {
    c.prepare_cached("UPDATE contact_channels SET label = ?4 WHERE contact_id = ?1 AND kind = ?2 AND value_norm = ?3")?
        .execute(rusqlite::params![contact_id, kind, norm, label])?;
    Ok(())
}

/// The kinds of a contact's primary phone and e-mail.
pub fn primary_labels_of(c: &Connection, contact_id: i64) -> Result<(Option<String>, Option<String>)> {
    Ok(c.prepare_cached("SELECT phone_label, email_label FROM contacts WHERE id = ?1")?.query_row([contact_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn channel_norms(c: &Connection, contact_id: i64) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare_cached("SELECT kind, value_norm FROM contact_channels WHERE contact_id = ?1")?;
    let v = st.query_map([contact_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

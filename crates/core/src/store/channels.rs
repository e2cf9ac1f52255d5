//! SQL of a contact's phones and e-mails as one list each: the primary one
//! (contacts.phone / email with their labels, migration 10) and the
//! additional ones (contact_channels).

use crate::error::Result;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// One phone or e-mail as stored: value, label, whether it is the primary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChannel {
    pub contact_id: i64,
    /// `phone` or `email`.
    pub kind: String,
    pub value: String,
    pub label: Option<String>,
    pub primary: bool,
}

/// Sets the labels of a contact's primary phone and e-mail.
pub fn set_primary_labels(c: &Connection, contact_id: i64, phone_label: Option<&str>, email_label: Option<&str>) -> Result<()> {
    c.prepare_cached("UPDATE contacts SET phone_label = ?2, email_label = ?3 WHERE id = ?1")?.execute(params![contact_id, phone_label, email_label])?;
    Ok(())
}

/// The labels of a contact's primary phone and e-mail.
pub type PrimaryLabels = (Option<String>, Option<String>);

/// The labels of every live contact's primary phone and e-mail that has any.
pub fn primary_labels(c: &Connection) -> Result<HashMap<i64, PrimaryLabels>> {
    let mut st = c.prepare_cached(
        "SELECT id, phone_label, email_label FROM contacts WHERE (phone_label IS NOT NULL OR email_label IS NOT NULL) AND archived_at IS NULL",
    )?;
    let v = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The phones and e-mails of the live contacts of a company (primary first, then in order).
pub fn of_company(c: &Connection, company_id: i64) -> Result<Vec<StoredChannel>> {
    of(c, "SELECT id, phone, phone_label, email, email_label FROM contacts WHERE company_id = ?1 AND archived_at IS NULL ORDER BY id", company_id)
}

/// One contact's phones and e-mails (primary first, then in order).
pub fn of_contact(c: &Connection, contact_id: i64) -> Result<Vec<StoredChannel>> {
    of(c, "SELECT id, phone, phone_label, email, email_label FROM contacts WHERE id = ?1", contact_id)
}

fn of(c: &Connection, contacts_sql: &str, id: i64) -> Result<Vec<StoredChannel>> {
    let mut out = vec![];
    let mut st = c.prepare_cached(contacts_sql)?;
    let mut rows = st.query([id])?;
    let mut ids = vec![];
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        ids.push(id);
        if let Some(v) = r.get::<_, Option<String>>(1)? {
            out.push(StoredChannel { contact_id: id, kind: "phone".into(), value: v, label: r.get(2)?, primary: true });
        }
        if let Some(v) = r.get::<_, Option<String>>(3)? {
            out.push(StoredChannel { contact_id: id, kind: "email".into(), value: v, label: r.get(4)?, primary: true });
        }
    }
    let mut st = c.prepare_cached("SELECT kind, value, label FROM contact_channels WHERE contact_id = ?1 ORDER BY position, id")?;
    for id in ids {
        let more = st
            .query_map([id], |r| Ok(StoredChannel { contact_id: id, kind: r.get(0)?, value: r.get(1)?, label: r.get(2)?, primary: false }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(more);
    }
    Ok(out)
}

/// Replaces a contact's phones and e-mails: the primary ones (with their
/// labels) on the contact, the others as its additional channels, in order.
/// Each entry is (value, norm, label).
pub fn replace(
    c: &Connection,
    contact_id: i64,
    now: &str,
    phone: Option<(&str, Option<&str>)>,
    email: Option<(&str, Option<&str>)>,
    extra: &[(&str, String, String, Option<String>)],
) -> Result<()> {
    c.prepare_cached("UPDATE contacts SET phone = ?2, phone_label = ?3, email = ?4, email_label = ?5, updated_at = ?6 WHERE id = ?1")?.execute(params![
        contact_id,
        phone.map(|p| p.0),
        phone.and_then(|p| p.1),
        email.map(|e| e.0),
        email.and_then(|e| e.1),
        now
    ])?;
    c.prepare_cached("DELETE FROM contact_channels WHERE contact_id = ?1")?.execute([contact_id])?;
    for (pos, (kind, v, n, l)) in extra.iter().enumerate() {
        super::interop::insert_channel(c, contact_id, kind, v, n, l.as_deref(), pos as i64 + 1)?;
    }
    Ok(())
}

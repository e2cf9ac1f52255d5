//! What making leads of existing contacts reads: which contacts, and
//! whether one is already in the conveyor.

use crate::error::Result;
use crate::model::Source;
use rusqlite::{Connection, OptionalExtension};

/// Live contacts with ids in `first..=last` (the contacts one import created).
pub fn live_contacts_between(c: &Connection, first: i64, last: i64) -> Result<Vec<i64>> {
    let ids = c
        .prepare_cached("SELECT id FROM contacts WHERE id BETWEEN ?1 AND ?2 AND archived_at IS NULL ORDER BY id")?
        .query_map([first, last], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// What a lead is made from: a live contact's company, name, company name,
/// source, and the e-mail and phone that name a contact without a name.
pub struct LeadSource {
    pub company_id: Option<i64>,
    pub name: String,
    pub company_name: Option<String>,
    pub source: Option<Source>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub fn lead_source(c: &Connection, contact_id: i64) -> Result<Option<LeadSource>> {
    Ok(c.prepare_cached(
        "SELECT ct.company_id, trim(ct.first_name || ' ' || ct.last_name), co.name, coalesce(ct.source, co.source), ct.email, ct.phone
         FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id AND co.archived_at IS NULL
         WHERE ct.id = ?1 AND ct.archived_at IS NULL",
    )?
    .query_row([contact_id], |r| {
        Ok(LeadSource { company_id: r.get(0)?, name: r.get(1)?, company_name: r.get(2)?, source: r.get(3)?, email: r.get(4)?, phone: r.get(5)? })
    })
    .optional()?)
}

/// Whether the contact, or its company, has an open deal (it is in the conveyor already).
pub fn in_conveyor(c: &Connection, contact_id: i64, company_id: Option<i64>) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM deals WHERE status = 'open' AND archived_at IS NULL AND (contact_id = ?1 OR (?2 IS NOT NULL AND company_id = ?2)))",
    )?
    .query_row(rusqlite::params![contact_id, company_id], |r| r.get(0))?)
}

/// Whether a company is a client already (stage 3): its people are not leads.
pub fn is_client(c: &Connection, company_id: i64) -> Result<bool> {
    Ok(c.prepare_cached("SELECT EXISTS (SELECT 1 FROM companies WHERE id = ?1 AND stage = 'account_development')")?.query_row([company_id], |r| r.get(0))?)
}

/// `(id, title, company name)` of every live open deal (the palette folds and matches them).
pub fn open_deal_titles(c: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let v = c
        .prepare_cached(
            "SELECT d.id, d.title, co.name FROM deals d LEFT JOIN companies co ON co.id = d.company_id
             WHERE d.status = 'open' AND d.archived_at IS NULL ORDER BY d.id DESC",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// The card of one deal.
pub fn deal_card(c: &Connection, id: i64) -> Result<crate::store::board::DealCard> {
    use super::board::{CARD_COLUMNS, CARD_JOINS, card_row};
    Ok(c.prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM deals d {CARD_JOINS} WHERE d.id = ?1"))?.query_row([id], card_row)?)
}

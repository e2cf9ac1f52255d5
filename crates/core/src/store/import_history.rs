//! The sales history moved in from other programs (#15): deals and orders
//! written with the id they had there (`external_source`, `external_id`,
//! migration 11), and the companies' standing recomputed once afterwards
//! for every company the import touched, instead of row by row.

use crate::error::Result;
use crate::model::{DealStatus, Source};
use chrono::NaiveDate;
use rusqlite::{Connection, Statement, named_params};
use std::collections::HashMap;

/// A deal as an import writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryDeal {
    pub title: String,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub step_id: i64,
    pub value_minor: i64,
    pub currency: String,
    pub owner_id: Option<i64>,
    pub source: Source,
    pub status: DealStatus,
    pub close_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// When the deal was opened: its `created_at` (and its age in step).
    pub created_on: NaiveDate,
    pub expected_close_on: Option<NaiveDate>,
    pub product: Option<String>,
    pub notes: Option<String>,
}

/// An order as an import writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryOrder {
    pub company_id: i64,
    pub order_date: NaiveDate,
    pub amount_minor: i64,
    pub margin_minor: i64,
    pub currency: String,
    pub number: Option<String>,
    pub product: Option<String>,
    pub notes: Option<String>,
}

const DEAL_COLS: &str = "title, company_id, contact_id, step_id, value_minor, currency, owner_id, source, status, close_reason, closed_on,
    substr(created_at, 1, 10), expected_close_on, product, notes";

fn deal_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<HistoryDeal> {
    Ok(HistoryDeal {
        title: r.get(at)?,
        company_id: r.get(at + 1)?,
        contact_id: r.get(at + 2)?,
        step_id: r.get(at + 3)?,
        value_minor: r.get(at + 4)?,
        currency: r.get(at + 5)?,
        owner_id: r.get(at + 6)?,
        source: r.get(at + 7)?,
        status: r.get(at + 8)?,
        close_reason: r.get(at + 9)?,
        closed_on: r.get(at + 10)?,
        created_on: r.get(at + 11)?,
        expected_close_on: r.get(at + 12)?,
        product: r.get(at + 13)?,
        notes: r.get(at + 14)?,
    })
}

/// The deals an earlier import of this kind of export wrote: external id → (id, deal).
pub fn deals_by_external(c: &Connection, source: &str) -> Result<HashMap<String, (i64, HistoryDeal)>> {
    let mut st = c.prepare(&format!("SELECT external_id, id, {DEAL_COLS} FROM deals WHERE external_source = ?1 AND external_id IS NOT NULL"))?;
    let v = st.query_map([source], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, deal_row(r, 2)?))))?.collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(v)
}

/// The orders an earlier import wrote: external id → (id, order).
pub fn orders_by_external(c: &Connection, source: &str) -> Result<HashMap<String, (i64, HistoryOrder)>> {
    let mut st = c.prepare(
        "SELECT external_id, id, company_id, order_date, amount_minor, margin_minor, currency, number, product, notes
         FROM orders WHERE external_source = ?1 AND external_id IS NOT NULL",
    )?;
    let v = st
        .query_map([source], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get(1)?,
                    HistoryOrder {
                        company_id: r.get(2)?,
                        order_date: r.get(3)?,
                        amount_minor: r.get(4)?,
                        margin_minor: r.get(5)?,
                        currency: r.get(6)?,
                        number: r.get(7)?,
                        product: r.get(8)?,
                        notes: r.get(9)?,
                    },
                ),
            ))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(v)
}

/// `(id, name, e-mail, company)` of live contacts, for matching a deal's contact.
pub fn contacts(c: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut st = c.prepare("SELECT id, trim(first_name || ' ' || last_name), email FROM contacts WHERE archived_at IS NULL ORDER BY id")?;
    let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// The inserts of a history import, prepared once.
pub struct HistoryWriter<'c> {
    deal: Statement<'c>,
    order: Statement<'c>,
}

impl<'c> HistoryWriter<'c> {
    pub fn new(c: &'c Connection) -> Result<Self> {
        // Positional parameters: a bulk load binds each row's values by
        // place, without looking each name up per row.
        let deal = c.prepare(
            "INSERT INTO deals (title, company_id, contact_id, step_id, value_minor, currency, owner_id, source, status, close_reason, closed_on,
                 step_entered_on, expected_close_on, product, notes, external_source, external_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18 || 'T00:00:00Z', ?19)",
        )?;
        let order = c.prepare(
            "INSERT INTO orders (company_id, order_date, amount_minor, margin_minor, currency, number, product, notes, external_source, external_id,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        Ok(HistoryWriter { deal, order })
    }

    pub fn deal(&mut self, now: &str, source: &str, external_id: &str, d: &HistoryDeal) -> Result<i64> {
        let id = self.deal.insert(rusqlite::params![
            d.title,
            d.company_id,
            d.contact_id,
            d.step_id,
            d.value_minor,
            d.currency,
            d.owner_id,
            d.source,
            d.status,
            d.close_reason,
            d.closed_on,
            d.created_on,
            d.expected_close_on,
            d.product,
            d.notes,
            source,
            external_id,
            d.created_on,
            now,
        ])?;
        Ok(id)
    }

    pub fn order(&mut self, now: &str, source: &str, external_id: &str, o: &HistoryOrder) -> Result<i64> {
        let id = self.order.insert(rusqlite::params![
            o.company_id,
            o.order_date,
            o.amount_minor,
            o.margin_minor,
            o.currency,
            o.number,
            o.product,
            o.notes,
            source,
            external_id,
            now,
        ])?;
        Ok(id)
    }
}

/// Rewrites a deal an earlier import wrote, with what the newer export says.
pub fn update_deal(c: &Connection, id: i64, now: &str, d: &HistoryDeal) -> Result<()> {
    c.prepare_cached(
        "UPDATE deals SET title = :title, company_id = :company, contact_id = :contact,
             step_entered_on = CASE WHEN step_id = :step THEN step_entered_on ELSE :today END, step_id = :step,
             value_minor = :value, currency = :currency, owner_id = :owner, source = :source, status = :status, close_reason = :reason,
             closed_on = :closed, expected_close_on = :expected, product = :product, notes = :notes,
             created_at = :created_at, updated_at = :now
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":id": id, ":title": d.title, ":company": d.company_id, ":contact": d.contact_id, ":step": d.step_id, ":value": d.value_minor,
        ":currency": d.currency, ":owner": d.owner_id, ":source": d.source, ":status": d.status, ":reason": d.close_reason,
        ":closed": d.closed_on, ":expected": d.expected_close_on, ":product": d.product, ":notes": d.notes,
        ":created_at": format!("{}T00:00:00Z", d.created_on), ":today": &now[..10.min(now.len())], ":now": now,
    })?;
    Ok(())
}

/// Rewrites an order an earlier import wrote.
pub fn update_order(c: &Connection, id: i64, now: &str, o: &HistoryOrder) -> Result<()> {
    c.prepare_cached(
        "UPDATE orders SET company_id = :company, order_date = :date, amount_minor = :amount, margin_minor = :margin, currency = :currency,
             number = :number, product = :product, notes = :notes, updated_at = :now WHERE id = :id",
    )?
    .execute(named_params! {
        ":id": id, ":company": o.company_id, ":date": o.order_date, ":amount": o.amount_minor, ":margin": o.margin_minor,
        ":currency": o.currency, ":number": o.number, ":product": o.product, ":notes": o.notes, ":now": now,
    })?;
    Ok(())
}

/// After a deal import: a company whose first deal was won is a client
/// (stage 3) from the earliest close date; every company with imported
/// deals gets its stage from its deals again.
pub fn finish_deals(c: &Connection, source: &str, now: &str) -> Result<()> {
    c.execute(
        "UPDATE companies SET
             client_since = min(coalesce(client_since, w.since), w.since),
             last_activity_on = coalesce(last_activity_on, w.since), updated_at = ?2
         FROM (SELECT d.company_id AS id, min(d.closed_on) AS since FROM deals d JOIN steps s ON s.id = d.step_id
               WHERE d.external_source = ?1 AND d.status = 'won' AND d.archived_at IS NULL AND d.company_id IS NOT NULL
                     AND d.closed_on IS NOT NULL AND s.stage = 'first_deal'
               GROUP BY d.company_id) AS w
         WHERE companies.id = w.id",
        rusqlite::params![source, now],
    )?;
    c.execute(
        "UPDATE companies SET stage = CASE
             WHEN client_since IS NOT NULL THEN 'account_development'
             WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                          WHERE d.company_id = companies.id AND d.status = 'open' AND d.archived_at IS NULL AND s.stage = 'first_deal') THEN 'first_deal'
             WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                          WHERE d.company_id = companies.id AND d.status = 'open' AND d.archived_at IS NULL AND s.stage = 'lead_generation') THEN 'lead_generation'
             ELSE NULL END
         WHERE id IN (SELECT company_id FROM deals WHERE external_source = ?1 AND company_id IS NOT NULL)",
        [source],
    )?;
    Ok(())
}

/// After an order import: a company that ordered is a client from its
/// first order; the next repeat order is expected one average interval
/// after its last (as [`super::orders::refresh_expected`], for all at once).
/// `companies` are those the import gave orders to; the monthly summary
/// (`order_months`) must be up to date.
pub fn finish_orders(c: &Connection, companies: &[i64], now: &str) -> Result<()> {
    c.execute_batch("DROP TABLE IF EXISTS temp.history_companies; CREATE TEMP TABLE history_companies (id INTEGER PRIMARY KEY)")?;
    {
        let mut st = c.prepare_cached("INSERT OR IGNORE INTO temp.history_companies (id) VALUES (?1)")?;
        for id in companies {
            st.execute([id])?;
        }
    }
    // The number of live orders from the monthly summary (kept equal to
    // them), the first and last date from two seeks each in the company's
    // orders by date: over 1,000,000 orders 0.12 s, where grouping the
    // orders themselves took 1.0 s.
    let edge = |dir: &str| {
        format!(
            "(SELECT o.order_date FROM orders o INDEXED BY orders_by_company
              WHERE o.company_id = m.company_id AND o.archived_at IS NULL ORDER BY o.order_date {dir} LIMIT 1)"
        )
    };
    c.execute(
        &format!(
            "UPDATE companies SET
                 client_since = min(coalesce(client_since, w.first), w.first),
                 last_activity_on = max(coalesce(last_activity_on, w.last), w.last),
                 expected_order_on = CASE WHEN w.n >= 2 THEN
                     date(w.last, '+' || CAST(round((julianday(w.last) - julianday(w.first)) / (w.n - 1)) AS INTEGER) || ' days') END,
                 stage = 'account_development', updated_at = ?1
             FROM (SELECT m.company_id AS id, sum(m.orders) AS n, {} AS first, {} AS last FROM order_months m
                   WHERE m.company_id IN (SELECT id FROM temp.history_companies)
                   GROUP BY m.company_id) AS w
             WHERE companies.id = w.id",
            edge("ASC"),
            edge("DESC")
        ),
        [now],
    )?;
    c.execute_batch("DROP TABLE temp.history_companies")?;
    Ok(())
}

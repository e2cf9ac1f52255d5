//! Orders placed by clients (the turnover and margin that plans measure).

use super::changed;
use crate::error::{Error, Result};
use crate::model::Order;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, named_params};

/// A validated order, ready to be written.
#[derive(Debug, Clone)]
pub struct OrderRow<'a> {
    pub company_id: i64,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub order_date: NaiveDate,
    pub amount_minor: i64,
    pub margin_minor: i64,
    pub currency: &'a str,
    pub notes: Option<&'a str>,
}

const COLS: &str = "id, company_id, contact_id, deal_id, order_date, amount_minor, margin_minor, currency, notes, archived_at IS NOT NULL";

fn row(r: &Row) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get(0)?,
        company_id: r.get(1)?,
        contact_id: r.get(2)?,
        deal_id: r.get(3)?,
        order_date: r.get(4)?,
        amount_minor: r.get(5)?,
        margin_minor: r.get(6)?,
        currency: r.get(7)?,
        notes: r.get(8)?,
        archived: r.get(9)?,
    })
}

pub fn insert(c: &Connection, now: &str, o: &OrderRow) -> Result<i64> {
    let mut st = c.prepare_cached(
        "INSERT INTO orders (company_id, contact_id, deal_id, order_date, amount_minor, margin_minor, currency, notes, created_at, updated_at)
         VALUES (:company, :contact, :deal, :date, :amount, :margin, :currency, :notes, :now, :now)",
    )?;
    st.execute(named_params! {
        ":company": o.company_id, ":contact": o.contact_id, ":deal": o.deal_id, ":date": o.order_date,
        ":amount": o.amount_minor, ":margin": o.margin_minor, ":currency": o.currency, ":notes": o.notes, ":now": now,
    })?;
    let id = c.last_insert_rowid();
    refresh_expected(c, o.company_id)?;
    Ok(id)
}

/// The next repeat order is expected one average interval after the last.
pub fn refresh_expected(c: &Connection, company_id: i64) -> Result<()> {
    c.prepare_cached(
        "UPDATE companies SET expected_order_on = (
             SELECT CASE WHEN count(*) >= 2 THEN
                 date(max(o.order_date), '+' || CAST(round((julianday(max(o.order_date)) - julianday(min(o.order_date))) / (count(*) - 1)) AS INTEGER) || ' days')
             END
             FROM orders o WHERE o.company_id = ?1 AND o.archived_at IS NULL)
         WHERE id = ?1",
    )?
    .execute([company_id])?;
    Ok(())
}

pub fn update(c: &Connection, id: i64, now: &str, o: &OrderRow) -> Result<()> {
    let n = c.execute(
        "UPDATE orders SET company_id = :company, contact_id = :contact, deal_id = :deal, order_date = :date,
             amount_minor = :amount, margin_minor = :margin, currency = :currency, notes = :notes, updated_at = :now
         WHERE id = :id AND archived_at IS NULL",
        named_params! {
            ":id": id, ":company": o.company_id, ":contact": o.contact_id, ":deal": o.deal_id, ":date": o.order_date,
            ":amount": o.amount_minor, ":margin": o.margin_minor, ":currency": o.currency, ":notes": o.notes, ":now": now,
        },
    )?;
    changed(n, "Order", id)?;
    refresh_expected(c, o.company_id)
}

pub fn get(c: &Connection, id: i64) -> Result<Order> {
    c.query_row(&format!("SELECT {COLS} FROM orders WHERE id = ?1"), [id], row).optional()?.ok_or_else(|| Error::not_found("Order", id))
}

pub fn list_for_company(c: &Connection, company_id: i64) -> Result<Vec<Order>> {
    let mut st = c.prepare_cached(&format!("SELECT {COLS} FROM orders WHERE company_id = ?1 AND archived_at IS NULL ORDER BY order_date DESC, id DESC"))?;
    let v = st.query_map([company_id], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

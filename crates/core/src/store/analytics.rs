//! The queries behind analytics: the funnel, cycle and win rate, close
//! reasons, sources, and turnover per client for ABC.

use crate::error::Result;
use crate::model::{Abc, DealStatus, Source, Stage};
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

/// Deals opened in `[from, to)` in stages 1–2, counted per step and status,
/// with whether they came to stage 2 by a hand-off from stage 1:
/// (step id, stage, position, step name, probability, status, handed over, count).
pub type FunnelRow = (i64, Stage, i32, String, u8, DealStatus, bool, i64);

pub fn funnel_rows(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<FunnelRow>> {
    let v = c
        .prepare_cached(
            "SELECT s.id, s.stage, s.position, s.name, s.probability_pct, d.status,
                    EXISTS (SELECT 1 FROM handoffs h WHERE h.deal_id = d.id AND h.from_stage = 'lead_generation') AS handed,
                    count(*)
             FROM deals d JOIN steps s ON s.id = d.step_id
             WHERE d.archived_at IS NULL AND s.stage <> 'account_development' AND d.created_at >= :from AND d.created_at < :to
             GROUP BY s.id, d.status, handed",
        )?
        .query_map(named_params! {":from": from, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// New business closed in `[from, to)`: (first deals won, first deals lost,
/// leads and first deals disqualified — a lead is usually disqualified in
/// stage 1 —, average days from opening to winning).
pub fn first_deal_closings(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64, i64, Option<f64>)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(sum(s.stage = 'first_deal' AND d.status = 'won'), 0), coalesce(sum(s.stage = 'first_deal' AND d.status = 'lost'), 0),
                coalesce(sum(d.status = 'disqualified'), 0),
                avg(CASE WHEN s.stage = 'first_deal' AND d.status = 'won' THEN julianday(d.closed_on) - julianday(substr(d.created_at, 1, 10)) END)
         FROM deals d JOIN steps s ON s.id = d.step_id
         WHERE d.status <> 'open' AND d.archived_at IS NULL AND s.stage <> 'account_development' AND d.closed_on >= :from AND d.closed_on < :to",
    )?
    .query_row(named_params! {":from": from, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?)
}

/// Lost and disqualified deals closed in `[from, to)` per reason: (status, reason or "", count).
pub fn close_reasons(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(DealStatus, String, i64)>> {
    let v = c
        .prepare_cached(
            "SELECT status, coalesce(nullif(trim(close_reason), ''), ''), count(*) FROM deals
             WHERE status IN ('lost', 'disqualified') AND status <> 'open' AND archived_at IS NULL AND closed_on >= :from AND closed_on < :to
             GROUP BY 1, 2 ORDER BY 3 DESC, 2",
        )?
        .query_map(named_params! {":from": from, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Deals of stages 1–2 opened in `[from, to)` per source: (source, opened, won, closed).
pub fn by_source(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(Source, i64, i64, i64)>> {
    let v = c
        .prepare_cached(
            "SELECT d.source, count(*), coalesce(sum(d.status = 'won' AND s.stage = 'first_deal'), 0), coalesce(sum(d.status <> 'open'), 0)
             FROM deals d JOIN steps s ON s.id = d.step_id
             WHERE d.archived_at IS NULL AND s.stage <> 'account_development' AND d.created_at >= :from AND d.created_at < :to
             GROUP BY d.source ORDER BY 2 DESC",
        )?
        .query_map(named_params! {":from": from, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// New clients (first deal won in `[from, to)`) per the won deal's source.
pub fn new_clients_by_source(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(Source, i64)>> {
    let v = c
        .prepare_cached(
            "SELECT d.source, count(DISTINCT coalesce(d.company_id, -d.id)) FROM deals d JOIN steps s ON s.id = d.step_id
             WHERE d.status = 'won' AND d.archived_at IS NULL AND s.stage = 'first_deal' AND d.closed_on >= :from AND d.closed_on < :to
             GROUP BY d.source ORDER BY 2 DESC",
        )?
        .query_map(named_params! {":from": from, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// A client's turnover in a window.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientTurnover {
    pub company_id: i64,
    pub name: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub abc: Option<Abc>,
    pub turnover_minor: i64,
}

/// Turnover per client in `[from, to)`, with every live client (a company
/// with a first sale or any order; zero when it ordered nothing in the
/// window), the biggest first.
pub fn turnover_by_client(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ClientTurnover>> {
    let v = c
        .prepare_cached(
            "SELECT co.id, co.name, co.owner_id, p.name, co.abc, coalesce(t.amount, 0) AS amount
             FROM companies co
             LEFT JOIN (SELECT company_id, sum(amount_minor) AS amount FROM orders INDEXED BY orders_live_by_date
                        WHERE archived_at IS NULL AND order_date >= :from AND order_date < :to GROUP BY company_id) t ON t.company_id = co.id
             LEFT JOIN people p ON p.id = co.owner_id
             WHERE co.archived_at IS NULL AND (t.amount > 0 OR co.client_since IS NOT NULL
                    OR EXISTS (SELECT 1 FROM orders o WHERE o.company_id = co.id AND o.archived_at IS NULL))
             ORDER BY amount DESC, co.name, co.id",
        )?
        .query_map(named_params! {":from": from, ":to": to}, |r| {
            Ok(ClientTurnover { company_id: r.get(0)?, name: r.get(1)?, owner_id: r.get(2)?, owner_name: r.get(3)?, abc: r.get(4)?, turnover_minor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Writes the ABC classes; returns how many companies changed.
pub fn set_abc_classes(c: &Connection, classes: &[(i64, Abc)], now: &str) -> Result<usize> {
    let mut st = c.prepare_cached("UPDATE companies SET abc = ?2, updated_at = ?3 WHERE id = ?1 AND abc IS NOT ?2")?;
    let mut n = 0;
    for (id, abc) in classes {
        n += st.execute(rusqlite::params![id, abc, now])?;
    }
    Ok(n)
}

//! The queries behind analytics: the deals a range's funnel, cycle, win
//! rate, close reasons and sources are counted from, and turnover per client
//! for ABC.

use crate::error::Result;
use crate::model::{Abc, DealStatus, Source, Stage};
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};
use std::collections::{HashMap, HashSet};

/// What analytics counts of one live deal (`usecases::analytics` does the
/// counting). Dates are as stored: `created_at` a stamp, the others days.
#[derive(Debug, Clone, PartialEq)]
pub struct DealFact {
    pub id: i64,
    pub step_id: i64,
    pub stage: Stage,
    pub position: i32,
    pub status: DealStatus,
    pub source: Source,
    pub owner_id: Option<i64>,
    pub company_id: Option<i64>,
    pub created_at: String,
    pub closed_on: Option<String>,
    pub step_entered_on: String,
    /// Lost and disqualified deals only.
    pub close_reason: Option<String>,
}

/// The live deals opened, closed or moved to their step in `[from, to)`,
/// in one pass over the table (the range is most of the history, where a
/// scan reads less than a walk through any index and back to each row).
pub fn deal_facts(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<DealFact>> {
    let steps: HashMap<i64, (Stage, i32)> = c
        .prepare_cached("SELECT id, stage, position FROM steps")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = c.prepare_cached(
        "SELECT d.id, d.step_id, d.status, d.source, d.owner_id, d.company_id, d.created_at, d.closed_on, d.step_entered_on,
                CASE WHEN d.status IN ('lost', 'disqualified') THEN d.close_reason END
         FROM deals d NOT INDEXED
         WHERE d.archived_at IS NULL AND ((d.created_at >= :from AND d.created_at < :to) OR (d.closed_on >= :from AND d.closed_on < :to)
                OR (d.step_entered_on >= :from AND d.step_entered_on < :to))",
    )?;
    let mut rows = st.query(named_params! {":from": from, ":to": to})?;
    let mut v = Vec::new();
    while let Some(r) = rows.next()? {
        let step_id: i64 = r.get(1)?;
        // A deal always has a step (a foreign key); one missing is skipped as the join did.
        let Some(&(stage, position)) = steps.get(&step_id) else { continue };
        v.push(DealFact {
            id: r.get(0)?,
            step_id,
            stage,
            position,
            status: r.get(2)?,
            source: r.get(3)?,
            owner_id: r.get(4)?,
            company_id: r.get(5)?,
            created_at: r.get(6)?,
            closed_on: r.get(7)?,
            step_entered_on: r.get(8)?,
            close_reason: r.get(9)?,
        });
    }
    Ok(v)
}

/// Deals that came to stage 2 by a hand-off from stage 1.
pub fn handed_over(c: &Connection) -> Result<HashSet<i64>> {
    let v = c
        .prepare_cached("SELECT DISTINCT deal_id FROM handoffs WHERE from_stage = 'lead_generation'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
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

/// The queries analytics counted with before it counted from
/// [`deal_facts`]: the tests hold the two equal.
#[cfg(test)]
pub mod reference {
    use crate::error::Result;
    use crate::model::{DealStatus, Source, Stage};
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
            .query_map(named_params! {":from": from, ":to": to}, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
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
}

//! Measurements of the workspace's own history, for planning.

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

/// (sum of amounts, sum of margins, number of orders) since `from`.
pub fn orders_since(c: &Connection, from: NaiveDate) -> Result<(i64, i64, i64)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(sum(amount_minor), 0), coalesce(sum(margin_minor), 0), count(*)
         FROM orders INDEXED BY orders_live_by_date WHERE archived_at IS NULL AND order_date >= ?1",
    )?
    .query_row([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// (average value, count) of first deals won since `from`.
pub fn first_deals_won_since(c: &Connection, from: NaiveDate) -> Result<(f64, i64)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(avg(d.value_minor), 0), count(*) FROM deals d JOIN steps s ON s.id = d.step_id
         WHERE d.status = 'won' AND d.archived_at IS NULL AND s.stage = 'first_deal' AND d.closed_on >= ?1 AND d.value_minor > 0",
    )?
    .query_row([from], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Closed stage-2 deals: (won, lost at or after the offer step, all closed).
/// "At or after the offer step" = step position >= 2 of stage 2.
pub fn first_deal_outcomes(c: &Connection) -> Result<(i64, i64, i64)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(sum(d.status = 'won'), 0), coalesce(sum(d.status = 'lost' AND s.position >= 2), 0), count(*)
         FROM steps s JOIN deals d INDEXED BY deals_by_step_status ON d.step_id = s.id
         WHERE s.stage = 'first_deal' AND d.status <> 'open' AND d.archived_at IS NULL",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// (deals that reached stage 2, stage-1 deals closed without reaching it).
pub fn qualification_outcomes(c: &Connection) -> Result<(i64, i64)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(sum(s.stage = 'first_deal'), 0), coalesce(sum(s.stage = 'lead_generation' AND d.status <> 'open'), 0)
         FROM steps s JOIN deals d INDEXED BY deals_by_step_status ON d.step_id = s.id
         WHERE s.stage IN ('first_deal', 'lead_generation') AND d.archived_at IS NULL",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// (calls done, stage-1 deals opened) between two dates.
pub fn calls_and_new_leads(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64)> {
    let calls = c
        .prepare_cached("SELECT count(*) FROM activities WHERE kind = 'call' AND done_at >= :from AND done_at < :to AND archived_at IS NULL")?
        .query_row(named_params! {":from": from, ":to": to}, |r| r.get(0))?;
    let leads = c
        .prepare_cached(
            // A stamp `YYYY-MM-DDTHH:MM:SSZ` sorts after its own day and before the next.
            "SELECT count(*) FROM deals d INDEXED BY deals_by_created WHERE d.archived_at IS NULL
             AND d.created_at >= :from AND d.created_at < :to AND d.step_id IN (SELECT id FROM steps WHERE stage = 'lead_generation')",
        )?
        .query_row(named_params! {":from": from, ":to": to}, |r| r.get(0))?;
    Ok((calls, leads))
}

//! The queries behind the norms: each returns the first `limit` records that
//! break a norm (longest first) and how many do; each reads an index.

use crate::error::Result;
use crate::model::Abc;
use crate::store::cards::CardKind;
use chrono::NaiveDate;
use rusqlite::{Connection, ToSql, named_params};

/// A record breaking a norm, and the moment it started to (a UTC stamp
/// `YYYY-MM-DDTHH:MM:SSZ`, or a date `YYYY-MM-DD` for day-based norms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub record_id: i64,
    pub name: String,
    pub since: String,
}

/// The first `limit` breaches in order, and how many there are. Two
/// queries on purpose: the list stops early on an ordered index, the count
/// reads an index alone; one query with `count(*) OVER ()` would have to
/// read every breaching row in full (measured: 3.3 → 7.7 ms for Today's norms
/// at 100,000 contacts).
fn run(c: &Connection, select: &str, from_where: &str, order: &str, args: &[(&str, &dyn ToSql)], limit: u32) -> Result<(Vec<Breach>, i64)> {
    let mut with_limit: Vec<(&str, &dyn ToSql)> = args.to_vec();
    with_limit.push((":limit", &limit));
    let rows = c
        .prepare_cached(&format!("SELECT {select} {from_where} ORDER BY {order} LIMIT :limit"))?
        .query_map(with_limit.as_slice(), |r| Ok(Breach { record_id: r.get(0)?, name: r.get(1)?, since: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = c.prepare_cached(&format!("SELECT count(*) {from_where}"))?.query_row(args, |r| r.get(0))?;
    Ok((rows, total))
}

const OPEN: &str = "d.status = 'open' AND d.archived_at IS NULL AND (:owner IS NULL OR d.owner_id = :owner)";

/// Inbound leads with no activity, created before `cutoff` (a UTC stamp).
pub fn inbound_untouched(c: &Connection, owner: Option<i64>, cutoff: &str, limit: u32) -> Result<(Vec<Breach>, i64)> {
    run(
        c,
        "d.id, d.title, d.created_at",
        &format!(
            "FROM deals d INDEXED BY deals_open_inbound_untouched WHERE {OPEN} AND d.source = 'inbound' AND d.last_activity_on IS NULL AND d.created_at < :cutoff"
        ),
        "d.created_at, d.id",
        &[(":owner", &owner), (":cutoff", &cutoff)],
        limit,
    )
}

/// Open deals without a next step (or its date) since before `cutoff`.
pub fn without_next_step_since(c: &Connection, owner: Option<i64>, cutoff: NaiveDate, limit: u32) -> Result<(Vec<Breach>, i64)> {
    run(
        c,
        "d.id, d.title, d.step_entered_on",
        &format!("FROM deals d WHERE {OPEN} AND (d.next_step IS NULL OR d.next_step_date IS NULL) AND d.step_entered_on < :cutoff"),
        "d.step_entered_on, d.id",
        &[(":owner", &owner), (":cutoff", &cutoff)],
        limit,
    )
}

/// Open deals with no activity since before `cutoff`.
pub fn stale_since(c: &Connection, owner: Option<i64>, cutoff: NaiveDate, limit: u32) -> Result<(Vec<Breach>, i64)> {
    run(
        c,
        "d.id, d.title, coalesce(d.last_activity_on, substr(d.created_at, 1, 10))",
        &format!("FROM deals d WHERE {OPEN} AND coalesce(d.last_activity_on, substr(d.created_at, 1, 10)) < :cutoff"),
        "coalesce(d.last_activity_on, substr(d.created_at, 1, 10)), d.id",
        &[(":owner", &owner), (":cutoff", &cutoff)],
        limit,
    )
}

/// Clients of a category not contacted since before `cutoff`.
pub fn clients_not_contacted(c: &Connection, owner: Option<i64>, abc: Abc, cutoff: NaiveDate, limit: u32) -> Result<(Vec<Breach>, i64)> {
    run(
        c,
        "co.id, co.name, co.last_activity_on",
        "FROM companies co INDEXED BY companies_clients_due WHERE co.client_since IS NOT NULL AND co.archived_at IS NULL
           AND co.abc = :abc AND co.last_activity_on < :cutoff AND (:owner IS NULL OR co.owner_id = :owner)",
        "co.last_activity_on, co.id",
        &[(":owner", &owner), (":abc", &abc), (":cutoff", &cutoff)],
        limit,
    )
}

/// Deals that moved on with required card fields empty: open stage-2 deals
/// whose qualification card (or won deals whose hand-over card) lacks one,
/// having moved on `from` or later.
pub fn incomplete_cards(c: &Connection, owner: Option<i64>, card: CardKind, from: NaiveDate, limit: u32) -> Result<(Vec<Breach>, i64)> {
    // `handoffs.missing` counts the card's empty required fields (kept by the store).
    match card {
        CardKind::Qualification => run(
            c,
            "d.id, d.title, d.step_entered_on",
            &format!(
                // By step and status: ordered by the day moved on, the planner walked every deal since `from` (90 ms at 100,000 deals).
                "FROM deals d INDEXED BY deals_by_step_status WHERE {OPEN} AND d.step_entered_on >= :from AND d.step_id IN (SELECT id FROM steps WHERE stage = 'first_deal')
                   AND NOT EXISTS (SELECT 1 FROM handoffs h INDEXED BY handoffs_complete WHERE h.deal_id = d.id AND h.to_stage = 'first_deal' AND h.missing = 0)"
            ),
            "d.step_entered_on, d.id",
            &[(":owner", &owner), (":from", &from)],
            limit,
        ),
        CardKind::Handover => run(
            c,
            "d.id, d.title, d.closed_on",
            "FROM deals d WHERE d.id IN (SELECT h.deal_id FROM handoffs h INDEXED BY handoffs_incomplete WHERE h.to_stage = 'account_development' AND h.missing > 0)
               AND d.status = 'won' AND d.closed_on >= :from AND d.archived_at IS NULL AND (:owner IS NULL OR d.owner_id = :owner)
               AND d.step_id IN (SELECT id FROM steps WHERE stage = 'first_deal')
               AND NOT EXISTS (SELECT 1 FROM handoffs h INDEXED BY handoffs_complete WHERE h.deal_id = d.id AND h.to_stage = 'account_development' AND h.missing = 0)",
            "d.closed_on, d.id",
            &[(":owner", &owner), (":from", &from)],
            limit,
        ),
    }
}

/// Calls done by a person (or everyone) between two local times.
pub fn calls_between(c: &Connection, owner: Option<i64>, from: chrono::NaiveDateTime, to: chrono::NaiveDateTime) -> Result<i64> {
    Ok(c.prepare_cached(
        "SELECT count(*) FROM activities WHERE kind = 'call' AND done_at >= :from AND done_at < :to
           AND archived_at IS NULL AND (:owner IS NULL OR owner_id = :owner)",
    )?
    .query_row(named_params! {":from": from, ":to": to, ":owner": owner}, |r| r.get(0))?)
}

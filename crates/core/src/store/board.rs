//! The conveyor board: open deals by stage and step, with counts and sums.

use crate::error::Result;
use crate::model::{DealStatus, Source};
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

/// One open deal as the board shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DealCard {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    #[ts(type = "number")]
    pub step_id: i64,
    pub stage: crate::model::Stage,
    pub step_name: String,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_name: Option<String>,
    #[ts(type = "number")]
    pub value_minor: i64,
    pub currency: String,
    pub owner_name: Option<String>,
    pub source: Source,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    pub step_entered_on: NaiveDate,
    pub last_activity_on: Option<NaiveDate>,
    pub status: DealStatus,
    /// When the person expects to win it (their estimate).
    pub expected_close_on: Option<NaiveDate>,
}

/// The columns of a [`DealCard`] over `deals d` (joins included); used by
/// every query that shows deals as cards.
pub(crate) const CARD_COLUMNS: &str = "d.id, d.title, d.step_id, st.stage, st.name, d.company_id, co.name,
    CASE WHEN ct.id IS NULL THEN NULL ELSE trim(ct.first_name || ' ' || ct.last_name) END,
    d.value_minor, d.currency, p.name, d.source, d.next_step, d.next_step_date, d.step_entered_on, d.last_activity_on, d.status,
    d.expected_close_on";

pub(crate) const CARD_JOINS: &str = "JOIN steps st ON st.id = d.step_id
    LEFT JOIN companies co ON co.id = d.company_id
    LEFT JOIN contacts ct ON ct.id = d.contact_id
    LEFT JOIN people p ON p.id = d.owner_id";

pub(crate) fn card_row(r: &rusqlite::Row) -> rusqlite::Result<DealCard> {
    Ok(DealCard {
        id: r.get(0)?,
        title: r.get(1)?,
        step_id: r.get(2)?,
        stage: r.get(3)?,
        step_name: r.get(4)?,
        company_id: r.get(5)?,
        company_name: r.get(6)?,
        contact_name: r.get(7)?,
        value_minor: r.get(8)?,
        currency: r.get(9)?,
        owner_name: r.get(10)?,
        source: r.get(11)?,
        next_step: r.get(12)?,
        next_step_date: r.get(13)?,
        step_entered_on: r.get(14)?,
        last_activity_on: r.get(15)?,
        status: r.get(16)?,
        expected_close_on: r.get(17)?,
    })
}

/// Count and sums of one step's open deals in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSum {
    pub step_id: i64,
    pub currency: String,
    pub count: i64,
    pub sum_minor: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub owner_id: Option<i64>,
    pub source: Option<Source>,
    /// Deals whose company or contact carries this tag (its folded key).
    pub tag: Option<String>,
}

const FILTER: &str = "d.status = 'open' AND d.archived_at IS NULL
    AND (:owner IS NULL OR d.owner_id = :owner) AND (:source IS NULL OR d.source = :source)
    AND (:tag IS NULL OR EXISTS (SELECT 1 FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name_key = :tag
         AND ((l.entity = 'company' AND l.record_id = d.company_id) OR (l.entity = 'contact' AND l.record_id = d.contact_id))))";

pub fn sums(c: &Connection, f: &Filter) -> Result<Vec<StepSum>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT d.step_id, d.currency, count(*), sum(d.value_minor) FROM deals d WHERE {FILTER}
         GROUP BY d.step_id, d.currency ORDER BY d.step_id, count(*) DESC"
    ))?;
    let v = st
        .query_map(named_params! {":owner": f.owner_id, ":source": f.source, ":tag": f.tag}, |r| {
            Ok(StepSum { step_id: r.get(0)?, currency: r.get(1)?, count: r.get(2)?, sum_minor: r.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// `limit` cards of one step from `offset` on: deals without a next step
/// first (NULL dates sort first), then the soonest next step; the id breaks
/// ties, so consecutive pages cover every card exactly once.
pub fn cards(c: &Connection, f: &Filter, step_id: i64, offset: u32, limit: u32) -> Result<Vec<DealCard>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {CARD_COLUMNS} FROM deals d INDEXED BY deals_open_column {CARD_JOINS}
         WHERE d.step_id = :step AND {FILTER}
         ORDER BY d.next_step_date, d.id LIMIT :limit OFFSET :offset"
    ))?;
    let v = st
        .query_map(named_params! {":step": step_id, ":owner": f.owner_id, ":source": f.source, ":tag": f.tag, ":limit": limit, ":offset": offset}, card_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// How many open deals one step holds under the filter.
pub fn count(c: &Connection, f: &Filter, step_id: i64) -> Result<i64> {
    let mut st = c.prepare_cached(&format!("SELECT count(*) FROM deals d INDEXED BY deals_open_column WHERE d.step_id = :step AND {FILTER}"))?;
    Ok(st.query_row(named_params! {":step": step_id, ":owner": f.owner_id, ":source": f.source, ":tag": f.tag}, |r| r.get(0))?)
}

//! Read-only queries behind the printed documents (client profile, call
//! register). Names are joined in here so the builders never touch SQL.

use crate::error::{Error, Result};
use crate::model::{ActivityKind, Company, Contact, Order};
use crate::store::{companies, orders};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

#[derive(Debug, Clone)]
pub struct OpenDeal {
    pub title: String,
    pub step: String,
    pub value_minor: i64,
    pub currency: String,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct HistoryItem {
    pub at: Option<NaiveDateTime>,
    pub kind: ActivityKind,
    pub subject: String,
    pub contact: Option<String>,
    pub outcome: Option<String>,
    pub owner: Option<String>,
}

/// Something planned for the client: a deal's next step or an open activity.
#[derive(Debug, Clone)]
pub struct Planned {
    pub date: Option<NaiveDate>,
    pub text: String,
    /// The deal it belongs to, if any.
    pub deal: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CompanyProfile {
    pub company: Company,
    pub owner: Option<String>,
    pub contacts: Vec<Contact>,
    pub open_deals: Vec<OpenDeal>,
    /// Latest first.
    pub orders: Vec<Order>,
    /// Done activities, latest first, at most the limit asked for.
    pub history: Vec<HistoryItem>,
    pub history_total: i64,
    /// Earliest first (undated last).
    pub planned: Vec<Planned>,
}

fn person_name(c: &Connection, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(c.query_row("SELECT name FROM people WHERE id = ?1", [id], |r| r.get(0)).ok())
}

/// Everything the client profile prints about one live company.
pub fn company_profile(c: &Connection, company_id: i64, history_limit: u32) -> Result<CompanyProfile> {
    let company = companies::get(c, company_id)?;
    if company.archived {
        return Err(Error::not_found("Company", company_id));
    }
    let owner = person_name(c, company.owner_id)?;

    let contacts = super::contacts::list_for_company(c, company_id)?;

    let mut st = c.prepare_cached(
        "SELECT d.title, s.name, d.value_minor, d.currency, d.next_step, d.next_step_date
         FROM deals d JOIN steps s ON s.id = d.step_id
         WHERE d.company_id = ?1 AND d.status = 'open' AND d.archived_at IS NULL
         ORDER BY d.next_step_date IS NULL, d.next_step_date, d.id",
    )?;
    let open_deals = st
        .query_map([company_id], |r| {
            Ok(OpenDeal { title: r.get(0)?, step: r.get(1)?, value_minor: r.get(2)?, currency: r.get(3)?, next_step: r.get(4)?, next_step_date: r.get(5)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let orders = orders::list_for_company(c, company_id)?;

    let history_total: i64 =
        c.query_row("SELECT count(*) FROM activities WHERE company_id = ?1 AND archived_at IS NULL AND done_at IS NOT NULL", [company_id], |r| r.get(0))?;
    let mut st = c.prepare_cached(
        "SELECT a.done_at, a.kind, a.subject, trim(ct.first_name || ' ' || ct.last_name), a.outcome, p.name
         FROM activities a
         LEFT JOIN contacts ct ON ct.id = a.contact_id
         LEFT JOIN people p ON p.id = a.owner_id
         WHERE a.company_id = ?1 AND a.archived_at IS NULL AND a.done_at IS NOT NULL
         ORDER BY a.done_at DESC, a.id DESC LIMIT ?2",
    )?;
    let history = st
        .query_map(params![company_id, history_limit], |r| {
            Ok(HistoryItem { at: r.get(0)?, kind: r.get(1)?, subject: r.get(2)?, contact: r.get(3)?, outcome: r.get(4)?, owner: r.get(5)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut planned: Vec<Planned> = open_deals
        .iter()
        .filter_map(|d| d.next_step.as_ref().map(|n| Planned { date: d.next_step_date, text: n.clone(), deal: Some(d.title.clone()) }))
        .collect();
    let mut st = c.prepare_cached(
        "SELECT a.due_at, a.subject, d.title FROM activities a LEFT JOIN deals d ON d.id = a.deal_id
         WHERE a.company_id = ?1 AND a.archived_at IS NULL AND a.done_at IS NULL
         ORDER BY a.due_at IS NULL, a.due_at, a.id LIMIT 20",
    )?;
    let open = st.query_map([company_id], |r| {
        let due: Option<NaiveDateTime> = r.get(0)?;
        Ok(Planned { date: due.map(|d| d.date()), text: r.get(1)?, deal: r.get(2)? })
    })?;
    for p in open {
        planned.push(p?);
    }
    planned.sort_by_key(|p| (p.date.is_none(), p.date));

    Ok(CompanyProfile { company, owner, contacts, open_deals, orders, history, history_total, planned })
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct CallRow {
    pub at: NaiveDateTime,
    pub contact: Option<String>,
    pub company: Option<String>,
    pub outcome: Option<String>,
    pub duration_min: Option<u32>,
    /// The next step of the call's deal, when the deal is still open.
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    pub owner: Option<String>,
}

/// Calls done between `from` and `to` (inclusive, local dates), oldest first,
/// optionally of one person.
pub fn calls(c: &Connection, from: NaiveDate, to: NaiveDate, person_id: Option<i64>) -> Result<Vec<CallRow>> {
    let end = (to + Duration::days(1)).format("%Y-%m-%d").to_string();
    let start = from.format("%Y-%m-%d").to_string();
    let mut st = c.prepare_cached(
        "SELECT a.done_at, trim(ct.first_name || ' ' || ct.last_name), co.name, a.outcome, a.duration_min,
                CASE WHEN d.status = 'open' THEN d.next_step END, CASE WHEN d.status = 'open' THEN d.next_step_date END,
                p.name
         FROM activities a
         LEFT JOIN contacts ct ON ct.id = a.contact_id
         LEFT JOIN companies co ON co.id = a.company_id
         LEFT JOIN deals d ON d.id = a.deal_id
         LEFT JOIN people p ON p.id = a.owner_id
         WHERE a.kind = 'call' AND a.archived_at IS NULL AND a.done_at >= ?1 AND a.done_at < ?2
           AND (?3 IS NULL OR a.owner_id = ?3)
         ORDER BY a.done_at, a.id",
    )?;
    let rows = st
        .query_map(params![start, end, person_id], |r| {
            Ok(CallRow {
                at: r.get(0)?,
                contact: r.get(1)?,
                company: r.get(2)?,
                outcome: r.get(3)?,
                duration_min: r.get(4)?,
                next_step: r.get(5)?,
                next_step_date: r.get(6)?,
                owner: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::demo::{DemoSpec, generate};
    use crate::model::Lang;
    use crate::store::testing::{clock, store};

    #[test]
    fn profile_and_calls_of_the_demo() {
        let mut s = store();
        generate(&mut s, &clock(), &DemoSpec { lang: Lang::En, contacts: 200, activities: 1500, seed: 3 }).unwrap();
        // The company with the most orders is a regular client.
        let id: i64 = s.conn().query_row("SELECT company_id FROM orders GROUP BY company_id ORDER BY count(*) DESC LIMIT 1", [], |r| r.get(0)).unwrap();
        let p = company_profile(s.conn(), id, 10).unwrap();
        assert!(!p.orders.is_empty());
        assert!(p.orders.windows(2).all(|w| w[0].order_date >= w[1].order_date), "latest order first");
        assert!(p.history.len() <= 10);
        assert!(p.history_total >= p.history.len() as i64);
        assert!(p.history.windows(2).all(|w| w[0].at >= w[1].at), "latest activity first");
        assert_eq!(company_profile(s.conn(), 999_999, 10).unwrap_err().code, crate::error::ErrorCode::NotFound);

        let to = clock().today();
        let from = to - Duration::days(30);
        let all = calls(s.conn(), from, to, None).unwrap();
        assert!(!all.is_empty());
        assert!(all.iter().all(|c| c.at.date() >= from && c.at.date() <= to));
        assert!(all.windows(2).all(|w| w[0].at <= w[1].at));
        let one: i64 = s.conn().query_row("SELECT id FROM people ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
        let mine = calls(s.conn(), from, to, Some(one)).unwrap();
        assert!(!mine.is_empty() && mine.len() < all.len());
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM activities WHERE kind = 'call' AND date(done_at) BETWEEN ?1 AND ?2", params![from, to], |r| r.get(0))
            .unwrap();
        assert_eq!(all.len() as i64, n, "inclusive of both ends");
    }
}

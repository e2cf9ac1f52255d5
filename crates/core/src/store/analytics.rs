//! The queries behind analytics: the deals a range's funnel, cycle, win
//! rate, close reasons and sources are counted from, and turnover per client
//! for ABC.

use crate::error::Result;
use crate::model::{Abc, DealStatus, Source, Stage};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, named_params};
use std::collections::{HashMap, HashSet};

/// What analytics counts of one live deal (`usecases::analytics` does the
/// counting). Days are those the stored dates and stamps start with.
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
    pub created_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub step_entered_on: Option<NaiveDate>,
    /// Lost and disqualified deals only.
    pub close_reason: Option<String>,
}

/// The day a stored `YYYY-MM-DD` date or stamp starts with, read without
/// chrono's format parser (100,000 deals have three each). Within a range
/// it compares as SQLite compares the text with the range's days.
fn stored_day(v: rusqlite::types::ValueRef<'_>) -> Option<NaiveDate> {
    let b = v.as_bytes().ok()?;
    let digits = |r: std::ops::Range<usize>| b.get(r)?.iter().try_fold(0u32, |n, &x| x.is_ascii_digit().then(|| n * 10 + u32::from(x - b'0')));
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
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
            created_on: stored_day(r.get_ref(6)?),
            closed_on: stored_day(r.get_ref(7)?),
            step_entered_on: stored_day(r.get_ref(8)?),
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
/// with a first sale or any live order; zero when it ordered nothing in the
/// window), the biggest first.
///
/// Whole months come from the monthly summary (`order_months`), the days of
/// the partial months at the window's edges from the orders themselves (see
/// [`Window`]), so the cost follows the clients and the edge days, not the
/// orders of the year.
pub fn turnover_by_client(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ClientTurnover>> {
    let w = Window::of(from, to);
    let v = c
        .prepare_cached(
            "SELECT co.id, co.name, co.owner_id, p.name, co.abc,
                    coalesce((SELECT sum(m.amount_minor) FROM order_months m
                              WHERE m.company_id = co.id AND m.month >= :months_from AND m.month < :months_to), 0)
                    + coalesce(e.amount, 0) AS amount
             FROM companies co
             LEFT JOIN (SELECT company_id, sum(amount) AS amount FROM (
                            SELECT company_id, amount_minor AS amount FROM orders INDEXED BY orders_live_by_date
                            WHERE archived_at IS NULL AND order_date >= :add1_from AND order_date < :add1_to
                            UNION ALL
                            SELECT company_id, amount_minor FROM orders INDEXED BY orders_live_by_date
                            WHERE archived_at IS NULL AND order_date >= :add2_from AND order_date < :add2_to
                            UNION ALL
                            SELECT company_id, -amount_minor FROM orders INDEXED BY orders_live_by_date
                            WHERE archived_at IS NULL AND order_date >= :sub1_from AND order_date < :sub1_to
                            UNION ALL
                            SELECT company_id, -amount_minor FROM orders INDEXED BY orders_live_by_date
                            WHERE archived_at IS NULL AND order_date >= :sub2_from AND order_date < :sub2_to)
                        GROUP BY company_id) e ON e.company_id = co.id
             LEFT JOIN people p ON p.id = co.owner_id
             WHERE co.archived_at IS NULL
               AND (co.client_since IS NOT NULL OR EXISTS (SELECT 1 FROM order_months m WHERE m.company_id = co.id))
             ORDER BY amount DESC, co.name, co.id",
        )?
        .query_map(
            named_params! {
                ":months_from": w.months.0, ":months_to": w.months.1,
                ":add1_from": w.add[0].0, ":add1_to": w.add[0].1, ":add2_from": w.add[1].0, ":add2_to": w.add[1].1,
                ":sub1_from": w.subtract[0].0, ":sub1_to": w.subtract[0].1, ":sub2_from": w.subtract[1].0, ":sub2_to": w.subtract[1].1,
            },
            |r| {
                Ok(ClientTurnover {
                    company_id: r.get(0)?,
                    name: r.get(1)?,
                    owner_id: r.get(2)?,
                    owner_name: r.get(3)?,
                    abc: r.get(4)?,
                    turnover_minor: r.get(5)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// How a window of days `[from, to)` is summed: the months `[months.0,
/// months.1)` (`YYYY-MM`) from the summary, plus the orders of the day
/// ranges `add`, minus those of `subtract` (an unused range is empty).
///
/// A partial month at an edge is read from whichever is fewer days: its
/// days inside the window directly, or the month's total from the summary
/// less its days outside the window. A window inside one month is read
/// directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    pub months: (String, String),
    pub add: [(NaiveDate, NaiveDate); 2],
    pub subtract: [(NaiveDate, NaiveDate); 2],
}

impl Window {
    pub fn of(from: NaiveDate, to: NaiveDate) -> Window {
        let key = |d: NaiveDate| d.format("%Y-%m").to_string();
        let none = (from, from);
        let mut w = Window { months: (key(from), key(from)), add: [none, none], subtract: [none, none] };
        if from >= to {
            return w;
        }
        let month_start = |d: NaiveDate| d.with_day(1).expect("every month has a first day");
        let next_month = |d: NaiveDate| month_start(d).checked_add_months(Months::new(1)).expect("dates far from the calendar's end");
        // The whole months of the window are [first, last).
        let first = if from.day() == 1 { from } else { next_month(from) };
        let last = month_start(to);
        if first > last {
            w.add[0] = (from, to);
            return w;
        }
        let (mut lo, mut hi) = (first, last);
        if from < first {
            let start = month_start(from);
            if (from - start).num_days() < (first - from).num_days() {
                lo = start;
                w.subtract[0] = (start, from);
            } else {
                w.add[0] = (from, first);
            }
        }
        if last < to {
            let end = next_month(last);
            if (end - to).num_days() < (to - last).num_days() {
                hi = end;
                w.subtract[1] = (to, end);
            } else {
                w.add[1] = (last, to);
            }
        }
        w.months = (key(lo), key(hi));
        w
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store;
    use std::collections::BTreeMap;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_window_reads_whole_months_from_the_summary_and_the_fewer_days_of_each_edge() {
        let (d, m) = (day, |s: &str| s.to_string());
        // ABC on 7 December: Dec 2025 less its first 7 days, the year's whole months, 1–7 Dec 2026 directly.
        let w = Window::of(d("2025-12-08"), d("2026-12-08"));
        assert_eq!(w.months, (m("2025-12"), m("2026-12")));
        assert_eq!(w.subtract, [(d("2025-12-01"), d("2025-12-08")), (d("2025-12-08"), d("2025-12-08"))]);
        assert_eq!(w.add, [(d("2025-12-08"), d("2025-12-08")), (d("2026-12-01"), d("2026-12-08"))]);
        // Late in the month: the first month's days directly, the last month less its last days.
        let w = Window::of(d("2026-01-25"), d("2026-03-30"));
        assert_eq!(w.months, (m("2026-02"), m("2026-04")));
        assert_eq!(w.add[0], (d("2026-01-25"), d("2026-02-01")));
        assert_eq!(w.subtract[1], (d("2026-03-30"), d("2026-04-01")));
        // Whole months only; a window inside one month; an empty window.
        let w = Window::of(d("2026-01-01"), d("2026-04-01"));
        assert_eq!(
            (w.months.0.as_str(), w.months.1.as_str(), w.add[0].0 == w.add[0].1, w.subtract[1].0 == w.subtract[1].1),
            ("2026-01", "2026-04", true, true)
        );
        let w = Window::of(d("2026-01-10"), d("2026-01-20"));
        assert_eq!((w.months.0 == w.months.1, w.add[0]), (true, (d("2026-01-10"), d("2026-01-20"))));
        assert_eq!(Window::of(d("2026-01-20"), d("2026-01-10")).months.0, Window::of(d("2026-01-20"), d("2026-01-10")).months.1);
    }

    /// The turnover read through the summary equals a plain sum over the
    /// live orders, to the minor unit, for windows with every kind of edge.
    #[test]
    fn turnover_by_client_equals_a_plain_sum_over_the_orders_for_any_window() {
        let mut s = store();
        let companies = s
            .write(|c| {
                let mut ids = vec![];
                for name in ["Alpha", "Beta", "Gamma", "Delta"] {
                    c.execute("INSERT INTO companies (name, created_at, updated_at) VALUES (?1, 'x', 'x')", [name])?;
                    ids.push(c.last_insert_rowid());
                }
                let dates = [
                    "2025-12-31",
                    "2026-01-01",
                    "2026-01-15",
                    "2026-01-31",
                    "2026-02-01",
                    "2026-02-14",
                    "2026-02-28",
                    "2026-03-01",
                    "2026-03-17",
                    "2026-03-31",
                    "2026-04-30",
                    "2026-11-24",
                    "2026-11-25",
                    "2026-12-31",
                    "2027-06-01",
                ];
                let mut amount = 1_000;
                for (i, company) in ids.iter().take(3).enumerate() {
                    for (j, date) in dates.iter().enumerate().filter(|(j, _)| (j + i) % 4 != 3) {
                        amount = amount * 7 % 100_003 + j as i64;
                        // Every fifth order is archived: it counts nowhere.
                        let archived = (amount % 5 == 0).then_some("2026-11-01T00:00:00Z");
                        c.execute(
                            "INSERT INTO orders (company_id, order_date, amount_minor, margin_minor, currency, archived_at, created_at, updated_at)
                             VALUES (?1, ?2, ?3, 0, 'EUR', ?4, 'x', 'x')",
                            rusqlite::params![company, date, amount, archived],
                        )?;
                    }
                }
                // Gamma is merged into Alpha: its orders move, it is archived.
                crate::store::merge::move_refs(c, "orders", "company_id", ids[2], ids[0], None)?;
                c.execute("UPDATE companies SET archived_at = 'x' WHERE id = ?1", [ids[2]])?;
                // Delta has no order but a first sale: listed with zero.
                c.execute("UPDATE companies SET client_since = '2025-06-01' WHERE id = ?1", [ids[3]])?;
                Ok(ids)
            })
            .unwrap();
        let plain = |from: NaiveDate, to: NaiveDate| -> BTreeMap<i64, i64> {
            let mut m: BTreeMap<i64, i64> = [(companies[0], 0), (companies[1], 0), (companies[3], 0)].into();
            let mut st = s
                .conn()
                .prepare("SELECT company_id, sum(amount_minor) FROM orders WHERE archived_at IS NULL AND order_date >= ?1 AND order_date < ?2 GROUP BY 1")
                .unwrap();
            for r in st.query_map([from, to], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).unwrap() {
                let (id, sum) = r.unwrap();
                m.insert(id, sum);
            }
            m
        };
        let (mut windows, mut nonzero) = (0, 0);
        let mut from = day("2025-12-20");
        while from < day("2026-05-10") {
            for days in [0, 1, 3, 14, 16, 28, 29, 30, 31, 45, 59, 60, 90, 200, 365, 366, 600] {
                let to = from + chrono::Duration::days(days);
                let got = turnover_by_client(s.conn(), from, to).unwrap();
                let amounts: BTreeMap<i64, i64> = got.iter().map(|t| (t.company_id, t.turnover_minor)).collect();
                assert_eq!(amounts, plain(from, to), "window [{from}, {to})");
                assert!(got.windows(2).all(|p| p[0].turnover_minor >= p[1].turnover_minor), "the biggest first");
                windows += 1;
                nonzero += amounts.values().filter(|v| **v > 0).count();
            }
            from += chrono::Duration::days(1);
        }
        assert!(windows > 2000 && nonzero > windows, "{windows} windows, {nonzero} non-zero turnovers");
    }
}

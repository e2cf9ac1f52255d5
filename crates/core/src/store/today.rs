//! The queries behind Today. Each returns one page of rows (the first
//! `limit` on Today itself, any page on its full lists) and the full count,
//! and each is served by an index (see migration 0002).

use super::board::{CARD_COLUMNS, CARD_JOINS, DealCard, card_row};
use crate::error::Result;
use crate::model::Abc;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, ToSql, named_params};

/// Which rows of a list: `limit` rows after skipping `offset`. A bare
/// number is the first rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

impl From<u32> for Page {
    fn from(limit: u32) -> Self {
        Page { offset: 0, limit }
    }
}

/// Deals whose company or contact carries the tag `:tag` (its folded key; NULL: any deal).
const DEAL_TAGGED: &str = "(:tag IS NULL OR EXISTS (SELECT 1 FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name_key = :tag
     AND ((l.entity = 'company' AND l.record_id = d.company_id) OR (l.entity = 'contact' AND l.record_id = d.contact_id))))";

/// Companies carrying the tag `:tag`, or with a live contact who does (NULL: any company).
const COMPANY_TAGGED: &str = "(:tag IS NULL OR EXISTS (SELECT 1 FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name_key = :tag
     AND ((l.entity = 'company' AND l.record_id = co.id)
          OR (l.entity = 'contact' AND l.record_id IN (SELECT ct.id FROM contacts ct WHERE ct.company_id = co.id AND ct.archived_at IS NULL)))))";

/// Activities whose company or contact carries the tag `:tag` (NULL: any activity).
const ACTIVITY_TAGGED: &str = "(:tag IS NULL OR EXISTS (SELECT 1 FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name_key = :tag
     AND ((l.entity = 'company' AND l.record_id = a.company_id) OR (l.entity = 'contact' AND l.record_id = a.contact_id))))";

/// One page of open deals matching `filter` (over `deals d`), and how
/// many match. The count reads the deal indexes only (they carry the owner),
/// the joins are paid for the rows shown.
fn cards(c: &Connection, tag: Option<&str>, filter: &str, order: &str, args: &[(&str, &dyn ToSql)], page: Page) -> Result<(Vec<DealCard>, i64)> {
    let cond = format!("d.status = 'open' AND d.archived_at IS NULL AND (:owner IS NULL OR d.owner_id = :owner) AND {DEAL_TAGGED} AND {filter}");
    let mut args: Vec<(&str, &dyn ToSql)> = args.to_vec();
    args.push((":tag", &tag));
    let args = args.as_slice();
    let mut with_limit: Vec<(&str, &dyn ToSql)> = args.to_vec();
    with_limit.push((":limit", &page.limit));
    with_limit.push((":offset", &page.offset));
    let rows = c
        .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM deals d {CARD_JOINS} WHERE {cond} ORDER BY {order} LIMIT :limit OFFSET :offset"))?
        .query_map(with_limit.as_slice(), card_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = c.prepare_cached(&format!("SELECT count(*) FROM deals d WHERE {cond}"))?.query_row(args, |r| r.get(0))?;
    Ok((rows, count))
}

/// Open deals without a next step or its date.
pub fn without_next_step(c: &Connection, owner: Option<i64>, tag: Option<&str>, page: impl Into<Page>) -> Result<(Vec<DealCard>, i64)> {
    cards(c, tag, "(d.next_step IS NULL OR d.next_step_date IS NULL)", "d.step_entered_on, d.id", &[(":owner", &owner)], page.into())
}

/// Open deals whose next step date is before `before`.
pub fn next_step_before(c: &Connection, owner: Option<i64>, tag: Option<&str>, before: NaiveDate, page: impl Into<Page>) -> Result<(Vec<DealCard>, i64)> {
    cards(c, tag, "d.next_step_date < :before", "d.next_step_date, d.id", &[(":owner", &owner), (":before", &before)], page.into())
}

/// Open deals of a stage whose next step is due on or before `until`.
pub fn stage_due(
    c: &Connection,
    owner: Option<i64>,
    tag: Option<&str>,
    stage: crate::model::Stage,
    until: NaiveDate,
    page: impl Into<Page>,
) -> Result<(Vec<DealCard>, i64)> {
    cards(
        c,
        tag,
        "d.step_id IN (SELECT id FROM steps WHERE stage = :stage) AND d.next_step_date <= :until",
        "d.next_step_date, d.id",
        &[(":owner", &owner), (":stage", &stage), (":until", &until)],
        page.into(),
    )
}

/// Open deals with no activity since `cutoff` (nor since they were opened).
pub fn stale(c: &Connection, owner: Option<i64>, tag: Option<&str>, cutoff: NaiveDate, page: impl Into<Page>) -> Result<(Vec<DealCard>, i64)> {
    cards(
        c,
        tag,
        "coalesce(d.last_activity_on, substr(d.created_at, 1, 10)) < :cutoff",
        "coalesce(d.last_activity_on, substr(d.created_at, 1, 10)), d.id",
        &[(":owner", &owner), (":cutoff", &cutoff)],
        page.into(),
    )
}

/// The average days from opening to winning, over won deals.
pub fn average_cycle_days(c: &Connection) -> Result<Option<f64>> {
    Ok(c.prepare_cached(
        "SELECT avg(julianday(closed_on) - julianday(substr(created_at, 1, 10))) FROM deals
         WHERE status = 'won' AND archived_at IS NULL AND closed_on IS NOT NULL",
    )?
    .query_row([], |r| r.get(0))?)
}

/// Calls done between two local times.
pub fn calls_done(c: &Connection, owner: Option<i64>, from: NaiveDateTime, to: NaiveDateTime) -> Result<i64> {
    Ok(c.prepare_cached(
        "SELECT count(*) FROM activities WHERE kind = 'call' AND done_at >= :from AND done_at < :to
           AND archived_at IS NULL AND (:owner IS NULL OR owner_id = :owner)",
    )?
    .query_row(named_params! {":from": from, ":to": to, ":owner": owner}, |r| r.get(0))?)
}

/// A client as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClientDue {
    #[ts(type = "number")]
    pub company_id: i64,
    pub name: String,
    pub abc: Option<Abc>,
    pub last_activity_on: Option<NaiveDate>,
    pub expected_order_on: Option<NaiveDate>,
    pub owner_name: Option<String>,
}

fn client_row(r: &rusqlite::Row) -> rusqlite::Result<ClientDue> {
    Ok(ClientDue { company_id: r.get(0)?, name: r.get(1)?, abc: r.get(2)?, last_activity_on: r.get(3)?, expected_order_on: r.get(4)?, owner_name: r.get(5)? })
}

const CLIENT_COLUMNS: &str = "co.id, co.name, co.abc, co.last_activity_on, co.expected_order_on, p.name";

/// Clients not contacted since their category's cutoff (A, B, C; no
/// category counts as C): A first, longest-waiting first within each. One
/// index range per category; a client's first sale counts as a contact.
pub fn checkins_due(
    c: &Connection,
    owner: Option<i64>,
    tag: Option<&str>,
    cutoffs: [(Option<Abc>, NaiveDate); 4],
    page: impl Into<Page>,
) -> Result<(Vec<ClientDue>, i64)> {
    let Page { mut offset, limit } = page.into();
    let mut rows = vec![];
    let mut count = 0;
    for (abc, cut) in cutoffs {
        let cond = format!(
            "co.client_since IS NOT NULL AND co.archived_at IS NULL AND {} AND co.last_activity_on < :cut
             AND (:owner IS NULL OR co.owner_id = :owner) AND {COMPANY_TAGGED}",
            if abc.is_some() { "co.abc = :abc" } else { "co.abc IS NULL" }
        );
        let mut args: Vec<(&str, &dyn ToSql)> = vec![(":owner", &owner), (":cut", &cut), (":tag", &tag)];
        if abc.is_some() {
            args.push((":abc", &abc));
        }
        let here = c
            .prepare_cached(&format!("SELECT count(*) FROM companies co INDEXED BY companies_clients_due WHERE {cond}"))?
            .query_row(args.as_slice(), |r| r.get::<_, i64>(0))?;
        count += here;
        // The page runs on across the categories: skip whole ones before it.
        let skip = offset;
        offset = offset.saturating_sub(u32::try_from(here).unwrap_or(u32::MAX));
        if offset > 0 {
            continue;
        }
        let room = limit.saturating_sub(rows.len() as u32);
        if room > 0 {
            args.push((":limit", &room));
            args.push((":offset", &skip));
            rows.extend(
                c.prepare_cached(&format!(
                    "SELECT {CLIENT_COLUMNS} FROM companies co INDEXED BY companies_clients_due LEFT JOIN people p ON p.id = co.owner_id
                     WHERE {cond} ORDER BY co.last_activity_on, co.id LIMIT :limit OFFSET :offset"
                ))?
                .query_map(args.as_slice(), client_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
    }
    Ok((rows, count))
}

/// Clients whose next repeat order is expected on or before `until`.
pub fn orders_expected(c: &Connection, owner: Option<i64>, tag: Option<&str>, until: NaiveDate, page: impl Into<Page>) -> Result<(Vec<ClientDue>, i64)> {
    let page = page.into();
    let cond = format!(
        "co.client_since IS NOT NULL AND co.archived_at IS NULL AND co.expected_order_on <= :until
        AND (:owner IS NULL OR co.owner_id = :owner) AND {COMPANY_TAGGED}"
    );
    let rows = c
        .prepare_cached(&format!(
            "SELECT {CLIENT_COLUMNS} FROM companies co LEFT JOIN people p ON p.id = co.owner_id WHERE {cond}
             ORDER BY co.expected_order_on, co.id LIMIT :limit OFFSET :offset"
        ))?
        .query_map(named_params! {":owner": owner, ":tag": tag, ":until": until, ":limit": page.limit, ":offset": page.offset}, client_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = c
        .prepare_cached(&format!("SELECT count(*) FROM companies co WHERE {cond}"))?
        .query_row(named_params! {":owner": owner, ":tag": tag, ":until": until}, |r| r.get(0))?;
    Ok((rows, count))
}

/// An open task or planned activity as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct TaskDue {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: crate::model::ActivityKind,
    pub subject: String,
    pub due_at: Option<NaiveDateTime>,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_name: Option<String>,
    /// The routine (regulation) that generated this task, if one did.
    #[ts(type = "number | null")]
    pub regulation_id: Option<i64>,
    /// The person it is with (their own profile when they have no company).
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
}

/// The columns of an activity shown as a task (a list row reads them with [`task_row`]).
pub(crate) const TASK_COLUMNS: &str = "a.id, a.kind, a.subject, a.due_at, a.deal_id, a.company_id, co.name,
    CASE WHEN ct.id IS NULL THEN NULL ELSE trim(ct.first_name || ' ' || ct.last_name) END,
    (SELECT ro.regulation_id FROM routine_occurrences ro WHERE ro.activity_id = a.id LIMIT 1), a.contact_id";

pub(crate) fn task_row(r: &rusqlite::Row) -> rusqlite::Result<TaskDue> {
    Ok(TaskDue {
        id: r.get(0)?,
        kind: r.get(1)?,
        subject: r.get(2)?,
        due_at: r.get(3)?,
        deal_id: r.get(4)?,
        company_id: r.get(5)?,
        company_name: r.get(6)?,
        contact_name: r.get(7)?,
        regulation_id: r.get(8)?,
        contact_id: r.get(9)?,
    })
}

/// Open (not done) activities due before `before`, earliest first.
pub fn tasks_due(c: &Connection, owner: Option<i64>, tag: Option<&str>, before: NaiveDateTime, page: impl Into<Page>) -> Result<(Vec<TaskDue>, i64)> {
    let page = page.into();
    let cond = format!("a.done_at IS NULL AND a.due_at < :before AND a.archived_at IS NULL AND (:owner IS NULL OR a.owner_id = :owner) AND {ACTIVITY_TAGGED}");
    let rows = c
        .prepare_cached(&format!(
            "SELECT {TASK_COLUMNS}
             FROM activities a INDEXED BY activities_open_by_due LEFT JOIN companies co ON co.id = a.company_id LEFT JOIN contacts ct ON ct.id = a.contact_id
             WHERE {cond} ORDER BY a.due_at, a.id LIMIT :limit OFFSET :offset"
        ))?
        .query_map(named_params! {":owner": owner, ":tag": tag, ":before": before, ":limit": page.limit, ":offset": page.offset}, task_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = c
        .prepare_cached(&format!("SELECT count(*) FROM activities a INDEXED BY activities_open_by_due WHERE {cond}"))?
        .query_row(named_params! {":owner": owner, ":tag": tag, ":before": before}, |r| r.get(0))?;
    Ok((rows, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store;

    #[test]
    fn a_page_of_check_ins_runs_on_across_the_categories() {
        let s = store();
        let c = s.conn();
        // 5 A, 4 B, 3 C and 2 without a category, all long without contact.
        let mut n = 0;
        for (abc, count) in [(Some("A"), 5), (Some("B"), 4), (Some("C"), 3), (None, 2)] {
            for _ in 0..count {
                n += 1;
                c.execute(
                    "INSERT INTO companies (name, abc, client_since, last_activity_on, created_at, updated_at)
                     VALUES (?1, ?2, '2026-01-01', ?3, '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
                    rusqlite::params![format!("Client {n:02}"), abc, format!("2026-02-{n:02}")],
                )
                .unwrap();
            }
        }
        let cut: NaiveDate = "2026-11-01".parse().unwrap();
        let cutoffs = [(Some(Abc::A), cut), (Some(Abc::B), cut), (Some(Abc::C), cut), (None, cut)];
        let (first, total) = checkins_due(c, None, None, cutoffs, 100).unwrap();
        assert_eq!((first.len(), total), (14, 14));
        for size in [1, 3, 4, 5, 6, 13] {
            let mut all = vec![];
            let mut offset = 0;
            while offset < 20 {
                let (rows, total) = checkins_due(c, None, None, cutoffs, Page { offset, limit: size }).unwrap();
                assert_eq!(total, 14);
                assert!(rows.len() <= size as usize);
                all.extend(rows);
                offset += size;
            }
            assert_eq!(all, first, "pages of {size} put together are the whole list, in its order");
        }
    }
}

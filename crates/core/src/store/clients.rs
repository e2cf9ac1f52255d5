//! The clients list (contacts with their company) and search hits.

use crate::error::Result;
use crate::model::{Abc, Source, Stage};
use rusqlite::{Connection, named_params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClientRow {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub name: String,
    pub title: Option<String>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub stage: Option<Stage>,
    pub abc: Option<Abc>,
    pub source: Option<Source>,
    pub owner_name: Option<String>,
    /// The contact's tags and its company's, by name.
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClientFilter {
    pub stage: Option<Stage>,
    pub abc: Option<Abc>,
    pub source: Option<Source>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// Contacts carrying this tag, or working at a company that does (compared folded).
    #[serde(default)]
    pub tag: Option<String>,
}

const COLUMNS: &str = "ct.id, trim(ct.first_name || ' ' || ct.last_name), ct.title, ct.company_id, co.name, ct.phone, ct.email,
    co.stage, co.abc, coalesce(ct.source, co.source), p.name,
    (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT t.name FROM tag_links l JOIN tags t ON t.id = l.tag_id
        WHERE (l.entity = 'contact' AND l.record_id = ct.id) OR (l.entity = 'company' AND l.record_id = ct.company_id) ORDER BY t.name_key))";
const FROM: &str = "FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id
    LEFT JOIN people p ON p.id = coalesce(ct.owner_id, co.owner_id)";
const WHERE: &str = "ct.archived_at IS NULL
    AND (:stage IS NULL OR co.stage = :stage) AND (:abc IS NULL OR co.abc = :abc)
    AND (:source IS NULL OR coalesce(ct.source, co.source) = :source)
    AND (:owner IS NULL OR coalesce(ct.owner_id, co.owner_id) = :owner)
    AND (:tag IS NULL OR EXISTS (SELECT 1 FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name_key = :tag
         AND ((l.entity = 'contact' AND l.record_id = ct.id) OR (l.entity = 'company' AND l.record_id = ct.company_id))))";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ClientRow> {
    Ok(ClientRow {
        contact_id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        company_id: r.get(3)?,
        company_name: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        stage: r.get(7)?,
        abc: r.get(8)?,
        source: r.get(9)?,
        owner_name: r.get(10)?,
        tags: r.get::<_, Option<String>>(11)?.map(|t| t.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default(),
    })
}

/// One window of the list, by last name: (rows, total matching). The
/// window's ids come from the name index alone (cheap even deep into 100,000
/// rows); only the rows shown are joined.
pub fn page(c: &Connection, f: &ClientFilter, offset: u32, limit: u32) -> Result<(Vec<ClientRow>, i64)> {
    let unfiltered = f.stage.is_none() && f.abc.is_none() && f.source.is_none() && f.owner_id.is_none() && f.tag.is_none();
    let tag = f.tag.as_deref().map(super::tags::key);
    let (ids, total): (Vec<i64>, i64) = if unfiltered {
        let ids = c
            .prepare_cached(
                "SELECT id FROM contacts INDEXED BY contacts_by_name WHERE archived_at IS NULL
                 ORDER BY last_name, first_name, id LIMIT ?1 OFFSET ?2",
            )?
            .query_map([limit, offset], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let total = c.prepare_cached("SELECT count(*) FROM contacts WHERE archived_at IS NULL")?.query_row([], |r| r.get(0))?;
        (ids, total)
    } else {
        let args = named_params! {":stage": f.stage, ":abc": f.abc, ":source": f.source, ":owner": f.owner_id, ":tag": tag};
        let ids = c
            .prepare_cached(&format!(
                "SELECT ct.id FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id WHERE {WHERE}
                 ORDER BY ct.last_name, ct.first_name, ct.id LIMIT :limit OFFSET :offset"
            ))?
            .query_map(
                named_params! {":stage": f.stage, ":abc": f.abc, ":source": f.source, ":owner": f.owner_id, ":tag": tag, ":limit": limit, ":offset": offset},
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let total = c
            .prepare_cached(&format!("SELECT count(*) FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id WHERE {WHERE}"))?
            .query_row(args, |r| r.get(0))?;
        (ids, total)
    };
    Ok((by_contact_ids(c, &ids)?, total))
}

/// Rows for given contact ids, in the given order (search results).
pub fn by_contact_ids(c: &Connection, ids: &[i64]) -> Result<Vec<ClientRow>> {
    let mut st = c.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE ct.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(r) = st.query_map([id], row)?.next() {
            out.push(r?);
        }
    }
    Ok(out)
}

/// A live company's name, city, stage and category.
pub type CompanySummary = (String, Option<String>, Option<Stage>, Option<Abc>);

pub fn company_summary(c: &Connection, id: i64) -> Result<Option<CompanySummary>> {
    use rusqlite::OptionalExtension;
    Ok(c.prepare_cached("SELECT name, city, stage, abc FROM companies WHERE id = ?1 AND archived_at IS NULL")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

/// Contacts this company's people referred: (contact id, name, company).
pub fn referred_by_company(c: &Connection, company_id: i64) -> Result<Vec<(i64, String, Option<String>)>> {
    let v = c
        .prepare_cached(
            "SELECT r.id, trim(r.first_name || ' ' || r.last_name), co.name FROM contacts r
             JOIN contacts src ON src.id = r.referred_by_id LEFT JOIN companies co ON co.id = r.company_id
             WHERE src.company_id = ?1 AND r.archived_at IS NULL ORDER BY r.id",
        )?
        .query_map([company_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Deals of a company, newest first (all statuses).
pub fn deals_of_company(c: &Connection, company_id: i64) -> Result<Vec<super::board::DealCard>> {
    use super::board::{CARD_COLUMNS, CARD_JOINS, card_row};
    let v = c
        .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM deals d {CARD_JOINS} WHERE d.company_id = ?1 AND d.archived_at IS NULL ORDER BY d.id DESC"))?
        .query_map([company_id], card_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Activities with a company, latest first, at most `limit`.
pub fn activities_of_company(c: &Connection, company_id: i64, limit: u32) -> Result<Vec<crate::model::Activity>> {
    let ids: Vec<i64> = c
        .prepare_cached(
            "SELECT id FROM activities WHERE company_id = ?1 AND archived_at IS NULL
             ORDER BY coalesce(done_at, due_at) DESC, id DESC LIMIT ?2",
        )?
        .query_map(rusqlite::params![company_id, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| super::activities::get(c, id)).collect()
}

/// A person's deals (as cards), newest first.
pub fn deals_of_contact(c: &Connection, contact_id: i64) -> Result<Vec<super::board::DealCard>> {
    use super::board::{CARD_COLUMNS, CARD_JOINS, card_row};
    let v = c
        .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM deals d {CARD_JOINS} WHERE d.contact_id = ?1 AND d.archived_at IS NULL ORDER BY d.id DESC"))?
        .query_map([contact_id], card_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Activities with a person (or their deals), latest first, at most `limit`.
pub fn activities_of_contact(c: &Connection, contact_id: i64, limit: u32) -> Result<Vec<crate::model::Activity>> {
    let ids: Vec<i64> = c
        .prepare_cached(
            "SELECT id FROM activities WHERE archived_at IS NULL
               AND (contact_id = ?1 OR deal_id IN (SELECT id FROM deals WHERE contact_id = ?1))
             ORDER BY coalesce(done_at, due_at) DESC, id DESC LIMIT ?2",
        )?
        .query_map(rusqlite::params![contact_id, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| super::activities::get(c, id)).collect()
}

/// The ids of every live contact the list's filter matches, in list order
/// (making leads of what the list shows).
pub fn ids_matching(c: &Connection, f: &ClientFilter) -> Result<Vec<i64>> {
    let ids = c
        .prepare_cached(&format!(
            "SELECT ct.id FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id WHERE {WHERE} ORDER BY ct.last_name, ct.first_name, ct.id"
        ))?
        .query_map(
            named_params! {":stage": f.stage, ":abc": f.abc, ":source": f.source, ":owner": f.owner_id, ":tag": f.tag.as_deref().map(super::tags::key)},
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

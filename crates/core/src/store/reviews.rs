//! Reviews (daily, weekly, monthly), their issues, and the self-assessments.

use super::changed;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, named_params, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewIssue {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub review_id: i64,
    pub text: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// `open`, `done` or `carried` (moved on to a later review).
    pub status: String,
    /// The issue of an earlier review this one carries on.
    #[ts(type = "number | null")]
    pub carried_from_id: Option<i64>,
    pub created_at: String,
    pub closed_at: Option<String>,
}

/// A stored review, as saved.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub id: i64,
    pub kind: String,
    pub period_on: NaiveDate,
    pub person_id: Option<i64>,
    pub answers: String,
    pub snapshot: Option<String>,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
}

const COLS: &str = "id, kind, period_on, person_id, answers, snapshot, status, created_at, updated_at, closed_at";

fn row(r: &Row) -> rusqlite::Result<ReviewRow> {
    Ok(ReviewRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        period_on: r.get(2)?,
        person_id: r.get(3)?,
        answers: r.get(4)?,
        snapshot: r.get(5)?,
        status: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        closed_at: r.get(9)?,
    })
}

pub fn find(c: &Connection, kind: &str, period_on: NaiveDate, person_id: Option<i64>) -> Result<Option<ReviewRow>> {
    Ok(c.prepare_cached(&format!("SELECT {COLS} FROM reviews WHERE kind = ?1 AND period_on = ?2 AND coalesce(person_id, 0) = coalesce(?3, 0)"))?
        .query_row(params![kind, period_on, person_id], row)
        .optional()?)
}

pub fn get(c: &Connection, id: i64) -> Result<ReviewRow> {
    c.prepare_cached(&format!("SELECT {COLS} FROM reviews WHERE id = ?1"))?.query_row([id], row).optional()?.ok_or_else(|| Error::not_found("Review", id))
}

pub fn insert(c: &Connection, now: &str, kind: &str, period_on: NaiveDate, person_id: Option<i64>) -> Result<i64> {
    c.execute(
        "INSERT INTO reviews (kind, period_on, person_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![kind, period_on, person_id, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn set_answers(c: &Connection, id: i64, now: &str, answers: &str) -> Result<()> {
    changed(c.execute("UPDATE reviews SET answers = ?2, updated_at = ?3 WHERE id = ?1", params![id, answers, now])?, "Review", id)
}

pub fn close(c: &Connection, id: i64, now: &str, snapshot: &str) -> Result<()> {
    changed(
        c.execute("UPDATE reviews SET status = 'closed', snapshot = ?2, closed_at = ?3, updated_at = ?3 WHERE id = ?1", params![id, snapshot, now])?,
        "Review",
        id,
    )
}

pub fn reopen(c: &Connection, id: i64, now: &str) -> Result<()> {
    changed(c.execute("UPDATE reviews SET status = 'open', closed_at = NULL, updated_at = ?2 WHERE id = ?1", params![id, now])?, "Review", id)
}

/// The latest review of a kind before `period_on` for the same person.
pub fn previous(c: &Connection, kind: &str, period_on: NaiveDate, person_id: Option<i64>) -> Result<Option<ReviewRow>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLS} FROM reviews WHERE kind = ?1 AND period_on < ?2 AND coalesce(person_id, 0) = coalesce(?3, 0)
         ORDER BY period_on DESC LIMIT 1"
    ))?
    .query_row(params![kind, period_on, person_id], row)
    .optional()?)
}

/// Reviews, the latest first.
pub fn list(c: &Connection, kind: Option<&str>, person_id: Option<i64>, limit: u32) -> Result<Vec<ReviewRow>> {
    let v = c
        .prepare_cached(&format!(
            "SELECT {COLS} FROM reviews WHERE (:kind IS NULL OR kind = :kind) AND (:person IS NULL OR person_id = :person)
             ORDER BY period_on DESC, id DESC LIMIT :limit"
        ))?
        .query_map(named_params! {":kind": kind, ":person": person_id, ":limit": limit}, row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

const ISSUE_COLS: &str = "i.id, i.review_id, i.text, i.owner_id, p.name, i.due_on, i.status, i.carried_from_id, i.created_at, i.closed_at";

fn issue_row(r: &Row) -> rusqlite::Result<ReviewIssue> {
    Ok(ReviewIssue {
        id: r.get(0)?,
        review_id: r.get(1)?,
        text: r.get(2)?,
        owner_id: r.get(3)?,
        owner_name: r.get(4)?,
        due_on: r.get(5)?,
        status: r.get(6)?,
        carried_from_id: r.get(7)?,
        created_at: r.get(8)?,
        closed_at: r.get(9)?,
    })
}

pub fn issues(c: &Connection, review_id: i64) -> Result<Vec<ReviewIssue>> {
    let v = c
        .prepare_cached(&format!("SELECT {ISSUE_COLS} FROM review_issues i LEFT JOIN people p ON p.id = i.owner_id WHERE i.review_id = ?1 ORDER BY i.id"))?
        .query_map([review_id], issue_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn issue(c: &Connection, id: i64) -> Result<ReviewIssue> {
    c.prepare_cached(&format!("SELECT {ISSUE_COLS} FROM review_issues i LEFT JOIN people p ON p.id = i.owner_id WHERE i.id = ?1"))?
        .query_row([id], issue_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Issue", id))
}

pub fn insert_issue(
    c: &Connection,
    now: &str,
    review_id: i64,
    text: &str,
    owner_id: Option<i64>,
    due_on: Option<NaiveDate>,
    carried_from: Option<i64>,
) -> Result<i64> {
    c.execute(
        "INSERT INTO review_issues (review_id, text, owner_id, due_on, carried_from_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![review_id, text, owner_id, due_on, carried_from, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn update_issue(c: &Connection, id: i64, text: &str, owner_id: Option<i64>, due_on: Option<NaiveDate>) -> Result<()> {
    changed(c.execute("UPDATE review_issues SET text = ?2, owner_id = ?3, due_on = ?4 WHERE id = ?1", params![id, text, owner_id, due_on])?, "Issue", id)
}

pub fn set_issue_status(c: &Connection, id: i64, now: &str, status: &str) -> Result<()> {
    let closed = if status == "open" { None } else { Some(now) };
    changed(c.execute("UPDATE review_issues SET status = ?2, closed_at = ?3 WHERE id = ?1", params![id, status, closed])?, "Issue", id)
}

/// A stored self-assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentRow {
    pub id: i64,
    pub taken_on: NaiveDate,
    pub person_id: Option<i64>,
    pub answers: String,
}

pub fn insert_assessment(c: &Connection, now: &str, taken_on: NaiveDate, person_id: Option<i64>, answers: &str) -> Result<i64> {
    c.execute("INSERT INTO assessments (taken_on, person_id, answers, created_at) VALUES (?1, ?2, ?3, ?4)", params![taken_on, person_id, answers, now])?;
    Ok(c.last_insert_rowid())
}

/// The unfinished sitting (its answers as JSON), if one was left part-way.
pub fn assessment_draft(c: &Connection) -> Result<Option<String>> {
    Ok(c.query_row("SELECT answers FROM assessment_drafts WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// Keeps the unfinished sitting (there is one at a time).
pub fn set_assessment_draft(c: &Connection, now: &str, answers: &str) -> Result<()> {
    c.execute(
        "INSERT INTO assessment_drafts (id, answers, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
        params![answers, now],
    )?;
    Ok(())
}

/// Forgets the unfinished sitting (it was saved or started over).
pub fn clear_assessment_draft(c: &Connection) -> Result<()> {
    c.execute("DELETE FROM assessment_drafts", [])?;
    Ok(())
}

/// Self-assessments, the oldest first (history over time).
pub fn assessments(c: &Connection) -> Result<Vec<AssessmentRow>> {
    let v = c
        .prepare_cached("SELECT id, taken_on, person_id, answers FROM assessments ORDER BY taken_on, id")?
        .query_map([], |r| Ok(AssessmentRow { id: r.get(0)?, taken_on: r.get(1)?, person_id: r.get(2)?, answers: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// Open issues of earlier reviews of a kind for the same person: they must
/// be closed or carried over.
pub fn open_issues_before(c: &Connection, kind: &str, period_on: NaiveDate, person_id: Option<i64>) -> Result<Vec<ReviewIssue>> {
    let v = c
        .prepare_cached(&format!(
            "SELECT {ISSUE_COLS} FROM review_issues i JOIN reviews r ON r.id = i.review_id LEFT JOIN people p ON p.id = i.owner_id
             WHERE i.status = 'open' AND r.kind = ?1 AND r.period_on < ?2 AND coalesce(r.person_id, 0) = coalesce(?3, 0)
             ORDER BY r.period_on, i.id"
        ))?
        .query_map(params![kind, period_on, person_id], issue_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// (open issues, all issues) of a review.
pub fn issue_counts(c: &Connection, review_id: i64) -> Result<(i64, i64)> {
    Ok(c.prepare_cached("SELECT coalesce(sum(status = 'open'), 0), count(*) FROM review_issues WHERE review_id = ?1")?
        .query_row([review_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

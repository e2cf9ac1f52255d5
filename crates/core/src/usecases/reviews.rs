//! Routines (DESIGN.md §2): the guided daily, weekly and monthly reviews,
//! each stored and reopenable, with the weekly issue list (owner, due date,
//! closed or carried over); and the head-of-sales self-assessment.

use crate::assessment::{self, Answer, RoleScore};
use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Lang, Stage};
use crate::plan::{self, Period};
use crate::store::plans::{self, Fact};
use crate::store::reviews::{self as rq, ReviewIssue, ReviewRow};
use crate::store::{Store, people, today as tq};
use crate::usecases::plan::{Indicator, PlanStatus, SavedPlan, get_plan, plan_status};
use crate::validate;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ReviewKind {
    #[serde(rename = "daily")]
    Daily,
    #[serde(rename = "weekly")]
    Weekly,
    #[serde(rename = "monthly")]
    Monthly,
}

impl ReviewKind {
    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::Daily => "daily",
            ReviewKind::Weekly => "weekly",
            ReviewKind::Monthly => "monthly",
        }
    }
    fn parse(s: &str) -> Result<Self> {
        match s {
            "daily" => Ok(ReviewKind::Daily),
            "weekly" => Ok(ReviewKind::Weekly),
            "monthly" => Ok(ReviewKind::Monthly),
            _ => Err(Error::validation("kind", format!("“{s}” is not a review. Use daily, weekly or monthly."))),
        }
    }
    /// The days a review of this kind covers, for a day in it: [first, after last).
    pub fn span(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            ReviewKind::Daily => (day, day + Duration::days(1)),
            ReviewKind::Weekly => {
                let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
                (monday, monday + Duration::days(7))
            }
            ReviewKind::Monthly => {
                let m = Period::month_of(day);
                (m.start, m.end)
            }
        }
    }
}

/// Today's open work in one stage (the daily review's "today's plan").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageDue {
    pub stage: Stage,
    /// Open deals whose next step is due today or earlier.
    #[ts(type = "number")]
    pub due: i64,
}

/// What one working day needs at the month's plan (plan ÷ working days).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayPlan {
    pub calls: f64,
    pub meetings: f64,
    pub leads: f64,
    pub offers: f64,
    pub first_deals: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyContext {
    pub yesterday: NaiveDate,
    pub yesterday_fact: Fact,
    /// Null without a saved plan for the month.
    pub day_plan: Option<DayPlan>,
    pub today_due: Vec<StageDue>,
    pub month: PlanStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeeklyContext {
    pub week_start: NaiveDate,
    pub week_last: NaiveDate,
    pub week_fact: Fact,
    /// The month's plan for this week's working days (null without a plan).
    pub week_plan: Option<DayPlan>,
    pub month: PlanStatus,
}

/// One person's month: planned vs made turnover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonResult {
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub planned_minor: i64,
    #[ts(type = "number")]
    pub fact_minor: i64,
    /// fact ÷ plan (null without a plan for the person).
    pub fulfilment: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthlyContext {
    pub month: PlanStatus,
    /// The month's measures, the best fulfilled first (the last ones lag).
    pub areas: Vec<Indicator>,
    /// People, the best fulfilment first.
    pub people: Vec<PersonResult>,
    /// Next month's code and its plan, if set (to approve).
    pub next_period: String,
    pub next_plan: Option<SavedPlan>,
}

/// The numbers a review is held over: live while open, as they stood at
/// closing once closed. Exactly one of the three is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewContext {
    pub daily: Option<DailyContext>,
    pub weekly: Option<WeeklyContext>,
    pub monthly: Option<MonthlyContext>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ReviewKind,
    /// The day, the week's Monday, or the month's first day.
    pub period_on: NaiveDate,
    pub period_last: NaiveDate,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// Free answers by key, e.g. `yesterday`, `today`, `blockers`, `notes`.
    pub answers: BTreeMap<String, String>,
    /// `open` or `closed`.
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    pub issues: Vec<ReviewIssue>,
    /// Still-open issues of earlier reviews of this kind: close or carry
    /// each before closing this review.
    pub earlier_open_issues: Vec<ReviewIssue>,
    pub context: ReviewContext,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ReviewKind,
    pub period_on: NaiveDate,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub status: String,
    #[ts(type = "number")]
    pub open_issues: i64,
    #[ts(type = "number")]
    pub issues: i64,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewStart {
    pub kind: ReviewKind,
    /// A day in the review's span; today when empty.
    pub date: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IssueInput {
    pub text: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

fn scale(l: &plans::PlanLine, share: f64) -> DayPlan {
    let r = |x: i64| (x as f64 * share * 10.0).round() / 10.0;
    DayPlan { calls: r(l.calls), meetings: r(l.qualified_leads), leads: r(l.leads), offers: r(l.offers), first_deals: r(l.first_deals) }
}

fn context(s: &Store, clock: &dyn Clock, kind: ReviewKind, on: NaiveDate, person: Option<i64>) -> Result<ReviewContext> {
    let c = s.conn();
    let wd = plans::params(c)?.working_days_per_week;
    // A week that spans two months is reviewed against the month it has
    // reached: today's, or (looking back) the month of its last day.
    let month = match kind {
        ReviewKind::Weekly => {
            let (start, end) = kind.span(on);
            Period::month_of(clock.today().clamp(start, end - Duration::days(1)))
        }
        _ => Period::month_of(on),
    };
    let status = plan_status(s, clock, &month.code(), person)?;
    let month_wd = status.working_days.max(1) as f64;
    Ok(match kind {
        ReviewKind::Daily => {
            let yesterday = on - Duration::days(1);
            let today_due = [Stage::LeadGeneration, Stage::FirstDeal, Stage::AccountDevelopment]
                .into_iter()
                .map(|stage| Ok(StageDue { stage, due: tq::stage_due(c, person, None, stage, on, 0)?.1 }))
                .collect::<Result<Vec<_>>>()?;
            ReviewContext {
                daily: Some(DailyContext {
                    yesterday,
                    yesterday_fact: plans::fact(c, yesterday, on, person)?,
                    day_plan: status.plan.as_ref().map(|l| scale(l, 1.0 / month_wd)),
                    today_due,
                    month: status,
                }),
                weekly: None,
                monthly: None,
            }
        }
        ReviewKind::Weekly => {
            let (start, end) = kind.span(on);
            let in_month = plan::working_days_between(start.max(month.start), end.min(month.end), wd) as f64;
            ReviewContext {
                daily: None,
                weekly: Some(WeeklyContext {
                    week_start: start,
                    week_last: end - Duration::days(1),
                    week_fact: plans::fact(c, start, end, person)?,
                    week_plan: status.plan.as_ref().map(|l| scale(l, in_month / month_wd)),
                    month: status,
                }),
                monthly: None,
            }
        }
        ReviewKind::Monthly => {
            let mut areas: Vec<Indicator> = status.indicators.iter().filter(|i| i.planned > 0).cloned().collect();
            let done = |i: &Indicator| i.fact as f64 / i.planned as f64;
            areas.sort_by(|a, b| done(b).total_cmp(&done(a)));
            let mut people_results = Vec::new();
            for p in people::list(c)? {
                let st = plan_status(s, clock, &month.code(), Some(p.id))?;
                let planned = st.plan.as_ref().map_or(0, |l| l.turnover_minor);
                people_results.push(PersonResult {
                    person_id: p.id,
                    name: p.name,
                    planned_minor: planned,
                    fact_minor: st.fact.turnover_minor,
                    fulfilment: if planned > 0 { Some((st.fact.turnover_minor as f64 / planned as f64 * 1000.0).round() / 1000.0) } else { None },
                });
            }
            people_results.sort_by(|a, b| b.fulfilment.unwrap_or(-1.0).total_cmp(&a.fulfilment.unwrap_or(-1.0)));
            let next = month.next().code();
            ReviewContext {
                daily: None,
                weekly: None,
                monthly: Some(MonthlyContext { month: status, areas, people: people_results, next_plan: get_plan(s, &next)?, next_period: next }),
            }
        }
    })
}

fn load(s: &Store, clock: &dyn Clock, r: ReviewRow) -> Result<Review> {
    let c = s.conn();
    let kind = ReviewKind::parse(&r.kind)?;
    let (_, end) = kind.span(r.period_on);
    let stored = r.snapshot.as_deref().filter(|_| r.status == "closed").and_then(|j| serde_json::from_str::<ReviewContext>(j).ok());
    let context = match stored {
        Some(ctx) => ctx,
        None => context(s, clock, kind, r.period_on, r.person_id)?,
    };
    Ok(Review {
        id: r.id,
        kind,
        period_on: r.period_on,
        period_last: end - Duration::days(1),
        person_id: r.person_id,
        answers: serde_json::from_str(&r.answers).unwrap_or_default(),
        status: r.status,
        created_at: r.created_at,
        updated_at: r.updated_at,
        closed_at: r.closed_at,
        issues: rq::issues(c, r.id)?,
        earlier_open_issues: rq::open_issues_before(c, kind.code(), r.period_on, r.person_id)?,
        context,
    })
}

fn check_person(c: &rusqlite::Connection, field: &str, id: Option<i64>) -> Result<()> {
    match id {
        Some(id) if !people::exists(c, id)? => Err(Error::validation(field, format!("Person #{id} does not exist. Pick someone from the people list."))),
        _ => Ok(()),
    }
}

/// Opens the review of a kind for a day (creating it the first time): the
/// daily one for that day, the weekly one for its week, the monthly one for
/// its month.
pub fn start_review(s: &mut Store, clock: &dyn Clock, r: &ReviewStart) -> Result<Review> {
    check_person(s.conn(), "person_id", r.person_id)?;
    let (on, _) = r.kind.span(r.date.unwrap_or_else(|| clock.today()));
    let now = stamp(clock.now());
    let id = s.write(|tx| match rq::find(tx, r.kind.code(), on, r.person_id)? {
        Some(row) => Ok(row.id),
        None => rq::insert(tx, &now, r.kind.code(), on, r.person_id),
    })?;
    get_review(s, clock, id)
}

pub fn get_review(s: &Store, clock: &dyn Clock, id: i64) -> Result<Review> {
    load(s, clock, rq::get(s.conn(), id)?)
}

fn open_review(c: &rusqlite::Connection, id: i64) -> Result<ReviewRow> {
    let r = rq::get(c, id)?;
    if r.status == "closed" {
        return Err(Error::new(ErrorCode::Conflict, format!("The {} review of {} is closed. Reopen it to change it.", r.kind, r.period_on)));
    }
    Ok(r)
}

/// Saves the review's answers (by key: `yesterday`, `today`, `blockers`, …).
pub fn save_review(s: &mut Store, clock: &dyn Clock, id: i64, answers: &BTreeMap<String, String>) -> Result<Review> {
    let mut clean = BTreeMap::new();
    for (k, v) in answers {
        let key = validate::required("answers", k, 60)?;
        if let Some(v) = validate::optional(&format!("answers.{key}"), Some(v), 10_000)? {
            clean.insert(key, v);
        }
    }
    let json = serde_json::to_string(&clean).map_err(|e| Error::internal(e.to_string()))?;
    let now = stamp(clock.now());
    s.write(|tx| {
        open_review(tx, id)?;
        rq::set_answers(tx, id, &now, &json)
    })?;
    get_review(s, clock, id)
}

fn check_issue(c: &rusqlite::Connection, i: &IssueInput) -> Result<String> {
    let text = validate::required("issue.text", &i.text, 2000)?;
    check_person(c, "issue.owner_id", i.owner_id)?;
    Ok(text)
}

/// Adds an issue (with its owner and due date) to an open review.
pub fn add_issue(s: &mut Store, clock: &dyn Clock, review_id: i64, i: &IssueInput) -> Result<ReviewIssue> {
    let now = stamp(clock.now());
    s.write(|tx| {
        open_review(tx, review_id)?;
        let text = check_issue(tx, i)?;
        let id = rq::insert_issue(tx, &now, review_id, &text, i.owner_id, i.due_on, None)?;
        rq::issue(tx, id)
    })
}

pub fn update_issue(s: &mut Store, _clock: &dyn Clock, issue_id: i64, i: &IssueInput) -> Result<ReviewIssue> {
    s.write(|tx| {
        let old = rq::issue(tx, issue_id)?;
        if old.status == "carried" {
            return Err(Error::new(ErrorCode::Conflict, "This issue was carried over; change it in the later review."));
        }
        let text = check_issue(tx, i)?;
        rq::update_issue(tx, issue_id, &text, i.owner_id, i.due_on)?;
        rq::issue(tx, issue_id)
    })
}

/// Marks an issue done (or open again).
pub fn set_issue_done(s: &mut Store, clock: &dyn Clock, issue_id: i64, done: bool) -> Result<ReviewIssue> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let old = rq::issue(tx, issue_id)?;
        if old.status == "carried" {
            return Err(Error::new(ErrorCode::Conflict, "This issue was carried over; close it in the later review."));
        }
        rq::set_issue_status(tx, issue_id, &now, if done { "done" } else { "open" })?;
        rq::issue(tx, issue_id)
    })
}

/// Carries an open issue of an earlier review into a later open review of
/// the same kind: the old one becomes `carried`, a copy (same text, owner
/// and due date, linked to the old one) opens in the new review.
pub fn carry_issue(s: &mut Store, clock: &dyn Clock, issue_id: i64, to_review_id: i64) -> Result<ReviewIssue> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let old = rq::issue(tx, issue_id)?;
        if old.status != "open" {
            return Err(Error::new(ErrorCode::Conflict, format!("Issue #{issue_id} is {}; only open issues are carried over.", old.status)));
        }
        let from = rq::get(tx, old.review_id)?;
        let to = open_review(tx, to_review_id)?;
        if from.kind != to.kind || from.period_on >= to.period_on || from.person_id != to.person_id {
            return Err(Error::validation("to_review_id", "Carry an issue into a later review of the same kind and person."));
        }
        rq::set_issue_status(tx, issue_id, &now, "carried")?;
        let id = rq::insert_issue(tx, &now, to_review_id, &old.text, old.owner_id, old.due_on, Some(issue_id))?;
        rq::issue(tx, id)
    })
}

/// Closes a review, keeping its numbers as they stand. A weekly or monthly
/// review closes only once the earlier reviews' open issues are closed or
/// carried over.
pub fn close_review(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<Review> {
    let r = open_review(s.conn(), id)?;
    let review = load(s, clock, r)?;
    if !review.earlier_open_issues.is_empty() {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!(
                "{} issue(s) from earlier reviews are still open. Mark each done or carry it over to this review, then close it.",
                review.earlier_open_issues.len()
            ),
        ));
    }
    let snapshot = serde_json::to_string(&review.context).map_err(|e| Error::internal(e.to_string()))?;
    let now = stamp(clock.now());
    s.write(|tx| rq::close(tx, id, &now, &snapshot))?;
    get_review(s, clock, id)
}

/// Reopens a closed review (its numbers are live again until it closes).
pub fn reopen_review(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<Review> {
    let now = stamp(clock.now());
    s.write(|tx| {
        rq::get(tx, id)?;
        rq::reopen(tx, id, &now)
    })?;
    get_review(s, clock, id)
}

/// The history of reviews, the latest first.
pub fn list_reviews(s: &Store, kind: Option<ReviewKind>, person_id: Option<i64>, limit: u32) -> Result<Vec<ReviewSummary>> {
    let c = s.conn();
    rq::list(c, kind.map(ReviewKind::code), person_id, limit.clamp(1, 1000))?
        .into_iter()
        .map(|r| {
            let (open_issues, issues) = rq::issue_counts(c, r.id)?;
            Ok(ReviewSummary {
                id: r.id,
                kind: ReviewKind::parse(&r.kind)?,
                period_on: r.period_on,
                person_id: r.person_id,
                status: r.status,
                open_issues,
                issues,
                closed_at: r.closed_at,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The self-assessment.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentResult {
    #[ts(type = "number")]
    pub id: i64,
    pub taken_on: NaiveDate,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub answers: Vec<Answer>,
    pub roles: Vec<RoleScore>,
    /// Firm yeses of 21.
    pub total: u8,
}

fn result(id: i64, taken_on: NaiveDate, person_id: Option<i64>, answers: Vec<Answer>, lang: Lang) -> Result<AssessmentResult> {
    let roles = assessment::score(&answers, lang)?;
    Ok(AssessmentResult { id, taken_on, person_id, total: roles.iter().map(|r| r.score).sum(), answers, roles })
}

/// Saves one sitting of the self-assessment (21 answers) and scores it.
pub fn save_assessment(s: &mut Store, clock: &dyn Clock, answers: &[Answer], person_id: Option<i64>, lang: Lang) -> Result<AssessmentResult> {
    assessment::check_answers(answers)?;
    check_person(s.conn(), "person_id", person_id)?;
    let json = serde_json::to_string(answers).map_err(|e| Error::internal(e.to_string()))?;
    let (now, today) = (stamp(clock.now()), clock.today());
    let id = s.write(|tx| {
        rq::clear_assessment_draft(tx)?;
        rq::insert_assessment(tx, &now, today, person_id, &json)
    })?;
    result(id, today, person_id, answers.to_vec(), lang)
}

/// Keeps a sitting left part-way (21 places, `null` where not answered yet)
/// so it can be resumed later; all empty forgets it.
pub fn save_assessment_draft(s: &mut Store, clock: &dyn Clock, answers: &[Option<Answer>]) -> Result<()> {
    if answers.len() != 21 {
        return Err(Error::validation("answers", format!("The self-assessment has 21 questions; {} answers came. Answer each question once.", answers.len())));
    }
    let now = stamp(clock.now());
    if answers.iter().all(Option::is_none) {
        return s.write(|tx| rq::clear_assessment_draft(tx));
    }
    let json = serde_json::to_string(answers).map_err(|e| Error::internal(e.to_string()))?;
    s.write(|tx| rq::set_assessment_draft(tx, &now, &json))
}

/// The sitting left part-way, if any (21 places, `null` where not answered yet).
pub fn assessment_draft(s: &Store) -> Result<Option<Vec<Option<Answer>>>> {
    let Some(json) = rq::assessment_draft(s.conn())? else { return Ok(None) };
    let answers: Vec<Option<Answer>> = serde_json::from_str(&json)
        .map_err(|e| Error::new(ErrorCode::InvalidFile, format!("The unfinished self-assessment cannot be read ({e}). Start it again.")))?;
    Ok(Some(answers).filter(|a| a.len() == 21))
}

/// Every sitting, the oldest first (the history chart).
pub fn assessment_history(s: &Store, lang: Lang) -> Result<Vec<AssessmentResult>> {
    rq::assessments(s.conn())?
        .into_iter()
        .map(|r| {
            let answers: Vec<Answer> =
                serde_json::from_str(&r.answers).map_err(|e| Error::new(ErrorCode::InvalidFile, format!("Self-assessment #{} cannot be read ({e}).", r.id)))?;
            result(r.id, r.taken_on, r.person_id, answers, lang)
        })
        .collect()
}

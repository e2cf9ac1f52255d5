//! Deriving the sales plan from a target with the business's own numbers:
//! each rate is measured from the workspace where its history is large
//! enough, and otherwise a stated default the user can edit.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Person, Role, Stage};
use crate::plan::{self, Period, PlanDerivation, PlanInputs, Rate};
use crate::store::people;
use crate::store::plans::{self, PlanParams};
use crate::store::plans::{Fact, PlanLine};
use crate::store::{Store, history, meta, today as tq};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

// Defaults where history is thin live in `plan_params` (store::plans::PlanParams).
/// Cases a rate needs before it counts as measured.
pub const MIN_SAMPLE: i64 = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub enum Target {
    #[serde(rename = "turnover")]
    Turnover(#[ts(type = "number")] i64),
    #[serde(rename = "profit")]
    Profit(#[ts(type = "number")] i64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeriveRequest {
    /// `2027-01`, `2027-Q1` or `2027`.
    pub period: String,
    pub target: Target,
    /// What-if uplifts, e.g. 0.1 = +10 %.
    pub conversion_uplift: f64,
    pub deal_size_uplift: f64,
    /// Rates the user set by hand (override measured and default ones).
    pub rates: Vec<Rate>,
}

fn measured(defaults: &PlanParams, key: &str, hits: i64, sample: i64) -> Rate {
    let default = defaults.rate(key);
    if sample >= MIN_SAMPLE && hits > 0 {
        Rate { key: key.into(), value: hits as f64 / sample as f64, measured: true, sample }
    } else {
        Rate { key: key.into(), value: default, measured: false, sample }
    }
}

/// What the workspace's history says, measured once (it reads the whole
/// deal and order history, so a plan split by month reuses it).
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub currency: String,
    pub margin: f64,
    pub margin_measured: bool,
    /// Turnover per day over the last half-year (repeat orders' pace), or
    /// from the defaults (clients × orders a month × order size) when thin.
    pub repeat_per_day_minor: f64,
    pub repeat_measured: bool,
    pub avg_repeat_order_minor: i64,
    pub avg_first_deal_minor: i64,
    pub avg_first_deal_measured: bool,
    pub rates: Vec<Rate>,
    pub cycle_days: u32,
    pub cycle_measured: bool,
    pub minutes_per_call: u32,
    pub working_days_per_week: u32,
    pub params: PlanParams,
    /// The day it was measured (a plan made inside its period spreads the calls over the days left).
    pub today: NaiveDate,
}

/// The tables the measured history reads.
const HISTORY_READS: &[&str] = &["orders", "deals", "steps", "handoffs", "activities", "companies", "plan_params", "meta"];

/// The business's measured history (rates, cycle, order sizes) as of today;
/// kept until a table it reads changes.
pub fn measure(s: &Store, clock: &dyn Clock) -> Result<History> {
    let today = clock.today();
    s.cached(&format!("plan_history:{today}"), HISTORY_READS, || measure_now(s, today))
}

fn measure_now(s: &Store, today: NaiveDate) -> Result<History> {
    let c = s.conn();
    let defaults = plans::params(c)?;
    let year_ago = today - Duration::days(365);
    let (amount, margin_sum, orders) = history::orders_since(c, year_ago)?;
    let (margin, margin_measured) = if orders >= MIN_SAMPLE && amount > 0 { (margin_sum as f64 / amount as f64, true) } else { (defaults.margin, false) };
    let (recent, _, recent_orders) = history::orders_since(c, today - Duration::days(182))?;
    let (avg_order, _, _) = plans::order_rhythm(c, year_ago)?;
    let (repeat_per_day_minor, repeat_measured, avg_repeat_order_minor) = if recent_orders >= MIN_SAMPLE {
        (recent as f64 / 182.0, true, avg_order.round() as i64)
    } else {
        let clients = plans::client_count(c)? as f64;
        (clients * defaults.repeat_orders_per_month * defaults.repeat_order_minor as f64 / 30.4375, false, defaults.repeat_order_minor)
    };
    let (avg_first, n_first) = history::first_deals_won_since(c, year_ago)?;
    let (avg_first_deal_minor, avg_first_deal_measured) = if n_first >= 5 { (avg_first.round() as i64, true) } else { (defaults.avg_first_deal_minor, false) };
    let (won, lost_after_offer, closed2) = history::first_deal_outcomes(c)?;
    let (reached2, dropped1) = history::qualification_outcomes(c)?;
    let (calls, new_leads) = history::calls_and_new_leads(c, today - Duration::days(90), today + Duration::days(1))?;
    let rates = vec![
        if calls >= 30 { measured(&defaults, "call_to_lead", new_leads, calls) } else { measured(&defaults, "call_to_lead", 0, calls) },
        measured(&defaults, "lead_to_qualified", reached2, reached2 + dropped1),
        measured(&defaults, "qualified_to_offer", won + lost_after_offer, closed2),
        measured(&defaults, "offer_to_won", won, won + lost_after_offer),
    ];
    let (cycle_days, cycle_measured) = match tq::average_cycle_days(c)? {
        Some(d) if d >= 1.0 => (d.round() as u32, true),
        _ => (defaults.cycle_days, false),
    };
    Ok(History {
        currency: meta::currency(c)?,
        margin,
        margin_measured,
        repeat_per_day_minor,
        repeat_measured,
        avg_repeat_order_minor,
        avg_first_deal_minor,
        avg_first_deal_measured,
        rates,
        cycle_days,
        cycle_measured,
        minutes_per_call: defaults.minutes_per_call,
        working_days_per_week: defaults.working_days_per_week,
        params: defaults,
        today,
    })
}

pub fn derive(s: &Store, clock: &dyn Clock, r: &DeriveRequest) -> Result<PlanDerivation> {
    derive_from(&measure(s, clock)?, r)
}

/// The plan for a request on an already measured history.
pub fn derive_from(h: &History, r: &DeriveRequest) -> Result<PlanDerivation> {
    let period = Period::parse("period", &r.period)?;
    for (field, v) in [("conversion_uplift", r.conversion_uplift), ("deal_size_uplift", r.deal_size_uplift)] {
        if !(-0.9..=5.0).contains(&v) {
            return Err(Error::validation(field, format!("{v} is outside -90 % … +500 %.")));
        }
    }
    let target_turnover = match r.target {
        Target::Turnover(t) => t,
        Target::Profit(p) => {
            if h.margin <= 0.0 {
                return Err(Error::validation("target", "The margin is zero, so no turnover reaches a profit target. Plan by turnover instead."));
            }
            (p as f64 / h.margin).ceil() as i64
        }
    };
    if target_turnover <= 0 {
        return Err(Error::validation("target", "The target must be above zero."));
    }
    let mut rates = h.rates.clone();
    for user in &r.rates {
        let slot = rates.iter_mut().find(|x| x.key == user.key).ok_or_else(|| {
            Error::validation(&format!("rates.{}", user.key), format!("“{}” is not a rate of the plan. Use {}.", user.key, plan::RATE_KEYS.join(", ")))
        })?;
        if !(0.0..=1.0).contains(&user.value) {
            return Err(Error::validation(&format!("rates.{}", user.key), "A rate is between 0 and 100 %."));
        }
        *slot = Rate { measured: false, sample: 0, ..user.clone() };
    }
    plan::derive(PlanInputs {
        period,
        currency: h.currency.clone(),
        target_turnover_minor: target_turnover,
        target_profit_minor: match r.target {
            Target::Profit(p) => Some(p),
            Target::Turnover(_) => None,
        },
        margin: h.margin,
        margin_measured: h.margin_measured,
        repeat_turnover_minor: (h.repeat_per_day_minor * period.days() as f64).round() as i64,
        repeat_measured: h.repeat_measured,
        avg_repeat_order_minor: h.avg_repeat_order_minor,
        avg_first_deal_minor: h.avg_first_deal_minor,
        avg_first_deal_measured: h.avg_first_deal_measured,
        rates,
        cycle_days: h.cycle_days,
        cycle_measured: h.cycle_measured,
        minutes_per_call: h.minutes_per_call,
        working_days_per_week: h.working_days_per_week,
        conversion_uplift: r.conversion_uplift,
        deal_size_uplift: r.deal_size_uplift,
        today: Some(h.today),
    })
}

// ---------------------------------------------------------------------------
// Planning defaults, saved plans and plan vs fact.

/// The planning defaults and analytics thresholds.
pub fn plan_params(s: &Store) -> Result<PlanParams> {
    plans::params(s.conn())
}

/// Replaces the planning defaults (the settings screen, the template importer).
pub fn set_plan_params(s: &mut Store, clock: &dyn Clock, p: &PlanParams) -> Result<PlanParams> {
    let mut p = p.clone();
    p.niche_benchmark = p.niche_benchmark.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    p.validate()?;
    let now = stamp(clock.now());
    s.write(|tx| plans::set_params(tx, &p, &now))?;
    plans::params(s.conn())
}

/// A saved plan: the target, the derivation it came from, and its split per
/// person and stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedPlan {
    #[ts(type = "number")]
    pub id: i64,
    pub period: String,
    pub target: Target,
    pub derivation: PlanDerivation,
    pub niche_benchmark: Option<String>,
    /// Per person and stage.
    pub lines: Vec<PlanLine>,
    /// Per person, all stages together (`stage` is null).
    pub per_person: Vec<PlanLine>,
    pub approved_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Who holds a role: its holders, else the owner, else nobody (one line
/// with no person).
fn holders(people: &[Person], role: Role) -> Vec<(Option<i64>, Option<String>)> {
    let with_role: Vec<_> = people.iter().filter(|p| p.roles.contains(&role)).map(|p| (Some(p.id), Some(p.name.clone()))).collect();
    if !with_role.is_empty() {
        return with_role;
    }
    let owners: Vec<_> = people.iter().filter(|p| p.is_owner).take(1).map(|p| (Some(p.id), Some(p.name.clone()))).collect();
    if owners.is_empty() { vec![(None, None)] } else { owners }
}

/// `n` split over `k` shares as evenly as whole numbers allow (the first
/// shares take the remainder): 10 over 3 = 4, 3, 3.
fn share(n: i64, k: usize, i: usize) -> i64 {
    let k = k.max(1) as i64;
    n / k + i64::from((i as i64) < n % k)
}

/// The plan split per stage over the people holding each stage's role.
pub fn split_plan(d: &PlanDerivation, people: &[Person]) -> Vec<PlanLine> {
    let margin = d.inputs.margin;
    let profit = |t: i64| (t as f64 * margin).round() as i64;
    let mut out = Vec::new();
    for (stage, role) in [(Stage::LeadGeneration, Role::Hunter), (Stage::FirstDeal, Role::Closer), (Stage::AccountDevelopment, Role::AccountManager)] {
        let hs = holders(people, role);
        for (i, (person_id, person_name)) in hs.iter().cloned().enumerate() {
            let k = hs.len();
            let mut l = PlanLine { person_id, person_name, stage: Some(stage), ..Default::default() };
            match stage {
                Stage::LeadGeneration => {
                    l.calls = share(d.calls, k, i);
                    l.leads = share(d.leads, k, i);
                    l.qualified_leads = share(d.qualified_leads, k, i);
                }
                Stage::FirstDeal => {
                    l.offers = share(d.offers, k, i);
                    l.first_deals = share(d.first_deals, k, i);
                    l.turnover_minor = share(d.new_turnover_minor, k, i);
                    l.profit_minor = profit(l.turnover_minor);
                }
                Stage::AccountDevelopment => {
                    l.repeat_orders = share(d.repeat_orders, k, i);
                    l.turnover_minor = share(d.inputs.repeat_turnover_minor, k, i);
                    l.profit_minor = profit(l.turnover_minor);
                }
            }
            out.push(l);
        }
    }
    out
}

fn per_person(lines: &[PlanLine]) -> Vec<PlanLine> {
    let mut out: Vec<PlanLine> = Vec::new();
    for l in lines {
        match out.iter_mut().find(|p| p.person_id == l.person_id) {
            Some(p) => p.add(l),
            None => out.push(PlanLine { stage: None, ..l.clone() }),
        }
    }
    out
}

fn target_of(kind: &str, minor: i64) -> Target {
    if kind == "profit" { Target::Profit(minor) } else { Target::Turnover(minor) }
}

fn saved(c: &rusqlite::Connection, row: plans::PlanRow) -> Result<SavedPlan> {
    let derivation: PlanDerivation = serde_json::from_str(&row.derivation)
        .map_err(|e| Error::new(ErrorCode::InvalidFile, format!("The saved plan for {} cannot be read ({e}). Save the plan again.", row.period)))?;
    let lines = plans::lines(c, row.id)?;
    Ok(SavedPlan {
        id: row.id,
        target: target_of(&row.target_kind, row.target_minor),
        period: row.period,
        derivation,
        niche_benchmark: row.niche_benchmark,
        per_person: per_person(&lines),
        lines,
        approved_at: row.approved_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// Derives the plan for a period from its target and saves it with its
/// split per person and stage (replacing an earlier plan of that period).
/// The niche benchmark defaults to the one in the planning defaults.
pub fn save_plan(s: &mut Store, clock: &dyn Clock, r: &DeriveRequest, niche_benchmark: Option<&str>) -> Result<SavedPlan> {
    let h = measure(s, clock)?;
    let d = derive_from(&h, r)?;
    let niche = match niche_benchmark.map(str::trim) {
        Some(t) if t.chars().count() > 2000 => return Err(Error::validation("niche_benchmark", "Keep the niche benchmark under 2,000 characters.")),
        Some("") => None,
        Some(t) => Some(t.to_string()),
        None => h.params.niche_benchmark.clone(),
    };
    let period = Period::parse("period", &r.period)?;
    let code = period.code();
    let (kind, minor) = match r.target {
        Target::Turnover(t) => ("turnover", t),
        Target::Profit(p) => ("profit", p),
    };
    let json = serde_json::to_string(&d).map_err(|e| Error::internal(e.to_string()))?;
    let now = stamp(clock.now());
    s.write(|tx| {
        let lines = split_plan(&d, &people::list(tx)?);
        plans::upsert(tx, &now, &code, period.start, period.end, kind, minor, r.conversion_uplift, r.deal_size_uplift, niche.as_deref(), &json, &lines)?;
        Ok(())
    })?;
    get_plan(s, &code)?.ok_or_else(|| Error::internal("the plan just saved is missing"))
}

/// The saved plan of a period (`2027-01`, `2027-Q1`, `2027`), if any.
pub fn get_plan(s: &Store, period: &str) -> Result<Option<SavedPlan>> {
    let code = Period::parse("period", period)?.code();
    plans::by_period(s.conn(), &code)?.map(|row| saved(s.conn(), row)).transpose()
}

/// Every saved plan, the latest period first.
pub fn list_plans(s: &Store) -> Result<Vec<SavedPlan>> {
    plans::list(s.conn())?.into_iter().map(|row| saved(s.conn(), row)).collect()
}

/// Approves the saved plan of a period (the monthly review's last step).
pub fn approve_plan(s: &mut Store, clock: &dyn Clock, period: &str) -> Result<SavedPlan> {
    let code = Period::parse("period", period)?.code();
    let now = stamp(clock.now());
    if !s.write(|tx| plans::approve(tx, &code, &now))? {
        return Err(Error::new(ErrorCode::NotFound, format!("There is no plan for {code} yet. Set its target first, then approve it.")));
    }
    get_plan(s, &code)?.ok_or_else(|| Error::internal("the plan just approved is missing"))
}

/// One leading or result measure against the pace the plan needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    /// `calls`, `meetings`, `leads`, `qualified_leads`, `offers`, `first_deals`, `repeat_orders`, `turnover`, `profit`.
    pub key: String,
    #[ts(type = "number")]
    pub planned: i64,
    #[ts(type = "number")]
    pub fact: i64,
    /// What the plan needs by now at an even pace over the working days.
    pub expected_by_now: f64,
    /// fact ÷ expected by now (null before the period starts).
    pub pace: Option<f64>,
    /// What each remaining working day now needs to reach the plan.
    pub needed_per_day: f64,
    /// Behind when below 90 % of the pace.
    pub behind: bool,
    /// How the screens grade the pace: at or above it, within the tolerance, or behind.
    pub level: Level,
}

/// A figure graded once, here, for every screen that colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing to grade yet.
    None,
    Ok,
    Warning,
    Danger,
}

/// Pace against the plan to date: at or above it ok; within [`PACE_TOLERANCE`] a warning; below, behind.
pub fn pace_level(pace: Option<f64>) -> Level {
    match pace {
        None => Level::None,
        Some(p) if p >= 1.0 => Level::Ok,
        Some(p) if p >= PACE_TOLERANCE => Level::Warning,
        Some(_) => Level::Danger,
    }
}

/// Below this share of the remaining target the weighted pipeline is low (danger); up to 1, thin.
pub const COVERAGE_THIN: f64 = 0.5;

/// Weighted pipeline ÷ remaining target: covered at 1, thin from [`COVERAGE_THIN`], low below.
pub fn coverage_level(coverage: Option<f64>) -> Level {
    match coverage {
        None => Level::None,
        Some(c) if c >= 1.0 => Level::Ok,
        Some(c) if c >= COVERAGE_THIN => Level::Warning,
        Some(_) => Level::Danger,
    }
}

/// A plan-at-risk signal; the UI words it by `code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Signal {
    /// `no_plan`, `forecast_below_target`, `coverage_low`, `target_missed`,
    /// or `<indicator>_behind_pace` (e.g. `calls_behind_pace`).
    pub code: String,
    /// `danger` (the plan will be missed as things stand) or `warning`.
    pub severity: String,
    /// The measured number and what it is compared with (per code).
    pub value: f64,
    pub needed: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Pipeline {
    /// Open deals with a value expected to close in the period.
    #[ts(type = "number")]
    pub deals: i64,
    #[ts(type = "number")]
    pub value_minor: i64,
    /// Value × step probability.
    #[ts(type = "number")]
    pub weighted_minor: i64,
}

/// Plan vs fact for a period and a person (or everybody), live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanStatus {
    pub period: String,
    pub period_start: NaiveDate,
    /// The last day of the period.
    pub period_last: NaiveDate,
    pub today: NaiveDate,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub currency: String,
    /// The person's (or everybody's) planned totals; null without a saved plan.
    pub plan: Option<PlanLine>,
    pub plan_approved: bool,
    pub fact: Fact,
    pub days: u32,
    /// Whole days passed (today not counted until it is over).
    pub days_elapsed: u32,
    pub working_days: u32,
    pub working_days_elapsed: u32,
    /// Turnover at the current pace by the period's end (null before any day passed).
    #[ts(type = "number | null")]
    pub forecast_turnover_minor: Option<i64>,
    #[ts(type = "number | null")]
    pub forecast_profit_minor: Option<i64>,
    /// Planned turnover not yet made.
    #[ts(type = "number")]
    pub remaining_minor: i64,
    pub pipeline: Pipeline,
    /// Weighted pipeline ÷ remaining target (null when nothing remains).
    pub coverage: Option<f64>,
    /// The coverage graded ([`coverage_level`]).
    pub coverage_level: Level,
    pub indicators: Vec<Indicator>,
    pub signals: Vec<Signal>,
}

/// Below this share of the needed pace a measure is behind.
pub const PACE_TOLERANCE: f64 = 0.9;

/// Plan vs fact for a period (`2027-01`…) and one person or everybody.
pub fn plan_status(s: &Store, clock: &dyn Clock, period: &str, person_id: Option<i64>) -> Result<PlanStatus> {
    let c = s.conn();
    let p = Period::parse("period", period)?;
    if let Some(id) = person_id
        && !people::exists(c, id)?
    {
        return Err(Error::validation("person_id", format!("Person #{id} does not exist. Pick someone from the people list.")));
    }
    let today = clock.today();
    let params = plans::params(c)?;
    let saved = plans::by_period(c, &p.code())?;
    let plan_line = match &saved {
        Some(row) => {
            let lines = plans::lines(c, row.id)?;
            let mut total = PlanLine { person_id, ..Default::default() };
            for l in lines.iter().filter(|l| person_id.is_none() || l.person_id == person_id) {
                total.add(l);
            }
            total.person_name = person_id.and_then(|id| lines.iter().find(|l| l.person_id == Some(id)).and_then(|l| l.person_name.clone()));
            Some(total)
        }
        None => None,
    };
    let cycle_days = match saved.as_ref().and_then(|r| serde_json::from_str::<PlanDerivation>(&r.derivation).ok()) {
        Some(d) => d.inputs.cycle_days,
        None => match tq::average_cycle_days(c)? {
            Some(d) if d >= 1.0 => d.round() as u32,
            _ => params.cycle_days,
        },
    };
    let fact = plans::fact(c, p.start, p.end, person_id)?;
    let days = p.days() as u32;
    let passed_to = today.clamp(p.start, p.end);
    let days_elapsed = (passed_to - p.start).num_days() as u32;
    let wd = params.working_days_per_week;
    let working_days = plan::working_days_between(p.start, p.end, wd);
    let working_days_elapsed = plan::working_days_between(p.start, passed_to, wd);
    let at_pace = |x: i64| if days_elapsed == 0 { None } else { Some((x as f64 * days as f64 / days_elapsed as f64).round() as i64) };
    let (forecast_turnover_minor, forecast_profit_minor) = (at_pace(fact.turnover_minor), at_pace(fact.profit_minor));
    let target = plan_line.as_ref().map_or(0, |l| l.turnover_minor);
    let remaining_minor = (target - fact.turnover_minor).max(0);
    let (n, value, weighted) = if today < p.end { plans::weighted_pipeline(c, p.end, cycle_days, person_id)? } else { (0, 0, 0) };
    let coverage = if remaining_minor > 0 { Some(weighted as f64 / remaining_minor as f64) } else { None };

    let mut indicators = Vec::new();
    let mut signals = Vec::new();
    if let Some(l) = &plan_line {
        let share = if working_days == 0 { 1.0 } else { working_days_elapsed as f64 / working_days as f64 };
        let left_days = working_days.saturating_sub(working_days_elapsed);
        for (key, planned, done) in [
            ("calls", l.calls, fact.calls),
            ("meetings", l.qualified_leads, fact.meetings),
            ("leads", l.leads, fact.leads),
            ("qualified_leads", l.qualified_leads, fact.qualified_leads),
            ("offers", l.offers, fact.offers),
            ("first_deals", l.first_deals, fact.first_deals),
            ("repeat_orders", l.repeat_orders, fact.repeat_orders),
            ("turnover", l.turnover_minor, fact.turnover_minor),
            ("profit", l.profit_minor, fact.profit_minor),
        ] {
            let expected = planned as f64 * share;
            let pace = if working_days_elapsed == 0 {
                None
            } else if expected > 0.0 {
                Some(done as f64 / expected)
            } else {
                Some(1.0)
            };
            let needed_per_day = if left_days == 0 { 0.0 } else { ((planned - done).max(0) as f64 / left_days as f64 * 10.0).round() / 10.0 };
            let behind = planned > 0 && expected >= 1.0 && (done as f64) < expected * PACE_TOLERANCE;
            if behind && matches!(key, "calls" | "meetings" | "leads" | "offers") {
                signals.push(Signal { code: format!("{key}_behind_pace"), severity: "warning".into(), value: done as f64, needed: expected.round() });
            }
            indicators.push(Indicator {
                key: key.into(),
                planned,
                fact: done,
                expected_by_now: (expected * 10.0).round() / 10.0,
                pace,
                needed_per_day,
                behind,
                level: pace_level(pace),
            });
        }
        if today >= p.end {
            if fact.turnover_minor < target {
                signals.insert(0, Signal { code: "target_missed".into(), severity: "danger".into(), value: fact.turnover_minor as f64, needed: target as f64 });
            }
        } else {
            if let Some(f) = forecast_turnover_minor.filter(|f| *f < target) {
                signals.insert(0, Signal { code: "forecast_below_target".into(), severity: "danger".into(), value: f as f64, needed: target as f64 });
            }
            if let Some(cv) = coverage.filter(|cv| *cv < 1.0) {
                signals.push(Signal {
                    code: "coverage_low".into(),
                    severity: if cv < COVERAGE_THIN { "danger" } else { "warning" }.into(),
                    value: (cv * 100.0).round() / 100.0,
                    needed: 1.0,
                });
            }
        }
    } else {
        signals.push(Signal { code: "no_plan".into(), severity: "warning".into(), value: 0.0, needed: 0.0 });
    }
    Ok(PlanStatus {
        period: p.code(),
        period_start: p.start,
        period_last: p.end - Duration::days(1),
        today,
        person_id,
        currency: meta::currency(c)?,
        plan_approved: saved.as_ref().is_some_and(|r| r.approved_at.is_some()),
        plan: plan_line,
        fact,
        days,
        days_elapsed,
        working_days,
        working_days_elapsed,
        forecast_turnover_minor,
        forecast_profit_minor,
        remaining_minor,
        pipeline: Pipeline { deals: n, value_minor: value, weighted_minor: weighted },
        coverage: coverage.map(|c| (c * 1000.0).round() / 1000.0),
        coverage_level: coverage_level(coverage),
        indicators,
        signals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_and_pace_are_graded_once_here() {
        assert_eq!([None, Some(1.2), Some(1.0), Some(0.7), Some(0.5), Some(0.3)].map(coverage_level), {
            use Level::*;
            [None, Ok, Ok, Warning, Warning, Danger]
        });
        assert_eq!([None, Some(1.0), Some(0.95), Some(0.9), Some(0.5)].map(pace_level), {
            use Level::*;
            [None, Ok, Warning, Warning, Danger]
        });
    }
    use crate::store::testing::{clock, store};

    fn req(target: Target) -> DeriveRequest {
        DeriveRequest { period: "2027-01".into(), target, conversion_uplift: 0.0, deal_size_uplift: 0.0, rates: vec![] }
    }

    #[test]
    fn an_empty_workspace_plans_on_stated_defaults() {
        let s = store();
        let p = derive(&s, &clock(), &req(Target::Turnover(1_000_000))).unwrap();
        assert!(p.inputs.rates.iter().all(|r| !r.measured));
        assert!(!p.inputs.margin_measured && !p.inputs.avg_first_deal_measured);
        assert_eq!(p.inputs.repeat_turnover_minor, 0);
        assert_eq!(p.first_deals, 10); // 10,000.00 of 1,000.00 deals
        assert_eq!(p.offers, 29);
    }

    #[test]
    fn the_demo_measures_its_rates_and_a_profit_target_goes_through_the_margin() {
        let mut s = store();
        crate::demo::generate(&mut s, &clock(), &crate::demo::DemoSpec::default()).unwrap();
        let p = derive(&s, &clock(), &req(Target::Profit(2_000_000))).unwrap();
        assert!(p.inputs.margin_measured && p.inputs.margin > 0.15 && p.inputs.margin < 0.35, "{}", p.inputs.margin);
        assert_eq!(p.inputs.target_turnover_minor, (2_000_000_f64 / p.inputs.margin).ceil() as i64);
        assert!(p.inputs.avg_first_deal_measured);
        assert!(p.inputs.repeat_turnover_minor > 0, "clients keep ordering");
        let offer = p.inputs.rates.iter().find(|r| r.key == "offer_to_won").unwrap();
        assert!(offer.measured && offer.sample >= MIN_SAMPLE);
        assert!(p.inputs.cycle_measured);
        // A hand-set rate wins over the measured one, and is marked as not measured.
        let mut r = req(Target::Turnover(100_000_000));
        r.rates = vec![Rate { key: "offer_to_won".into(), value: 0.5, measured: true, sample: 99 }];
        let p2 = derive(&s, &clock(), &r).unwrap();
        let offer = p2.inputs.rates.iter().find(|r| r.key == "offer_to_won").unwrap();
        assert_eq!((offer.value, offer.measured), (0.5, false));
    }

    #[test]
    fn bad_requests_name_their_field() {
        let s = store();
        assert_eq!(derive(&s, &clock(), &DeriveRequest { period: "2027-13".into(), ..req(Target::Turnover(1)) }).unwrap_err().field.as_deref(), Some("period"));
        assert_eq!(derive(&s, &clock(), &req(Target::Turnover(0))).unwrap_err().field.as_deref(), Some("target"));
        let mut r = req(Target::Turnover(1_000));
        r.rates = vec![Rate { key: "magic".into(), value: 0.5, measured: false, sample: 0 }];
        assert_eq!(derive(&s, &clock(), &r).unwrap_err().field.as_deref(), Some("rates.magic"));
        assert_eq!(
            derive(&s, &clock(), &DeriveRequest { conversion_uplift: 9.0, ..req(Target::Turnover(1)) }).unwrap_err().field.as_deref(),
            Some("conversion_uplift")
        );
    }
}

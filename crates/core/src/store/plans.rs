//! Plans: the planning defaults, saved plans with their split per person and
//! stage, and the fact of a period (what plan vs fact compares with).

use crate::error::{Error, Result};
use crate::model::Stage;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, named_params, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The numbers a plan starts from where the history is too thin to measure
/// them, and the thresholds of the client analytics. Editable by the user and
/// set by templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanParams {
    /// Default conversion rates, 0..1.
    pub call_to_lead: f64,
    pub lead_to_qualified: f64,
    pub qualified_to_offer: f64,
    pub offer_to_won: f64,
    #[ts(type = "number")]
    pub avg_first_deal_minor: i64,
    /// The usual repeat order of a client.
    #[ts(type = "number")]
    pub repeat_order_minor: i64,
    /// Repeat orders a client places per month.
    pub repeat_orders_per_month: f64,
    /// Gross margin share of turnover, 0..1.
    pub margin: f64,
    pub cycle_days: u32,
    pub working_days_per_week: u32,
    pub minutes_per_call: u32,
    /// ABC thresholds in per cent of turnover: A, then B; C is the rest.
    pub abc_a_pct: u32,
    pub abc_b_pct: u32,
    /// Warn when one client makes more than this share of turnover.
    pub concentration_pct: u32,
    /// The middle of the niche, in the user's words.
    pub niche_benchmark: Option<String>,
}

impl Default for PlanParams {
    fn default() -> Self {
        PlanParams {
            call_to_lead: 0.10,
            lead_to_qualified: 0.30,
            qualified_to_offer: 0.60,
            offer_to_won: 0.35,
            avg_first_deal_minor: 100_000,
            repeat_order_minor: 50_000,
            repeat_orders_per_month: 1.0,
            margin: 0.25,
            cycle_days: 30,
            working_days_per_week: 5,
            minutes_per_call: 6,
            abc_a_pct: 80,
            abc_b_pct: 15,
            concentration_pct: 20,
            niche_benchmark: None,
        }
    }
}

impl PlanParams {
    /// The default rate of a funnel step by its key.
    pub fn rate(&self, key: &str) -> f64 {
        match key {
            "call_to_lead" => self.call_to_lead,
            "lead_to_qualified" => self.lead_to_qualified,
            "qualified_to_offer" => self.qualified_to_offer,
            "offer_to_won" => self.offer_to_won,
            _ => 0.0,
        }
    }

    /// Checks every field, naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        for (f, v) in [
            ("call_to_lead", self.call_to_lead),
            ("lead_to_qualified", self.lead_to_qualified),
            ("qualified_to_offer", self.qualified_to_offer),
            ("offer_to_won", self.offer_to_won),
            ("margin", self.margin),
        ] {
            if !(v > 0.0 && v <= 1.0) {
                return Err(Error::validation(&format!("plan_params.{f}"), format!("{f} must be above 0 % and at most 100 % (got {:.1} %).", v * 100.0)));
            }
        }
        if self.avg_first_deal_minor <= 0 {
            return Err(Error::validation("plan_params.avg_first_deal_minor", "The average first deal must be above zero."));
        }
        if self.repeat_order_minor < 0 {
            return Err(Error::validation("plan_params.repeat_order_minor", "The repeat order cannot be negative."));
        }
        if !(0.0..=100.0).contains(&self.repeat_orders_per_month) {
            return Err(Error::validation("plan_params.repeat_orders_per_month", "Repeat orders per month are between 0 and 100."));
        }
        if !(1..=730).contains(&self.cycle_days) {
            return Err(Error::validation("plan_params.cycle_days", "The sales cycle is between 1 and 730 days."));
        }
        if !(1..=7).contains(&self.working_days_per_week) {
            return Err(Error::validation("plan_params.working_days_per_week", "Working days per week are between 1 and 7."));
        }
        if !(1..=120).contains(&self.minutes_per_call) {
            return Err(Error::validation("plan_params.minutes_per_call", "A call takes between 1 and 120 minutes."));
        }
        if !(1..=99).contains(&self.abc_a_pct) || self.abc_a_pct + self.abc_b_pct >= 100 {
            return Err(Error::validation("plan_params.abc_a_pct", "A and B together must stay below 100 % so that C keeps a share (e.g. 80 / 15 / 5)."));
        }
        if !(1..=100).contains(&self.concentration_pct) {
            return Err(Error::validation("plan_params.concentration_pct", "The concentration threshold is between 1 and 100 %."));
        }
        if self.niche_benchmark.as_deref().is_some_and(|t| t.chars().count() > 2000) {
            return Err(Error::validation("plan_params.niche_benchmark", "Keep the niche benchmark under 2,000 characters."));
        }
        Ok(())
    }
}

pub fn params(c: &Connection) -> Result<PlanParams> {
    Ok(c.prepare_cached(
        "SELECT call_to_lead, lead_to_qualified, qualified_to_offer, offer_to_won, avg_first_deal_minor, repeat_order_minor,
                repeat_orders_per_month, margin, cycle_days, working_days_per_week, minutes_per_call, abc_a_pct, abc_b_pct,
                concentration_pct, niche_benchmark FROM plan_params WHERE id = 1",
    )?
    .query_row([], |r| {
        Ok(PlanParams {
            call_to_lead: r.get(0)?,
            lead_to_qualified: r.get(1)?,
            qualified_to_offer: r.get(2)?,
            offer_to_won: r.get(3)?,
            avg_first_deal_minor: r.get(4)?,
            repeat_order_minor: r.get(5)?,
            repeat_orders_per_month: r.get(6)?,
            margin: r.get(7)?,
            cycle_days: r.get(8)?,
            working_days_per_week: r.get(9)?,
            minutes_per_call: r.get(10)?,
            abc_a_pct: r.get(11)?,
            abc_b_pct: r.get(12)?,
            concentration_pct: r.get(13)?,
            niche_benchmark: r.get(14)?,
        })
    })
    .optional()?
    .unwrap_or_default())
}

/// Replaces the planning defaults (validated by the caller).
pub fn set_params(c: &Connection, p: &PlanParams, now: &str) -> Result<()> {
    c.execute(
        "INSERT OR REPLACE INTO plan_params VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            p.call_to_lead,
            p.lead_to_qualified,
            p.qualified_to_offer,
            p.offer_to_won,
            p.avg_first_deal_minor,
            p.repeat_order_minor,
            p.repeat_orders_per_month,
            p.margin,
            p.cycle_days,
            p.working_days_per_week,
            p.minutes_per_call,
            p.abc_a_pct,
            p.abc_b_pct,
            p.concentration_pct,
            p.niche_benchmark,
            now
        ],
    )?;
    Ok(())
}

/// One line of a plan: what one person (or nobody yet) owes in one stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanLine {
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub stage: Option<Stage>,
    #[ts(type = "number")]
    pub calls: i64,
    #[ts(type = "number")]
    pub leads: i64,
    #[ts(type = "number")]
    pub qualified_leads: i64,
    #[ts(type = "number")]
    pub offers: i64,
    #[ts(type = "number")]
    pub first_deals: i64,
    #[ts(type = "number")]
    pub repeat_orders: i64,
    #[ts(type = "number")]
    pub turnover_minor: i64,
    #[ts(type = "number")]
    pub profit_minor: i64,
}

impl PlanLine {
    pub fn add(&mut self, o: &PlanLine) {
        self.calls += o.calls;
        self.leads += o.leads;
        self.qualified_leads += o.qualified_leads;
        self.offers += o.offers;
        self.first_deals += o.first_deals;
        self.repeat_orders += o.repeat_orders;
        self.turnover_minor += o.turnover_minor;
        self.profit_minor += o.profit_minor;
    }
}

/// A stored plan's header.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub id: i64,
    pub period: String,
    pub target_kind: String,
    pub target_minor: i64,
    pub conversion_uplift: f64,
    pub deal_size_uplift: f64,
    pub niche_benchmark: Option<String>,
    pub derivation: String,
    pub approved_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Saves the plan of a period, replacing an earlier one of the same period
/// (its approval is dropped: a changed plan needs approving again).
#[allow(clippy::too_many_arguments)]
pub fn upsert(
    c: &Connection,
    now: &str,
    period: &str,
    start: NaiveDate,
    end: NaiveDate,
    target_kind: &str,
    target_minor: i64,
    conversion_uplift: f64,
    deal_size_uplift: f64,
    niche: Option<&str>,
    derivation: &str,
    lines: &[PlanLine],
) -> Result<i64> {
    let existing: Option<i64> = c.query_row("SELECT id FROM plans WHERE period = ?1", [period], |r| r.get(0)).optional()?;
    let id = match existing {
        Some(id) => {
            c.execute(
                "UPDATE plans SET target_kind = ?2, target_minor = ?3, conversion_uplift = ?4, deal_size_uplift = ?5,
                   niche_benchmark = ?6, derivation = ?7, approved_at = NULL, updated_at = ?8 WHERE id = ?1",
                params![id, target_kind, target_minor, conversion_uplift, deal_size_uplift, niche, derivation, now],
            )?;
            c.execute("DELETE FROM plan_lines WHERE plan_id = ?1", [id])?;
            id
        }
        None => {
            c.execute(
                "INSERT INTO plans (period, period_start, period_end, target_kind, target_minor, conversion_uplift, deal_size_uplift,
                   niche_benchmark, derivation, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![period, start, end, target_kind, target_minor, conversion_uplift, deal_size_uplift, niche, derivation, now],
            )?;
            c.last_insert_rowid()
        }
    };
    let mut st = c.prepare_cached(
        "INSERT INTO plan_lines (plan_id, person_id, stage, calls, leads, qualified_leads, offers, first_deals, repeat_orders, turnover_minor, profit_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for l in lines {
        st.execute(params![
            id,
            l.person_id,
            l.stage,
            l.calls,
            l.leads,
            l.qualified_leads,
            l.offers,
            l.first_deals,
            l.repeat_orders,
            l.turnover_minor,
            l.profit_minor
        ])?;
    }
    Ok(id)
}

const PLAN_COLS: &str =
    "id, period, target_kind, target_minor, conversion_uplift, deal_size_uplift, niche_benchmark, derivation, approved_at, created_at, updated_at";

fn plan_row(r: &rusqlite::Row) -> rusqlite::Result<PlanRow> {
    Ok(PlanRow {
        id: r.get(0)?,
        period: r.get(1)?,
        target_kind: r.get(2)?,
        target_minor: r.get(3)?,
        conversion_uplift: r.get(4)?,
        deal_size_uplift: r.get(5)?,
        niche_benchmark: r.get(6)?,
        derivation: r.get(7)?,
        approved_at: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

pub fn by_period(c: &Connection, period: &str) -> Result<Option<PlanRow>> {
    Ok(c.prepare_cached(&format!("SELECT {PLAN_COLS} FROM plans WHERE period = ?1"))?.query_row([period], plan_row).optional()?)
}

/// Every saved plan, the latest period first.
pub fn list(c: &Connection) -> Result<Vec<PlanRow>> {
    let v = c
        .prepare_cached(&format!("SELECT {PLAN_COLS} FROM plans ORDER BY period_start DESC, period_end DESC"))?
        .query_map([], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn lines(c: &Connection, plan_id: i64) -> Result<Vec<PlanLine>> {
    let v = c
        .prepare_cached(
            "SELECT l.person_id, p.name, l.stage, l.calls, l.leads, l.qualified_leads, l.offers, l.first_deals, l.repeat_orders,
                    l.turnover_minor, l.profit_minor
             FROM plan_lines l LEFT JOIN people p ON p.id = l.person_id WHERE l.plan_id = ?1
             ORDER BY CASE l.stage WHEN 'lead_generation' THEN 1 WHEN 'first_deal' THEN 2 ELSE 3 END, p.name",
        )?
        .query_map([plan_id], |r| {
            Ok(PlanLine {
                person_id: r.get(0)?,
                person_name: r.get(1)?,
                stage: r.get(2)?,
                calls: r.get(3)?,
                leads: r.get(4)?,
                qualified_leads: r.get(5)?,
                offers: r.get(6)?,
                first_deals: r.get(7)?,
                repeat_orders: r.get(8)?,
                turnover_minor: r.get(9)?,
                profit_minor: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn approve(c: &Connection, period: &str, now: &str) -> Result<bool> {
    Ok(c.execute("UPDATE plans SET approved_at = ?2 WHERE period = ?1", params![period, now])? > 0)
}

/// What happened in a period, for one person or everybody.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Fact {
    #[ts(type = "number")]
    pub calls: i64,
    #[ts(type = "number")]
    pub meetings: i64,
    /// New deals opened in stages 1–2.
    #[ts(type = "number")]
    pub leads: i64,
    /// Leads handed to stage 2 (or opened straight in stage 2).
    #[ts(type = "number")]
    pub qualified_leads: i64,
    /// Stage-2 deals that entered the offer step or a later one.
    #[ts(type = "number")]
    pub offers: i64,
    /// First deals won.
    #[ts(type = "number")]
    pub first_deals: i64,
    /// Orders not tied to a first deal.
    #[ts(type = "number")]
    pub repeat_orders: i64,
    #[ts(type = "number")]
    pub orders: i64,
    #[ts(type = "number")]
    pub turnover_minor: i64,
    #[ts(type = "number")]
    pub profit_minor: i64,
    #[ts(type = "number")]
    pub repeat_turnover_minor: i64,
}

/// The fact between `from` (inclusive) and `to` (exclusive) days. Orders
/// count for the client company's owner; deals for their owner; hand-offs
/// for the person who handed the lead on.
pub fn fact(c: &Connection, from: NaiveDate, to: NaiveDate, owner: Option<i64>) -> Result<Fact> {
    let mut f = fact_besides_deals(c, from, to, owner)?;
    deal_counts(c, from, to, owner)?.add_to(&mut f);
    Ok(f)
}

/// The deal counts of a period's fact. Analytics counts them for every
/// month of its range from one pass over the deals, by the same rules
/// (`usecases::analytics`; a test holds the two equal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealCounts {
    /// Deals opened in stages 1–2.
    pub leads: i64,
    /// Of those, opened straight in stage 2 (not handed over from stage 1).
    pub direct: i64,
    /// Stage-2 deals that entered the offer step or a later one.
    pub offers: i64,
    /// First deals won.
    pub first_deals: i64,
}

impl DealCounts {
    /// Puts the counts into a fact from [`fact_besides_deals`].
    pub fn add_to(self, f: &mut Fact) {
        f.leads = self.leads;
        f.qualified_leads += self.direct;
        f.offers = self.offers;
        f.first_deals = self.first_deals;
    }
}

fn deal_counts(c: &Connection, from: NaiveDate, to: NaiveDate, owner: Option<i64>) -> Result<DealCounts> {
    let args = named_params! {":from": from, ":to": to, ":owner": owner};
    let one = |sql: &str| -> Result<i64> { Ok(c.prepare_cached(sql)?.query_row(args, |r| r.get(0))?) };
    let (leads, direct): (i64, i64) = c
        .prepare_cached(
            "SELECT count(*), coalesce(sum(s.stage = 'first_deal'
                    AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.deal_id = d.id AND h.from_stage = 'lead_generation')), 0)
             FROM deals d INDEXED BY deals_by_created JOIN steps s ON s.id = d.step_id
             WHERE d.created_at >= :from AND d.created_at < :to AND d.archived_at IS NULL AND s.stage <> 'account_development'
               AND (:owner IS NULL OR d.owner_id = :owner)",
        )?
        .query_row(args, |r| Ok((r.get(0)?, r.get(1)?)))?;
    // The month's deals by date, never every deal of a step: an imported
    // history puts tens of thousands of deals in a handful of steps.
    let offers = one("SELECT count(*) FROM deals d INDEXED BY deals_by_step_entered JOIN steps s ON s.id = d.step_id
         WHERE s.stage = 'first_deal' AND s.position >= 2 AND d.step_entered_on >= :from AND d.step_entered_on < :to
           AND d.archived_at IS NULL AND (:owner IS NULL OR d.owner_id = :owner)")?;
    let first_deals = one("SELECT count(*) FROM deals d INDEXED BY deals_won JOIN steps s ON s.id = d.step_id
         WHERE d.status = 'won' AND d.archived_at IS NULL AND s.stage = 'first_deal' AND d.closed_on >= :from AND d.closed_on < :to
           AND (:owner IS NULL OR d.owner_id = :owner)")?;
    Ok(DealCounts { leads, direct, offers, first_deals })
}

/// A period's fact without its deal counts (zero; `qualified_leads` holds
/// only the hand-offs): calls and meetings, hand-offs, orders.
pub fn fact_besides_deals(c: &Connection, from: NaiveDate, to: NaiveDate, owner: Option<i64>) -> Result<Fact> {
    let args = named_params! {":from": from, ":to": to, ":owner": owner};
    let one = |sql: &str| -> Result<i64> { Ok(c.prepare_cached(sql)?.query_row(args, |r| r.get(0))?) };
    let (calls, meetings): (i64, i64) = c
        .prepare_cached(
            "SELECT coalesce(sum(kind = 'call'), 0), coalesce(sum(kind = 'meeting'), 0) FROM activities
             WHERE kind IN ('call', 'meeting') AND done_at >= :from AND done_at < :to AND archived_at IS NULL
               AND (:owner IS NULL OR owner_id = :owner)",
        )?
        .query_row(args, |r| Ok((r.get(0)?, r.get(1)?)))?;
    let handed = one("SELECT count(*) FROM handoffs h WHERE h.from_stage = 'lead_generation' AND h.created_at >= :from AND h.created_at < :to
           AND (:owner IS NULL OR h.from_person_id = :owner)
           AND EXISTS (SELECT 1 FROM deals d WHERE d.id = h.deal_id AND d.archived_at IS NULL)")?;
    let (orders, turnover, profit, repeat_orders, repeat_turnover): (i64, i64, i64, i64, i64) = c
        .prepare_cached(
            "SELECT count(*), coalesce(sum(o.amount_minor), 0), coalesce(sum(o.margin_minor), 0),
                    coalesce(sum(NOT first), 0), coalesce(sum(CASE WHEN first THEN 0 ELSE o.amount_minor END), 0)
             FROM (SELECT o.amount_minor, o.margin_minor,
                          o.deal_id IS NOT NULL AND coalesce((SELECT s.stage = 'first_deal' FROM deals d JOIN steps s ON s.id = d.step_id WHERE d.id = o.deal_id), 0) AS first
                   FROM orders o
                   WHERE o.order_date >= :from AND o.order_date < :to AND o.archived_at IS NULL
                     AND (:owner IS NULL OR o.company_id IN (SELECT id FROM companies WHERE owner_id = :owner))) o",
        )?
        .query_row(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(Fact {
        calls,
        meetings,
        leads: 0,
        qualified_leads: handed,
        offers: 0,
        first_deals: 0,
        repeat_orders,
        orders,
        turnover_minor: turnover,
        profit_minor: profit,
        repeat_turnover_minor: repeat_turnover,
    })
}

/// Open deals with a value expected to close before `end`: opened at least
/// `cycle_days` before it. (count, value, value × step probability).
pub fn weighted_pipeline(c: &Connection, end: NaiveDate, cycle_days: u32, owner: Option<i64>) -> Result<(i64, i64, i64)> {
    // Opened before end − cycle (a stamp sorts after its own day, so "<" the cut-off day).
    let cutoff = end - chrono::Duration::days(i64::from(cycle_days));
    Ok(c.prepare_cached(
        "SELECT count(*), coalesce(sum(d.value_minor), 0), coalesce(sum(d.value_minor * s.probability_pct), 0) / 100
         FROM deals d JOIN steps s ON s.id = d.step_id
         WHERE d.status = 'open' AND d.archived_at IS NULL AND d.value_minor > 0
           AND (:owner IS NULL OR d.owner_id = :owner) AND d.created_at < :cutoff",
    )?
    .query_row(named_params! {":cutoff": cutoff, ":owner": owner}, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Average order value and orders per client per month since `from`:
/// (average order, orders, distinct companies).
pub fn order_rhythm(c: &Connection, from: NaiveDate) -> Result<(f64, i64, i64)> {
    Ok(c.prepare_cached(
        "SELECT coalesce(avg(amount_minor), 0), count(*), count(DISTINCT company_id) FROM orders INDEXED BY orders_live_by_date
         WHERE archived_at IS NULL AND order_date >= ?1",
    )?
    .query_row([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Live clients (companies with a first sale).
pub fn client_count(c: &Connection) -> Result<i64> {
    Ok(c.prepare_cached("SELECT count(*) FROM companies WHERE client_since IS NOT NULL AND archived_at IS NULL")?.query_row([], |r| r.get(0))?)
}

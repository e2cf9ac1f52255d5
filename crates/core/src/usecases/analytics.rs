//! Analytics (DESIGN.md §2 "Clients by value", §3 "Analytics"): the funnel
//! per step and stage, cycle length, win rate, close reasons, sources and
//! referrals, results month by month; ABC of clients over a rolling
//! 12 months, the migration matrix between two periods, and the
//! concentration warning. Every chart's numbers are in these types.

use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::model::{Abc, DealStatus, Source, Stage};
use crate::plan::Period;
use crate::store::analytics::{self as q, ClientTurnover};
use crate::store::plans::{self, Fact};
use crate::store::{Store, meta};
use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// One step of the funnel: how many deals opened in the range reached it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FunnelStep {
    #[ts(type = "number")]
    pub step_id: i64,
    pub stage: Stage,
    pub name: String,
    pub probability_pct: u8,
    /// Deals that reached this step (or went past it).
    #[ts(type = "number")]
    pub reached: i64,
    /// Deals still open here.
    #[ts(type = "number")]
    pub open: i64,
    /// reached(next step) ÷ reached(this); for a stage's last step, the
    /// share passed to the next stage (stage 1) or won (stage 2).
    pub conversion: Option<f64>,
}

/// One stage's conversion: entered → passed on (stage 1: handed to stage 2;
/// stage 2: won).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageConversion {
    pub stage: Stage,
    #[ts(type = "number")]
    pub entered: i64,
    #[ts(type = "number")]
    pub passed: i64,
    pub conversion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReasonCount {
    pub status: DealStatus,
    /// Empty when no reason was given.
    pub reason: String,
    #[ts(type = "number")]
    pub deals: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceStats {
    pub source: Source,
    /// Deals opened in the range from this source.
    #[ts(type = "number")]
    pub opened: i64,
    #[ts(type = "number")]
    pub won: i64,
    #[ts(type = "number")]
    pub closed: i64,
    /// won ÷ closed.
    pub conversion: Option<f64>,
    /// New clients won in the range from this source.
    #[ts(type = "number")]
    pub new_clients: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReferralShare {
    #[ts(type = "number")]
    pub new_clients: i64,
    #[ts(type = "number")]
    pub from_referrals: i64,
    /// from_referrals ÷ new_clients.
    pub share: Option<f64>,
    /// won ÷ closed for referred deals, and for all other sources.
    pub referral_conversion: Option<f64>,
    pub other_conversion: Option<f64>,
}

/// One month's results (the charts' time series).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthFacts {
    /// `2026-11`.
    pub month: String,
    pub fact: Fact,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Analytics {
    pub from: NaiveDate,
    /// Exclusive.
    pub to: NaiveDate,
    pub currency: String,
    pub funnel: Vec<FunnelStep>,
    pub stages: Vec<StageConversion>,
    #[ts(type = "number")]
    pub won: i64,
    #[ts(type = "number")]
    pub lost: i64,
    #[ts(type = "number")]
    pub disqualified: i64,
    /// won ÷ (won + lost) of first deals closed in the range.
    pub win_rate: Option<f64>,
    /// Average days from opening a deal to winning it.
    pub avg_cycle_days: Option<f64>,
    pub reasons: Vec<ReasonCount>,
    pub sources: Vec<SourceStats>,
    pub referrals: ReferralShare,
    pub months: Vec<MonthFacts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnalyticsRequest {
    /// First day; a year before `to` when empty.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); today when empty.
    pub to: Option<NaiveDate>,
    /// Narrows the month-by-month results to one person.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    if b > 0 { Some(((a as f64 / b as f64) * 1000.0).round() / 1000.0) } else { None }
}

fn range(clock: &dyn Clock, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or_else(|| clock.today()) + Duration::days(1);
    let from = from.unwrap_or_else(|| to - Duration::days(365));
    if from >= to {
        return Err(Error::validation("from", format!("The range starts ({from}) after it ends ({}). Swap the dates.", to - Duration::days(1))));
    }
    if (to - from).num_days() > 366 * 10 {
        return Err(Error::validation("from", "Pick a range of at most ten years."));
    }
    Ok((from, to))
}

/// The tables analytics reads (deals and their steps and hand-offs, orders,
/// companies, owners, calls and meetings, the plan's parameters, the currency).
const ANALYTICS_READS: &[&str] = &["deals", "steps", "handoffs", "orders", "companies", "people", "activities", "plan_params", "meta"];
/// The tables ABC and its migration read.
const ABC_READS: &[&str] = &["orders", "companies", "people", "plan_params", "meta"];

/// Analytics for a range; kept until a table it reads changes.
pub fn analytics(s: &Store, clock: &dyn Clock, r: &AnalyticsRequest) -> Result<Analytics> {
    let (from, to) = range(clock, r.from, r.to)?;
    let key = format!("analytics:{from}:{to}:{:?}", r.person_id);
    s.cached(&key, ANALYTICS_READS, || compute_analytics(s, from, to, r.person_id))
}

fn compute_analytics(s: &Store, from: NaiveDate, to: NaiveDate, person_id: Option<i64>) -> Result<Analytics> {
    let c = s.conn();
    let deals = q::deal_facts(c, from, to)?;
    let handed_over = q::handed_over(c)?;
    let within = |d: NaiveDate| d >= from && d < to;
    let in_stages_1_2 = |d: &&q::DealFact| d.stage != Stage::AccountDevelopment;
    let opened: Vec<&q::DealFact> = deals.iter().filter(in_stages_1_2).filter(|d| d.created_on.is_some_and(within)).collect();
    let closed: Vec<&q::DealFact> = deals.iter().filter(|d| d.status != DealStatus::Open && d.closed_on.is_some_and(within)).collect();

    // Steps of stages 1–2 in order, including those no deal reached.
    let steps: Vec<_> = crate::store::steps::list(c)?.into_iter().filter(|x| x.stage != Stage::AccountDevelopment).collect();
    let handed: i64 = opened.iter().filter(|d| d.stage == Stage::FirstDeal && handed_over.contains(&d.id)).count() as i64;
    let mut funnel = Vec::new();
    for st in &steps {
        let reached = opened.iter().filter(|d| d.stage == st.stage && d.position >= st.position).count() as i64
            + if st.stage == Stage::LeadGeneration { handed } else { 0 };
        let open = opened.iter().filter(|d| d.step_id == st.id && d.status == DealStatus::Open).count() as i64;
        funnel.push(FunnelStep {
            step_id: st.id,
            stage: st.stage,
            name: st.name.clone(),
            probability_pct: st.probability_pct,
            reached,
            open,
            conversion: None,
        });
    }
    let won_from_range = opened.iter().filter(|d| d.stage == Stage::FirstDeal && d.status == DealStatus::Won).count() as i64;
    for i in 0..funnel.len() {
        let next = match funnel.get(i + 1).filter(|n| n.stage == funnel[i].stage) {
            Some(n) => n.reached,
            None if funnel[i].stage == Stage::LeadGeneration => handed,
            None => won_from_range,
        };
        funnel[i].conversion = ratio(next, funnel[i].reached);
    }
    let entered = |stage: Stage| funnel.iter().find(|f| f.stage == stage).map_or(0, |f| f.reached);
    let stages = vec![
        StageConversion {
            stage: Stage::LeadGeneration,
            entered: entered(Stage::LeadGeneration),
            passed: handed,
            conversion: ratio(handed, entered(Stage::LeadGeneration)),
        },
        StageConversion {
            stage: Stage::FirstDeal,
            entered: entered(Stage::FirstDeal),
            passed: won_from_range,
            conversion: ratio(won_from_range, entered(Stage::FirstDeal)),
        },
    ];

    // Closed in the range: first deals won and lost, leads and deals disqualified, the cycle.
    let first_closed = |status: DealStatus| closed.iter().filter(move |d| d.stage == Stage::FirstDeal && d.status == status);
    let (won, lost) = (first_closed(DealStatus::Won).count() as i64, first_closed(DealStatus::Lost).count() as i64);
    let disqualified = closed.iter().filter(|d| d.stage != Stage::AccountDevelopment && d.status == DealStatus::Disqualified).count() as i64;
    let cycles: Vec<i64> = first_closed(DealStatus::Won).filter_map(|d| Some((d.closed_on? - d.created_on?).num_days())).collect();
    let cycle = (!cycles.is_empty()).then(|| cycles.iter().sum::<i64>() as f64 / cycles.len() as f64);

    // Lost and disqualified deals of every stage per reason (spaces trimmed as SQLite's trim does), the most frequent first.
    let mut by_reason: HashMap<(DealStatus, &str), i64> = HashMap::new();
    for d in closed.iter().filter(|d| matches!(d.status, DealStatus::Lost | DealStatus::Disqualified)) {
        *by_reason.entry((d.status, d.close_reason.as_deref().unwrap_or("").trim_matches(' '))).or_default() += 1;
    }
    let mut reasons: Vec<ReasonCount> =
        by_reason.into_iter().map(|((status, reason), deals)| ReasonCount { status, reason: reason.to_string(), deals }).collect();
    reasons.sort_by(|a, b| b.deals.cmp(&a.deals).then_with(|| a.reason.cmp(&b.reason)).then_with(|| a.status.code().cmp(b.status.code())));

    // New clients: companies (or lone deals) whose first deal was won in the range, per the deal's source.
    let mut new_clients_of: HashMap<Source, HashSet<i64>> = HashMap::new();
    for d in first_closed(DealStatus::Won) {
        new_clients_of.entry(d.source).or_default().insert(d.company_id.unwrap_or(-d.id));
    }
    let mut new_by_source: Vec<(Source, i64)> = new_clients_of.into_iter().map(|(s, set)| (s, set.len() as i64)).collect();
    new_by_source.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code())));

    // Deals of stages 1–2 opened in the range per source: opened, first deals won, closed.
    let mut per_source: HashMap<Source, (i64, i64, i64)> = HashMap::new();
    for d in &opened {
        let e = per_source.entry(d.source).or_default();
        e.0 += 1;
        e.1 += i64::from(d.status == DealStatus::Won && d.stage == Stage::FirstDeal);
        e.2 += i64::from(d.status != DealStatus::Open);
    }
    let mut by_source: Vec<(Source, (i64, i64, i64))> = per_source.into_iter().collect();
    by_source.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.code().cmp(b.0.code())));
    let mut sources: Vec<SourceStats> = by_source
        .into_iter()
        .map(|(source, (opened, won, closed))| SourceStats {
            source,
            opened,
            won,
            closed,
            conversion: ratio(won, closed),
            new_clients: new_by_source.iter().find(|(s, _)| *s == source).map_or(0, |x| x.1),
        })
        .collect();
    for (source, n) in &new_by_source {
        if !sources.iter().any(|x| x.source == *source) {
            sources.push(SourceStats { source: *source, opened: 0, won: 0, closed: 0, conversion: None, new_clients: *n });
        }
    }
    let new_clients: i64 = new_by_source.iter().map(|x| x.1).sum();
    let from_referrals = new_by_source.iter().filter(|x| x.0 == Source::Referral).map(|x| x.1).sum();
    let (rw, rc) = sources.iter().filter(|x| x.source == Source::Referral).fold((0, 0), |a, x| (a.0 + x.won, a.1 + x.closed));
    let (ow, oc) = sources.iter().filter(|x| x.source != Source::Referral).fold((0, 0), |a, x| (a.0 + x.won, a.1 + x.closed));

    // Month by month: the plan's fact, its deal counts taken from the same pass.
    let mut periods = Vec::new();
    let mut m = Period::month_of(from);
    while m.start < to {
        periods.push((m.start, m.start.max(from), m.end.min(to)));
        m = m.next();
    }
    let counts = month_deal_counts(&deals, &handed_over, &periods.iter().map(|p| p.1).chain([to]).collect::<Vec<_>>(), person_id);
    let mut months = Vec::new();
    for ((month, start, end), counts) in periods.into_iter().zip(counts) {
        let mut fact = plans::fact_besides_deals(c, start, end, person_id)?;
        counts.add_to(&mut fact);
        months.push(MonthFacts { month: month.format("%Y-%m").to_string(), fact });
    }
    Ok(Analytics {
        from,
        to,
        currency: meta::currency(c)?,
        funnel,
        stages,
        won,
        lost,
        disqualified,
        win_rate: ratio(won, won + lost),
        avg_cycle_days: cycle.map(|d| (d * 10.0).round() / 10.0),
        reasons,
        sources,
        referrals: ReferralShare {
            new_clients,
            from_referrals,
            share: ratio(from_referrals, new_clients),
            referral_conversion: ratio(rw, rc),
            other_conversion: ratio(ow, oc),
        },
        months,
    })
}

/// The deal counts of the plan's fact (`plans::DealCounts`, by the same
/// rules) for each period between consecutive `bounds`, counted from the
/// deals of the whole range in one pass.
fn month_deal_counts(deals: &[q::DealFact], handed_over: &HashSet<i64>, bounds: &[NaiveDate], owner: Option<i64>) -> Vec<plans::DealCounts> {
    let mut n = vec![plans::DealCounts::default(); bounds.len().saturating_sub(1)];
    // The period a day falls in.
    let period = |d: Option<NaiveDate>| {
        let d = d?;
        let i = bounds.partition_point(|b| *b <= d);
        (i > 0 && i < bounds.len()).then(|| i - 1)
    };
    for d in deals.iter().filter(|d| owner.is_none() || d.owner_id == owner) {
        if d.stage != Stage::AccountDevelopment
            && let Some(i) = period(d.created_on)
        {
            n[i].leads += 1;
            n[i].direct += i64::from(d.stage == Stage::FirstDeal && !handed_over.contains(&d.id));
        }
        if d.stage == Stage::FirstDeal
            && d.position >= 2
            && let Some(i) = period(d.step_entered_on)
        {
            n[i].offers += 1;
        }
        if d.stage == Stage::FirstDeal
            && d.status == DealStatus::Won
            && let Some(i) = period(d.closed_on)
        {
            n[i].first_deals += 1;
        }
    }
    n
}

// ---------------------------------------------------------------------------
// ABC, concentration, migration.

/// Classes for turnovers sorted from the biggest: a client is A while the
/// clients before it make less than `a_pct` % of the total, B while less
/// than `a_pct + b_pct` %, else C. (80/15/5 over 50, 30, 10, 6, 4: the
/// shares before each are 0, 50, 80, 90, 96 → A, A, B, B, C.) Clients with
/// no turnover are C; with no turnover at all everybody is C.
pub fn classify(sorted_desc: &[i64], a_pct: u32, b_pct: u32) -> Vec<Abc> {
    let total: i64 = sorted_desc.iter().sum();
    let mut before = 0i64;
    sorted_desc
        .iter()
        .map(|&t| {
            // Compare in integers: before / total < pct / 100.
            let class = if t <= 0 || total <= 0 {
                Abc::C
            } else if (before as i128) * 100 < (a_pct as i128) * (total as i128) {
                Abc::A
            } else if (before as i128) * 100 < ((a_pct + b_pct) as i128) * (total as i128) {
                Abc::B
            } else {
                Abc::C
            };
            before += t;
            class
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AbcClient {
    #[ts(type = "number")]
    pub company_id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    #[ts(type = "number")]
    pub turnover_minor: i64,
    /// Share of the total, 0..1.
    pub share: f64,
    /// Share of this client and all bigger ones.
    pub cumulative_share: f64,
    pub class: Abc,
    /// The class stored on the company (Today's check-in cadence uses it).
    pub stored: Option<Abc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AbcClassSummary {
    pub class: Abc,
    #[ts(type = "number")]
    pub clients: i64,
    #[ts(type = "number")]
    pub turnover_minor: i64,
    pub share: f64,
}

/// Clients that make more than the concentration threshold of turnover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConcentrationWarning {
    #[ts(type = "number")]
    pub company_id: i64,
    pub name: String,
    pub share: f64,
    pub threshold_pct: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AbcReport {
    pub from: NaiveDate,
    /// Exclusive.
    pub to: NaiveDate,
    pub currency: String,
    pub a_pct: u32,
    pub b_pct: u32,
    #[ts(type = "number")]
    pub total_minor: i64,
    pub classes: Vec<AbcClassSummary>,
    /// The biggest first; only the first ones when a limit was asked
    /// ([`abc_first`]).
    pub clients: Vec<AbcClient>,
    /// How many clients the report has in all (`clients` may hold fewer).
    #[ts(type = "number")]
    pub clients_total: i64,
    pub concentration: Vec<ConcentrationWarning>,
    /// Companies whose stored class differs from the computed one.
    #[ts(type = "number")]
    pub differing: i64,
}

/// ABC over `[from, to)`; kept until a table it reads changes.
fn report(s: &Store, from: NaiveDate, to: NaiveDate) -> Result<AbcReport> {
    s.cached(&format!("abc:{from}:{to}"), ABC_READS, || compute_report(s.conn(), from, to))
}

fn compute_report(c: &rusqlite::Connection, from: NaiveDate, to: NaiveDate) -> Result<AbcReport> {
    let params = plans::params(c)?;
    let rows = q::turnover_by_client(c, from, to)?;
    let classes = classify(&rows.iter().map(|r| r.turnover_minor).collect::<Vec<_>>(), params.abc_a_pct, params.abc_b_pct);
    let total: i64 = rows.iter().map(|r| r.turnover_minor).sum();
    let share = |x: i64| if total > 0 { ((x as f64 / total as f64) * 10_000.0).round() / 10_000.0 } else { 0.0 };
    let mut cum = 0;
    let clients: Vec<AbcClient> = rows
        .into_iter()
        .zip(classes)
        .map(|(r, class)| {
            cum += r.turnover_minor;
            let ClientTurnover { company_id, name, owner_id, owner_name, abc, turnover_minor } = r;
            AbcClient { company_id, name, owner_id, owner_name, turnover_minor, share: share(turnover_minor), cumulative_share: share(cum), class, stored: abc }
        })
        .collect();
    let summary = Abc::ALL
        .iter()
        .map(|&class| {
            let of: Vec<_> = clients.iter().filter(|x| x.class == class).collect();
            let t = of.iter().map(|x| x.turnover_minor).sum();
            AbcClassSummary { class, clients: of.len() as i64, turnover_minor: t, share: share(t) }
        })
        .collect();
    let concentration = clients
        .iter()
        .filter(|x| total > 0 && (x.turnover_minor as i128) * 100 > (params.concentration_pct as i128) * (total as i128))
        .map(|x| ConcentrationWarning { company_id: x.company_id, name: x.name.clone(), share: x.share, threshold_pct: params.concentration_pct })
        .collect();
    Ok(AbcReport {
        from,
        to,
        currency: meta::currency(c)?,
        a_pct: params.abc_a_pct,
        b_pct: params.abc_b_pct,
        total_minor: total,
        classes: summary,
        differing: clients.iter().filter(|x| x.stored != Some(x.class)).count() as i64,
        clients_total: clients.len() as i64,
        clients,
        concentration,
    })
}

/// ABC over the 12 months up to and including today.
pub fn abc(s: &Store, clock: &dyn Clock) -> Result<AbcReport> {
    let to = clock.today() + Duration::days(1);
    report(s, to.checked_sub_months(Months::new(12)).expect("in range"), to)
}

/// [`abc`] with only the `limit` biggest clients listed (all when `None`):
/// a screen shows the first rows until asked for all, and the whole list
/// of 100,000 clients is megabytes to send and read (`clients_total` says
/// how many there are; the classes, shares and warnings cover all).
pub fn abc_first(s: &Store, clock: &dyn Clock, limit: Option<u32>) -> Result<AbcReport> {
    abc(s, clock).map(|r| r.first(limit))
}

impl AbcReport {
    /// The same report listing only its `limit` biggest clients.
    pub fn first(mut self, limit: Option<u32>) -> AbcReport {
        if let Some(n) = limit {
            self.clients.truncate(n as usize);
        }
        self
    }
}

/// The report after applying it, and how many companies changed class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AbcApplied {
    pub report: AbcReport,
    #[ts(type = "number")]
    pub changed: i64,
}

/// Stores the computed classes on the companies (Today's check-in cadence
/// reads them). A deliberate step, so a class set by hand stays until the
/// user applies the analysis. Returns the report and how many changed.
pub fn apply_abc(s: &mut Store, clock: &dyn Clock) -> Result<AbcApplied> {
    apply_abc_first(s, clock, None)
}

/// [`apply_abc`] answering with the `limit` biggest clients listed ([`abc_first`]).
pub fn apply_abc_first(s: &mut Store, clock: &dyn Clock, limit: Option<u32>) -> Result<AbcApplied> {
    apply_abc_pair(s, clock).map(|(report, changed)| AbcApplied { report: report.first(limit), changed })
}

fn apply_abc_pair(s: &mut Store, clock: &dyn Clock) -> Result<(AbcReport, i64)> {
    let r = abc(s, clock)?;
    let now = stamp(clock.now());
    let classes: Vec<(i64, Abc)> = r.clients.iter().map(|x| (x.company_id, x.class)).collect();
    let changed = s.write(|tx| q::set_abc_classes(tx, &classes, &now))? as i64;
    Ok((abc(s, clock)?, changed))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MigrationRequest {
    /// Period codes (`2025`, `2026-Q1`, `2026-11`); when empty, the 12
    /// months before the last 12, and the last 12 months.
    pub from_period: Option<String>,
    pub to_period: Option<String>,
    /// List at most this many moved clients per owner (all when empty): a
    /// screen shows the first rows until asked for all.
    #[serde(default)]
    pub moved_limit: Option<u32>,
}

/// One cell of the matrix: clients that were `from` and became `to`
/// (null = no orders in that period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MigrationCell {
    pub from: Option<Abc>,
    pub to: Option<Abc>,
    #[ts(type = "number")]
    pub clients: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientMigration {
    #[ts(type = "number")]
    pub company_id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub from: Option<Abc>,
    pub to: Option<Abc>,
    #[ts(type = "number")]
    pub from_turnover_minor: i64,
    #[ts(type = "number")]
    pub to_turnover_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonMigration {
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    /// Clients that moved to a better class (or appeared), and to a worse one (or stopped).
    #[ts(type = "number")]
    pub up: i64,
    #[ts(type = "number")]
    pub down: i64,
    #[ts(type = "number")]
    pub same: i64,
    pub cells: Vec<MigrationCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MigrationMatrix {
    pub from_start: NaiveDate,
    /// The last day of the first period (inclusive: a label shows it as is).
    pub from_end: NaiveDate,
    pub to_start: NaiveDate,
    /// The last day of the second period (inclusive).
    pub to_end: NaiveDate,
    /// All 16 cells (A, B, C, none) × (A, B, C, none), in that order.
    pub cells: Vec<MigrationCell>,
    /// The clients whose class changed (up, down, appeared or stopped), in
    /// the matrix's order; with `moved_limit`, each owner's first that many
    /// (so the first rows of everyone's list and of each person's are here).
    pub clients: Vec<ClientMigration>,
    /// How many clients moved in all (`clients` may hold fewer).
    #[ts(type = "number")]
    pub moved_total: i64,
    pub per_person: Vec<PersonMigration>,
}

const CLASSES: [Option<Abc>; 4] = [Some(Abc::A), Some(Abc::B), Some(Abc::C), None];

fn rank(c: Option<Abc>) -> u8 {
    match c {
        Some(Abc::A) => 0,
        Some(Abc::B) => 1,
        Some(Abc::C) => 2,
        None => 3,
    }
}

fn cells(moves: &[&ClientMigration]) -> Vec<MigrationCell> {
    let mut v = Vec::new();
    for from in CLASSES {
        for to in CLASSES {
            v.push(MigrationCell { from, to, clients: moves.iter().filter(|m| m.from == from && m.to == to).count() as i64 });
        }
    }
    v
}

/// How clients moved between ABC classes from one period to another, per
/// client and per person (the client company's owner).
pub fn abc_migration(s: &Store, clock: &dyn Clock, r: &MigrationRequest) -> Result<MigrationMatrix> {
    let end = clock.today() + Duration::days(1);
    let last12 = Period { start: end.checked_sub_months(Months::new(12)).expect("in range"), end };
    let to = match &r.to_period {
        Some(p) => Period::parse("to_period", p)?,
        None => last12,
    };
    let from = match &r.from_period {
        Some(p) => Period::parse("from_period", p)?,
        None => Period { start: to.start.checked_sub_months(Months::new(12)).expect("in range"), end: to.start },
    };
    if from.start >= to.start {
        return Err(Error::validation("from_period", "The first period must start before the second. Swap them."));
    }
    let key = format!("abc_migration:{}:{}:{}:{}", from.start, from.end, to.start, to.end);
    let mut m = s.cached(&key, ABC_READS, || migration(s, from, to))?;
    if let Some(n) = r.moved_limit {
        let mut listed: HashMap<Option<i64>, u32> = HashMap::new();
        m.clients.retain(|c| {
            let k = listed.entry(c.owner_id).or_default();
            *k += 1;
            *k <= n
        });
    }
    Ok(m)
}

fn migration(s: &Store, from: Period, to: Period) -> Result<MigrationMatrix> {
    let a = report(s, from.start, from.end)?;
    let b = report(s, to.start, to.end)?;
    // Each client's class and turnover in either period, by company (a
    // client without turnover in a period has no class there).
    let index = |rep: &AbcReport| -> HashMap<i64, (Abc, i64)> {
        rep.clients.iter().filter(|x| x.turnover_minor > 0).map(|x| (x.company_id, (x.class, x.turnover_minor))).collect()
    };
    let (in_a, in_b) = (index(&a), index(&b));
    let mut seen = HashSet::new();
    let mut clients: Vec<ClientMigration> = Vec::new();
    for x in a.clients.iter().chain(b.clients.iter()).filter(|x| x.turnover_minor > 0) {
        if !seen.insert(x.company_id) {
            continue;
        }
        let (f, t) = (in_a.get(&x.company_id).copied(), in_b.get(&x.company_id).copied());
        clients.push(ClientMigration {
            company_id: x.company_id,
            name: x.name.clone(),
            owner_id: x.owner_id,
            owner_name: x.owner_name.clone(),
            from: f.map(|v| v.0),
            to: t.map(|v| v.0),
            from_turnover_minor: f.map_or(0, |v| v.1),
            to_turnover_minor: t.map_or(0, |v| v.1),
        });
    }
    clients.sort_by(|x, y| (rank(x.to), rank(x.from), &x.name).cmp(&(rank(y.to), rank(y.from), &y.name)));
    let mut owners: Vec<(Option<i64>, Option<String>)> = Vec::new();
    for m in &clients {
        if !owners.iter().any(|o| o.0 == m.owner_id) {
            owners.push((m.owner_id, m.owner_name.clone()));
        }
    }
    let per_person = owners
        .into_iter()
        .map(|(person_id, person_name)| {
            let mine: Vec<&ClientMigration> = clients.iter().filter(|m| m.owner_id == person_id).collect();
            PersonMigration {
                person_id,
                person_name,
                up: mine.iter().filter(|m| rank(m.to) < rank(m.from)).count() as i64,
                down: mine.iter().filter(|m| rank(m.to) > rank(m.from)).count() as i64,
                same: mine.iter().filter(|m| m.to == m.from).count() as i64,
                cells: cells(&mine),
            }
        })
        .collect();
    let cells = cells(&clients.iter().collect::<Vec<_>>());
    clients.retain(|m| m.from != m.to);
    Ok(MigrationMatrix {
        from_start: from.start,
        from_end: from.end - Duration::days(1),
        to_start: to.start,
        to_end: to.end - Duration::days(1),
        cells,
        moved_total: clients.len() as i64,
        clients,
        per_person,
    })
}

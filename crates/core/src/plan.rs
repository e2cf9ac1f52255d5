//! The sales plan derived backwards from a target (DESIGN.md §2 "Planning"):
//! profit → turnover → first deals → offers → qualified leads → leads →
//! calls per working day. Pure arithmetic over measured (or default) rates;
//! the measuring is in `usecases::plan`.

use crate::error::{Error, Result};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A planning period: a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Period {
    pub start: NaiveDate,
    /// The first day after the period.
    pub end: NaiveDate,
}

impl Period {
    /// `2027-01` (month), `2027-Q1` (quarter) or `2027` (year).
    pub fn parse(field: &str, s: &str) -> Result<Period> {
        let bad = || Error::validation(field, format!("“{s}” is not a period. Write a month (2027-01), a quarter (2027-Q1) or a year (2027)."));
        let s = s.trim();
        let year = |y: &str| y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(bad);
        let (start, months) = if let Some((y, q)) = s.split_once("-Q").or_else(|| s.split_once("-q")) {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
            (NaiveDate::from_ymd_opt(year(y)?, (q - 1) * 3 + 1, 1).ok_or_else(bad)?, 3)
        } else if let Some((y, m)) = s.split_once('-') {
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
            (NaiveDate::from_ymd_opt(year(y)?, m, 1).ok_or_else(bad)?, 1)
        } else {
            (NaiveDate::from_ymd_opt(year(s)?, 1, 1).ok_or_else(bad)?, 12)
        };
        let end = start.checked_add_months(chrono::Months::new(months)).ok_or_else(bad)?;
        Ok(Period { start, end })
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// Monday to Friday (public holidays are the user's to subtract).
    pub fn working_days(&self) -> u32 {
        working_days_between(self.start, self.end, 5)
    }

    /// Whether a day falls in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d < self.end
    }

    /// The period's code: `2027-01`, `2027-Q1` or `2027`.
    pub fn code(&self) -> String {
        match self.end.signed_duration_since(self.start).num_days() {
            d if d <= 31 => self.start.format("%Y-%m").to_string(),
            d if d <= 92 => format!("{}-Q{}", self.start.year(), self.start.month0() / 3 + 1),
            _ => self.start.year().to_string(),
        }
    }

    /// The period of the same length right after this one.
    pub fn next(&self) -> Period {
        let months = match self.days() {
            d if d <= 31 => 1,
            d if d <= 92 => 3,
            _ => 12,
        };
        Period { start: self.end, end: self.end.checked_add_months(chrono::Months::new(months)).unwrap_or(self.end) }
    }

    /// The month containing a day.
    pub fn month_of(d: NaiveDate) -> Period {
        let start = d.with_day(1).expect("day 1 exists");
        Period { start, end: start.checked_add_months(chrono::Months::new(1)).expect("in range") }
    }
}

/// Working days in `[from, to)`: the first `per_week` days of each week
/// (5 = Monday to Friday, 6 = to Saturday, 7 = every day).
pub fn working_days_between(from: NaiveDate, to: NaiveDate, per_week: u32) -> u32 {
    let mut d = from;
    let mut n = 0;
    while d < to {
        if d.weekday().num_days_from_monday() < per_week.clamp(1, 7) {
            n += 1;
        }
        d += Duration::days(1);
    }
    n
}

impl Period {
    pub fn months(&self) -> f64 {
        self.days() as f64 / 30.4375
    }
}

/// One conversion rate of the funnel, measured from the workspace's history
/// or a default when the history is too thin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rate {
    /// Stable key: `call_to_lead`, `lead_to_qualified`, `qualified_to_offer`, `offer_to_won`.
    pub key: String,
    /// 0..1.
    pub value: f64,
    pub measured: bool,
    /// How many cases the measurement rests on.
    #[ts(type = "number")]
    pub sample: i64,
}

/// Everything the calculation starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanInputs {
    pub period: Period,
    pub currency: String,
    /// The turnover target in minor units (from a profit target: ÷ margin).
    #[ts(type = "number")]
    pub target_turnover_minor: i64,
    #[ts(type = "number | null")]
    pub target_profit_minor: Option<i64>,
    /// Gross margin share of turnover, 0..1.
    pub margin: f64,
    pub margin_measured: bool,
    /// Turnover expected from existing clients' repeat orders in the period.
    #[ts(type = "number")]
    pub repeat_turnover_minor: i64,
    /// Whether the repeat pace was measured from the last half-year's orders.
    pub repeat_measured: bool,
    /// The usual repeat order (to count repeat orders).
    #[ts(type = "number")]
    pub avg_repeat_order_minor: i64,
    #[ts(type = "number")]
    pub avg_first_deal_minor: i64,
    pub avg_first_deal_measured: bool,
    pub rates: Vec<Rate>,
    pub cycle_days: u32,
    pub cycle_measured: bool,
    /// Minutes a prospecting call takes with its preparation and notes.
    pub minutes_per_call: u32,
    /// 5 = Monday to Friday.
    pub working_days_per_week: u32,
    /// What-if: every conversion rate × (1 + this), e.g. 0.1 = +10 %.
    pub conversion_uplift: f64,
    /// What-if: first-deal size × (1 + this).
    pub deal_size_uplift: f64,
    /// The day the plan is made: inside the period, the calls are spread over
    /// the working days left (from this day on), not over those gone.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// The plan the target needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanDerivation {
    pub inputs: PlanInputs,
    /// Turnover the new clients must bring (target − expected repeat orders).
    #[ts(type = "number")]
    pub new_turnover_minor: i64,
    #[ts(type = "number")]
    pub first_deal_size_minor: i64,
    #[ts(type = "number")]
    pub first_deals: i64,
    #[ts(type = "number")]
    pub offers: i64,
    #[ts(type = "number")]
    pub qualified_leads: i64,
    #[ts(type = "number")]
    pub leads: i64,
    #[ts(type = "number")]
    pub calls: i64,
    /// Repeat orders the expected repeat turnover stands for.
    #[ts(type = "number")]
    pub repeat_orders: i64,
    /// Profit the turnover target brings at the margin.
    #[ts(type = "number")]
    pub profit_minor: i64,
    pub working_days: u32,
    /// Working days from the day the plan is made to the period's end (all of them when made before it).
    #[serde(default)]
    pub working_days_left: u32,
    pub calls_per_day: f64,
    pub prospecting_hours_per_week: f64,
    /// Leads must come in one sales cycle ahead: prospecting for this period
    /// starts on this date.
    pub prospect_from: NaiveDate,
    /// The plan is made after `prospect_from`: the leads for the period are already late.
    #[serde(default)]
    pub prospect_from_past: bool,
    /// For a quarter or a year, the plan month by month (empty for a month):
    /// every quantity above split over the months in proportion to their
    /// working days, by largest remainder, so that each column adds up to
    /// the headline exactly.
    #[serde(default)]
    pub months: Vec<PlanMonth>,
}

/// One month of a longer plan: its share of the period's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanMonth {
    /// `2027-01`.
    pub month: String,
    pub start: NaiveDate,
    pub working_days: u32,
    #[ts(type = "number")]
    pub target_turnover_minor: i64,
    #[ts(type = "number")]
    pub repeat_turnover_minor: i64,
    #[ts(type = "number")]
    pub new_turnover_minor: i64,
    #[ts(type = "number")]
    pub first_deals: i64,
    #[ts(type = "number")]
    pub offers: i64,
    #[ts(type = "number")]
    pub qualified_leads: i64,
    #[ts(type = "number")]
    pub leads: i64,
    #[ts(type = "number")]
    pub calls: i64,
    /// This month's calls ÷ its working days, to one decimal.
    pub calls_per_day: f64,
}

/// `total` split over shares in proportion to `weights` in whole units, by
/// largest remainder: each share gets the whole part of its exact quota and
/// the units left over go, one each, to the largest fractions (the earlier
/// share on a tie). The shares always add up to `total`. Equal weights when
/// they are all zero.
pub fn split_largest_remainder(total: i64, weights: &[u32]) -> Vec<i64> {
    if weights.is_empty() {
        return vec![];
    }
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let (weights, sum): (Vec<i128>, i128) =
        if sum == 0 { (vec![1; weights.len()], weights.len() as i128) } else { (weights.iter().map(|w| i128::from(*w)).collect(), sum) };
    let t = i128::from(total);
    let mut shares: Vec<i128> = weights.iter().map(|w| (t * w).div_euclid(sum)).collect();
    let rems: Vec<i128> = weights.iter().map(|w| (t * w).rem_euclid(sum)).collect();
    let left = t - shares.iter().sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| rems[*b].cmp(&rems[*a]).then(a.cmp(b)));
    for i in order.into_iter().take(left.max(0) as usize) {
        shares[i] += 1;
    }
    shares.into_iter().map(|v| v as i64).collect()
}

fn one_decimal(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The months of a period longer than one month, with their share of `d`.
fn months_of(d: &PlanDerivation) -> Vec<PlanMonth> {
    let p = d.inputs.period;
    let mut starts = vec![];
    let mut start = p.start;
    while start < p.end {
        starts.push(start);
        start = start.checked_add_months(chrono::Months::new(1)).unwrap_or(p.end);
    }
    if starts.len() < 2 {
        return vec![];
    }
    let ends: Vec<NaiveDate> = starts.iter().skip(1).copied().chain([p.end]).collect();
    let wd: Vec<u32> = starts.iter().zip(&ends).map(|(s, e)| working_days_between(*s, *e, d.inputs.working_days_per_week)).collect();
    let split = |v: i64| split_largest_remainder(v, &wd);
    // Money in whole units when the amount is whole, so that the months a
    // document prints without cents still add up to its total.
    let split_money = |v: i64| if v % 100 == 0 { split(v / 100).into_iter().map(|x| x * 100).collect() } else { split(v) };
    let (target, repeat, new, deals, offers, qualified, leads, calls) = (
        split_money(d.inputs.target_turnover_minor),
        split_money(d.inputs.repeat_turnover_minor),
        split_money(d.new_turnover_minor),
        split(d.first_deals),
        split(d.offers),
        split(d.qualified_leads),
        split(d.leads),
        split(d.calls),
    );
    (0..starts.len())
        .map(|i| PlanMonth {
            month: starts[i].format("%Y-%m").to_string(),
            start: starts[i],
            working_days: wd[i],
            target_turnover_minor: target[i],
            repeat_turnover_minor: repeat[i],
            new_turnover_minor: new[i],
            first_deals: deals[i],
            offers: offers[i],
            qualified_leads: qualified[i],
            leads: leads[i],
            calls: calls[i],
            calls_per_day: if wd[i] == 0 { 0.0 } else { one_decimal(calls[i] as f64 / wd[i] as f64) },
        })
        .collect()
}

/// The rate by key (0 when missing: the plan then needs infinitely many; the
/// caller always provides all four).
fn rate(inputs: &PlanInputs, key: &str) -> f64 {
    let r = inputs.rates.iter().find(|r| r.key == key).map_or(0.0, |r| r.value);
    (r * (1.0 + inputs.conversion_uplift)).clamp(0.0, 1.0)
}

fn needed(after: i64, rate: f64) -> i64 {
    if after <= 0 {
        0
    } else if rate <= 0.0 {
        i64::MAX
    } else {
        // Whole cases, rounded up; the tolerance keeps float noise from
        // adding one (144 ÷ 0.3 is 480.00000000000006 in binary).
        (after as f64 / rate - 1e-9).ceil() as i64
    }
}

pub const RATE_KEYS: [&str; 4] = ["call_to_lead", "lead_to_qualified", "qualified_to_offer", "offer_to_won"];

/// The backwards calculation.
pub fn derive(inputs: PlanInputs) -> Result<PlanDerivation> {
    for k in RATE_KEYS {
        if rate(&inputs, k) <= 0.0 {
            return Err(Error::validation(&format!("rates.{k}"), format!("The {k} rate is zero: no plan can reach the target. Enter a rate above 0 %.")));
        }
    }
    let size = ((inputs.avg_first_deal_minor as f64) * (1.0 + inputs.deal_size_uplift)).round() as i64;
    if size <= 0 {
        return Err(Error::validation("avg_first_deal_minor", "The average first deal is zero. Enter the usual size of a first order."));
    }
    let new_turnover = (inputs.target_turnover_minor - inputs.repeat_turnover_minor).max(0);
    // Whole deals, rounded up: 30,000 € of 2,500 € deals is 12, 30,001 € is 13.
    let first_deals = (new_turnover + size - 1) / size;
    let offers = needed(first_deals, rate(&inputs, "offer_to_won"));
    let qualified = needed(offers, rate(&inputs, "qualified_to_offer"));
    let leads = needed(qualified, rate(&inputs, "lead_to_qualified"));
    let calls = needed(leads, rate(&inputs, "call_to_lead"));
    let repeat_orders =
        if inputs.avg_repeat_order_minor > 0 { (inputs.repeat_turnover_minor + inputs.avg_repeat_order_minor - 1) / inputs.avg_repeat_order_minor } else { 0 };
    let profit_minor = inputs.target_profit_minor.unwrap_or_else(|| (inputs.target_turnover_minor as f64 * inputs.margin).round() as i64);
    let working_days = working_days_between(inputs.period.start, inputs.period.end, inputs.working_days_per_week);
    let working_days_left = match inputs.today {
        Some(d) if d > inputs.period.start && d < inputs.period.end => working_days_between(d, inputs.period.end, inputs.working_days_per_week),
        Some(d) if d >= inputs.period.end => 0,
        _ => working_days,
    };
    let calls_per_day = if working_days_left == 0 { 0.0 } else { calls as f64 / working_days_left as f64 };
    let weeks = working_days_left as f64 / f64::from(inputs.working_days_per_week.clamp(1, 7));
    let prospect_from = inputs.period.start - Duration::days(i64::from(inputs.cycle_days));
    let prospecting_hours_per_week = if weeks == 0.0 { 0.0 } else { calls as f64 * inputs.minutes_per_call as f64 / 60.0 / weeks };
    let mut d = PlanDerivation {
        new_turnover_minor: new_turnover,
        first_deal_size_minor: size,
        first_deals,
        offers,
        qualified_leads: qualified,
        leads,
        calls,
        repeat_orders,
        profit_minor,
        working_days,
        working_days_left,
        calls_per_day: (calls_per_day * 10.0).round() / 10.0,
        prospecting_hours_per_week: (prospecting_hours_per_week * 10.0).round() / 10.0,
        prospect_from,
        prospect_from_past: inputs.today.is_some_and(|d| d > prospect_from),
        inputs,
        months: vec![],
    };
    d.months = months_of(&d);
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> PlanInputs {
        PlanInputs {
            period: Period::parse("p", "2027-01").unwrap(),
            currency: "EUR".into(),
            target_turnover_minor: 5_000_000,
            target_profit_minor: None,
            margin: 0.25,
            margin_measured: false,
            repeat_turnover_minor: 2_000_000,
            repeat_measured: true,
            avg_repeat_order_minor: 300_000,
            avg_first_deal_minor: 250_000,
            avg_first_deal_measured: true,
            rates: RATE_KEYS.iter().zip([0.1, 0.3, 0.6, 0.35]).map(|(k, v)| Rate { key: k.to_string(), value: v, measured: false, sample: 0 }).collect(),
            cycle_days: 30,
            cycle_measured: false,
            minutes_per_call: 6,
            working_days_per_week: 5,
            conversion_uplift: 0.0,
            deal_size_uplift: 0.0,
            today: None,
        }
    }

    #[test]
    fn a_plan_made_mid_month_spreads_the_calls_over_the_working_days_left_and_flags_late_prospecting() {
        let early = derive(PlanInputs { today: Some("2026-11-25".parse().unwrap()), ..inputs() }).unwrap();
        assert_eq!((early.working_days, early.working_days_left), (21, 21), "made before January: all of its working days");
        assert!(!early.prospect_from_past, "made on Nov 25, prospecting from Dec 2 is still ahead");
        let december = derive(PlanInputs { today: Some("2026-12-20".parse().unwrap()), ..inputs() }).unwrap();
        assert_eq!(december.working_days_left, 21);
        assert!(december.prospect_from_past, "made on Dec 20: prospecting should have started on Dec 2");
        let whole = derive(inputs()).unwrap();
        // January 2027: Fri 1, 4–8, 11–14 are gone on Friday the 15th; 11 working days are left.
        let mid = derive(PlanInputs { today: Some("2027-01-15".parse().unwrap()), ..inputs() }).unwrap();
        assert_eq!((mid.working_days, mid.working_days_left), (21, 11));
        assert_eq!(mid.calls, whole.calls, "the same target needs the same calls");
        assert_eq!(mid.calls_per_day, (mid.calls as f64 / 11.0 * 10.0).round() / 10.0);
        assert!(mid.calls_per_day > whole.calls_per_day);
        assert!(mid.prospect_from_past && mid.prospect_from.to_string() == "2026-12-02");
        let late = derive(PlanInputs { today: Some("2027-02-03".parse().unwrap()), ..inputs() }).unwrap();
        assert_eq!((late.working_days_left, late.calls_per_day), (0, 0.0), "a period that is over has no days left");
    }

    #[test]
    fn periods_parse_and_count_working_days() {
        let jan = Period::parse("p", "2027-01").unwrap();
        assert_eq!((jan.start.to_string(), jan.end.to_string(), jan.working_days()), ("2027-01-01".into(), "2027-02-01".into(), 21));
        let q = Period::parse("p", "2027-Q2").unwrap();
        assert_eq!((q.start.to_string(), q.end.to_string()), ("2027-04-01".into(), "2027-07-01".into()));
        assert_eq!(Period::parse("p", "2027").unwrap().working_days(), 261);
        for bad in ["2027-13", "2027-Q5", "27", "январь", "2027-00", ""] {
            assert_eq!(Period::parse("--period", bad).unwrap_err().field.as_deref(), Some("--period"), "{bad}");
        }
    }

    #[test]
    fn the_funnel_is_worked_backwards_rounding_up_at_every_step() {
        let p = derive(inputs()).unwrap();
        // 50,000 € target − 20,000 € repeat = 30,000 € new; 2,500 € a deal → 12 deals.
        assert_eq!(p.new_turnover_minor, 3_000_000);
        assert_eq!(p.first_deals, 12);
        assert_eq!(p.offers, 35); // 12 / 0.35 = 34.3
        assert_eq!(p.qualified_leads, 59); // 35 / 0.6 = 58.3
        assert_eq!(p.leads, 197); // 59 / 0.3 = 196.7
        assert_eq!(p.calls, 1970);
        assert_eq!(p.working_days, 21);
        assert_eq!(p.calls_per_day, 93.8);
        // 1970 calls × 6 min = 197 h over 4.2 weeks.
        assert_eq!(p.prospecting_hours_per_week, 46.9);
        assert_eq!(p.prospect_from.to_string(), "2026-12-02");
    }

    #[test]
    fn what_if_better_conversion_and_bigger_deals_need_fewer_calls() {
        let base = derive(inputs()).unwrap();
        let better = derive(PlanInputs { conversion_uplift: 0.1, deal_size_uplift: 0.2, ..inputs() }).unwrap();
        assert_eq!(better.first_deal_size_minor, 300_000);
        assert_eq!(better.first_deals, 10);
        assert!(better.calls < base.calls * 7 / 10, "{} vs {}", better.calls, base.calls);
    }

    #[test]
    fn a_second_worked_example_with_a_six_day_week_and_repeat_orders() {
        // 30,000.00 target, no repeat turnover, 1,000.00 deals, default rates.
        let i = PlanInputs { target_turnover_minor: 3_000_000, repeat_turnover_minor: 0, avg_first_deal_minor: 100_000, working_days_per_week: 6, ..inputs() };
        let p = derive(i).unwrap();
        assert_eq!(p.first_deals, 30); // 30,000 / 1,000 exactly
        assert_eq!(p.offers, 86); // 30 / 0.35 = 85.7 → 86
        assert_eq!(p.qualified_leads, 144); // 86 / 0.6 = 143.3 → 144
        assert_eq!(p.leads, 480); // 144 / 0.3 = 480 exactly: float noise must not make it 481
        assert_eq!(p.calls, 4800); // 480 / 0.1
        // January 2027, Monday to Saturday: 31 days − 5 Sundays = 26.
        assert_eq!(p.working_days, 26);
        assert_eq!(p.calls_per_day, 184.6); // 4800 / 26 = 184.62
        // 4800 calls × 6 min = 480 h over 26 / 6 = 4.33 weeks = 110.8 h.
        assert_eq!(p.prospecting_hours_per_week, 110.8);
        // Profit at the 25 % margin.
        assert_eq!(p.profit_minor, 750_000);
        // 20,000.00 of repeat turnover in 3,000.00 orders: 6.67 → 7 orders.
        let r = derive(PlanInputs { repeat_turnover_minor: 2_000_000, ..inputs() }).unwrap();
        assert_eq!(r.repeat_orders, 7);
        // One cent over a whole number of deals needs one more deal.
        let one_more = derive(PlanInputs { target_turnover_minor: 3_000_001, repeat_turnover_minor: 0, avg_first_deal_minor: 100_000, ..inputs() }).unwrap();
        assert_eq!(one_more.first_deals, 31);
    }

    #[test]
    fn a_target_of_zero_needs_no_work_at_all() {
        let p = derive(PlanInputs { target_turnover_minor: 0, repeat_turnover_minor: 0, ..inputs() }).unwrap();
        assert_eq!((p.new_turnover_minor, p.first_deals, p.offers, p.qualified_leads, p.leads, p.calls), (0, 0, 0, 0, 0, 0));
        assert_eq!((p.calls_per_day, p.prospecting_hours_per_week, p.profit_minor), (0.0, 0.0, 0));
    }

    #[test]
    fn largest_remainder_splits_add_up_to_the_whole() {
        assert_eq!(split_largest_remainder(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(split_largest_remainder(275, &[21, 20, 23, 21, 21, 22, 22, 22, 22, 21, 22, 23]).iter().sum::<i64>(), 275);
        // 7 over weights 1:2 → quotas 2.33 and 4.67: the larger fraction gets the unit.
        assert_eq!(split_largest_remainder(7, &[1, 2]), vec![2, 5]);
        assert_eq!(split_largest_remainder(0, &[3, 4]), vec![0, 0]);
        assert_eq!(split_largest_remainder(5, &[0, 0]), vec![3, 2]);
        assert!(split_largest_remainder(5, &[]).is_empty());
    }

    #[test]
    fn a_year_plan_is_split_by_month_and_every_column_adds_up_to_the_headline() {
        let i = PlanInputs { period: Period::parse("p", "2027").unwrap(), target_turnover_minor: 60_000_000, repeat_turnover_minor: 24_000_001, ..inputs() };
        let p = derive(i).unwrap();
        assert_eq!(p.months.len(), 12);
        let sum = |f: fn(&PlanMonth) -> i64| p.months.iter().map(f).sum::<i64>();
        assert_eq!(sum(|m| m.target_turnover_minor), p.inputs.target_turnover_minor);
        assert_eq!(sum(|m| m.repeat_turnover_minor), p.inputs.repeat_turnover_minor);
        assert_eq!(sum(|m| m.new_turnover_minor), p.new_turnover_minor);
        assert_eq!(sum(|m| m.first_deals), p.first_deals);
        assert_eq!(sum(|m| m.offers), p.offers);
        assert_eq!(sum(|m| m.qualified_leads), p.qualified_leads);
        assert_eq!(sum(|m| m.leads), p.leads);
        assert_eq!(sum(|m| m.calls), p.calls);
        assert_eq!(p.months.iter().map(|m| m.working_days).sum::<u32>(), p.working_days);
        // A whole target splits into whole amounts (what a document prints without cents adds up).
        assert!(p.months.iter().all(|m| m.target_turnover_minor % 100 == 0), "{:?}", p.months);
        assert_eq!((p.months[0].month.as_str(), p.months[11].month.as_str()), ("2027-01", "2027-12"));
        // A month's figures follow its working days: a longer month never gets fewer calls.
        let jan = &p.months[0];
        assert_eq!(jan.calls_per_day, ((jan.calls as f64 / jan.working_days as f64) * 10.0).round() / 10.0);
        // A single month has no breakdown.
        assert!(derive(inputs()).unwrap().months.is_empty());
    }

    #[test]
    fn periods_know_their_code_and_the_next_one() {
        for code in ["2027-01", "2027-12", "2027-Q1", "2027-Q4", "2027"] {
            assert_eq!(Period::parse("p", code).unwrap().code(), code);
        }
        assert_eq!(Period::parse("p", "2027-12").unwrap().next().code(), "2028-01");
        assert_eq!(Period::parse("p", "2027-Q4").unwrap().next().code(), "2028-Q1");
        assert_eq!(Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).code(), "2026-11");
    }

    #[test]
    fn repeat_orders_covering_the_target_need_no_new_deals_and_zero_rates_are_refused() {
        let p = derive(PlanInputs { repeat_turnover_minor: 6_000_000, ..inputs() }).unwrap();
        assert_eq!((p.first_deals, p.calls), (0, 0));
        let mut zero = inputs();
        zero.rates[3].value = 0.0;
        assert_eq!(derive(zero).unwrap_err().field.as_deref(), Some("rates.offer_to_won"));
    }
}

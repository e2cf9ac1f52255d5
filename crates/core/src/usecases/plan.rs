//! Deriving the sales plan from a target with the business's own numbers:
//! each rate is measured from the workspace where its history is large
//! enough, and otherwise a stated default the user can edit.

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::plan::{self, Period, PlanDerivation, PlanInputs, Rate};
use crate::store::{history, meta, today as tq, Store};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Defaults where history is thin (a generic small B2B business).
pub const DEFAULT_RATES: [(&str, f64); 4] = [("call_to_lead", 0.10), ("lead_to_qualified", 0.30), ("qualified_to_offer", 0.60), ("offer_to_won", 0.35)];
pub const DEFAULT_MARGIN: f64 = 0.25;
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

fn measured(key: &str, hits: i64, sample: i64) -> Rate {
    let default = DEFAULT_RATES.iter().find(|(k, _)| *k == key).map_or(0.0, |(_, v)| *v);
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
    /// Turnover per day over the last half-year (repeat orders' pace).
    pub repeat_per_day_minor: f64,
    pub avg_first_deal_minor: i64,
    pub avg_first_deal_measured: bool,
    pub rates: Vec<Rate>,
    pub cycle_days: u32,
    pub cycle_measured: bool,
}

pub fn measure(s: &Store, clock: &dyn Clock) -> Result<History> {
    let c = s.conn();
    let today = clock.today();
    let year_ago = today - Duration::days(365);
    let (amount, margin_sum, orders) = history::orders_since(c, year_ago)?;
    let (margin, margin_measured) = if orders >= MIN_SAMPLE && amount > 0 { (margin_sum as f64 / amount as f64, true) } else { (DEFAULT_MARGIN, false) };
    let (recent, _, _) = history::orders_since(c, today - Duration::days(182))?;
    let (avg_first, n_first) = history::first_deals_won_since(c, year_ago)?;
    let (avg_first_deal_minor, avg_first_deal_measured) = if n_first >= 5 { (avg_first.round() as i64, true) } else { (100_000, false) };
    let (won, lost_after_offer, closed2) = history::first_deal_outcomes(c)?;
    let (reached2, dropped1) = history::qualification_outcomes(c)?;
    let (calls, new_leads) = history::calls_and_new_leads(c, today - Duration::days(90), today + Duration::days(1))?;
    let rates = vec![
        if calls >= 30 { measured("call_to_lead", new_leads, calls) } else { measured("call_to_lead", 0, calls) },
        measured("lead_to_qualified", reached2, reached2 + dropped1),
        measured("qualified_to_offer", won + lost_after_offer, closed2),
        measured("offer_to_won", won, won + lost_after_offer),
    ];
    let (cycle_days, cycle_measured) = match tq::average_cycle_days(c)? {
        Some(d) if d >= 1.0 => (d.round() as u32, true),
        _ => (meta::work_settings(c)?.default_cycle_days, false),
    };
    Ok(History {
        currency: meta::currency(c)?,
        margin,
        margin_measured,
        repeat_per_day_minor: recent as f64 / 182.0,
        avg_first_deal_minor,
        avg_first_deal_measured,
        rates,
        cycle_days,
        cycle_measured,
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
        avg_first_deal_minor: h.avg_first_deal_minor,
        avg_first_deal_measured: h.avg_first_deal_measured,
        rates,
        cycle_days: h.cycle_days,
        cycle_measured: h.cycle_measured,
        minutes_per_call: 6,
        conversion_uplift: r.conversion_uplift,
        deal_size_uplift: r.deal_size_uplift,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(derive(&s, &clock(), &DeriveRequest { conversion_uplift: 9.0, ..req(Target::Turnover(1)) }).unwrap_err().field.as_deref(), Some("conversion_uplift"));
    }
}

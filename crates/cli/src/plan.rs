//! `plan derive|set|status`: the sales plan.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::usecases::plan;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum PlanCmd {
    /// Work a target backwards into first deals, offers, leads and calls per day.
    Derive {
        file: PathBuf,
        #[command(flatten)]
        target: TargetArgs,
        /// What if every conversion rate were this many per cent better.
        #[arg(long, default_value_t = 0.0)]
        conversion_uplift: f64,
        /// What if first deals were this many per cent bigger.
        #[arg(long, default_value_t = 0.0)]
        deal_size_uplift: f64,
        #[arg(long)]
        json: bool,
    },
    /// Derive the plan for a period from its target and save it, split per person and stage.
    Set {
        file: PathBuf,
        #[command(flatten)]
        target: TargetArgs,
        #[arg(long, default_value_t = 0.0)]
        conversion_uplift: f64,
        #[arg(long, default_value_t = 0.0)]
        deal_size_uplift: f64,
        /// The middle of the niche, shown next to the plan.
        #[arg(long)]
        niche: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Plan vs fact for a period: forecast, weighted pipeline coverage and risk signals.
    Status {
        file: PathBuf,
        /// A month (2027-01), a quarter (2027-Q1) or a year (2027).
        #[arg(long)]
        period: String,
        /// One person's plan and fact (default: everybody).
        #[arg(long)]
        person: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

/// A planning period and its target, shared by `plan derive` and `pdf plan`.
#[derive(clap::Args)]
pub struct TargetArgs {
    /// A month (2027-01), a quarter (2027-Q1) or a year (2027).
    #[arg(long)]
    pub period: String,
    /// Turnover target in the workspace currency, e.g. 50000 or 50000.50.
    #[arg(long, value_parser = parse_amount, conflicts_with = "profit", required_unless_present = "profit")]
    pub turnover: Option<i64>,
    /// Profit (margin) target in the workspace currency.
    #[arg(long, value_parser = parse_amount)]
    pub profit: Option<i64>,
}

impl TargetArgs {
    pub fn request(self, conversion_uplift_pct: f64, deal_size_uplift_pct: f64) -> conveyor_core::usecases::plan::DeriveRequest {
        use conveyor_core::usecases::plan::{DeriveRequest, Target};
        // clap guarantees exactly one of the two.
        let target = match (self.turnover, self.profit) {
            (Some(t), _) => Target::Turnover(t),
            (None, p) => Target::Profit(p.unwrap_or_default()),
        };
        DeriveRequest {
            period: self.period,
            target,
            conversion_uplift: conversion_uplift_pct / 100.0,
            deal_size_uplift: deal_size_uplift_pct / 100.0,
            rates: vec![],
        }
    }
}

/// An amount in major units ("50000", "50 000", "1,234.50") to minor units,
/// by the same rule as the app's fields (`conveyor_core::amount`).
pub fn parse_amount(s: &str) -> Result<i64, String> {
    conveyor_core::amount::parse(s, 2).ok_or_else(|| format!("“{s}” is not an amount; write it like 50000 or 50000.50"))
}

pub fn print_plan(p: &conveyor_core::plan::PlanDerivation) {
    let i = &p.inputs;
    let cur = &i.currency;
    let mark = |m: bool| if m { "measured" } else { "default" };
    println!("Plan for {} – {} ({} working days)", i.period.start, i.period.end - chrono::Duration::days(1), p.working_days);
    if let Some(profit) = i.target_profit_minor {
        println!("  profit target           {}  ÷ margin {:.1} % ({})", money(profit, cur), i.margin * 100.0, mark(i.margin_measured));
    }
    println!("  turnover target         {}", money(i.target_turnover_minor, cur));
    println!("  − expected repeat orders {}", money(i.repeat_turnover_minor, cur));
    println!("  = from new clients      {}", money(p.new_turnover_minor, cur));
    println!("  average first deal      {} ({})", money(p.first_deal_size_minor, cur), mark(i.avg_first_deal_measured));
    println!();
    println!("  first deals             {:>8}", p.first_deals);
    for (key, n) in [("offer_to_won", p.offers), ("qualified_to_offer", p.qualified_leads), ("lead_to_qualified", p.leads), ("call_to_lead", p.calls)] {
        let r = i.rates.iter().find(|r| r.key == key).expect("all rates present");
        let label = match key {
            "offer_to_won" => "offers",
            "qualified_to_offer" => "qualified leads",
            "lead_to_qualified" => "leads",
            _ => "calls",
        };
        let sample = if r.measured { format!(", {} cases", r.sample) } else { String::new() };
        println!("  {label:<23} {n:>8}   at {key} {:.1} % ({}{sample})", r.value * 100.0, mark(r.measured));
    }
    println!();
    println!("  calls per working day   {:>8.1}", p.calls_per_day);
    println!("  prospecting h per week  {:>8.1}   (6 min a call)", p.prospecting_hours_per_week);
    println!("  sales cycle             {:>8} days ({}): start prospecting by {}", i.cycle_days, mark(i.cycle_measured), p.prospect_from);
}

pub fn print_status(st: &conveyor_core::usecases::plan::PlanStatus) {
    let cur = &st.currency;
    println!(
        "Plan vs fact {} ({} – {}), today {}: {} of {} days, {} of {} working days",
        st.period, st.period_start, st.period_last, st.today, st.days_elapsed, st.days, st.working_days_elapsed, st.working_days
    );
    match &st.plan {
        None => println!("  no plan saved for this period: set one with `conveyor plan set`"),
        Some(_) => {
            println!("  {:<16} {:>18} {:>18} {:>18} {:>9} {:>18}", "measure", "plan", "fact", "by now", "pace", "needed/day");
            for i in &st.indicators {
                let [plan, fact, by_now, per_day] = if matches!(i.key.as_str(), "turnover" | "profit") {
                    [i.planned as f64, i.fact as f64, i.expected_by_now, i.needed_per_day].map(|m| money(m.round() as i64, cur))
                } else {
                    [i.planned.to_string(), i.fact.to_string(), format!("{:.1}", i.expected_by_now), format!("{:.1}", i.needed_per_day)]
                };
                println!(
                    "  {:<16} {:>18} {:>18} {:>18} {:>9} {:>18}{}",
                    i.key,
                    plan,
                    fact,
                    by_now,
                    pct(i.pace),
                    per_day,
                    if i.behind { "  behind" } else { "" }
                );
            }
        }
    }
    if let Some(f) = st.forecast_turnover_minor {
        println!("  forecast turnover      {}", money(f, cur));
    }
    println!("  remaining to plan      {}", money(st.remaining_minor, cur));
    println!(
        "  weighted pipeline      {} of {} in {} open deals; coverage {}",
        money(st.pipeline.weighted_minor, cur),
        money(st.pipeline.value_minor, cur),
        st.pipeline.deals,
        pct(st.coverage)
    );
    if st.signals.is_empty() {
        println!("  signals: none, the plan is on track");
    }
    for s in &st.signals {
        println!("  signal: {} ({}) {} vs {}", s.code, s.severity, s.value, s.needed);
    }
}

pub fn run(ctx: &Ctx, cmd: PlanCmd) -> Result<ExitCode, Error> {
    match cmd {
        PlanCmd::Derive { file, target, conversion_uplift, deal_size_uplift, json } => {
            let store = ctx.read(&file)?;
            let p = conveyor_core::usecases::plan::derive(&store, &ctx.clock, &target.request(conversion_uplift, deal_size_uplift))?;
            if json {
                print_json(&p)?;
            } else {
                print_plan(&p);
            }
        }
        PlanCmd::Set { file, target, conversion_uplift, deal_size_uplift, niche, json } => {
            let mut store = ctx.open(&file)?;
            let p = plan::save_plan(&mut store, &ctx.clock, &target.request(conversion_uplift, deal_size_uplift), niche.as_deref())?;
            if json {
                print_json(&p)?;
            } else {
                print_plan(&p.derivation);
                println!();
                println!("Saved as the plan for {}. Per person and stage:", p.period);
                for l in &p.lines {
                    let who = l.person_name.as_deref().unwrap_or("(nobody yet)");
                    let stage = l.stage.map_or("", |s| s.code());
                    println!(
                        "  {who:<20} {stage:<20} calls {:>6}  leads {:>5}  qualified {:>5}  offers {:>5}  first deals {:>4}  repeat orders {:>4}  turnover {}",
                        l.calls,
                        l.leads,
                        l.qualified_leads,
                        l.offers,
                        l.first_deals,
                        l.repeat_orders,
                        money(l.turnover_minor, &p.derivation.inputs.currency)
                    );
                }
            }
        }
        PlanCmd::Status { file, period, person, json } => {
            let store = ctx.read(&file)?;
            let st = plan::plan_status(&store, &ctx.clock, &period, person)?;
            if json {
                print_json(&st)?;
            } else {
                print_status(&st);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

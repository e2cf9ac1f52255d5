//! `analytics` and `abc`.

use crate::common::*;
use chrono::NaiveDate;
use conveyor_core::Error;
use conveyor_core::usecases::analytics;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn print_analytics(a: &conveyor_core::usecases::analytics::Analytics) {
    println!("Analytics {} – {}", a.from, a.to - chrono::Duration::days(1));
    println!("  funnel (deals opened in the range):");
    for f in &a.funnel {
        println!("    {:<18} {:<28} reached {:>6}  open {:>5}  → next {}", f.stage.code(), f.name, f.reached, f.open, pct(f.conversion));
    }
    for s in &a.stages {
        println!("  stage {} conversion: {} of {} = {}", s.stage.number(), s.passed, s.entered, pct(s.conversion));
    }
    println!(
        "  first deals closed: {} won, {} lost, {} disqualified; win rate {}; average cycle {} days",
        a.won,
        a.lost,
        a.disqualified,
        pct(a.win_rate),
        a.avg_cycle_days.map_or("–".into(), |d| format!("{d:.1}"))
    );
    for r in &a.reasons {
        println!("    {:<13} {:>5}  {}", r.status.code(), r.deals, if r.reason.is_empty() { "(no reason)" } else { &r.reason });
    }
    println!("  sources:");
    for s in &a.sources {
        println!(
            "    {:<12} opened {:>6}  won {:>5}  closed {:>5}  conversion {:>8}  new clients {:>4}",
            s.source.code(),
            s.opened,
            s.won,
            s.closed,
            pct(s.conversion),
            s.new_clients
        );
    }
    let r = &a.referrals;
    println!(
        "  referrals: {} of {} new clients ({}); conversion {} vs {} for other sources",
        r.from_referrals,
        r.new_clients,
        pct(r.share),
        pct(r.referral_conversion),
        pct(r.other_conversion)
    );
    println!("  month      calls meetings  leads  first deals  turnover");
    for m in &a.months {
        println!(
            "  {}  {:>6} {:>8} {:>6} {:>12}  {}",
            m.month,
            m.fact.calls,
            m.fact.meetings,
            m.fact.leads,
            m.fact.first_deals,
            money(m.fact.turnover_minor, &a.currency)
        );
    }
}

pub fn print_abc(r: &conveyor_core::usecases::analytics::AbcReport, changed: Option<i64>) {
    println!(
        "ABC {} – {} ({}/{}/{}), turnover {}",
        r.from,
        r.to - chrono::Duration::days(1),
        r.a_pct,
        r.b_pct,
        100 - r.a_pct - r.b_pct,
        money(r.total_minor, &r.currency)
    );
    for c in &r.classes {
        println!("  {}: {:>6} clients  {:>20}  {}", c.class.code(), c.clients, money(c.turnover_minor, &r.currency), pct(Some(c.share)));
    }
    for w in &r.concentration {
        println!("  warning: {} makes {} of turnover (over {} %)", w.name, pct(Some(w.share)), w.threshold_pct);
    }
    for c in r.clients.iter().take(20) {
        println!("  {} {:<40} {:>20}  {:>7}", c.class.code(), c.name, money(c.turnover_minor, &r.currency), pct(Some(c.share)));
    }
    match changed {
        Some(n) => println!("Applied: {n} companies changed class."),
        None if r.differing > 0 => println!("{} companies' stored class differs; `--apply` stores the computed classes.", r.differing),
        None => {}
    }
}

#[derive(clap::Args)]
pub struct AnalyticsArgs {
    pub file: PathBuf,
    /// First day (default: a year before --to).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last day, included (default: today).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct AbcArgs {
    pub file: PathBuf,
    /// Store the computed classes on the companies (Today's check-in cadence uses them).
    #[arg(long)]
    pub apply: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn analytics(ctx: &Ctx, args: AnalyticsArgs) -> Result<ExitCode, Error> {
    let AnalyticsArgs { file, from, to, json } = args;
    let store = ctx.read(&file)?;
    let a = analytics::analytics(&store, &ctx.clock, &analytics::AnalyticsRequest { from, to, person_id: None })?;
    if json {
        print_json(&a)?;
    } else {
        print_analytics(&a);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn abc(ctx: &Ctx, args: AbcArgs) -> Result<ExitCode, Error> {
    let AbcArgs { file, apply, json } = args;
    let (r, changed) = if apply {
        let a = analytics::apply_abc(&mut ctx.open(&file)?, &ctx.clock)?;
        (a.report, Some(a.changed))
    } else {
        (analytics::abc(&ctx.read(&file)?, &ctx.clock)?, None)
    };
    if json {
        print_json(&serde_json::json!({ "report": r, "changed": changed }))?;
    } else {
        print_abc(&r, changed);
    }
    Ok(ExitCode::SUCCESS)
}

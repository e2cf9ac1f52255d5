//! `today`: what to do now.

use crate::common::*;
use conveyor_core::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TodayArgs {
    pub file: PathBuf,
    /// One person's Today (default: everybody's).
    #[arg(long)]
    pub person: Option<i64>,
    /// Only the clients carrying this tag (on the company or the contact).
    #[arg(long)]
    pub tag: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: TodayArgs) -> Result<ExitCode, Error> {
    let TodayArgs { file, person, tag, json } = args;
    let store = ctx.read(&file)?;
    let t = conveyor_core::usecases::today::today_tagged(&store, &ctx.clock, person, tag.as_deref())?;
    if json {
        print_json(&t)?;
    } else {
        println!("Today, {}", t.date);
        let deals = |name: &str, l: &conveyor_core::usecases::today::DealList| {
            println!("  {name:<28} {:>6}", l.total);
            for d in l.deals.iter().take(5) {
                println!("      {} ({})", d.title, d.company_name.as_deref().or(d.contact_name.as_deref()).unwrap_or(""));
            }
        };
        deals("no next step", &t.no_next_step);
        deals("next step overdue", &t.overdue);
        deals(&format!("quiet > {} days", t.cycle_days), &t.stale);
        println!("  {:<28} {:>6} of {}", "calls today", t.calls_today, t.targets.calls.per_day);
        deals("stage 1: leads to call", &t.leads_to_call);
        deals("stage 2: first deals due", &t.first_deals_due);
        println!("  {:<28} {:>6}", "stage 3: check-ins due", t.checkins_due.total);
        println!("  {:<28} {:>6}", "stage 3: orders expected", t.orders_expected.total);
        println!("  {:<28} {:>6}", "tasks due", t.tasks_due.total);
        for task in t.tasks_due.tasks.iter().take(5) {
            println!("      {}", task.subject);
        }
        println!("  {:<28} {:>6}", "norms broken", t.violations.total);
        println!("  {:<28} {:>6}", "norms not yet judged", t.violations.not_yet_judged.len());
    }
    Ok(ExitCode::SUCCESS)
}

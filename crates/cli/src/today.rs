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
    /// The whole of one list ("Show all"): no_next_step, overdue, stale,
    /// leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.
    #[arg(long, value_name = "LIST")]
    pub all: Option<String>,
    /// With --all: the first row to show and how many (at most 500).
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    #[arg(long, default_value_t = 500)]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: TodayArgs) -> Result<ExitCode, Error> {
    let TodayArgs { file, person, tag, all, offset, limit, json } = args;
    let store = ctx.read(&file)?;
    if let Some(list) = all {
        return run_all(ctx, &store, (person, tag.as_deref()), &list, (offset, limit), json);
    }
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

/// `today --all LIST`: every row of one list of Today, in Today's order.
fn run_all(
    ctx: &Ctx,
    store: &conveyor_core::Store,
    (person, tag): (Option<i64>, Option<&str>),
    list: &str,
    (offset, limit): (u32, u32),
    json: bool,
) -> Result<ExitCode, Error> {
    use conveyor_core::usecases::today::{self, TodayListKind};
    let kind: TodayListKind = serde_json::from_value(serde_json::Value::String(list.to_string())).map_err(|_| {
        Error::validation(
            "all",
            format!("“{list}” is not a list of Today. Use one of: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due."),
        )
    })?;
    let page = today::today_list(store, &ctx.clock, person, tag, kind, offset, limit)?;
    if json {
        print_json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    let shown = page.deals.len() + page.clients.len() + page.tasks.len();
    println!("{list}: {} in all, rows {}–{}", page.total, offset as usize + usize::from(shown > 0), offset as usize + shown);
    for d in &page.deals {
        let next = match (&d.next_step, d.next_step_date) {
            (Some(n), Some(on)) => format!(" · next: {n} on {on}"),
            (Some(n), None) => format!(" · next: {n}"),
            _ => String::new(),
        };
        println!("  #{:<6} {} ({}){next}", d.id, d.title, d.company_name.as_deref().or(d.contact_name.as_deref()).unwrap_or(""));
    }
    for c in &page.clients {
        let abc = c.abc.map(|a| a.code()).unwrap_or("-");
        println!("  #{:<6} {} [{abc}] last contact {}", c.company_id, c.name, c.last_activity_on.map(|d| d.to_string()).unwrap_or_else(|| "never".into()));
    }
    for t in &page.tasks {
        println!("  #{:<6} {} {}", t.id, t.due_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(), t.subject);
    }
    Ok(ExitCode::SUCCESS)
}

//! `new`, `demo`, `info`, `check`: creating a workspace and looking at it.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::demo::{self, DemoSpec};
use conveyor_core::model::Lang;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct NewArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub name: String,
    /// Encrypt it with the passphrase from --passphrase-file or CONVEYOR_PASSPHRASE.
    #[arg(long)]
    pub encrypt: bool,
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// The built-in template to start from: generic-b2b, wholesale or agency.
    #[arg(long, default_value = "generic-b2b")]
    pub template: String,
}

#[derive(clap::Args)]
pub struct DemoArgs {
    pub file: PathBuf,
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    #[arg(long, default_value_t = 300)]
    pub contacts: u64,
    #[arg(long, default_value_t = 2_000)]
    pub activities: u64,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(clap::Args)]
pub struct InfoArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

pub fn new(ctx: &Ctx, args: NewArgs) -> Result<ExitCode, Error> {
    let NewArgs { file, name, lang, currency, encrypt, template } = args;
    if encrypt && ctx.key.is_none() {
        return Err(Error::validation("passphrase", "--encrypt needs a passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE."));
    }
    let init = NewWorkspace { name, lang, currency, is_demo: false, template: Some(template) };
    let store = workspace::create_with(&file, &ctx.clock, &init, ctx.key.as_ref().filter(|_| encrypt))?;
    let s = workspace::summary(&store)?;
    println!("Created {} (“{}”, {}, {}{}).", file.display(), s.name, s.lang, s.currency, if s.encrypted { ", encrypted" } else { "" });
    Ok(ExitCode::SUCCESS)
}

pub fn demo(ctx: &Ctx, args: DemoArgs) -> Result<ExitCode, Error> {
    let DemoArgs { file, lang, contacts, activities, seed } = args;
    let started = std::time::Instant::now();
    let (_store, report) = demo::create_workspace(&file, &ctx.clock, &DemoSpec { lang, contacts, activities, seed })?;
    println!(
        "Created demo workspace {} in {:.1} s: {} companies, {} contacts, {} deals, {} activities, {} orders, {} people.",
        file.display(),
        started.elapsed().as_secs_f64(),
        report.companies,
        report.contacts,
        report.deals,
        report.activities,
        report.orders,
        report.people
    );
    Ok(ExitCode::SUCCESS)
}

pub fn info(ctx: &Ctx, args: InfoArgs) -> Result<ExitCode, Error> {
    let InfoArgs { file, json } = args;
    let store = ctx.read(&file)?;
    let info = workspace::info(&store)?;
    if json {
        print_json(&info)?;
    } else {
        let c = &info.counts;
        println!("Workspace:      {}", info.summary.name);
        println!("Demo data:      {}", if info.summary.is_demo { "yes" } else { "no" });
        println!("File:           {}", info.summary.path);
        println!("Schema version: {}", info.summary.schema_version);
        println!("Language:       {}   Currency: {}", info.summary.lang, info.summary.currency);
        println!("People:         {}", c.people);
        println!("Companies:      {}", c.companies);
        println!("Contacts:       {}", c.contacts);
        println!("Steps:          {}", c.steps);
        println!("Deals:          {} (open {}, won {}, lost {}, disqualified {})", c.deals, c.deals_open, c.deals_won, c.deals_lost, c.deals_disqualified);
        for s in &info.open_deals_by_stage {
            println!("  stage {} {:<20} {} open", s.stage.number(), s.stage.code(), s.count);
        }
        println!("Activities:     {}", c.activities);
        println!("Orders:         {}", c.orders);
        if info.search_pending > 0 {
            println!("Search entries: {} rows still to index (search finds them meanwhile)", info.search_pending);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(ctx: &Ctx, args: CheckArgs) -> Result<ExitCode, Error> {
    let CheckArgs { file, json } = args;
    let store = ctx.read(&file)?;
    let report = workspace::check(&store)?;
    if json {
        print_json(&report)?;
    } else {
        if report.file_ok() {
            println!("File: ok (integrity and foreign keys).");
        }
        for p in &report.integrity {
            println!("Integrity problem: {p}");
        }
        for p in &report.foreign_keys {
            println!("Foreign-key problem: {p}");
        }
        if report.violations.is_empty() {
            println!("Rules: no violations.");
        } else {
            println!("Rules: {} violation(s) to work on:", report.violations.len());
            for v in &report.violations {
                println!("  [{}] {}", v.rule, v.message);
            }
        }
    }
    if !report.file_ok() {
        eprintln!("conveyor: {} is damaged. Restore it from a backup; keep this copy for support.", file.display());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

//! `conveyor import deals|orders`: the sales history from other CRMs,
//! spreadsheets and accounting (#15). A thin adapter over
//! `conveyor_core::usecases::import_history`.

use clap::Args;
use conveyor_core::interop::Problem;
use conveyor_core::interop::deals::DealPreset;
use conveyor_core::messages::Localize;
use conveyor_core::model::Stage;
use conveyor_core::usecases::import as interop;
use conveyor_core::usecases::import_history::{self as ih, Count, HistoryOptions, StepChoice};
use conveyor_core::{Error, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// `conveyor import deals FILE SRC …`
#[derive(Args)]
pub struct DealsArgs {
    pub file: PathBuf,
    /// A CSV or XLSX export of deals.
    pub src: PathBuf,
    /// Which program wrote it: auto, pipedrive, hubspot, amocrm, bitrix24 or generic.
    #[arg(long, default_value = "auto", value_parser = parse_preset)]
    pub preset: DealPreset,
    /// A workbook's sheet (default: the first with data).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Map a column yourself: `HEADER=FIELD` (or `#N=FIELD`, 1-based; FIELD `-` ignores it).
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// A stage value of the file and the step it means: `VALUE=STEP` (a step's name or id).
    #[arg(long = "step", value_name = "VALUE=STEP")]
    pub step: Vec<String>,
    /// Stage values that match no step become new steps of this stage: first_deal or lead_generation.
    #[arg(long, value_parser = parse_stage)]
    pub new_steps: Option<Stage>,
    /// Check and summarise; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
}

/// `conveyor import orders FILE SRC …`
#[derive(Args)]
pub struct OrdersArgs {
    pub file: PathBuf,
    /// A CSV or XLSX sales report: date, client, amount (and document number, product).
    pub src: PathBuf,
    #[arg(long)]
    pub sheet: Option<String>,
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
}

fn parse_preset(s: &str) -> Result<DealPreset, String> {
    DealPreset::parse(s).map_err(|e| e.message)
}

fn parse_stage(s: &str) -> Result<Stage, String> {
    match s.trim() {
        "first_deal" => Ok(Stage::FirstDeal),
        "lead_generation" => Ok(Stage::LeadGeneration),
        _ => Err(format!("“{s}” is not a stage for new steps. Use first_deal or lead_generation.")),
    }
}

fn counts(v: &[Count]) -> String {
    v.iter().map(|c| format!("{} {}", if c.label.is_empty() { "—" } else { &c.label }, c.count)).collect::<Vec<_>>().join(", ")
}

fn refused(source: &str, problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{source}:{}: {}: {}", p.line, p.field.as_deref().unwrap_or("row"), p.message);
    }
    eprintln!("conveyor: error[validation]: {} problem(s) in {source}; nothing was imported. Fix them and run the import again.", problems.len());
    ExitCode::from(1)
}

fn index(store: &mut Store) {
    if let Err(e) = interop::index_all_pending(store) {
        eprintln!("conveyor: warning: the import is saved, but its search entries could not be made yet ({}). Search finds them anyway.", e.message);
    }
}

pub fn deals(mut store: Store, clock: &dyn conveyor_core::clock::Clock, a: DealsArgs) -> Result<ExitCode, Error> {
    let bytes = interop::read_source(&a.src)?;
    let mut o = HistoryOptions::new(&a.src.display().to_string());
    o.preset = a.preset;
    o.sheet = a.sheet;
    o.map = a.map;
    o.steps = a.step.iter().map(|s| StepChoice::parse(s)).collect::<Result<_, _>>()?;
    o.new_steps = a.new_steps;
    let s = ih::import_deals(&mut store, clock, &bytes, &o, a.dry_run, &mut |_| true)?.localized(crate::lang::message_lang());
    if s.written {
        index(&mut store);
    }
    if a.json {
        crate::common::print_json(&s)?;
    } else {
        let verb = if s.written { "Imported" } else { "Would import" };
        println!("{verb} from {} ({}, {} export): {} rows.", s.file.source, s.file.kind, s.preset.as_str(), s.rows);
        for m in &s.mapping {
            println!(
                "  {} → {}",
                m.header,
                m.field.map(|f| serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()).unwrap_or("(ignored)".into())
            );
        }
        println!("Deals: {} new, {} updated, {} unchanged.", s.created, s.updated, s.unchanged);
        println!("New: {} companies, {} contacts, {} people, {} steps.", s.companies_created, s.contacts_created, s.people_created, s.steps_created.len());
        println!("By step: {}", counts(&s.by_step));
        println!("By status: {}", counts(&s.by_status));
        println!("By owner: {}", counts(&s.by_owner));
        if !s.unmatched_stages.is_empty() {
            println!("Stages that match no step: {}", counts(&s.unmatched_stages));
        }
        if s.open_without_company > 0 {
            println!("{} open deals have no company: Today lists them to fix.", s.open_without_company);
        }
        for w in &s.warnings {
            eprintln!("{}:{}: warning: {}", s.file.source, w.line, w.message);
        }
    }
    if !s.refused.is_empty() {
        return Ok(refused(&s.file.source, &s.refused));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn orders(mut store: Store, clock: &dyn conveyor_core::clock::Clock, a: OrdersArgs) -> Result<ExitCode, Error> {
    let bytes = interop::read_source(&a.src)?;
    let mut o = HistoryOptions::new(&a.src.display().to_string());
    o.sheet = a.sheet;
    o.map = a.map;
    let s = ih::import_orders(&mut store, clock, &bytes, &o, a.dry_run, &mut |_| true)?.localized(crate::lang::message_lang());
    if s.written {
        index(&mut store);
    }
    if a.json {
        crate::common::print_json(&s)?;
    } else {
        let verb = if s.written { "Imported" } else { "Would import" };
        println!("{verb} from {} ({}): {} rows.", s.file.source, s.file.kind, s.rows);
        println!("Orders: {} new, {} updated, {} unchanged; {} clients ({} new companies).", s.created, s.updated, s.unchanged, s.clients, s.companies_created);
        if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
            println!("From {a} to {b}.");
        }
        for t in &s.totals {
            println!("Total {}: {}.{:02}", t.label, t.count / 100, t.count % 100);
        }
    }
    if !s.refused.is_empty() {
        return Ok(refused(&s.file.source, &s.refused));
    }
    Ok(ExitCode::SUCCESS)
}

//! `conveyor`: the command-line face of Conveyor (DESIGN.md §6). A thin
//! adapter: parse arguments, call one use case, print. Exit status 0 = done,
//! 1 = the input was refused (the message says what and where), 2 = internal.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use conveyor_core::demo::{self, DemoSpec};
use conveyor_core::model::Lang;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::documents::{self, CallRegisterRequest, ProfileRequest};
use conveyor_core::usecases::workspace;
use conveyor_core::{Error, SystemClock};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "conveyor", version, about = "Conveyor: run the three-stage sales conveyor from one file.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create an empty workspace file with the default steps of the three stages.
    New {
        file: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, default_value = "EUR")]
        currency: String,
    },
    /// Create a workspace filled with a demo business (an office-supplies wholesaler).
    Demo {
        file: PathBuf,
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, default_value_t = 300)]
        contacts: u64,
        #[arg(long, default_value_t = 2_000)]
        activities: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Counts per entity and the schema version.
    Info {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Integrity and foreign-key checks of the file, and rule violations.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print a document as PDF.
    Pdf {
        #[command(subcommand)]
        doc: PdfCommand,
    },
}

#[derive(Subcommand)]
enum PdfCommand {
    /// The client profile of one company: card, contacts, deals, orders, history, next step.
    Profile {
        file: PathBuf,
        /// The company's id.
        #[arg(long)]
        company: i64,
        #[arg(long)]
        out: PathBuf,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// The call register for a period (both dates included), of everyone or one person.
    Calls {
        file: PathBuf,
        #[arg(long, value_parser = parse_date)]
        from: NaiveDate,
        #[arg(long, value_parser = parse_date)]
        to: NaiveDate,
        /// Only this person's calls (their id).
        #[arg(long)]
        person: Option<i64>,
        #[arg(long)]
        out: PathBuf,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("“{s}” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24"))
}

/// The command-line option behind a core error's field, so messages name what to fix.
fn option_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "company_id" => "--company",
        "person_id" => "--person",
        "to" => "--to",
        "from" => "--from",
        _ => return None,
    })
}

fn write_pdf(out: &std::path::Path, doc: &conveyor_core::pdf::Rendered, started: std::time::Instant) -> Result<(), Error> {
    let built = started.elapsed();
    documents::save(out, doc)?;
    for w in &doc.warnings {
        eprintln!("conveyor: warning: {w}");
    }
    println!(
        "Wrote {} ({} page{}, {:.1} KB) in {} ms.",
        out.display(),
        doc.pages,
        if doc.pages == 1 { "" } else { "s" },
        doc.bytes.len() as f64 / 1024.0,
        built.as_millis()
    );
    Ok(())
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse("--lang", s).map_err(|e| e.message)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are answers, not refusals; bad arguments are
            // refused input (exit 1), as DESIGN.md §6 says.
            let refused = e.use_stderr();
            let _ = e.print();
            return if refused { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            match e.field.as_deref().and_then(option_for) {
                Some(opt) => eprintln!("conveyor: error[{}]: {} (option {opt})", e.code.as_str(), e.message),
                None => eprintln!("conveyor: error[{}]: {e}", e.code.as_str()),
            }
            if e.code.is_user_error() { ExitCode::from(1) } else { ExitCode::from(2) }
        }
    }
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Error> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Error::internal(e.to_string()))?;
    println!("{s}");
    Ok(())
}

fn run(cmd: Command) -> Result<ExitCode, Error> {
    let clock = SystemClock;
    match cmd {
        Command::New { file, name, lang, currency } => {
            let store = workspace::create(&file, &clock, &NewWorkspace { name, lang, currency, is_demo: false })?;
            let s = workspace::summary(&store)?;
            println!("Created {} (“{}”, {}, {}).", file.display(), s.name, s.lang, s.currency);
        }
        Command::Demo { file, lang, contacts, activities, seed } => {
            let started = std::time::Instant::now();
            let (_store, report) = demo::create_workspace(&file, &clock, &DemoSpec { lang, contacts, activities, seed })?;
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
        }
        Command::Info { file, json } => {
            let store = workspace::open(&file, &clock)?;
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
            }
        }
        Command::Check { file, json } => {
            let store = workspace::open(&file, &clock)?;
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
                eprintln!(
                    "conveyor: {} is damaged. Restore it from a backup; keep this copy for support.",
                    file.display()
                );
                return Ok(ExitCode::from(1));
            }
        }
        Command::Pdf { doc } => match doc {
            PdfCommand::Profile { file, company, out, lang } => {
                let store = workspace::open(&file, &clock)?;
                let started = std::time::Instant::now();
                let doc = documents::client_profile(&store, &clock, &ProfileRequest { company_id: company, lang })?;
                write_pdf(&out, &doc, started)?;
            }
            PdfCommand::Calls { file, from, to, person, out, lang } => {
                let store = workspace::open(&file, &clock)?;
                let started = std::time::Instant::now();
                let doc = documents::call_register(&store, &clock, &CallRegisterRequest { from, to, person_id: person, lang })?;
                write_pdf(&out, &doc, started)?;
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

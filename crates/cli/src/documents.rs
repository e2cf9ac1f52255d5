//! `pdf …`: the documents.

use crate::common::*;
use crate::plan::TargetArgs;
use chrono::NaiveDate;
use conveyor_core::Error;
use conveyor_core::model::Lang;
use conveyor_core::output::Replace;
use conveyor_core::usecases::documents::{self, CallRegisterRequest, ProfileRequest};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum PdfCommand {
    /// The sales plan for a period, worked back from a turnover or profit target.
    Plan {
        file: PathBuf,
        #[command(flatten)]
        target: TargetArgs,
        #[arg(long)]
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// The client profile of one company: card, contacts, deals, orders, history, next step.
    Profile {
        file: PathBuf,
        /// The company's id.
        #[arg(long)]
        company: i64,
        #[arg(long)]
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
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
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// The weekly or monthly report: plan vs fact, coverage, funnel, issues (monthly: ABC migration).
    Report {
        file: PathBuf,
        /// weekly or monthly.
        #[arg(long, value_parser = parse_report_kind)]
        every: conveyor_core::usecases::reviews::ReviewKind,
        /// Any day of the week or month (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Only this person's work (their id).
        #[arg(long)]
        person: Option<i64>,
        #[arg(long)]
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// The regulation book of one role (hunter, closer, account_manager, head_of_sales) or of all roles.
    Book {
        file: PathBuf,
        /// One role's book; without it, the book of every role.
        #[arg(long, value_parser = parse_role)]
        role: Option<conveyor_core::model::Role>,
        #[arg(long)]
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
        /// Defaults to the workspace's language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
}

pub fn parse_report_kind(s: &str) -> Result<conveyor_core::usecases::reviews::ReviewKind, String> {
    use conveyor_core::usecases::reviews::ReviewKind;
    match s {
        "weekly" => Ok(ReviewKind::Weekly),
        "monthly" => Ok(ReviewKind::Monthly),
        _ => Err(format!("“{s}” is not a report; use weekly or monthly")),
    }
}

pub fn parse_role(s: &str) -> Result<conveyor_core::model::Role, String> {
    conveyor_core::model::Role::parse("--role", s).map_err(|e| e.message)
}

pub fn write_pdf(out: &std::path::Path, doc: &conveyor_core::pdf::Rendered, started: std::time::Instant, force: bool) -> Result<(), Error> {
    let built = started.elapsed();
    documents::save(out, doc, Replace::from_force(force))?;
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

pub fn run(ctx: &Ctx, doc: PdfCommand) -> Result<ExitCode, Error> {
    match doc {
        PdfCommand::Plan { file, target, out, lang, force } => {
            conveyor_core::output::check_target(&out, Replace::from_force(force))?;
            let store = ctx.read(&file)?;
            let started = std::time::Instant::now();
            let doc = documents::sales_plan(&store, &ctx.clock, &target.request(0.0, 0.0), lang)?;
            write_pdf(&out, &doc, started, force)?;
        }
        PdfCommand::Profile { file, company, out, lang, force } => {
            conveyor_core::output::check_target(&out, Replace::from_force(force))?;
            let store = ctx.read(&file)?;
            let started = std::time::Instant::now();
            let doc = documents::client_profile(&store, &ctx.clock, &ProfileRequest { company_id: company, lang })?;
            write_pdf(&out, &doc, started, force)?;
        }
        PdfCommand::Calls { file, from, to, person, out, lang, force } => {
            conveyor_core::output::check_target(&out, Replace::from_force(force))?;
            let store = ctx.read(&file)?;
            let started = std::time::Instant::now();
            let doc = documents::call_register(&store, &ctx.clock, &CallRegisterRequest { from, to, person_id: person, lang })?;
            write_pdf(&out, &doc, started, force)?;
        }
        PdfCommand::Report { file, every, date, person, out, lang, force } => {
            conveyor_core::output::check_target(&out, Replace::from_force(force))?;
            let store = ctx.read(&file)?;
            let started = std::time::Instant::now();
            let date = date.unwrap_or_else(|| conveyor_core::Clock::today(&ctx.clock));
            let doc = documents::report(&store, &ctx.clock, every, date, person, lang)?;
            write_pdf(&out, &doc, started, force)?;
        }
        PdfCommand::Book { file, role, out, lang, force } => {
            conveyor_core::output::check_target(&out, Replace::from_force(force))?;
            let store = ctx.read(&file)?;
            let started = std::time::Instant::now();
            let doc = documents::regulation_book(&store, &ctx.clock, role, lang)?;
            write_pdf(&out, &doc, started, force)?;
            drop(store);
            // The moving-in checklist counts each role's printed book. Printing
            // needs no lock; remembering it does, so a workspace open elsewhere
            // (or on a read-only medium) still gets its book, with a note.
            match ctx.open(&file).and_then(|mut s| conveyor_core::usecases::first_hour::record_book_saved(&mut s, &ctx.clock, role)) {
                Ok(()) => {}
                Err(e) => eprintln!("note: the moving-in checklist does not count this book yet ({})", e.message),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

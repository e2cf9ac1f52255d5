//! `conveyor`: the command-line face of Conveyor (DESIGN.md §6). A thin
//! adapter: parse arguments, call one use case, print. Exit status 0 = done,
//! 1 = the input was refused (the message says what and where), 2 = internal.
//! Each command lives in the module named like its feature in the core
//! (`usecases/<feature>.rs`); this file parses and dispatches.

mod analytics;
mod backup;
mod bench;
mod bench_history;
mod common;
mod crm;
mod daily;
mod documents;
mod export;
mod import;
mod import_history;
mod lang;
mod leads;
mod plan;
mod promote;
mod pull;
mod records;
mod security;
mod templates;
mod today;
mod workspace;

use clap::{Parser, Subcommand};
use common::{Ctx, passphrase_from};
use conveyor_core::{Error, SystemClock};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "conveyor", version, about = "Conveyor: run the three-stage sales conveyor from one file.")]
struct Cli {
    /// Read the passphrase of encrypted workspaces and backups from this file
    /// (first line). Without it, CONVEYOR_PASSPHRASE is used if set.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create an empty workspace file with the default steps of the three stages.
    New(workspace::NewArgs),
    /// Create a workspace filled with a demo business (an office-supplies wholesaler).
    Demo(workspace::DemoArgs),
    /// Make stage-1 leads (first call today) of contacts not yet in the conveyor.
    Leads(leads::LeadsArgs),
    /// What to do now: the Today lists (hygiene, each stage's work, tasks, broken norms).
    Today(today::TodayArgs),
    /// Counts per entity and the schema version.
    Info(workspace::InfoArgs),
    /// Measure speed on a synthetic workspace (release build recommended).
    Bench(bench::BenchArgs),
    /// Integrity and foreign-key checks of the file, and rule violations.
    Check(workspace::CheckArgs),
    /// Tags on companies and contacts.
    #[command(subcommand)]
    Tags(records::TagsCmd),
    /// The workspace's custom fields and their values.
    #[command(subcommand)]
    Fields(records::FieldsCmd),
    /// Possible duplicates: contacts or companies with the same e-mail, phone or name.
    Duplicates(records::DuplicatesArgs),
    /// Merge two contacts or companies (or undo a merge with --undo ID).
    Merge(records::MergeArgs),
    /// Search contacts and companies as the app does (tags and custom fields included).
    Search(records::SearchArgs),
    /// The clients list (contacts with their company), filtered.
    Clients(records::ClientsArgs),
    /// Import from other programs.
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Export to other programs (vCard, CSV, ICS).
    #[command(subcommand)]
    Export(export::ExportCmd),
    /// Copy the workspace to OUT (the file may stay open elsewhere), or make
    /// today's automatic backup (--auto; keeps the newest 7).
    Backup(backup::BackupArgs),
    /// Show what BACKUP holds; with --yes, replace FILE with it (FILE is kept
    /// as FILE.replaced-TIMESTAMP).
    Restore(backup::RestoreArgs),
    /// Copy a workspace into an empty PostgreSQL database as a team
    /// workspace, verified table by table; the file is left as it was.
    Promote(promote::PromoteArgs),
    /// Copy a team workspace from PostgreSQL into a new workspace file,
    /// verified table by table; the server is only read.
    Pull(pull::PullArgs),
    /// Protect a workspace with a passphrase (encryption at rest), change it, or remove it.
    #[command(subcommand)]
    Passphrase(security::PassphraseCmd),
    /// The sales plan.
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// The configured sales system as a template file (no client data).
    #[command(subcommand)]
    Template(templates::TemplateCmd),
    /// Funnel per step and stage, cycle, win rate, close reasons, sources and referrals.
    Analytics(analytics::AnalyticsArgs),
    /// Clients by value (ABC over the last 12 months) and the concentration warning.
    Abc(analytics::AbcArgs),
    /// Tests only: create N contacts, one transaction each, printing each id
    /// once it is committed (the crash-safety test kills this mid-stream).
    #[command(hide = true, name = "edit-stream")]
    EditStream(crm::EditStreamArgs),
    /// Print a document as PDF.
    Pdf {
        #[command(subcommand)]
        doc: documents::PdfCommand,
    },
    /// Tick tasks off (the ids `today --json` lists under tasks_due).
    #[command(subcommand)]
    Task(daily::TaskCmd),
    /// Change an open deal; the change goes into its timeline.
    #[command(subcommand)]
    Deal(crm::DealCmd),
}

/// The command-line option behind a core error's field, so messages name what to fix.
fn option_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "company_id" => "--company",
        "person_id" => "--person",
        "to" => "--to",
        "from" => "--from",
        "period" => "--period",
        "target" => "--turnover/--profit",
        "force" => "--force",
        "conversion_uplift" => "--conversion-uplift",
        "deal_size_uplift" => "--deal-size-uplift",
        _ => return None,
    })
}

fn main() -> ExitCode {
    // Output piped into `head` or `grep -q` may close early: end quietly as
    // Unix tools do, instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default SIGPIPE disposition at start-up, before
    // any thread exists, is async-signal-safe and has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
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
    match run(cli.command, cli.passphrase_file.as_deref()) {
        Ok(code) => code,
        Err(e) => {
            let e = e.localized(lang::message_lang());
            match e.field.as_deref().and_then(option_for) {
                Some(opt) => eprintln!("conveyor: error[{}]: {} (option {opt})", e.code.as_str(), e.message),
                None => eprintln!("conveyor: error[{}]: {e}", e.code.as_str()),
            }
            if e.code.is_user_error() { ExitCode::from(1) } else { ExitCode::from(2) }
        }
    }
}

fn run(cmd: Command, passphrase_file: Option<&Path>) -> Result<ExitCode, Error> {
    let ctx = Ctx { clock: SystemClock, key: passphrase_from(passphrase_file, "CONVEYOR_PASSPHRASE")? };
    match cmd {
        Command::New(args) => workspace::new(&ctx, args),
        Command::Demo(args) => workspace::demo(&ctx, args),
        Command::Leads(args) => leads::run(&ctx, args),
        Command::Today(args) => today::run(&ctx, args),
        Command::Info(args) => workspace::info(&ctx, args),
        Command::Bench(args) => bench::command(args),
        Command::Check(args) => workspace::check(&ctx, args),
        Command::Import(cmd) => import::run(&ctx, cmd),
        Command::Export(cmd) => export::run(&ctx, cmd),
        Command::Backup(args) => backup::backup(&ctx, args),
        Command::Restore(args) => backup::restore(&ctx, args),
        Command::Promote(args) => promote::run(&ctx, args),
        Command::Pull(args) => pull::run(&ctx, args),
        Command::Passphrase(cmd) => security::run(&ctx, cmd),
        Command::Plan(cmd) => plan::run(&ctx, cmd),
        Command::Template(cmd) => templates::run(&ctx, cmd),
        Command::Analytics(args) => analytics::analytics(&ctx, args),
        Command::Abc(args) => analytics::abc(&ctx, args),
        Command::EditStream(args) => crm::edit_stream(&ctx, args),
        Command::Pdf { doc } => documents::run(&ctx, doc),
        Command::Task(cmd) => daily::run(&ctx, cmd),
        Command::Deal(cmd) => crm::run(&ctx, cmd),
        Command::Tags(cmd) => records::tags_cmd(cmd, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
        Command::Fields(cmd) => records::fields_cmd(cmd, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
        Command::Duplicates(a) => records::duplicates_cmd(a, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
        Command::Merge(a) => records::merge_cmd(a, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
        Command::Search(a) => records::search_cmd(a, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
        Command::Clients(a) => records::clients_cmd(a, &ctx.clock, ctx.key.as_ref()).map(|_| ExitCode::SUCCESS),
    }
}

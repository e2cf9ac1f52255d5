//! `conveyor`: the command-line face of Conveyor (DESIGN.md §6). A thin
//! adapter: parse arguments, call one use case, print. Exit status 0 = done,
//! 1 = the input was refused (the message says what and where), 2 = internal.

mod bench;
mod records;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use conveyor_core::demo::{self, DemoSpec};
use conveyor_core::interop::mapping::{ContactField, Preset};
use conveyor_core::model::Lang;
use conveyor_core::output::Replace;
use conveyor_core::store::Passphrase;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::documents::{self, CallRegisterRequest, ProfileRequest};
use conveyor_core::usecases::interop::{self, ContactsFormat, DuplicatePolicy, ImportOptions, ImportSummary};
use conveyor_core::usecases::{analytics, backup, plan, security, workspace};
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

/// The passphrase a command opens files with: `--passphrase-file`, else
/// `CONVEYOR_PASSPHRASE`, else none.
fn passphrase_from(file: Option<&Path>, env: &str) -> Result<Option<Passphrase>, Error> {
    if let Some(f) = file {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("The passphrase file {} cannot be read: {e}. Check the path.", f.display())))?;
        let line = text.lines().next().unwrap_or("");
        return Ok(Some(Passphrase::new(line)));
    }
    Ok(std::env::var(env).ok().filter(|p| !p.is_empty()).map(Passphrase::new))
}

#[derive(Subcommand)]
enum Command {
    /// Create an empty workspace file with the default steps of the three stages.
    New {
        file: PathBuf,
        #[arg(long)]
        name: String,
        /// Encrypt it with the passphrase from --passphrase-file or CONVEYOR_PASSPHRASE.
        #[arg(long)]
        encrypt: bool,
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, default_value = "EUR")]
        currency: String,
        /// The built-in template to start from: generic-b2b, wholesale or agency.
        #[arg(long, default_value = "generic-b2b")]
        template: String,
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
    /// Make stage-1 leads (first call today) of contacts not yet in the conveyor.
    Leads {
        file: PathBuf,
        /// Contact ids, comma-separated (default: every contact of the clients list).
        #[arg(long, value_delimiter = ',')]
        contacts: Vec<i64>,
        /// The first next step of each new lead.
        #[arg(long, default_value = "First call")]
        next_step: String,
        #[arg(long)]
        json: bool,
    },
    /// What to do now: the Today lists (hygiene, each stage's work, tasks, broken norms).
    Today {
        file: PathBuf,
        /// One person's Today (default: everybody's).
        #[arg(long)]
        person: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Counts per entity and the schema version.
    Info {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Measure speed on a synthetic workspace (release build recommended).
    Bench {
        #[arg(long, default_value_t = 100_000)]
        contacts: u64,
        #[arg(long, default_value_t = 1_000_000)]
        activities: u64,
        /// Measure only the CSV import against `sqlite3 .import` (quick, for work on the importer).
        #[arg(long)]
        only_import: bool,
        #[arg(long)]
        json: bool,
    },
    /// Integrity and foreign-key checks of the file, and rule violations.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
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
    Import(ImportCmd),
    /// Export to other programs (vCard, CSV, ICS).
    #[command(subcommand)]
    Export(ExportCmd),
    /// Copy the workspace to OUT (the file may stay open elsewhere), or make
    /// today's automatic backup (--auto; keeps the newest 7).
    Backup {
        file: PathBuf,
        out: Option<PathBuf>,
        #[arg(long, conflicts_with = "out")]
        auto: bool,
        /// Replace OUT if it exists and is not a workspace (a backup is one).
        #[arg(long, requires = "out")]
        force: bool,
        /// Folder of automatic backups (default: backups/ beside the workspace).
        #[arg(long, requires = "auto")]
        dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Show what BACKUP holds; with --yes, replace FILE with it (FILE is kept
    /// as FILE.replaced-TIMESTAMP).
    Restore {
        backup: PathBuf,
        file: PathBuf,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Protect a workspace with a passphrase (encryption at rest), change it, or remove it.
    #[command(subcommand)]
    Passphrase(PassphraseCmd),
    /// The sales plan.
    #[command(subcommand)]
    Plan(PlanCmd),
    /// The configured sales system as a template file (no client data).
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Funnel per step and stage, cycle, win rate, close reasons, sources and referrals.
    Analytics {
        file: PathBuf,
        /// First day (default: a year before --to).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day, included (default: today).
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Clients by value (ABC over the last 12 months) and the concentration warning.
    Abc {
        file: PathBuf,
        /// Store the computed classes on the companies (Today's check-in cadence uses them).
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Tests only: create N contacts, one transaction each, printing each id
    /// once it is committed (the crash-safety test kills this mid-stream).
    #[command(hide = true, name = "edit-stream")]
    EditStream {
        file: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
    },
    /// Print a document as PDF.
    Pdf {
        #[command(subcommand)]
        doc: PdfCommand,
    },
    /// Tick tasks off (the ids `today --json` lists under tasks_due).
    #[command(subcommand)]
    Task(TaskCmd),
    /// Change an open deal; the change goes into its timeline.
    #[command(subcommand)]
    Deal(DealCmd),
}

#[derive(Subcommand)]
enum TaskCmd {
    /// Mark a task (or a routine's task) done now.
    Done {
        file: PathBuf,
        #[arg(long)]
        id: i64,
        /// What came of it.
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DealCmd {
    /// Change a deal's title, value (in minor units), owner or next step.
    Set {
        file: PathBuf,
        #[arg(long)]
        id: i64,
        #[arg(long)]
        title: Option<String>,
        /// In minor units (cents): 125000 is 1,250.00.
        #[arg(long)]
        value: Option<i64>,
        /// The person who owns the deal (`0` for nobody).
        #[arg(long)]
        owner: Option<i64>,
        #[arg(long)]
        next_step: Option<String>,
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PassphraseCmd {
    /// Encrypt a plaintext workspace. The new passphrase comes from
    /// --new-passphrase-file or CONVEYOR_NEW_PASSPHRASE.
    Set {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Replace the passphrase (the current one as for every command, the new
    /// one from --new-passphrase-file or CONVEYOR_NEW_PASSPHRASE).
    Change {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Decrypt: the workspace becomes a plaintext file again.
    Remove { file: PathBuf },
}

#[derive(Subcommand)]
enum PlanCmd {
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

#[derive(Subcommand)]
enum TemplateCmd {
    /// The built-in templates.
    List {
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        json: bool,
    },
    /// Write FILE's steps, cards, scripts, regulations and plan parameters to OUT.
    Export {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Replace FILE's configured system with the template IN (never client
    /// data); --dry-run only shows what would change.
    Import {
        file: PathBuf,
        input: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

/// A planning period and its target, shared by `plan derive` and `pdf plan`.
#[derive(clap::Args)]
struct TargetArgs {
    /// A month (2027-01), a quarter (2027-Q1) or a year (2027).
    #[arg(long)]
    period: String,
    /// Turnover target in the workspace currency, e.g. 50000 or 50000.50.
    #[arg(long, value_parser = parse_amount, conflicts_with = "profit", required_unless_present = "profit")]
    turnover: Option<i64>,
    /// Profit (margin) target in the workspace currency.
    #[arg(long, value_parser = parse_amount)]
    profit: Option<i64>,
}

impl TargetArgs {
    fn request(self, conversion_uplift_pct: f64, deal_size_uplift_pct: f64) -> conveyor_core::usecases::plan::DeriveRequest {
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

/// An amount in major units ("50000", "50 000", "50000.5") to minor units.
fn parse_amount(s: &str) -> Result<i64, String> {
    let clean: String = s.chars().filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{a0}').collect::<String>().replace(',', ".");
    let bad = || format!("“{s}” is not an amount; write it like 50000 or 50000.50");
    let (whole, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| bad())? };
    whole.checked_mul(100).and_then(|w| w.checked_add(frac)).ok_or_else(bad)
}

fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    let whole = (m / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{:02} {currency}", m % 100)
}

fn print_plan(p: &conveyor_core::plan::PlanDerivation) {
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

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.1} %", v * 100.0))
}

fn print_status(st: &conveyor_core::usecases::plan::PlanStatus) {
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

fn print_analytics(a: &conveyor_core::usecases::analytics::Analytics) {
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

fn print_abc(r: &conveyor_core::usecases::analytics::AbcReport, changed: Option<i64>) {
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

#[derive(Subcommand)]
enum PdfCommand {
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

fn parse_report_kind(s: &str) -> Result<conveyor_core::usecases::reviews::ReviewKind, String> {
    use conveyor_core::usecases::reviews::ReviewKind;
    match s {
        "weekly" => Ok(ReviewKind::Weekly),
        "monthly" => Ok(ReviewKind::Monthly),
        _ => Err(format!("“{s}” is not a report; use weekly or monthly")),
    }
}

fn parse_role(s: &str) -> Result<conveyor_core::model::Role, String> {
    conveyor_core::model::Role::parse("--role", s).map_err(|e| e.message)
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
        "period" => "--period",
        "target" => "--turnover/--profit",
        "force" => "--force",
        "conversion_uplift" => "--conversion-uplift",
        "deal_size_uplift" => "--deal-size-uplift",
        _ => return None,
    })
}

fn write_pdf(out: &std::path::Path, doc: &conveyor_core::pdf::Rendered, started: std::time::Instant, force: bool) -> Result<(), Error> {
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

#[derive(Subcommand)]
enum ImportCmd {
    /// Contacts (and their companies) from a CSV or vCard file. All or nothing.
    Contacts {
        file: PathBuf,
        src: PathBuf,
        #[arg(long, default_value = "auto", value_parser = parse_preset)]
        preset: Preset,
        #[arg(long, default_value = "skip", value_parser = parse_duplicates)]
        duplicates: DuplicatePolicy,
        /// Map a CSV column yourself: `HEADER=FIELD` (or `#N=FIELD`, 1-based;
        /// FIELD `-` ignores it). Unnamed columns keep the preset's mapping.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Check and summarise; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ExportCmd {
    /// Contacts as vCard 4.0 (default), vCard 3.0 or CSV.
    Contacts {
        file: PathBuf,
        out: PathBuf,
        #[arg(long, default_value = "vcard4", value_parser = parse_format)]
        format: ContactsFormat,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Deals as CSV.
    Deals {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Activities as CSV.
    Activities {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Routines, next steps of open deals and open tasks as iCalendar (ICS).
    Calendar {
        file: PathBuf,
        out: PathBuf,
        /// IANA time zone of the routines (default: the system's).
        #[arg(long)]
        tz: Option<String>,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    Preset::parse(s).map_err(|e| e.message)
}

fn parse_duplicates(s: &str) -> Result<DuplicatePolicy, String> {
    DuplicatePolicy::parse(s).map_err(|e| e.message)
}

fn parse_format(s: &str) -> Result<ContactsFormat, String> {
    ContactsFormat::parse(s).map_err(|e| e.message)
}

fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    interop::read_source(path)
}

/// Writes next to the target first, then renames: a half-written export never
/// replaces a good one, and nothing goes over a workspace.
fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    interop::write_whole(path, bytes, Replace::from_force(force))
}

/// Opens a workspace for reading only (no lock: it may stay open elsewhere),
/// telling the person when the file cannot be written.
fn open_reader(file: &Path, clock: &SystemClock, key: Option<&Passphrase>) -> Result<conveyor_core::Store, Error> {
    let store = workspace::open_for_reading(file, clock, key)?;
    if let Some(note) = store.read_only_note() {
        eprintln!("conveyor: note: {note}");
    }
    Ok(store)
}

/// Applies `--map` arguments over the preset's mapping of the file's headers.
fn user_mapping(bytes: &[u8], o: &ImportOptions, maps: &[String]) -> Result<Option<Vec<conveyor_core::interop::mapping::ColumnMapping>>, Error> {
    if maps.is_empty() {
        return Ok(None);
    }
    let mut m = interop::detect_mapping(bytes, o)?;
    for arg in maps {
        let (col, field) = arg.rsplit_once('=').ok_or_else(|| Error::validation("--map", format!("“{arg}” should look like HEADER=FIELD.")))?;
        let idx = match col.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n >= 1 => m.iter().position(|c| c.column as usize == n - 1),
            _ => m.iter().position(|c| c.header == col),
        }
        .ok_or_else(|| Error::validation("--map", format!("The file has no column “{col}”.")))?;
        m[idx].field = if field.trim() == "-" { None } else { Some(ContactField::parse(field).map_err(|e| Error::validation("--map", e.message))?) };
    }
    Ok(Some(m))
}

fn print_summary(s: &ImportSummary, dry_run: bool) {
    let what = if s.written {
        "Imported"
    } else if dry_run {
        "Dry run (nothing written)"
    } else {
        "Nothing imported"
    };
    println!(
        "{what}: {} — {} rows, format {}, encoding {}{}",
        s.source,
        s.rows,
        serde_json::to_value(s.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        s.encoding,
        s.delimiter.as_ref().map(|d| format!(", delimiter {d}")).unwrap_or_default()
    );
    println!("  new contacts:     {}", s.created);
    println!("  updated:          {}", s.updated);
    println!("  duplicates skipped: {}", s.skipped);
    if s.created_duplicates > 0 {
        println!("  duplicates created anyway: {}", s.created_duplicates);
    }
    println!("  new companies:    {}", s.companies_created);
    for w in &s.warnings {
        println!("  note: {}:{}: {}", s.source, w.line, w.message);
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse("--lang", s).map_err(|e| e.message)
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
            match e.field.as_deref().and_then(option_for) {
                Some(opt) => eprintln!("conveyor: error[{}]: {} (option {opt})", e.code.as_str(), e.message),
                None => eprintln!("conveyor: error[{}]: {e}", e.code.as_str()),
            }
            if e.code.is_user_error() { ExitCode::from(1) } else { ExitCode::from(2) }
        }
    }
}

fn template_cmd(cmd: TemplateCmd, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    use conveyor_core::usecases::playbook::{self, ChangeAction};
    match cmd {
        TemplateCmd::List { lang, json } => {
            let list = playbook::list_templates(lang)?;
            if json {
                return print_json(&list);
            }
            for t in list {
                println!("{:<12} {}", t.id, t.name);
            }
        }
        TemplateCmd::Export { file, out, force } => {
            let store = open_reader(&file, clock, key)?;
            playbook::export_file(&store, &out, Replace::from_force(force))?;
            println!("Wrote {}.", out.display());
        }
        TemplateCmd::Import { file, input, dry_run, json } => {
            let text =
                std::fs::read_to_string(&input).map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("{} cannot be read: {e}.", input.display())))?;
            let mut store = workspace::open_with(&file, clock, key)?;
            let report = playbook::import(&mut store, clock, &input.display().to_string(), &text, dry_run)?;
            if json {
                return print_json(&report);
            }
            let verb = |a: ChangeAction| match a {
                ChangeAction::Add => "add",
                ChangeAction::Update => "update",
                ChangeAction::Archive => "archive",
                ChangeAction::Keep => "keep (in use)",
            };
            for c in &report.changes {
                println!("{:<14} {:<12} {:<40} {}", verb(c.action), c.section, c.key, c.name);
            }
            match (dry_run, report.changes.len()) {
                (_, 0) => println!("Nothing to change: the workspace already has this template."),
                (true, n) => println!("Dry run: {n} changes would be made; nothing was changed."),
                (false, n) => println!("Imported “{}”: {n} changes.", report.template.name),
            }
        }
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Error> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Error::internal(e.to_string()))?;
    println!("{s}");
    Ok(())
}

fn run(cmd: Command, passphrase_file: Option<&Path>) -> Result<ExitCode, Error> {
    let clock = SystemClock;
    let key = passphrase_from(passphrase_file, "CONVEYOR_PASSPHRASE")?;
    let open = |file: &Path| workspace::open_with(file, &clock, key.as_ref());
    let read = |file: &Path| open_reader(file, &clock, key.as_ref());
    match cmd {
        Command::New { file, name, lang, currency, encrypt, template } => {
            if encrypt && key.is_none() {
                return Err(Error::validation("passphrase", "--encrypt needs a passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE."));
            }
            let init = NewWorkspace { name, lang, currency, is_demo: false, template: Some(template) };
            let store = workspace::create_with(&file, &clock, &init, key.as_ref().filter(|_| encrypt))?;
            let s = workspace::summary(&store)?;
            println!("Created {} (“{}”, {}, {}{}).", file.display(), s.name, s.lang, s.currency, if s.encrypted { ", encrypted" } else { "" });
        }
        Command::Template(cmd) => template_cmd(cmd, &clock, key.as_ref())?,
        Command::Tags(cmd) => records::tags_cmd(cmd, &clock, key.as_ref())?,
        Command::Fields(cmd) => records::fields_cmd(cmd, &clock, key.as_ref())?,
        Command::Duplicates(a) => records::duplicates_cmd(a, &clock, key.as_ref())?,
        Command::Merge(a) => records::merge_cmd(a, &clock, key.as_ref())?,
        Command::Search(a) => records::search_cmd(a, &clock, key.as_ref())?,
        Command::Clients(a) => records::clients_cmd(a, &clock, key.as_ref())?,
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
        Command::Leads { file, contacts, next_step, json } => {
            use conveyor_core::usecases::leads::{self, LeadsFrom, MakeLeadsInput};
            let mut store = open(&file)?;
            let from = if contacts.is_empty() { LeadsFrom::Filter { filter: Default::default() } } else { LeadsFrom::Contacts { ids: contacts } };
            let made = leads::make_leads(&mut store, &clock, &MakeLeadsInput { from, next_step, next_step_date: conveyor_core::Clock::today(&clock) })?;
            if json {
                print_json(&made)?;
            } else {
                println!("New leads: {}. Already in the conveyor: {}. Clients left alone: {}.", made.created, made.already_in_conveyor, made.clients);
            }
        }
        Command::Today { file, person, json } => {
            let store = read(&file)?;
            let t = conveyor_core::usecases::today::today(&store, &clock, person)?;
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
        }
        Command::Info { file, json } => {
            let store = read(&file)?;
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
                println!(
                    "Deals:          {} (open {}, won {}, lost {}, disqualified {})",
                    c.deals, c.deals_open, c.deals_won, c.deals_lost, c.deals_disqualified
                );
                for s in &info.open_deals_by_stage {
                    println!("  stage {} {:<20} {} open", s.stage.number(), s.stage.code(), s.count);
                }
                println!("Activities:     {}", c.activities);
                println!("Orders:         {}", c.orders);
                if info.search_pending > 0 {
                    println!("Search entries: {} rows still to index (search finds them meanwhile)", info.search_pending);
                }
            }
        }
        Command::Bench { contacts, activities, only_import, json } => {
            let report = if only_import { bench::run_import()? } else { bench::run(contacts, activities)? };
            if json {
                print_json(&report)?;
            } else {
                bench::print(&report);
            }
        }
        Command::Check { file, json } => {
            let store = read(&file)?;
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
        }
        Command::Import(ImportCmd::Contacts { file, src, preset, duplicates, map, dry_run, json }) => {
            let bytes = read_input(&src)?;
            let mut store = open(&file)?;
            let mut o = ImportOptions { source_name: src.display().to_string(), preset, duplicates, mapping: None };
            o.mapping = user_mapping(&bytes, &o, &map)?;
            let s = interop::import_contacts(&mut store, &clock, &bytes, &o, dry_run)?;
            if s.written {
                // The import is committed; its search entries come right after.
                if let Err(e) = interop::index_all_pending(&mut store) {
                    eprintln!(
                        "conveyor: warning: the contacts are imported, but their search entries could not be made yet ({}). Search finds them anyway; the app makes the entries the next time it opens {}.",
                        e.message,
                        file.display()
                    );
                }
            }
            if json {
                print_json(&s)?;
            } else {
                print_summary(&s, dry_run);
            }
            if !s.refused.is_empty() {
                for p in &s.refused {
                    let card = p.card.map(|c| format!(" card {c}:")).unwrap_or_default();
                    eprintln!("{}:{}:{card} {}: {}", s.source, p.line, p.field.as_deref().unwrap_or("row"), p.message);
                }
                eprintln!(
                    "conveyor: error[validation]: {} problem(s) in {}; nothing was imported. Fix them and run the import again.",
                    s.refused.len(),
                    s.source
                );
                return Ok(ExitCode::from(1));
            }
        }
        Command::Export(e) => {
            let (file, out, force) = match &e {
                ExportCmd::Contacts { file, out, force, .. }
                | ExportCmd::Deals { file, out, force }
                | ExportCmd::Activities { file, out, force }
                | ExportCmd::Calendar { file, out, force, .. } => (file, out, *force),
            };
            // Refused before the work when OUT may not be written.
            conveyor_core::output::check_target(out, Replace::from_force(force))?;
            let store = read(file)?;
            let (bytes, what) = match &e {
                ExportCmd::Contacts { format, .. } => {
                    let (b, n) = interop::export_contacts(&store, *format)?;
                    (b, format!("{n} contacts"))
                }
                ExportCmd::Deals { .. } => {
                    let (b, n) = interop::export_deals(&store)?;
                    (b, format!("{n} deals"))
                }
                ExportCmd::Activities { .. } => {
                    let (b, n) = interop::export_activities(&store)?;
                    (b, format!("{n} activities"))
                }
                ExportCmd::Calendar { tz, .. } => {
                    let zone = tz.clone().unwrap_or_else(conveyor_core::interop::ics::system_zone_name);
                    let (b, c) = interop::export_calendar(&store, &clock, &zone)?;
                    (b, format!("{} routine(s), {} next step(s), {} task(s) in {}", c.routines, c.next_steps, c.tasks, c.time_zone))
                }
            };
            write_output(out, &bytes, force)?;
            println!("Exported {what} to {}.", out.display());
        }
        Command::Backup { file, out, auto, dir, json, force } => {
            let store = read(&file)?;
            if auto {
                let dir = dir.unwrap_or_else(|| backup::default_dir(&file));
                match backup::auto_backup(&store, &clock, &dir)? {
                    Some(p) => println!("Backed up to {} (keeping the newest {}).", p.display(), backup::AUTO_KEEP),
                    None => println!("Today's backup already exists in {}.", dir.display()),
                }
            } else {
                let Some(out) = out else {
                    return Err(Error::validation("OUT", "Name the backup file (conveyor backup FILE OUT), or use --auto."));
                };
                let c = backup::backup_to_file(&store, &clock, &out, Replace::from_force(force))?;
                if json {
                    print_json(&c)?;
                } else {
                    println!(
                        "Backed up {} to {} ({} contacts, {} deals, {} activities).",
                        file.display(),
                        out.display(),
                        c.counts.contacts,
                        c.counts.deals,
                        c.counts.activities
                    );
                }
            }
        }
        Command::Restore { backup: from, file, yes, json } => {
            let c = backup::inspect(&from, key.as_ref())?;
            if !yes {
                if json {
                    print_json(&c)?;
                } else {
                    println!("Backup:         {}", c.path);
                    println!("Workspace:      {}{}", c.workspace_name, if c.is_demo { " (demo)" } else { "" });
                    println!("Taken:          {}", c.backup_taken_at.as_deref().unwrap_or("unknown (a workspace file, not a backup)"));
                    println!("Created:        {}", c.workspace_created_at);
                    println!("Schema version: {}", c.schema_version);
                    println!(
                        "Contacts {}, companies {}, deals {}, activities {}, orders {}, people {}.",
                        c.counts.contacts, c.counts.companies, c.counts.deals, c.counts.activities, c.counts.orders, c.counts.people
                    );
                    println!("Nothing was changed. To replace {} with this backup, run again with --yes (the current file is kept beside it).", file.display());
                }
            } else {
                let r = backup::restore(&clock, &from, &file, key.as_ref())?;
                if json {
                    print_json(&r)?;
                } else {
                    println!("Restored {} from {} ({} contacts).", file.display(), from.display(), r.restored.counts.contacts);
                    if let Some(k) = &r.replaced_kept_as {
                        println!("The replaced file was kept as {k}.");
                    }
                }
            }
        }
        Command::Passphrase(cmd) => {
            let new_key = |f: Option<&Path>| -> Result<Passphrase, Error> {
                passphrase_from(f, "CONVEYOR_NEW_PASSPHRASE")?
                    .ok_or_else(|| Error::validation("new_passphrase", "Give the new passphrase: --new-passphrase-file FILE or CONVEYOR_NEW_PASSPHRASE."))
            };
            match cmd {
                PassphraseCmd::Set { file, new_passphrase_file } => {
                    let new = new_key(new_passphrase_file.as_deref())?;
                    let mut store = open(&file)?;
                    security::set_passphrase(&mut store, &new)?;
                    println!(
                        "{} is now encrypted. Keep the passphrase safe: without it the file cannot be opened. Older backups stay as they were.",
                        file.display()
                    );
                }
                PassphraseCmd::Change { file, new_passphrase_file } => {
                    let new = new_key(new_passphrase_file.as_deref())?;
                    let current = key.clone().ok_or_else(|| {
                        Error::new(
                            conveyor_core::ErrorCode::PassphraseRequired,
                            format!("{} needs its current passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE.", file.display()),
                        )
                    })?;
                    let mut store = open(&file)?;
                    security::change_passphrase(&mut store, &current, &new)?;
                    println!("The passphrase of {} was changed.", file.display());
                }
                PassphraseCmd::Remove { file } => {
                    let mut store = open(&file)?;
                    let current = key.clone().unwrap_or_else(|| Passphrase::new(""));
                    security::remove_passphrase(&mut store, &current)?;
                    println!("{} is no longer encrypted.", file.display());
                }
            }
        }
        Command::EditStream { file, count } => {
            use std::io::Write;
            let mut store = open(&file)?;
            let stdout = std::io::stdout();
            for i in 0..count {
                let c = conveyor_core::usecases::crm::create_contact(
                    &mut store,
                    &clock,
                    &conveyor_core::model::ContactInput { first_name: format!("Edit {i}"), ..Default::default() },
                )?;
                // Acknowledged only after the commit returned.
                let mut out = stdout.lock();
                writeln!(out, "{}", c.id).and_then(|_| out.flush()).map_err(Error::from)?;
            }
        }
        Command::Plan(PlanCmd::Derive { file, target, conversion_uplift, deal_size_uplift, json }) => {
            let store = read(&file)?;
            let p = conveyor_core::usecases::plan::derive(&store, &clock, &target.request(conversion_uplift, deal_size_uplift))?;
            if json {
                print_json(&p)?;
            } else {
                print_plan(&p);
            }
        }
        Command::Task(TaskCmd::Done { file, id, outcome, json }) => {
            let mut store = open(&file)?;
            let a = conveyor_core::usecases::daily::complete_task(&mut store, &clock, id, outcome.as_deref())?;
            if json {
                print_json(&a)?;
            } else {
                println!("Done: {} (#{}).", a.subject, a.id);
            }
        }
        Command::Deal(DealCmd::Set { file, id, title, value, owner, next_step, date, json }) => {
            use conveyor_core::usecases::crm;
            let mut store = open(&file)?;
            let d = crm::get_deal(&store, id)?;
            let input = conveyor_core::model::DealInput {
                title: title.unwrap_or(d.title),
                company_id: d.company_id,
                contact_id: d.contact_id,
                step_id: d.step_id,
                value_minor: value.unwrap_or(d.value_minor),
                currency: Some(d.currency),
                owner_id: match owner {
                    Some(0) => None,
                    Some(p) => Some(p),
                    None => d.owner_id,
                },
                source: d.source,
                referred_by_id: d.referred_by_id,
                next_step: next_step.or(d.next_step),
                next_step_date: date.or(d.next_step_date),
            };
            let d = crm::update_deal(&mut store, &clock, id, &input)?;
            if json {
                print_json(&d)?;
            } else {
                println!("Saved: {} (#{}), {} {}.", d.title, d.id, d.value_minor, d.currency);
            }
        }
        Command::Plan(PlanCmd::Set { file, target, conversion_uplift, deal_size_uplift, niche, json }) => {
            let mut store = open(&file)?;
            let p = plan::save_plan(&mut store, &clock, &target.request(conversion_uplift, deal_size_uplift), niche.as_deref())?;
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
        Command::Plan(PlanCmd::Status { file, period, person, json }) => {
            let store = read(&file)?;
            let st = plan::plan_status(&store, &clock, &period, person)?;
            if json {
                print_json(&st)?;
            } else {
                print_status(&st);
            }
        }
        Command::Analytics { file, from, to, json } => {
            let store = read(&file)?;
            let a = analytics::analytics(&store, &clock, &analytics::AnalyticsRequest { from, to, person_id: None })?;
            if json {
                print_json(&a)?;
            } else {
                print_analytics(&a);
            }
        }
        Command::Abc { file, apply, json } => {
            let (r, changed) = if apply {
                let a = analytics::apply_abc(&mut open(&file)?, &clock)?;
                (a.report, Some(a.changed))
            } else {
                (analytics::abc(&read(&file)?, &clock)?, None)
            };
            if json {
                print_json(&serde_json::json!({ "report": r, "changed": changed }))?;
            } else {
                print_abc(&r, changed);
            }
        }
        Command::Pdf { doc } => match doc {
            PdfCommand::Plan { file, target, out, lang, force } => {
                conveyor_core::output::check_target(&out, Replace::from_force(force))?;
                let store = read(&file)?;
                let started = std::time::Instant::now();
                let doc = documents::sales_plan(&store, &clock, &target.request(0.0, 0.0), lang)?;
                write_pdf(&out, &doc, started, force)?;
            }
            PdfCommand::Profile { file, company, out, lang, force } => {
                conveyor_core::output::check_target(&out, Replace::from_force(force))?;
                let store = read(&file)?;
                let started = std::time::Instant::now();
                let doc = documents::client_profile(&store, &clock, &ProfileRequest { company_id: company, lang })?;
                write_pdf(&out, &doc, started, force)?;
            }
            PdfCommand::Calls { file, from, to, person, out, lang, force } => {
                conveyor_core::output::check_target(&out, Replace::from_force(force))?;
                let store = read(&file)?;
                let started = std::time::Instant::now();
                let doc = documents::call_register(&store, &clock, &CallRegisterRequest { from, to, person_id: person, lang })?;
                write_pdf(&out, &doc, started, force)?;
            }
            PdfCommand::Report { file, every, date, person, out, lang, force } => {
                conveyor_core::output::check_target(&out, Replace::from_force(force))?;
                let store = read(&file)?;
                let started = std::time::Instant::now();
                let date = date.unwrap_or_else(|| conveyor_core::Clock::today(&clock));
                let doc = documents::report(&store, &clock, every, date, person, lang)?;
                write_pdf(&out, &doc, started, force)?;
            }
            PdfCommand::Book { file, role, out, lang, force } => {
                conveyor_core::output::check_target(&out, Replace::from_force(force))?;
                let store = read(&file)?;
                let started = std::time::Instant::now();
                let doc = documents::regulation_book(&store, &clock, role, lang)?;
                write_pdf(&out, &doc, started, force)?;
                drop(store);
                // The moving-in checklist counts each role's printed book. Printing
                // needs no lock; remembering it does, so a workspace open elsewhere
                // (or on a read-only medium) still gets its book, with a note.
                match open(&file).and_then(|mut s| conveyor_core::usecases::first_hour::record_book_saved(&mut s, &clock, role)) {
                    Ok(()) => {}
                    Err(e) => eprintln!("note: the moving-in checklist does not count this book yet ({})", e.message),
                }
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

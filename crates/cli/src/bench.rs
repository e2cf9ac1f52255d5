//! `conveyor bench`: builds a synthetic workspace with the demo generator and
//! measures the operations DESIGN.md §5 sets targets for, with warm-up and
//! repeated runs (median and p95). Timing lives here, never in tests.

use crate::common::print_json;
use conveyor_core::demo::{self, DemoSpec};
use conveyor_core::model::Lang;
use conveyor_core::store::clients::ClientFilter;
use conveyor_core::usecases::{board, clients, today};
use conveyor_core::{Error, Store, SystemClock};
use serde::Serialize;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Serialize)]
pub struct Measurement {
    pub name: String,
    pub runs: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    /// The DESIGN.md / issue target, if there is one.
    pub target_ms: Option<f64>,
}

impl Measurement {
    fn ok(&self) -> Option<bool> {
        self.target_ms.map(|t| self.p95_ms <= t)
    }
}

#[derive(Serialize)]
pub struct Report {
    pub contacts: u64,
    pub activities: u64,
    pub build_seconds: f64,
    pub file_mb: f64,
    pub measurements: Vec<Measurement>,
}

/// Runs `f` `warmup` times unmeasured, then `runs` times measured.
pub(crate) fn measure<T>(
    name: &str,
    target_ms: Option<f64>,
    warmup: usize,
    runs: usize,
    mut f: impl FnMut() -> Result<T, Error>,
) -> Result<Measurement, Error> {
    for _ in 0..warmup {
        std::hint::black_box(f()?);
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    Ok(Measurement { name: name.into(), runs, median_ms: pick(0.5), p95_ms: pick(0.95), target_ms })
}

pub fn run(contacts: u64, activities: u64) -> Result<Report, Error> {
    let clock = SystemClock;
    let dir = std::env::temp_dir().join(format!("conveyor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.conveyor");
    let _cleanup = Cleanup(dir.clone());

    eprintln!("Building a workspace with {contacts} contacts and {activities} activities…");
    let t = Instant::now();
    // Russian demo data: Cyrillic names and Latin e-mail addresses to search.
    let (store, _) = demo::create_workspace(&path, &clock, &DemoSpec { lang: Lang::Ru, contacts, activities, seed: 7 })?;
    drop(store);
    let build_seconds = t.elapsed().as_secs_f64();
    let file_mb = std::fs::metadata(&path)?.len() as f64 / 1_048_576.0;

    let mut m = vec![];
    m.push(measure("open workspace", None, 1, 10, || Store::open(&path, &clock).map(drop))?);
    let mut store = Store::open(&path, &clock)?;
    // A saved plan for this month, so plan vs fact has lines to compare.
    let month = conveyor_core::plan::Period::month_of(conveyor_core::Clock::today(&clock)).code();
    {
        use conveyor_core::usecases::plan::{DeriveRequest, Target, save_plan};
        save_plan(
            &mut store,
            &clock,
            &DeriveRequest { period: month.clone(), target: Target::Turnover(5_000_000_000), conversion_uplift: 0.0, deal_size_uplift: 0.0, rates: vec![] },
            None,
        )?;
    }
    let store = store;
    m.push(measure("Today (all lists)", Some(5.0), 3, 30, || today::today(&store, &clock, None))?);
    if std::env::var_os("CONVEYOR_BENCH_DETAIL").is_some() {
        use conveyor_core::store::today as tq;
        let c = store.conn();
        let d = clock_today(&clock);
        m.push(measure("  today: without next step", None, 2, 20, || tq::without_next_step(c, None, None, 20))?);
        m.push(measure("  today: overdue", None, 2, 20, || tq::next_step_before(c, None, None, d - chrono::Duration::days(3), 20))?);
        m.push(measure("  today: stale", None, 2, 20, || tq::stale(c, None, None, d - chrono::Duration::days(38), 20))?);
        m.push(measure("  today: cycle", None, 2, 20, || tq::average_cycle_days(c))?);
        m.push(measure("  today: stage 1 due", None, 2, 20, || tq::stage_due(c, None, None, conveyor_core::model::Stage::LeadGeneration, d, 20))?);
        m.push(measure("  today: stage 2 due", None, 2, 20, || tq::stage_due(c, None, None, conveyor_core::model::Stage::FirstDeal, d, 20))?);
        m.push(measure("  today: settings", None, 2, 20, || conveyor_core::store::meta::work_settings(c))?);
        m.push(measure("  today: tasks", None, 2, 20, || tq::tasks_due(c, None, None, d.and_hms_opt(23, 59, 0).unwrap(), 20))?);
        let cut = |n: i64| d - chrono::Duration::days(n);
        use conveyor_core::model::Abc;
        m.push(measure("  today: check-ins", None, 2, 20, || {
            tq::checkins_due(c, None, None, [(Some(Abc::A), cut(30)), (Some(Abc::B), cut(60)), (Some(Abc::C), cut(90)), (None, cut(90))], 20)
        })?);
        m.push(measure("  today: calls", None, 2, 20, || tq::calls_done(c, None, d.and_hms_opt(0, 0, 0).unwrap(), d.and_hms_opt(23, 59, 0).unwrap()))?);
        m.push(measure("  today: orders expected", None, 2, 20, || tq::orders_expected(c, None, None, d, 20))?);
        m.push(measure("  today: broken norms (all regulations)", None, 2, 20, || conveyor_core::usecases::norms::violations(c, &clock, None, 20))?);
        use conveyor_core::store::{cards::CardKind, norms};
        m.push(measure("  norm: qualification card", None, 2, 20, || norms::incomplete_cards(c, None, CardKind::Qualification, chrono::NaiveDate::MIN, 20))?);
        m.push(measure("  norm: hand-over card", None, 2, 20, || norms::incomplete_cards(c, None, CardKind::Handover, chrono::NaiveDate::MIN, 20))?);
        m.push(measure("  norm: no next step > 3 days", None, 2, 20, || norms::without_next_step_since(c, None, d - chrono::Duration::days(3), 20))?);
        m.push(measure("  norm: quiet > 14 days", None, 2, 20, || norms::stale_since(c, None, d - chrono::Duration::days(14), 20))?);
    }
    m.push(measure("board aggregates + cards", Some(20.0), 3, 30, || board::get_board(&store, &clock, &board::BoardQuery::default()))?);
    for q in ["и", "ив", "иван", "смир", "елк", "ivan", "smirn", "916"] {
        m.push(measure(&format!("search “{q}”"), Some(10.0), 3, 30, || clients::search(&store, q))?);
    }
    let f = ClientFilter::default();
    m.push(measure("clients list, first 100", Some(20.0), 3, 30, || clients::list(&store, &f, 0, 100))?);
    let deep = (contacts.saturating_sub(200)) as u32;
    m.push(measure("clients list, 100 near the end", Some(50.0), 3, 30, || clients::list(&store, &f, deep, 100))?);
    {
        use conveyor_core::usecases::documents;
        use conveyor_core::usecases::plan::{DeriveRequest, Target};
        let req =
            DeriveRequest { period: "2027".into(), target: Target::Turnover(5_000_000_000), conversion_uplift: 0.0, deal_size_uplift: 0.0, rates: vec![] };
        m.push(measure("plan: measure the history, computed", None, 1, 10, || {
            store.forget_cached();
            conveyor_core::usecases::plan::measure(&store, &clock)
        })?);
        m.push(measure("plan: measure the history, kept", None, 1, 10, || conveyor_core::usecases::plan::measure(&store, &clock))?);
        m.push(measure("12-month plan PDF (derive + render)", Some(100.0), 1, 10, || documents::sales_plan(&store, &clock, &req, None))?);
        m.push(measure("plan vs fact, this month (everybody)", Some(100.0), 2, 20, || {
            conveyor_core::usecases::plan::plan_status(&store, &clock, &month, None)
        })?);
        m.push(measure("ABC, last 12 months, computed", Some(100.0), 1, 10, || {
            store.forget_cached();
            conveyor_core::usecases::analytics::abc(&store, &clock)
        })?);
        m.push(measure("ABC, last 12 months, kept (the next open)", Some(100.0), 1, 10, || conveyor_core::usecases::analytics::abc(&store, &clock))?);
        // The rest of the analytics tab, and the screens' other reads.
        use conveyor_core::usecases::analytics::{self, AnalyticsRequest, MigrationRequest};
        let mig = MigrationRequest { from_period: None, to_period: None, moved_limit: None };
        m.push(measure("ABC migration, computed", Some(100.0), 1, 10, || {
            store.forget_cached();
            analytics::abc_migration(&store, &clock, &mig)
        })?);
        m.push(measure("ABC migration, kept", Some(100.0), 1, 10, || analytics::abc_migration(&store, &clock, &mig))?);
        let all = AnalyticsRequest { from: None, to: None, person_id: None };
        m.push(measure("analytics, last 12 months, computed", Some(100.0), 1, 10, || {
            store.forget_cached();
            analytics::analytics(&store, &clock, &all)
        })?);
        m.push(measure("analytics, last 12 months, kept", Some(100.0), 1, 10, || analytics::analytics(&store, &clock, &all))?);
        let biggest: i64 = store.conn().query_row("SELECT company_id FROM orders ORDER BY amount_minor DESC LIMIT 1", [], |r| r.get(0))?;
        m.push(measure("client profile (the biggest client)", Some(100.0), 2, 20, || clients::profile(&store, biggest))?);
        let d = clock_today(&clock);
        let week = documents::CallRegisterRequest { from: d - chrono::Duration::days(6), to: d, person_id: None, lang: None };
        m.push(measure("call register, last 7 days", Some(100.0), 2, 20, || documents::call_register_rows(&store, &week))?);
    }
    {
        // The regulation book of every role, its scripts repeated (as a
        // business with several scripts per stage has) until it runs to 50+ pages.
        use conveyor_core::pdf::{self, docs::book};
        let mut data = book::load(&store)?;
        let base = data.scripts.clone();
        let mut copies = 1;
        let pages = loop {
            let pages = pdf::render(&book::build(&data, None, Lang::Ru), &clock)?.pages;
            if pages >= 50 || base.is_empty() || copies > 20 {
                break pages;
            }
            copies += 1;
            data.scripts.extend(base.iter().cloned().map(|mut s| {
                s.name = format!("{} ({copies})", s.name);
                s
            }));
        };
        m.push(measure(&format!("regulation book PDF, {pages} pages (load + render)"), Some(300.0), 1, 10, || {
            let mut d = book::load(&store)?;
            d.scripts = data.scripts.clone();
            pdf::render(&book::build(&d, None, Lang::Ru), &clock)
        })?);
    }
    {
        // The window's actions: a call logged on an open deal, a deal moved
        // a step on (and back, in turn), and the figures read after them.
        use conveyor_core::model::{ActivityKind, Stage};
        use conveyor_core::usecases::{analytics, crm, daily, pipeline};
        let mut store = store;
        let steps: Vec<i64> = crm::list_steps(&store)?.into_iter().filter(|s| s.stage == Stage::LeadGeneration).map(|s| s.id).collect();
        if steps.len() >= 2 {
            let deal: i64 = store.conn().query_row(
                "SELECT id FROM deals WHERE status = 'open' AND archived_at IS NULL AND step_id = ?1 ORDER BY id LIMIT 1",
                [steps[0]],
                |r| r.get(0),
            )?;
            let d = clock_today(&clock);
            let call = pipeline::LogInput {
                kind: ActivityKind::Call,
                deal_id: Some(deal),
                contact_id: None,
                company_id: None,
                subject: None,
                outcome: Some("Reached".into()),
                duration_min: Some(3),
                notes: None,
                next_step: Some("Call back".into()),
                next_step_date: Some(d + chrono::Duration::days(1)),
            };
            m.push(measure("log a call", Some(100.0), 2, 20, || daily::log_and_close(&mut store, &clock, &call, &[]))?);
            let mut on = false;
            m.push(measure("move a deal a step (and back)", Some(100.0), 2, 20, || {
                on = !on;
                pipeline::move_deal(&mut store, &clock, deal, if on { steps[1] } else { steps[0] })
            })?);
            // A call touches no order: ABC stays kept; a moved deal makes analytics stale.
            m.push(measure("ABC after logging a call (kept)", Some(100.0), 1, 10, || {
                daily::log_and_close(&mut store, &clock, &call, &[])?;
                analytics::abc(&store, &clock)
            })?);
        }
    }
    import_vs_sqlite(&dir, &mut m)?;
    crate::bench_history::history_vs_sqlite(&dir, &mut m, history_divisor())?;
    Ok(Report { contacts, activities, build_seconds, file_mb, measurements: m })
}

/// Only the import measurements (`conveyor bench --only-import`).
pub fn run_import() -> Result<Report, Error> {
    let dir = std::env::temp_dir().join(format!("conveyor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let _cleanup = Cleanup(dir.clone());
    let mut m = vec![];
    import_vs_sqlite(&dir, &mut m)?;
    Ok(Report { contacts: 0, activities: 0, build_seconds: 0.0, file_mb: 0.0, measurements: m })
}

/// Only the sales history import (`conveyor bench --only-history`).
pub fn run_history() -> Result<Report, Error> {
    let dir = std::env::temp_dir().join(format!("conveyor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let _cleanup = Cleanup(dir.clone());
    let mut m = vec![];
    crate::bench_history::history_vs_sqlite(&dir, &mut m, history_divisor())?;
    Ok(Report { contacts: 0, activities: 0, build_seconds: 0.0, file_mb: 0.0, measurements: m })
}

/// `CONVEYOR_BENCH_HISTORY_DIVISOR=10` shrinks the history files tenfold
/// (a quick check that the bench runs, e.g. in a debug build).
fn history_divisor() -> usize {
    std::env::var("CONVEYOR_BENCH_HISTORY_DIVISOR").ok().and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// CSV import of 100,000 contacts into a new workspace, and, for the ratio
/// DESIGN.md sets (within 2x), the SQLite shell's own `.import` of the same
/// file into a plain table of a WAL file with synchronous=FULL like ours.
fn import_vs_sqlite(dir: &std::path::Path, m: &mut Vec<Measurement>) -> Result<(), Error> {
    use conveyor_core::interop::mapping::Preset;
    use conveyor_core::model::Lang;
    use conveyor_core::store::meta::NewWorkspace;
    use conveyor_core::usecases::import::{self, DuplicatePolicy, ImportOptions};
    const ROWS: usize = 100_000;
    let csv_path = dir.join("contacts.csv");
    let mut csv = String::from("First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,Notes\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "Anna{i},Petrova{},Company {} Ltd,Manager,anna{i}@example{}.com,+7 916 {:07},\"Met at the fair, \"\"hall {}\"\"\"\n",
            i % 977,
            i % 20_000,
            i % 20_000,
            i,
            i % 9
        ));
    }
    std::fs::write(&csv_path, &csv)?;
    let bytes = csv.into_bytes();
    let clock = SystemClock;
    let mut run = 0;
    let opts =
        ImportOptions { source_name: "contacts.csv".into(), preset: Preset::Auto, duplicates: DuplicatePolicy::Create, mapping: None, skip_bad_values: false };
    // The import commits the rows; their search entries are made right after
    // (the app does it in the background, search reads waiting rows directly).
    // Into new, empty workspaces (made beforehand: creating a workspace is
    // not part of an import), opened, imported and closed, like the shell's
    // run on a new file.
    let mut stored = vec![];
    for i in 1..=3 {
        let path = dir.join(format!("import-{i}.conveyor"));
        drop(Store::create(&path, &clock, &NewWorkspace::new("Import", Lang::En, "EUR"))?);
        stored.push(path);
    }
    let import = measure("CSV import of 100,000 contacts", None, 0, 3, || {
        let mut store = Store::open(&stored[run], &clock)?;
        run += 1;
        let summary = import::import_contacts(&mut store, &clock, &bytes, &opts, false)?;
        drop(store);
        Ok(summary)
    })?;
    let (import_median, import_p95) = (import.median_ms, import.p95_ms);
    m.push(import);
    // Search in the moment between the import and its search entries: the
    // waiting rows are read directly (a name near the end of the file, and
    // one that is not there, which reads them all).
    {
        let store = Store::open(&stored[0], &clock)?;
        for q in ["anna99990 petrova", "nobody"] {
            m.push(measure(&format!("  search “{q}” before the entries"), None, 1, 5, || clients::search(&store, q))?);
        }
    }
    let index = measure("  then their search entries", None, 0, 3, || {
        let mut store = Store::open(&stored.remove(0), &clock)?;
        import::index_all_pending(&mut store)
    })?;
    let both = Measurement {
        name: "  import and search entries together".into(),
        runs: 3,
        median_ms: import_median + index.median_ms,
        p95_ms: import_p95 + index.p95_ms,
        target_ms: None,
    };
    m.push(index);
    m.push(both);
    let mut run = 0;
    let sqlite = measure("sqlite3 .import of the same file", None, 0, 3, || {
        run += 1;
        let db = dir.join(format!("plain-{run}.sqlite"));
        let script = format!("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n.mode csv\n.import '{}' contacts\n", csv_path.display());
        let out = std::process::Command::new("sqlite3")
            .arg(&db)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().expect("stdin").write_all(script.as_bytes())?;
                child.wait()
            })
            .map_err(|e| {
                Error::new(conveyor_core::ErrorCode::Io, format!("Could not run sqlite3 ({e}); install it (apt-get install sqlite3) for the import ratio."))
            })?;
        Ok(out.success())
    });
    match sqlite {
        Ok(x) => {
            let import = m.iter().find(|i| i.name == "CSV import of 100,000 contacts").map_or(0.0, |i| i.median_ms);
            let both = m.iter().find(|i| i.name == "  import and search entries together").map_or(0.0, |i| i.median_ms);
            let (ratio, ratio_both) = (import / x.median_ms, both / x.median_ms);
            m.push(x);
            m.push(Measurement { name: "  import / sqlite3 .import (median)".into(), runs: 3, median_ms: ratio, p95_ms: ratio, target_ms: Some(2.0) });
            m.push(Measurement {
                name: "  with the search entries / sqlite3 .import".into(),
                runs: 3,
                median_ms: ratio_both,
                p95_ms: ratio_both,
                target_ms: None,
            });
        }
        Err(e) => eprintln!("{e}"),
    }
    Ok(())
}

struct Cleanup(std::path::PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn print(r: &Report) {
    println!("Workspace: {} contacts, {} activities; built in {:.1} s; file {:.0} MB", r.contacts, r.activities, r.build_seconds, r.file_mb);
    println!("{:<34} {:>5} {:>10} {:>10} {:>10}", "operation", "runs", "median ms", "p95 ms", "target ms");
    for x in &r.measurements {
        let verdict = match x.ok() {
            Some(true) => "ok",
            Some(false) => "MISSED",
            None => "",
        };
        let target = x.target_ms.map(|t| format!("{t:.0}")).unwrap_or_default();
        println!("{:<34} {:>5} {:>10.2} {:>10.2} {:>10}  {verdict}", x.name, x.runs, x.median_ms, x.p95_ms, target);
    }
}

fn clock_today(c: &dyn conveyor_core::Clock) -> chrono::NaiveDate {
    c.today()
}

#[derive(clap::Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub contacts: u64,
    #[arg(long, default_value_t = 1_000_000)]
    pub activities: u64,
    /// Measure only the CSV import against `sqlite3 .import` (quick, for work on the importer).
    #[arg(long)]
    pub only_import: bool,
    /// Measure only the sales history import (100,000 deals, 1,000,000 orders) against `sqlite3 .import`.
    #[arg(long)]
    pub only_history: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn command(args: BenchArgs) -> Result<ExitCode, Error> {
    let BenchArgs { contacts, activities, only_import, only_history, json } = args;
    let report = if only_history {
        run_history()?
    } else if only_import {
        run_import()?
    } else {
        run(contacts, activities)?
    };
    if json {
        print_json(&report)?;
    } else {
        print(&report);
    }
    Ok(ExitCode::SUCCESS)
}

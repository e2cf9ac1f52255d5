//! `conveyor bench`: the sales history import (#15) — 100,000 deals and
//! 1,000,000 orders, each against `sqlite3 .import` of the same file (the
//! issue's bar: within 3×), then the analytics, the plan's measurement and
//! ABC over the imported history.

use crate::bench::{Measurement, measure};
use conveyor_core::model::Lang;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::import_history::{self, HistoryOptions};
use conveyor_core::{Error, Store, SystemClock};
use std::path::Path;

/// Sizes of the files; `history_sizes(10)` gives a tenth (a quick check).
pub fn sizes(divisor: usize) -> (usize, usize) {
    (100_000 / divisor.max(1), 1_000_000 / divisor.max(1))
}

fn deals_csv(n: usize) -> String {
    let stages = ["Needs analysis", "Offer sent", "Negotiation", "Contract and invoice", "won", "lost", "won", "lost"];
    let mut s = String::with_capacity(n * 130);
    s.push_str(
        "Deal - ID,Deal - Title,Deal - Value,Deal - Organization,Deal - Owner,Deal - Stage,Deal - Deal created,Deal - Close time,Deal - Source channel\n",
    );
    for i in 0..n {
        let stage = stages[i % stages.len()];
        let (m, d) = (1 + i % 12, 1 + i % 27);
        let closed = if stage == "won" || stage == "lost" { format!("2026-{m:02}-{:02}", (d + 1).min(28)) } else { String::new() };
        s.push_str(&format!(
            "{i},Deal {i},{},Company {} Ltd,Owner {},{stage},2026-{m:02}-{d:02} 10:00:00,{closed},{}\n",
            100 + i % 9_000,
            i % 20_000,
            i % 7,
            if i % 3 == 0 { "Referral" } else { "Web search" }
        ));
    }
    s
}

fn orders_csv(n: usize) -> String {
    let mut s = String::with_capacity(n * 60);
    s.push_str("Дата;Документ;Контрагент;Сумма\n");
    for i in 0..n {
        s.push_str(&format!("{:02}.{:02}.2026;Р-{i};Company {} Ltd;\"{} {:03},00\"\n", 1 + i % 28, 1 + i % 12, i % 20_000, 1 + i % 90, i % 1000));
    }
    s
}

fn sqlite_import(dir: &Path, csv: &Path, table: &str, run: usize, separator: &str) -> Result<bool, Error> {
    let db = dir.join(format!("plain-{table}-{run}.sqlite"));
    let script = format!("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n.mode csv\n.separator \"{separator}\"\n.import '{}' {table}\n", csv.display());
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
}

/// Imports the deals and the orders into new workspaces (three runs each),
/// `sqlite3 .import` of the same files, and the reports over the history.
pub fn history_vs_sqlite(dir: &Path, m: &mut Vec<Measurement>, divisor: usize) -> Result<(), Error> {
    let clock = SystemClock;
    let (n_deals, n_orders) = sizes(divisor);
    for (kind, text, sep, n) in [("deals", deals_csv(n_deals), ",", n_deals), ("orders", orders_csv(n_orders), ";", n_orders)] {
        let csv = dir.join(format!("{kind}.csv"));
        std::fs::write(&csv, &text)?;
        let bytes = text.into_bytes();
        let mut paths = vec![];
        for i in 1..=3 {
            let p = dir.join(format!("history-{kind}-{i}.conveyor"));
            drop(Store::create(&p, &clock, &NewWorkspace::new("History", Lang::En, "EUR"))?);
            paths.push(p);
        }
        let mut run = 0;
        let o = HistoryOptions::new(&format!("{kind}.csv"));
        let name = format!("import of {n} {kind} (CSV)");
        let ours = measure(&name, None, 0, 3, || {
            let mut store = Store::open(&paths[run], &clock)?;
            run += 1;
            if kind == "deals" {
                let s = import_history::import_deals(&mut store, &clock, &bytes, &o, false, &mut |_| true)?;
                Ok(s.created)
            } else {
                let s = import_history::import_orders(&mut store, &clock, &bytes, &o, false, &mut |_| true)?;
                Ok(s.created)
            }
        })?;
        let mut run = 0;
        let theirs = measure(&format!("  sqlite3 .import of the {kind} file"), None, 0, 3, || {
            run += 1;
            sqlite_import(dir, &csv, kind, run, sep)
        });
        let ours_median = ours.median_ms;
        m.push(ours);
        match theirs {
            Ok(x) => {
                let ratio = ours_median / x.median_ms;
                m.push(x);
                m.push(Measurement { name: format!("  {kind} import / sqlite3 .import"), runs: 3, median_ms: ratio, p95_ms: ratio, target_ms: Some(3.0) });
            }
            Err(e) => eprintln!("{e}"),
        }
        // The reports over the imported history (the first workspace).
        let store = Store::open(&paths[0], &clock)?;
        if kind == "deals" {
            let req = conveyor_core::usecases::analytics::AnalyticsRequest { from: None, to: None, person_id: None };
            // Computed afresh each time (the store keeps them otherwise).
            m.push(measure("  analytics over the imported deals", Some(100.0), 1, 5, || {
                store.forget_cached();
                conveyor_core::usecases::analytics::analytics(&store, &clock, &req)
            })?);
            m.push(measure("  plan: measure the imported history", None, 1, 5, || {
                store.forget_cached();
                conveyor_core::usecases::plan::measure(&store, &clock)
            })?);
        } else {
            m.push(measure("  ABC over the imported orders", Some(100.0), 1, 5, || {
                store.forget_cached();
                conveyor_core::usecases::analytics::abc(&store, &clock)
            })?);
        }
    }
    Ok(())
}

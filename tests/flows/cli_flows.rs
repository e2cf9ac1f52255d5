//! Flows across the core and the real `conveyor` binary.

use conveyor_core::model::Stage;
use conveyor_core::usecases::workspace;
use conveyor_core::{FixedClock, Store};
use conveyor_flow_tests::{conveyor, stderr, stdout};
use serde_json::Value;

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+00:00")
}

#[test]
fn demo_then_info_reports_the_same_counts_as_the_core_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.conveyor");
    let f = file.to_str().unwrap();

    let out = conveyor(&["demo", f, "--lang", "ru", "--contacts", "300", "--activities", "1200", "--seed", "5"]);
    assert!(out.status.success(), "demo failed: {}", stderr(&out));
    assert!(stdout(&out).contains("120 companies, 300 contacts"), "{}", stdout(&out));

    let out = conveyor(&["info", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let info: Value = serde_json::from_str(&stdout(&out)).expect("info --json is JSON");
    assert_eq!(info["counts"]["contacts"], 300);
    assert_eq!(info["counts"]["companies"], 120);
    assert_eq!(info["counts"]["activities"], 1200);
    assert_eq!(info["summary"]["is_demo"], true);
    assert_eq!(info["summary"]["lang"], "ru");
    assert_eq!(info["summary"]["schema_version"], conveyor_core::store::migrations::latest_version());

    // The core, opening the same file, sees exactly what the CLI reported.
    let store = Store::open(&file, &clock()).unwrap();
    let core = workspace::info(&store).unwrap();
    assert_eq!(serde_json::to_value(&core.counts).unwrap(), info["counts"]);
    let stages: Vec<Value> = info["open_deals_by_stage"].as_array().unwrap().clone();
    assert_eq!(stages.len(), 3);
    for (s, c) in Stage::ALL.iter().zip(&core.open_deals_by_stage) {
        let cli = stages.iter().find(|x| x["stage"] == s.code()).unwrap();
        assert_eq!(cli["count"], c.count);
        assert!(c.count > 0, "the demo has open deals in stage {}", s.code());
    }
    drop(store);

    let out = conveyor(&["check", f]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("File: ok"), "{}", stdout(&out));
    let out = conveyor(&["check", f, "--json"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["integrity"], Value::Array(vec![]));
    assert_eq!(report["foreign_keys"], Value::Array(vec![]));
}

#[test]
fn a_workspace_open_elsewhere_is_refused_as_locked_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("held.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["new", f, "--name", "Held Ltd"]).status.success());

    let held = Store::open(&file, &clock()).unwrap();
    // Reading needs no lock (issue #14); writing does.
    for cmd in ["info", "check"] {
        let out = conveyor(&[cmd, f]);
        assert_eq!(out.status.code(), Some(0), "{cmd} reads while the file is held: {}", stderr(&out));
    }
    for args in [vec!["abc", f, "--apply"], vec!["plan", "set", f, "--period", "2027-01", "--turnover", "5000"]] {
        let out = conveyor(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("error[workspace_locked]"), "{err}");
        assert!(err.contains(&format!("process {}", std::process::id())), "names the holder: {err}");
    }
    drop(held);
    let out = conveyor(&["check", f]);
    assert_eq!(out.status.code(), Some(0), "usable again once released: {}", stderr(&out));
}

#[test]
fn refused_input_exits_1_with_a_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("contacts.csv");
    std::fs::write(&text, "name,email\nAnna,anna@example.com\n").unwrap();
    let t = text.to_str().unwrap();

    let out = conveyor(&["info", t]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[invalid_file]") && stderr(&out).contains("contacts.csv"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "name,email\nAnna,anna@example.com\n");

    let out = conveyor(&["new", t, "--name", "X"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[conflict]"), "{}", stderr(&out));

    let fresh = dir.path().join("new.conveyor");
    let out = conveyor(&["new", fresh.to_str().unwrap(), "--name", "X", "--currency", "EURO"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("workspace.currency"), "names the field: {}", stderr(&out));
    assert!(!fresh.exists(), "nothing half-made is left behind");

    let out = conveyor(&["demo", fresh.to_str().unwrap(), "--lang", "de"]);
    assert_eq!(out.status.code(), Some(1), "bad arguments are refused input");
    assert!(!fresh.exists());

    let out = conveyor(&["info", dir.path().join("missing.conveyor").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[not_found]"), "{}", stderr(&out));

    assert_eq!(conveyor(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_damaged_file_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("damaged.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--contacts", "200", "--activities", "500"]).status.success());
    // Overwrite pages in the middle of the file (after the header page).
    let mut bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() > 64 * 1024);
    for b in &mut bytes[20_000..60_000] {
        *b = 0x5A;
    }
    std::fs::write(&file, &bytes).unwrap();
    let out = conveyor(&["check", f]);
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("damaged") || stdout(&out).contains("problem"), "says the file is damaged: {}{}", stdout(&out), stderr(&out));
}

#[test]
fn plan_derive_works_a_target_back_to_calls_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--seed", "9"]).status.success());
    let out = conveyor(&["plan", "derive", f, "--period", "2027-01", "--turnover", "150000", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let p: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(p["inputs"]["target_turnover_minor"], 15_000_000);
    assert_eq!(p["working_days"], 21);
    let (deals, offers, calls) = (p["first_deals"].as_i64().unwrap(), p["offers"].as_i64().unwrap(), p["calls"].as_i64().unwrap());
    assert!(deals > 0 && offers >= deals && calls > offers, "{deals} {offers} {calls}");
    assert!(p["inputs"]["rates"].as_array().unwrap().iter().all(|r| r["measured"] == true), "the demo has history for every rate");
    // Better conversion needs fewer calls.
    let better = conveyor(&["plan", "derive", f, "--period", "2027-01", "--turnover", "150000", "--conversion-uplift", "20", "--json"]);
    let b: Value = serde_json::from_str(&stdout(&better)).unwrap();
    assert!(b["calls"].as_i64().unwrap() < calls);
    // The text form says what was measured.
    let text = stdout(&conveyor(&["plan", "derive", f, "--period", "2027-Q1", "--profit", "20 000"]));
    assert!(text.contains("calls per working day") && text.contains("measured"), "{text}");
    // Refusals name the option.
    let bad = conveyor(&["plan", "derive", f, "--period", "2027-13", "--turnover", "1"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--period"), "{}", stderr(&bad));
    assert_eq!(conveyor(&["plan", "derive", f, "--period", "2027-01"]).status.code(), Some(1), "a target is required");
}

#[test]
fn plan_set_saves_the_same_numbers_and_status_compares_plan_with_fact() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan-status.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--seed", "9"]).status.success());
    let json = |args: &[&str]| -> Value {
        let out = conveyor(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let derived = json(&["plan", "derive", f, "--period", "2099-01", "--turnover", "150000", "--json"]);
    let saved = json(&["plan", "set", f, "--period", "2099-01", "--turnover", "150000", "--niche", "Office supplies: 20 % margin", "--json"]);
    // `plan set` saves exactly what `plan derive` prints.
    assert_eq!(saved["derivation"], derived);
    assert_eq!(saved["niche_benchmark"], "Office supplies: 20 % margin");
    let lines = saved["lines"].as_array().unwrap();
    let sum = |k: &str| lines.iter().map(|l| l[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!((sum("calls"), sum("first_deals")), (derived["calls"].as_i64().unwrap(), derived["first_deals"].as_i64().unwrap()));
    // The status of a future month: the plan, nothing done yet, no forecast.
    let st = json(&["plan", "status", f, "--period", "2099-01", "--json"]);
    assert_eq!(st["plan"]["turnover_minor"], 15_000_000);
    assert_eq!((st["days_elapsed"].as_i64(), st["forecast_turnover_minor"].is_null()), (Some(0), true));
    assert_eq!(st["indicators"].as_array().unwrap().len(), 9);
    // A month without a plan says so; the text form names the signal.
    let none = json(&["plan", "status", f, "--period", "2098-05", "--json"]);
    assert_eq!(none["signals"][0]["code"], "no_plan");
    let text = stdout(&conveyor(&["plan", "status", f, "--period", "2099-01"]));
    assert!(text.contains("weighted pipeline") && text.contains("calls"), "{text}");
    let bad = conveyor(&["plan", "status", f, "--period", "2099-01", "--person", "999"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--person"), "{}", stderr(&bad));
}

#[test]
fn abc_and_analytics_read_the_demo_business() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("abc.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--seed", "9"]).status.success());
    let json = |args: &[&str]| -> Value {
        let out = conveyor(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let abc = json(&["abc", f, "--json"]);
    let r = &abc["report"];
    assert!(r["total_minor"].as_i64().unwrap() > 0);
    let classes = r["classes"].as_array().unwrap();
    assert_eq!(classes.iter().map(|c| c["class"].as_str().unwrap()).collect::<Vec<_>>(), ["A", "B", "C"]);
    let a_share = classes[0]["share"].as_f64().unwrap();
    assert!((0.8..0.95).contains(&a_share), "A makes about 80 %: {a_share}");
    assert!(abc["changed"].is_null(), "looking changes nothing");
    let applied = json(&["abc", f, "--apply", "--json"]);
    assert_eq!(applied["report"]["differing"], 0);
    assert_eq!(json(&["abc", f, "--apply", "--json"])["changed"], 0);
    let a = json(&["analytics", f, "--json"]);
    let win = a["win_rate"].as_f64().unwrap();
    assert!(win > 0.0 && win < 1.0, "{win}");
    assert!(a["funnel"].as_array().unwrap().len() >= 8);
    assert!(a["referrals"]["new_clients"].as_i64().unwrap() > 0);
    let bad = conveyor(&["analytics", f, "--from", "2026-12-01", "--to", "2026-01-01"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("--from"), "{}", stderr(&bad));
}

/// `conveyor` with extra environment variables.
fn conveyor_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = std::process::Command::new(conveyor_flow_tests::conveyor_bin());
    c.args(args).env_remove("CONVEYOR_PASSPHRASE").env_remove("CONVEYOR_NEW_PASSPHRASE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run conveyor")
}

#[test]
fn an_encrypted_workspace_through_the_cli_needs_its_passphrase_and_its_backups_are_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret.conveyor");
    let f = file.to_str().unwrap();
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, "first passphrase\n").unwrap();
    let pf = pass_file.to_str().unwrap();

    let out = conveyor_env(&["new", f, "--name", "Zebediah Secret Ltd", "--encrypt"], &[]);
    assert_eq!(out.status.code(), Some(1), "--encrypt without a passphrase is refused");
    assert!(!file.exists());
    let out = conveyor_env(&["new", f, "--name", "Zebediah Secret Ltd", "--encrypt", "--passphrase-file", pf], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("encrypted"));
    let bytes = std::fs::read(&file).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");

    let out = conveyor_env(&["info", f], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[passphrase_required]"), "{}", stderr(&out));
    let out = conveyor_env(&["info", f], &[("CONVEYOR_PASSPHRASE", "wrong passphrase")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[wrong_passphrase]"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hmac"), "no SQLCipher log noise: {}", stderr(&out));
    let out = conveyor_env(&["info", f, "--json"], &[("CONVEYOR_PASSPHRASE", "first passphrase")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(info["summary"]["encrypted"], true);

    // A backup is encrypted with the same passphrase.
    let b = dir.path().join("b.conveyor");
    let out = conveyor_env(&["backup", f, b.to_str().unwrap(), "--passphrase-file", pf], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bb = std::fs::read(&b).unwrap();
    assert_ne!(&bb[..16], b"SQLite format 3\0");
    assert!(!bb.windows(9).any(|w| w == b"Zebediah "), "the backup holds plaintext");
    assert_eq!(conveyor_env(&["restore", b.to_str().unwrap(), f], &[]).status.code(), Some(1));

    // Change, then remove.
    let out = conveyor_env(&["passphrase", "change", f, "--passphrase-file", pf], &[("CONVEYOR_NEW_PASSPHRASE", "second passphrase")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(conveyor_env(&["check", f, "--passphrase-file", pf], &[]).status.code(), Some(1), "the old passphrase no longer opens it");
    let out = conveyor_env(&["passphrase", "remove", f], &[("CONVEYOR_PASSPHRASE", "second passphrase")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(&std::fs::read(&file).unwrap()[..16], b"SQLite format 3\0");
    let out = conveyor_env(&["check", f], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // And set again, from the plain file.
    let out = conveyor_env(&["passphrase", "set", f], &[("CONVEYOR_NEW_PASSPHRASE", "short")]);
    assert_eq!(out.status.code(), Some(1), "too short: {}", stderr(&out));
    let out = conveyor_env(&["passphrase", "set", f, "--new-passphrase-file", pf], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(conveyor_env(&["check", f, "--passphrase-file", pf], &[]).status.success());
}

#[test]
fn today_prints_the_same_lists_the_core_computes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("today.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--lang", "ru", "--seed", "5"]).status.success());
    let out = conveyor(&["today", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let t: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The CLI's clock is the system's: compare with the core on the same day.
    let store = Store::open(&file, &conveyor_core::SystemClock).unwrap();
    let core = conveyor_core::usecases::today::today(&store, &conveyor_core::SystemClock, None).unwrap();
    drop(store);
    assert_eq!(t["date"], core.date.to_string());
    for (list, total) in [
        ("leads_to_call", core.leads_to_call.total),
        ("no_next_step", core.no_next_step.total),
        ("tasks_due", core.tasks_due.total),
        ("violations", core.violations.total),
    ] {
        assert_eq!(t[list]["total"].as_i64(), Some(total), "{list}");
    }
    assert!(core.leads_to_call.total > 0 && core.violations.total > 0, "the demo has work to do and norms to keep");
    let text = stdout(&conveyor(&["today", f]));
    assert!(text.contains("stage 1: leads to call") && text.contains("norms broken"), "{text}");
    assert_eq!(conveyor(&["today", dir.path().join("missing.conveyor").to_str().unwrap()]).status.code(), Some(1));

    // "Show all" from the command line: every row of one list, paged.
    let all = |list: &str, offset: &str, limit: &str| -> Value {
        let out = conveyor(&["today", f, "--all", list, "--offset", offset, "--limit", limit, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let leads = all("leads_to_call", "0", "500");
    assert_eq!(leads["total"].as_i64(), Some(core.leads_to_call.total));
    assert_eq!(leads["deals"].as_array().unwrap().len() as i64, core.leads_to_call.total.min(500), "every lead, not the first few");
    for (n, d) in core.leads_to_call.deals.iter().enumerate() {
        assert_eq!(leads["deals"][n]["id"].as_i64(), Some(d.id), "in Today's order");
    }
    assert!(core.leads_to_call.total > 1, "the demo has several leads");
    let second = all("leads_to_call", "1", "1");
    assert_eq!(second["deals"][0]["id"], leads["deals"][1]["id"], "a page starts at its offset");
    let bad = conveyor(&["today", f, "--all", "everything"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("no_next_step"), "the refusal names the lists: {}", stderr(&bad));
}

#[test]
fn a_task_ticked_off_and_a_deal_changed_from_the_command_line_show_on_today() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("daily.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["demo", f, "--contacts", "300", "--activities", "1200", "--seed", "9"]).status.success());
    let today = || -> Value { serde_json::from_str(&stdout(&conveyor(&["today", f, "--json"]))).unwrap() };

    let t = today();
    let open = t["tasks_due"]["total"].as_i64().unwrap();
    assert!(open > 0, "the demo has tasks due");
    let id = t["tasks_due"]["tasks"][0]["id"].as_i64().unwrap().to_string();
    let out = conveyor(&["task", "done", f, "--id", &id, "--outcome", "Sent", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let done: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(done["outcome"], "Sent");
    assert!(done["done_at"].is_string());
    assert_eq!(today()["tasks_due"]["total"].as_i64().unwrap(), open - 1, "a done task leaves Today");
    let again = conveyor(&["task", "done", f, "--id", &id]);
    assert_eq!(again.status.code(), Some(1), "ticking it off twice is refused");
    assert!(stderr(&again).contains("already done"), "{}", stderr(&again));

    let deal = t["leads_to_call"]["deals"][0]["id"].as_i64().unwrap().to_string();
    let out = conveyor(&["deal", "set", f, "--id", &deal, "--value", "432100", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lists = today();
    let shown = lists["leads_to_call"]["deals"].as_array().unwrap().iter().find(|d| d["id"].as_i64().unwrap().to_string() == deal).cloned().unwrap();
    assert_eq!(shown["value_minor"], 432100);
    // Refused by the field's name in words, and nothing changed.
    let bad = conveyor(&["deal", "set", f, "--id", &deal, "--title", "  "]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("“Deal” is empty"), "{}", stderr(&bad));
    assert!(!stderr(&bad).contains("deal.title is"), "{}", stderr(&bad));
    let store = Store::open(&file, &clock()).unwrap();
    let d = conveyor_core::usecases::crm::get_deal(&store, deal.parse().unwrap()).unwrap();
    assert_eq!(d.value_minor, 432100);
    assert!(!d.title.trim().is_empty());
    drop(store);

    // The deal's own product and notes: set, kept when left out, cleared by an empty value.
    let out = conveyor(&["deal", "notes", f, "--id", &deal, "--product", "Paper A4", "--notes", "Delivery on Mondays", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(conveyor(&["deal", "notes", f, "--id", &deal, "--product", ""]).status.success());
    let store = Store::open(&file, &clock()).unwrap();
    let n = conveyor_core::usecases::daily::deal_details(&store, deal.parse().unwrap()).unwrap().notes;
    assert_eq!((n.product, n.notes.as_deref()), (None, Some("Delivery on Mondays")), "the panel shows what the CLI saved");
}

#[test]
fn imported_contacts_become_leads_on_today_through_the_cli_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fresh.conveyor");
    let f = file.to_str().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,Email,Company\nAnna,Smirnova,anna@x.example,Romashka\nBoris,Ivanov,boris@x.example,Romashka\nVera,Orlova,vera@x.example,\n",
    )
    .unwrap();
    let out = conveyor(&["new", f, "--name", "Fresh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = conveyor(&["import", "contacts", f, csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let today = |f: &str| -> Value { serde_json::from_str(&stdout(&conveyor(&["today", f, "--json"]))).unwrap() };
    assert_eq!(today(f)["leads_to_call"]["total"], 0, "imported contacts are not leads by themselves");

    let out = conveyor(&["leads", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let made: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((made["created"].as_i64(), made["already_in_conveyor"].as_i64()), (Some(2), Some(1)), "one lead per company; Vera alone is one");
    let t = today(f);
    assert_eq!(t["leads_to_call"]["total"], 2);
    assert_eq!(t["targets"]["calls"]["source"], "regulation", "the generic template's prospecting norm sets the calls target");

    let out = conveyor(&["leads", f]);
    assert_eq!(stdout(&out).trim(), "New leads: 0. Already in the conveyor: 3. Clients left alone: 0.");
    let out = conveyor(&["leads", f, "--contacts", "999"]);
    assert_eq!(out.status.code(), Some(1), "an unknown contact is refused: {}", stderr(&out));
    assert_eq!(today(f)["leads_to_call"]["total"], 2, "nothing changed");
}

/// The first hour on the command line: a workspace made a minute
/// ago has no broken norms (they wait for their time), the book printed by
/// the CLI ticks the checklist, and no role shows as its code.
#[test]
fn a_new_workspace_judges_no_norm_yet_and_a_printed_book_ticks_the_checklist() {
    use conveyor_core::usecases::first_hour::{self, ChecklistStep};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.conveyor");
    let f = file.to_str().unwrap();
    let out = conveyor(&["new", f, "--name", "Smith Office Supplies", "--template", "wholesale"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = conveyor(&["today", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let t: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(t["violations"]["total"], 0, "{}", t["violations"]);
    let pending = t["violations"]["not_yet_judged"].as_array().unwrap();
    assert!(pending.iter().any(|p| p["rule"] == "prospecting_pace" && p["judged_from"].is_null()), "{pending:?}");
    let text = stdout(&conveyor(&["today", f]));
    assert!(text.contains("norms broken") && text.contains("norms not yet judged"), "{text}");
    assert!(!text.contains("hunter"), "{text}");

    let book = |role: &str| {
        let out = conveyor(&["pdf", "book", f, "--role", role, "--out", dir.path().join(format!("{role}.pdf")).to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let books = |file: &std::path::Path| {
        let store = Store::open(file, &conveyor_core::SystemClock).unwrap();
        first_hour::checklist(&store, &conveyor_core::SystemClock).unwrap().items.into_iter().find(|i| i.step == ChecklistStep::PrintBooks).unwrap()
    };
    assert_eq!(books(&file).missing_roles.len(), 4);
    book("hunter");
    book("closer");
    let item = books(&file);
    assert!(!item.done);
    assert_eq!(item.missing_roles.iter().map(|r| r.code()).collect::<Vec<_>>(), vec!["account_manager", "head_of_sales"]);
    book("account_manager");
    book("head_of_sales");
    assert!(books(&file).done);
}

//! The sales history moved in through the real `conveyor` binary (#15):
//! each CRM's deal export, an accounting sales report, an XLSX workbook;
//! re-imports change nothing; refusals name file, line and column and
//! change nothing; the analytics and ABC read the imported history.

use conveyor_flow_tests::{conveyor, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fx(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/tests/fixtures/interop/history").join(name);
    assert!(p.is_file(), "fixture missing: {}", p.display());
    p.to_str().unwrap().to_string()
}

fn new_ws(dir: &Path, lang: &str) -> String {
    let f: PathBuf = dir.join(format!("history-{lang}.conveyor"));
    let out = conveyor(&["new", f.to_str().unwrap(), "--name", "History Ltd", "--lang", lang, "--currency", if lang == "ru" { "RUB" } else { "EUR" }]);
    assert!(out.status.success(), "{}", stderr(&out));
    f.to_str().unwrap().to_string()
}

fn run(args: &[&str]) -> (Option<i32>, Value, String) {
    let mut a = args.to_vec();
    a.push("--json");
    let out = conveyor(&a);
    (out.status.code(), serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null), stderr(&out))
}

fn count(v: &Value, list: &str, label: &str) -> u64 {
    v[list].as_array().unwrap().iter().find(|c| c["label"] == label).map_or(0, |c| c["count"].as_u64().unwrap())
}

fn deals_in(f: &str) -> i64 {
    let (code, v, err) = run(&["info", f]);
    assert_eq!(code, Some(0), "{err}");
    v["counts"]["deals"].as_i64().or_else(|| v["deals"].as_i64()).unwrap_or(-1)
}

#[test]
fn pipedrive_deals_with_a_stage_mapped_and_a_dry_run_first() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "en");
    let src = fx("pipedrive-deals.csv");
    // Unmatched stage: refused, naming it with its count, nothing written.
    let (code, v, err) = run(&["import", "deals", &f, &src]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(v["unmatched_stages"][0]["label"], "Proposal Made");
    assert!(err.contains("pipedrive-deals.csv:3: Deal - Stage:"), "{err}");
    let before = deals_in(&f);
    let (code, v, err) = run(&["import", "deals", &f, &src, "--step", "Proposal Made=Offer sent", "--dry-run"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((v["written"].as_bool(), v["created"].as_u64()), (Some(false), Some(5)));
    assert_eq!(deals_in(&f), before, "a dry run writes nothing");
    let (code, v, err) = run(&["import", "deals", &f, &src, "--step", "Proposal Made=Offer sent"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["preset"], "pipedrive");
    assert_eq!((count(&v, "by_status", "open"), count(&v, "by_status", "won"), count(&v, "by_status", "lost")), (3, 1, 1));
    assert_eq!(count(&v, "by_owner", "Anna Berg"), 3);
    // The same export again: nothing changes.
    let (code, v, _) = run(&["import", "deals", &f, &src, "--step", "Proposal Made=Offer sent"]);
    assert_eq!((code, v["created"].as_u64(), v["unchanged"].as_u64()), (Some(0), Some(0), Some(5)));
    // The analytics measure the imported history: one won, one lost.
    let (code, a, err) = run(&["analytics", &f]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((a["won"].as_i64(), a["lost"].as_i64()), (Some(1), Some(1)));
    assert_eq!(a["win_rate"].as_f64(), Some(0.5));
}

#[test]
fn hubspot_deals_and_the_board_steps() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "en");
    let (code, v, err) = run(&["import", "deals", &f, &fx("hubspot-deals.csv")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((v["preset"].as_str(), v["created"].as_u64(), v["companies_created"].as_u64()), (Some("hubspot"), Some(4), Some(3)));
    assert_eq!(count(&v, "by_step", "Negotiation"), 1);
}

#[test]
fn amocrm_and_bitrix24_deals_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "ru");
    let (code, v, err) = run(&["import", "deals", &f, &fx("amocrm-deals.csv"), "--new-steps", "first_deal"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["preset"], "amocrm");
    assert_eq!(v["steps_created"], serde_json::json!(["Принимают решение"]));
    let (code, v, err) = run(&["import", "deals", &f, &fx("bitrix24-deals.csv"), "--step", "Подготовка документов=Переговоры"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((v["preset"].as_str(), v["file"]["encoding"].as_str()), (Some("bitrix24"), Some("windows-1251")));
    assert_eq!(count(&v, "by_step", "Переговоры"), 1);
}

#[test]
fn accounting_sales_report_feeds_abc() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "ru");
    let (code, v, err) = run(&["import", "orders", &f, &fx("1c-sales.csv")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((v["rows"].as_u64(), v["created"].as_u64(), v["clients"].as_u64()), (Some(6), Some(5), Some(3)));
    let (code, v, _) = run(&["import", "orders", &f, &fx("1c-sales.csv")]);
    assert_eq!((code, v["created"].as_u64(), v["unchanged"].as_u64()), (Some(0), Some(0), Some(5)));
    let (code, abc, err) = run(&["abc", &f]);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<&str> = abc["report"]["clients"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["АО «Вектор»", "ООО «Ромашка»", "ИП Ёлкин"]);
}

#[test]
fn xlsx_workbook_first_sheet_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "ru");
    let (code, v, err) = run(&["import", "deals", &f, &fx("deals-two-sheets.xlsx")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((v["file"]["kind"].as_str(), v["file"]["sheet"].as_str(), v["created"].as_u64()), (Some("xlsx"), Some("Deals"), Some(3)));
    let (code, _, err) = run(&["import", "deals", &f, &fx("deals-two-sheets.xlsx"), "--sheet", "Nope"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("Notes, Deals, Summary"), "{err}");
}

#[test]
fn a_broken_file_is_refused_naming_line_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path(), "en");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Deal Name,Deal Stage,Amount,Close Date,Record ID\nA,Closed Won,10,2026-01-01,1\nB,Closed Won,ten,2026-01-02,2\n").unwrap();
    let before = deals_in(&f);
    let (code, _, err) = run(&["import", "deals", &f, bad.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(err.contains("bad.csv:3: Amount: “ten” is not an amount"), "{err}");
    assert_eq!(deals_in(&f), before);
}

//! Issue #21, part A, through the real `conveyor` binary: an Outlook export
//! with unreadable birthdays is refused naming every line, and imported
//! without them (each listed) with `--skip-bad-values`; addresses come in
//! and go out again in the vCard and CSV exports.

use conveyor_flow_tests::{conveyor, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn fx(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/tests/fixtures/interop").join(rel);
    assert!(p.is_file(), "fixture missing: {}", p.display());
    p.to_str().unwrap().to_string()
}

fn new_ws(dir: &Path) -> String {
    let f = dir.join("records.conveyor");
    let out = conveyor(&["new", f.to_str().unwrap(), "--name", "Records Ltd"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f.to_str().unwrap().to_string()
}

fn contacts(f: &str) -> i64 {
    let out = conveyor(&["info", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["counts"]["contacts"].as_i64().unwrap_or_else(|| panic!("no contact count in {v}"))
}

#[test]
fn skip_bad_values_imports_without_the_unreadable_birthdays_and_lists_each() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path());
    let src = fx("csv/outlook_bad_birthdays.csv");

    // Without the flag: refused, every line named, nothing written, the flag suggested.
    let out = conveyor(&["import", "contacts", &f, &src]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("outlook_bad_birthdays.csv:2: birthday:") && err.contains("13/45/1981"), "{err}");
    assert!(err.contains("outlook_bad_birthdays.csv:4: birthday:") && err.contains("someday"), "{err}");
    assert!(err.contains("--skip-bad-values"), "{err}");
    assert_eq!(contacts(&f), 0);

    // With it: imported, each value left out listed.
    let out = conveyor(&["import", "contacts", &f, &src, "--skip-bad-values"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("left out:") && text.contains(":2: birthday:") && text.contains(":4: birthday:"), "{text}");
    assert_eq!(contacts(&f), 3);

    // The JSON report lists them too.
    let g = new_ws(&dir.path().join("x").tap_mkdir());
    let out = conveyor(&["import", "contacts", &g, &src, "--skip-bad-values", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["bad_values"].as_array().unwrap().iter().map(|p| p["line"].as_u64().unwrap()).collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(v["created"], 3);
}

#[test]
fn addresses_import_and_export_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path());
    let out = conveyor(&["import", "contacts", &f, &fx("csv/outlook_addresses_dates.csv")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vcf = dir.path().join("out.vcf");
    let out = conveyor(&["export", "contacts", &f, vcf.to_str().unwrap(), "--format", "vcard4"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Lines longer than 75 octets are folded (RFC 6350 §3.2): read them unfolded.
    let text = std::fs::read_to_string(&vcf).unwrap().replace("\r\n ", "");
    assert!(text.contains("ADR;TYPE=work:;;Marlborough Mills\\nGate 2;Milton;Darkshire;MI1 2AB;United Kingdom\r\n"), "{text}");
    assert!(text.contains("TEL;TYPE=fax:+44 161 555 0300"), "{text}");
    let csv = dir.path().join("out.csv");
    let out = conveyor(&["export", "contacts", &f, csv.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Address 1 - Street") && text.contains("14 Crampton Road"), "{text}");
}

trait MkDir {
    fn tap_mkdir(self) -> Self;
}

impl MkDir for std::path::PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}

#[test]
fn a_record_with_only_an_e_mail_comes_in_as_a_contact_whose_name_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path());
    let out = conveyor(&["import", "contacts", &f, &fx("csv/thunderbird_birthdays_custom.csv")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("name missing:     2"), "the report asks to complete them: {text}");
    assert_eq!(contacts(&f), 4, "the bare orders@ address was completed by the row that names it");
    let out = conveyor(&["clients", &f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = v["rows"].as_array().unwrap_or_else(|| panic!("no rows in {v}"));
    let billing = rows.iter().find(|r| r["email"] == "billing@brandt-papier.example").expect("the e-mail is kept");
    assert_eq!(billing["name"], "", "no name made of the address");
    let orders = rows.iter().find(|r| r["email"] == "orders@amber-coast.example").unwrap();
    assert_eq!(orders["name"], "Orders at Amber Coast");
    assert!(!rows.iter().any(|r| r["name"].as_str().unwrap_or("").contains('@')));
    // It is found by its address.
    let out = conveyor(&["search", &f, "billing@brandt-papier.example", "--json"]);
    assert!(stdout(&out).contains("billing@brandt-papier.example"), "{}", stdout(&out));
}

#[test]
fn company_columns_fill_the_company_go_out_in_the_csv_and_are_printed_in_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let f = new_ws(dir.path());
    let out = conveyor(&["import", "contacts", &f, &fx("csv/generic_company_columns.csv"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let field = |header: &str| v["mapping"].as_array().unwrap().iter().find(|m| m["header"] == header).map(|m| m["field"].clone()).unwrap();
    assert_eq!((field("Number of Employees"), field("Parent Company"), field("Lead Source")), ("employees".into(), "parent_company".into(), "custom".into()));
    // The CSV export carries the company's columns.
    let csv = dir.path().join("out.csv");
    let out = conveyor(&["export", "contacts", &f, csv.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Industry,Employees,Annual Revenue,Parent Company"), "{text}");
    assert!(text.contains("Logistics,1200,4500000.00,Northwind Holdings"), "{text}");
    // The profile PDF prints them.
    let page: Value = serde_json::from_str(&stdout(&conveyor(&["clients", &f, "--json"]))).unwrap();
    let company = page["rows"].as_array().unwrap().iter().find(|r| r["company_name"] == "Northwind Freight").unwrap()["company_id"].to_string();
    let pdf = dir.path().join("profile.pdf");
    let out = conveyor(&["pdf", "profile", &f, "--company", &company, "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext").args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for want in ["Employees 1,200", "Part of Northwind Holdings", "Industry Logistics"] {
        assert!(text.contains(want), "“{want}” in {text}");
    }
}

//! Tags, custom fields, duplicates and merges through the real `conveyor`
//! binary: imported from Google's group lists, found by search and the
//! clients list, exported and imported again, merged and unmerged, printed
//! in the profile PDF.

use conveyor_flow_tests::{conveyor, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn ok(args: &[&str]) -> String {
    let out = conveyor(args);
    assert_eq!(out.status.code(), Some(0), "conveyor {args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap_or_else(|e| panic!("conveyor {args:?} is not JSON: {e}"))
}

/// A Google Contacts export of our own (the headers Google writes).
const GOOGLE: &str = "Given Name,Family Name,Organization 1 - Name,E-mail 1 - Value,Phone 1 - Value,Labels\n\
Anna,Berg,Acme,anna@acme.test,+49 30 1234567,* myContacts ::: Clients ::: VIP\n\
Boris,Lang,Acme,boris@acme.test,,* myContacts ::: Clients\n\
Olga,Petrova,,olga@mail.test,,* starred\n";

fn workspace(dir: &Path) -> String {
    let f = dir.join("shop.conveyor").to_str().unwrap().to_string();
    ok(&["new", &f, "--name", "Shop"]);
    let src = dir.join("google.csv");
    std::fs::write(&src, GOOGLE).unwrap();
    ok(&["import", "contacts", &f, src.to_str().unwrap()]);
    f
}

fn contact_id(f: &str, name: &str) -> i64 {
    let hits = json(&["search", f, name, "--json"]);
    hits.as_array().unwrap().iter().find(|h| h["kind"] == "contact").unwrap()["row"]["contact_id"].as_i64().unwrap()
}

#[test]
fn google_groups_become_tags_that_filter_the_clients_list_and_are_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let f = workspace(dir.path());
    let tags = json(&["tags", "list", &f, "--json"]);
    let names: Vec<&str> = tags.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Clients", "VIP"], "Google's own groups are left out");
    assert_eq!(tags[0]["contacts"], 2);

    let page = json(&["clients", &f, "--tag", "clients", "--json"]);
    assert_eq!(page["total"], 2);
    let rows: Vec<&str> = page["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(rows, vec!["Anna Berg", "Boris Lang"]);
    assert_eq!(page["rows"][0]["tags"], serde_json::json!(["Clients", "VIP"]));
    assert_eq!(json(&["clients", &f, "--json"])["total"], 3);

    let hits = json(&["search", &f, "vip", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["row"]["name"], "Anna Berg");
    assert!(ok(&["search", &f, "vip"]).contains("Anna Berg — Acme"));

    // A tag put on a company reaches its people in the list.
    let acme = hits[0]["row"]["company_id"].as_i64().unwrap().to_string();
    ok(&["tags", "add", &f, "Wholesale", "--company", &acme]);
    assert_eq!(json(&["clients", &f, "--tag", "wholesale", "--json"])["total"], 2);
    ok(&["tags", "remove", &f, "wholesale", "--company", &acme]);
    assert_eq!(json(&["clients", &f, "--tag", "wholesale", "--json"])["total"], 0);

    // A bad tag is refused (exit 1) naming it; nothing changes.
    let out = conveyor(&["tags", "add", &f, "a, b", "--company", &acme]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("“a, b”"), "{}", stderr(&out));
}

#[test]
fn custom_fields_are_filled_found_printed_and_round_trip_through_vcard_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let f = workspace(dir.path());
    ok(&["fields", "add", &f, "--for", "contact", "--label", "Loyalty card"]);
    ok(&["fields", "add", &f, "--for", "contact", "--label", "Credit limit", "--kind", "money"]);
    let anna = contact_id(&f, "anna").to_string();
    ok(&["fields", "set", &f, "--contact", &anna, "loyalty_card=ZX-4471", "credit_limit=1250.50"]);

    // A bad value is refused naming the field; nothing is saved.
    let out = conveyor(&["fields", "set", &f, "--contact", &anna, "loyalty_card=ZX-9", "credit_limit=lots"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("“Credit limit”"), "{}", stderr(&out));

    let hits = json(&["search", &f, "zx-4471", "--json"]);
    assert_eq!(hits[0]["row"]["contact_id"].as_i64().unwrap().to_string(), anna);

    // The profile PDF prints them.
    let company = hits[0]["row"]["company_id"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("profile.pdf");
    ok(&["pdf", "profile", &f, "--company", &company, "--out", pdf.to_str().unwrap()]);
    let text = std::process::Command::new("pdftotext").args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Loyalty card: ZX-4471"), "{text}");
    assert!(text.contains("Tags: Clients, VIP"), "{text}");

    for format in ["vcard4", "vcard3", "csv"] {
        let out = dir.path().join(format!("contacts.{format}"));
        ok(&["export", "contacts", &f, out.to_str().unwrap(), "--format", format]);
        // Another workspace with the same fields (a template carries them) reads them back.
        let g = dir.path().join(format!("other-{format}.conveyor"));
        let g = g.to_str().unwrap();
        ok(&["new", g, "--name", "Other"]);
        let tpl = dir.path().join(format!("system-{format}.json"));
        ok(&["template", "export", &f, tpl.to_str().unwrap()]);
        let report = json(&["template", "import", g, tpl.to_str().unwrap(), "--json"]);
        assert!(report["changes"].as_array().unwrap().iter().any(|c| c["section"] == "custom_fields" && c["key"] == "contact.loyalty_card"), "{report}");
        ok(&["import", "contacts", g, out.to_str().unwrap()]);
        let page = json(&["clients", g, "--tag", "vip", "--json"]);
        assert_eq!(page["total"], 1, "{format}");
        let hits = json(&["search", g, "zx-4471", "--json"]);
        assert_eq!(hits[0]["row"]["name"], "Anna Berg", "{format}");
        let fields = json(&["fields", "list", g, "--json"]);
        assert_eq!(fields.as_array().unwrap().len(), 2, "{format}: no field is made twice");
    }
    // The template carries definitions, never values.
    let tpl = std::fs::read_to_string(dir.path().join("system-csv.json")).unwrap();
    assert!(tpl.contains("loyalty_card") && !tpl.contains("ZX-4471"));
}

#[test]
fn duplicates_are_listed_and_merged_and_the_merge_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let f = workspace(dir.path());
    let again = dir.path().join("again.csv");
    std::fs::write(&again, "First Name,Last Name,E-mail\nÁnna,BERG,ANNA@acme.test\n").unwrap();
    ok(&["import", "contacts", &f, again.to_str().unwrap(), "--duplicates", "create"]);
    let pairs = json(&["duplicates", &f, "--json"]);
    let pair = pairs.as_array().unwrap().iter().find(|p| p["kind"] == "contact").expect("the two Annas");
    assert_eq!(pair["matched_by"], serde_json::json!(["email", "name"]));
    let (a, b) = (pair["a"]["id"].as_i64().unwrap().to_string(), pair["b"]["id"].as_i64().unwrap().to_string());

    let r = json(&["merge", &f, "contact", &a, &b, "--json"]);
    assert_eq!(json(&["clients", &f, "--json"])["total"], 3);
    assert!(json(&["duplicates", &f, "--json"]).as_array().unwrap().iter().all(|p| p["kind"] != "contact"));
    let id = r["merge_id"].as_i64().unwrap().to_string();
    assert!(ok(&["merge", &f, "--undo", &id]).contains("undone"));
    assert_eq!(json(&["clients", &f, "--json"])["total"], 4);
    let out = conveyor(&["merge", &f, "--undo", &id]);
    assert_eq!(out.status.code(), Some(1), "undone twice: {}", stderr(&out));
}

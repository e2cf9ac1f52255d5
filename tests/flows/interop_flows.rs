//! Interop through the real `conveyor` binary: every fixture imports exactly,
//! exports re-import to the same contacts, bad files change nothing, backups
//! restore, and the calendar reads right in an independent parser.

use conveyor_core::interop::export::ExportContact;
use conveyor_core::usecases::export::export_contacts_list;
use conveyor_core::{FixedClock, Store};
use conveyor_flow_tests::{conveyor, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The project's own export files, written for these tests.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/tests/fixtures/interop")
}

fn fx(rel: &str) -> String {
    let p = fixtures().join(rel);
    assert!(p.is_file(), "fixture missing: {}", p.display());
    p.to_str().unwrap().to_string()
}

/// A real third-party export in ../shared/fixtures: the tests reading these are
/// `#[ignore]`d, and `./dev test` runs them only when that folder exists.
fn real(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures").join(rel);
    assert!(p.is_file(), "real export missing: {}; these checks need ../shared/fixtures beside the clone", p.display());
    p.to_str().unwrap().to_string()
}

fn new_ws(dir: &Path, name: &str) -> String {
    let f = dir.join(name);
    let out = conveyor(&["new", f.to_str().unwrap(), "--name", "Interop Ltd"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f.to_str().unwrap().to_string()
}

fn info(f: &str) -> Value {
    let out = conveyor(&["info", f, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn import(f: &str, src: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec!["import", "contacts", f, src, "--json"];
    args.extend_from_slice(extra);
    let out = conveyor(&args);
    let v = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
    (out.status.code(), v, stderr(&out))
}

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+00:00")
}

const OWN: &[(&str, u64)] = &[
    ("vcard/android_v21_qp.vcf", 2),
    ("vcard/phone_v21_cp1251.vcf", 1),
    ("vcard/evolution_v30_folded.vcf", 1),
    ("vcard/v40_bom_crcrlf.vcf", 1),
    ("csv/google_contacts.csv", 2),
    ("csv/thunderbird_quoting.csv", 2),
    ("csv/outlook_utf16le_bom.csv", 2),
    ("csv/excel_cp1251_ragged.csv", 3),
];

const REAL: &[(&str, u64)] = &[
    ("vcard/v21_android_multi_qp_photo.vcf", 6),
    ("vcard/v21_syncevolution_16_contacts.vcf", 16),
    ("vcard/v21_ukrainian_cp1251_8bit.vcf", 1),
    ("vcard/v30_evolution_folded.vcf", 1),
    ("vcard/v40_rfc6350_example.vcf", 1),
    ("csv/google_legacy_export_roundcube.csv", 1),
    ("csv/thunderbird_export_quoting.csv", 2),
];

#[test]
fn fixtures_import_exactly_and_exports_round_trip() {
    let files: Vec<(String, u64)> = OWN.iter().map(|(rel, n)| (fx(rel), *n)).collect();
    import_exactly_and_round_trip(&files, 14, |all| {
        let find = |first, last| find_in(all, first, last);
        find("Віра", "Ковальчук");
        let p = find("Пётр", "Кузнецов-Ягудин");
        assert_eq!(p.company.as_deref(), Some("ООО «Стройпоставка»"));
        assert!(p.contact.notes.as_deref().unwrap().contains("Звонить до 17:00."));
        let g = find("Jonas", "Berg");
        assert_eq!(g.contact.email.as_deref(), Some("jonas@berg.example"));
        assert_eq!(
            g.channels.iter().filter(|c| c.kind == "email").map(|c| c.value.as_str()).collect::<Vec<_>>(),
            vec!["jonas.berg@berg-soner.example", "inkop@berg-soner.example", "jb@example.org"]
        );
        assert_eq!(g.contact.birthday.as_deref(), Some("1981-07-30"));
        assert_eq!(g.company.as_deref(), Some("Berg & Söner AB"));
        let t = find("Piet", "de Vries");
        assert_eq!(t.contact.email.as_deref(), Some("piet@devries.example"));
        assert_eq!(t.contact.title.as_deref(), Some("\"buyer\""));
        assert!(t.contact.notes.as_deref().unwrap().contains("calls\tafter 10"));
        let z = find("Zoë", "Ångström");
        assert_eq!(z.contact.birthday.as_deref(), Some("--04-15"));
        assert_eq!(z.company.as_deref(), Some("Nordljus AB"));
        assert_eq!(find("Анна", "Смирнова").company.as_deref(), Some("ООО «Ромашка»"));
    });
}

#[test]
#[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
fn real_fixtures_import_exactly_and_exports_round_trip() {
    let files: Vec<(String, u64)> = REAL.iter().map(|(rel, n)| (real(rel), *n)).collect();
    import_exactly_and_round_trip(&files, 28, |all| {
        let find = |first, last| find_in(all, first, last);
        find("Віталій", "Кличко");
        let u = find("Ä", "Ü");
        assert!(u.contact.notes.as_deref().unwrap().contains("non-ASCII characters (with umlauts in the name)"));
        let g = find("Firstname", "Lastname");
        assert_eq!(g.contact.email.as_deref(), Some("home@aaa.pl"));
        assert_eq!(
            g.channels.iter().filter(|c| c.kind == "email").map(|c| c.value.as_str()).collect::<Vec<_>>(),
            vec!["work@email.pl", "unknown@email.com", "other@email.com"]
        );
        assert_eq!(g.contact.birthday.as_deref(), Some("1975-12-12"));
        assert_eq!(g.company.as_deref(), Some("company"));
        let t = find("contact", "two");
        assert_eq!(t.contact.email.as_deref(), Some("contact2@invalid"));
        assert_eq!(t.contact.title.as_deref(), Some("\"worker\""));
        // Thunderbird's Custom 2 is a custom field of its name, not a line of the notes.
        assert!(t.custom.iter().any(|(_, label, v)| label == "Custom 2" && v == "custom\t2"), "{:?}", t.custom);
        assert!(!t.contact.notes.as_deref().unwrap_or("").contains("custom"));
        let s = find("Simon", "Perreault");
        assert_eq!(s.contact.birthday.as_deref(), Some("--02-03"));
        assert_eq!(s.company.as_deref(), Some("Viagenie"));
    });
}

fn find_in<'a>(all: &'a [ExportContact], first: &str, last: &str) -> &'a ExportContact {
    all.iter().find(|c| c.contact.first_name == first && c.contact.last_name == last).unwrap_or_else(|| panic!("{first} {last}"))
}

/// Every file imports with its count; the names and channels are exact; an
/// export in each format re-imports into a fresh workspace as the same
/// contacts; and importing the second file again adds nothing.
fn import_exactly_and_round_trip(files: &[(String, u64)], total: u64, check: impl Fn(&[ExportContact])) {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    for (src, n) in files {
        let (code, s, err) = import(&ws, src, &["--duplicates", "create"]);
        assert_eq!(code, Some(0), "{src}: {err}");
        assert_eq!(s["created"], *n, "{src}: {s}");
        assert_eq!(s["written"], true);
    }
    assert_eq!(info(&ws)["counts"]["contacts"], total);

    // Exact names and channels, as the core sees them.
    {
        let store = Store::open(Path::new(&ws), &clock()).unwrap();
        check(&export_contacts_list(&store).unwrap());
    }

    // Export in each format, import into a fresh workspace: the same contacts.
    let csv_of = |f: &str| {
        let out = dir.path().join(format!("{}.csv", f.len()));
        let o = conveyor(&["export", "contacts", f, out.to_str().unwrap(), "--format", "csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(out).unwrap()
    };
    let original_csv = csv_of(&ws);
    assert!(original_csv.starts_with(&[0xEF, 0xBB, 0xBF]), "CSV for Excel starts with a BOM");
    for (i, format) in ["vcard4", "vcard3", "csv"].iter().enumerate() {
        let out = dir.path().join(format!("export.{format}"));
        let o = conveyor(&["export", "contacts", &ws, out.to_str().unwrap(), "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains(&format!("{total} contacts")), "{}", stdout(&o));
        let back = new_ws(dir.path(), &format!("back{i}.conveyor"));
        // The workspace's custom fields (Thunderbird's Custom 1 became one) are defined there
        // first, as a template carries them: a vCard's X- properties fill only known fields.
        let fields: Value = serde_json::from_str(&stdout(&conveyor(&["fields", "list", &ws, "--json"]))).unwrap();
        for f in fields.as_array().unwrap() {
            let (entity, label, kind) = (f["entity"].as_str().unwrap(), f["label"].as_str().unwrap(), f["kind"].as_str().unwrap());
            let o = conveyor(&["fields", "add", &back, "--for", entity, "--label", label, "--kind", kind]);
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let (code, s, err) = import(&back, out.to_str().unwrap(), &["--duplicates", "create"]);
        assert_eq!(code, Some(0), "{format}: {err}");
        assert_eq!(s["created"], total, "{format}");
        assert_eq!(info(&back)["counts"], info(&ws)["counts"], "{format}");
        // Same length of path → a different export file name per workspace.
        let back_csv = {
            let out = dir.path().join(format!("back{i}.again.csv"));
            assert!(conveyor(&["export", "contacts", &back, out.to_str().unwrap(), "--format", "csv"]).status.success());
            std::fs::read(out).unwrap()
        };
        let (a, b) = (String::from_utf8_lossy(&original_csv).into_owned(), String::from_utf8_lossy(&back_csv).into_owned());
        if let Some((x, y)) = a.split("\r\n").zip(b.split("\r\n")).find(|(x, y)| x != y) {
            panic!("{format} round trip differs:\n  before: {x:.300}\n  after:  {y:.300}");
        }
        assert_eq!(a, b, "{format} round trip");
    }

    // Importing the same file again: all duplicates, nothing new by default.
    let (src, n) = &files[1];
    let (code, s, _) = import(&ws, src, &[]);
    assert_eq!(code, Some(0));
    assert_eq!((s["created"].as_u64(), s["skipped"].as_u64()), (Some(0), Some(*n)));
}

#[test]
fn bad_files_are_refused_naming_file_line_and_field_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let (code, ..) = import(&ws, &fx("csv/thunderbird_quoting.csv"), &[]);
    assert_eq!(code, Some(0));
    let before = info(&ws);

    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let mut big = b"Name,Email,Notes\nAnna,anna@x.ru,ok\n".to_vec();
    big.extend_from_slice(format!("Boris,b@x.ru,\"{}\"\n", "x".repeat(10 * 1024 * 1024)).as_bytes());
    let wide = format!("Name,Email\nAnna,a@x.ru\n{}\n", vec!["c"; 1_000_000].join(","));
    let vcf = std::fs::read(fx("vcard/evolution_v30_folded.vcf")).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (write("empty.csv", b""), "empty.csv is empty"),
        (write("paper.pdf", b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "paper.pdf is a PDF document"),
        (write("garbage.bin", &(0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<_>>()), "garbage.bin"),
        (write("big.csv", &big), "big.csv:3: Notes:"),
        (write("wide.csv", wide.as_bytes()), "wide.csv:3: row:"),
        (write("bad-email.csv", b"First Name;Last Name;E-mail\nAnna;S;anna@x.ru\nBoris;I;boris at x.ru\n"), "bad-email.csv:3: E-mail:"),
        (write("cut.vcf", &vcf[..vcf.len() / 2]), "cut.vcf:1: card 1: row:"),
        (write("dates.csv", b"Name,Birthday\nAnna,1990-02-31\n"), "dates.csv:2: birthday:"),
    ];
    for (src, needle) in &cases {
        for extra in [&[][..], &["--dry-run"][..]] {
            let (code, _, err) = import(&ws, src, extra);
            assert_eq!(code, Some(1), "{src} {extra:?}: {err}");
            assert!(err.contains(needle), "{src}: expected “{needle}” in:\n{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    let missing = dir.path().join("missing.csv");
    let (code, _, err) = import(&ws, missing.to_str().unwrap(), &[]);
    assert_eq!(code, Some(1), "{err}");

    assert_eq!(info(&ws), before, "the workspace is unchanged");
    let out = conveyor(&["check", &ws]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn dry_run_writes_nothing_and_reports_what_would_happen() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let before = info(&ws);
    let (code, s, err) = import(&ws, &fx("vcard/android_v21_qp.vcf"), &["--dry-run"]);
    assert_eq!(code, Some(0), "{err}");
    // The card with only Lena's e-mail and her full card are one person: the full card completes the nameless one.
    assert_eq!((s["created"].as_u64(), s["updated"].as_u64(), s["skipped"].as_u64(), s["written"].as_bool()), (Some(2), Some(1), Some(0), Some(false)));
    assert_eq!(s["format"], "vcard");
    assert!(!s["preview"].as_array().unwrap().is_empty());
    assert_eq!(info(&ws), before);
}

#[test]
fn backup_and_restore_show_first_then_replace_and_keep_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "shop.conveyor");
    assert_eq!(import(&ws, &fx("vcard/android_v21_qp.vcf"), &[]).0, Some(0));
    let b = dir.path().join("shop-backup.conveyor");
    let out = conveyor(&["backup", &ws, b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let at_backup = info(&ws);
    assert_eq!(import(&ws, &fx("csv/thunderbird_quoting.csv"), &[]).0, Some(0));
    let after = info(&ws);
    assert_ne!(after["counts"], at_backup["counts"]);

    // Without --yes: only shows.
    let out = conveyor(&["restore", b.to_str().unwrap(), &ws, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(shown["counts"], at_backup["counts"]);
    assert_eq!(shown["workspace_name"], "Interop Ltd");
    assert!(shown["backup_taken_at"].is_string());
    assert_eq!(info(&ws), after, "showing changed nothing");

    // Open elsewhere: refused as locked.
    {
        let _held = Store::open(Path::new(&ws), &clock()).unwrap();
        let out = conveyor(&["restore", b.to_str().unwrap(), &ws, "--yes"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("error[workspace_locked]"), "{}", stderr(&out));
    }
    assert_eq!(info(&ws), after);

    // Not a Conveyor file: refused.
    let pdf = dir.path().join("x.conveyor");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let out = conveyor(&["restore", pdf.to_str().unwrap(), &ws, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[invalid_file]"), "{}", stderr(&out));

    let out = conveyor(&["restore", b.to_str().unwrap(), &ws, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(info(&ws)["counts"], at_backup["counts"]);
    let kept: Vec<PathBuf> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().contains("shop.conveyor.replaced-")).collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(info(kept[0].to_str().unwrap())["counts"], after["counts"], "the replaced file keeps what it had");
    assert_eq!(conveyor(&["check", &ws]).status.code(), Some(0));

    // Automatic backups: once a day.
    let out = conveyor(&["backup", &ws, "--auto"]);
    assert!(stdout(&out).contains("Backed up to"), "{}{}", stdout(&out), stderr(&out));
    let out = conveyor(&["backup", &ws, "--auto"]);
    assert!(stdout(&out).contains("already exists"), "{}", stdout(&out));
    assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);
}

fn python_occurrences(ics: &Path, from: &str, to: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/ics_check.py");
    let out = std::process::Command::new("python3").arg(&script).arg(ics).arg(from).arg(to).output().expect("python3");
    assert!(
        out.status.success(),
        "the independent ICS parser failed (install it with ./dev setup: icalendar + recurring-ical-events):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn calendar_reads_right_in_an_independent_parser() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.conveyor");
    let ws = ws.to_str().unwrap();
    assert!(conveyor(&["demo", ws, "--contacts", "60", "--activities", "300"]).status.success());
    let today = chrono::Utc::now().date_naive();
    let horizon = today + chrono::Duration::days(400);
    for zone in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Europe/Moscow"] {
        let ics = dir.path().join(format!("{}.ics", zone.replace('/', "_")));
        let out = conveyor(&["export", "calendar", ws, ics.to_str().unwrap(), "--tz", zone]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(&ics).unwrap();
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
        let v = python_occurrences(&ics, &today.to_string(), &horizon.to_string());
        for tz in v["vtimezones"].as_array().unwrap() {
            assert_eq!(tz["tzid"], zone);
            assert!(tz["probes"].as_u64().unwrap() > 1000);
            assert_eq!(tz["mismatches"], Value::Array(vec![]), "our VTIMEZONE disagrees with zoneinfo for {zone}");
        }
        let occ = v["occurrences"].as_array().unwrap();
        // The weekly planning: every Friday at 17:00 local time, the next four in the next 28 days.
        let fridays: Vec<&str> = occ.iter().filter(|o| o["summary"] == "Weekly planning").map(|o| o["start"].as_str().unwrap()).collect();
        let first4: Vec<chrono::DateTime<chrono::FixedOffset>> = fridays.iter().take(4).map(|s| chrono::DateTime::parse_from_rfc3339(s).unwrap()).collect();
        assert_eq!(first4.len(), 4, "{zone}: {fridays:?}");
        for (i, f) in first4.iter().enumerate() {
            use chrono::{Datelike, Timelike};
            assert_eq!(f.weekday(), chrono::Weekday::Fri, "{zone}: {f}");
            assert_eq!((f.hour(), f.minute()), (17, 0), "{zone}: {f}");
            let expected_offset = chrono::TimeZone::offset_from_local_datetime(&zone.parse::<chrono_tz::Tz>().unwrap(), &f.naive_local())
                .single()
                .map(|o| chrono::Offset::fix(&o));
            assert_eq!(Some(*f.offset()), expected_offset, "{zone}: UTC offset of {f}");
            if i > 0 {
                assert_eq!((f.date_naive() - first4[i - 1].date_naive()).num_days(), 7);
            }
        }
        assert!((first4[0].date_naive() - today).num_days() < 7);
        // A year of Fridays across the DST changes: ~57 in 400 days, all at 17:00.
        assert!(fridays.len() >= 56, "{}", fridays.len());
        assert!(fridays.iter().all(|s| s.contains("T17:00:00")), "{zone}");
        // Next steps and tasks: as many as the export says, each UID once.
        let said = stdout(&out);
        let uids: std::collections::HashSet<&str> = occ.iter().map(|o| o["uid"].as_str().unwrap()).collect();
        let steps = occ.iter().filter(|o| o["uid"].as_str().unwrap().starts_with("deal-")).count();
        let tasks = occ.iter().filter(|o| o["component"] == "VTODO").count();
        assert!(steps > 0 && tasks > 0, "{said}");
        assert_eq!(uids.len(), 1 + steps + tasks, "stable, unique UIDs");
        assert!(said.contains(&format!("{steps} next step(s)")) || steps <= said.len(), "{said}");
    }
    // Stable: exporting again gives the same UIDs.
    let a = std::fs::read_to_string(dir.path().join("Europe_Berlin.ics")).unwrap();
    let again = dir.path().join("again.ics");
    assert!(conveyor(&["export", "calendar", ws, again.to_str().unwrap(), "--tz", "Europe/Berlin"]).status.success());
    let uids = |s: &str| s.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uids(&a), uids(&std::fs::read_to_string(again).unwrap()));
}

#[test]
fn deals_and_activities_export_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.conveyor");
    let ws = ws.to_str().unwrap();
    assert!(conveyor(&["demo", ws, "--contacts", "60", "--activities", "300"]).status.success());
    let i = info(ws);
    for (what, count) in [("deals", i["counts"]["deals"].as_u64().unwrap()), ("activities", 300)] {
        let out = dir.path().join(format!("{what}.csv"));
        let o = conveyor(&["export", what, ws, out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let mut r = csv_rows(&bytes[3..]);
        let header = r.remove(0);
        assert_eq!(header[0], "Id");
        assert_eq!(r.len() as u64, count, "{what}");
        assert!(r.iter().all(|row| row.len() == header.len()));
    }
}

/// A tiny RFC 4180 reader for the test (quotes, doubled quotes, CRLF).
fn csv_rows(b: &[u8]) -> Vec<Vec<String>> {
    let s = String::from_utf8(b.to_vec()).unwrap();
    let (mut rows, mut row, mut field, mut q) = (vec![], vec![], String::new(), false);
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match (c, q) {
            ('"', true) if it.peek() == Some(&'"') => {
                field.push('"');
                it.next();
            }
            ('"', _) => q = !q,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn a_users_own_mapping_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let src = dir.path().join("odd.csv");
    // Windows-1251, semicolons, headers no preset knows.
    let bytes = cp1251("кто;куда;откуда\nПётр Иванов;petr@x.ru;ООО Ромашка\n");
    std::fs::write(&src, bytes).unwrap();
    let s = src.to_str().unwrap();
    let (code, _, err) = import(&ws, s, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error[validation]") && err.contains("Choose the columns yourself"), "{err}");
    let (code, out, err) = import(&ws, s, &["--map", "кто=full_name", "--map", "#2=email", "--map", "откуда=company"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((out["created"].as_u64(), out["encoding"].as_str(), out["delimiter"].as_str()), (Some(1), Some("windows-1251"), Some(";")));
    let store = Store::open(Path::new(&ws), &clock()).unwrap();
    let c = &export_contacts_list(&store).unwrap()[0];
    assert_eq!((c.contact.first_name.as_str(), c.contact.last_name.as_str(), c.company.as_deref()), ("Пётр", "Иванов", Some("ООО Ромашка")));
}

/// Windows-1251 bytes of Cyrillic text (the test's own tiny encoder).
fn cp1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} not in the test encoder"),
        })
        .collect()
}

#[test]
fn an_import_killed_midway_leaves_the_file_whole_and_the_import_absent() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let src = dir.path().join("big.csv");
    let mut csv = String::from("First Name,Last Name,Email,Company\n");
    for i in 0..40_000 {
        csv.push_str(&format!("Name{i},Surname{i},n{i}@example.com,Company {}\n", i % 500));
    }
    std::fs::write(&src, csv).unwrap();
    for delay_ms in [50u64, 150, 400] {
        let mut child = std::process::Command::new(conveyor_flow_tests::conveyor_bin())
            .args(["import", "contacts", &ws, src.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let out = conveyor(&["check", &ws]);
        assert_eq!(out.status.code(), Some(0), "after a kill at {delay_ms} ms: {}{}", stdout(&out), stderr(&out));
        let n = info(&ws)["counts"]["contacts"].as_u64().unwrap();
        assert!(n == 0 || n == 40_000, "the import is whole or absent, got {n} contacts");
        if n == 40_000 {
            break;
        }
    }
}

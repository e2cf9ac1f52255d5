//! Nothing lost, nothing silently wrong (issue #14), through the real
//! `conveyor` binary: no output goes over a workspace and another file only
//! with --force; odd CSVs (a stray quote, a UTF-8 file with a line of another
//! encoding) are refused naming file, line and column and change nothing;
//! exported CSVs are safe to open in a spreadsheet and import back exactly;
//! the lock follows the file through hard links and symlinks; reading needs
//! no lock and works on a read-only file; file errors name the file.

use conveyor_core::model::{ActivityInput, ActivityKind, DealInput, Source};
use conveyor_core::usecases::crm;
use conveyor_core::{FixedClock, Store};
use conveyor_flow_tests::{conveyor, conveyor_bin, stderr, stdout};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+00:00")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn demo(dir: &Path, name: &str) -> PathBuf {
    let f = dir.join(name);
    let out = conveyor(&["demo", s(&f), "--contacts", "40", "--activities", "200"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

fn new_ws(dir: &Path, name: &str) -> PathBuf {
    let f = dir.join(name);
    let out = conveyor(&["new", s(&f), "--name", "Safe Ltd"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

fn contacts(f: &Path) -> i64 {
    let out = conveyor(&["info", s(f), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["counts"]["contacts"].as_i64().unwrap()
}

/// A writer that holds the workspace's lock until killed (prints once it has it).
fn holder(f: &Path) -> Child {
    let mut child = Command::new(conveyor_bin()).args(["edit-stream", s(f)]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
    if first.trim().parse::<i64>().is_err() {
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        panic!("the holder of {} is not writing: {first:?} {err}", f.display());
    }
    child
}

fn stop(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Every command that writes an output, aimed at `out` (extra arguments after).
fn writers(ws: &str, out: &str) -> Vec<Vec<String>> {
    let v = |a: &[&str]| a.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        v(&["pdf", "book", ws, "--out", out]),
        v(&["pdf", "calls", ws, "--from", "2026-11-01", "--to", "2026-11-24", "--out", out]),
        v(&["export", "contacts", ws, out]),
        v(&["export", "contacts", ws, out, "--format", "csv"]),
        v(&["export", "deals", ws, out]),
        v(&["export", "activities", ws, out]),
        v(&["export", "calendar", ws, out, "--tz", "Europe/Berlin"]),
        v(&["template", "export", ws, out]),
        v(&["backup", ws, out]),
    ]
}

fn run(args: &[String], force: bool) -> std::process::Output {
    let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
    if force {
        a.push("--force");
    }
    conveyor(&a)
}

#[test]
fn no_output_ever_goes_over_a_workspace_and_another_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "shop.conveyor");
    let other = new_ws(dir.path(), "other.conveyor");
    // The same workspace under names that do not say what it is.
    let disguised = dir.path().join("copy.pdf");
    std::fs::copy(&other, &disguised).unwrap();
    let link = dir.path().join("other-link.csv");
    std::fs::hard_link(&other, &link).unwrap();
    let sym = dir.path().join("shop-sym.ics");
    std::os::unix::fs::symlink(&ws, &sym).unwrap();
    let (ws_bytes, other_bytes, disguised_bytes) = (std::fs::read(&ws).unwrap(), std::fs::read(&other).unwrap(), std::fs::read(&disguised).unwrap());

    for target in [&ws, &other, &disguised, &link, &sym] {
        for args in writers(s(&ws), s(target)) {
            for force in [false, true] {
                let out = run(&args, force);
                let err = stderr(&out);
                assert_eq!(out.status.code(), Some(1), "{args:?} force={force}: {err}");
                assert!(err.contains("error[conflict]") && err.contains(s(target)) && err.contains("workspace"), "{args:?}: {err}");
            }
        }
    }
    assert_eq!(std::fs::read(&ws).unwrap(), ws_bytes, "the workspace is byte for byte as it was");
    assert_eq!(std::fs::read(&other).unwrap(), other_bytes);
    assert_eq!(std::fs::read(&disguised).unwrap(), disguised_bytes);
    assert!(std::fs::symlink_metadata(&sym).unwrap().file_type().is_symlink());
    // Its write-ahead log is part of it.
    let wal = dir.path().join("shop.conveyor-wal");
    let wal_before = std::fs::read(&wal).ok();
    let out = conveyor(&["export", "deals", s(&ws), s(&wal), "--force"]);
    assert!(stderr(&out).contains("part of the workspace"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&wal).ok(), wal_before);
    // While the workspace is open in another program, too.
    let h = holder(&ws);
    let out = conveyor(&["pdf", "book", s(&ws), "--out", s(&ws), "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stop(h);

    // Another kind of file: only with --force, then replaced whole.
    for args in writers(s(&ws), s(&dir.path().join("out.file"))) {
        let target = dir.path().join("out.file");
        std::fs::write(&target, b"keep me").unwrap();
        let out = run(&args, false);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(s(&target)) && err.contains("--force"), "{args:?}: {err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
        let out = run(&args, true);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_ne!(std::fs::read(&target).unwrap(), b"keep me");
        std::fs::remove_file(&target).unwrap();
    }
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).filter(|n| n.to_string_lossy().ends_with(".partial")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_stray_quote_refuses_the_file_naming_the_line_where_it_opened() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let csv = dir.path().join("stray.csv");
    std::fs::write(&csv, "First Name,Last Name,Email\nAnna,Smirnova,a@x.ru\n\"Boris,Ivanov,b@x.ru\nVera,Orlova,v@x.ru\nGleb,Popov,g@x.ru\n").unwrap();
    let two = dir.path().join("two.csv");
    std::fs::write(&two, "First Name,Last Name,Email\nAnna,\"Smirnova,a@x.ru\nBoris,Ivanov,b@x.ru\nVera,Orlova\",v@x.ru\nGleb,Popov,g@x.ru\n").unwrap();
    for (file, line, column) in [(&csv, 3, "First Name"), (&two, 2, "Last Name")] {
        for extra in [&[][..], &["--dry-run"][..]] {
            let mut args = vec!["import", "contacts", s(&ws), s(file)];
            args.extend_from_slice(extra);
            let out = conveyor(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{err}");
            let name = file.display().to_string();
            assert!(err.contains(&format!("{name}:{line}: ")) && err.contains(column), "names file, line and column: {err}");
        }
    }
    assert_eq!(contacts(&ws), 0, "nothing was imported");
}

#[test]
fn a_utf8_file_with_a_latin1_line_is_refused_naming_it_never_garbled() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let csv = dir.path().join("mixed.csv");
    let mut bytes = b"First Name,Last Name\n".to_vec();
    for i in 0..1000 {
        if i == 700 {
            bytes.extend_from_slice(b"J\xFCrgen,M\xFCller\n");
        } else {
            bytes.extend_from_slice(format!("\u{418}\u{432}\u{430}\u{43d}{i},\u{41f}\u{435}\u{442}\u{440}\u{43e}\u{432}\n").as_bytes());
        }
    }
    std::fs::write(&csv, &bytes).unwrap();
    let out = conveyor(&["import", "contacts", s(&ws), s(&csv)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:702: First Name: ", csv.display())) && err.contains("not valid UTF-8"), "{err}");
    assert_eq!(contacts(&ws), 0);
    // The dry run (what the app's preview shows) lists the line, and reads the rest as UTF-8.
    let out = conveyor(&["import", "contacts", s(&ws), s(&csv), "--dry-run", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["encoding"], "UTF-8");
    assert_eq!(v["refused"][0]["line"], 702);
    // Without the odd line the file imports exactly.
    let fixed = dir.path().join("fixed.csv");
    std::fs::write(&fixed, String::from_utf8_lossy(&bytes).replace("J\u{FFFD}rgen,M\u{FFFD}ller\n", "J\u{fc}rgen,M\u{fc}ller\n")).unwrap();
    let out = conveyor(&["import", "contacts", s(&ws), s(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let st = Store::open(&ws, &clock()).unwrap();
    let names: Vec<String> = conveyor_core::usecases::export::export_contacts_list(&st).unwrap().into_iter().map(|c| c.contact.first_name).collect();
    assert!(names.contains(&"\u{418}\u{432}\u{430}\u{43d}0".to_string()) && names.contains(&"J\u{fc}rgen".to_string()), "{:?}", &names[..3]);
}

#[test]
fn exported_csv_cells_cannot_run_as_formulas_and_import_back_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let evil = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "=cmd|' /C calc'!A0", "+SUM(1;2)", "-2+3", "@A1", "'=already quoted"];
    {
        let mut st = Store::open(&ws, &clock()).unwrap();
        let mut first = None;
        for (i, e) in evil.iter().enumerate() {
            let c = crm::create_contact(
                &mut st,
                &clock(),
                &conveyor_core::model::ContactInput {
                    first_name: e.to_string(),
                    last_name: format!("Row{i}"),
                    notes: Some(e.to_string()),
                    ..Default::default()
                },
            )
            .unwrap();
            first.get_or_insert(c.id);
        }
        let step = crm::list_steps(&st).unwrap()[0].id;
        let deal = crm::create_deal(
            &mut st,
            &clock(),
            &DealInput {
                title: evil[0].into(),
                company_id: None,
                contact_id: first,
                step_id: step,
                value_minor: 1250,
                currency: None,
                owner_id: None,
                source: Source::ColdCall,
                referred_by_id: None,
                next_step: Some(evil[1].into()),
                next_step_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            },
        )
        .unwrap();
        crm::create_activity(
            &mut st,
            &clock(),
            &ActivityInput {
                kind: ActivityKind::Note,
                subject: evil[4].into(),
                deal_id: Some(deal.id),
                contact_id: None,
                company_id: None,
                owner_id: None,
                due_at: None,
                done_at: None,
                outcome: Some(evil[2].into()),
                duration_min: None,
                notes: Some(evil[3].into()),
            },
        )
        .unwrap();
    }
    let formula_cells = |path: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(path).unwrap();
        let mut cells = vec![];
        for line in text.trim_start_matches('\u{feff}').lines() {
            for cell in line.split(',') {
                let c = cell.trim_start_matches('"');
                if c.starts_with(['=', '+', '-', '@']) && !c.trim_start_matches(['+', '-']).chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
                    cells.push(cell.to_string());
                }
            }
        }
        cells
    };
    for kind in ["deals", "activities"] {
        let out_path = dir.path().join(format!("{kind}.csv"));
        let out = conveyor(&["export", kind, s(&ws), s(&out_path)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(formula_cells(&out_path), Vec::<String>::new(), "{kind}: no cell a spreadsheet would run");
        assert!(std::fs::read_to_string(&out_path).unwrap().contains("'="), "{kind}: the formula text is kept, made inert");
    }
    let csv = dir.path().join("contacts.csv");
    let out = conveyor(&["export", "contacts", s(&ws), s(&csv), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(formula_cells(&csv), Vec::<String>::new());
    // Our own import gives the original text back.
    let back = new_ws(dir.path(), "b.conveyor");
    let out = conveyor(&["import", "contacts", s(&back), s(&csv)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let st = Store::open(&back, &clock()).unwrap();
    let mut got: Vec<(String, Option<String>)> =
        conveyor_core::usecases::export::export_contacts_list(&st).unwrap().into_iter().map(|c| (c.contact.first_name, c.contact.notes)).collect();
    got.sort();
    let mut want: Vec<(String, Option<String>)> = evil.iter().map(|e| (e.to_string(), Some(e.to_string()))).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn the_lock_follows_the_file_through_other_names_and_readers_need_none() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "shop.conveyor");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let sym = sub.join("sym.conveyor");
    std::os::unix::fs::symlink(&ws, &sym).unwrap();
    let csv = dir.path().join("c.csv");
    std::fs::write(&csv, "First Name,Email\nZoe,zoe@x.ru\n").unwrap();

    for held_through in [&ws, &sym] {
        let h = holder(held_through);
        for writer_through in [&ws, &sym] {
            let out = conveyor(&["import", "contacts", s(writer_through), s(&csv)]);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "held via {held_through:?}, written via {writer_through:?}: {err}");
            assert!(err.contains("error[workspace_locked]") && err.contains(s(writer_through)), "{err}");
            assert!(err.contains(&format!("process {}", h.id())), "names the holder: {err}");
        }
        // Reading needs no lock: the holder keeps writing meanwhile.
        for args in [vec!["info", s(held_through)], vec!["today", s(held_through)], vec!["analytics", s(held_through)], vec!["check", s(held_through)]] {
            let out = conveyor(&args);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        }
        let b = dir.path().join("backup-while-open.conveyor");
        let out = conveyor(&["backup", s(held_through), s(&b)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let st = Store::open(&b, &clock()).unwrap();
        assert!(conveyor_core::store::stats::integrity_problems(st.conn()).unwrap().is_empty());
        drop(st);
        std::fs::remove_file(&b).unwrap();
        let pdf = dir.path().join("book.pdf");
        let out = conveyor(&["pdf", "book", s(held_through), "--out", s(&pdf), "--force"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let out = conveyor(&["export", "contacts", s(held_through), s(&dir.path().join("c.vcf")), "--force"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stop(h);
    }
    // A hard link: SQLite keeps unsaved changes under the name, so two names
    // could lose each other's work; refused by every command, nothing changed.
    let h = holder(&ws);
    let link = dir.path().join("other-name.conveyor");
    std::fs::hard_link(&ws, &link).unwrap();
    let out = conveyor(&["import", "contacts", s(&link), s(&csv)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(s(&link)) && (err.contains("workspace_locked") || err.contains("hard links")), "{err}");
    stop(h);
    for args in [vec!["import", "contacts", s(&link), s(&csv)], vec!["import", "contacts", s(&ws), s(&csv)], vec!["info", s(&link)]] {
        let out = conveyor(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("hard links") && err.contains(args[args.len() - 1 - usize::from(args[0] == "import")]), "{args:?}: {err}");
    }
    std::fs::remove_file(&link).unwrap();
    // One name again: the import goes through, once.
    let before = contacts(&ws);
    let out = conveyor(&["import", "contacts", s(&sym), s(&csv)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(contacts(&ws), before + 1);
}

#[test]
fn a_read_only_workspace_can_be_read_and_says_so_and_writing_names_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path(), "ro.conveyor");
    std::fs::set_permissions(&ws, std::fs::Permissions::from_mode(0o444)).unwrap();
    for args in [vec!["info", s(&ws)], vec!["today", s(&ws)], vec!["analytics", s(&ws)]] {
        let out = conveyor(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(&format!("note: {} is read-only", ws.display())), "says so: {}", stderr(&out));
    }
    let b = dir.path().join("copy.conveyor");
    let out = conveyor(&["backup", s(&ws), s(&b)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(contacts(&b), 40);
}

#[test]
fn file_errors_name_the_file_and_restoring_a_file_over_itself_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ws = new_ws(dir.path(), "a.conveyor");
    let not_a_dir = dir.path().join("plain-file");
    std::fs::write(&not_a_dir, "x").unwrap();
    for args in [
        vec!["backup".to_string(), s(&ws).into(), s(&not_a_dir.join("b.conveyor")).into()],
        vec!["pdf".into(), "book".into(), s(&ws).into(), "--out".into(), s(&not_a_dir.join("book.pdf")).into()],
        vec!["export".into(), "deals".into(), s(&ws).into(), s(&not_a_dir.join("d.csv")).into()],
        vec!["new".into(), s(&not_a_dir.join("n.conveyor")).into(), "--name".into(), "N".into()],
        vec!["demo".into(), s(&not_a_dir.join("d.conveyor")).into()],
    ] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = conveyor(&a);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(s(&not_a_dir)), "{args:?} names the file: {err}");
    }
    let out = conveyor(&["restore", s(&ws), s(&ws), "--yes"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("both the backup") && err.contains(s(&ws)) && !err.contains("--turnover"), "{err}");
}

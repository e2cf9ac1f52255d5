//! `conveyor promote` against a real PostgreSQL server (docs/TEAM.md §7):
//! the demo workspace copied, read back with `psql` and compared with the
//! file read by `sqlite3`; the file's bytes unchanged; a second promote and
//! a wrong password refused. Needs `CONVEYOR_TEST_PG` (./dev test starts a
//! throwaway cluster); without it each test says it was skipped.

use conveyor_flow_tests::{conveyor, stderr, stdout};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// A fresh database on the test cluster, dropped at the end.
struct Db {
    admin: String,
    name: String,
    url: String,
}

impl Db {
    fn fresh(test: &str) -> Option<Db> {
        let Some(admin) = std::env::var("CONVEYOR_TEST_PG").ok().filter(|u| !u.is_empty()) else {
            // Written past the test harness's capture, so a passing run still shows it.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {test} needs PostgreSQL; set CONVEYOR_TEST_PG=postgres://user:password@host:port/db (./dev test starts a cluster)"
            );
            return None;
        };
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let _ = test;
        let name = format!("conveyor_flow_{}_{}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
        psql(&admin, &format!("DROP DATABASE IF EXISTS {name}"));
        psql(&admin, &format!("CREATE DATABASE {name}"));
        let base = admin.rsplit_once('/').expect("a database in the URL").0;
        Some(Db { url: format!("{base}/{name}"), admin, name })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = Command::new("psql").args([self.admin.as_str(), "-qAt", "-c", &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)]).output();
    }
}

/// `psql URL -c SQL`, unaligned without headers: what the server says, as text.
fn psql(url: &str, sql: &str) -> String {
    let o = Command::new("psql").args([url, "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql]).output().expect("run psql");
    assert!(o.status.success(), "psql {sql}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().trim_end_matches('\n').to_string()
}

/// `sqlite3 FILE SQL`, read-only: what the file holds, as text.
fn sqlite(file: &Path, sql: &str) -> String {
    let o = Command::new("sqlite3").args(["-readonly", file.to_str().unwrap(), sql]).output().expect("run sqlite3");
    assert!(o.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().trim_end_matches('\n').to_string()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("shop.conveyor");
    let o = conveyor(&["demo", file.to_str().unwrap(), "--lang", "ru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    file
}

#[test]
fn promote_copies_the_demo_verified_and_leaves_the_file_as_it_was() {
    let Some(db) = Db::fresh("promote_copies_the_demo_verified_and_leaves_the_file_as_it_was") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let before = std::fs::read(&file).unwrap();
    let o = conveyor(&["promote", file.to_str().unwrap(), &db.url, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), before, "the file's bytes are unchanged");
    for side in ["-wal", "-shm", ".lock"] {
        assert!(!Path::new(&format!("{}{side}", file.display())).exists(), "nothing is left beside the file ({side})");
    }
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["verified"], true);
    // Progress: each table copied, then verified, on stderr.
    assert!(stderr(&o).contains("deals: ") && stderr(&o).contains(" rows verified"), "{}", stderr(&o));
    let tables = report["tables"].as_array().unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t["table"].as_str().unwrap()).collect();
    for t in ["people", "companies", "contacts", "deals", "activities", "orders", "steps", "scripts", "script_versions", "regulations", "plan_params", "meta"] {
        assert!(names.contains(&t), "{t} is copied: {names:?}");
    }
    // Every table's rows: the report, the file and the server agree.
    for t in tables {
        let name = t["table"].as_str().unwrap();
        let rows = t["rows"].as_u64().unwrap();
        assert_eq!(sqlite(&file, &format!("SELECT count(*) FROM {name}")), rows.to_string(), "{name} in the file");
        assert_eq!(psql(&db.url, &format!("SELECT count(*) FROM {name}")), rows.to_string(), "{name} on the server");
        assert_eq!(t["checksum"].as_str().unwrap().len(), 64, "{name}: a SHA-256");
    }
    assert!(report["tables"].as_array().unwrap().iter().any(|t| t["table"] == "deals" && t["rows"].as_u64().unwrap() > 100));
    // Spot values, exactly: a Cyrillic client name, a deal's value in minor units, a script's text.
    let id = sqlite(&file, "SELECT min(id) FROM companies");
    let name = sqlite(&file, &format!("SELECT name FROM companies WHERE id = {id}"));
    assert!(name.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())), "a Cyrillic name: {name}");
    assert_eq!(psql(&db.url, &format!("SELECT name FROM companies WHERE id = {id}")), name);
    let deal = sqlite(&file, "SELECT max(id) FROM deals");
    let value = sqlite(&file, &format!("SELECT value_minor FROM deals WHERE id = {deal}"));
    assert_eq!(psql(&db.url, &format!("SELECT value_minor FROM deals WHERE id = {deal}")), value);
    assert_eq!(
        psql(&db.url, &format!("SELECT step_entered_on FROM deals WHERE id = {deal}")),
        sqlite(&file, &format!("SELECT step_entered_on FROM deals WHERE id = {deal}"))
    );
    let script = sqlite(&file, "SELECT body FROM script_versions ORDER BY id LIMIT 1");
    assert!(script.len() > 100, "a script's text: {script}");
    assert_eq!(psql(&db.url, "SELECT body FROM script_versions ORDER BY id LIMIT 1"), script);
    // The schema's version, and search entries made from the same folded text.
    assert_eq!(psql(&db.url, "SELECT version FROM conveyor_schema"), sqlite(&file, "PRAGMA user_version"));
    let live = sqlite(&file, "SELECT (SELECT count(*) FROM contacts WHERE archived_at IS NULL) + (SELECT count(*) FROM companies WHERE archived_at IS NULL)");
    assert_eq!(psql(&db.url, "SELECT count(*) FROM search_text"), live);
    let folded = psql(&db.url, &format!("SELECT body FROM search_text WHERE kind = 'company' AND id = {id}"));
    assert!(folded.contains(&name.to_lowercase().replace('ё', "е")), "{folded} holds the folded name {name}");
    // New rows get ids past the copied ones.
    let next = psql(&db.url, "INSERT INTO tags (name, name_key) VALUES ('Новый', 'новыи') RETURNING id");
    let max_tag: i64 = sqlite(&file, "SELECT coalesce(max(id), 0) FROM tags").parse().unwrap();
    assert!(next.parse::<i64>().unwrap() > max_tag);
}

#[test]
fn a_second_promote_into_the_same_database_is_refused_and_changes_nothing() {
    let Some(db) = Db::fresh("a_second_promote_into_the_same_database_is_refused_and_changes_nothing") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let o = conveyor(&["promote", file.to_str().unwrap(), &db.url]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("verified"), "{}", stdout(&o));
    let fingerprint = "SELECT (SELECT count(*) FROM deals), (SELECT sum(value_minor) FROM deals), (SELECT count(*) FROM activities), (SELECT md5(string_agg(name, '|' ORDER BY id)) FROM companies)";
    let before = psql(&db.url, fingerprint);
    let o = conveyor(&["promote", file.to_str().unwrap(), &db.url]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[conflict]") && stderr(&o).contains("already holds a Conveyor team workspace"), "{}", stderr(&o));
    assert_eq!(psql(&db.url, fingerprint), before);
}

#[test]
fn a_wrong_password_is_refused_in_the_persons_language_and_changes_nothing() {
    let Some(db) = Db::fresh("a_wrong_password_is_refused_in_the_persons_language_and_changes_nothing") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let (login, rest) = db.url.strip_prefix("postgres://").unwrap().split_once('@').unwrap();
    let user = login.split(':').next().unwrap();
    let wrong = format!("postgres://{user}:not-the-password@{rest}");
    let o = std::process::Command::new(conveyor_flow_tests::conveyor_bin())
        .args(["promote", file.to_str().unwrap(), &wrong])
        .env("LC_ALL", "ru_RU.UTF-8")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error[authentication_failed]"), "{err}");
    assert!(err.contains("неверное имя пользователя или пароль") && err.contains(user), "{err}");
    assert_eq!(psql(&db.url, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), "0");
}

#[test]
fn a_server_that_does_not_answer_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    // A port of this machine that nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let o = conveyor(&["promote", file.to_str().unwrap(), &format!("postgres://anna:secret@127.0.0.1:{port}/shop")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[unavailable]") && stderr(&o).contains(&format!("127.0.0.1:{port}")), "{}", stderr(&o));
    let o = conveyor(&["promote", file.to_str().unwrap(), "mysql://anna@host/shop"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[validation]") && stderr(&o).contains("postgres://"), "{}", stderr(&o));
}

/// Every row of every table the app keeps, in id order, as `sqlite3` prints it.
fn rows_of(file: &Path) -> Vec<(String, String)> {
    let tables = sqlite(file, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%' ORDER BY name");
    tables.lines().map(|t| (t.to_string(), sqlite(file, &format!("SELECT * FROM \"{t}\" ORDER BY 1")))).collect()
}

#[test]
fn pull_gives_back_the_promoted_workspace_as_a_new_file() {
    let Some(db) = Db::fresh("pull_gives_back_the_promoted_workspace_as_a_new_file") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let o = conveyor(&["promote", file.to_str().unwrap(), &db.url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = dir.path().join("from-the-team.conveyor");
    let o = conveyor(&["pull", &db.url, copy.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["verified"], true);
    assert!(stderr(&o).contains("deals: ") && stderr(&o).contains(" rows verified"), "{}", stderr(&o));
    // The same rows, table for table: Cyrillic names, money, dates and times as the file wrote them.
    let (a, b) = (rows_of(&file), rows_of(&copy));
    assert!(a.len() > 30);
    for ((ta, ra), (tb, rb)) in a.iter().zip(&b) {
        assert_eq!((ta, ra), (tb, rb));
    }
    assert_eq!(a.len(), b.len());
    // A working workspace: its checks pass, search finds a client, Today reads.
    let o = conveyor(&["check", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let name = sqlite(&copy, "SELECT name FROM companies ORDER BY id LIMIT 1");
    let word = name.split_whitespace().max_by_key(|w| w.chars().count()).unwrap().to_string();
    let o = conveyor(&["search", copy.to_str().unwrap(), &word, "--json"]);
    assert!(o.status.success() && stdout(&o).contains(&name.replace('"', "\\\"")), "{word}: {}{}", stdout(&o), stderr(&o));
    let today = |f: &Path| {
        let o = conveyor(&["today", f.to_str().unwrap(), "--json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(today(&copy), today(&file), "Today reads the same from the copy");
    // A second pull never overwrites the file it made.
    let before = std::fs::read(&copy).unwrap();
    let o = conveyor(&["pull", &db.url, copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[conflict]"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

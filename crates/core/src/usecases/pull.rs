//! Pull: a team workspace on PostgreSQL copied into a new workspace file
//! (docs/TEAM.md §2) — the team's backup on a laptop, and the way back to
//! one file. The server is only read, as one snapshot; the file is made
//! whole under a temporary name and moved in place only once every table
//! read back from it matched the server, so a failure leaves no file and
//! never touches an existing one.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::Lang;
use crate::store::meta::NewWorkspace;
use crate::store::pg::{self};
use crate::store::{Passphrase, Store};
use crate::usecases::promote::{PromoteProgress, PromoteTarget, PromotedTable};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What pull did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PullReport {
    /// `host:port`
    pub server: String,
    pub database: String,
    pub user: String,
    /// The workspace file written.
    pub file: String,
    pub encrypted: bool,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Every table of the workspace, in the order copied.
    pub tables: Vec<PromotedTable>,
    /// The search entries, made in the file and equal to the server's.
    pub search: PromotedTable,
    /// True: every table read back from the file matched the server (a
    /// difference is an error, so a report always says true).
    pub verified: bool,
}

/// Copies the team workspace at `target` into a new workspace file at
/// `path` (encrypted with `key` when one is given). Refuses an existing
/// `path`: a pull never overwrites a workspace.
pub fn pull(target: &PromoteTarget, path: &Path, clock: &dyn Clock, key: Option<&Passphrase>, progress: &mut dyn FnMut(PromoteProgress)) -> Result<PullReport> {
    let server = target.server()?;
    let mut client = pg::connect(&server)?;
    // The name, language and currency come from the server with its `meta`.
    let init = NewWorkspace::new("Team workspace", Lang::En, "EUR");
    let (store, done) = Store::create_filled(path, clock, &init, key, None, |s| {
        s.write(|tx| pg::pull::pull(tx, &mut client, &server, &mut |t, phase| progress(PromoteProgress::of(t, phase))))
    })?;
    drop(store);
    Ok(PullReport {
        server: server.address(),
        database: server.database.clone(),
        user: server.user.clone(),
        file: path.display().to_string(),
        encrypted: key.is_some(),
        schema_version: done.schema_version,
        tables: done.tables.iter().map(PromotedTable::from).collect(),
        search: (&done.search).into(),
        verified: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::error::ErrorCode;
    use crate::store::pg::{Server, testing};
    use crate::usecases::promote::promote_file;

    fn clock() -> FixedClock {
        FixedClock::at("2026-11-24T09:00:00+03:00")
    }

    fn target(s: &Server) -> PromoteTarget {
        PromoteTarget { host: s.host.clone(), port: Some(s.port), database: s.database.clone(), user: s.user.clone(), password: s.password.clone() }
    }

    /// The demo (in `lang`) promoted to the test database: the folder and the file.
    fn promoted(db: &Server, lang: Lang) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("demo.conveyor");
        crate::demo::create_workspace(&original, &clock(), &crate::demo::DemoSpec { lang, ..Default::default() }).unwrap();
        promote_file(&original, &clock(), None, &target(db), &mut |_| {}).unwrap();
        (dir, original)
    }

    /// Every table's rows of a workspace file, in key order, as text.
    fn dump(path: &Path, key: Option<&Passphrase>) -> Vec<(String, Vec<String>)> {
        let s = Store::open_for_reading(path, &clock(), key).unwrap();
        s.rehearse_read(|c| {
            let mut out = vec![];
            for t in pg::migrate::sqlite::tables(c)?.into_iter().filter(|t| t != "search_backlog") {
                let mut st = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))?;
                let n = st.column_count();
                let rows = st
                    .query_map([], |r| {
                        let mut line = vec![];
                        for i in 0..n {
                            line.push(format!("{:?}", r.get_ref(i)?));
                        }
                        Ok(line.join("|"))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                out.push((t, rows));
            }
            Ok(out)
        })
        .unwrap()
    }

    #[test]
    fn promote_then_pull_gives_back_the_same_workspace() {
        let Some(db) = testing::fresh("promote_then_pull_gives_back_the_same_workspace") else { return };
        let (dir, original) = promoted(&db.server, Lang::Ru);

        let copy = dir.path().join("pulled.conveyor");
        let mut steps = vec![];
        let report = pull(&target(&db.server), &copy, &clock(), None, &mut |p| steps.push(p)).unwrap();
        assert!(report.verified && !report.encrypted);
        assert!(report.tables.len() > 30, "{}", report.tables.len());
        assert!(steps.iter().any(|p| p.table == "deals" && p.phase == "verified"));
        // Row for row the same tables (dates, times, money, Cyrillic text).
        let (a, b) = (dump(&original, None), dump(&copy, None));
        assert_eq!(a.len(), b.len());
        for ((ta, ra), (tb, rb)) in a.iter().zip(&b) {
            assert_eq!(ta, tb);
            assert_eq!(ra, rb, "table {ta}");
        }
        // The copy is a working workspace: it opens, passes its checks, and finds by folded text.
        let mut s = Store::open(&copy, &clock()).unwrap();
        let check: String = s.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let fk: i64 = s.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
        let name: String = s.conn().query_row("SELECT name FROM companies WHERE archived_at IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
        let word: String = name.split_whitespace().find(|w| w.chars().count() > 3).unwrap_or(&name).to_lowercase();
        let hits = crate::store::search::query(s.conn(), &word, 20).unwrap();
        assert!(!hits.is_empty(), "“{word}” is found in the pulled file");
        // Its triggers are back: a new order joins the monthly summary.
        s.write(|c| {
            c.execute(
                "INSERT INTO orders (company_id, order_date, amount_minor, margin_minor, currency, created_at, updated_at)
                 SELECT id, '2026-11-20', 100, 0, 'RUB', 'x', 'x' FROM companies ORDER BY id LIMIT 1",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let (ours, grouped) = crate::store::order_months::compared(s.conn());
        assert_eq!(ours, grouped);
    }

    #[test]
    fn a_pull_never_overwrites_a_file_and_a_database_without_a_workspace_writes_none() {
        let Some(db) = testing::fresh("a_pull_never_overwrites_a_file_and_a_database_without_a_workspace_writes_none") else { return };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.conveyor");
        let e = pull(&target(&db.server), &path, &clock(), None, &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound, "{e}");
        assert!(e.message.contains("holds no Conveyor team workspace"), "{}", e.message);
        assert!(!path.exists(), "no file, not even half of one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left beside it");
        std::fs::write(&path, b"mine").unwrap();
        let e = pull(&target(&db.server), &path, &clock(), None, &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(std::fs::read(&path).unwrap(), b"mine");
    }

    #[test]
    fn a_copy_that_differs_from_the_server_names_the_table_and_keeps_nothing() {
        let Some(db) = testing::fresh("a_copy_that_differs_from_the_server_names_the_table_and_keeps_nothing") else { return };
        let (dir, _) = promoted(&db.server, crate::demo::DemoSpec::default().lang);
        let mut s = Store::create(&dir.path().join("new.conveyor"), &clock(), &NewWorkspace::new("New", Lang::En, "EUR")).unwrap();
        let steps_before: i64 = s.conn().query_row("SELECT count(*) FROM steps", [], |r| r.get(0)).unwrap();
        let mut client = pg::connect(&db.server).unwrap();
        // One name changed in the file between the copy and its check.
        let e = s
            .write(|tx| {
                pg::pull::pull_with_hook(
                    tx,
                    &mut client,
                    &db.server,
                    &mut |_, _| {},
                    "UPDATE companies SET name = name || ' ' WHERE id = (SELECT min(id) FROM companies)",
                )
            })
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::VerificationFailed, "{e}");
        assert!(e.message.contains("table companies") && e.message.contains("No file was written"), "{}", e.message);
        let ru = e.localized(Lang::Ru);
        assert!(ru.message.contains("companies") && ru.message.contains("Файл не записан"), "{}", ru.message);
        // The transaction took nothing with it: the new file is as it was made.
        let (companies, steps): (i64, i64) =
            s.conn().query_row("SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM steps)", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((companies, steps), (0, steps_before));
        let triggers: i64 = s.conn().query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'", [], |r| r.get(0)).unwrap();
        assert_eq!(triggers, 3, "the summary's triggers are still there");
    }

    #[test]
    fn a_pull_can_write_an_encrypted_file() {
        let Some(db) = testing::fresh("a_pull_can_write_an_encrypted_file") else { return };
        let (dir, original) = promoted(&db.server, crate::demo::DemoSpec::default().lang);
        let key = Passphrase::new("correct horse battery");
        let copy = dir.path().join("pulled.conveyor");
        let report = pull(&target(&db.server), &copy, &clock(), Some(&key), &mut |_| {}).unwrap();
        assert!(report.encrypted);
        assert_ne!(&std::fs::read(&copy).unwrap()[..16], b"SQLite format 3\0");
        assert_eq!(Store::open(&copy, &clock()).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert_eq!(dump(&original, None), dump(&copy, Some(&key)));
    }
}

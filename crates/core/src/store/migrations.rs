//! Embedded, forward-only migrations. The schema version is SQLite's
//! `user_version`; each migration runs in its own transaction with the
//! version bump, so a failure leaves the file at the previous version.

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Every migration ever released, in order. Index + 1 is the version it produces.
const MIGRATIONS: &[Migration] = &[
    (include_str!("../migrations/0001_init.sql"), None),
    (include_str!("../migrations/0002_daily_work.sql"), Some(after_v2)),
    (include_str!("../migrations/0003_interop.sql"), None),
    (include_str!("../migrations/0004_activity_counts.sql"), None),
    (include_str!("../migrations/0005_today_order.sql"), None),
    (include_str!("../migrations/0006_playbook.sql"), None),
    (include_str!("../migrations/0007_plans.sql"), None),
];

/// A migration: its SQL, and what Rust must do after it in the same
/// transaction (work SQL cannot do, such as folding text for search).
type Migration = (&'static str, Option<fn(&Connection) -> Result<()>>);

/// Existing workspaces get their search index and hand-off card fields.
fn after_v2(c: &Connection) -> Result<()> {
    super::search::rebuild(c)?;
    let lang: Option<String> = c
        .query_row("SELECT value FROM meta WHERE key = 'lang'", [], |r| r.get(0))
        .optional()?;
    if let Some(lang) = lang {
        super::cards::seed_defaults(c, crate::model::Lang::parse("workspace.lang", &lang)?)?;
    }
    Ok(())
}

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    run(conn, MIGRATIONS)
}

fn run(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, (sql, after)) in migrations.iter().enumerate().skip(current.max(0) as usize) {
        let version = i as i64 + 1;
        let failed = |e: &dyn std::fmt::Display| {
            Error::new(ErrorCode::Storage, format!(
                "Updating the workspace to schema {version} failed: {e}. The file was left as it was; a backup copy sits beside it."
            ))
        };
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| failed(&e))?;
        if let Some(after) = after {
            after(&tx).map_err(|e| failed(&e))?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Where the copy made before migrating a file from `version` goes.
pub(crate) fn backup_path(workspace: &Path, version: i64, clock: &dyn Clock) -> PathBuf {
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ");
    let mut name = workspace.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".pre-migration-v{version}-{stamp}.bak"));
    workspace.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_in_order_and_record_the_version() {
        let mut c = Connection::open_in_memory().unwrap();
        let steps: [Migration; 2] = [("CREATE TABLE a(x);", None), ("CREATE TABLE b(y); INSERT INTO a VALUES (1);", None)];
        run(&mut c, &steps[..1]).unwrap();
        assert_eq!(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
        run(&mut c, &steps).unwrap();
        run(&mut c, &steps).unwrap(); // idempotent: nothing re-runs
        assert_eq!(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 2);
        assert_eq!(c.query_row("SELECT count(*) FROM a", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version_intact() {
        let mut c = Connection::open_in_memory().unwrap();
        run(&mut c, &[("CREATE TABLE a(x);", None)]).unwrap();
        let err = run(&mut c, &[("CREATE TABLE a(x);", None), ("CREATE TABLE b(y); CREATE TABLE broken(;", None)]).unwrap_err();
        assert_eq!(err.code, ErrorCode::Storage);
        assert!(err.message.contains("schema 2"));
        assert_eq!(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
        let b: i64 = c.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(b, 0, "the half-applied migration was rolled back");
    }
}

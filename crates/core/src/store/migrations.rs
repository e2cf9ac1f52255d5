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
    (include_str!("../migrations/0008_inserts_and_norms.sql"), Some(after_v8)),
    (include_str!("../migrations/0009_search_backlog.sql"), None),
    (include_str!("../migrations/0010_addresses.sql"), None),
    (include_str!("../migrations/0011_sales_history.sql"), None),
    (include_str!("../migrations/0012_expected_close_and_drafts.sql"), None),
    (include_str!("../migrations/0013_tags_fields_merges.sql"), None),
    (include_str!("../migrations/0014_nameless_contacts_company_facts.sql"), Some(after_v14)),
    (include_str!("../migrations/0015_order_months.sql"), None),
];

/// A migration: its SQL, and what Rust must do after it in the same
/// transaction (work SQL cannot do, such as folding text for search).
type Migration = (&'static str, Option<fn(&Connection) -> Result<()>>);

/// Existing workspaces get their search index and hand-off card fields.
fn after_v2(c: &Connection) -> Result<()> {
    super::search::rebuild(c)?;
    let lang: Option<String> = c.query_row("SELECT value FROM meta WHERE key = 'lang'", [], |r| r.get(0)).optional()?;
    if let Some(lang) = lang {
        super::cards::seed_defaults(c, crate::model::Lang::parse("workspace.lang", &lang)?)?;
    }
    Ok(())
}

/// Cheaper CHECKs, and the hand-offs' count of empty required fields.
fn after_v8(c: &Connection) -> Result<()> {
    check_lists_as_comparisons(c)?;
    super::cards::recount_missing(c, super::cards::CardKind::Qualification)?;
    super::cards::recount_missing(c, super::cards::CardKind::Handover)
}

/// The contacts' CHECK becomes "a name or an e-mail" (see 0014).
fn after_v14(c: &Connection) -> Result<()> {
    const OLD: &str = "CHECK (length(first_name) + length(last_name) > 0)";
    const NEW: &str = "CHECK (length(first_name) + length(last_name) > 0 OR ifnull(email, '') <> '')";
    let sql: String = c.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'contacts'", [], |r| r.get(0))?;
    if !sql.contains(OLD) {
        return Err(Error::new(ErrorCode::Internal, "The contacts table is not as version 13 left it; migration 14 cannot loosen its name rule."));
    }
    rewrite_tables(c, &[("contacts".to_string(), sql.replace(OLD, NEW))])
}

/// Stores new definitions of tables whose rows need no change (a looser
/// CHECK), and makes SQLite read them again.
fn rewrite_tables(c: &Connection, changed: &[(String, String)]) -> Result<()> {
    let version: i64 = c.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    c.execute_batch("PRAGMA writable_schema = ON")?;
    let written = (|| -> Result<()> {
        for (name, sql) in changed {
            c.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", [sql, name])?;
        }
        // Makes SQLite read the definitions again (and any other connection too).
        c.pragma_update(None, "schema_version", version + 1)?;
        Ok(())
    })();
    c.execute_batch("PRAGMA writable_schema = OFF")?;
    written
}

/// Rewrites every `CHECK (x IN (…))` of the stored table definitions as
/// `CHECK (x = … OR x = …)` (see 0008_inserts_and_norms.sql): same rule, no
/// temporary b-tree per insert. The rows are not touched.
fn check_lists_as_comparisons(c: &Connection) -> Result<()> {
    let tables: Vec<(String, String)> = c
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let changed: Vec<(String, String)> = tables
        .into_iter()
        .filter_map(|(name, sql)| {
            let new = in_lists_as_comparisons(&sql);
            (new != sql).then_some((name, new))
        })
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    rewrite_tables(c, &changed)
}

/// `CHECK (x IN ('a', 'b'))` → `CHECK (x = 'a' OR x = 'b')` wherever a CHECK
/// is exactly one column tested against a list of plain literals; anything
/// else is left as written.
pub(crate) fn in_lists_as_comparisons(sql: &str) -> String {
    const OPEN: &str = "CHECK (";
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at + OPEN.len()]);
        rest = &rest[at + OPEN.len()..];
        if let Some((column, items, len)) = check_in_list(rest) {
            let terms: Vec<String> = items.iter().map(|v| format!("{column} = {v}")).collect();
            out.push_str(&terms.join(" OR "));
            out.push(')');
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

/// Reads `x IN (v1, v2, …))` at the start of `s`: the column, the literals and
/// how many bytes that took (through the CHECK's closing parenthesis).
fn check_in_list(s: &str) -> Option<(&str, Vec<&str>, usize)> {
    let column_len = s.find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))?;
    let column = &s[..column_len];
    let after = s[column_len..].strip_prefix(" IN (")?;
    let close = after.find(')')?;
    let items: Vec<&str> = after[..close].split(',').map(str::trim).collect();
    let literal = |v: &&str| {
        (v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') && !v[1..v.len() - 1].contains('\''))
            || (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
    };
    if column.is_empty() || items.is_empty() || !items.iter().all(literal) {
        return None;
    }
    let tail = after[close + 1..].strip_prefix(')')?;
    Some((column, items, s.len() - tail.len()))
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
            Error::new(
                ErrorCode::Storage,
                format!("Updating the workspace to schema {version} failed: {e}. The file was left as it was; a backup copy sits beside it."),
            )
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

    #[test]
    fn in_lists_in_checks_become_comparisons_and_nothing_else_changes() {
        let sql = "CREATE TABLE t (a TEXT CHECK (abc IN ('A', 'B', 'C')), n INTEGER NOT NULL CHECK (is_owner IN (0, 1)),
            name TEXT CHECK (length(name) BETWEEN 1 AND 300), s TEXT CHECK (s IN (SELECT x FROM y)), q TEXT CHECK (q IN ('it''s')))";
        assert_eq!(
            in_lists_as_comparisons(sql),
            "CREATE TABLE t (a TEXT CHECK (abc = 'A' OR abc = 'B' OR abc = 'C'), n INTEGER NOT NULL CHECK (is_owner = 0 OR is_owner = 1),
            name TEXT CHECK (length(name) BETWEEN 1 AND 300), s TEXT CHECK (s IN (SELECT x FROM y)), q TEXT CHECK (q IN ('it''s')))"
        );
        assert_eq!(in_lists_as_comparisons("CREATE TABLE u (x)"), "CREATE TABLE u (x)");
    }

    /// No table's INSERT builds a temporary b-tree (a CHECK's IN list did, on
    /// every row), and the rewritten checks refuse and accept what they did.
    #[test]
    fn inserts_build_no_temporary_btree_and_the_checks_still_hold() {
        let s = crate::store::testing::store();
        let c = s.conn();
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(tables.len() > 20, "{tables:?}");
        for t in &tables {
            let cols: Vec<String> =
                c.prepare("SELECT name FROM pragma_table_info(?1)").unwrap().query_map([t], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
            let sql = format!("EXPLAIN INSERT INTO {t} ({}) VALUES ({})", cols.join(", "), vec!["?"; cols.len()].join(", "));
            let mut st = c.prepare(&sql).unwrap();
            let mut rows = st.raw_query(); // unbound parameters: EXPLAIN only compiles
            let mut ops: Vec<String> = vec![];
            while let Some(r) = rows.next().unwrap() {
                ops.push(r.get(1).unwrap());
            }
            assert!(!ops.iter().any(|o| o == "OpenEphemeral"), "INSERT INTO {t} builds a temporary b-tree: write its CHECK lists with OR");
        }
        let now = "2026-11-24T09:00:00Z";
        let insert = |abc: Option<&str>, stage: Option<&str>| {
            c.execute(
                "INSERT INTO companies (name, abc, stage, created_at, updated_at) VALUES ('Check Ltd', ?1, ?2, ?3, ?3)",
                rusqlite::params![abc, stage, now],
            )
        };
        assert!(insert(Some("A"), Some("first_deal")).is_ok());
        assert!(insert(None, None).is_ok(), "NULL still passes");
        assert!(insert(Some("D"), None).is_err(), "a class outside A/B/C is still refused");
        assert!(insert(None, Some("closing")).is_err(), "an unknown stage is still refused");
    }
}

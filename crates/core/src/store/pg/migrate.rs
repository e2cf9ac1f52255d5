//! The PostgreSQL schema series (`src/migrations/pg/`). Each entry creates
//! or changes the schema to the file workspace's version of the same number
//! (docs/TEAM.md §3): the first creates the whole schema at version 14; from
//! then on a schema change is one file per dialect with the same number.
//! They run in one transaction under an advisory lock, so two clients
//! upgrading at once do not both migrate; the version is the one row of
//! `conveyor_schema`.

use crate::error::{Error, ErrorCode, Result};
use postgres::Transaction;

/// `(workspace schema version it brings the database to, SQL)`, in order.
const PG_MIGRATIONS: &[(i64, &str)] =
    &[(14, include_str!("../../migrations/pg/0001_schema.sql")), (15, include_str!("../../migrations/pg/0002_order_months.sql"))];

/// Tables only the server has by design: its schema version and search
/// table (the file's are `user_version` and FTS5's own tables).
pub(crate) const SERVER_ONLY: &[&str] = &["conveyor_schema", "search_text"];

/// The advisory lock key of schema changes ("CONV" as in the file's application id).
const LOCK_KEY: i64 = crate::store::APPLICATION_ID as i64;

/// The schema version the newest migration brings a database to.
pub fn latest_version() -> i64 {
    PG_MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Takes the schema lock for the rest of `tx`.
pub(crate) fn lock(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
    Ok(())
}

/// The database's schema version: `None` when it holds no Conveyor schema.
pub(crate) fn version(tx: &mut Transaction<'_>) -> Result<Option<i64>> {
    let exists: bool = tx.query_one("SELECT to_regclass('conveyor_schema') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(None);
    }
    Ok(tx.query_opt("SELECT max(version) FROM conveyor_schema", &[])?.and_then(|r| r.get::<_, Option<i64>>(0)))
}

/// The tables in the connection's schema (a database for a new workspace has none).
pub(crate) fn table_count(tx: &mut Transaction<'_>) -> Result<i64> {
    Ok(tx.query_one("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()", &[])?.get(0))
}

/// Brings the schema to the newest version in `tx` (its caller holds the
/// lock), and returns that version. A database of a newer Conveyor is refused.
pub(crate) fn migrate(tx: &mut Transaction<'_>) -> Result<i64> {
    let current = version(tx)?.unwrap_or(0);
    let latest = latest_version();
    if current > latest {
        return Err(Error::new(
            ErrorCode::InvalidFile,
            format!("The team workspace was set up by a newer Conveyor (schema {current}; this one knows up to {latest}). Update Conveyor and try again."),
        ));
    }
    for (version, sql) in PG_MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        tx.batch_execute(sql).map_err(|e| {
            Error::new(ErrorCode::Storage, format!("Setting up the team workspace's schema {version} failed: {e}. Nothing was changed on the server."))
        })?;
        tx.execute("DELETE FROM conveyor_schema", &[])?;
        tx.execute("INSERT INTO conveyor_schema (version) VALUES ($1)", &[version])?;
    }
    Ok(latest)
}

/// A column as both schemas are compared: name, type and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub data_type: String,
    pub nullable: bool,
}

/// A table's columns in order, as PostgreSQL describes them.
pub(crate) fn columns(tx: &mut Transaction<'_>, table: &str) -> Result<Vec<Column>> {
    let rows = tx.query(
        "SELECT column_name::text, data_type::text, is_nullable = 'YES' FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        &[&table],
    )?;
    Ok(rows.iter().map(|r| Column { name: r.get(0), data_type: r.get(1), nullable: r.get(2) }).collect())
}

/// The tables of the connection's schema.
pub(crate) fn tables(tx: &mut Transaction<'_>) -> Result<Vec<String>> {
    let rows = tx.query("SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename", &[])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The named indexes of a table (those behind a primary key or UNIQUE
/// constraint are left out: SQLite names them itself).
#[cfg(test)]
pub(crate) fn indexes(tx: &mut Transaction<'_>, table: &str) -> Result<Vec<String>> {
    let rows = tx.query(
        "SELECT i.relname::text FROM pg_catalog.pg_index x
         JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
         JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = current_schema() AND t.relname = $1
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid)
         ORDER BY 1",
        &[&table],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The same descriptions of the file workspace's schema.
pub(crate) mod sqlite {
    use super::Column;
    use crate::error::Result;
    use rusqlite::Connection;

    /// The tables of the workspace file, without SQLite's own and the search
    /// index's (FTS5 keeps its index in tables of its own).
    pub fn tables(c: &Connection) -> Result<Vec<String>> {
        let mut st =
            c.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY rowid")?;
        let names = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }

    /// A table's columns in order: declared type and nullability (a primary
    /// key's `INTEGER` is NOT NULL, as it is the rowid).
    pub fn columns(c: &Connection, table: &str) -> Result<Vec<Column>> {
        let mut st = c.prepare(&format!("SELECT name, type, \"notnull\", pk FROM pragma_table_info({})", quote(table)))?;
        let cols = st
            .query_map([], |r| {
                let (name, ty, notnull, pk): (String, String, bool, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                Ok(Column { name, data_type: ty.to_ascii_uppercase(), nullable: !notnull && pk == 0 })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(cols)
    }

    /// The primary key's columns in key order (none for a table without one).
    pub fn primary_key(c: &Connection, table: &str) -> Result<Vec<String>> {
        let mut st = c.prepare(&format!("SELECT name FROM pragma_table_info({}) WHERE pk > 0 ORDER BY pk", quote(table)))?;
        let cols = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(cols)
    }

    /// The indexes written in the schema (SQLite's own for UNIQUE and
    /// primary keys have no SQL and are left out).
    #[cfg(test)]
    pub fn indexes(c: &Connection, table: &str) -> Result<Vec<String>> {
        let mut st = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name")?;
        let names = st.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }

    fn quote(s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::pg::{connect, testing};

    /// The types a file column's declared type may become on the server.
    fn mapped(sqlite: &str) -> &'static [&'static str] {
        match sqlite {
            "INTEGER" => &["bigint"],
            "REAL" => &["double precision"],
            "TEXT" => &["text", "date", "timestamp without time zone", "timestamp with time zone"],
            "BLOB" => &["bytea"],
            _ => &[],
        }
    }

    #[test]
    fn the_postgres_schema_matches_the_file_schema() {
        let Some(db) = testing::fresh("the_postgres_schema_matches_the_file_schema") else { return };
        let file = crate::store::testing::store();
        let mut client = connect(&db.server).unwrap();
        let mut tx = client.transaction().unwrap();
        lock(&mut tx).unwrap();
        assert_eq!(migrate(&mut tx).unwrap(), crate::store::migrations::latest_version(), "the pg series reaches the file's schema version");
        let ours = file.rehearse_read(sqlite::tables).unwrap();
        let theirs: Vec<String> = tables(&mut tx).unwrap().into_iter().filter(|t| !SERVER_ONLY.contains(&t.as_str())).collect();
        let mut differences = vec![];
        for t in ours.iter().filter(|t| !theirs.contains(t)) {
            differences.push(format!("table {t} is in the file's schema only"));
        }
        for t in theirs.iter().filter(|t| !ours.contains(t)) {
            differences.push(format!("table {t} is in the PostgreSQL schema only"));
        }
        for t in ours.iter().filter(|t| theirs.contains(t)) {
            let file_cols = file.rehearse_read(|c| sqlite::columns(c, t)).unwrap();
            let pg_cols = columns(&mut tx, t).unwrap();
            for c in &file_cols {
                match pg_cols.iter().find(|p| p.name == c.name) {
                    None => differences.push(format!("column {t}.{} is in the file's schema only", c.name)),
                    Some(p) => {
                        if p.nullable != c.nullable {
                            differences.push(format!("column {t}.{}: nullable {} in the file, {} on PostgreSQL", c.name, c.nullable, p.nullable));
                        }
                        if !mapped(&c.data_type).contains(&p.data_type.as_str()) {
                            differences.push(format!("column {t}.{}: {} in the file cannot be {} on PostgreSQL", c.name, c.data_type, p.data_type));
                        }
                    }
                }
            }
            for p in pg_cols.iter().filter(|p| !file_cols.iter().any(|c| c.name == p.name)) {
                differences.push(format!("column {t}.{} is in the PostgreSQL schema only", p.name));
            }
            let (fi, pi) = (file.rehearse_read(|c| sqlite::indexes(c, t)).unwrap(), indexes(&mut tx, t).unwrap());
            for i in fi.iter().filter(|i| !pi.contains(i)) {
                differences.push(format!("index {i} on {t} is in the file's schema only"));
            }
            for i in pi.iter().filter(|i| !fi.contains(i)) {
                differences.push(format!("index {i} on {t} is in the PostgreSQL schema only"));
            }
        }
        assert!(ours.len() > 30, "the file's tables are read ({})", ours.len());
        assert!(differences.is_empty(), "the schemas differ:\n{}", differences.join("\n"));
    }

    #[test]
    fn migrating_records_the_version_once_and_a_second_run_changes_nothing() {
        let Some(db) = testing::fresh("migrating_records_the_version_once_and_a_second_run_changes_nothing") else { return };
        let mut client = connect(&db.server).unwrap();
        for _ in 0..2 {
            let mut tx = client.transaction().unwrap();
            lock(&mut tx).unwrap();
            assert_eq!(migrate(&mut tx).unwrap(), latest_version());
            tx.commit().unwrap();
        }
        let mut tx = client.transaction().unwrap();
        assert_eq!(version(&mut tx).unwrap(), Some(latest_version()));
        let rows: i64 = tx.query_one("SELECT count(*) FROM conveyor_schema", &[]).unwrap().get(0);
        assert_eq!(rows, 1);
        // A database of a newer Conveyor is refused, not downgraded.
        tx.execute("UPDATE conveyor_schema SET version = version + 1", &[]).unwrap();
        let e = migrate(&mut tx).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidFile);
        assert!(e.message.contains("newer Conveyor"), "{}", e.message);
    }

    #[test]
    fn a_failed_schema_leaves_no_table_behind() {
        let Some(db) = testing::fresh("a_failed_schema_leaves_no_table_behind") else { return };
        let mut client = connect(&db.server).unwrap();
        {
            let mut tx = client.transaction().unwrap();
            lock(&mut tx).unwrap();
            migrate(&mut tx).unwrap();
            // Dropped without commit: rolled back, as a failure would be.
        }
        let mut tx = client.transaction().unwrap();
        assert_eq!(table_count(&mut tx).unwrap(), 0);
        assert_eq!(version(&mut tx).unwrap(), None);
    }
}

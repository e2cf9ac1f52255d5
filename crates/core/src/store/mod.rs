//! The workspace file: one SQLite database per business. All SQL of Conveyor
//! lives under this module, one file per aggregate.

mod lock;
pub mod migrations;

pub mod activities;
pub mod board;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod meta;
pub mod orders;
pub mod people;
pub mod reports;
pub mod stats;
pub mod steps;

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

pub use lock::LockHolder;

/// `PRAGMA application_id` of every Conveyor workspace ("CONV").
pub const APPLICATION_ID: i32 = 0x434F_4E56;
/// The file extension of workspaces.
pub const EXTENSION: &str = "conveyor";

/// An open workspace. Holds the single-writer lock for as long as it lives.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    _lock: Option<lock::WorkspaceLock>,
    /// Backup written before migrating this file on open, if any.
    pub migration_backup: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn configure(conn: &Connection, file_backed: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -32768;
         PRAGMA temp_store = MEMORY;",
    )?;
    if file_backed {
        // WAL: readers never block the writer; FULL: an acknowledged commit
        // survives power loss, not only a crash of the app.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::new(ErrorCode::Io, format!(
                "The workspace could not switch to write-ahead logging (got “{mode}”). Move the file to a local disk and try again."
            )));
        }
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
    }
    Ok(())
}

impl Store {
    /// Creates a new, empty workspace file (migrated, with default steps).
    /// Refuses to overwrite an existing file.
    pub fn create(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
        if path.exists() {
            return Err(Error::new(
                ErrorCode::Conflict,
                format!("{} already exists. Choose another name, or open it instead.", path.display()),
            ));
        }
        init.validate()?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let lock = lock::WorkspaceLock::acquire(path)?;
        let result = (|| {
            let conn = Connection::open(path)?;
            configure(&conn, true)?;
            let mut store = Store { conn, path: Some(path.to_path_buf()), _lock: Some(lock), migration_backup: None };
            store.initialise(clock, init)?;
            Ok(store)
        })();
        if result.is_err() {
            // Leave nothing half-made behind.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        result
    }

    /// Opens an existing workspace: takes the lock, checks it is a Conveyor
    /// file, and migrates it forward (after a backup copy) when it is older.
    pub fn open(path: &Path, clock: &dyn Clock) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::new(
                ErrorCode::NotFound,
                format!("There is no workspace at {}. Check the path, or create a new workspace.", path.display()),
            ));
        }
        let lock = lock::WorkspaceLock::acquire(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        // Look before writing anything: a file of another program stays untouched.
        let (app_id, version): (i32, i64) = conn
            .query_row("SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| match Error::from(e) {
                e if e.code == ErrorCode::InvalidFile => Error::new(ErrorCode::InvalidFile, format!(
                    "{} is not a Conveyor workspace (not an SQLite database). Choose a .conveyor file.", path.display())),
                e => e,
            })?;
        if app_id != APPLICATION_ID {
            return Err(Error::new(ErrorCode::InvalidFile, format!(
                "{} is an SQLite file of another program, not a Conveyor workspace. Nothing was changed; choose a .conveyor file.",
                path.display()
            )));
        }
        let latest = migrations::latest_version();
        if version > latest {
            return Err(Error::new(ErrorCode::InvalidFile, format!(
                "{} was saved by a newer Conveyor (schema {version}; this version knows up to {latest}). Update Conveyor to open it.",
                path.display()
            )));
        }
        configure(&conn, true)?;
        let mut store = Store { conn, path: Some(path.to_path_buf()), _lock: Some(lock), migration_backup: None };
        if version < latest {
            let backup = migrations::backup_path(path, version, clock);
            store.backup_to(&backup)?;
            store.migration_backup = Some(backup);
            migrations::migrate(&mut store.conn)?;
        }
        Ok(store)
    }

    /// A workspace in memory (tests), initialised like a new file.
    pub fn in_memory(clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
        init.validate()?;
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        let mut store = Store { conn, path: None, _lock: None, migration_backup: None };
        store.initialise(clock, init)?;
        Ok(store)
    }

    fn initialise(&mut self, clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<()> {
        self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrations::migrate(&mut self.conn)?;
        self.write(|tx| {
            meta::initialise(tx, clock, init)?;
            steps::insert_defaults(tx, clock, init.lang)?;
            Ok(())
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A consistent copy of the whole workspace in a new file (online; the
    /// store stays usable). Refuses to overwrite.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::new(ErrorCode::Conflict, format!(
                "{} already exists. Choose another file for the backup.", dest.display())));
        }
        let mut out = Connection::open(dest)?;
        let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        b.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        Ok(())
    }

    /// Moves everything from the write-ahead log into the main file, so the
    /// file alone is complete (before it is moved or copied by name).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Who holds a workspace, if anyone (for messages and diagnostics).
pub fn lock_holder(path: &Path) -> Option<LockHolder> {
    lock::read_holder(path)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::Lang;

    pub fn clock() -> FixedClock {
        FixedClock::at("2026-11-24T09:00:00+01:00")
    }

    pub fn store() -> Store {
        Store::in_memory(&clock(), &meta::NewWorkspace::new("Test Ltd", Lang::En, "EUR")).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use testing::clock;

    fn init() -> meta::NewWorkspace {
        meta::NewWorkspace::new("Test Ltd", Lang::En, "EUR")
    }

    #[test]
    fn a_new_file_is_wal_with_foreign_keys_and_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        let store = Store::create(&path, &clock(), &init()).unwrap();
        let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
        let cache: i64 = store.conn().query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert!(cache <= -32768, "cache raised above the 2 MiB default, got {cache}");
    }

    #[test]
    fn create_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        std::fs::write(&path, b"precious").unwrap();
        let err = Store::create(&path, &clock(), &init()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert_eq!(std::fs::read(&path).unwrap(), b"precious");
    }

    #[test]
    fn a_second_open_of_the_same_file_is_refused_as_locked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        let first = Store::create(&path, &clock(), &init()).unwrap();
        let err = Store::open(&path, &clock()).unwrap_err();
        assert_eq!(err.code, ErrorCode::WorkspaceLocked);
        assert!(err.message.contains(&std::process::id().to_string()), "names the holder: {}", err.message);
        drop(first);
        Store::open(&path, &clock()).expect("lock released when the first store closes");
    }

    #[test]
    fn files_of_other_programs_are_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.conveyor");
        std::fs::write(&text, "BEGIN:VCARD\nFN:Someone\nEND:VCARD\n").unwrap();
        let before = std::fs::read(&text).unwrap();
        assert_eq!(Store::open(&text, &clock()).unwrap_err().code, ErrorCode::InvalidFile);
        assert_eq!(std::fs::read(&text).unwrap(), before);

        let other = dir.path().join("other.sqlite");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
        let before = std::fs::read(&other).unwrap();
        let err = Store::open(&other, &clock()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidFile);
        assert!(err.message.contains("another program"));
        assert_eq!(std::fs::read(&other).unwrap(), before);

        assert_eq!(Store::open(&dir.path().join("missing.conveyor"), &clock()).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        drop(Store::create(&path, &clock(), &init()).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 999).unwrap();
        let err = Store::open(&path, &clock()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidFile);
        assert!(err.message.contains("newer"));
    }

    #[test]
    fn an_older_file_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        drop(Store::create(&path, &clock(), &init()).unwrap());
        // Pretend the file is one version behind: its data must survive in the backup.
        let latest = migrations::latest_version();
        {
            let c = Connection::open(&path).unwrap();
            c.execute("INSERT INTO meta(key, value) VALUES ('marker', 'kept')", []).unwrap();
            c.pragma_update(None, "user_version", latest - 1).unwrap();
        }
        if latest == 1 {
            // With a single migration, version 0 means "empty": re-running v1 on
            // existing tables must fail cleanly, and the backup must exist.
            let err = Store::open(&path, &clock()).unwrap_err();
            assert_eq!(err.code, ErrorCode::Storage);
        } else {
            let s = Store::open(&path, &clock()).unwrap();
            assert_eq!(s.schema_version().unwrap(), latest);
        }
        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".pre-migration-v"))
            .collect();
        assert_eq!(backups.len(), 1, "exactly one backup before migrating");
        let b = Connection::open(backups[0].path()).unwrap();
        let marker: String = b.query_row("SELECT value FROM meta WHERE key = 'marker'", [], |r| r.get(0)).unwrap();
        assert_eq!(marker, "kept");
    }
}

/// Archives one row of an aggregate table (nothing is ever deleted).
pub(crate) fn archive_row(c: &Connection, table: &'static str, what: &str, id: i64, now: &str) -> Result<()> {
    let n = c.execute(
        &format!("UPDATE {table} SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL"),
        rusqlite::params![id, now],
    )?;
    if n == 0 { Err(Error::not_found(what, id)) } else { Ok(()) }
}

/// Whether a live (not archived) row exists.
pub(crate) fn exists(c: &Connection, table: &'static str, id: i64) -> Result<bool> {
    Ok(c.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND archived_at IS NULL)"),
        [id],
        |r| r.get(0),
    )?)
}

/// Turns "no rows changed" into a not-found error.
pub(crate) fn changed(n: usize, what: &str, id: i64) -> Result<()> {
    if n == 0 { Err(Error::not_found(what, id)) } else { Ok(()) }
}

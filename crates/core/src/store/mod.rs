//! The workspace file: one SQLite database per business. All SQL of Conveyor
//! lives under this module, one file per aggregate.

pub mod cipher;
mod lock;
pub mod migrations;

pub mod activities;
pub mod addresses;
pub mod analytics;
pub mod board;
pub mod bulk;
pub mod cache;
pub mod cards;
pub mod channels;
pub mod clients;
pub mod companies;
pub mod contact_details;
pub mod contacts;
pub mod custom_fields;
pub mod daily;
pub mod deals;
pub mod first_hour;
pub mod history;
pub mod import_history;
pub mod interop;
pub mod leads;
pub mod merge;
pub mod meta;
pub mod norms;
pub mod order_months;
pub mod orders;
pub mod people;
pub mod pg;
pub mod plans;
pub mod regulations;
pub mod reports;
pub mod reviews;
pub mod roles;
pub mod scripts;
pub mod search;
pub mod stats;
pub mod steps;
pub mod tags;
pub mod today;

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
pub use cipher::Passphrase;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of every Conveyor workspace ("CONV").
pub const APPLICATION_ID: i32 = 0x434F_4E56;
/// The file extension of workspaces.
pub const EXTENSION: &str = "conveyor";

/// An open workspace. A writer holds the single-writer lock for as long as
/// it lives; a reader ([`Store::open_for_reading`]) takes no lock and reads
/// one consistent snapshot.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The passphrase of an encrypted workspace (None: plaintext).
    key: Option<Passphrase>,
    _lock: Option<lock::WorkspaceLock>,
    /// Backup written before migrating this file on open, if any.
    pub migration_backup: Option<PathBuf>,
    /// Marks the file as open in this process (outputs never go over it).
    _open: Option<lock::OpenMark>,
    /// Opened for reading only; the note says why the file cannot be written, if it cannot.
    reading: Option<Option<String>>,
    /// Heavy figures kept until a table they read changes.
    cache: cache::Cache,
}

impl Drop for Store {
    /// A reader's connection cannot remove the `-wal` and `-shm` files it
    /// may have made beside the workspace. When nobody writes to the file
    /// (its lock is free), a writer's connection opened and closed right
    /// away tidies them as a writer's close always does; otherwise the
    /// writer that has it open will.
    fn drop(&mut self) {
        // Only a reader of a file that can be written.
        if !matches!(self.reading, Some(None)) {
            return;
        }
        let Some(path) = self.path.clone() else { return };
        let _ = std::mem::replace(
            &mut self.conn,
            match Connection::open_in_memory() {
                Ok(c) => c,
                Err(_) => return,
            },
        );
        if !Path::new(&format!("{}-wal", path.display())).exists() {
            return;
        }
        let Ok(_lock) = lock::WorkspaceLock::acquire(&path) else { return };
        if let Ok(c) = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX) {
            let keyed = self.key.as_ref().is_none_or(|k| cipher::set_key(&c, k).is_ok());
            if keyed {
                let _ = c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
            }
        }
    }
}

/// Whether this process has the file `path` (under any name) open as a workspace.
pub(crate) fn open_here(path: &Path) -> bool {
    lock::open_here(path)
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("encrypted", &self.key.is_some()).finish()
    }
}

/// Connection settings of every workspace. Temporary data (sorts, GROUP BY,
/// temp tables) of an encrypted workspace stays in memory so it never
/// reaches a plaintext temp file; a plain file's may spill to a temp file
/// (deleted on close), as its rows are on disk in plaintext anyway. That
/// matters for large sorts: with temporary data in memory SQLite sorts a
/// whole index build as one list, with a file in bounded runs that fit the
/// CPU's caches — the four indexes over 1,000,000 orders build in 2.1 s
/// instead of 3.7 s.
fn configure(conn: &Connection, file_backed: bool, encrypted: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    let temp = if file_backed && !encrypted { "FILE" } else { "MEMORY" };
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -32768;
         PRAGMA temp_store = {temp};"
    ))?;
    if file_backed {
        // WAL: readers never block the writer; FULL: an acknowledged commit
        // survives power loss, not only a crash of the app.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::new(
                ErrorCode::Io,
                format!("The workspace could not switch to write-ahead logging (got “{mode}”). Move the file to a local disk and try again."),
            ));
        }
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
    }
    Ok(())
}

/// The page size of new plaintext workspaces. 16 KiB pages instead of
/// SQLite's 4 KiB make a large import write and checkpoint a quarter as many
/// pages (one system call or two each): the CSV import of 100,000 contacts
/// went from 2.2× to 1.9× the SQLite shell's `.import`, and every other
/// measurement of the bench stayed within its target (docs/PERFORMANCE.md).
/// Encrypted workspaces keep SQLCipher's 4 KiB: their page size is not
/// stored readably in the file, so every open would have to know it.
/// Existing files keep the page size they were made with.
pub const PAGE_SIZE: u32 = 16_384;

/// Writes a new workspace's sales system in the transaction that creates
/// it. Without one the store writes its default steps and cards; a template
/// is applied by the workspace use case, which passes it in here (the store
/// knows no use case: `usecases::workspace::create`).
pub type Seed<'a> = &'a dyn Fn(&Transaction<'_>) -> Result<()>;

impl Store {
    /// Creates a new, empty workspace file (migrated, with default steps).
    /// Refuses to overwrite an existing file.
    pub fn create(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
        Store::create_with(path, clock, init, None)
    }

    /// Creates a new workspace file, encrypted with `key` when one is given.
    pub fn create_with(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace, key: Option<&Passphrase>) -> Result<Store> {
        Store::create_seeded(path, clock, init, key, None)
    }

    /// [`Store::create_with`], its sales system written by `seed`.
    pub fn create_seeded(path: &Path, clock: &dyn Clock, init: &meta::NewWorkspace, key: Option<&Passphrase>, seed: Option<Seed>) -> Result<Store> {
        Store::create_filled(path, clock, init, key, seed, |_| Ok(())).map(|(s, ())| s)
    }

    /// Creates a new workspace file, its sales system written by `seed`, and
    /// fills it with `fill` (the demo's business), built whole under a
    /// temporary name beside `path` and moved in place only when complete: a
    /// crash or a kill leaves no half workspace under the name. Refuses to
    /// overwrite an existing file.
    pub fn create_filled<R>(
        path: &Path,
        clock: &dyn Clock,
        init: &meta::NewWorkspace,
        key: Option<&Passphrase>,
        seed: Option<Seed>,
        fill: impl FnOnce(&mut Store) -> Result<R>,
    ) -> Result<(Store, R)> {
        if let Some(k) = key {
            k.validate_new("passphrase")?;
        }
        if path.exists() {
            return Err(Error::new(ErrorCode::Conflict, format!("{} already exists. Choose another name, or open it instead.", path.display())));
        }
        init.validate()?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io_at(dir, &e))?;
        }
        let tmp = crate::output::temp_beside(path);
        let side = |suffix: &str| PathBuf::from(format!("{}{suffix}", tmp.display()));
        let built = (|| {
            let lock = lock::WorkspaceLock::acquire(&tmp)?;
            let conn = Connection::open(&tmp).map_err(|e| with_path(e.into(), &tmp, path))?;
            if let Some(k) = key {
                cipher::set_key(&conn, k)?;
            }
            if key.is_none() {
                // Before the first table: fixed for the file's life.
                conn.execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE}"))?;
            }
            configure(&conn, true, key.is_some()).map_err(|e| with_path(e, &tmp, path))?;
            let mut lock = lock;
            lock.hold_identity(&tmp)?;
            let mut store = Store {
                conn,
                path: Some(tmp.clone()),
                key: key.cloned(),
                _lock: Some(lock),
                migration_backup: None,
                _open: Some(lock::OpenMark::new(&tmp)),
                reading: None,
                cache: cache::Cache::default(),
            };
            store.cache.attach(&mut store.conn)?;
            store.initialise(clock, init, seed)?;
            let out = fill(&mut store)?;
            store.checkpoint()?;
            drop(store);
            crate::output::place_new(&tmp, path)?;
            Ok(out)
        })();
        let out = match built {
            Ok(out) => out,
            Err(e) => {
                // Leave nothing half-made behind.
                for suffix in ["", "-journal", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(side(suffix));
                }
                return Err(e);
            }
        };
        crate::output::sync_dir(path);
        Ok((Store::open_with(path, clock, key)?, out))
    }

    /// Opens an existing workspace: takes the lock, checks it is a Conveyor
    /// file, and migrates it forward (after a backup copy) when it is older.
    pub fn open(path: &Path, clock: &dyn Clock) -> Result<Store> {
        Store::open_with(path, clock, None)
    }

    /// Opens a workspace that may be encrypted: `key` is used when the file
    /// needs one (a plaintext file ignores it). An encrypted file without a
    /// key is `passphrase_required`; with a wrong one, `wrong_passphrase`.
    pub fn open_with(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::new(ErrorCode::NotFound, format!("There is no workspace at {}. Check the path, or create a new workspace.", path.display())));
        }
        let lock = lock::WorkspaceLock::acquire(path)?;
        refuse_hard_links(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| with_path(e.into(), path, path))?;
        let key = cipher::unlock(&conn, path, key)?;
        // Look before writing anything: a file of another program stays untouched.
        let version = check_header(&conn, path)?;
        let latest = migrations::latest_version();
        configure(&conn, true, key.is_some()).map_err(|e| with_path(e, path, path))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            key,
            _lock: Some(lock),
            migration_backup: None,
            _open: Some(lock::OpenMark::new(path)),
            reading: None,
            cache: cache::Cache::default(),
        };
        store.cache.attach(&mut store.conn)?;
        if version < latest {
            let backup = migrations::backup_path(path, version, clock);
            store.backup_to(&backup)?;
            store.migration_backup = Some(backup);
            migrations::migrate(&mut store.conn)?;
        }
        // Planner statistics where they are missing or stale (bounded work).
        store.conn.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")?;
        Ok(store)
    }

    /// Opens a workspace for reading only (info, today, exports, documents,
    /// backups, analytics): no lock is taken, so it works while another
    /// program has the file open and writes to it, and on a read-only file or
    /// medium. Everything read comes from one consistent snapshot, taken
    /// here and kept for as long as the store lives. Writing through it is
    /// refused. A file from an older Conveyor is opened as a writer instead
    /// (it is migrated first), when it can be written.
    pub fn open_for_reading(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Store> {
        Store::open_reading(path, clock, key, true)
    }

    /// [`Store::open_for_reading`] that never changes the file: a file of an
    /// older Conveyor is refused instead of being upgraded (promote reads a
    /// file and must leave it exactly as it was).
    pub fn open_unchanged(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Store> {
        Store::open_reading(path, clock, key, false)
    }

    fn open_reading(path: &Path, clock: &dyn Clock, key: Option<&Passphrase>, upgrade: bool) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::new(ErrorCode::NotFound, format!("There is no workspace at {}. Check the path, or create a new workspace.", path.display())));
        }
        refuse_hard_links(path)?;
        let permissions_read_only = std::fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(false);
        let plain = || -> Result<(Connection, Option<Passphrase>, i64)> {
            let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            let key = cipher::unlock(&conn, path, key)?;
            let version = check_header(&conn, path)?;
            Ok((conn, key, version))
        };
        // A read-only medium: SQLite cannot make the shared-memory file
        // beside it, so read the file as immutable (nobody can write it).
        let immutable = || -> Result<(Connection, Option<Passphrase>, i64)> {
            let conn = Connection::open_with_flags(
                format!("file:{}?immutable=1", uri_path(path)),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
            )?;
            let key = cipher::unlock(&conn, path, key)?;
            let version = check_header(&conn, path)?;
            Ok((conn, key, version))
        };
        let (conn, key, version, medium_read_only) = match plain() {
            Ok((c, k, v)) => (c, k, v, false),
            Err(e) if matches!(e.code, ErrorCode::Io | ErrorCode::Storage) => match immutable() {
                Ok((c, k, v)) => (c, k, v, true),
                Err(_) => return Err(with_path(e, path, path)),
            },
            Err(e) => return Err(e),
        };
        let read_only = permissions_read_only || medium_read_only;
        if version < migrations::latest_version() && !upgrade {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!(
                    "{} was saved by an older Conveyor (schema {version}) and is read here without changing it. Open it in the app once to upgrade it, then try again.",
                    path.display()
                ),
            ));
        }
        if version < migrations::latest_version() {
            if read_only {
                return Err(Error::new(
                    ErrorCode::InvalidFile,
                    format!(
                        "{} was saved by an older Conveyor and must be updated once before it can be read, but it is read-only. Copy it to a folder you can write to and use the copy.",
                        path.display()
                    ),
                ));
            }
            drop(conn);
            return Store::open_with(path, clock, key.as_ref());
        }
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        conn.execute_batch("PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;")?;
        // The snapshot: one read transaction from here to the end.
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM meta", [], |_| Ok(()))?;
        let note = read_only.then(|| {
            format!("{} is read-only (the file or its medium cannot be written): it was read as it is, and nothing can be saved to it.", path.display())
        });
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            key,
            _lock: None,
            migration_backup: None,
            _open: Some(lock::OpenMark::new(path)),
            reading: Some(note),
            cache: cache::Cache::default(),
        };
        store.cache.attach(&mut store.conn)?;
        Ok(store)
    }

    /// For a store opened for reading: why its file cannot be written, if it cannot.
    pub fn read_only_note(&self) -> Option<&str> {
        self.reading.as_ref().and_then(|n| n.as_deref())
    }

    /// Whether the store was opened for reading only.
    pub fn is_reader(&self) -> bool {
        self.reading.is_some()
    }

    fn refuse_if_reader(&self) -> Result<()> {
        if self.reading.is_some() {
            let name = self.path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            return Err(Error::internal(format!("{name} was opened for reading only, so nothing was changed. Open it for writing and try again.")));
        }
        Ok(())
    }

    /// A workspace in memory (tests), initialised like a new file.
    pub fn in_memory(clock: &dyn Clock, init: &meta::NewWorkspace) -> Result<Store> {
        Store::in_memory_seeded(clock, init, None)
    }

    /// [`Store::in_memory`], its sales system written by `seed`.
    pub fn in_memory_seeded(clock: &dyn Clock, init: &meta::NewWorkspace, seed: Option<Seed>) -> Result<Store> {
        init.validate()?;
        let conn = Connection::open_in_memory()?;
        configure(&conn, false, false)?;
        let mut store = Store { conn, path: None, key: None, _lock: None, migration_backup: None, _open: None, reading: None, cache: cache::Cache::default() };
        store.cache.attach(&mut store.conn)?;
        store.initialise(clock, init, seed)?;
        Ok(store)
    }

    fn initialise(&mut self, clock: &dyn Clock, init: &meta::NewWorkspace, seed: Option<Seed>) -> Result<()> {
        if init.template.is_some() && seed.is_none() {
            return Err(Error::internal("a workspace from a template is made by usecases::workspace::create, which applies the template"));
        }
        self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrations::migrate(&mut self.conn)?;
        self.write(|tx| {
            meta::initialise(tx, clock, init)?;
            match seed {
                Some(seed) => seed(tx)?,
                None => {
                    steps::insert_defaults(tx, clock, init.lang)?;
                    cards::seed_defaults(tx, init.lang)?;
                }
            }
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

    /// A heavy figure kept until one of `tables` changes (see [`cache`]);
    /// `key` names the figure and everything else it depends on.
    pub fn cached<T: Clone + Send + 'static>(&self, key: &str, tables: &[&str], compute: impl FnOnce() -> Result<T>) -> Result<T> {
        self.cache.get_or(&self.conn, key, tables, compute)
    }

    /// How many heavy figures are kept (for tests).
    pub fn cached_figures(&self) -> usize {
        self.cache.len()
    }

    /// Forgets the kept figures (the bench measures them computed afresh).
    pub fn forget_cached(&self) {
        self.cache.clear();
    }

    /// Runs `f` in one write transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::write`] without the foreign-key checks, for a bulk load
    /// whose every reference is valid by construction (an import refers only
    /// to rows it read or wrote in the same transaction): the checks cost a
    /// lookup per row. SQLite only switches them outside a transaction, so
    /// they go off around it and back on afterwards, whatever happened.
    pub fn write_unchecked_references<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let out = self.write(f);
        let on = self.conn.execute_batch("PRAGMA foreign_keys = ON");
        let out = out?;
        on?;
        Ok(out)
    }

    /// Runs `f` in a write transaction and rolls it back: a dry run that
    /// goes through exactly the code of the real change.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.refuse_if_reader()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }

    /// Runs `f` inside a savepoint that is always rolled back: a preview
    /// that goes through the real code with only read access to the store.
    pub fn rehearse_read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT conveyor_rehearsal")?;
        let out = f(&self.conn);
        self.conn.execute_batch("ROLLBACK TO conveyor_rehearsal; RELEASE conveyor_rehearsal")?;
        out
    }

    /// Whether the workspace is encrypted with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// A consistent copy of the whole workspace in a new file (online; the
    /// store stays usable), encrypted with the same passphrase as the
    /// workspace. Refuses to overwrite.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_database(&self.conn, dest, self.key.as_ref())
    }

    /// Protects the workspace with `new` (plaintext → encrypted, or a new
    /// passphrase), or removes the protection (`None`). The file is rewritten
    /// beside the original, checked, and moved over it in one rename, so a
    /// crash leaves either the old file or the new one.
    pub fn rekey(&mut self, new: Option<&Passphrase>) -> Result<()> {
        self.refuse_if_reader()?;
        let Some(path) = self.path.clone() else {
            return Err(Error::new(ErrorCode::Conflict, "A workspace in memory has no file to protect."));
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let tmp = path.with_file_name(format!(".{name}.rekey"));
        let side = |p: &Path, suffix: &str| PathBuf::from(format!("{}{suffix}", p.display()));
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(side(&tmp, suffix));
        }
        let written = (|| -> Result<()> {
            self.checkpoint()?;
            cipher::export(&self.conn, &tmp, new, APPLICATION_ID)?;
            let check = Connection::open_with_flags(&tmp, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            if let Some(k) = new {
                cipher::set_key(&check, k)?;
            }
            let ok: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            let (old_v, new_v): (i64, i64) = (self.schema_version()?, check.query_row("PRAGMA user_version", [], |r| r.get(0))?);
            if ok != "ok" || old_v != new_v {
                return Err(Error::new(
                    ErrorCode::Storage,
                    format!("The re-encrypted copy of {} did not check out ({ok}). Nothing was changed.", path.display()),
                ));
            }
            Ok(())
        })();
        if let Err(e) = written {
            for suffix in ["", "-journal"] {
                let _ = std::fs::remove_file(side(&tmp, suffix));
            }
            return Err(e);
        }
        // Close the old file (its WAL was checkpointed and goes away), move
        // the new one in place, and reopen it.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| Error::from(e))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(side(&path, suffix));
        }
        std::fs::rename(&tmp, &path).map_err(|e| Error::io_at(&path, &e))?;
        sync_dir(&path);
        // The file under the name is a new one now: lock it (all its names).
        if let Some(l) = self._lock.as_mut() {
            l.hold_identity(&path)?;
        }
        self._open = Some(lock::OpenMark::new(&path));
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        if let Some(k) = new {
            cipher::set_key(&conn, k)?;
        }
        configure(&conn, true, new.is_some())?;
        self.conn = conn;
        self.cache.attach(&mut self.conn)?;
        self.key = new.cloned();
        Ok(())
    }

    /// Refreshes the query planner's statistics (after a bulk load).
    pub fn analyze(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE;")?;
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

/// Makes a rename in the folder durable (best effort; Unix only).
fn sync_dir(path: &Path) {
    crate::output::sync_dir(path)
}

/// Refuses a workspace file with more than one name (hard links): SQLite
/// keeps the changes not yet in the file beside it under the name it was
/// opened by (`NAME-wal`), so after a crash changes made through one name
/// would be missed, then overwritten, through another. (Symbolic links are
/// fine: they resolve to the one real name.)
fn refuse_hard_links(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let links = std::fs::metadata(path).map(|m| m.nlink()).unwrap_or(1);
        if links > 1 {
            return Err(Error::new(
                ErrorCode::Conflict,
                format!(
                    "{} has {links} names (hard links) on this disk. Changes made through one name can be lost through another, so it was not opened. Keep one name (delete the other links, or make a copy with `conveyor backup`), then open it again.",
                    path.display()
                ),
            ));
        }
    }
    let _ = path;
    Ok(())
}

/// Checks that `conn` is a Conveyor workspace this version can read and
/// returns its schema version; looks without writing anything.
fn check_header(conn: &Connection, path: &Path) -> Result<i64> {
    let (app_id, version): (i32, i64) = conn
        .query_row("SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|e| match Error::from(e) {
            e if e.code == ErrorCode::InvalidFile => {
                Error::new(ErrorCode::InvalidFile, format!("{} is not a Conveyor workspace (not an SQLite database). Choose a .conveyor file.", path.display()))
            }
            e => e,
        })?;
    if app_id != APPLICATION_ID {
        return Err(Error::new(
            ErrorCode::InvalidFile,
            format!("{} is an SQLite file of another program, not a Conveyor workspace. Nothing was changed; choose a .conveyor file.", path.display()),
        ));
    }
    let latest = migrations::latest_version();
    if version > latest {
        return Err(Error::new(
            ErrorCode::InvalidFile,
            format!("{} was saved by a newer Conveyor (schema {version}; this version knows up to {latest}). Update Conveyor to open it.", path.display()),
        ));
    }
    Ok(version)
}

/// A file-level error of SQLite (cannot open, read-only) names the file the
/// person asked for (`shown`), also when the failing one was a temporary
/// file beside it (`actual`).
fn with_path(e: Error, actual: &Path, shown: &Path) -> Error {
    if e.code == ErrorCode::Io && !e.message.contains(&shown.display().to_string()) {
        let folder = actual.parent().filter(|d| !d.as_os_str().is_empty()).map(|d| d.display().to_string()).unwrap_or_else(|| ".".into());
        return Error::new(
            ErrorCode::Io,
            format!(
                "{} cannot be opened or written ({}). Check that the file and its folder {folder} may be written, or choose another place.",
                shown.display(),
                e.message
            ),
        );
    }
    e
}

/// `path` for an SQLite URI (`file:` + percent-encoded reserved characters).
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in abs.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Opens a file read-write with `key` (plaintext when `None`), for a copy
/// Conveyor has just written.
pub(crate) fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let c = Connection::open(path)?;
    if let Some(k) = key {
        cipher::set_key(&c, k)?;
    }
    Ok(c)
}

/// A consistent copy of the database behind `src` in the new file `dest`,
/// encrypted with `key` (plaintext when `None`). SQLite's online backup in
/// one step: the copy is one read snapshot, so a writer on another
/// connection (WAL) neither blocks it nor makes it start over. Refuses to
/// overwrite; leaves nothing behind when it fails.
pub(crate) fn copy_database(src: &Connection, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
    if dest.exists() {
        return Err(Error::new(ErrorCode::Conflict, format!("{} already exists. Choose another file for the backup.", dest.display())));
    }
    let copied = (|| -> Result<()> {
        let mut out = open_keyed(dest, key).map_err(|e| with_path(e, dest, dest))?;
        let b = rusqlite::backup::Backup::new(src, &mut out)?;
        let mut waits = 0;
        loop {
            match b.step(-1)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                rusqlite::backup::StepResult::More => {}
                _ if waits < 100 => {
                    waits += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => {
                    return Err(Error::new(
                        ErrorCode::Storage,
                        format!("The workspace stayed busy, so no copy was made in {}. Try again in a moment.", dest.display()),
                    ));
                }
            }
        }
    })();
    if copied.is_err() {
        for suffix in ["", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", dest.display()));
        }
    }
    copied
}

/// A consistent copy of the workspace file `workspace` in the new file
/// `dest`, made from a read-only connection of its own: no lock is taken
/// and the program that has the workspace open keeps writing meanwhile.
/// The copy is encrypted as the workspace is (`key` opens an encrypted one).
/// Returns the passphrase the copy is encrypted with (None: plaintext).
pub fn copy_workspace_file(workspace: &Path, key: Option<&Passphrase>, dest: &Path) -> Result<Option<Passphrase>> {
    let (src, key) = open_read_only_keyed(workspace, key)?;
    copy_database(&src, dest, key.as_ref())?;
    Ok(key)
}

/// Opens any file read-only to look at it: never locks, migrates or writes.
/// Refuses files that are not Conveyor workspaces. `key` opens an encrypted one.
pub fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    open_read_only_keyed(path, key).map(|(c, _)| c)
}

/// [`open_read_only`], also returning the key in use (None for a plaintext file).
fn open_read_only_keyed(path: &Path, key: Option<&Passphrase>) -> Result<(Connection, Option<Passphrase>)> {
    if !path.is_file() {
        return Err(Error::new(ErrorCode::NotFound, format!("There is no file at {}. Check the path.", path.display())));
    }
    let not_ours = || {
        Error::new(ErrorCode::InvalidFile, format!("{} is not a Conveyor workspace or backup. Nothing was changed; choose a .conveyor file.", path.display()))
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(|_| not_ours())?;
    let key = cipher::unlock(&conn, path, key)?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    let app_id: i32 = conn.query_row("SELECT application_id FROM pragma_application_id", [], |r| r.get(0)).map_err(|_| not_ours())?;
    if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    Ok((conn, key))
}

/// Replaces the workspace file `target` with a copy of `backup`, keeping the
/// replaced file (with its WAL, if any) as `NAME.replaced-TIMESTAMP`.
/// Refuses while another process holds `target` open (`workspace_locked`).
/// Returns where the replaced file was kept.
pub fn replace_with_copy(backup: &Path, target: &Path, clock: &dyn Clock, key: Option<&Passphrase>) -> Result<Option<PathBuf>> {
    // The copy is encrypted exactly as the backup is.
    let (src, key) = open_read_only_keyed(backup, key)?;
    let key = key.as_ref();
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let _lock = lock::WorkspaceLock::acquire(target)?;
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
    let name = target.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let tmp = target.with_file_name(format!(".{name}.restoring-{stamp}"));
    let _ = std::fs::remove_file(&tmp);
    let copied = (|| -> Result<()> {
        copy_database(&src, &tmp, key)?;
        let out = open_keyed(&tmp, key)?;
        let ok: String = out.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(Error::new(ErrorCode::InvalidFile, format!("{} is damaged ({ok}); it was not restored. Choose another backup.", backup.display())));
        }
        out.execute_batch("PRAGMA journal_mode = DELETE;")?;
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let mut kept = None;
    if target.exists() {
        let replaced = target.with_file_name(format!("{name}.replaced-{stamp}"));
        std::fs::rename(target, &replaced)?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", replaced.display()))?;
            }
        }
        kept = Some(replaced);
    }
    std::fs::rename(&tmp, target)?;
    Ok(kept)
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
    fn new_plaintext_workspaces_have_large_pages_and_keep_them_through_passphrase_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.conveyor");
        let page_size = |s: &Store| s.conn().query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0)).unwrap();
        let mut s = Store::create(&path, &clock(), &init()).unwrap();
        assert_eq!(page_size(&s), PAGE_SIZE as i64);
        drop(s);
        s = Store::open(&path, &clock()).unwrap();
        assert_eq!(page_size(&s), PAGE_SIZE as i64, "stored in the file");
        // Encrypted: SQLCipher's own page size (the file must open with the key alone), then plaintext again.
        let key = Passphrase::new("correct horse battery");
        s.rekey(Some(&key)).unwrap();
        drop(s);
        s = Store::open_with(&path, &clock(), Some(&key)).unwrap();
        assert!(s.is_encrypted());
        assert!(stats::integrity_problems(s.conn()).unwrap().is_empty());
        s.rekey(None).unwrap();
        drop(s);
        s = Store::open(&path, &clock()).unwrap();
        assert!(!s.is_encrypted());
        assert!(stats::integrity_problems(s.conn()).unwrap().is_empty());
        // A new encrypted workspace opens with its key.
        let enc = dir.path().join("enc.conveyor");
        drop(Store::create_with(&enc, &clock(), &init(), Some(&key)).unwrap());
        let e = Store::open_with(&enc, &clock(), Some(&key)).unwrap();
        let cipher_pages: String = e.conn().query_row("PRAGMA cipher_page_size", [], |r| r.get(0)).unwrap();
        assert_eq!(cipher_pages, "4096");
        assert!(stats::integrity_problems(e.conn()).unwrap().is_empty());
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

    /// Workspaces written by every earlier schema version open, are backed
    /// up first, and migrate with their data intact.
    #[test]
    fn earlier_schema_fixtures_are_backed_up_then_migrated() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for version in 1..migrations::latest_version() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.conveyor");
            let fixture = fixtures.join(format!("schema-v{version}-demo-ru.conveyor"));
            std::fs::copy(&fixture, &path).unwrap_or_else(|e| panic!("fixture {}: {e}", fixture.display()));
            let original = std::fs::read(&path).unwrap();

            let s = Store::open(&path, &clock()).unwrap();
            assert_eq!(s.schema_version().unwrap(), migrations::latest_version());
            let backup = s.migration_backup.clone().expect("a backup before migrating");
            assert!(backup.file_name().unwrap().to_string_lossy().contains(&format!(".pre-migration-v{version}-")));
            let b = Connection::open(&backup).unwrap();
            let v: i64 = b.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(v, version, "the backup is the file as it was");
            drop(b);
            assert!(original.len() > 4096);

            // Data survived, and what the new schema derives was filled in.
            assert_eq!(stats::count_live(s.conn(), "contacts").unwrap(), 30);
            assert!(stats::integrity_problems(s.conn()).unwrap().is_empty());
            assert!(stats::foreign_key_problems(s.conn()).unwrap().is_empty());
            let (first, last): (String, String) =
                s.conn().query_row("SELECT first_name, last_name FROM contacts ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            let hits = search::query(s.conn(), &crate::text::fold(&format!("{first} {last}")), 10).unwrap();
            assert!(!hits.is_empty(), "old contacts are searchable after the migration");
            let clients: i64 = s.conn().query_row("SELECT count(*) FROM companies WHERE client_since IS NOT NULL", [], |r| r.get(0)).unwrap();
            let won: i64 = s.conn().query_row("SELECT count(DISTINCT company_id) FROM deals WHERE status = 'won'", [], |r| r.get(0)).unwrap();
            assert_eq!(clients, won);
            let fields = cards::fields(s.conn(), cards::CardKind::Qualification).unwrap();
            // Card fields in the workspace's language (from v6 on, the demo's template writes them).
            assert!(fields[1].label.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))), "{}", fields[1].label);
            // The monthly turnover summary (v15) equals the orders it sums.
            let (summary, grouped) = order_months::compared(s.conn());
            assert_eq!(summary, grouped, "v{version}");
        }
    }

    /// Migration 15 sums the live orders a v14 workspace holds per company
    /// and month (archived ones left out, moved ones under their company).
    #[test]
    fn migration_15_sums_the_live_orders_per_company_and_month() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v14.conveyor");
        std::fs::copy(fixtures.join("schema-v14-demo-ru.conveyor"), &path).unwrap();
        let (orders, months) = {
            let c = Connection::open(&path).unwrap();
            let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(v, 14);
            // One order archived, one moved to another company and month.
            c.execute_batch(
                "UPDATE orders SET archived_at = '2026-11-20T10:00:00Z' WHERE id = (SELECT min(id) FROM orders);
                 UPDATE orders SET company_id = (SELECT max(company_id) FROM orders), order_date = '2026-01-31' WHERE id = (SELECT max(id) FROM orders);",
            )
            .unwrap();
            c.query_row("SELECT count(*), count(DISTINCT company_id || substr(order_date, 1, 7)) FROM orders WHERE archived_at IS NULL", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .unwrap()
        };
        assert!(orders > 10 && months > 3, "{orders} orders in {months} company-months");
        let s = Store::open(&path, &clock()).unwrap();
        assert_eq!(s.schema_version().unwrap(), migrations::latest_version());
        let (summary, grouped) = order_months::compared(s.conn());
        assert_eq!(summary, grouped);
        assert_eq!(summary.len() as i64, months);
        assert_eq!(summary.iter().map(|r| r.3).sum::<i64>(), orders);
        assert!(summary.iter().any(|r| r.1 == "2026-01"), "the moved order counts in its new month");
        assert_eq!(order_months::triggers(s.conn()).len(), 3);
    }
}

/// Archives one row of an aggregate table (nothing is ever deleted).
pub(crate) fn archive_row(c: &Connection, table: &'static str, what: &str, id: i64, now: &str) -> Result<()> {
    let n = c.execute(&format!("UPDATE {table} SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL"), rusqlite::params![id, now])?;
    changed(n, what, id)?;
    reindex(c, table, id)
}

/// Brings an archived row back (undo of archive).
pub(crate) fn restore_row(c: &Connection, table: &'static str, what: &str, id: i64, now: &str) -> Result<()> {
    let n =
        c.execute(&format!("UPDATE {table} SET archived_at = NULL, updated_at = ?2 WHERE id = ?1 AND archived_at IS NOT NULL"), rusqlite::params![id, now])?;
    if n == 0 {
        return Err(Error::new(ErrorCode::NotFound, format!("{what} #{id} is not in the archive. Refresh and try again.")));
    }
    reindex(c, table, id)
}

fn reindex(c: &Connection, table: &str, id: i64) -> Result<()> {
    match table {
        "contacts" => search::index_contact(c, id),
        "companies" => search::index_company(c, id, false),
        _ => Ok(()),
    }
}

/// Whether a live (not archived) row exists.
pub(crate) fn exists(c: &Connection, table: &'static str, id: i64) -> Result<bool> {
    Ok(c.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND archived_at IS NULL)"), [id], |r| r.get(0))?)
}

/// Turns "no rows changed" into a not-found error.
pub(crate) fn changed(n: usize, what: &str, id: i64) -> Result<()> {
    if n == 0 { Err(Error::not_found(what, id)) } else { Ok(()) }
}

//! Backups: to a chosen file, automatic daily copies (keep 7), and restore
//! after showing what the backup holds.

use crate::clock::{stamp, Clock};
use crate::error::{Error, ErrorCode, Result};
use crate::store::{self, meta, migrations, Passphrase, Store};
use crate::usecases::workspace::{self, Counts};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many automatic backups are kept per workspace.
pub const AUTO_KEEP: usize = 7;

/// What a backup (or any workspace file) holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupContents {
    pub path: String,
    pub workspace_name: String,
    pub is_demo: bool,
    /// When the workspace was created.
    pub workspace_created_at: String,
    /// When the backup was taken (absent for a plain workspace file).
    pub backup_taken_at: Option<String>,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// False when the file comes from a newer Conveyor (it cannot be restored).
    pub restorable: bool,
    pub counts: Counts,
}

/// Looks into a backup file without locking, migrating or writing it.
/// `key` opens an encrypted backup (a plaintext one ignores it).
pub fn inspect(path: &Path, key: Option<&Passphrase>) -> Result<BackupContents> {
    let c = store::open_read_only(path, key)?;
    let schema_version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let m = meta::load(&c)?;
    let taken: Option<String> = c
        .query_row("SELECT value FROM meta WHERE key = 'backup_taken_at'", [], |r| r.get(0))
        .or_else(|e| if matches!(e, rusqlite::Error::QueryReturnedNoRows) { Ok(None) } else { Err(e) })?;
    Ok(BackupContents {
        path: path.display().to_string(),
        workspace_name: m.name,
        is_demo: m.is_demo,
        workspace_created_at: m.created_at,
        backup_taken_at: taken,
        schema_version,
        restorable: schema_version <= migrations::latest_version(),
        counts: workspace::counts(&c)?,
    })
}

/// A consistent copy of the open workspace in `dest` (the store stays
/// usable), encrypted with the workspace's passphrase if it has one.
pub fn backup(store: &Store, clock: &dyn Clock, dest: &Path) -> Result<BackupContents> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    store.backup_to(dest)?;
    let marked = (|| -> Result<()> {
        let c = store.open_sibling(dest)?;
        // A backup is one self-contained file.
        c.execute_batch("PRAGMA journal_mode = DELETE;")?;
        c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_taken_at', ?1)", [stamp(clock.now())])?;
        Ok(())
    })();
    if let Err(e) = marked {
        let _ = std::fs::remove_file(dest);
        return Err(e);
    }
    inspect(dest, store.key())
}

/// Where automatic backups of a workspace go: `backups/` beside it.
pub fn default_dir(workspace: &Path) -> PathBuf {
    workspace.parent().unwrap_or(Path::new(".")).join("backups")
}

fn auto_stem(store: &Store) -> String {
    match store.path().and_then(|p| p.file_stem()) {
        Some(s) => s.to_string_lossy().into_owned(),
        None => "workspace".into(),
    }
}

/// Today's automatic backup into `dir` (`NAME.YYYY-MM-DD.conveyor`), unless
/// it already exists; then only the newest [`AUTO_KEEP`] are kept.
/// Returns the new backup's path, or None when today's existed.
pub fn auto_backup(store: &Store, clock: &dyn Clock, dir: &Path) -> Result<Option<PathBuf>> {
    let stem = auto_stem(store);
    let today = clock.today().format("%Y-%m-%d").to_string();
    let path = dir.join(format!("{stem}.{today}.{}", store::EXTENSION));
    if path.exists() {
        return Ok(None);
    }
    backup(store, clock, &path)?;
    let mut ours: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let date = n.strip_prefix(&format!("{stem}."))?.strip_suffix(&format!(".{}", store::EXTENSION))?.to_string();
            chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
            Some((date, e.path()))
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(AUTO_KEEP);
    for (_, old) in ours.into_iter().take(excess) {
        std::fs::remove_file(old)?;
    }
    Ok(Some(path))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub restored: BackupContents,
    /// Where the replaced workspace file was kept, if there was one.
    pub replaced_kept_as: Option<String>,
}

/// Replaces `target` with the backup. The replaced file is kept beside it;
/// refuses a file that is not a Conveyor backup, one from a newer version,
/// and a target that is open elsewhere (`workspace_locked`).
/// An encrypted backup needs its passphrase (`key`); the restored workspace
/// is encrypted with it too.
pub fn restore(clock: &dyn Clock, backup: &Path, target: &Path, key: Option<&Passphrase>) -> Result<RestoreReport> {
    let contents = inspect(backup, key)?;
    if !contents.restorable {
        return Err(Error::new(ErrorCode::InvalidFile, format!(
            "{} was made by a newer Conveyor (schema {}). Update Conveyor to restore it.", backup.display(), contents.schema_version)));
    }
    if backup.canonicalize().ok().is_some_and(|b| target.canonicalize().ok() == Some(b)) {
        return Err(Error::validation("target", "The backup and the workspace are the same file. Choose another target."));
    }
    let kept = store::replace_with_copy(backup, target, clock, key)?;
    Ok(RestoreReport { restored: contents, replaced_kept_as: kept.map(|p| p.display().to_string()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::{ContactInput, Lang};
    use crate::usecases::crm;

    fn new_file(dir: &Path, name: &str, clock: &dyn Clock) -> Store {
        Store::create(&dir.join(name), clock, &meta::NewWorkspace::new("Backup Ltd", Lang::En, "EUR")).unwrap()
    }

    fn add_contact(s: &mut Store, clock: &dyn Clock, first: &str) {
        crm::create_contact(s, clock, &ContactInput { first_name: first.into(), ..Default::default() }).unwrap();
    }

    #[test]
    fn backup_inspect_and_restore_keep_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
        let mut s = new_file(dir.path(), "a.conveyor", &clock);
        add_contact(&mut s, &clock, "Anna");
        let b = dir.path().join("b.conveyor");
        let c = backup(&s, &clock, &b).unwrap();
        assert_eq!((c.counts.contacts, c.workspace_name.as_str(), c.backup_taken_at.as_deref()), (1, "Backup Ltd", Some("2026-11-24T09:00:00Z")));
        add_contact(&mut s, &clock, "Boris");
        let target = s.path().unwrap().to_path_buf();

        // Open elsewhere: refused, nothing touched.
        let err = restore(&clock, &b, &target, None).unwrap_err();
        assert_eq!(err.code, ErrorCode::WorkspaceLocked);
        drop(s);

        let before = inspect(&b, None).unwrap();
        let r = restore(&clock, &b, &target, None).unwrap();
        assert_eq!(inspect(&b, None).unwrap(), before, "inspecting and restoring leave the backup as it was");
        let kept = PathBuf::from(r.replaced_kept_as.unwrap());
        assert!(kept.file_name().unwrap().to_string_lossy().starts_with("a.conveyor.replaced-20261124T090000Z"));
        assert_eq!(inspect(&kept, None).unwrap().counts.contacts, 2, "the replaced file keeps the newer data");
        let s = Store::open(&target, &clock).unwrap();
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 1);
    }

    #[test]
    fn restore_refuses_files_that_are_not_conveyor_backups() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
        drop(new_file(dir.path(), "a.conveyor", &clock));
        let target = dir.path().join("a.conveyor");
        let before = std::fs::read(&target).unwrap();
        let pdf = dir.path().join("x.pdf");
        std::fs::write(&pdf, b"%PDF-1.4 not a database").unwrap();
        let other = dir.path().join("o.sqlite");
        rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x);").unwrap();
        for bad in [&pdf, &other, &dir.path().join("missing.conveyor")] {
            let e = restore(&clock, bad, &target, None).unwrap_err();
            assert!(matches!(e.code, ErrorCode::InvalidFile | ErrorCode::NotFound), "{e:?}");
        }
        assert_eq!(std::fs::read(&target).unwrap(), before);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3, "no stray files: a, pdf, sqlite");
    }

    #[test]
    fn auto_backup_once_a_day_keeps_seven() {
        let dir = tempfile::tempdir().unwrap();
        let bdir = dir.path().join("backups");
        let first = FixedClock::at("2026-11-01T09:00:00+00:00");
        let s = new_file(dir.path(), "shop.conveyor", &first);
        assert!(auto_backup(&s, &first, &bdir).unwrap().is_some());
        assert!(auto_backup(&s, &first, &bdir).unwrap().is_none(), "today's exists");
        for day in 2..=10 {
            let c = FixedClock::at(&format!("2026-11-{day:02}T09:00:00+00:00"));
            auto_backup(&s, &c, &bdir).unwrap().unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(&bdir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names.len(), AUTO_KEEP);
        assert_eq!(names.first().unwrap(), "shop.2026-11-04.conveyor");
        assert_eq!(names.last().unwrap(), "shop.2026-11-10.conveyor");
    }
}

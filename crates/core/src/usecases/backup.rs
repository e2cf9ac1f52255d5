//! Backups: to a chosen file, automatic daily copies (keep 7), and restore
//! after showing what the backup holds.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::output::Replace;
use crate::store::{self, Passphrase, Store, meta, migrations};
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
    let schema_version = meta::schema_version(&c)?;
    let m = meta::load(&c)?;
    let taken = meta::backup_taken_at(&c)?;
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

/// A consistent copy of the open workspace in the new file `dest` (the
/// store stays usable), encrypted with the workspace's passphrase if it has
/// one. Refuses an existing file.
pub fn backup(store: &Store, clock: &dyn Clock, dest: &Path) -> Result<BackupContents> {
    backup_to_file(store, clock, dest, Replace::Never)
}

/// The same copy into a file the person chose to replace (the save dialog
/// already asked). See [`backup_to_file`].
pub fn backup_replacing(store: &Store, clock: &dyn Clock, dest: &Path) -> Result<BackupContents> {
    backup_to_file(store, clock, dest, Replace::Confirmed)
}

/// A consistent copy of the open workspace written through the output guard
/// ([`crate::output`]): never over a workspace (the open one, an older
/// backup, any other, under any name), over another existing file only when
/// `replace` says so, and under a temporary name beside `dest` first, renamed
/// when whole, so the old file stays whole until the new one is complete.
pub fn backup_to_file(store: &Store, clock: &dyn Clock, dest: &Path, replace: Replace) -> Result<BackupContents> {
    crate::output::check_target(dest, replace)?;
    make_parent(dest)?;
    crate::output::write_with(dest, replace, |tmp| {
        store.backup_to(tmp).map_err(|e| renamed(e, tmp, dest))?;
        finish(tmp, store.key(), clock).map(|_| ()).map_err(|e| renamed(e, tmp, dest))
    })?;
    inspect(dest, store.key())
}

/// An error about the temporary file names the file the person chose.
fn renamed(e: Error, tmp: &Path, dest: &Path) -> Error {
    Error { message: e.message.replace(&tmp.display().to_string(), &dest.display().to_string()), ..e }
}

/// A consistent copy of the workspace file `workspace` in `dest`, read
/// through a connection of its own (read-only, no lock): the program that
/// has the workspace open goes on writing meanwhile. A backup of an
/// encrypted workspace (opened with `key`) is encrypted with the same
/// passphrase.
pub fn backup_file(workspace: &Path, key: Option<&Passphrase>, clock: &dyn Clock, dest: &Path) -> Result<BackupContents> {
    make_parent(dest)?;
    let key = store::copy_workspace_file(workspace, key, dest)?;
    finish(dest, key.as_ref(), clock)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a))
}

fn make_parent(dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io_at(dir, &e))?;
    }
    Ok(())
}

/// Marks the copy just written at `dest` with the time it was taken and
/// makes it one self-contained file; removes it if that fails.
fn finish(dest: &Path, key: Option<&Passphrase>, clock: &dyn Clock) -> Result<BackupContents> {
    let marked = (|| -> Result<()> { meta::mark_backup(&store::open_keyed(dest, key)?, &stamp(clock.now())) })();
    if let Err(e) = marked {
        let _ = std::fs::remove_file(dest);
        return Err(e);
    }
    inspect(dest, key)
}

/// Where automatic backups of a workspace go: `backups/` beside it.
pub fn default_dir(workspace: &Path) -> PathBuf {
    workspace.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Where the app keeps the automatic backups of `workspace`:
/// `<data_dir>/backups/<name>-<hash of the absolute path>`, so two files with
/// the same name in different folders each keep their own seven.
pub fn app_dir(data_dir: &Path, workspace: &Path) -> PathBuf {
    let abs = std::path::absolute(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    // FNV-1a: stable across builds and platforms (std's hasher is not).
    let hash = abs.to_string_lossy().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    data_dir.join("backups").join(format!("{}-{:08x}", stem_of(workspace), hash >> 32))
}

pub(crate) fn stem_of(workspace: &Path) -> String {
    match workspace.file_stem() {
        Some(s) => s.to_string_lossy().into_owned(),
        None => "workspace".into(),
    }
}

/// One automatic backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AutoCopy {
    pub path: String,
    /// The day it was taken (`YYYY-MM-DD`).
    pub date: String,
}

/// The automatic backups of the open workspace: where they go, how many are
/// kept, what is there, and why the last one failed if it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AutoBackups {
    pub dir: String,
    #[ts(type = "number")]
    pub keep: u32,
    /// Newest first.
    pub copies: Vec<AutoCopy>,
    pub last_error: Option<String>,
}

/// The automatic backups of the workspace named `stem` in `dir`, oldest
/// first (none when the folder does not exist yet).
pub fn auto_copies(dir: &Path, stem: &str) -> Result<Vec<AutoCopy>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let (prefix, suffix) = (format!("{stem}."), format!(".{}", store::EXTENSION));
    let mut ours: Vec<AutoCopy> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let date = n.strip_prefix(&prefix)?.strip_suffix(&suffix)?.to_string();
            chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
            Some(AutoCopy { path: e.path().display().to_string(), date })
        })
        .collect();
    ours.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(ours)
}

/// Today's automatic backup into `dir` (`NAME.YYYY-MM-DD.conveyor`), unless
/// it already exists; then only the newest [`AUTO_KEEP`] are kept.
/// Returns the new backup's path, or None when today's existed.
pub fn auto_backup(store: &Store, clock: &dyn Clock, dir: &Path) -> Result<Option<PathBuf>> {
    let stem = store.path().map(stem_of).unwrap_or_else(|| "workspace".into());
    auto_backup_with(dir, &stem, clock, |tmp| backup(store, clock, tmp))
}

/// [`auto_backup`] of a workspace file through its own read-only connection
/// ([`backup_file`]): what the app runs in the background after opening one.
pub fn auto_backup_file(workspace: &Path, key: Option<&Passphrase>, clock: &dyn Clock, dir: &Path) -> Result<Option<PathBuf>> {
    auto_backup_with(dir, &stem_of(workspace), clock, |tmp| backup_file(workspace, key, clock, tmp))
}

/// Writes today's copy with `make` under a temporary name and moves it in
/// place when whole (an interrupted copy never passes for today's), then
/// removes all but the newest [`AUTO_KEEP`].
fn auto_backup_with(dir: &Path, stem: &str, clock: &dyn Clock, make: impl FnOnce(&Path) -> Result<BackupContents>) -> Result<Option<PathBuf>> {
    static RUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let today = clock.today().format("%Y-%m-%d").to_string();
    let name = format!("{stem}.{today}.{}", store::EXTENSION);
    let path = dir.join(&name);
    if path.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(dir)?;
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{run}.partial", std::process::id()));
    if let Err(e) = make(&tmp) {
        // A copy that failed half-way is no use to anyone.
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if path.exists() {
        // Another run made today's meanwhile: keep that one.
        std::fs::remove_file(&tmp)?;
        return Ok(None);
    }
    std::fs::rename(&tmp, &path)?;
    remove_stale_partials(dir, stem);
    let ours = auto_copies(dir, stem)?;
    let excess = ours.len().saturating_sub(AUTO_KEEP);
    for old in ours.into_iter().take(excess) {
        std::fs::remove_file(old.path)?;
    }
    Ok(Some(path))
}

/// How old an unfinished copy (`.partial`) must be to count as abandoned: a
/// copy takes seconds, so one older than this was cut off (the app killed,
/// the machine off) and will never be finished.
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes this workspace's abandoned unfinished copies from `dir` (best
/// effort: a file that cannot be removed stays for the next time).
fn remove_stale_partials(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{stem}.");
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(&prefix) && name.ends_with(".partial")) {
            continue;
        }
        let old = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > STALE_PARTIAL);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Today's automatic backup of a workspace the app has just opened: which
/// file, with which passphrase, into which folder. The session makes it;
/// the shell runs it on a thread of its own, outside the session's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoBackupJob {
    pub workspace: PathBuf,
    pub key: Option<Passphrase>,
    pub dir: PathBuf,
}

impl AutoBackupJob {
    /// Makes today's copy unless it exists; the new copy's path, or None.
    pub fn run(&self, clock: &dyn Clock) -> Result<Option<PathBuf>> {
        auto_backup_file(&self.workspace, self.key.as_ref(), clock, &self.dir)
    }
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
        return Err(Error::new(
            ErrorCode::InvalidFile,
            format!("{} was made by a newer Conveyor (schema {}). Update Conveyor to restore it.", backup.display(), contents.schema_version),
        ));
    }
    if same_file(backup, target) {
        return Err(Error::validation(
            "file",
            format!(
                "{} is both the backup to restore and the workspace to replace. Name the workspace to replace as the second file (FILE), or choose another backup.",
                target.display()
            ),
        ));
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
    fn a_backup_replaces_a_chosen_file_but_never_the_workspace_or_an_open_one() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
        let mut s = new_file(dir.path(), "a.conveyor", &clock);
        add_contact(&mut s, &clock, "Anna");
        let dest = dir.path().join("old-backup.bak");
        std::fs::write(&dest, b"last month's copy").unwrap();
        assert_eq!(backup(&s, &clock, &dest).unwrap_err().code, ErrorCode::Conflict, "the plain backup never overwrites");
        let c = backup_replacing(&s, &clock, &dest).unwrap();
        assert_eq!((c.counts.contacts, c.path.as_str()), (1, dest.to_str().unwrap()));
        assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".partial")));
        // The workspace itself, an older backup (a workspace by its content),
        // and a file with a WAL beside it, are refused and left as they were.
        let ws = s.path().unwrap().to_path_buf();
        assert_eq!(backup_replacing(&s, &clock, &ws).unwrap_err().code, ErrorCode::Conflict);
        let older = std::fs::read(&dest).unwrap();
        let e = backup_replacing(&s, &clock, &dest).unwrap_err();
        assert!(e.message.contains("old-backup.bak") && e.message.contains("workspace"), "{}", e.message);
        assert_eq!(std::fs::read(&dest).unwrap(), older);
        let busy = dir.path().join("busy.conveyor");
        std::fs::write(&busy, b"x").unwrap();
        std::fs::write(dir.path().join("busy.conveyor-wal"), b"y").unwrap();
        assert_eq!(backup_replacing(&s, &clock, &busy).unwrap_err().code, ErrorCode::Conflict);
        assert_eq!(std::fs::read(&busy).unwrap(), b"x");
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

    #[test]
    fn abandoned_unfinished_copies_are_cleaned_up_and_a_failed_copy_leaves_none() {
        let dir = tempfile::tempdir().unwrap();
        let bdir = dir.path().join("backups");
        std::fs::create_dir_all(&bdir).unwrap();
        let clock = FixedClock::at("2026-11-01T09:00:00+00:00");
        let s = new_file(dir.path(), "shop.conveyor", &clock);
        // One cut off yesterday (old), one being written right now by another run, one of another workspace.
        let stale = bdir.join(".shop.2026-10-31.conveyor.4242-0.partial");
        let fresh = bdir.join(".shop.2026-11-01.conveyor.4243-0.partial");
        let other = bdir.join(".other.2026-10-31.conveyor.4242-0.partial");
        for f in [&stale, &fresh, &other] {
            std::fs::write(f, b"half a copy").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for f in [&stale, &other] {
            std::fs::File::options().write(true).open(f).unwrap().set_modified(two_hours_ago).unwrap();
        }
        assert!(auto_backup(&s, &clock, &bdir).unwrap().is_some());
        assert_eq!(names(&bdir), vec![".other.2026-10-31.conveyor.4242-0.partial", ".shop.2026-11-01.conveyor.4243-0.partial", "shop.2026-11-01.conveyor"]);
        // A copy that fails leaves nothing behind.
        let next = FixedClock::at("2026-11-02T09:00:00+00:00");
        let err = auto_backup_with(&bdir, "shop", &next, |tmp| {
            std::fs::write(tmp, b"the start of a copy").unwrap();
            Err(Error::internal("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(names(&bdir).len(), 3, "{:?}", names(&bdir));
    }

    fn job(workspace: &Path, key: Option<&Passphrase>, data: &Path) -> AutoBackupJob {
        AutoBackupJob { workspace: workspace.to_path_buf(), key: key.cloned(), dir: app_dir(data, workspace) }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        n.sort();
        n
    }

    #[test]
    fn the_apps_job_backs_up_once_a_day_from_its_own_connection_and_keeps_seven() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = FixedClock::at("2026-11-01T09:00:00+00:00");
        let mut s = new_file(dir.path(), "shop.conveyor", &first);
        add_contact(&mut s, &first, "Anna");
        let path = s.path().unwrap().to_path_buf();
        let j = job(&path, None, &data);
        assert!(j.dir.starts_with(data.join("backups")));

        // The workspace stays open (and locked) in `s` the whole time.
        let made = j.run(&first).unwrap().expect("today's backup is made");
        assert_eq!(made, j.dir.join("shop.2026-11-01.conveyor"));
        let c = inspect(&made, None).unwrap();
        assert_eq!((c.counts.contacts, c.backup_taken_at.as_deref()), (1, Some("2026-11-01T09:00:00Z")));
        add_contact(&mut s, &first, "Boris");
        assert_eq!(j.run(&first).unwrap(), None, "one a day");
        assert_eq!(inspect(&made, None).unwrap().counts.contacts, 1, "today's copy is not replaced");

        for day in 2..=10 {
            let c = FixedClock::at(&format!("2026-11-{day:02}T09:00:00+00:00"));
            j.run(&c).unwrap().unwrap();
        }
        let n = names(&j.dir);
        assert_eq!(n.len(), AUTO_KEEP, "{n:?}: no temporary files left either");
        assert_eq!((n.first().unwrap().as_str(), n.last().unwrap().as_str()), ("shop.2026-11-04.conveyor", "shop.2026-11-10.conveyor"));
        assert_eq!(inspect(&j.dir.join("shop.2026-11-10.conveyor"), None).unwrap().counts.contacts, 2);
        assert_eq!(auto_copies(&j.dir, "shop").unwrap().len(), AUTO_KEEP);
        // Only the workspace file itself was there before: nothing was added beside it.
        drop(s);
        assert!(workspace::check(&Store::open(&path, &first).unwrap()).unwrap().file_ok());
    }

    #[test]
    fn same_named_workspaces_in_different_folders_keep_separate_rotations() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let clock = FixedClock::at("2026-11-01T09:00:00+00:00");
        let a = new_file(&dir.path().join("a"), "shop.conveyor", &clock);
        let b = new_file(&dir.path().join("b"), "shop.conveyor", &clock);
        let (ja, jb) = (job(a.path().unwrap(), None, &data), job(b.path().unwrap(), None, &data));
        assert_ne!(ja.dir, jb.dir);
        assert!(ja.dir.file_name().unwrap().to_string_lossy().starts_with("shop-"));
        assert_eq!(app_dir(&data, a.path().unwrap()), ja.dir, "the same file always gets the same folder");
        assert!(ja.run(&clock).unwrap().is_some());
        assert!(jb.run(&clock).unwrap().is_some(), "the other file's copy of today does not count");
    }

    #[test]
    fn the_auto_backup_of_an_encrypted_workspace_is_encrypted() {
        use crate::store::cipher::{Kind, kind};
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-01T09:00:00+00:00");
        let key = Passphrase::new("correct horse");
        let path = dir.path().join("secret.conveyor");
        let mut s = Store::create_with(&path, &clock, &meta::NewWorkspace::new("Secret Ltd", Lang::En, "EUR"), Some(&key)).unwrap();
        add_contact(&mut s, &clock, "Zebediah");
        let made = job(&path, Some(&key), &dir.path().join("data")).run(&clock).unwrap().unwrap();
        assert_eq!(kind(&made).unwrap(), Kind::LooksEncrypted);
        let bytes = std::fs::read(&made).unwrap();
        assert!(!bytes.windows(8).any(|w| w == b"Zebediah"), "no plaintext in the copy");
        assert_eq!(inspect(&made, None).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert_eq!(inspect(&made, Some(&Passphrase::new("wrong horse"))).unwrap_err().code, ErrorCode::WrongPassphrase);
        assert_eq!(inspect(&made, Some(&key)).unwrap().counts.contacts, 1);
        // Without the key the job cannot read the workspace, and leaves nothing.
        let other = job(&path, None, &dir.path().join("data2"));
        assert_eq!(other.run(&clock).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert!(auto_copies(&other.dir, "secret").unwrap().is_empty());
    }

    #[test]
    fn the_auto_backup_is_taken_while_another_connection_holds_the_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::at("2026-11-01T09:00:00+00:00");
        let mut s = new_file(dir.path(), "busy.conveyor", &clock);
        add_contact(&mut s, &clock, "Anna");
        let j = job(s.path().unwrap(), None, &dir.path().join("data"));
        let made = s
            .write(|tx| {
                // Mid-transaction: the write lock is held and a row is not yet committed.
                crate::store::contacts::insert(tx, "2026-11-01T09:00:00Z", &ContactInput { first_name: "Boris".into(), ..Default::default() })?;
                j.run(&clock)
            })
            .unwrap()
            .expect("the copy was made without waiting for the writer");
        assert_eq!(inspect(&made, None).unwrap().counts.contacts, 1, "the copy holds what was committed, not the open transaction");
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 2, "the writer committed afterwards");
    }
}

//! The app's session: which workspace is open, the recent list, the UI
//! language. Start-up rule: an explicitly given workspace, else the last one
//! opened, else the demo workspace in the data folder (created on first use).

use crate::clock::{Clock, stamp};
use crate::demo::{self, DemoSpec};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Lang;
use crate::settings::{AppSettings, demo_path};
use crate::store::meta::NewWorkspace;
use crate::store::{Passphrase, Store};
use crate::usecases::backup::{self, AutoBackupJob, AutoBackups, RestoreReport};
use crate::usecases::security;
use crate::usecases::workspace::{self, WorkspaceSummary};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub struct Session {
    data_dir: PathBuf,
    settings: AppSettings,
    store: Option<Store>,
    startup_error: Option<Error>,
    /// A workspace that could not be opened for want of its passphrase.
    needs_passphrase: Option<PathBuf>,
    /// The system's language, used when the user has not chosen one.
    system_lang: Lang,
    /// Today's automatic backup of the workspace just opened, waiting for
    /// the shell to run it ([`Session::take_auto_backup`]).
    auto_backup: Option<AutoBackupJob>,
    /// The folder and message of the last automatic backup that failed.
    auto_backup_error: Option<(PathBuf, String)>,
}

/// What the UI sees of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppSession {
    pub workspace: Option<WorkspaceSummary>,
    pub settings: AppSettings,
    pub data_dir: String,
    /// Why the last workspace could not be opened at start-up, if it could not.
    pub startup_error: Option<Error>,
    /// A workspace that is protected with a passphrase and waits for it
    /// (the UI asks for the passphrase, then calls `workspace_unlock`).
    pub needs_passphrase: Option<String>,
    /// The language of the system (its locale): the UI's language while the
    /// person has not chosen one, the same the first demo was made in.
    pub system_lang: Lang,
}

/// What restoring a backup in the app did, and the session with the restored workspace open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreDone {
    pub report: RestoreReport,
    pub session: AppSession,
}

/// The language of a locale string such as `ru_RU.UTF-8` or `en-GB`.
pub fn lang_from_locale(locale: &str) -> Lang {
    // "ru_RU.UTF-8", "bg-BG", "el_GR", "hu": the language is the part before `_`, `-` or `.`.
    let lower = locale.to_ascii_lowercase();
    let code = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
    match code {
        "ru" => Lang::Ru,
        "bg" => Lang::Bg,
        "el" => Lang::El,
        "hu" => Lang::Hu,
        _ => Lang::En,
    }
}

impl Session {
    /// Starts a session; never fails: a workspace that cannot be opened
    /// becomes `startup_error` and the UI offers the picker.
    pub fn start(data_dir: &Path, clock: &dyn Clock, explicit: Option<&Path>, system_lang: Lang) -> Session {
        let mut s = Session::settings_only(data_dir, system_lang);
        s.open_at_start(clock, explicit);
        s
    }

    /// A session with its settings (the language) and no workspace yet:
    /// cheap, so the window can be drawn while [`Session::open_at_start`]
    /// opens the workspace.
    pub fn settings_only(data_dir: &Path, system_lang: Lang) -> Session {
        Session {
            data_dir: data_dir.to_path_buf(),
            settings: AppSettings::load(data_dir),
            store: None,
            startup_error: None,
            needs_passphrase: None,
            system_lang,
            auto_backup: None,
            auto_backup_error: None,
        }
    }

    /// Opens the workspace a start opens: the one given (`explicit`), else
    /// the last one used, else the demo; one that cannot be opened becomes
    /// `startup_error`.
    pub fn open_at_start(&mut self, clock: &dyn Clock, explicit: Option<&Path>) {
        let result = match (explicit, self.settings.last_workspace.clone()) {
            (Some(p), _) => self.open(clock, p),
            (None, Some(last)) if Path::new(&last).exists() => self.open(clock, Path::new(&last)),
            _ => self.open_demo(clock),
        };
        if let Err(e) = result {
            self.startup_error = Some(e);
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.ui_lang.unwrap_or(self.system_lang)
    }

    pub fn store(&self) -> Result<&Store> {
        self.store.as_ref().ok_or_else(no_workspace)
    }

    pub fn store_mut(&mut self) -> Result<&mut Store> {
        self.store.as_mut().ok_or_else(no_workspace)
    }

    pub fn snapshot(&self) -> Result<AppSession> {
        Ok(AppSession {
            workspace: self.store.as_ref().map(workspace::summary).transpose()?,
            settings: self.settings.clone(),
            data_dir: self.data_dir.display().to_string(),
            startup_error: self.startup_error.clone(),
            needs_passphrase: self.needs_passphrase.as_ref().map(|p| p.display().to_string()),
            system_lang: self.system_lang,
        })
    }

    fn remember(&mut self, clock: &dyn Clock) -> Result<()> {
        let sum = workspace::summary(self.store()?)?;
        self.settings.remember(&sum.path, &sum.name, sum.is_demo, &stamp(clock.now()));
        self.startup_error = None;
        self.settings.save(&self.data_dir)
    }

    /// Opens a workspace file in place of the current one. On failure the
    /// current workspace stays open.
    pub fn open(&mut self, clock: &dyn Clock, path: &Path) -> Result<AppSession> {
        self.open_with(clock, path, None)
    }

    /// Opens a workspace that may be protected with a passphrase. When the
    /// passphrase is missing or wrong, the session remembers the file as
    /// waiting for it (`needs_passphrase`) and the current workspace stays.
    pub fn open_with(&mut self, clock: &dyn Clock, path: &Path, key: Option<&Passphrase>) -> Result<AppSession> {
        let path = absolute(path);
        if self.store.as_ref().and_then(|s| s.path()) == Some(path.as_path()) {
            return self.snapshot();
        }
        // The routines are not planned here: Today's first read plans them
        // (`today::screen`), after the window is drawn. At 100,000 clients
        // the first plan of a day takes ~0.5 s, which kept the window from
        // appearing on every morning's start.
        let store = match Store::open_with(&path, clock, key) {
            Ok(s) => s,
            Err(e) => {
                if matches!(e.code, ErrorCode::PassphraseRequired | ErrorCode::WrongPassphrase) {
                    self.needs_passphrase = Some(path);
                }
                return Err(e);
            }
        };
        self.store = Some(store);
        self.needs_passphrase = None;
        self.remember(clock)?;
        self.queue_auto_backup();
        self.snapshot()
    }

    /// Plans today's automatic backup of the workspace just opened, into
    /// the data folder ([`backup::app_dir`]).
    fn queue_auto_backup(&mut self) {
        self.auto_backup = self.store.as_ref().and_then(|s| {
            let path = s.path()?;
            Some(AutoBackupJob { workspace: path.to_path_buf(), key: s.key().cloned(), dir: backup::app_dir(&self.data_dir, path) })
        });
    }

    /// Today's automatic backup of the workspace opened last, once: the
    /// shell runs it in the background (it reads the file through its own
    /// connection, so the session stays free) and reports the outcome with
    /// [`Session::auto_backup_finished`].
    pub fn take_auto_backup(&mut self) -> Option<AutoBackupJob> {
        self.auto_backup.take()
    }

    /// Whether rows of the open workspace wait for their search entries (an
    /// import just wrote them, or the program stopped before it made them):
    /// the shell then calls [`Session::index_pending`] in the background
    /// until none are left. Search finds waiting rows anyway, more slowly.
    pub fn search_pending(&self) -> bool {
        self.store.as_ref().is_some_and(|s| crate::store::search::pending(s.conn()).is_ok_and(|n| n > 0))
    }

    /// Makes up to `max_rows` waiting search entries in one transaction;
    /// returns how many rows still wait.
    pub fn index_pending(&mut self, max_rows: u64) -> Result<u64> {
        crate::usecases::import::index_pending(self.store_mut()?, max_rows)
    }

    /// Remembers how an automatic backup ended, for the Backup dialog.
    pub fn auto_backup_finished(&mut self, job: &AutoBackupJob, outcome: &Result<Option<PathBuf>>) {
        match outcome {
            Ok(_) => {
                if self.auto_backup_error.as_ref().is_some_and(|(d, _)| d == &job.dir) {
                    self.auto_backup_error = None;
                }
            }
            Err(e) => self.auto_backup_error = Some((job.dir.clone(), e.message.clone())),
        }
    }

    /// Where the open workspace's automatic backups go, which are there
    /// (newest first) and why the last one failed, if it did.
    pub fn auto_backups(&self) -> Result<AutoBackups> {
        let path = self
            .store()?
            .path()
            .ok_or_else(|| Error::validation("workspace", "This workspace is not a file, so it has no automatic backups. Open a workspace file first."))?;
        let dir = backup::app_dir(&self.data_dir, path);
        let mut last_error = self.auto_backup_error.as_ref().filter(|(d, _)| d == &dir).map(|(_, m)| m.clone());
        // A folder that cannot be read is told, not a reason to fail the dialog.
        let mut copies = backup::auto_copies(&dir, &backup::stem_of(path)).unwrap_or_else(|e| {
            last_error.get_or_insert(e.message);
            Vec::new()
        });
        copies.reverse();
        Ok(AutoBackups { dir: dir.display().to_string(), keep: backup::AUTO_KEEP as u32, copies, last_error })
    }

    /// Forgets the workspace waiting for its passphrase (the person gave up).
    pub fn cancel_unlock(&mut self) -> Result<AppSession> {
        self.needs_passphrase = None;
        self.snapshot()
    }

    /// Protects the open workspace with a passphrase.
    pub fn set_passphrase(&mut self, new: &Passphrase) -> Result<AppSession> {
        security::set_passphrase(self.store_mut()?, new)?;
        self.snapshot()
    }

    /// Replaces the open workspace's passphrase.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<AppSession> {
        security::change_passphrase(self.store_mut()?, current, new)?;
        self.snapshot()
    }

    /// Removes the open workspace's passphrase.
    pub fn remove_passphrase(&mut self, current: &Passphrase) -> Result<AppSession> {
        security::remove_passphrase(self.store_mut()?, current)?;
        self.snapshot()
    }

    /// Creates a new, empty workspace and opens it.
    pub fn create(&mut self, clock: &dyn Clock, path: &Path, init: &NewWorkspace) -> Result<AppSession> {
        let path = absolute(path);
        let store = crate::usecases::workspace::create(&path, clock, init)?;
        self.store = Some(store);
        self.remember(clock)?;
        self.queue_auto_backup();
        self.snapshot()
    }

    /// Opens the demo workspace of the current language, creating it first if needed.
    pub fn open_demo(&mut self, clock: &dyn Clock) -> Result<AppSession> {
        let lang = self.lang();
        let path = demo_path(&self.data_dir, lang);
        if !path.exists() {
            std::fs::create_dir_all(&self.data_dir)?;
            // Build next to the final name and move it in place when whole.
            let tmp = path.with_extension("conveyor.partial");
            for suffix in ["", "-wal", "-shm", ".lock"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
            }
            let (store, _) = demo::create_workspace(&tmp, clock, &DemoSpec { lang, ..DemoSpec::default() })?;
            store.checkpoint()?;
            drop(store);
            std::fs::rename(&tmp, &path)?;
        }
        self.open(clock, &path)
    }

    /// What a backup holds, read without changing it. A backup of the open
    /// encrypted workspace opens with the workspace's passphrase.
    pub fn inspect_backup(&self, backup_path: &Path) -> Result<backup::BackupContents> {
        backup::inspect(backup_path, self.store.as_ref().and_then(Store::key))
    }

    /// Replaces the open workspace with a backup and opens the restored file.
    /// The backup is inspected first (a wrong file leaves everything as it
    /// was); the workspace is closed to release its lock, replaced (the old
    /// file is kept beside it), and opened again. If the replacement fails,
    /// the original file is opened again.
    pub fn restore_backup(&mut self, clock: &dyn Clock, backup_path: &Path) -> Result<RestoreDone> {
        let target = self
            .store()?
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::validation("workspace", "This workspace is not a file, so it cannot be replaced. Open a workspace file first."))?;
        // A backup of an encrypted workspace carries the same passphrase.
        let key = self.store()?.key().cloned();
        let contents = backup::inspect(backup_path, key.as_ref())?;
        if !contents.restorable {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!("{} was made by a newer Conveyor (schema {}). Update Conveyor to restore it.", backup_path.display(), contents.schema_version),
            ));
        }
        if let Some(s) = self.store.as_ref() {
            s.checkpoint()?;
        }
        self.store = None;
        match backup::restore(clock, backup_path, &target, key.as_ref()) {
            Ok(report) => {
                let session = self.open_with(clock, &target, key.as_ref())?;
                Ok(RestoreDone { report, session })
            }
            Err(e) => {
                // Put the workspace back as it was; the restore's error is the one to tell.
                let _ = self.open_with(clock, &target, key.as_ref());
                Err(e)
            }
        }
    }

    pub fn set_lang(&mut self, lang: Option<Lang>) -> Result<AppSession> {
        self.settings.ui_lang = lang;
        self.settings.save(&self.data_dir)?;
        self.snapshot()
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn no_workspace() -> Error {
    Error::new(ErrorCode::NotFound, "No workspace is open. Open a workspace, create a new one, or open the demo.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::clock;

    #[test]
    fn first_start_creates_and_opens_the_demo_then_reopens_the_last_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::start(dir.path(), &clock(), None, Lang::Ru);
        let snap = s.snapshot().unwrap();
        let ws = snap.workspace.expect("demo opened");
        assert!(ws.is_demo);
        assert_eq!(ws.lang, Lang::Ru);
        assert!(ws.path.ends_with("demo-ru.conveyor"));
        assert_eq!((snap.settings.ui_lang, snap.system_lang), (None, Lang::Ru), "the UI follows the system until a language is chosen");
        assert_eq!(snap.settings.recent.len(), 1);
        drop(s);

        // A new workspace becomes the last one and is what the next start opens.
        let mut s = Session::start(dir.path(), &clock(), None, Lang::Ru);
        let own = dir.path().join("own.conveyor");
        s.create(&clock(), &own, &NewWorkspace::new("Own Ltd", Lang::En, "EUR")).unwrap();
        drop(s);
        let s = Session::start(dir.path(), &clock(), None, Lang::En);
        assert_eq!(s.snapshot().unwrap().workspace.unwrap().name, "Own Ltd");
        assert_eq!(s.snapshot().unwrap().settings.recent.len(), 2);
    }

    #[test]
    fn opening_leaves_the_routines_to_todays_first_read_so_the_window_is_not_kept_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), &clock(), None, Lang::En);
        let checked = |s: &Session| crate::store::meta::get_opt(s.store().unwrap().conn(), "routines_checked").unwrap();
        let tasks = |s: &Session| workspace::info(s.store().unwrap()).unwrap().counts.activities;
        let before = tasks(&s);
        assert_eq!(checked(&s), None, "the demo opened without planning its routines");
        crate::usecases::today::screen(s.store_mut().unwrap(), &clock(), None, None).unwrap();
        assert!(checked(&s).is_some(), "Today's first read planned them");
        assert!(tasks(&s) > before, "the demo's routines made their tasks");
    }

    #[test]
    fn restoring_a_backup_replaces_the_open_workspace_keeps_the_old_file_and_reopens() {
        use crate::model::ContactInput;
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), &clock(), None, Lang::En);
        let own = dir.path().join("own.conveyor");
        s.create(&clock(), &own, &NewWorkspace::new("Own Ltd", Lang::En, "EUR")).unwrap();
        let add = |s: &mut Session, n: &str| {
            crate::usecases::crm::create_contact(s.store_mut().unwrap(), &clock(), &ContactInput { first_name: n.into(), ..Default::default() }).unwrap();
        };
        add(&mut s, "Anna");
        let b = dir.path().join("b.conveyor");
        backup::backup(s.store().unwrap(), &clock(), &b).unwrap();
        add(&mut s, "Boris");

        // Not a backup: refused, the workspace stays open as it was.
        let pdf = dir.path().join("x.pdf");
        std::fs::write(&pdf, b"%PDF-1.4").unwrap();
        assert!(s.restore_backup(&clock(), &pdf).is_err());
        let count = |s: &Session| workspace::info(s.store().unwrap()).unwrap().counts.contacts;
        assert_eq!(count(&s), 2);

        let done = s.restore_backup(&clock(), &b).unwrap();
        assert_eq!(done.session.workspace.unwrap().name, "Own Ltd");
        assert_eq!(done.report.restored.counts.contacts, 1);
        assert_eq!(count(&s), 1, "the restored file is the open one");
        let kept = std::path::PathBuf::from(done.report.replaced_kept_as.unwrap());
        assert_eq!(backup::inspect(&kept, None).unwrap().counts.contacts, 2);
        add(&mut s, "Vera");
    }

    #[test]
    fn a_workspace_that_cannot_be_opened_becomes_a_startup_error_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.conveyor");
        std::fs::write(&bad, "not a database at all, just some text that is long enough to be a header").unwrap();
        let s = Session::start(dir.path(), &clock(), Some(&bad), Lang::En);
        let snap = s.snapshot().unwrap();
        assert!(snap.workspace.is_none());
        assert_eq!(snap.startup_error.unwrap().code, ErrorCode::InvalidFile);
        assert_eq!(s.store().unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn a_failed_open_keeps_the_current_workspace_and_language_persists() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), &clock(), None, Lang::En);
        let before = s.snapshot().unwrap().workspace.unwrap();
        let err = s.open(&clock(), &dir.path().join("missing.conveyor")).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert_eq!(s.snapshot().unwrap().workspace.unwrap(), before);
        s.set_lang(Some(Lang::Ru)).unwrap();
        drop(s);
        let s = Session::start(dir.path(), &clock(), None, Lang::En);
        assert_eq!(s.lang(), Lang::Ru);
    }

    #[test]
    fn an_encrypted_last_workspace_waits_for_its_passphrase_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), &clock(), None, Lang::En);
        let own = dir.path().join("own.conveyor");
        s.create(&clock(), &own, &NewWorkspace::new("Own Ltd", Lang::En, "EUR")).unwrap();
        let snap = s.set_passphrase(&Passphrase::new("correct horse")).unwrap();
        assert!(snap.workspace.unwrap().encrypted);
        drop(s);

        let mut s = Session::start(dir.path(), &clock(), None, Lang::En);
        let snap = s.snapshot().unwrap();
        assert!(snap.workspace.is_none());
        assert_eq!(snap.startup_error.unwrap().code, ErrorCode::PassphraseRequired);
        let waiting = snap.needs_passphrase.expect("the UI is told which file to ask about");
        assert!(waiting.ends_with("own.conveyor"));
        let e = s.open_with(&clock(), Path::new(&waiting), Some(&Passphrase::new("wrong horse"))).unwrap_err();
        assert_eq!(e.code, ErrorCode::WrongPassphrase);
        assert!(s.snapshot().unwrap().needs_passphrase.is_some(), "still waiting after a wrong try");
        let snap = s.open_with(&clock(), Path::new(&waiting), Some(&Passphrase::new("correct horse"))).unwrap();
        assert_eq!(snap.workspace.unwrap().name, "Own Ltd");
        assert!(snap.needs_passphrase.is_none() && snap.startup_error.is_none());
        let snap = s.remove_passphrase(&Passphrase::new("correct horse")).unwrap();
        assert!(!snap.workspace.unwrap().encrypted);
    }

    #[test]
    fn opening_a_workspace_plans_todays_automatic_backup_into_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let own = dir.path().join("own.conveyor");
        drop(Store::create(&own, &clock(), &NewWorkspace::new("Own Ltd", Lang::En, "EUR")).unwrap());
        let mut s = Session::start(&data, &clock(), Some(&own), Lang::En);
        let job = s.take_auto_backup().expect("opening at start plans the backup");
        assert_eq!((job.workspace.as_path(), job.key.as_ref()), (own.as_path(), None));
        assert_eq!(job.dir, backup::app_dir(&data, &own));
        assert!(job.dir.starts_with(data.join("backups")));
        assert!(s.take_auto_backup().is_none(), "handed out once");

        // Before it has run, the dialog already knows where the copies go.
        let before = s.auto_backups().unwrap();
        assert_eq!((before.dir.as_str(), before.keep, before.copies.len()), (job.dir.to_str().unwrap(), 7, 0));
        let outcome = job.run(&clock());
        s.auto_backup_finished(&job, &outcome);
        let after = s.auto_backups().unwrap();
        assert_eq!(after.copies.len(), 1);
        assert_eq!(after.copies[0].date, clock().today().format("%Y-%m-%d").to_string());
        assert!(after.last_error.is_none());

        // A failed run is told for its workspace, and cleared by the next good one.
        std::fs::remove_dir_all(&job.dir).unwrap();
        std::fs::write(&job.dir, "a file where the folder should be").unwrap();
        let failed = job.run(&clock());
        assert!(failed.is_err());
        s.auto_backup_finished(&job, &failed);
        assert!(s.auto_backups().unwrap().last_error.is_some());
        std::fs::remove_file(&job.dir).unwrap();
        let ok = job.run(&clock());
        s.auto_backup_finished(&job, &ok);
        assert!(s.auto_backups().unwrap().last_error.is_none());

        // Creating plans one; so does unlocking an encrypted workspace, with its key.
        let other = dir.path().join("other.conveyor");
        s.create(&clock(), &other, &NewWorkspace::new("Other Ltd", Lang::En, "EUR")).unwrap();
        assert_eq!(s.take_auto_backup().unwrap().workspace, other);
        let key = Passphrase::new("correct horse");
        s.set_passphrase(&key).unwrap();
        assert!(s.take_auto_backup().is_none(), "setting a passphrase opens nothing");
        s.open(&clock(), &own).unwrap();
        s.take_auto_backup().unwrap();
        assert_eq!(s.open(&clock(), &other).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert!(s.take_auto_backup().is_none(), "nothing opened, nothing planned");
        s.open_with(&clock(), &other, Some(&key)).unwrap();
        let j = s.take_auto_backup().unwrap();
        assert_eq!((j.workspace.as_path(), j.key.as_ref()), (other.as_path(), Some(&key)));
        assert!(j.run(&clock()).unwrap().is_some(), "the running app holds the file; the copy is made anyway");
    }

    #[test]
    fn locale_strings_map_to_languages() {
        assert_eq!(lang_from_locale("ru_RU.UTF-8"), Lang::Ru);
        assert_eq!(lang_from_locale("en-GB"), Lang::En);
        assert_eq!(lang_from_locale("C"), Lang::En);
        assert_eq!(lang_from_locale("bg_BG.UTF-8"), Lang::Bg);
        assert_eq!(lang_from_locale("el-GR"), Lang::El);
        assert_eq!(lang_from_locale("hu_HU@euro"), Lang::Hu);
        assert_eq!(lang_from_locale("HU"), Lang::Hu);
        assert_eq!(lang_from_locale("elx"), Lang::En, "a code is matched whole, not by its first letters");
    }
}

//! One writer per workspace: an advisory OS lock on `<file>.lock`, which also
//! records who holds it (for the message the second process gets). The OS
//! drops the lock when the holder dies, so a crash never locks the user out.
//!
//! The lock belongs to the file, not to the name it was opened by: the
//! `.lock` file sits beside the file's real path (symlinks resolved), and on
//! Unix the workspace file itself is locked too (`flock`, which SQLite's own
//! `fcntl` locks do not see), so every hard link of one file shares one
//! lock. Within one process a table of the files held answers first, so a
//! second descriptor of a held file is never opened (closing it would drop
//! SQLite's own POSIX locks on that file).

use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use std::fs::TryLockError;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    pub pid: u32,
    pub program: String,
    pub host: String,
    pub since: String,
}

pub(crate) struct WorkspaceLock {
    file: File,
    path: PathBuf,
    /// The lock on the workspace file itself (its identity), once it exists.
    identity: Option<IdentityLock>,
}

/// What identifies a file whatever it is called: device and inode on Unix,
/// the resolved path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FileId(String);

impl FileId {
    /// The identity of the existing file `path` (None when it does not exist).
    pub(crate) fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(FileId(format!("{}:{}", m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(|p| FileId(p.display().to_string()))
        }
    }
}

/// Files this process has open as workspaces: `held` for writing (locked),
/// `open` for reading or writing (counted, a file may be read twice).
#[derive(Default)]
struct Registry {
    held: std::collections::HashSet<FileId>,
    open: std::collections::HashMap<FileId, usize>,
}

fn registry() -> std::sync::MutexGuard<'static, Registry> {
    static R: std::sync::OnceLock<std::sync::Mutex<Registry>> = std::sync::OnceLock::new();
    R.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether this process has the file `path` (under any name) open as a workspace.
pub(crate) fn open_here(path: &Path) -> bool {
    FileId::of(path).is_some_and(|id| registry().open.contains_key(&id))
}

/// Marks a file as open in this process for as long as it lives.
pub(crate) struct OpenMark(Option<FileId>);

impl OpenMark {
    pub(crate) fn new(path: &Path) -> OpenMark {
        let id = FileId::of(path);
        if let Some(id) = &id {
            *registry().open.entry(id.clone()).or_default() += 1;
        }
        OpenMark(id)
    }
}

impl Drop for OpenMark {
    fn drop(&mut self) {
        if let Some(id) = self.0.take() {
            let mut r = registry();
            if let Some(n) = r.open.get_mut(&id) {
                *n -= 1;
                if *n == 0 {
                    r.open.remove(&id);
                }
            }
        }
    }
}

/// The lock on one workspace file's identity.
struct IdentityLock {
    id: FileId,
    #[cfg(unix)]
    file: File,
}

impl IdentityLock {
    fn acquire(workspace: &Path) -> Result<Option<IdentityLock>> {
        let Some(id) = FileId::of(workspace) else { return Ok(None) };
        if !registry().held.insert(id.clone()) {
            return Err(locked_error(workspace, "this program, under another name"));
        }
        #[cfg(unix)]
        {
            let file = match File::open(workspace) {
                Ok(f) => f,
                Err(e) => {
                    registry().held.remove(&id);
                    return Err(Error::io_at(workspace, &e));
                }
            };
            match file.try_lock() {
                Ok(()) => Ok(Some(IdentityLock { id, file })),
                Err(e) => {
                    registry().held.remove(&id);
                    match e {
                        TryLockError::WouldBlock => Err(locked_error(workspace, "another program")),
                        TryLockError::Error(e) => Err(Error::io_at(workspace, &e)),
                    }
                }
            }
        }
        #[cfg(not(unix))]
        Ok(Some(IdentityLock { id }))
    }
}

impl Drop for IdentityLock {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = self.file.unlock();
        registry().held.remove(&self.id);
    }
}

/// The real path of `workspace` (symlinks resolved; for a file not yet
/// made, its folder's real path and its name).
fn real_path(workspace: &Path) -> PathBuf {
    if let Ok(p) = workspace.canonicalize() {
        return p;
    }
    match (workspace.parent().filter(|d| !d.as_os_str().is_empty()).map(Path::canonicalize), workspace.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => workspace.to_path_buf(),
    }
}

pub(crate) fn lock_path(workspace: &Path) -> PathBuf {
    let real = real_path(workspace);
    let mut name = real.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    real.with_file_name(name)
}

pub(crate) fn read_holder(workspace: &Path) -> Option<LockHolder> {
    let mut s = String::new();
    File::open(lock_path(workspace)).ok()?.read_to_string(&mut s).ok()?;
    serde_json::from_str(&s).ok()
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .or_else(|_| std::env::var("HOSTNAME"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "this computer".into())
}

impl WorkspaceLock {
    pub(crate) fn acquire(workspace: &Path) -> Result<WorkspaceLock> {
        let path = lock_path(workspace);
        let identity = IdentityLock::acquire(workspace)?;
        // Another process may unlink the lock file between our open and our
        // lock; then we hold a lock on a dead inode. Check and retry.
        for _ in 0..5 {
            let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!(
                        "{} cannot be opened for changes: its lock file {} cannot be made ({e}). Check that its folder may be written (not a read-only disk); reading it (info, export, pdf, backup) works anyway.",
                        workspace.display(),
                        path.display()
                    ),
                )
            })?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(locked_error(workspace, "another program")),
                Err(TryLockError::Error(e)) => return Err(Error::io_at(&path, &e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            let me = LockHolder {
                pid: std::process::id(),
                program: std::env::current_exe()
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "conveyor".into()),
                host: host_name(),
                since: chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            };
            let json = serde_json::to_string(&me).map_err(|e| Error::internal(e.to_string()))?;
            (|| {
                file.set_len(0)?;
                file.seek(SeekFrom::Start(0))?;
                file.write_all(json.as_bytes())?;
                file.flush()
            })()
            .map_err(|e| Error::io_at(&path, &e))?;
            return Ok(WorkspaceLock { file, path, identity });
        }
        Err(locked_error(workspace, "another program"))
    }

    /// Locks the workspace file's identity once the file exists (a new
    /// workspace), or again after it was replaced by a rename (a new inode).
    pub(crate) fn hold_identity(&mut self, workspace: &Path) -> Result<()> {
        if self.identity.as_ref().is_some_and(|i| Some(&i.id) == FileId::of(workspace).as_ref()) {
            return Ok(());
        }
        self.identity = None;
        self.identity = IdentityLock::acquire(workspace)?;
        Ok(())
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    // On Windows an open file cannot be deleted, so the race does not exist.
    path.exists()
}

fn locked_error(workspace: &Path, otherwise: &str) -> Error {
    let who = match read_holder(workspace) {
        Some(h) => format!("{} (process {}) on {} since {}", h.program, h.pid, h.host, h.since),
        None => otherwise.to_string(),
    };
    Error::new(
        ErrorCode::WorkspaceLocked,
        format!("{} is already open in {who}. Close it there first, then try again; the file has not been touched.", workspace.display()),
    )
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, so nobody else can
        // have locked it in between; then release.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

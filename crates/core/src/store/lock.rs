//! One writer per workspace: an advisory OS lock on `<file>.lock`, which also
//! records who holds it (for the message the second process gets). The OS
//! drops the lock when the holder dies, so a crash never locks the user out.

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
}

pub(crate) fn lock_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    workspace.with_file_name(name)
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
        // Another process may unlink the lock file between our open and our
        // lock; then we hold a lock on a dead inode. Check and retry.
        for _ in 0..5 {
            let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(locked_error(workspace)),
                Err(TryLockError::Error(e)) => return Err(e.into()),
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
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(serde_json::to_string(&me).map_err(|e| Error::internal(e.to_string()))?.as_bytes())?;
            file.flush()?;
            return Ok(WorkspaceLock { file, path });
        }
        Err(locked_error(workspace))
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

fn locked_error(workspace: &Path) -> Error {
    let who = match read_holder(workspace) {
        Some(h) => format!("{} (process {}) on {} since {}", h.program, h.pid, h.host, h.since),
        None => "another program".to_string(),
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

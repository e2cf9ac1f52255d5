//! The one guard every writer of an output file goes through (PDFs, exports,
//! templates, backups, in the CLI and in the app):
//!
//! - a Conveyor workspace is never written over, whatever it is called and
//!   whether it is open or not: it is recognised by its content (the SQLite
//!   header and Conveyor's `application_id`), by being open in this process,
//!   by its name (`.conveyor`, which may be an encrypted one whose content
//!   looks random) and by its write-ahead log beside it; the `-wal`, `-shm`
//!   and `.lock` files beside a workspace are parts of it and refused too;
//! - any other existing file is replaced only when the person said so
//!   ([`Replace::Confirmed`]: `--force` in the CLI, the save dialog's
//!   question in the app);
//! - the output is written to a temporary file beside the target, made
//!   durable, and moved over the target in one rename, so a crash leaves
//!   either the old file or the new one, never half of one.

use crate::error::{Error, ErrorCode, Result};
use crate::store::{self, APPLICATION_ID, EXTENSION};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether an existing file (not a workspace) may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// An existing file is refused (`conflict`, field `force`).
    Never,
    /// The person confirmed replacing it (`--force`, the save dialog).
    Confirmed,
}

impl Replace {
    pub fn from_force(force: bool) -> Replace {
        if force { Replace::Confirmed } else { Replace::Never }
    }
}

/// What the first 100 bytes of a file say about it.
fn header_kind(path: &Path) -> Option<HeaderKind> {
    let mut head = [0u8; 100];
    let mut f = std::fs::File::open(path).ok()?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return None,
        }
    }
    if n < 100 || !head.starts_with(b"SQLite format 3\0") {
        return Some(HeaderKind::Other);
    }
    let app_id = i32::from_be_bytes([head[68], head[69], head[70], head[71]]);
    Some(if app_id == APPLICATION_ID { HeaderKind::Workspace } else { HeaderKind::Sqlite })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderKind {
    Workspace,
    Sqlite,
    Other,
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Whether `path` is (or may be) a Conveyor workspace, looked at without
/// writing: open here, by content, by name, or by a write-ahead log beside it.
pub fn is_workspace(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    // A file this process has open is not opened again (a second descriptor
    // closed would drop SQLite's locks on it).
    if store::open_here(path) {
        return true;
    }
    let named = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION));
    named || side(path, "-wal").exists() || header_kind(path) == Some(HeaderKind::Workspace)
}

/// The workspace `path` is a part of (`W-wal`, `W-shm`, `W-journal`, `W.lock`), if any.
fn part_of_workspace(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    ["-wal", "-shm", "-journal", ".lock"].iter().find_map(|suffix| {
        let base = path.with_file_name(name.strip_suffix(suffix)?);
        let sqlite = base.is_file() && (is_workspace(&base) || header_kind(&base) == Some(HeaderKind::Sqlite));
        sqlite.then_some(base)
    })
}

/// Checks that `path` may receive an output; changes nothing.
pub fn check_target(path: &Path, replace: Replace) -> Result<()> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(Error::validation("path", format!("“{}” is not a file name. Name the file to write.", path.display())));
    }
    if path.is_dir() {
        return Err(Error::validation("path", format!("{} is a folder. Name a file inside it to write.", path.display())));
    }
    if let Some(ws) = part_of_workspace(path) {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!("{} is part of the workspace {}; nothing was written. Choose another file name.", path.display(), ws.display()),
        ));
    }
    if !path.exists() {
        return Ok(());
    }
    if is_workspace(path) {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!("{} is a Conveyor workspace; nothing is ever written over one, so it was left as it is. Choose another file name.", path.display()),
        ));
    }
    if replace == Replace::Never {
        return Err(Error {
            code: ErrorCode::Conflict,
            message: format!("{} already exists and was left as it is. Replace it only if you mean to, or choose another file name.", path.display()),
            field: Some("force".into()),
        });
    }
    if header_kind(path) == Some(HeaderKind::Sqlite) && side(path, "-wal").exists() {
        return Err(Error::new(ErrorCode::Conflict, format!("{} is a database another program may have open. Choose another file name.", path.display())));
    }
    Ok(())
}

/// Writes `bytes` to `path` through [`write_with`].
pub fn write_bytes(path: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
    write_with(path, replace, |tmp| std::fs::write(tmp, bytes).map_err(|e| Error::io_at(path, &e)))
}

/// Checks the target ([`check_target`]), lets `make` write the whole output
/// into a temporary file beside it, makes that durable and moves it over the
/// target in one step. With [`Replace::Never`] the move itself refuses a file
/// that appeared meanwhile. On any failure the temporary file is removed and
/// the target is as it was.
pub fn write_with(path: &Path, replace: Replace, make: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    check_target(path, replace)?;
    let tmp = temp_beside(path);
    let cleanup = |tmp: &Path| {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(side(tmp, suffix));
        }
    };
    cleanup(&tmp);
    let written = make(&tmp).and_then(|()| {
        let f = std::fs::OpenOptions::new().read(true).open(&tmp).map_err(|e| Error::io_at(path, &e))?;
        f.sync_all().map_err(|e| Error::io_at(path, &e))
    });
    if let Err(e) = written {
        cleanup(&tmp);
        return Err(e);
    }
    let moved = match replace {
        Replace::Never => place_new(&tmp, path),
        Replace::Confirmed => check_target(path, replace).and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::io_at(path, &e))),
    };
    if let Err(e) = moved {
        cleanup(&tmp);
        return Err(e);
    }
    sync_dir(path);
    Ok(())
}

/// Moves `tmp` to the new name `path`, refusing a file that exists by then:
/// a hard link (fails when the name is taken), then the temporary name goes.
pub(crate) fn place_new(tmp: &Path, path: &Path) -> Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => check_target(path, Replace::Never),
        // A file system without hard links: look once more, then rename.
        Err(_) => check_target(path, Replace::Never).and_then(|()| std::fs::rename(tmp, path).map_err(|e| Error::io_at(path, &e))),
    }
}

/// A fresh hidden name beside `path` for its output under way.
pub fn temp_beside(path: &Path) -> PathBuf {
    static RUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    path.with_file_name(format!(".{name}.{}-{run}.partial", std::process::id()))
}

/// Makes a rename in the folder durable (best effort; Unix only).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::store::testing::clock;
    use crate::store::{Store, meta};

    fn workspace(dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        drop(Store::create(&p, &clock(), &meta::NewWorkspace::new("Out Ltd", Lang::En, "EUR")).unwrap());
        p
    }

    #[test]
    fn a_workspace_is_never_written_over_under_any_name_open_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path(), "shop.conveyor");
        // Open in this process: refused without being opened again, also
        // through a name made while it is open.
        let open = Store::open(&ws, &clock()).unwrap();
        let link = dir.path().join("link.csv");
        std::fs::hard_link(&ws, &link).unwrap();
        for target in [&ws, &link] {
            assert_eq!(write_bytes(target, b"x", Replace::Confirmed).unwrap_err().code, ErrorCode::Conflict);
        }
        drop(open);
        // Closed, under another name: a copy called like a PDF, and the hard link.
        let disguised = dir.path().join("report.pdf");
        std::fs::copy(&ws, &disguised).unwrap();
        let before = std::fs::read(&ws).unwrap();
        for target in [&ws, &disguised, &link] {
            for replace in [Replace::Never, Replace::Confirmed] {
                let e = write_bytes(target, b"%PDF-1.7", replace).unwrap_err();
                assert_eq!(e.code, ErrorCode::Conflict, "{}", target.display());
                assert!(e.message.contains(&target.display().to_string()) && e.message.contains("workspace"), "{}", e.message);
            }
        }
        assert_eq!(std::fs::read(&ws).unwrap(), before);
        assert_eq!(std::fs::read(&disguised).unwrap(), before);
        // Its parts are refused too.
        for part in ["shop.conveyor-wal", "shop.conveyor-shm", "shop.conveyor.lock"] {
            let e = write_bytes(&dir.path().join(part), b"x", Replace::Confirmed).unwrap_err();
            assert!(e.message.contains("part of the workspace"), "{}", e.message);
            assert!(!dir.path().join(part).exists());
        }
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".partial")).collect();
        assert!(leftovers.is_empty(), "no temporary files left behind");
    }

    #[test]
    fn another_file_is_replaced_only_when_confirmed_and_new_files_are_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("contacts.csv");
        write_bytes(&out, b"first", Replace::Never).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        let e = write_bytes(&out, b"second", Replace::Never).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Conflict, Some("force")));
        assert!(e.message.contains("contacts.csv"), "{}", e.message);
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        write_bytes(&out, b"second", Replace::Confirmed).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        // A failing writer leaves the old file and no temporary one.
        let e = write_with(&out, Replace::Confirmed, |tmp| {
            std::fs::write(tmp, b"half").unwrap();
            Err(Error::internal("stopped half-way"))
        })
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A folder and a missing folder are named.
        let e = write_bytes(dir.path(), b"x", Replace::Confirmed).unwrap_err();
        assert!(e.message.contains("folder"), "{}", e.message);
        let e = write_bytes(&dir.path().join("missing/x.csv"), b"x", Replace::Never).unwrap_err();
        assert_eq!(e.code, ErrorCode::Io);
        assert!(e.message.contains("missing/x.csv"), "{}", e.message);
        // An SQLite file of another program is just another file (with confirmation).
        let other = dir.path().join("other.db");
        rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert_eq!(write_bytes(&other, b"x", Replace::Never).unwrap_err().field.as_deref(), Some("force"));
        write_bytes(&other, b"x", Replace::Confirmed).unwrap();
    }
}

//! Encryption at rest (SQLCipher). A protected workspace is encrypted page by
//! page with a key derived from the passphrase (SQLCipher 4 defaults:
//! AES-256, PBKDF2-HMAC-SHA512); its WAL and every copy the store makes
//! (backups, pre-migration backups, restore copies) are encrypted with the same
//! passphrase. Temporary tables and indices stay in memory (`temp_store`).

use crate::error::{Error, ErrorCode, Result};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// The first 16 bytes of every plaintext SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The shortest passphrase Conveyor lets a person set.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A workspace passphrase. Never printed: `Debug` shows no text.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(s: impl Into<String>) -> Passphrase {
        Passphrase(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Checks a passphrase a person is about to set (not one used to open).
    pub fn validate_new(&self, field: &str) -> Result<()> {
        let n = self.0.chars().count();
        if n < MIN_PASSPHRASE_CHARS {
            return Err(Error::validation(
                field,
                format!("The passphrase is too short ({n} characters). Use at least {MIN_PASSPHRASE_CHARS}; a few unrelated words are easy to remember."),
            ));
        }
        if self.0.contains('\0') {
            return Err(Error::validation(field, "The passphrase cannot contain a NUL character. Type another one."));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// What the file's first bytes say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A plaintext SQLite database (or an empty file).
    Plain,
    /// No SQLite header, but shaped like an encrypted database (whole pages).
    LooksEncrypted,
    /// Something else: let SQLite refuse it as not a database.
    Other,
}

pub(crate) fn kind(path: &Path) -> Result<Kind> {
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(Kind::Plain);
    }
    let mut head = [0u8; 16];
    if len < 16 || f.read_exact(&mut head).is_err() {
        return Ok(Kind::Other);
    }
    Ok(if &head == SQLITE_MAGIC {
        Kind::Plain
    } else if len >= 1024 && len % 512 == 0 {
        Kind::LooksEncrypted
    } else {
        Kind::Other
    })
}

/// Sets the key on a freshly opened connection (the first thing done with it).
pub(crate) fn set_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    quiet(conn);
    conn.pragma_update(None, "key", key.as_str())?;
    Ok(())
}

/// SQLCipher logs a failed key check to stderr; our error says it better.
fn quiet(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
}

/// Keys `conn` (opened on `path`) as the file needs and proves the key right.
/// Returns the key in use: `None` for a plaintext file, whatever was given.
pub(crate) fn unlock(conn: &Connection, path: &Path, key: Option<&Passphrase>) -> Result<Option<Passphrase>> {
    match (kind(path)?, key) {
        (Kind::Plain, _) | (Kind::Other, None) => Ok(None),
        (Kind::LooksEncrypted, None) => {
            Err(Error::new(ErrorCode::PassphraseRequired, format!("{} is protected with a passphrase. Enter the passphrase to open it.", path.display())))
        }
        (_, Some(k)) => {
            set_key(conn, k)?;
            match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
                Ok(_) => Ok(Some(k.clone())),
                Err(e) => match Error::from(e) {
                    e if e.code == ErrorCode::InvalidFile => Err(wrong(path)),
                    e => Err(e),
                },
            }
        }
    }
}

pub(crate) fn wrong(path: &Path) -> Error {
    Error::new(
        ErrorCode::WrongPassphrase,
        format!(
            "The passphrase for {} is wrong (or the file is not a Conveyor workspace). Check the keyboard layout and Caps Lock, and try again.",
            path.display()
        ),
    )
}

/// Writes the whole database of `conn` into the new file `dest`, encrypted
/// with `key` (plaintext when `None`), with the schema version and
/// application id. `dest` must not exist.
pub(crate) fn export(conn: &Connection, dest: &Path, key: Option<&Passphrase>, app_id: i32) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let dest_str = dest.to_str().ok_or_else(|| {
        Error::new(ErrorCode::Io, format!("{} has characters in its path SQLite cannot use. Move the workspace to a plainer folder name.", dest.display()))
    })?;
    // ATTACH inherits the connection's flags, which may not include CREATE:
    // an empty file is an empty database.
    std::fs::OpenOptions::new().write(true).create_new(true).open(dest)?;
    conn.execute("ATTACH DATABASE ?1 AS rekeyed KEY ?2", rusqlite::params![dest_str, key.map_or("", Passphrase::as_str)])?;
    let copied = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        conn.execute_batch(&format!("PRAGMA rekeyed.user_version = {version}; PRAGMA rekeyed.application_id = {app_id};"))?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE rekeyed");
    copied?;
    detached?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrases_are_never_printed_and_short_ones_are_refused() {
        let p = Passphrase::new("correct horse");
        assert_eq!(format!("{p:?}"), "Passphrase(…)");
        assert!(p.validate_new("passphrase").is_ok());
        let e = Passphrase::new("short").validate_new("passphrase").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Validation, Some("passphrase")));
        assert!(Passphrase::new("абвгдежз").validate_new("p").is_ok(), "counted in characters, not bytes");
    }
}

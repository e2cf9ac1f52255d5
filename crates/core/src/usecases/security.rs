//! Protecting a workspace with a passphrase: set, change, remove. The open
//! workspace is rewritten encrypted (or plaintext) beside itself and moved in
//! place in one rename; see `store::cipher`.

use crate::error::{Error, ErrorCode, Result};
use crate::store::{Passphrase, Store};

/// Protects a plaintext workspace with a passphrase.
pub fn set_passphrase(store: &mut Store, new: &Passphrase) -> Result<()> {
    if store.is_encrypted() {
        return Err(Error::new(ErrorCode::Conflict, "This workspace already has a passphrase. Use “Change passphrase” to replace it."));
    }
    new.validate_new("passphrase")?;
    store.rekey(Some(new))
}

/// Replaces the passphrase; `current` must be the one the workspace has.
pub fn change_passphrase(store: &mut Store, current: &Passphrase, new: &Passphrase) -> Result<()> {
    check_current(store, current)?;
    new.validate_new("new_passphrase")?;
    if current == new {
        return Err(Error::validation("new_passphrase", "The new passphrase is the same as the current one. Type a different one."));
    }
    store.rekey(Some(new))
}

/// Removes the protection: the workspace becomes a plaintext file again.
pub fn remove_passphrase(store: &mut Store, current: &Passphrase) -> Result<()> {
    check_current(store, current)?;
    store.rekey(None)
}

fn check_current(store: &Store, current: &Passphrase) -> Result<()> {
    match store.key() {
        None => Err(Error::new(ErrorCode::Conflict, "This workspace has no passphrase. Use “Set passphrase” to protect it.")),
        Some(k) if k != current => Err(Error {
            code: ErrorCode::WrongPassphrase,
            message: "The current passphrase is wrong. Type the passphrase this workspace was opened with.".into(),
            field: Some("current_passphrase".into()),
        }),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::{ContactInput, Lang};
    use crate::store::meta::NewWorkspace;
    use crate::usecases::{backup, crm, workspace};
    use std::path::Path;

    const SECRET_NAME: &str = "Zebediah-Plaintext-Marker";

    fn clock() -> FixedClock {
        FixedClock::at("2026-11-24T09:00:00+00:00")
    }

    fn pass(s: &str) -> Passphrase {
        Passphrase::new(s)
    }

    fn init() -> NewWorkspace {
        NewWorkspace::new("Secret Ltd", Lang::En, "EUR")
    }

    fn add_marker(s: &mut Store) {
        crm::create_contact(s, &clock(), &ContactInput { first_name: SECRET_NAME.into(), ..Default::default() }).unwrap();
    }

    /// Every byte of the file and its WAL, to look for plaintext.
    fn bytes_of(path: &Path) -> Vec<u8> {
        let mut all = std::fs::read(path).unwrap();
        for suffix in ["-wal", "-journal"] {
            if let Ok(b) = std::fs::read(format!("{}{suffix}", path.display())) {
                all.extend(b);
            }
        }
        all
    }

    fn contains(hay: &[u8], needle: &str) -> bool {
        hay.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    fn header(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap()[..16].to_vec()
    }

    #[test]
    fn an_encrypted_workspace_has_no_sqlite_header_no_plaintext_and_needs_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.conveyor");
        let mut s = Store::create_with(&path, &clock(), &init(), Some(&pass("correct horse"))).unwrap();
        add_marker(&mut s);
        assert!(s.is_encrypted());
        // Full-text search (FTS5) works inside the encrypted file.
        let hits = crate::usecases::clients::search(&s, "zebed").unwrap();
        assert_eq!(hits.len(), 1);
        s.checkpoint().unwrap();
        drop(s);

        assert_ne!(header(&path), b"SQLite format 3\0");
        assert!(!contains(&bytes_of(&path), SECRET_NAME), "no plaintext in the file");
        assert!(!contains(&bytes_of(&path), "Secret Ltd"));

        let e = Store::open(&path, &clock()).unwrap_err();
        assert_eq!(e.code, ErrorCode::PassphraseRequired, "{e:?}");
        let e = Store::open_with(&path, &clock(), Some(&pass("wrong horse"))).unwrap_err();
        assert_eq!(e.code, ErrorCode::WrongPassphrase, "{e:?}");
        assert!(e.message.contains("s.conveyor"), "names the file: {}", e.message);
        let e = backup::inspect(&path, None).unwrap_err();
        assert_eq!(e.code, ErrorCode::PassphraseRequired);
        let e = backup::inspect(&path, Some(&pass("wrong horse"))).unwrap_err();
        assert_eq!(e.code, ErrorCode::WrongPassphrase);

        let s = Store::open_with(&path, &clock(), Some(&pass("correct horse"))).unwrap();
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 1);
        assert!(workspace::check(&s).unwrap().file_ok());
        assert!(workspace::summary(&s).unwrap().encrypted);
    }

    #[test]
    fn set_change_and_remove_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.conveyor");
        let mut s = Store::create(&path, &clock(), &init()).unwrap();
        add_marker(&mut s);
        assert!(!s.is_encrypted());
        assert_eq!(remove_passphrase(&mut s, &pass("anything12")).unwrap_err().code, ErrorCode::Conflict);
        assert_eq!(set_passphrase(&mut s, &pass("short")).unwrap_err().field.as_deref(), Some("passphrase"));

        set_passphrase(&mut s, &pass("first passphrase")).unwrap();
        assert!(s.is_encrypted());
        add_marker(&mut s); // still writable after the swap
        assert_eq!(set_passphrase(&mut s, &pass("another one")).unwrap_err().code, ErrorCode::Conflict);
        s.checkpoint().unwrap();
        assert_ne!(header(&path), b"SQLite format 3\0");
        assert!(!contains(&bytes_of(&path), SECRET_NAME));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4, "file, -wal, -shm, lock: no stray copy");
        drop(s);
        assert_eq!(Store::open(&path, &clock()).unwrap_err().code, ErrorCode::PassphraseRequired);

        let mut s = Store::open_with(&path, &clock(), Some(&pass("first passphrase"))).unwrap();
        let e = change_passphrase(&mut s, &pass("not the one"), &pass("second passphrase")).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::WrongPassphrase, Some("current_passphrase")));
        assert_eq!(change_passphrase(&mut s, &pass("first passphrase"), &pass("first passphrase")).unwrap_err().code, ErrorCode::Validation);
        change_passphrase(&mut s, &pass("first passphrase"), &pass("second passphrase")).unwrap();
        drop(s);
        assert_eq!(Store::open_with(&path, &clock(), Some(&pass("first passphrase"))).unwrap_err().code, ErrorCode::WrongPassphrase);

        let mut s = Store::open_with(&path, &clock(), Some(&pass("second passphrase"))).unwrap();
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 2);
        remove_passphrase(&mut s, &pass("second passphrase")).unwrap();
        assert!(!s.is_encrypted());
        drop(s);
        assert_eq!(header(&path), b"SQLite format 3\0");
        let s = Store::open(&path, &clock()).unwrap();
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 2);
        assert!(workspace::check(&s).unwrap().file_ok());
        assert_eq!(crate::usecases::clients::search(&s, "zebed").unwrap().len(), 2, "the search index came along");
        assert_eq!(s.schema_version().unwrap(), crate::store::migrations::latest_version());
    }

    #[test]
    fn backups_of_an_encrypted_workspace_are_encrypted_and_restore_with_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.conveyor");
        let key = pass("correct horse");
        let mut s = Store::create_with(&path, &clock(), &init(), Some(&key)).unwrap();
        add_marker(&mut s);

        let b = dir.path().join("b.conveyor");
        let c = backup::backup(&s, &clock(), &b).unwrap();
        assert_eq!(c.counts.contacts, 1);
        let auto = backup::auto_backup(&s, &clock(), &dir.path().join("backups")).unwrap().unwrap();
        for copy in [&b, &auto] {
            assert_ne!(header(copy), b"SQLite format 3\0");
            assert!(!contains(&bytes_of(copy), SECRET_NAME), "{} holds plaintext", copy.display());
            assert_eq!(backup::inspect(copy, None).unwrap_err().code, ErrorCode::PassphraseRequired);
            assert!(rusqlite::Connection::open(copy).unwrap().query_row("SELECT count(*) FROM contacts", [], |r| r.get::<_, i64>(0)).is_err());
            assert_eq!(backup::inspect(copy, Some(&key)).unwrap().counts.contacts, 1);
        }
        drop(s);

        let target = dir.path().join("restored.conveyor");
        assert_eq!(backup::restore(&clock(), &b, &target, Some(&pass("wrong horse"))).unwrap_err().code, ErrorCode::WrongPassphrase);
        assert!(!target.exists());
        backup::restore(&clock(), &b, &target, Some(&key)).unwrap();
        assert_ne!(header(&target), b"SQLite format 3\0", "a restored copy stays encrypted");
        assert!(!contains(&bytes_of(&target), SECRET_NAME));
        let s = Store::open_with(&target, &clock(), Some(&key)).unwrap();
        assert_eq!(workspace::info(&s).unwrap().counts.contacts, 1);
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("restoring") || n.contains("rekey"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn the_pre_migration_backup_of_an_encrypted_workspace_is_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.conveyor");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1-demo-ru.conveyor");
        std::fs::copy(&fixture, &path).unwrap();
        // Encrypt the old file as it is (schema 1), as an older encrypted workspace would be.
        let key = pass("correct horse");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            let enc = dir.path().join("enc.conveyor");
            crate::store::cipher::export(&c, &enc, Some(&key), crate::store::APPLICATION_ID).unwrap();
            drop(c);
            std::fs::rename(&enc, &path).unwrap();
        }
        let s = Store::open_with(&path, &clock(), Some(&key)).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::store::migrations::latest_version());
        let pre = s.migration_backup.clone().unwrap();
        assert_ne!(header(&pre), b"SQLite format 3\0");
        assert_eq!(backup::inspect(&pre, None).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert_eq!(backup::inspect(&pre, Some(&key)).unwrap().schema_version, 1);
    }

    #[test]
    fn temporary_data_of_an_encrypted_workspace_stays_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::create_with(&dir.path().join("s.conveyor"), &clock(), &init(), Some(&pass("correct horse"))).unwrap();
        let t: i64 = s.conn().query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
        assert_eq!(t, 2, "MEMORY: sorts and temp tables never touch a plaintext temp file");
        // A plain file's large sorts may spill to a temp file (its rows are
        // plaintext on disk anyway): index builds sort in runs that way.
        let plain = Store::create(&dir.path().join("plain.conveyor"), &clock(), &init()).unwrap();
        let t: i64 = plain.conn().query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
        assert_eq!(t, 1, "FILE for a plain workspace");
        // Encrypting it later keeps its temporary data in memory from then on.
        drop(plain);
        let mut plain = Store::open(&dir.path().join("plain.conveyor"), &clock()).unwrap();
        crate::usecases::security::set_passphrase(&mut plain, &pass("correct horse")).unwrap();
        let t: i64 = plain.conn().query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
        assert_eq!(t, 2, "MEMORY once encrypted");
    }
}

//! Backups and restore.

use super::Shell;
use conveyor_core::usecases::backup::{self, AutoBackups, BackupContents};
use conveyor_core::usecases::session::RestoreDone;
use std::path::PathBuf;

commands! {
    /// A consistent copy of the open workspace in a chosen file.
    fn backup_now(shell, path: String) -> BackupContents {
        // The save dialog has already asked before replacing a file.
        backup::backup_replacing(shell.session.store()?, &shell.clock, &PathBuf::from(path))
    }

    /// What a backup holds (date, schema, counts), read without changing it.
    fn backup_inspect(shell, path: String) -> BackupContents {
        shell.session.inspect_backup(&PathBuf::from(path))
    }

    /// Replaces the open workspace with a backup (the replaced file is kept)
    /// and opens the restored workspace.
    fn backup_restore(shell, path: String) -> RestoreDone {
        let Shell { session, clock, .. } = shell;
        session.restore_backup(clock, &PathBuf::from(path))
    }

    /// Where the open workspace's automatic daily backups go (the newest
    /// seven are kept), which are there, and why the last one failed.
    fn backup_auto_status(shell) -> AutoBackups {
        shell.session.auto_backups()
    }
}

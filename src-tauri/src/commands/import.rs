//! Importing contacts, and the sales history (deals and orders, #15):
//! preview, run with progress, cancel.

use super::Shell;
use conveyor_core::Error;
use conveyor_core::messages::Localize;
use conveyor_core::usecases::import::{self, ImportOptions, ImportPreview, ImportSummary};
use conveyor_core::usecases::import_history::{self, DealImportSummary, HistoryOptions, OrderImportSummary};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by `import_cancel` while `import_run` runs; the import's progress
/// callback reads it and rolls the whole import back.
static IMPORT_CANCEL: AtomicBool = AtomicBool::new(false);
static IMPORT_RUNNING: AtomicBool = AtomicBool::new(false);

/// The file to import, and the options with the file's name for messages.
fn import_source(path: &str, options: ImportOptions) -> Result<(Vec<u8>, ImportOptions), Error> {
    let path = PathBuf::from(path);
    let bytes = import::read_source(&path)?;
    Ok((bytes, ImportOptions { source_name: import::source_name(&path), ..options }))
}

/// A deal or order file to import, with the options naming it for messages.
fn history_source(path: &str, options: HistoryOptions) -> Result<(Vec<u8>, HistoryOptions), Error> {
    let path = PathBuf::from(path);
    let bytes = import::read_source(&path)?;
    Ok((bytes, HistoryOptions { source_name: import::source_name(&path), ..options }))
}

/// Runs an import that `import_cancel` can stop; the callback given to `f`
/// sends the progress and says whether to go on.
fn with_cancel<T>(f: impl FnOnce(&dyn Fn(u64, &tauri::ipc::Channel<u32>) -> bool) -> T) -> T {
    IMPORT_CANCEL.store(false, Ordering::SeqCst);
    IMPORT_RUNNING.store(true, Ordering::SeqCst);
    let r = f(&|rows, ch| {
        // A closed window only loses the progress message, not the import.
        let _ = ch.send(u32::try_from(rows).unwrap_or(u32::MAX));
        !IMPORT_CANCEL.load(Ordering::SeqCst)
    });
    IMPORT_RUNNING.store(false, Ordering::SeqCst);
    IMPORT_CANCEL.store(false, Ordering::SeqCst);
    r
}

commands! {
    /// What importing a file would do, writing nothing: format, encoding,
    /// delimiter, mapping, the first rows as they are and as they will be
    /// imported, and the counts of created/updated/skipped/refused rows.
    fn import_preview(shell, path: String, options: ImportOptions) -> ImportPreview {
        let (bytes, o) = import_source(&path, options)?;
        let lang = shell.session.lang();
        import::preview_with_samples(shell.session.store()?, &bytes, &o).map(|p| p.localized(lang))
    }

    /// Imports contacts in one transaction. `on_progress` gets the rows read
    /// so far; `import_cancel` stops it and nothing is written.
    fn import_run(shell, path: String, options: ImportOptions; on_progress: Channel<u32>) -> ImportSummary {
        let (bytes, o) = import_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let lang = session.lang();
        let store = session.store_mut()?;
        IMPORT_CANCEL.store(false, Ordering::SeqCst);
        IMPORT_RUNNING.store(true, Ordering::SeqCst);
        let r = import::import_contacts_with_progress(store, clock, &bytes, &o, false, &mut |rows| {
            // A closed window only loses the progress message, not the import.
            let _ = on_progress.send(u32::try_from(rows).unwrap_or(u32::MAX));
            !IMPORT_CANCEL.load(Ordering::SeqCst)
        });
        IMPORT_RUNNING.store(false, Ordering::SeqCst);
        IMPORT_CANCEL.store(false, Ordering::SeqCst);
        r.map(|s| s.localized(lang))
    }

    /// What importing deals (a CRM's CSV/XLSX export) would do, writing
    /// nothing: the file, mapping, counts per step, status and owner, the
    /// stage values that match no step, and what is refused.
    fn history_preview_deals(shell, path: String, options: HistoryOptions) -> DealImportSummary {
        let (bytes, o) = history_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let lang = session.lang();
        import_history::import_deals(session.store_mut()?, clock, &bytes, &o, true, &mut |_| true).map(|s| s.localized(lang))
    }

    /// Imports deals in one transaction (`import_cancel` stops it; nothing is written).
    fn history_import_deals(shell, path: String, options: HistoryOptions; on_progress: Channel<u32>) -> DealImportSummary {
        let (bytes, o) = history_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let lang = session.lang();
        with_cancel(|cancel| import_history::import_deals(session.store_mut()?, clock, &bytes, &o, false, &mut |n| cancel(n, &on_progress))).map(|s| s.localized(lang))
    }

    /// What importing orders (a sales report, CSV/XLSX) would do, writing nothing.
    fn history_preview_orders(shell, path: String, options: HistoryOptions) -> OrderImportSummary {
        let (bytes, o) = history_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let lang = session.lang();
        import_history::import_orders(session.store_mut()?, clock, &bytes, &o, true, &mut |_| true).map(|s| s.localized(lang))
    }

    /// Imports orders in one transaction (`import_cancel` stops it; nothing is written).
    fn history_import_orders(shell, path: String, options: HistoryOptions; on_progress: Channel<u32>) -> OrderImportSummary {
        let (bytes, o) = history_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let lang = session.lang();
        with_cancel(|cancel| import_history::import_orders(session.store_mut()?, clock, &bytes, &o, false, &mut |n| cancel(n, &on_progress))).map(|s| s.localized(lang))
    }

    free {
        /// Stops the running import; it rolls back and writes nothing.
        fn import_cancel() -> bool {
            let running = IMPORT_RUNNING.load(Ordering::SeqCst);
            if running {
                IMPORT_CANCEL.store(true, Ordering::SeqCst);
            }
            Ok(running)
        }
    }
}

//! Importing contacts (preview, run with progress, cancel).

use super::Shell;
use conveyor_core::Error;
use conveyor_core::usecases::import::{self, ImportOptions, ImportPreview, ImportSummary};
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

commands! {
    /// What importing a file would do, writing nothing: format, encoding,
    /// delimiter, mapping, the first rows as they are and as they will be
    /// imported, and the counts of created/updated/skipped/refused rows.
    fn import_preview(shell, path: String, options: ImportOptions) -> ImportPreview {
        let (bytes, o) = import_source(&path, options)?;
        import::preview_with_samples(shell.session.store()?, &bytes, &o)
    }

    /// Imports contacts in one transaction. `on_progress` gets the rows read
    /// so far; `import_cancel` stops it and nothing is written.
    fn import_run(shell, path: String, options: ImportOptions; on_progress: Channel<u32>) -> ImportSummary {
        let (bytes, o) = import_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
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
        r
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

//! Documents: the call register, saving and opening PDFs.

use super::Shell;
use conveyor_core::Error;
use conveyor_core::output::Replace;
use conveyor_core::store::reports::CallRow;
use conveyor_core::usecases::documents::{self, CallRegisterRequest, DocumentRequest, SavedDocument};
use std::path::PathBuf;

/// Hands a file to the desktop's default program for its type.
fn open_with_desktop(path: &std::path::Path) -> Result<(), Error> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = std::process::Command::new("xdg-open");
    cmd.arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("No program could open {} ({e}). Open it from your file manager.", path.display())))
}

commands! {
    /// Calls done in a period (both ends included), of everyone or one person.
    fn call_register(shell, from: chrono::NaiveDate, to: chrono::NaiveDate, person_id: Option<i64>) -> Vec<CallRow> {
        documents::call_register_rows(shell.session.store()?, &CallRegisterRequest { from, to, person_id, lang: None })
    }

    /// A file name for the save dialog of a document.
    fn document_name(shell, request: DocumentRequest) -> String {
        request.suggested_file_name(shell.session.store()?)
    }

    /// Renders a document and saves it as PDF at `path` (chosen in the save dialog).
    fn document_save(shell, request: DocumentRequest, path: String) -> SavedDocument {
        let Shell { session, clock, saved_documents } = shell;
        let saved = documents::save_document(session.store_mut()?, clock, &request, std::path::Path::new(&path), Replace::Confirmed)?;
        saved_documents.insert(PathBuf::from(&saved.path));
        // The warnings (characters the fonts cannot show) in the person's language.
        Ok(conveyor_core::messages::Localize::localized(saved, session.lang()))
    }

    /// Opens a document this window has just saved in the desktop's PDF viewer.
    fn document_open(shell, path: String) -> () {
        let path = PathBuf::from(path);
        if !shell.saved_documents.contains(&path) {
            return Err(Error::validation("path", "Conveyor only opens documents it saved in this window. Open other files from your file manager."));
        }
        open_with_desktop(&path)
    }
}

//! The session: opening, creating and unlocking workspaces, the UI language.

use super::Shell;
use conveyor_core::model::Lang;
use conveyor_core::store::Passphrase;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::session::AppSession;
use std::path::PathBuf;

commands! {
    /// The session: open workspace, settings, recent list, start-up error.
    fn app_state(shell) -> AppSession {
        shell.session.snapshot()
    }

    /// Opens a workspace file instead of the current one.
    fn workspace_open(shell, path: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open(clock, &PathBuf::from(path))
    }

    /// Opens a workspace protected with a passphrase (`wrong_passphrase` when it does not fit).
    fn workspace_unlock(shell, path: String, passphrase: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open_with(clock, &PathBuf::from(path), Some(&Passphrase::new(passphrase)))
    }

    /// Gives up on the workspace that waits for its passphrase.
    fn workspace_unlock_cancel(shell) -> AppSession {
        shell.session.cancel_unlock()
    }

    /// Creates a new workspace file and opens it.
    fn workspace_create(shell, path: String, name: String, lang: Lang, currency: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false, template: None })
    }

    /// Creates a new workspace from a built-in template and opens it.
    fn workspace_create_from_template(shell, path: String, name: String, lang: Lang, currency: String, template: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false, template: Some(template) })
    }

    /// Opens (creating if needed) the demo workspace in the data folder.
    fn workspace_open_demo(shell) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open_demo(clock)
    }

    /// Sets the UI language (`null` follows the system) and remembers it.
    fn settings_set_lang(shell, lang: Option<Lang>) -> AppSession {
        shell.session.set_lang(lang)
    }
}

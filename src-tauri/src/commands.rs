//! One thin adapter per command: take the arguments, call one use case of the
//! core off the UI thread, return its output or its `{code, message, field}`
//! error. Declared once in `commands!`, which also yields the handler list
//! and the signatures the TypeScript bindings are generated from.

use conveyor_core::model::{Lang, Person};
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::board::{self, Board, BoardQuery};
use conveyor_core::usecases::crm;
use conveyor_core::usecases::session::{AppSession, Session};
use conveyor_core::{Error, SystemClock};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The shell's state: the core session and the real clock.
pub struct Shell {
    pub session: Session,
    pub clock: SystemClock,
}

pub type Shared = Arc<Mutex<Shell>>;

/// Runs `f` on the blocking pool: SQLite never runs on the UI thread.
async fn run<T: Send + 'static>(shared: Shared, f: impl FnOnce(&mut Shell) -> Result<T, Error> + Send + 'static) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier command poisons the lock; the data is still
        // consistent (every write is one transaction), so carry on.
        let mut shell = shared.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut shell)
    })
    .await
    .map_err(|e| Error::internal(format!("The command stopped unexpectedly ({e}). Try again; if it repeats, restart Conveyor.")))?
}

/// A command as the TypeScript generator sees it.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

macro_rules! commands {
    ($( $(#[doc = $doc:literal])* fn $name:ident($s:ident $(, $arg:ident : $aty:ty)*) -> $ret:ty $body:block )+) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, Shared> $(, $arg: $aty)*) -> Result<$ret, Error> {
                run(state.inner().clone(), move |$s: &mut Shell| -> Result<$ret, Error> { $body }).await
            }
        )+

        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),+]
        }

        pub fn signatures() -> Vec<Signature> {
            let cfg = conveyor_core::bindings::config(std::path::Path::new("."));
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$aty as ts_rs::TS>::name(&cfg))),*],
                ret: <$ret as ts_rs::TS>::name(&cfg),
            }),+]
        }
    };
}

commands! {
    /// The session: open workspace, settings, recent list, start-up error.
    fn app_state(shell) -> AppSession {
        shell.session.snapshot()
    }

    /// Opens a workspace file instead of the current one.
    fn workspace_open(shell, path: String) -> AppSession {
        let Shell { session, clock } = shell;
        session.open(clock, &PathBuf::from(path))
    }

    /// Creates a new workspace file and opens it.
    fn workspace_create(shell, path: String, name: String, lang: Lang, currency: String) -> AppSession {
        let Shell { session, clock } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false })
    }

    /// Opens (creating if needed) the demo workspace in the data folder.
    fn workspace_open_demo(shell) -> AppSession {
        let Shell { session, clock } = shell;
        session.open_demo(clock)
    }

    /// Sets the UI language (`null` follows the system) and remembers it.
    fn settings_set_lang(shell, lang: Option<Lang>) -> AppSession {
        shell.session.set_lang(lang)
    }

    /// The conveyor board of the open workspace.
    fn board_get(shell, query: BoardQuery) -> Board {
        board::get_board(shell.session.store()?, &shell.clock, &query)
    }

    /// People of the open workspace (owners of deals, holders of roles).
    fn people_list(shell) -> Vec<Person> {
        crm::list_people(shell.session.store()?)
    }
}

//! One thin adapter per command: take the arguments, call one use case of the
//! core off the UI thread, return its output or its `{code, message, field}`
//! error. Each feature's commands live in the module of the same name as the
//! core's use case (`commands/regulations.rs` calls `usecases/regulations.rs`),
//! declared once in its `commands!` block, which also yields that module's
//! handler and the signatures the TypeScript bindings are generated from;
//! [`handler`] and [`signatures`] gather every module's.

use conveyor_core::usecases::backup::AutoBackupJob;
use conveyor_core::usecases::session::Session;
use conveyor_core::{Error, SystemClock};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The shell's state: the core session and the real clock.
pub struct Shell {
    pub session: Session,
    pub clock: SystemClock,
    /// Documents this window saved: the only files `document_open` opens.
    pub saved_documents: std::collections::HashSet<PathBuf>,
}

pub type Shared = Arc<Mutex<Shell>>;

/// Runs `f` on the blocking pool: SQLite never runs on the UI thread. When
/// `f` opened a workspace, today's automatic backup of it starts afterwards
/// on a thread of its own.
pub(crate) async fn run<T: Send + 'static>(shared: Shared, f: impl FnOnce(&mut Shell) -> Result<T, Error> + Send + 'static) -> Result<T, Error> {
    let after = shared.clone();
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier command poisons the lock; the data is still
        // consistent (every write is one transaction), so carry on.
        let mut shell = shared.lock().unwrap_or_else(|p| p.into_inner());
        // Errors reach the person in the UI's language; the code stays.
        let out = f(&mut shell).map_err(|e| e.localized(shell.session.lang()));
        let job = shell.session.take_auto_backup();
        let index = shell.session.search_pending();
        drop(shell);
        if let Some(job) = job {
            spawn_auto_backup(&shared, job);
        }
        if index {
            spawn_search_catch_up(&shared);
        }
        out
    })
    .await
    .map_err(|e| {
        Error::internal(format!("The command stopped unexpectedly ({e}). Try again; if it repeats, restart Conveyor."))
            .localized(after.lock().unwrap_or_else(|p| p.into_inner()).session.lang())
    })?
}

/// Runs today's automatic backup in the background: it reads the workspace
/// through its own connection, so the window and the session's lock stay
/// free for the copy. A failure goes to stderr and to the Backup dialog
/// (`backup_auto_status`).
pub fn spawn_auto_backup(shared: &Shared, job: AutoBackupJob) {
    let shared = shared.clone();
    let started = std::thread::Builder::new().name("conveyor-auto-backup".into()).spawn(move || {
        let outcome = job.run(&SystemClock);
        if let Err(e) = &outcome {
            eprintln!("Conveyor: the automatic backup of {} into {} failed: {}", job.workspace.display(), job.dir.display(), e.message);
        }
        shared.lock().unwrap_or_else(|p| p.into_inner()).session.auto_backup_finished(&job, &outcome);
    });
    if let Err(e) = started {
        eprintln!("Conveyor: the automatic backup could not start ({e}).");
    }
}

/// Whether a [`spawn_search_catch_up`] thread is running.
static INDEXING: AtomicBool = AtomicBool::new(false);

/// Makes the search entries an import left for after its commit, in the
/// background: a chunk at a time (about 50 ms), each under the session's
/// lock and in its own transaction, so other commands wait at most one
/// chunk. Until it ends, search reads the waiting rows directly. One such
/// thread at a time; a failure goes to stderr and the next command retries.
pub fn spawn_search_catch_up(shared: &Shared) {
    if INDEXING.swap(true, Ordering::SeqCst) {
        return;
    }
    let shared = shared.clone();
    let started = std::thread::Builder::new().name("conveyor-search-index".into()).spawn(move || {
        loop {
            let left = shared.lock().unwrap_or_else(|p| p.into_inner()).session.index_pending(conveyor_core::usecases::import::INDEX_CHUNK);
            match left {
                Ok(0) => break,
                // A short pause lets a command waiting for the lock go first
                // (the lock is not fair: this thread could take it straight back).
                Ok(_) => std::thread::sleep(std::time::Duration::from_millis(2)),
                Err(e) => {
                    eprintln!("Conveyor: making search entries failed: {}", e.message);
                    break;
                }
            }
        }
        INDEXING.store(false, Ordering::SeqCst);
    });
    if let Err(e) = started {
        INDEXING.store(false, Ordering::SeqCst);
        eprintln!("Conveyor: the search indexing could not start ({e}).");
    }
}

/// A command as the TypeScript generator sees it.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

/// Declares a feature module's commands once. Two kinds:
/// - `fn name(shell, arg: T, …) -> R { … }` runs on the blocking pool with the
///   shell locked (one command at a time touches the workspace). After a `;`
///   it may take one `tauri::ipc::Channel` for progress: `; on_progress:
///   Channel<P>` (the UI passes a `Channel` from `@tauri-apps/api/core`).
/// - in an optional trailing `free { … }` block, `fn name(arg: T, …) -> R { … }`
///   runs at once without the lock: for the few commands that must reach a
///   long command while it runs (cancelling an import). They touch no workspace.
///
/// It also yields the module's `NAMES`, `handler()` and `signatures()`, which
/// [`features!`] gathers.
macro_rules! commands {
    (
        $( $(#[doc = $doc:literal])* fn $name:ident($s:ident $(, $arg:ident : $aty:ty)* $(; $ch:ident : Channel<$cty:ty>)?) -> $ret:ty $body:block )+
        $(free {
            $( $(#[doc = $fdoc:literal])* fn $fname:ident($($farg:ident : $faty:ty),*) -> $fret:ty $fbody:block )*
        })?
    ) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, $crate::commands::Shared> $(, $arg: $aty)* $(, $ch: tauri::ipc::Channel<$cty>)?) -> Result<$ret, conveyor_core::Error> {
                $crate::commands::run(state.inner().clone(), move |$s: &mut $crate::commands::Shell| -> Result<$ret, conveyor_core::Error> { $body }).await
            }
        )+
        $($(
            $(#[doc = $fdoc])*
            #[tauri::command]
            pub fn $fname($($farg: $faty),*) -> Result<$fret, conveyor_core::Error> $fbody
        )*)?

        /// The names of this module's commands, as the UI invokes them.
        pub const NAMES: &[&str] = &[$(stringify!($name),)+ $($(stringify!($fname),)*)?];

        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)+ $($($fname),*)?]
        }

        pub fn signatures() -> Vec<$crate::commands::Signature> {
            let cfg = conveyor_core::bindings::config(std::path::Path::new("."));
            vec![
                $($crate::commands::Signature {
                    name: stringify!($name),
                    args: vec![
                        $((stringify!($arg), <$aty as ts_rs::TS>::name(&cfg)),)*
                        $((stringify!($ch), format!("Channel<{}>", <$cty as ts_rs::TS>::name(&cfg))),)?
                    ],
                    ret: <$ret as ts_rs::TS>::name(&cfg),
                },)+
                $($($crate::commands::Signature {
                    name: stringify!($fname),
                    args: vec![$((stringify!($farg), <$faty as ts_rs::TS>::name(&cfg))),*],
                    ret: <$fret as ts_rs::TS>::name(&cfg),
                },)*)?
            ]
        }
    };
}

/// Gathers the feature modules' commands: [`handler`] passes each call to
/// the module that declares it, [`signatures`] lists every module's commands
/// in the order of this list. A new feature module goes here and in the
/// `mod` list below.
macro_rules! features {
    ($($m:ident),+ $(,)?) => {
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            move |invoke: tauri::ipc::Invoke<tauri::Wry>| {
                let name = invoke.message.command();
                $(
                    if $m::NAMES.contains(&name) {
                        return ($m::handler())(invoke);
                    }
                )+
                false
            }
        }

        pub fn signatures() -> Vec<Signature> {
            let mut all = vec![];
            $(all.extend($m::signatures());)+
            all
        }
    };
}

pub mod addresses;
pub mod analytics;
pub mod backup;
pub mod board;
pub mod channels;
pub mod clients;
pub mod contact_details;
pub mod crm;
pub mod custom_fields;
pub mod daily;
pub mod documents;
pub mod export;
pub mod first_hour;
pub mod import;
pub mod leads;
pub mod merge;
pub mod pipeline;
pub mod plan;
pub mod prefill;
pub mod promote;
pub mod pull;
pub mod regulations;
pub mod reviews;
pub mod roles;
pub mod routines;
pub mod runner;
pub mod scripts;
pub mod security;
pub mod setup;
pub mod tags;
pub mod templates;
pub mod today;
pub mod workspace;

features! {
    workspace,
    security,
    board,
    crm,
    addresses,
    channels,
    contact_details,
    today,
    first_hour,
    clients,
    pipeline,
    daily,
    documents,
    templates,
    setup,
    scripts,
    runner,
    prefill,
    leads,
    regulations,
    routines,
    roles,
    plan,
    analytics,
    reviews,
    import,
    export,
    backup,
    promote,
    pull,
    tags,
    custom_fields,
    merge,
}

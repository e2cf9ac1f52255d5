//! Conveyor's desktop shell: one window, the core session as state, and the
//! commands in [`commands`]. No business rule lives here.

pub mod bindings;
pub mod commands;
#[cfg(test)]
mod lockdown;

use conveyor_core::SystemClock;
use conveyor_core::usecases::session::{Session, lang_from_locale};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The workspace to open given on the command line (`--workspace PATH`) or in
/// `CONVEYOR_WORKSPACE`.
fn explicit_workspace() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--workspace" {
            return args.next().map(PathBuf::from);
        }
    }
    std::env::var_os("CONVEYOR_WORKSPACE").filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn system_locale() -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty()).unwrap_or_default()
}

/// TEST SEAM for the end-to-end tests, which cannot drive native file
/// dialogs. When (and only when) `CONVEYOR_TEST_DIALOGS` is set at start to a
/// JSON array of paths, the window gets them as a queue
/// (`window.__CONVEYOR_TEST_DIALOGS__`) and `ui/src/lib/api.ts` answers the
/// next open/save dialogs from it, in order, instead of showing them (an
/// empty string answers "cancelled"). Unset, nothing is added to the window.
pub const TEST_DIALOGS_ENV: &str = "CONVEYOR_TEST_DIALOGS";

/// The script that hands the queued answers to the window; None when unset.
pub fn test_dialogs_script(value: Option<&str>) -> Result<Option<String>, String> {
    let Some(v) = value.filter(|v| !v.is_empty()) else { return Ok(None) };
    let answers: Vec<String> = serde_json::from_str(v).map_err(|e| format!("{TEST_DIALOGS_ENV} must be a JSON array of paths: {e}"))?;
    let json = serde_json::to_string(&answers).map_err(|e| e.to_string())?;
    Ok(Some(format!("Object.defineProperty(window, \"__CONVEYOR_TEST_DIALOGS__\", {{ value: {json}, writable: false }});")))
}

/// WebKitGTK draws the window without compositing (no GPU layers) unless
/// the person's environment already says how (`WEBKIT_DISABLE_COMPOSITING_MODE=0`
/// keeps compositing). Measured at 100,000 contacts on the 2-core machine
/// (`docs/PERFORMANCE.md`, 2026-12-07): the web process needs ~100 MiB less,
/// and Today, the clients list, a profile and moving a deal paint in 40–90 ms
/// instead of 70–160 (composited layers are drawn by a software GL where
/// there is no GPU). It is also the common cure for blank windows on some
/// Linux GPU drivers. Elsewhere this does nothing.
///
/// # Safety
/// Sets an environment variable: call it before any other thread exists
/// (first thing in `main`).
pub unsafe fn prefer_drawing_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: the caller guarantees no other thread runs yet.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}

pub fn run() {
    let clock = SystemClock;
    let data_dir = conveyor_core::settings::default_data_dir();
    // The workspace is opened before the window: opening it on a thread
    // while the window started made launch no faster on two busy cores
    // (docs/PERFORMANCE.md, 2026-12-07).
    let mut session = Session::start(&data_dir, &clock, explicit_workspace().as_deref(), lang_from_locale(&system_locale()));
    let lang = serde_json::to_string(&session.lang()).unwrap_or_else(|_| "\"en\"".into());
    let auto_backup = session.take_auto_backup();
    let index = session.search_pending();
    let shared: commands::Shared = Arc::new(Mutex::new(commands::Shell { session, clock, saved_documents: Default::default() }));
    if let Some(job) = auto_backup {
        commands::spawn_auto_backup(&shared, job);
    }
    if index {
        // An import whose search entries were not all made when the app last stopped.
        commands::spawn_search_catch_up(&shared);
    }
    let test_dialogs = test_dialogs_script(std::env::var(TEST_DIALOGS_ENV).ok().as_deref()).unwrap_or_else(|e| {
        eprintln!("Conveyor: {e}");
        std::process::exit(2);
    });
    // The language of the first frame, before the session has answered.
    let first_lang = format!("Object.defineProperty(window, \"__CONVEYOR_LANG__\", {{ value: {lang}, writable: false }});");
    let mut builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri::plugin::Builder::<tauri::Wry>::new("conveyor-first-frame").js_init_script(first_lang).build());
    if let Some(script) = test_dialogs {
        builder = builder.plugin(tauri::plugin::Builder::<tauri::Wry>::new("conveyor-test-dialogs").js_init_script(script).build());
    }
    builder.manage(shared).invoke_handler(commands::handler()).run(tauri::generate_context!()).unwrap_or_else(|e| {
        eprintln!("Conveyor could not start its window: {e}");
        std::process::exit(2);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_test_seam_is_off_unless_its_variable_is_set() {
        assert_eq!(test_dialogs_script(None).unwrap(), None);
        assert_eq!(test_dialogs_script(Some("")).unwrap(), None);
        let s = test_dialogs_script(Some(r#"["/tmp/a b.csv", "</script>"]"#)).unwrap().unwrap();
        assert!(s.contains(r#"["/tmp/a b.csv","</script>"]"#), "{s}");
        assert!(test_dialogs_script(Some("/tmp/x.csv")).is_err(), "not JSON: refused, not guessed");
    }
}

//! Conveyor's desktop shell: one window, the core session as state, and the
//! commands in [`commands`]. No business rule lives here.

pub mod bindings;
pub mod commands;
#[cfg(test)]
mod lockdown;

use conveyor_core::usecases::session::{lang_from_locale, Session};
use conveyor_core::SystemClock;
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
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

pub fn run() {
    let clock = SystemClock;
    let data_dir = conveyor_core::settings::default_data_dir();
    let session = Session::start(&data_dir, &clock, explicit_workspace().as_deref(), lang_from_locale(&system_locale()));
    let shared: commands::Shared = Arc::new(Mutex::new(commands::Shell { session, clock }));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(shared)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Conveyor could not start its window: {e}");
            std::process::exit(2);
        });
}

fn main() {
    const COMMANDS: &[&str] = include!("src/command_names.rs");
    println!("cargo:rerun-if-changed=src/command_names.rs");
    // An app manifest makes every command need an explicit permission in
    // capabilities/default.json: the window may call only what is listed.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS))).expect("tauri build script failed");
}

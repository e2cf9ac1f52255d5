//! The shell stays locked down (DESIGN.md §5): the window may call only
//! Conveyor's own commands and the file dialogs; no network, shell or file
//! system plugin is linked or allowed; the CSP allows no inline or remote
//! script and no remote origin at all. Checked on the committed config, so a
//! change that loosens any of it fails here and has to be argued for.

use serde_json::Value;
use std::path::Path;

const DIR: &str = env!("CARGO_MANIFEST_DIR");

fn json(rel: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(DIR).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Plugin permissions the window may have besides our own commands.
const ALLOWED_PLUGIN_PERMISSIONS: &[&str] = &["dialog:allow-open", "dialog:allow-save", "dialog:allow-message", "dialog:allow-ask", "dialog:allow-confirm"];

#[test]
fn capabilities_allow_only_our_commands_and_the_file_dialogs() {
    const NAMES: &[&str] = include!("command_names.rs");
    let ours: Vec<String> = NAMES.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
    let files: Vec<_> =
        std::fs::read_dir(Path::new(DIR).join("capabilities")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files, ["default.json"], "one capability file, reviewed here");
    let cap = json("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote URL may call commands");
    assert!(cap.get("webviews").is_none() && cap.get("platforms").is_none());
    for p in cap["permissions"].as_array().unwrap() {
        let p = p.as_str().unwrap_or_else(|| panic!("permission with scopes: {p} — scoped plugin access needs a review"));
        assert!(
            ours.iter().any(|o| o == p) || ALLOWED_PLUGIN_PERMISSIONS.contains(&p),
            "capabilities/default.json allows {p}: only Conveyor's commands and the dialogs are allowed"
        );
    }
}

#[test]
fn no_network_shell_or_file_system_plugin_is_linked() {
    let manifest = std::fs::read_to_string(Path::new(DIR).join("Cargo.toml")).unwrap();
    let plugins: Vec<&str> = manifest.lines().filter_map(|l| l.trim_start().strip_prefix("tauri-plugin-")).filter_map(|l| l.split([' ', '=']).next()).collect();
    assert_eq!(plugins, ["dialog"], "tauri plugins in src-tauri/Cargo.toml: only the dialog one");
}

/// Tauri 2's own features that would open the window to the outside: dev
/// tools, raw file access, HTTP clients with TLS stacks, data-URL webviews,
/// private or unstable APIs. The test checks that each name is a feature the
/// linked Tauri really has, so the list cannot go stale with a Tauri upgrade.
const FORBIDDEN_TAURI_FEATURES: &[&str] = &[
    "devtools",
    "protocol-asset",
    "unstable",
    "native-tls",
    "native-tls-vendored",
    "rustls-tls",
    "webview-data-url",
    "macos-private-api",
    "macos-proxy",
    "process-relaunch-dangerous-allow-symlink-macos",
];

#[test]
fn no_tauri_feature_opens_the_window_to_the_outside() {
    // What cargo really resolves for the linked tauri, whoever turns it on.
    // For this machine's platform: the resolve of every platform would need
    // crates this build never downloaded.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let vv = String::from_utf8(std::process::Command::new(rustc).arg("-vV").output().expect("rustc -vV runs").stdout).unwrap();
    let host = vv.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc names its host").trim().to_string();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--filter-platform", &host, "--manifest-path"])
        .arg(Path::new(DIR).join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tauri = meta["packages"].as_array().unwrap().iter().find(|p| p["name"] == "tauri").expect("tauri is linked");
    let known = tauri["features"].as_object().unwrap();
    for f in FORBIDDEN_TAURI_FEATURES {
        assert!(known.contains_key(*f), "tauri {} has no feature {f}: update the list to what this Tauri can enable", tauri["version"]);
    }
    let node = meta["resolve"]["nodes"].as_array().unwrap().iter().find(|n| n["id"] == tauri["id"]).expect("tauri is resolved");
    let on: Vec<&str> = node["features"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(on.contains(&"custom-protocol"), "the resolve is the app's own (custom-protocol serves the built UI): {on:?}");
    for f in FORBIDDEN_TAURI_FEATURES {
        assert!(!on.contains(f), "tauri feature {f} is on: {on:?}");
    }
}

#[test]
fn the_csp_allows_no_inline_or_remote_script_and_no_remote_origin() {
    let conf = json("tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(app["withGlobalTauri"], false, "no window.__TAURI__ for injected script to use");
    let sec = &app["security"];
    assert_eq!(sec["freezePrototype"], true);
    assert!(sec.get("dangerousDisableAssetCspModification").is_none(), "Tauri must add its nonces/hashes to the CSP");
    assert!(sec.get("devCsp").is_none() || sec["devCsp"] == sec["csp"]);
    assert!(sec.get("assetProtocol").is_none_or(|a| a["enable"] != true), "no asset protocol (raw file access)");
    let csp = sec["csp"].as_object().expect("the CSP is set, as directives");
    let get = |d: &str| csp.get(d).and_then(Value::as_str).unwrap_or_else(|| panic!("CSP has no {d}"));
    for d in ["default-src", "script-src", "connect-src", "object-src", "base-uri", "frame-ancestors", "form-action"] {
        get(d);
    }
    let script = get("script-src");
    for bad in ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "*", "http:", "https:", "data:", "blob:"] {
        assert!(!script.split_whitespace().any(|s| s == bad || (bad.ends_with(':') && s.starts_with(bad))), "script-src allows {bad}: {script}");
    }
    assert_eq!(get("object-src"), "'none'");
    assert_eq!(get("base-uri"), "'none'");
    // Everything a directive may name: ourselves, the IPC channel, inline
    // data images and inline styles (Svelte's). No host of the network.
    let allowed = ["'self'", "'none'", "ipc:", "http://ipc.localhost", "data:", "'unsafe-inline'"];
    for (d, v) in csp {
        for src in v.as_str().unwrap().split_whitespace() {
            assert!(allowed.contains(&src), "CSP {d} allows {src}: only the app itself and its IPC may be named");
            if src == "'unsafe-inline'" {
                assert_eq!(d, "style-src", "'unsafe-inline' only for styles, never in {d}");
            }
            if src == "data:" {
                assert!(d == "img-src" || d == "font-src", "data: only for images and fonts, not in {d}");
            }
        }
    }
    // The window loads the built UI, never a remote page.
    for w in app["windows"].as_array().unwrap() {
        assert!(w.get("url").is_none_or(|u| !u.as_str().unwrap_or("").contains("://")), "window loads a remote URL: {w}");
    }
}

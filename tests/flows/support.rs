//! Helpers for the flow tests: the real `conveyor` binary, built once.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace's target dir, from this test binary's own location.
fn target_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(d);
    }
    let exe = std::env::current_exe().expect("test binary path");
    // target/<profile>/deps/<test-binary>
    exe.parent().and_then(|p| p.parent()).and_then(|p| p.parent()).expect("target dir").to_path_buf()
}

/// Path of the `conveyor` binary, built (debug) on first use.
pub fn conveyor_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo).args(["build", "-q", "-p", "conveyor-cli", "--bin", "conveyor"]).status().expect("run cargo build");
        assert!(status.success(), "building the conveyor CLI failed");
        target_dir().join("debug").join(format!("conveyor{}", std::env::consts::EXE_SUFFIX))
    })
    .clone()
}

/// Runs `conveyor ARGS…` and returns its output.
pub fn conveyor(args: &[&str]) -> Output {
    Command::new(conveyor_bin()).args(args).output().expect("run conveyor")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

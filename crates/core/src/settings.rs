//! The app's own settings (not the workspace's): UI language, recent
//! workspaces, the last one opened. A small JSON file in the data folder,
//! written atomically; a damaged file is set aside, never fatal.

use crate::error::{Error, Result};
use crate::model::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub const FILE_NAME: &str = "settings.json";
pub const RECENT_MAX: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppSettings {
    /// The UI language; `None` follows the system.
    pub ui_lang: Option<Lang>,
    pub recent: Vec<RecentWorkspace>,
    pub last_workspace: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentWorkspace {
    pub path: String,
    pub name: String,
    pub is_demo: bool,
    /// RFC 3339 instant of the last opening.
    pub opened_at: String,
}

/// The folder for settings and the demo workspace: `$CONVEYOR_DATA_DIR`, else
/// the OS data folder (`~/.local/share/conveyor` on Linux).
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CONVEYOR_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    let home = || std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from).unwrap_or_else(home).join("Conveyor")
    } else if cfg!(target_os = "macos") {
        home().join("Library/Application Support/Conveyor")
    } else {
        std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()).map(PathBuf::from).unwrap_or_else(|| home().join(".local/share")).join("conveyor")
    }
}

/// Where the demo workspace lives in a data folder.
pub fn demo_path(data_dir: &Path, lang: Lang) -> PathBuf {
    data_dir.join(format!("demo-{}.{}", lang.code(), crate::store::EXTENSION))
}

impl AppSettings {
    pub fn load(data_dir: &Path) -> AppSettings {
        let path = data_dir.join(FILE_NAME);
        let Ok(text) = std::fs::read_to_string(&path) else { return AppSettings::default() };
        match serde_json::from_str(&text) {
            Ok(s) => s,
            Err(_) => {
                // Keep the damaged file for inspection; start clean.
                let _ = std::fs::rename(&path, data_dir.join(format!("{FILE_NAME}.damaged")));
                AppSettings::default()
            }
        }
    }

    pub fn save(&self, data_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(data_dir)?;
        let tmp = data_dir.join(format!("{FILE_NAME}.tmp"));
        let json = serde_json::to_string_pretty(self).map_err(|e| Error::internal(e.to_string()))?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, data_dir.join(FILE_NAME))?;
        Ok(())
    }

    /// Puts a workspace on top of the recent list and makes it the last one.
    pub fn remember(&mut self, path: &str, name: &str, is_demo: bool, opened_at: &str) {
        self.recent.retain(|r| r.path != path);
        self.recent.insert(0, RecentWorkspace { path: path.into(), name: name.into(), is_demo, opened_at: opened_at.into() });
        self.recent.truncate(RECENT_MAX);
        self.last_workspace = Some(path.into());
    }

    pub fn forget(&mut self, path: &str) {
        self.recent.retain(|r| r.path != path);
        if self.last_workspace.as_deref() == Some(path) {
            self.last_workspace = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_most_recent_first_without_duplicates_and_bounded() {
        let mut s = AppSettings::default();
        for i in 0..15 {
            s.remember(&format!("/w/{i}.conveyor"), "W", false, "2026-11-24T09:00:00Z");
        }
        s.remember("/w/3.conveyor", "W3", false, "2026-11-24T10:00:00Z");
        assert_eq!(s.recent.len(), RECENT_MAX);
        assert_eq!(s.recent[0].path, "/w/3.conveyor");
        assert_eq!(s.recent.iter().filter(|r| r.path == "/w/3.conveyor").count(), 1);
        assert_eq!(s.last_workspace.as_deref(), Some("/w/3.conveyor"));
    }

    #[test]
    fn settings_round_trip_and_a_damaged_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let s = AppSettings { ui_lang: Some(Lang::Ru), ..Default::default() };
        s.save(dir.path()).unwrap();
        assert_eq!(AppSettings::load(dir.path()), s);
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        assert_eq!(AppSettings::load(dir.path()), AppSettings::default());
        assert!(dir.path().join("settings.json.damaged").exists());
    }
}

//! What every command shares: the context a command opens workspaces with
//! (clock, passphrase), and printing.

use chrono::NaiveDate;
use conveyor_core::model::Lang;
use conveyor_core::store::Passphrase;
use conveyor_core::usecases::workspace;
use conveyor_core::{Error, Store, SystemClock};
use std::path::Path;

/// What a command works with: the real clock and the passphrase given
/// (`--passphrase-file` or `CONVEYOR_PASSPHRASE`).
pub struct Ctx {
    pub clock: SystemClock,
    pub key: Option<Passphrase>,
}

impl Ctx {
    /// Opens a workspace for writing (takes its lock).
    pub fn open(&self, file: &Path) -> Result<Store, Error> {
        workspace::open_with(file, &self.clock, self.key.as_ref())
    }

    /// Opens a workspace for reading only (no lock).
    pub fn read(&self, file: &Path) -> Result<Store, Error> {
        open_reader(file, &self.clock, self.key.as_ref())
    }
}

/// The passphrase a command opens files with: `--passphrase-file`, else
/// `CONVEYOR_PASSPHRASE`, else none.
pub fn passphrase_from(file: Option<&Path>, env: &str) -> Result<Option<Passphrase>, Error> {
    if let Some(f) = file {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("The passphrase file {} cannot be read: {e}. Check the path.", f.display())))?;
        let line = text.lines().next().unwrap_or("");
        return Ok(Some(Passphrase::new(line)));
    }
    Ok(std::env::var(env).ok().filter(|p| !p.is_empty()).map(Passphrase::new))
}

/// Opens a workspace for reading only (no lock: it may stay open elsewhere),
/// telling the person when the file cannot be written.
pub fn open_reader(file: &Path, clock: &SystemClock, key: Option<&Passphrase>) -> Result<conveyor_core::Store, Error> {
    let store = workspace::open_for_reading(file, clock, key)?;
    if let Some(note) = store.read_only_note() {
        eprintln!("conveyor: note: {note}");
    }
    Ok(store)
}

pub fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Error> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Error::internal(e.to_string()))?;
    println!("{s}");
    Ok(())
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse("--lang", s).map_err(|e| e.message)
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("“{s}” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24"))
}

pub fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    let whole = (m / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{:02} {currency}", m % 100)
}

pub fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.1} %", v * 100.0))
}

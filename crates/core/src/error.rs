//! The one error type of Conveyor. The UI and the CLI branch on [`ErrorCode`]
//! (stable, serialised in snake_case); the message is for a person and says
//! what happened and what to do.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// Stable error codes. Never rename a variant: the UI and scripts depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The thing asked for does not exist (or was archived).
    NotFound,
    /// The input was refused; `field` names what to fix.
    Validation,
    /// Another process has the workspace open.
    WorkspaceLocked,
    /// The workspace is protected with a passphrase and none was given.
    PassphraseRequired,
    /// The passphrase given does not open the workspace.
    WrongPassphrase,
    /// The change clashes with the current state (e.g. file already exists).
    Conflict,
    /// Moving a deal to the next stage needs its hand-off card first.
    HandoffRequired,
    /// The file is not a Conveyor workspace, or is from a newer version.
    InvalidFile,
    /// Reading or writing a file failed.
    Io,
    /// The database refused an operation.
    Storage,
    /// A bug: something that should never happen.
    Internal,
    /// The team server cannot be reached (or the connection was lost).
    Unavailable,
    /// The team server refused the login (user name or password).
    AuthenticationFailed,
    /// A copy read back from the team server differs from what was sent.
    VerificationFailed,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Validation => "validation",
            ErrorCode::WorkspaceLocked => "workspace_locked",
            ErrorCode::PassphraseRequired => "passphrase_required",
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::Conflict => "conflict",
            ErrorCode::HandoffRequired => "handoff_required",
            ErrorCode::InvalidFile => "invalid_file",
            ErrorCode::Io => "io",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::AuthenticationFailed => "authentication_failed",
            ErrorCode::VerificationFailed => "verification_failed",
        }
    }

    /// True when the user's input (or their file) was refused, as opposed to
    /// an internal failure. The CLI maps this to exit status 1, otherwise 2.
    pub fn is_user_error(self) -> bool {
        !matches!(self, ErrorCode::Storage | ErrorCode::Internal | ErrorCode::VerificationFailed)
    }
}

/// An error as it crosses every boundary (IPC, CLI, tests): `{code, message, field}`.
/// Named `AppError` in TypeScript, where `Error` is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(rename = "AppError")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, e.g. `deal.value_minor` (validation errors).
    pub field: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), field: None }
    }
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Error { code: ErrorCode::Validation, message: message.into(), field: Some(field.to_string()) }
    }
    pub fn not_found(what: &str, id: i64) -> Self {
        Error::new(ErrorCode::NotFound, format!("{what} #{id} was not found. It may have been archived; refresh the list and try again."))
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Internal, message)
    }
    /// A file operation on `path` failed: the message names the file.
    pub fn io_at(path: &std::path::Path, e: &std::io::Error) -> Self {
        let what = match e.kind() {
            std::io::ErrorKind::PermissionDenied => "Check that you may write there, or choose another folder.",
            std::io::ErrorKind::NotFound => "Check that the folder exists.",
            _ => "Check the file and its folder.",
        };
        Error::new(ErrorCode::Io, format!("A file operation on {} failed: {e}. {what}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} (field: {field})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                C::DatabaseBusy | C::DatabaseLocked => {
                    return Error::new(
                        ErrorCode::WorkspaceLocked,
                        "The workspace is busy in another program. Close the other window or command and try again.",
                    );
                }
                C::NotADatabase => {
                    return Error::new(
                        ErrorCode::InvalidFile,
                        "This file is not a Conveyor workspace (it is not an SQLite database). Choose a .conveyor file.",
                    );
                }
                C::DatabaseCorrupt => {
                    return Error::new(ErrorCode::InvalidFile, "The workspace file is damaged. Restore it from a backup (keep the damaged copy for support).");
                }
                C::DiskFull => {
                    return Error::new(ErrorCode::Io, "The disk is full. Free some space and try again; nothing was saved.");
                }
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => {
                    return Error::new(ErrorCode::Io, format!("The workspace file cannot be written or opened ({e}). Check the folder's permissions."));
                }
                _ => {}
            }
        }
        if let rusqlite::Error::QueryReturnedNoRows = e {
            return Error::new(ErrorCode::NotFound, "The record was not found. Refresh and try again.");
        }
        Error::new(ErrorCode::Storage, format!("The database refused the operation: {e}. Nothing was changed."))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorCode::Io, format!("A file operation failed: {e}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_stable_snake_case() {
        let e = Error::validation("deal.title", "Give the deal a title.");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["field"], "deal.title");
        for code in [
            ErrorCode::NotFound,
            ErrorCode::WorkspaceLocked,
            ErrorCode::InvalidFile,
            ErrorCode::PassphraseRequired,
            ErrorCode::WrongPassphrase,
            ErrorCode::Unavailable,
            ErrorCode::AuthenticationFailed,
            ErrorCode::VerificationFailed,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn only_storage_and_internal_are_internal_errors() {
        assert!(ErrorCode::Validation.is_user_error());
        assert!(ErrorCode::WorkspaceLocked.is_user_error());
        assert!(ErrorCode::WrongPassphrase.is_user_error());
        assert!(!ErrorCode::Storage.is_user_error());
        assert!(!ErrorCode::Internal.is_user_error());
    }
}

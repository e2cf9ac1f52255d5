//! `passphrase set|change|remove`.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::store::Passphrase;
use conveyor_core::usecases::security;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum PassphraseCmd {
    /// Encrypt a plaintext workspace. The new passphrase comes from
    /// --new-passphrase-file or CONVEYOR_NEW_PASSPHRASE.
    Set {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Replace the passphrase (the current one as for every command, the new
    /// one from --new-passphrase-file or CONVEYOR_NEW_PASSPHRASE).
    Change {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Decrypt: the workspace becomes a plaintext file again.
    Remove { file: PathBuf },
}

pub fn run(ctx: &Ctx, cmd: PassphraseCmd) -> Result<ExitCode, Error> {
    let new_key = |f: Option<&Path>| -> Result<Passphrase, Error> {
        passphrase_from(f, "CONVEYOR_NEW_PASSPHRASE")?
            .ok_or_else(|| Error::validation("new_passphrase", "Give the new passphrase: --new-passphrase-file FILE or CONVEYOR_NEW_PASSPHRASE."))
    };
    match cmd {
        PassphraseCmd::Set { file, new_passphrase_file } => {
            let new = new_key(new_passphrase_file.as_deref())?;
            let mut store = ctx.open(&file)?;
            security::set_passphrase(&mut store, &new)?;
            println!("{} is now encrypted. Keep the passphrase safe: without it the file cannot be opened. Older backups stay as they were.", file.display());
        }
        PassphraseCmd::Change { file, new_passphrase_file } => {
            let new = new_key(new_passphrase_file.as_deref())?;
            let current = ctx.key.clone().ok_or_else(|| {
                Error::new(
                    conveyor_core::ErrorCode::PassphraseRequired,
                    format!("{} needs its current passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE.", file.display()),
                )
            })?;
            let mut store = ctx.open(&file)?;
            security::change_passphrase(&mut store, &current, &new)?;
            println!("The passphrase of {} was changed.", file.display());
        }
        PassphraseCmd::Remove { file } => {
            let mut store = ctx.open(&file)?;
            let current = ctx.key.clone().unwrap_or_else(|| Passphrase::new(""));
            security::remove_passphrase(&mut store, &current)?;
            println!("{} is no longer encrypted.", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

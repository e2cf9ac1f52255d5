//! `pull`: a team workspace on PostgreSQL copied into a new workspace file
//! (docs/TEAM.md §2), verified table by table; the server is only read.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::usecases::pull;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PullArgs {
    /// postgres://user[:password]@host[:port]/database, a team workspace.
    /// Without a password in it, PGPASSWORD is used when set.
    pub url: String,
    /// The new workspace file (an existing file is never overwritten).
    pub file: PathBuf,
    /// Encrypt the file with the passphrase from --passphrase-file or CONVEYOR_PASSPHRASE.
    #[arg(long)]
    pub encrypt: bool,
    /// The report as JSON: each table's rows and checksum.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: PullArgs) -> Result<ExitCode, Error> {
    let PullArgs { url, file, encrypt, json } = args;
    if encrypt && ctx.key.is_none() {
        return Err(Error::validation("passphrase", "--encrypt needs a passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE."));
    }
    let target = crate::promote::target(&url)?;
    let report = pull::pull(&target, &file, &ctx.clock, ctx.key.as_ref().filter(|_| encrypt), &mut crate::promote::progress)?;
    if json {
        print_json(&report)?;
    } else {
        let rows: u64 = report.tables.iter().map(|t| t.rows).sum();
        println!(
            "Copied the team workspace {} on {} into {}{}: {} tables, {} rows and {} search entries, each table verified (row count and SHA-256 read back from the file). The server was only read.",
            report.database,
            report.server,
            report.file,
            if report.encrypted { " (encrypted)" } else { "" },
            report.tables.len(),
            rows,
            report.search.rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

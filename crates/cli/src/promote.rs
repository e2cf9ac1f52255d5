//! `promote`: a workspace file becomes a team workspace on PostgreSQL
//! (docs/TEAM.md §7). The file is only read; the copy is verified per table.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::usecases::promote;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PromoteArgs {
    /// The workspace file (left exactly as it is).
    pub file: PathBuf,
    /// postgres://user[:password]@host[:port]/database, an empty database.
    /// Without a password in it, PGPASSWORD is used when set.
    pub url: String,
    /// The report as JSON: each table's rows and checksum.
    #[arg(long)]
    pub json: bool,
}

/// The server of a `postgres://` URL; without a password in it, PGPASSWORD's.
pub fn target(url: &str) -> Result<promote::PromoteTarget, Error> {
    let mut target = promote::parse_url(url)?;
    if target.password.is_none() {
        target.password = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty());
    }
    Ok(target)
}

/// Each table copied, then verified, on stderr (so --json's output stays one document).
pub fn progress(p: promote::PromoteProgress) {
    eprintln!("{}: {} rows {}", p.table, p.rows, p.phase);
}

pub fn run(ctx: &Ctx, args: PromoteArgs) -> Result<ExitCode, Error> {
    let PromoteArgs { file, url, json } = args;
    let report = promote::promote_file(&file, &ctx.clock, ctx.key.as_ref(), &target(&url)?, &mut progress)?;
    if json {
        print_json(&report)?;
    } else {
        let rows: u64 = report.tables.iter().map(|t| t.rows).sum();
        println!(
            "Promoted {} to the database {} on {} as {}: {} tables, {} rows and {} search entries, each table verified (row count and SHA-256 read back from the server). The file was not changed.",
            file.display(),
            report.database,
            report.server,
            report.user,
            report.tables.len(),
            rows,
            report.search.rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! `backup` and `restore`.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::output::Replace;
use conveyor_core::usecases::backup;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BackupArgs {
    pub file: PathBuf,
    pub out: Option<PathBuf>,
    #[arg(long, conflicts_with = "out")]
    pub auto: bool,
    /// Replace OUT if it exists and is not a workspace (a backup is one).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Folder of automatic backups (default: backups/ beside the workspace).
    #[arg(long, requires = "auto")]
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    pub backup: PathBuf,
    pub file: PathBuf,
    #[arg(long)]
    pub yes: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> Result<ExitCode, Error> {
    let BackupArgs { file, out, auto, dir, json, force } = args;
    let store = ctx.read(&file)?;
    if auto {
        let dir = dir.unwrap_or_else(|| backup::default_dir(&file));
        match backup::auto_backup(&store, &ctx.clock, &dir)? {
            Some(p) => println!("Backed up to {} (keeping the newest {}).", p.display(), backup::AUTO_KEEP),
            None => println!("Today's backup already exists in {}.", dir.display()),
        }
    } else {
        let Some(out) = out else {
            return Err(Error::validation("OUT", "Name the backup file (conveyor backup FILE OUT), or use --auto."));
        };
        let c = backup::backup_to_file(&store, &ctx.clock, &out, Replace::from_force(force))?;
        if json {
            print_json(&c)?;
        } else {
            println!(
                "Backed up {} to {} ({} contacts, {} deals, {} activities).",
                file.display(),
                out.display(),
                c.counts.contacts,
                c.counts.deals,
                c.counts.activities
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(ctx: &Ctx, args: RestoreArgs) -> Result<ExitCode, Error> {
    let RestoreArgs { backup: from, file, yes, json } = args;
    let c = backup::inspect(&from, ctx.key.as_ref())?;
    if !yes {
        if json {
            print_json(&c)?;
        } else {
            println!("Backup:         {}", c.path);
            println!("Workspace:      {}{}", c.workspace_name, if c.is_demo { " (demo)" } else { "" });
            println!("Taken:          {}", c.backup_taken_at.as_deref().unwrap_or("unknown (a workspace file, not a backup)"));
            println!("Created:        {}", c.workspace_created_at);
            println!("Schema version: {}", c.schema_version);
            println!(
                "Contacts {}, companies {}, deals {}, activities {}, orders {}, people {}.",
                c.counts.contacts, c.counts.companies, c.counts.deals, c.counts.activities, c.counts.orders, c.counts.people
            );
            println!("Nothing was changed. To replace {} with this backup, run again with --yes (the current file is kept beside it).", file.display());
        }
    } else {
        let r = backup::restore(&ctx.clock, &from, &file, ctx.key.as_ref())?;
        if json {
            print_json(&r)?;
        } else {
            println!("Restored {} from {} ({} contacts).", file.display(), from.display(), r.restored.counts.contacts);
            if let Some(k) = &r.replaced_kept_as {
                println!("The replaced file was kept as {k}.");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

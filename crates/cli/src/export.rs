//! `export …`: contacts, deals, activities and the calendar.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::output::Replace;
use conveyor_core::usecases::export::{self, ContactsFormat};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ExportCmd {
    /// Contacts as vCard 4.0 (default), vCard 3.0 or CSV.
    Contacts {
        file: PathBuf,
        out: PathBuf,
        #[arg(long, default_value = "vcard4", value_parser = parse_format)]
        format: ContactsFormat,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Deals as CSV.
    Deals {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Activities as CSV.
    Activities {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Routines, next steps of open deals and open tasks as iCalendar (ICS).
    Calendar {
        file: PathBuf,
        out: PathBuf,
        /// IANA time zone of the routines (default: the system's).
        #[arg(long)]
        tz: Option<String>,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
}

pub fn parse_format(s: &str) -> Result<ContactsFormat, String> {
    ContactsFormat::parse(s).map_err(|e| e.message)
}

/// Writes next to the target first, then renames: a half-written export never
/// replaces a good one, and nothing goes over a workspace.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    export::write_whole(path, bytes, Replace::from_force(force))
}

pub fn run(ctx: &Ctx, e: ExportCmd) -> Result<ExitCode, Error> {
    let (file, out, force) = match &e {
        ExportCmd::Contacts { file, out, force, .. }
        | ExportCmd::Deals { file, out, force }
        | ExportCmd::Activities { file, out, force }
        | ExportCmd::Calendar { file, out, force, .. } => (file, out, *force),
    };
    // Refused before the work when OUT may not be written.
    conveyor_core::output::check_target(out, Replace::from_force(force))?;
    let store = ctx.read(file)?;
    let (bytes, what) = match &e {
        ExportCmd::Contacts { format, .. } => {
            let (b, n) = export::export_contacts(&store, *format)?;
            (b, format!("{n} contacts"))
        }
        ExportCmd::Deals { .. } => {
            let (b, n) = export::export_deals(&store)?;
            (b, format!("{n} deals"))
        }
        ExportCmd::Activities { .. } => {
            let (b, n) = export::export_activities(&store)?;
            (b, format!("{n} activities"))
        }
        ExportCmd::Calendar { tz, .. } => {
            let zone = tz.clone().unwrap_or_else(conveyor_core::interop::ics::system_zone_name);
            let (b, c) = export::export_calendar(&store, &ctx.clock, &zone)?;
            (b, format!("{} routine(s), {} next step(s), {} task(s) in {}", c.routines, c.next_steps, c.tasks, c.time_zone))
        }
    };
    write_output(out, &bytes, force)?;
    println!("Exported {what} to {}.", out.display());
    Ok(ExitCode::SUCCESS)
}

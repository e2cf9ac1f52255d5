//! `leads`: contacts made stage-1 leads.

use crate::common::*;
use conveyor_core::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LeadsArgs {
    pub file: PathBuf,
    /// Contact ids, comma-separated (default: every contact of the clients list).
    #[arg(long, value_delimiter = ',')]
    pub contacts: Vec<i64>,
    /// The first next step of each new lead.
    #[arg(long, default_value = "First call")]
    pub next_step: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: LeadsArgs) -> Result<ExitCode, Error> {
    let LeadsArgs { file, contacts, next_step, json } = args;
    use conveyor_core::usecases::leads::{self, LeadsFrom, MakeLeadsInput};
    let mut store = ctx.open(&file)?;
    let from = if contacts.is_empty() { LeadsFrom::Filter { filter: Default::default() } } else { LeadsFrom::Contacts { ids: contacts } };
    let made = leads::make_leads(&mut store, &ctx.clock, &MakeLeadsInput { from, next_step, next_step_date: conveyor_core::Clock::today(&ctx.clock) })?;
    if json {
        print_json(&made)?;
    } else {
        println!("New leads: {}. Already in the conveyor: {}. Clients left alone: {}.", made.created, made.already_in_conveyor, made.clients);
    }
    Ok(ExitCode::SUCCESS)
}

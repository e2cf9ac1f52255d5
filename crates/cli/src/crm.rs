//! `deal set`, `deal notes`, and `edit-stream` (tests only).

use crate::common::*;
use chrono::NaiveDate;
use conveyor_core::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum DealCmd {
    /// Change a deal's title, value (in minor units), owner or next step.
    Set {
        file: PathBuf,
        #[arg(long)]
        id: i64,
        #[arg(long)]
        title: Option<String>,
        /// In minor units (cents): 125000 is 1,250.00.
        #[arg(long)]
        value: Option<i64>,
        /// The person who owns the deal (`0` for nobody).
        #[arg(long)]
        owner: Option<i64>,
        #[arg(long)]
        next_step: Option<String>,
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Set a deal's product and its own notes (an empty value clears it; an option left out keeps it).
    Notes {
        file: PathBuf,
        #[arg(long)]
        id: i64,
        #[arg(long)]
        product: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct EditStreamArgs {
    pub file: PathBuf,
    #[arg(long, default_value_t = 1_000_000)]
    pub count: u64,
}

pub fn edit_stream(ctx: &Ctx, args: EditStreamArgs) -> Result<ExitCode, Error> {
    let EditStreamArgs { file, count } = args;
    use std::io::Write;
    let mut store = ctx.open(&file)?;
    let stdout = std::io::stdout();
    for i in 0..count {
        let c = conveyor_core::usecases::crm::create_contact(
            &mut store,
            &ctx.clock,
            &conveyor_core::model::ContactInput { first_name: format!("Edit {i}"), ..Default::default() },
        )?;
        // Acknowledged only after the commit returned.
        let mut out = stdout.lock();
        writeln!(out, "{}", c.id).and_then(|_| out.flush()).map_err(Error::from)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(ctx: &Ctx, cmd: DealCmd) -> Result<ExitCode, Error> {
    match cmd {
        DealCmd::Set { file, id, title, value, owner, next_step, date, json } => {
            use conveyor_core::usecases::crm;
            let mut store = ctx.open(&file)?;
            let d = crm::get_deal(&store, id)?;
            let input = conveyor_core::model::DealInput {
                title: title.unwrap_or(d.title),
                company_id: d.company_id,
                contact_id: d.contact_id,
                step_id: d.step_id,
                value_minor: value.unwrap_or(d.value_minor),
                currency: Some(d.currency),
                owner_id: match owner {
                    Some(0) => None,
                    Some(p) => Some(p),
                    None => d.owner_id,
                },
                source: d.source,
                referred_by_id: d.referred_by_id,
                next_step: next_step.or(d.next_step),
                next_step_date: date.or(d.next_step_date),
                expected_close_on: d.expected_close_on,
            };
            let d = crm::update_deal(&mut store, &ctx.clock, id, &input)?;
            if json {
                print_json(&d)?;
            } else {
                println!("Saved: {} (#{}), {} {}.", d.title, d.id, d.value_minor, d.currency);
            }
        }
        DealCmd::Notes { file, id, product, notes, json } => {
            use conveyor_core::usecases::daily::{self, DealNotes};
            let mut store = ctx.open(&file)?;
            let old = daily::deal_details(&store, id)?.notes;
            let new = DealNotes { product: product.or(old.product), notes: notes.or(old.notes) };
            let saved = daily::save_deal_notes(&mut store, &ctx.clock, id, &new)?;
            if json {
                print_json(&saved)?;
            } else {
                println!("Saved the product and notes of deal #{id}.");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `task done`: ticking tasks off.

use crate::common::*;
use conveyor_core::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum TaskCmd {
    /// Mark a task (or a routine's task) done now.
    Done {
        file: PathBuf,
        #[arg(long)]
        id: i64,
        /// What came of it.
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: TaskCmd) -> Result<ExitCode, Error> {
    match cmd {
        TaskCmd::Done { file, id, outcome, json } => {
            let mut store = ctx.open(&file)?;
            let a = conveyor_core::usecases::daily::complete_task(&mut store, &ctx.clock, id, outcome.as_deref())?;
            if json {
                print_json(&a)?;
            } else {
                println!("Done: {} (#{}).", a.subject, a.id);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

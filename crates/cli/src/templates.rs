//! `template list|export|import`.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::model::Lang;
use conveyor_core::output::Replace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum TemplateCmd {
    /// The built-in templates.
    List {
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        json: bool,
    },
    /// Write FILE's steps, cards, scripts, regulations and plan parameters to OUT.
    Export {
        file: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists (never a workspace).
        #[arg(long)]
        force: bool,
    },
    /// Replace FILE's configured system with the template IN (never client
    /// data); --dry-run only shows what would change.
    Import {
        file: PathBuf,
        input: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: TemplateCmd) -> Result<ExitCode, Error> {
    use conveyor_core::usecases::templates::{self, ChangeAction};
    match cmd {
        TemplateCmd::List { lang, json } => {
            let list = templates::list_templates(lang)?;
            if json {
                print_json(&list)?;
                return Ok(ExitCode::SUCCESS);
            }
            for t in list {
                println!("{:<12} {}", t.id, t.name);
            }
        }
        TemplateCmd::Export { file, out, force } => {
            let store = ctx.read(&file)?;
            templates::export_file(&store, &out, Replace::from_force(force))?;
            println!("Wrote {}.", out.display());
        }
        TemplateCmd::Import { file, input, dry_run, json } => {
            let text =
                std::fs::read_to_string(&input).map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("{} cannot be read: {e}.", input.display())))?;
            let mut store = ctx.open(&file)?;
            let report = templates::import(&mut store, &ctx.clock, &input.display().to_string(), &text, dry_run)?;
            if json {
                print_json(&report)?;
                return Ok(ExitCode::SUCCESS);
            }
            let verb = |a: ChangeAction| match a {
                ChangeAction::Add => "add",
                ChangeAction::Update => "update",
                ChangeAction::Archive => "archive",
                ChangeAction::Keep => "keep (in use)",
            };
            for c in &report.changes {
                println!("{:<14} {:<12} {:<40} {}", verb(c.action), c.section, c.key, c.name);
            }
            match (dry_run, report.changes.len()) {
                (_, 0) => println!("Nothing to change: the workspace already has this template."),
                (true, n) => println!("Dry run: {n} changes would be made; nothing was changed."),
                (false, n) => println!("Imported “{}”: {n} changes.", report.template.name),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

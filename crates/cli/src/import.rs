//! `import contacts`: contacts from CSV and vCard files.

use crate::common::*;
use conveyor_core::Error;
use conveyor_core::interop::mapping::{ContactField, Preset};
use conveyor_core::messages::Localize;
use conveyor_core::usecases::import::{self, DuplicatePolicy, ImportOptions, ImportSummary};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ImportCmd {
    /// Contacts (and their companies) from a CSV or vCard file. All or nothing.
    Contacts {
        file: PathBuf,
        src: PathBuf,
        #[arg(long, default_value = "auto", value_parser = parse_preset)]
        preset: Preset,
        #[arg(long, default_value = "skip", value_parser = parse_duplicates)]
        duplicates: DuplicatePolicy,
        /// Map a CSV column yourself: `HEADER=FIELD` (or `#N=FIELD`, 1-based;
        /// FIELD `-` ignores it). Unnamed columns keep the preset's mapping.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Check and summarise; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import without optional values that cannot be read (a wrong
        /// birthday, e-mail, phone, address part); each one is listed.
        #[arg(long)]
        skip_bad_values: bool,
        #[arg(long)]
        json: bool,
    },
    /// Deals (the pipeline and its history) from a CRM's CSV or XLSX export. All or nothing.
    Deals(crate::import_history::DealsArgs),
    /// Orders (the sales history) from a CSV or XLSX sales report. All or nothing.
    Orders(crate::import_history::OrdersArgs),
}

pub fn parse_preset(s: &str) -> Result<Preset, String> {
    Preset::parse(s).map_err(|e| e.message)
}

pub fn parse_duplicates(s: &str) -> Result<DuplicatePolicy, String> {
    DuplicatePolicy::parse(s).map_err(|e| e.message)
}

pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    import::read_source(path)
}

/// Applies `--map` arguments over the preset's mapping of the file's headers.
pub fn user_mapping(bytes: &[u8], o: &ImportOptions, maps: &[String]) -> Result<Option<Vec<conveyor_core::interop::mapping::ColumnMapping>>, Error> {
    if maps.is_empty() {
        return Ok(None);
    }
    let mut m = import::detect_mapping(bytes, o)?;
    for arg in maps {
        let (col, field) = arg.rsplit_once('=').ok_or_else(|| Error::validation("--map", format!("“{arg}” should look like HEADER=FIELD.")))?;
        let idx = match col.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n >= 1 => m.iter().position(|c| c.column as usize == n - 1),
            _ => m.iter().position(|c| c.header == col),
        }
        .ok_or_else(|| Error::validation("--map", format!("The file has no column “{col}”.")))?;
        m[idx].field = if field.trim() == "-" { None } else { Some(ContactField::parse(field).map_err(|e| Error::validation("--map", e.message))?) };
    }
    Ok(Some(m))
}

pub fn print_summary(s: &ImportSummary, dry_run: bool) {
    let what = if s.written {
        "Imported"
    } else if dry_run {
        "Dry run (nothing written)"
    } else {
        "Nothing imported"
    };
    println!(
        "{what}: {} — {} rows, format {}, encoding {}{}",
        s.source,
        s.rows,
        serde_json::to_value(s.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        s.encoding,
        s.delimiter.as_ref().map(|d| format!(", delimiter {d}")).unwrap_or_default()
    );
    println!("  new contacts:     {}", s.created);
    println!("  updated:          {}", s.updated);
    println!("  duplicates skipped: {}", s.skipped);
    if s.created_duplicates > 0 {
        println!("  duplicates created anyway: {}", s.created_duplicates);
    }
    println!("  new companies:    {}", s.companies_created);
    if s.nameless > 0 {
        println!("  name missing:     {} (only an e-mail; complete them in the app)", s.nameless);
    }
    for w in &s.warnings {
        println!("  note: {}:{}: {}", s.source, w.line, w.message);
    }
    if s.refused.is_empty() {
        for b in &s.bad_values {
            println!("  left out: {}:{}: {}: {}", s.source, b.line, b.field.as_deref().unwrap_or("value"), b.message);
        }
    }
}

pub fn run(ctx: &Ctx, cmd: ImportCmd) -> Result<ExitCode, Error> {
    match cmd {
        ImportCmd::Deals(a) => return crate::import_history::deals(ctx.open(&a.file)?, &ctx.clock, a),
        ImportCmd::Orders(a) => return crate::import_history::orders(ctx.open(&a.file)?, &ctx.clock, a),
        ImportCmd::Contacts { file, src, preset, duplicates, map, dry_run, skip_bad_values, json } => {
            let bytes = read_input(&src)?;
            let mut store = ctx.open(&file)?;
            let mut o = ImportOptions { source_name: src.display().to_string(), preset, duplicates, mapping: None, skip_bad_values };
            o.mapping = user_mapping(&bytes, &o, &map)?;
            let s = import::import_contacts(&mut store, &ctx.clock, &bytes, &o, dry_run)?.localized(crate::lang::message_lang());
            if s.written {
                // The import is committed; its search entries come right after.
                if let Err(e) = import::index_all_pending(&mut store) {
                    eprintln!(
                        "conveyor: warning: the contacts are imported, but their search entries could not be made yet ({}). Search finds them anyway; the app makes the entries the next time it opens {}.",
                        e.message,
                        file.display()
                    );
                }
            }
            if json {
                print_json(&s)?;
            } else {
                print_summary(&s, dry_run);
            }
            if !s.refused.is_empty() {
                for p in &s.refused {
                    let card = p.card.map(|c| format!(" card {c}:")).unwrap_or_default();
                    eprintln!("{}:{}:{card} {}: {}", s.source, p.line, p.field.as_deref().unwrap_or("row"), p.message);
                }
                eprintln!(
                    "conveyor: error[validation]: {} problem(s) in {}; nothing was imported. Fix them and run the import again{}.",
                    s.refused.len(),
                    s.source,
                    if s.bad_values.len() == s.refused.len() { ", or add --skip-bad-values to import without those values" } else { "" }
                );
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `conveyor tags|fields|duplicates|merge|search|clients`: client records
//! for scripts (DESIGN.md §6): tags, custom fields, possible duplicates and
//! their merge, search and the clients list.

use clap::{Args, Subcommand};
use conveyor_core::model::{ClientKind, FieldKind, Stage};
use conveyor_core::store::Passphrase;
use conveyor_core::store::clients::ClientFilter;
use conveyor_core::usecases::custom_fields::{self as cf, FieldInput, ValueInput};
use conveyor_core::usecases::{clients, merge, tags, workspace};
use conveyor_core::{Error, SystemClock};
use std::path::{Path, PathBuf};

fn parse_kind(s: &str) -> Result<ClientKind, String> {
    ClientKind::parse("--for", s).map_err(|e| e.message)
}

fn parse_field_kind(s: &str) -> Result<FieldKind, String> {
    FieldKind::parse("--kind", s).map_err(|e| e.message)
}

fn parse_stage(s: &str) -> Result<Stage, String> {
    Stage::parse("--stage", s).map_err(|e| e.message)
}

/// Which records a tag or value goes on: `--company IDS` or `--contact IDS`.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct Records {
    /// Company ids, comma-separated.
    #[arg(long, value_delimiter = ',')]
    company: Vec<i64>,
    /// Contact ids, comma-separated.
    #[arg(long, value_delimiter = ',')]
    contact: Vec<i64>,
}

impl Records {
    fn get(&self) -> (ClientKind, &[i64]) {
        if self.company.is_empty() { (ClientKind::Contact, &self.contact) } else { (ClientKind::Company, &self.company) }
    }
}

#[derive(Subcommand)]
pub enum TagsCmd {
    /// Every tag with how many companies and contacts carry it.
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Put a tag on companies or contacts.
    Add {
        file: PathBuf,
        tag: String,
        #[command(flatten)]
        records: Records,
    },
    /// Take a tag off companies or contacts.
    Remove {
        file: PathBuf,
        tag: String,
        #[command(flatten)]
        records: Records,
    },
}

#[derive(Subcommand)]
pub enum FieldsCmd {
    /// The workspace's custom fields.
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Define a custom field.
    Add {
        file: PathBuf,
        /// company or contact.
        #[arg(long = "for", value_parser = parse_kind)]
        entity: ClientKind,
        #[arg(long)]
        label: String,
        /// text, number, money, date, choice or yes_no.
        #[arg(long, value_parser = parse_field_kind, default_value = "text")]
        kind: FieldKind,
        /// The choices of a choice field, comma-separated.
        #[arg(long, value_delimiter = ',')]
        choices: Vec<String>,
        /// The name in files (default: made from the label).
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a custom field and all its values.
    Remove {
        file: PathBuf,
        #[arg(long = "for", value_parser = parse_kind)]
        entity: ClientKind,
        key: String,
    },
    /// Set custom values of a record: KEY=VALUE (an empty VALUE clears it).
    Set {
        file: PathBuf,
        #[command(flatten)]
        records: Records,
        #[arg(required = true)]
        values: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct DuplicatesArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct MergeArgs {
    file: PathBuf,
    /// company or contact.
    #[arg(value_parser = parse_kind, required_unless_present = "undo")]
    kind: Option<ClientKind>,
    /// The record that stays.
    #[arg(required_unless_present = "undo")]
    keep: Option<i64>,
    /// The record merged into it (archived afterwards).
    #[arg(required_unless_present = "undo")]
    merged: Option<i64>,
    /// Undo the merge with this id instead.
    #[arg(long, conflicts_with_all = ["kind", "keep", "merged"])]
    undo: Option<i64>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SearchArgs {
    file: PathBuf,
    query: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ClientsArgs {
    file: PathBuf,
    /// Only contacts with this tag (or at a company with it).
    #[arg(long)]
    tag: Option<String>,
    #[arg(long, value_parser = parse_stage)]
    stage: Option<Stage>,
    /// One person's clients.
    #[arg(long)]
    person: Option<i64>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long, default_value_t = clients::PAGE_MAX)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

fn read(file: &Path, clock: &SystemClock, key: Option<&Passphrase>) -> Result<conveyor_core::Store, Error> {
    crate::common::open_reader(file, clock, key)
}

pub fn tags_cmd(cmd: TagsCmd, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    match cmd {
        TagsCmd::List { file, json } => {
            let list = tags::list_tags(&read(&file, clock, key)?)?;
            if json {
                return crate::common::print_json(&list);
            }
            for t in list {
                println!("{:<30} {:>6} companies {:>6} contacts", t.name, t.companies, t.contacts);
            }
        }
        TagsCmd::Add { file, tag, records } => {
            let mut store = workspace::open_with(&file, clock, key)?;
            let (kind, ids) = records.get();
            tags::add_tag(&mut store, clock, kind, ids, &tag)?;
            println!("Tagged {} {kind}{} “{}”.", ids.len(), if ids.len() == 1 { "" } else { "s" }, tag.trim());
        }
        TagsCmd::Remove { file, tag, records } => {
            let mut store = workspace::open_with(&file, clock, key)?;
            let (kind, ids) = records.get();
            tags::remove_tag(&mut store, clock, kind, ids, &tag)?;
            println!("Took “{}” off {} {kind}{}.", tag.trim(), ids.len(), if ids.len() == 1 { "" } else { "s" });
        }
    }
    Ok(())
}

pub fn fields_cmd(cmd: FieldsCmd, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    match cmd {
        FieldsCmd::List { file, json } => {
            let list = cf::list_fields(&read(&file, clock, key)?, None)?;
            if json {
                return crate::common::print_json(&list);
            }
            for f in list {
                let choices = if f.choices.is_empty() { String::new() } else { format!(" ({})", f.choices.join(", ")) };
                println!("{:<8} {:<24} {:<8} {}{choices}", f.entity, f.key, f.kind, f.label);
            }
        }
        FieldsCmd::Add { file, entity, label, kind, choices, key: field_key, json } => {
            let mut store = workspace::open_with(&file, clock, key)?;
            let f = cf::define_field(&mut store, clock, &FieldInput { entity, label, key: field_key, kind, choices })?;
            if json {
                return crate::common::print_json(&f);
            }
            println!("Added the {entity} field “{}” ({}, key {}).", f.label, f.kind, f.key);
        }
        FieldsCmd::Remove { file, entity, key: field_key } => {
            let mut store = workspace::open_with(&file, clock, key)?;
            let f = cf::list_fields(&store, Some(entity))?
                .into_iter()
                .find(|f| f.key == field_key)
                .ok_or_else(|| Error::validation("key", format!("There is no {entity} field with the key “{field_key}”. See `conveyor fields list`.")))?;
            cf::delete_field(&mut store, clock, f.id)?;
            println!("Removed the field “{}” and its values.", f.label);
        }
        FieldsCmd::Set { file, records, values, json } => {
            let mut store = workspace::open_with(&file, clock, key)?;
            let (kind, ids) = records.get();
            let fields = cf::list_fields(&store, Some(kind))?;
            let mut input = vec![];
            for v in &values {
                let (k, value) = v.split_once('=').ok_or_else(|| Error::validation("values", format!("“{v}” should look like KEY=VALUE.")))?;
                let f = fields
                    .iter()
                    .find(|f| f.key == k.trim())
                    .ok_or_else(|| Error::validation("values", format!("There is no {kind} field with the key “{k}”. See `conveyor fields list`.")))?;
                input.push(ValueInput { field_id: f.id, value: value.to_string() });
            }
            let mut out = vec![];
            for id in ids {
                out.push(cf::set_values(&mut store, clock, kind, *id, &input)?);
            }
            if json {
                return crate::common::print_json(&out);
            }
            println!(
                "Saved {} value{} on {} {kind}{}.",
                input.len(),
                if input.len() == 1 { "" } else { "s" },
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            );
        }
    }
    Ok(())
}

pub fn duplicates_cmd(a: DuplicatesArgs, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    let pairs = merge::duplicates(&read(&a.file, clock, key)?)?;
    if a.json {
        return crate::common::print_json(&pairs);
    }
    for p in &pairs {
        let by: Vec<String> =
            p.matched_by.iter().map(|m| serde_json::to_value(m).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()).collect();
        println!("{:<8} {:>6} {:<30} {:>6} {:<30} same {}", p.kind, p.a.id, p.a.name, p.b.id, p.b.name, by.join(", "));
    }
    println!("{} possible duplicate{}.", pairs.len(), if pairs.len() == 1 { "" } else { "s" });
    Ok(())
}

pub fn merge_cmd(a: MergeArgs, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    let mut store = workspace::open_with(&a.file, clock, key)?;
    if let Some(id) = a.undo {
        merge::undo_merge(&mut store, clock, id)?;
        println!("Merge #{id} undone: both records are as they were.");
        return Ok(());
    }
    let (Some(kind), Some(keep), Some(merged)) = (a.kind, a.keep, a.merged) else {
        return Err(Error::validation("merge", "Name the kind (company or contact), the record that stays and the one merged into it."));
    };
    let r = merge::merge(&mut store, clock, kind, keep, merged)?;
    if a.json {
        return crate::common::print_json(&r);
    }
    println!("Merged {kind} #{merged} into #{keep}: {} records moved over. Undo with `conveyor merge {} --undo {}`.", r.moved, a.file.display(), r.merge_id);
    Ok(())
}

pub fn search_cmd(a: SearchArgs, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    let hits = clients::search(&read(&a.file, clock, key)?, &a.query)?;
    if a.json {
        return crate::common::print_json(&hits);
    }
    for h in &hits {
        match h {
            clients::SearchHit::Contact { row } => {
                println!("contact {:>6}  {}{}", row.contact_id, row.name, row.company_name.as_deref().map(|c| format!(" — {c}")).unwrap_or_default())
            }
            clients::SearchHit::Company { id, name, city, .. } => {
                println!("company {:>6}  {name}{}", id, city.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())
            }
        }
    }
    if hits.is_empty() {
        println!("Nothing found for “{}”.", a.query);
    }
    Ok(())
}

pub fn clients_cmd(a: ClientsArgs, clock: &SystemClock, key: Option<&Passphrase>) -> Result<(), Error> {
    let store = read(&a.file, clock, key)?;
    let filter = ClientFilter { stage: a.stage, owner_id: a.person, tag: a.tag, ..Default::default() };
    let page = clients::list(&store, &filter, a.offset, a.limit)?;
    if a.json {
        return crate::common::print_json(&page);
    }
    for r in &page.rows {
        let tags = if r.tags.is_empty() { String::new() } else { format!("  [{}]", r.tags.join(", ")) };
        println!(
            "{:>6}  {:<30} {:<30} {}{tags}",
            r.contact_id,
            r.name,
            r.company_name.as_deref().unwrap_or(""),
            r.phone.as_deref().or(r.email.as_deref()).unwrap_or("")
        );
    }
    println!("{} of {} clients.", page.rows.len(), page.total);
    Ok(())
}

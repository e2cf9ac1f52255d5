//! Exporting contacts (vCard, CSV), deals and activities (CSV) and the
//! calendar (ICS), each to one whole file.

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::interop as io;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Formats of the contacts export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactsFormat {
    Vcard4,
    Vcard3,
    Csv,
}

impl ContactsFormat {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "vcard4" | "vcard" => Ok(Self::Vcard4),
            "vcard3" => Ok(Self::Vcard3),
            "csv" => Ok(Self::Csv),
            _ => Err(Error::validation("format", format!("“{s}” is not an export format. Use vcard4, vcard3 or csv."))),
        }
    }
}

/// Live contacts with their company names and additional channels.
pub fn export_contacts_list(store: &Store) -> Result<Vec<io::export::ExportContact>> {
    let c = store.conn();
    let companies: HashMap<i64, String> = store::interop::company_names(c)?.into_iter().collect();
    let mut channels: HashMap<i64, Vec<store::interop::Channel>> = HashMap::new();
    for ch in store::interop::all_channels(c)? {
        channels.entry(ch.contact_id).or_default().push(ch);
    }
    let mut labels = store::channels::primary_labels(c)?;
    let mut details = store::contact_details::all(c)?;
    let mut addresses: HashMap<i64, Vec<crate::address::AddressInput>> = HashMap::new();
    for a in store::addresses::of_all_contacts(c)? {
        if let crate::address::AddressOwner::Contact(id) = a.owner {
            addresses.entry(id).or_default().push(a.input());
        }
    }
    let mut tags = store::tags::by_record(c, crate::model::ClientKind::Contact)?;
    let (fields, mut values) = crate::usecases::custom_fields::file_values(c, crate::model::ClientKind::Contact)?;
    let facts = store::interop::company_facts(c)?;
    Ok(store::contacts::list_all(c)?
        .into_iter()
        .map(|ct| {
            let mut mine = values.remove(&ct.id).unwrap_or_default();
            io::export::ExportContact {
                company: ct.company_id.and_then(|id| companies.get(&id).cloned()),
                channels: channels.remove(&ct.id).unwrap_or_default(),
                addresses: addresses.remove(&ct.id).unwrap_or_default(),
                phone_label: labels.get_mut(&ct.id).and_then(|l| l.0.take()),
                email_label: labels.remove(&ct.id).and_then(|l| l.1),
                details: details.remove(&ct.id).unwrap_or_default(),
                tags: tags.remove(&ct.id).unwrap_or_default(),
                custom: fields.iter().map(|f| (f.key.clone(), f.label.clone(), mine.remove(&f.id).unwrap_or_default())).collect(),
                company_facts: ct.company_id.and_then(|id| facts.get(&id).cloned()),
                contact: ct,
            }
        })
        .collect())
}

/// The contacts file's bytes, and how many contacts it holds.
pub fn export_contacts(store: &Store, format: ContactsFormat) -> Result<(Vec<u8>, usize)> {
    let list = export_contacts_list(store)?;
    let bytes = match format {
        ContactsFormat::Vcard4 => io::export::vcards(&list, io::export::VcardVersion::V4).into_bytes(),
        ContactsFormat::Vcard3 => io::export::vcards(&list, io::export::VcardVersion::V3).into_bytes(),
        ContactsFormat::Csv => io::export::contacts_csv(&list),
    };
    Ok((bytes, list.len()))
}

pub fn export_deals(store: &Store) -> Result<(Vec<u8>, usize)> {
    let rows = store::interop::deal_rows(store.conn())?;
    Ok((io::export::deals_csv(&rows), rows.len()))
}

pub fn export_activities(store: &Store) -> Result<(Vec<u8>, usize)> {
    let rows = store::interop::activity_rows(store.conn())?;
    Ok((io::export::activities_csv(&rows), rows.len()))
}

/// What the calendar export holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarExport {
    pub time_zone: String,
    #[ts(type = "number")]
    pub routines: u32,
    #[ts(type = "number")]
    pub next_steps: u32,
    #[ts(type = "number")]
    pub tasks: u32,
}

/// The calendar (ICS): routines, next steps of open deals, open tasks.
/// `time_zone` is an IANA name such as `Europe/Berlin` (the adapters pass the
/// user's, e.g. from [`crate::interop::ics::system_zone_name`]).
pub fn export_calendar(store: &Store, clock: &dyn Clock, time_zone: &str) -> Result<(Vec<u8>, CalendarExport)> {
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| Error::validation("time_zone", format!("“{time_zone}” is not a time zone name. Use one such as Europe/Berlin or America/New_York.")))?;
    let c = store.conn();
    let meta = store::meta::load(c)?;
    let items = store::interop::calendar_items(c)?;
    let created = chrono::NaiveDate::parse_from_str(meta.created_at.get(..10).unwrap_or(""), "%Y-%m-%d").unwrap_or(clock.today());
    let routines = io::ics::builtin_routines(created);
    let text = io::ics::calendar(&io::ics::CalendarInput {
        calendar_name: &meta.name,
        workspace_key: &meta.created_at,
        tz,
        now: clock.now(),
        routines: &routines,
        items: &items,
    });
    let info = CalendarExport {
        time_zone: tz.name().to_string(),
        routines: routines.len() as u32,
        next_steps: items.iter().filter(|i| i.kind == "deal").count() as u32,
        tasks: items.iter().filter(|i| i.kind == "activity").count() as u32,
    };
    Ok((text.into_bytes(), info))
}

/// What the app can export, each to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    ContactsVcard4,
    ContactsVcard3,
    ContactsCsv,
    DealsCsv,
    ActivitiesCsv,
    Calendar,
}

impl ExportKind {
    /// The file extension the save dialog suggests.
    pub fn extension(self) -> &'static str {
        match self {
            Self::ContactsVcard4 | Self::ContactsVcard3 => "vcf",
            Self::ContactsCsv | Self::DealsCsv | Self::ActivitiesCsv => "csv",
            Self::Calendar => "ics",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportDone {
    pub kind: ExportKind,
    pub path: String,
    /// Contacts, deals or activities written (routines + next steps + tasks for the calendar).
    #[ts(type = "number")]
    pub count: u64,
    /// The calendar's contents (calendar only).
    pub calendar: Option<CalendarExport>,
}

/// Exports to `path`, writing beside it first and renaming when whole, so a
/// failed export never replaces a good file. `time_zone` is for the calendar.
pub fn export_to_file(
    store: &Store,
    clock: &dyn Clock,
    kind: ExportKind,
    time_zone: &str,
    path: &std::path::Path,
    replace: crate::output::Replace,
) -> Result<ExportDone> {
    // Refused before any work when the target may not be written.
    crate::output::check_target(path, replace)?;
    let (bytes, count, calendar) = match kind {
        ExportKind::ContactsVcard4 => with_count(export_contacts(store, ContactsFormat::Vcard4)?),
        ExportKind::ContactsVcard3 => with_count(export_contacts(store, ContactsFormat::Vcard3)?),
        ExportKind::ContactsCsv => with_count(export_contacts(store, ContactsFormat::Csv)?),
        ExportKind::DealsCsv => with_count(export_deals(store)?),
        ExportKind::ActivitiesCsv => with_count(export_activities(store)?),
        ExportKind::Calendar => {
            let (b, c) = export_calendar(store, clock, time_zone)?;
            let n = (c.routines + c.next_steps + c.tasks) as u64;
            (b, n, Some(c))
        }
    };
    write_whole(path, &bytes, replace)?;
    Ok(ExportDone { kind, path: path.display().to_string(), count, calendar })
}

fn with_count((b, n): (Vec<u8>, usize)) -> (Vec<u8>, u64, Option<CalendarExport>) {
    (b, n as u64, None)
}

/// Writes an export through the output guard ([`crate::output`]): never over
/// a workspace, over another existing file only when `replace` says so, and
/// next to the target first, then renamed: a half-written file never
/// replaces a good one.
pub fn write_whole(path: &std::path::Path, bytes: &[u8], replace: crate::output::Replace) -> Result<()> {
    crate::output::write_bytes(path, bytes, replace)
}

//! Moving the sales history in (#15): deals from other CRMs (Pipedrive,
//! HubSpot, Kommo/amoCRM, Bitrix24, any spreadsheet) and orders from sales
//! reports (1C-like accounting exports), CSV or XLSX. All or nothing: every
//! refusal names file, line and column; a dry run goes through the same code
//! and rolls back. Re-importing the same export changes nothing (external
//! ids are kept); a newer export updates what changed.
//!
//! A won deal is a first deal: its company becomes a stage-3 client from the
//! close date, so conversion, cycle, win rate, sources and the plan are
//! measured on the imported history; orders feed ABC, migration,
//! concentration and the expected repeat orders.

use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::interop::deals::{self as map, DealField, DealPreset, FieldMapping, OrderField, Outcome};
use crate::interop::table::Table;
use crate::interop::{Problem, values};
use crate::model::{CompanyInput, ContactInput, DealStatus, Source, Stage};
use crate::store::import_history::{self as hs, HistoryDeal, HistoryOrder, HistoryWriter};
use crate::store::{self, Store, bulk::ImportWriter};
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
// Fx: keys come from the user's own file; SipHash's DoS guard bought
// nothing and cost a tenth of a million-order import.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use ts_rs::TS;

/// What the user chose for an import of deals or orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryOptions {
    /// The file's name, for messages.
    pub source_name: String,
    /// A workbook's sheet (default: the first with data).
    pub sheet: Option<String>,
    /// Deals only: which program's export (auto: recognised by the headers).
    pub preset: DealPreset,
    /// Columns mapped by the user: `HEADER=FIELD`, `#N=FIELD` (1-based), FIELD `-` ignores.
    pub map: Vec<String>,
    /// Deals only: a stage value and the step it means (a step's name or id).
    pub steps: Vec<StepChoice>,
    /// Deals only: stage values that match no step become new steps of this stage.
    pub new_steps: Option<Stage>,
}

impl HistoryOptions {
    pub fn new(source_name: &str) -> Self {
        HistoryOptions { source_name: source_name.into(), sheet: None, preset: DealPreset::Auto, map: vec![], steps: vec![], new_steps: None }
    }
}

/// A stage value of the file and the step it goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepChoice {
    pub value: String,
    /// A step's name (as on the board) or its id.
    pub step: String,
}

impl StepChoice {
    /// `VALUE=STEP`, as the CLI's `--step` takes it.
    pub fn parse(s: &str) -> Result<Self> {
        match s.rsplit_once('=') {
            Some((v, st)) if !v.trim().is_empty() && !st.trim().is_empty() => Ok(StepChoice { value: v.trim().into(), step: st.trim().into() }),
            _ => Err(Error::validation("step", format!("“{s}” is not VALUE=STEP (for example \"Переговоры=Negotiation\")."))),
        }
    }
}

/// A value and how many rows have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub label: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// The file as it was read: what the preview shows above the mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileInfo {
    pub source: String,
    /// `csv` or `xlsx`.
    pub kind: String,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// The first rows as they are in the file (line, cells).
    pub samples: Vec<crate::usecases::import::SampleRow>,
}

/// What an import of deals did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealImportSummary {
    pub file: FileInfo,
    pub preset: DealPreset,
    pub mapping: Vec<FieldMapping<DealField>>,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub companies_created: u64,
    #[ts(type = "number")]
    pub contacts_created: u64,
    #[ts(type = "number")]
    pub people_created: u64,
    /// New steps made from stage values (`new_steps`).
    pub steps_created: Vec<String>,
    /// Deals per step they go to (closed deals under their status).
    pub by_step: Vec<Count>,
    pub by_status: Vec<Count>,
    pub by_owner: Vec<Count>,
    /// Stage values that match no step, with their counts: map each to a
    /// step or add them as new steps, or the import is refused.
    pub unmatched_stages: Vec<Count>,
    /// Open deals without a company: imported, and shown on Today to fix.
    #[ts(type = "number")]
    pub open_without_company: u64,
    pub refused: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub written: bool,
    pub cancelled: bool,
}

/// What an import of orders did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderImportSummary {
    pub file: FileInfo,
    pub mapping: Vec<FieldMapping<OrderField>>,
    #[ts(type = "number")]
    pub rows: u64,
    /// Orders (rows of one document number are one order).
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub companies_created: u64,
    /// Clients with orders in the file.
    #[ts(type = "number")]
    pub clients: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The total per currency, in minor units.
    pub totals: Vec<Count>,
    pub refused: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub written: bool,
    pub cancelled: bool,
}

/// What the progress bar gets: rows done; return false to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(u64) -> bool;
const PROGRESS_EVERY: u64 = 1_000;
const ROLL_BACK: &str = "conveyor: roll the history import back";
const SAMPLE_ROWS: usize = 8;

fn file_info(t: &Table, o: &HistoryOptions) -> FileInfo {
    FileInfo {
        source: o.source_name.clone(),
        kind: t.kind.into(),
        encoding: t.encoding.into(),
        delimiter: t.delimiter.map(|d| if d == '\t' { "tab".into() } else { d.to_string() }),
        sheet: t.sheet.clone(),
        headers: t.headers.clone(),
        samples: t.samples(SAMPLE_ROWS).into_iter().map(|(line, cells)| crate::usecases::import::SampleRow { line, cells }).collect(),
    }
}

/// Imports deals. With `dry_run`, only says what would happen.
pub fn import_deals(
    store: &mut Store,
    clock: &dyn Clock,
    bytes: &[u8],
    o: &HistoryOptions,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<DealImportSummary> {
    let table = Table::read(bytes, &o.source_name, o.sheet.as_deref())?;
    let now = stamp(clock.now());
    let today = clock.today();
    if dry_run {
        let mut s = store.rehearse_read(|c| deals_run(c, &now, today, &table, o, false, progress))?;
        s.written = false;
        return Ok(s);
    }
    let bulk = bulk_load(store, &table, "deals")?;
    let mut summary = None;
    let body = |tx: &rusqlite::Transaction<'_>| {
        let s = deals_run(tx, &now, today, &table, o, bulk, progress)?;
        let back = !s.refused.is_empty() || s.cancelled;
        summary = Some(s);
        if back { Err(Error::internal(ROLL_BACK)) } else { Ok(()) }
    };
    let r = if bulk { store.write_unchecked_references(body) } else { store.write(body) };
    finish(r, summary, |s| {
        s.written = true;
    })
}

/// Rows at which an import loads in bulk (see [`bulk_load`]).
const BULK_ROWS: usize = 5_000;

/// Whether an import is large against the table it goes into: then the
/// secondary indexes of the tables it writes are built once after the rows
/// (a sort) instead of row by row, and the per-row foreign-key lookups are
/// skipped — the import refers only to rows it read or wrote in the same
/// transaction (steps, companies, contacts, people).
fn bulk_load(store: &Store, t: &Table, table: &str) -> Result<bool> {
    let rows = t.rows_hint();
    Ok(rows >= BULK_ROWS && rows as i64 >= store::bulk::row_count(store.conn(), table)?)
}

/// The tables whose indexes a bulk load builds afterwards: the one it fills,
/// and those it adds to that are no larger than the file (a big address
/// book keeps its indexes while a few companies join it); none unless `bulk`.
fn bulk_tables<'a>(c: &Connection, bulk: bool, main: &'a str, others: &[&'a str], rows: u64) -> Result<Vec<&'a str>> {
    let mut v = vec![];
    if bulk {
        v.push(main);
        for t in others {
            if store::bulk::row_count(c, t)? <= rows as i64 {
                v.push(t);
            }
        }
    }
    Ok(v)
}

/// Imports orders (a sales report). With `dry_run`, only says what would happen.
pub fn import_orders(
    store: &mut Store,
    clock: &dyn Clock,
    bytes: &[u8],
    o: &HistoryOptions,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<OrderImportSummary> {
    let table = Table::read(bytes, &o.source_name, o.sheet.as_deref())?;
    let now = stamp(clock.now());
    if dry_run {
        let mut s = store.rehearse_read(|c| orders_run(c, &now, &table, o, false, progress))?;
        s.written = false;
        return Ok(s);
    }
    let bulk = bulk_load(store, &table, "orders")?;
    let mut summary = None;
    let body = |tx: &rusqlite::Transaction<'_>| {
        let s = orders_run(tx, &now, &table, o, bulk, progress)?;
        let back = !s.refused.is_empty() || s.cancelled;
        summary = Some(s);
        if back { Err(Error::internal(ROLL_BACK)) } else { Ok(()) }
    };
    let r = if bulk { store.write_unchecked_references(body) } else { store.write(body) };
    finish(r, summary, |s| s.written = true)
}

fn finish<S>(r: Result<()>, summary: Option<S>, written: impl FnOnce(&mut S)) -> Result<S> {
    match (r, summary) {
        (Ok(()), Some(mut s)) => {
            written(&mut s);
            Ok(s)
        }
        (Err(e), Some(s)) if e.message == ROLL_BACK => Ok(s),
        (Err(e), _) => Err(e),
        (Ok(()), None) => Err(Error::internal("the import produced no summary")),
    }
}

/// A cell of a row by field (the first non-empty of the columns mapped to it).
struct Cells<'a, F> {
    mapping: &'a [FieldMapping<F>],
    row: &'a [&'a str],
}

impl<F: PartialEq + Copy> Cells<'_, F> {
    fn get(&self, f: F) -> Option<(&str, &str)> {
        self.mapping
            .iter()
            .filter(|m| m.field == Some(f))
            .find_map(|m| self.row.get(m.column as usize).map(|v| v.trim()).filter(|v| !v.is_empty()).map(|v| (v, m.header.as_str())))
    }
    fn text(&self, f: F) -> Option<String> {
        self.get(f).map(|(v, _)| v.to_string())
    }
    fn header(&self, f: F) -> &str {
        self.mapping.iter().find(|m| m.field == Some(f)).map_or("", |m| m.header.as_str())
    }
}

fn check_len(problems: &mut Vec<Problem>, line: u64, header: &str, v: Option<String>, max: usize) -> Option<String> {
    match v {
        Some(v) if v.chars().count() > max => {
            problems.push(Problem::at(line, Some(header), format!("the value is longer than {max} characters. Shorten it in the file.")));
            None
        }
        v => v,
    }
}

/// Where a lead came from, by the words an export uses.
pub fn source_of(text: &str) -> Source {
    let k = fold(text);
    let has = |w: &[&str]| w.iter().any(|x| k.contains(x));
    if has(&["referr", "recommend", "рекоменд", "сарафан", "partner", "партн"]) {
        Source::Referral
    } else if has(&["cold", "outbound", "холодн", "обзвон", "звонок"]) {
        Source::ColdCall
    } else if has(&["search", "seo", "google", "yandex", "яндекс", "поиск", "organic", "органи", "ads", "реклам", "website", "сайт", "web"])
    {
        Source::WebSearch
    } else if has(&["inbound", "входящ", "заявк", "form", "форм", "email", "почт", "chat", "чат", "incoming"]) {
        Source::Inbound
    } else if has(&["event", "выставк", "конференц", "trade show", "мероприят"]) {
        Source::Event
    } else if has(&["repeat", "повтор", "existing", "постоянн"]) {
        Source::Repeat
    } else {
        Source::Other
    }
}

/// A deal row read and checked, before it meets the workspace.
struct Row {
    line: u64,
    external_id: String,
    title: String,
    company: Option<String>,
    contact: Option<String>,
    email: Option<String>,
    owner: Option<String>,
    stage: Option<String>,
    status: Option<Outcome>,
    value_minor: i64,
    currency: Option<String>,
    created: Option<NaiveDate>,
    expected: Option<NaiveDate>,
    closed: Option<NaiveDate>,
    source: Source,
    reason: Option<String>,
    product: Option<String>,
    notes: Option<String>,
}

fn date_cell<F: PartialEq + Copy>(cells: &Cells<'_, F>, f: F, line: u64, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    let (v, h) = cells.get(f)?;
    match values::date(v) {
        Some(d) => Some(d),
        None => {
            problems.push(Problem::at(line, Some(h), format!("“{}” is not a date (2024-03-15, 15.03.2024 or 03/15/2024).", short(v))));
            None
        }
    }
}

fn money_cell<F: PartialEq + Copy>(cells: &Cells<'_, F>, f: F, line: u64, problems: &mut Vec<Problem>) -> Option<(i64, Option<&'static str>)> {
    let (v, h) = cells.get(f)?;
    match values::money(v) {
        Some(m) => Some(m),
        None => {
            problems.push(Problem::at(line, Some(h), format!("“{}” is not an amount (1500, 1 500,50 or 1,500.50).", short(v))));
            None
        }
    }
}

fn currency_cell<F: PartialEq + Copy>(cells: &Cells<'_, F>, f: F, line: u64, problems: &mut Vec<Problem>) -> Option<String> {
    let (v, h) = cells.get(f)?;
    let up = v.trim().to_uppercase();
    let up = match up.as_str() {
        "РУБ" | "РУБ." | "₽" | "RUR" => "RUB".to_string(),
        "$" => "USD".into(),
        "€" => "EUR".into(),
        _ => up,
    };
    if up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(up)
    } else {
        problems.push(Problem::at(line, Some(h), format!("“{}” is not a currency code (RUB, USD, EUR).", short(v))));
        None
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s.to_string() }
}

/// A 64-bit FNV-1a of the row's identifying values: the id of a row whose
/// export has no id column, stable across re-imports of the same data.
fn row_key(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in fold(p).bytes().chain([0x1f]) {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("row:{h:016x}")
}

fn read_deal(cells: &Cells<'_, DealField>, line: u64, problems: &mut Vec<Problem>) -> Option<Row> {
    use DealField as F;
    let before = problems.len();
    let company = check_len(problems, line, cells.header(F::Company), cells.text(F::Company), 300);
    let contact = check_len(problems, line, cells.header(F::Contact), cells.text(F::Contact), 200);
    let email = cells.get(F::ContactEmail).and_then(|(v, h)| {
        if crate::validate::is_email(v) {
            Some(v.to_string())
        } else {
            problems.push(Problem::at(line, Some(h), format!("“{}” is not an e-mail address (name@example.com).", short(v))));
            None
        }
    });
    let owner = check_len(problems, line, cells.header(F::Owner), cells.text(F::Owner), 200);
    let external = check_len(problems, line, cells.header(F::ExternalId), cells.text(F::ExternalId), 200);
    let stage = check_len(problems, line, cells.header(F::Stage), cells.text(F::Stage), 200);
    let status = cells.get(F::Status).and_then(|(v, h)| match map::outcome(v) {
        Some(o) => Some(o),
        None => {
            problems.push(Problem::at(line, Some(h), format!("“{}” is not a deal status (open, won, lost; открыта, выиграна, проиграна).", short(v))));
            None
        }
    });
    let money = money_cell(cells, F::Value, line, problems);
    let currency = currency_cell(cells, F::Currency, line, problems).or_else(|| money.and_then(|m| m.1).map(str::to_string));
    let created = date_cell(cells, F::Created, line, problems);
    let expected = date_cell(cells, F::ExpectedClose, line, problems);
    let closed = date_cell(cells, F::Closed, line, problems);
    let reason = check_len(problems, line, cells.header(F::LostReason), cells.text(F::LostReason), 500);
    let product = check_len(problems, line, cells.header(F::Product), cells.text(F::Product), 500);
    let notes = check_len(problems, line, cells.header(F::Notes), cells.text(F::Notes), crate::validate::TEXT_MAX);
    let title = cells.text(F::Title).or_else(|| company.clone()).or_else(|| contact.clone()).or_else(|| external.as_ref().map(|x| format!("#{x}")));
    let Some(title) = title else {
        problems.push(Problem::at(line, Some(cells.header(F::Title)), "the deal has no title, company or contact. Fill one in or leave the row out."));
        return None;
    };
    let title = check_len(problems, line, cells.header(F::Title), Some(title), 300)?;
    if problems.len() > before {
        return None;
    }
    let created_text = created.map(|d| d.to_string()).unwrap_or_default();
    let external_id = external.unwrap_or_else(|| row_key(&[&title, company.as_deref().unwrap_or(""), &created_text]));
    Some(Row {
        line,
        external_id,
        title,
        company,
        contact,
        email,
        owner,
        stage,
        status,
        value_minor: money.map_or(0, |m| m.0),
        currency,
        created,
        expected,
        closed,
        source: cells.text(F::Source).map_or(Source::Other, |s| source_of(&s)),
        reason,
        product,
        notes,
    })
}

/// Ids by folded name, and by each spelling the file used, so a name met
/// again is not folded again.
#[derive(Default)]
struct Names {
    folded: HashMap<String, i64>,
    spellings: HashMap<String, i64>,
}

impl Names {
    /// A name the workspace already has (the first of equal folded names wins).
    fn known(&mut self, name: &str, id: i64) {
        self.folded.entry(fold(name.trim())).or_insert(id);
    }

    /// The id of `name`, or of what `create` makes for it (then `true`).
    fn find_or(&mut self, name: &str, create: impl FnOnce() -> Result<i64>) -> Result<(i64, bool)> {
        if let Some(id) = self.spellings.get(name) {
            return Ok((*id, false));
        }
        let k = fold(name.trim());
        let (id, created) = match self.folded.get(&k) {
            Some(id) => (*id, false),
            None => {
                let id = create()?;
                self.folded.insert(k, id);
                (id, true)
            }
        };
        self.spellings.insert(name.to_string(), id);
        Ok((id, created))
    }
}

/// Companies, contacts and people of the workspace by their folded names
/// (and contacts by e-mail); what the import creates joins them.
struct Parties<'c> {
    w: ImportWriter<'c>,
    companies: Names,
    contacts_by_email: HashMap<String, i64>,
    contacts_by_name: HashMap<String, i64>,
    people: Names,
    companies_created: u64,
    contacts_created: u64,
    people_created: u64,
    new_companies: Option<(i64, i64)>,
    new_contacts: Option<(i64, i64)>,
}

impl<'c> Parties<'c> {
    fn load(c: &'c Connection, with_contacts: bool) -> Result<Self> {
        let mut p = Parties {
            w: ImportWriter::new(c)?,
            companies: Names::default(),
            contacts_by_email: HashMap::default(),
            contacts_by_name: HashMap::default(),
            people: Names::default(),
            companies_created: 0,
            contacts_created: 0,
            people_created: 0,
            new_companies: None,
            new_contacts: None,
        };
        for (id, name) in store::interop::company_names(c)? {
            p.companies.known(&name, id);
        }
        if with_contacts {
            for (id, name, email) in hs::contacts(c)? {
                if let Some(e) = email {
                    p.contacts_by_email.entry(crate::interop::norm_email(&e)).or_insert(id);
                }
                p.contacts_by_name.entry(fold(name.trim())).or_insert(id);
            }
            for person in store::people::list(c)? {
                p.people.known(&person.name, person.id);
            }
        }
        Ok(p)
    }

    fn run(r: &mut Option<(i64, i64)>, id: i64) {
        *r = Some(r.map_or((id, id), |(a, b)| (a.min(id), b.max(id))));
    }

    fn company(&mut self, now: &str, name: &str) -> Result<i64> {
        let (id, created) = self.companies.find_or(name, || self.w.company(now, &CompanyInput { name: name.trim().to_string(), ..Default::default() }))?;
        if created {
            Self::run(&mut self.new_companies, id);
            self.companies_created += 1;
        }
        Ok(id)
    }

    fn contact(&mut self, now: &str, name: Option<&str>, email: Option<&str>, company_id: Option<i64>) -> Result<Option<i64>> {
        let ek = email.map(crate::interop::norm_email);
        if let Some(id) = ek.as_ref().and_then(|e| self.contacts_by_email.get(e)) {
            return Ok(Some(*id));
        }
        let nk = name.map(|n| fold(n.trim()));
        if let Some(id) = nk.as_ref().and_then(|n| self.contacts_by_name.get(n)) {
            return Ok(Some(*id));
        }
        let Some(shown) = name.or(email) else { return Ok(None) };
        let (first, last) = match shown.trim().rsplit_once(char::is_whitespace) {
            Some((f, l)) if name.is_some() => (f.trim().to_string(), l.trim().to_string()),
            _ => (shown.trim().to_string(), String::new()),
        };
        let input = ContactInput {
            company_id,
            first_name: first,
            last_name: last,
            title: None,
            phone: None,
            email: email.map(str::to_string),
            notes: None,
            source: None,
            referred_by_id: None,
            owner_id: None,
            birthday: None,
        };
        let id = self.w.contact(now, &input, None, None)?;
        Self::run(&mut self.new_contacts, id);
        self.contacts_created += 1;
        if let Some(e) = ek {
            self.contacts_by_email.insert(e, id);
        }
        if let Some(n) = nk {
            self.contacts_by_name.insert(n, id);
        }
        Ok(Some(id))
    }

    fn person(&mut self, c: &Connection, now: &str, name: &str) -> Result<i64> {
        // A new owner is a person without a role, for the user to give one.
        let (id, created) = self.people.find_or(name, || store::people::insert(c, now, name.trim(), None, None, false))?;
        self.people_created += u64::from(created);
        Ok(id)
    }

    /// The search entries of what was created, made after the import commits.
    fn defer_search(&self, c: &Connection) -> Result<()> {
        use store::search::{Kind, defer};
        if let Some((a, b)) = self.new_companies {
            defer(c, Kind::Company, a, b)?;
        }
        if let Some((a, b)) = self.new_contacts {
            defer(c, Kind::Contact, a, b)?;
        }
        Ok(())
    }
}

/// One more row with this value (a key is copied only the first time).
fn bump(m: &mut HashMap<String, u64>, k: &str) {
    match m.get_mut(k) {
        Some(n) => *n += 1,
        None => {
            m.insert(k.to_string(), 1);
        }
    }
}

fn counts(m: HashMap<String, u64>) -> Vec<Count> {
    let mut v: Vec<Count> = m.into_iter().map(|(label, count)| Count { label, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    v
}

fn deals_run(c: &Connection, now: &str, today: NaiveDate, t: &Table, o: &HistoryOptions, bulk: bool, progress: Progress<'_>) -> Result<DealImportSummary> {
    let preset = if o.preset == DealPreset::Auto { map::detect(&t.headers) } else { o.preset };
    let mapping = map::map_columns(&t.headers, map::deal_field, DealField::parse, &o.map)?;
    let mapped = |f: DealField| mapping.iter().any(|m| m.field == Some(f));
    if !mapped(DealField::Title) && !mapped(DealField::Company) {
        return Err(Error::validation(
            "mapping",
            format!("no column of {} holds the deal's title or company. Map one with --map \"COLUMN=title\" (or company).", o.source_name),
        ));
    }
    let mut s = DealImportSummary {
        file: file_info(t, o),
        preset,
        mapping: mapping.clone(),
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        companies_created: 0,
        contacts_created: 0,
        people_created: 0,
        steps_created: vec![],
        by_step: vec![],
        by_status: vec![],
        by_owner: vec![],
        unmatched_stages: vec![],
        open_without_company: 0,
        refused: vec![],
        warnings: vec![],
        written: false,
        cancelled: false,
    };
    // 1. Read and check every row.
    let mut rows: Vec<Row> = vec![];
    let mut seen_ids: HashMap<String, u64> = HashMap::default();
    let mut n = 0u64;
    let read = t.each(&o.source_name, |line, cells, mut problems| {
        n += 1;
        if n.is_multiple_of(PROGRESS_EVERY) && !progress(n / 2) {
            s.cancelled = true;
            return Err(Error::internal(ROLL_BACK));
        }
        if !problems.is_empty() || cells.is_empty() {
            s.refused.append(&mut problems);
            return Ok(());
        }
        let cells = Cells { mapping: &mapping, row: cells };
        if let Some(r) = read_deal(&cells, line, &mut s.refused) {
            if let Some(first) = seen_ids.insert(r.external_id.clone(), line) {
                s.refused.push(Problem::at(
                    line,
                    Some(cells.header(DealField::ExternalId)),
                    format!("this deal ({}) is already on line {first}. Leave one of the two rows out.", short(&r.title)),
                ));
            }
            rows.push(r);
        }
        Ok(())
    });
    match read {
        Ok((rows, warnings)) => {
            s.rows = rows;
            s.warnings = warnings;
        }
        Err(_) if s.cancelled => return Ok(s),
        Err(e) => return Err(e),
    }
    // 2. Stage values → steps.
    let steps = store::steps::list(c)?;
    // Steps by folded name; a name used in two stages means the earlier one.
    let mut by_name: HashMap<String, i64> = HashMap::default();
    for st in &steps {
        by_name.entry(fold(st.name.trim())).or_insert(st.id);
    }
    let first_deal: Vec<&crate::model::Step> = steps.iter().filter(|st| st.stage == Stage::FirstDeal).collect();
    let Some(fd_last) = first_deal.last().map(|x| x.id) else {
        return Err(Error::validation("steps", "the workspace has no step in stage 2 (first deal). Add one on the board, then import the deals."));
    };
    let mut chosen: HashMap<String, i64> = HashMap::default();
    for ch in &o.steps {
        let id =
            ch.step.parse::<i64>().ok().filter(|id| steps.iter().any(|st| st.id == *id)).or_else(|| by_name.get(&fold(ch.step.trim())).copied()).ok_or_else(
                || {
                    Error::validation(
                        "step",
                        format!("there is no step “{}”. Steps: {}.", ch.step, steps.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")),
                    )
                },
            )?;
        chosen.insert(fold(ch.value.trim()), id);
    }
    // Each stage value as written, with its count and first line: a file
    // repeats a handful of values, so each is folded and matched once.
    let mut written: Vec<(String, u64, u64)> = vec![];
    let mut written_at: HashMap<&str, usize> = HashMap::default();
    for r in &rows {
        let Some(v) = &r.stage else { continue };
        match written_at.get(v.as_str()) {
            Some(&i) => written[i].1 += 1,
            None => {
                written_at.insert(v, written.len());
                written.push((v.clone(), 1, r.line));
            }
        }
    }
    let mut unmatched: Vec<(String, u64, u64)> = vec![];
    let mut stage_step: HashMap<String, Option<i64>> = HashMap::default();
    for (v, count, line) in &written {
        let k = fold(v.trim());
        let step = match stage_step.get(&k) {
            Some(x) => *x,
            None => {
                let x = chosen.get(&k).or_else(|| by_name.get(&k)).copied();
                stage_step.insert(k.clone(), x);
                x
            }
        };
        if step.is_none() && map::outcome(v).is_none() {
            match unmatched.iter_mut().find(|u| fold(u.0.trim()) == k) {
                Some(u) => {
                    u.1 += count;
                    u.2 = u.2.min(*line);
                }
                None => unmatched.push((v.clone(), *count, *line)),
            }
        }
    }
    if !unmatched.is_empty() {
        if let Some(stage) = o.new_steps {
            for (v, _, _) in &unmatched {
                let id = store::steps::insert(c, now, stage, v.trim(), 50)?;
                stage_step.insert(fold(v.trim()), Some(id));
                s.steps_created.push(v.trim().to_string());
            }
        } else {
            let header = mapping.iter().find(|m| m.field == Some(DealField::Stage)).map(|m| m.header.clone());
            for (v, count, line) in &unmatched {
                s.refused.push(Problem::at(
                    *line,
                    header.as_deref(),
                    format!("the stage “{}” ({count} deals) matches no step. Map it to a step (--step \"{}=STEP\") or add it as a new step (--new-steps first_deal).", short(v), short(v)),
                ));
            }
        }
        s.unmatched_stages = unmatched.iter().map(|(v, c, _)| Count { label: v.clone(), count: *c }).collect();
    }
    // Each value as written → its step and the outcome it means.
    let stage_of: HashMap<String, (Option<i64>, Option<Outcome>)> = written
        .into_iter()
        .map(|(v, _, _)| {
            let step = stage_step.get(&fold(v.trim())).copied().flatten();
            let outcome = map::outcome(&v);
            (v, (step, outcome))
        })
        .collect();
    let step_names: HashMap<i64, String> = store::steps::list(c)?.into_iter().map(|st| (st.id, st.name)).collect();
    // 3. Write (until the first refusal; after it, only count).
    let default_currency = store::meta::currency(c)?;
    let mut parties = Parties::load(c, true)?;
    let mut existing = hs::deals_by_external(c, preset.as_str())?;
    let (mut by_step, mut by_status, mut by_owner) = (HashMap::default(), HashMap::default(), HashMap::default());
    let total = rows.len() as u64;
    let tables = bulk_tables(c, bulk, "deals", &["companies", "contacts"], total)?;
    let written = store::bulk::indexed_after(c, &tables, || {
        let mut w = HistoryWriter::new(c)?;
        for (i, r) in rows.into_iter().enumerate() {
            if (i as u64 + 1).is_multiple_of(PROGRESS_EVERY) && !progress(total / 2 + i as u64 / 2) {
                s.cancelled = true;
                return Err(Error::internal(ROLL_BACK));
            }
            let (step, stage_outcome) = r.stage.as_deref().and_then(|v| stage_of.get(v).copied()).unwrap_or((None, None));
            let outcome = r.status.or(stage_outcome).unwrap_or(Outcome::Open);
            let status = match outcome {
                Outcome::Open => DealStatus::Open,
                Outcome::Won => DealStatus::Won,
                Outcome::Lost => DealStatus::Lost,
            };
            // A closed deal whose export names no step was decided at the end of stage 2
            // (so the plan's offer-to-won rate and the win rate count it alike).
            let step_id = step.unwrap_or(fd_last);
            let closed_on = match status {
                DealStatus::Open => None,
                _ => match r.closed.or(r.expected) {
                    Some(d) => Some(d),
                    None => {
                        s.refused.push(Problem::at(
                            r.line,
                            Some(&mapping.iter().find(|m| m.field == Some(DealField::Closed)).map_or("close date".to_string(), |m| m.header.clone())),
                            format!("the deal “{}” is {status} but has no close date. Fill in when it was closed.", short(&r.title)),
                        ));
                        continue;
                    }
                },
            };
            let created_on = r.created.or(closed_on).or(r.expected).unwrap_or(today);
            let created_on = closed_on.map_or(created_on, |c| created_on.min(c));
            bump(&mut by_step, if status == DealStatus::Open { step_names.get(&step_id).map_or("", String::as_str) } else { status.code() });
            bump(&mut by_status, status.code());
            bump(&mut by_owner, r.owner.as_deref().unwrap_or_default());
            if status == DealStatus::Open && r.company.is_none() {
                s.open_without_company += 1;
            }
            if !s.refused.is_empty() {
                continue;
            }
            let company_id = r.company.as_deref().map(|n| parties.company(now, n)).transpose()?;
            let contact_id = parties.contact(now, r.contact.as_deref(), r.email.as_deref(), company_id)?;
            let owner_id = r.owner.as_deref().map(|n| parties.person(c, now, n)).transpose()?;
            let d = HistoryDeal {
                title: r.title,
                company_id,
                contact_id,
                step_id,
                value_minor: r.value_minor,
                currency: r.currency.unwrap_or_else(|| default_currency.clone()),
                owner_id,
                source: r.source,
                status,
                close_reason: if status == DealStatus::Lost { r.reason } else { None },
                closed_on,
                created_on,
                expected_close_on: if status == DealStatus::Open { r.expected.or(r.closed) } else { r.expected },
                product: r.product,
                notes: r.notes,
            };
            match existing.remove(&r.external_id) {
                Some((_, old)) if old == d => s.unchanged += 1,
                Some((id, _)) => {
                    hs::update_deal(c, id, now, &d)?;
                    s.updated += 1;
                }
                None => {
                    w.deal(now, preset.as_str(), &r.external_id, &d)?;
                    s.created += 1;
                }
            }
        }
        Ok(())
    });
    match written {
        Err(_) if s.cancelled => return Ok(s),
        r => r?,
    }
    s.by_step = counts(by_step);
    s.by_status = counts(by_status);
    s.by_owner = counts(by_owner);
    s.refused.sort_by_key(|p| p.line);
    s.companies_created = parties.companies_created;
    s.contacts_created = parties.contacts_created;
    s.people_created = parties.people_created;
    if s.refused.is_empty() {
        hs::finish_deals(c, preset.as_str(), now)?;
        parties.defer_search(c)?;
    }
    Ok(s)
}

/// The source key of imported orders.
const ORDERS: &str = "orders";

struct OrderLine {
    line: u64,
    key: String,
    client: String,
    o: HistoryOrder,
}

fn orders_run(c: &Connection, now: &str, t: &Table, o: &HistoryOptions, bulk: bool, progress: Progress<'_>) -> Result<OrderImportSummary> {
    use OrderField as F;
    let mapping = map::map_columns(&t.headers, map::order_field, OrderField::parse, &o.map)?;
    for (f, name) in [(F::Date, "date"), (F::Client, "client"), (F::Amount, "amount")] {
        if !mapping.iter().any(|m| m.field == Some(f)) {
            return Err(Error::validation(
                "mapping",
                format!("no column of {} holds the order's {name}. Map one with --map \"COLUMN={name}\".", o.source_name),
            ));
        }
    }
    let default_currency = store::meta::currency(c)?;
    let mut s = OrderImportSummary {
        file: file_info(t, o),
        mapping: mapping.clone(),
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        companies_created: 0,
        clients: 0,
        first_date: None,
        last_date: None,
        totals: vec![],
        refused: vec![],
        warnings: vec![],
        written: false,
        cancelled: false,
    };
    let mut lines: Vec<OrderLine> = Vec::with_capacity(t.rows_hint());
    // Document keys to their line; each key moves into its line after the read.
    let mut by_number: HashMap<String, usize> = HashMap::with_capacity_and_hasher(t.rows_hint(), Default::default());
    let mut occurrences: HashMap<String, u32> = HashMap::default();
    let mut n = 0u64;
    let read = t.each(&o.source_name, |line, cells, mut problems| {
        n += 1;
        if n.is_multiple_of(PROGRESS_EVERY) && !progress(n / 2) {
            s.cancelled = true;
            return Err(Error::internal(ROLL_BACK));
        }
        if !problems.is_empty() || cells.is_empty() {
            s.refused.append(&mut problems);
            return Ok(());
        }
        let cells = Cells { mapping: &mapping, row: cells };
        let p = &mut s.refused;
        let before = p.len();
        let date = date_cell(&cells, F::Date, line, p);
        let client = check_len(p, line, cells.header(F::Client), cells.text(F::Client), 300);
        let amount = money_cell(&cells, F::Amount, line, p);
        let margin = money_cell(&cells, F::Margin, line, p);
        let currency = currency_cell(&cells, F::Currency, line, p).or_else(|| amount.and_then(|a| a.1).map(str::to_string));
        let number = check_len(p, line, cells.header(F::Number), cells.text(F::Number), 100);
        let product = check_len(p, line, cells.header(F::Product), cells.text(F::Product), 500);
        let notes = check_len(p, line, cells.header(F::Notes), cells.text(F::Notes), crate::validate::TEXT_MAX);
        for (v, f, what) in [(date.is_some(), F::Date, "date"), (client.is_some(), F::Client, "client"), (amount.is_some(), F::Amount, "amount")] {
            if !v && cells.get(f).is_none() {
                p.push(Problem::at(line, Some(cells.header(f)), format!("the order has no {what}. Fill it in or leave the row out.")));
            }
        }
        if p.len() > before {
            return Ok(());
        }
        let (Some(date), Some(client), Some((amount, _))) = (date, client, amount) else { return Ok(()) };
        let currency = currency.unwrap_or_else(|| default_currency.clone());
        // Rows of one document are one order (a sales report lists its products line by line).
        if let Some(num) = &number {
            let k = format!("doc:{}|{}", fold(num), date);
            if let Some(&i) = by_number.get(&k) {
                let l = &mut lines[i];
                if fold(&l.client) != fold(&client) {
                    p.push(Problem::at(
                        line,
                        Some(cells.header(F::Client)),
                        format!(
                            "document {num} of {date} is for “{}” on line {}, and for “{}” here. Correct the client.",
                            short(&l.client),
                            l.line,
                            short(&client)
                        ),
                    ));
                    return Ok(());
                }
                l.o.amount_minor += amount;
                l.o.margin_minor += margin.map_or(0, |m| m.0);
                if let Some(pr) = product {
                    let joined = match l.o.product.take() {
                        Some(x) if x.chars().count() + pr.chars().count() < 490 => format!("{x}; {pr}"),
                        Some(x) => x,
                        None => pr,
                    };
                    l.o.product = Some(joined);
                }
                return Ok(());
            }
            by_number.insert(k, lines.len());
            lines.push(OrderLine {
                line,
                key: String::new(),
                client,
                o: HistoryOrder {
                    company_id: 0,
                    order_date: date,
                    amount_minor: amount,
                    margin_minor: margin.map_or(0, |m| m.0),
                    currency,
                    number,
                    product,
                    notes,
                },
            });
        } else {
            let base = row_key(&[&date.to_string(), &client, &amount.to_string(), product.as_deref().unwrap_or("")]);
            let occ = occurrences.entry(base.clone()).or_insert(0);
            *occ += 1;
            lines.push(OrderLine {
                line,
                key: format!("{base}#{occ}"),
                client,
                o: HistoryOrder {
                    company_id: 0,
                    order_date: date,
                    amount_minor: amount,
                    margin_minor: margin.map_or(0, |m| m.0),
                    currency,
                    number,
                    product,
                    notes,
                },
            });
        }
        Ok(())
    });
    match read {
        Ok((rows, warnings)) => {
            s.rows = rows;
            s.warnings = warnings;
        }
        Err(_) if s.cancelled => return Ok(s),
        Err(e) => return Err(e),
    }
    for (k, i) in by_number {
        lines[i].key = k;
    }
    s.refused.sort_by_key(|p| p.line);
    let mut totals: HashMap<&str, i64> = HashMap::default();
    let mut spellings: HashSet<&str> = HashSet::default();
    for l in &lines {
        *totals.entry(&l.o.currency).or_insert(0) += l.o.amount_minor;
        spellings.insert(&l.client);
    }
    s.first_date = lines.iter().map(|l| l.o.order_date).min().map(|d| d.to_string());
    s.last_date = lines.iter().map(|l| l.o.order_date).max().map(|d| d.to_string());
    s.clients = spellings.into_iter().map(fold).collect::<HashSet<_>>().len() as u64;
    s.totals = totals.into_iter().map(|(label, v)| Count { label: label.to_string(), count: v.max(0) as u64 }).collect();
    s.totals.sort_by(|a, b| a.label.cmp(&b.label));
    if !s.refused.is_empty() {
        return Ok(s);
    }
    let mut parties = Parties::load(c, false)?;
    let mut existing = hs::orders_by_external(c, ORDERS)?;
    let total = lines.len() as u64;
    let tables = bulk_tables(c, bulk, "orders", &["companies"], total)?;
    let mut ordered = HashSet::default();
    // In bulk, the monthly summary is brought up to date once after the indexes instead of row by row.
    let written = store::order_months::rebuilt_after(c, !tables.is_empty(), || {
        store::bulk::indexed_after(c, &tables, || {
            let mut w = HistoryWriter::new(c)?;
            // In bulk, what was inserted, for the monthly summary; `None` once an order changed.
            let mut added = (!tables.is_empty()).then(store::order_months::Added::default);
            for (i, mut l) in lines.into_iter().enumerate() {
                if (i as u64 + 1).is_multiple_of(PROGRESS_EVERY) && !progress(total / 2 + i as u64 / 2) {
                    s.cancelled = true;
                    return Err(Error::internal(ROLL_BACK));
                }
                l.o.company_id = parties.company(now, &l.client)?;
                ordered.insert(l.o.company_id);
                match existing.remove(&l.key) {
                    Some((_, old)) if old == l.o => s.unchanged += 1,
                    Some((id, _)) => {
                        hs::update_order(c, id, now, &l.o)?;
                        s.updated += 1;
                        added = None;
                    }
                    None => {
                        w.order(now, ORDERS, &l.key, &l.o)?;
                        s.created += 1;
                        if let Some(a) = added.as_mut() {
                            a.order(l.o.company_id, l.o.order_date, l.o.amount_minor);
                        }
                    }
                }
            }
            Ok(((), added))
        })
    });
    match written {
        Err(_) if s.cancelled => return Ok(s),
        r => r?,
    }
    s.companies_created = parties.companies_created;
    hs::finish_orders(c, &ordered.into_iter().collect::<Vec<_>>(), now)?;
    parties.defer_search(c)?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{clock, store};
    use crate::usecases::analytics::{self, AnalyticsRequest};

    fn go(o: &HistoryOptions) -> impl FnMut(u64) -> bool {
        let _ = o;
        |_| true
    }

    fn deals(st: &mut Store, text: &str, o: &HistoryOptions, dry: bool) -> DealImportSummary {
        import_deals(st, &clock(), text.as_bytes(), o, dry, &mut go(o)).unwrap()
    }

    fn orders(st: &mut Store, text: &str, dry: bool) -> OrderImportSummary {
        let o = HistoryOptions::new("sales.csv");
        import_orders(st, &clock(), text.as_bytes(), &o, dry, &mut go(&o)).unwrap()
    }

    /// Three first deals closed (two won after 10 and 30 days, one lost),
    /// one open in "Negotiation": win rate 2/3, cycle (10 + 30) / 2 = 20.
    const HISTORY: &str = "id,deal,account,stage,amount,created,close_date,sales_agent,source\n\
        1,Deal A,Alpha,won,1000,2026-01-10,2026-01-20,Ann,Referral\n\
        2,Deal B,Beta,Closed Won,\"2,000.00\",2026-02-01,2026-03-03,Ann,Cold call\n\
        3,Deal C,Gamma,lost,500,2026-03-01,2026-03-15,Bob,Website\n\
        4,Deal D,Delta,Negotiation,700,2026-10-01,2026-12-20,Bob,\n";

    #[test]
    fn imported_history_measures_win_rate_cycle_and_clients() {
        let mut st = store();
        let o = HistoryOptions::new("deals.csv");
        let s = deals(&mut st, HISTORY, &o, false);
        assert!(s.refused.is_empty(), "{:?}", s.refused);
        assert!(s.written);
        assert_eq!((s.created, s.companies_created, s.people_created), (4, 4, 2));
        let a = analytics::analytics(&st, &clock(), &AnalyticsRequest { from: None, to: None, person_id: None }).unwrap();
        assert_eq!((a.won, a.lost), (2, 1));
        // The analytics round the rate to 0.1 % and the cycle to 0.1 day.
        assert_eq!(a.win_rate, Some(0.667));
        assert_eq!(a.avg_cycle_days, Some(20.0));
        // Won deals' companies are clients from the close date; the open deal's is in stage 2.
        let row = |name: &str| -> (Option<String>, Option<String>) {
            st.conn().query_row("SELECT stage, client_since FROM companies WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?))).unwrap()
        };
        assert_eq!(row("Alpha"), (Some("account_development".into()), Some("2026-01-20".into())));
        assert_eq!(row("Beta"), (Some("account_development".into()), Some("2026-03-03".into())));
        assert_eq!(row("Gamma"), (None, None));
        assert_eq!(row("Delta").0.as_deref(), Some("first_deal"));
        let (step, status, expected): (String, String, Option<String>) = st
            .conn()
            .query_row("SELECT s.name, d.status, d.expected_close_on FROM deals d JOIN steps s ON s.id = d.step_id WHERE d.title = 'Deal D'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((step.as_str(), status.as_str(), expected.as_deref()), ("Negotiation", "open", Some("2026-12-20")));
        // The same export again changes nothing; a newer one updates what changed.
        let again = deals(&mut st, HISTORY, &o, false);
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 4));
        let newer = HISTORY.replace("4,Deal D,Delta,Negotiation,700", "4,Deal D,Delta,Contract and invoice,900");
        let s = deals(&mut st, &newer, &o, false);
        assert_eq!((s.created, s.updated, s.unchanged), (0, 1, 3));
        let n: i64 = st.conn().query_row("SELECT count(*) FROM deals", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 4);
    }

    #[test]
    fn orders_feed_abc_over_the_last_twelve_months() {
        let mut st = store();
        // Alpha 8 500, Beta 1 000, Gamma 500 in the last 12 months (and
        // Gamma's 50 000 of 2024, outside): the shares before each are 0, 85
        // and 95 % → A, B, C with 80/15/5. Document 17 has two lines: one order.
        let text = "Дата;Документ;Контрагент;Номенклатура;Сумма\n\
            15.01.2026;15;Alpha;Paper;\"6 500,00\"\n\
            15.03.2026;17;Alpha;Pens;\"1.500,00\"\n\
            15.03.2026;17;Alpha;Ink;500\n\
            01.02.2026;18;Beta;Paper;\"1 000\"\n\
            01.06.2026;19;Gamma;Paper;500,00\n\
            01.06.2024;3;Gamma;Desk;50000\n";
        let dry = orders(&mut st, text, true);
        assert!(dry.refused.is_empty(), "{:?}", dry.refused);
        assert!(!dry.written);
        assert_eq!((dry.rows, dry.created, dry.clients), (6, 5, 3));
        let n: i64 = st.conn().query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "a dry run writes nothing");
        let s = orders(&mut st, text, false);
        assert_eq!((s.created, s.companies_created), (5, 3));
        let r = analytics::abc(&st, &clock()).unwrap();
        let got: Vec<(String, i64, String)> = r.clients.iter().map(|c| (c.name.clone(), c.turnover_minor, c.class.to_string())).collect();
        assert_eq!(got, [("Alpha".to_string(), 850_000, "A".to_string()), ("Beta".into(), 100_000, "B".into()), ("Gamma".into(), 50_000, "C".into())]);
        // Alpha ordered on 15 Jan and 15 Mar: the next one is expected 59 days after the last.
        let (since, expected): (String, Option<String>) =
            st.conn().query_row("SELECT client_since, expected_order_on FROM companies WHERE name = 'Alpha'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((since.as_str(), expected.as_deref()), ("2026-01-15", Some("2026-05-13")));
        let again = orders(&mut st, text, false);
        assert_eq!((again.created, again.unchanged), (0, 5));
    }

    fn index_names(st: &Store) -> Vec<String> {
        let mut q = st.conn().prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").unwrap();
        q.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    /// A large file into a small workspace loads in bulk (indexes built
    /// after the rows, references unchecked per row): the same deals,
    /// companies, clients and indexes as row by row, and a refusal at the
    /// last row leaves the workspace and its indexes as they were.
    #[test]
    fn a_large_import_loads_in_bulk_with_the_same_result() {
        let n = 6_000;
        let mut deals_text = String::from("id,deal,account,stage,amount,created,close_date,sales_agent\n");
        let mut orders_text = String::from("Дата;Документ;Контрагент;Сумма\n");
        for i in 0..n {
            let stage = ["Negotiation", "won", "lost"][i % 3];
            let closed = if i % 3 == 0 { "" } else { "2026-03-01" };
            deals_text.push_str(&format!("{i},Deal {i},Company {},{stage},{},2026-01-{:02},{closed},Owner {}\n", i % 700, 100 + i, 1 + i % 28, i % 3));
            orders_text.push_str(&format!("{:02}.02.2026;Р-{i};Company {};\"{} 000,50\"\n", 1 + i % 28, i % 900, 1 + i % 9));
        }
        assert!(Table::read(deals_text.as_bytes(), "d.csv", None).unwrap().rows_hint() >= BULK_ROWS, "large enough to load in bulk");
        assert!(Table::read(orders_text.as_bytes(), "o.csv", None).unwrap().rows_hint() >= BULK_ROWS);
        let mut st = store();
        let indexes = index_names(&st);
        // A refusal at the very end: nothing is written and every index is back.
        let broken = format!("{deals_text}{n},Deal {n},Company 1,Negotiation,not money,2026-01-01,,Owner 1\n");
        let o = HistoryOptions::new("deals.csv");
        let s = deals(&mut st, &broken, &o, false);
        assert_eq!((s.written, s.refused.len(), s.refused[0].line), (false, 1, n as u64 + 2));
        let count = |st: &Store, t: &str| -> i64 { st.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap() };
        assert_eq!((count(&st, "deals"), count(&st, "companies")), (0, 0));
        assert_eq!(index_names(&st), indexes);
        let s = deals(&mut st, &deals_text, &o, false);
        assert!(s.written && s.refused.is_empty(), "{:?}", s.refused);
        assert_eq!((s.created, s.companies_created, s.people_created), (n as u64, 700, 3));
        assert_eq!(index_names(&st), indexes, "every index is rebuilt");
        let sampled: String = st.conn().query_row("SELECT stat FROM sqlite_stat1 WHERE idx = 'deals_by_external'", [], |r| r.get(0)).unwrap();
        assert!(sampled.starts_with("6000 "), "the planner knows the new size of deals: {sampled}");
        let check: String = st.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let fk: i64 = st.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0, "every reference written in bulk points at a row");
        let fk_on: i64 = st.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk_on, 1, "references are checked again after the load");
        // Won deals made their companies clients (the indexes serve the finishing step).
        let clients: i64 = st.conn().query_row("SELECT count(*) FROM companies WHERE client_since IS NOT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(clients, 700);
        // The same file again is not a bulk load (the table is as large): nothing changes.
        let again = deals(&mut st, &deals_text, &o, false);
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, n as u64));
        // A few orders row by row: the triggers keep the monthly summary.
        let small = "Дата;Документ;Контрагент;Сумма\n05.01.2026;П-1;Company 1;\"10,00\"\n31.01.2026;П-2;Company 2;\"5,00\"\n";
        assert!(orders(&mut st, small, false).written);
        let summary = || store::order_months::compared(st.conn());
        let before = summary();
        assert_eq!((before.0.len(), &before.0), (2, &before.1));
        let triggers = store::order_months::triggers(st.conn());
        assert_eq!(triggers.len(), 3);
        // A refused file and a bulk load cancelled half way leave the summary and its triggers as they were.
        let refused = orders(&mut st, &format!("{orders_text}01.03.2026;Р-x;Company 1;not money\n"), false);
        assert!(!refused.written && !refused.refused.is_empty());
        let o = HistoryOptions::new("sales.csv");
        let cancelled = import_orders(&mut st, &clock(), orders_text.as_bytes(), &o, false, &mut |done| done < n as u64 / 2 + 1_000).unwrap();
        assert!(cancelled.cancelled && !cancelled.written && cancelled.created > 1_000, "cancelled while writing");
        assert_eq!(store::order_months::compared(st.conn()), before);
        assert_eq!(store::order_months::triggers(st.conn()), triggers);
        // Orders in bulk: one per document, the companies matched by name.
        let s = orders(&mut st, &orders_text, false);
        assert!(s.written && s.refused.is_empty(), "{:?}", s.refused);
        assert_eq!((s.created, s.companies_created, s.clients), (n as u64, 200, 900));
        assert_eq!(index_names(&st), indexes);
        // Every company that ordered is a client from its first order at the latest, its next order expected.
        let (ordered, standing): (i64, i64) = st
            .conn()
            .query_row(
                "SELECT count(*), coalesce(sum(co.stage = 'account_development' AND co.client_since <= w.first AND co.last_activity_on >= w.last
                        AND co.expected_order_on IS (CASE WHEN w.n >= 2 THEN
                            date(w.last, '+' || CAST(round((julianday(w.last) - julianday(w.first)) / (w.n - 1)) AS INTEGER) || ' days') END)), 0)
                 FROM companies co JOIN (SELECT company_id, min(order_date) AS first, max(order_date) AS last, count(*) AS n FROM orders
                                         WHERE archived_at IS NULL GROUP BY company_id) w ON w.company_id = co.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((ordered, standing), (900, 900));
        // The summary was rebuilt from every live order, the triggers are back and work.
        let (ours, grouped) = store::order_months::compared(st.conn());
        assert_eq!((ours.len(), &ours), (900 + 2, &grouped));
        assert_eq!(store::order_months::triggers(st.conn()), triggers);
        st.write(|c| Ok(c.execute("UPDATE orders SET archived_at = 'x' WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 50)", [])?)).unwrap();
        let (ours, grouped) = store::order_months::compared(st.conn());
        assert_eq!(ours, grouped);
        let total: i64 = st.conn().query_row("SELECT sum(amount_minor) FROM orders", [], |r| r.get(0)).unwrap();
        assert_eq!(total, 1_500 + (0..n).map(|i| (1 + i as i64 % 9) * 100_000 + 50).sum::<i64>(), "the two small orders and the file's");
        // A newer, larger report in bulk that also changes every order: the summary is rebuilt and still equal.
        let mut newer = orders_text.replace(" 000,50\"", " 000,75\"") + "01.04.2026;Р-new-1;Company 1;\"1,00\"\n";
        for i in 0..20 {
            newer.push_str(&format!("02.04.2026;Р-new-{i}x;Company {i};\"2,00\"\n"));
        }
        assert!(Table::read(newer.as_bytes(), "o.csv", None).unwrap().rows_hint() as i64 >= count(&st, "orders"), "in bulk");
        let s = orders(&mut st, &newer, false);
        assert!(s.written && s.refused.is_empty(), "{:?}", s.refused);
        assert_eq!((s.created, s.updated), (21, n as u64), "every order changed, the archived ones too");
        let (ours, grouped) = store::order_months::compared(st.conn());
        assert_eq!(ours, grouped);
    }

    #[test]
    fn unmatched_stages_are_named_with_counts_until_mapped_or_added() {
        let mut st = store();
        let text = "Название;Этап сделки;Бюджет;Дата создания\nA;Думает;100;01.10.2026\nB;Думает;200;02.10.2026\nC;Ждёт звонка;50;03.10.2026\n";
        let o = HistoryOptions::new("amo.csv");
        let s = deals(&mut st, text, &o, false);
        assert!(!s.written);
        assert_eq!(s.unmatched_stages, [Count { label: "Думает".into(), count: 2 }, Count { label: "Ждёт звонка".into(), count: 1 }]);
        assert_eq!(s.refused.len(), 2);
        assert_eq!((s.refused[0].line, s.refused[0].field.as_deref()), (2, Some("Этап сделки")));
        let n: i64 = st.conn().query_row("SELECT count(*) FROM deals", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "refused: nothing written");
        let mut o2 = o.clone();
        o2.steps = vec![StepChoice::parse("Думает=Negotiation").unwrap()];
        o2.new_steps = Some(Stage::FirstDeal);
        let s = deals(&mut st, text, &o2, false);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!(s.steps_created, ["Ждёт звонка"]);
        assert_eq!(s.open_without_company, 3, "the file names no company: kept, for Today to show");
        let on_step: i64 = st
            .conn()
            .query_row("SELECT count(*) FROM deals d JOIN steps s ON s.id = d.step_id WHERE s.name = 'Negotiation' AND d.status = 'open'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on_step, 2);
    }

    #[test]
    fn bad_values_are_refused_naming_line_and_column_and_nothing_is_written() {
        let mut st = store();
        let text = "Deal Name,Deal Stage,Amount,Close Date,Record ID\nA,Closed Won,ten,2026-01-01,1\nB,Closed Won,10,31.02.2026,2\nC,Closed Lost,10,,3\n";
        let s = deals(&mut st, text, &HistoryOptions::new("hs.csv"), false);
        assert_eq!(s.preset, DealPreset::Hubspot);
        let got: Vec<(u64, Option<&str>)> = s.refused.iter().map(|p| (p.line, p.field.as_deref())).collect();
        assert_eq!(got, [(2, Some("Amount")), (3, Some("Close Date")), (4, Some("Close Date"))]);
        assert!(!s.written);
        let n: i64 = st.conn().query_row("SELECT count(*) FROM deals", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }

    fn own(name: &str) -> Vec<u8> {
        crate::interop::fixtures::own(&format!("history/{name}"))
    }

    fn ru_store() -> Store {
        use crate::store::meta::NewWorkspace;
        Store::in_memory(&clock(), &NewWorkspace::new("Ромашка", crate::model::Lang::Ru, "RUB")).unwrap()
    }

    fn file(st: &mut Store, name: &str, o: &HistoryOptions) -> DealImportSummary {
        import_deals(st, &clock(), &own(name), o, false, &mut |_| true).unwrap()
    }

    fn count(v: &[Count], label: &str) -> u64 {
        v.iter().find(|c| c.label == label).map_or(0, |c| c.count)
    }

    #[test]
    fn pipedrive_export_with_a_stage_mapped_by_hand() {
        let mut st = store();
        let mut o = HistoryOptions::new("pipedrive-deals.csv");
        let s = file(&mut st, "pipedrive-deals.csv", &o);
        assert_eq!(s.preset, DealPreset::Pipedrive);
        assert_eq!(s.unmatched_stages, [Count { label: "Proposal Made".into(), count: 2 }]);
        assert!(!s.written);
        o.steps = vec![StepChoice::parse("Proposal Made=Offer sent").unwrap()];
        let s = file(&mut st, "pipedrive-deals.csv", &o);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!((s.created, s.companies_created, s.people_created, s.open_without_company), (5, 4, 2, 1));
        assert_eq!((count(&s.by_status, "open"), count(&s.by_status, "won"), count(&s.by_status, "lost")), (3, 1, 1));
        assert_eq!((count(&s.by_step, "Negotiation"), count(&s.by_step, "Offer sent")), (2, 1));
        let (closed, reason): (Option<String>, Option<String>) =
            st.conn().query_row("SELECT closed_on, close_reason FROM deals WHERE external_id = '102'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((closed.as_deref(), reason.as_deref()), (Some("2026-04-04"), Some("Price too high")));
        let email: Option<String> =
            st.conn().query_row("SELECT c.email FROM deals d JOIN contacts c ON c.id = d.contact_id WHERE d.external_id = '101'", [], |r| r.get(0)).unwrap();
        assert_eq!(email.as_deref(), Some("john@alpha.example"));
    }

    #[test]
    fn hubspot_export_makes_clients_of_won_deals() {
        let mut st = store();
        let s = file(&mut st, "hubspot-deals.csv", &HistoryOptions::new("hubspot-deals.csv"));
        assert_eq!(s.preset, DealPreset::Hubspot);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!((s.created, s.companies_created), (4, 3));
        let since: Option<String> = st.conn().query_row("SELECT client_since FROM companies WHERE name = 'Northwind'", [], |r| r.get(0)).unwrap();
        assert_eq!(since.as_deref(), Some("2026-05-20"));
        let v: i64 = st.conn().query_row("SELECT value_minor FROM deals WHERE external_id = '9001'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 450_000);
    }

    #[test]
    fn amocrm_export_in_russian_adds_new_steps() {
        let mut st = ru_store();
        let mut o = HistoryOptions::new("amocrm-deals.csv");
        o.new_steps = Some(Stage::FirstDeal);
        let s = file(&mut st, "amocrm-deals.csv", &o);
        assert_eq!(s.preset, DealPreset::Amocrm);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!(s.steps_created, ["Принимают решение"]);
        assert_eq!((count(&s.by_status, "won"), count(&s.by_status, "lost"), count(&s.by_status, "open")), (1, 1, 2));
        assert_eq!(count(&s.by_step, "Переговоры"), 1);
        let v: i64 = st.conn().query_row("SELECT value_minor FROM deals WHERE external_id = '5502'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 750_050);
    }

    #[test]
    fn bitrix24_export_in_cp1251() {
        let mut st = ru_store();
        let mut o = HistoryOptions::new("bitrix24-deals.csv");
        o.steps = vec![StepChoice::parse("Подготовка документов=Договор и счёт").unwrap()];
        let s = file(&mut st, "bitrix24-deals.csv", &o);
        assert_eq!(s.preset, DealPreset::Bitrix24);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!(s.file.encoding, "windows-1251");
        assert_eq!((count(&s.by_status, "won"), count(&s.by_status, "lost"), count(&s.by_step, "Договор и счёт")), (1, 1, 1));
        let since: Option<String> = st.conn().query_row("SELECT client_since FROM companies WHERE name = 'ООО «Склад-Сервис»'", [], |r| r.get(0)).unwrap();
        assert_eq!(since.as_deref(), Some("2026-03-31"), "won without a close date: the expected close date counts");
    }

    #[test]
    fn accounting_sales_report_in_cp1251() {
        let mut st = ru_store();
        let o = HistoryOptions::new("1c-sales.csv");
        let s = import_orders(&mut st, &clock(), &own("1c-sales.csv"), &o, false, &mut |_| true).unwrap();
        assert!(s.written, "{:?}", s.refused);
        assert_eq!((s.rows, s.created, s.clients), (6, 5, 3));
        assert_eq!(s.totals, [Count { label: "RUB".into(), count: 2_750_000 + 2_000_000 + 750_050 + 4_800_000 + 3_000_000 }]);
        assert_eq!((s.first_date.as_deref(), s.last_date.as_deref()), (Some("2025-12-05"), Some("2026-06-01")));
        let first: i64 = st.conn().query_row("SELECT amount_minor FROM orders WHERE number = 'Реализация 0001'", [], |r| r.get(0)).unwrap();
        assert_eq!(first, 2_750_000, "two lines of one document are one order");
    }

    #[test]
    fn xlsx_with_several_sheets_and_merged_header_cells() {
        let mut st = ru_store();
        let o = HistoryOptions::new("deals-two-sheets.xlsx");
        let s = file(&mut st, "deals-two-sheets.xlsx", &o);
        assert!(s.written, "{:?}", s.refused);
        assert_eq!((s.file.kind.as_str(), s.file.sheet.as_deref()), ("xlsx", Some("Deals")));
        assert_eq!(s.file.headers, ["Название", "Компания", "Сумма", "Этап сделки", "Дата создания", "Дата закрытия", "Ответственный"]);
        assert_eq!((s.rows, s.created), (3, 3));
        assert_eq!(s.file.samples[0].line, 3, "rows are numbered as the spreadsheet shows them");
        let v: i64 = st.conn().query_row("SELECT value_minor FROM deals WHERE title = 'Картриджи'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 750_050);
        let mut other = o.clone();
        other.sheet = Some("Summary".into());
        let e = import_deals(&mut st, &clock(), &own("deals-two-sheets.xlsx"), &other, true, &mut |_| true).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("mapping"));
        other.sheet = Some("Nope".into());
        let e = import_deals(&mut st, &clock(), &own("deals-two-sheets.xlsx"), &other, true, &mut |_| true).unwrap_err();
        assert!(e.message.contains("Notes, Deals, Summary"), "{}", e.message);
    }
}

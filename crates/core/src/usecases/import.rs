//! Importing contacts from CSV and vCard files: the preview with its column
//! mapping, then one all-or-nothing transaction; and the search entries an
//! import leaves for after its commit.

use crate::clock::{Clock, stamp};
use crate::contact_details::ContactDetails;
use crate::error::{Error, Result};
use crate::interop::csv::CsvFile;
use crate::interop::mapping::{self, ColumnMapping, Preset};
use crate::interop::{self as io, ImportRecord, Problem, vcard};
use crate::model::{CompanyInput, ContactInput};
use crate::store::{self, Store};
use crate::validate::{self, NAME_MAX, TEXT_MAX};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What to do with a row that matches an existing contact (by e-mail, phone,
/// or — when the row has neither — by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the existing contact as it is and skip the row.
    Skip,
    /// Fill the existing contact with the row's values; add new phones/e-mails.
    Update,
    /// Create a second contact anyway.
    Create,
}

impl DuplicatePolicy {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "skip" => Ok(Self::Skip),
            "update" => Ok(Self::Update),
            "create" => Ok(Self::Create),
            _ => Err(Error::validation("duplicates", format!("“{s}” is not a duplicates policy. Use skip, update or create."))),
        }
    }
}

/// How to read a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// The file's name as the user knows it (used in every message).
    pub source_name: String,
    pub preset: Preset,
    pub duplicates: DuplicatePolicy,
    /// The user's own mapping of CSV columns; None = the preset's.
    pub mapping: Option<Vec<ColumnMapping>>,
    /// Import without the optional values that cannot be read (a wrong
    /// birthday, e-mail, phone or address part), each listed in
    /// [`ImportSummary::bad_values`]; false refuses the import naming them.
    #[serde(default)]
    pub skip_bad_values: bool,
}

impl ImportOptions {
    pub fn new(source_name: &str) -> Self {
        ImportOptions { source_name: source_name.into(), preset: Preset::Auto, duplicates: DuplicatePolicy::Skip, mapping: None, skip_bad_values: false }
    }
}

/// What will happen (preview, dry run) or happened (import) to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    /// A duplicate that will be skipped.
    Skip,
    /// A duplicate whose existing contact will be updated.
    Update,
    /// A duplicate created as a second contact.
    CreateDuplicate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub line: u64,
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub title: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub action: RowAction,
    #[ts(type = "number | null")]
    pub duplicate_of: Option<i64>,
}

/// The outcome of a preview, a dry run or an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub source: String,
    /// The format read: google, outlook, thunderbird, generic or vcard.
    pub format: Preset,
    pub encoding: String,
    /// `,` `;` `\t` or `|` (CSV only).
    pub delimiter: Option<String>,
    /// The column mapping used (CSV only).
    pub mapping: Vec<ColumnMapping>,
    pub duplicates: DuplicatePolicy,
    /// Rows (CSV) or cards (vCard) in the file.
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub skipped: u64,
    /// Of `created`, how many duplicate an existing contact (policy `create`).
    #[ts(type = "number")]
    pub created_duplicates: u64,
    #[ts(type = "number")]
    pub companies_created: u64,
    /// Of `created`, how many have no name, only an e-mail: the app shows
    /// them as "name missing" for the person to complete.
    #[ts(type = "number")]
    pub nameless: u64,
    /// Problems that refuse the import (nothing is written while any exist).
    pub refused: Vec<Problem>,
    /// Worth knowing, but imported anyway (e.g. ragged rows).
    pub warnings: Vec<Problem>,
    /// Optional values that cannot be read. Without `skip_bad_values` they
    /// are in `refused` too; with it, the import leaves each of them out.
    pub bad_values: Vec<Problem>,
    /// The first rows with what will happen to each.
    pub preview: Vec<PreviewRow>,
    /// True only when the import was committed.
    pub written: bool,
    /// True when the user cancelled it (nothing was written).
    pub cancelled: bool,
    /// The ids of the first and the last contact the import created (they
    /// are consecutive: "make leads of this import" reads them back).
    #[ts(type = "[number, number] | null")]
    pub created_ids: Option<(i64, i64)>,
}

enum Rows {
    /// A CSV file, streamed row by row through its mapping.
    Csv(CsvFile, Vec<ColumnMapping>),
    /// vCards, read whole (phone exports are small).
    Cards(Vec<ImportRecord>),
}

struct Parsed {
    format: Preset,
    encoding: String,
    delimiter: Option<String>,
    mapping: Vec<ColumnMapping>,
    /// Cards in a vCard file (CSV rows are counted while streaming).
    cards: u64,
    rows: Rows,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

fn parse(bytes: &[u8], o: &ImportOptions) -> Result<Parsed> {
    let name = &o.source_name;
    let is_vcard = match o.preset {
        Preset::Vcard => true,
        Preset::Auto => vcard::is_vcard(bytes),
        _ => false,
    };
    if is_vcard {
        let r = vcard::read(bytes, name)?;
        return Ok(Parsed {
            format: Preset::Vcard,
            encoding: r.encoding.into(),
            delimiter: None,
            mapping: vec![],
            cards: r.cards,
            rows: Rows::Cards(r.records),
            problems: r.problems,
            warnings: r.warnings,
        });
    }
    let f = CsvFile::read(bytes, name)?;
    let format = if o.preset == Preset::Auto { mapping::detect_preset(&f.headers) } else { o.preset };
    let m = match &o.mapping {
        Some(m) => {
            if let Some(bad) = m.iter().find(|c| c.column as usize >= f.headers.len()) {
                return Err(Error::validation(
                    "mapping",
                    format!("The mapping names column {} but {name} has {} columns. Choose the mapping again.", bad.column + 1, f.headers.len()),
                ));
            }
            m.clone()
        }
        None => mapping::preset_mapping(format, &f.headers),
    };
    if !m.iter().any(|c| {
        matches!(
            c.field,
            Some(
                mapping::ContactField::FirstName
                    | mapping::ContactField::LastName
                    | mapping::ContactField::FullName
                    | mapping::ContactField::Email
                    | mapping::ContactField::Company
            )
        )
    }) {
        return Err(Error::validation(
            "mapping",
            format!(
                "No column of {name} could be matched to a name, company or e-mail (headers: {}). Choose the columns yourself.",
                f.headers.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let delimiter = Some(match f.delimiter {
        b'\t' => "\\t".to_string(),
        d => (d as char).to_string(),
    });
    Ok(Parsed { format, encoding: f.encoding.into(), delimiter, mapping: m.clone(), cards: 0, rows: Rows::Csv(f, m), problems: vec![], warnings: vec![] })
}

/// A checked row, ready to write.
struct Candidate {
    line: u64,
    input: ContactInput,
    company: Option<String>,
    /// Additional channels: (kind, value, norm, label).
    extra: Vec<(&'static str, String, String, Option<String>)>,
    /// Addresses, checked.
    addresses: Vec<crate::address::AddressInput>,
    /// The labels of the primary phone and e-mail (the others keep theirs in `extra`).
    phone_label: Option<String>,
    email_label: Option<String>,
    details: ContactDetails,
    /// The row names only a company: it fills the company (phone, e-mail,
    /// website, addresses) and makes no contact.
    company_only: bool,
    /// The row has only an e-mail: the contact is made without a name.
    nameless: bool,
    /// What the row says about its company, checked.
    company_facts: Facts,
    /// Duplicate keys as [`fingerprint`]s.
    email_keys: Vec<u128>,
    phone_keys: Vec<u128>,
    name_key: Option<u128>,
    /// Tags and custom values (checked in [`Runner::row`]).
    tags: Vec<String>,
    custom: Vec<(std::sync::Arc<str>, String)>,
}

/// A company's industry, size, revenue and parent as a row gives them, read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Facts {
    industry: Option<String>,
    employees: Option<i64>,
    revenue_minor: Option<i64>,
    parent: Option<String>,
    /// A size or revenue that is not one number ("50-250", "under 1M"): kept
    /// in the company's notes under the column's name, never dropped.
    notes: Vec<String>,
}

impl Facts {
    fn is_empty(&self) -> bool {
        *self == Facts::default()
    }
}

fn company_facts(f: io::CompanyFacts, at: &dyn Fn(&str, Error) -> Problem, reading: &mut Reading<'_>, problems: &mut Vec<Problem>) -> Facts {
    let mut out = Facts::default();
    if f.is_empty() {
        return out;
    }
    let mut text = |field: &str, v: String, max: usize| match clean(field, v, max) {
        Ok(v) => v,
        Err(e) => {
            reading.bad_value(at(field, e), problems);
            None
        }
    };
    out.industry = text("industry", f.industry, NAME_MAX);
    out.parent = text("parent_company", f.parent, 300);
    if let Some((header, v)) = f.employees {
        // "1 200", "1,200", "1.200": one whole number of people.
        let digits: String = v.chars().filter(|c| !c.is_whitespace() && !matches!(c, ',' | '.' | '\'' | '\u{a0}' | '\u{202f}')).collect();
        match digits.parse::<i64>() {
            Ok(n) if n >= 0 => out.employees = Some(n),
            _ => out.notes.push(format!("{header}: {v}")),
        }
    }
    if let Some((header, v)) = f.revenue {
        // Only an amount ("$4,500,000.00", "12 500 000,00 руб."); "under 1M" is no amount.
        let mut rest = v.to_lowercase();
        for code in ["руб.", "руб", "р.", "rub", "usd", "eur", "gbp", "kzt", "uah"] {
            rest = rest.replace(code, "");
        }
        let amount_only = rest.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || ".,'$€£₽₸₴".contains(c));
        match io::values::money(&v).filter(|_| amount_only) {
            Some((minor, _)) => out.revenue_minor = Some(minor),
            None => out.notes.push(format!("{header}: {v}")),
        }
    }
    out
}

/// A text value, trimmed and checked; reuses the file's string when it needs
/// no change (imports check 100,000 rows, so copies count).
fn clean(field: &str, mut v: String, max: usize) -> Result<Option<String>> {
    let t = v.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() != v.len() {
        v = t.to_string();
    }
    let allowed = |c: char| !c.is_control() || c == '\n' || c == '\t' || c == '\r';
    let plain = v.len() <= max && if v.is_ascii() { v.bytes().all(|b| allowed(b as char)) } else { v.chars().all(allowed) };
    if plain { Ok(Some(v)) } else { validate::optional(field, Some(&v), max) }
}

/// How a row's values are read: the program's conventions, and whether
/// optional values that cannot be read are left out (listed in `bad`) rather
/// than refusing the import.
struct Reading<'b> {
    preset: Preset,
    skip_bad_values: bool,
    bad: &'b mut Vec<Problem>,
}

impl Reading<'_> {
    /// An optional value that cannot be read: always listed; refuses the
    /// import unless the user chose to import without such values.
    fn bad_value(&mut self, p: Problem, problems: &mut Vec<Problem>) {
        if !self.skip_bad_values {
            problems.push(p.clone());
        }
        self.bad.push(p);
    }
}

/// A row that leaves nothing to know the contact by: no name, company or readable e-mail.
fn no_name(r: &ImportRecord) -> Problem {
    Problem {
        line: r.line,
        card: (r.card > 0).then_some(r.card),
        field: Some("name".into()),
        message: "the contact has no name, company or e-mail. Fill in a name or leave the row out.".into(),
    }
}

fn check(mut r: ImportRecord, reading: &mut Reading<'_>, problems: &mut Vec<Problem>) -> Option<Candidate> {
    let before = problems.len();
    let mut first = std::mem::take(&mut r.first_name);
    let mut last = std::mem::take(&mut r.last_name);
    let mut details = std::mem::take(&mut r.details);
    let mut company_only = false;
    // A record with only an e-mail: a contact without a name, to complete.
    let mut nameless = false;
    let has_parts = !(first.trim().is_empty() && last.trim().is_empty());
    if has_parts && !r.full_name.trim().is_empty() && details.display_name.is_empty() {
        // A "Name" / "Display Name" column beside the parts: the name the file gave.
        details.display_name = r.full_name.trim().to_string();
    }
    if first.trim().is_empty() && last.trim().is_empty() {
        let full = r.full_name.trim();
        if !full.is_empty() {
            match full.rsplit_once(char::is_whitespace) {
                Some((f, l)) => (first, last) = (f.trim().to_string(), l.trim().to_string()),
                None => first = full.to_string(),
            }
        } else if !r.company.trim().is_empty() {
            // A record that names only a company is the company, not a person.
            company_only = true;
        } else if !r.emails.is_empty() {
            // The address is not a name: the contact stays nameless (its
            // e-mail kept) and the app asks the person to fill the name in.
            nameless = true;
        } else {
            problems.push(no_name(&r));
            return None;
        }
    }
    let (line, card) = (r.line, r.card);
    let at = move |field: &str, e: Error| Problem { line, card: (card > 0).then_some(card), field: Some(field.into()), message: e.message };
    let mut ok = |field: &str, v: Result<Option<String>>| match v {
        Ok(v) => v,
        Err(e) => {
            problems.push(at(field, e));
            None
        }
    };
    let first = ok("first_name", clean("first_name", first, NAME_MAX)).unwrap_or_default();
    let last = ok("last_name", clean("last_name", last, NAME_MAX)).unwrap_or_default();
    let title = ok("title", clean("title", std::mem::take(&mut r.title), NAME_MAX));
    // Line breaks are stored as "\n" whatever the source used ("\r\n", "\r").
    let raw_notes = std::mem::take(&mut r.notes);
    let raw_notes = if raw_notes.contains('\r') { raw_notes.replace("\r\n", "\n").replace('\r', "\n") } else { raw_notes };
    let notes = ok("notes", clean("notes", raw_notes, TEXT_MAX));
    let company = ok("company", clean("company", std::mem::take(&mut r.company), 300));
    let birthday = match io::conventions::birthday(reading.preset, "birthday", &r.birthday) {
        Ok(b) => b,
        Err(e) => {
            reading.bad_value(at("birthday", e), problems);
            None
        }
    };
    // Thunderbird writes the birthday in three columns (a missing year: `--MM-DD`).
    let birthday = match birthday {
        Some(b) => Some(b),
        None => match io::conventions::birthday_parts("birthday", &r.birth_year, &r.birth_month, &r.birth_day) {
            Ok(b) => b,
            Err(e) => {
                reading.bad_value(at("birthday", e), problems);
                None
            }
        },
    };
    let company_facts = company_facts(std::mem::take(&mut r.company_facts), &at, reading, problems);
    let mut emails: Vec<(String, String, Option<String>)> = vec![];
    let mut email_pref: Option<usize> = None;
    let mut phone_pref: Option<usize> = None;
    let mut moved: Vec<String> = vec![];
    for e in std::mem::take(&mut r.emails) {
        let v = e.value.trim();
        if card > 0 && !io::plausible_email(v) {
            // Phones put odd things in EMAIL; keep them visible rather than refuse the card.
            moved.push(format!("{}: {v}", e.field));
            continue;
        }
        if !io::plausible_email(v) {
            reading.bad_value(at(&e.field, Error::validation(&e.field, format!("“{}” is not an e-mail address (name@example.com).", truncate(v)))), problems);
            continue;
        }
        let n = io::norm_email(v);
        if !emails.iter().any(|(_, x, _)| *x == n) {
            let v = if v.len() == e.value.len() { e.value } else { v.to_string() };
            if e.pref && email_pref.is_none() {
                email_pref = Some(emails.len());
            }
            emails.push((v, n, e.label));
        }
    }
    if nameless && emails.is_empty() {
        // Its only e-mail could not be read: nothing would be left of it.
        problems.push(no_name(&r));
        return None;
    }
    let details = match details.checked() {
        Ok(mut d) => {
            // A display name that only repeats the parts is not kept (a later rename of the parts would leave it stale).
            let parts = ContactDetails { display_name: String::new(), ..d.clone() }.full_name(first.trim(), last.trim());
            if d.display_name == parts {
                d.display_name.clear();
            }
            d
        }
        Err(e) => {
            problems.push(at(&e.field.clone().unwrap_or_else(|| "details".into()), e));
            ContactDetails::default()
        }
    };
    let mut addresses = Vec::with_capacity(r.addresses.len());
    for (n, a) in std::mem::take(&mut r.addresses).into_iter().enumerate() {
        match a.checked(&format!("address {}", n + 1)) {
            Ok(a) if a.is_empty() => {}
            Ok(a) => addresses.push(a),
            Err(e) => reading.bad_value(at(&e.field.clone().unwrap_or_else(|| "address".into()), e), problems),
        }
    }
    let mut phones: Vec<(String, String, Option<String>)> = vec![];
    for p in std::mem::take(&mut r.phones) {
        let v = p.value.trim();
        if v.chars().count() > 50 || v.chars().any(char::is_control) {
            reading.bad_value(at(&p.field, Error::validation(&p.field, format!("“{}” is not a phone number (at most 50 characters).", truncate(v)))), problems);
            continue;
        }
        let n = io::norm_phone(v);
        let k = io::phone_key(&n);
        if !phones.iter().any(|(x, nn, _)| x == v || (k.is_some() && io::phone_key(nn) == k)) {
            let v = if v.len() == p.value.len() { p.value } else { v.to_string() };
            if p.pref && phone_pref.is_none() {
                phone_pref = Some(phones.len());
            }
            phones.push((v, n, p.label));
        }
    }
    if problems.len() > before {
        return None;
    }
    let notes = if moved.is_empty() {
        notes
    } else {
        let mut n = notes.unwrap_or_default();
        for m in moved {
            if !n.is_empty() {
                n.push('\n');
            }
            n.push_str(&m);
        }
        // The editor's limit holds for what was moved into the notes too.
        if n.chars().count() > TEXT_MAX {
            problems.push(at(
                "notes",
                Error::validation(
                    "notes",
                    format!("the notes with the values moved into them are longer than {TEXT_MAX} characters. Shorten them in the file."),
                ),
            ));
            return None;
        }
        Some(n)
    };
    let name_key = io::name_key(&first, &last).map(|k| fingerprint(&k));
    let mut email_keys = Vec::with_capacity(emails.len());
    let mut phone_keys = Vec::with_capacity(phones.len());
    let mut extra = vec![];
    let mut email = None;
    let mut email_label = None;
    // The preferred e-mail is the primary one, else the first.
    let primary_email = email_pref.unwrap_or(0);
    for (i, (v, n, l)) in emails.into_iter().enumerate() {
        email_keys.push(fingerprint(&n));
        if i == primary_email {
            email = Some(v);
            email_label = l;
        } else {
            extra.push(("email", v, n, l));
        }
    }
    // The primary phone is the one to call: chosen by meaning (mobile or
    // business before home or unlabelled, the preferred one first among
    // equals); a fax or a pager never is, and stays an additional number.
    let primary_phone = phones
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, l))| crate::channels::ChannelKind::from_label(l.as_deref()).primary_rank().map(|r| (phone_pref != Some(i), r, i)))
        .min()
        .map(|(_, _, i)| i);
    let mut phone = None;
    let mut phone_label = None;
    for (i, (v, n, l)) in phones.into_iter().enumerate() {
        phone_keys.extend(io::phone_key(&n).map(fingerprint));
        if Some(i) == primary_phone {
            phone = Some(v);
            phone_label = l;
        } else {
            extra.push(("phone", v, n, l));
        }
    }
    Some(Candidate {
        line,
        email_keys,
        phone_keys,
        name_key,
        input: ContactInput {
            company_id: None,
            first_name: first,
            last_name: last,
            title,
            phone,
            email,
            notes,
            source: None,
            referred_by_id: None,
            owner_id: None,
            birthday,
        },
        company,
        extra,
        addresses,
        phone_label,
        email_label,
        details,
        company_only,
        nameless,
        company_facts,
        tags: std::mem::take(&mut r.tags),
        // Line breaks are stored as "\n" here too (a custom column may hold a bare CR).
        custom: std::mem::take(&mut r.custom)
            .into_iter()
            .map(|(h, v)| (h, if v.contains('\r') { v.replace("\r\n", "\n").replace('\r', "\n") } else { v }))
            .collect(),
    })
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s.to_string() }
}

/// FNV-1a: the keys are short and come from the user's own file, so a fast
/// hash beats SipHash's flooding protection here.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u128(&mut self, n: u128) {
        // Fingerprints are already well mixed: their low half is the hash.
        self.0 = n as u64;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A duplicate key (normalised e-mail, phone or name) as a 128-bit
/// fingerprint: two unrelated 64-bit hashes (FNV-1a over bytes, and a
/// multiply-rotate over 8-byte words with a splitmix finish). The maps then
/// hold no strings — an import of 100,000 rows spent 90 ms inserting and
/// freeing 300,000 of them. Two different keys collide with a chance of
/// about 2^-128 per pair, far below any error a user could meet.
fn fingerprint(key: &str) -> u128 {
    use std::hash::Hasher;
    let bytes = key.as_bytes();
    let mut fnv = Fnv::default();
    fnv.write(bytes);
    let a = fnv.finish();
    let mut b: u64 = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        b = (b ^ u64::from_le_bytes(w)).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
    }
    b ^= b >> 30;
    b = b.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    b ^= b >> 27;
    b = b.wrapping_mul(0x94d0_49bb_1331_11eb);
    b ^= b >> 31;
    ((a as u128) << 64) | b as u128
}

/// Existing contacts by their duplicate keys, and companies by name.
#[derive(Default)]
struct Index {
    email: FastMap<u128, i64>,
    phone: FastMap<u128, i64>,
    name: FastMap<u128, i64>,
    /// By lower-case name; `companies_exact` caches names as written.
    companies: FastMap<String, i64>,
    companies_exact: FastMap<String, i64>,
    /// Contacts without a name (only an e-mail), existing or made earlier
    /// in this file: a named record that duplicates one completes it.
    nameless: std::collections::HashSet<i64>,
}

impl Index {
    fn load(c: &Connection) -> Result<Index> {
        let mut ix = Index::default();
        for k in store::interop::contact_keys(c)? {
            if let Some(e) = k.email.as_deref().filter(|e| !e.trim().is_empty()) {
                ix.email.entry(fingerprint(&io::norm_email(e))).or_insert(k.id);
            }
            if let Some(p) = k.phone.as_deref().map(io::norm_phone).as_deref().and_then(io::phone_key) {
                ix.phone.entry(fingerprint(p)).or_insert(k.id);
            }
            if let Some(n) = io::name_key(&k.first_name, &k.last_name) {
                ix.name.entry(fingerprint(&n)).or_insert(k.id);
            }
            if k.first_name.trim().is_empty() && k.last_name.trim().is_empty() {
                ix.nameless.insert(k.id);
            }
        }
        for (id, kind, norm) in store::interop::channel_keys(c)? {
            if kind == "email" {
                ix.email.entry(fingerprint(&norm)).or_insert(id);
            } else if let Some(p) = io::phone_key(&norm) {
                ix.phone.entry(fingerprint(p)).or_insert(id);
            }
        }
        for (id, name) in store::interop::company_names(c)? {
            ix.companies.entry(name.trim().to_lowercase()).or_insert(id);
        }
        Ok(ix)
    }

    fn find(&self, c: &Candidate) -> Option<i64> {
        c.email_keys
            .iter()
            .find_map(|k| self.email.get(k))
            .or_else(|| c.phone_keys.iter().find_map(|k| self.phone.get(k)))
            .or_else(|| if c.email_keys.is_empty() && c.phone_keys.is_empty() { c.name_key.as_ref().and_then(|k| self.name.get(k)) } else { None })
            .copied()
    }

    fn reserve(&mut self, n: usize) {
        self.email.reserve(n);
        self.phone.reserve(n);
        self.name.reserve(n);
    }

    fn add(&mut self, c: &Candidate, id: i64) {
        if c.nameless {
            self.nameless.insert(id);
        } else {
            self.nameless.remove(&id);
        }
        for k in &c.email_keys {
            self.email.entry(*k).or_insert(id);
        }
        for k in &c.phone_keys {
            self.phone.entry(*k).or_insert(id);
        }
        if let Some(k) = c.name_key {
            self.name.entry(k).or_insert(id);
        }
    }
}

const PREVIEW_ROWS: usize = 20;

/// The column mapping a CSV file gets from its preset (or auto-detection):
/// the starting point for the user's own mapping. Empty for vCard files.
pub fn detect_mapping(bytes: &[u8], o: &ImportOptions) -> Result<Vec<ColumnMapping>> {
    let o = ImportOptions { mapping: None, ..o.clone() };
    match parse(bytes, &o) {
        Ok(p) => Ok(p.mapping),
        // No column recognised: every column unmapped, for the user to choose.
        Err(e) if e.field.as_deref() == Some("mapping") => {
            let f = CsvFile::read(bytes, &o.source_name)?;
            Ok(f.headers.iter().enumerate().map(|(i, h)| ColumnMapping { column: i as u32, header: h.clone(), field: None }).collect())
        }
        Err(e) => Err(e),
    }
}

/// Reads the file and shows what an import would do, writing nothing:
/// the detected format, encoding, delimiter and mapping, the first `limit`
/// rows with their action, and the counts.
pub fn preview(store: &Store, bytes: &[u8], o: &ImportOptions, limit: usize) -> Result<ImportSummary> {
    let parsed = parse(bytes, o)?;
    // Always rolled back: the same code path as the real import, without writing.
    let mut s = store.rehearse_read(|c| run(c, "1970-01-01T00:00:00Z", parsed, o, limit, false, &mut |_| true))?;
    s.written = false;
    s.created_ids = None;
    Ok(s)
}

/// What the app shows before an import: the summary of what would happen
/// (with the first rows and their action) and, for CSV files, the raw first
/// rows so the user can see what each column holds while mapping it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub summary: ImportSummary,
    /// The file's column headers (CSV only).
    pub headers: Vec<String>,
    /// The first data rows as they are in the file (CSV only).
    pub samples: Vec<SampleRow>,
}

/// One data row of a CSV file as it is, before mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SampleRow {
    #[ts(type = "number")]
    pub line: u64,
    pub cells: Vec<String>,
}

/// How many rows the app's preview shows.
pub const SAMPLE_ROWS: usize = 8;

/// [`preview`] plus the raw first rows of a CSV file.
pub fn preview_with_samples(store: &Store, bytes: &[u8], o: &ImportOptions) -> Result<ImportPreview> {
    let summary = preview(store, bytes, o, PREVIEW_ROWS)?;
    let (headers, samples) = if summary.format == Preset::Vcard {
        (vec![], vec![])
    } else {
        let f = CsvFile::read(bytes, &o.source_name)?;
        let samples = f.samples(SAMPLE_ROWS).into_iter().map(|(line, cells)| SampleRow { line, cells }).collect();
        (f.headers, samples)
    };
    Ok(ImportPreview { summary, headers, samples })
}

/// The largest file an import reads (a contact list of 100,000 rows is ~15 MB).
pub const SOURCE_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a file to import, with a message that names it when it cannot be read.
pub fn read_source(path: &std::path::Path) -> Result<Vec<u8>> {
    let fail = |e: std::io::Error| {
        let code = if e.kind() == std::io::ErrorKind::NotFound { crate::error::ErrorCode::NotFound } else { crate::error::ErrorCode::Io };
        Error::new(code, format!("{} cannot be read: {e}. Check the path.", path.display()))
    };
    let len = std::fs::metadata(path).map_err(fail)?.len();
    if len > SOURCE_MAX_BYTES {
        return Err(Error::new(
            crate::error::ErrorCode::InvalidFile,
            format!("{} is {} MB; an import reads at most {} MB. Split the file.", path.display(), len / 1_000_000, SOURCE_MAX_BYTES / 1_000_000),
        ));
    }
    std::fs::read(path).map_err(fail)
}

/// The name a file is called by in messages: its file name.
pub fn source_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Imports contacts (and their companies, by name) from a CSV or vCard file.
/// All or nothing: when any row is refused, nothing is written and the
/// summary lists every problem; `dry_run` writes nothing either.
pub fn import_contacts(store: &mut Store, clock: &dyn Clock, bytes: &[u8], o: &ImportOptions, dry_run: bool) -> Result<ImportSummary> {
    import_contacts_with_progress(store, clock, bytes, o, dry_run, &mut |_| true)
}

/// How many rows [`index_pending`] indexes per transaction: about 50 ms of
/// work, so the app's other commands wait no longer than that.
pub const INDEX_CHUNK: u64 = 10_000;

/// Makes the search entries an import left for after its commit (up to
/// `max_rows`, one transaction) and returns how many rows still wait.
/// Search finds waiting rows anyway, only more slowly.
pub fn index_pending(store: &mut Store, max_rows: u64) -> Result<u64> {
    store.write(|tx| {
        store::search::bulk_load(tx, true)?;
        let left = store::search::catch_up(tx, max_rows)?;
        store::search::bulk_load(tx, false)?;
        Ok(left)
    })
}

/// Every waiting search entry, in one transaction (the CLI, before it
/// exits): one flush of the index instead of a merge per chunk, about half
/// the work of [`INDEX_CHUNK`]-sized steps.
pub fn index_all_pending(store: &mut Store) -> Result<()> {
    index_pending(store, u64::MAX)?;
    Ok(())
}

/// What the shell's progress bar gets: rows read so far; return false to
/// cancel (then nothing is written and the summary says `cancelled`).
pub type Progress<'a> = &'a mut dyn FnMut(u64) -> bool;

/// How often (in rows) the progress callback is called.
pub const PROGRESS_EVERY: u64 = 1_000;

const ROLL_BACK: &str = "conveyor: roll the import back";

/// From this many rows (estimated), an import into a table no larger than
/// itself rebuilds the contacts' indexes after the rows.
const BULK_ROWS: usize = 5_000;

/// [`import_contacts`] with a progress callback that can cancel.
pub fn import_contacts_with_progress(
    store: &mut Store,
    clock: &dyn Clock,
    bytes: &[u8],
    o: &ImportOptions,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<ImportSummary> {
    if dry_run {
        return preview(store, bytes, o, PREVIEW_ROWS);
    }
    let parsed = parse(bytes, o)?;
    let now = stamp(clock.now());
    // A large import into a smaller table: the indexes of contacts and
    // companies are built once after the rows (a sort) instead of row by row.
    let rows = match &parsed.rows {
        Rows::Csv(f, _) => f.len() / 100,
        Rows::Cards(v) => v.len(),
    };
    let existing = store::bulk::row_count(store.conn(), "contacts")?;
    let bulk = rows >= BULK_ROWS && rows as i64 >= existing;
    let mut summary = None;
    let body = |tx: &rusqlite::Transaction<'_>| {
        let import = || {
            let s = run(tx, &now, parsed, o, PREVIEW_ROWS, true, progress)?;
            let roll_back = !s.refused.is_empty() || s.cancelled;
            summary = Some(s);
            if roll_back {
                // All or nothing: the transaction is rolled back (and the indexes with it).
                return Err(Error::internal(ROLL_BACK));
            }
            Ok(())
        };
        let tables: &[&str] = if bulk { &["contacts", "companies"] } else { &[] };
        store::bulk::indexed_after(tx, tables, import)
    };
    // A bulk load refers only to companies it read or wrote in this same
    // transaction, so the foreign-key lookups per row are skipped for it.
    let r = if bulk { store.write_unchecked_references(body) } else { store.write(body) };
    let mut s = summary.ok_or_else(|| r.clone().err().unwrap_or_else(|| Error::internal("import produced no summary")))?;
    match r {
        Ok(()) => s.written = true,
        Err(e) if e.message == ROLL_BACK => {
            s.written = false;
            s.created = 0;
            s.updated = 0;
            s.companies_created = 0;
            s.nameless = 0;
            s.created_ids = None;
        }
        Err(e) => return Err(e),
    }
    Ok(s)
}

/// Checks and writes every row; with `index`, also the search index (a
/// preview, rolled back anyway, leaves it out).
fn run(c: &Connection, now: &str, p: Parsed, o: &ImportOptions, limit: usize, index: bool, progress: Progress<'_>) -> Result<ImportSummary> {
    let mut ix = Index::load(c)?;
    let mut p = p;
    // Columns named like one of the workspace's custom fields fill it (our own CSV export, a round trip).
    let known = crate::usecases::custom_fields::ImportFields::load(c)?;
    if let Rows::Csv(_, m) = &mut p.rows {
        for col in m.iter_mut().chain(p.mapping.iter_mut()).filter(|col| col.field.is_none() && known.knows(&col.header)) {
            col.field = Some(mapping::ContactField::Custom);
        }
    }
    if let Rows::Csv(f, _) = &p.rows {
        // About one row per 100 bytes: grow the maps once, not twenty times.
        ix.reserve(f.len() / 100);
    }
    let mut r = Runner {
        c,
        w: store::bulk::ImportWriter::new(c)?,
        now,
        limit,
        ix,
        progress,
        seen: 0,
        search: Deferred::default(),
        skip_bad_values: o.skip_bad_values,
        extras: crate::usecases::custom_fields::ImportFields::load(c)?,
        failed: !p.problems.is_empty(),
        s: ImportSummary {
            source: o.source_name.clone(),
            format: p.format,
            encoding: p.encoding,
            delimiter: p.delimiter,
            mapping: p.mapping,
            duplicates: o.duplicates,
            rows: p.cards,
            created: 0,
            updated: 0,
            skipped: 0,
            created_duplicates: 0,
            companies_created: 0,
            nameless: 0,
            refused: p.problems,
            warnings: p.warnings,
            bad_values: vec![],
            preview: vec![],
            written: false,
            cancelled: false,
            created_ids: None,
        },
    };
    let streamed = match p.rows {
        Rows::Cards(cards) => cards.into_iter().try_for_each(|card| r.row(card)),
        Rows::Csv(file, mapping) => file
            .each_row(&o.source_name, &mapping, |rec, mut problems| {
                if problems.is_empty() {
                    r.row(rec)
                } else {
                    r.failed = true;
                    r.s.refused.append(&mut problems);
                    r.tick()
                }
            })
            .map(|(rows, mut warnings)| {
                r.s.rows = rows;
                r.s.warnings.append(&mut warnings);
            }),
    };
    match streamed {
        Ok(()) => {}
        Err(_) if r.s.cancelled => {}
        Err(e) => return Err(e),
    }
    r.s.refused.sort_by_key(|p| (p.line, p.card));
    r.s.bad_values.sort_by_key(|p| (p.line, p.card));
    if index && !r.failed && !r.s.cancelled {
        r.search.write(c)?;
    }
    Ok(r.s)
}

/// One pass over the rows: check, find duplicates, and write — until the
/// first refused row; after it, rows are only checked (the caller rolls back).
struct Runner<'a, 'p> {
    c: &'a Connection,
    w: store::bulk::ImportWriter<'a>,
    now: &'a str,
    limit: usize,
    ix: Index,
    failed: bool,
    s: ImportSummary,
    progress: Progress<'p>,
    seen: u64,
    /// What this import wrote, for the search index (see [`Deferred`]).
    search: Deferred,
    skip_bad_values: bool,
    /// Tags and custom values of the rows.
    extras: crate::usecases::custom_fields::ImportFields,
}

/// The rows an import writes get their search entries after it commits
/// (`store::search::defer`, migration 9): building them costs more than
/// writing the rows. The new ids of each kind are one run (ids only grow
/// and nothing else writes during the import); contacts that existed
/// before and were updated are re-indexed at once, in the import's
/// transaction.
#[derive(Default)]
struct Deferred {
    contacts: Option<(i64, i64)>,
    companies: Option<(i64, i64)>,
    changed: Vec<i64>,
    /// Companies that existed before and were filled by company-only rows.
    changed_companies: Vec<i64>,
}

impl Deferred {
    fn add(run: &mut Option<(i64, i64)>, id: i64) {
        *run = Some(match *run {
            None => (id, id),
            Some((first, last)) => (first.min(id), last.max(id)),
        });
    }

    fn new_contact(&mut self, id: i64) {
        Self::add(&mut self.contacts, id);
    }

    fn new_company(&mut self, id: i64) {
        Self::add(&mut self.companies, id);
    }

    fn changed_contact(&mut self, id: i64) {
        self.changed.push(id);
    }

    fn write(mut self, c: &Connection) -> Result<()> {
        use store::search::{Kind, defer};
        if let Some((first, last)) = self.companies {
            defer(c, Kind::Company, first, last)?;
        }
        self.changed_companies.sort_unstable();
        self.changed_companies.dedup();
        for id in std::mem::take(&mut self.changed_companies) {
            if self.companies.is_none_or(|(first, _)| id < first) {
                store::search::index_company(c, id, false)?;
            }
        }
        let created = self.contacts;
        if let Some((first, last)) = created {
            defer(c, Kind::Contact, first, last)?;
        }
        self.changed.sort_unstable();
        self.changed.dedup();
        for id in self.changed {
            // A contact this import created is indexed from its stored row with the rest.
            if created.is_none_or(|(first, _)| id < first) {
                store::search::index_contact(c, id)?;
            }
        }
        Ok(())
    }
}

impl Runner<'_, '_> {
    /// Counts a row; every [`PROGRESS_EVERY`] rows asks the caller whether to go on.
    fn tick(&mut self) -> Result<()> {
        self.seen += 1;
        if self.seen.is_multiple_of(PROGRESS_EVERY) && !(self.progress)(self.seen) {
            self.s.cancelled = true;
            return Err(Error::internal(ROLL_BACK));
        }
        Ok(())
    }

    fn row(&mut self, rec: ImportRecord) -> Result<()> {
        self.tick()?;
        let before = self.s.refused.len();
        let mut reading = Reading { preset: self.s.format, skip_bad_values: self.skip_bad_values, bad: &mut self.s.bad_values };
        let cand = check(rec, &mut reading, &mut self.s.refused);
        if self.s.refused.len() > before {
            self.failed = true;
        }
        let Some(mut cand) = cand else { return Ok(()) };
        let before = self.s.refused.len();
        let values = self.extras.check(cand.line, None, &cand.custom, &mut self.s.refused);
        if self.s.refused.len() > before {
            self.failed = true;
        }
        if cand.company_only {
            return self.company_row(cand);
        }
        let dup = self.ix.find(&cand);
        let action = match (dup, self.s.duplicates) {
            (None, _) => RowAction::Create,
            // A named record of a contact known only by its e-mail fills the
            // name in, whatever the policy: nothing the contact had is lost.
            (Some(d), _) if !cand.nameless && self.ix.nameless.contains(&d) => RowAction::Update,
            (Some(_), DuplicatePolicy::Skip) => RowAction::Skip,
            (Some(_), DuplicatePolicy::Update) => RowAction::Update,
            (Some(_), DuplicatePolicy::Create) => RowAction::CreateDuplicate,
        };
        if self.s.preview.len() < self.limit {
            self.s.preview.push(PreviewRow {
                line: cand.line,
                first_name: cand.input.first_name.clone(),
                last_name: cand.input.last_name.clone(),
                company: cand.company.clone(),
                title: cand.input.title.clone(),
                emails: cand.input.email.iter().cloned().chain(cand.extra.iter().filter(|x| x.0 == "email").map(|x| x.1.clone())).collect(),
                phones: cand.input.phone.iter().cloned().chain(cand.extra.iter().filter(|x| x.0 == "phone").map(|x| x.1.clone())).collect(),
                action,
                duplicate_of: dup,
            });
        }
        let writing = !self.failed;
        let (c, now) = (self.c, self.now);
        match action {
            RowAction::Skip => self.s.skipped += 1,
            RowAction::Update => {
                self.s.updated += 1;
                if let Some(d) = dup.filter(|_| !cand.nameless) {
                    self.ix.nameless.remove(&d);
                }
                if writing {
                    let id = dup.unwrap_or_default();
                    cand.input.company_id =
                        company_id(&mut self.w, now, &mut self.ix, &mut self.search, cand.company.as_deref(), &mut self.s.companies_created)?;
                    update_existing(c, now, id, &cand)?;
                    self.fill_company(cand.input.company_id, &cand.company_facts)?;
                    self.extras.write(c, id, &cand.tags, &values)?;
                    self.search.changed_contact(id);
                    self.ix.add(&cand, id);
                }
            }
            RowAction::Create | RowAction::CreateDuplicate => {
                self.s.created += 1;
                if cand.nameless {
                    self.s.nameless += 1;
                }
                if action == RowAction::CreateDuplicate {
                    self.s.created_duplicates += 1;
                }
                if writing {
                    cand.input.company_id =
                        company_id(&mut self.w, now, &mut self.ix, &mut self.search, cand.company.as_deref(), &mut self.s.companies_created)?;
                    self.fill_company(cand.input.company_id, &cand.company_facts)?;
                    let id = self.w.contact(now, &cand.input, cand.phone_label.as_deref(), cand.email_label.as_deref())?;
                    self.search.new_contact(id);
                    self.s.created_ids = Some(self.s.created_ids.map_or((id, id), |(first, _)| (first, id)));
                    for (pos, (kind, v, n, l)) in cand.extra.iter().enumerate() {
                        self.w.channel(id, kind, v, n, l.as_deref(), pos as i64 + 1)?;
                    }
                    for a in &cand.addresses {
                        store::addresses::insert(c, crate::address::AddressOwner::Contact(id), a)?;
                    }
                    if !cand.details.is_empty() {
                        store::contact_details::put(c, id, &cand.details)?;
                    }
                    self.extras.write(c, id, &cand.tags, &values)?;
                    self.ix.add(&cand, id);
                } else {
                    // Later rows of the same file may duplicate this one.
                    let line = cand.line as i64;
                    self.ix.add(&cand, -line);
                }
            }
        }
        Ok(())
    }
}

impl Runner<'_, '_> {
    /// Fills a company with what a row says about it (industry, size,
    /// revenue, parent) where it has nothing yet: what the user saved stays.
    /// The parent is found by name or made; one that would close a circle is
    /// left out.
    fn fill_company(&mut self, company: Option<i64>, f: &Facts) -> Result<()> {
        let Some(id) = company else { return Ok(()) };
        if f.is_empty() {
            return Ok(());
        }
        let (c, now) = (self.c, self.now);
        let old = store::companies::get(c, id)?;
        let mut notes = old.notes.clone().unwrap_or_default();
        for line in &f.notes {
            if !notes.lines().any(|l| l == line) {
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(line);
            }
        }
        let input = CompanyInput {
            name: old.name.clone(),
            industry: old.industry.clone().or(f.industry.clone()),
            city: old.city.clone(),
            phone: old.phone.clone(),
            email: old.email.clone(),
            website: old.website.clone(),
            notes: (!notes.is_empty()).then_some(notes),
            source: old.source,
            abc: old.abc,
            owner_id: old.owner_id,
            employees: old.employees.or(f.employees),
            revenue_minor: old.revenue_minor.or(f.revenue_minor),
        };
        if input != CompanyInput::from(&old) {
            store::companies::update(c, id, now, &input)?;
            self.search.changed_companies.push(id);
        }
        if old.parent_id.is_none()
            && let Some(name) = &f.parent
            && let Some(parent) = company_id(&mut self.w, now, &mut self.ix, &mut self.search, Some(name), &mut self.s.companies_created)?
        {
            // Up from the parent: meeting this company would close a circle.
            let mut at = Some(parent);
            let mut circle = false;
            for _ in 0..1000 {
                let Some(x) = at else { break };
                if x == id {
                    circle = true;
                    break;
                }
                at = store::companies::parent_of(c, x)?;
            }
            if !circle {
                store::companies::set_parent(c, id, now, Some(parent))?;
            }
        }
        Ok(())
    }

    /// A row that names only a company: the company is found or made, and
    /// gets the row's phone, e-mail, website (where it has none) and addresses.
    fn company_row(&mut self, cand: Candidate) -> Result<()> {
        if self.s.preview.len() < self.limit {
            self.s.preview.push(PreviewRow {
                line: cand.line,
                first_name: String::new(),
                last_name: String::new(),
                company: cand.company.clone(),
                title: None,
                emails: cand.input.email.iter().cloned().collect(),
                phones: cand.input.phone.iter().cloned().collect(),
                action: RowAction::Create,
                duplicate_of: None,
            });
        }
        if self.failed {
            return Ok(());
        }
        let (c, now) = (self.c, self.now);
        let Some(id) = company_id(&mut self.w, now, &mut self.ix, &mut self.search, cand.company.as_deref(), &mut self.s.companies_created)? else {
            return Ok(());
        };
        for t in &cand.tags {
            if let Ok(name) = crate::usecases::tags::clean(t) {
                let tag = store::tags::ensure(c, &name)?;
                store::tags::link(c, crate::model::ClientKind::Company, id, tag)?;
            }
        }
        let old = store::companies::get(c, id)?;
        let website = (!cand.details.website.is_empty()).then(|| cand.details.website.clone());
        let filled = CompanyInput {
            phone: old.phone.clone().or(cand.input.phone.clone()),
            email: old.email.clone().or(cand.input.email.clone()),
            website: old.website.clone().or(website),
            notes: old.notes.clone().or(cand.input.notes.clone()),
            ..CompanyInput {
                name: old.name.clone(),
                industry: old.industry.clone(),
                city: old.city.clone(),
                phone: None,
                email: None,
                website: None,
                notes: None,
                source: old.source,
                abc: old.abc,
                owner_id: old.owner_id,
                employees: old.employees,
                revenue_minor: old.revenue_minor,
            }
        };
        store::companies::update(c, id, now, &filled)?;
        self.fill_company(Some(id), &cand.company_facts)?;
        let owner = crate::address::AddressOwner::Company(id);
        let mut have: Vec<String> = store::addresses::list(c, owner)?.iter().map(|a| crate::text::fold(&crate::address::one_line(&a.input()))).collect();
        for a in &cand.addresses {
            let key = crate::text::fold(&crate::address::one_line(a));
            if !have.contains(&key) {
                store::addresses::insert(c, owner, a)?;
                have.push(key);
            }
        }
        self.search.changed_companies.push(id);
        Ok(())
    }
}

fn company_id(
    w: &mut store::bulk::ImportWriter<'_>,
    now: &str,
    ix: &mut Index,
    search: &mut Deferred,
    name: Option<&str>,
    created: &mut u64,
) -> Result<Option<i64>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else { return Ok(None) };
    if let Some(id) = ix.companies_exact.get(name) {
        return Ok(Some(*id));
    }
    let key = name.to_lowercase();
    let id = match ix.companies.get(&key) {
        Some(id) => *id,
        None => {
            let input = CompanyInput { name: name.to_string(), ..Default::default() };
            let id = w.company(now, &input)?;
            search.new_company(id);
            *created += 1;
            ix.companies.insert(key, id);
            id
        }
    };
    ix.companies_exact.insert(name.to_string(), id);
    Ok(Some(id))
}

/// Fills an existing contact with the row's non-empty values; phones and
/// e-mails it does not have yet become additional channels.
fn update_existing(c: &Connection, now: &str, id: i64, cand: &Candidate) -> Result<()> {
    let old = store::contacts::get(c, id)?;
    let i = &cand.input;
    let pick = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    let mut known: Vec<(String, String)> = store::interop::channel_norms(c, id)?;
    if let Some(e) = &old.email {
        known.push(("email".into(), io::norm_email(e)));
    }
    if let Some(p) = &old.phone {
        known.push(("phone".into(), io::norm_phone(p)));
    }
    let mut extra: Vec<(&str, String, String, Option<String>)> = vec![];
    let primary_email = i.email.as_ref().map(|e| ("email", e.clone(), io::norm_email(e), cand.email_label.clone()));
    let primary_phone = i.phone.as_ref().map(|p| ("phone", p.clone(), io::norm_phone(p), cand.phone_label.clone()));
    let mut email = old.email.clone();
    let mut phone = old.phone.clone();
    // The kinds the file gives win (a number that became "work" is shown as work).
    let (mut phone_label, mut email_label) = store::interop::primary_labels_of(c, id)?;
    let old_primary = |kind: &str| match kind {
        "email" => old.email.as_deref().map(io::norm_email),
        _ => old.phone.as_deref().map(io::norm_phone),
    };
    let mut relabel: Vec<(&str, String, String)> = vec![];
    for ch in primary_email.into_iter().chain(primary_phone).chain(cand.extra.iter().cloned()) {
        if known.iter().any(|(k, n)| k == ch.0 && *n == ch.2) {
            if let Some(l) = &ch.3 {
                if old_primary(ch.0).as_deref() == Some(ch.2.as_str()) {
                    *(if ch.0 == "email" { &mut email_label } else { &mut phone_label }) = Some(l.clone());
                } else {
                    relabel.push((ch.0, ch.2.clone(), l.clone()));
                }
            }
            continue;
        }
        known.push((ch.0.to_string(), ch.2.clone()));
        match ch.0 {
            "email" if email.is_none() => {
                email = Some(ch.1.clone());
                email_label = ch.3.clone();
            }
            "phone" if phone.is_none() => {
                phone = Some(ch.1.clone());
                phone_label = ch.3.clone();
            }
            _ => extra.push(ch),
        }
    }
    let merged = ContactInput {
        company_id: i.company_id.or(old.company_id),
        first_name: if i.first_name.is_empty() { old.first_name.clone() } else { i.first_name.clone() },
        last_name: if i.last_name.is_empty() && !i.first_name.is_empty() && old.last_name.is_empty() {
            String::new()
        } else if i.last_name.is_empty() {
            old.last_name.clone()
        } else {
            i.last_name.clone()
        },
        title: pick(&i.title, &old.title),
        phone,
        email,
        notes: pick(&i.notes, &old.notes),
        source: old.source,
        referred_by_id: old.referred_by_id,
        owner_id: old.owner_id,
        birthday: pick(&i.birthday, &old.birthday),
    };
    store::contacts::update_unindexed(c, id, now, &merged)?;
    store::channels::set_primary_labels(c, id, phone_label.as_deref(), email_label.as_deref())?;
    for (kind, norm, label) in relabel {
        store::interop::relabel_channel(c, id, kind, &norm, &label)?;
    }
    let first = store::interop::next_channel_position(c, id)?;
    for (pos, (kind, v, n, l)) in (first..).zip(extra) {
        store::interop::insert_channel(c, id, kind, &v, &n, l.as_deref(), pos)?;
    }
    // Addresses it does not have yet are added; the ones it has stay as they are.
    let owner = crate::address::AddressOwner::Contact(id);
    let mut have: Vec<String> = store::addresses::list(c, owner)?.iter().map(|a| crate::text::fold(&crate::address::one_line(&a.input()))).collect();
    for a in &cand.addresses {
        let key = crate::text::fold(&crate::address::one_line(a));
        if !have.contains(&key) {
            store::addresses::insert(c, owner, a)?;
            have.push(key);
        }
    }
    if !cand.details.is_empty() && store::contact_details::get(c, id)?.is_empty() {
        store::contact_details::put(c, id, &cand.details)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::store::testing::{clock, store};
    use crate::usecases::export::*;
    use crate::usecases::workspace;

    fn opts(p: DuplicatePolicy) -> ImportOptions {
        ImportOptions { duplicates: p, ..ImportOptions::new("test.csv") }
    }

    fn contacts(s: &Store) -> Vec<crate::model::Contact> {
        store::contacts::list_all(s.conn()).unwrap()
    }

    const BASE: &str = "First Name,Last Name,Email,Phone,Company\nAnna,Smirnova,anna@x.ru,+7 912 345 67 89,Romashka\nBoris,Ivanov,boris@x.ru,,Romashka\n";

    #[test]
    fn import_creates_contacts_companies_and_channels() {
        let mut s = store();
        let csv = "Name,E-mail,E-mail 2,Phone,Phone 2,Birthday\nAnna Smirnova,anna@x.ru,ANNA@x.ru,+7 912 345 67 89,8 (912) 345-67-89\nBoris Ivanov,b@x.ru,b2@x.ru,1,2,1980-03-22\n";
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap();
        assert!(r.written && r.refused.is_empty(), "{:?}", r.refused);
        assert_eq!((r.created, r.format), (2, Preset::Generic));
        let list = export_contacts_list(&s).unwrap();
        assert_eq!((list[0].contact.first_name.as_str(), list[0].contact.last_name.as_str()), ("Anna", "Smirnova"));
        assert!(list[0].channels.is_empty(), "same e-mail and same phone are not repeated: {:?}", list[0].channels);
        assert_eq!(list[1].channels.iter().map(|c| (c.kind.as_str(), c.value.as_str())).collect::<Vec<_>>(), vec![("email", "b2@x.ru"), ("phone", "2")]);
        assert_eq!(list[1].contact.birthday.as_deref(), Some("1980-03-22"));
    }

    #[test]
    fn duplicate_policies_skip_update_create() {
        for (policy, created, updated, skipped, total) in
            [(DuplicatePolicy::Skip, 1, 0, 2, 3), (DuplicatePolicy::Update, 1, 2, 0, 3), (DuplicatePolicy::Create, 3, 0, 0, 5)]
        {
            let mut s = store();
            import_contacts(&mut s, &clock(), BASE.as_bytes(), &opts(policy), false).unwrap();
            // Anna by phone (other format), Boris by e-mail in other case, Vera new.
            let again = "First Name,Last Name,Email,Phone,Company,Title\nAnna,Smirnova-Petrova,,8 (912) 345-67-89,,CEO\nBoris,Ivanov,BORIS@X.RU,+7 999 000 11 22,,\nVera,Orlova,vera@x.ru,,Lyutik,\n";
            let p = preview(&s, again.as_bytes(), &opts(policy), 10).unwrap();
            let r = import_contacts(&mut s, &clock(), again.as_bytes(), &opts(policy), false).unwrap();
            assert_eq!((r.created, r.updated, r.skipped), (created, updated, skipped), "{policy:?}");
            assert_eq!((p.created, p.updated, p.skipped), (created, updated, skipped), "preview says the same for {policy:?}");
            assert_eq!(p.preview[1].duplicate_of, Some(2));
            let all = contacts(&s);
            assert_eq!(all.len(), total, "{policy:?}");
            if policy == DuplicatePolicy::Update {
                let anna = &all[0];
                assert_eq!((anna.last_name.as_str(), anna.title.as_deref(), anna.email.as_deref()), ("Smirnova-Petrova", Some("CEO"), Some("anna@x.ru")));
                let boris = export_contacts_list(&s).unwrap().into_iter().find(|c| c.contact.first_name == "Boris").unwrap();
                assert_eq!(boris.contact.phone.as_deref(), Some("+7 999 000 11 22"));
                assert!(boris.channels.is_empty(), "the same e-mail is not added twice");
            }
            assert_eq!(workspace::info(&s).unwrap().counts.companies, 2);
        }
    }

    #[test]
    fn duplicates_inside_one_file_follow_the_policy_too() {
        let mut s = store();
        let csv = "Name,Email\nAnna,a@x.ru\nAnna S.,A@X.RU\n";
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap();
        assert_eq!((r.created, r.skipped), (1, 1));
        let d = preview(&s, "Name,Email\nX,x@x.ru\nY,x@x.ru\n".as_bytes(), &opts(DuplicatePolicy::Skip), 10).unwrap();
        assert_eq!((d.created, d.skipped), (1, 1));
    }

    #[test]
    fn one_bad_row_writes_nothing_and_names_line_and_field() {
        let mut s = store();
        let before = workspace::info(&s).unwrap();
        let csv = "First Name,Last Name,Email,Birthday\nAnna,S,anna@x.ru,\nBoris,I,not-an-address,\n,,,\nVera,O,v@x.ru,31.02.1990\n";
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap();
        assert!(!r.written);
        assert_eq!((r.created, r.companies_created), (0, 0));
        let where_: Vec<(u64, Option<&str>)> = r.refused.iter().map(|p| (p.line, p.field.as_deref())).collect();
        assert_eq!(where_, vec![(3, Some("Email")), (5, Some("birthday"))]);
        assert_eq!(workspace::info(&s).unwrap(), before);
        assert!(contacts(&s).is_empty());
    }

    #[test]
    fn cancelling_from_the_progress_callback_writes_nothing() {
        let mut s = store();
        let mut csv = String::from("Name,Email\n");
        for i in 0..2_500 {
            csv.push_str(&format!("Person {i},p{i}@x.ru\n"));
        }
        let mut calls = vec![];
        let r = import_contacts_with_progress(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false, &mut |n| {
            calls.push(n);
            n < 2_000
        })
        .unwrap();
        assert_eq!(calls, vec![1_000, 2_000]);
        assert!(r.cancelled && !r.written);
        assert!(contacts(&s).is_empty());
        let r = import_contacts_with_progress(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false, &mut |_| true).unwrap();
        assert_eq!((r.created, r.written, r.cancelled), (2_500, true, false));
        let m = detect_mapping(b"a;b\n1;2\n", &opts(DuplicatePolicy::Skip)).unwrap();
        assert_eq!(m.iter().map(|c| (c.header.as_str(), c.field)).collect::<Vec<_>>(), vec![("a", None), ("b", None)]);
    }

    #[test]
    fn dry_run_and_preview_write_nothing() {
        let mut s = store();
        let r = import_contacts(&mut s, &clock(), BASE.as_bytes(), &opts(DuplicatePolicy::Skip), true).unwrap();
        assert_eq!((r.created, r.written, r.companies_created), (2, false, 1), "it says what it would create");
        assert!(contacts(&s).is_empty());
        assert_eq!(workspace::info(&s).unwrap().counts.companies, 0);
    }

    #[test]
    fn a_users_own_mapping_is_used() {
        let mut s = store();
        let csv = "col1;col2;col3\nAnna;anna@x.ru;Romashka\n";
        let mapping = vec![
            ColumnMapping { column: 0, header: "col1".into(), field: Some(mapping::ContactField::FirstName) },
            ColumnMapping { column: 1, header: "col2".into(), field: Some(mapping::ContactField::Email) },
            ColumnMapping { column: 2, header: "col3".into(), field: Some(mapping::ContactField::Company) },
        ];
        let o = ImportOptions { mapping: Some(mapping), ..opts(DuplicatePolicy::Skip) };
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &o, false).unwrap();
        assert_eq!((r.created, r.delimiter.as_deref()), (1, Some(";")));
        assert_eq!(contacts(&s)[0].email.as_deref(), Some("anna@x.ru"));
        let e = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Validation, Some("mapping")));
    }

    use crate::interop::fixtures;

    /// The project's own export files (crates/core/tests/fixtures/interop), read in full.
    const OWN: &[&str] = &[
        "vcard/android_v21_qp.vcf",
        "vcard/phone_v21_cp1251.vcf",
        "vcard/evolution_v30_folded.vcf",
        "vcard/v40_bom_crcrlf.vcf",
        "csv/google_contacts.csv",
        "csv/thunderbird_quoting.csv",
        "csv/outlook_utf16le_bom.csv",
        "csv/excel_cp1251_ragged.csv",
    ];

    /// The real third-party exports in ../shared/fixtures.
    const REAL: &[&str] = &[
        "vcard/v21_android_multi_qp_photo.vcf",
        "vcard/v21_syncevolution_16_contacts.vcf",
        "vcard/v21_ukrainian_cp1251_8bit.vcf",
        "vcard/v30_evolution_folded.vcf",
        "vcard/v40_rfc6350_example.vcf",
        "csv/google_legacy_export_roundcube.csv",
        "csv/thunderbird_export_quoting.csv",
    ];

    fn own_files() -> Vec<(&'static str, Vec<u8>)> {
        OWN.iter().map(|f| (*f, fixtures::own(f))).collect()
    }

    fn real_files() -> Vec<(&'static str, Vec<u8>)> {
        REAL.iter().map(|f| (*f, fixtures::real(f))).collect()
    }

    type Addr = (&'static str, String, String, String, String, String);
    type Shape = (String, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Vec<(String, String)>, Vec<Addr>);

    /// What a contact is, for comparing round trips (ids aside).
    fn shape(s: &Store) -> Vec<Shape> {
        let mut v: Vec<_> = export_contacts_list(s)
            .unwrap()
            .into_iter()
            .map(|e| {
                let c = e.contact;
                (
                    c.first_name,
                    c.last_name,
                    e.company,
                    c.title,
                    c.email,
                    c.phone,
                    c.birthday,
                    e.channels.into_iter().map(|ch| (ch.kind, ch.value)).collect(),
                    e.addresses.into_iter().map(|a| (a.kind.as_str(), a.street, a.city, a.region, a.postcode, a.country)).collect(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_apps_preview_shows_raw_rows_beside_the_mapping_and_exports_write_whole_files() {
        let s = store();
        let csv = "First Name;Last Name;Email\nАнна;Смирнова;anna@x.ru\n\nBoris;Ivanov\n";
        let p = preview_with_samples(&s, csv.as_bytes(), &opts(DuplicatePolicy::Skip)).unwrap();
        assert_eq!(p.headers, vec!["First Name", "Last Name", "Email"]);
        assert_eq!(
            p.samples,
            vec![
                SampleRow { line: 2, cells: vec!["Анна".into(), "Смирнова".into(), "anna@x.ru".into()] },
                SampleRow { line: 4, cells: vec!["Boris".into(), "Ivanov".into()] },
            ]
        );
        assert_eq!((p.summary.created, p.summary.written, p.summary.warnings.len()), (2, false, 1));
        let v = preview_with_samples(&s, &fixtures::own("vcard/v40_bom_crcrlf.vcf"), &opts(DuplicatePolicy::Skip)).unwrap();
        assert!(v.headers.is_empty() && v.samples.is_empty() && v.summary.format == Preset::Vcard);

        let mut s = store();
        import_contacts(&mut s, &clock(), BASE.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("c.vcf");
        let d = export_to_file(&s, &clock(), ExportKind::ContactsVcard4, "Europe/Berlin", &out, crate::output::Replace::Never).unwrap();
        assert_eq!((d.count, d.calendar.is_none()), (2, true));
        assert!(std::fs::read_to_string(&out).unwrap().contains("FN:Anna Smirnova"));
        let d = export_to_file(&s, &clock(), ExportKind::Calendar, "Europe/Berlin", &dir.path().join("c.ics"), crate::output::Replace::Never).unwrap();
        assert_eq!(d.calendar.unwrap().time_zone, "Europe/Berlin");
        let e = export_to_file(&s, &clock(), ExportKind::DealsCsv, "UTC", &dir.path().join("missing/d.csv"), crate::output::Replace::Never).unwrap_err();
        assert_eq!(e.code, ErrorCode::Io);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no part files left behind");
        assert_eq!(read_source(&dir.path().join("nope.csv")).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn imports_index_new_updated_and_created_then_updated_contacts_and_their_companies_for_search() {
        use crate::store::search::{Hit, query};
        let mut s = store();
        import_contacts(&mut s, &clock(), BASE.as_bytes(), &opts(DuplicatePolicy::Skip), false).unwrap();
        // Anna is updated (new last name, new company); Vera is new; Gleb is created, then updated by a later row.
        let csv = "First Name,Last Name,Email,Phone,Company\nAnna,Smirnova-Petrova,,8 (912) 345-67-89,Lyutik\nVera,Orlova,vera@x.ru,,Lyutik\nGleb,,gleb@x.ru,,\nGleb,Popov,GLEB@x.ru,,Vasilek\n";
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Update), false).unwrap();
        assert_eq!((r.created, r.updated, r.companies_created), (2, 2, 2));
        // Both imports left their new rows' entries for after the commit
        // (2 + 1, then 2 + 2); Anna, updated by the second, was re-indexed in
        // it and left the first one's waiting rows.
        assert_eq!(store::search::pending(s.conn()).unwrap(), 3 - 1 + 4);
        let check = |c: &Connection| {
            let find = |q: &str| {
                let mut v = query(c, q, 50).unwrap();
                v.sort_by_key(|h| match h {
                    Hit::Contact(id) => (0, *id),
                    Hit::Company(id) => (1, *id),
                });
                v
            };
            assert_eq!(find("lyutik"), vec![Hit::Contact(1), Hit::Contact(3), Hit::Company(2)]);
            assert_eq!(find("petrova"), vec![Hit::Contact(1)]);
            assert_eq!(find("popov"), vec![Hit::Contact(4)]);
            assert_eq!(find("vasilek"), vec![Hit::Contact(4), Hit::Company(3)]);
            assert_eq!(find("gleb"), vec![Hit::Contact(4)], "indexed once");
            assert_eq!(find("romashka"), vec![Hit::Contact(2), Hit::Company(1)], "Anna moved to Lyutik");
            assert_eq!(find("smirnova"), vec![Hit::Contact(1)], "the old entry was replaced, not added to");
            assert_eq!(find("vera x ru"), vec![Hit::Contact(3)], "e-mail");
            assert_eq!(find("912 345"), vec![Hit::Contact(1)], "phone");
            c.execute_batch("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)").unwrap();
        };
        check(s.conn());
        assert_eq!(index_pending(&mut s, 3).unwrap(), 3, "one chunk at a time");
        check(s.conn());
        index_all_pending(&mut s).unwrap();
        assert_eq!(store::search::pending(s.conn()).unwrap(), 0);
        check(s.conn());
    }

    #[test]
    fn a_bulk_import_rebuilds_the_indexes_and_leaves_references_checked_and_sound() {
        use crate::store::search::{Hit, query};
        let mut s = store();
        let indexes = |s: &Store| -> Vec<String> {
            s.conn()
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('contacts', 'companies') AND sql IS NOT NULL ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let fk_on = |s: &Store| s.conn().query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0)).unwrap();
        let before = indexes(&s);
        assert!(before.contains(&"contacts_by_name".to_string()) && before.contains(&"companies_by_stage".to_string()));
        let mut csv = String::from("First Name,Last Name,E-mail Address,Mobile Phone,Company,Notes\n");
        for i in 0..6_000 {
            csv.push_str(&format!("Bulk{i},Person{i},bulk{i}@example.com,+7 916 {i:07},Firm {} Ltd,Met at the fair in hall {}\n", i % 700, i % 9));
        }
        assert!(csv.len() / 100 >= BULK_ROWS, "large enough to take the bulk path");
        // One bad row at the end: the whole bulk import rolls back, indexes and all.
        let bad = format!("{csv}Broken,Row,not-an-email,,,\n");
        let r = import_contacts(&mut s, &clock(), bad.as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert!(!r.written);
        assert_eq!(stats_contacts(&s), 0);
        assert_eq!(indexes(&s), before);
        assert_eq!(fk_on(&s), 1, "reference checks are back on after a rolled-back bulk import");

        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert!(r.written);
        assert_eq!((r.created, r.companies_created), (6_000, 700));
        assert_eq!(indexes(&s), before, "every index is back");
        assert_eq!(fk_on(&s), 1);
        assert!(crate::store::stats::foreign_key_problems(s.conn()).unwrap().is_empty());
        assert!(crate::store::stats::integrity_problems(s.conn()).unwrap().is_empty());
        // The rebuilt name index serves the clients list; the company index a company's contacts.
        let firm: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM contacts WHERE company_id = (SELECT id FROM companies WHERE name = 'Firm 7 Ltd')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(firm, 6_000 / 700 + 1);
        let plan: String = s
            .conn()
            .query_row("EXPLAIN QUERY PLAN SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY last_name, first_name LIMIT 5", [], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("contacts_by_name"), "{plan}");
        let last = query(s.conn(), "bulk5999 person5999", 10).unwrap();
        assert_eq!(last.len(), 1);
        index_all_pending(&mut s).unwrap();
        assert_eq!(query(s.conn(), "bulk5999 person5999", 10).unwrap(), last);
        assert!(matches!(last[0], Hit::Contact(_)));
        // A later, smaller import into the now larger table keeps the indexes row by row.
        let r = import_contacts(&mut s, &clock(), "First Name,Email\nLate,late@example.com\n".as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert!(r.written);
        assert_eq!(fk_on(&s), 1);
    }

    fn stats_contacts(s: &Store) -> i64 {
        s.conn().query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn rows_waiting_for_their_search_entries_can_be_edited_and_archived_meanwhile() {
        use crate::store::search::{Hit, query};
        let mut s = store();
        let mut csv = String::from("First Name,Last Name,Email,Company\n");
        for i in 1..=50 {
            csv.push_str(&format!("Name{i},Family{i},n{i}@x.ru,Firm{}\n", i % 5));
        }
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert_eq!((r.created, r.companies_created), (50, 5));
        assert_eq!(store::search::pending(s.conn()).unwrap(), 55);
        // Edited in the middle of the waiting run: indexed at once, and the run splits around it.
        let mut c20 = store::contacts::get(s.conn(), 20).unwrap();
        c20.last_name = "Renamed".into();
        let input = ContactInput {
            company_id: c20.company_id,
            first_name: c20.first_name.clone(),
            last_name: c20.last_name.clone(),
            email: c20.email.clone(),
            ..Default::default()
        };
        crate::usecases::crm::update_contact(&mut s, &clock(), 20, &input).unwrap();
        crate::usecases::crm::archive(&mut s, &clock(), crate::usecases::crm::Archivable::Contact, 30).unwrap();
        assert_eq!(store::search::pending(s.conn()).unwrap(), 53);
        let find = |s: &Store, q: &str| query(s.conn(), q, 100).unwrap();
        for round in 0..2 {
            assert_eq!(find(&s, "renamed"), vec![Hit::Contact(20)], "round {round}");
            assert!(find(&s, "family20").is_empty(), "round {round}");
            assert!(find(&s, "family30").is_empty(), "archived, round {round}");
            assert_eq!(find(&s, "family45"), vec![Hit::Contact(45)], "round {round}");
            let firm = find(&s, "firm3");
            assert_eq!(firm.iter().filter(|h| matches!(h, Hit::Contact(_))).count(), 10, "round {round}: {firm:?}");
            assert_eq!(firm.iter().filter(|h| matches!(h, Hit::Company(_))).count(), 1, "round {round}");
            assert_eq!(find(&s, "n").len(), 49, "round {round}: every live contact once (n…@x.ru)");
            index_all_pending(&mut s).unwrap();
        }
        s.conn().execute_batch("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)").unwrap();
        // A rolled-back import leaves no waiting rows behind.
        let r = import_contacts(&mut s, &clock(), "First Name,Email\nA,a@x.ru\nB,not-an-email\n".as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert!(!r.written);
        assert_eq!(store::search::pending(s.conn()).unwrap(), 0);
    }

    #[test]
    fn every_imported_contact_can_be_saved_unchanged_in_the_editor() {
        saved_unchanged_in_the_editor(&own_files(), "piet@devries.example");
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_every_imported_contact_can_be_saved_unchanged_in_the_editor() {
        // Thunderbird's `contact1@invalid` imports, and so saves again.
        saved_unchanged_in_the_editor(&real_files(), "contact2@invalid");
    }

    /// One e-mail rule (validate::is_email) for imports and the editor: every
    /// contact the files give saves unchanged.
    fn saved_unchanged_in_the_editor(files: &[(&str, Vec<u8>)], an_email: &str) {
        let mut s = store();
        for (f, bytes) in files {
            let r = import_contacts(&mut s, &clock(), bytes, &ImportOptions { duplicates: DuplicatePolicy::Create, ..ImportOptions::new(f) }, false).unwrap();
            assert!(r.written, "{f}: {:?}", r.refused);
        }
        let all = contacts(&s);
        assert!(all.iter().any(|c| c.email.as_deref() == Some(an_email)));
        for c in all {
            let input = ContactInput::from(&c);
            let saved =
                crate::usecases::crm::update_contact(&mut s, &clock(), c.id, &input).unwrap_or_else(|e| panic!("{} {}: {e:?}", c.first_name, c.last_name));
            assert_eq!(saved, c);
        }
        // And what the editor refuses, an import refuses too, naming line and field.
        let r = import_contacts(&mut s, &clock(), "Name,Email\nAnna,anna@x..ru\n".as_bytes(), &opts(DuplicatePolicy::Create), false).unwrap();
        assert_eq!(r.refused.iter().map(|p| (p.line, p.field.as_deref())).collect::<Vec<_>>(), vec![(2, Some("Email"))]);
    }

    #[test]
    fn every_fixture_imports_and_round_trips_through_vcard4_vcard3_and_csv() {
        // Android's card with only Lena's e-mail is completed by her full card (one contact, not two).
        round_trips(&own_files(), 2 + 1 + 1 + 1 + 2 + 2 + 2 + 3, ("Віра", "Ковальчук"));
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_every_fixture_imports_and_round_trips_through_vcard4_vcard3_and_csv() {
        round_trips(&real_files(), 6 + 16 + 1 + 1 + 1 + 1 + 2, ("Віталій", "Кличко"));
    }

    fn round_trips(files: &[(&str, Vec<u8>)], count: usize, (first, last): (&str, &str)) {
        let mut s = store();
        for (f, bytes) in files {
            let r = import_contacts(&mut s, &clock(), bytes, &ImportOptions { duplicates: DuplicatePolicy::Create, ..ImportOptions::new(f) }, false).unwrap();
            assert!(r.written, "{f}: {:?}", r.refused);
        }
        let original = shape(&s);
        assert_eq!(original.len(), count);
        assert!(original.iter().any(|c| !c.8.is_empty()), "addresses are imported and go round with the rest");
        assert!(original.iter().any(|c| c.0 == first && c.1 == last));
        let with_notes = |st: &Store| export_contacts_list(st).unwrap().into_iter().map(|e| e.contact.notes).collect::<Vec<_>>();
        for format in [ContactsFormat::Vcard4, ContactsFormat::Vcard3, ContactsFormat::Csv] {
            let (bytes, n) = export_contacts(&s, format).unwrap();
            assert_eq!(n, original.len());
            let mut back = store();
            let r = import_contacts(&mut back, &clock(), &bytes, &ImportOptions { duplicates: DuplicatePolicy::Create, ..ImportOptions::new("export") }, false)
                .unwrap();
            assert!(r.refused.is_empty(), "{format:?}: {:?}", r.refused);
            assert_eq!(shape(&back), original, "{format:?}");
            let notes = |v: Vec<Option<String>>| v.into_iter().map(|n| n.map(|n| n.replace("\r\n", "\n").replace('\r', "\n"))).collect::<Vec<_>>();
            assert_eq!(notes(with_notes(&back)), notes(with_notes(&s)), "{format:?}");
        }
    }
}

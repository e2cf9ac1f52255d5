//! Writing contacts as vCard 4.0 / 3.0 and CSV, and deals and activities as
//! CSV (UTF-8 with a BOM so Excel reads it right).

use crate::model::Contact;
use crate::store::interop::{ActivityExportRow, Channel, DealExportRow};

/// A contact with what the exports need besides its own columns.
#[derive(Debug, Clone)]
pub struct ExportContact {
    pub contact: Contact,
    pub company: Option<String>,
    /// Additional phones and e-mails, in order.
    pub channels: Vec<Channel>,
    /// Addresses, in order.
    pub addresses: Vec<crate::address::AddressInput>,
    /// The labels of the primary phone and e-mail (`cell`, `work`, …).
    pub phone_label: Option<String>,
    pub email_label: Option<String>,
    /// Display name, additional name, prefix, suffix, nickname, department, role, website.
    pub details: crate::contact_details::ContactDetails,
    /// Tags, by name.
    pub tags: Vec<String>,
    /// Every custom field of contacts, in order: (key, label, value as files
    /// carry it; empty when the contact has none).
    pub custom: Vec<(String, String, String)>,
    /// The company's industry, employees, revenue (minor units) and parent's name.
    pub company_facts: Option<crate::store::interop::CompanyFactsRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VcardVersion {
    V3,
    V4,
}

/// Escapes a vCard/iCalendar text value (`\` `,` `;` and newlines).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 sequence) and
/// ends it with CRLF, as RFC 5545 and RFC 6350 ask.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn label_param(label: Option<&str>, pref: bool, v: VcardVersion) -> String {
    let mut types: Vec<String> = label.map(|l| l.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()).unwrap_or_default();
    let mut s = String::new();
    if pref && v == VcardVersion::V3 {
        types.push("pref".into());
    }
    if !types.is_empty() {
        let ok: Vec<String> = types.into_iter().filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).collect();
        if !ok.is_empty() {
            s.push_str(&format!(";TYPE={}", if v == VcardVersion::V4 && ok.len() > 1 { format!("\"{}\"", ok.join(",")) } else { ok.join(",") }));
        }
    }
    if pref && v == VcardVersion::V4 {
        s.push_str(";PREF=1");
    }
    s
}

/// All contacts as one vCard file.
pub fn vcards(contacts: &[ExportContact], v: VcardVersion) -> String {
    let mut out = String::new();
    for ec in contacts {
        let c = &ec.contact;
        fold("BEGIN:VCARD", &mut out);
        fold(if v == VcardVersion::V4 { "VERSION:4.0" } else { "VERSION:3.0" }, &mut out);
        fold(&format!("UID:urn:conveyor:contact:{}", c.id), &mut out);
        let d = &ec.details;
        let name = d.full_name(&c.first_name, &c.last_name);
        fold(&format!("FN:{}", escape_text(&name)), &mut out);
        fold(
            &format!(
                "N:{};{};{};{};{}",
                escape_text(&c.last_name),
                escape_text(&c.first_name),
                escape_text(&d.additional),
                escape_text(&d.prefix),
                escape_text(&d.suffix)
            ),
            &mut out,
        );
        if !d.nickname.is_empty() {
            fold(&format!("NICKNAME:{}", escape_text(&d.nickname)), &mut out);
        }
        match (&ec.company, d.department.is_empty()) {
            (Some(org), true) => fold(&format!("ORG:{}", escape_text(org)), &mut out),
            (org, false) => fold(&format!("ORG:{};{}", escape_text(org.as_deref().unwrap_or("")), escape_text(&d.department)), &mut out),
            (None, true) => {}
        }
        if let Some(t) = &c.title {
            fold(&format!("TITLE:{}", escape_text(t)), &mut out);
        }
        if !d.role.is_empty() {
            fold(&format!("ROLE:{}", escape_text(&d.role)), &mut out);
        }
        if !d.website.is_empty() {
            fold(&format!("URL:{}", escape_text(&d.website)), &mut out);
        }
        if let Some(e) = &c.email {
            fold(&format!("EMAIL{}:{}", label_param(ec.email_label.as_deref(), true, v), escape_text(e)), &mut out);
        }
        for ch in ec.channels.iter().filter(|ch| ch.kind == "email") {
            fold(&format!("EMAIL{}:{}", label_param(ch.label.as_deref(), false, v), escape_text(&ch.value)), &mut out);
        }
        if let Some(p) = &c.phone {
            fold(&format!("TEL{}:{}", label_param(ec.phone_label.as_deref(), true, v), escape_text(p)), &mut out);
        }
        for ch in ec.channels.iter().filter(|ch| ch.kind == "phone") {
            fold(&format!("TEL{}:{}", label_param(ch.label.as_deref(), false, v), escape_text(&ch.value)), &mut out);
        }
        for a in &ec.addresses {
            let t = a.kind.vcard_type();
            let param = if t.is_empty() { String::new() } else { format!(";TYPE={t}") };
            let parts = [&a.street, &a.city, &a.region, &a.postcode, &a.country].map(|p| escape_text(p));
            fold(&format!("ADR{param}:;;{}", parts.join(";")), &mut out);
        }
        if let Some(b) = &c.birthday {
            // 4.0 writes partial dates as --MMDD; 3.0 knows only full dates,
            // so a year-less birthday goes out in the common --MM-DD form.
            let s = match (v, b.strip_prefix("--")) {
                (VcardVersion::V4, Some(md)) => format!("--{}", md.replace('-', "")),
                (VcardVersion::V4, None) => b.replace('-', ""),
                (VcardVersion::V3, _) => b.clone(),
            };
            fold(&format!("BDAY:{s}"), &mut out);
        }
        if let Some(n) = &c.notes {
            fold(&format!("NOTE:{}", escape_text(n)), &mut out);
        }
        if !ec.tags.is_empty() {
            fold(&format!("CATEGORIES:{}", ec.tags.iter().map(|t| escape_text(t)).collect::<Vec<_>>().join(",")), &mut out);
        }
        for (key, _, value) in ec.custom.iter().filter(|x| !x.2.is_empty()) {
            fold(&format!("X-{}:{}", key.to_ascii_uppercase().replace('_', "-"), escape_text(value)), &mut out);
        }
        fold("END:VCARD", &mut out);
    }
    out
}

/// Every CSV Conveyor writes: every cell goes through [`neutralise`].
fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(vec![0xEF, 0xBB, 0xBF]);
    // Writing into a Vec cannot fail.
    let _ = w.write_record(header.iter().map(|h| neutralise(h).into_owned()));
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell would run as a formula once its leading apostrophes are
/// taken away (`=1+1`, `'=1+1`, `''@SUM(A1)`…). A plain number (`-12.50`,
/// `+5`) is data, not a formula, and stays as it is.
fn formula_like(cell: &str) -> bool {
    let rest = cell.trim_start_matches('\'');
    if !rest.starts_with(FORMULA_START) {
        return false;
    }
    rest != cell || !plain_number(cell)
}

fn plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
}

/// A CSV cell made safe to open in a spreadsheet, as OWASP recommends
/// against formula injection: a cell starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading apostrophe, so Excel and LibreOffice
/// show it as text instead of running it. A cell that already starts with
/// apostrophes before such a character gets one more, so [`restore`] (our
/// own import) gives the original text back in every case.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) { format!("'{cell}").into() } else { cell.into() }
}

/// The original text of a cell [`neutralise`] wrote: the import's side.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Contacts as CSV with as many E-mail/Phone columns as the busiest contact needs.
pub fn contacts_csv(contacts: &[ExportContact]) -> Vec<u8> {
    let count = |ec: &ExportContact, kind: &str, primary: bool| ec.channels.iter().filter(|c| c.kind == kind).count() + primary as usize;
    let emails = contacts.iter().map(|c| count(c, "email", c.contact.email.is_some())).max().unwrap_or(0).max(1);
    let phones = contacts.iter().map(|c| count(c, "phone", c.contact.phone.is_some())).max().unwrap_or(0).max(1);
    let mut header: Vec<String> = ["First Name", "Last Name", "Company", "Job Title"].iter().map(|s| s.to_string()).collect();
    // Each value with its kind beside it; the primary one's kind starts
    // with "* " (as Google marks it), so it stays the primary one.
    for (name, n) in [("E-mail", emails), ("Phone", phones)] {
        for i in 1..=n {
            let col = if i == 1 { name.to_string() } else { format!("{name} {i}") };
            header.push(format!("{col} Type"));
            header.push(col);
        }
    }
    header.extend(["Birthday".to_string(), "Notes".to_string()]);
    header.extend(["Display Name", "Middle Name", "Name Prefix", "Name Suffix", "Nickname", "Department", "Business Role", "Website"].map(String::from));
    let addresses = contacts.iter().map(|c| c.addresses.len()).max().unwrap_or(0);
    for i in 1..=addresses {
        for part in ["Kind", "Street", "City", "Region", "Postal Code", "Country"] {
            header.push(format!("Address {i} - {part}"));
        }
    }
    let tags = contacts.iter().any(|c| !c.tags.is_empty());
    if tags {
        header.push("Tags".into());
    }
    // The company's own columns, named as a generic import reads them back.
    let facts = contacts.iter().any(|c| c.company_facts.is_some());
    if facts {
        header.extend(["Industry", "Employees", "Annual Revenue", "Parent Company"].map(String::from));
    }
    header.extend(contacts.first().map(|c| c.custom.iter().map(|x| x.1.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = contacts.iter().map(|ec| {
        let c = &ec.contact;
        let mut r = vec![c.first_name.clone(), c.last_name.clone(), opt(&ec.company), opt(&c.title)];
        for (kind, primary, label, n) in [("email", &c.email, &ec.email_label, emails), ("phone", &c.phone, &ec.phone_label, phones)] {
            let mut vals: Vec<(String, String)> =
                primary.iter().map(|v| (format!("* {}", label.as_deref().unwrap_or("")).trim().to_string(), v.clone())).collect();
            vals.extend(ec.channels.iter().filter(|ch| ch.kind == kind).map(|ch| (ch.label.clone().unwrap_or_default(), ch.value.clone())));
            vals.resize(n, (String::new(), String::new()));
            for (l, v) in vals {
                r.push(l);
                r.push(v);
            }
        }
        r.push(opt(&c.birthday));
        r.push(opt(&c.notes));
        let d = &ec.details;
        r.extend([&d.display_name, &d.additional, &d.prefix, &d.suffix, &d.nickname, &d.department, &d.role, &d.website].map(|s| s.clone()));
        for i in 0..addresses {
            match ec.addresses.get(i) {
                Some(a) => r.extend([a.kind.as_str().to_string(), a.street.clone(), a.city.clone(), a.region.clone(), a.postcode.clone(), a.country.clone()]),
                None => r.extend(std::iter::repeat_n(String::new(), 6)),
            }
        }
        if tags {
            r.push(ec.tags.join(", "));
        }
        if facts {
            let (industry, employees, revenue, parent) = ec.company_facts.clone().unwrap_or_default();
            r.extend([opt(&industry), employees.map(|n| n.to_string()).unwrap_or_default(), revenue.map(minor_to_decimal).unwrap_or_default(), opt(&parent)]);
        }
        r.extend(ec.custom.iter().map(|x| x.2.clone()));
        r
    });
    csv_bytes(&h, rows)
}

pub fn deals_csv(rows: &[DealExportRow]) -> Vec<u8> {
    let header = [
        "Id",
        "Title",
        "Company",
        "Contact",
        "Stage",
        "Step",
        "Value",
        "Currency",
        "Status",
        "Source",
        "Next step",
        "Next step date",
        "Close reason",
        "Closed on",
        "Created",
    ];
    csv_bytes(
        &header,
        rows.iter().map(|d| {
            vec![
                d.id.to_string(),
                d.title.clone(),
                opt(&d.company),
                opt(&d.contact).trim().to_string(),
                d.stage.clone(),
                d.step.clone(),
                minor_to_decimal(d.value_minor),
                d.currency.clone(),
                d.status.clone(),
                d.source.clone(),
                opt(&d.next_step),
                opt(&d.next_step_date),
                opt(&d.close_reason),
                opt(&d.closed_on),
                d.created_at.clone(),
            ]
        }),
    )
}

pub fn activities_csv(rows: &[ActivityExportRow]) -> Vec<u8> {
    let header = ["Id", "Kind", "Subject", "Deal", "Contact", "Company", "Due", "Done", "Outcome", "Duration (min)", "Notes"];
    csv_bytes(
        &header,
        rows.iter().map(|a| {
            vec![
                a.id.to_string(),
                a.kind.clone(),
                a.subject.clone(),
                opt(&a.deal),
                opt(&a.contact).trim().to_string(),
                opt(&a.company),
                opt(&a.due_at),
                opt(&a.done_at),
                opt(&a.outcome),
                a.duration_min.map(|d| d.to_string()).unwrap_or_default(),
                opt(&a.notes),
            ]
        }),
    )
}

/// Minor units as a plain decimal with two places (`123456` → `1234.56`).
fn minor_to_decimal(m: i64) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let a = m.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_utf8_whole() {
        let mut out = String::new();
        let line = format!("NOTE:{}", "Жёлтый ".repeat(30));
        fold(&line, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn formula_cells_are_neutralised_and_come_back_as_they_were() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+7 912 345 67 89", "'+7 912 345 67 89"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1+1", "''=1+1"),
            ("''@x", "'''@x"),
            ("'-5", "''-5"),
            ("-12.50", "-12.50"),
            ("+5", "+5"),
            ("-", "'-"),
            ("Anna", "Anna"),
            ("'quoted'", "'quoted'"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(restore(&neutralise(cell)), cell, "round trip of {cell:?}");
        }
        let csv = String::from_utf8(csv_bytes(&["Name"], [vec!["=1+1".to_string()]].into_iter())).unwrap();
        assert!(csv.contains("\r\n'=1+1\r\n"), "{csv:?}");
    }

    #[test]
    fn text_escapes() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(minor_to_decimal(123456), "1234.56");
        assert_eq!(minor_to_decimal(-5), "-0.05");
    }
}

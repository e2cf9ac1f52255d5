//! Interop with other programs: CSV and vCard contacts in, vCard/CSV/ICS out.
//! Parsers here are pure (bytes in, records and problems out); the use cases
//! in `usecases::import` plan and write them in one transaction.

pub mod conventions;
pub mod csv;
pub mod deals;
pub mod encoding;
pub mod export;
pub mod ics;
pub mod mapping;
pub mod table;
pub mod values;
pub mod vcard;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One contact read from a file, before it is checked against the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportRecord {
    /// Where it starts in the file: the CSV line, or the vCard's `BEGIN` line.
    pub line: u64,
    /// The card's number in a vCard file (1-based); 0 for CSV.
    pub card: u64,
    pub first_name: String,
    pub last_name: String,
    /// A whole name when the file has no separate parts ("Display Name", FN).
    pub full_name: String,
    pub company: String,
    pub title: String,
    pub notes: String,
    pub birthday: String,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    /// Addresses as the file gave them (checked when the record is).
    pub addresses: Vec<crate::address::AddressInput>,
    /// Display name (the card's FN, or a "Name" column, beside first and
    /// last), additional name, prefix, suffix, nickname, department, role, website.
    pub details: crate::contact_details::ContactDetails,
    /// Tags: Google's group lists, vCard CATEGORIES, a Tags column.
    pub tags: Vec<String>,
    /// Values for custom fields: (the column header or `X-` property, value).
    pub custom: Vec<(std::sync::Arc<str>, String)>,
    /// What the row says about the company (industry, size, revenue, parent).
    pub company_facts: CompanyFacts,
    /// A birthday given in parts (Thunderbird's Birth Year, Month, Day).
    pub birth_year: String,
    pub birth_month: String,
    pub birth_day: String,
}

/// A company's own columns in a contacts file, as the file wrote them
/// (read when the record is checked); each value with the column it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFacts {
    pub industry: String,
    pub employees: Option<(std::sync::Arc<str>, String)>,
    pub revenue: Option<(std::sync::Arc<str>, String)>,
    pub parent: String,
}

impl CompanyFacts {
    pub fn is_empty(&self) -> bool {
        self.industry.is_empty() && self.employees.is_none() && self.revenue.is_none() && self.parent.is_empty()
    }
}

/// A phone or e-mail with its label from the file (`work`, `cell`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labelled {
    pub value: String,
    pub label: Option<String>,
    /// The column or property it came from, for messages (shared, not copied per row).
    pub field: std::sync::Arc<str>,
    /// The file marks it as preferred (vCard `PREF`/`TYPE=pref`, Google's `*`).
    pub pref: bool,
}

/// A problem with one place in a file: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// Line in the file (1-based).
    #[ts(type = "number")]
    pub line: u64,
    /// The vCard's number in the file (1-based), when the file is vCard.
    #[ts(type = "number | null")]
    pub card: Option<u64>,
    /// The column header or vCard property at fault, if any.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn at(line: u64, field: Option<&str>, message: impl Into<String>) -> Self {
        Problem { line, card: None, field: field.map(str::to_string), message: message.into() }
    }
}

/// The longest single value we accept (notes included), in characters.
pub const FIELD_MAX_CHARS: usize = 10_000;

/// Normalised e-mail for duplicate detection: trimmed, lower-case.
pub fn norm_email(e: &str) -> String {
    e.trim().to_lowercase()
}

/// Normalised phone: its digits, with a leading `+` when the number has an
/// international prefix (`+` or `00`). Letters-only values give "".
pub fn norm_phone(p: &str) -> String {
    let t = p.trim();
    let t = t.strip_prefix("tel:").unwrap_or(t);
    // Drop extensions (";ext=102", "x102") so they don't merge into the number.
    let main = t.split([';', 'x', 'X']).next().unwrap_or(t);
    let plus = main.trim_start().starts_with('+');
    let mut out = String::with_capacity(main.len() + 1);
    if plus {
        out.push('+');
    }
    out.extend(main.bytes().filter(u8::is_ascii_digit).map(char::from));
    if out.len() == usize::from(plus) {
        return String::new();
    }
    if !plus && out.starts_with("00") && out.len() - 2 >= 8 {
        out.replace_range(0..2, "+");
    }
    out
}

/// The key two phones are compared by: the last ten digits (so `+7 912…`,
/// `8 912…` and `912…` are one number), or all digits of a shorter number.
/// Numbers under seven digits (extensions, short codes) are not compared.
pub fn phone_key(norm: &str) -> Option<&str> {
    let digits = norm.trim_start_matches('+');
    if digits.len() < 7 {
        return None;
    }
    Some(&digits[digits.len().saturating_sub(10)..])
}

/// Normalised person name for duplicate detection.
pub fn name_key(first: &str, last: &str) -> Option<String> {
    let mut out = String::with_capacity(first.len() + last.len() + 1);
    for word in first.split_whitespace().chain(last.split_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// Whether an import keeps a value as an e-mail address: the editor's own
/// rule ([`crate::validate::is_email`]), so every imported contact can be
/// edited and saved unchanged.
pub fn plausible_email(e: &str) -> bool {
    crate::validate::is_email(e)
}

/// Files for the tests. `own` files are written for this project and live in
/// `crates/core/tests/fixtures/interop/` (README there: what each exercises).
/// `real` files are the third-party exports in `../shared/fixtures`, an extra
/// check that is not part of the project: tests reading them are
/// `#[ignore = "real export: ..."]`, and `./dev test` runs them only when that
/// folder exists beside the clone (otherwise cargo lists them as ignored).
#[cfg(test)]
pub(crate) mod fixtures {
    use std::path::{Path, PathBuf};

    pub fn own(rel: &str) -> Vec<u8> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop").join(rel);
        std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
    }

    /// The folder of real third-party exports beside the clone.
    pub fn real_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
    }

    pub fn real(rel: &str) -> Vec<u8> {
        let p = real_dir().join(rel);
        std::fs::read(&p).unwrap_or_else(|e| {
            panic!("real export {}: {e}. These checks need ../shared/fixtures beside the clone; `./dev test` runs them only when it exists", p.display())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise_with_country_code_and_compare_by_last_ten_digits() {
        assert_eq!(norm_phone("+7 (912) 345-67-89"), "+79123456789");
        assert_eq!(norm_phone("0049 30 1234567"), "+49301234567");
        assert_eq!(norm_phone("8 912 345 67 89"), "89123456789");
        assert_eq!(norm_phone("tel:+1-418-656-9254;ext=102"), "+14186569254");
        assert_eq!(norm_phone("business 1"), "1");
        assert_eq!(norm_phone("n/a"), "");
        assert_eq!(phone_key(&norm_phone("+7 912 345 67 89")), phone_key(&norm_phone("8 (912) 345-67-89")));
        assert_ne!(phone_key(&norm_phone("+7 912 345 67 89")), phone_key(&norm_phone("+7 912 345 67 80")));
        assert_eq!(phone_key("1"), None);
        assert_eq!(phone_key("123456"), None, "too short to say two contacts are one");
    }

    #[test]
    fn emails_and_names_normalise() {
        assert_eq!(norm_email("  John.Doe@Example.COM "), "john.doe@example.com");
        assert_eq!(name_key(" Анна ", "СМИРНОВА"), Some("анна смирнова".into()));
        assert_eq!(name_key("", " "), None);
        assert!(plausible_email("contact1@invalid"));
        assert!(!plausible_email("no at sign"));
        assert!(!plausible_email("a@b@c"));
    }
}

//! Which CSV column goes into which contact field: presets for the exports of
//! Google Contacts, Outlook and Thunderbird, and a generic auto-mapping by
//! header names in English and Russian.

use super::{FIELD_MAX_CHARS, ImportRecord, Labelled, Problem};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A contact field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    FirstName,
    LastName,
    /// A whole name, split into first and last when those are missing.
    FullName,
    Company,
    Title,
    /// Primary e-mail first, then further e-mails (several columns may map here).
    Email,
    /// Primary phone first, then further phones.
    Phone,
    /// Several columns are joined, one per line.
    Notes,
    Birthday,
    /// Tags (Google's `* myContacts ::: Clients`, or a list with commas).
    Tags,
    /// A custom field named like the column (made as a text field when the
    /// workspace has none of that name).
    Custom,
}

impl ContactField {
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
            Error::validation(
                "mapping",
                format!(
                    "“{s}” is not a contact field. Use one of: first_name, last_name, full_name, company, title, email, phone, notes, birthday, tags, custom."
                ),
            )
        })
    }
}

/// Known export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Recognise the format from the file (CSV headers, or vCard).
    Auto,
    Google,
    Outlook,
    Thunderbird,
    /// Any other CSV: columns mapped by their header names.
    Generic,
    Vcard,
}

impl Preset {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "auto" => Ok(Preset::Auto),
            "google" => Ok(Preset::Google),
            "outlook" => Ok(Preset::Outlook),
            "thunderbird" => Ok(Preset::Thunderbird),
            "generic" => Ok(Preset::Generic),
            "vcard" => Ok(Preset::Vcard),
            _ => Err(Error::validation("preset", format!("“{s}” is not a known format. Use auto, google, outlook, thunderbird, generic or vcard."))),
        }
    }
}

/// One column of the file and the field it fills (None = ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    #[ts(type = "number")]
    pub column: u32,
    pub header: String,
    pub field: Option<ContactField>,
}

fn key(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Recognises an export format by its headers.
pub fn detect_preset(headers: &[String]) -> Preset {
    let has = |h: &str| headers.iter().any(|x| key(x) == key(h));
    if has("Given Name") && has("E-mail 1 - Value") {
        Preset::Google
    } else if has("Primary Email") && has("Display Name") {
        Preset::Thunderbird
    } else if has("E-mail Address") && has("First Name") {
        Preset::Outlook
    } else {
        Preset::Generic
    }
}

fn google(h: &str) -> Option<ContactField> {
    use ContactField::*;
    let k = key(h);
    Some(match k.as_str() {
        "givenname" => FirstName,
        "familyname" => LastName,
        "name" => FullName,
        "notes" => Notes,
        "birthday" => Birthday,
        "organization1name" => Company,
        "organization1title" => Title,
        "labels" | "groupmembership" => Tags,
        _ if k.starts_with("email") && k.ends_with("value") => Email,
        _ if k.starts_with("phone") && k.ends_with("value") => Phone,
        _ => return None,
    })
}

fn outlook(h: &str) -> Option<ContactField> {
    use ContactField::*;
    let k = key(h);
    Some(match k.as_str() {
        "firstname" => FirstName,
        "lastname" => LastName,
        "company" => Company,
        "jobtitle" => Title,
        "notes" => Notes,
        "birthday" => Birthday,
        "categories" => Tags,
        "emailaddress" | "email2address" | "email3address" => Email,
        "mobilephone" | "businessphone" | "business phone2" | "businessphone2" | "homephone" | "homephone2" | "primaryphone" | "otherphone"
        | "companymainphone" | "carphone" => Phone,
        _ => return None,
    })
}

fn thunderbird(h: &str) -> Option<ContactField> {
    use ContactField::*;
    let k = key(h);
    Some(match k.as_str() {
        "firstname" => FirstName,
        "lastname" => LastName,
        "displayname" => FullName,
        "primaryemail" | "secondaryemail" => Email,
        "workphone" | "homephone" | "mobilenumber" => Phone,
        "jobtitle" => Title,
        "organization" => Company,
        "notes" | "custom1" | "custom2" | "custom3" | "custom4" => Notes,
        _ => return None,
    })
}

/// Generic auto-mapping by header names (English and Russian).
fn generic(h: &str) -> Option<ContactField> {
    use ContactField::*;
    let k = key(h);
    let any = |xs: &[&str]| xs.iter().any(|x| k == *x);
    let starts = |xs: &[&str]| xs.iter().any(|x| k.starts_with(x));
    if any(&["firstname", "givenname", "first", "forename", "имя"]) {
        Some(FirstName)
    } else if any(&["lastname", "familyname", "surname", "last", "фамилия"]) {
        Some(LastName)
    } else if any(&["name", "fullname", "displayname", "contact", "contactname", "фио", "контакт", "полноеимя", "имяифамилия"]) {
        Some(FullName)
    } else if any(&["company", "organization", "organisation", "org", "employer", "компания", "организация", "фирма"]) {
        Some(Company)
    } else if any(&["title", "jobtitle", "position", "role", "должность"]) {
        Some(Title)
    } else if starts(&["email", "mail", "почта", "электроннаяпочта"]) || k.contains("email") {
        Some(Email)
    } else if starts(&["phone", "tel", "mobile", "cell", "телефон", "мобильный", "тел"]) || k.contains("phone") {
        Some(Phone)
    } else if any(&["notes", "note", "comment", "comments", "description", "заметки", "примечание", "комментарий", "примечания"])
    {
        Some(Notes)
    } else if any(&["birthday", "birthdate", "dateofbirth", "dob", "деньрождения", "датарождения"]) {
        Some(Birthday)
    } else if any(&["tags", "tag", "categories", "labels", "groups", "groupmembership", "теги", "метки", "группы", "категории"]) {
        Some(Tags)
    } else {
        None
    }
}

/// The mapping a preset gives to these headers.
pub fn preset_mapping(preset: Preset, headers: &[String]) -> Vec<ColumnMapping> {
    let f: fn(&str) -> Option<ContactField> = match preset {
        Preset::Google => google,
        Preset::Outlook => outlook,
        Preset::Thunderbird => thunderbird,
        _ => generic,
    };
    headers.iter().enumerate().map(|(i, h)| ColumnMapping { column: i as u32, header: h.clone(), field: f(h) }).collect()
}

/// Applies a mapping to one row. Ragged rows (fewer fields than the header)
/// are read as far as they go; the caller reports them.
pub fn apply(mapping: &[ColumnMapping], headers: &[std::sync::Arc<str>], line: u64, row: &[&str], problems: &mut Vec<Problem>) -> ImportRecord {
    let mut r = ImportRecord { line, ..Default::default() };
    for (i, m) in mapping.iter().enumerate() {
        let Some(field) = m.field else { continue };
        let Some(v) = row.get(m.column as usize) else { continue };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        if v.len() > FIELD_MAX_CHARS && (v.len() > FIELD_MAX_CHARS * 4 || v.chars().count() > FIELD_MAX_CHARS) {
            problems.push(Problem::at(
                line,
                Some(&m.header),
                format!("the value is {} characters long; the limit is {FIELD_MAX_CHARS}. Shorten it or map the column to nothing.", v.chars().count()),
            ));
            continue;
        }
        let push_text = |dst: &mut String| {
            if !dst.is_empty() {
                dst.push('\n');
            }
            dst.push_str(v);
        };
        match field {
            ContactField::FirstName => push_space(&mut r.first_name, v),
            ContactField::LastName => push_space(&mut r.last_name, v),
            ContactField::FullName => push_space(&mut r.full_name, v),
            ContactField::Company => {
                if r.company.is_empty() {
                    r.company = v.to_string()
                }
            }
            ContactField::Title => {
                if r.title.is_empty() {
                    r.title = v.to_string()
                }
            }
            ContactField::Notes => push_text(&mut r.notes),
            ContactField::Birthday => r.birthday = v.to_string(),
            ContactField::Email => {
                // Google puts several addresses in one cell: "a@x ::: b@y".
                for e in several(v) {
                    r.emails.push(Labelled { value: e.to_string(), label: None, field: headers[i].clone() });
                }
            }
            ContactField::Phone => {
                for p in several(v) {
                    r.phones.push(Labelled { value: p.to_string(), label: None, field: headers[i].clone() });
                }
            }
            ContactField::Tags => {
                for t in crate::usecases::tags::tag_cell(v) {
                    if !r.tags.contains(&t) {
                        r.tags.push(t);
                    }
                }
            }
            ContactField::Custom => r.custom.push((headers[i].clone(), v.to_string())),
        }
    }
    r
}

/// The values of a cell that may hold several (" ::: " between them, as
/// Google writes them). Most cells hold one: no substring search for those.
fn several(v: &str) -> impl Iterator<Item = &str> {
    let (one, many) = if v.contains(':') { (None, Some(v.split(":::"))) } else { (Some(v), None) };
    one.into_iter().chain(many.into_iter().flatten()).map(str::trim).filter(|x| !x.is_empty())
}

fn push_space(dst: &mut String, v: &str) {
    if !dst.is_empty() {
        dst.push(' ');
    }
    dst.push_str(v);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn russian_and_english_headers_auto_map() {
        let m = preset_mapping(Preset::Generic, &h(&["Фамилия", "Имя", "Телефон", "E-mail", "Компания", "Должность", "Комментарий", "Что-то"]));
        let f: Vec<_> = m.iter().map(|c| c.field).collect();
        use ContactField::*;
        assert_eq!(f, vec![Some(LastName), Some(FirstName), Some(Phone), Some(Email), Some(Company), Some(Title), Some(Notes), None]);
        let m = preset_mapping(Preset::Generic, &h(&["Full Name", "Email Address", "Mobile Phone", "Organization"]));
        assert_eq!(m.iter().map(|c| c.field).collect::<Vec<_>>(), vec![Some(FullName), Some(Email), Some(Phone), Some(Company)]);
    }

    #[test]
    fn presets_are_recognised_by_headers() {
        assert_eq!(detect_preset(&h(&["Name", "Given Name", "E-mail 1 - Value"])), Preset::Google);
        assert_eq!(detect_preset(&h(&["First Name", "Display Name", "Primary Email"])), Preset::Thunderbird);
        assert_eq!(detect_preset(&h(&["Title", "First Name", "Last Name", "E-mail Address"])), Preset::Outlook);
        assert_eq!(detect_preset(&h(&["Имя", "Почта"])), Preset::Generic);
        assert_eq!(ContactField::parse("email").unwrap(), ContactField::Email);
        assert!(ContactField::parse("shoe_size").is_err());
    }
}

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
    /// Address parts: columns with the same prefix ("Business …", "Home …",
    /// "Address 1 - …") make one address; several street columns are joined
    /// as lines.
    AddressStreet,
    AddressCity,
    AddressRegion,
    AddressPostcode,
    AddressCountry,
    /// The whole address in one cell, used when the parts are empty.
    AddressFormatted,
    /// What the address is for (Google's "Address 1 - Type": Home, Work).
    AddressKind,
    /// What the phone in the same group of columns is ("Phone 1 - Type": Mobile, Work Fax).
    PhoneKind,
    /// What the e-mail in the same group of columns is ("E-mail 1 - Type": Work).
    EmailKind,
    /// Middle names; the patronymic of Russian and Ukrainian names.
    AdditionalName,
    NamePrefix,
    NameSuffix,
    Nickname,
    Department,
    /// The person's role (vCard ROLE), beside the job title.
    Role,
    Website,
    /// Tags (Google's `* myContacts ::: Clients`, or a list with commas).
    Tags,
    /// A custom field named like the column (made as a text field when the
    /// workspace has none of that name).
    Custom,
    /// The company's industry, size (employees), yearly revenue and parent company.
    Industry,
    Employees,
    Revenue,
    ParentCompany,
    /// A birthday in three columns (Thunderbird): year (may be empty), month, day.
    BirthYear,
    BirthMonth,
    BirthDay,
}

impl ContactField {
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
            Error::validation(
                "mapping",
                format!("“{s}” is not a contact field. Use one of: first_name, last_name, full_name, company, title, email, phone, notes, birthday, address_street, address_city, address_region, address_postcode, address_country, address_formatted, address_kind, phone_kind, email_kind, additional_name, name_prefix, name_suffix, nickname, department, role, website, tags, custom, industry, employees, revenue, parent_company, birth_year, birth_month, birth_day."),
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
    if (has("Given Name") && has("E-mail 1 - Value")) || (has("First Name") && has("Phone 1 - Value") && has("E-mail 1 - Value")) {
        // The older export ("Given Name") and today's ("First Name", "… - Label").
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
        "firstname" => FirstName,
        "middlename" | "additionalname" => AdditionalName,
        "nameprefix" => NamePrefix,
        "namesuffix" => NameSuffix,
        "nickname" => Nickname,
        "organization1department" | "organizationdepartment" => Department,
        _ if k.starts_with("website") && k.ends_with("value") => Website,
        "lastname" => LastName,
        "organizationname" => Company,
        "organizationtitle" => Title,
        _ if k.starts_with("address") => return address_field(&k),
        "labels" | "groupmembership" => Tags,
        _ if k.starts_with("email") && k.ends_with("value") => Email,
        _ if k.starts_with("phone") && k.ends_with("value") => Phone,
        _ if k.starts_with("email") && (k.ends_with("type") || k.ends_with("label")) => EmailKind,
        _ if k.starts_with("phone") && (k.ends_with("type") || k.ends_with("label")) => PhoneKind,
        _ => return None,
    })
}

fn outlook(h: &str) -> Option<ContactField> {
    use ContactField::*;
    let k = key(h);
    Some(match k.as_str() {
        "firstname" => FirstName,
        "lastname" => LastName,
        "middlename" => AdditionalName,
        "title" => NamePrefix,
        "suffix" => NameSuffix,
        "department" => Department,
        "webpage" => Website,
        "company" => Company,
        "jobtitle" => Title,
        "notes" => Notes,
        "birthday" => Birthday,
        "categories" => Tags,
        // Outlook's own extra columns keep their names as custom fields.
        "user1" | "user2" | "user3" | "user4" => Custom,
        "emailaddress" | "email2address" | "email3address" => Email,
        "mobilephone" | "businessphone" | "business phone2" | "businessphone2" | "homephone" | "homephone2" | "primaryphone" | "otherphone"
        | "companymainphone" | "carphone" | "businessfax" | "homefax" | "otherfax" | "pager" => Phone,
        _ => return address_field(&k),
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
        "workphone" | "homephone" | "mobilenumber" | "faxnumber" | "pagernumber" => Phone,
        "jobtitle" => Title,
        "organization" => Company,
        "nickname" => Nickname,
        "department" => Department,
        "webpage1" => Website,
        "notes" => Notes,
        // Thunderbird's own extra columns keep their names as custom fields.
        "custom1" | "custom2" | "custom3" | "custom4" => Custom,
        "birthyear" => BirthYear,
        "birthmonth" => BirthMonth,
        "birthday" => BirthDay,
        _ => return address_field(&k),
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
    } else if any(&["middlename", "additionalname", "отчество"]) {
        Some(AdditionalName)
    } else if any(&["nameprefix", "prefix"]) {
        Some(NamePrefix)
    } else if any(&["namesuffix", "suffix"]) {
        Some(NameSuffix)
    } else if any(&["nickname", "прозвище"]) {
        Some(Nickname)
    } else if any(&["department", "отдел", "подразделение"]) {
        Some(Department)
    } else if any(&["businessrole", "рольвкомпании"]) {
        Some(Role)
    } else if any(&["website", "webpage", "url", "site", "сайт", "вебсайт"]) {
        Some(Website)
    } else if any(&["industry", "sector", "businesssector", "companyindustry", "отрасль", "сфера", "сферадеятельности", "виддеятельности", "отраслькомпании"])
    {
        Some(Industry)
    } else if any(&[
        "employees",
        "numberofemployees",
        "noofemployees",
        "employeecount",
        "companysize",
        "headcount",
        "staff",
        "количествосотрудников",
        "колвосотрудников",
        "числосотрудников",
        "численность",
        "численностьсотрудников",
        "штат",
    ]) {
        Some(Employees)
    } else if any(&["revenue", "annualrevenue", "yearlyrevenue", "turnover", "annualturnover", "выручка", "годоваявыручка", "годовойоборот", "оборот"])
    {
        Some(Revenue)
    } else if any(&[
        "parentcompany",
        "parentaccount",
        "parentorganization",
        "parentorganisation",
        "parent",
        "головнаякомпания",
        "материнскаякомпания",
        "головнаяорганизация",
        "холдинг",
    ]) {
        Some(ParentCompany)
    } else if any(&["birthyear", "годрождения"]) {
        Some(BirthYear)
    } else if any(&["birthmonth", "месяцрождения"]) {
        Some(BirthMonth)
    } else if any(&["birthdayday", "birthdateday", "деньрождениячисло"]) {
        Some(BirthDay)
    } else if any(&[
        "company",
        "companyname",
        "organization",
        "organisation",
        "organizationname",
        "org",
        "employer",
        "компания",
        "названиекомпании",
        "организация",
        "фирма",
    ]) {
        Some(Company)
    } else if any(&["title", "jobtitle", "position", "role", "должность"]) {
        Some(Title)
    } else if (starts(&["email", "phone", "mail", "tel", "mobile"])) && (k.ends_with("type") || k.ends_with("label") || k.ends_with("kind")) {
        // "Phone 2 Type", "E-mail Type": the kind of the value in the same group of columns.
        Some(if k.starts_with("email") || k.starts_with("mail") { EmailKind } else { PhoneKind })
    } else if starts(&["email", "mail", "почта", "электроннаяпочта"]) || k.contains("email") {
        Some(Email)
    } else if starts(&["phone", "tel", "mobile", "cell", "телефон", "мобильный", "тел"]) || k.contains("phone") || k.contains("телефон")
    {
        Some(Phone)
    } else if any(&["notes", "note", "comment", "comments", "description", "заметки", "примечание", "комментарий", "примечания"])
    {
        Some(Notes)
    } else if any(&["birthday", "birthdate", "dateofbirth", "dob", "деньрождения", "датарождения"]) {
        Some(Birthday)
    } else if any(&["адрес", "улица", "адресдоставки"]) {
        Some(AddressStreet)
    } else if any(&["город", "населенныйпункт", "населённыйпункт"]) {
        Some(AddressCity)
    } else if any(&["область", "регион", "край"]) {
        Some(AddressRegion)
    } else if any(&["индекс", "почтовыйиндекс"]) {
        Some(AddressPostcode)
    } else if any(&["страна"]) {
        Some(AddressCountry)
    } else if any(&["tags", "tag", "categories", "labels", "groups", "groupmembership", "теги", "метки", "группы", "категории"]) {
        Some(Tags)
    } else {
        address_field(&k)
    }
}

/// Prefixes of address columns in the exports we know: Google's
/// "Address 1 - …", Outlook's "Business/Home/Other …", Thunderbird's
/// "Work/Home …", Conveyor's own "Address 1 - …", or none ("City").
const ADDRESS_GROUPS: &[&str] = &["business", "home", "work", "other", "billing", "delivery", "shipping", "postal", "mailing"];

/// The group an address column belongs to (its prefix), and the rest of its key.
fn address_group(k: &str) -> (&str, &str) {
    if let Some(rest) = k.strip_prefix("address") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return (&k[..7 + digits], &rest[digits..]);
        }
    }
    for g in ADDRESS_GROUPS {
        if let Some(rest) = k.strip_prefix(g)
            && !rest.is_empty()
        {
            return (&k[..g.len()], rest);
        }
    }
    ("", k)
}

/// An address part named by a header key (letters and digits, lower case).
fn address_field(k: &str) -> Option<ContactField> {
    use ContactField::*;
    let (group, part) = address_group(k);
    let grouped = !group.is_empty();
    Some(match part {
        "street" | "address" | "streetaddress" => AddressStreet,
        "street2" | "street3" | "address2" | "address3" | "extendedaddress" | "pobox" if grouped => AddressStreet,
        "city" | "town" | "locality" => AddressCity,
        "state" | "region" | "province" | "county" => AddressRegion,
        "postalcode" | "postcode" | "zip" | "zipcode" => AddressPostcode,
        "country" | "countryregion" => AddressCountry,
        "formatted" if grouped => AddressFormatted,
        "type" | "kind" | "label" if grouped => AddressKind,
        _ => return None,
    })
}

/// The key of an address column's group ("" when it has no prefix).
fn address_group_of(header: &str) -> String {
    address_group(&key(header)).0.to_string()
}

/// The mapping a preset gives to these headers.
pub fn preset_mapping(preset: Preset, headers: &[String]) -> Vec<ColumnMapping> {
    let f: fn(&str) -> Option<ContactField> = match preset {
        Preset::Google => google,
        Preset::Outlook => outlook,
        Preset::Thunderbird => thunderbird,
        _ => generic,
    };
    // Any other file: a column no field knows keeps its name as a custom
    // field rather than being dropped (the preview shows it; map it to
    // nothing to leave it out). A program's own columns are known by its preset.
    let keep = matches!(preset, Preset::Generic | Preset::Auto);
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let field = f(h).or_else(|| (keep && !key(h).is_empty()).then_some(ContactField::Custom));
            ColumnMapping { column: i as u32, header: h.clone(), field }
        })
        .collect()
}

/// Applies a mapping to one row. Ragged rows (fewer fields than the header)
/// are read as far as they go; the caller reports them.
pub fn apply(mapping: &[ColumnMapping], headers: &[std::sync::Arc<str>], line: u64, row: &[&str], problems: &mut Vec<Problem>) -> ImportRecord {
    let mut r = ImportRecord { line, ..Default::default() };
    let mut addresses = Addresses::default();
    // Kinds of phones and e-mails by the group of columns they came in ("phone1"), per value of the cell.
    let mut kinds: Vec<(String, Vec<String>)> = vec![];
    let mut groups: Vec<(String, usize)> = vec![];
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
                for (n, e) in several(v).enumerate() {
                    r.emails.push(Labelled { value: e.to_string(), label: None, field: headers[i].clone(), pref: false });
                    groups.push((channel_group(&m.header), n));
                }
            }
            ContactField::Phone => {
                // A column named for its kind ("Business Fax", "Mobile Number") gives the phone its kind.
                let label = header_kind(&m.header);
                for (n, p) in several(v).enumerate() {
                    r.phones.push(Labelled { value: p.to_string(), label: label.clone(), field: headers[i].clone(), pref: false });
                    groups.push((channel_group(&m.header), n));
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
            ContactField::Industry => {
                if r.company_facts.industry.is_empty() {
                    r.company_facts.industry = v.to_string()
                }
            }
            ContactField::Employees => {
                if r.company_facts.employees.is_none() {
                    r.company_facts.employees = Some((headers[i].clone(), v.to_string()))
                }
            }
            ContactField::Revenue => {
                if r.company_facts.revenue.is_none() {
                    r.company_facts.revenue = Some((headers[i].clone(), v.to_string()))
                }
            }
            ContactField::ParentCompany => {
                if r.company_facts.parent.is_empty() {
                    r.company_facts.parent = v.to_string()
                }
            }
            ContactField::BirthYear => r.birth_year = v.to_string(),
            ContactField::BirthMonth => r.birth_month = v.to_string(),
            ContactField::BirthDay => r.birth_day = v.to_string(),
            ContactField::AdditionalName => push_space(&mut r.details.additional, v),
            ContactField::NamePrefix => push_space(&mut r.details.prefix, v),
            ContactField::NameSuffix => push_space(&mut r.details.suffix, v),
            ContactField::Nickname => push_space(&mut r.details.nickname, v),
            ContactField::Department => push_space(&mut r.details.department, v),
            ContactField::Role => push_space(&mut r.details.role, v),
            ContactField::Website => {
                if r.details.website.is_empty() {
                    r.details.website = several(v).next().unwrap_or_default().to_string();
                }
            }
            ContactField::PhoneKind | ContactField::EmailKind => kinds.push((channel_group(&m.header), several(v).map(str::to_string).collect())),
            ContactField::AddressStreet
            | ContactField::AddressCity
            | ContactField::AddressRegion
            | ContactField::AddressPostcode
            | ContactField::AddressCountry
            | ContactField::AddressFormatted
            | ContactField::AddressKind => addresses.put(&m.header, field, v),
        }
    }
    r.addresses = addresses.finish();
    if !kinds.is_empty() {
        // `groups` holds, in column order, the group of each e-mail and
        // phone pushed above; a kind column of the same group labels them.
        let (mut e, mut p) = (0, 0);
        for (g, n) in groups {
            let is_email = g.starts_with("email");
            let target = if is_email { r.emails.get_mut(e) } else { r.phones.get_mut(p) };
            if is_email {
                e += 1
            } else {
                p += 1
            }
            let (Some(t), Some((_, labels))) = (target, kinds.iter().find(|(kg, _)| *kg == g)) else { continue };
            let Some(raw) = labels.get(n).or(labels.last()) else { continue };
            // Google marks the preferred value with "* " before its kind.
            t.pref = raw.trim_start().starts_with('*');
            let label = raw.trim().trim_start_matches('*').trim();
            // A kind we know is written as its vCard TYPE; any other word the file
            // gave ("other", "assistant") is kept as it was, so the round trip is exact.
            // A list of types ("work,cell,video") is a vCard's own: kept whole too.
            let known = if label.contains(',') { None } else { crate::channels::ChannelKind::from_label(Some(label)).vcard_type().map(str::to_string) };
            t.label = known.or_else(|| (!label.is_empty()).then(|| label.to_lowercase())).or(t.label.take());
        }
    }
    r
}

/// The group a phone or e-mail column belongs to: its key without the
/// trailing "value", "type" or "label" ("Phone 1 - Type" → "phone1").
fn channel_group(header: &str) -> String {
    let k = key(header);
    let k = k.replace("e-mail", "email");
    ["value", "type", "label", "kind"].iter().find_map(|s| k.strip_suffix(s)).unwrap_or(&k).to_string()
}

/// The kind a phone column's name says ("Business Fax", "Pager", "Mobile Phone"), as a vCard type.
fn header_kind(header: &str) -> Option<String> {
    crate::channels::ChannelKind::from_label(Some(header)).vcard_type().map(str::to_string)
}

/// The address parts of one row, by group (and by position within a cell
/// that holds several, " ::: " between them as Google writes them).
#[derive(Default)]
struct Addresses {
    /// (group, index in the cell, parts, kind label, formatted).
    parts: Vec<(String, usize, crate::address::AddressInput, Option<String>, String)>,
}

impl Addresses {
    fn put(&mut self, header: &str, field: ContactField, v: &str) {
        use crate::address::{AddressInput, AddressKind as K};
        let group = address_group_of(header);
        for (n, v) in several(v).enumerate() {
            let at = match self.parts.iter().position(|p| p.0 == group && p.1 == n) {
                Some(at) => at,
                None => {
                    self.parts.push((group.clone(), n, AddressInput::new(K::Office), None, String::new()));
                    self.parts.len() - 1
                }
            };
            let (_, _, a, kind, formatted) = &mut self.parts[at];
            let set = |dst: &mut String| {
                if dst.is_empty() {
                    *dst = v.to_string();
                }
            };
            match field {
                ContactField::AddressStreet => {
                    if !a.street.is_empty() {
                        a.street.push('\n');
                    }
                    a.street.push_str(v);
                }
                ContactField::AddressCity => set(&mut a.city),
                ContactField::AddressRegion => set(&mut a.region),
                ContactField::AddressPostcode => set(&mut a.postcode),
                ContactField::AddressCountry => set(&mut a.country),
                ContactField::AddressFormatted => set(formatted),
                _ => *kind = Some(v.to_string()),
            }
        }
    }

    fn finish(self) -> Vec<crate::address::AddressInput> {
        use crate::address::AddressKind as K;
        self.parts
            .into_iter()
            .filter_map(|(group, _, mut a, kind, formatted)| {
                // The label's meaning, else the columns' prefix; an address
                // that says nothing about its kind is taken as the office.
                a.kind = match kind.as_deref() {
                    Some(label) => K::from_label(label),
                    None if group.is_empty() || group.starts_with("address") => K::Office,
                    None => K::from_label(&group),
                };
                if a.is_empty() && !formatted.is_empty() {
                    a.street = formatted;
                }
                (!a.is_empty()).then_some(a)
            })
            .collect()
    }
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
        // A column no field knows keeps its name as a custom field.
        assert_eq!(f, vec![Some(LastName), Some(FirstName), Some(Phone), Some(Email), Some(Company), Some(Title), Some(Notes), Some(Custom)]);
        let m = preset_mapping(
            Preset::Generic,
            &h(&[
                "Industry",
                "Number of Employees",
                "Annual Revenue",
                "Parent Company",
                "Сфера деятельности",
                "Кол-во сотрудников",
                "Годовой оборот",
                "Головная компания",
            ]),
        );
        assert_eq!(
            m.iter().map(|c| c.field).collect::<Vec<_>>(),
            vec![Some(Industry), Some(Employees), Some(Revenue), Some(ParentCompany), Some(Industry), Some(Employees), Some(Revenue), Some(ParentCompany)]
        );
        // A program's own columns are known by its preset: Thunderbird's Custom 1–4 and birthday parts.
        let m = preset_mapping(Preset::Thunderbird, &h(&["Custom 1", "Birth Year", "Birth Month", "Birth Day", "Screen Name"]));
        assert_eq!(m.iter().map(|c| c.field).collect::<Vec<_>>(), vec![Some(Custom), Some(BirthYear), Some(BirthMonth), Some(BirthDay), None]);
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

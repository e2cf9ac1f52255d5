//! Custom fields: the workspace's own fields on companies and contacts
//! (text, number, money, date, choice, yes/no). Defined once, filled in the
//! profile with checks that name the field, searchable when textual, in
//! exports, imports and the profile PDF; templates carry the definitions.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ClientKind, FieldKind, Lang};
use crate::store::custom_fields::{self as q, CustomField};
use crate::store::{self, Store};
use crate::text::fold;
use crate::usecases::daily::{Changes, write_note};
use crate::usecases::tags::{live, reindex};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const LABEL_MAX: usize = 100;
pub const KEY_MAX: usize = 60;
pub const VALUE_MAX: usize = 2_000;
pub const CHOICES_MAX: usize = 100;

/// A field as defined or changed in the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldInput {
    pub entity: ClientKind,
    pub label: String,
    /// Stable name for files; made from the label when empty.
    #[serde(default)]
    pub key: Option<String>,
    pub kind: FieldKind,
    #[serde(default)]
    pub choices: Vec<String>,
}

/// One field of a record with its value (canonical) and how it reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldValue {
    pub field: CustomField,
    pub value: Option<String>,
    pub display: Option<String>,
}

/// A key for files made from a label: lower-case Latin letters, digits and
/// `_` (other letters are folded or dropped); `field` when nothing is left.
pub fn key_from_label(label: &str) -> String {
    let mut k = String::new();
    for ch in fold(label).chars() {
        if ch.is_ascii_alphanumeric() {
            k.push(ch);
        } else if !k.ends_with('_') && !k.is_empty() {
            k.push('_');
        }
    }
    let k = k.trim_end_matches('_').chars().take(KEY_MAX).collect::<String>();
    if k.is_empty() { "field".into() } else { k }
}

fn check_key(key: &str) -> Result<String> {
    let k = key.trim();
    if k.is_empty() || k.len() > KEY_MAX || !k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(Error::validation(
            "custom_field.key",
            format!("“{key}” cannot name a field in files. Use up to {KEY_MAX} lower-case Latin letters, digits and _."),
        ));
    }
    Ok(k.to_string())
}

fn check_choices(kind: FieldKind, choices: &[String]) -> Result<Vec<String>> {
    if kind != FieldKind::Choice {
        return Ok(vec![]);
    }
    let mut out: Vec<String> = vec![];
    for c in choices {
        let c = crate::validate::optional("custom_field.choices", Some(c), LABEL_MAX)?;
        if let Some(c) = c
            && !out.iter().any(|o| fold(o) == fold(&c))
        {
            out.push(c);
        }
    }
    if out.is_empty() || out.len() > CHOICES_MAX {
        return Err(Error::validation("custom_field.choices", format!("A choice field needs between 1 and {CHOICES_MAX} choices. Add them, one per line.")));
    }
    Ok(out)
}

/// Defines a field within the caller's transaction (the dialog, template
/// and CSV imports). The key is made unique by a number when taken.
pub(crate) fn define_in(c: &rusqlite::Connection, i: &FieldInput) -> Result<CustomField> {
    let label = crate::validate::required("custom_field.label", &i.label, LABEL_MAX)?;
    let choices = check_choices(i.kind, &i.choices)?;
    if q::list(c, Some(i.entity))?.iter().any(|f| fold(&f.label) == fold(&label)) {
        return Err(Error::validation("custom_field.label", format!("There is already a field “{label}”. Give this one another name.")));
    }
    let key = match i.key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => {
            let k = check_key(k)?;
            if q::by_key(c, i.entity, &k)?.is_some() {
                return Err(Error::validation("custom_field.key", format!("The key “{k}” is taken by another field. Choose another.")));
            }
            k
        }
        None => {
            let base = key_from_label(&label);
            let mut k = base.clone();
            let mut n = 2;
            while q::by_key(c, i.entity, &k)?.is_some() {
                k = format!("{base}_{n}");
                n += 1;
            }
            k
        }
    };
    let id = q::insert(c, i.entity, &key, &label, i.kind, &choices)?;
    q::get(c, id)
}

pub fn define_field(s: &mut Store, _clock: &dyn Clock, i: &FieldInput) -> Result<CustomField> {
    s.write(|tx| define_in(tx, i))
}

/// Renames a field or changes its choices; its key and kind stay. A choice
/// still in use cannot be dropped.
pub fn update_field(s: &mut Store, _clock: &dyn Clock, id: i64, label: &str, choices: &[String]) -> Result<CustomField> {
    s.write(|tx| {
        let f = q::get(tx, id)?;
        let label = crate::validate::required("custom_field.label", label, LABEL_MAX)?;
        if q::list(tx, Some(f.entity))?.iter().any(|o| o.id != id && fold(&o.label) == fold(&label)) {
            return Err(Error::validation("custom_field.label", format!("There is already a field “{label}”. Give this one another name.")));
        }
        let choices = check_choices(f.kind, choices)?;
        if f.kind == FieldKind::Choice {
            let used = q::distinct_values(tx, id)?;
            if let Some(u) = used.iter().find(|u| !choices.contains(u)) {
                return Err(Error::validation(
                    "custom_field.choices",
                    format!("“{u}” is still chosen on some records. Keep it, or change those records first."),
                ));
            }
        }
        q::update(tx, id, &label, &choices)?;
        q::get(tx, id)
    })
}

/// Removes a field and all its values (the dialog asks first).
pub fn delete_field(s: &mut Store, _clock: &dyn Clock, id: i64) -> Result<()> {
    s.write(|tx| {
        let f = q::get(tx, id)?;
        let records = q::records_with(tx, id)?;
        q::delete(tx, id)?;
        for r in records {
            reindex(tx, f.entity, r)?;
        }
        Ok(())
    })
}

pub fn list_fields(s: &Store, entity: Option<ClientKind>) -> Result<Vec<CustomField>> {
    q::list(s.conn(), entity)
}

fn field_name(f: &CustomField) -> String {
    format!("custom.{}", f.key)
}

/// A typed value in its canonical stored form, or `None` for empty. Refused
/// values name the field by its label.
pub fn parse_value(f: &CustomField, raw: &str) -> Result<Option<String>> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = |what: &str| Error::validation(&field_name(f), format!("“{}”: “{v}” is not {what}.", f.label));
    let out = match f.kind {
        FieldKind::Text => crate::validate::optional(&field_name(f), Some(v), VALUE_MAX)
            .map_err(|e| Error::validation(&field_name(f), format!("“{}”: {}", f.label, e.message)))?
            .unwrap_or_default(),
        FieldKind::Number => {
            let n = v.replace([' ', '\u{a0}'], "").replace(',', ".");
            let x: f64 = n.parse().map_err(|_| bad("a number (such as 12 or 3.5)"))?;
            if !x.is_finite() || n.len() > 30 {
                return Err(bad("a number (such as 12 or 3.5)"));
            }
            n.trim_start_matches('+').to_string()
        }
        FieldKind::Money => money_minor(v).ok_or_else(|| bad("an amount of money (such as 1250 or 1250.50)"))?.to_string(),
        FieldKind::Date => {
            let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%d.%m.%Y"))
                .map_err(|_| bad("a date (write it as YYYY-MM-DD)"))?;
            d.format("%Y-%m-%d").to_string()
        }
        FieldKind::Choice => f
            .choices
            .iter()
            .find(|c| fold(c) == fold(v))
            .cloned()
            .ok_or_else(|| Error::validation(&field_name(f), format!("“{}”: “{v}” is not one of the choices ({}).", f.label, f.choices.join(", "))))?,
        FieldKind::YesNo => match fold(v).as_str() {
            "yes" | "y" | "true" | "1" | "да" | "x" => "yes".into(),
            "no" | "n" | "false" | "0" | "нет" => "no".into(),
            _ => return Err(bad("yes or no")),
        },
    };
    Ok(Some(out))
}

/// An amount in units with up to two decimals (`1 250,50`, `1250.5`, `-40`) as
/// minor units: the typed-amount rule of [`crate::amount`], with a sign.
fn money_minor(v: &str) -> Option<i64> {
    let v = v.trim();
    match v.strip_prefix('-') {
        Some(rest) => crate::amount::parse(rest, 2).map(|m| -m),
        None => crate::amount::parse(v, 2),
    }
}

/// How a stored value reads (money in the workspace currency, yes/no in words).
pub fn display(lang: Lang, currency: &str, f: &CustomField, value: &str) -> String {
    match f.kind {
        FieldKind::Money => value.parse::<i64>().map_or_else(|_| value.to_string(), |m| crate::pdf::i18n::money(lang, m, currency)),
        FieldKind::YesNo => match value {
            "yes" => crate::pdf::i18n::t(lang, "record.yes").into(),
            "no" => crate::pdf::i18n::t(lang, "record.no").into(),
            _ => value.to_string(),
        },
        _ => value.to_string(),
    }
}

/// A stored value as files carry it: money in units with two decimals
/// (`1250.50`), the rest as stored.
pub fn file_value(f: &CustomField, value: &str) -> String {
    match (f.kind, value.parse::<i64>()) {
        (FieldKind::Money, Ok(m)) => format!("{}{}.{:02}", if m < 0 { "-" } else { "" }, m.unsigned_abs() / 100, m.unsigned_abs() % 100),
        _ => value.to_string(),
    }
}

/// Every field of the record's kind with its value.
pub fn values_of(s: &Store, kind: ClientKind, id: i64) -> Result<Vec<FieldValue>> {
    values_in(s.conn(), kind, id)
}

pub(crate) fn values_in(c: &rusqlite::Connection, kind: ClientKind, id: i64) -> Result<Vec<FieldValue>> {
    let meta = store::meta::load(c)?;
    let values = q::values(c, kind, id)?;
    Ok(q::list(c, Some(kind))?
        .into_iter()
        .map(|field| {
            let value = values.iter().find(|(f, _)| *f == field.id).map(|(_, v)| v.clone());
            let display = value.as_deref().map(|v| display(meta.lang, &meta.currency, &field, v));
            FieldValue { field, value, display }
        })
        .collect())
}

/// One value to set: the field's id and what was typed (empty clears it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueInput {
    #[ts(type = "number")]
    pub field_id: i64,
    pub value: String,
}

/// Sets values of a record within the caller's transaction, adding what
/// changed to `ch` (`Label: old → new`).
pub(crate) fn set_in(c: &rusqlite::Connection, kind: ClientKind, id: i64, values: &[ValueInput], ch: &mut Changes) -> Result<()> {
    let meta = store::meta::load(c)?;
    let mut changed = false;
    for v in values {
        let f = q::get(c, v.field_id)?;
        if f.entity != kind {
            return Err(Error::new(ErrorCode::Validation, format!("The field “{}” belongs to another kind of record.", f.label)));
        }
        let new = parse_value(&f, &v.value)?;
        let old = q::value(c, f.id, id)?;
        if old == new {
            continue;
        }
        q::set(c, f.id, id, new.as_deref())?;
        let shown = |x: &Option<String>| x.as_deref().map_or(String::new(), |x| display(meta.lang, &meta.currency, &f, x));
        ch.push(&f.label, &shown(&old), &shown(&new));
        changed = true;
    }
    if changed {
        reindex(c, kind, id)?;
    }
    Ok(())
}

/// Saves the profile's custom values of a record, all or none, with a
/// timeline note of what changed; the values after.
pub fn set_values(s: &mut Store, clock: &dyn Clock, kind: ClientKind, id: i64, values: &[ValueInput]) -> Result<Vec<FieldValue>> {
    let now = stamp(clock.now());
    let at = clock.local_now();
    s.write(|tx| {
        live(tx, kind, id)?;
        let mut ch = Changes::new(store::meta::load(tx)?.lang);
        set_in(tx, kind, id, values, &mut ch)?;
        let (company, contact) = match kind {
            ClientKind::Company => (Some(id), None),
            ClientKind::Contact => (store::contacts::get(tx, id)?.company_id, Some(id)),
        };
        write_note(tx, &now, at, None, company, contact, &ch)?;
        values_in(tx, kind, id)
    })
}

/// Tags and custom values of imported contacts: the contact fields looked
/// up once, each row's values checked (a bad one refuses the row, naming
/// line and column) and written beside the contact.
pub(crate) struct ImportFields {
    fields: Vec<CustomField>,
}

/// A checked value: the field (None: a column that becomes a new text field), its name in the file, the value.
pub(crate) type CheckedValue = (Option<i64>, std::sync::Arc<str>, String);

impl ImportFields {
    pub fn load(c: &rusqlite::Connection) -> Result<Self> {
        Ok(ImportFields { fields: q::list(c, Some(ClientKind::Contact))? })
    }

    /// The field a column header or vCard `X-` property names: `X-LOYALTY-CARD`
    /// is the key `loyalty_card`; a header is a field's label or key.
    fn find(&self, name: &str) -> Option<&CustomField> {
        if let Some(x) = name.strip_prefix("X-") {
            let k = x.to_ascii_lowercase().replace('-', "_");
            return self.fields.iter().find(|f| f.key == k);
        }
        let n = fold(name.trim());
        self.fields.iter().find(|f| fold(&f.label) == n || f.key == name.trim())
    }

    /// Whether a column header names an existing field (its column is then read as one).
    pub fn knows(&self, header: &str) -> bool {
        !header.starts_with("X-") && self.find(header).is_some()
    }

    pub fn check(
        &self,
        line: u64,
        card: Option<u64>,
        custom: &[(std::sync::Arc<str>, String)],
        problems: &mut Vec<crate::interop::Problem>,
    ) -> Vec<CheckedValue> {
        let mut out = vec![];
        for (name, raw) in custom {
            let parsed = match self.find(name) {
                Some(f) => parse_value(f, raw).map(|v| v.map(|v| (Some(f.id), v))),
                // Other programs' own X- properties are not ours to keep.
                None if name.starts_with("X-") => Ok(None),
                None => crate::validate::optional("custom", Some(raw), VALUE_MAX).map(|v| v.map(|v| (None, v))),
            };
            match parsed {
                Ok(Some((id, v))) => out.push((id, name.clone(), v)),
                Ok(None) => {}
                Err(e) => problems.push(crate::interop::Problem { line, card, field: Some(name.to_string()), message: e.message }),
            }
        }
        out
    }

    /// Writes a contact's tags and values (search entries are made by the import afterwards).
    pub fn write(&mut self, c: &rusqlite::Connection, contact: i64, tags: &[String], values: &[CheckedValue]) -> Result<()> {
        for t in tags {
            if let Ok(name) = crate::usecases::tags::clean(t) {
                let id = store::tags::ensure(c, &name)?;
                store::tags::link(c, ClientKind::Contact, contact, id)?;
            }
        }
        for (field, name, v) in values {
            let id = match field {
                Some(id) => *id,
                None => match self.find(name) {
                    Some(f) => f.id,
                    None => {
                        let f = define_in(
                            c,
                            &FieldInput { entity: ClientKind::Contact, label: name.to_string(), key: None, kind: FieldKind::Text, choices: vec![] },
                        )?;
                        let id = f.id;
                        self.fields.push(f);
                        id
                    }
                },
            };
            q::set(c, id, contact, Some(v))?;
        }
        Ok(())
    }
}

/// Record id → (field id → value as files carry it).
pub(crate) type FileValues = std::collections::HashMap<i64, std::collections::HashMap<i64, String>>;

/// Custom values of records as files carry them: record id → (field id → text).
pub(crate) fn file_values(c: &rusqlite::Connection, kind: ClientKind) -> Result<(Vec<CustomField>, FileValues)> {
    let fields = q::list(c, Some(kind))?;
    let mut all = q::all_values(c, kind)?;
    for values in all.values_mut() {
        for (fid, v) in values.iter_mut() {
            if let Some(f) = fields.iter().find(|f| f.id == *fid) {
                *v = file_value(f, v);
            }
        }
    }
    Ok((fields, all))
}

/// The workspace's custom fields as a template carries them.
pub(crate) fn template_defs(c: &rusqlite::Connection) -> Result<Vec<crate::playbook::template::CustomFieldDef>> {
    Ok(q::list(c, None)?
        .into_iter()
        .map(|f| crate::playbook::template::CustomFieldDef { entity: f.entity, key: f.key, label: f.label, kind: f.kind, choices: f.choices })
        .collect())
}

/// A template's custom fields into the workspace, matched by key: missing
/// ones are added, labels and choices updated (a choice still chosen stays).
/// Fields the template lacks stay: removing them would remove client data.
pub(crate) fn apply_template(
    c: &rusqlite::Connection,
    defs: &[crate::playbook::template::CustomFieldDef],
) -> Result<Vec<crate::usecases::templates::TemplateChange>> {
    use crate::usecases::templates::{ChangeAction, TemplateChange};
    let mut out = vec![];
    for d in defs {
        let change = |action| TemplateChange { section: "custom_fields".into(), key: format!("{}.{}", d.entity, d.key), action, name: d.label.clone() };
        match q::by_key(c, d.entity, &d.key)? {
            None => {
                define_in(c, &FieldInput { entity: d.entity, label: d.label.clone(), key: Some(d.key.clone()), kind: d.kind, choices: d.choices.clone() })?;
                out.push(change(ChangeAction::Add));
            }
            Some(f) => {
                let mut choices = check_choices(f.kind, &d.choices)?;
                let used = q::distinct_values(c, f.id)?;
                if f.kind == FieldKind::Choice {
                    for u in used {
                        if !choices.contains(&u) {
                            choices.push(u);
                        }
                    }
                }
                if f.kind != d.kind {
                    out.push(change(ChangeAction::Keep));
                } else if f.label != d.label || f.choices != choices {
                    let label = crate::validate::required("custom_field.label", &d.label, LABEL_MAX)?;
                    q::update(c, f.id, &label, &choices)?;
                    out.push(change(ChangeAction::Update));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompanyInput, ContactInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::{clients, crm};

    fn field(s: &mut Store, entity: ClientKind, label: &str, kind: FieldKind, choices: &[&str]) -> CustomField {
        define_field(s, &clock(), &FieldInput { entity, label: label.into(), key: None, kind, choices: choices.iter().map(|c| c.to_string()).collect() })
            .unwrap()
    }

    #[test]
    fn fields_are_defined_with_keys_for_files_and_refused_when_they_clash() {
        let mut s = store();
        let f = field(&mut s, ClientKind::Company, "Loyalty card №", FieldKind::Text, &[]);
        assert_eq!((f.key.as_str(), f.position), ("loyalty_card_no", 1));
        assert_eq!(field(&mut s, ClientKind::Company, "Склад", FieldKind::Text, &[]).key, "field");
        assert_eq!(field(&mut s, ClientKind::Company, "Отдел", FieldKind::Text, &[]).key, "field_2");
        let e = define_field(
            &mut s,
            &clock(),
            &FieldInput { entity: ClientKind::Company, label: "loyalty CARD №".into(), key: None, kind: FieldKind::Text, choices: vec![] },
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("custom_field.label"));
        // The same label on the other kind of record is another field.
        field(&mut s, ClientKind::Contact, "Loyalty card №", FieldKind::Text, &[]);
        let e = define_field(
            &mut s,
            &clock(),
            &FieldInput { entity: ClientKind::Contact, label: "Size".into(), key: None, kind: FieldKind::Choice, choices: vec![] },
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("custom_field.choices"));
        let e = define_field(
            &mut s,
            &clock(),
            &FieldInput { entity: ClientKind::Contact, label: "X".into(), key: Some("Bad Key".into()), kind: FieldKind::Text, choices: vec![] },
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("custom_field.key"));
        assert_eq!(list_fields(&s, Some(ClientKind::Company)).unwrap().len(), 3);
    }

    #[test]
    fn each_kind_of_value_is_checked_naming_the_field_and_stored_canonically() {
        let mut s = store();
        let num = field(&mut s, ClientKind::Company, "Employees", FieldKind::Number, &[]);
        let money = field(&mut s, ClientKind::Company, "Credit limit", FieldKind::Money, &[]);
        let date = field(&mut s, ClientKind::Company, "Contract until", FieldKind::Date, &[]);
        let choice = field(&mut s, ClientKind::Company, "Segment", FieldKind::Choice, &["Retail", "HoReCa"]);
        let yes = field(&mut s, ClientKind::Company, "Key account", FieldKind::YesNo, &[]);
        assert_eq!(parse_value(&num, " 1 200,5 ").unwrap().as_deref(), Some("1200.5"));
        assert_eq!(parse_value(&money, "1 250,50").unwrap().as_deref(), Some("125050"));
        assert_eq!(parse_value(&money, "-3").unwrap().as_deref(), Some("-300"));
        // The typed-amount rule of the whole app: three figures after a mark group thousands.
        assert_eq!(parse_value(&money, "12.345").unwrap().as_deref(), Some("1234500"));
        assert_eq!(parse_value(&date, "31.12.2027").unwrap().as_deref(), Some("2027-12-31"));
        assert_eq!(parse_value(&choice, "horeca").unwrap().as_deref(), Some("HoReCa"));
        assert_eq!(parse_value(&yes, "Да").unwrap().as_deref(), Some("yes"));
        assert_eq!(parse_value(&yes, "").unwrap(), None);
        for (f, bad) in [(&num, "twelve"), (&money, "12.3456"), (&date, "2027-02-30"), (&choice, "Wholesale"), (&yes, "maybe")] {
            let e = parse_value(f, bad).unwrap_err();
            assert_eq!(e.field, Some(format!("custom.{}", f.key)));
            assert!(e.message.contains(&format!("“{}”", f.label)) && e.message.contains(bad), "{}", e.message);
        }
        assert_eq!(display(Lang::En, "EUR", &money, "125050"), "€1,250.50");
        assert_eq!(file_value(&money, "125050"), "1250.50");
        assert_eq!(display(Lang::Ru, "EUR", &yes, "yes"), "Да");
    }

    #[test]
    fn values_are_saved_all_or_none_found_by_search_and_noted_in_the_timeline() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(&mut s, &clock(), &ContactInput { company_id: Some(co.id), first_name: "Anna".into(), ..Default::default() }).unwrap();
        let card = field(&mut s, ClientKind::Contact, "Loyalty card", FieldKind::Text, &[]);
        let limit = field(&mut s, ClientKind::Contact, "Limit", FieldKind::Money, &[]);
        let e = set_values(
            &mut s,
            &clock(),
            ClientKind::Contact,
            ct.id,
            &[ValueInput { field_id: card.id, value: "ZX-4471".into() }, ValueInput { field_id: limit.id, value: "lots".into() }],
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("custom.limit"));
        assert!(values_of(&s, ClientKind::Contact, ct.id).unwrap().iter().all(|v| v.value.is_none()), "nothing saved");

        let v = set_values(
            &mut s,
            &clock(),
            ClientKind::Contact,
            ct.id,
            &[ValueInput { field_id: card.id, value: "ZX-4471".into() }, ValueInput { field_id: limit.id, value: "500".into() }],
        )
        .unwrap();
        assert_eq!(v[0].value.as_deref(), Some("ZX-4471"));
        assert_eq!(v[1].display.as_deref(), Some("€500"));
        let hits = clients::search(&s, "zx-4471").unwrap();
        assert!(matches!(hits.as_slice(), [clients::SearchHit::Contact { row }] if row.contact_id == ct.id), "{hits:?}");
        assert!(clients::search(&s, "50000").unwrap().is_empty(), "money is not textual");
        let note = clients::profile(&s, co.id).unwrap().activities.into_iter().find(|a| a.kind == crate::model::ActivityKind::Note).unwrap();
        assert_eq!(note.subject, "Changed: Loyalty card, Limit");
        assert_eq!(note.notes.as_deref(), Some("Loyalty card: — → “ZX-4471”\nLimit: — → “€500”"));

        // A field removed takes its values and their search entries with it.
        delete_field(&mut s, &clock(), card.id).unwrap();
        assert!(clients::search(&s, "zx").unwrap().is_empty());
        assert_eq!(values_of(&s, ClientKind::Contact, ct.id).unwrap().len(), 1);
    }

    #[test]
    fn a_choice_in_use_cannot_be_dropped() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let seg = field(&mut s, ClientKind::Company, "Segment", FieldKind::Choice, &["Retail", "HoReCa"]);
        set_values(&mut s, &clock(), ClientKind::Company, co.id, &[ValueInput { field_id: seg.id, value: "Retail".into() }]).unwrap();
        let e = update_field(&mut s, &clock(), seg.id, "Segment", &["HoReCa".into()]).unwrap_err();
        assert!(e.message.contains("“Retail”"), "{}", e.message);
        let f = update_field(&mut s, &clock(), seg.id, "Market segment", &["Retail".into(), "HoReCa".into(), "Office".into()]).unwrap();
        assert_eq!((f.label.as_str(), f.key.as_str(), f.choices.len()), ("Market segment", "segment", 3));
    }
}

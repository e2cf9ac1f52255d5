//! Addresses of companies and contacts: several per record, each with a
//! kind (office, delivery, billing, home). Pure types and rules; the SQL is
//! in `store::addresses`, the use cases in `usecases::addresses`.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const STREET_MAX: usize = 1000;
pub const PART_MAX: usize = 200;
pub const POSTCODE_MAX: usize = 50;

/// What an address is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    Office,
    Delivery,
    Billing,
    Home,
    Other,
}

impl AddressKind {
    pub const ALL: [AddressKind; 5] = [AddressKind::Office, AddressKind::Delivery, AddressKind::Billing, AddressKind::Home, AddressKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            AddressKind::Office => "office",
            AddressKind::Delivery => "delivery",
            AddressKind::Billing => "billing",
            AddressKind::Home => "home",
            AddressKind::Other => "other",
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| Error::validation(field, format!("“{s}” is not a kind of address. Use office, delivery, billing, home or other.")))
    }

    /// The kind an address book's label means (vCard `TYPE=work`, Google's
    /// `Work`, Outlook's `Business …` columns, Thunderbird's `Work …`).
    pub fn from_label(label: &str) -> Self {
        let l = label.trim().trim_start_matches('*').trim().to_lowercase();
        let has = |w: &str| l.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
        if has("home") || has("дом") || has("домашний") {
            AddressKind::Home
        } else if has("work") || has("business") || has("office") || has("работа") || has("рабочий") || has("офис") {
            AddressKind::Office
        } else if has("billing") || has("invoice") {
            AddressKind::Billing
        } else if has("delivery") || has("shipping") || has("postal") || has("parcel") || has("доставка") {
            AddressKind::Delivery
        } else {
            AddressKind::Other
        }
    }

    /// The vCard `TYPE` of this kind (vCard knows only work and home).
    pub fn vcard_type(self) -> &'static str {
        match self {
            AddressKind::Office => "work",
            AddressKind::Home => "home",
            AddressKind::Delivery => "postal",
            AddressKind::Billing => "x-billing",
            AddressKind::Other => "",
        }
    }
}

/// Whose address it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum AddressOwner {
    Company(#[ts(type = "number")] i64),
    Contact(#[ts(type = "number")] i64),
}

/// An address as typed or read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddressInput {
    pub kind: AddressKind,
    /// Street lines, one per line (PO box, building, street).
    pub street: String,
    pub city: String,
    pub region: String,
    pub postcode: String,
    pub country: String,
}

/// A stored address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Address {
    #[ts(type = "number")]
    pub id: i64,
    pub owner: AddressOwner,
    pub kind: AddressKind,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postcode: String,
    pub country: String,
    /// The whole address on one line, as the profile shows it ([`one_line`]).
    pub line: String,
}

impl AddressInput {
    pub fn new(kind: AddressKind) -> Self {
        AddressInput { kind, street: String::new(), city: String::new(), region: String::new(), postcode: String::new(), country: String::new() }
    }

    /// True when every part is empty (such an address is not kept).
    pub fn is_empty(&self) -> bool {
        [&self.street, &self.city, &self.region, &self.postcode, &self.country].iter().all(|s| s.trim().is_empty())
    }

    /// Trimmed and checked: each part within its limit, no control
    /// characters but line breaks in the street. `field` names the address
    /// in messages ("address 2").
    pub fn checked(&self, field: &str) -> Result<AddressInput> {
        let street: String =
            self.street.replace("\r\n", "\n").replace('\r', "\n").lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        let part = |name: &str, v: &str, max: usize, lines: bool| -> Result<String> {
            // A line break in a one-line part (a city written over two lines) becomes ", ".
            let joined;
            let v = if !lines && (v.contains('\n') || v.contains('\r')) {
                joined = v.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
                joined.as_str()
            } else {
                v.trim()
            };
            if v.chars().count() > max {
                return Err(Error::validation(
                    &format!("{field}.{name}"),
                    format!("The {name} of {field} is {} characters long; the limit is {max}. Shorten it.", v.chars().count()),
                ));
            }
            if v.chars().any(|c| c.is_control() && !(lines && c == '\n') && c != '\t') {
                return Err(Error::validation(&format!("{field}.{name}"), format!("The {name} of {field} holds control characters. Type it again.")));
            }
            Ok(v.to_string())
        };
        Ok(AddressInput {
            kind: self.kind,
            street: part("street", &street, STREET_MAX, true)?,
            city: part("city", &self.city, PART_MAX, false)?,
            region: part("region", &self.region, PART_MAX, false)?,
            postcode: part("postcode", &self.postcode, POSTCODE_MAX, false)?,
            country: part("country", &self.country, PART_MAX, false)?,
        })
    }
}

impl Address {
    pub fn input(&self) -> AddressInput {
        AddressInput {
            kind: self.kind,
            street: self.street.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postcode: self.postcode.clone(),
            country: self.country.clone(),
        }
    }
}

/// The address on one line as people write it: street lines, then
/// "postcode city", region, country, separated by commas.
pub fn one_line(a: &AddressInput) -> String {
    let mut parts: Vec<String> = a.street.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    let town = [a.postcode.trim(), a.city.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    for p in [town.as_str(), a.region.trim(), a.country.trim()] {
        if !p.is_empty() {
            parts.push(p.to_string());
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_address_books_mean_kinds() {
        assert_eq!(AddressKind::from_label("work"), AddressKind::Office);
        assert_eq!(AddressKind::from_label("* Home"), AddressKind::Home);
        assert_eq!(AddressKind::from_label("Business"), AddressKind::Office);
        assert_eq!(AddressKind::from_label("postal,parcel"), AddressKind::Delivery);
        assert_eq!(AddressKind::from_label("x-whatever"), AddressKind::Other);
        assert_eq!(AddressKind::parse("kind", "billing").unwrap(), AddressKind::Billing);
        assert!(AddressKind::parse("kind", "castle").is_err());
    }

    #[test]
    fn checked_trims_and_refuses_what_is_too_long_naming_the_part() {
        let mut a = AddressInput::new(AddressKind::Delivery);
        a.street = "  Gate 3\r\n\r\n 12 Mill Lane ".into();
        a.city = " Leeds ".into();
        let c = a.checked("address 1").unwrap();
        assert_eq!((c.street.as_str(), c.city.as_str()), ("Gate 3\n12 Mill Lane", "Leeds"));
        assert_eq!(one_line(&AddressInput { postcode: "LS1 4AB".into(), country: "UK".into(), ..c }), "Gate 3, 12 Mill Lane, LS1 4AB Leeds, UK");
        a.postcode = "9".repeat(51);
        let e = a.checked("address 2").unwrap_err();
        assert!(e.message.contains("postcode of address 2"), "{}", e.message);
        assert!(AddressInput::new(AddressKind::Home).is_empty());
        let two_lines = AddressInput { city: "Milton\r\nKeynes".into(), ..AddressInput::new(AddressKind::Home) };
        assert_eq!(two_lines.checked("address 1").unwrap().city, "Milton, Keynes");
    }
}

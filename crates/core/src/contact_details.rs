//! What an address book keeps about a person beside the first (given) and
//! last (family) name: the display name the file gave (vCard FN), the
//! additional name (the patronymic for Russian and Ukrainian names), prefix,
//! suffix, nickname, department, role and a website. Pure types and checks;
//! SQL in `store::contact_details`.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactDetails {
    /// The name as the file (or the person) writes it whole; empty = built from the parts.
    pub display_name: String,
    /// Middle names; the patronymic of Russian and Ukrainian names.
    pub additional: String,
    pub prefix: String,
    pub suffix: String,
    pub nickname: String,
    pub department: String,
    pub role: String,
    pub website: String,
}

impl ContactDetails {
    pub fn is_empty(&self) -> bool {
        self == &ContactDetails::default()
    }

    /// Trimmed and checked; a refusal names the field (`details.nickname`).
    pub fn checked(&self) -> Result<ContactDetails> {
        let part = |name: &str, v: &str, max: usize| -> Result<String> {
            let v = v.trim();
            if v.chars().count() > max {
                return Err(Error::validation(
                    &format!("details.{name}"),
                    format!("The {name} is {} characters long; the limit is {max}. Shorten it.", v.chars().count()),
                ));
            }
            if v.chars().any(char::is_control) {
                return Err(Error::validation(&format!("details.{name}"), format!("The {name} holds control characters. Type it again.")));
            }
            Ok(v.to_string())
        };
        Ok(ContactDetails {
            display_name: part("display name", &self.display_name, 300)?,
            additional: part("additional name", &self.additional, 200)?,
            prefix: part("prefix", &self.prefix, 100)?,
            suffix: part("suffix", &self.suffix, 100)?,
            nickname: part("nickname", &self.nickname, 200)?,
            department: part("department", &self.department, 200)?,
            role: part("role", &self.role, 200)?,
            website: part("website", &self.website, 500)?,
        })
    }

    /// The name to show: the display name when there is one, else the parts
    /// in the usual order (prefix, given, additional, family, suffix).
    pub fn full_name(&self, first: &str, last: &str) -> String {
        if !self.display_name.trim().is_empty() {
            return self.display_name.trim().to_string();
        }
        [self.prefix.as_str(), first, self.additional.as_str(), last, self.suffix.as_str()]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_display_name_wins_over_the_parts_and_the_patronymic_stays_in_between() {
        let d = ContactDetails { additional: "Петровна".into(), ..Default::default() };
        assert_eq!(d.full_name("Ольга", "Соколова"), "Ольга Петровна Соколова");
        let d = ContactDetails { display_name: "Оля".into(), ..d };
        assert_eq!(d.full_name("Ольга", "Соколова"), "Оля");
        let e = ContactDetails { nickname: "x".repeat(201), ..Default::default() }.checked().unwrap_err();
        assert_eq!(e.field.as_deref(), Some("details.nickname"));
    }
}

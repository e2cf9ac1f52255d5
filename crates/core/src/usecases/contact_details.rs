//! A contact's details beside its names (display name, additional name,
//! prefix, suffix, nickname, department, role, website): shown and edited in
//! the profile, filled by imports.

use crate::clock::Clock;
use crate::contact_details::ContactDetails;
use crate::error::Result;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One contact's details (the profile lists those of its contacts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactDetailsOf {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub details: ContactDetails,
    /// The name to show: the display name, else the parts in order.
    pub full_name: String,
}

/// The details of a company's live contacts that have any.
pub fn of_company(c: &rusqlite::Connection, company_id: i64) -> Result<Vec<ContactDetailsOf>> {
    let mut v: Vec<ContactDetailsOf> = store::contact_details::of_company(c, company_id)?
        .into_iter()
        .map(|(contact_id, details)| -> Result<ContactDetailsOf> {
            let ct = store::contacts::get(c, contact_id)?;
            Ok(ContactDetailsOf { contact_id, full_name: details.full_name(&ct.first_name, &ct.last_name), details })
        })
        .collect::<Result<_>>()?;
    v.sort_by_key(|d| d.contact_id);
    Ok(v)
}

pub fn contact_details(s: &Store, contact_id: i64) -> Result<ContactDetails> {
    store::contacts::get(s.conn(), contact_id)?;
    store::contact_details::get(s.conn(), contact_id)
}

/// Replaces a contact's details (checked; a refusal names the field and changes nothing).
pub fn save_contact_details(s: &mut Store, _clock: &dyn Clock, contact_id: i64, d: &ContactDetails) -> Result<ContactDetails> {
    let d = d.checked()?;
    s.write(|tx| {
        store::contacts::get(tx, contact_id)?;
        store::contact_details::put(tx, contact_id, &d)?;
        store::search::index_contact(tx, contact_id)
    })?;
    contact_details(s, contact_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompanyInput, ContactInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::{clients, crm};

    #[test]
    fn details_are_saved_shown_in_the_profile_and_found_by_search() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Север".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(
            &mut s,
            &clock(),
            &ContactInput { company_id: Some(co.id), first_name: "Ольга".into(), last_name: "Соколова".into(), ..Default::default() },
        )
        .unwrap();
        let d = ContactDetails {
            additional: " Петровна ".into(),
            nickname: "Оля".into(),
            department: "Закупки".into(),
            website: "https://sokolova.example".into(),
            ..Default::default()
        };
        let saved = save_contact_details(&mut s, &clock(), ct.id, &d).unwrap();
        assert_eq!(saved.additional, "Петровна");
        let p = clients::profile(&s, co.id).unwrap();
        assert_eq!(p.details.len(), 1);
        assert_eq!(p.details[0].full_name, "Ольга Петровна Соколова");
        assert!(matches!(clients::search(&s, "петровна").unwrap().as_slice(), [clients::SearchHit::Contact { .. }]));
        assert!(matches!(clients::search(&s, "закупки").unwrap().as_slice(), [clients::SearchHit::Contact { .. }]));
        let bad = ContactDetails { role: "x".repeat(201), ..Default::default() };
        assert_eq!(save_contact_details(&mut s, &clock(), ct.id, &bad).unwrap_err().field.as_deref(), Some("details.role"));
        assert_eq!(contact_details(&s, ct.id).unwrap().nickname, "Оля", "a refusal changes nothing");
        save_contact_details(&mut s, &clock(), ct.id, &ContactDetails::default()).unwrap();
        assert!(clients::profile(&s, co.id).unwrap().details.is_empty());
    }
}

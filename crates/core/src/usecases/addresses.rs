//! Addresses of companies and contacts: read with the profile, edited as a
//! whole list per record (the profile's editor saves what it shows).

use crate::address::{Address, AddressInput, AddressOwner};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::{self, Store};

/// The most addresses one record keeps (an address book has a handful).
pub const ADDRESSES_MAX: usize = 50;

/// One record's addresses, in order.
pub fn list_addresses(s: &Store, owner: AddressOwner) -> Result<Vec<Address>> {
    exists(s.conn(), owner)?;
    store::addresses::list(s.conn(), owner)
}

fn exists(c: &rusqlite::Connection, owner: AddressOwner) -> Result<()> {
    match owner {
        AddressOwner::Company(id) => store::companies::get(c, id).map(drop),
        AddressOwner::Contact(id) => store::contacts::get(c, id).map(drop),
    }
}

/// Checks each address (the message names "address N" and the part), drops
/// the empty ones and keeps the rest in the given order.
pub fn clean_addresses(list: &[AddressInput]) -> Result<Vec<AddressInput>> {
    if list.len() > ADDRESSES_MAX {
        return Err(Error::validation("addresses", format!("{} addresses is more than one record keeps ({ADDRESSES_MAX}). Remove some.", list.len())));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        let a = a.checked(&format!("address {}", i + 1))?;
        if !a.is_empty() {
            out.push(a);
        }
    }
    Ok(out)
}

/// Replaces a record's addresses with `list` (checked; empty ones dropped)
/// and makes them findable in search. Returns what is stored now.
pub fn save_addresses(s: &mut Store, _clock: &dyn Clock, owner: AddressOwner, list: &[AddressInput]) -> Result<Vec<Address>> {
    let list = clean_addresses(list)?;
    s.write(|tx| {
        exists(tx, owner)?;
        store::addresses::replace(tx, owner, &list)?;
        match owner {
            AddressOwner::Company(id) => store::search::index_company(tx, id, false)?,
            AddressOwner::Contact(id) => store::search::index_contact(tx, id)?,
        }
        store::addresses::list(tx, owner)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::AddressKind;
    use crate::model::{CompanyInput, ContactInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::{clients, crm};

    fn addr(kind: AddressKind, street: &str, city: &str) -> AddressInput {
        AddressInput { street: street.into(), city: city.into(), ..AddressInput::new(kind) }
    }

    #[test]
    fn addresses_are_saved_in_order_shown_in_the_profile_and_found_by_search() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Mill Supplies".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(&mut s, &clock(), &ContactInput { company_id: Some(co.id), first_name: "Ann".into(), ..Default::default() }).unwrap();
        let saved = save_addresses(
            &mut s,
            &clock(),
            AddressOwner::Company(co.id),
            &[addr(AddressKind::Delivery, "Gate 3\n12 Wharf Road", "Grimsby"), AddressInput::new(AddressKind::Billing), addr(AddressKind::Billing, "", "Hull")],
        )
        .unwrap();
        assert_eq!(
            saved.iter().map(|a| (a.kind, a.city.as_str())).collect::<Vec<_>>(),
            vec![(AddressKind::Delivery, "Grimsby"), (AddressKind::Billing, "Hull")]
        );
        save_addresses(&mut s, &clock(), AddressOwner::Contact(ct.id), &[addr(AddressKind::Home, "7 Elm Row", "Whitby")]).unwrap();
        let p = clients::profile(&s, co.id).unwrap();
        assert_eq!(p.addresses.len(), 3);
        assert_eq!(p.addresses[2].owner, AddressOwner::Contact(ct.id));
        let hits = clients::search(&s, "wharf grimsby").unwrap();
        assert!(matches!(hits.as_slice(), [clients::SearchHit::Company { id, .. }] if *id == co.id), "{hits:?}");
        let hits = clients::search(&s, "whitby").unwrap();
        assert!(matches!(hits.as_slice(), [clients::SearchHit::Contact { row }] if row.contact_id == ct.id), "{hits:?}");
        // Taking an address away takes it out of search too.
        save_addresses(&mut s, &clock(), AddressOwner::Contact(ct.id), &[]).unwrap();
        assert!(clients::search(&s, "whitby").unwrap().is_empty());
    }

    #[test]
    fn a_bad_address_changes_nothing_and_names_the_address_and_part() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        save_addresses(&mut s, &clock(), AddressOwner::Company(co.id), &[addr(AddressKind::Office, "1 Main St", "York")]).unwrap();
        let mut bad = addr(AddressKind::Office, "", "York");
        bad.city = "x".repeat(201);
        let e = save_addresses(&mut s, &clock(), AddressOwner::Company(co.id), &[addr(AddressKind::Home, "", "Leeds"), bad]).unwrap_err();
        assert!(e.message.contains("city of address 2"), "{}", e.message);
        assert_eq!(list_addresses(&s, AddressOwner::Company(co.id)).unwrap()[0].street, "1 Main St");
        assert!(save_addresses(&mut s, &clock(), AddressOwner::Contact(999), &[]).is_err());
    }
}

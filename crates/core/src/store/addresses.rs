//! SQL of addresses (migration 10): several per company or contact, in order.

use crate::address::{Address, AddressInput, AddressKind, AddressOwner};
use crate::error::Result;
use rusqlite::{Connection, Row, params};

const COLUMNS: &str = "id, company_id, contact_id, kind, street, city, region, postcode, country";

fn row(r: &Row<'_>) -> rusqlite::Result<Address> {
    let company: Option<i64> = r.get(1)?;
    let contact: Option<i64> = r.get(2)?;
    let owner = match (company, contact) {
        (Some(id), _) => AddressOwner::Company(id),
        (None, id) => AddressOwner::Contact(id.unwrap_or_default()),
    };
    let kind: String = r.get(3)?;
    let mut a = Address {
        id: r.get(0)?,
        owner,
        kind: AddressKind::ALL.into_iter().find(|k| k.as_str() == kind).unwrap_or(AddressKind::Other),
        street: r.get(4)?,
        city: r.get(5)?,
        region: r.get(6)?,
        postcode: r.get(7)?,
        country: r.get(8)?,
        line: String::new(),
    };
    a.line = crate::address::one_line(&a.input());
    Ok(a)
}

fn owner_ids(o: AddressOwner) -> (Option<i64>, Option<i64>) {
    match o {
        AddressOwner::Company(id) => (Some(id), None),
        AddressOwner::Contact(id) => (None, Some(id)),
    }
}

/// One record's addresses, in order.
pub fn list(c: &Connection, owner: AddressOwner) -> Result<Vec<Address>> {
    let sql = match owner {
        AddressOwner::Company(_) => format!("SELECT {COLUMNS} FROM addresses WHERE company_id = ?1 ORDER BY position, id"),
        AddressOwner::Contact(_) => format!("SELECT {COLUMNS} FROM addresses WHERE contact_id = ?1 ORDER BY position, id"),
    };
    let id = match owner {
        AddressOwner::Company(id) | AddressOwner::Contact(id) => id,
    };
    Ok(c.prepare_cached(&sql)?.query_map([id], row)?.collect::<rusqlite::Result<_>>()?)
}

/// A company's addresses and those of its contacts (the profile).
pub fn of_company_and_contacts(c: &Connection, company_id: i64) -> Result<Vec<Address>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM (
           SELECT a.*, 0 AS whose FROM addresses a WHERE a.company_id = ?1
           UNION ALL
           SELECT a.*, 1 AS whose FROM addresses a JOIN contacts ct ON ct.id = a.contact_id WHERE ct.company_id = ?1 AND ct.archived_at IS NULL
         ) ORDER BY whose, contact_id, position, id"
    );
    Ok(c.prepare_cached(&sql)?.query_map([company_id], row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every address of live contacts (the contacts export), by contact and position.
pub fn of_all_contacts(c: &Connection) -> Result<Vec<Address>> {
    let sql = "SELECT a.id, a.company_id, a.contact_id, a.kind, a.street, a.city, a.region, a.postcode, a.country
         FROM addresses a JOIN contacts ct ON ct.id = a.contact_id WHERE ct.archived_at IS NULL ORDER BY a.contact_id, a.position, a.id";
    Ok(c.prepare_cached(sql)?.query_map([], row)?.collect::<rusqlite::Result<_>>()?)
}

/// Appends an address after the record's last one.
pub fn insert(c: &Connection, owner: AddressOwner, a: &AddressInput) -> Result<i64> {
    let (company, contact) = owner_ids(owner);
    let pos: i64 = c
        .prepare_cached("SELECT coalesce(max(position), 0) + 1 FROM addresses WHERE company_id IS ?1 AND contact_id IS ?2")?
        .query_row(params![company, contact], |r| r.get(0))?;
    c.prepare_cached(
        "INSERT INTO addresses (company_id, contact_id, kind, street, city, region, postcode, country, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![company, contact, a.kind.as_str(), a.street, a.city, a.region, a.postcode, a.country, pos])?;
    Ok(c.last_insert_rowid())
}

/// Replaces all of a record's addresses with `list`, in its order.
pub fn replace(c: &Connection, owner: AddressOwner, list: &[AddressInput]) -> Result<()> {
    let (company, contact) = owner_ids(owner);
    c.prepare_cached("DELETE FROM addresses WHERE company_id IS ?1 AND contact_id IS ?2")?.execute(params![company, contact])?;
    for a in list {
        insert(c, owner, a)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store;

    #[test]
    fn addresses_keep_their_order_and_owner() {
        let s = store();
        let c = s.conn();
        c.execute("INSERT INTO companies (name, created_at, updated_at) VALUES ('Acme', '2026-01-01', '2026-01-01')", []).unwrap();
        let co = c.last_insert_rowid();
        let mut a = AddressInput::new(AddressKind::Delivery);
        a.city = "Leeds".into();
        let mut b = AddressInput::new(AddressKind::Billing);
        b.street = "PO Box 4\n1 Main St".into();
        replace(c, AddressOwner::Company(co), &[a.clone(), b.clone()]).unwrap();
        let got = list(c, AddressOwner::Company(co)).unwrap();
        assert_eq!(got.iter().map(Address::input).collect::<Vec<_>>(), vec![a.clone(), b]);
        assert_eq!(got[0].owner, AddressOwner::Company(co));
        replace(c, AddressOwner::Company(co), &[a]).unwrap();
        assert_eq!(of_company_and_contacts(c, co).unwrap().len(), 1);
    }
}

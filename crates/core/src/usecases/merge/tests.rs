use super::*;
use crate::model::{FieldKind, OrderInput, Source};
use crate::store::testing::{clock, store};
use crate::usecases::custom_fields::{self as cf, FieldInput, ValueInput};
use crate::usecases::{clients, crm, pipeline, tags};

fn lead(s: &mut Store, company: &str, first: &str, last: &str, phone: &str, email: Option<&str>) -> crate::model::Deal {
    pipeline::create_lead(
        s,
        &clock(),
        &pipeline::LeadInput {
            company_name: company.into(),
            first_name: first.into(),
            last_name: last.into(),
            phone: Some(phone.into()),
            email: email.map(str::to_string),
            source: Source::ColdCall,
            referred_by_id: None,
            title: format!("Paper for {company}"),
            value_minor: 100_000,
            next_step: "Call".into(),
            next_step_date: clock().today(),
            company_id: None,
            contact_id: None,
        },
    )
    .unwrap()
}

fn n(s: &Store, sql: &str, id: i64) -> i64 {
    s.conn().query_row(sql, [id], |r| r.get(0)).unwrap()
}

/// Everything that hangs on a contact: deals, activities, orders, referrals, further channels, tags, custom values.
fn contact_counts(s: &Store, id: i64) -> [i64; 7] {
    [
        n(s, "SELECT count(*) FROM deals WHERE contact_id = ?1", id),
        n(s, "SELECT count(*) FROM activities WHERE contact_id = ?1 AND kind <> 'note'", id),
        n(s, "SELECT count(*) FROM orders WHERE contact_id = ?1", id),
        n(s, "SELECT count(*) FROM contacts WHERE referred_by_id = ?1", id),
        n(s, "SELECT count(*) FROM contact_channels WHERE contact_id = ?1", id),
        n(s, "SELECT count(*) FROM tag_links WHERE entity = 'contact' AND record_id = ?1", id),
        n(s, "SELECT count(*) FROM custom_values WHERE record_id = ?1 AND field_id IN (SELECT id FROM custom_fields WHERE entity = 'contact')", id),
    ]
}

fn company_counts(s: &Store, id: i64) -> [i64; 6] {
    [
        n(s, "SELECT count(*) FROM contacts WHERE company_id = ?1", id),
        n(s, "SELECT count(*) FROM deals WHERE company_id = ?1", id),
        n(s, "SELECT count(*) FROM activities WHERE company_id = ?1 AND kind <> 'note'", id),
        n(s, "SELECT count(*) FROM orders WHERE company_id = ?1", id),
        n(s, "SELECT count(*) FROM tag_links WHERE entity = 'company' AND record_id = ?1", id),
        n(s, "SELECT count(*) FROM custom_values WHERE record_id = ?1 AND field_id IN (SELECT id FROM custom_fields WHERE entity = 'company')", id),
    ]
}

fn add(a: [i64; 7], b: [i64; 7]) -> [i64; 7] {
    std::array::from_fn(|i| a[i] + b[i])
}

#[test]
fn duplicates_are_found_by_email_phone_and_folded_name() {
    let mut s = store();
    let a = lead(&mut s, "Acme", "Anna", "Berg", "+49 30 1234567", Some("anna@acme.de"));
    let b = lead(&mut s, "ACME", "Ánna", "berg", "+49 (30) 123-4567", Some("ANNA@acme.de"));
    lead(&mut s, "Other", "Olga", "Petrova", "+7 916 000 11 22", None);
    let d = duplicates(&s).unwrap();
    let contact = d.iter().find(|p| p.kind == ClientKind::Contact).unwrap();
    assert_eq!((contact.a.id, contact.b.id), (a.contact_id.unwrap(), b.contact_id.unwrap()));
    assert_eq!(contact.matched_by, vec![MatchedBy::Email, MatchedBy::Phone, MatchedBy::Name]);
    let company = d.iter().find(|p| p.kind == ClientKind::Company).unwrap();
    assert_eq!((company.a.id, company.b.id, company.matched_by.clone()), (a.company_id.unwrap(), b.company_id.unwrap(), vec![MatchedBy::Name]));
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn a_contact_merge_keeps_everything_and_undo_restores_both() {
    let mut s = store();
    let a = lead(&mut s, "Acme", "Anna", "Berg", "+49 30 1234567", Some("anna@acme.de"));
    let b = lead(&mut s, "Acme Two", "Anna", "Berg", "+49 40 7654321", Some("a.berg@mail.de"));
    let (ka, kb) = (a.contact_id.unwrap(), b.contact_id.unwrap());
    // The merged-away contact has more: an order, a referral, a tag, a custom value, a birthday.
    crm::create_order(
        &mut s,
        &clock(),
        &OrderInput {
            company_id: b.company_id.unwrap(),
            contact_id: Some(kb),
            deal_id: None,
            order_date: clock().today(),
            amount_minor: 5_000,
            margin_minor: 0,
            currency: None,
            notes: None,
        },
    )
    .unwrap();
    let referred = crm::create_contact(&mut s, &clock(), &ContactInput { first_name: "Rita".into(), referred_by_id: Some(kb), ..Default::default() }).unwrap();
    tags::add_tag(&mut s, &clock(), ClientKind::Contact, &[kb], "Trade fair").unwrap();
    tags::add_tag(&mut s, &clock(), ClientKind::Contact, &[ka, kb], "VIP").unwrap();
    let card = cf::define_field(
        &mut s,
        &clock(),
        &FieldInput { entity: ClientKind::Contact, label: "Card".into(), key: None, kind: FieldKind::Text, choices: vec![] },
    )
    .unwrap();
    cf::set_values(&mut s, &clock(), ClientKind::Contact, kb, &[ValueInput { field_id: card.id, value: "ZX-1".into() }]).unwrap();
    let mut bi = ContactInput::from(&crm::get_contact(&s, kb).unwrap());
    bi.birthday = Some("1980-05-01".into());
    bi.notes = Some("Prefers mornings".into());
    crm::update_contact(&mut s, &clock(), kb, &bi).unwrap();
    let before_a = crm::get_contact(&s, ka).unwrap();
    let before_b = crm::get_contact(&s, kb).unwrap();
    let (ca, cb) = (contact_counts(&s, ka), contact_counts(&s, kb));

    let r = merge(&mut s, &clock(), ClientKind::Contact, ka, kb).unwrap();
    // The shared tag stays with the merged-away contact (the kept one has it already).
    let mut expected = add(ca, cb);
    expected[4] += 2; // its phone and e-mail became further channels
    expected[5] -= 1;
    assert_eq!(contact_counts(&s, ka), expected);
    assert!(crm::get_contact(&s, kb).unwrap().archived);
    let kept = crm::get_contact(&s, ka).unwrap();
    assert_eq!(
        (kept.birthday.as_deref(), kept.notes.as_deref(), kept.phone.as_deref()),
        (Some("1980-05-01"), Some("Prefers mornings"), Some("+49 30 1234567"))
    );
    assert_eq!(crm::get_contact(&s, referred.id).unwrap().referred_by_id, Some(ka));
    assert_eq!(tags::tags_of(&s, ClientKind::Contact, ka).unwrap(), vec!["Trade fair", "VIP"]);
    // Found under the merged one's custom value.
    for q in ["zx-1", "trade fair"] {
        let hits = clients::search(&s, q).unwrap();
        assert!(matches!(hits.as_slice(), [clients::SearchHit::Contact { row }] if row.contact_id == ka), "{q}: {hits:?}");
    }
    let note = clients::profile(&s, a.company_id.unwrap()).unwrap().activities.into_iter().find(|x| x.subject.starts_with("Merged")).unwrap();
    assert_eq!(note.subject, "Merged: “Anna Berg” into “Anna Berg”");
    assert!(r.moved >= 6, "{r:?}");
    assert!(duplicates(&s).unwrap().iter().all(|p| p.kind != ClientKind::Contact));

    undo_merge(&mut s, &clock(), r.merge_id).unwrap();
    assert_eq!((contact_counts(&s, ka), contact_counts(&s, kb)), (ca, cb));
    assert_eq!(crm::get_contact(&s, ka).unwrap(), before_a);
    assert_eq!(crm::get_contact(&s, kb).unwrap(), before_b);
    assert!(clients::profile(&s, a.company_id.unwrap()).unwrap().activities.iter().all(|x| !x.subject.starts_with("Merged")));
    assert_eq!(undo_merge(&mut s, &clock(), r.merge_id).unwrap_err().code, ErrorCode::Conflict);
}

#[test]
fn a_company_merge_keeps_contacts_deals_orders_and_its_client_status_and_undo_restores_both() {
    let mut s = store();
    let a = lead(&mut s, "Acme", "Anna", "Berg", "+49 30 1234567", None);
    let b = lead(&mut s, "ACME", "Boris", "Lang", "+49 30 7654321", None);
    let (ca_id, cb_id) = (a.company_id.unwrap(), b.company_id.unwrap());
    crm::close_deal(&mut s, &clock(), b.id, &crate::model::DealClose { status: crate::model::DealStatus::Won, reason: None }).unwrap();
    s.write(|tx| {
        tx.execute("UPDATE companies SET client_since = '2026-11-24' WHERE id = ?1", [cb_id])?;
        Ok(())
    })
    .unwrap();
    tags::add_tag(&mut s, &clock(), ClientKind::Company, &[cb_id], "Wholesale").unwrap();
    let mut bi = CompanyInput { name: "ACME".into(), city: Some("Berlin".into()), phone: Some("+49 30 999".into()), ..Default::default() };
    crm::update_company(&mut s, &clock(), cb_id, &bi).unwrap();
    bi.name = "Acme".into();
    bi.city = None;
    bi.phone = Some("+49 30 111".into());
    crm::update_company(&mut s, &clock(), ca_id, &bi).unwrap();
    let (before_a, before_b) = (crm::get_company(&s, ca_id).unwrap(), crm::get_company(&s, cb_id).unwrap());
    let (ca, cb) = (company_counts(&s, ca_id), company_counts(&s, cb_id));

    let r = merge(&mut s, &clock(), ClientKind::Company, ca_id, cb_id).unwrap();
    let after = company_counts(&s, ca_id);
    assert_eq!(after, std::array::from_fn(|i| ca[i] + cb[i]));
    let kept = crm::get_company(&s, ca_id).unwrap();
    assert_eq!(kept.city.as_deref(), Some("Berlin"));
    assert_eq!(kept.notes.as_deref(), Some("Phone: +49 30 999"), "the second phone is kept");
    let client_since: Option<String> = s.conn().query_row("SELECT client_since FROM companies WHERE id = ?1", [ca_id], |r| r.get(0)).unwrap();
    assert!(client_since.is_some(), "the merged one's purchase makes the kept one a client");
    // Boris is found under the kept company's name.
    let hits = clients::search(&s, "boris acme").unwrap();
    assert_eq!(hits.len(), 1);

    undo_merge(&mut s, &clock(), r.merge_id).unwrap();
    assert_eq!((company_counts(&s, ca_id), company_counts(&s, cb_id)), (ca, cb));
    assert_eq!((crm::get_company(&s, ca_id).unwrap(), crm::get_company(&s, cb_id).unwrap()), (before_a, before_b));
    let client_since: Option<String> = s.conn().query_row("SELECT client_since FROM companies WHERE id = ?1", [ca_id], |r| r.get(0)).unwrap();
    assert_eq!(client_since, None);
}

#[test]
fn a_merge_with_itself_or_an_archived_record_is_refused_and_changes_nothing() {
    let mut s = store();
    let a = lead(&mut s, "Acme", "Anna", "Berg", "+49 30 1234567", None);
    let ka = a.contact_id.unwrap();
    assert_eq!(merge(&mut s, &clock(), ClientKind::Contact, ka, ka).unwrap_err().code, ErrorCode::Validation);
    assert_eq!(merge(&mut s, &clock(), ClientKind::Contact, ka, 999).unwrap_err().code, ErrorCode::NotFound);
    assert!(!crm::get_contact(&s, ka).unwrap().archived);
}

#[test]
fn a_company_merge_moves_its_branches_to_the_kept_company_and_undo_moves_them_back() {
    let mut s = store();
    let a = lead(&mut s, "Acme", "Anna", "Berg", "+49 30 1234567", None);
    let b = lead(&mut s, "Acme GmbH", "Boris", "Lang", "+49 30 7654321", None);
    let branch = lead(&mut s, "Acme Branch Nord", "Clara", "Vogt", "+49 30 5550000", None);
    let (ca, cb, cbr) = (a.company_id.unwrap(), b.company_id.unwrap(), branch.company_id.unwrap());
    crm::set_company_parent(&mut s, &clock(), cbr, Some("Acme GmbH")).unwrap();
    // The kept company's own parent is the merged one: it must not become its own parent.
    crm::set_company_parent(&mut s, &clock(), ca, Some("Acme GmbH")).unwrap();
    assert_eq!(crm::get_company(&s, cbr).unwrap().parent_id, Some(cb));

    let r = merge(&mut s, &clock(), ClientKind::Company, ca, cb).unwrap();
    assert_eq!(crm::get_company(&s, cbr).unwrap().parent_id, Some(ca), "the branch now belongs to the kept company");
    assert_ne!(crm::get_company(&s, ca).unwrap().parent_id, Some(ca), "never its own parent");

    undo_merge(&mut s, &clock(), r.merge_id).unwrap();
    assert_eq!(crm::get_company(&s, cbr).unwrap().parent_id, Some(cb));
    assert_eq!(crm::get_company(&s, ca).unwrap().parent_id, Some(cb));
}

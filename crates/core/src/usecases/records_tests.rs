//! Issue #21, part A: what real address books hold comes in whole —
//! addresses, phone and e-mail kinds, the preferred ones, each program's
//! date conventions — and optional values that cannot be read are the
//! user's choice to leave out. Fixtures: `tests/fixtures/interop/` (README).

use crate::address::{AddressInput, AddressKind};
use crate::interop::export::ExportContact;
use crate::interop::fixtures;
use crate::store::Store;
use crate::store::testing::{clock, store};
use crate::usecases::export::{ContactsFormat, export_contacts, export_contacts_list};
use crate::usecases::import::{DuplicatePolicy, ImportOptions, import_contacts};

fn import(s: &mut Store, name: &str, bytes: &[u8]) -> crate::usecases::import::ImportSummary {
    let r = import_contacts(s, &clock(), bytes, &ImportOptions { duplicates: DuplicatePolicy::Create, ..ImportOptions::new(name) }, false).unwrap();
    assert!(r.written, "{name}: {:?}", r.refused);
    r
}

fn own(name: &str) -> (Store, Vec<ExportContact>) {
    let mut s = store();
    import(&mut s, name, &fixtures::own(name));
    let list = export_contacts_list(&s).unwrap();
    (s, list)
}

fn by_first<'a>(list: &'a [ExportContact], first: &str) -> &'a ExportContact {
    list.iter().find(|c| c.contact.first_name == first).unwrap_or_else(|| panic!("no contact {first}"))
}

fn addr(kind: AddressKind, street: &str, city: &str, region: &str, postcode: &str, country: &str) -> AddressInput {
    AddressInput { kind, street: street.into(), city: city.into(), region: region.into(), postcode: postcode.into(), country: country.into() }
}

/// The additional channels as (kind, value, label).
fn extra(c: &ExportContact) -> Vec<(&str, &str, Option<&str>)> {
    c.channels.iter().map(|ch| (ch.kind.as_str(), ch.value.as_str(), ch.label.as_deref())).collect()
}

#[test]
fn outlook_csv_dates_placeholders_addresses_and_the_phone_to_call_by_meaning() {
    let (_, list) = own("csv/outlook_addresses_dates.csv");
    assert_eq!(list.len(), 3);
    let m = by_first(&list, "Margaret");
    assert_eq!(m.contact.birthday.as_deref(), Some("1980-03-15"), "M/D/YYYY");
    // Business Phone, not the fax or pager that come before and after it.
    assert_eq!((m.contact.phone.as_deref(), m.phone_label.as_deref()), (Some("+44 161 555 0101"), Some("work")));
    assert_eq!(extra(m), vec![("phone", "+44 161 555 0100", Some("fax")), ("phone", "+44 7700 900111", Some("pager"))]);
    assert_eq!(
        m.addresses,
        vec![
            addr(AddressKind::Office, "Marlborough Mills\nGate 2", "Milton", "Darkshire", "MI1 2AB", "United Kingdom"),
            addr(AddressKind::Home, "14 Crampton Road", "Milton", "", "MI4 7CD", "United Kingdom"),
        ]
    );
    let j = by_first(&list, "John");
    assert_eq!(j.contact.birthday, None, "0/0/00 is Outlook's “no date”");
    assert_eq!(j.contact.phone.as_deref(), Some("+44 7700 900333"), "mobile before pager and fax");
    let n = by_first(&list, "Nicholas");
    assert_eq!(n.contact.birthday.as_deref(), Some("1975-12-01"));
    assert_eq!(n.contact.phone, None, "a fax alone is never the number to call");
    assert_eq!(extra(n), vec![("phone", "+44 161 555 0300", Some("fax"))]);
    assert_eq!(n.addresses, vec![addr(AddressKind::Office, "3 Frances Street", "Milton", "", "MI2 9EF", "")]);
}

#[test]
fn google_csv_labels_preferred_values_partial_birthdays_and_addresses_several_in_a_cell() {
    let (s, list) = own("csv/google_labels_addresses.csv");
    // The row that names only a company is that company, with its phone, e-mail, website and address.
    assert_eq!(list.len(), 2, "no person named after the company");
    let co = s.conn().query_row("SELECT id FROM companies WHERE name = 'Reed Ropes Ltd'", [], |r| r.get::<_, i64>(0)).unwrap();
    let p = crate::usecases::clients::profile(&s, co).unwrap();
    assert_eq!(
        (p.company.phone.as_deref(), p.company.email.as_deref(), p.company.website.as_deref()),
        (Some("+1 555 0199 00"), Some("orders@reed-ropes.example"), Some("https://reed-ropes.example"))
    );
    assert!(p.contacts.is_empty());
    assert_eq!(p.addresses.iter().map(|a| a.input()).collect::<Vec<_>>(), vec![addr(AddressKind::Office, "2 Rope Walk", "Boston", "MA", "", "")]);
    assert_eq!(crate::usecases::clients::search(&s, "rope walk").unwrap().len(), 1, "its address is found by search");
    let o = by_first(&list, "Ольга");
    assert_eq!(o.contact.birthday.as_deref(), Some("--03-15"), "“ --03-15” with its leading space");
    assert_eq!(o.details.additional, "Петровна", "the patronymic is kept");
    assert_eq!((o.contact.phone.as_deref(), o.phone_label.as_deref()), (Some("+7 921 555-01-01"), Some("cell")));
    assert_eq!(extra(o), vec![("phone", "+7 812 555-01-00", Some("fax"))]);
    assert_eq!(o.email_label.as_deref(), Some("work"));
    assert_eq!(
        o.addresses,
        vec![
            addr(AddressKind::Office, "Складской пр., 7, корп. 2", "Санкт-Петербург", "", "194100", "Россия"),
            addr(AddressKind::Home, "ул. Лесная, 3, кв. 5, Пушкин", "", "", "", ""),
        ]
    );
    let t = by_first(&list, "Tom");
    assert_eq!(t.contact.birthday.as_deref(), Some("--07-04"), "0000 is Google's unknown year");
    assert_eq!(t.contact.phone.as_deref(), Some("+1 555 0100 79"), "the one marked * is preferred");
    assert_eq!(t.contact.email.as_deref(), Some("t.reed@reed-ropes.example"));
    assert_eq!(
        t.addresses,
        vec![addr(AddressKind::Office, "1 Quay St", "Boston", "MA", "02110", "USA"), addr(AddressKind::Other, "9 Dock Rd", "Salem", "MA", "01970", "USA")]
    );
}

#[test]
fn ios_and_outlook_vcards_keep_adr_label_kinds_and_apples_year_for_none() {
    let (_, list) = own("vcard/ios_v30_adr.vcf");
    let k = by_first(&list, "Karin");
    assert_eq!(k.contact.birthday.as_deref(), Some("--02-29"), "1604 is Apple's year for none");
    assert_eq!((k.contact.phone.as_deref(), k.phone_label.as_deref()), (Some("+46 70 555 04 01"), Some("cell")));
    assert_eq!(extra(k), vec![("phone", "+46 31 555 04 00", Some("work,fax")), ("phone", "+46 74 555 04 02", Some("pager"))]);
    assert_eq!(
        k.addresses,
        vec![
            addr(AddressKind::Office, "Fiskhamnsgatan 2\nHall B", "Göteborg", "", "414 58", "Sverige"),
            addr(AddressKind::Home, "Linnégatan 20", "Göteborg", "Västra Götaland", "413 04", "Sverige"),
        ]
    );
    // The card's own name is kept beside its parts; the patronymic is not lost.
    let t = by_first(&list, "Тарас");
    assert_eq!((t.contact.last_name.as_str(), t.details.display_name.as_str(), t.details.additional.as_str()), ("Ковальчук", "Тарас Ковальчук", "Григорович"));
    assert_eq!(
        (t.details.nickname.as_str(), t.details.department.as_str(), t.details.role.as_str(), t.details.website.as_str()),
        ("Тарасик", "Збут", "Керівник збуту", "https://kovalchuk.example")
    );
    assert_eq!(t.company.as_deref(), Some("Ковальчук і Син"));
    let (_, list) = own("vcard/outlook_v21_label.vcf");
    let d = by_first(&list, "Daniel");
    assert_eq!(d.contact.phone.as_deref(), Some("+44 1632 960100"));
    assert_eq!(
        d.addresses,
        vec![
            addr(AddressKind::Office, "Unit 4, Mill Yard", "Hexham", "Northumberland", "NE46 1AB", "United Kingdom"),
            // A LABEL with no ADR of its kind is kept as the street lines.
            addr(AddressKind::Home, "2 Fell View\nHexham NE46 3XY", "", "", "", ""),
        ]
    );
}

#[test]
fn unreadable_optional_values_refuse_naming_every_line_or_are_left_out_when_chosen() {
    let bytes = fixtures::own("csv/outlook_bad_birthdays.csv");
    let mut s = store();
    let o = ImportOptions::new("outlook_bad_birthdays.csv");
    let r = import_contacts(&mut s, &clock(), &bytes, &o, false).unwrap();
    assert!(!r.written);
    assert_eq!(r.refused.iter().map(|p| (p.line, p.field.as_deref())).collect::<Vec<_>>(), vec![(2, Some("birthday")), (4, Some("birthday"))]);
    assert_eq!(r.bad_values, r.refused, "every refusal is an optional value: the user may leave them out");
    assert!(export_contacts_list(&s).unwrap().is_empty());

    let r = import_contacts(&mut s, &clock(), &bytes, &ImportOptions { skip_bad_values: true, ..o }, false).unwrap();
    assert!(r.written && r.refused.is_empty());
    assert_eq!(r.created, 3);
    assert_eq!(r.bad_values.iter().map(|p| p.line).collect::<Vec<_>>(), vec![2, 4], "each value left out is listed");
    assert!(r.bad_values[0].message.contains("13/45/1981"), "{}", r.bad_values[0].message);
    let list = export_contacts_list(&s).unwrap();
    assert_eq!(by_first(&list, "Mary").contact.birthday.as_deref(), Some("1984-05-02"));
    assert_eq!(by_first(&list, "Bessy").contact.birthday, None);
    assert_eq!(by_first(&list, "Bessy").contact.email.as_deref(), Some("bessy@princeton.example"), "the rest of the row is kept");
}

#[test]
fn addresses_kinds_and_preferred_values_go_round_through_vcard4_vcard3_and_csv() {
    let mut s = store();
    for f in ["csv/outlook_addresses_dates.csv", "csv/google_labels_addresses.csv", "vcard/ios_v30_adr.vcf", "vcard/outlook_v21_label.vcf"] {
        import(&mut s, f, &fixtures::own(f));
    }
    type Shape = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Vec<(String, String)>,
        Vec<AddressInput>,
        crate::contact_details::ContactDetails,
    );
    let shape = |s: &Store| -> Vec<Shape> {
        let mut v: Vec<Shape> = export_contacts_list(s)
            .unwrap()
            .into_iter()
            .map(|e| {
                let kinds = |l: Option<&str>| crate::channels::ChannelKind::from_label(l).as_str().to_string();
                let mut ch: Vec<(String, String)> = e.channels.iter().map(|c| (c.value.clone(), kinds(c.label.as_deref()))).collect();
                ch.insert(0, ("phone".into(), kinds(e.phone_label.as_deref())));
                (e.contact.first_name, e.contact.last_name, e.contact.phone, e.contact.email, e.contact.birthday, e.company, ch, e.addresses, e.details)
            })
            .collect();
        v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        v
    };
    let original = shape(&s);
    assert_eq!(original.len(), 3 + 2 + 2 + 1);
    for format in [ContactsFormat::Vcard4, ContactsFormat::Vcard3, ContactsFormat::Csv] {
        let (bytes, _) = export_contacts(&s, format).unwrap();
        let mut back = store();
        import(&mut back, "export", &bytes);
        assert_eq!(shape(&back), original, "{format:?}");
    }
}

#[test]
#[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
fn real_vcards_keep_their_addresses_exactly() {
    let mut s = store();
    for f in ["vcard/v40_rfc6350_example.vcf", "vcard/v30_evolution_folded.vcf"] {
        import(&mut s, f, &fixtures::real(f));
    }
    let list = export_contacts_list(&s).unwrap();
    let simon = by_first(&list, "Simon");
    assert_eq!((simon.details.display_name.as_str(), simon.details.suffix.as_str()), ("Simon Perreault", "ing. jr,M.Sc."));
    assert_eq!(simon.addresses, vec![addr(AddressKind::Office, "Suite D2-630\n2875 Laurier", "Quebec", "QC", "G1V 2M2", "Canada")]);
    assert_eq!(simon.contact.birthday.as_deref(), Some("--02-03"));
    let john = by_first(&list, "John");
    assert_eq!(
        (john.details.additional.as_str(), john.details.prefix.as_str(), john.details.suffix.as_str(), john.details.nickname.as_str()),
        ("Richter, James", "Mr.", "Sr.", "Johny")
    );
    assert_eq!(john.details.display_name, "", "FN only repeats the parts: shown from them");
    assert_eq!(john.addresses.len(), 1);
    assert_eq!(john.addresses[0].kind, AddressKind::Home);
    assert_eq!(john.addresses[0].street, "ASB-123\n15 Crescent moon drive");
    assert_eq!(
        (john.addresses[0].city.as_str(), john.addresses[0].region.as_str(), john.addresses[0].postcode.as_str(), john.addresses[0].country.as_str()),
        ("Albaney", "New York", "12345", "United States of America"),
        "the folded line is joined"
    );
    assert_eq!(john.contact.birthday.as_deref(), Some("1980-03-22"));
    // Companies and tags exactly: ORG's first part is the company, CATEGORIES the tags.
    assert_eq!((john.company.as_deref(), john.tags.clone()), (Some("IBM"), vec!["VIP".to_string()]));
    assert_eq!((simon.company.as_deref(), simon.tags.clone()), (Some("Viagenie"), vec![]));
    assert_eq!(company_names(&s), vec!["Viagenie", "IBM"]);
}

fn company_names(s: &Store) -> Vec<String> {
    let mut st = s.conn().prepare("SELECT name FROM companies ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<Vec<String>>>().unwrap()
}

#[test]
#[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
fn real_phone_vcards_keep_tags_companies_and_cards_with_only_an_e_mail() {
    let mut s = store();
    for f in ["vcard/v21_android_multi_qp_photo.vcf", "vcard/v21_syncevolution_16_contacts.vcf"] {
        import(&mut s, f, &fixtures::real(f));
    }
    let list = export_contacts_list(&s).unwrap();
    let tagged = |tag: &str| list.iter().filter(|c| c.tags.iter().any(|t| t == tag)).count();
    assert_eq!((tagged("My Contacts"), tagged("TEST"), tagged("Business")), (5, 1, 1));
    let john = list.iter().find(|c| c.contact.first_name == "John" && c.contact.last_name == "Doe").unwrap();
    assert_eq!((john.company.as_deref(), john.tags.clone()), (Some("Test Inc."), vec!["TEST".to_string()]));
    assert_eq!(company_names(&s).len(), 3);
    // Android's cards with only an e-mail: contacts without a name, the address kept.
    let mut nameless: Vec<&str> =
        list.iter().filter(|c| c.contact.first_name.is_empty() && c.contact.last_name.is_empty()).filter_map(|c| c.contact.email.as_deref()).collect();
    nameless.sort_unstable();
    assert_eq!(nameless, vec!["jane.doe@company.com", "john.doe@company.com"]);
}

#[test]
#[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
fn real_google_and_thunderbird_csv_keep_their_addresses() {
    let mut s = store();
    for f in ["csv/google_legacy_export_roundcube.csv", "csv/thunderbird_export_quoting.csv"] {
        import(&mut s, f, &fixtures::real(f));
    }
    let list = export_contacts_list(&s).unwrap();
    let g = by_first(&list, "Firstname");
    assert_eq!(g.contact.birthday.as_deref(), Some("1975-12-12"));
    assert_eq!(
        g.addresses,
        vec![
            addr(AddressKind::Home, "home_street\nhome_pobox", "home_city", "home_state", "home_zip", "home_country"),
            addr(AddressKind::Office, "work_street", "work_city", "", "work_zip", "work_country"),
        ]
    );
    assert!(list.iter().filter(|c| c.contact.first_name == "contact").all(|c| c.addresses.is_empty()), "Thunderbird's rows have none");
    // Companies and tags exactly: Google's group list gives the tag.
    assert_eq!((g.company.as_deref(), g.tags.clone()), (Some("company"), vec!["Test".to_string()]));
    assert_eq!(company_names(&s), vec!["company"]);
    // Thunderbird's Custom 1–4 keep their names and values (a comma, a TAB, line breaks stored as "\n").
    let two = list.iter().find(|c| c.contact.last_name == "two").unwrap();
    assert_eq!(
        two.custom.iter().map(|(_, l, v)| (l.as_str(), v.as_str())).collect::<Vec<_>>(),
        vec![("Custom 1", "custom, 1"), ("Custom 2", "custom\t2"), ("Custom 3", "custom\n3"), ("Custom 4", "custom\n4")]
    );
    assert_eq!(two.contact.notes.as_deref(), Some("here's some unicode text…"), "nothing of them is merged into the notes");
}

#[test]
fn a_record_with_only_an_e_mail_is_a_contact_without_a_name_to_complete() {
    let mut s = store();
    let r = import(&mut s, "csv/thunderbird_birthdays_custom.csv", &fixtures::own("csv/thunderbird_birthdays_custom.csv"));
    // Five rows: the bare orders@ address is completed by the later row that names it; billing@ stays nameless.
    assert_eq!((r.created, r.updated, r.nameless), (4, 1, 2), "{:?}", r.preview);
    let list = export_contacts_list(&s).unwrap();
    assert_eq!(list.len(), 4);
    let billing = list.iter().find(|c| c.contact.email.as_deref() == Some("billing@brandt-papier.example")).expect("the address is kept");
    assert_eq!((billing.contact.first_name.as_str(), billing.contact.last_name.as_str()), ("", ""), "an address is not a name");
    let orders = list.iter().find(|c| c.contact.email.as_deref() == Some("orders@amber-coast.example")).unwrap();
    assert_eq!((orders.contact.first_name.as_str(), orders.contact.last_name.as_str()), ("Orders at", "Amber Coast"), "the named row completes it");
    assert_eq!(orders.contact.phone.as_deref(), Some("+370 5 255 0101"));
    assert!(!list.iter().any(|c| c.contact.first_name.contains('@')), "no contact is named after its address");
    // The nameless one is found by its address, and the person fills the name in.
    let hits = crate::usecases::clients::search(&s, "billing@brandt").unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let input = crate::model::ContactInput { email: billing.contact.email.clone(), first_name: "Greta".into(), ..Default::default() };
    let done = crate::usecases::crm::update_contact(&mut s, &clock(), billing.contact.id, &input).unwrap();
    assert_eq!(done.first_name, "Greta");
    // A contact with neither a name nor an e-mail is still refused, naming the field.
    let e = crate::usecases::crm::create_contact(&mut s, &clock(), &crate::model::ContactInput { phone: Some("+1 555 0100".into()), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("contact.first_name"));
    // Imported again, nothing new and nothing nameless is made.
    let again = import_contacts(&mut s, &clock(), &fixtures::own("csv/thunderbird_birthdays_custom.csv"), &ImportOptions::new("again.csv"), false).unwrap();
    assert_eq!((again.created, again.nameless), (0, 0));
}

fn company(s: &Store, name: &str) -> crate::model::Company {
    let id =
        s.conn().query_row("SELECT id FROM companies WHERE name = ?1", [name], |r| r.get::<_, i64>(0)).unwrap_or_else(|e| panic!("no company {name}: {e}"));
    crate::store::companies::get(s.conn(), id).unwrap()
}

#[test]
fn company_columns_fill_the_company_not_a_contacts_notes() {
    let (s, list) = own("csv/generic_company_columns.csv");
    let nw = company(&s, "Northwind Freight");
    assert_eq!(
        (nw.industry.as_deref(), nw.employees, nw.revenue_minor, nw.parent_name.as_deref()),
        (Some("Logistics"), Some(1200), Some(450_000_000), Some("Northwind Holdings"))
    );
    assert_eq!(nw.notes, None, "nothing of the company lands in notes");
    let hannah = by_first(&list, "Hannah");
    assert_eq!(hannah.contact.notes.as_deref(), Some("Asked for a pallet quote"), "the contact's notes hold only its own");
    // The parent was made from its name, and its own company-only row filled it.
    let holdings = company(&s, "Northwind Holdings");
    assert_eq!((holdings.industry.as_deref(), holdings.employees, holdings.parent_id), (Some("Investment"), Some(85), None));
    assert_eq!(s.conn().query_row("SELECT count(*) FROM companies", [], |r| r.get::<_, i64>(0)).unwrap(), 3, "one Northwind Holdings, not two");
    // A size or revenue that is no single number is kept under its column's name, never dropped.
    let bp = company(&s, "Bluepeak Studio");
    assert_eq!((bp.employees, bp.revenue_minor), (None, None));
    assert_eq!(bp.notes.as_deref(), Some("Number of Employees: 11-50\nAnnual Revenue: under 1M"));
    // A column no field knows keeps its name as a custom field.
    assert_eq!(hannah.custom.iter().map(|(_, l, v)| (l.as_str(), v.as_str())).collect::<Vec<_>>(), vec![("Lead Source", "Trade show 2026")]);
    // Exported in CSV, and read back the same.
    let (bytes, _) = export_contacts(&s, ContactsFormat::Csv).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.lines().next().unwrap().contains("Industry,Employees,Annual Revenue,Parent Company"), "{text}");
    assert!(text.contains("Logistics,1200,4500000.00,Northwind Holdings"), "{text}");
    let mut back = store();
    import(&mut back, "export.csv", &bytes);
    let again = company(&back, "Northwind Freight");
    assert_eq!((again.industry, again.employees, again.revenue_minor, again.parent_name), (nw.industry, nw.employees, nw.revenue_minor, nw.parent_name));
}

#[test]
fn bitrix24_style_russian_company_columns_fill_the_company() {
    let (s, list) = own("csv/bitrix24_company_columns.csv");
    let so = company(&s, "ООО «Север-Опт»");
    assert_eq!(
        (so.industry.as_deref(), so.employees, so.revenue_minor, so.parent_name.as_deref()),
        (Some("Оптовая торговля"), Some(1200), Some(1_250_000_000), Some("АО «Северный холдинг»"))
    );
    let irina = by_first(&list, "Ирина");
    assert_eq!(irina.contact.phone.as_deref(), Some("+7 495 555-12-40"), "“Рабочий телефон” is a phone");
    assert_eq!(irina.details.additional, "Сергеевна");
    assert_eq!(irina.contact.notes.as_deref(), Some("Работает с НДС"));
    assert_eq!(irina.custom.iter().map(|(_, l, v)| (l.as_str(), v.as_str())).collect::<Vec<_>>(), vec![("Источник", "Выставка")]);
    let lb = company(&s, "ООО «Ленбумага»");
    assert_eq!((lb.employees, lb.notes.as_deref()), (None, Some("Кол-во сотрудников: 50-250")));
}

#[test]
fn a_company_belongs_to_another_found_by_name_or_made_never_in_a_circle() {
    use crate::usecases::crm;
    let mut s = store();
    let a =
        crm::create_company(&mut s, &clock(), &crate::model::CompanyInput { name: "Acme Retail".into(), employees: Some(40), ..Default::default() }).unwrap();
    let g = crm::set_company_parent(&mut s, &clock(), a.id, Some(" acme group ")).unwrap();
    assert_eq!(g.parent_name.as_deref(), Some("acme group"), "made when no company is called so");
    let group = g.parent_id.unwrap();
    let again = crm::set_company_parent(&mut s, &clock(), a.id, Some("ACME GROUP")).unwrap();
    assert_eq!(again.parent_id, Some(group), "found again by its name, whatever the case");
    let e = crm::set_company_parent(&mut s, &clock(), group, Some("Acme Retail")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("company.parent"));
    assert!(e.message.contains("“Acme Retail” already belongs to “acme group”"), "{}", e.message);
    assert_eq!(crm::set_company_parent(&mut s, &clock(), a.id, Some("Acme Retail")).unwrap_err().field.as_deref(), Some("company.parent"));
    assert_eq!(crm::set_company_parent(&mut s, &clock(), a.id, Some(" ")).unwrap().parent_id, None, "an empty name clears it");
    let e = crm::update_company(&mut s, &clock(), a.id, &crate::model::CompanyInput { name: "Acme Retail".into(), employees: Some(-1), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("company.employees"));
    assert_eq!(crate::store::companies::get(s.conn(), a.id).unwrap().employees, Some(40), "a refusal changes nothing");
}

#[test]
fn thunderbird_birthdays_in_three_columns_and_custom_columns_keep_their_names() {
    let (_, list) = own("csv/thunderbird_birthdays_custom.csv");
    let ilse = by_first(&list, "Ilse");
    assert_eq!(ilse.contact.birthday.as_deref(), Some("1979-04-23"));
    assert_eq!(ilse.contact.notes.as_deref(), Some("Bestellt quartalsweise"), "Custom 1–4 are not merged into the notes");
    let custom = |c: &ExportContact| c.custom.iter().filter(|x| !x.2.is_empty()).map(|(_, l, v)| (l.clone(), v.clone())).collect::<Vec<_>>();
    assert_eq!(custom(ilse), vec![("Custom 1".to_string(), "Tor 4".to_string()), ("Custom 2".to_string(), "Zahlt in 14 Tagen".to_string())]);
    let jonas = by_first(&list, "Jonas");
    assert_eq!(jonas.contact.birthday.as_deref(), Some("--11-02"), "no year: stored as Google's are");
    assert_eq!(custom(jonas), vec![("Custom 4".to_string(), "met at the Vilnius fair".to_string())]);
}

#[test]
fn a_re_import_that_updates_takes_the_new_kinds_of_the_phones_and_e_mails() {
    let mut s = store();
    let first = "First Name,Last Name,E-mail Type,E-mail,Phone Type,Phone,Phone 2 Type,Phone 2\n\
                 Anna,Berg,* home,anna@berg.example,* home,+46 8 555 0100,fax,+46 8 555 0199\n";
    import(&mut s, "first.csv", first.as_bytes());
    let kinds = |s: &Store| {
        let c = export_contacts_list(s).unwrap().remove(0);
        (
            c.phone_label.clone(),
            c.email_label.clone(),
            extra(&c).into_iter().map(|(k, v, l)| (k.to_string(), v.to_string(), l.map(str::to_string))).collect::<Vec<_>>(),
        )
    };
    assert_eq!(kinds(&s).0.as_deref(), Some("home"));
    // The same numbers and address, now marked work (and the second number is really a mobile).
    let second = "First Name,Last Name,E-mail Type,E-mail,Phone Type,Phone,Phone 2 Type,Phone 2\n\
                  Anna,Berg,* work,anna@berg.example,* work,+46 8 555 0100,mobile,+46 8 555 0199\n";
    let o = ImportOptions { duplicates: DuplicatePolicy::Update, ..ImportOptions::new("second.csv") };
    let r = import_contacts(&mut s, &clock(), second.as_bytes(), &o, false).unwrap();
    assert_eq!((r.created, r.updated), (0, 1));
    let (phone, email, extras) = kinds(&s);
    assert_eq!((phone.as_deref(), email.as_deref()), (Some("work"), Some("work")), "the primary phone's and e-mail's kinds follow the file");
    assert_eq!(extras, vec![("phone".to_string(), "+46 8 555 0199".to_string(), Some("cell".to_string()))], "a mobile is kept as vCard's cell");
    // A file that names no kind leaves the kinds as they are.
    let bare = "First Name,Last Name,E-mail,Phone\nAnna,Berg,anna@berg.example,+46 8 555 0100\n";
    import_contacts(&mut s, &clock(), bare.as_bytes(), &o, false).unwrap();
    assert_eq!(kinds(&s).0.as_deref(), Some("work"));
}

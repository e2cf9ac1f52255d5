//! Tests of the daily work: hand-offs, hygiene rules, Today, search, undo.

use super::board::{BoardQuery, get_board};
use super::clients::{self, SearchHit};
use super::crm::{self, Archivable};
use super::pipeline::*;
use super::today::today;
use crate::clock::{Clock, FixedClock};
use crate::error::ErrorCode;
use crate::model::*;
use crate::store::Store;
use crate::store::testing::{clock, store};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

fn company(s: &mut Store, name: &str) -> i64 {
    crm::create_company(s, &clock(), &CompanyInput { name: name.into(), ..Default::default() }).unwrap().id
}

fn person(s: &mut Store, name: &str, roles: &[Role]) -> i64 {
    crm::create_person(s, &clock(), &PersonInput { name: name.into(), roles: roles.to_vec(), ..Default::default() }).unwrap().id
}

fn step(s: &Store, stage: Stage, position: i32) -> i64 {
    crm::list_steps(s).unwrap().into_iter().find(|x| x.stage == stage && x.position == position).unwrap().id
}

fn day(offset: i64) -> NaiveDate {
    clock().today() + Duration::days(offset)
}

fn deal(s: &mut Store, company: i64, step: i64, next: Option<(&str, NaiveDate)>, owner: Option<i64>) -> Deal {
    crm::create_deal(
        s,
        &clock(),
        &DealInput {
            title: "Paper for the year".into(),
            company_id: Some(company),
            contact_id: None,
            step_id: step,
            value_minor: 120_000,
            currency: None,
            owner_id: owner,
            source: Source::ColdCall,
            referred_by_id: None,
            next_step: next.map(|n| n.0.to_string()),
            next_step_date: next.map(|n| n.1),
            expected_close_on: None,
        },
    )
    .unwrap()
}

fn card(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn qualification() -> BTreeMap<String, String> {
    card(&[("need", "Paper every month"), ("budget", "2,000 €/year"), ("decision_maker", "Office manager"), ("timing", "January"), ("source", "Cold call")])
}

fn handover() -> BTreeMap<String, String> {
    card(&[
        ("sold", "Annual paper contract"),
        ("terms", "Monthly delivery, 14 days to pay"),
        ("contacts", "Anna, office manager"),
        ("expectations", "Delivery before 10:00"),
    ])
}

#[test]
fn a_lead_crosses_all_three_stages_with_its_cards_and_a_won_deal_plans_stage_3() {
    let mut s = store();
    let owner = person(&mut s, "Owner", &[Role::HeadOfSales, Role::Hunter]);
    let closer = person(&mut s, "Closer", &[Role::Closer]);
    let farmer = person(&mut s, "Farmer", &[Role::AccountManager]);
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::LeadGeneration, 1);
    let lead = deal(&mut s, co, st, Some(("Call", day(0))), Some(owner));

    // Within a stage a move is free; across stages it needs the card.
    let st = step(&s, Stage::LeadGeneration, 4);
    let moved = move_deal(&mut s, &clock(), lead.id, st).unwrap();
    assert_eq!(moved.stage, Stage::LeadGeneration);
    let st = step(&s, Stage::FirstDeal, 1);
    let err = move_deal(&mut s, &clock(), lead.id, st).unwrap_err();
    assert_eq!(err.code, ErrorCode::HandoffRequired);

    let mut input = HandOffInput {
        deal_id: lead.id,
        to_step_id: None,
        to_person_id: None,
        card: qualification(),
        next_step: "Needs analysis meeting".into(),
        next_step_date: day(2),
    };
    input.card.remove("budget");
    let err = hand_off_qualified_lead(&mut s, &clock(), &input).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Validation, Some("card.budget")));
    input.card = qualification();
    input.card.insert("shoe_size".into(), "42".into());
    assert_eq!(hand_off_qualified_lead(&mut s, &clock(), &input).unwrap_err().field.as_deref(), Some("card.shoe_size"));
    input.card = qualification();
    let d = hand_off_qualified_lead(&mut s, &clock(), &input).unwrap();
    assert_eq!((d.stage, d.step_id, d.owner_id), (Stage::FirstDeal, step(&s, Stage::FirstDeal, 1), Some(closer)));
    assert_eq!(d.next_step.as_deref(), Some("Needs analysis meeting"));
    let h = handoffs_of_company(&s, co).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].from_person_id, h[0].to_person_id), (Some(owner), Some(closer)));
    assert_eq!(h[0].card["budget"], "2,000 €/year");

    // The first sale needs the hand-over card.
    let mut win = WinInput { deal_id: d.id, to_person_id: None, card: handover(), value_minor: None };
    win.card.remove("terms");
    assert_eq!(win_first_deal(&mut s, &clock(), &win).unwrap_err().field.as_deref(), Some("card.terms"));
    win.card = handover();
    let out = win_first_deal(&mut s, &clock(), &win).unwrap();
    assert_eq!(out.deal.status, DealStatus::Won);
    assert_eq!(out.account_deal.stage, Stage::AccountDevelopment);
    assert_eq!(out.account_deal.owner_id, Some(farmer));
    assert!(out.account_deal.next_step_date.is_some(), "the stage-3 record has a next step");
    let checkin = crm::get_activity(&s, out.checkin_task_id).unwrap();
    let referral = crm::get_activity(&s, out.referral_task_id).unwrap();
    assert_eq!(referral.subject, "Ask for a referral");
    assert!(checkin.done_at.is_none() && referral.due_at.unwrap().date() <= day(7));
    let profile = clients::profile(&s, co).unwrap();
    assert_eq!(profile.company.abc, None);
    assert_eq!(profile.handoffs.len(), 2);
    let stage: String = s.conn().query_row("SELECT stage FROM companies WHERE id = ?1", [co], |r| r.get(0)).unwrap();
    assert_eq!(stage, "account_development");
    let board = get_board(&s, &clock(), &BoardQuery::default()).unwrap();
    assert_eq!(board.stages.iter().map(|x| x.count).collect::<Vec<_>>(), vec![0, 0, 1]);
    // A week on, both tasks are due on Today.
    let later = FixedClock::at("2026-12-01T12:00:00+01:00");
    let t = today(&s, &later, None).unwrap();
    assert_eq!(t.tasks_due.total, 2);
}

#[test]
fn logging_a_call_on_an_open_deal_needs_the_next_step_and_updates_it() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::FirstDeal, 2);
    let d = deal(&mut s, co, st, Some(("Send offer", day(0))), None);
    let mut call = LogInput {
        kind: ActivityKind::Call,
        deal_id: Some(d.id),
        contact_id: None,
        company_id: None,
        subject: None,
        outcome: Some("Wants a discount".into()),
        duration_min: Some(7),
        notes: None,
        next_step: None,
        next_step_date: None,
    };
    assert_eq!(log_activity(&mut s, &clock(), &call).unwrap_err().field.as_deref(), Some("deal.next_step"));
    call.next_step = Some("Send revised offer".into());
    assert_eq!(log_activity(&mut s, &clock(), &call).unwrap_err().field.as_deref(), Some("deal.next_step_date"));
    call.next_step_date = Some(day(-1));
    assert_eq!(log_activity(&mut s, &clock(), &call).unwrap_err().field.as_deref(), Some("deal.next_step_date"));
    call.next_step_date = Some(day(1));
    let a = log_activity(&mut s, &clock(), &call).unwrap();
    assert_eq!((a.subject.as_str(), a.company_id, a.duration_min), ("Call", Some(co), Some(7)));
    assert!(a.done_at.is_some());
    let d = crm::get_deal(&s, d.id).unwrap();
    assert_eq!((d.next_step.as_deref(), d.next_step_date), (Some("Send revised offer"), Some(day(1))));
    let t = today(&s, &clock(), None).unwrap();
    assert_eq!(t.calls_today, 1);
    assert_eq!(t.first_deals_due.total, 0, "no longer due today");
}

#[test]
fn today_puts_hygiene_problems_on_top_by_the_rules() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    let s2 = step(&s, Stage::FirstDeal, 1);
    let none = deal(&mut s, co, s2, None, None);
    let late4 = deal(&mut s, co, s2, Some(("Call back", day(-4))), None);
    let late2 = deal(&mut s, co, s2, Some(("Call back", day(-2))), None);
    let fine = deal(&mut s, co, s2, Some(("Call back", day(3))), None);
    let t = today(&s, &clock(), None).unwrap();
    assert_eq!(t.no_next_step.deals.iter().map(|d| d.id).collect::<Vec<_>>(), vec![none.id]);
    assert_eq!(t.overdue.deals.iter().map(|d| d.id).collect::<Vec<_>>(), vec![late4.id], "late by more than 3 days only");
    let due: Vec<i64> = t.first_deals_due.deals.iter().map(|d| d.id).collect();
    assert!(due.contains(&late2.id) && due.contains(&late4.id) && !due.contains(&fine.id));
    assert!(!t.cycle_measured);
    assert_eq!(t.stale.total, 0, "all deals were opened today");

    // Forty days on with no activity, they are stale (default cycle 30 days).
    let later = FixedClock::at("2027-01-03T09:00:00+01:00");
    assert_eq!(today(&s, &later, None).unwrap().stale.total, 4);

    // Disqualifying with a reason clears the problem; the reason is offered next time.
    crm::close_deal(&mut s, &clock(), none.id, &DealClose { status: DealStatus::Disqualified, reason: Some("Brother-in-law's firm".into()) }).unwrap();
    assert_eq!(today(&s, &clock(), None).unwrap().no_next_step.total, 0);
    assert!(close_reasons(&s).unwrap().disqualified.contains(&"Brother-in-law's firm".to_string()));
}

#[test]
fn clients_are_due_a_check_in_by_their_category_cadence() {
    let mut s = store();
    let mut client = |name: &str, abc: Option<Abc>, last_days_ago: i64| {
        let id = company(&mut s, name);
        crm::update_company(&mut s, &clock(), id, &CompanyInput { name: name.into(), abc, ..Default::default() }).unwrap();
        crate::store::companies::mark_client(s.conn(), id, day(-200), "2026-01-01T00:00:00Z").unwrap();
        crm::create_activity(
            &mut s,
            &clock(),
            &ActivityInput {
                kind: ActivityKind::Call,
                subject: "Check-in".into(),
                deal_id: None,
                contact_id: None,
                company_id: Some(id),
                owner_id: None,
                due_at: None,
                done_at: Some(day(-last_days_ago).and_hms_opt(10, 0, 0).unwrap()),
                outcome: None,
                duration_min: None,
                notes: None,
            },
        )
        .unwrap();
        id
    };
    let a_due = client("A due", Some(Abc::A), 31);
    let _a_ok = client("A fine", Some(Abc::A), 29);
    let _b_ok = client("B fine", Some(Abc::B), 31);
    let b_due = client("B due", Some(Abc::B), 61);
    let c_due = client("Unrated", None, 91);
    let t = today(&s, &clock(), None).unwrap();
    let ids: Vec<i64> = t.checkins_due.clients.iter().map(|c| c.company_id).collect();
    assert_eq!(ids, vec![a_due, b_due, c_due]);
}

#[test]
fn repeat_orders_are_expected_from_the_clients_rhythm() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    crate::store::companies::mark_client(s.conn(), co, day(-100), "2026-01-01T00:00:00Z").unwrap();
    for ago in [65, 35, 5] {
        crm::create_order(
            &mut s,
            &clock(),
            &OrderInput {
                company_id: co,
                contact_id: None,
                deal_id: None,
                order_date: day(-ago),
                amount_minor: 50_000,
                margin_minor: 10_000,
                currency: None,
                notes: None,
            },
        )
        .unwrap();
    }
    // Every 30 days, last 5 days ago: the next is in 25 days, not within 7.
    assert_eq!(today(&s, &clock(), None).unwrap().orders_expected.total, 0);
    let later = FixedClock::at("2026-12-15T09:00:00+01:00");
    let t = today(&s, &later, None).unwrap();
    assert_eq!(t.orders_expected.clients[0].expected_order_on, Some(day(25)));
}

#[test]
fn search_folds_case_accents_greek_and_yo_and_follows_edits() {
    let mut s = store();
    let co = company(&mut s, "Ёлочка ООО");
    let mut contact = |first: &str, last: &str, phone: Option<&str>, email: Option<&str>| {
        crm::create_contact(
            &mut s,
            &clock(),
            &ContactInput {
                company_id: Some(co),
                first_name: first.into(),
                last_name: last.into(),
                phone: phone.map(String::from),
                email: email.map(String::from),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let ivan = contact("Иван", "Петров", Some("+7 (916) 123-45-67"), Some("ivan.petrov@example.ru"));
    let giorgos = contact("Γιώργος", "Παπαδόπουλος", None, None);
    let yolkina = contact("Анна", "Ёлкина", None, None);
    let szoke = contact("Ödön", "Szőke", None, Some("odon@szoke.hu"));
    let found = |s: &Store, q: &str| -> Vec<i64> {
        clients::search(s, q)
            .unwrap()
            .into_iter()
            .filter_map(|h| match h {
                SearchHit::Contact { row } => Some(row.contact_id),
                _ => None,
            })
            .collect()
    };
    assert_eq!(found(&s, "иван"), vec![ivan]);
    assert_eq!(found(&s, "ИВАН пет"), vec![ivan]);
    assert_eq!(found(&s, "γιωργος"), vec![giorgos]);
    assert_eq!(found(&s, "ΠΑΠΑΔΟΠΟΥΛΟΣ"), vec![giorgos]);
    assert_eq!(found(&s, "елкина"), vec![yolkina]);
    assert_eq!(found(&s, "szoke"), vec![szoke]);
    assert_eq!(found(&s, "916 123"), vec![ivan], "phone without the country code");
    assert_eq!(found(&s, "79161234"), vec![ivan]);
    assert_eq!(found(&s, "ivan.petrov@"), vec![ivan]);
    assert!(found(&s, "zzz").is_empty());
    assert!(found(&s, "\"; DROP TABLE contacts; --").is_empty(), "query syntax is never passed through");
    // Companies are found too, and a company rename reaches its contacts.
    assert!(clients::search(&s, "елочка").unwrap().iter().any(|h| matches!(h, SearchHit::Company { id, .. } if *id == co)));
    crm::update_company(&mut s, &clock(), co, &CompanyInput { name: "Берёза".into(), ..Default::default() }).unwrap();
    assert_eq!(found(&s, "береза").len(), 4);
    // Archived people leave the results, and come back when restored.
    crm::archive(&mut s, &clock(), Archivable::Contact, ivan).unwrap();
    assert!(found(&s, "иван").is_empty());
    crm::restore(&mut s, &clock(), Archivable::Contact, ivan).unwrap();
    assert_eq!(found(&s, "иван"), vec![ivan]);
}

#[test]
fn archive_and_restore_a_deal_is_an_undo() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::FirstDeal, 1);
    let d = deal(&mut s, co, st, Some(("Call", day(1))), None);
    let count = |s: &Store| get_board(s, &clock(), &BoardQuery::default()).unwrap().stages[1].count;
    assert_eq!(count(&s), 1);
    crm::archive(&mut s, &clock(), Archivable::Deal, d.id).unwrap();
    assert_eq!(count(&s), 0);
    assert_eq!(crm::archive(&mut s, &clock(), Archivable::Deal, d.id).unwrap_err().code, ErrorCode::NotFound);
    crm::restore(&mut s, &clock(), Archivable::Deal, d.id).unwrap();
    assert_eq!(count(&s), 1);
    assert_eq!(crm::restore(&mut s, &clock(), Archivable::Deal, d.id).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn steps_reorder_without_losing_deals() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    let ids: Vec<i64> = crm::list_steps(&s).unwrap().into_iter().filter(|x| x.stage == Stage::FirstDeal).map(|x| x.id).collect();
    let d = deal(&mut s, co, ids[2], Some(("Call", day(1))), None);
    let reversed: Vec<i64> = ids.iter().rev().copied().collect();
    let after = reorder_steps(&mut s, Stage::FirstDeal, &reversed).unwrap();
    let order: Vec<i64> = after.into_iter().filter(|x| x.stage == Stage::FirstDeal).map(|x| x.id).collect();
    assert_eq!(order, reversed);
    assert_eq!(crm::get_deal(&s, d.id).unwrap().step_id, ids[2]);
    assert_eq!(reorder_steps(&mut s, Stage::FirstDeal, &ids[..3]).unwrap_err().field.as_deref(), Some("steps.order"));
}

#[test]
fn the_demo_gives_today_something_in_every_stage() {
    let mut s = store();
    crate::demo::generate(&mut s, &clock(), &crate::demo::DemoSpec::default()).unwrap();
    let t = today(&s, &clock(), None).unwrap();
    assert!(t.no_next_step.total > 0 && t.overdue.total > 0);
    assert!(t.leads_to_call.total > 0 && t.first_deals_due.total > 0);
    assert!(t.checkins_due.total > 0, "some clients are due a check-in");
    assert!(t.cycle_measured && t.cycle_days >= 15 && t.cycle_days <= 60, "cycle {}", t.cycle_days);
    assert!(t.tasks_due.total > 0);
}

#[test]
fn a_new_lead_is_company_contact_and_stage_1_deal_at_once_or_nothing() {
    let mut s = store();
    let hunter = person(&mut s, "Hunter", &[Role::Hunter]);
    let mut lead = LeadInput {
        company_name: "Северный ветер".into(),
        first_name: "Ольга".into(),
        last_name: "Ёлкина".into(),
        phone: Some("+7 916 000-00-00".into()),
        email: None,
        source: Source::Referral,
        referred_by_id: None,
        title: String::new(),
        value_minor: 0,
        next_step: "Call".into(),
        next_step_date: day(1),
        company_id: None,
        contact_id: None,
    };
    assert_eq!(create_lead(&mut s, &clock(), &lead).unwrap_err().field.as_deref(), Some("lead.referred_by_id"));
    lead.source = Source::ColdCall;
    lead.email = Some("not-an-email".into());
    assert_eq!(create_lead(&mut s, &clock(), &lead).unwrap_err().field.as_deref(), Some("contact.email"));
    assert_eq!(crate::store::stats::count_live(s.conn(), "companies").unwrap(), 0, "nothing half-made");
    lead.email = None;
    let d = create_lead(&mut s, &clock(), &lead).unwrap();
    assert_eq!((d.stage, d.owner_id, d.title.as_str()), (Stage::LeadGeneration, Some(hunter), "Северный ветер"));
    assert_eq!(crate::store::stats::count_live(s.conn(), "contacts").unwrap(), 1);
    assert_eq!(clients::search(&s, "елкина").unwrap().len(), 1);
}

#[test]
fn the_trash_lists_archived_records_newest_first_until_restored() {
    let mut s = store();
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::FirstDeal, 1);
    let d = deal(&mut s, co, st, Some(("Call", day(1))), None);
    crm::archive(&mut s, &clock(), Archivable::Deal, d.id).unwrap();
    crm::archive(&mut s, &clock(), Archivable::Company, co).unwrap();
    let trash = crm::trash_list(&s).unwrap();
    assert_eq!(trash.iter().map(|x| (x.what, x.id)).collect::<Vec<_>>(), vec![(Archivable::Company, co), (Archivable::Deal, d.id)]);
    assert_eq!(trash[1].title, "Paper for the year");
    crm::restore(&mut s, &clock(), Archivable::Deal, d.id).unwrap();
    assert_eq!(crm::trash_list(&s).unwrap().len(), 1);
}

#[test]
fn card_fields_are_configurable_and_the_hand_off_follows_them() {
    use crate::store::cards::CardKind;
    let mut s = store();
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::LeadGeneration, 1);
    let lead = deal(&mut s, co, st, Some(("Call", day(1))), None);
    let f = add_card_field(&mut s, CardKind::Qualification, "Current supplier", true).unwrap();
    assert_eq!(f.key, "current_supplier");
    assert_eq!(add_card_field(&mut s, CardKind::Qualification, "Current supplier", false).unwrap().key, "current_supplier_2");
    // A label in another script gets a neutral key; the label is what people see.
    assert_eq!(add_card_field(&mut s, CardKind::Qualification, "Поставщик", false).unwrap().key, "field");
    assert_eq!(add_card_field(&mut s, CardKind::Qualification, "  ", true).unwrap_err().field.as_deref(), Some("card_field.label"));
    // The new required field is now needed; archiving "budget" drops it.
    let mut input =
        HandOffInput { deal_id: lead.id, to_step_id: None, to_person_id: None, card: qualification(), next_step: "Visit".into(), next_step_date: day(2) };
    assert_eq!(hand_off_qualified_lead(&mut s, &clock(), &input).unwrap_err().field.as_deref(), Some("card.current_supplier"));
    let budget = card_fields(&s, CardKind::Qualification).unwrap().into_iter().find(|f| f.key == "budget").unwrap();
    archive_card_field(&mut s, &clock(), budget.id).unwrap();
    input.card.remove("budget");
    input.card.insert("current_supplier".into(), "Staples".into());
    hand_off_qualified_lead(&mut s, &clock(), &input).unwrap();
    // Reorder and the last-field rule.
    let ids: Vec<i64> = card_fields(&s, CardKind::Handover).unwrap().iter().map(|f| f.id).rev().collect();
    let after = reorder_card_fields(&mut s, CardKind::Handover, &ids).unwrap();
    assert_eq!(after.iter().map(|f| f.id).collect::<Vec<_>>(), ids);
    for f in &after[..after.len() - 1] {
        archive_card_field(&mut s, &clock(), f.id).unwrap();
    }
    assert_eq!(archive_card_field(&mut s, &clock(), after[after.len() - 1].id).unwrap_err().code, ErrorCode::Conflict);
}

/// The hand-off norm follows the card's configuration: a field made required
/// after a hand-off flags that card; no longer requiring it clears it.
#[test]
fn the_hand_off_norm_follows_changes_of_the_required_fields() {
    use crate::store::cards::CardKind;
    use crate::store::norms::incomplete_cards;
    let mut s = store();
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::LeadGeneration, 1);
    let lead = deal(&mut s, co, st, Some(("Call", day(1))), None);
    let input =
        HandOffInput { deal_id: lead.id, to_step_id: None, to_person_id: None, card: qualification(), next_step: "Visit".into(), next_step_date: day(2) };
    hand_off_qualified_lead(&mut s, &clock(), &input).unwrap();
    let broken = |s: &Store| incomplete_cards(s.conn(), None, CardKind::Qualification, NaiveDate::MIN, 10).unwrap();
    assert_eq!(broken(&s).1, 0, "the hand-off was complete");
    let f = add_card_field(&mut s, CardKind::Qualification, "Delivery address", true).unwrap();
    let (rows, n) = broken(&s);
    assert_eq!((n, rows[0].record_id), (1, lead.id), "the new required field is empty on the recorded card");
    update_card_field(&mut s, f.id, "Delivery address", false).unwrap();
    assert_eq!(broken(&s).1, 0, "optional again");
    update_card_field(&mut s, f.id, "Delivery address", true).unwrap();
    assert_eq!(broken(&s).1, 1);
    // A new label alone (no recount) or a new optional field change nothing.
    update_card_field(&mut s, f.id, "Shipping address", true).unwrap();
    add_card_field(&mut s, CardKind::Qualification, "Remarks", false).unwrap();
    assert_eq!(broken(&s).1, 1);
    archive_card_field(&mut s, &clock(), f.id).unwrap();
    assert_eq!(broken(&s).1, 0, "an archived field is not required");
    // Brought back (as a template import does): required again, counted again; optional, not.
    crate::store::cards::revive_field(s.conn(), f.id, "Shipping address", true).unwrap();
    assert_eq!(broken(&s).1, 1);
    archive_card_field(&mut s, &clock(), f.id).unwrap();
    crate::store::cards::revive_field(s.conn(), f.id, "Shipping address", false).unwrap();
    assert_eq!(broken(&s).1, 0);
    update_card_field(&mut s, f.id, "Shipping address", true).unwrap();
    assert_eq!(broken(&s).1, 1);
    archive_card_field(&mut s, &clock(), f.id).unwrap();
    assert_eq!(broken(&s).1, 0);
    // A deal that came to stage 2 without a hand-off breaks the norm too.
    let first = step(&s, Stage::FirstDeal, 1);
    let direct = deal(&mut s, co, first, Some(("Offer", day(1))), None);
    assert_eq!(broken(&s).0.iter().map(|b| b.record_id).collect::<Vec<_>>(), vec![direct.id]);
}

#[test]
fn a_person_without_a_company_has_a_profile_with_their_deals_and_history() {
    let mut s = store();
    let anna = crm::create_contact(
        &mut s,
        &clock(),
        &ContactInput { first_name: "Anna".into(), last_name: "Private".into(), phone: Some("+49 30 5555".into()), ..Default::default() },
    )
    .unwrap();
    assert_eq!(anna.company_id, None);
    let first = step(&s, Stage::LeadGeneration, 1);
    let d = crm::create_deal(
        &mut s,
        &clock(),
        &DealInput {
            title: "Home office chair".into(),
            company_id: None,
            contact_id: Some(anna.id),
            step_id: first,
            value_minor: 30_000,
            currency: None,
            owner_id: None,
            source: Source::Inbound,
            referred_by_id: None,
            next_step: Some("Call back".into()),
            next_step_date: Some(day(1)),
            expected_close_on: None,
        },
    )
    .unwrap();
    let call = LogInput {
        kind: ActivityKind::Call,
        deal_id: Some(d.id),
        contact_id: Some(anna.id),
        company_id: None,
        subject: None,
        outcome: Some("Wants a grey one".into()),
        duration_min: Some(5),
        notes: None,
        next_step: Some("Send the offer".into()),
        next_step_date: Some(day(2)),
    };
    log_activity(&mut s, &clock(), &call).unwrap();
    let p = clients::person_profile(&s, anna.id).unwrap();
    assert_eq!((p.contact.first_name.as_str(), p.company_name.as_deref()), ("Anna", None));
    assert_eq!(p.deals.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Home office chair"]);
    assert!(p.activities.iter().any(|a| a.outcome.as_deref() == Some("Wants a grey one")), "the call is in her history");
    // An edit of her phone shows in her profile and its note in her history.
    crm::update_contact(&mut s, &clock(), anna.id, &ContactInput { phone: Some("+49 30 6666".into()), ..ContactInput::from(&anna) }).unwrap();
    let p = clients::person_profile(&s, anna.id).unwrap();
    assert_eq!(p.contact.phone.as_deref(), Some("+49 30 6666"));
    assert!(p.activities.iter().any(|a| a.kind == ActivityKind::Note && a.subject.contains("Phone")));
    // A contact that does not exist is a clear not-found.
    assert_eq!(clients::person_profile(&s, 9_999).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_deal_keeps_its_product_and_notes_shown_in_its_panel_and_edited_there() {
    let (mut s, c) = (store(), clock());
    let co = company(&mut s, "Acme");
    let st = step(&s, Stage::FirstDeal, 1);
    let d = deal(&mut s, co, st, None, None);
    let empty = super::daily::deal_details(&s, d.id).unwrap().notes;
    assert_eq!(empty, super::daily::DealNotes::default());

    let saved = super::daily::save_deal_notes(
        &mut s,
        &c,
        d.id,
        &super::daily::DealNotes { product: Some("  Paper, A4  ".into()), notes: Some("Wants delivery on Mondays.\nCall after 10.".into()) },
    )
    .unwrap();
    assert_eq!(saved.product.as_deref(), Some("Paper, A4"), "trimmed");
    assert_eq!(super::daily::deal_details(&s, d.id).unwrap().notes, saved, "the panel shows what was saved");

    // Too long a note is refused naming the field, and nothing changes.
    let e = super::daily::save_deal_notes(&mut s, &c, d.id, &super::daily::DealNotes { product: None, notes: Some("x".repeat(10_001)) }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("deal.notes"));
    assert!(e.message.contains("“Deal notes”"), "the field in words: {}", e.message);
    assert_eq!(super::daily::deal_details(&s, d.id).unwrap().notes, saved);

    // Empty text clears; other fields of the deal are untouched.
    let cleared = super::daily::save_deal_notes(&mut s, &c, d.id, &super::daily::DealNotes { product: Some(" ".into()), notes: None }).unwrap();
    assert_eq!(cleared, super::daily::DealNotes::default());
    assert_eq!(crate::usecases::crm::get_deal(&s, d.id).unwrap().title, d.title);
}

//! The playbook end to end on an in-memory workspace with a fixed clock:
//! the runner, objection search, the routine engine, norms on Today, role
//! hand-overs and template round trips.

use super::playbook::{self as pb, *};
use super::{crm, pipeline, roles as uroles, today};
use crate::clock::{Clock, FixedClock};
use crate::error::ErrorCode;
use crate::model::*;
use crate::playbook::template::{BlockKind, Objection, Rule};
use crate::store::cards::CardKind;
use crate::store::meta::NewWorkspace;
use crate::store::testing::{clock, store};
use crate::store::{self, Store, regulations};
use chrono::NaiveDate;

const MINI: &str = include_str!("../playbook/testdata/mini.en.json");

fn at(s: &str) -> FixedClock {
    FixedClock::at(&format!("{s}+01:00"))
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A workspace with the mini template and an owner holding every role,
/// set up in October so that its norms are judged by late November.
fn ws() -> (Store, i64) {
    let set_up = at("2026-10-01T09:00:00");
    let mut s = Store::in_memory(&set_up, &NewWorkspace::new("Test Ltd", Lang::En, "EUR")).unwrap();
    pb::import(&mut s, &set_up, "mini.json", MINI, false).unwrap();
    let owner = crm::create_person(
        &mut s,
        &set_up,
        &PersonInput { name: "Olga Owner".into(), roles: vec![Role::Hunter, Role::Closer, Role::AccountManager, Role::HeadOfSales], ..Default::default() },
    )
    .unwrap();
    (s, owner.id)
}

fn lead(s: &mut Store, c: &FixedClock, company: &str) -> Deal {
    pipeline::create_lead(
        s,
        c,
        &pipeline::LeadInput {
            company_name: company.into(),
            first_name: "Ivan".into(),
            last_name: "Petrov".into(),
            phone: None,
            email: None,
            source: Source::ColdCall,
            referred_by_id: None,
            title: String::new(),
            value_minor: 100_000,
            next_step: "Call".into(),
            next_step_date: c.today(),
            company_id: None,
            contact_id: None,
        },
    )
    .unwrap()
}

fn reg(s: &Store, key: &str) -> regulations::Regulation {
    pb::list_regulations(s).unwrap().into_iter().find(|r| r.key == key).unwrap()
}

#[test]
fn the_runner_logs_the_call_with_its_version_and_writes_profile_and_card_draft() {
    let (mut s, _) = ws();
    let deal = lead(&mut s, &clock(), "Acme");
    let start = pb::run_start(&s, &RunStartInput { script_id: None, deal_id: Some(deal.id), contact_id: None }).unwrap();
    assert_eq!(start.script.key, "cold-call");
    assert_eq!(start.card, Some(CardKind::Qualification));
    let v1 = start.script.version_id;

    let out = pb::run_finish(
        &mut s,
        &clock(),
        &RunFinishInput {
            script_version_id: v1,
            kind: ActivityKind::Call,
            deal_id: Some(deal.id),
            contact_id: None,
            company_id: None,
            outcome: Some("Interested".into()),
            duration_min: Some(12),
            path: vec!["opening".into(), "needs".into()],
            captures: vec![
                CapturedValue { target: "card:need".into(), value: "Paper every week, delivered by 9".into() },
                CapturedValue { target: "profile:title".into(), value: "Office manager".into() },
                CapturedValue { target: "profile:notes".into(), value: "Call after 14:00".into() },
            ],
            notes: Some("Good talk".into()),
            next_step: Some("Send the catalogue".into()),
            next_step_date: Some(d("2026-11-26")),
            objections: vec![],
        },
    )
    .unwrap();
    let a = &out.activity;
    assert_eq!((a.kind, a.duration_min, a.outcome.as_deref()), (ActivityKind::Call, Some(12), Some("Interested")));
    let notes = a.notes.clone().unwrap();
    assert!(notes.starts_with("Good talk") && notes.contains("Opening › Their need") && notes.contains("(v1)"), "{notes}");
    assert_eq!(pb::activity_script_version(&s, a.id).unwrap().unwrap().id, v1);
    let contact = out.contact.unwrap();
    assert_eq!(contact.title.as_deref(), Some("Office manager"));
    assert!(contact.notes.unwrap().contains("Call after 14:00"));
    assert_eq!(pb::card_draft(&s, deal.id, CardKind::Qualification).unwrap()["need"], "Paper every week, delivered by 9");
    let deal = store::deals::get(s.conn(), deal.id).unwrap();
    assert_eq!(deal.next_step.as_deref(), Some("Send the catalogue"));

    // Editing makes version 2; the logged call keeps version 1.
    let edited = pb::add_block(
        &mut s,
        &clock(),
        start.script.id,
        &BlockInput {
            kind: BlockKind::Referral,
            title: "Ask for a referral".into(),
            text: "Who else should hear about this?".into(),
            captures: vec![],
            branches: vec![],
        },
        Some("needs"),
    )
    .unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.body.blocks[2].key, "ask-for-a-referral");
    assert_eq!(pb::activity_script_version(&s, a.id).unwrap().unwrap().id, v1);
    assert_eq!(pb::script_versions(&s, start.script.id).unwrap().len(), 2);

    // A path through a block the version does not have is refused; nothing is logged.
    let before = crate::store::stats::count_live(s.conn(), "activities").unwrap();
    let err = pb::run_finish(
        &mut s,
        &clock(),
        &RunFinishInput {
            script_version_id: v1,
            kind: ActivityKind::Call,
            deal_id: Some(deal.id),
            contact_id: None,
            company_id: None,
            outcome: None,
            duration_min: None,
            path: vec!["ask-for-a-referral".into()],
            captures: vec![],
            notes: None,
            next_step: Some("x".into()),
            next_step_date: Some(d("2026-11-26")),
            objections: vec![],
        },
    )
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("run.path[0]"));
    assert_eq!(crate::store::stats::count_live(s.conn(), "activities").unwrap(), before);
}

#[test]
fn block_editing_keeps_the_script_consistent() {
    let (mut s, _) = ws();
    let id = pb::list_scripts(&s).unwrap()[0].id;
    // Deleting a block removes the branches that led to it.
    let sc = pb::delete_block(&mut s, &clock(), id, "callback").unwrap();
    assert!(sc.body.blocks[0].branches.iter().all(|b| b.to != "callback"));
    let sc = pb::reorder_blocks(&mut s, &clock(), id, &["needs".into(), "opening".into()]).unwrap();
    assert_eq!(sc.body.blocks[0].key, "needs");
    let bad = pb::update_block(
        &mut s,
        &clock(),
        id,
        "needs",
        &BlockInput {
            kind: BlockKind::Qualification,
            title: "Need".into(),
            text: String::new(),
            captures: vec![],
            branches: vec![crate::playbook::template::Branch { label: "Go".into(), to: "missing".into() }],
        },
    )
    .unwrap_err();
    assert_eq!(bad.code, ErrorCode::Validation);
    assert_eq!(bad.field.as_deref(), Some("blocks[0].branches[0].to"));
    // Saving the same content again makes no new version.
    let v = pb::get_script(&s, id).unwrap();
    let same = pb::save_script_body(&mut s, &clock(), id, &v.body).unwrap();
    assert_eq!(same.version, v.version);
}

#[test]
fn objections_are_found_by_what_a_seller_types_in_english_and_russian() {
    let (mut s, _) = ws();
    let hits = pb::search_objections(&s, "expens", None, None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].objection.answers.len(), 2);
    assert!(pb::search_objections(&s, "SUPPLIER", None, Some(Stage::LeadGeneration)).unwrap()[0].objection.objection.contains("supplier"));
    assert!(pb::search_objections(&s, "supplier", None, Some(Stage::FirstDeal)).unwrap().is_empty());
    let id = pb::list_scripts(&s).unwrap()[0].id;
    pb::add_objection(
        &mut s,
        &clock(),
        id,
        &Objection {
            objection: "Дорого".into(),
            keywords: vec!["ДОРОГО".into(), "цена".into()],
            answers: vec!["С чем сравниваете? Посчитаем стоимость за месяц.".into()],
        },
    )
    .unwrap();
    let hits = pb::search_objections(&s, "дорог", None, None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].objection.keywords, vec!["дорого", "цена"]);
    assert_eq!(pb::search_objections(&s, "ЦЕНА", None, None).unwrap().len(), 1);
    assert_eq!(pb::search_objections(&s, "стоимость", None, None).unwrap().len(), 1, "answers are searched too");
    assert!(pb::search_objections(&s, "zzz", None, None).unwrap().is_empty());
}

fn occurrences(s: &Store, key: &str) -> Vec<String> {
    regulations::generated_activities(s.conn(), reg(s, key).id).unwrap().into_iter().map(|(k, _)| k).collect()
}

#[test]
fn routines_generate_each_occurrence_once_across_runs_and_clock_moves() {
    let (mut s, owner) = ws();
    // Tuesday 24 November 2026: Tue/Thu prospecting and Friday planning within a week.
    let tue = at("2026-11-24T08:00:00");
    let r = pb::generate(&mut s, &tue).unwrap();
    assert_eq!(r.created, 4);
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26", "2026-12-01"]);
    assert_eq!(occurrences(&s, "friday-planning"), vec!["2026-11-27"]);
    assert_eq!(pb::generate(&mut s, &tue).unwrap().created, 0, "idempotent");
    assert!(!pb::generate_if_due(&mut s, &tue).unwrap().ran, "already ran today: a no-op");

    let a = store::activities::get(s.conn(), regulations::generated_activities(s.conn(), reg(&s, "prospecting-block").id).unwrap()[0].1).unwrap();
    assert_eq!((a.kind, a.owner_id, a.duration_min), (ActivityKind::Call, Some(owner), Some(120)));
    assert_eq!(a.due_at.unwrap().to_string(), "2026-11-24 09:00:00");
    assert!(a.notes.unwrap().contains("40"));

    // Forward two days, then back before the first run: only new dates appear.
    assert_eq!(pb::generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 1);
    assert_eq!(pb::generate(&mut s, &at("2026-11-20T08:00:00")).unwrap().created, 1, "Friday 20's planning; Tue 24 and Thu 26 exist");
    assert_eq!(pb::generate(&mut s, &at("2026-11-20T08:00:00")).unwrap().created, 0);
    assert_eq!(pb::generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 0);
    let mut all = occurrences(&s, "prospecting-block");
    all.sort();
    assert_eq!(all, vec!["2026-11-24", "2026-11-26", "2026-12-01", "2026-12-03"]);
}

#[test]
fn a_changed_rule_replaces_only_future_not_done_occurrences() {
    let (mut s, _) = ws();
    let tue = at("2026-11-24T08:00:00");
    pb::generate(&mut s, &tue).unwrap();
    let r = reg(&s, "prospecting-block");
    let made = regulations::generated_activities(s.conn(), r.id).unwrap();
    // Thursday's block was done early; the rule changes at 10:00 on Tuesday.
    let thu = store::activities::get(s.conn(), made[1].1).unwrap();
    s.write(|tx| {
        tx.execute("UPDATE activities SET done_at = '2026-11-24T09:30:00' WHERE id = ?1", [thu.id])?;
        Ok(())
    })
    .unwrap();
    let ten = at("2026-11-24T10:00:00");
    let mut input =
        RegulationInput { stage: r.stage, role: r.role, kind: r.kind, title: r.title.clone(), text: r.text.clone(), rule: r.rule.clone(), documents: vec![] };
    input.rule = Some(Rule::Schedule {
        every: crate::playbook::template::Every::Week,
        days: vec![3],
        at: "09:00".into(),
        minutes: 90,
        activity: ActivityKind::Call,
        target_calls: Some(30),
    });
    pb::update_regulation(&mut s, &ten, r.id, &input).unwrap();
    // Tue 24 09:00 is past and Thu 26 is done: both stay; Tue 1 Dec went.
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26"]);
    assert!(store::activities::get(s.conn(), made[2].1).is_err(), "the future task is gone");
    pb::generate_if_due(&mut s, &ten).unwrap();
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26", "2026-11-25"]);
    assert_eq!(pb::generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 1, "Wednesday 2 December comes into the week ahead");
    // Archiving takes its future tasks away too.
    pb::archive_regulation(&mut s, &at("2026-11-26T08:00:00"), r.id).unwrap();
    let left: Vec<String> = regulations::generated_activities(s.conn(), r.id).unwrap().into_iter().map(|(k, _)| k).collect();
    assert_eq!(left, vec!["2026-11-24", "2026-11-26", "2026-11-25"], "Wednesday 25 is past on Thursday: it stays; 2 December went");
}

#[test]
fn check_in_routines_follow_the_clients() {
    let (mut s, _) = ws();
    let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Alpha".into(), abc: Some(Abc::A), ..Default::default() }).unwrap();
    s.write(|tx| {
        tx.execute("UPDATE companies SET client_since = '2026-09-01', last_activity_on = '2026-10-28' WHERE id = ?1", [co.id])?;
        Ok(())
    })
    .unwrap();
    // Due on 27 November (28 October + 30 days): within the week ahead.
    pb::generate(&mut s, &clock()).unwrap();
    let occ = regulations::generated_activities(s.conn(), reg(&s, "check-ins").id).unwrap();
    assert_eq!(occ.len(), 1);
    let a = store::activities::get(s.conn(), occ[0].1).unwrap();
    assert_eq!((a.company_id, a.due_at.unwrap().date()), (Some(co.id), d("2026-11-27")));
    assert!(a.subject.contains("Alpha"));
    pb::generate(&mut s, &clock()).unwrap();
    assert_eq!(regulations::generated_activities(s.conn(), reg(&s, "check-ins").id).unwrap().len(), 1);
}

#[test]
fn violations_appear_on_today_and_clear() {
    let (mut s, owner) = ws();
    let early = at("2026-11-10T09:00:00");
    let deal = lead(&mut s, &early, "Beta");
    s.write(|tx| store::deals::set_next_step(tx, deal.id, "2026-11-10T08:00:00Z", None, None)).unwrap();
    let t = today::today(&s, &clock(), None).unwrap();
    let v: Vec<_> = t.violations.violations.iter().filter(|v| v.rule == "next_step_required").collect();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].record_kind, v[0].record_id), (RecordKind::Deal, deal.id));
    assert_eq!(v[0].since.to_string(), "2026-11-13 00:00:00");
    assert_eq!(v[0].minutes, 11 * 24 * 60 + 9 * 60);
    assert_eq!(v[0].regulation_title, "Every deal has a next step");
    assert!(today::today(&s, &clock(), Some(owner)).unwrap().violations.total >= 1);

    pipeline::reschedule(&mut s, &clock(), deal.id, "Call back", d("2026-11-25")).unwrap();
    let t = today::today(&s, &clock(), None).unwrap();
    assert!(t.violations.violations.iter().all(|v| v.rule != "next_step_required"));

    // A-clients not contacted for 30 days.
    let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Gamma".into(), abc: Some(Abc::A), ..Default::default() }).unwrap();
    s.write(|tx| {
        tx.execute("UPDATE companies SET client_since = '2026-01-01', last_activity_on = '2026-10-01' WHERE id = ?1", [co.id])?;
        Ok(())
    })
    .unwrap();
    let t = today::today(&s, &clock(), None).unwrap();
    let v = t.violations.violations.iter().find(|v| v.rule == "client_contact").unwrap();
    assert_eq!((v.record_kind, v.record_id, v.since.date()), (RecordKind::Company, co.id, d("2026-10-31")));
    pipeline::log_activity(
        &mut s,
        &clock(),
        &pipeline::LogInput {
            kind: ActivityKind::Call,
            deal_id: None,
            contact_id: None,
            company_id: Some(co.id),
            subject: None,
            outcome: None,
            duration_min: Some(5),
            notes: None,
            next_step: None,
            next_step_date: None,
        },
    )
    .unwrap();
    assert_eq!(today::today(&s, &clock(), None).unwrap().violations.total, 0);
}

#[test]
fn reassigning_a_role_moves_its_open_work_and_undo_moves_it_back() {
    let (mut s, owner) = ws();
    let deal = lead(&mut s, &clock(), "Delta");
    pb::generate(&mut s, &clock()).unwrap();
    let anna = crm::create_person(&mut s, &clock(), &PersonInput { name: "Anna Hunter".into(), ..Default::default() }).unwrap();

    let logs = uroles::reassign_role(&mut s, &clock(), Role::Hunter, anna.id).unwrap();
    assert_eq!(logs.len(), 1);
    let h = &logs[0];
    assert_eq!((h.from_person_id, h.to_person_id), (Some(owner), anna.id));
    assert_eq!(h.moved.deals, vec![deal.id]);
    assert_eq!(h.moved.companies, vec![deal.company_id.unwrap()]);
    assert_eq!(h.moved.contacts.len(), 1);
    assert_eq!(h.moved.activities.len(), 3, "the three prospecting blocks; Friday planning stays with the head of sales");
    assert_eq!(store::deals::get(s.conn(), deal.id).unwrap().owner_id, Some(anna.id));
    assert!(store::people::get(s.conn(), anna.id).unwrap().roles.contains(&Role::Hunter));
    assert!(!store::people::get(s.conn(), owner).unwrap().roles.contains(&Role::Hunter));
    let anna_today = today::today(&s, &at("2026-11-24T23:00:00"), Some(anna.id)).unwrap();
    assert_eq!(anna_today.leads_to_call.total, 1);
    assert_eq!(anna_today.tasks_due.total, 1, "today's prospecting block");
    // Today knows which routine made the task (not by its subject).
    let block = &anna_today.tasks_due.tasks[0];
    let routine = store::regulations::list(s.conn()).unwrap().into_iter().find(|r| Some(r.id) == block.regulation_id).expect("the task names its routine");
    assert!(block.subject.starts_with(&routine.title), "{} / {}", block.subject, routine.title);

    // Anna works the lead; then the hand-over is undone: her call stays done.
    let call = pipeline::log_activity(
        &mut s,
        &clock(),
        &pipeline::LogInput {
            kind: ActivityKind::Call,
            deal_id: Some(deal.id),
            contact_id: None,
            company_id: None,
            subject: None,
            outcome: None,
            duration_min: Some(7),
            notes: None,
            next_step: Some("Meet".into()),
            next_step_date: Some(d("2026-11-27")),
        },
    )
    .unwrap();
    let undone = uroles::undo_handover(&mut s, &clock(), h.id).unwrap();
    assert!(undone.undone_at.is_some());
    assert_eq!(store::deals::get(s.conn(), deal.id).unwrap().owner_id, Some(owner));
    assert!(store::people::get(s.conn(), owner).unwrap().roles.contains(&Role::Hunter));
    assert!(!store::people::get(s.conn(), anna.id).unwrap().roles.contains(&Role::Hunter));
    assert!(store::activities::get(s.conn(), call.id).unwrap().done_at.is_some());
    assert_eq!(uroles::undo_handover(&mut s, &clock(), h.id).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(uroles::handovers(&s).unwrap().len(), 1);
}

#[test]
fn structure_advice_and_the_time_table_measure_the_week() {
    let (mut s, owner) = ws();
    let advice = uroles::structure_advice(&s, &clock()).unwrap();
    assert_eq!(advice.len(), 1);
    assert_eq!(advice[0].combination, uroles::Combination::AllThree);
    assert_eq!(advice[0].prospecting_share_pct, None);
    let deal = lead(&mut s, &clock(), "Epsilon");
    pipeline::log_activity(
        &mut s,
        &clock(),
        &pipeline::LogInput {
            kind: ActivityKind::Call,
            deal_id: Some(deal.id),
            contact_id: None,
            company_id: None,
            subject: None,
            outcome: None,
            duration_min: Some(30),
            notes: None,
            next_step: Some("Meet".into()),
            next_step_date: Some(d("2026-11-27")),
        },
    )
    .unwrap();
    assert_eq!(uroles::structure_advice(&s, &clock()).unwrap()[0].prospecting_share_pct, Some(100));

    uroles::set_time_table(
        &mut s,
        owner,
        &[
            crate::store::roles::TimeBlock { weekday: 2, start: "09:00".into(), minutes: 120, stage: Stage::LeadGeneration },
            crate::store::roles::TimeBlock { weekday: 4, start: "09:00".into(), minutes: 120, stage: Stage::LeadGeneration },
        ],
    )
    .unwrap();
    let tt = uroles::time_table(&s, owner, d("2026-11-26")).unwrap();
    assert_eq!(tt.week_start, d("2026-11-23"));
    let s1 = &tt.by_stage[0];
    assert_eq!((s1.planned, s1.logged), (240, 30));
    let bad = uroles::set_time_table(&mut s, owner, &[crate::store::roles::TimeBlock { weekday: 8, start: "9".into(), minutes: 1, stage: Stage::FirstDeal }])
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("time_table[0].weekday"));

    // Splitting off stage 1 leaves a closer-and-farmer.
    let anna = crm::create_person(&mut s, &clock(), &PersonInput { name: "Anna".into(), ..Default::default() }).unwrap();
    uroles::reassign_role(&mut s, &clock(), Role::Hunter, anna.id).unwrap();
    assert_eq!(uroles::structure_advice(&s, &clock()).unwrap()[0].combination, uroles::Combination::CloseAndFarm);
}

#[test]
fn a_template_round_trips_and_import_never_touches_client_data() {
    let (mut a, _) = ws();
    let id = pb::list_scripts(&a).unwrap()[0].id;
    pb::add_objection(&mut a, &clock(), id, &Objection { objection: "No time".into(), keywords: vec!["time".into()], answers: vec!["Two minutes.".into()] })
        .unwrap();
    lead(&mut a, &clock(), "Zeta");
    let exported = pb::export_json(&a).unwrap();
    assert!(!exported.contains("Zeta") && !exported.contains("Petrov"), "no client data");

    let mut b = store();
    crm::create_company(&mut b, &clock(), &CompanyInput { name: "Kept Ltd".into(), ..Default::default() }).unwrap();
    let before = pb::export_json(&b).unwrap();
    let dry = pb::import(&mut b, &clock(), "a.json", &exported, true).unwrap();
    assert!(!dry.applied);
    assert!(dry.changes.iter().any(|c| c.section == "scripts" && c.action == ChangeAction::Add && c.key == "cold-call"));
    assert!(dry.changes.iter().any(|c| c.section == "cards" && c.action == ChangeAction::Archive && c.key == "qualification.timing"));
    assert_eq!(pb::export_json(&b).unwrap(), before, "a dry run changes nothing");

    let real = pb::import(&mut b, &clock(), "a.json", &exported, false).unwrap();
    assert!(real.applied);
    assert_eq!(real.changes, dry.changes, "the dry run showed exactly what happened");
    assert_eq!(pb::export_json(&b).unwrap(), exported, "export → import → export gives the same file");
    assert_eq!(crate::store::stats::count_live(b.conn(), "companies").unwrap(), 1);
    assert!(pb::import(&mut b, &clock(), "a.json", &exported, false).unwrap().changes.is_empty(), "importing again changes nothing");

    // A broken file changes nothing.
    let broken = exported.replace("\"format_version\": 1", "\"format_version\": 7");
    assert_eq!(pb::import(&mut b, &clock(), "b.json", &broken, false).unwrap_err().code, ErrorCode::InvalidFile);
    assert_eq!(pb::export_json(&b).unwrap(), exported);
}

#[test]
fn a_new_workspace_starts_from_a_built_in_template_and_the_wizard_sets_people() {
    for (id, lang) in [("generic-b2b", Lang::En), ("wholesale", Lang::Ru), ("agency", Lang::En)] {
        let mut s = crate::usecases::workspace::in_memory(&clock(), &NewWorkspace::new("New", lang, "EUR").with_template(id)).unwrap();
        let t = pb::export(&s).unwrap();
        assert_eq!((t.id.as_str(), t.lang), (id, lang));
        assert!(t.scripts.len() >= 3 && t.regulations.len() >= 15, "{id}: {} scripts, {} regulations", t.scripts.len(), t.regulations.len());
        let r = pb::setup(
            &mut s,
            &clock(),
            &SetupInput {
                template_id: id.into(),
                people: vec![
                    SetupPerson { name: "Owner".into(), roles: vec![Role::Closer, Role::AccountManager, Role::HeadOfSales] },
                    SetupPerson { name: "Hunter".into(), roles: vec![Role::Hunter] },
                ],
                working_days: vec![1, 2, 3, 4, 5, 6],
            },
        )
        .unwrap();
        assert_eq!(r.people.len(), 2);
        assert!(r.people[0].is_owner && !r.people[1].is_owner);
        assert_eq!(r.plan.working_days, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(r.plan.currency, "EUR");
        let g = pb::generate(&mut s, &clock()).unwrap();
        assert!(g.created > 0, "{id}: the routines plan the week");
        today::today_fresh(&mut s, &clock(), None).unwrap();
    }
    let err = crate::usecases::workspace::in_memory(&clock(), &NewWorkspace::new("New", Lang::En, "EUR").with_template("nope")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("template"));
}

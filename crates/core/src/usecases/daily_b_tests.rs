//! Issue 22 part B: objections in a call (the call's stage first, the answer
//! used recorded on the activity).

use super::{crm, pipeline};
use super::{regulations::*, runner::*, scripts::*, templates::*};
use crate::clock::Clock;
use crate::model::*;
use crate::playbook::template::Objection;
use crate::store::Store;
use crate::store::testing::{clock, store};

const MINI: &str = include_str!("../playbook/testdata/mini.en.json");

fn ws() -> Store {
    let mut s = store();
    import(&mut s, &clock(), "mini.json", MINI, false).unwrap();
    let roles = vec![Role::Hunter, Role::Closer, Role::AccountManager, Role::HeadOfSales];
    crm::create_person(&mut s, &clock(), &PersonInput { name: "Olga Owner".into(), roles, ..Default::default() }).unwrap();
    s
}

fn lead(s: &mut Store) -> Deal {
    let i = pipeline::LeadInput {
        company_name: "Acme".into(),
        first_name: "Ivan".into(),
        last_name: "Petrov".into(),
        phone: None,
        email: None,
        source: Source::ColdCall,
        referred_by_id: None,
        title: String::new(),
        value_minor: 100_000,
        next_step: "Call".into(),
        next_step_date: clock().today(),
        company_id: None,
        contact_id: None,
    };
    pipeline::create_lead(s, &clock(), &i).unwrap()
}

#[test]
fn a_calls_objection_search_ranks_its_own_stage_first() {
    let mut s = ws();
    let stage2 = list_scripts(&s).unwrap().into_iter().find(|x| x.stage == Stage::FirstDeal).unwrap().id;
    let o = Objection { objection: "Your price is high".into(), keywords: vec!["expensive".into()], answers: vec!["Let us count the cost per month.".into()] };
    add_objection(&mut s, &clock(), stage2, &o).unwrap();
    let stages = |st: Stage| search_objections_in_call(&s, "expensive", st).unwrap().into_iter().map(|h| h.stage).collect::<Vec<_>>();
    assert_eq!(stages(Stage::FirstDeal), vec![Stage::FirstDeal, Stage::LeadGeneration], "a stage-2 call: its own answer first");
    assert_eq!(stages(Stage::LeadGeneration), vec![Stage::LeadGeneration, Stage::FirstDeal]);
    // A stage-3 call has no objection of its own; the others keep their order.
    assert_eq!(stages(Stage::AccountDevelopment), vec![Stage::LeadGeneration, Stage::FirstDeal]);
}

#[test]
fn the_answer_used_to_an_objection_is_recorded_on_the_activity() {
    let mut s = ws();
    let deal = lead(&mut s);
    let start = run_start(&s, &RunStartInput { script_id: None, deal_id: Some(deal.id), contact_id: None }).unwrap();
    let mut input = RunFinishInput {
        script_version_id: start.script.version_id,
        kind: ActivityKind::Call,
        deal_id: Some(deal.id),
        contact_id: None,
        company_id: None,
        outcome: None,
        duration_min: None,
        path: vec![],
        captures: vec![],
        notes: None,
        next_step: Some("Send the offer".into()),
        next_step_date: Some(clock().today()),
        objections: vec![ObjectionUsed { objection: "It's too expensive".into(), answer: " ".into() }],
    };
    let before = crate::store::stats::count_live(s.conn(), "activities").unwrap();
    assert_eq!(run_finish(&mut s, &clock(), &input).unwrap_err().field.as_deref(), Some("run.objections[0].answer"));
    assert_eq!(crate::store::stats::count_live(s.conn(), "activities").unwrap(), before, "nothing logged");
    input.objections[0].answer = "Compared with what? Let us count the cost per month.".into();
    let out = run_finish(&mut s, &clock(), &input).unwrap();
    let notes = out.activity.notes.unwrap();
    assert!(notes.contains("Objection: It's too expensive — answered with: Compared with what? Let us count the cost per month."), "{notes}");
}

// ---- one source for the calls target and the check-in cadence -------------------

use super::targets::TargetSource;
use super::today::today;
use crate::playbook::template::{Every, RegulationDef, RegulationKind, Rule};
use std::collections::BTreeMap;

fn regulation(s: &Store, key: &str, kind: RegulationKind, title: &str, rule: Rule) {
    let d = RegulationDef {
        key: key.into(),
        stage: Some(Stage::LeadGeneration),
        role: Role::Hunter,
        kind,
        title: title.into(),
        text: String::new(),
        rule: Some(rule),
        documents: vec![],
    };
    crate::store::regulations::insert(s.conn(), "2026-11-24T08:00:00Z", &d).unwrap();
}

#[test]
fn todays_calls_target_comes_from_the_plan_else_the_regulations_else_the_setting() {
    let mut s = store();
    let t = today(&s, &clock(), None).unwrap().targets.calls;
    assert_eq!((t.per_day, t.source), (30, TargetSource::Settings), "nothing says otherwise: the workspace setting");

    let block = Rule::Schedule { every: Every::Week, days: vec![2, 4], at: "09:00".into(), minutes: 120, activity: ActivityKind::Call, target_calls: Some(50) };
    regulation(&s, "block", RegulationKind::Routine, "Prospecting block", block);
    let t = today(&s, &clock(), None).unwrap().targets.calls;
    assert_eq!(
        (t.per_week, t.per_day, t.source, t.source_name.as_deref()),
        (100, 20, TargetSource::Regulation, Some("Prospecting block")),
        "2 blocks × 50 over 5 days"
    );

    regulation(&s, "pace", RegulationKind::Norm, "Prospecting pace", Rule::ProspectingPace { calls_per_week: 80 });
    let t = today(&s, &clock(), None).unwrap().targets.calls;
    assert_eq!((t.per_week, t.per_day, t.source_name.as_deref()), (80, 16, Some("Prospecting pace")), "the weekly norm is the number the blocks serve");

    // A saved plan of this month wins: Today shows the plan's calls per working day.
    let req = super::plan::DeriveRequest {
        period: "2026-11".into(),
        target: super::plan::Target::Turnover(3_000_000),
        conversion_uplift: 0.0,
        deal_size_uplift: 0.0,
        rates: vec![],
    };
    let saved = super::plan::save_plan(&mut s, &clock(), &req, None).unwrap();
    let t = today(&s, &clock(), None).unwrap().targets.calls;
    assert_eq!((t.per_day, t.source, t.source_name.as_deref()), (saved.derivation.calls_per_day.ceil() as u32, TargetSource::Plan, Some("2026-11")));
    assert_eq!(t.per_week, t.per_day * 5);
}

#[test]
fn the_check_in_cadence_on_today_is_the_check_in_routines() {
    let mut s = store();
    let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Client".into(), ..Default::default() }).unwrap().id;
    let day = clock().today();
    crate::store::companies::mark_client(s.conn(), co, day - chrono::Duration::days(100), "2026-11-24T08:00:00Z").unwrap();
    crate::store::companies::set_abc(s.conn(), co, Abc::B, "2026-11-24T08:00:00Z").unwrap();
    s.conn().execute("UPDATE companies SET last_activity_on = ?2 WHERE id = ?1", rusqlite::params![co, day - chrono::Duration::days(45)]).unwrap();
    let t = today(&s, &clock(), None).unwrap();
    assert_eq!((t.targets.cadence.b_days, t.targets.cadence.source), (60, TargetSource::Settings));
    assert_eq!(t.checkins_due.total, 0, "45 days < B every 60");

    let days = BTreeMap::from([(Abc::A, 14), (Abc::B, 30)]);
    regulation(&s, "checkins", RegulationKind::Routine, "Check in", Rule::ClientCheckIn { days });
    let t = today(&s, &clock(), None).unwrap();
    let k = &t.targets.cadence;
    assert_eq!((k.a_days, k.b_days, k.c_days, k.source), (14, 30, 90, TargetSource::Regulation), "C is not in the routine: the setting");
    assert_eq!(t.checkins_due.total, 1, "the same 30 days the routine tasks use");
}

// ---- dates --------------------------------------------------------------------

#[test]
fn the_weekly_review_of_a_week_across_two_months_finds_the_month_it_has_reached() {
    let mut s = store();
    // Sunday 6 December 2026: the week began on Monday 30 November.
    let sunday = crate::clock::FixedClock::at("2026-12-06T10:00:00+01:00");
    let req = super::plan::DeriveRequest {
        period: "2026-12".into(),
        target: super::plan::Target::Turnover(3_000_000),
        conversion_uplift: 0.0,
        deal_size_uplift: 0.0,
        rates: vec![],
    };
    super::plan::save_plan(&mut s, &sunday, &req, None).unwrap();
    let r =
        super::reviews::start_review(&mut s, &sunday, &super::reviews::ReviewStart { kind: super::reviews::ReviewKind::Weekly, date: None, person_id: None })
            .unwrap();
    assert_eq!(r.period_on.to_string(), "2026-11-30");
    let w = r.context.weekly.unwrap();
    assert_eq!(w.month.period, "2026-12");
    assert!(w.month.plan.is_some(), "December's plan is found");
    let fact = super::plan::plan_status(&s, &sunday, "2026-12", None).unwrap();
    assert_eq!(w.month.fact, fact.fact, "the month so far is Plan vs fact's");
    // Looked at on Monday 30 November, the same week is still November's.
    let monday = crate::clock::FixedClock::at("2026-11-30T10:00:00+01:00");
    let r = super::reviews::get_review(&s, &monday, r.id).unwrap();
    assert_eq!(r.context.weekly.unwrap().month.period, "2026-11");
}

#[test]
fn abc_migration_periods_end_on_their_last_day() {
    let s = store();
    let r = super::analytics::MigrationRequest { from_period: Some("2026-Q1".into()), to_period: Some("2026-Q2".into()), moved_limit: None };
    let m = super::analytics::abc_migration(&s, &clock(), &r).unwrap();
    assert_eq!((m.from_start.to_string(), m.from_end.to_string()), ("2026-01-01".into(), "2026-03-31".into()));
    assert_eq!((m.to_start.to_string(), m.to_end.to_string()), ("2026-04-01".into(), "2026-06-30".into()), "the label's last day, not June 29");
}

// ---- regulation titles -------------------------------------------------------------

#[test]
fn a_regulation_title_is_written_or_generated_from_its_rule_never_a_stale_copy() {
    let mut s = store();
    let block = |days: Vec<i32>, calls: u32| Rule::Schedule {
        every: Every::Week,
        days,
        at: "09:00".into(),
        minutes: 120,
        activity: ActivityKind::Call,
        target_calls: Some(calls),
    };
    let input = |title: &str, rule: Rule| RegulationInput {
        stage: Some(Stage::LeadGeneration),
        role: Role::Hunter,
        kind: RegulationKind::Routine,
        title: title.into(),
        text: String::new(),
        rule: Some(rule),
        documents: vec![],
    };
    // Left empty: named by its rule.
    let r = create_regulation(&mut s, &clock(), &input(" ", block(vec![2, 4], 50))).unwrap();
    assert_eq!(r.title, "Tue, Thu at 09:00 · 120\u{a0}min · call · 50 calls");
    // The rule edited, the title untouched: the generated title follows the rule.
    let r = update_regulation(&mut s, &clock(), r.id, &input(&r.title, block(vec![1, 2, 4], 40))).unwrap();
    assert_eq!(r.title, "Mon, Tue, Thu at 09:00 · 120\u{a0}min · call · 40 calls");
    // A title the person writes stays theirs, whatever the rule becomes.
    let r = update_regulation(&mut s, &clock(), r.id, &input("Prospecting block", block(vec![1, 2, 4], 40))).unwrap();
    let r = update_regulation(&mut s, &clock(), r.id, &input(&r.title, block(vec![3], 30))).unwrap();
    assert_eq!(r.title, "Prospecting block");
    // A standard has no rule to name it: its title is required.
    let mut std = input("", block(vec![1], 1));
    std.kind = RegulationKind::Standard;
    std.rule = None;
    assert_eq!(create_regulation(&mut s, &clock(), &std).unwrap_err().code, crate::error::ErrorCode::Validation);
}

#[test]
fn no_built_in_regulation_title_repeats_its_rule() {
    // A title that spells out its rule ("Tuesday and Thursday… 50 calls") goes
    // stale the moment the rule is edited; the built-ins name the regulation
    // and leave the figures to the rule (the app and the book print both).
    const DAYS: [&str; 14] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "понедельник",
        "вторник",
        "сред",
        "четверг",
        "пятниц",
        "суббот",
        "воскресень",
    ];
    for id in crate::playbook::template::builtin_ids() {
        for lang in [Lang::En, Lang::Ru] {
            let t = crate::playbook::template::builtin(id, lang).unwrap();
            for r in t.regulations.iter().filter(|r| r.rule.is_some()) {
                let title = r.title.to_lowercase().replace("stage 2", "");
                assert!(!title.chars().any(|c| c.is_ascii_digit()), "{id}.{lang:?}: “{}” repeats a figure of its rule", r.title);
                assert!(!DAYS.iter().any(|d| title.contains(d)), "{id}.{lang:?}: “{}” repeats the days of its rule", r.title);
            }
        }
    }
}

#[test]
fn show_all_on_today_reaches_every_item_page_by_page_in_todays_order() {
    use super::today::{self, TodayListKind};
    let mut s = store();
    for n in 0..47 {
        let i = pipeline::LeadInput {
            company_name: format!("Firm {n:02}"),
            first_name: "Ivan".into(),
            last_name: format!("Petrov {n}"),
            phone: None,
            email: None,
            source: Source::ColdCall,
            referred_by_id: None,
            title: String::new(),
            value_minor: 1_000,
            next_step: "Call".into(),
            next_step_date: clock().today(),
            company_id: None,
            contact_id: None,
        };
        pipeline::create_lead(&mut s, &clock(), &i).unwrap();
    }
    let t = today::today(&s, &clock(), None).unwrap();
    assert_eq!((t.leads_to_call.deals.len(), t.leads_to_call.total), (20, 47), "Today itself shows the first rows and the count");
    let mut all = vec![];
    let mut offset = 0;
    loop {
        let p = today::today_list(&s, &clock(), None, None, TodayListKind::LeadsToCall, offset, 20).unwrap();
        assert_eq!(p.total, 47);
        assert!(p.clients.is_empty() && p.tasks.is_empty());
        if p.deals.is_empty() {
            break;
        }
        offset += p.deals.len() as u32;
        all.extend(p.deals);
    }
    assert_eq!(all.len(), 47, "every lead is reached");
    let ids: std::collections::BTreeSet<i64> = all.iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), 47, "no lead twice");
    assert_eq!(all[..20], t.leads_to_call.deals[..], "in Today's order");
    // A page asked for without a bound is capped (at PAGE_MAX rows), and still holds this whole list.
    assert_eq!(today::today_list(&s, &clock(), None, None, TodayListKind::LeadsToCall, 0, u32::MAX).unwrap().deals.len(), 47);
    // Another person's list is empty, with its count.
    let other = crm::create_person(&mut s, &clock(), &PersonInput { name: "Boris".into(), ..Default::default() }).unwrap();
    let p = today::today_list(&s, &clock(), Some(other.id), None, TodayListKind::LeadsToCall, 0, 20).unwrap();
    assert_eq!((p.deals.len(), p.total), (0, 0));
}

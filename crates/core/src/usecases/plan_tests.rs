//! Tests of planning, plan vs fact, analytics and the routines on
//! constructed data (in-memory SQLite, fixed clock: Tuesday 2026-11-24).

use super::analytics::{self, AnalyticsRequest, MigrationRequest};
use super::crm;
use super::plan::*;
use super::reviews::*;
use crate::assessment::Answer;
use crate::clock::FixedClock;
use crate::error::ErrorCode;
use crate::model::*;
use crate::store::Store;
use crate::store::plans::PlanParams;
use crate::store::testing::{clock, store};
use chrono::NaiveDate;

fn at(day: &str) -> FixedClock {
    FixedClock::at(&format!("{day}T10:00:00+00:00"))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn company(s: &mut Store, name: &str, owner: Option<i64>) -> i64 {
    crm::create_company(s, &clock(), &CompanyInput { name: name.into(), owner_id: owner, ..Default::default() }).unwrap().id
}

fn person(s: &mut Store, name: &str, roles: &[Role]) -> i64 {
    crm::create_person(s, &clock(), &PersonInput { name: name.into(), roles: roles.to_vec(), ..Default::default() }).unwrap().id
}

fn step(s: &Store, stage: Stage, position: i32) -> i64 {
    crm::list_steps(s).unwrap().into_iter().find(|x| x.stage == stage && x.position == position).unwrap().id
}

fn deal(s: &mut Store, on: &str, company: i64, step: i64, value: i64, source: Source) -> i64 {
    crm::create_deal(
        s,
        &at(on),
        &DealInput {
            title: "Deal".into(),
            company_id: Some(company),
            contact_id: None,
            step_id: step,
            value_minor: value,
            currency: None,
            owner_id: None,
            source,
            referred_by_id: None,
            next_step: Some("Call back".into()),
            next_step_date: Some(date("2026-12-01")),
            expected_close_on: None,
        },
    )
    .unwrap()
    .id
}

fn order(s: &mut Store, company: i64, on: &str, amount: i64) {
    crm::create_order(
        s,
        &clock(),
        &OrderInput {
            company_id: company,
            contact_id: None,
            deal_id: None,
            order_date: date(on),
            amount_minor: amount,
            margin_minor: amount / 5,
            currency: None,
            notes: None,
        },
    )
    .unwrap();
}

fn activity(s: &mut Store, kind: ActivityKind, done: &str) {
    crm::create_activity(
        s,
        &clock(),
        &ActivityInput {
            kind,
            subject: "Work".into(),
            deal_id: None,
            contact_id: None,
            company_id: None,
            owner_id: None,
            due_at: None,
            done_at: Some(format!("{done}T11:00:00").parse().unwrap()),
            outcome: None,
            duration_min: None,
            notes: None,
        },
    )
    .unwrap();
}

fn turnover(period: &str, t: i64) -> DeriveRequest {
    DeriveRequest { period: period.into(), target: Target::Turnover(t), conversion_uplift: 0.0, deal_size_uplift: 0.0, rates: vec![] }
}

fn no_repeat_defaults(s: &mut Store) {
    let p = PlanParams { repeat_orders_per_month: 0.0, ..plan_params(s).unwrap() };
    set_plan_params(s, &clock(), &p).unwrap();
}

#[test]
fn a_saved_plan_keeps_its_derivation_and_splits_over_the_role_holders() {
    let mut s = store();
    // Nobody yet: one line per stage without a person.
    let p = save_plan(&mut s, &clock(), &turnover("2026-12", 3_000_000), Some("Wholesale stationery: 18–22 % margin")).unwrap();
    assert_eq!(p.lines.len(), 3);
    assert!(p.lines.iter().all(|l| l.person_id.is_none()));
    // 30,000.00 at 1,000.00 deals: 30 deals, 86 offers, 144 qualified, 480 leads, 4,800 calls (see plan.rs).
    assert_eq!((p.derivation.first_deals, p.derivation.offers, p.derivation.leads, p.derivation.calls), (30, 86, 480, 4800));
    assert!(p.derivation.inputs.rates.iter().all(|r| !r.measured), "an empty workspace plans on defaults, and says so");
    assert_eq!(p.niche_benchmark.as_deref(), Some("Wholesale stationery: 18–22 % margin"));

    // The owner holds every role by default; a hunter and two closers share theirs.
    let owner = person(&mut s, "Olga", &[]);
    let hunter = person(&mut s, "Hugo", &[Role::Hunter]);
    let c1 = person(&mut s, "Cleo", &[Role::Closer]);
    let c2 = person(&mut s, "Carl", &[Role::Closer]);
    let p = save_plan(&mut s, &clock(), &turnover("2026-12", 3_000_000), None).unwrap();
    let line = |stage: Stage, who: i64| p.lines.iter().find(|l| l.stage == Some(stage) && l.person_id == Some(who)).cloned().unwrap();
    assert_eq!((line(Stage::LeadGeneration, hunter).calls, line(Stage::LeadGeneration, hunter).leads), (4800, 480));
    // 30 first deals over two closers: 15 each; 86 offers: 43 each; turnover 15,000.00 each.
    assert_eq!((line(Stage::FirstDeal, c1).first_deals, line(Stage::FirstDeal, c2).first_deals), (15, 15));
    assert_eq!(line(Stage::FirstDeal, c1).offers + line(Stage::FirstDeal, c2).offers, 86);
    assert_eq!(line(Stage::FirstDeal, c1).turnover_minor, 1_500_000);
    assert_eq!(line(Stage::FirstDeal, c1).profit_minor, 375_000); // 25 % default margin
    // Nobody is account manager: the owner holds stage 3.
    assert_eq!(line(Stage::AccountDevelopment, owner).person_name.as_deref(), Some("Olga"));
    assert_eq!(p.per_person.iter().map(|l| l.person_id.unwrap()).collect::<Vec<_>>().len(), 4);
    // Saving again replaces the plan of the period (one plan per period) and drops the approval.
    approve_plan(&mut s, &clock(), "2026-12").unwrap();
    assert!(get_plan(&s, "2026-12").unwrap().unwrap().approved_at.is_some());
    save_plan(&mut s, &clock(), &turnover("2026-12", 6_000_000), None).unwrap();
    let plans = list_plans(&s).unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!((plans[0].target.clone(), plans[0].approved_at.clone()), (Target::Turnover(6_000_000), None));
    assert_eq!(approve_plan(&mut s, &clock(), "2027-01").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn planning_defaults_are_editable_used_when_history_is_thin_and_checked() {
    let mut s = store();
    let p = PlanParams { offer_to_won: 0.5, avg_first_deal_minor: 300_000, working_days_per_week: 6, ..PlanParams::default() };
    set_plan_params(&mut s, &clock(), &p).unwrap();
    let d = derive(&s, &clock(), &turnover("2027-01", 3_000_000)).unwrap();
    // 30,000 / 3,000 = 10 deals; 10 / 0.5 = 20 offers; 26 working days Monday–Saturday.
    assert_eq!((d.first_deals, d.offers, d.working_days), (10, 20, 26));
    let bad = PlanParams { abc_a_pct: 90, abc_b_pct: 10, ..PlanParams::default() };
    assert_eq!(set_plan_params(&mut s, &clock(), &bad).unwrap_err().field.as_deref(), Some("plan_params.abc_a_pct"));
    let bad = PlanParams { margin: 0.0, ..PlanParams::default() };
    assert_eq!(set_plan_params(&mut s, &clock(), &bad).unwrap_err().field.as_deref(), Some("plan_params.margin"));
    assert_eq!(plan_params(&s).unwrap().offer_to_won, 0.5, "a refused change leaves the defaults as they were");
}

#[test]
fn plan_vs_fact_forecasts_the_month_weighs_the_pipeline_and_raises_signals() {
    let mut s = store();
    no_repeat_defaults(&mut s);
    // November 2026: 30 days, 21 working days; on Tuesday the 24th, 23 days
    // and 16 working days have passed.
    save_plan(&mut s, &clock(), &turnover("2026-11", 3_000_000), None).unwrap();
    let co = company(&mut s, "Acme", None);
    order(&mut s, co, "2026-11-05", 500_000);
    order(&mut s, co, "2026-11-20", 400_000);
    order(&mut s, co, "2026-10-30", 999_999); // October: not this month
    // Opened 20 Oct + 30-day cycle = 19 Nov: expected to close this month.
    let (offer, new_lead) = (step(&s, Stage::FirstDeal, 2), step(&s, Stage::LeadGeneration, 1));
    deal(&mut s, "2026-10-20", co, offer, 1_000_000, Source::ColdCall); // 55 %
    deal(&mut s, "2026-10-20", co, new_lead, 200_000, Source::ColdCall); // 5 %
    // Opened today: expected only by 24 Dec, after the month.
    deal(&mut s, "2026-11-24", co, new_lead, 5_000_000, Source::Inbound);
    for _ in 0..3 {
        activity(&mut s, ActivityKind::Call, "2026-11-23");
    }
    activity(&mut s, ActivityKind::Meeting, "2026-11-23");
    activity(&mut s, ActivityKind::Call, "2026-10-23");

    let st = plan_status(&s, &clock(), "2026-11", None).unwrap();
    assert_eq!((st.days, st.days_elapsed, st.working_days, st.working_days_elapsed), (30, 23, 21, 16));
    assert_eq!((st.fact.calls, st.fact.meetings, st.fact.leads, st.fact.orders, st.fact.repeat_orders), (3, 1, 1, 2, 2));
    assert_eq!((st.fact.turnover_minor, st.fact.profit_minor), (900_000, 180_000));
    // 9,000.00 in 23 days → 9,000 × 30 / 23 = 11,739.13 by the month's end.
    assert_eq!(st.forecast_turnover_minor, Some(1_173_913));
    assert_eq!(st.remaining_minor, 2_100_000);
    // 10,000 × 55 % + 2,000 × 5 % = 5,600.00 weighted; ÷ 21,000 left = 0.267.
    assert_eq!((st.pipeline.deals, st.pipeline.value_minor, st.pipeline.weighted_minor), (2, 1_200_000, 560_000));
    assert_eq!(st.coverage, Some(0.267));
    let calls = st.indicators.iter().find(|i| i.key == "calls").unwrap();
    // 4,800 calls × 16 / 21 working days = 3,657.1 by now; 4,797 left over 5 days = 959.4 a day.
    assert_eq!((calls.planned, calls.fact, calls.expected_by_now, calls.needed_per_day, calls.behind), (4800, 3, 3657.1, 959.4, true));
    let codes: Vec<&str> = st.signals.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(codes, ["forecast_below_target", "calls_behind_pace", "meetings_behind_pace", "leads_behind_pace", "offers_behind_pace", "coverage_low"]);
    assert_eq!(st.signals.iter().find(|x| x.code == "coverage_low").unwrap().severity, "danger");

    // A month without a plan says so; an unknown person is refused.
    let dec = plan_status(&s, &clock(), "2026-12", None).unwrap();
    assert_eq!((dec.plan.is_none(), dec.signals[0].code.as_str(), dec.forecast_turnover_minor), (true, "no_plan", None));
    assert_eq!(plan_status(&s, &clock(), "2026-11", Some(99)).unwrap_err().field.as_deref(), Some("person_id"));
    // A past month that fell short is missed, not forecast.
    save_plan(&mut s, &clock(), &turnover("2026-10", 2_000_000), None).unwrap();
    let oct = plan_status(&s, &clock(), "2026-10", None).unwrap();
    assert_eq!(oct.signals[0].code, "target_missed");
    assert_eq!((oct.fact.turnover_minor, oct.coverage.is_some(), oct.pipeline.deals), (999_999, true, 0));
}

#[test]
fn abc_follows_the_thresholds_warns_of_concentration_and_is_applied_on_request() {
    let mut s = store();
    let names = ["Big", "Second", "Middle", "Small", "Tiny"];
    for (name, t) in names.iter().zip([50, 30, 10, 6, 4]) {
        let id = company(&mut s, name, None);
        order(&mut s, id, "2026-06-01", t * 100_000);
    }
    let old = company(&mut s, "Old", None);
    order(&mut s, old, "2025-06-01", 10_000_000); // more than 12 months ago
    let r = analytics::abc(&s, &clock()).unwrap();
    // Shares before each: 0, 50, 80, 90, 96 % → A, A, B, B, C (A below 80,
    // B below 95 = 80 + 15); Old ordered
    // nothing in the last 12 months but is a client → C.
    let classes: Vec<(String, Abc)> = r.clients.iter().map(|c| (c.name.clone(), c.class)).collect();
    assert_eq!(classes[..5].iter().map(|c| c.1).collect::<Vec<_>>(), [Abc::A, Abc::A, Abc::B, Abc::B, Abc::C]);
    assert_eq!(classes[5], ("Old".to_string(), Abc::C));
    assert_eq!(r.total_minor, 10_000_000);
    assert_eq!(r.classes.iter().map(|c| (c.clients, c.share)).collect::<Vec<_>>(), [(2, 0.8), (2, 0.16), (2, 0.04)]);
    // One client over 20 % carries too much: Big (50 %) and Second (30 %).
    assert_eq!(r.concentration.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Big", "Second"]);
    assert_eq!(r.differing, 6);
    // Thresholds are configurable: 50/30/20 makes Second a B.
    let p = PlanParams { abc_a_pct: 50, abc_b_pct: 30, concentration_pct: 60, ..PlanParams::default() };
    set_plan_params(&mut s, &clock(), &p).unwrap();
    let r = analytics::abc(&s, &clock()).unwrap();
    assert_eq!(r.clients[..3].iter().map(|c| c.class).collect::<Vec<_>>(), [Abc::A, Abc::B, Abc::C]);
    assert!(r.concentration.is_empty());
    let analytics::AbcApplied { report: after, changed } = analytics::apply_abc(&mut s, &clock()).unwrap();
    assert_eq!((changed, after.differing), (6, 0));
    assert_eq!(crm::get_company(&s, after.clients[0].company_id).unwrap().abc, Some(Abc::A));
    assert_eq!(analytics::apply_abc(&mut s, &clock()).unwrap().changed, 0, "applying twice changes nothing");
}

#[test]
fn the_migration_matrix_shows_who_moved_per_client_and_per_person() {
    let mut s = store();
    let pat = person(&mut s, "Pat", &[]);
    let x = company(&mut s, "X", Some(pat));
    let z = company(&mut s, "Z", Some(pat));
    let w = company(&mut s, "W", None);
    let y = company(&mut s, "Y", None);
    // 2025: X 90, Z 6, W 4 → A, B (before 90 %), C (before 96 %).
    order(&mut s, x, "2025-03-01", 9_000_000);
    order(&mut s, z, "2025-03-01", 600_000);
    order(&mut s, w, "2025-03-01", 400_000);
    // 2026: Y 70, Z 25, X 5 → A, A (before 70 %), C (before 95 %); W bought nothing.
    order(&mut s, y, "2026-03-01", 7_000_000);
    order(&mut s, z, "2026-03-01", 2_500_000);
    order(&mut s, x, "2026-03-01", 500_000);
    let m = analytics::abc_migration(&s, &clock(), &MigrationRequest { from_period: Some("2025".into()), to_period: Some("2026".into()), moved_limit: None })
        .unwrap();
    let moved = |name: &str| m.clients.iter().find(|c| c.name == name).map(|c| (c.from, c.to)).unwrap();
    assert_eq!(moved("X"), (Some(Abc::A), Some(Abc::C)));
    assert_eq!(moved("Z"), (Some(Abc::B), Some(Abc::A)));
    assert_eq!(moved("W"), (Some(Abc::C), None));
    assert_eq!(moved("Y"), (None, Some(Abc::A)));
    assert_eq!(m.cells.len(), 16);
    let cell = |f: Option<Abc>, t: Option<Abc>| m.cells.iter().find(|c| c.from == f && c.to == t).unwrap().clients;
    assert_eq!((cell(Some(Abc::A), Some(Abc::C)), cell(Some(Abc::B), Some(Abc::A)), cell(None, Some(Abc::A)), cell(Some(Abc::A), Some(Abc::A))), (1, 1, 1, 0));
    let p = m.per_person.iter().find(|p| p.person_id == Some(pat)).unwrap();
    assert_eq!((p.up, p.down, p.same), (1, 1, 0));
    let nobody = m.per_person.iter().find(|p| p.person_id.is_none()).unwrap();
    assert_eq!((nobody.up, nobody.down), (1, 1));
    let bad = analytics::abc_migration(&s, &clock(), &MigrationRequest { from_period: Some("2026".into()), to_period: Some("2025".into()), moved_limit: None });
    assert_eq!(bad.unwrap_err().field.as_deref(), Some("from_period"));
}

#[test]
fn a_screen_gets_the_first_clients_of_abc_and_of_the_moved_with_the_totals() {
    let mut s = store();
    let ann = person(&mut s, "Ann", &[]);
    let bob = person(&mut s, "Bob", &[]);
    // Twelve clients: each sells a different amount in 2025 and in 2026, so
    // classes shift; one buys the same share both years (not moved).
    let mut ids = Vec::new();
    for i in 0..12i64 {
        let owner = match i % 3 {
            0 => Some(ann),
            1 => Some(bob),
            _ => None,
        };
        let co = company(&mut s, &format!("Client {i:02}"), owner);
        order(&mut s, co, "2025-03-01", 100_000 * (i + 1));
        if i != 11 {
            order(&mut s, co, "2026-03-01", 100_000 * (12 - i));
        }
        ids.push(co);
    }
    order(&mut s, ids[11], "2026-03-01", 1);
    let full = analytics::abc(&s, &clock()).unwrap();
    let first = analytics::abc_first(&s, &clock(), Some(5)).unwrap();
    assert_eq!(first.clients_total, full.clients.len() as i64);
    assert_eq!(first.clients, full.clients[..5].to_vec(), "the five biggest, in the report's order");
    assert_eq!(
        (first.classes, first.concentration, first.total_minor),
        (full.classes.clone(), full.concentration.clone(), full.total_minor),
        "the figures cover every client"
    );
    assert_eq!(analytics::abc_first(&s, &clock(), None).unwrap(), full);

    let req = |moved_limit| MigrationRequest { from_period: Some("2025".into()), to_period: Some("2026".into()), moved_limit };
    let all = analytics::abc_migration(&s, &clock(), &req(None)).unwrap();
    assert!(all.clients.iter().all(|c| c.from != c.to), "only the clients whose class changed are listed");
    let same: i64 = all.per_person.iter().map(|p| p.same).sum();
    let moved: i64 = all.per_person.iter().map(|p| p.up + p.down).sum();
    assert_eq!((all.moved_total, all.clients.len() as i64), (moved, moved));
    assert!(same > 0 && moved > 2, "the case has both: same {same}, moved {moved}");
    let cells: i64 = all.cells.iter().map(|c| c.clients).sum();
    assert_eq!(cells, moved + same, "the matrix still counts every client");
    let two = analytics::abc_migration(&s, &clock(), &req(Some(2))).unwrap();
    assert_eq!((two.moved_total, two.cells.clone(), two.per_person.clone()), (all.moved_total, all.cells.clone(), all.per_person.clone()));
    // Everyone's first two and each person's first two are all there, in order.
    assert_eq!(two.clients[..2], all.clients[..2]);
    for owner in [Some(ann), Some(bob), None] {
        let mine = |m: &analytics::MigrationMatrix| m.clients.iter().filter(|c| c.owner_id == owner).cloned().collect::<Vec<_>>();
        let (limited, whole) = (mine(&two), mine(&all));
        assert_eq!(limited, whole[..whole.len().min(2)].to_vec(), "owner {owner:?}");
    }
}

#[test]
fn analytics_count_the_funnel_win_rate_reasons_and_the_referral_share() {
    let mut s = store();
    let s2 = step(&s, Stage::FirstDeal, 1);
    let s2_offer = step(&s, Stage::FirstDeal, 2);
    let s1 = step(&s, Stage::LeadGeneration, 1);
    let mut won = Vec::new();
    for (i, (source, at_step)) in [
        (Source::Referral, s2_offer),
        (Source::Referral, s2_offer),
        (Source::Referral, s2),
        (Source::ColdCall, s2_offer),
        (Source::ColdCall, s2),
        (Source::ColdCall, s2),
        (Source::ColdCall, s1),
    ]
    .into_iter()
    .enumerate()
    {
        let co = company(&mut s, &format!("C{i}"), None);
        won.push(deal(&mut s, "2026-10-01", co, at_step, 100_000, source));
    }
    let close = |s: &mut Store, id: i64, status: DealStatus, reason: Option<&str>| {
        crm::close_deal(s, &at("2026-11-01"), id, &DealClose { status, reason: reason.map(str::to_string) }).unwrap();
    };
    // Referrals: 2 won, 1 lost → 2/3. Cold calls: 1 won, 2 lost → 1/3.
    close(&mut s, won[0], DealStatus::Won, None);
    close(&mut s, won[1], DealStatus::Won, None);
    close(&mut s, won[2], DealStatus::Lost, Some("Price"));
    close(&mut s, won[3], DealStatus::Won, None);
    close(&mut s, won[4], DealStatus::Lost, Some("Price"));
    close(&mut s, won[5], DealStatus::Lost, Some("No budget"));
    close(&mut s, won[6], DealStatus::Disqualified, Some("Not our client"));
    let a = analytics::analytics(&s, &clock(), &AnalyticsRequest { from: Some(date("2026-01-01")), to: None, person_id: None }).unwrap();
    // The lead disqualified in stage 1 counts, as its reason does below.
    assert_eq!((a.won, a.lost, a.disqualified, a.win_rate), (3, 3, 1, Some(0.5)));
    assert_eq!(a.avg_cycle_days, Some(31.0)); // 1 Oct → 1 Nov
    assert_eq!(a.reasons.iter().map(|r| (r.reason.as_str(), r.deals)).collect::<Vec<_>>(), [("Price", 2), ("No budget", 1), ("Not our client", 1)]);
    // New clients: 2 of 3 came by referral.
    assert_eq!((a.referrals.new_clients, a.referrals.from_referrals, a.referrals.share), (3, 2, Some(0.667)));
    assert_eq!((a.referrals.referral_conversion, a.referrals.other_conversion), (Some(0.667), Some(0.25)));
    // Funnel of stage 2: 6 deals reached needs analysis, 3 the offer step; 3 won.
    let f = |id: i64| a.funnel.iter().find(|x| x.step_id == id).unwrap();
    assert_eq!((f(s2).reached, f(s2_offer).reached, f(s2).conversion), (6, 3, Some(0.5)));
    assert_eq!(a.stages[1].conversion, Some(0.5));
    assert_eq!(a.months.len(), 11);
    assert_eq!(a.months.last().unwrap().month, "2026-11");
}

#[test]
fn a_weekly_review_carries_an_open_issue_into_next_week() {
    let mut s = store();
    let olga = person(&mut s, "Olga", &[]);
    // Friday 20 Nov: last week's review with two issues.
    let last = start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Weekly, date: Some(date("2026-11-20")), person_id: None }).unwrap();
    assert_eq!((last.period_on, last.period_last), (date("2026-11-16"), date("2026-11-22")));
    let keep = add_issue(&mut s, &clock(), last.id, &IssueInput { text: "Price list for Acme".into(), owner_id: Some(olga), due_on: Some(date("2026-11-25")) })
        .unwrap();
    let fixed = add_issue(&mut s, &clock(), last.id, &IssueInput { text: "Fix the offer template".into(), owner_id: None, due_on: None }).unwrap();
    save_review(&mut s, &clock(), last.id, &[("progress".to_string(), "Behind on calls".to_string())].into()).unwrap();
    set_issue_done(&mut s, &clock(), fixed.id, true).unwrap();
    let closed = close_review(&mut s, &clock(), last.id).unwrap();
    assert_eq!(closed.status, "closed");
    assert!(closed.context.weekly.is_some());

    // This week (any day in it finds the same review).
    let this = start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Weekly, date: None, person_id: None }).unwrap();
    assert_eq!(this.period_on, date("2026-11-23"));
    assert_eq!(this.earlier_open_issues.iter().map(|i| i.id).collect::<Vec<_>>(), [keep.id]);
    let err = close_review(&mut s, &clock(), this.id).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "last week's open issue must be closed or carried first");
    let carried = carry_issue(&mut s, &clock(), keep.id, this.id).unwrap();
    assert_eq!(
        (carried.carried_from_id, carried.owner_id, carried.due_on, carried.status.as_str()),
        (Some(keep.id), Some(olga), Some(date("2026-11-25")), "open")
    );
    assert_eq!(get_review(&s, &clock(), last.id).unwrap().issues[0].status, "carried");
    assert_eq!(carry_issue(&mut s, &clock(), keep.id, this.id).unwrap_err().code, ErrorCode::Conflict, "carried once");
    let again = start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Weekly, date: Some(date("2026-11-27")), person_id: None }).unwrap();
    assert_eq!((again.id, again.issues.len(), again.earlier_open_issues.len()), (this.id, 1, 0));
    close_review(&mut s, &clock(), this.id).unwrap();
    // Stored and reopenable; a closed review refuses edits until reopened.
    assert_eq!(save_review(&mut s, &clock(), this.id, &Default::default()).unwrap_err().code, ErrorCode::Conflict);
    let reopened = reopen_review(&mut s, &clock(), last.id).unwrap();
    assert_eq!((reopened.status.as_str(), reopened.answers["progress"].as_str()), ("open", "Behind on calls"));
    let history = list_reviews(&s, Some(ReviewKind::Weekly), None, 10).unwrap();
    assert_eq!(history.iter().map(|r| (r.period_on, r.open_issues, r.issues)).collect::<Vec<_>>(), [(date("2026-11-23"), 1, 1), (date("2026-11-16"), 0, 2)]);
}

#[test]
fn daily_and_monthly_reviews_show_the_numbers_they_are_held_over() {
    let mut s = store();
    no_repeat_defaults(&mut s);
    let olga = person(&mut s, "Olga", &[]);
    save_plan(&mut s, &clock(), &turnover("2026-11", 3_000_000), None).unwrap();
    save_plan(&mut s, &clock(), &turnover("2026-12", 3_000_000), None).unwrap();
    activity(&mut s, ActivityKind::Call, "2026-11-23");
    let d = start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Daily, date: None, person_id: None }).unwrap();
    let ctx = d.context.daily.unwrap();
    assert_eq!((ctx.yesterday, ctx.yesterday_fact.calls), (date("2026-11-23"), 1));
    // 4,800 calls over 21 working days = 228.6 a day.
    assert_eq!(ctx.day_plan.unwrap().calls, 228.6);
    assert_eq!(ctx.today_due.len(), 3);
    let m = start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Monthly, date: None, person_id: None }).unwrap();
    let ctx = m.context.monthly.unwrap();
    assert_eq!((ctx.next_period.as_str(), ctx.next_plan.is_some()), ("2026-12", true));
    assert_eq!(ctx.people.iter().map(|p| p.person_id).collect::<Vec<_>>(), [olga]);
    // The areas are ordered from the best fulfilled: calls (1 of 4,800) before the zeros.
    assert_eq!(ctx.areas[0].key, "calls");
    assert_eq!(
        start_review(&mut s, &clock(), &ReviewStart { kind: ReviewKind::Daily, date: None, person_id: Some(77) }).unwrap_err().field.as_deref(),
        Some("person_id")
    );
}

#[test]
fn the_self_assessment_is_stored_with_its_scores_over_time() {
    let mut s = store();
    let mut a = vec![Answer::No; 21];
    a[0] = Answer::Yes;
    a[7] = Answer::Yes;
    a[14] = Answer::Partly; // "sometimes" is a no
    let first = save_assessment(&mut s, &at("2026-10-01"), &a, None, Lang::Ru).unwrap();
    assert_eq!((first.total, first.roles[0].score, first.roles[0].name.as_str()), (2, 2, "Стратег"));
    a[14] = Answer::Yes;
    save_assessment(&mut s, &clock(), &a, None, Lang::En).unwrap();
    let h = assessment_history(&s, Lang::En).unwrap();
    assert_eq!(
        h.iter().map(|x| (x.taken_on, x.roles[0].score, x.roles[0].strong)).collect::<Vec<_>>(),
        [(date("2026-10-01"), 2, false), (date("2026-11-24"), 3, true)]
    );
    assert_eq!(h[1].roles[1].suggestions.len(), 3, "a weak role gets suggestions");
    assert_eq!(save_assessment(&mut s, &clock(), &a[..3], None, Lang::En).unwrap_err().field.as_deref(), Some("answers"));
}

#[test]
fn a_self_assessment_left_part_way_is_resumed_and_forgotten_once_saved() {
    let mut s = store();
    assert_eq!(assessment_draft(&s).unwrap(), None);
    let mut part = vec![None; 21];
    part[0] = Some(Answer::Yes);
    part[5] = Some(Answer::Partly);
    save_assessment_draft(&mut s, &clock(), &part).unwrap();
    assert_eq!(assessment_draft(&s).unwrap(), Some(part.clone()), "the answers given so far come back");
    assert!(assessment_history(&s, Lang::En).unwrap().is_empty(), "a sitting part-way is no result");
    part[6] = Some(Answer::No);
    save_assessment_draft(&mut s, &clock(), &part).unwrap();
    assert_eq!(assessment_draft(&s).unwrap().unwrap()[6], Some(Answer::No), "the newest answers are kept");
    // A wrong number of places is refused and the kept answers stay.
    assert_eq!(save_assessment_draft(&mut s, &clock(), &part[..4]).unwrap_err().field.as_deref(), Some("answers"));
    assert_eq!(assessment_draft(&s).unwrap(), Some(part));
    // Finishing the sitting saves it and forgets the draft.
    save_assessment(&mut s, &clock(), &[Answer::Yes; 21], None, Lang::En).unwrap();
    assert_eq!(assessment_draft(&s).unwrap(), None);
    // All answers cleared: nothing is kept.
    let mut one = vec![None; 21];
    one[2] = Some(Answer::No);
    save_assessment_draft(&mut s, &clock(), &one).unwrap();
    save_assessment_draft(&mut s, &clock(), &[None; 21]).unwrap();
    assert_eq!(assessment_draft(&s).unwrap(), None);
}

// ---------------------------------------------------------------------------
// Heavy figures are kept between screen opens (store::cache); every change
// to what they read shows at once, and a kept figure equals one computed afresh.

fn fresh<T>(s: &Store, f: impl Fn(&Store) -> T) -> T {
    s.forget_cached();
    f(s)
}

#[test]
fn abc_is_kept_until_an_order_a_client_an_owner_or_the_thresholds_change() {
    let mut s = store();
    let pat = person(&mut s, "Pat", &[]);
    let big = company(&mut s, "Big", Some(pat));
    let small = company(&mut s, "Small", None);
    order(&mut s, big, "2026-06-01", 9_000_000);
    order(&mut s, small, "2026-06-01", 1_000_000);
    let abc = |s: &Store| analytics::abc(s, &clock()).unwrap();
    let first = abc(&s);
    assert!(s.cached_figures() > 0, "the report is kept");
    assert_eq!(abc(&s), first, "served again while nothing changed");
    assert_eq!(fresh(&s, abc), first);

    // A new order: the new total and classes at once.
    order(&mut s, small, "2026-07-01", 20_000_000);
    let r = abc(&s);
    assert_eq!(r.total_minor, 30_000_000);
    assert_eq!(r.clients[0].name, "Small");
    assert_eq!(r, fresh(&s, abc));

    // An archived order drops out at once.
    let id: i64 = s.conn().query_row("SELECT max(id) FROM orders", [], |r| r.get(0)).unwrap();
    abc(&s);
    crm::archive(&mut s, &clock(), crm::Archivable::Order, id).unwrap();
    assert_eq!(abc(&s).total_minor, 10_000_000);

    // A renamed client and a renamed owner show at once.
    abc(&s);
    let input = CompanyInput { name: "Bigger".into(), owner_id: Some(pat), ..Default::default() };
    crm::update_company(&mut s, &clock(), big, &input).unwrap();
    assert_eq!(abc(&s).clients[0].name, "Bigger");
    crm::update_person(&mut s, &clock(), pat, &PersonInput { name: "Patricia".into(), ..Default::default() }).unwrap();
    assert_eq!(abc(&s).clients[0].owner_name.as_deref(), Some("Patricia"));

    // New thresholds: the classes follow at once.
    let before = abc(&s);
    assert_eq!(before.clients.iter().map(|c| c.class).collect::<Vec<_>>(), [Abc::A, Abc::B]);
    set_plan_params(&mut s, &clock(), &PlanParams { abc_a_pct: 95, abc_b_pct: 4, ..PlanParams::default() }).unwrap();
    assert_eq!(abc(&s).clients.iter().map(|c| c.class).collect::<Vec<_>>(), [Abc::A, Abc::A]);

    // Applying it stores the classes: the report's "stored" follows.
    let applied = analytics::apply_abc(&mut s, &clock()).unwrap();
    assert_eq!(applied.report.differing, 0);
    assert_eq!(abc(&s).differing, 0);
    assert_eq!(abc(&s), fresh(&s, abc));

    // Tomorrow's twelve months are another window: June 2026 is still in it a
    // year on, but not thirteen months on.
    let later = FixedClock::at("2027-07-02T09:00:00+00:00");
    assert_eq!(analytics::abc(&s, &later).unwrap().total_minor, 0);
}

#[test]
fn a_figure_read_inside_a_transaction_or_a_rehearsal_is_never_kept() {
    let mut s = store();
    let co = company(&mut s, "Co", None);
    order(&mut s, co, "2026-06-01", 1_000_000);
    let abc = |s: &Store| analytics::abc(s, &clock()).unwrap();
    let before = abc(&s);
    // A dry run adds an order, reads the report inside its transaction, and rolls back.
    let inside = s
        .rehearse(|tx| {
            tx.execute(
                "INSERT INTO orders (company_id, order_date, amount_minor, margin_minor, currency, created_at, updated_at)
                 VALUES (?1, '2026-06-02', 5000000, 0, 'EUR', '2026-11-24T09:00:00', '2026-11-24T09:00:00')",
                [co],
            )?;
            Ok(())
        })
        .map(|_| ());
    inside.unwrap();
    assert_eq!(abc(&s), before, "the rolled-back order is not in the report");
    // Read inside a savepoint: computed, not kept.
    s.forget_cached();
    s.rehearse_read(|_| {
        assert_eq!(abc(&s), before);
        Ok(())
    })
    .unwrap();
    assert_eq!(s.cached_figures(), 0);
}

#[test]
fn another_connection_writing_to_the_file_makes_every_kept_figure_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.conveyor");
    let mut s = Store::create(&path, &clock(), &crate::store::meta::NewWorkspace::new("Test Ltd", Lang::En, "EUR")).unwrap();
    let co = company(&mut s, "Co", None);
    order(&mut s, co, "2026-06-01", 1_000_000);
    assert_eq!(analytics::abc(&s, &clock()).unwrap().total_minor, 1_000_000);
    // A second connection (no update hook of ours) commits an order.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO orders (company_id, order_date, amount_minor, margin_minor, currency, created_at, updated_at)
             VALUES (?1, '2026-06-02', 2000000, 0, 'EUR', '2026-11-24T09:00:00', '2026-11-24T09:00:00')",
            [co],
        )
        .unwrap();
    assert_eq!(analytics::abc(&s, &clock()).unwrap().total_minor, 3_000_000);
}

#[test]
fn the_migration_analytics_and_the_measured_history_follow_each_change_at_once() {
    let mut s = store();
    let x = company(&mut s, "X", None);
    let y = company(&mut s, "Y", None);
    order(&mut s, x, "2025-03-01", 9_000_000);
    order(&mut s, y, "2025-03-01", 1_000_000);
    order(&mut s, x, "2026-03-01", 9_000_000);
    let req = MigrationRequest { from_period: Some("2025".into()), to_period: Some("2026".into()), moved_limit: None };
    let mig = |s: &Store| analytics::abc_migration(s, &clock(), &req).unwrap();
    // The moved clients are listed; a client in the same class is only counted.
    let moved_to = |m: &analytics::MigrationMatrix, name: &str| m.clients.iter().find(|c| c.name == name).map(|c| c.to);
    let b_to_b = |m: &analytics::MigrationMatrix| m.cells.iter().find(|c| c.from == Some(Abc::B) && c.to == Some(Abc::B)).unwrap().clients;
    let before = mig(&s);
    assert_eq!((moved_to(&before, "Y"), b_to_b(&before)), (Some(None), 0), "Y stopped buying");
    order(&mut s, y, "2026-04-01", 1_000_000);
    let after = mig(&s);
    assert_eq!((moved_to(&after, "Y"), b_to_b(&after)), (None, 1), "Y bought again in 2026: B in both years");
    assert_eq!(mig(&s), fresh(&s, mig));

    // Analytics: a won deal counts at once; so does a call in the month's facts.
    let req = AnalyticsRequest { from: Some(date("2026-01-01")), to: None, person_id: None };
    let an = |s: &Store| analytics::analytics(s, &clock(), &req).unwrap();
    let s2 = step(&s, Stage::FirstDeal, 1);
    let d = deal(&mut s, "2026-10-01", x, s2, 100_000, Source::Referral);
    assert_eq!(an(&s).won, 0);
    crm::close_deal(&mut s, &at("2026-11-01"), d, &DealClose { status: DealStatus::Won, reason: None }).unwrap();
    assert_eq!(an(&s).won, 1);
    let calls = |a: &analytics::Analytics| a.months.last().unwrap().fact.calls;
    let before = calls(&an(&s));
    activity(&mut s, ActivityKind::Call, "2026-11-20");
    assert_eq!(calls(&an(&s)), before + 1);
    assert_eq!(an(&s), fresh(&s, an));

    // The plan's measured history: another won deal moves the measured cycle at once.
    let h = |s: &Store| measure(s, &clock()).unwrap();
    let first = h(&s);
    assert_eq!((first.cycle_days, first.cycle_measured), (31, true));
    let d = deal(&mut s, "2026-11-10", y, s2, 100_000, Source::Referral);
    crm::close_deal(&mut s, &at("2026-11-20"), d, &DealClose { status: DealStatus::Won, reason: None }).unwrap();
    let second = h(&s);
    assert_eq!(second.cycle_days, 21, "(31 + 10) / 2 days");
    assert_eq!(second, fresh(&s, h));
}

#[test]
fn analytics_counted_in_one_pass_equal_the_per_figure_queries() {
    use crate::store::analytics::reference as r;
    let mut s = store();
    crate::demo::generate(&mut s, &clock(), &crate::demo::DemoSpec { lang: Lang::En, contacts: 300, activities: 600, seed: 5 }).unwrap();
    // Reasons that differ only by spaces count together; an archived deal counts nowhere.
    s.conn()
        .execute_batch(
            "UPDATE deals SET close_reason = '  Price ' WHERE id = (SELECT min(id) FROM deals WHERE status = 'lost');
             UPDATE deals SET archived_at = '2026-11-30T10:00:00Z' WHERE id = (SELECT max(id) FROM deals WHERE status = 'won');",
        )
        .unwrap();
    let people: Vec<i64> = s.conn().prepare("SELECT id FROM people").unwrap().query_map([], |x| x.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(people.len() >= 2);
    let today = crate::clock::Clock::today(&clock());
    for (from, to, person) in [
        (None, None, None),
        (Some(today - chrono::Duration::days(90)), None, Some(people[0])),
        (Some(today - chrono::Duration::days(700)), Some(today - chrono::Duration::days(40)), Some(people[1])),
    ] {
        let a = analytics::analytics(&s, &clock(), &AnalyticsRequest { from, to, person_id: person }).unwrap();
        let c = s.conn();
        let (from, to) = (a.from, a.to);
        let rows = r::funnel_rows(c, from, to).unwrap();
        assert!(!rows.is_empty());
        let handed: i64 = rows.iter().filter(|x| x.1 == Stage::FirstDeal && x.6).map(|x| x.7).sum();
        assert!(handed > 0);
        assert_eq!(a.stages[0].passed, handed);
        let steps = crate::store::steps::list(c).unwrap();
        assert_eq!(a.funnel.len(), steps.iter().filter(|x| x.stage != Stage::AccountDevelopment).count());
        for f in &a.funnel {
            let pos = steps.iter().find(|x| x.id == f.step_id).unwrap().position;
            let open: i64 = rows.iter().filter(|x| x.0 == f.step_id && x.5 == DealStatus::Open).map(|x| x.7).sum();
            let reached: i64 =
                rows.iter().filter(|x| x.1 == f.stage && x.2 >= pos).map(|x| x.7).sum::<i64>() + if f.stage == Stage::LeadGeneration { handed } else { 0 };
            assert_eq!((f.reached, f.open), (reached, open), "step {}", f.name);
        }
        let (won, lost, disqualified, cycle) = r::first_deal_closings(c, from, to).unwrap();
        assert_eq!((a.won, a.lost, a.disqualified), (won, lost, disqualified));
        assert_eq!(a.avg_cycle_days, cycle.map(|d| (d * 10.0).round() / 10.0));
        let mut reasons: Vec<_> = a.reasons.iter().map(|x| (x.status, x.reason.clone(), x.deals)).collect();
        let mut expected = r::close_reasons(c, from, to).unwrap();
        assert_eq!(reasons.iter().map(|x| x.2).collect::<Vec<_>>(), expected.iter().map(|x| x.2).collect::<Vec<_>>(), "the most frequent first");
        reasons.sort();
        expected.sort();
        assert_eq!(reasons, expected);
        let mut sources: Vec<_> = a.sources.iter().filter(|x| x.opened > 0).map(|x| (x.source, x.opened, x.won, x.closed)).collect();
        let mut expected = r::by_source(c, from, to).unwrap();
        sources.sort();
        expected.sort();
        assert_eq!(sources, expected);
        let mut new_clients: Vec<_> = a.sources.iter().filter(|x| x.new_clients > 0).map(|x| (x.source, x.new_clients)).collect();
        let mut expected = r::new_clients_by_source(c, from, to).unwrap();
        new_clients.sort();
        expected.sort();
        assert_eq!(new_clients, expected);
        // Each month's fact is the plan's fact of that month.
        for m in &a.months {
            let start = NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d").unwrap();
            let end = start.checked_add_months(chrono::Months::new(1)).unwrap();
            let fact = crate::store::plans::fact(c, start.max(from), end.min(to), person).unwrap();
            assert_eq!(m.fact, fact, "{}", m.month);
        }
        if person.is_none() {
            assert!(a.months.iter().any(|m| m.fact.leads > 0 && m.fact.offers > 0 && m.fact.first_deals > 0), "the months count deals");
        }
    }
}

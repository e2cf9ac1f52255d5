//! Role hand-overs, structure advice and the time table.

use super::playbook_testing::*;
use super::routines::*;
use super::{crm, pipeline, roles as uroles, today};
use crate::error::ErrorCode;
use crate::model::*;
use crate::store;
use crate::store::testing::clock;

#[test]
fn reassigning_a_role_moves_its_open_work_and_undo_moves_it_back() {
    let (mut s, owner) = ws();
    let deal = lead(&mut s, &clock(), "Delta");
    generate(&mut s, &clock()).unwrap();
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

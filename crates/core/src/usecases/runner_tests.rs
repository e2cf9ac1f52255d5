//! The runner on an in-memory workspace with a fixed clock.

use super::playbook_testing::*;
use super::{runner::*, scripts::*};
use crate::model::*;
use crate::playbook::template::BlockKind;
use crate::store;
use crate::store::cards::CardKind;
use crate::store::testing::clock;

#[test]
fn the_runner_logs_the_call_with_its_version_and_writes_profile_and_card_draft() {
    let (mut s, _) = ws();
    let deal = lead(&mut s, &clock(), "Acme");
    let start = run_start(&s, &RunStartInput { script_id: None, deal_id: Some(deal.id), contact_id: None }).unwrap();
    assert_eq!(start.script.key, "cold-call");
    assert_eq!(start.card, Some(CardKind::Qualification));
    let v1 = start.script.version_id;

    let out = run_finish(
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
    assert_eq!(activity_script_version(&s, a.id).unwrap().unwrap().id, v1);
    let contact = out.contact.unwrap();
    assert_eq!(contact.title.as_deref(), Some("Office manager"));
    assert!(contact.notes.unwrap().contains("Call after 14:00"));
    assert_eq!(card_draft(&s, deal.id, CardKind::Qualification).unwrap()["need"], "Paper every week, delivered by 9");
    let deal = store::deals::get(s.conn(), deal.id).unwrap();
    assert_eq!(deal.next_step.as_deref(), Some("Send the catalogue"));

    // Editing makes version 2; the logged call keeps version 1.
    let edited = add_block(
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
    assert_eq!(activity_script_version(&s, a.id).unwrap().unwrap().id, v1);
    assert_eq!(script_versions(&s, start.script.id).unwrap().len(), 2);

    // A path through a block the version does not have is refused; nothing is logged.
    let before = crate::store::stats::count_live(s.conn(), "activities").unwrap();
    let err = run_finish(
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

//! The routine engine: each occurrence once, rule changes, check-ins.

use super::crm;
use super::playbook_testing::*;
use super::{regulations::*, routines::*};
use crate::model::*;
use crate::playbook::template::Rule;
use crate::store::testing::clock;
use crate::store::{self, regulations};

#[test]
fn routines_generate_each_occurrence_once_across_runs_and_clock_moves() {
    let (mut s, owner) = ws();
    // Tuesday 24 November 2026: Tue/Thu prospecting and Friday planning within a week.
    let tue = at("2026-11-24T08:00:00");
    let r = generate(&mut s, &tue).unwrap();
    assert_eq!(r.created, 4);
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26", "2026-12-01"]);
    assert_eq!(occurrences(&s, "friday-planning"), vec!["2026-11-27"]);
    assert_eq!(generate(&mut s, &tue).unwrap().created, 0, "idempotent");
    assert!(!generate_if_due(&mut s, &tue).unwrap().ran, "already ran today: a no-op");

    let a = store::activities::get(s.conn(), regulations::generated_activities(s.conn(), reg(&s, "prospecting-block").id).unwrap()[0].1).unwrap();
    assert_eq!((a.kind, a.owner_id, a.duration_min), (ActivityKind::Call, Some(owner), Some(120)));
    assert_eq!(a.due_at.unwrap().to_string(), "2026-11-24 09:00:00");
    assert!(a.notes.unwrap().contains("40"));

    // Forward two days, then back before the first run: only new dates appear.
    assert_eq!(generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 1);
    assert_eq!(generate(&mut s, &at("2026-11-20T08:00:00")).unwrap().created, 1, "Friday 20's planning; Tue 24 and Thu 26 exist");
    assert_eq!(generate(&mut s, &at("2026-11-20T08:00:00")).unwrap().created, 0);
    assert_eq!(generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 0);
    let mut all = occurrences(&s, "prospecting-block");
    all.sort();
    assert_eq!(all, vec!["2026-11-24", "2026-11-26", "2026-12-01", "2026-12-03"]);
}

#[test]
fn a_changed_rule_replaces_only_future_not_done_occurrences() {
    let (mut s, _) = ws();
    let tue = at("2026-11-24T08:00:00");
    generate(&mut s, &tue).unwrap();
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
    update_regulation(&mut s, &ten, r.id, &input).unwrap();
    // Tue 24 09:00 is past and Thu 26 is done: both stay; Tue 1 Dec went.
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26"]);
    assert!(store::activities::get(s.conn(), made[2].1).is_err(), "the future task is gone");
    generate_if_due(&mut s, &ten).unwrap();
    assert_eq!(occurrences(&s, "prospecting-block"), vec!["2026-11-24", "2026-11-26", "2026-11-25"]);
    assert_eq!(generate(&mut s, &at("2026-11-26T08:00:00")).unwrap().created, 1, "Wednesday 2 December comes into the week ahead");
    // Archiving takes its future tasks away too.
    archive_regulation(&mut s, &at("2026-11-26T08:00:00"), r.id).unwrap();
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
    generate(&mut s, &clock()).unwrap();
    let occ = regulations::generated_activities(s.conn(), reg(&s, "check-ins").id).unwrap();
    assert_eq!(occ.len(), 1);
    let a = store::activities::get(s.conn(), occ[0].1).unwrap();
    assert_eq!((a.company_id, a.due_at.unwrap().date()), (Some(co.id), d("2026-11-27")));
    assert!(a.subject.contains("Alpha"));
    generate(&mut s, &clock()).unwrap();
    assert_eq!(regulations::generated_activities(s.conn(), reg(&s, "check-ins").id).unwrap().len(), 1);
}

//! Norms on Today.

use super::norms::*;
use super::playbook_testing::*;
use super::{crm, pipeline, today};
use crate::model::*;
use crate::store;
use crate::store::testing::clock;

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

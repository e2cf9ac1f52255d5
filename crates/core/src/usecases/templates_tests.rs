//! Template round trips.

use super::crm;
use super::playbook_testing::*;
use super::{scripts::*, templates::*};
use crate::error::ErrorCode;
use crate::model::*;
use crate::playbook::template::Objection;
use crate::store::testing::{clock, store};

#[test]
fn a_template_round_trips_and_import_never_touches_client_data() {
    let (mut a, _) = ws();
    let id = list_scripts(&a).unwrap()[0].id;
    add_objection(&mut a, &clock(), id, &Objection { objection: "No time".into(), keywords: vec!["time".into()], answers: vec!["Two minutes.".into()] })
        .unwrap();
    lead(&mut a, &clock(), "Zeta");
    let exported = export_json(&a).unwrap();
    assert!(!exported.contains("Zeta") && !exported.contains("Petrov"), "no client data");

    let mut b = store();
    crm::create_company(&mut b, &clock(), &CompanyInput { name: "Kept Ltd".into(), ..Default::default() }).unwrap();
    let before = export_json(&b).unwrap();
    let dry = import(&mut b, &clock(), "a.json", &exported, true).unwrap();
    assert!(!dry.applied);
    assert!(dry.changes.iter().any(|c| c.section == "scripts" && c.action == ChangeAction::Add && c.key == "cold-call"));
    assert!(dry.changes.iter().any(|c| c.section == "cards" && c.action == ChangeAction::Archive && c.key == "qualification.timing"));
    assert_eq!(export_json(&b).unwrap(), before, "a dry run changes nothing");

    let real = import(&mut b, &clock(), "a.json", &exported, false).unwrap();
    assert!(real.applied);
    assert_eq!(real.changes, dry.changes, "the dry run showed exactly what happened");
    assert_eq!(export_json(&b).unwrap(), exported, "export → import → export gives the same file");
    assert_eq!(crate::store::stats::count_live(b.conn(), "companies").unwrap(), 1);
    assert!(import(&mut b, &clock(), "a.json", &exported, false).unwrap().changes.is_empty(), "importing again changes nothing");

    // A broken file changes nothing.
    let broken = exported.replace("\"format_version\": 1", "\"format_version\": 7");
    assert_eq!(import(&mut b, &clock(), "b.json", &broken, false).unwrap_err().code, ErrorCode::InvalidFile);
    assert_eq!(export_json(&b).unwrap(), exported);
}

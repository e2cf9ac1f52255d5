//! Script editing and the objection search.

use super::playbook_testing::*;
use super::scripts::*;
use crate::error::ErrorCode;
use crate::model::*;
use crate::playbook::template::{BlockKind, Objection};
use crate::store::testing::clock;

#[test]
fn block_editing_keeps_the_script_consistent() {
    let (mut s, _) = ws();
    let id = list_scripts(&s).unwrap()[0].id;
    // Deleting a block removes the branches that led to it.
    let sc = delete_block(&mut s, &clock(), id, "callback").unwrap();
    assert!(sc.body.blocks[0].branches.iter().all(|b| b.to != "callback"));
    let sc = reorder_blocks(&mut s, &clock(), id, &["needs".into(), "opening".into()]).unwrap();
    assert_eq!(sc.body.blocks[0].key, "needs");
    let bad = update_block(
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
    let v = get_script(&s, id).unwrap();
    let same = save_script_body(&mut s, &clock(), id, &v.body).unwrap();
    assert_eq!(same.version, v.version);
}

#[test]
fn objections_are_found_by_what_a_seller_types_in_english_and_russian() {
    let (mut s, _) = ws();
    let hits = search_objections(&s, "expens", None, None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].objection.answers.len(), 2);
    assert!(search_objections(&s, "SUPPLIER", None, Some(Stage::LeadGeneration)).unwrap()[0].objection.objection.contains("supplier"));
    assert!(search_objections(&s, "supplier", None, Some(Stage::FirstDeal)).unwrap().is_empty());
    let id = list_scripts(&s).unwrap()[0].id;
    add_objection(
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
    let hits = search_objections(&s, "дорог", None, None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].objection.keywords, vec!["дорого", "цена"]);
    assert_eq!(search_objections(&s, "ЦЕНА", None, None).unwrap().len(), 1);
    assert_eq!(search_objections(&s, "стоимость", None, None).unwrap().len(), 1, "answers are searched too");
    assert!(search_objections(&s, "zzz", None, None).unwrap().is_empty());
}

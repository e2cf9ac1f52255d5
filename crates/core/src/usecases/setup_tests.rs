//! New workspaces from a built-in template, and the wizard.

use super::today;
use super::{routines::*, setup::*, templates::*};
use crate::model::*;
use crate::store::meta::NewWorkspace;
use crate::store::testing::clock;

#[test]
fn a_new_workspace_starts_from_a_built_in_template_and_the_wizard_sets_people() {
    for (id, lang) in [("generic-b2b", Lang::En), ("wholesale", Lang::Ru), ("agency", Lang::En)] {
        let mut s = crate::usecases::workspace::in_memory(&clock(), &NewWorkspace::new("New", lang, "EUR").with_template(id)).unwrap();
        let t = export(&s).unwrap();
        assert_eq!((t.id.as_str(), t.lang), (id, lang));
        assert!(t.scripts.len() >= 3 && t.regulations.len() >= 15, "{id}: {} scripts, {} regulations", t.scripts.len(), t.regulations.len());
        let r = setup(
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
        let g = generate(&mut s, &clock()).unwrap();
        assert!(g.created > 0, "{id}: the routines plan the week");
        today::today_fresh(&mut s, &clock(), None).unwrap();
    }
    let err = crate::usecases::workspace::in_memory(&clock(), &NewWorkspace::new("New", Lang::En, "EUR").with_template("nope")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("template"));
}

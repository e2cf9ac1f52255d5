//! The template importer (`conveyor template import`): `templates::import` of
//! any text into an in-memory workspace, first as a dry run, then for real.
//! Must never panic; a dry run and a refused import change nothing; a dry
//! run reports exactly what the real import then does; an applied import
//! makes the workspace's system equal to the file, so importing it again
//! changes nothing.
#![no_main]

use conveyor_core::model::Lang;
use conveyor_core::playbook::template;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::store::{cards, plans, scripts, steps};
use conveyor_core::usecases::templates;
use conveyor_core::{FixedClock, Store};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

/// Everything a template import may touch: the exported system plus what the
/// export leaves out (row ids, archived card fields, script versions, the
/// planning defaults).
fn snapshot(s: &Store) -> String {
    let c = s.conn();
    let versions: Vec<usize> = scripts::list(c).unwrap().iter().map(|x| scripts::versions(c, x.id).unwrap().len()).collect();
    format!(
        "{}\n{:?}\n{:?}\n{versions:?}\n{:?}",
        templates::export_json(s).unwrap(),
        steps::list(c).unwrap(),
        cards::all_fields(c).unwrap(),
        plans::params(c).unwrap()
    )
}

/// A fresh workspace per selector, and its snapshot. A workspace is reused
/// (creating one is most of an execution's time) as long as it is unchanged,
/// which is what dry runs and refused imports promise; each use checks that.
type Fresh = Option<(Store, String)>;
thread_local! {
    static FRESH: RefCell<Vec<Fresh>> = RefCell::new((0..8).map(|_| None).collect());
}

fn workspace(sel: u8, clock: &FixedClock) -> (Store, String) {
    let lang = if sel & 4 == 0 { Lang::En } else { Lang::Ru };
    let mut init = NewWorkspace::new("Fuzz Ltd", lang, "EUR");
    if let Some(id) = [None, Some("generic-b2b"), Some("wholesale"), Some("agency")][usize::from(sel & 3)] {
        init = init.with_template(id);
    }
    let store = Store::in_memory(clock, &init).expect("in-memory workspace");
    let snap = snapshot(&store);
    (store, snap)
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the workspace it lands in (bits 0-1: no template,
    // generic-b2b, wholesale, agency; bit 2: Russian); the rest is the file.
    let Some((&sel, rest)) = data.split_first() else { return };
    let sel = sel & 7;
    // The CLI reads the file as UTF-8 and refuses anything else before the core.
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
    let (mut store, before) = FRESH.with(|f| f.borrow_mut()[usize::from(sel)].take()).unwrap_or_else(|| workspace(sel, &clock));

    let dry = templates::import(&mut store, &clock, "fuzz.json", text, true);
    assert_eq!(snapshot(&store), before, "a dry run changes nothing");
    let real = templates::import(&mut store, &clock, "fuzz.json", text, false);
    match (dry, real) {
        (Ok(d), Ok(r)) => {
            assert!(!d.applied && r.applied);
            assert_eq!(d.changes, r.changes, "the dry run reports what the import does");
            let t = template::parse("fuzz.json", text).expect("an imported file parses");
            assert_eq!(templates::export(&store).unwrap(), t, "after the import the system is the file's");
            let after = snapshot(&store);
            let again = templates::import(&mut store, &clock, "fuzz.json", text, true).expect("the same file again");
            assert_eq!(again.changes, vec![], "importing the same file again changes nothing");
            assert_eq!(snapshot(&store), after);
            // `store` changed: dropped here, the next input gets a new one.
        }
        (Err(d), Err(r)) => {
            assert_eq!((d.code, &d.message), (r.code, &r.message), "dry run and import refuse alike");
            assert_eq!(snapshot(&store), before, "a refused import changes nothing");
            FRESH.with(|f| f.borrow_mut()[usize::from(sel)] = Some((store, before)));
        }
        (d, r) => panic!("the dry run and the import disagree: {d:?} / {r:?}"),
    }
});

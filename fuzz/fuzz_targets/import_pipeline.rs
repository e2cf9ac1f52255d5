//! The whole contacts import (CSV or vCard → checks → one transaction) into
//! an in-memory workspace: preview, then the import itself, which must either
//! write everything or nothing. Must never panic.
#![no_main]

use conveyor_core::model::Lang;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::usecases::export;
use conveyor_core::usecases::import::{self, DuplicatePolicy, ImportOptions};
use conveyor_core::{FixedClock, Store};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

thread_local! {
    /// An empty workspace, reused while imports leave it untouched (creating
    /// one is nearly all of an execution's time); each use checks that.
    static EMPTY: RefCell<Option<Store>> = const { RefCell::new(None) };
}

fn contacts(store: &Store) -> String {
    format!("{:?}", export::export_contacts_list(store).expect("list"))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the duplicates policy; the rest is the file.
    let Some((&policy, file)) = data.split_first() else { return };
    let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
    let mut store = EMPTY.with(|e| e.borrow_mut().take()).unwrap_or_else(|| {
        Store::in_memory(&clock, &NewWorkspace::new("Fuzz Ltd", Lang::En, "EUR")).expect("in-memory workspace")
    });
    let mut o = ImportOptions::new("fuzz");
    o.duplicates = [DuplicatePolicy::Skip, DuplicatePolicy::Update, DuplicatePolicy::Create][policy as usize % 3];
    let _ = import::preview(&store, file, &o, 20);
    let before = contacts(&store);
    assert_eq!(before, "[]", "the workspace starts empty");
    match import::import_contacts(&mut store, &clock, file, &o, false) {
        Ok(s) if s.written => {
            let after = export::export_contacts_list(&store).expect("list").len();
            // `created_duplicates` is a part of `created`, not extra.
            assert!(s.created_duplicates <= s.created, "duplicates created are counted in created");
            assert_eq!(after as u64, s.created, "counts match the summary");
            // Written to: dropped here, the next input gets a new workspace.
        }
        _ => {
            assert_eq!(contacts(&store), before, "a refused import writes nothing");
            EMPTY.with(|e| *e.borrow_mut() = Some(store));
        }
    }
});

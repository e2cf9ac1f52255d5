//! Inputs the fuzzers (fuzz/, docs/FUZZING.md) found, kept as regression tests.
//! Each file in `tests/fuzz/` is the fuzz target's input as it was found.

use crate::clock::FixedClock;
use crate::model::Lang;
use crate::store::Store;
use crate::store::meta::NewWorkspace;
use crate::usecases::export;
use crate::usecases::import::{self, DuplicatePolicy, ImportOptions};

fn fixture(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// What the `import_pipeline` target does with one input: the first byte
/// picks the duplicates policy, the rest is the file.
fn import_pipeline(data: &[u8]) {
    let (&policy, file) = data.split_first().unwrap();
    let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
    let mut store = Store::in_memory(&clock, &NewWorkspace::new("Fuzz Ltd", Lang::En, "EUR")).unwrap();
    let mut o = ImportOptions::new("fuzz");
    o.duplicates = [DuplicatePolicy::Skip, DuplicatePolicy::Update, DuplicatePolicy::Create][policy as usize % 3];
    let _ = import::preview(&store, file, &o, 20);
    let before = export::export_contacts_list(&store).unwrap().len() as u64;
    match import::import_contacts(&mut store, &clock, file, &o, false) {
        Ok(s) if s.written => {
            assert!(s.created_duplicates <= s.created, "{s:?}");
            assert_eq!(export::export_contacts_list(&store).unwrap().len() as u64, before + s.created);
        }
        _ => assert_eq!(export::export_contacts_list(&store).unwrap().len() as u64, before),
    }
}

/// A Thunderbird CSV with a repeated contact, imported with `--duplicates
/// create`: the summary's `created` already includes the duplicate created
/// anyway (`created_duplicates`), and exactly that many contacts appear. (The
/// fuzz target first assumed the two were separate; the core was right.)
#[test]
fn import_with_create_policy_counts_duplicates_inside_created() {
    let data = fixture("import_pipeline-90475e60.bin");
    assert_eq!(data[0] % 3, 2, "policy: create");
    import_pipeline(&data);
    let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
    let mut store = Store::in_memory(&clock, &NewWorkspace::new("Fuzz Ltd", Lang::En, "EUR")).unwrap();
    let mut o = ImportOptions::new("fuzz");
    o.duplicates = DuplicatePolicy::Create;
    let s = import::import_contacts(&mut store, &clock, &data[1..], &o, false).unwrap();
    assert!(s.written);
    assert_eq!((s.created, s.created_duplicates), (3, 1), "{s:?}");
}

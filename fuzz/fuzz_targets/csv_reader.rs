//! The CSV reader: encoding detection, delimiter guess, header, rows through
//! the detected preset's mapping. Must never panic; errors are fine.
#![no_main]

use conveyor_core::interop::csv::CsvFile;
use conveyor_core::interop::mapping::{detect_preset, preset_mapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = CsvFile::read(data, "fuzz.csv") {
        let mapping = preset_mapping(detect_preset(&f.headers), &f.headers);
        let _ = f.rows("fuzz.csv", &mapping, Some(1000));
    }
});

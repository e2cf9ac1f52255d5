//! The vCard reader (2.1/3.0/4.0: folding, quoted-printable, charsets).
//! Must never panic; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = conveyor_core::interop::vcard::is_vcard(data);
    let _ = conveyor_core::interop::vcard::read(data, "fuzz.vcf");
});

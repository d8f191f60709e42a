//! The ptpc2019 reader on any text: a dataset every time, and a sound one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let ds = mappa::import::ptpc::import("fuzz.tsv", text).expect("never an error");
        mappa::import::validate::sound(&ds).expect("a sound tree");
    }
});

//! The JSON reader on any text: a map or an error, and a map is sound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(datasets) = mappa::import::json::parse("fuzz.json", text) {
            for ds in &datasets {
                mappa::import::validate::sound(ds).expect("a sound tree");
            }
        }
    }
});

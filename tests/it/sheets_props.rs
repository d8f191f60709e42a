//! Property tests for the spreadsheet reader: delimited text built from
//! header words, codes, level texts, quotes, line breaks and any bytes.
//! Whatever the input, a map or an error, never a panic; a map is a sound
//! tree, and every row after the header is an entry's row or a
//! diagnostic's, with its cell.

use mappa::import::sheet::{self, SheetFile, SheetOptions};
use mappa::import::validate;
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::BTreeSet;

const WORDS: &[&str] = &[
    "Codifica",
    "Codice",
    "Descrizione del processo",
    "Titolo",
    "Input",
    "Output",
    "Fasi/Azioni",
    "Attività",
    "Struttura responsabile",
    "Responsabile",
    "U.O.",
    "Area",
    "Macro-processo",
    "Processo",
    "Sotto-processo",
    "Azioni",
    "LIV1",
    "LIV2",
    "Note",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(WORDS).prop_map(String::from),
        3 => "[A-D]\\.?[0-9]{1,3}(\\.[0-9]{1,3}){0,4}[a-z]?[.:]? ?[A-Za-zà ]{0,12}",
        2 => "[A-Za-zàèé ]{0,20}",
        1 => Just(String::new()),
        1 => Just("\"1. uno\n2. due\"".to_string()),
        1 => Just("\"con \"\"virgolette\"\" e ; dentro\"".to_string()),
        1 => "[\\x00-\\x1f\"\u{feff}]{1,3}",
        1 => any::<String>(),
    ]
}

fn document() -> impl Strategy<Value = (String, u8)> {
    let row = prop::collection::vec(cell(), 0..9);
    (
        prop::collection::vec(row, 0..30),
        select(&[b';', b',', b'\t'][..]),
        select(&["\n", "\r\n", "\r"][..]),
    )
        .prop_map(|(rows, d, end)| {
            let sep = (d as char).to_string();
            let text = rows
                .iter()
                .map(|r| r.join(&sep))
                .collect::<Vec<_>>()
                .join(end);
            (text, d)
        })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_delimited_text_is_a_map_or_an_error((text, _) in document(), latin1 in any::<bool>()) {
        let bytes = if latin1 {
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
        } else {
            text.clone().into_bytes()
        };
        let file = SheetFile { name: "p.csv", stem: "p", bytes: bytes.into() };
        let Ok(ds) = sheet::import(file, "p", &SheetOptions::default()) else {
            return Ok(());
        };
        validate::sound(&ds).map_err(TestCaseError::fail)?;
        for d in &ds.diagnostics {
            if let Some(line) = d.line {
                let place = d.place.as_ref().expect("a row's diagnostic names its cell");
                prop_assert_eq!(place.row, line);
                prop_assert_eq!(&place.sheet, "p");
            }
        }
        // Rows named are rows of the file: no more than its lines.
        let lines = text.matches(['\n', '\r']).count() as u32 + 1;
        let named: BTreeSet<u32> = ds
            .nodes
            .iter()
            .filter_map(|n| n.line)
            .chain(ds.diagnostics.iter().filter_map(|d| d.line))
            .collect();
        prop_assert!(named.iter().all(|&l| l >= 1 && l <= lines), "{named:?} of {lines}");
        prop_assert!(ds.nodes.len() <= text.len() + 1);
    }

    #[test]
    fn any_bytes_are_a_map_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let file = SheetFile { name: "b.xlsx", stem: "b", bytes: bytes.into() };
        if let Ok(ds) = sheet::import(file, "b", &SheetOptions::default()) {
            validate::sound(&ds).map_err(TestCaseError::fail)?;
        }
    }
}

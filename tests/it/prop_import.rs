//! Property tests for the importers (catalogo and ptpc2019 tab-separated
//! layouts, JSON maps): documents built from fragments of the real seed
//! rows, codes, page headers, tabs, line ends, control characters, markup
//! and long cells. Whatever the input, an importer returns a map or an
//! error, never panics, and what it returns is a sound tree of bounded
//! size. (The same importers are fuzzed by `cargo fuzz`, see fuzz/.)

use mappa::import::json::{self, Export};
use mappa::import::{catalogo, ptpc, read_rows, CATALOGO_SEED, PTPC_SEED};
use mappa::model::{Dataset, Structure};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Every distinct cell of both seeds.
fn seed_cells() -> &'static [&'static str] {
    static CELLS: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELLS.get_or_init(|| {
        let mut seen = HashSet::new();
        read_rows(CATALOGO_SEED)
            .into_iter()
            .chain(read_rows(PTPC_SEED))
            .flat_map(|r| r.cells)
            .filter(|c| !c.trim().is_empty() && seen.insert(*c))
            .collect()
    })
}

const HEADERS: &[&str] = &[
    "CODIFICA UNIONCAMERE",
    "LIV 1",
    "MACRO-PROCESSI",
    "PROCESSI",
    "SOTTO-PROCESSI",
    "AZIONI",
    "Area dirigenziale",
    "Servizio/Staff",
    "Processi primari",
    "PORTAFOGLIO PROCESSI FUNZIONE ISTITUZIONALE B Servizi di Supporto",
    "PORTAFOLIO PROCESSI FUNZIONE ISTITUZIONALE L Altro",
];

/// One piece of a cell.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(seed_cells()).prop_map(String::from),
        2 => "[A-FL]\\.?[0-9]{1,3}(\\.[0-9]{1,3}){0,6}[a-z]?[.:]? ?[A-Za-zà ]{0,12}",
        1 => select(HEADERS).prop_map(String::from),
        1 => "[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{feff}]{1,3}",
        1 => select(&["<i>", "</i>", "<b>x</b>", "<<", "<br/>", "<span a=\"1\">", "< i>", "<"][..])
            .prop_map(String::from),
        1 => select(&["1. a 2. b 3. c", "a) x b) y", "- x - y", "x; y; z", "01. a 02.", "1.5"][..])
            .prop_map(String::from),
        1 => (select(seed_cells()), 1..60usize).prop_map(|(c, n)| c.repeat(n)),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..3).prop_map(|f| f.join(" "))
}

fn row() -> impl Strategy<Value = String> {
    prop::collection::vec(cell(), 0..12).prop_map(|c| c.join("\t"))
}

/// A document: the layout's header line (or none), rows, any line ends.
fn document(header: &'static str) -> impl Strategy<Value = String> {
    let line_end = select(&["\n", "\r\n", "\r", "\n\n"][..]);
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((row(), line_end), 0..60),
    )
        .prop_map(move |(bom, with_header, rows)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if with_header {
                text.push_str(header);
                text.push('\n');
            }
            for (row, end) in rows {
                text.push_str(&row);
                text.push_str(end);
            }
            text
        })
}

/// Bytes of text the dataset holds.
fn text_bytes(ds: &Dataset) -> usize {
    let nodes: usize = ds
        .nodes
        .iter()
        .map(|n| {
            let structures: usize = n
                .structures
                .iter()
                .map(|s| s.area.len() + s.servizio.len())
                .sum();
            n.id.len()
                + n.title.len()
                + n.name.len()
                + n.input.len()
                + n.output.len()
                + n.role.len()
                + n.activities.list().iter().map(|s| s.len()).sum::<usize>()
                + structures
                + n.diagnostics.iter().map(String::len).sum::<usize>()
        })
        .sum();
    nodes
        + ds.diagnostics
            .iter()
            .map(|d| d.message.len())
            .sum::<usize>()
}

/// What every imported dataset must be: unique ids, parents that exist,
/// no parent cycle, lines within the document, a size in proportion to
/// the input, and a JSON export that reads back the same.
fn check_sound(ds: &Dataset, input: &str) -> Result<(), TestCaseError> {
    let lines = input.split(['\n', '\r']).count() as u32 + 1;
    check_tree(ds)?;
    for n in &ds.nodes {
        prop_assert!(n.line.is_none_or(|l| l >= 1 && l <= lines));
    }
    for d in &ds.diagnostics {
        prop_assert!(d.line.is_none_or(|l| l >= 1 && l <= lines));
    }
    let bound = 8 * input.len() + 2_000 * lines as usize + 10_000;
    prop_assert!(
        text_bytes(ds) <= bound,
        "{} bytes from {}",
        text_bytes(ds),
        input.len()
    );
    let export = Export {
        mappa: "test".into(),
        datasets: vec![ds.clone()],
    };
    let text = serde_json::to_string(&export).unwrap();
    let back = json::parse("x.json", &text);
    prop_assert!(back.is_ok(), "export does not read back: {:?}", back.err());
    // Exports leave out where each structure was read from, and an empty
    // dataset reads back with a note saying so.
    let mut expected = ds.clone();
    for n in &mut expected.nodes {
        n.structures = n
            .structures
            .iter()
            .map(|s| Structure {
                line: None,
                ..s.clone()
            })
            .collect();
    }
    if !ds.nodes.is_empty() {
        prop_assert_eq!(back.unwrap(), vec![expected]);
    }
    Ok(())
}

/// Unique ids, parents that exist, no parent cycle.
fn check_tree(ds: &Dataset) -> Result<(), TestCaseError> {
    let index: HashMap<&str, usize> = ds
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    prop_assert_eq!(index.len(), ds.nodes.len(), "ids are unique");
    for n in &ds.nodes {
        let mut cur = n.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = cur {
            let parent = index.get(p).map(|&i| &ds.nodes[i]);
            prop_assert!(parent.is_some(), "{} names missing parent {}", n.id, p);
            cur = parent.and_then(|p| p.parent.as_deref());
            steps += 1;
            prop_assert!(steps <= ds.nodes.len(), "parent cycle through {}", n.id);
        }
    }
    Ok(())
}

/// 64 cases per property in `cargo test`; `PROPTEST_CASES=5000` for a
/// longer search.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(64),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn catalogo_imports_any_document(text in document("CODIFICA UNIONCAMERE\tNOME\tI\tO\tA\tR")) {
        let ds = catalogo::import("p.tsv", &text).unwrap();
        check_sound(&ds, &text)?;
    }

    #[test]
    fn ptpc_imports_any_document(text in document("MACRO-PROCESSI\tPROCESSI\tSOTTO-PROCESSI\tAZIONI\tArea dirigenziale\tServizio/Staff")) {
        let ds = ptpc::import("p.tsv", &text).unwrap();
        check_sound(&ds, &text)?;
    }

    /// An exported map, edited at random (parents, ids, datasets, text
    /// with control characters): read back or refused, never a panic,
    /// and what is read back is a sound tree.
    #[test]
    fn json_maps_read_back_or_are_refused(
        text in document("MACRO-PROCESSI"),
        edits in prop::collection::vec((0..6u8, any::<prop::sample::Index>(), any::<prop::sample::Index>(), fragment()), 0..6),
    ) {
        let ds = ptpc::import("p.tsv", &text).unwrap();
        let mut export = serde_json::to_value(Export { mappa: "t".into(), datasets: vec![ds] }).unwrap();
        let nodes = export["datasets"][0]["nodes"].as_array_mut().unwrap();
        if !nodes.is_empty() {
            for (what, a, b, s) in edits {
                let (a, b) = (a.index(nodes.len()), b.index(nodes.len()));
                let other = nodes[b]["id"].clone();
                let n = &mut nodes[a];
                match what {
                    0 => n["parent"] = other,
                    1 => n["id"] = other,
                    2 => n["id"] = s.into(),
                    3 => n["parent"] = s.into(),
                    4 => n["title"] = s.into(),
                    _ => n["dataset"] = s.into(),
                }
            }
        }
        let text = serde_json::to_string(&export).unwrap();
        if let Ok(datasets) = json::parse("e.json", &text) {
            for ds in &datasets {
                check_tree(ds)?;
            }
        }
    }

    /// Any text at all, as JSON: an error or a map, never a panic.
    #[test]
    fn json_parses_any_text(text in prop_oneof![
        any::<String>(),
        prop::collection::vec(select(&["{", "}", "[", "]", "\"datasets\":", "\"mappa\":\"1\",", "\"nodes\":", ",", "null", "\"id\":\"a\"", "1e999", "\"\\u0000\""][..]), 0..40).prop_map(|p| p.concat()),
    ]) {
        let _ = json::parse("any.json", &text);
    }
}

// Hostile documents: each would take quadratic time or memory if the
// importer copied or compared too much. They must finish (no timing is
// asserted) with output in proportion to the input.

fn catalogo_doc(rows: impl Iterator<Item = String>) -> String {
    let mut text = String::from("CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n");
    for r in rows {
        text.push_str(&r);
        text.push('\n');
    }
    text
}

#[test]
fn the_same_code_on_every_row_stays_linear() {
    let text = catalogo_doc((0..10_000).map(|k| format!("A1.1 Voce {k}\tn\ti\to\ta\tPO Settore")));
    let ds = catalogo::import("same.tsv", &text).unwrap();
    assert_eq!(ds.nodes.len(), 10_001); // the variants and the inferred A1
    let longest = ds
        .diagnostics
        .iter()
        .map(|d| d.message.len())
        .max()
        .unwrap();
    assert!(longest < 300, "{longest}");
    assert!(text_bytes(&ds) < 8 * text.len() + 300 * ds.nodes.len());
}

#[test]
fn a_long_title_is_quoted_short_in_other_rows_messages() {
    let long = "Titolo ".repeat(50_000);
    let mut text = format!("MACRO-PROCESSI\nA1: {long}\tAzione prima\n");
    for k in 0..2_000 {
        text.push_str(&format!("A1: Altro {k}\tAzione {k}\n"));
    }
    let ds = ptpc::import("long.tsv", &text).unwrap();
    let longest = ds
        .diagnostics
        .iter()
        .map(|d| d.message.len())
        .max()
        .unwrap();
    assert!(longest < 1_000, "{longest}");
    let lines = 2_002;
    assert!(text_bytes(&ds) < 8 * text.len() + 2_000 * lines);
}

#[test]
fn many_actions_beside_one_long_structure_are_not_copied_each() {
    let area = "Area ".repeat(20_000);
    let servizio = "Servizio ".repeat(1_000);
    let mut text = String::from("MACRO-PROCESSI\nA1: Uno\n");
    // Teach the vocabulary the two names (each seen twice in its column).
    for _ in 0..2 {
        text.push_str(&format!("Azione nota\t{area}\t{servizio}\n"));
    }
    let actions: Vec<String> = (0..5_000).map(|k| format!("Azione {k}")).collect();
    text.push_str(&format!("{}\t{area}\t{servizio}\n", actions.join("\t")));
    let ds = ptpc::import("wide.tsv", &text).unwrap();
    assert!(ds.nodes.len() > 5_000);
    assert!(text_bytes(&ds) < 8 * text.len(), "{}", text_bytes(&ds));
    assert!(ds.diagnostics.iter().any(|d| d
        .message
        .contains("azioni in una riga con una sola struttura")));
}

#[test]
fn deep_codes_infer_a_bounded_number_of_parents() {
    let depth = mappa::model::code::MAX_DEPTH;
    let text = catalogo_doc((1..=2_000).map(|k| {
        let segments: Vec<String> = (0..depth)
            .map(|d| (k * 7 + d) % 1000)
            .map(|s| s.to_string())
            .collect();
        format!("B{} Voce\tn\ti\to\ta\tPO", segments.join("."))
    }));
    let ds = catalogo::import("deep.tsv", &text).unwrap();
    assert!(ds.nodes.len() <= 2_000 * depth, "{}", ds.nodes.len());
    assert!(text_bytes(&ds) < 8 * text.len() + 300 * ds.nodes.len());
}

#[test]
fn markup_on_every_line_stays_linear() {
    let text = catalogo_doc(
        (0..10_000).map(|k| format!("A1.{k} <i>Voce</i> {k}\tn\ti\to\ta\tPO <b>Settore</b>")),
    );
    let ds = catalogo::import("markup.tsv", &text).unwrap();
    let marked = ds
        .diagnostics
        .iter()
        .filter(|d| d.class == "markup")
        .count();
    assert_eq!(marked, 10_000);
    assert!(ds.nodes.iter().all(|n| !n.title.contains('<')));
}

#[test]
fn damaged_cells_are_reported_briefly() {
    let foreign: String = ('\u{4e00}'..'\u{9000}').collect();
    let replaced = "Segretario Generalexx ".repeat(5_000);
    let text = catalogo_doc(
        [
            format!("A1.1 Voce\t{foreign}\ti\to\ta\tPO"),
            format!("A1.2 Voce\t{replaced}\ti\to\ta\tPO"),
        ]
        .into_iter(),
    );
    let ds = catalogo::import("damage.tsv", &text).unwrap();
    let longest = ds
        .diagnostics
        .iter()
        .map(|d| d.message.len())
        .max()
        .unwrap();
    assert!(longest < 1_000, "{longest}");
    assert!(ds.diagnostics.len() < 50, "{}", ds.diagnostics.len());
}

#[test]
fn long_cells_of_step_markers_split_in_linear_time() {
    let cells = [
        "1".repeat(200_000),
        "1. a ".repeat(20_000),
        "- ".repeat(100_000),
        "a) ".repeat(50_000),
        ";".repeat(200_000),
        "<".repeat(200_000),
        "<i".repeat(100_000),
    ];
    for cell in cells {
        let text = catalogo_doc(std::iter::once(format!(
            "A1.1 Voce\tn\ti\to\t{cell}\tPO {cell}"
        )));
        let ds = catalogo::import("steps.tsv", &text).unwrap();
        assert!(text_bytes(&ds) < 8 * text.len() + 10_000);
        let ds = ptpc::import("steps.tsv", &format!("MACRO-PROCESSI\nA1: Uno\t{cell}\n")).unwrap();
        assert!(text_bytes(&ds) < 8 * text.len() + 10_000);
    }
}

#[test]
fn many_datasets_in_one_file_are_checked_in_linear_time() {
    let datasets: Vec<serde_json::Value> = (0..20_000)
        .map(|k| {
            serde_json::json!({"id": format!("d{k}"), "title": "t", "source": "s", "nodes": [], "diagnostics": []})
        })
        .collect();
    let text = serde_json::json!({"mappa": "t", "datasets": datasets}).to_string();
    let read = json::parse("many.json", &text).unwrap();
    assert_eq!(read.len(), 20_000);
    let mut twice = serde_json::from_str::<serde_json::Value>(&text).unwrap();
    twice["datasets"][19_999]["id"] = "d0".into();
    let err = json::parse("many.json", &twice.to_string()).unwrap_err();
    assert!(err.to_string().contains("\"d0\" appears twice"), "{err}");
}

//! Replays the regression corpus (tests/corpus/, see its README): inputs
//! that once broke an importer or reach its corners. Each TSV imports into
//! a sound tree; each JSON reads into one or is refused with an error
//! whose message carries no raw control character.

use mappa::import::{catalogo, json, ptpc, validate};
use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// The file as text; the importers are given UTF-8 only (loading refuses
/// anything else before they run).
fn text(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).unwrap()).ok()
}

#[test]
fn catalogo_corpus() {
    for path in files("catalogo") {
        let Some(text) = text(&path) else { continue };
        let ds = catalogo::import("corpus.tsv", &text).unwrap();
        validate::sound(&ds).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn ptpc_corpus() {
    for path in files("ptpc") {
        let Some(text) = text(&path) else { continue };
        let ds = ptpc::import("corpus.tsv", &text).unwrap();
        validate::sound(&ds).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn json_corpus() {
    for path in files("json") {
        let Some(text) = text(&path) else { continue };
        match json::parse("corpus.json", &text) {
            Ok(datasets) => {
                for ds in &datasets {
                    validate::sound(ds).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                }
            }
            Err(e) => {
                let shown = e.to_string();
                assert!(
                    !shown.chars().any(mappa::text::is_hidden_control),
                    "{}: {shown:?}",
                    path.display()
                );
            }
        }
    }
}

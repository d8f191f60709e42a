//! Every data row of each seed is in the model or in a diagnostic: nothing
//! is dropped silently.

use mappa::import::{builtin, catalogo, ptpc, read_rows, CATALOGO_SEED, PTPC_SEED};
use mappa::model::Dataset;
use std::collections::BTreeSet;

/// Lines a dataset accounts for: node lines, structure lines, diagnostic lines.
fn accounted(ds: &Dataset) -> BTreeSet<u32> {
    let mut lines = BTreeSet::new();
    for n in &ds.nodes {
        lines.extend(n.line);
        lines.extend(n.structures.iter().filter_map(|s| s.line));
    }
    lines.extend(ds.diagnostics.iter().filter_map(|d| d.line));
    lines
}

fn non_blank_lines(text: &str) -> Vec<(u32, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect()
}

#[test]
fn every_catalogo_data_row_is_accounted_for() {
    let map = builtin();
    let ds = map.dataset("catalogo").unwrap();
    let got = accounted(ds);
    let data: Vec<u32> = non_blank_lines(CATALOGO_SEED)
        .into_iter()
        .filter(|(_, l)| !l.starts_with("CODIFICA UNIONCAMERE"))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(data.len(), 334, "data rows in the catalogo seed");
    let missing: Vec<u32> = data.iter().copied().filter(|l| !got.contains(l)).collect();
    assert!(
        missing.is_empty(),
        "catalogo lines not accounted for: {missing:?}"
    );
}

#[test]
fn every_ptpc_data_row_is_accounted_for() {
    let map = builtin();
    let ds = map.dataset("ptpc2019").unwrap();
    let got = accounted(ds);
    let rows = read_rows(PTPC_SEED);
    let headers: Vec<u32> = rows
        .iter()
        .filter(|r| ptpc::is_page_header(r))
        .map(|r| r.line)
        .collect();
    // The preamble (2 lines) and 8 page headers of 3 rows each (section
    // title, LIV row, column names), checked by hand against the source.
    assert_eq!(headers.len(), 2 + 8 * 3, "page header rows: {headers:?}");
    let data: Vec<u32> = non_blank_lines(PTPC_SEED)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| !headers.contains(n))
        .collect();
    let missing: Vec<u32> = data.iter().copied().filter(|l| !got.contains(l)).collect();
    assert!(
        missing.is_empty(),
        "ptpc2019 lines not accounted for: {missing:?}"
    );
    assert!(data.len() > 200);
}

#[test]
fn ids_are_unique_and_parents_exist() {
    let map = builtin();
    let mut ids = BTreeSet::new();
    for n in map.nodes() {
        assert!(ids.insert(n.id.clone()), "duplicate id {}", n.id);
    }
    for n in map.nodes() {
        if let Some(p) = &n.parent {
            assert!(ids.contains(p), "{} has missing parent {p}", n.id);
        }
        assert_eq!(n.inferred, n.line.is_none(), "{}", n.id);
    }
}

/// The seeds compiled into the binary and the same files read from disk
/// (as `--data` reads them) give the same map.
#[test]
fn built_in_seeds_and_the_files_on_disk_import_identically() {
    let files = ["seeds/catalogo.tsv", "seeds/ptpc2019.tsv"].map(std::path::PathBuf::from);
    let from_disk = mappa::import::load(&files).unwrap();
    assert_eq!(from_disk, builtin());
}

/// Windows line ends must not change what is read: same nodes, same lines,
/// same diagnostics, no stray carriage return in any cell.
#[test]
fn crlf_copies_of_the_seeds_import_the_same() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let pairs = [
        (
            catalogo::import("x", CATALOGO_SEED).unwrap(),
            catalogo::import("x", &crlf(CATALOGO_SEED)).unwrap(),
        ),
        (
            ptpc::import("x", PTPC_SEED).unwrap(),
            ptpc::import("x", &crlf(PTPC_SEED)).unwrap(),
        ),
    ];
    for (lf, crlf) in pairs {
        assert_eq!(lf, crlf, "{}", lf.id);
        assert!(crlf
            .nodes
            .iter()
            .all(|n| !n.role.contains('\r') && !n.title.contains('\r')));
    }
}

/// A byte-order mark (Excel, Notepad) is not part of the first cell.
#[test]
fn a_byte_order_mark_is_ignored() {
    let bom = |text: &str| format!("\u{feff}{text}");
    assert_eq!(
        catalogo::import("x", CATALOGO_SEED).unwrap(),
        catalogo::import("x", &bom(CATALOGO_SEED)).unwrap()
    );
    assert_eq!(
        ptpc::import("x", PTPC_SEED).unwrap(),
        ptpc::import("x", &bom(PTPC_SEED)).unwrap()
    );
}

/// Old Mac line ends (a lone carriage return) end a line like "\n" does.
#[test]
fn a_lone_carriage_return_ends_a_line() {
    let text = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\rA1 Uno\t\t\t\t\t\rA1.1 Due\tn\ti\to\ta\tPO Settore\rA1.1 Due\tn\ti\to\ta\tPO Settore\r";
    let rows = read_rows(text);
    let lines: Vec<u32> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 3, 4]);
    let ds = catalogo::import("x", text).unwrap();
    let dup = ds
        .diagnostics
        .iter()
        .find(|d| d.class == "duplicate-row")
        .expect("the repeated row is reported");
    assert_eq!(dup.line, Some(4));
    assert!(dup.message.contains("riga 3"), "{}", dup.message);
}

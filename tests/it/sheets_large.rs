//! A chamber's map at scale: in a sheet of thousands of rows, read in
//! parts on several cores, every defect is told at its own row.

use crate::common;

use common::temp_dir;
use mappa::import::load;

/// A sheet large enough that its nodes are made on several cores, with defects spread
/// through it: every defect is told at its own row and names its own entry,
/// in row order, as one core would tell them.
#[test]
fn a_large_sheet_tells_each_rows_defects_at_that_row() {
    let dir = temp_dir("sheets-large-defects");
    let mut text = String::from("Codice\tDescrizione\tFasi/Azioni\tResponsabile\tUfficio\n");
    // (sheet row, code) of each row without a responsible, and the rows
    // without a code.
    let (mut unowned, mut codeless) = (Vec::new(), Vec::new());
    let mut row = 1;
    for m in 1..=12 {
        row += 1;
        text.push_str(&format!("A{m}\tMacro {m}\t\t\t\n"));
        for p in 1..=999 {
            row += 1;
            if p % 97 == 0 {
                unowned.push((row, format!("A{m}.{p}")));
                text.push_str(&format!(
                    "A{m}.{p}\tSenza responsabile {m}-{p}\t1. a 2. b\t\t\n"
                ));
            } else if p % 251 == 0 {
                codeless.push(row);
                text.push_str(&format!("\tSenza codice {m}-{p}\t1. a\tPO\tUfficio\n"));
            } else {
                text.push_str(&format!(
                    "A{m}.{p}\tVoce {m}-{p}\t1. a 2. b\tPO {p}\tUfficio {}\n",
                    p % 13
                ));
            }
        }
    }
    let path = dir.join("grande.tsv");
    std::fs::write(&path, &text).unwrap();
    let map = load(&[path]).unwrap();
    let ds = &map.datasets[0];
    let lines: Vec<u32> = ds.diagnostics.iter().map(|d| d.line.unwrap_or(0)).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in row order");
    let told = |class: &str| -> Vec<&mappa::model::Diagnostic> {
        ds.diagnostics
            .iter()
            .filter(|d| serde_json::to_value(&d.class).unwrap() == class)
            .collect()
    };
    let empty_role = told("empty-role");
    assert_eq!(empty_role.len(), unowned.len());
    for (d, (row, code)) in empty_role.iter().zip(&unowned) {
        assert_eq!(d.line, Some(*row));
        let node = ds
            .nodes
            .iter()
            .find(|n| Some(n.id.as_str()) == d.node.as_deref());
        assert_eq!(node.and_then(|n| n.code.as_deref()), Some(code.as_str()));
    }
    let missing: Vec<Option<u32>> = told("missing-code").iter().map(|d| d.line).collect();
    assert_eq!(
        missing,
        codeless.iter().map(|&r| Some(r)).collect::<Vec<_>>()
    );
    assert_eq!(ds.nodes.iter().filter(|n| !n.inferred).count(), 12 * 1000);
}

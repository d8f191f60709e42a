//! The hard cases of the ptpc2019 seed, pinned by source line.

use mappa::import::{ptpc, PTPC_SEED};
use mappa::model::{Dataset, Kind, Node};
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| ptpc::import("seeds/ptpc2019.tsv", PTPC_SEED).unwrap())
}

fn node(id: &str) -> &'static Node {
    ds().node(id).unwrap_or_else(|| panic!("no node {id}"))
}

fn actions_on(line: u32) -> Vec<&'static Node> {
    ds().nodes
        .iter()
        .filter(|n| n.kind == Kind::Azione && n.line == Some(line))
        .collect()
}

fn diag_classes(line: u32) -> Vec<&'static str> {
    ds().diagnostics
        .iter()
        .filter(|d| d.line == Some(line))
        .map(|d| d.class.as_str())
        .collect()
}

fn structure(n: &Node) -> (&str, &str) {
    let s = &n.structures[0];
    (&s.area, &s.servizio)
}

#[test]
fn levels_from_function_to_action() {
    let f = node("ptpc2019:A");
    assert_eq!((f.kind, f.level), (Kind::Funzione, 1));
    assert_eq!(f.title, "Organi Istituzionali e Segreteria Generale");
    assert_eq!(node("ptpc2019:A1").kind, Kind::MacroProcesso);
    assert_eq!(node("ptpc2019:A3.1").kind, Kind::Processo);
    let sub = node("ptpc2019:A3.1.1");
    assert_eq!((sub.kind, sub.level), (Kind::SottoProcesso, 4));
    let a = node("ptpc2019:L50");
    assert_eq!(a.title, "Rassegna stampa");
    assert_eq!(
        (a.kind, a.level, a.code.as_deref()),
        (Kind::Azione, 5, None)
    );
    assert_eq!(a.parent.as_deref(), Some("ptpc2019:A3.1.1"));
    assert_eq!(structure(a), ("Segretario generale", "Affari generali"));
}

#[test]
fn page_headers_are_skipped() {
    let row_of =
        |l: u32| ds().nodes.iter().any(|n| n.line == Some(l)) || !diag_classes(l).is_empty();
    for header_line in [44, 45, 61, 62, 100, 101, 133, 134, 235, 236] {
        assert!(!row_of(header_line), "line {header_line} is a page header");
    }
}

#[test]
fn concatenated_actions_get_the_structures_below() {
    let a = actions_on(24);
    assert_eq!(a.len(), 6);
    assert!(diag_classes(24).contains(&"concatenated-actions"));
    let last = a
        .iter()
        .find(|n| n.title.starts_with("Redazione relazione sulla gestione"))
        .unwrap();
    assert_eq!(
        structure(last),
        ("Servizi amministrativi", "Risorse economiche e finanziarie")
    );
    assert_eq!(last.structures[0].line, Some(29));
}

#[test]
fn structure_count_mismatch_is_flagged() {
    assert_eq!(actions_on(14).len(), 7);
    assert!(diag_classes(14).contains(&"structure-count"));
    assert!(diag_classes(39).contains(&"structure-count"));
}

#[test]
fn cells_drifting_across_columns_are_read_by_content() {
    // Line 119: action in column 1, area in column 2, servizio in column 6.
    let a = node("ptpc2019:L119");
    assert!(a.title.starts_with("Ricorsi giurisdizionali"));
    assert_eq!(
        structure(a),
        ("Servizi amministrativi", "Gestione risorse finanziarie")
    );
    assert_eq!(a.parent.as_deref(), Some("ptpc2019:B3.1.2"));
    // Line 75: the action sits in the sub-process column.
    assert_eq!(
        node("ptpc2019:L75").parent.as_deref(),
        Some("ptpc2019:B1.1.3")
    );
    assert!(diag_classes(119).contains(&"column-drift"));
}

#[test]
fn actions_without_structure_are_flagged() {
    for line in [150, 156, 178, 185] {
        assert!(diag_classes(line).contains(&"no-structure"), "line {line}");
        assert!(actions_on(line)[0].structures.is_empty());
    }
    assert!(diag_classes(141).contains(&"no-servizio"));
}

#[test]
fn labels_printed_one_row_too_low() {
    let reception = node("ptpc2019:L111");
    assert_eq!(reception.title, "Gestione reception");
    assert_eq!(reception.parent.as_deref(), Some("ptpc2019:B2.2.3"));
    assert!(diag_classes(111).contains(&"label-lag"));
    assert_eq!(
        node("ptpc2019:L153").parent.as_deref(),
        Some("ptpc2019:C1.1.7")
    );
    assert_eq!(
        node("ptpc2019:L251").parent.as_deref(),
        Some("ptpc2019:D1.3.2")
    );
    // Where the new label fits the action, it stays.
    assert_eq!(
        node("ptpc2019:L184").parent.as_deref(),
        Some("ptpc2019:C2.2.2")
    );
}

#[test]
fn repeated_label_keeps_the_context() {
    assert!(diag_classes(191).contains(&"repeated-label"));
    assert_eq!(
        node("ptpc2019:L191").parent.as_deref(),
        Some("ptpc2019:C2.3.2")
    );
    assert_eq!(
        node("ptpc2019:L192").parent.as_deref(),
        Some("ptpc2019:C2.4.1")
    );
}

#[test]
fn same_code_different_title_is_a_variant() {
    let v = node("ptpc2019:B3.2.1~2");
    assert_eq!(v.title, "Gestione liquidità");
    assert_eq!(v.line, Some(126));
    assert_eq!(
        node("ptpc2019:L126").parent.as_deref(),
        Some("ptpc2019:B3.2.1~2")
    );
}

#[test]
fn function_c_is_inferred_and_d1_3_found_late() {
    let c = node("ptpc2019:C");
    assert!(c.inferred);
    assert_eq!(node("ptpc2019:C1").parent.as_deref(), Some("ptpc2019:C"));
    // D1.3.1 appears (line 247) before its parent's label (line 251).
    assert_eq!(
        node("ptpc2019:D1.3.1").parent.as_deref(),
        Some("ptpc2019:D1.3")
    );
    assert!(!node("ptpc2019:D1.3").inferred);
}

#[test]
fn unknown_structure_names_are_kept_with_a_warning() {
    let a = node("ptpc2019:L70");
    assert_eq!(structure(a), ("Dirigente della struttura/UCPD", ""));
    assert!(diag_classes(70).contains(&"unknown-structure"));
    let composite = node("ptpc2019:L63");
    assert_eq!(
        structure(composite).0,
        "Segretario generale/Servizi amministrativi"
    );
}

#[test]
fn registro_imprese_actions() {
    let ri: Vec<_> = ds()
        .nodes
        .iter()
        .filter(|n| {
            n.structures
                .iter()
                .any(|s| s.servizio == "Registro imprese")
        })
        .collect();
    assert!(ri.len() >= 20, "{}", ri.len());
    assert!(ri.iter().all(|n| n.kind == Kind::Azione));
}

/// Line 204 prints sub-process C2.5.2 as "Attività di sorveglianza e
/// vigilanza in materia di": the page breaks, and the first row of the next
/// page (210) carries the rest of the title in the sub-process column.
#[test]
fn a_title_cut_by_a_page_break_is_rejoined() {
    let sub = node("ptpc2019:C2.5.2");
    assert_eq!(sub.line, Some(204));
    assert_eq!(
        sub.title,
        "Attività di sorveglianza e vigilanza in materia di metrologia legale \
         (ufficio comune con la CCIAA di Prato)"
    );
    assert!(diag_classes(210).contains(&"title-continued"));
    // The continuation is not an action; the row's one action stays under
    // the sub-process whose title continues.
    assert!(ds()
        .nodes
        .iter()
        .all(|n| !n.title.starts_with("Sottoprocesso di sorveglianza")));
    let actions = actions_on(210);
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].id, "ptpc2019:L210");
    assert!(actions[0]
        .title
        .starts_with("Sorveglianza in relazione alle autorizzazioni"));
    assert_eq!(actions[0].parent.as_deref(), Some("ptpc2019:C2.5.2"));
    assert_eq!(node("ptpc2019:C2.6").line, Some(210));
}

/// Line 254 writes "iniziative di <i>incoming</i>": the markup of the
/// original document, shown as its text.
#[test]
fn markup_in_a_cell_is_shown_as_its_text() {
    let a = actions_on(254);
    assert_eq!(
        a[0].title,
        "Progettazione, realizzazione/ partecipazione iniziative di incoming"
    );
    let d = ds()
        .diagnostics
        .iter()
        .find(|d| d.class == "markup")
        .unwrap();
    assert_eq!(
        (d.line, d.node.as_deref()),
        (Some(254), Some(a[0].id.as_str()))
    );
    assert!(ds().nodes.iter().all(|n| !n.title.contains("<i>")));
}

/// Labels printed before the label their code names: B2.1 (line 90) at
/// the end of the B1 pages, before B2 (line 102); D1.3.1 and D1.3.2 (lines
/// 247, 249) before D1.3 (line 251). Each hangs under its code's parent
/// and says where it was printed.
#[test]
fn labels_printed_before_their_parent_hang_under_it() {
    for (id, line, parent) in [
        ("ptpc2019:B2.1", 90, "ptpc2019:B2"),
        ("ptpc2019:D1.3.1", 247, "ptpc2019:D1.3"),
        ("ptpc2019:D1.3.2", 249, "ptpc2019:D1.3"),
    ] {
        let n = node(id);
        assert_eq!(n.line, Some(line));
        assert_eq!(n.parent.as_deref(), Some(parent));
        assert!(diag_classes(line).contains(&"printed-elsewhere"), "{id}");
    }
    let d = ds()
        .diagnostics
        .iter()
        .find(|d| d.class == "printed-elsewhere" && d.line == Some(90))
        .unwrap();
    assert!(
        d.message.contains("prima del suo padre B2 (riga 102)"),
        "{}",
        d.message
    );
    assert_eq!(node("ptpc2019:B2").line, Some(102));
}

//! The hard cases of the catalogo seed, pinned by source line.

use mappa::import::{catalogo, CATALOGO_SEED};
use mappa::model::{Dataset, Kind, Node};
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| catalogo::import("seeds/catalogo.tsv", CATALOGO_SEED).unwrap())
}

fn node(id: &str) -> &'static Node {
    ds().node(id).unwrap_or_else(|| panic!("no node {id}"))
}

fn diag_classes(line: u32) -> Vec<&'static str> {
    ds().diagnostics
        .iter()
        .filter(|d| d.line == Some(line))
        .map(|d| d.class.as_str())
        .collect()
}

#[test]
fn code_written_with_trailing_dot_is_normalised() {
    let n = node("catalogo:A1");
    assert_eq!(n.raw_code, "A1.");
    assert_eq!(n.line, Some(4));
    assert_eq!(n.kind, Kind::MacroProcesso);
    assert_eq!(node("catalogo:A1.1.2.4").raw_code, "A1.1.2.4.");
    assert!(diag_classes(17).contains(&"code-form"));
}

#[test]
fn dot_after_letter_and_glued_title() {
    let n = node("catalogo:F1.1.1.1");
    assert_eq!(n.raw_code, "F.1.1.1.1.");
    assert!(n
        .title
        .starts_with("Gestione della concessione in uso di sedi"));
    assert_eq!(n.line, Some(352));
    let d = node("catalogo:D1");
    assert_eq!(d.raw_code, "D.1.");
    assert_eq!(d.title, "INTERNAZIONALIZZAZIONE");
}

#[test]
fn one_cell_naming_two_codes_gives_two_entries() {
    let a = node("catalogo:A2.1.3.1");
    let b = node("catalogo:A2.1.3.2");
    assert_eq!(a.line, Some(57));
    assert_eq!(b.line, Some(57));
    assert_eq!(a.title, "Assistenza legale ai vertici camerati");
    assert!(b.title.starts_with("Assistenza legale ai settori"));
    assert_eq!(a.role, "Estensore del parere");
    assert!(diag_classes(57).contains(&"two-codes"));
}

#[test]
fn suffix_letter_code_owns_the_rows_below_it() {
    let b = node("catalogo:C1.1.7b");
    assert_eq!(b.line, Some(179));
    assert_eq!(b.parent.as_deref(), Some("catalogo:C1.1"));
    let child = node("catalogo:C1.1.7.1.1");
    assert_eq!(child.parent.as_deref(), Some("catalogo:C1.1.7b"));
    assert!(diag_classes(180).contains(&"suffix-parent"));
}

#[test]
fn five_levels_and_two_digit_segments() {
    let n = node("catalogo:B3.2.2.3.1");
    assert_eq!(n.level, 5);
    assert_eq!(n.parent.as_deref(), Some("catalogo:B3.2.2.3"));
    // C2.10 sorts after C2.8 in tree order.
    let pos = |id: &str| ds().nodes.iter().position(|n| n.id == id).unwrap();
    assert!(pos("catalogo:C2.8") < pos("catalogo:C2.10"));
    assert!(pos("catalogo:C2.10") < pos("catalogo:C2.10.1"));
}

#[test]
fn same_code_rows_are_variants_never_merged() {
    let v1 = node("catalogo:A1.1.1.7");
    let v2 = node("catalogo:A1.1.1.7~2");
    assert_eq!((v1.line, v2.line), (Some(13), Some(14)));
    assert_eq!(v1.name, "Programma pluriennale di mandato");
    assert_ne!(v1.role, v2.role);
    let three: Vec<_> = ds()
        .nodes
        .iter()
        .filter(|n| n.code.as_deref() == Some("C2.4.1.3"))
        .collect();
    assert_eq!(three.len(), 3);
    assert!(diag_classes(14).contains(&"variant"));
}

#[test]
fn byte_for_byte_repeat_is_imported_once() {
    assert!(diag_classes(33).contains(&"duplicate-row"));
    assert!(ds().nodes.iter().all(|n| n.line != Some(33)));
    assert_eq!(node("catalogo:A1.1.3").line, Some(19));
}

#[test]
fn header_and_leaf_with_the_same_code() {
    let leaf = node("catalogo:C2.2.2~2");
    assert_eq!(leaf.line, Some(194));
    assert_eq!(leaf.parent.as_deref(), Some("catalogo:C2.2.2"));
    assert!(leaf.title.starts_with("Sportelli e servizi informativi"));
    assert!(diag_classes(194).contains(&"header-and-leaf"));
    assert_eq!(
        node("catalogo:C1.2.2.1~2").parent.as_deref(),
        Some("catalogo:C1.2.2.1")
    );
}

#[test]
fn missing_parents_are_inferred_and_marked() {
    for code in ["A1.3", "A1.3.1", "C1.2.2", "C2.5.2", "D4.1.2", "D4.2"] {
        let n = node(&format!("catalogo:{code}"));
        assert!(n.inferred, "{code} should be inferred");
        assert_eq!(n.line, None);
        assert!(!n.diagnostics.is_empty());
    }
    assert_eq!(
        node("catalogo:A1.3.1.1").parent.as_deref(),
        Some("catalogo:A1.3.1")
    );
}

#[test]
fn rows_out_of_order_are_placed_by_code() {
    assert!(diag_classes(288).contains(&"out-of-order"));
    assert!(diag_classes(299).contains(&"out-of-order"));
    assert_eq!(
        node("catalogo:D4.1.2.1").parent.as_deref(),
        Some("catalogo:D4.1.2")
    );
}

#[test]
fn row_without_code_is_attached_beside_its_neighbour() {
    let n = node("catalogo:L93");
    assert_eq!(n.code, None);
    assert_eq!(
        n.title,
        "Conferimento incarichi individuali di collaborazione"
    );
    assert_eq!(n.parent.as_deref(), Some("catalogo:B1.1.1"));
    assert!(diag_classes(93).contains(&"missing-code"));
}

#[test]
fn shifted_rows_are_realigned() {
    let n = node("catalogo:A1.1.2.3");
    assert!(n.input.starts_with("Richieste dati"));
    assert_eq!(n.output, "rendicontazione");
    assert!(n.role.starts_with("PO del settore responsabile"));
    assert!(diag_classes(16).contains(&"shifted-cells"));
    let m = node("catalogo:D3.1.4.1");
    assert_eq!(m.line, Some(287));
    assert!(m.role.starts_with("P.O. per la progettazione"));
    assert_eq!(
        *m.activities.list(),
        vec!["Progettazione, organizzazione e realizzazione dell'iniziativa"]
    );
}

#[test]
fn damaged_text_is_flagged_but_kept_verbatim() {
    let n = node("catalogo:C2.4.1.3~3");
    assert!(n.input.contains("Segretario Generaleravio"));
    assert!(diag_classes(210).contains(&"replace-damage"));
    assert!(diag_classes(44).contains(&"replace-damage"));
    let s = node("catalogo:B2.1.1.1~2");
    assert!(s.activities.list().join(" ").contains("iscrिवibilità"));
    assert!(diag_classes(116).contains(&"foreign-script"));
}

#[test]
fn empty_role_is_reported() {
    assert_eq!(node("catalogo:D6.1.1.2").role, "");
    assert!(diag_classes(328).contains(&"empty-role"));
}

#[test]
fn activities_are_split_into_steps() {
    let n = node("catalogo:A1.1.1.3");
    assert_eq!(n.activities.len(), 3);
    assert!(n.activities.list()[0].starts_with("Predisposizione del Piano"));
    assert!(node("catalogo:A1.1.1.5").activities.len() >= 2); // dashes
    assert_eq!(node("catalogo:D2.2.2.1").activities.len(), 4); // semicolons
    assert!(node("catalogo:A1.1.1.1").activities.len() == 1);
}

#[test]
fn the_protocol_question_has_its_answer() {
    let n = node("catalogo:A2.3.1.1");
    assert_eq!(n.role, "Operatore incaricato del servizio Protocollo");
    assert_eq!(n.parent_code.as_deref(), Some("A2.3.1"));
}

/// A map whose codes use the letter L: the id of a row without a code
/// ("L" + its line) must not clash with the code L3.
#[test]
fn ids_stay_unique_when_codes_use_the_letter_l() {
    let text = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n\
                L1 Funzione\t\t\t\t\t\n\
                Riga senza codice\tn\ti\to\ta\tPO Settore\n\
                L3 Altro\tn\ti\to\ta\tPO Settore\n";
    let ds = catalogo::import("l.tsv", text).unwrap();
    let mut ids: Vec<&str> = ds.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "{ids:?}");
    let codeless = ds.nodes.iter().find(|n| n.code.is_none()).unwrap();
    assert_eq!(codeless.id, "catalogo:riga-3");
    assert_eq!(codeless.parent.as_deref(), Some("catalogo:L1"));
    assert!(ds.node("catalogo:L3").is_some_and(|n| n.title == "Altro"));
}

/// The catalogue has no markup, but a chamber's copy may: shown as text,
/// with a diagnostic on the row's entry.
#[test]
fn markup_in_a_cell_is_shown_as_its_text() {
    let text = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n\
                A1 Uno\t\t\t\t\t\n\
                A1.1 Servizi <b>digitali</b>\tn\ti\to\ta\tPO <i>Settore</i>\n";
    let ds = catalogo::import("m.tsv", text).unwrap();
    let n = ds.node("catalogo:A1.1").unwrap();
    assert_eq!(
        (n.title.as_str(), n.role.as_str()),
        ("Servizi digitali", "PO Settore")
    );
    let d = ds.diagnostics.iter().find(|d| d.class == "markup").unwrap();
    assert_eq!(
        (d.line, d.node.as_deref()),
        (Some(3), Some("catalogo:A1.1"))
    );
}

/// Rows 25, 28, 29, 74, ... (21 rows) repeat their code at the start of the
/// name column: "A1.2.1.2 Relazione del Responsabile ...". The name is the
/// title without the code.
#[test]
fn a_name_that_repeats_the_code_drops_it() {
    let n = node("catalogo:A1.2.1.2");
    assert_eq!(n.line, Some(28));
    assert_eq!(
        n.name,
        "Relazione del Responsabile della prevenzione della corruzione"
    );
    assert!(diag_classes(28).contains(&"name-code"));
    assert_eq!(node("catalogo:A1.2").name, "COMPLIANCE NORMATIVA");
    assert_eq!(
        node("catalogo:C2.10").name,
        "TUTELA DELLA PROPRIETÀ INDUSTRIALE"
    );
    let repeating = ds().nodes.iter().filter(|n| {
        let code = n.code.as_deref().unwrap_or("-");
        n.name.starts_with(&format!("{code} "))
    });
    assert_eq!(repeating.count(), 0);
    assert_eq!(
        ds().diagnostics
            .iter()
            .filter(|d| d.class == "name-code")
            .count(),
        21
    );
}

/// Row 287 (D3.1.4.1) is printed among the D3.1.2 entries, before its
/// parent D3.1.4 (row 290): it hangs under D3.1.4, and a diagnostic says
/// where it was printed.
#[test]
fn a_row_printed_away_from_its_parent_hangs_under_it() {
    let n = node("catalogo:D3.1.4.1");
    assert_eq!(n.line, Some(287));
    assert_eq!(n.parent.as_deref(), Some("catalogo:D3.1.4"));
    assert_eq!(node("catalogo:D3.1.4").line, Some(290));
    let d = ds()
        .diagnostics
        .iter()
        .find(|d| d.class == "printed-elsewhere" && d.line == Some(287))
        .expect("a printed-elsewhere diagnostic on line 287");
    assert!(
        d.message.contains("dopo D3.1.2.3 (riga 286)"),
        "{}",
        d.message
    );
    assert!(d.message.contains("D3.1.4 (riga 290)"), "{}", d.message);
    assert_eq!(d.node.as_deref(), Some("catalogo:D3.1.4.1"));
    // Its neighbours are where they belong.
    assert!(!diag_classes(286).contains(&"printed-elsewhere"));
    assert!(!diag_classes(288).contains(&"printed-elsewhere"));
}

/// A row amid another branch, after its parent: hung by its code, noted.
#[test]
fn a_row_amid_another_branch_hangs_under_its_parent() {
    let text = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n\
                A1 Uno\t\t\t\t\t\n\
                A1.1 Due\t\t\t\t\t\n\
                A1.1.1 Tre\tn\ti\to\ta\tPO Settore\n\
                A1.2 Quattro\t\t\t\t\t\n\
                A1.2.1 Cinque\tn\ti\to\ta\tPO Settore\n\
                A1.1.2 Sei\tn\ti\to\ta\tPO Settore\n\
                A1.2.2 Sette\tn\ti\to\ta\tPO Settore\n";
    let ds = catalogo::import("b.tsv", text).unwrap();
    let n = ds.node("catalogo:A1.1.2").unwrap();
    assert_eq!(n.parent.as_deref(), Some("catalogo:A1.1"));
    let elsewhere: Vec<_> = ds
        .diagnostics
        .iter()
        .filter(|d| d.class == "printed-elsewhere")
        .collect();
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
    assert_eq!(elsewhere[0].line, Some(7));
    assert!(elsewhere[0]
        .message
        .contains("lontano dal suo padre A1.1 (riga 3)"));
}

/// Codes listed in order are placed without a table of every code: the same
/// rows out of order make the same tree (inferred parents and a row without
/// a code included).
#[test]
fn rows_in_code_order_make_the_same_tree_as_out_of_order() {
    let header = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n";
    let first = "A1 Uno\t\t\t\t\t\n\
                 A1.1 Processo\tn\ti\to\ta\tPO\n\
                 A1.1.7 Sotto\tn\ti\to\ta\tPO\n\
                 A1.1.9.1.1 Sotto un dedotto\tn\ti\to\ta\tPO\n\
                 A1.2 Altro\tn\ti\to\ta\tPO\n";
    let second = "A2.1.1 Senza padri\tn\ti\to\ta\tPO\n\
                  Riga senza codice\tn\ti\to\ta\tPO\n";
    let third = "A3 Tre\t\t\t\t\t\n\
                 A3.1 Processo\tn\ti\to\ta\tPO\n";
    let tree = |text: String| {
        let ds = catalogo::import("o.tsv", &text).unwrap();
        // Each node by its code, or its title without one (a codeless
        // row's id names its line, which differs between the two).
        let name = |n: &Node| n.code.as_deref().unwrap_or(&n.title).to_string();
        let mut pairs: Vec<(String, Option<String>, u8)> = ds
            .nodes
            .iter()
            .map(|n| {
                let parent = n.parent.as_deref().and_then(|p| ds.node(p));
                (name(n), parent.map(name), n.level)
            })
            .collect();
        pairs.sort();
        let inferred = ds.nodes.iter().filter(|n| n.inferred).count();
        (pairs, inferred)
    };
    let in_order = tree(format!("{header}{first}{second}{third}"));
    let out_of_order = tree(format!("{header}{third}{first}{second}"));
    assert_eq!(in_order, out_of_order);
    assert_eq!(in_order.1, 4, "A1.1.9(.1), A2, A2.1 inferred: {in_order:?}");
    let parent_of = |id: &str| {
        in_order
            .0
            .iter()
            .find(|p| p.0 == id)
            .and_then(|p| p.1.clone())
    };
    assert_eq!(parent_of("A1.1.9.1.1").as_deref(), Some("A1.1.9.1"));
    assert_eq!(parent_of("A2.1.1").as_deref(), Some("A2.1"));
    assert_eq!(parent_of("Riga senza codice").as_deref(), Some("A2.1"));
}

/// A row without a code after an entry whose parent is printed further
/// down sits one level below that parent, as every child does (it was
/// given the parent's own level while the parent was not yet placed).
#[test]
fn a_row_beside_an_entry_printed_before_its_parent_is_one_level_below_it() {
    let text = "CODIFICA UNIONCAMERE\tN\tI\tO\tA\tR\n\
                A1.1 Figlio stampato prima\tn\ti\to\ta\tPO\n\
                Riga senza codice\tn\ti\to\ta\tPO\n\
                A1 Padre\t\t\t\t\t\n";
    let ds = catalogo::import("p.tsv", text).unwrap();
    let row = ds.nodes.iter().find(|n| n.code.is_none()).unwrap();
    assert_eq!(row.parent.as_deref(), Some("catalogo:A1"));
    assert_eq!((row.level, row.kind), (2, Kind::Processo));
}

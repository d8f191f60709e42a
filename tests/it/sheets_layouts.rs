//! The sheets offices actually keep, second pass: a header with many
//! columns the map does not use (kept per entry as extra fields), level
//! columns followed by columns that describe the sub-process, and
//! macro-processes coded with one letter or a Roman numeral.

use crate::common;

use common::sheets::{self as fx, by_code, codes, open, write};
use common::tui::{options, screen, typed};
use common::{mappa, stderr, stdout, temp_dir};
use mappa::model::Severity;
use mappa::tui::app::App;
use mappa::tui::Ui;

#[test]
fn a_wide_sheet_opens_and_keeps_the_columns_the_map_does_not_use() {
    let dir = temp_dir("sheets-wide");
    let path = write(&dir, "larga.xlsx", &fx::wide_xlsx());
    let map = open(&path);
    let ds = &map.datasets[0];
    assert_eq!(codes(ds), ["A1", "A1.1", "A1.2", "B1", "B1.1", "B1.2"]);
    let personale = by_code(ds, "A1.1");
    assert_eq!(personale.title, "Gestione del personale");
    assert_eq!(personale.role, "Dirigente Area Risorse");
    assert_eq!(personale.activities.len(), 3);
    // Every unused column, in the sheet's order, under its header.
    let extra: Vec<(&str, &str)> = personale.extra.iter().collect();
    let header = fx::wide_header();
    let unused: Vec<&str> = header
        .iter()
        .copied()
        .filter(|h| fx::UNUSED.contains(h))
        .collect();
    assert_eq!(extra.len(), 12, "{extra:?}");
    for ((h, v), want) in extra.iter().zip(&unused) {
        assert_eq!(h, want);
        assert_eq!(*v, fx::unused_text("A1.1", want));
    }
    // A heading row fills none of them: nothing kept, nothing allocated.
    assert!(by_code(ds, "A1").extra.is_empty());

    // Said once in `check`, which is otherwise as before.
    let data = path.to_str().unwrap();
    let out = mappa(&["check", "--data", data]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    let notes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[unmapped-column]"))
        .collect();
    assert_eq!(notes.len(), 1, "{text}");
    assert!(
        notes[0].contains("Mappatura!C3") && notes[0].contains("\"Riferimenti normativi\""),
        "{text}"
    );

    // In the JSON node, header → value; `{}` for an entry without any.
    let out = mappa(&["show", "A1.1", "--json", "--data", data]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["extra"]["Tempi"], fx::unused_text("A1.1", "Tempi"));
    assert_eq!(v[0]["extra"].as_object().unwrap().len(), 12);
    let out = mappa(&["show", "A1", "--json", "--data", data]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["extra"], serde_json::json!({}));
    // The seeds' nodes have it too, empty.
    let v: serde_json::Value =
        serde_json::from_slice(&mappa(&["show", "A1.1", "--json"]).stdout).unwrap();
    assert_eq!(v[0]["extra"], serde_json::json!({}));

    // An export reads back with --data, the extra fields with it.
    let json = dir.join("larga.json");
    let out = mappa(&[
        "export",
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
        "--data",
        data,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = open(&json);
    assert_eq!(back.datasets[0].nodes, ds.nodes);
    assert_eq!(
        by_code(&back.datasets[0], "B1.2").extra.get("Allegati"),
        Some(fx::unused_text("B1.2", "Allegati").as_str())
    );

    // The detail pane shows them, after what the map itself says.
    let mut app = App::with_index(map.clone(), options(false, false));
    app.set_concordance(mappa::concord::Concordance::compute(&app.map));
    let mut ui = Ui::new(app);
    typed(&mut ui, "A1.1");
    let shown = screen(&mut ui, 160, 60);
    assert!(shown.contains("Altri campi"), "{shown}");
    for h in ["Riferimenti normativi", "Tempi", "Allegati"] {
        let line = format!("{h}  {}", fx::unused_text("A1.1", h));
        assert!(shown.contains(&line), "{line}\n{shown}");
    }
}

#[test]
fn detail_columns_after_the_levels_describe_the_sub_process() {
    let dir = temp_dir("sheets-detail-columns");
    let path = write(&dir, "dettaglio.xlsx", &fx::detail_xlsx());
    let map = open(&path);
    let ds = &map.datasets[0];
    assert_eq!(
        codes(ds),
        ["A1", "A1.1", "A1.1.1", "A1.1.2", "A1.2", "A1.2.1", "B1", "B1.1", "B1.1.1"]
    );
    // No entry is titled with a detail cell: every title is a level's.
    for n in &ds.nodes {
        assert!(
            !fx::SUBS.iter().any(|s| {
                s.2 == n.title
                    || s.3.contains(&n.title.as_str())
                    || s.4 == n.title
                    || s.5 == n.title
            }),
            "{} is titled \"{}\"",
            n.id,
            n.title
        );
    }
    for (code, title, office, steps, input, output) in fx::SUBS {
        let sub = by_code(ds, code);
        assert_eq!(sub.title, title);
        assert_eq!(sub.kind, mappa::model::Kind::SottoProcesso);
        let offices: Vec<&str> = sub.structures.iter().map(|s| s.servizio.as_str()).collect();
        assert_eq!(offices, [office], "{code}");
        assert_eq!(*sub.activities.list(), *steps, "{code}");
        assert_eq!((sub.input.as_str(), sub.output.as_str()), (input, output));
        let tempi = format!("{} giorni", steps.len() * 10);
        assert_eq!(sub.extra.get("Tempi"), Some(tempi.as_str()), "{code}");
    }
    // The processes above them have no office of their own.
    assert!(by_code(ds, "A1.1").structures.is_empty());
    // Every row is an entry's, or said: the rows adding steps, once for
    // each sub-process.
    let runs: Vec<(u32, &str)> = ds
        .diagnostics
        .iter()
        .filter(|d| d.class == "continuation-row")
        .map(|d| (d.line.unwrap(), d.node.as_deref().unwrap()))
        .collect();
    assert_eq!(
        runs,
        [
            (3, "dettaglio:A1.1.1"),
            (6, "dettaglio:A1.1.2"),
            (8, "dettaglio:A1.2.1"),
            (10, "dettaglio:B1.1.1")
        ]
    );
    assert!(ds.diagnostics.iter().all(|d| d.severity == Severity::Info));

    // `check` is clean: notes only, no warning.
    let data = path.to_str().unwrap();
    let out = mappa(&["check", "--data", data]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(text.contains("0 errori, 0 avvisi"), "{text}");
    assert!(text.contains("le righe 3–4 non aprono una voce"), "{text}");
    // Who is responsible for a sub-process: its office.
    let out = mappa(&["show", "A1.1.2", "--data", data]);
    assert!(
        stdout(&out).contains("Responsabile  Ufficio Personale"),
        "{}",
        stdout(&out)
    );
    // A step finds its sub-process first.
    let out = mappa(&["search", "Selezione", "--json", "--data", data]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], "A1.1.1", "{v}");
}

#[test]
fn attivita_beside_the_levels_is_a_level_unless_it_lists_steps() {
    let dir = temp_dir("sheets-attivita");
    // Right after the levels, one activity a row: a level (as in Annex 1).
    let level = "Macro-processo;Processo;Attività;Servizio\n\
                 A1 Uno;A1.1 Due;Protocollo in entrata;Protocollo\n\
                 ;;Protocollo in uscita;Protocollo\n";
    let ds = &open(&write(&dir, "livello.csv", level.as_bytes())).datasets[0];
    assert_eq!(ds.nodes.len(), 4);
    assert_eq!(ds.nodes[2].title, "Protocollo in entrata");
    assert_eq!(ds.nodes[2].kind, mappa::model::Kind::Attivita);
    // The same column holding lists of steps: the process's steps.
    let steps = "Macro-processo;Processo;Attività;Servizio\n\
                 A1 Uno;A1.1 Due;\"1. Ricezione 2. Protocollazione\";Protocollo\n\
                 ;A1.2 Tre;\"1. Istanza 2. Decreto\";Personale\n";
    let ds = &open(&write(&dir, "fasi.csv", steps.as_bytes())).datasets[0];
    assert_eq!(codes(ds), ["A1", "A1.1", "A1.2"]);
    assert_eq!(
        *by_code(ds, "A1.2").activities.list(),
        ["Istanza", "Decreto"]
    );
    let said = ds.diagnostics.iter().find(|d| d.class == "detail-column");
    assert!(
        said.is_some_and(|d| d.place.as_ref().unwrap().to_string() == "fasi!C1"),
        "{:#?}",
        ds.diagnostics
    );
}

#[test]
fn macro_processes_coded_with_one_letter_are_the_roots() {
    let dir = temp_dir("sheets-letters");
    for style in ["column", "glued", "dotted"] {
        let path = write(
            &dir,
            &format!("{style}.csv"),
            fx::letter_csv(style).as_bytes(),
        );
        let map = open(&path);
        let ds = &map.datasets[0];
        assert_eq!(
            codes(ds),
            ["A", "A1", "A1.1", "A1.2", "B", "B1", "B1.1", "C", "C1"],
            "{style}"
        );
        let roots: Vec<&str> = ds
            .nodes
            .iter()
            .filter(|n| n.parent.is_none())
            .map(|n| n.title.as_str())
            .collect();
        assert_eq!(
            roots,
            [
                "Organi istituzionali",
                "Registro delle imprese",
                "Promozione"
            ],
            "{style}"
        );
        assert_eq!(
            by_code(ds, "B1").parent.as_deref(),
            Some(&*format!("{style}:B"))
        );
        assert_eq!(by_code(ds, "C1").level, 2);
        assert_eq!(by_code(ds, "A1.1").kind, mappa::model::Kind::SottoProcesso);
        // Nothing inferred, nothing placed by guess.
        assert!(
            ds.diagnostics
                .iter()
                .all(|d| d.class != "missing-code" && d.class != "inferred-parent"),
            "{style}: {:#?}",
            ds.diagnostics
        );
        // `check` says what it read.
        let out = mappa(&["check", "--data", path.to_str().unwrap()]);
        let text = stdout(&out);
        assert!(
            text.contains("[code-scheme]") && text.contains("(A, B, C)"),
            "{style}: {text}"
        );
    }
    // A title that begins with a one-letter word is no code.
    let words = "Codice;Descrizione;Responsabile\nA1;Uno;PO\nA1.1;Due;PO\n;A chi rivolgersi;URP\n";
    let ds = &open(&write(&dir, "parole.csv", words.as_bytes())).datasets[0];
    assert_eq!(codes(ds), ["A1", "A1.1", "A chi rivolgersi"]);
    assert!(ds.diagnostics.iter().all(|d| d.class != "code-scheme"));
}

#[test]
fn one_letter_codes_in_a_level_layout_and_roman_numerals() {
    let dir = temp_dir("sheets-letters-levels");
    // A code column beside the levels, one letter for the macro-process.
    let text = "Codice;Macro-processo;Processo;Responsabile\n\
                A;Organi istituzionali;;\n\
                A1;;Gestione degli organi;Segreteria\n\
                B;Registro delle imprese;;\n\
                B1;;Iscrizioni;Conservatore\n";
    let ds = &open(&write(&dir, "livelli.csv", text.as_bytes())).datasets[0];
    assert_eq!(codes(ds), ["A", "A1", "B", "B1"]);
    assert_eq!(by_code(ds, "B1").parent.as_deref(), Some("livelli:B"));
    assert!(ds.diagnostics.iter().all(|d| d.class != "missing-code"));
    // Roman numerals, with their processes below them.
    let roman = "Codice;Descrizione;Responsabile\n\
                 I;Organi istituzionali;\n\
                 I.1;Gestione degli organi;Segreteria\n\
                 II;Servizi alle imprese;\n\
                 II.1;Registro delle imprese;Conservatore\n\
                 II.2;Ambiente;PO Ambiente\n\
                 III;Promozione;\n";
    let path = write(&dir, "romani.csv", roman.as_bytes());
    let ds = &open(&path).datasets[0];
    assert_eq!(codes(ds), ["I", "I.1", "II", "II.1", "II.2", "III"]);
    assert_eq!(by_code(ds, "II.2").parent.as_deref(), Some("romani:II"));
    let out = mappa(&["show", "II.2", "--data", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("PO Ambiente"), "{}", stdout(&out));
    let check = stdout(&mappa(&["check", "--data", path.to_str().unwrap()]));
    assert!(
        check.contains("[code-scheme]") && check.contains("(I, II, III)"),
        "{check}"
    );
}

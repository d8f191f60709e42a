//! A chamber's own spreadsheet opens as it is: xlsx with codes in a
//! column, a level-column ods with merged cells, a `;` Windows-1252 csv;
//! every row an entry or a diagnostic naming its cell.

use crate::common;

use common::sheets::{self as fx, by_code, codes, open, write};
use common::{mappa, stderr, stdout, temp_dir};
use mappa::model::Dataset;
use std::collections::BTreeSet;

/// The map every fixture holds, whatever its layout.
fn assert_is_the_map(ds: &Dataset) {
    assert_eq!(
        codes(ds),
        [
            "A1",
            "A1.1",
            "A1.2",
            "B1",
            "B1.1",
            "B1.2",
            "Sportello informativo"
        ]
    );
    assert_eq!(by_code(ds, "A1").title, fx::A1);
    assert_eq!(by_code(ds, "B1").title, fx::B1);
    let personale = by_code(ds, "A1.1");
    assert_eq!(personale.title, "Gestione del personale");
    assert_eq!(personale.input, "Richiesta del dipendente");
    assert_eq!(
        *personale.activities.list(),
        [
            "Istruttoria della richiesta",
            "Verifica dei requisiti",
            "Firma del provvedimento"
        ]
    );
    assert_eq!(personale.role, "Dirigente Area Risorse");
    assert_eq!(personale.structures[0].servizio, "Ufficio Personale");
    assert_eq!(personale.parent.as_deref(), Some(&*format!("{}:A1", ds.id)));
    assert_eq!(by_code(ds, "A1.2").title, "Contabilità e bilancio");
    assert_eq!(
        *by_code(ds, "A1.2").activities.list(),
        ["Registrazione", "Liquidazione", "Pagamento"]
    );
    assert_eq!(
        *by_code(ds, "B1.1").activities.list(),
        ["Protocollazione", "Istruttoria", "Evasione"]
    );
    // One step per line.
    assert_eq!(
        *by_code(ds, "B1.2").activities.list(),
        ["Rilascio dei certificati", "Rilascio delle visure"]
    );
    assert_eq!(by_code(ds, "B1.2").title, "Attività di certificazione");
}

/// Every non-empty row after the header is a node's row or a
/// diagnostic's.
fn assert_every_row_accounted(ds: &Dataset, header_row: u32, rows: &[Option<Vec<String>>]) {
    let mut got: BTreeSet<u32> = BTreeSet::new();
    for n in &ds.nodes {
        got.extend(n.line);
        got.extend(n.structures.iter().filter_map(|s| s.line));
    }
    got.extend(ds.diagnostics.iter().filter_map(|d| d.line));
    let data: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.as_ref().is_some_and(|c| c.iter().any(|t| !t.is_empty())))
        .map(|(i, _)| i as u32 + 1)
        .filter(|&r| r > header_row)
        .collect();
    let missing: Vec<u32> = data.iter().copied().filter(|r| !got.contains(r)).collect();
    assert!(missing.is_empty(), "rows not accounted for: {missing:?}");
}

#[test]
fn an_offices_xlsx_opens_with_no_options() {
    let dir = temp_dir("sheets-xlsx");
    let path = write(&dir, "Mappa Camera.xlsx", &fx::code_xlsx());
    let map = open(&path);
    let ds = &map.datasets[0];
    assert_eq!(ds.id, "mappa-camera");
    assert_eq!(ds.title, fx::TITLE);
    assert_is_the_map(ds);
    assert_every_row_accounted(ds, 5, &fx::code_rows());
    // Multi-line cells keep their line breaks in the model.
    let cell = fx::A[0][4];
    assert!(cell.contains('\n'));
    let no_code = ds.nodes.last().unwrap();
    assert_eq!(no_code.line, Some(13));
    assert_eq!(no_code.id, "mappa-camera:L13");

    let out = mappa(&["check", "--data", path.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    let file = path.display().to_string();
    for expected in [
        format!("{file}: Mappatura!A1: nota: [title-rows]"),
        // B1.2 names nobody: the role's cell, F12.
        format!("{file}: Mappatura!F12: avviso: [empty-role]"),
        // The row without a code: the code's cell, A13.
        format!("{file}: Mappatura!A13: avviso: [missing-code]"),
    ] {
        assert!(text.contains(&expected), "{expected}\n{text}");
    }
    let json = mappa(&["check", "--json", "--data", path.to_str().unwrap()]);
    let diags: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let places: Vec<&str> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["place"].as_str())
        .collect();
    assert!(places.contains(&"Mappatura!F12"), "{places:?}");
    for d in diags.as_array().unwrap() {
        for key in ["dataset", "line", "severity", "class", "message", "node"] {
            assert!(d.get(key).is_some(), "{key} in {d}");
        }
    }
}

#[test]
fn the_same_map_as_a_level_column_ods_with_merged_cells() {
    let dir = temp_dir("sheets-ods");
    let path = write(&dir, "livelli.ods", &fx::level_ods());
    let map = open(&path);
    let ds = &map.datasets[0];
    assert_eq!(ds.id, "livelli");
    assert_is_the_map(ds);
    // The covered cells below "A1 ..." read as A1: both processes are in it.
    assert_eq!(by_code(ds, "A1.2").parent.as_deref(), Some("livelli:A1"));
    let sportello = ds.nodes.last().unwrap();
    assert_eq!(sportello.parent.as_deref(), Some("livelli:B1"));
    assert_eq!(sportello.role, "URP");
    let rows: Vec<Option<Vec<String>>> = (0..11).map(|_| Some(vec!["x".to_string()])).collect();
    // Rows 6-7 and 9-11 are the data (8 is the empty row).
    let mut data = rows;
    data[7] = None;
    assert_every_row_accounted(ds, 5, &data);

    let out = mappa(&["check", "--data", path.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    let file = path.display().to_string();
    assert!(
        text.contains(&format!("{file}: Mappatura!F10: avviso: [no-structure]")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{file}: Mappatura!A1: nota: [title-rows]")),
        "{text}"
    );
}

#[test]
fn the_same_map_as_an_italian_excel_csv() {
    let dir = temp_dir("sheets-csv");
    let bytes = fx::code_csv_1252();
    assert!(bytes.contains(&0xE0), "à in Windows-1252");
    assert!(std::str::from_utf8(&bytes).is_err());
    let path = write(&dir, "mappa.csv", &bytes);
    let map = open(&path);
    let ds = &map.datasets[0];
    assert_is_the_map(ds);
    assert_every_row_accounted(ds, 5, &fx::code_rows());
    // CRLF inside a quoted cell is the cell's own line break.
    assert_eq!(by_code(ds, "A1.1").activities.len(), 3);

    let out = mappa(&["check", "--data", path.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    let file = path.display().to_string();
    // A CSV's one sheet is named after the file, as a spreadsheet opens it.
    assert!(
        text.contains(&format!("{file}: mappa!F12: avviso: [empty-role]")),
        "{text}"
    );
    assert!(
        text.contains("[encoding]") && text.contains("Windows-1252"),
        "{text}"
    );
    // Of the whole file: the file alone, no cell.
    assert!(
        text.contains(&format!("{file}: nota: [encoding]")),
        "{text}"
    );

    // A CSV has one sheet: --sheet (given for every file) is a note here.
    let out = mappa(&[
        "check",
        "--data",
        path.to_str().unwrap(),
        "--sheet",
        "Altro",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{file}: nota: [sheet-ignored] --sheet \"Altro\"")),
        "{}",
        stdout(&out)
    );

    // Who is responsible: the role and the office, both.
    let out = mappa(&["--data", path.to_str().unwrap(), "show", "A1.1"]);
    assert!(
        stdout(&out).contains("Responsabile  Dirigente Area Risorse · Ufficio Personale"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn csv_in_utf8_utf16_and_with_commas_or_tabs() {
    let dir = temp_dir("sheets-encodings");
    let text =
        "Codice,Titolo,Responsabile\r\nA1,\"Gestione, con virgola\",PO\r\nA1.1,Attività,PO\r\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    // The same without its byte-order mark: told by its zero bytes.
    let unmarked = utf16[2..].to_vec();
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let tabs = text
        .replace(',', "\t")
        .replace("\"Gestione\t con virgola\"", "Gestione, con virgola");
    for (name, bytes) in [
        ("utf8.csv", text.as_bytes().to_vec()),
        ("bom.csv", bom),
        ("utf16.csv", utf16),
        ("unmarked16.csv", unmarked),
        ("tabs.tsv", tabs.into_bytes()),
    ] {
        let map = open(&write(&dir, name, &bytes));
        let ds = &map.datasets[0];
        assert_eq!(codes(ds), ["A1", "A1.1"], "{name}");
        assert_eq!(by_code(ds, "A1").title, "Gestione, con virgola", "{name}");
        assert_eq!(by_code(ds, "A1.1").title, "Attività", "{name}");
        let encoding = ds.diagnostics.iter().any(|d| d.class == "encoding");
        assert_eq!(encoding, name.contains("16"), "{name}");
    }
}

#[test]
fn xlsx_merged_regions_read_as_their_first_cell() {
    let dir = temp_dir("sheets-merged");
    let map = open(&write(&dir, "livelli.xlsx", &fx::level_xlsx_merged()));
    let ds = &map.datasets[0];
    let titles: Vec<(&str, &str, &str)> = ds
        .nodes
        .iter()
        .map(|n| {
            (
                n.title.as_str(),
                n.role.as_str(),
                n.parent.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("PROMOZIONE", "", ""),
            ("Contributi", "", "livelli:C1"),
            ("Bando", "Dirigente Promozione", "livelli:C1.1"),
            ("Liquidazione", "Dirigente Promozione", "livelli:C1.1"),
            ("Eventi", "PO Eventi", "livelli:C1"),
        ]
    );
    assert_eq!(ds.nodes[2].structures[0].servizio, "Promozione");
    assert_eq!(ds.nodes[3].kind, mappa::model::Kind::SottoProcesso);
}

#[test]
fn a_row_that_cannot_be_placed_is_a_diagnostic() {
    let dir = temp_dir("sheets-unplaced");
    let text = "Macro-processo;Processo;Responsabile;Note\n\
                ;;PO Settore;\n\
                A1 Uno;A1.1 Due;PO;\n\
                ;;;solo una nota\n\
                ;;Dirigente;\n";
    let map = open(&write(&dir, "m.csv", text.as_bytes()));
    let ds = &map.datasets[0];
    let class_at = |row: u32| -> Vec<String> {
        ds.diagnostics
            .iter()
            .filter(|d| d.line == Some(row))
            .map(|d| format!("{} {}", d.class, d.place.as_ref().unwrap()))
            .collect()
    };
    assert_eq!(class_at(2), ["unplaced m!A2"]);
    assert_eq!(class_at(4), ["unplaced m!D4"]);
    // A row whose level cells are all "the same as above" adds to the entry above.
    assert_eq!(class_at(5), ["continuation-row m!B5"]);
    assert_eq!(by_code(ds, "A1.1").role, "PO");
    assert!(class_at(1)
        .iter()
        .any(|c| c.starts_with("unmapped-column m!D1")));
}

#[test]
fn import_converts_once_to_json_that_data_reads_back() {
    let dir = temp_dir("sheets-import");
    let xlsx = write(&dir, "mappa.xlsx", &fx::code_xlsx());
    let json = dir.join("map.json");
    let out = mappa(&[
        "import",
        xlsx.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dataset \"mappa\": 7 voci"),
        "{}",
        stderr(&out)
    );
    let back = open(&json);
    assert_is_the_map(&back.datasets[0]);
    // The places travel with the map.
    let check = stdout(&mappa(&["check", "--data", json.to_str().unwrap()]));
    assert!(check.contains("Mappatura!F12"), "{check}");
    // Never over an existing file without --force.
    let again = mappa(&[
        "import",
        xlsx.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    let forced = mappa(&[
        "import",
        xlsx.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    // --sheet and --columns work for import too.
    let out = mappa(&[
        "import",
        xlsx.to_str().unwrap(),
        "--sheet",
        "Mappatura",
        "--columns",
        "role=G",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let role = v["datasets"][0]["nodes"][1]["role"].as_str().unwrap();
    assert_eq!(role, "Ufficio Personale");
}

#[test]
fn a_code_column_beside_level_columns_names_the_entries() {
    let dir = temp_dir("sheets-level-codes");
    let text = "Codice;Macro-processo;Processo;Responsabile\n\
                A1;Gestione;;\n\
                A1.1;;Personale;PO\n\
                A1.2;;Bilancio;PO\n\
                boh;;Cassa;PO\n";
    let map = open(&write(&dir, "m.csv", text.as_bytes()));
    let ds = &map.datasets[0];
    assert_eq!(codes(ds), ["A1", "A1.1", "A1.2", "Cassa"]);
    assert_eq!(by_code(ds, "A1.2").parent.as_deref(), Some("m:A1"));
    assert_eq!(by_code(ds, "A1.1").id, "m:A1.1");
    let missing: Vec<String> = ds
        .diagnostics
        .iter()
        .filter(|d| d.class == "missing-code")
        .map(|d| d.place.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(missing, ["m!A5"]);
}

#[test]
fn a_label_repeated_later_adds_to_its_entry_and_keeps_what_differs() {
    let dir = temp_dir("sheets-level-repeated");
    let text = "Macro-processo;Processo;Responsabile\n\
                A1 Uno;A1.1 Due;PO\n\
                A2 Tre;A2.1 Quattro;PO\n\
                A1 Uno;A1.1 Due;Dirigente\n";
    let map = open(&write(&dir, "m.csv", text.as_bytes()));
    let ds = &map.datasets[0];
    assert_eq!(codes(ds), ["A1", "A1.1", "A2", "A2.1"]);
    assert_eq!(by_code(ds, "A1.1").role, "PO");
    let row4: Vec<&str> = ds
        .diagnostics
        .iter()
        .filter(|d| d.line == Some(4))
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        row4.iter().any(|m| m.contains("role: \"Dirigente\"")),
        "{row4:?}"
    );
}

#[test]
fn a_title_column_beside_the_levels_is_kept() {
    let dir = temp_dir("sheets-levels-title");
    let text = "Macro-processo;Processo;Descrizione;Codice;Servizio\n\
                A1 Uno;;Testo descrittivo;;S\n\
                ;A1.1 Due;Altra descrizione;;S\n\
                ;;Riga di continuazione;A1.9;S2\n";
    let map = open(&write(&dir, "d.csv", text.as_bytes()));
    let ds = &map.datasets[0];
    assert_eq!(by_code(ds, "A1").name, "Testo descrittivo");
    assert_eq!(by_code(ds, "A1.1").name, "Altra descrizione");
    let note = ds
        .diagnostics
        .iter()
        .find(|d| d.line == Some(4))
        .expect("the continuation row's note");
    assert!(
        note.message.contains("A1.9") && note.message.contains("Riga di continuazione"),
        "{}",
        note.message
    );
}

//! Spreadsheets built in code for the tests: the same small map as an
//! office keeps it, in an xlsx with codes in a column (title block,
//! header on row 5 in the office's own words, macro-process rows merged
//! across, multi-line activity cells, an empty row mid-table), as a
//! level-column ods with merged cells, and as a `;` Windows-1252 csv.

use mappa::import::load;
use mappa::model::{Dataset, Map, Node};
use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const TITLE: &str = "Camera di Commercio di Esempio";
pub const SUBTITLE: &str = "Mappatura dei processi — aggiornamento 2025";

/// The header of the codes layout, as the office words it.
pub const CODE_HEADER: [&str; 7] = [
    "Codifica",
    "Descrizione del processo",
    "Input",
    "Output",
    "Fasi/Azioni",
    "Struttura responsabile",
    "U.O.",
];

/// One entry of the map: code, title, input, output, activities, role,
/// office.
pub type Entry = [&'static str; 7];

pub const A1: &str = "GESTIONE DELLE RISORSE";
pub const B1: &str = "SERVIZI ALLE IMPRESE";

pub const A: [Entry; 2] = [
    [
        "A1.1",
        "Gestione del personale",
        "Richiesta del dipendente",
        "Provvedimento",
        "1. Istruttoria della richiesta\n2. Verifica dei requisiti\n3. Firma del provvedimento",
        "Dirigente Area Risorse",
        "Ufficio Personale",
    ],
    [
        "A1.2",
        "Contabilità e bilancio",
        "Fattura passiva",
        "Mandato di pagamento",
        "a) Registrazione\nb) Liquidazione\nc) Pagamento",
        "PO Ragioneria",
        "Ragioneria",
    ],
];

pub const B: [Entry; 3] = [
    [
        "B1.1",
        "Registro delle imprese",
        "Domanda telematica",
        "Iscrizione",
        "- Protocollazione\n- Istruttoria\n- Evasione",
        "Conservatore",
        "Registro imprese",
    ],
    [
        "B1.2",
        "Attività di certificazione",
        "Richiesta allo sportello",
        "Certificato",
        "Rilascio dei certificati\nRilascio delle visure",
        "",
        "",
    ],
    [
        "",
        "Sportello informativo",
        "Domanda del pubblico",
        "Risposta",
        "Ascolto\nRisposta",
        "URP",
        "Relazioni con il pubblico",
    ],
];

/// The codes layout, row by row from row 1 (`None`: an empty row; a
/// one-cell row is merged across the table).
pub fn code_rows() -> Vec<Option<Vec<String>>> {
    let s = |cells: &[&str]| Some(cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let mut rows = vec![s(&[TITLE]), s(&[SUBTITLE]), None, None, s(&CODE_HEADER)];
    rows.push(s(&[&format!("A1 {A1}")]));
    rows.extend(A.iter().map(|e| s(e)));
    rows.push(None); // an empty row mid-table
    rows.push(s(&[&format!("B1 {B1}")]));
    rows.extend(B.iter().map(|e| s(e)));
    rows
}

/// The xlsx with codes in a column, sheet "Mappatura" after a first
/// sheet with notes and no table.
pub fn code_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    let notes = book.add_worksheet();
    notes.set_name("Note").unwrap();
    notes
        .write_string(0, 0, "Foglio di appunti, senza tabella")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Mappatura").unwrap();
    for (r, row) in code_rows().iter().enumerate() {
        let Some(cells) = row else { continue };
        let r = r as u32;
        if cells.len() == 1 {
            sheet.merge_range(r, 0, r, 6, &cells[0], &wrap).unwrap();
            continue;
        }
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string_with_format(r, c as u16, text, &wrap)
                    .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The same map as a `;` CSV saved by an Italian Excel: Windows-1252,
/// CRLF, cells with line breaks or `;` quoted.
pub fn code_csv_1252() -> Vec<u8> {
    let mut text = String::new();
    for row in code_rows() {
        let cells = row.unwrap_or_default();
        let mut cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        cells.resize(7, String::new());
        text.push_str(&cells.join(";"));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "the fixture is Windows-1252 text");
    bytes.into_owned()
}

fn csv_cell(text: &str) -> String {
    if text.contains(['\n', ';', '"']) {
        format!("\"{}\"", text.replace('"', "\"\"").replace('\n', "\r\n"))
    } else {
        text.to_string()
    }
}

/// The header of the level layout.
pub const LEVEL_HEADER: [&str; 7] = [
    "Macro-processo",
    "Processo",
    "Input",
    "Output",
    "Fasi/Azioni",
    "Struttura responsabile",
    "U.O.",
];

/// The level layout: (macro cell or none when covered by the merge above,
/// rows it spans, the process's cells).
fn level_groups() -> Vec<(String, Vec<Entry>)> {
    vec![
        (format!("A1 {A1}"), A.to_vec()),
        (format!("B1 {B1}"), B.to_vec()),
    ]
}

/// The process cell of an entry in a level column: code and title.
fn process_cell(e: &Entry) -> String {
    if e[0].is_empty() {
        e[1].to_string()
    } else {
        format!("{} {}", e[0], e[1])
    }
}

/// The same map with one column per level as an ods: each macro-process
/// cell merged down over its processes (ods covered cells), a title
/// block, an empty row between the macro-processes.
pub fn level_ods() -> Vec<u8> {
    let mut rows = String::new();
    let row = |cells: &str| format!("<table:table-row>{cells}</table:table-row>\n");
    rows.push_str(&row(&cell(TITLE, Some((1, 7)))));
    rows.push_str(&row(&cell(SUBTITLE, None)));
    rows.push_str(
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row>\n",
    );
    rows.push_str(&row(&LEVEL_HEADER
        .iter()
        .map(|h| cell(h, None))
        .collect::<String>()));
    for (g, (macro_cell, entries)) in level_groups().iter().enumerate() {
        if g > 0 {
            rows.push_str("<table:table-row><table:table-cell/></table:table-row>\n");
        }
        for (i, e) in entries.iter().enumerate() {
            let first = if i == 0 {
                cell(macro_cell, Some((entries.len(), 1)))
            } else {
                "<table:covered-table-cell/>".to_string()
            };
            let rest: String = std::iter::once(process_cell(e))
                .chain(e[2..].iter().map(|t| t.to_string()))
                .map(|t| cell(&t, None))
                .collect();
            rows.push_str(&row(&format!("{first}{rest}")));
        }
    }
    ods(&[("Mappatura", rows)])
}

/// An ods cell; `span` (rows, columns) for a merged one.
pub fn cell(text: &str, span: Option<(usize, usize)>) -> String {
    if text.is_empty() {
        return "<table:table-cell/>".into();
    }
    let spans = span.map_or(String::new(), |(r, c)| {
        format!(" table:number-rows-spanned=\"{r}\" table:number-columns-spanned=\"{c}\"")
    });
    let paragraphs: String = text
        .split('\n')
        .map(|p| format!("<text:p>{}</text:p>", xml(p)))
        .collect();
    format!("<table:table-cell office:value-type=\"string\"{spans}>{paragraphs}</table:table-cell>")
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An ods file of the sheets given (name, rows as content.xml markup).
pub fn ods(sheets: &[(&str, String)]) -> Vec<u8> {
    let tables: String = sheets
        .iter()
        .map(|(name, rows)| {
            format!(
                "<table:table table:name=\"{}\">\n{rows}</table:table>\n",
                xml(name)
            )
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet>\n{tables}</office:spreadsheet></office:body></office:document-content>\n"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>\n";
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        let deflated = zip::write::SimpleFileOptions::default();
        zip.start_file("content.xml", deflated).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.start_file("META-INF/manifest.xml", deflated).unwrap();
        zip.write_all(manifest.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A level-column xlsx whose level and role cells are merged down (xlsx
/// merged regions): each row reads the first cell's value.
pub fn level_xlsx_merged() -> Vec<u8> {
    let mut book = Workbook::new();
    let plain = Format::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Processi").unwrap();
    let header = ["LIV1", "LIV2", "LIV3", "Responsabile", "Ufficio"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // LIV1 over rows 2-4, LIV2 over rows 2-3, the role over rows 2-3.
    sheet
        .merge_range(1, 0, 3, 0, "C1 PROMOZIONE", &plain)
        .unwrap();
    sheet
        .merge_range(1, 1, 2, 1, "C1.1 Contributi", &plain)
        .unwrap();
    sheet
        .merge_range(1, 3, 2, 3, "Dirigente Promozione", &plain)
        .unwrap();
    sheet.write_string(1, 2, "Bando").unwrap();
    sheet.write_string(1, 4, "Promozione").unwrap();
    sheet.write_string(2, 2, "Liquidazione").unwrap();
    sheet.write_string(2, 4, "Ragioneria").unwrap();
    sheet.write_string(3, 1, "C1.2 Eventi").unwrap();
    sheet.write_string(3, 3, "PO Eventi").unwrap();
    book.save_to_buffer().unwrap()
}

/// A TSV of `macros` × 1,000 entries (`A1`, `A1.1` … `A1.999`, `A2`, …)
/// under a title block: a region's map, for the explorer at scale.
pub fn large_tsv(macros: usize) -> String {
    let mut text = String::with_capacity(macros * 1000 * 120);
    text.push_str("Mappatura dei processi della regione\n\n");
    text.push_str("Codice\tDescrizione\tFasi/Azioni\tResponsabile\tUfficio\n");
    for m in 1..=macros {
        text.push_str(&format!("A{m}\tMacro-processo {m}\t\t\t\n"));
        for p in 1..=999 {
            text.push_str(&format!(
                "A{m}.{p}\tProcedimento {m}-{p} di esempio\t1. Istruttoria 2. Decisione\tPO Settore {}\tUfficio {}\n",
                p % 37,
                p % 11
            ));
        }
    }
    text
}

/// Writes `bytes` to `name` in `dir`, for a test to open.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The map in `path`, which must load.
pub fn open(path: &Path) -> Map {
    load(&[path.to_path_buf()]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The entry of `ds` with code `code`.
pub fn by_code<'a>(ds: &'a Dataset, code: &str) -> &'a Node {
    ds.nodes
        .iter()
        .find(|n| n.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(ds)))
}

/// Every entry's code (or title, for one without), in order.
pub fn codes(ds: &Dataset) -> Vec<String> {
    ds.nodes
        .iter()
        .map(|n| n.code.as_ref().unwrap_or(&n.title).to_string())
        .collect()
}

/// The columns an office adds that the map does not use: twelve, as
/// real mappature have them.
pub const UNUSED: [&str; 12] = [
    "Riferimenti normativi",
    "Tempi",
    "Note",
    "Fonte",
    "Frequenza",
    "Responsabile del procedimento",
    "Ultimo aggiornamento",
    "Livello di rischio",
    "Misure",
    "Indicatori",
    "Portatori di interesse",
    "Allegati",
];

/// The header of the wide sheet: the six usual columns with the twelve
/// unused ones between and after them.
pub fn wide_header() -> Vec<&'static str> {
    let [rif, tempi, note, rest @ ..] = UNUSED;
    let mut h = vec![
        "Codice",
        "Descrizione del processo",
        rif,
        "Input",
        "Output",
        tempi,
        "Fasi/Azioni",
        "Responsabile",
        note,
    ];
    h.extend(rest);
    h
}

/// What an entry of the wide sheet says in unused column `header`.
pub fn unused_text(code: &str, header: &str) -> String {
    format!("{header} per {code}")
}

/// A sheet with the six usual columns and twelve the map does not use
/// (every entry's row fills them), as an xlsx under a title block.
pub fn wide_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Mappatura").unwrap();
    sheet.write_string(0, 0, TITLE).unwrap();
    let header = wide_header();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let mut r = 3;
    for (macro_code, title, entries) in [("A1", A1, &A[..]), ("B1", B1, &B[..2])] {
        sheet.write_string(r, 0, macro_code).unwrap();
        sheet.write_string(r, 1, title).unwrap();
        r += 1;
        for e in entries {
            let [code, title, input, output, steps, role, _] = *e;
            for (c, h) in header.iter().enumerate() {
                let text = match *h {
                    "Codice" => code.to_string(),
                    "Descrizione del processo" => title.to_string(),
                    "Input" => input.to_string(),
                    "Output" => output.to_string(),
                    "Fasi/Azioni" => steps.to_string(),
                    "Responsabile" => role.to_string(),
                    unused => unused_text(code, unused),
                };
                if !text.is_empty() {
                    sheet.write_string(r, c as u16, &text).unwrap();
                }
            }
            r += 1;
        }
    }
    book.save_to_buffer().unwrap()
}

/// A sub-process of the detail-column sheet: code, title, office, one
/// step per row, input, output.
pub type Sub = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);

/// The sub-processes of the detail-column sheet.
pub const SUBS: [Sub; 4] = [
    (
        "A1.1.1",
        "Assunzioni",
        "Ufficio Personale",
        &["Bando di concorso", "Selezione", "Assunzione in servizio"],
        "Fabbisogno di personale",
        "Contratto",
    ),
    (
        "A1.1.2",
        "Cessazioni",
        "Ufficio Personale",
        &["Ricezione dell'istanza", "Decreto di cessazione"],
        "istanza",
        "decreto",
    ),
    (
        "A1.2.1",
        "Bilancio preventivo",
        "Ragioneria",
        &["Proposta", "Approvazione"],
        "Linee di indirizzo",
        "Bilancio approvato",
    ),
    (
        "B1.1.1",
        "Iscrizioni",
        "Registro imprese",
        &["Protocollazione", "Istruttoria", "Iscrizione"],
        "Domanda telematica",
        "Iscrizione nel registro",
    ),
];

/// The macro-process and process of each sub-process in [`SUBS`].
fn parents_of(code: &str) -> (&'static str, &'static str) {
    match &code[..4] {
        "A1.1" => ("A1 GESTIONE DELLE RISORSE", "A1.1 Gestione del personale"),
        "A1.2" => ("A1 GESTIONE DELLE RISORSE", "A1.2 Contabilità"),
        _ => ("B1 SERVIZI ALLE IMPRESE", "B1.1 Registro delle imprese"),
    }
}

/// The header of the detail-column sheet: three level columns, then what
/// describes the sub-process, then a column the map does not use.
pub const DETAIL_HEADER: [&str; 8] = [
    "Macro-processo",
    "Processo",
    "Sotto-processo",
    "Ufficio responsabile",
    "Attività",
    "Input",
    "Output",
    "Tempi",
];

/// A level-column xlsx whose sub-processes take a row per step: the level
/// cells merged down over their rows, the office merged down over the
/// sub-process, input, output and Tempi on its first row.
pub fn detail_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Processi").unwrap();
    for (c, h) in DETAIL_HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // (first row, last row) of each level cell's text, merged once each.
    let mut spans: Vec<(u16, String, u32, u32)> = Vec::new();
    let mut r = 1u32;
    for (code, title, office, steps, input, output) in SUBS {
        let (macro_cell, process_cell) = parents_of(code);
        let last = r + steps.len() as u32 - 1;
        for (c, text) in [
            (0u16, macro_cell.to_string()),
            (1, process_cell.to_string()),
        ] {
            match spans.iter_mut().rev().find(|(k, _, _, _)| *k == c) {
                Some(span) if span.1 == text => span.3 = last,
                _ => spans.push((c, text, r, last)),
            }
        }
        spans.push((2, format!("{code} {title}"), r, last));
        spans.push((3, office.to_string(), r, last));
        for (i, step) in steps.iter().enumerate() {
            sheet.write_string(r + i as u32, 4, *step).unwrap();
        }
        sheet.write_string(r, 5, input).unwrap();
        sheet.write_string(r, 6, output).unwrap();
        sheet
            .write_string(r, 7, format!("{} giorni", steps.len() * 10))
            .unwrap();
        r = last + 1;
    }
    for (c, text, first, last) in spans {
        if first == last {
            sheet.write_string(first, c, &text).unwrap();
        } else {
            sheet.merge_range(first, c, last, c, &text, &wrap).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// A map whose macro-processes are coded with one letter ("A Organi
/// istituzionali"), written `style`: codes in their own column, glued to
/// the title, or with a dot (`A.`, `A.1`).
pub fn letter_csv(style: &str) -> String {
    let rows = [
        ("A", "Organi istituzionali", ""),
        ("A1", "Gestione degli organi", ""),
        ("A1.1", "Convocazioni", "Segreteria generale"),
        ("A1.2", "Verbali", "Segreteria generale"),
        ("B", "Registro delle imprese", ""),
        ("B1", "Iscrizioni", ""),
        ("B1.1", "Iscrizioni d'ufficio", "Conservatore"),
        ("C", "Promozione", ""),
        ("C1", "Contributi", "Dirigente Promozione"),
    ];
    let mut text = String::from("Mappatura 2025\n\n");
    match style {
        "glued" => text.push_str("Descrizione;Responsabile\n"),
        _ => text.push_str("Codice;Descrizione;Responsabile\n"),
    }
    for (code, title, role) in rows {
        let line = match style {
            "glued" => format!("{code} {title};{role}\n"),
            "dotted" if code.len() == 1 => format!("{code}.;{title};{role}\n"),
            "dotted" => format!("{}.{};{title};{role}\n", &code[..1], &code[1..]),
            _ => format!("{code};{title};{role}\n"),
        };
        text.push_str(&line);
    }
    text
}

/// An xlsx of `rows` entries each showing one text of `text_bytes` bytes,
/// which the workbook stores once (its shared strings): a few hundred KB
/// of file that is gigabytes of cells written out. Its parts are written
/// here (a workbook writer takes minutes over 50,000 long strings).
pub fn shared_string_xlsx(rows: u32, text_bytes: usize) -> Vec<u8> {
    let sentence = "Istruttoria della pratica e verifica dei requisiti. ";
    let long = &sentence.repeat(text_bytes / sentence.len() + 1)[..text_bytes];
    let mut strings = vec![
        "Codice".to_string(),
        "Titolo".to_string(),
        "Attività".to_string(),
        "Voce".to_string(),
        long.to_string(),
    ];
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
         <row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>\
         <c r=\"C1\" t=\"s\"><v>2</v></c></row>",
    );
    for r in 2..=rows + 1 {
        // Codes of three digits a segment at most: A1.1 … A100.500.
        let k = r - 2;
        strings.push(format!("A{}.{}", k / 500 + 1, k % 500 + 1));
        let code = strings.len() - 1;
        sheet.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>{code}</v></c><c r=\"B{r}\" t=\"s\"><v>3</v></c>\
             <c r=\"C{r}\" t=\"s\"><v>4</v></c></row>"
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut shared = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">",
        strings.len(),
        strings.len()
    );
    for t in &strings {
        shared.push_str(&format!("<si><t>{}</t></si>", xml(t)));
    }
    shared.push_str("</sst>");
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
             </Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
             <sheets><sheet name=\"Mappa\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
                .to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>\
             </Relationships>"
                .to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let deflated = zip::write::SimpleFileOptions::default();
        for (name, text) in parts {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

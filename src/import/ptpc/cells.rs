//! Pass 1: classify every cell by what it holds (a function, a label, a
//! structure name, or text), since the extraction moved cells across
//! columns. Page headers are skipped; they only say where the columns
//! should be, which is used to report drift and to spot a title cut by a
//! page break.

use super::super::{Diags, Row};
use crate::model::code::{parse_leading, Code};
use crate::model::{DiagClass, Severity};
use rustc_hash::FxHashMap as HashMap;

/// The cells a page header, section title or the preamble is made of.
const HEADER_CELLS: &[&str] = &[
    "LIV 1",
    "LIV 2",
    "LIV 3",
    "LIV 4",
    "Strutture responsabili",
    "MACRO-PROCESSI",
    "PROCESSI",
    "SOTTO-PROCESSI",
    "AZIONI",
    "Azioni",
    "Area dirigenziale",
    "Servizio/Staff",
    "Processi di supporto",
    "Processi primari",
];

/// Whether a row is a page header, section title or the document's preamble.
pub fn is_page_header(row: &Row) -> bool {
    is_header(row.filled().map(|(_, c)| c))
}

/// [`is_page_header`] of a row's filled cells.
fn is_header<'t>(cells: impl Iterator<Item = &'t str>) -> bool {
    let mut any = false;
    for c in cells {
        any = true;
        let preamble = c.starts_with("ALLEGATO 1") || c.starts_with("L'articolazione dei processi");
        if !preamble && !HEADER_CELLS.contains(&c) {
            return false;
        }
    }
    any
}

/// What a cell holds, decided by its content.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell<'a> {
    /// "PORTAFOGLIO PROCESSI FUNZIONE ISTITUZIONALE A Organi ...".
    Function { letter: char, title: &'a str },
    /// A code and its title: "A1: CICLO DI GESTIONE", "A1.1.2 Titolo".
    Label {
        code: Code,
        raw: &'a str,
        title: &'a str,
    },
    /// A name seen in the Area dirigenziale column.
    Area(&'a str),
    /// A name seen in the Servizio/Staff column.
    Servizio(&'a str),
    /// Anything else: an action, mostly.
    Text(&'a str),
}

impl<'a> Cell<'a> {
    /// The text of the cell as written (for a label or function, its title).
    pub fn text(&self) -> &'a str {
        match *self {
            Cell::Function { title, .. } | Cell::Label { title, .. } => title,
            Cell::Area(t) | Cell::Servizio(t) | Cell::Text(t) => t,
        }
    }
}

/// A data row with its cells classified, in column order.
#[derive(Debug, Clone)]
pub(super) struct DataRow<'a> {
    pub line: u32,
    /// (column, cell) of each non-empty cell.
    pub cells: Vec<(usize, Cell<'a>)>,
    /// The first data row after a page header.
    pub page_start: bool,
    /// The column the page header puts SOTTO-PROCESSI in.
    pub sub_process_col: Option<usize>,
}

/// A non-empty cell of a row, trimmed: its column and whether it starts
/// with a label code (looked for once).
#[derive(Debug, Clone, Copy)]
struct Filled<'a> {
    col: usize,
    text: &'a str,
    label: bool,
}

/// A non-blank row's filled cells, and whether it is a page header.
struct Line<'a> {
    line: u32,
    cells: Vec<Filled<'a>>,
    header: bool,
}

/// The data rows of the document, cells classified; page headers left out.
pub(super) fn classify<'a>(rows: &[Row<'a>], diags: &mut Diags) -> Vec<DataRow<'a>> {
    let lines: Vec<Line<'a>> = rows
        .iter()
        .map(|r| {
            let cells: Vec<Filled> = r
                .filled()
                .map(|(col, text)| Filled {
                    col,
                    text,
                    label: label(text).is_some(),
                })
                .collect();
            let header = is_header(cells.iter().map(|c| c.text));
            Line {
                line: r.line,
                cells,
                header,
            }
        })
        .filter(|l| !l.cells.is_empty())
        .collect();
    let vocab = Vocabulary::learn(&lines);
    let mut page = Page::default();
    let mut out = Vec::with_capacity(lines.len());
    for l in &lines {
        if l.header {
            page.header(&l.cells);
            continue;
        }
        let cells: Vec<(usize, Cell)> =
            l.cells.iter().map(|c| (c.col, vocab.classify(c))).collect();
        page.report_drift(l.line, &cells, diags);
        out.push(DataRow {
            line: l.line,
            cells,
            page_start: std::mem::take(&mut page.fresh),
            sub_process_col: page.sub_process_col,
        });
    }
    out
}

/// What the current page's header says about its columns.
#[derive(Debug, Default)]
struct Page {
    /// Column of "Area dirigenziale".
    area_col: Option<usize>,
    /// Column of "SOTTO-PROCESSI".
    sub_process_col: Option<usize>,
    /// Where the last row's area was, so that a run of rows drifting by the
    /// same amount is reported once.
    last_area_col: Option<usize>,
    /// A header was read and no data row yet.
    fresh: bool,
}

impl Page {
    fn header(&mut self, cells: &[Filled]) {
        self.fresh = true;
        let col_of = |name: &str| cells.iter().find(|c| c.text == name).map(|c| c.col);
        if let Some(col) = col_of("Area dirigenziale") {
            self.area_col = Some(col);
            self.last_area_col = Some(col);
        }
        if let Some(col) = col_of("SOTTO-PROCESSI") {
            self.sub_process_col = Some(col);
        }
    }

    /// Notes where the Area dirigenziale moves away from its column.
    fn report_drift(&mut self, line: u32, cells: &[(usize, Cell)], diags: &mut Diags) {
        let area_col = cells
            .iter()
            .find(|(_, c)| matches!(c, Cell::Area(_)))
            .map(|(i, _)| *i);
        if let (Some(col), Some(i)) = (self.area_col, area_col) {
            if i != col && Some(i) != self.last_area_col {
                diags.push(
                    Some(line),
                    Severity::Info,
                    DiagClass::ColumnDrift,
                    None,
                    format!(
                        "celle spostate: da questa riga l'Area dirigenziale è nella colonna {}, l'intestazione di pagina la pone nella colonna {}; lette in base al contenuto",
                        i + 1,
                        col + 1
                    ),
                );
            }
        }
        if area_col.is_some() {
            self.last_area_col = area_col;
        }
    }
}

/// Names seen in the structure columns, learnt from the rows themselves:
/// the last two cells of a row are usually (area, servizio).
struct Vocabulary<'a> {
    /// How often each name was second-last and last in a row.
    seen: HashMap<&'a str, (u32, u32)>,
    /// Length in bytes of the longest name.
    longest: usize,
}

impl<'a> Vocabulary<'a> {
    fn learn(lines: &[Line<'a>]) -> Self {
        let mut seen: HashMap<&'a str, (u32, u32)> = HashMap::default();
        for l in lines.iter().filter(|l| !l.header) {
            let (mut second_last, mut last) = (None, None);
            for c in &l.cells {
                if !c.label && !is_function(c.text) {
                    (second_last, last) = (last, Some(c.text));
                }
            }
            if let (Some(sl), Some(l)) = (second_last, last) {
                seen.entry(sl).or_default().0 += 1;
                seen.entry(l).or_default().1 += 1;
            }
        }
        let longest = seen.keys().map(|k| k.len()).max().unwrap_or(0);
        Vocabulary { seen, longest }
    }

    /// Whether every '/'-separated part of `text` is a known area name, and
    /// whether every part is a known servizio name.
    fn structure_parts(&self, text: &str) -> (bool, bool) {
        let (mut area, mut servizio) = (true, true);
        for p in text.split('/').map(str::trim) {
            // Longer than any name seen: an action, not a structure.
            let (sl, l) = if p.is_empty() || p.len() > self.longest {
                (0, 0)
            } else {
                self.seen.get(p).copied().unwrap_or_default()
            };
            area &= sl >= 2 && sl > l;
            servizio &= l >= 2 && l > sl;
            if !area && !servizio {
                break;
            }
        }
        (area, servizio)
    }

    fn classify(&self, cell: &Filled<'a>) -> Cell<'a> {
        let text = cell.text;
        if let Some(function) = function(text) {
            return function;
        }
        if let Some((code, raw, title)) = cell.label.then(|| label(text)).flatten() {
            return Cell::Label { code, raw, title };
        }
        match self.structure_parts(text) {
            (true, _) => Cell::Area(text),
            (false, true) => Cell::Servizio(text),
            (false, false) => Cell::Text(text),
        }
    }
}

/// "PORTAFOGLIO PROCESSI FUNZIONE ISTITUZIONALE A Title" (also spelt
/// "PORTAFOLIO") as a function cell.
fn function(text: &str) -> Option<Cell<'_>> {
    let rest = text
        .strip_prefix("PORTAFOLIO PROCESSI FUNZIONE ISTITUZIONALE ")
        .or_else(|| text.strip_prefix("PORTAFOGLIO PROCESSI FUNZIONE ISTITUZIONALE "))?;
    let mut chars = rest.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    Some(Cell::Function {
        letter,
        title: chars.as_str().trim(),
    })
}

fn is_function(text: &str) -> bool {
    text.starts_with("PORTAFOLIO PROCESSI") || text.starts_with("PORTAFOGLIO PROCESSI")
}

/// A code of at least one level followed by a title.
fn label(text: &str) -> Option<(Code, &str, &str)> {
    let lead = parse_leading(text)?;
    (lead.code.depth() >= 1 && !lead.rest.is_empty()).then_some((lead.code, lead.raw, lead.rest))
}

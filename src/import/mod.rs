//! Readers for the source layouts. Each turns a text file into a [`Dataset`]
//! and accounts for every data row: it becomes a node or a diagnostic.

pub mod catalogo;
mod ids;
pub mod json;
pub mod ptpc;
pub mod text;
mod tree;

use crate::model::{Dataset, Diagnostic, Map, Severity};
use std::fmt;

/// The two seed documents, compiled into the binary.
pub const CATALOGO_SEED: &str = include_str!("../../seeds/catalogo.tsv");
pub const PTPC_SEED: &str = include_str!("../../seeds/ptpc2019.tsv");

/// A source that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// One row of a tab-separated source, cells verbatim: the text lives for
/// `'a`, the list of its cells (in [`Rows`]) for `'r`.
#[derive(Debug, Clone, Copy)]
pub struct Row<'r, 'a> {
    pub line: u32,
    /// Where the row starts in the source text, in bytes.
    pub offset: usize,
    /// The whole line as written, for byte-for-byte comparisons.
    pub raw: &'a str,
    /// The cells, borrowed from the source text (no copy per row).
    pub cells: &'r [&'a str],
}

/// The rows of a source: every row's cells in one buffer, so reading a file
/// costs a few allocations rather than one per row.
#[derive(Debug, Clone, Default)]
pub struct Rows<'a> {
    cells: Vec<&'a str>,
    rows: Vec<RowSpan<'a>>,
}

#[derive(Debug, Clone)]
struct RowSpan<'a> {
    line: u32,
    offset: usize,
    raw: &'a str,
    /// Indices of the row's cells in `Rows::cells`.
    cells: std::ops::Range<usize>,
}

impl<'a> Rows<'a> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows in source order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_, 'a>> + '_ {
        self.rows.iter().map(|r| Row {
            line: r.line,
            offset: r.offset,
            raw: r.raw,
            cells: &self.cells[r.cells.clone()],
        })
    }
}

impl<'a> Row<'_, 'a> {
    /// The cell at `i`, verbatim; empty past the end of the row.
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// Non-empty cells with their column index, trimmed.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
    }
}

/// Reads tab-separated text with the csv crate's parser (csv-core): no
/// quoting (the documents use `"` as ordinary text), rows of any length.
/// Blank rows are returned too so that callers can count every line.
///
/// The parser runs straight over the text in memory. `csv::Reader` would copy
/// the text through its own buffer and rebuild the parser's tables on every
/// call, which cost more than reading the rows did.
pub fn read_rows<'a>(file: &str, text: &'a str) -> Result<Rows<'a>, ImportError> {
    // Building the parser's tables costs about as much as reading a seed, so
    // each thread keeps one and resets it. (Cloning a built parser does not
    // work: csv-core 0.1 clones only part of its tables.)
    thread_local! {
        static PARSER: std::cell::RefCell<csv_core::Reader> = std::cell::RefCell::new(
            csv_core::ReaderBuilder::new()
                .delimiter(b'\t')
                .quoting(false)
                .build(),
        );
    }
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        parser.reset();
        read_rows_with(&mut parser, file, text)
    })
}

fn read_rows_with<'a>(
    parser: &mut csv_core::Reader,
    file: &str,
    text: &'a str,
) -> Result<Rows<'a>, ImportError> {
    let bytes = text.as_bytes();
    // About one row per 200 bytes in the seeds; a guess, not a limit.
    let mut rows = Rows {
        cells: Vec::with_capacity(text.len() / 64 + 1),
        rows: Vec::with_capacity(text.len() / 200 + 1),
    };
    // The parser copies each field out; only the field ends are used (a
    // field is its source bytes verbatim), so the copy goes to a scratch
    // buffer that is reused whenever it fills.
    let mut scratch = [0u8; 1024];
    let mut ends: Vec<usize> = vec![0; 32];
    // Line numbers are counted from byte offsets: the parser skips empty
    // lines without counting them. Only the bytes between two records (the
    // terminator and any blank lines) need looking at. A line ends at "\n",
    // "\r\n" or a lone "\r" (the parser ends records at all three).
    let (mut line, mut counted_to) = (1u32, 0usize);
    let mut pos = 0;
    loop {
        let record_from = pos;
        let mut n_ends = 0;
        loop {
            let (result, read, _, ended) =
                parser.read_record(&bytes[pos..], &mut scratch, &mut ends[n_ends..]);
            pos += read;
            n_ends += ended;
            match result {
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
                csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                // InputEmpty: the text is all in memory, so only its end is
                // left to read. OutputFull: a cell longer than the scratch
                // buffer; the field ends still count from the row's start.
                csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::OutputFull => {
                }
            }
        }
        if n_ends == 0 {
            break; // the end of the text
        }
        let mut start = record_from;
        // The parser drops a byte-order mark at the start of the text.
        if start == 0 && text.starts_with('\u{feff}') {
            start += '\u{feff}'.len_utf8();
        }
        // The record may start with blank lines the parser skipped.
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let between = &bytes[counted_to.min(start)..start];
        line += between
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && between.get(i + 1) != Some(&b'\n')))
            .count() as u32;
        // Without quoting a field is its bytes in the source verbatim, so the
        // cells can borrow the text: each starts one tab after the previous.
        // Checking that a tab (or the line's end) follows each one proves the
        // mapping.
        let first_cell = rows.cells.len();
        let mut at = start;
        let mut field_start = 0;
        for (k, &field_end) in ends[..n_ends].iter().enumerate() {
            let end = at + (field_end - field_start);
            field_start = field_end;
            let follows = bytes.get(end).copied();
            let aligned = if k + 1 < n_ends {
                follows == Some(b'\t')
            } else {
                matches!(follows, None | Some(b'\n' | b'\r'))
            };
            match text.get(at..end).filter(|_| aligned) {
                Some(c) => rows.cells.push(c),
                None => {
                    return Err(ImportError {
                        file: file.to_string(),
                        line: Some(line as u64),
                        column: Some((at - start) as u64 + 1),
                        message: "cell boundaries could not be located in the source text"
                            .to_string(),
                    })
                }
            }
            at = end + 1;
        }
        // `at` is one past the tab or line end that follows the last cell.
        let end = at.saturating_sub(1).max(start).min(text.len());
        counted_to = end;
        rows.rows.push(RowSpan {
            line,
            offset: start,
            raw: &text[start..end],
            cells: first_cell..rows.cells.len(),
        });
    }
    Ok(rows)
}

/// Collects the diagnostics of one dataset as they are found.
#[derive(Debug)]
pub(crate) struct Diags {
    dataset: String,
    pub list: Vec<Diagnostic>,
}

impl Diags {
    pub fn new(dataset: &str) -> Self {
        Diags {
            dataset: dataset.into(),
            // Room for the few dozen a typical map raises; more just grow.
            list: Vec::with_capacity(64),
        }
    }

    pub fn push(
        &mut self,
        line: Option<u32>,
        severity: Severity,
        class: &str,
        node: Option<&String>,
        message: impl Into<String>,
    ) {
        self.list.push(Diagnostic {
            dataset: self.dataset.clone(),
            line,
            severity,
            class: class.into(),
            message: message.into(),
            node: node.cloned(),
        });
    }
}

/// Copies each diagnostic's message onto the node it concerns and sorts the
/// dataset's diagnostics by line.
pub(crate) fn attach_diagnostics(ds: &mut Dataset) {
    ds.diagnostics
        .sort_by_key(|d| (d.line.unwrap_or(u32::MAX), d.severity));
    let mut by_node: rustc_hash::FxHashMap<&str, Vec<String>> = Default::default();
    for d in &ds.diagnostics {
        // How a code was spelt is for `mappa check`, not for every reader
        // of the entry.
        if d.class == "code-form" {
            continue;
        }
        if let Some(n) = d.node.as_deref() {
            by_node.entry(n).or_default().push(d.message.clone());
        }
    }
    for node in &mut ds.nodes {
        if let Some(msgs) = by_node.remove(node.id.as_str()) {
            node.diagnostics = msgs;
        }
    }
}

/// The built-in map: both seed datasets.
pub fn builtin() -> Map {
    let catalogo = catalogo::import("seeds/catalogo.tsv", CATALOGO_SEED)
        .expect("the catalogo seed is valid UTF-8 tab-separated text");
    let ptpc = ptpc::import("seeds/ptpc2019.tsv", PTPC_SEED)
        .expect("the ptpc2019 seed is valid UTF-8 tab-separated text");
    Map {
        datasets: vec![catalogo, ptpc],
    }
}

/// Loads the map: the built-in seeds when `files` is empty, otherwise each
/// file (a JSON export, or a tab-separated source recognised by its layout).
pub fn load(files: &[std::path::PathBuf]) -> Result<Map, ImportError> {
    if files.is_empty() {
        return Ok(builtin());
    }
    let mut map = Map::default();
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ImportError {
            file: name.clone(),
            line: None,
            column: None,
            message: format!("cannot read the file: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            ImportError {
                file: name.clone(),
                line: Some(upto.iter().filter(|&&b| b == b'\n').count() as u64 + 1),
                column: None,
                message: "the file is not valid UTF-8 text".to_string(),
            }
        })?;
        // Editors on Windows often save with a byte-order mark: not content.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let datasets = if text.trim_start().starts_with('{') || text.trim_start().starts_with('[') {
            json::parse(&name, text)?
        } else if text.contains("CODIFICA UNIONCAMERE") {
            vec![catalogo::import(&name, text)?]
        } else if text.contains("MACRO-PROCESSI") {
            vec![ptpc::import(&name, text)?]
        } else {
            return Err(ImportError {
                file: name,
                line: None,
                column: None,
                message: "unrecognised layout: expected a JSON export of mappa, or a catalogo \
                          (\"CODIFICA UNIONCAMERE\" header) or ptpc2019 (\"MACRO-PROCESSI\" header) \
                          tab-separated file"
                    .to_string(),
            });
        };
        for ds in datasets {
            if map.dataset(&ds.id).is_some() {
                return Err(ImportError {
                    file: name,
                    line: None,
                    column: None,
                    message: format!("dataset \"{}\" is already loaded from another file", ds.id),
                });
            }
            map.datasets.push(ds);
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the rows must be: lines (ended by "\n", "\r\n" or "\r") split at
    /// tabs, empty lines left out, line numbers counted from 1.
    fn split_plainly(text: &str) -> Vec<(u32, Vec<String>)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = Vec::new();
        let mut line = 0;
        for l in text.split('\n').flat_map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.split('\r')
        }) {
            line += 1;
            if !l.is_empty() {
                out.push((line, l.split('\t').map(String::from).collect()));
            }
        }
        out
    }

    fn read(text: &str) -> Vec<(u32, Vec<String>)> {
        let rows = read_rows("t", text).unwrap();
        rows.iter()
            .map(|r| (r.line, r.cells.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn rows_are_the_lines_split_at_tabs() {
        let long = "x".repeat(5000);
        let many = vec!["c"; 150].join("\t");
        let texts = [
            String::from("a\tb\nc\td\n"),
            String::from("\n\na\t\"b\"\t\n\r\n\t\tc\r\nlast without end"),
            format!("\u{feff}{long}\t{long}\n{many}\r{long}"),
            format!("{many}\n\n{many}\n"),
            String::from("à\tè\r\rì\t\tò\n"),
            String::new(),
        ];
        for t in &texts {
            assert_eq!(read(t), split_plainly(t), "{t:?}");
        }
        // The parser is reused: a second read starts afresh.
        assert_eq!(read(&texts[1]), split_plainly(&texts[1]));
        let row = &read_rows("t", &texts[2]).unwrap();
        let raws: Vec<&str> = row.iter().map(|r| r.raw).collect();
        assert_eq!(
            raws,
            [format!("{long}\t{long}"), many.clone(), long.clone()]
        );
    }
}

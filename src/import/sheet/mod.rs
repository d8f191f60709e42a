//! Reader for a chamber's own spreadsheet: a workbook (xlsx, xlsm, xls,
//! ods) or a CSV/TSV file, told apart by content. The table is found
//! below any title block by the wording of its header; it holds codes in
//! a column or one column per level. Every row after the header becomes
//! an entry or a diagnostic, and every diagnostic names its cell
//! (`Mappatura!C12`).
//!
//! One module per job: [`sniff`] (what the file is), [`decode`] and
//! [`delimited`] (text files), [`workbook`] (calamine), [`grid`] (a
//! sheet's cells), [`fields`] (the synonym table), [`header`] (finding
//! the table), [`columns`] (what a person says instead), [`codes`] (how
//! the sheet writes its codes), [`by_code`] and [`by_level`] (the two
//! layouts), [`places`] (cells for diagnostics). The columns no field reads
//! are kept with each entry as its extra fields.

mod by_code;
mod by_level;
mod codes;
pub mod columns;
mod decode;
mod delimited;
pub mod fields;
mod grid;
mod header;
mod messages;
mod places;
mod reading;
mod repeats;
mod sniff;
mod workbook;

pub use columns::{settings_file, SheetOptions, SpecError};
pub use header::HEADER_SEARCH_ROWS;
pub use sniff::{kind, Kind};

use super::text::quote;
use super::{attach_diagnostics, ImportError};
use crate::model::{Dataset, DiagClass, Severity};
use fields::Field;
use grid::Grid;
use header::Table;
use reading::Reading;

/// The file being read: its name for messages, its stem (the sheet name of
/// a CSV file) and its bytes.
pub struct SheetFile<'a> {
    pub name: &'a str,
    pub stem: &'a str,
    pub bytes: std::borrow::Cow<'a, [u8]>,
}

/// Reads a spreadsheet into the dataset `dataset`.
pub fn import(
    mut file: SheetFile,
    dataset: &str,
    opts: &SheetOptions,
) -> Result<Dataset, ImportError> {
    let name = file.name;
    let found = match kind(&file.bytes) {
        Kind::Other(what) => {
            return Err(ImportError::NotAMap {
                file: name.into(),
                what: what.into(),
            })
        }
        Kind::Encrypted => return Err(ImportError::Encrypted { file: name.into() }),
        Kind::Text => {
            let bytes = std::mem::take(&mut file.bytes);
            text_table(&file, bytes, opts)?
        }
        k => workbook_table(&file, k, opts)?,
    };
    Ok(build(&file, dataset, found))
}

/// A sheet with its table found, and what was noticed on the way.
struct Found {
    grid: Grid,
    table: Table,
    errors: Vec<(usize, usize)>,
    /// Notes on the file as a whole (an assumed encoding, an option that
    /// does not apply).
    notes: Vec<(DiagClass, String)>,
    /// The cell (grid row, column) a quote left open may have swallowed
    /// rows into.
    swallowed: Option<(usize, usize)>,
}

/// An option that cannot be used, said where it was said: at its line of
/// the settings file, or `--columns`; after `sheet` (`sheet "Mappa", `, or
/// nothing for a text file).
fn spec_error(file: &str, sheet: &str) -> impl Fn(SpecError) -> ImportError {
    let (file, sheet) = (file.to_string(), sheet.to_string());
    move |e| ImportError::Settings {
        file: file.clone(),
        from: format!("{sheet}{}", e.origin.as_deref().unwrap_or("--columns")),
        message: e.message,
    }
}

/// The table of a delimited text file, whose `bytes` it takes (they become
/// the grid's text).
fn text_table(
    file: &SheetFile,
    bytes: std::borrow::Cow<[u8]>,
    opts: &SheetOptions,
) -> Result<Found, ImportError> {
    let (text, encoding) = decode::decode(bytes);
    let delimiter = delimited::sniff(&text);
    let split = delimited::read(text, file.stem, delimiter).map_err(|e| ImportError::Invalid {
        file: file.name.into(),
        line: e.position().map(|p| p.line()),
        message: format!("not readable as delimited text: {e}"),
    })?;
    if split.grid.rows() == 0 {
        return Err(ImportError::Empty {
            file: file.name.into(),
            what: "the file has no text".into(),
        });
    }
    let table = header::find(&split.grid, opts)
        .map_err(spec_error(file.name, ""))?
        .ok_or_else(|| no_header(file.name, "the file".into()))?;
    let swallowed = delimited::swallowed_rows(&split, delimiter);
    Ok(Found {
        grid: split.grid,
        table,
        errors: Vec::new(),
        notes: text_notes(file, opts, encoding.note()),
        swallowed,
    })
}

/// What a delimited file's reader assumed or ignored: the encoding, and a
/// `--sheet` naming another sheet than the file's one (it applies to every
/// spreadsheet given, so it is a note here, not an error).
fn text_notes(
    file: &SheetFile,
    opts: &SheetOptions,
    encoding: Option<&'static str>,
) -> Vec<(DiagClass, String)> {
    let mut notes: Vec<(DiagClass, String)> = encoding
        .map(|n| (DiagClass::Encoding, n.to_string()))
        .into_iter()
        .collect();
    if opts.sheet.as_deref().is_some_and(|s| s != file.stem) {
        notes.push((
            DiagClass::SheetIgnored,
            format!(
                "{} non si applica: un file di testo delimitato ha un solo foglio, letto per intero",
                opts.sheet_said()
            ),
        ));
    }
    notes
}

fn no_header(file: &str, looked: String) -> ImportError {
    ImportError::NoHeader {
        file: file.into(),
        looked,
        fields: fields::looked_for(),
    }
}

fn workbook_table(file: &SheetFile, k: Kind, opts: &SheetOptions) -> Result<Found, ImportError> {
    let name = file.name;
    let limit = opts.max_file.bytes();
    let mut book = workbook::Workbook::open(&file.bytes, k, limit).map_err(|e| match e {
        workbook::OpenError::Encrypted => ImportError::Encrypted { file: name.into() },
        workbook::OpenError::Unreadable(message) | workbook::OpenError::TooLarge(message) => {
            ImportError::Workbook {
                file: name.into(),
                message,
            }
        }
    })?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ImportError::Empty {
            file: name.into(),
            what: "the workbook has no sheets".into(),
        });
    }
    let chosen: Vec<String> = match &opts.sheet {
        Some(want) => {
            let exact = names.iter().find(|n| *n == want);
            let found = exact.or_else(|| {
                names
                    .iter()
                    .find(|n| n.to_lowercase() == want.to_lowercase())
            });
            let missing = || match &opts.sheet_origin {
                // Said where the settings file says it.
                Some(at) => ImportError::Settings {
                    file: name.into(),
                    from: at.clone(),
                    message: format!(
                        "the workbook has no sheet \"{want}\"; its sheets are: {}",
                        names.join(", ")
                    ),
                },
                None => ImportError::NoSuchSheet {
                    file: name.into(),
                    sheet: want.clone(),
                    sheets: names.join(", "),
                },
            };
            vec![found.ok_or_else(missing)?.clone()]
        }
        None => names.clone(),
    };
    let refused = |sheet: &str, message: String| ImportError::Workbook {
        file: name.into(),
        message: format!("sheet \"{sheet}\": {message}"),
    };
    let mut looked = Vec::new();
    // A sheet past a limit, said as it is if no other sheet holds the map.
    let mut too_large = None;
    for sheet in &chosen {
        let read = match book.sheet(sheet, limit) {
            Ok(r) => r,
            // A chart sheet or the like: the next sheet may hold the map.
            Err(workbook::SheetError::Unreadable(message)) if opts.sheet.is_none() => {
                looked.push(format!("\"{sheet}\" (unreadable: {message})"));
                continue;
            }
            Err(workbook::SheetError::TooLarge(message)) if opts.sheet.is_none() => {
                too_large.get_or_insert_with(|| refused(sheet, message));
                continue;
            }
            Err(
                workbook::SheetError::Unreadable(message) | workbook::SheetError::TooLarge(message),
            ) => return Err(refused(sheet, message)),
        };
        let blank = (0..read.grid.rows()).all(|r| read.grid.is_blank(r));
        if blank {
            looked.push(format!("\"{sheet}\" (empty)"));
            continue;
        }
        let from = format!("sheet \"{sheet}\", ");
        if let Some(table) = header::find(&read.grid, opts).map_err(spec_error(name, &from))? {
            return Ok(Found {
                grid: read.grid,
                table,
                errors: read.errors,
                notes: Vec::new(),
                swallowed: None,
            });
        }
        looked.push(format!("\"{sheet}\""));
    }
    if let Some(e) = too_large {
        return Err(e);
    }
    if looked.iter().all(|l| l.ends_with("(empty)")) {
        return Err(ImportError::Empty {
            file: name.into(),
            what: format!("every sheet is empty ({})", chosen.join(", ")),
        });
    }
    Err(no_header(name, format!("sheet {}", looked.join(", "))))
}

fn build(file: &SheetFile, dataset: &str, found: Found) -> Dataset {
    let Found {
        mut grid,
        table,
        errors,
        notes,
        swallowed,
    } = found;
    // The nodes are made from this grid's cells: they point into its text.
    grid.keep();
    let mut rd = Reading::new(&grid, &table, dataset);
    for (class, note) in notes {
        rd.diags.push(None, Severity::Info, class, None, note);
    }
    if let Some((r, c)) = swallowed {
        rd.push(
            r,
            Some(c),
            Severity::Warning,
            DiagClass::UnclosedQuote,
            None,
            "la cella va a capo su righe che contengono il separatore: forse virgolette non chiuse, e le righe seguenti sono lette come testo di questa cella".to_string(),
        );
    }
    let title = title_block(&mut rd);
    unread_columns(&mut rd);
    steps_beside_levels(&mut rd);
    code_scheme(&mut rd);
    for &(r, c) in errors.iter().filter(|(r, _)| *r >= table.first_data_row()) {
        let text = grid.cell(r, c).to_string();
        rd.push(
            r,
            Some(c),
            Severity::Warning,
            DiagClass::CellError,
            None,
            format!("la cella contiene un errore del foglio di calcolo ({text}): letta come testo"),
        );
    }
    let (nodes, parent_index) = if table.levels().is_empty() {
        by_code::read(&mut rd)
    } else {
        by_level::read(&mut rd)
    };
    let Reading { mut diags, at, .. } = rd;
    places::assign(&mut diags.list, &at, &grid, &table);
    let mut ds = Dataset {
        id: dataset.to_string(),
        title: title.unwrap_or_else(|| grid.sheet.clone()),
        source: file.name.to_string(),
        nodes,
        diagnostics: diags.list,
        loaded_from: None,
        parent_index,
    };
    attach_diagnostics(&mut ds);
    ds
}

/// The rows above the header: the table's title (the dataset's title is
/// its first line), said once so that nothing there goes unseen.
fn title_block(rd: &mut Reading) -> Option<String> {
    let h = rd.table.header?;
    let grid = rd.grid;
    let lines: Vec<(usize, String)> = (0..h)
        .filter(|&r| !grid.is_blank(r))
        .map(|r| {
            let cells: Vec<&str> = (0..grid.width())
                .map(|c| grid.trimmed(r, c))
                .filter(|t| !t.is_empty())
                .collect();
            (r, cells.join(" — "))
        })
        .collect();
    let (first, _) = *lines.first()?;
    let quoted: Vec<String> = lines
        .iter()
        .map(|(r, t)| format!("riga {}: \"{}\"", grid.row_number(*r), quote(t)))
        .collect();
    rd.push(
        first,
        Some(0),
        Severity::Info,
        DiagClass::TitleRows,
        None,
        format!(
            "intestazione della tabella alla riga {}; le righe sopra sono il titolo, non voci: {}",
            grid.row_number(h),
            quoted.join("; ")
        ),
    );
    lines.into_iter().next().map(|(_, t)| t)
}

/// Columns no field reads: named in the header (kept as the entries'
/// extra fields, said in one note) or with no header but text below it (a
/// warning: that text is not imported).
fn unread_columns(rd: &mut Reading) {
    let grid = rd.grid;
    let first = rd.table.first_data_row();
    let letters_of = |c: usize| crate::model::place::column_letters(grid.column_number(c));
    if let (Some(h), Some(&(c0, _))) = (rd.table.header, rd.table.extra.first()) {
        let named: Vec<String> = rd
            .table
            .extra
            .iter()
            .map(|(c, name)| format!("{} \"{}\"", letters_of(*c), quote(name)))
            .collect();
        rd.push(
            h,
            Some(c0),
            Severity::Info,
            DiagClass::UnmappedColumn,
            None,
            messages::extra_columns(&named, &letters_of(c0)),
        );
    }
    for c in 0..grid.width() {
        if rd.table.columns.iter().any(|&(_, k)| k == c) {
            continue;
        }
        let letters = letters_of(c);
        let heading = rd.table.header.map_or("", |h| grid.trimmed(h, c));
        if rd.table.header.is_some() && !heading.is_empty() {
            continue;
        }
        let filled: Vec<usize> = (first..grid.rows())
            .filter(|&r| !grid.trimmed(r, c).is_empty())
            .collect();
        if let Some(&r) = filled.first() {
            rd.push(
                r,
                Some(c),
                Severity::Warning,
                DiagClass::UnmappedColumn,
                None,
                format!(
                    "colonna {letters} senza intestazione, con testo in {} righe: non importata \
                     (--columns CAMPO={letters} per leggerla)",
                    filled.len()
                ),
            );
        }
    }
}

/// Columns headed "Attività" or "Azioni" beside the levels, read as the
/// steps of the row's entry (their cells are lists of steps): said, since
/// the same words head a level in other sheets.
fn steps_beside_levels(rd: &mut Reading) {
    let Some(h) = rd.table.header else { return };
    for c in rd.table.steps_beside_levels.clone() {
        let letters = crate::model::place::column_letters(rd.grid.column_number(c));
        let heading = rd.grid.trimmed(h, c);
        rd.push(
            h,
            Some(c),
            Severity::Info,
            DiagClass::DetailColumn,
            None,
            messages::steps_beside_levels(&letters, heading),
        );
    }
}

/// How the sheet writes its codes, read from the cells codes are in (the
/// code column, else the titles; in a sheet of level columns, those too):
/// one letter or Roman numerals are codes only when the sheet shows them
/// so, and that is said.
fn code_scheme(rd: &mut Reading) {
    let (grid, table) = (rd.grid, rd.table);
    let first = table.first_data_row();
    let mut columns: Vec<usize> = table.levels().iter().map(|&(_, c)| c).collect();
    match (table.column(Field::Code), table.column(Field::Title)) {
        (Some(c), _) => columns.insert(0, c),
        (None, Some(c)) if columns.is_empty() => columns.push(c),
        _ => {}
    }
    // Row by row: a scheme is read in the order of the rows.
    let columns = &columns;
    let cells = (first..grid.rows())
        .flat_map(move |r| columns.iter().map(move |&c| (r, grid.trimmed(r, c))));
    let inferred = codes::infer(cells);
    rd.codes = inferred.scheme;
    if let Some((r, message)) = inferred.note {
        rd.push(
            r,
            columns.first().copied(),
            Severity::Info,
            DiagClass::CodeScheme,
            None,
            message,
        );
    }
}

//! A workbook (xlsx, xlsm, xls, ods) opened with calamine, its sheets read
//! into grids: cells as text (numbers as a spreadsheet writes them), merged
//! regions applied, cells holding an error noted.

use super::grid::Grid;
use super::sniff::Kind;
use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, Xls, Xlsx};
use std::fmt::Write;
use std::io::Cursor;

type Bytes<'a> = Cursor<&'a [u8]>;

pub enum Workbook<'a> {
    /// With whether any worksheet has merged cells (found once, lazily).
    Xlsx(Box<Xlsx<Bytes<'a>>>, &'a [u8], Option<bool>),
    Xls(Box<Xls<Bytes<'a>>>),
    Ods(Box<Ods<Bytes<'a>>>),
}

/// Why a workbook could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Saved with a password to open it.
    Encrypted,
    /// Not a workbook after all, or a damaged one: calamine's words.
    Unreadable(String),
    /// Beyond a limit on what a map may weigh: our words.
    TooLarge(String),
}

/// Why a sheet could not be read.
#[derive(Debug)]
pub enum SheetError {
    /// Not a worksheet (a chart sheet) or damaged: calamine's words.
    Unreadable(String),
    /// Beyond a limit on what a map may weigh: our words.
    TooLarge(String),
}

/// A sheet read into a grid, with the cells that hold an error.
pub struct Sheet {
    pub grid: Grid,
    /// (grid row, grid column) of each cell holding `#N/A`, `#REF!`, ...
    pub errors: Vec<(usize, usize)>,
}

impl<'a> Workbook<'a> {
    /// The workbook in `bytes`, refused when its sheets would hold more
    /// than `limit` bytes written out where that can be told before
    /// calamine writes them out (an ods file's repeated cells).
    pub fn open(bytes: &'a [u8], kind: Kind, limit: u64) -> Result<Workbook<'a>, OpenError> {
        if matches!(kind, Kind::Ods | Kind::Zip) {
            refuse_bombs(bytes)?;
        }
        if kind == Kind::Ods {
            refuse_repeats(bytes, limit)?;
        }
        let rs = || Cursor::new(bytes);
        let opened = match kind {
            Kind::Ods => Ods::new(rs())
                .map(|b| Workbook::Ods(Box::new(b)))
                .map_err(|e| match e {
                    calamine::OdsError::Password => OpenError::Encrypted,
                    e => OpenError::Unreadable(e.to_string()),
                }),
            Kind::Xls => Xls::new(rs())
                .map(|b| Workbook::Xls(Box::new(b)))
                .map_err(|e| OpenError::Unreadable(e.to_string())),
            _ => Xlsx::new(rs())
                .map(|b| Workbook::Xlsx(Box::new(b), bytes, None))
                .map_err(|e| match e {
                    calamine::XlsxError::Password => OpenError::Encrypted,
                    e => OpenError::Unreadable(e.to_string()),
                }),
        };
        opened
    }

    /// The worksheets' names, in the workbook's order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Workbook::Xlsx(b, ..) => b.sheet_names(),
            Workbook::Xls(b) => b.sheet_names(),
            Workbook::Ods(b) => b.sheet_names(),
        }
    }

    /// The sheet `name` as a grid, refused when its cells hold more than
    /// `limit` bytes of text (see [`to_sheet`]).
    pub fn sheet(&mut self, name: &str, limit: u64) -> Result<Sheet, SheetError> {
        match self {
            Workbook::Xlsx(b, bytes, any) => {
                // calamine finds merged regions by parsing the whole sheet a
                // second time (a third of the reading of a large one): only
                // when some sheet has them.
                let any = *any.get_or_insert_with(|| any_merges(bytes));
                let merges = if any {
                    b.merge_cells_by_sheet_name(name).unwrap_or_default()
                } else {
                    Vec::new()
                };
                xlsx_sheet(b, name, &merges, limit)
            }
            Workbook::Xls(b) => {
                let merges = b.merge_cells_by_sheet_name(name).unwrap_or_default();
                let range = b
                    .worksheet_range(name)
                    .map_err(|e| SheetError::Unreadable(e.to_string()))?;
                to_sheet(name, &range, &merges, text_of, limit)
            }
            // calamine reads an ods sheet's covered cells as empty, which
            // is what "the same as above" needs in level columns.
            Workbook::Ods(b) => {
                let range = b
                    .worksheet_range(name)
                    .map_err(|e| SheetError::Unreadable(e.to_string()))?;
                to_sheet(name, &range, &[], text_of, limit)
            }
        }
    }
}

/// The most cells a sheet's used range may span: a stray cell far away
/// (XFD1048576) would otherwise make a grid of billions of cells.
const MAX_CELLS: u64 = 20_000_000;

/// An xlsx sheet's non-empty cells as a grid, made from the cells as
/// they are read, not through calamine's range (which allocates every
/// cell of the rectangle they span). Refused when the cells span more than
/// [`MAX_CELLS`], or hold more than `limit` bytes of text once each is
/// written out: a text the workbook stores once (its shared strings) and
/// shows in many cells counts in each, though the grid holds a long one
/// once (one 21 KB text in 50,000 cells is 1 GB of cells, and 21 KB here).
fn xlsx_sheet(
    book: &mut Xlsx<Bytes<'_>>,
    name: &str,
    merges: &[Dimensions],
    limit: u64,
) -> Result<Sheet, SheetError> {
    let unreadable = |e: calamine::XlsxError| SheetError::Unreadable(e.to_string());
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet, say: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => {
            return Ok(Sheet {
                grid: Grid::new(name, 0, 1, 0, 0),
                errors: Vec::new(),
            })
        }
        Err(e) => return Err(unreadable(e)),
    };
    let mut cells = Vec::new();
    let (mut low, mut high) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    // The text the cells hold written out, and what the grid will hold.
    let (mut expanded, mut held) = (0u64, 0u64);
    let mut long_seen = rustc_hash::FxHashSet::default();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        low = (low.0.min(r), low.1.min(c));
        high = (high.0.max(r), high.1.max(c));
        let span = (u64::from(high.0 - low.0) + 1) * (u64::from(high.1 - low.1) + 1);
        if span > MAX_CELLS {
            return Err(SheetError::TooLarge(format!(
                "its cells reach {}{} — a table of {} rows by {} columns, more than a map may span; delete the stray cells or name another sheet with --sheet",
                crate::model::place::column_letters(c),
                r + 1,
                high.0 - low.0 + 1,
                high.1 - low.1 + 1
            )));
        }
        let len = text_len_of_ref(value);
        expanded += len;
        if expanded > limit {
            return Err(SheetError::TooLarge(too_much_text(limit, r, c)));
        }
        held += match value {
            DataRef::SharedString(s) if s.len() >= HELD_ONCE_FROM => {
                if long_seen.insert(s.as_ptr() as usize) {
                    len
                } else {
                    0
                }
            }
            _ => len,
        };
        cells.push(cell);
    }
    // In the order of the rows, as a sheet's XML has them (sorted if a
    // writer did otherwise); of two cells at one place, the last is read,
    // as calamine's range does.
    let position = |c: &calamine::Cell<DataRef>| c.get_position();
    if !cells.windows(2).all(|w| position(&w[0]) <= position(&w[1])) {
        cells.sort_by_key(position);
    }
    let (row0, col0) = match cells.is_empty() {
        true => (0, 0),
        false => low,
    };
    let height = match cells.is_empty() {
        true => 0,
        false => (high.0 - low.0) as usize + 1,
    };
    let width = match cells.is_empty() {
        true => 1,
        false => (high.1 - low.1) as usize + 1,
    };
    // Rows hold their cells up to their last one; every row reaches the
    // merged regions' first columns, which it may read from above.
    let reach = merges
        .iter()
        .map(|m| m.start.1.min(m.end.1))
        .filter(|&c| c >= col0)
        .map(|c| (c - col0) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut grid = Grid::new(
        name,
        col0,
        width,
        height,
        held.min(u64::from(u32::MAX)) as usize,
    );
    let mut errors = Vec::new();
    let mut held_at: rustc_hash::FxHashMap<usize, (u32, u32)> = Default::default();
    let mut next = cells.iter().peekable();
    for r in 0..height {
        grid.start_row(row0 + r as u32 + 1);
        let mut filled = 0usize;
        while let Some(cell) = next.next_if(|c| (c.get_position().0 - row0) as usize == r) {
            let c = (cell.get_position().1 - col0) as usize;
            // A later cell at the same place: it replaces this one.
            if next
                .peek()
                .is_some_and(|n| n.get_position() == cell.get_position())
            {
                continue;
            }
            while filled < c {
                grid.push_empty();
                filled += 1;
            }
            let value = cell.get_value();
            match value {
                DataRef::SharedString(s) if s.len() >= HELD_ONCE_FROM => {
                    match held_at.get(&(s.as_ptr() as usize)) {
                        Some(&span) => grid.push_span_again(span),
                        None => {
                            grid.push_with(|out| out.push_str(s));
                            held_at.insert(s.as_ptr() as usize, grid.last_span());
                        }
                    }
                }
                _ => {
                    let mut error = false;
                    grid.push_with(|out| error = text_of_ref(value, out));
                    if error {
                        errors.push((r, c));
                    }
                }
            }
            filled += 1;
        }
        while filled < reach {
            grid.push_empty();
            filled += 1;
        }
    }
    let mut grid = grid.finish();
    merge(&mut grid, merges, row0, col0);
    Ok(Sheet { grid, errors })
}

/// Texts a workbook stores once of this many bytes or more are held once
/// in the grid however many cells show them (shorter ones are copied:
/// looking each up would cost more than the copy).
const HELD_ONCE_FROM: usize = 256;

/// The bytes of text a cell holds written out (a number at most 24).
fn text_len_of_ref(cell: &DataRef) -> u64 {
    match cell {
        DataRef::SharedString(s) => s.len() as u64,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len() as u64,
        DataRef::Empty => 0,
        _ => 24,
    }
}

/// Applies the merged regions `merges` (sheet coordinates) to `grid`,
/// whose first cell is sheet row `row0`, column `col0`.
fn merge(grid: &mut Grid, merges: &[Dimensions], row0: u32, col0: u32) {
    for m in merges {
        // A region written bottom to top (A4:A1) is the same region.
        let (r0, r1) = (m.start.0.min(m.end.0), m.start.0.max(m.end.0));
        let c0 = m.start.1.min(m.end.1);
        if r0 >= row0 && c0 >= col0 {
            grid.merge_down(
                (r0 - row0) as usize,
                (c0 - col0) as usize,
                (r1 - row0) as usize,
            );
        }
    }
}

/// A zip workbook (xlsx, ods) whose parts expand beyond what a map may
/// weigh is refused before the XML reader holds a part in memory (a few
/// MB of zip can hold gigabytes of text).
fn refuse_bombs(bytes: &[u8]) -> Result<(), OpenError> {
    const LIMIT: u64 = crate::import::load::DEFAULT_MAX_FILE_MB * 1024 * 1024;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
        if total > LIMIT {
            return Err(OpenError::Unreadable(format!(
                "its parts expand to more than {} MB (\"{}\" alone to {} MB): beyond what a map may weigh",
                crate::import::load::DEFAULT_MAX_FILE_MB,
                crate::text::clean(&entry.name().map(|n| n.into_owned()).unwrap_or_default()),
                entry.size() / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// An ods file whose repeated rows and cells (which calamine writes out
/// one by one as it opens the file) would hold more than `limit` bytes in
/// some sheet: refused naming the sheet, before calamine reads it.
fn refuse_repeats(bytes: &[u8], limit: u64) -> Result<(), OpenError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    match super::repeats::sheet_past(content, limit) {
        Ok(Some((sheet, bytes))) => Err(OpenError::TooLarge(format!(
            "sheet \"{}\": its cells hold more than {} MB once written out ({} MB: a cell or a row \
             the file repeats counts once for each time it is repeated): beyond what a map may \
             weigh; {} raises the limit",
            crate::text::clean(&sheet),
            limit / (1024 * 1024),
            bytes / (1024 * 1024),
            crate::import::load::MAX_FILE_MB_VAR
        ))),
        // Damaged XML or a damaged part: calamine says what is wrong.
        Ok(None) | Err(_) => Ok(()),
    }
}

/// Whether any worksheet of an xlsx archive names merged cells: its XML
/// holds a `<mergeCell` element. Unreadable entries count as having them
/// (calamine will then say what is wrong).
fn any_merges(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            return true;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        match holds(&mut entry, b"<mergeCell") {
            Ok(false) => {}
            Ok(true) | Err(_) => return true,
        }
    }
    false
}

/// Whether `reader` holds `needle`, read a piece at a time (a sheet's XML
/// may be far larger than its compressed file).
fn holds(reader: &mut impl std::io::Read, needle: &[u8]) -> std::io::Result<bool> {
    const PIECE: usize = 1 << 16;
    let keep = needle.len() - 1;
    let mut buf = vec![0u8; PIECE + keep];
    let mut kept = 0;
    loop {
        let n = reader.read(&mut buf[kept..])?;
        if n == 0 {
            return Ok(false);
        }
        let filled = kept + n;
        if memchr::memmem::find(&buf[..filled], needle).is_some() {
            return Ok(true);
        }
        // The last bytes may begin the needle: they stay for the next piece.
        kept = keep.min(filled);
        buf.copy_within(filled - kept..filled, 0);
    }
}

/// Writes a cell's text into `out`; true when the cell holds an error.
type TextOf<T> = fn(&T, &mut String) -> bool;

/// The grid of a sheet's `range`, refused past `limit` bytes of text (the
/// limit on a file's size, which [`crate::import::FileLimit`] keeps under 4 GB: a
/// cell's place in the grid's text is 32 bits). An xlsx file stores a text repeated in many cells once (its
/// shared strings, which the range borrows), and a grid holds it in each: a
/// few KB of file can be gigabytes of cells. (For xls and ods, calamine has
/// already written out each cell's text by the time the range is here.)
fn to_sheet<T: calamine::CellType>(
    name: &str,
    range: &Range<T>,
    merges: &[Dimensions],
    text: TextOf<T>,
    limit: u64,
) -> Result<Sheet, SheetError> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    // Room for the text of a full sheet, up to 64 MB (more is grown into).
    let text_hint = height.saturating_mul(width).saturating_mul(16).min(1 << 26);
    let mut grid = Grid::new(name, col0, width.max(1), height, text_hint);
    let mut errors = Vec::new();
    for (r, row) in range.rows().enumerate() {
        grid.start_row(row0 + r as u32 + 1);
        for (c, cell) in row.iter().enumerate() {
            let mut error = false;
            grid.push_with(|out| error = text(cell, out));
            if error {
                errors.push((r, c));
            }
            if grid.text_len() as u64 > limit {
                let (r, c) = (row0 + r as u32, col0 + c as u32);
                return Err(SheetError::TooLarge(too_much_text(limit, r, c)));
            }
        }
    }
    let mut grid = grid.finish();
    merge(&mut grid, merges, row0, col0);
    Ok(Sheet { grid, errors })
}

/// Why a sheet whose text passed `limit` at sheet cell (`r`, `c`), from
/// 0, is refused.
fn too_much_text(limit: u64, r: u32, c: u32) -> String {
    let mb = limit / (1024 * 1024);
    format!(
        "its cells hold more than {mb} MB of text once each is written out (a text the \
         workbook stores once counts in every cell that shows it), reached at {}{}: \
         beyond what a map may weigh; {} raises the limit",
        crate::model::place::column_letters(c),
        r + 1,
        crate::import::load::MAX_FILE_MB_VAR
    )
}

fn text_of(cell: &Data, out: &mut String) -> bool {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Empty => {}
        Data::Error(e) => {
            let _ = write!(out, "{e}");
            return true;
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
    false
}

fn text_of_ref(cell: &DataRef, out: &mut String) -> bool {
    match cell {
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => {
            let _ = write!(out, "{f}");
        }
        DataRef::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        DataRef::DateTime(d) => {
            let _ = write!(out, "{d}");
        }
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
            return true;
        }
        DataRef::Empty => {}
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_needle_split_across_pieces_is_found() {
        let mut text = vec![b' '; (1 << 16) - 3];
        text.extend_from_slice(b"<mergeCell ref=\"A1:A2\"/>");
        assert!(super::holds(&mut &text[..], b"<mergeCell").unwrap());
        assert!(!super::holds(&mut &text[..text.len() - 30], b"<mergeCell").unwrap());
        assert!(!super::holds(&mut &b""[..], b"<mergeCell").unwrap());
    }
}

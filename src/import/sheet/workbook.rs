//! A workbook (xlsx, xlsm, xls, ods) opened with calamine, its sheets read
//! into grids: cells as text (numbers as a spreadsheet writes them), merged
//! regions applied, cells holding an error noted.

use super::grid::Grid;
use super::sniff::Kind;
use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, ReaderRef, Xls, Xlsx};
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
}

/// A sheet read into a grid, with the cells that hold an error.
pub struct Sheet {
    pub grid: Grid,
    /// (grid row, grid column) of each cell holding `#N/A`, `#REF!`, ...
    pub errors: Vec<(usize, usize)>,
}

impl<'a> Workbook<'a> {
    pub fn open(bytes: &'a [u8], kind: Kind) -> Result<Workbook<'a>, OpenError> {
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

    /// The sheet `name` as a grid.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, String> {
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
                let range = b.worksheet_range_ref(name).map_err(|e| e.to_string())?;
                Ok(to_sheet(name, &range, &merges, text_of_ref))
            }
            Workbook::Xls(b) => {
                let merges = b.merge_cells_by_sheet_name(name).unwrap_or_default();
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                Ok(to_sheet(name, &range, &merges, text_of))
            }
            // calamine reads an ods sheet's covered cells as empty, which
            // is what "the same as above" needs in level columns.
            Workbook::Ods(b) => {
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                Ok(to_sheet(name, &range, &[], text_of))
            }
        }
    }
}

/// Whether any worksheet of an xlsx archive names merged cells: its XML
/// holds a `<mergeCell` element. Unreadable entries count as having them
/// (calamine will then say what is wrong).
fn any_merges(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let mut xml = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            return true;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        xml.clear();
        if entry.read_to_end(&mut xml).is_err()
            || memchr::memmem::find(&xml, b"<mergeCell").is_some()
        {
            return true;
        }
    }
    false
}

/// Writes a cell's text into `out`; true when the cell holds an error.
type TextOf<T> = fn(&T, &mut String) -> bool;

fn to_sheet<T: calamine::CellType>(
    name: &str,
    range: &Range<T>,
    merges: &[Dimensions],
    text: TextOf<T>,
) -> Sheet {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    let mut grid = Grid::new(name, col0, width.max(1), height, height * width * 16);
    let mut errors = Vec::new();
    for (r, row) in range.rows().enumerate() {
        grid.start_row(row0 + r as u32 + 1);
        for (c, cell) in row.iter().enumerate() {
            let mut error = false;
            grid.push_with(|out| error = text(cell, out));
            if error {
                errors.push((r, c));
            }
        }
    }
    let mut grid = grid.finish();
    for m in merges {
        let (r0, c0) = m.start;
        let (r1, _) = m.end;
        if r0 >= row0 && c0 >= col0 {
            grid.merge_down(
                (r0 - row0) as usize,
                (c0 - col0) as usize,
                (r1 - row0) as usize,
            );
        }
    }
    Sheet { grid, errors }
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

//! What both layouts share while they read a sheet's rows: the grid, the
//! table found in it, the diagnostics with the column each is about, and
//! which rows are data.

use super::fields::Field;
use super::grid::{Grid, GridRow};
use super::header::Table;
use crate::import::text::quote;
use crate::import::Diags;
use crate::model::{DiagClass, Severity};
use rustc_hash::FxHashMap;

pub struct Reading<'g> {
    pub grid: &'g Grid,
    pub table: &'g Table,
    pub dataset: &'g str,
    pub diags: Diags,
    /// The grid column of a diagnostic, by its index in `diags`; the
    /// others get one from their class (see [`super::places`]).
    pub at: FxHashMap<usize, usize>,
    /// The column of each field other than the levels (looked up for
    /// every cell of every row: an array, not a search).
    plain: [Option<usize>; PLAIN.len()],
    /// Whether each grid column is read by some field.
    read: Vec<bool>,
    /// The header's cells, trimmed (every row is compared with them).
    header_cells: Vec<&'g str>,
}

/// The fields other than the levels, in the order of `Reading::plain`.
const PLAIN: [Field; 9] = [
    Field::Code,
    Field::Title,
    Field::Name,
    Field::Input,
    Field::Output,
    Field::Activities,
    Field::Role,
    Field::Area,
    Field::Servizio,
];

/// What a row after the header is.
pub enum RowKind {
    /// No text at all: not an entry, nothing to say.
    Blank,
    /// Text only in columns no field reads.
    Unread,
    /// The header again.
    Header,
    Data,
}

impl<'g> Reading<'g> {
    pub fn new(grid: &'g Grid, table: &'g Table, dataset: &'g str) -> Self {
        let mut read = vec![false; grid.width()];
        for &(_, c) in &table.columns {
            if let Some(slot) = read.get_mut(c) {
                *slot = true;
            }
        }
        Reading {
            grid,
            table,
            dataset,
            diags: Diags::new(dataset),
            at: FxHashMap::default(),
            plain: PLAIN.map(|f| table.column(f)),
            read,
            header_cells: match table.header {
                Some(h) => (0..grid.width()).map(|c| grid.trimmed(h, c)).collect(),
                None => Vec::new(),
            },
        }
    }

    /// The cell of `field` on grid row `r`, trimmed; empty when the sheet
    /// has no such column.
    pub fn cell(&self, r: usize, field: Field) -> &'g str {
        self.cell_of(self.grid.row(r), field)
    }

    /// The cell of `field` in `row` (one of this sheet's), trimmed.
    pub fn cell_of(&self, row: GridRow<'g>, field: Field) -> &'g str {
        match self.column_of(field) {
            Some(c) => row.trimmed(c),
            None => "",
        }
    }

    /// The grid column of `field`, if the sheet has one.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        // The index in `PLAIN`, said without a search: several times for
        // every row of a map.
        let plain = match field {
            Field::Code => 0,
            Field::Title => 1,
            Field::Name => 2,
            Field::Input => 3,
            Field::Output => 4,
            Field::Activities => 5,
            Field::Role => 6,
            Field::Area => 7,
            Field::Servizio => 8,
            Field::Level(_) => return self.table.column(field),
        };
        debug_assert_eq!(PLAIN[plain], field);
        self.plain[plain]
    }

    /// The sheet row of grid row `r`, as diagnostics and nodes name it.
    pub fn line(&self, r: usize) -> u32 {
        self.grid.row_number(r)
    }

    /// Adds a diagnostic about grid row `r`, at grid column `col` (or the
    /// column its class suggests).
    pub fn push(
        &mut self,
        r: usize,
        col: Option<usize>,
        severity: Severity,
        class: DiagClass,
        node: Option<&str>,
        message: impl Into<String>,
    ) -> usize {
        let i = self.diags.list.len();
        self.diags
            .push(Some(self.line(r)), severity, class, node, message);
        if let Some(c) = col {
            self.at.insert(i, c);
        }
        i
    }

    /// Whether `row` says what the header says, cell by cell (a page
    /// header, a table pasted twice).
    fn repeats_header(&self, row: GridRow) -> bool {
        (0..self.grid.width()).all(|c| row.trimmed(c) == self.header_cells[c])
    }

    /// What row `r` is; rows that are no entry get their diagnostic here.
    pub fn kind(&mut self, r: usize) -> RowKind {
        let (grid, row) = (self.grid, self.grid.row(r));
        // Asked of every row of a map: what nearly every row is (text in a
        // column that is read) is found first, with one cell or two.
        let read = &self.read;
        let data = (0..grid.width()).any(|c| read[c] && !row.trimmed(c).is_empty());
        if !data && row.is_blank() {
            return RowKind::Blank;
        }
        if let Some(h) = self.table.header.filter(|_| self.repeats_header(row)) {
            let h = grid.row_number(h);
            self.push(
                r,
                Some(0),
                Severity::Info,
                DiagClass::RepeatedHeader,
                None,
                format!("l'intestazione (riga {h}) è ripetuta qui: la riga non è una voce"),
            );
            return RowKind::Header;
        }
        if data {
            return RowKind::Data;
        }
        let (c, text) = (0..grid.width())
            .map(|c| (c, row.trimmed(c)))
            .find(|(_, t)| !t.is_empty())
            .unwrap_or((0, ""));
        self.push(
            r,
            Some(c),
            Severity::Warning,
            DiagClass::Unplaced,
            None,
            format!(
                "la riga ha testo solo in colonne che non sono importate (\"{}\"): non è una voce; \
                 indica la colonna con --columns se va letta",
                quote(text)
            ),
        );
        RowKind::Unread
    }
}

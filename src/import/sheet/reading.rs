//! What both layouts share while they read a sheet's rows: the grid, the
//! table found in it, the diagnostics with the column each is about, and
//! which rows are data.

use super::codes::Scheme;
use super::fields::Field;
use super::grid::{Grid, GridRow};
use super::header::Table;
use crate::import::text::quote;
use crate::import::Diags;
use crate::model::kept::Arena;
use crate::model::steps;
use crate::model::{DiagClass, Extra, Node, Severity, Structure, Text};
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
    /// The columns kept as extra fields, with their names (written once,
    /// shared by every entry's copy).
    extra: Vec<(usize, Text)>,
    /// How the sheet writes its codes.
    pub codes: Scheme,
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
            extra: {
                let mut names = Arena::default();
                table
                    .extra
                    .iter()
                    .map(|(c, name)| (*c, names.text(name)))
                    .collect()
            },
            codes: Scheme::default(),
        }
    }

    /// Whether the sheet has columns kept as extra fields.
    pub fn has_extra(&self) -> bool {
        !self.extra.is_empty()
    }

    /// The extra fields of grid row `r`: its text in the columns no field
    /// reads (none: nothing allocated).
    pub fn extra_of(&self, r: usize) -> Extra {
        if self.extra.is_empty() {
            return Extra::default();
        }
        let (row, kept) = (self.grid.row(r), self.grid.kept());
        let fields: Vec<(Text, Text)> = self
            .extra
            .iter()
            .map(|(c, name)| (name.clone(), row.trimmed(*c)))
            .filter(|(_, text)| !text.is_empty())
            .map(|(name, text)| (name, kept.of(text)))
            .collect();
        Extra::from(fields)
    }

    /// Adds grid row `r`, which names no entry of its own, to the entry
    /// `n` above it: another structure, more steps, the fields the entry
    /// lacks, its extra text. The text that would replace the entry's own
    /// is returned (`role: "…"`), to be said, never dropped.
    pub fn continue_entry(&self, n: &mut Node, r: usize) -> Vec<String> {
        let mut kept = Vec::new();
        let (area, servizio) = (self.cell(r, Field::Area), self.cell(r, Field::Servizio));
        let same = |s: &Structure| s.area == area && s.servizio == servizio;
        // A cell merged down (the office of every row of a sub-process)
        // is one structure, not one per row.
        if (!area.is_empty() || !servizio.is_empty()) && !n.structures.iter().any(same) {
            n.structures.push(Structure {
                area: area.into(),
                servizio: servizio.into(),
                line: Some(self.line(r)),
            });
        }
        n.activities
            .extend(steps::split(self.cell(r, Field::Activities)));
        // The code column and a title column are the entry's own: a
        // different text is kept in the diagnostic.
        let code = self.cell(r, Field::Code);
        if !code.is_empty() && Some(code) != n.code.as_deref() && code != n.raw_code {
            kept.push(format!("{}: \"{}\"", Field::Code.name(), quote(code)));
        }
        let described = self.cell(r, Field::Title);
        if !described.is_empty() && described != n.title && described != n.name {
            kept.push(format!("{}: \"{}\"", Field::Title.name(), quote(described)));
        }
        for (field, slot) in [
            (Field::Name, &mut n.name),
            (Field::Input, &mut n.input),
            (Field::Output, &mut n.output),
            (Field::Role, &mut n.role),
        ] {
            let text = self.cell(r, field);
            if text.is_empty() || *slot == text {
                continue;
            }
            if slot.is_empty() {
                *slot = text.into();
            } else {
                kept.push(format!("{}: \"{}\"", field.name(), quote(text)));
            }
        }
        // Free text: each row's is kept, one line after the other.
        let row = self.grid.row(r);
        for (c, name) in &self.extra {
            let text = row.trimmed(*c);
            let joined = match n.extra.get(name) {
                _ if text.is_empty() => continue,
                Some(own) if own.lines().any(|l| l == text) => continue,
                Some(own) => compact_str::format_compact!("{own}\n{text}"),
                None => self.grid.kept().of(text),
            };
            n.extra.set(name.clone(), joined);
        }
        kept
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
        let message = match self.extra.iter().any(|&(k, _)| k == c) {
            true => super::messages::only_extra_text(text),
            false => format!(
                "la riga ha testo solo in colonne che non sono importate (\"{}\"): non è una voce; \
                 indica la colonna con --columns se va letta",
                quote(text)
            ),
        };
        self.push(
            r,
            Some(c),
            Severity::Warning,
            DiagClass::Unplaced,
            None,
            message,
        );
        RowKind::Unread
    }
}

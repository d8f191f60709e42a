//! One sheet as a grid of text cells, whatever file it came from: every
//! cell's text in one buffer and a span per cell (a map of 100,000 rows
//! is one allocation for its text, not one per cell), rows numbered as
//! the spreadsheet shows them.

use crate::model::Kept;
use std::borrow::Cow;
use std::ops::Range;

/// The cells of a sheet's used range, row by row. Rows keep their own
/// length (a cell past a row's end reads as empty), so one very long row
/// costs only its own cells, not a column in every other row.
#[derive(Debug, Default, Clone)]
pub struct Grid {
    /// The sheet's name as its tab shows it (a CSV file: its stem, as a
    /// spreadsheet program names the one sheet it opens it as).
    pub sheet: String,
    /// Owned while the grid is made; kept for the process once its nodes
    /// are made from it (see [`Grid::keep`]).
    text: Cow<'static, str>,
    /// Every row's spans, row after row; an empty cell is `0..0`.
    spans: Vec<(u32, u32)>,
    /// Where each row's spans start in `spans`.
    row_starts: Vec<usize>,
    /// The longest row's length.
    width: usize,
    /// The sheet row (1-based) of each grid row.
    row_numbers: Vec<u32>,
    /// The sheet column (0-based) of the grid's first column.
    pub first_column: u32,
}

impl Grid {
    /// A grid expecting rows of about `width` cells, with room for
    /// `rows_hint` rows and `text_hint` bytes of text.
    pub fn new(
        sheet: &str,
        first_column: u32,
        width: usize,
        rows_hint: usize,
        text_hint: usize,
    ) -> Grid {
        let text = String::with_capacity(text_hint);
        Grid::reserved(sheet, first_column, width, rows_hint, text_hint, text)
    }

    /// A grid over `text` as it is, its cells spans of it that `split`
    /// pushes with [`Grid::push_span_of_text`] (a file with nothing to
    /// unquote is neither copied nor copied cell by cell).
    pub fn over_text(
        sheet: &str,
        text: String,
        width: usize,
        rows_hint: usize,
        split: impl FnOnce(&str, &mut Grid),
    ) -> Grid {
        let mut grid = Grid::reserved(sheet, 0, width, rows_hint, text.len(), String::new());
        split(&text, &mut grid);
        grid.text = Cow::Owned(text);
        grid
    }

    /// A grid for the rows of `part_len` bytes of the `text_len` this one
    /// is made over, split apart from it (see [`Grid::append_rows`]): spans
    /// only, no text, with room in the same proportion as this one's.
    pub fn part_of_text(&self, part_len: usize, text_len: usize) -> Grid {
        let share = |n: usize| (n as u128 * part_len as u128 / text_len.max(1) as u128) as usize;
        Grid {
            spans: Vec::with_capacity(share(self.spans.capacity()) + 1),
            row_starts: Vec::with_capacity(share(self.row_starts.capacity()) + 1),
            row_numbers: Vec::with_capacity(share(self.row_numbers.capacity()) + 1),
            ..Grid::default()
        }
    }

    /// Adds the rows of `tail` (split from a later part of this grid's text,
    /// its spans of the whole text) after this grid's, their numbers moved
    /// on by `row_offset` sheet rows.
    pub fn append_rows(&mut self, tail: Grid, row_offset: u32) {
        let base = self.spans.len();
        self.row_starts
            .extend(tail.row_starts.iter().map(|start| start + base));
        self.row_numbers.extend(
            tail.row_numbers
                .iter()
                .map(|n| n.saturating_add(row_offset)),
        );
        self.spans.extend_from_slice(&tail.spans);
        self.width = self.width.max(tail.width);
    }

    /// A grid holding `text`, with room for `rows_hint` rows of about
    /// `width` cells from `text_len` bytes of text.
    fn reserved(
        sheet: &str,
        first_column: u32,
        width: usize,
        rows_hint: usize,
        text_len: usize,
        text: String,
    ) -> Grid {
        // Every cell but a row's first takes a byte of the text (its
        // delimiter): a wrong guess of the width never reserves more.
        let cells = rows_hint
            .saturating_mul(width.max(1))
            .min(text_len.saturating_add(rows_hint));
        Grid {
            sheet: sheet.to_string(),
            text: Cow::Owned(text),
            spans: Vec::with_capacity(cells),
            row_starts: Vec::with_capacity(rows_hint),
            width: 0,
            row_numbers: Vec::with_capacity(rows_hint),
            first_column,
        }
    }

    /// Adds the next cell of the current row: bytes `start..end` of the
    /// text the grid was made [`over`](Grid::over_text).
    pub fn push_span_of_text(&mut self, start: usize, end: usize) {
        debug_assert!(start <= end);
        self.push_span(start..end);
    }

    pub fn rows(&self) -> usize {
        self.row_numbers.len()
    }

    /// Bytes of text held, every cell's own.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Keeps the grid's text for the rest of the process (the grid reads
    /// it from there on, see [`Grid::kept`]), for the nodes made from its
    /// cells to point into. No cell is added after.
    pub fn keep(&mut self) {
        let kept = match std::mem::take(&mut self.text) {
            Cow::Borrowed(text) => text,
            Cow::Owned(text) => text.leak(),
        };
        self.text = Cow::Borrowed(kept);
    }

    /// The grid's text as [`Grid::keep`] kept it; nothing before.
    pub fn kept(&self) -> Kept {
        match self.text {
            Cow::Borrowed(text) => Kept::from_static(text),
            Cow::Owned(_) => Kept::none(),
        }
    }

    /// The longest row's number of cells.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The sheet row (1-based) of grid row `r`.
    pub fn row_number(&self, r: usize) -> u32 {
        self.row_numbers[r]
    }

    /// The sheet column (0-based) of grid column `c`.
    pub fn column_number(&self, c: usize) -> u32 {
        self.first_column + c as u32
    }

    /// Where row `r`'s spans are in `spans`.
    fn row_span(&self, r: usize) -> Range<usize> {
        let start = self.row_starts[r];
        let end = self
            .row_starts
            .get(r + 1)
            .copied()
            .unwrap_or(self.spans.len());
        start..end
    }

    /// The text of a cell, verbatim; empty outside the grid.
    pub fn cell(&self, r: usize, c: usize) -> &str {
        self.row(r).cell(c)
    }

    /// The text of a cell without the white space around it.
    pub fn trimmed(&self, r: usize, c: usize) -> &str {
        self.row(r).trimmed(c)
    }

    /// The cells of row `r` (none outside the grid), found once for all
    /// of them: a map's rows are read cell by cell several times over.
    pub fn row(&self, r: usize) -> GridRow<'_> {
        let spans = match r < self.rows() {
            true => &self.spans[self.row_span(r)],
            false => &[],
        };
        GridRow {
            text: &self.text,
            spans,
        }
    }

    /// Whether every cell of row `r` is empty or white space.
    pub fn is_blank(&self, r: usize) -> bool {
        self.row(r).is_blank()
    }

    /// Starts row number `number` (1-based); its cells follow with
    /// [`Grid::push_cell`], any left out are empty.
    pub fn start_row(&mut self, number: u32) {
        self.row_starts.push(self.spans.len());
        self.row_numbers.push(number);
    }

    /// Adds the next cell of the current row.
    pub fn push_cell(&mut self, text: &str) {
        debug_assert!(
            matches!(self.text, Cow::Owned(_)),
            "a cell added to a kept grid"
        );
        let start = self.text.len();
        self.text.to_mut().push_str(text);
        self.push_span(start..self.text.len());
    }

    /// Adds the next cell, written by `write` into the buffer (numbers and
    /// dates are formatted straight into it).
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        debug_assert!(
            matches!(self.text, Cow::Owned(_)),
            "a cell added to a kept grid"
        );
        let start = self.text.len();
        write(self.text.to_mut());
        self.push_span(start..self.text.len());
    }

    /// Adds the next cell, empty.
    pub fn push_empty(&mut self) {
        self.push_span(0..0);
    }

    /// The text span of the cell added last (to give another cell the
    /// same text without a copy, see [`Grid::push_span_again`]).
    pub fn last_span(&self) -> (u32, u32) {
        self.spans.last().copied().unwrap_or((0, 0))
    }

    /// Adds the next cell with the text of a cell added before (`span`,
    /// from [`Grid::last_span`]): a text a workbook stores once and shows
    /// in many cells is held once.
    pub fn push_span_again(&mut self, span: (u32, u32)) {
        self.push_span(span.0 as usize..span.1 as usize);
    }

    fn push_span(&mut self, span: Range<usize>) {
        // Past 4 GB of text a span cannot be written: such a file is far
        // beyond the size limit of a load.
        let a = u32::try_from(span.start).unwrap_or(u32::MAX);
        let b = u32::try_from(span.end).unwrap_or(u32::MAX);
        self.spans.push((a, b));
        let row_len = self.spans.len() - self.row_starts.last().copied().unwrap_or(0);
        self.width = self.width.max(row_len);
    }

    /// Ends the grid.
    pub fn finish(self) -> Grid {
        self
    }

    /// A merged region from (`r0`, `c0`) to (`r1`, `c1`), grid indices
    /// inclusive: the rows below the first read the first cell's value in
    /// the region's first column (a cell merged down over rows is "the same
    /// as above" on each); the other columns stay empty (a title merged
    /// across a row is one cell, not a copy in every column). Rows too short
    /// to have that column (none, in a workbook's grid) are left as they are.
    pub fn merge_down(&mut self, r0: usize, c0: usize, r1: usize) {
        if r0 >= self.rows() || c0 >= self.row_span(r0).len() {
            return;
        }
        let first = self.spans[self.row_span(r0).start + c0];
        for r in r0 + 1..=r1.min(self.rows().saturating_sub(1)) {
            let row = self.row_span(r);
            if c0 < row.len() {
                self.spans[row.start + c0] = first;
            }
        }
    }
}

/// The cells of one row of a [`Grid`].
#[derive(Debug, Clone, Copy)]
pub struct GridRow<'g> {
    text: &'g str,
    spans: &'g [(u32, u32)],
}

impl<'g> GridRow<'g> {
    /// The text of cell `c`, verbatim; empty past the row's end.
    pub fn cell(&self, c: usize) -> &'g str {
        match self.spans.get(c) {
            Some(&(a, b)) => &self.text[a as usize..b as usize],
            None => "",
        }
    }

    /// The text of cell `c` without the white space around it.
    pub fn trimmed(&self, c: usize) -> &'g str {
        trim(self.cell(c))
    }

    /// Whether every cell of the row is empty or white space.
    pub fn is_blank(&self) -> bool {
        (0..self.spans.len()).all(|c| self.trimmed(c).is_empty())
    }
}

/// `s.trim()`, answered without decoding a character when both ends are
/// visible ASCII, as nearly every cell's are (each cell of a map is trimmed
/// several times while it is read).
///
/// A cell written `'=…` (or `'+`, `'-`, `'@`) is the text after the
/// apostrophe: the way a spreadsheet, and mappa's own CSV, keeps such text
/// from being run as a formula.
pub fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
    let bytes = s.as_bytes();
    let t = match visible(bytes.first()) && visible(bytes.last()) {
        true => s,
        false => s.trim(),
    };
    match t.as_bytes() {
        [b'\'', b'=' | b'+' | b'-' | b'@', ..] => &t[1..],
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escaped_formula_is_its_text() {
        assert_eq!(trim("'=HYPERLINK(\"x\")"), "=HYPERLINK(\"x\")");
        assert_eq!(trim(" '-voce "), "-voce");
        assert_eq!(trim("'apostrofo"), "'apostrofo");
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "à",
            " à ",
            "\u{a0}x\u{a0}",
            "x\u{3000}",
            "\u{1f}x",
            "x\u{7f}",
            "\r\n",
            "Ufficio 1",
            "a b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn rows_of_any_length_read_as_a_rectangle() {
        let mut g = Grid::new("S", 0, 1, 0, 0);
        g.start_row(1);
        g.push_cell("a");
        g.start_row(3);
        g.push_cell("b");
        g.push_cell("c");
        g.push_cell("d");
        g.start_row(4);
        let g = g.finish();
        assert_eq!((g.rows(), g.width()), (3, 3));
        assert_eq!(
            [g.cell(0, 0), g.cell(0, 1), g.cell(1, 2), g.cell(2, 0)],
            ["a", "", "d", ""]
        );
        assert_eq!(g.row_number(1), 3);
        assert!(g.is_blank(2) && !g.is_blank(0));
        assert_eq!(g.cell(9, 9), "");
    }

    #[test]
    fn one_very_long_row_costs_only_its_own_cells() {
        let mut g = Grid::new("S", 0, 2, 4, 0);
        for n in 1..=1000 {
            g.start_row(n);
            g.push_cell("a");
        }
        g.start_row(1001);
        for _ in 0..20_000 {
            g.push_cell("x");
        }
        let g = g.finish();
        assert_eq!((g.rows(), g.width()), (1001, 20_000));
        assert_eq!(g.spans.len(), 21_000);
        assert_eq!((g.cell(0, 19_999), g.cell(1000, 19_999)), ("", "x"));
    }

    #[test]
    fn merged_cells_repeat_down_their_first_column() {
        let mut g = Grid::new("S", 0, 2, 0, 0);
        for (n, cells) in [(1, ["A1 Uno", ""]), (2, ["", "x"]), (3, ["", "y"])] {
            g.start_row(n);
            for c in cells {
                g.push_cell(c);
            }
        }
        let mut g = g.finish();
        g.merge_down(0, 0, 1);
        assert_eq!(g.cell(1, 0), "A1 Uno");
        assert_eq!(g.cell(2, 0), "");
        // Past the last row: as far as the grid goes.
        g.merge_down(1, 1, 9);
        assert_eq!(g.cell(2, 1), "x");
    }
}

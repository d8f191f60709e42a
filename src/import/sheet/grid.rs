//! One sheet as a grid of text cells, whatever file it came from: every
//! cell's text in one buffer and a span per cell (a map of 100,000 rows
//! is one allocation for its text, not one per cell), rows numbered as
//! the spreadsheet shows them.

use std::ops::Range;

/// A rectangle of cells: the sheet's used range.
#[derive(Debug, Default, Clone)]
pub struct Grid {
    /// The sheet's name as its tab shows it (a CSV file: its stem, as a
    /// spreadsheet program names the one sheet it opens it as).
    pub sheet: String,
    text: String,
    /// `width` spans per row, row after row; an empty cell is `0..0`.
    spans: Vec<(u32, u32)>,
    width: usize,
    /// The sheet row (1-based) of each grid row.
    row_numbers: Vec<u32>,
    /// The sheet column (0-based) of the grid's first column.
    pub first_column: u32,
}

impl Grid {
    /// A grid of `width` columns (it widens as cells come), with room for
    /// `rows_hint` rows and `text_hint` bytes of text.
    pub fn new(
        sheet: &str,
        first_column: u32,
        width: usize,
        rows_hint: usize,
        text_hint: usize,
    ) -> Grid {
        Grid {
            sheet: sheet.to_string(),
            text: String::with_capacity(text_hint),
            spans: Vec::with_capacity(rows_hint * width),
            width,
            row_numbers: Vec::with_capacity(rows_hint),
            first_column,
        }
    }

    pub fn rows(&self) -> usize {
        self.row_numbers.len()
    }

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

    /// The text of a cell, verbatim; empty outside the grid.
    pub fn cell(&self, r: usize, c: usize) -> &str {
        if c >= self.width || r >= self.rows() {
            return "";
        }
        let (a, b) = self.spans[r * self.width + c];
        &self.text[a as usize..b as usize]
    }

    /// Whether every cell of row `r` is empty or white space.
    pub fn is_blank(&self, r: usize) -> bool {
        (0..self.width).all(|c| self.cell(r, c).trim().is_empty())
    }

    /// Starts row number `number` (1-based); its cells follow with
    /// [`Grid::push_cell`], any left out are empty.
    pub fn start_row(&mut self, number: u32) {
        self.pad_row();
        self.row_numbers.push(number);
    }

    /// Adds the next cell of the current row; cells past the width are
    /// widened into (every earlier row gets empty cells there).
    pub fn push_cell(&mut self, text: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        self.push_span(start..self.text.len());
    }

    /// Adds the next cell, written by `write` into the buffer (numbers and
    /// dates are formatted straight into it).
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        self.push_span(start..self.text.len());
    }

    fn push_span(&mut self, span: Range<usize>) {
        let row_start = (self.row_numbers.len() - 1) * self.width;
        if self.spans.len() - row_start >= self.width {
            self.widen(self.width + 1);
        }
        // Past 4 GB of text a span cannot be written: such a file is far
        // beyond the size limit of a load.
        let a = u32::try_from(span.start).unwrap_or(u32::MAX);
        let b = u32::try_from(span.end).unwrap_or(u32::MAX);
        self.spans.push((a, b));
    }

    /// Fills the current row with empty cells up to the width.
    fn pad_row(&mut self) {
        let full = self.row_numbers.len() * self.width;
        self.spans.resize(full, (0, 0));
    }

    fn widen(&mut self, width: usize) {
        let rows = self.row_numbers.len();
        let mut spans = Vec::with_capacity(self.spans.capacity().max(rows * width));
        for r in 0..rows {
            let start = r * self.width;
            let end = (start + self.width).min(self.spans.len());
            spans.extend_from_slice(&self.spans[start.min(end)..end]);
            if r + 1 < rows {
                spans.resize((r + 1) * width, (0, 0));
            }
        }
        self.spans = spans;
        self.width = width;
    }

    /// Ends the grid: the last row padded.
    pub fn finish(mut self) -> Grid {
        self.pad_row();
        self
    }

    /// A merged region from (`r0`, `c0`) to (`r1`, `c1`), grid indices
    /// inclusive: the rows below the first read the first cell's value in
    /// the region's first column (a cell merged down over rows is "the same
    /// as above" on each); the other columns stay empty (a title merged
    /// across a row is one cell, not a copy in every column).
    pub fn merge_down(&mut self, r0: usize, c0: usize, r1: usize) {
        if r0 >= self.rows() || c0 >= self.width {
            return;
        }
        let first = self.spans[r0 * self.width + c0];
        for r in r0 + 1..=r1.min(self.rows().saturating_sub(1)) {
            self.spans[r * self.width + c0] = first;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_any_length_make_a_rectangle() {
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

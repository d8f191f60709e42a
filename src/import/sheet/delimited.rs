//! CSV and TSV text as a grid: the delimiter sniffed (`;` from an Italian
//! Excel, `,`, tab), quoted cells with line breaks, any line ends, rows
//! numbered as a spreadsheet program shows them (a blank line is a row;
//! a quoted cell over three lines is still one).

use super::grid::Grid;
use std::borrow::Cow;

/// The delimiters tried, in order of preference on a tie.
const CANDIDATES: [u8; 3] = [b'\t', b';', b','];

/// The delimiter of `text`: the candidate that splits the most of the
/// first lines into the same number of cells (a title line has fewer,
/// commas inside the text vary from line to line).
pub fn sniff(text: &str) -> u8 {
    let lines: Vec<&str> = lines(text)
        .filter(|l| !l.trim().is_empty())
        .take(100)
        .collect();
    let mut best = (b'\t', 0usize, 0usize);
    for d in CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| outside_quotes(l, d)).collect();
        let mut tally: rustc_hash::FxHashMap<usize, usize> = Default::default();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *tally.entry(c).or_default() += 1;
        }
        // The commonest count, and the larger on a tie.
        let Some((&count, &lines)) = tally.iter().max_by_key(|&(c, n)| (*n, *c)) else {
            continue;
        };
        if (lines, count) > (best.1, best.2) {
            best = (d, lines, count);
        }
    }
    best.0
}

/// The lines of `text`, ended by "\r\n", "\n" or a lone "\r" (Excel for
/// Mac's CSV): blank pieces between "\r" and "\n" are left to the filter.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\r', '\n'])
}

/// How often `d` occurs in `line` outside double quotes.
fn outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// The line ends in `run`: "\r\n", "\n" or a lone "\r".
fn line_ends(run: &[u8]) -> u32 {
    let mut n = 0;
    for (i, &b) in run.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && run.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The grid of `text` split at `delimiter`, named `sheet`, and whether
/// the text had quotes.
pub fn read(text: Cow<str>, sheet: &str, delimiter: u8) -> Result<Split, csv::Error> {
    let rows_hint = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    // The widest of the first lines (a title line has one cell).
    let width = lines(&text)
        .take(100)
        .map(|l| outside_quotes(l, delimiter) + 1)
        .max()
        .unwrap_or(1);
    if is_unquoted(&text, delimiter) {
        let split = |text: &str, grid: &mut Grid| read_unquoted(text, delimiter, grid);
        let grid = Grid::over_text(sheet, text.into_owned(), width, rows_hint, split);
        return Ok(Split {
            grid: grid.finish(),
            quoted: false,
        });
    }
    let mut grid = Grid::new(sheet, 0, width, rows_hint, text.len());
    read_quoted(&text, delimiter, &mut grid)?;
    Ok(Split {
        grid: grid.finish(),
        quoted: true,
    })
}

/// A delimited text's cells.
pub struct Split {
    pub grid: Grid,
    /// Whether the text had quotes (without them, no cell runs over a
    /// line end).
    pub quoted: bool,
}

/// The first cell (grid row, column) whose text runs over several lines
/// that hold the delimiter: rows swallowed by a quote left open (`"Uno;R`
/// takes every row after it into one cell), worth a warning.
pub fn swallowed_rows(split: &Split, delimiter: u8) -> Option<(usize, usize)> {
    // Without quotes no cell runs over a line end: nothing to look at in
    // 500,000 cells.
    if !split.quoted {
        return None;
    }
    let (grid, d) = (&split.grid, char::from(delimiter));
    (0..grid.rows()).find_map(|r| {
        (0..grid.width())
            .find(|&c| {
                let text = grid.cell(r, c);
                memchr::memchr(b'\n', text.as_bytes()).is_some()
                    && text.lines().skip(1).any(|l| l.contains(d))
            })
            .map(|c| (r, c))
    })
}

/// Whether `text` has nothing for a CSV reader to interpret beyond the
/// delimiter and line ends: no quote, no byte-order mark.
fn is_unquoted(text: &str, delimiter: u8) -> bool {
    delimiter.is_ascii()
        && memchr::memchr(b'"', text.as_bytes()).is_none()
        && !text.starts_with('\u{feff}')
}

/// Text without quotes, split as the CSV reader splits it (each of "\r\n",
/// "\n", "\r" ends a record, blank lines are no record but are rows) in a
/// fraction of its time: a chamber's TSV export is usually such text.
fn read_unquoted(text: &str, delimiter: u8, grid: &mut Grid) {
    let split_from = match crate::import::parallel::cores() {
        1 => usize::MAX,
        _ => SPLIT_IN_TWO_FROM,
    };
    read_unquoted_from(text, delimiter, grid, split_from);
}

/// Text of this many bytes or more is split on two cores.
const SPLIT_IN_TWO_FROM: usize = 1 << 20;

/// [`read_unquoted`], splitting text of `split_from` bytes or more in two.
fn read_unquoted_from(text: &str, delimiter: u8, grid: &mut Grid, split_from: usize) {
    // A large text is split in two at a line end, the second part on
    // another core: lines do not depend on one another here.
    let half = text.len() / 2;
    let second = (text.len() >= split_from)
        .then(|| memchr::memchr(b'\n', &text.as_bytes()[half..]))
        .flatten()
        .map(|i| half + i + 1);
    let Some(second) = second else {
        split_lines(text, 0, delimiter, grid);
        return;
    };
    let (first_part, second_part) = text.split_at(second);
    let mut tail = grid.part_of_text(second_part.len(), text.len());
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new().spawn_scoped(s, || {
            split_lines(second_part, second, delimiter, &mut tail);
            tail
        });
        let Ok(spawned) = spawned else {
            // No thread to be had: the whole text here.
            split_lines(text, 0, delimiter, grid);
            return;
        };
        let lines = split_lines(first_part, 0, delimiter, grid);
        match spawned.join() {
            // The first part ends with its line end: the second's rows
            // follow its lines.
            Ok(tail) => grid.append_rows(tail, lines),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
}

/// Splits `text` (which begins at byte `base` of the grid's text) into the
/// grid's rows, numbered from 1; returns how many lines it has, the last
/// one counted only when it has text.
fn split_lines(text: &str, base: usize, delimiter: u8, grid: &mut Grid) -> u32 {
    // The cells are spans of the text itself: an ASCII delimiter and line
    // ends split it at character boundaries.
    debug_assert!(delimiter.is_ascii());
    let bytes = text.as_bytes();
    // The sheet row of the line being read, where that line starts and
    // its current cell. Its record has begun once a delimiter moved the
    // cell past the line's start (a line of one cell: at its end).
    let (mut row, mut line, mut cell) = (0u32, 0, 0);
    // Delimiters and line ends found in one pass, not line by line.
    for k in memchr::memchr3_iter(delimiter, b'\n', b'\r', bytes) {
        if bytes[k] == delimiter {
            if cell == line {
                row = row.saturating_add(1);
                grid.start_row(row);
            }
            grid.push_span_of_text(base + cell, base + k);
            cell = k + 1;
            continue;
        }
        // The line feed of a "\r\n" is part of the line end before it.
        let feed_of_return = bytes[k] == b'\n' && k > 0 && bytes[k - 1] == b'\r';
        if !feed_of_return {
            if cell != line {
                grid.push_span_of_text(base + cell, base + k);
            } else {
                row = row.saturating_add(1);
                // A line with text is a record; a blank one only a row number.
                if k > line {
                    grid.start_row(row);
                    grid.push_span_of_text(base + line, base + k);
                }
            }
        }
        (line, cell) = (k + 1, k + 1);
    }
    // The last line, without a line end.
    if cell != line {
        grid.push_span_of_text(base + cell, base + bytes.len());
    } else if line < bytes.len() {
        row = row.saturating_add(1);
        grid.start_row(row);
        grid.push_span_of_text(base + line, base + bytes.len());
    }
    row
}

/// Any delimited text, quoted cells included, with the CSV reader.
fn read_quoted(text: &str, delimiter: u8, grid: &mut Grid) -> Result<(), csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let mut row = 0u32;
    while reader.read_record(&mut record)? {
        // The reader's position is where it started looking for the
        // record: past the end of the one before (its "\r" may be all it
        // took of a "\r\n") and past blank lines, which the reader skips
        // but a spreadsheet shows as rows.
        let from = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        let skipped = bytes[from..]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let mut run = &bytes[from..from + skipped];
        if from > 0 && bytes[from - 1] == b'\r' && run.first() == Some(&b'\n') {
            run = &run[1..];
        }
        row = row.saturating_add(1).saturating_add(line_ends(run));
        grid.start_row(row);
        for field in record.iter() {
            grid.push_cell(field);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_lines_alike() {
        assert_eq!(sniff("Titolo della mappa\nA;B;C\n1;2, 3;4\n5;6;7\n"), b';');
        assert_eq!(sniff("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff("a\tb; c\n1\t2; 3, 4\n"), b'\t');
        assert_eq!(sniff("\"a;b\",c,d\n1,2,3\n"), b',');
        assert_eq!(sniff("one column\n"), b'\t');
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "Titolo\r\n\r\nCodice;Attività\r\nA1;\"1. uno\r\n2. due\"\r\n\r\nA2;x\r\n";
        for other in [text.replace("\r\n", "\n"), text.replace("\r\n", "\r")] {
            let g = read(other.as_str().into(), "m", b';').unwrap().grid;
            let rows: Vec<u32> = (0..g.rows()).map(|r| g.row_number(r)).collect();
            assert_eq!(rows, [1, 3, 4, 6], "{other:?}");
        }
        let g = read("\n\nA;B\n".into(), "m", b';').unwrap().grid;
        assert_eq!(g.row_number(0), 3);
        let g = read(text.into(), "mappa", b';').unwrap().grid;
        let rows: Vec<(u32, &str, &str)> = (0..g.rows())
            .map(|r| (g.row_number(r), g.cell(r, 0), g.cell(r, 1)))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "Titolo", ""),
                (3, "Codice", "Attività"),
                (4, "A1", "1. uno\r\n2. due"),
                (6, "A2", "x"),
            ]
        );
    }

    proptest::proptest! {
        /// Any text without quotes: the same rows (numbered the same) and
        /// cells as the CSV reader reads.
        #[test]
        fn any_text_without_quotes_reads_as_the_csv_reader_reads_it(
            text in "[ab \\t;,\\r\\nà]{0,40}",
            d in proptest::sample::select(CANDIDATES.to_vec()),
        ) {
            let width = text.lines().map(|l| outside_quotes(l, d) + 1).max().unwrap_or(1);
            let mut csv = Grid::new("m", 0, width, 0, 0);
            read_quoted(&text, d, &mut csv).unwrap();
            let csv = csv.finish();
            // Whole, and in two parts as a large text is split.
            for split_from in [usize::MAX, 0] {
                let split = |t: &str, g: &mut Grid| read_unquoted_from(t, d, g, split_from);
                let fast = Grid::over_text("m", text.to_string(), width, 0, split).finish();
                proptest::prop_assert_eq!(cells(&fast), cells(&csv));
            }
        }
    }

    /// Rows and cells of a grid, to compare two readings.
    fn cells(g: &Grid) -> Vec<(u32, Vec<&str>)> {
        (0..g.rows())
            .map(|r| {
                (
                    g.row_number(r),
                    (0..g.width()).map(|c| g.cell(r, c)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn text_without_quotes_reads_as_the_csv_reader_reads_it() {
        let texts = [
            "",
            "\n",
            "\r\n\r\n",
            "a",
            "a\tb",
            "a\tb\n",
            "\n\na\tb\n\nc\n",
            "T\r\n\r\nA\tB\r\nx\t\ty\r\n\r\n\r\nz\r\n",
            "T\r\rA\tB\rx\ty\r\r",
            "a\r\n\nb\n\r\nc\r\r\nd",
            "\t\n \n\t\t\n",
            "uno;due\ntre;quattro;cinque\nsei\n",
            "àè\tì\nò\tù\t€\n",
        ];
        for text in texts {
            for d in CANDIDATES {
                let width = text
                    .lines()
                    .map(|l| outside_quotes(l, d) + 1)
                    .max()
                    .unwrap_or(1);
                let mut csv = Grid::new("m", 0, width, 0, 0);
                read_quoted(text, d, &mut csv).unwrap();
                let csv = csv.finish();
                for split_from in [usize::MAX, 0] {
                    let split = |t: &str, g: &mut Grid| read_unquoted_from(t, d, g, split_from);
                    let fast = Grid::over_text("m", text.to_string(), width, 0, split).finish();
                    assert_eq!(cells(&fast), cells(&csv), "{text:?} split at {d}");
                }
            }
        }
    }
}

//! CSV and TSV text as a grid: the delimiter sniffed (`;` from an Italian
//! Excel, `,`, tab), quoted cells with line breaks, any line ends, rows
//! numbered as a spreadsheet program shows them (a blank line is a row;
//! a quoted cell over three lines is still one).

use super::grid::Grid;

/// The delimiters tried, in order of preference on a tie.
const CANDIDATES: [u8; 3] = [b'\t', b';', b','];

/// The delimiter of `text`: the candidate that splits the most of the
/// first lines into the same number of cells (a title line has fewer,
/// commas inside the text vary from line to line).
pub fn sniff(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
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

/// The line ends in `bytes[from..to]`: "\r\n", "\n" or a lone "\r".
fn line_ends(bytes: &[u8], from: usize, to: usize) -> u64 {
    let part = &bytes[from.min(to)..to];
    let lf = memchr::memchr_iter(b'\n', part).count();
    let lone_cr = memchr::memchr_iter(b'\r', part)
        .filter(|&i| bytes.get(from + i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

/// The grid of `text` split at `delimiter`, named `sheet`.
pub fn read(text: &str, sheet: &str, delimiter: u8) -> Result<Grid, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows_hint = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let first = text.lines().next().unwrap_or("");
    let width = memchr::memchr_iter(delimiter, first.as_bytes()).count() + 1;
    let mut grid = Grid::new(sheet, 0, width, rows_hint);
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    // A record's row is one more than the line ends before it, less those
    // inside the quoted cells of the records before it.
    let (mut counted_to, mut breaks, mut inside) = (0usize, 0u64, 0u64);
    while reader.read_record(&mut record)? {
        let from = record.position().map_or(counted_to, |p| p.byte() as usize);
        // The reader's position is where it started looking: past the
        // line ends of blank lines is where the record starts.
        let start = from
            + bytes[from.min(bytes.len())..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        breaks += line_ends(bytes, counted_to, start);
        counted_to = start;
        let row = (breaks + 1).saturating_sub(inside);
        grid.start_row(u32::try_from(row).unwrap_or(u32::MAX));
        for field in record.iter() {
            inside += line_ends(field.as_bytes(), 0, field.len());
            grid.push_cell(field);
        }
    }
    Ok(grid.finish())
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
        let g = read(text, "mappa", b';').unwrap();
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
}

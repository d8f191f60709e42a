//! Rows of a tab-separated source: lines split at tabs, cells verbatim.
//!
//! The documents use no quoting (`"` is ordinary text), so a plain split
//! is the whole format. A line ends at "\n", "\r\n" or a lone "\r" (old Mac
//! files); line numbers count every line, blank ones included, so that a
//! diagnostic names the line an editor shows.

/// One non-empty line of a tab-separated source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// 1-based line number.
    pub line: u32,
    /// Where the line starts in the source text, in bytes.
    pub offset: usize,
    /// The whole line as written, without its line end.
    pub raw: &'a str,
    /// The cells between tabs, verbatim.
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The cell at `i`, verbatim; empty past the end of the row.
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// Whether every cell is empty or white space.
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

/// The non-empty lines of `text`, split at tabs. A byte-order mark at the
/// start (Excel, Notepad) is not part of the first cell.
pub fn read_rows(text: &str) -> Vec<Row<'_>> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut rows = Vec::new();
    let mut line = 1u32;
    let mut at = bom;
    while at < text.len() {
        let rest = &text[at..];
        let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let raw = &rest[..end];
        if !raw.is_empty() {
            // Sized up front: rows of the PDF extraction end in long runs
            // of empty cells.
            let mut cells =
                Vec::with_capacity(memchr::memchr_iter(b'\t', raw.as_bytes()).count() + 1);
            cells.extend(raw.split('\t'));
            rows.push(Row {
                line,
                offset: at,
                raw,
                cells,
            });
        }
        let line_end = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        at += end + line_end;
        line = line.saturating_add(1);
    }
    rows
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
        read_rows(text)
            .iter()
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
            String::from("\r\n\r\n\r"),
            String::new(),
        ];
        for t in &texts {
            assert_eq!(read(t), split_plainly(t), "{t:?}");
        }
        let rows = read_rows(&texts[2]);
        let raws: Vec<&str> = rows.iter().map(|r| r.raw).collect();
        assert_eq!(
            raws,
            [format!("{long}\t{long}"), many.clone(), long.clone()]
        );
        // Offsets point into the text as given, byte-order mark included.
        for r in &rows {
            assert_eq!(&texts[2][r.offset..r.offset + r.raw.len()], r.raw);
        }
    }
}

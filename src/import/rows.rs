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
    /// The cells between tabs, verbatim (held inline up to eight: a
    /// catalogue row has six, and 100,000 rows are not 100,000 vectors).
    pub cells: smallvec::SmallVec<[&'a str; 8]>,
}

impl<'a> Row<'a> {
    /// The cell at `i`, verbatim; empty past the end of the row.
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// Whether every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| trimmed(c).is_empty())
    }

    /// Non-empty cells with their column index, trimmed.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, trimmed(c)))
            .filter(|(_, c)| !c.is_empty())
    }
}

/// `s` without white space at either end, as [`str::trim`]; a cell whose
/// ends are visible ASCII (most of them) is returned as it is without
/// decoding a character.
pub fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        (None, _) => s,
        _ => s.trim(),
    }
}

/// The non-empty lines of `text`, split at tabs. A byte-order mark at the
/// start (Excel, Notepad) is not part of the first cell. A large text is
/// split in two at a line end near its middle, and the second part read on
/// another core (the rows are the same either way).
pub fn read_rows(text: &str) -> Vec<Row<'_>> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mid = (text.len() >= super::parallel::LARGE_TEXT && super::parallel::cores() > 1)
        .then(|| split_point(text))
        .flatten();
    let Some(mid) = mid else {
        return read_part(text, bom, text.len(), 1).0;
    };
    let (mut rows, second, lines) = std::thread::scope(|s| {
        let second = std::thread::Builder::new()
            .spawn_scoped(s, || read_part(text, mid, text.len(), 1).0)
            .ok();
        let (rows, next_line) = read_part(text, bom, mid, 1);
        let second = second
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| read_part(text, mid, text.len(), 1).0);
        (rows, second, next_line - 1)
    });
    rows.reserve(second.len());
    rows.extend(second.into_iter().map(|mut r| {
        r.line = r.line.saturating_add(lines);
        r
    }));
    rows
}

/// Where the second part starts: just after a line feed near the middle
/// (never inside a "\r\n"), when there is one.
fn split_point(text: &str) -> Option<usize> {
    let half = text.len() / 2;
    let at = memchr::memchr(b'\n', &text.as_bytes()[half..])?;
    let mid = half + at + 1;
    (mid < text.len()).then_some(mid)
}

/// The rows of `text[from..to]` (`from` and `to` at line starts), the first
/// numbered `first_line`, and the number of the line after the last.
fn read_part(text: &str, from: usize, to: usize, first_line: u32) -> (Vec<Row<'_>>, u32) {
    let part = &text.as_bytes()[from..to];
    // Sized up front: a large file's rows are not moved as the list grows.
    let mut rows = Vec::with_capacity(memchr::memchr_iter(b'\n', part).count() + 1);
    let mut line = first_line;
    let mut at = from;
    while at < to {
        let rest = &text[at..to];
        let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let raw = &rest[..end];
        if !raw.is_empty() {
            let mut cells = smallvec::SmallVec::new();
            let mut from = 0;
            for tab in memchr::memchr_iter(b'\t', raw.as_bytes()) {
                cells.push(&raw[from..tab]);
                from = tab + 1;
            }
            cells.push(&raw[from..]);
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
    (rows, line)
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
    fn a_large_text_read_in_two_parts_gives_the_same_rows() {
        let unit = "A1.1 x\tb\tc\r\n\nB2\t\t\rC3 è\td\n";
        let text = format!(
            "\u{feff}{}",
            unit.repeat(super::super::parallel::LARGE_TEXT / unit.len() + 3)
        );
        let mid = split_point(&text).unwrap();
        let mut whole = read_part(&text, 3, text.len(), 1).0;
        let mut parts = read_rows(&text);
        assert!(whole.len() > 1000 && mid > 0);
        for r in whole.iter_mut().chain(parts.iter_mut()) {
            r.cells.shrink_to_fit();
        }
        assert_eq!(parts, whole);
    }

    #[test]
    fn trimming_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\ta\u{a0}",
            "è ",
            " à",
            "x y",
            "\u{3000}z",
        ] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
        }
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

//! What an OpenDocument spreadsheet expands to before calamine reads it.
//! An ods file writes a cell repeated along a row, or a row repeated down
//! the sheet, once with a count (`table:number-columns-repeated`,
//! `table:number-rows-repeated`), and calamine writes out every copy, and
//! the whole rectangle the cells span, as it opens the file: a 1 KB file
//! can be gigabytes. The sheets' XML is read here first, a piece at a
//! time, counting the bytes each sheet's cells would take written out; a
//! sheet past the limit refuses the file, naming the sheet.

use std::io::Read;

/// What one cell costs calamine besides its text (its value's size).
const CELL_BYTES: u64 = 32;

/// The longest tag looked into: the attributes read here come first.
const TAG_KEPT: usize = 4096;

/// A sheet of `content` (an ods file's `content.xml`) whose cells would
/// take more than `limit` bytes written out: its name, and the bytes
/// reached; `None` when every sheet is within it. An XML error is left to
/// calamine to say.
pub fn sheet_past(content: impl Read, limit: u64) -> std::io::Result<Option<(String, u64)>> {
    let mut scan = Scan::new(limit);
    let mut reader = std::io::BufReader::with_capacity(1 << 16, content);
    let mut piece = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut piece)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(past) = scan.feed(&piece[..n]) {
            return Ok(Some(past));
        }
    }
}

/// The scan's state between pieces of the XML.
struct Scan {
    limit: u64,
    /// Inside a tag, with its bytes so far (the first [`TAG_KEPT`]).
    in_tag: bool,
    tag: Vec<u8>,
    sheet: String,
    /// Text bytes written out so far in this sheet, rows so far, the rows
    /// down to the last with a value, and the widest such row.
    text: u64,
    rows: u64,
    rows_used: u64,
    width: u64,
    /// The row being read: its repeat count, its cells' text, its width
    /// so far and to its last value.
    row_repeat: u64,
    row_text: u64,
    row_cells: u64,
    row_width: u64,
    /// Inside a cell with content: its repeat count and text so far.
    cell: Option<(u64, u64)>,
}

impl Scan {
    fn new(limit: u64) -> Scan {
        Scan {
            limit,
            in_tag: false,
            tag: Vec::new(),
            sheet: String::new(),
            text: 0,
            rows: 0,
            rows_used: 0,
            width: 0,
            row_repeat: 1,
            row_text: 0,
            row_cells: 0,
            row_width: 0,
            cell: None,
        }
    }

    /// The bytes this sheet's cells take written out so far.
    fn written_out(&self) -> u64 {
        self.text.saturating_add(
            self.rows_used
                .saturating_mul(self.width)
                .saturating_mul(CELL_BYTES),
        )
    }

    fn feed(&mut self, mut bytes: &[u8]) -> Option<(String, u64)> {
        while !bytes.is_empty() {
            if self.in_tag {
                let end = memchr::memchr(b'>', bytes);
                let part = &bytes[..end.unwrap_or(bytes.len())];
                let room = TAG_KEPT.saturating_sub(self.tag.len());
                self.tag.extend_from_slice(&part[..part.len().min(room)]);
                // The tag goes on in the next piece.
                let end = end?;
                bytes = &bytes[end + 1..];
                self.in_tag = false;
                if let Some(past) = self.tag_ended() {
                    return Some(past);
                }
                self.tag.clear();
            } else {
                let start = memchr::memchr(b'<', bytes);
                let text = start.unwrap_or(bytes.len());
                if let Some((_, t)) = &mut self.cell {
                    *t = t.saturating_add(text as u64);
                }
                // No tag begins in the rest of this piece.
                let start = start?;
                bytes = &bytes[start + 1..];
                self.in_tag = true;
            }
        }
        None
    }

    /// A tag read whole: what it opens or closes.
    fn tag_ended(&mut self) -> Option<(String, u64)> {
        let tag = std::mem::take(&mut self.tag);
        let closing = tag.first() == Some(&b'/');
        let body = if closing { &tag[1..] } else { &tag[..] };
        let name_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let empty = body.last() == Some(&b'/');
        let count = |attr: &[u8]| attribute(body, attr).and_then(|v| v.parse::<u64>().ok());
        let mut past = None;
        match (name, closing) {
            (b"table:table", false) => {
                self.sheet = attribute(body, b"table:name").unwrap_or_default();
                (self.text, self.rows, self.rows_used, self.width) = (0, 0, 0, 0);
            }
            (b"table:table-row", false) => {
                self.row_repeat = count(b"table:number-rows-repeated").unwrap_or(1).max(1);
                (self.row_text, self.row_cells, self.row_width) = (0, 0, 0);
                if empty {
                    self.row_ended();
                }
            }
            (b"table:table-row", true) => past = self.row_ended(),
            (b"table:table-cell" | b"table:covered-table-cell", false) => {
                let repeat = count(b"table:number-columns-repeated").unwrap_or(1).max(1);
                // A value in an attribute (a number, a date) counts as a
                // cell with content, whose text is short.
                let valued = attribute(body, b"office:value-type").is_some();
                match empty {
                    true => self.cell_ended(repeat, valued.then_some(24)),
                    false => self.cell = Some((repeat, 0)),
                }
            }
            (b"table:table-cell" | b"table:covered-table-cell", true) => {
                if let Some((repeat, text)) = self.cell.take() {
                    self.cell_ended(repeat, (text > 0).then_some(text));
                }
            }
            // `<text:s text:c="1000"/>`: that many spaces.
            (b"text:s", false) => {
                if let Some((_, t)) = &mut self.cell {
                    *t = t.saturating_add(count(b"text:c").unwrap_or(1));
                }
            }
            _ => {}
        }
        past
    }

    /// A cell repeated `repeat` times along the row, with `text` bytes of
    /// text (none: an empty cell, which widens the row only if a cell with
    /// content follows it).
    fn cell_ended(&mut self, repeat: u64, text: Option<u64>) {
        self.row_cells = self.row_cells.saturating_add(repeat);
        if let Some(text) = text {
            self.row_text = self
                .row_text
                .saturating_add(repeat.saturating_mul(text.saturating_add(CELL_BYTES)));
            self.row_width = self.row_cells;
        }
    }

    /// A row repeated `row_repeat` times down the sheet: the sheet so far,
    /// and whether it is past the limit.
    fn row_ended(&mut self) -> Option<(String, u64)> {
        self.rows = self.rows.saturating_add(self.row_repeat);
        if self.row_width > 0 {
            self.text = self
                .text
                .saturating_add(self.row_repeat.saturating_mul(self.row_text));
            self.rows_used = self.rows;
            self.width = self.width.max(self.row_width);
        }
        let written = self.written_out();
        (written > self.limit).then(|| (self.sheet.clone(), written))
    }
}

/// The value of attribute `name` in the tag `body`, unescaped enough for
/// a number or a sheet's name.
fn attribute(body: &[u8], name: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&body[at..], name) {
        let start = at + i;
        let after = &body[start + name.len()..];
        let before_ok = start == 0 || body[start - 1].is_ascii_whitespace();
        if let (true, Some(rest)) = (before_ok, after.strip_prefix(b"=")) {
            let quote = *rest.first()?;
            let rest = &rest[1..];
            let end = memchr::memchr(quote, rest)?;
            let value = String::from_utf8_lossy(&rest[..end]);
            return Some(
                value
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        at = start + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> String {
        format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"Mappa &amp; altro\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
    }

    fn past(rows: &str, limit: u64) -> Option<(String, u64)> {
        // Fed a few bytes at a time: tags and text cut anywhere.
        let text = content(rows);
        let mut scan = Scan::new(limit);
        for piece in text.as_bytes().chunks(7) {
            if let Some(p) = scan.feed(piece) {
                return Some(p);
            }
        }
        None
    }

    #[test]
    fn repeated_rows_and_cells_count_once_each() {
        let cell = "<table:table-cell office:value-type=\"string\"><text:p>0123456789</text:p></table:table-cell>";
        let row = format!(
            "<table:table-row table:number-rows-repeated=\"1000\">{cell}</table:table-row>"
        );
        // 1,000 rows of one cell: 1,000 × (10 bytes of text + 32), and the
        // rectangle of 1,000 cells.
        assert_eq!(past(&row, 1_000_000), None);
        let (sheet, bytes) = past(&row, 10_000).unwrap();
        assert_eq!(sheet, "Mappa & altro");
        assert!(bytes > 10_000);
        // Repeated along the row as well: a million cells.
        let wide = row.replace(
            "<table:table-cell ",
            "<table:table-cell table:number-columns-repeated=\"1000\" ",
        );
        assert!(past(&wide, 30_000_000).is_some());
        // Spaces written with a count.
        let spaces = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"5000000\"/></text:p></table:table-cell></table:table-row>";
        assert!(past(spaces, 1_000_000).is_some());
        // The usual tail of a sheet, empty rows repeated to the end: nothing.
        let tail = "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";
        assert_eq!(past(&format!("{row}{tail}"), 1_000_000), None);
        // An empty cell far along a row, then a value: the rectangle is wide.
        let far = "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>";
        assert!(past(far, 1 << 30).is_some());
    }
}

//! Cell-level text helpers shared by the importers: splitting an activities
//! cell into steps and spotting damaged text.

use super::Row;
use crate::model::Text;
use memchr::memmem;
use std::borrow::Cow;

/// Text from another row quoted in a diagnostic, cut to a readable length
/// (120 characters): a message about one row must not carry a whole other
/// row, or a file could make every message copy one huge cell.
pub fn quote(text: &str) -> Cow<'_, str> {
    const MAX_CHARS: usize = 120;
    match text.char_indices().nth(MAX_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Splits an activities cell into its steps. Tries, in order, a numbered
/// sequence (`1.` `1)` `1-`), a lettered one (`a)` `b)`), dashes, one step
/// per line (a spreadsheet's multi-line cell) and semicolons; a cell with
/// none of these is one step. Text is kept verbatim
/// apart from trimming (a heading before the first step is joined to it).
pub fn split_steps(cell: &str) -> Vec<Text> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Vec::new();
    }
    for finder in [numbered_markers, lettered_markers] {
        let marks = finder(cell);
        if marks.len() >= 2 {
            return cut_at(cell, &marks);
        }
    }
    let dashes = dash_markers(cell);
    if dashes.len() >= 2 {
        return cut_at(cell, &dashes);
    }
    if memchr::memchr(b'\n', cell.as_bytes()).is_some() {
        let lines: Vec<Text> = cell
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(Text::from)
            .collect();
        if lines.len() >= 2 {
            return lines;
        }
    }
    if memchr::memchr(b';', cell.as_bytes()).is_none() {
        return vec![Text::from(cell)];
    }
    let parts: Vec<Text> = cell
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(Text::from)
        .collect();
    if parts.len() >= 2 {
        return parts;
    }
    vec![Text::from(cell)]
}

/// A step marker: where it starts and where the step text begins.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    text: usize,
}

fn cut_at(cell: &str, marks: &[Marker]) -> Vec<Text> {
    let mut out = Vec::with_capacity(marks.len());
    // Text before the first marker (a heading such as "lettera a):") is kept
    // with the first step so nothing is lost.
    let lead = cell[..marks[0].start].trim();
    for (i, m) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(cell.len(), |n| n.start);
        let step = cell[m.text..end].trim();
        if i == 0 && !lead.is_empty() {
            out.push(compact_str::format_compact!("{lead} {step}"));
        } else if !step.is_empty() {
            out.push(Text::from(step));
        }
    }
    out
}

fn at_boundary(cell: &str, pos: usize) -> bool {
    pos == 0
        || cell[..pos]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || c == ';' || c == ',' || c == ':')
}

/// `1.` `1)` `1-` markers forming the sequence 1, 2, 3, ...
fn numbered_markers(cell: &str) -> Vec<Marker> {
    let b = cell.as_bytes();
    let mut marks = Vec::new();
    let mut want = 1u32;
    let mut i = 0;
    // Jump (memchr) to the next occurrence of the first digit of the number
    // wanted, or of a zero ("01."): a marker can only start there, and only
    // at a word boundary, which a digit inside a longer number never is.
    while let Some(found) = memchr::memchr2(b'0', first_digit(want), &b[i..]) {
        i += found;
        if !at_boundary(cell, i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let n: u32 = cell[i..j].parse().unwrap_or(0);
        if n == want && j < b.len() && matches!(b[j], b'.' | b')' | b'-') {
            // "1.5" is a number, not a step.
            let next_digit = b.get(j + 1).is_some_and(u8::is_ascii_digit);
            if !next_digit {
                marks.push(Marker {
                    start: i,
                    text: j + 1,
                });
                want += 1;
                i = j + 1;
                continue;
            }
        }
        i = j;
    }
    marks
}

fn first_digit(mut n: u32) -> u8 {
    while n >= 10 {
        n /= 10;
    }
    b'0' + n as u8
}

/// `a)` `b)` markers forming the sequence a, b, c, ... (case-insensitive).
fn lettered_markers(cell: &str) -> Vec<Marker> {
    let b = cell.as_bytes();
    let mut marks = Vec::new();
    let mut want = b'a';
    // Visit only the closing brackets (found with memchr), not every byte.
    for close in memchr::memchr_iter(b')', b) {
        let Some(i) = close.checked_sub(1) else {
            continue;
        };
        if b[i].to_ascii_lowercase() == want && at_boundary(cell, i) {
            marks.push(Marker {
                start: i,
                text: i + 2,
            });
            want += 1;
        }
    }
    marks
}

/// Dashes that separate steps: one at the start, or one after a space or a
/// line break that is followed by a space or a letter ("- Studio", "a - b",
/// " -controllo").
fn dash_markers(cell: &str) -> Vec<Marker> {
    let b = cell.as_bytes();
    let mut marks = Vec::new();
    for i in memchr::memchr_iter(b'-', b) {
        if !(i == 0 || matches!(b[i - 1], b' ' | b'\n' | b'\r')) {
            continue;
        }
        let next = b.get(i + 1).copied();
        let ok = match next {
            Some(b' ') => true,
            Some(c) => i == 0 || (c as char).is_alphabetic() || c >= 0x80,
            None => false,
        };
        if ok {
            marks.push(Marker {
                start: i,
                text: i + 1,
            });
        }
    }
    // A text that does not start with a dash keeps its first step before the
    // first dash: model that as a marker at 0.
    if !marks.is_empty() && marks[0].start != 0 {
        marks.insert(0, Marker { start: 0, text: 0 });
    }
    marks
}

/// Where the signs [`corruption_hints`] looks for sit in a whole source
/// text, found in one pass over the file so that the cells of a clean row
/// are never searched.
#[derive(Debug, Clone)]
pub struct DamageSigns {
    /// Byte offsets of the signs, ascending.
    offsets: Vec<usize>,
}

impl DamageSigns {
    pub fn find(text: &str) -> Self {
        // memchr's SIMD substring search: the file is searched twice, so
        // this pass must cost less than searching row by row.
        let bytes = text.as_bytes();
        let mut offsets: Vec<usize> = memmem::find_iter(bytes, "amerat").collect();
        offsets.extend(
            memmem::find_iter(bytes, SG).filter(|&i| followed_by_letter(text, i + SG.len())),
        );
        offsets.sort_unstable();
        DamageSigns { offsets }
    }

    /// Whether `row` (of the text given to [`DamageSigns::find`]) may hold
    /// what [`foreign_chars`] or [`corruption_hints`] look for in any of its
    /// cells; `false` means neither finds anything there.
    pub fn in_row(&self, row: &Row) -> bool {
        if has_long_sequence(row.raw) {
            return true;
        }
        let first = self.offsets.partition_point(|&o| o < row.offset);
        self.offsets
            .get(first)
            .is_some_and(|&o| o < row.offset + row.raw.len())
    }
}

/// "Segretario Generale", the expansion that damaged words containing "sg".
const SG: &str = "Segretario Generale";

fn followed_by_letter(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphabetic)
}

/// Whether `text` has a character of three or more bytes in UTF-8. Latin
/// letters take at most two, so only these can be foreign. No early exit
/// inside a 64-byte chunk, so that each chunk is checked many bytes at a time.
fn has_long_sequence(text: &str) -> bool {
    text.as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | (b >= 0xE0)))
}

fn has_replace_damage_sign(text: &str) -> bool {
    text.contains(SG) || text.contains("amerat")
}

/// Characters outside the Latin script and common punctuation: in these
/// documents they are stray glyphs from a bad conversion.
pub fn foreign_chars(text: &str) -> Vec<char> {
    // Latin letters are at most two bytes in UTF-8; only a lead byte of a
    // three- or four-byte sequence can start a foreign character.
    if !has_long_sequence(text) {
        return Vec::new();
    }
    // Each character once, in order of appearance, and a handful of them:
    // enough to find the damage, not a copy of a damaged cell.
    const LISTED: usize = 16;
    let mut v: Vec<char> = Vec::new();
    let foreign = text.chars().filter(|&c| {
        !(c.is_ascii()
            || ('\u{00A0}'..='\u{024F}').contains(&c)
            || ('\u{2010}'..='\u{206F}').contains(&c)
            || c == '€')
    });
    for c in foreign {
        if !v.contains(&c) {
            v.push(c);
            if v.len() == LISTED {
                break;
            }
        }
    }
    v
}

/// Signs of a past search-and-replace that went wrong, with a hint each.
pub fn corruption_hints(text: &str) -> Vec<String> {
    let mut hints = Vec::new();
    // Cheap test first: this runs on every cell.
    if !has_replace_damage_sign(text) {
        return hints;
    }
    // "sg" was replaced by "Segretario Generale" inside words:
    // "sgravio" became "Segretario Generaleravio".
    // A few hints per cell, each quoting a few letters: enough to find the
    // damage, however often a cell repeats it.
    const HINTS: usize = 10;
    let needle = SG;
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle).filter(|_| hints.len() < HINTS) {
        let end = from + pos + needle.len();
        let tail: String = text[end..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .take(40)
            .collect();
        if !tail.is_empty() {
            hints.push(format!(
                "\"{needle}{tail}\" sembra un errore di sostituzione automatica di \"sg\" (probabilmente \"sg{tail}\")"
            ));
        }
        from = end;
    }
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.eq_ignore_ascii_case("camerati") {
            hints
                .push("\"camerati\" sembra un errore di sostituzione per \"camerali\"".to_string());
            break;
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_level_damage_check_lets_clean_rows_through() {
        let text = "A1\tSegretario Generale\tDirigente Area\n\
                    A2\tUfficio à è ì ò ù € – “virgolette”\n\
                    A3\tprovvedimenti di Segretario Generaleravio\n\
                    A4\tenti camerati\n\
                    A5\ttesto प\n";
        let signs = DamageSigns::find(text);
        let rows = super::super::read_rows(text);
        let damaged: Vec<bool> = rows.iter().map(|r| signs.in_row(r)).collect();
        assert_eq!(damaged, [false, true, true, true, true]);
        // Anything the cell-level checks find, the row-level check lets through.
        for row in rows.iter() {
            for cell in &row.cells {
                let found = !foreign_chars(cell).is_empty() || !corruption_hints(cell).is_empty();
                assert!(!found || signs.in_row(row), "{cell}");
            }
        }
    }

    #[test]
    fn quotes_are_cut_to_a_readable_length() {
        assert_eq!(quote("Gestione contabilità"), "Gestione contabilità");
        let long = "à".repeat(500);
        let q = quote(&long);
        assert_eq!(q.chars().count(), 121);
        assert!(q.ends_with('…'));
    }

    #[test]
    fn numbered_steps_may_have_leading_zeros() {
        assert_eq!(
            split_steps("01. Ricezione 02. Verifica"),
            ["Ricezione", "Verifica"]
        );
        assert_eq!(split_steps("ore 10.30 e 20. tutto").len(), 1);
    }

    #[test]
    fn numbered_steps() {
        let lines = split_steps("Rilascio dei certificati\r\n  Rilascio delle visure\n\n");
        assert_eq!(lines, ["Rilascio dei certificati", "Rilascio delle visure"]);
        let dashed = split_steps("- Protocollazione\n- Istruttoria\r\n- Evasione");
        assert_eq!(dashed, ["Protocollazione", "Istruttoria", "Evasione"]);
        let wrapped = split_steps("1. Istruttoria\n   della richiesta\n2. Firma");
        assert_eq!(wrapped, ["Istruttoria\n   della richiesta", "Firma"]);
        let s = split_steps("1. Predisposizione del Piano 2. Approvazione con deliberazione 3. pubblicazione sul sito entro il 31 gennaio");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2], "pubblicazione sul sito entro il 31 gennaio");
        let s = split_steps("1) visure 2) certificati");
        assert_eq!(s, vec!["visure", "certificati"]);
        let s = split_steps("1- Analisi dei fabbisogni interni 2- Analisi");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn numbers_that_are_not_steps_stay() {
        let s = split_steps("Stesura deliberazioni entro il 31/10 di ogni anno (art. 14, comma 5)");
        assert_eq!(s.len(), 1);
        let s = split_steps("Versione 1.5 del documento");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn lettered_dashed_and_semicolon_steps() {
        assert_eq!(split_steps("a) Redazione testi b) invio").len(), 2);
        let s = split_steps("- Studio normativa di riferimento - Focus group");
        assert_eq!(s, vec!["Studio normativa di riferimento", "Focus group"]);
        let s = split_steps("Acquisto - ricezione bene - ricezione fattura");
        assert_eq!(s, vec!["Acquisto", "ricezione bene", "ricezione fattura"]);
        assert_eq!(
            split_steps("Ricezione istanza; istruttoria; rilascio").len(),
            3
        );
        assert!(split_steps("  ").is_empty());
    }

    #[test]
    fn damaged_text_is_spotted() {
        assert_eq!(foreign_chars("Verifica iscrिवibilità"), vec!['ि', 'व']);
        assert!(foreign_chars("Qualità, “virgolette” – €").is_empty());
        assert_eq!(
            corruption_hints("Istanza di Segretario Generaleravio").len(),
            1
        );
        assert!(corruption_hints("Segretario Generale/ PO").is_empty());
        assert_eq!(corruption_hints("sistemi camerati").len(), 1);
    }
}

//! Cell-level text helpers shared by the importers: quoting a cell in a
//! diagnostic and spotting damaged text (steps: [`crate::model::steps`]).

use super::Row;
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

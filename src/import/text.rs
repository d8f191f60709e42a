//! Cell-level text helpers shared by the importers: splitting an activities
//! cell into steps and spotting damaged text.

/// Splits an activities cell into its steps. Tries, in order, a numbered
/// sequence (`1.` `1)` `1-`), a lettered one (`a)` `b)`), dashes and
/// semicolons; a cell with none of these is one step. Text is kept verbatim
/// apart from trimming.
pub fn split_steps(cell: &str) -> Vec<String> {
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
    let parts: Vec<String> = cell
        .split(';')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        return parts;
    }
    vec![cell.to_string()]
}

/// A step marker: where it starts and where the step text begins.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    text: usize,
}

fn cut_at(cell: &str, marks: &[Marker]) -> Vec<String> {
    let mut out = Vec::new();
    // Text before the first marker (a heading such as "lettera a):") is kept
    // with the first step so nothing is lost.
    let lead = cell[..marks[0].start].trim();
    for (i, m) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(cell.len(), |n| n.start);
        let mut step = cell[m.text..end].trim().to_string();
        if i == 0 && !lead.is_empty() {
            step = format!("{lead} {step}");
        }
        if !step.is_empty() {
            out.push(step);
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
    while i < b.len() {
        if b[i].is_ascii_digit() && at_boundary(cell, i) {
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
            continue;
        }
        i += 1;
    }
    marks
}

/// `a)` `b)` markers forming the sequence a, b, c, ... (case-insensitive).
fn lettered_markers(cell: &str) -> Vec<Marker> {
    let b = cell.as_bytes();
    let mut marks = Vec::new();
    let mut want = b'a';
    for i in 0..b.len().saturating_sub(1) {
        if b[i].to_ascii_lowercase() == want && b[i + 1] == b')' && at_boundary(cell, i) {
            marks.push(Marker {
                start: i,
                text: i + 2,
            });
            want += 1;
        }
    }
    marks
}

/// Dashes that separate steps: one at the start, or one after whitespace that
/// is followed by a space or a letter ("- Studio", "a - b", " -controllo").
fn dash_markers(cell: &str) -> Vec<Marker> {
    let b = cell.as_bytes();
    let mut marks = Vec::new();
    for i in 0..b.len() {
        if b[i] != b'-' || !(i == 0 || b[i - 1] == b' ') {
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

/// Whether `text` may hold what [`foreign_chars`] or [`corruption_hints`]
/// look for; `false` means neither finds anything in it or in any part of it.
pub fn may_be_damaged(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xE0) || has_replace_damage_sign(text)
}

fn has_replace_damage_sign(text: &str) -> bool {
    text.contains("Segretario Generale") || text.contains("amerat")
}

/// Characters outside the Latin script and common punctuation: in these
/// documents they are stray glyphs from a bad conversion.
pub fn foreign_chars(text: &str) -> Vec<char> {
    // Latin letters are at most two bytes in UTF-8; only a lead byte of a
    // three- or four-byte sequence can start a foreign character.
    if !text.bytes().any(|b| b >= 0xE0) {
        return Vec::new();
    }
    let mut v: Vec<char> = text
        .chars()
        .filter(|&c| {
            !(c.is_ascii()
                || ('\u{00A0}'..='\u{024F}').contains(&c)
                || ('\u{2010}'..='\u{206F}').contains(&c)
                || c == '€')
        })
        .collect();
    v.dedup();
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
    let needle = "Segretario Generale";
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let end = from + pos + needle.len();
        let tail: String = text[end..]
            .chars()
            .take_while(|c| c.is_alphabetic())
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
    fn numbered_steps() {
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

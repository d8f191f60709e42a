//! The steps of an entry's activities, and how a cell of text is split
//! into them. A spreadsheet's cell is kept as it is and split when read:
//! a map of 100,000 entries is loaded without splitting (and allocating)
//! 100,000 lists of steps before its first frame, and each entry's steps
//! are split only when something shows, searches or writes them.

use super::kept::Kept;
use super::Text;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// An entry's steps: a list, or the cell they are split from.
#[derive(Clone, Default)]
pub struct Steps(Repr);

#[derive(Clone)]
enum Repr {
    List(Vec<Text>),
    /// The cell, trimmed, not empty; split by [`split`] when read.
    Cell(Text),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::List(Vec::new())
    }
}

impl Steps {
    /// The steps of an activities cell, split when they are read; the
    /// cell, and the steps read from it, point into `kept` when it lies
    /// there.
    pub fn of_cell(cell: &str, kept: Kept) -> Steps {
        let cell = cell.trim();
        if cell.is_empty() {
            return Steps::default();
        }
        Steps(Repr::Cell(kept.of(cell)))
    }

    /// The steps, split from their cell if need be.
    pub fn list(&self) -> Cow<'_, [Text]> {
        match &self.0 {
            Repr::List(steps) => Cow::Borrowed(steps),
            Repr::Cell(cell) => {
                let kept = cell.as_static_str().map_or(Kept::none(), Kept::from_static);
                Cow::Owned(split_with(cell, |s| kept.of(s)))
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::List(steps) => steps.is_empty(),
            // A cell of markers alone ("1. 2.") has no step.
            Repr::Cell(_) => self.list().is_empty(),
        }
    }

    pub fn len(&self) -> usize {
        self.list().len()
    }

    /// Adds the steps of `more` after these.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Text>) {
        if let Repr::Cell(_) = self.0 {
            self.0 = Repr::List(self.list().into_owned());
        }
        if let Repr::List(steps) = &mut self.0 {
            steps.extend(more);
        }
    }
}

impl From<Vec<Text>> for Steps {
    fn from(steps: Vec<Text>) -> Self {
        Steps(Repr::List(steps))
    }
}

impl FromIterator<Text> for Steps {
    fn from_iter<I: IntoIterator<Item = Text>>(steps: I) -> Self {
        Steps(Repr::List(steps.into_iter().collect()))
    }
}

/// Steps are equal when they read the same, however they are held.
impl PartialEq for Steps {
    fn eq(&self, other: &Steps) -> bool {
        self.list() == other.list()
    }
}

impl Eq for Steps {}

impl std::fmt::Debug for Steps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.list().iter()).finish()
    }
}

/// Written as the list of steps, as it always was.
impl Serialize for Steps {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Text>::deserialize(deserializer).map(Steps::from)
    }
}

/// Splits an activities cell into its steps. Tries, in order, a numbered
/// sequence (`1.` `1)` `1-`), a lettered one (`a)` `b)`), dashes, one step
/// per line (a spreadsheet's multi-line cell) and semicolons; a cell with
/// none of these is one step. Text is kept verbatim
/// apart from trimming (a heading before the first step is joined to it).
pub fn split(cell: &str) -> Vec<Text> {
    split_with(cell, |s| Text::from(s))
}

/// [`split`], each step made a [`Text`] by `text` (which may point into
/// the source rather than copy it).
fn split_with(cell: &str, text: impl Fn(&str) -> Text) -> Vec<Text> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Vec::new();
    }
    for finder in [numbered_markers, lettered_markers] {
        let marks = finder(cell);
        if marks.len() >= 2 {
            return cut_at(cell, &marks, &text);
        }
    }
    let dashes = dash_markers(cell);
    if dashes.len() >= 2 {
        return cut_at(cell, &dashes, &text);
    }
    if memchr::memchr(b'\n', cell.as_bytes()).is_some() {
        let lines = trimmed_pieces(cell.lines(), &text);
        if lines.len() >= 2 {
            return lines;
        }
    }
    if memchr::memchr(b';', cell.as_bytes()).is_none() {
        return vec![text(cell)];
    }
    let parts = trimmed_pieces(cell.split(';'), &text);
    if parts.len() >= 2 {
        return parts;
    }
    vec![text(cell)]
}

/// The pieces of a cell, trimmed, the empty ones left out.
fn trimmed_pieces<'c>(
    pieces: impl Iterator<Item = &'c str>,
    text: impl Fn(&str) -> Text,
) -> Vec<Text> {
    pieces
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(text)
        .collect()
}

/// The markers of one cell: most cells have a few, found without an
/// allocation (every entry of a large map has its cell split).
type Markers = smallvec::SmallVec<[Marker; 8]>;

/// A step marker: where it starts and where the step text begins.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    text: usize,
}

fn cut_at(cell: &str, marks: &[Marker], text: impl Fn(&str) -> Text) -> Vec<Text> {
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
            out.push(text(step));
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
fn numbered_markers(cell: &str) -> Markers {
    let b = cell.as_bytes();
    let mut marks = Markers::new();
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
fn lettered_markers(cell: &str) -> Markers {
    let b = cell.as_bytes();
    let mut marks = Markers::new();
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
fn dash_markers(cell: &str) -> Markers {
    let b = cell.as_bytes();
    let mut marks = Markers::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_reads_as_the_steps_split_from_it() {
        let kept = Kept::leak("x\t1. Istruttoria della domanda 2. Decisione\ty".to_string());
        let cell = &kept.text()[2..44];
        let steps = Steps::of_cell(cell, kept);
        assert_eq!(*steps.list(), ["Istruttoria della domanda", "Decisione"]);
        assert_eq!(steps, Steps::from(split(cell)));
        assert_eq!((steps.len(), steps.is_empty()), (2, false));
        // Read from the kept text, not copied.
        let first = &steps.list()[0];
        assert_eq!(
            first.as_static_str().map(str::as_ptr),
            Some(kept.text()[5..].as_ptr())
        );
        assert_eq!(
            serde_json::to_string(&steps).unwrap(),
            r#"["Istruttoria della domanda","Decisione"]"#
        );
        let back: Steps =
            serde_json::from_str(r#"["Istruttoria della domanda","Decisione"]"#).unwrap();
        assert_eq!(back, steps);
        assert_eq!(
            format!("{steps:?}"),
            r#"["Istruttoria della domanda", "Decisione"]"#
        );
        // Copied, the cell reads the same.
        assert_eq!(Steps::of_cell(cell, Kept::none()), steps);
        assert!(Steps::of_cell("  ", kept).is_empty());
        assert!(Steps::of_cell("1. 2.", Kept::none()).is_empty());
        let mut more = steps.clone();
        more.extend([Text::from("Firma")]);
        assert_eq!(more.len(), 3);
        assert_eq!(more.list()[2], "Firma");
    }

    #[test]
    fn numbered_steps_may_have_leading_zeros() {
        assert_eq!(
            split("01. Ricezione 02. Verifica"),
            ["Ricezione", "Verifica"]
        );
        assert_eq!(split("ore 10.30 e 20. tutto").len(), 1);
    }

    #[test]
    fn numbered_steps() {
        let lines = split("Rilascio dei certificati\r\n  Rilascio delle visure\n\n");
        assert_eq!(lines, ["Rilascio dei certificati", "Rilascio delle visure"]);
        let dashed = split("- Protocollazione\n- Istruttoria\r\n- Evasione");
        assert_eq!(dashed, ["Protocollazione", "Istruttoria", "Evasione"]);
        let wrapped = split("1. Istruttoria\n   della richiesta\n2. Firma");
        assert_eq!(wrapped, ["Istruttoria\n   della richiesta", "Firma"]);
        let s = split("1. Predisposizione del Piano 2. Approvazione con deliberazione 3. pubblicazione sul sito entro il 31 gennaio");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2], "pubblicazione sul sito entro il 31 gennaio");
        let s = split("1) visure 2) certificati");
        assert_eq!(s, vec!["visure", "certificati"]);
        let s = split("1- Analisi dei fabbisogni interni 2- Analisi");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn numbers_that_are_not_steps_stay() {
        let s = split("Stesura deliberazioni entro il 31/10 di ogni anno (art. 14, comma 5)");
        assert_eq!(s.len(), 1);
        let s = split("Versione 1.5 del documento");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn lettered_dashed_and_semicolon_steps() {
        assert_eq!(split("a) Redazione testi b) invio").len(), 2);
        let s = split("- Studio normativa di riferimento - Focus group");
        assert_eq!(s, vec!["Studio normativa di riferimento", "Focus group"]);
        let s = split("Acquisto - ricezione bene - ricezione fattura");
        assert_eq!(s, vec!["Acquisto", "ricezione bene", "ricezione fattura"]);
        assert_eq!(split("Ricezione istanza; istruttoria; rilascio").len(), 3);
        assert!(split("  ").is_empty());
    }
}

//! Folding and words: lower case, accents removed, words split at anything
//! that is not a letter or digit (apostrophes split: "d'origine" → "d",
//! "origine"), and a light Italian stem.

/// Lower case, accents removed; used for every comparison.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut base = c;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base == c && !unicode_normalization::char::is_combining_mark(d) {
            base = d;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

/// One folded word and where it is in the original text, in chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Index of its first char in the original text.
    pub start: u32,
    /// Its length in chars.
    pub len: u32,
}

/// Splits text into folded words with their char span in the original text.
pub fn fold_words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut start, mut len) = (0u32, 0u32);
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = i as u32;
                len = 0;
            }
            current.push(fold_char(c));
            len += 1;
        } else if !current.is_empty() {
            out.push(Word {
                text: std::mem::take(&mut current),
                start,
                len,
            });
        }
    }
    if !current.is_empty() {
        out.push(Word {
            text: current,
            start,
            len,
        });
    }
    out
}

/// The folded words of `text`, without their places.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold_words(text).into_iter().map(|w| w.text)
}

/// The folded words of `text` joined by single spaces.
pub fn fold(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

/// Light Italian stemming: enough for singular/plural and -zione/-zioni
/// (visura/visure, bilancio/bilanci, premio/premi, pulizia/pulizie).
/// Takes a folded word.
pub fn stem(word: &str) -> String {
    stem_of(word).to_string()
}

/// [`stem`] as the slice of `word` it is (without a copy).
pub fn stem_of(word: &str) -> &str {
    let mut len = word.chars().count();
    if len < 4 {
        return word;
    }
    // The endings are ASCII letters, one byte each: the stem is a slice.
    let mut stem = word;
    if let Some(rest) = stem.strip_suffix(['a', 'e', 'i', 'o']) {
        stem = rest;
        len -= 1;
    }
    // "pulizie"/"pulizia", "bilanci"/"bilancio": the i before the ending.
    if len > 4 {
        stem = stem.strip_suffix('i').unwrap_or(stem);
    }
    stem
}

/// Edit distance between two folded words (optimal string alignment:
/// insertions, deletions, substitutions and swaps of two neighbours), when
/// it is at most `max`; `None` above. Stops as soon as `max` is out of
/// reach, so comparing a word with a whole vocabulary stays cheap.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        osa_within(a.as_bytes(), b.as_bytes(), max)
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        osa_within(&a, &b, max)
    }
}

/// Longest second word whose rows fit on the stack.
const SHORT: usize = 32;

fn osa_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if max == 0 {
        return (a == b).then_some(0);
    }
    if max == 1 {
        return within_one(a, b).then(|| usize::from(a != b));
    }
    if b.len() < SHORT {
        let mut rows = [[0usize; SHORT]; 3];
        let [before, prev, row] = &mut rows;
        osa_rows(a, b, max, before, prev, row)
    } else {
        let width = b.len() + 1;
        let (mut before, mut prev, mut row) = (vec![0; width], vec![0; width], vec![0; width]);
        osa_rows(a, b, max, &mut before, &mut prev, &mut row)
    }
}

/// At most one edit apart: what is left between the common beginning and
/// the common end is one character each (a substitution), one on one side
/// only, or two swapped neighbours.
fn within_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.len(), b.len()) {
        (0 | 1, 0 | 1) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}

/// The dynamic programme over three rows of at least `b.len() + 1` cells:
/// two back (for swaps), one back, this one.
fn osa_rows<T: PartialEq>(
    a: &[T],
    b: &[T],
    max: usize,
    before: &mut [usize],
    prev: &mut [usize],
    row: &mut [usize],
) -> Option<usize> {
    let width = b.len() + 1;
    for (j, cell) in prev.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    let (mut before, mut prev, mut row) = (before, prev, row);
    for i in 1..=a.len() {
        row[0] = i;
        let mut lowest = row[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            lowest = lowest.min(d);
        }
        if lowest > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// The first five letters of a folded word: a coarser stem than [`stem`],
/// shared by a whole word family ("informazione", "informativi";
/// "programma", "programmazione"). Used to judge whether two texts are
/// about the same thing, where a loose match is what is wanted.
pub fn root(word: &str) -> &str {
    match word.char_indices().nth(5) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_elision() {
        let w: Vec<String> = words("Liquidità d'origine, CITTÀ").collect();
        assert_eq!(w, vec!["liquidita", "d", "origine", "citta"]);
        assert_eq!(fold("  Perché   PEC-mail "), "perche pec mail");
        let spans = fold_words("è un’àncora");
        assert_eq!((spans[2].start, spans[2].len), (5, 6));
    }

    #[test]
    fn each_word_is_a_word() {
        for text in [
            "Liquidità d'origine, CITTÀ",
            "",
            "  ",
            "più123àb – x",
            "ÆØ ǅ İ",
        ] {
            let mut each = Vec::new();
            crate::text::for_each_word(text, |w| each.push(w.to_string()));
            assert_eq!(each, words(text).collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn words_of_a_family_share_a_root() {
        assert_eq!(root("informazione"), root("informativi"));
        assert_eq!(root("programma"), "progr");
        assert_eq!(root("città"), "città");
        assert_eq!(root("sede"), "sede");
    }

    #[test]
    fn singular_and_plural_share_a_stem() {
        for (a, b) in [
            ("visura", "visure"),
            ("bilancio", "bilanci"),
            ("premio", "premi"),
            ("pulizia", "pulizie"),
            ("contratto", "contratti"),
            ("locazione", "locazioni"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
    }

    #[test]
    fn stems_of_short_and_unfolded_words() {
        for (word, want) in [
            ("via", "via"),
            ("ciao", "cia"),
            ("premi", "prem"),
            ("bilancio", "bilanc"),
            ("città", "città"),
            ("perché", "perché"),
            ("ñiii", "ñii"),
            ("mañani", "mañan"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn edit_distance_counts_swaps_as_one_and_stops_above_the_limit() {
        assert_eq!(edit_distance_within("inventrio", "inventario", 1), Some(1));
        assert_eq!(edit_distance_within("bilnacio", "bilancio", 1), Some(1));
        assert_eq!(
            edit_distance_within("amministrazone", "amministrazione", 2),
            Some(1)
        );
        assert_eq!(edit_distance_within("protocolo", "protocollo", 2), Some(1));
        assert_eq!(
            edit_distance_within("retribuzoine", "retribuzione", 2),
            Some(1)
        );
        assert_eq!(
            edit_distance_within("anticoruzzione", "anticorruzione", 2),
            Some(2)
        );
        assert_eq!(edit_distance_within("inventrio", "inventariato", 2), None);
        assert_eq!(edit_distance_within("", "abc", 3), Some(3));
        assert_eq!(edit_distance_within("città", "citta", 1), Some(1));
        assert_eq!(edit_distance_within("same", "same", 0), Some(0));
        assert_eq!(edit_distance_within("same", "sane", 0), None);
        assert_eq!(edit_distance_within("ab", "ba", 1), Some(1));
        assert_eq!(edit_distance_within("abc", "ab", 1), Some(1));
        assert_eq!(edit_distance_within("abc", "abd", 1), Some(1));
        assert_eq!(edit_distance_within("abcd", "acbe", 1), None);
        let long = "a".repeat(40);
        assert_eq!(
            edit_distance_within(&long, &format!("{long}bb"), 2),
            Some(2)
        );
    }

    #[test]
    fn one_edit_fast_path_agrees_with_the_full_programme() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bac", "abd", "abcd", "abdc", "xbcd", "aabc",
        ];
        for a in words {
            for b in words {
                let mut rows = [[0usize; SHORT]; 3];
                let [before, prev, row] = &mut rows;
                let full = osa_rows(a.as_bytes(), b.as_bytes(), 1, before, prev, row);
                let fast = edit_distance_within(a, b, 1);
                assert_eq!(fast, full, "{a:?} {b:?}");
            }
        }
    }
}

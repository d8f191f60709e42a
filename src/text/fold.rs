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

/// Calls `f` with each folded word of `text` in order: the words of
/// [`words`], without an allocation per word (one buffer is reused), for
/// callers that keep only a few of them.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut current = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.push(fold_char(c));
        } else if !current.is_empty() {
            f(&current);
            current.clear();
        }
    }
    if !current.is_empty() {
        f(&current);
    }
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
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return word.to_string();
    }
    let mut end = chars.len();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o');
    if vowel(chars[end - 1]) {
        end -= 1;
    }
    // "pulizie"/"pulizia", "bilanci"/"bilancio": the i before the ending.
    if end > 4 && chars[end - 1] == 'i' {
        end -= 1;
    }
    chars[..end].iter().collect()
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
            for_each_word(text, |w| each.push(w.to_string()));
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
}

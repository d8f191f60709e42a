//! Words without an allocation each: the same folded words as
//! [`super::words`], lent one at a time from a reused buffer, for code that
//! reads every word of a whole map (the concordance).

use super::fold_char;

/// Calls `each` with every folded word of `text`, in order: exactly the
/// words [`super::words`] returns. A word of ASCII lower-case letters and
/// digits (most words) is already folded and is lent straight from `text`;
/// other ASCII words are lower-cased byte by byte, and only a word with
/// other characters goes through [`fold_char`].
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    for_each_word_at(text, |w, _, _| each(w));
}

/// [`for_each_word`] with where each word lies in `text`: the byte range
/// from its first character to the end of its last (what lies between two
/// words is `text[end_of_one..start_of_next]`).
pub fn for_each_word_at(text: &str, mut each: impl FnMut(&str, usize, usize)) {
    let bytes = text.as_bytes();
    let mut folded = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut upper = false;
        while let Some(b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
            upper |= b.is_ascii_uppercase();
            i += 1;
        }
        let ascii = &text[start..i];
        folded.clear();
        if upper {
            folded.push_str(ascii);
            folded.make_ascii_lowercase();
        }
        if bytes.get(i).is_none_or(u8::is_ascii) {
            // The word ends at an ASCII separator or the end of the text.
            each(if upper { &folded } else { ascii }, start, i);
            continue;
        }
        // A character that is not ASCII: a letter to fold or a separator
        // (a dash, a curly apostrophe), which ends the word and is skipped.
        if !upper {
            folded.push_str(ascii);
        }
        let mut end = i;
        for c in text[i..].chars() {
            i += c.len_utf8();
            if !c.is_alphanumeric() {
                break;
            }
            end = i;
            folded.push(fold_char(c));
        }
        if !folded.is_empty() {
            each(&folded, start, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn the_same_words_as_words() {
        for text in [
            "",
            "  ",
            "Liquidità d'origine, CITTÀ",
            "è un’àncora",
            "D.Lgs. 81/2008 — salute/sicurezza (ex art. 44)",
            "Rilascio carte tachigrafiche e Rinnovo",
            "ＡＢＣ Straße ÆØÅ",
            "rilascio—carte–tachigrafiche…",
            "perché città, qualità.",
            "abcÀbc dEf 12x ",
            "’inizio e fine’",
            "x",
            "é",
            "ABC def GHI",
            "Città DI Roma—AB–cd’EF",
            "A1b2C3 ÀB xÉ —",
        ] {
            let mut got = Vec::new();
            for_each_word(text, |w| got.push(w.to_string()));
            assert_eq!(got, words(text).collect::<Vec<_>>(), "{text:?}");
            // And where they are: the same places fold_words gives, in bytes.
            let mut at = Vec::new();
            for_each_word_at(text, |_, s, e| at.push((s, e)));
            let chars: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let want: Vec<(usize, usize)> = crate::text::fold_words(text)
                .iter()
                .map(|w| (chars[w.start as usize], chars[(w.start + w.len) as usize]))
                .collect();
            assert_eq!(at, want, "{text:?}");
        }
    }

    #[test]
    fn the_same_words_as_words_on_the_seeds() {
        let map = crate::import::builtin();
        for node in map.datasets.iter().flat_map(|d| &d.nodes) {
            let steps = node.activities.list();
            let texts = [
                &node.title,
                &node.name,
                &node.input,
                &node.output,
                &node.role,
            ];
            let offices = node.structures.iter().flat_map(|s| [&s.area, &s.servizio]);
            for text in texts.into_iter().chain(steps.iter()).chain(offices) {
                let mut got = Vec::new();
                for_each_word(text, |w| got.push(w.to_string()));
                assert_eq!(got, words(text).collect::<Vec<_>>(), "{text:?}");
            }
        }
    }
}

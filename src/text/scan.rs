//! Words without an allocation each: the same folded words as
//! [`super::words`], lent one at a time from a reused buffer, for code that
//! reads every word of a whole map (the concordance).

use super::fold_char;

/// Calls `each` with every folded word of `text`, in order: exactly the
/// words [`super::words`] returns.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(fold_char(c));
        } else if !word.is_empty() {
            each(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        each(&word);
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
        ] {
            let mut got = Vec::new();
            for_each_word(text, |w| got.push(w.to_string()));
            assert_eq!(got, words(text).collect::<Vec<_>>(), "{text:?}");
        }
    }
}

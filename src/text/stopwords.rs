//! Italian function words: articles, prepositions (simple and joined with an
//! article), conjunctions, pronouns, the commonest forms of "essere" and
//! "avere", and the abbreviations that close a list ("ecc.", "etc.").
//! They say nothing about what an entry is about, so text comparisons that
//! weigh words (the concordance) leave them out.

/// Folded (lower case, no accents), sorted so that lookups can bisect.
const STOPWORDS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "chi", "ci", "coi",
    "col", "come", "con", "cui", "da", "dagli", "dai", "dal", "dalla", "dalle", "dallo", "degli",
    "dei", "del", "dell", "della", "delle", "dello", "di", "e", "ecc", "ed", "es", "essere", "etc",
    "gli", "ha", "hanno", "i", "il", "in", "l", "la", "le", "lo", "loro", "ma", "ne", "negli",
    "nei", "nel", "nell", "nella", "nelle", "nello", "non", "o", "od", "ogni", "oppure", "per",
    "piu", "quale", "quali", "quella", "quelle", "quelli", "quello", "questa", "queste", "questi",
    "questo", "se", "si", "sia", "sono", "su", "sugli", "sui", "sul", "sull", "sulla", "sulle",
    "sullo", "tra", "tramite", "un", "una", "uno", "via",
];

/// The longest function word, in bytes: a longer word needs no search
/// (most words of a text are longer).
const LONGEST: usize = longest(STOPWORDS);

const fn longest(words: &[&str]) -> usize {
    let (mut i, mut max) = (0, 0);
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
}

/// Whether a folded word (see [`super::words`]) is an Italian function word.
pub fn is_stopword(folded: &str) -> bool {
    folded.len() <= LONGEST && STOPWORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_folded() {
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert!(STOPWORDS.iter().all(|w| super::super::fold(w) == *w));
    }

    #[test]
    fn function_words_only() {
        for w in ["della", "e", "per", "sulla", "ecc", "l"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["gestione", "registro", "carte", "imprese", "81"] {
            assert!(!is_stopword(w), "{w}");
        }
    }
}

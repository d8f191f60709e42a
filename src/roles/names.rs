//! Whether the words of a question name a role or an office, read as
//! search reads words: accents and case do not matter, a word may be
//! typed in part ("armonizz"), abbreviated as the map abbreviates it
//! ("Armonizzaz."), in the plural, given as an acronym ("RI" for
//! "Registro imprese") or mistyped — but a mistyping only when the word
//! typed is not itself a word of the map ("economato" is not a typo for
//! "economico": the map has both). Every word must be in the name; a
//! name that merely has the letters in order is no match.

use crate::search::{acronym_words, typo_budget};
use crate::text::{edit_distance_within, fold_words, is_stopword, stem};

/// The significant folded words of a name.
pub fn name_words(name: &str) -> Vec<String> {
    fold_words(name)
        .into_iter()
        .map(|w| w.text)
        .filter(|w| !is_stopword(w))
        .collect()
}

/// Whether query word `q` (folded) is word `w` of a name, or stands for it.
fn same_word(q: &str, w: &str, known: bool) -> bool {
    let (qn, wn) = (q.chars().count(), w.chars().count());
    if q == w
        || (qn >= 3 && w.starts_with(q))
        || (wn >= 5 && q.starts_with(w))
        || (qn >= 4 && wn >= 4 && stem(q) == stem(w))
    {
        return true;
    }
    let budget = typo_budget(qn);
    !known
        && budget > 0
        && wn.abs_diff(qn) <= budget
        && edit_distance_within(q, w, budget).is_some()
}

/// Whether every one of `words` (folded, without question forms or
/// function words) is in the name with words `name`; `known` says whether
/// a word is a word of the map as it is.
pub fn names(words: &[String], name: &[String], known: &dyn Fn(&str) -> bool) -> bool {
    !words.is_empty()
        && words.iter().all(|q| {
            let k = known(q);
            name.iter().any(|w| same_word(q, w, k))
                || acronym_words(q).iter().any(|exp| {
                    exp.iter()
                        .all(|e| name.iter().any(|w| same_word(e, w, true)))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(words: &str, name: &str, known: &[&str]) -> bool {
        let q: Vec<String> = name_words(words);
        names(&q, &name_words(name), &|w| known.contains(&w))
    }

    #[test]
    fn names_are_read_as_search_reads_words() {
        assert!(n("registro imprese", "Registro imprese", &[]));
        assert!(n("Armonizzazione", "Armonizzaz. e tutela del mercato", &[]));
        assert!(n("tutela mercato", "Armonizzaz. e tutela del mercato", &[]));
        assert!(n("dirigenti", "Dirigente Area", &[]));
        assert!(n("RI", "Registro imprese", &[]));
        assert!(n("segretaro", "Segretario generale", &[]));
    }

    #[test]
    fn a_loose_match_is_no_match() {
        // The letters in order, not the words.
        assert!(!n("economato", "Responsabile Protocollo informatico", &[]));
        // A word of the map is not a typo for another.
        assert!(!n("economato", "Sviluppo economico", &["economato"]));
        assert!(n("economico", "Sviluppo economico", &["economico"]));
        // Every word must be there.
        assert!(!n("registro protesti", "Registro imprese", &[]));
        assert!(!n("", "Registro imprese", &[]));
    }
}

//! What is searched of a query as typed: at most [`MAX_QUERY_CHARS`]
//! characters and [`MAX_QUERY_WORDS`] words (the rest is ignored, and the
//! query says so), folded, without question forms ("chi si occupa di",
//! [`crate::text::question_words`]) and function words, each word once.
//!
//! The cap is what keeps a pasted page from freezing the explorer: every
//! later step works on at most this many words.

use crate::text::{fold_words, question_words};
use rustc_hash::FxHashSet as HashSet;

/// Characters of a query that are read; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;
/// Words of a query that are read; the rest is ignored.
pub const MAX_QUERY_WORDS: usize = 32;

/// Italian function words and question words, ignored in queries ("chi
/// rilascia le visure") unless they are all the query has.
const STOPWORDS: &[&str] = &[
    "a", "ad", "al", "alla", "alle", "ai", "agli", "all", "allo", "chi", "che", "ci", "col", "coi",
    "come", "con", "cosa", "cui", "d", "da", "dai", "dagli", "dal", "dalla", "dalle", "dallo",
    "dei", "degli", "del", "della", "delle", "dello", "dell", "di", "dove", "e", "ed", "fra",
    "gli", "i", "il", "in", "l", "la", "le", "lo", "mi", "ne", "negli", "nei", "nel", "nella",
    "nelle", "nello", "non", "o", "per", "perche", "quale", "qual", "quando", "se", "si", "su",
    "sui", "sul", "sulla", "sulle", "sullo", "sugli", "tra", "un", "una", "uno", "vi", "fa",
    "fare", "chiedo", "serve", "voglio", "vorrei", "devo", "posso", "bisogna", "occorre", "ho",
    "ha", "mio", "mia", "suo", "sua",
];

/// Whether a folded word is a function word that need not match.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// A query read into the words that are searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The part of the query that is read, trimmed (a code is read from it).
    pub text: String,
    /// Folded content words, each once, in the order typed.
    pub words: Vec<String>,
    /// Whether part of the query was ignored (too many characters or words).
    pub truncated: bool,
}

/// Reads a query. Touches at most [`MAX_QUERY_CHARS`] characters of it,
/// whatever its length.
pub fn parse(query: &str) -> Query {
    let trimmed = query.trim();
    let (text, rest) = match trimmed.char_indices().nth(MAX_QUERY_CHARS) {
        Some((end, _)) => (&trimmed[..end], &trimmed[end..]),
        None => (trimmed, ""),
    };
    let mut all: Vec<String> = fold_words(text).into_iter().map(|w| w.text).collect();
    // A word cut in two by the cap is not a word the clerk typed.
    let cut_in_a_word = text.chars().next_back().is_some_and(char::is_alphanumeric)
        && rest.chars().next().is_some_and(char::is_alphanumeric);
    if cut_in_a_word {
        all.pop();
    }
    let mut truncated = !rest.is_empty();
    if all.len() > MAX_QUERY_WORDS {
        all.truncate(MAX_QUERY_WORDS);
        truncated = true;
    }
    // Question forms go as whole phrases ("chi si occupa di"), then the
    // function words.
    let asking = question_words(&all);
    let content: Vec<&String> = all
        .iter()
        .zip(&asking)
        .filter(|(w, &q)| !q && !is_stopword(w))
        .map(|(w, _)| w)
        .collect();
    let chosen: Vec<&String> = if content.is_empty() {
        all.iter().collect()
    } else {
        content
    };
    let mut seen = HashSet::default();
    let words = chosen
        .into_iter()
        .filter(|w| seen.insert(w.as_str()))
        .cloned()
        .collect();
    Query {
        text: text.trim_end().to_string(),
        words,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_dropped_unless_they_are_all_there_is() {
        let q = parse("Chi rilascia le VISURE?");
        assert_eq!(q.words, ["rilascia", "visure"]);
        assert!(!q.truncated);
        assert_eq!(parse("chi").words, ["chi"]);
        assert!(parse("  ...  ").words.is_empty());
    }

    #[test]
    fn question_forms_are_dropped_as_phrases() {
        assert_eq!(parse("chi si occupa del protocollo").words, ["protocollo"]);
        assert_eq!(
            parse("a chi mi rivolgo per il rimborso missioni").words,
            ["rimborso", "missioni"]
        );
        // Not one word at a time: "occupa" is a content word here.
        assert_eq!(parse("occupa suolo").words, ["occupa", "suolo"]);
        // Only a form: its words are searched.
        assert_eq!(parse("chi si occupa").words, ["occupa"]);
    }

    #[test]
    fn each_word_counts_once() {
        assert_eq!(parse("pec PEC pèc protocollo").words, ["pec", "protocollo"]);
    }

    #[test]
    fn a_long_query_is_capped_and_says_so() {
        let long = "protocollo ".repeat(10_000);
        let q = parse(&long);
        assert!(q.truncated);
        assert_eq!(q.words, ["protocollo"]);
        assert!(q.text.chars().count() <= MAX_QUERY_CHARS);

        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        let q = parse(&many);
        assert!(q.truncated);
        assert_eq!(q.words.len(), MAX_QUERY_WORDS);
        assert_eq!(q.words.last().map(String::as_str), Some("w31"));

        let exact = "a".repeat(MAX_QUERY_CHARS);
        assert!(!parse(&exact).truncated);
    }

    #[test]
    fn a_word_cut_by_the_cap_is_dropped() {
        let query = format!("{}protocollo", "x ".repeat(MAX_QUERY_CHARS / 2 - 2));
        let q = parse(&query);
        assert!(q.truncated);
        assert!(q.words.iter().all(|w| w == "x"), "{:?}", q.words);
    }
}

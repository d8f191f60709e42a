//! Terms: the words of an entry that can tell it apart, folded and stemmed,
//! each given a small integer id so that entries compare as sparse vectors.

use crate::text::{for_each_word, is_stopword, stem};
use rustc_hash::FxHashMap;

/// Term ids in order of first appearance: the same map always numbers its
/// terms the same way, so nothing downstream depends on hash order.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    /// Each folded word met so far and its term (`None`: a word that says
    /// nothing), so that a word is stemmed once however often it occurs.
    words: FxHashMap<String, Option<u32>>,
}

impl Vocabulary {
    /// Room for about `words` distinct words without growing.
    pub fn with_capacity(words: usize) -> Vocabulary {
        Vocabulary {
            ids: FxHashMap::with_capacity_and_hasher(words / 2, Default::default()),
            words: FxHashMap::with_capacity_and_hasher(words, Default::default()),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Calls `each` with the id of every term of `text`, in text order
    /// (repeats included).
    pub fn terms_of(&mut self, text: &str, mut each: impl FnMut(u32)) {
        for_each_word(text, |word| {
            let id = match self.words.get(word) {
                Some(&id) => id,
                None => {
                    let id = term(word).map(|t| {
                        let next = self.ids.len() as u32;
                        *self.ids.entry(t).or_insert(next)
                    });
                    self.words.insert(word.to_string(), id);
                    id
                }
            };
            if let Some(id) = id {
                each(id);
            }
        });
    }
}

/// The term a folded word stands for, `None` for a word that says nothing:
/// an Italian function word or a single letter or digit (list markers such
/// as "a)" and "1.").
pub fn term(word: &str) -> Option<String> {
    if word.chars().nth(1).is_none() || is_stopword(word) {
        return None;
    }
    let mut t = stem(word);
    // Plurals in -che/-ghe and -chi/-ghi keep an h the singular lacks
    // (tachigrafiche/tachigrafica, luoghi/luogo).
    if t.len() > 4 && (t.ends_with("ch") || t.ends_with("gh")) {
        t.pop();
    }
    // Adjectives in -ale/-ali meet their noun (territoriale/territorio,
    // promozionali/promozione, culturali/cultura); the i the stem keeps
    // before an ending goes as it does in [`stem`] (commerciale/commercio).
    if t.len() > 6 && t.is_ascii() && t.ends_with("al") {
        t.truncate(t.len() - 2);
        if t.ends_with('i') && t.len() > 4 {
            t.pop();
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_and_list_markers_are_not_terms() {
        assert_eq!(term("della"), None);
        assert_eq!(term("a"), None);
        assert_eq!(term("1"), None);
        assert_eq!(term("81").as_deref(), Some("81"));
        assert_eq!(term("ri").as_deref(), Some("ri"));
    }

    #[test]
    fn singular_and_plural_are_one_term() {
        for (a, b) in [
            ("tachigrafiche", "tachigrafica"),
            ("carte", "carta"),
            ("luoghi", "luogo"),
            ("tecnici", "tecnico"),
            ("iscrizioni", "iscrizione"),
            ("territoriale", "territorio"),
            ("promozionali", "promozione"),
            ("culturali", "cultura"),
            ("commerciale", "commercio"),
        ] {
            assert_eq!(term(a), term(b), "{a} {b}");
        }
    }

    #[test]
    fn ids_follow_first_appearance() {
        let mut v = Vocabulary::default();
        let mut ids = Vec::new();
        v.terms_of("Rilascio carte tachigrafiche e rilascio CNS", |t| {
            ids.push(t)
        });
        assert_eq!(ids, vec![0, 1, 2, 0, 3]);
        assert_eq!(v.len(), 4);
    }
}

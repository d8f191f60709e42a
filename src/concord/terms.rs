//! Terms: the words of an entry that can tell it apart, folded and stemmed,
//! each given a small integer id so that entries compare as sparse vectors.

use crate::text::{for_each_word, is_stopword, stem};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Term ids in order of first appearance: the same map always numbers its
/// terms the same way, so nothing downstream depends on hash order. Reads
/// texts that live as long as `'a` (the map's).
#[derive(Debug, Default)]
pub struct Vocabulary<'a> {
    ids: FxHashMap<String, u32>,
    /// The terms of each text read so far, a range of `read`: nearly a
    /// third of the seeds' text repeats whole (the variants of a code share their
    /// activities, annex entries their offices) and is cut into words once.
    texts: FxHashMap<&'a str, Range<u32>>,
    read: Vec<u32>,
    /// Each folded word met so far and its term (`None`: a word that says
    /// nothing), so that a word is stemmed once however often it occurs;
    /// most words are short and found by their bytes as one number
    /// ([`short_key`]), the rest by their text.
    short: FxHashMap<u128, Option<u32>>,
    long: FxHashMap<String, Option<u32>>,
}

impl<'a> Vocabulary<'a> {
    /// Room for about `words` distinct words without growing.
    pub fn with_capacity(words: usize) -> Vocabulary<'a> {
        Vocabulary {
            ids: FxHashMap::with_capacity_and_hasher(words / 2, Default::default()),
            texts: FxHashMap::default(),
            read: Vec::new(),
            short: FxHashMap::with_capacity_and_hasher(words, Default::default()),
            long: FxHashMap::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Calls `each` with the id of every term of `text`, in text order
    /// (repeats included).
    pub fn terms_of(&mut self, text: &'a str, mut each: impl FnMut(u32)) {
        if text.is_empty() {
            return;
        }
        let range = match self.texts.get(text) {
            Some(range) => range.clone(),
            None => {
                let start = self.read.len() as u32;
                self.cut(text);
                let range = start..self.read.len() as u32;
                self.texts.insert(text, range.clone());
                range
            }
        };
        for &id in &self.read[range.start as usize..range.end as usize] {
            each(id);
        }
    }

    /// [`Vocabulary::terms_of`] for a text that does not live as long as
    /// the map (steps split from their cell when read): its terms are not
    /// remembered by its text.
    pub fn terms_of_passing(&mut self, text: &str, mut each: impl FnMut(u32)) {
        if let Some(range) = self.texts.get(text).cloned() {
            for &id in &self.read[range.start as usize..range.end as usize] {
                each(id);
            }
            return;
        }
        let start = self.read.len();
        self.cut(text);
        for &id in &self.read[start..] {
            each(id);
        }
        self.read.truncate(start);
    }

    /// Appends the ids of the terms of `text` to `read`.
    fn cut(&mut self, text: &str) {
        for_each_word(text, |word| {
            let known = match short_key(word) {
                Some(key) => self.short.get(&key),
                None => self.long.get(word),
            };
            let id = match known {
                Some(&id) => id,
                None => self.learn(word),
            };
            if let Some(id) = id {
                self.read.push(id);
            }
        });
    }

    /// The term of a word not met before, numbered if it is new too.
    fn learn(&mut self, word: &str) -> Option<u32> {
        let id = term(word).map(|t| {
            let next = self.ids.len() as u32;
            *self.ids.entry(t).or_insert(next)
        });
        match short_key(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.to_string(), id),
        };
        id
    }
}

/// A word of up to 16 bytes as one number, its bytes padded with zeros:
/// no two words share one, since a word never holds a zero byte (a NUL is
/// not alphanumeric). Hashed and compared far faster than text.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
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
    fn short_and_long_words_alike() {
        let mut v = Vocabulary::default();
        // Longer than 16 bytes, 16, longer again.
        let text = "internazionalizzazione regolamentazioni internazionalizzazioni";
        let mut ids = Vec::new();
        v.terms_of(text, |t| ids.push(t));
        v.terms_of(text, |t| ids.push(t));
        assert_eq!(ids, vec![0, 1, 0, 0, 1, 0]);
        assert!(short_key("regolamentazioni").is_some());
        assert_eq!(short_key("internazionalizzazione"), None);
        assert_ne!(short_key("ab"), short_key("ba"));
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

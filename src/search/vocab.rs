//! The vocabulary: every folded word of the map with the entries that
//! contain it, and how a query word meets it — exact, prefix, light stem,
//! typos scaled to the word's length, inside a compound, or a compact fuzzy
//! match scored by nucleo-matcher.

use crate::model::Text;
use crate::text::{edit_distance_within, stem, stem_of};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Utf32Str};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One word of the vocabulary with the entries that contain it. Its text
/// and stem are held inline when short (nearly every word): a map's few
/// thousand words are not a few thousand allocations each.
#[derive(Debug)]
pub struct Word {
    pub text: Text,
    stem: Text,
    chars: usize,
    /// Distinct global node indices, ascending.
    pub postings: Vec<u32>,
}

/// Every word of the map, by id.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub words: Vec<Word>,
    ids: HashMap<Text, u32>,
}

impl Vocabulary {
    /// The id of `text`, added if new; records that `node` contains it.
    pub fn add(&mut self, text: &str, node: u32) -> u32 {
        let id = match self.ids.get(text) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                let text = Text::from(text);
                self.words.push(Word {
                    stem: Text::from(stem_of(&text)),
                    chars: text.chars().count(),
                    text: text.clone(),
                    postings: Vec::new(),
                });
                self.ids.insert(text, id);
                id
            }
        };
        let postings = &mut self.words[id as usize].postings;
        if postings.last() != Some(&node) {
            postings.push(node);
        }
        id
    }

    /// Takes in the words of `other`, whose entries all come after this
    /// one's: a word met here already gets `other`'s entries after its
    /// own, a new one the next id. The new id of each word of `other`.
    pub fn merge(&mut self, other: Vocabulary) -> Vec<u32> {
        let mut ids = Vec::with_capacity(other.words.len());
        for w in other.words {
            let id = match self.ids.get(w.text.as_str()) {
                Some(&id) => {
                    self.words[id as usize].postings.extend(w.postings);
                    id
                }
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(w.text.clone(), id);
                    self.words.push(w);
                    id
                }
            };
            ids.push(id);
        }
        ids
    }

    pub fn id(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the word has an entry among the global nodes `range`.
    pub fn occurs_in(&self, word: u32, range: &Range<u32>) -> bool {
        let postings = &self.words[word as usize].postings;
        let i = postings.partition_point(|&n| n < range.start);
        postings.get(i).is_some_and(|&n| n < range.end)
    }

    /// Words within a few edits of `q` (more for longer words), nearest
    /// and most common first: what a query that found nothing may have meant.
    pub fn nearest(&self, q: &str, range: &Range<u32>, n: usize) -> Vec<&str> {
        let q_chars = q.chars().count();
        let budget = q_chars.div_ceil(3).clamp(1, 4);
        let mut found: Vec<(usize, usize, &str)> = self
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.chars >= 3 && !w.text.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|(id, w)| {
                let d = edit_distance_within(q, &w.text, budget)?;
                self.occurs_in(id as u32, range)
                    .then(|| (d, usize::MAX - w.postings.len(), w.text.as_str()))
            })
            .collect();
        found.sort_unstable();
        found.into_iter().take(n).map(|(_, _, w)| w).collect()
    }
}

/// One vocabulary word a query form matches.
#[derive(Debug, Clone, Copy)]
pub struct WordMatch {
    pub word: u32,
    /// 1 for the word itself, less for looser matches.
    pub quality: f32,
    /// Leading characters to highlight (0 = the whole word).
    pub prefix: u16,
}

/// The vocabulary words one query form matches, by ascending word id.
#[derive(Debug, Default)]
pub struct Matches {
    pub words: Vec<WordMatch>,
    /// Sum of the postings of the matched words: how common the form is.
    pub weight: usize,
}

impl Matches {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `word` is among the matches.
    pub fn contains(&self, word: u32) -> bool {
        self.words.binary_search_by_key(&word, |m| m.word).is_ok()
    }
}

/// Typos forgiven in a word of this many letters: one from 5, two from 9
/// (the documents themselves misspell long words).
pub fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How well query word `q` matches vocabulary word `word`: quality in
/// 0..=1 and how many leading characters to highlight (0 = whole word).
fn quality(
    q: &str,
    q_chars: usize,
    q_stem: &str,
    atom: &Atom,
    word: &Word,
    nucleo: &mut nucleo_matcher::Matcher,
) -> Option<(f32, u16)> {
    if word.text == q {
        return Some((1.0, 0));
    }
    if q_chars >= 2 && word.text.starts_with(q) {
        // Longer words that merely start with the query weigh a little less.
        let rest = (word.chars - q_chars) as f32;
        return Some((0.9 - (rest * 0.01).min(0.1), q_chars as u16));
    }
    if q_chars >= 4 && word.stem.len() >= 3 && word.stem == q_stem {
        return Some((0.85, 0));
    }
    let budget = typo_budget(q_chars);
    if budget > 0 && word.chars.abs_diff(q_chars) <= budget {
        if let Some(edits) = edit_distance_within(q, &word.text, budget) {
            return Some((if edits <= 1 { 0.7 } else { 0.6 }, 0));
        }
    }
    if q_chars >= 4 && word.chars > q_chars && word.text.contains(q) {
        return Some((0.6, 0));
    }
    // Compounds: "anticorruzione" finds "corruzione".
    if word.chars >= 6 && q_chars > word.chars && q.ends_with(word.text.as_str()) {
        return Some((0.55, 0));
    }
    if q_chars >= 4
        && word.chars <= q_chars + 3
        && is_subsequence(q.as_bytes(), word.text.as_bytes())
    {
        // A compact fuzzy match inside one word ("tachgraf"), scored by nucleo.
        let mut indices = Vec::new();
        // Few words get here: their UTF-32 form is made for them alone.
        let mut chars = Vec::new();
        let score = atom.indices(Utf32Str::new(&word.text, &mut chars), nucleo, &mut indices)?;
        let span = indices.last().copied().unwrap_or(0) - indices.first().copied().unwrap_or(0) + 1;
        if (span as usize) <= q_chars + 2 && indices.len() == q_chars {
            return Some((0.45 + (score as f32 / 10_000.0).min(0.05), 0));
        }
    }
    None
}

/// How a correctly written word matches: itself, a longer word it begins,
/// its stem (plural, singular).
fn written_quality(q: &str, q_chars: usize, q_stem: &str, word: &Word) -> Option<(f32, u16)> {
    if word.text == q {
        return Some((1.0, 0));
    }
    if q_chars >= 3 && word.text.starts_with(q) {
        let rest = (word.chars - q_chars) as f32;
        return Some((0.9 - (rest * 0.01).min(0.1), q_chars as u16));
    }
    if q_chars >= 4 && word.stem.len() >= 3 && word.stem == q_stem {
        return Some((0.85, 0));
    }
    None
}

/// Whether all bytes of `needle` appear in `hay` in order.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

/// Most forms remembered; a query has at most a few per word.
const CACHE_SIZE: usize = 256;

/// Matches query words against the vocabulary, remembering recent words
/// (typing re-runs the search with the same earlier words).
pub struct Matcher {
    nucleo: nucleo_matcher::Matcher,
    cache: HashMap<String, Arc<Matches>>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            nucleo: nucleo_matcher::Matcher::new(Config::DEFAULT),
            cache: HashMap::default(),
        }
    }
}

/// How loosely a form is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looseness {
    /// What a clerk typed: typos, fragments and fuzzy matches forgiven.
    Typed,
    /// A word from the assets (a synonym, an acronym's expansion), written
    /// correctly: only the word, longer words it begins, and its stem.
    Written,
}

impl Matcher {
    /// Every vocabulary word a folded query word matches, loosely.
    pub fn matches(&mut self, vocab: &Vocabulary, q: &str) -> Arc<Matches> {
        self.matches_as(vocab, q, Looseness::Typed)
    }

    /// Every vocabulary word a folded word from the assets matches.
    pub fn matches_written(&mut self, vocab: &Vocabulary, q: &str) -> Arc<Matches> {
        self.matches_as(vocab, q, Looseness::Written)
    }

    fn matches_as(&mut self, vocab: &Vocabulary, q: &str, looseness: Looseness) -> Arc<Matches> {
        // Folded words have no tabs: the key cannot meet a typed word's.
        let key = match looseness {
            Looseness::Typed => q.to_string(),
            Looseness::Written => format!("{q}\t"),
        };
        if let Some(m) = self.cache.get(&key) {
            return Arc::clone(m);
        }
        let q_chars = q.chars().count();
        let q_stem = stem(q);
        let atom = Atom::new(
            q,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        let mut m = Matches::default();
        for (id, word) in vocab.words.iter().enumerate() {
            let found = match looseness {
                Looseness::Typed => quality(q, q_chars, &q_stem, &atom, word, &mut self.nucleo),
                Looseness::Written => written_quality(q, q_chars, &q_stem, word),
            };
            if let Some((quality, prefix)) = found {
                m.words.push(WordMatch {
                    word: id as u32,
                    quality,
                    prefix,
                });
                m.weight += word.postings.len();
            }
        }
        let m = Arc::new(m);
        if self.cache.len() >= CACHE_SIZE {
            self.cache.clear();
        }
        self.cache.insert(key, Arc::clone(&m));
        m
    }

    /// Forgets what was worked out for query words starting with `prefix`
    /// (all of it for "").
    pub fn forget(&mut self, prefix: &str) {
        self.cache.retain(|k, _| !k.starts_with(prefix));
    }
}

/// Only the vocabulary word `q` itself (an acronym, the parts of a
/// compound): short forms must not match every word they begin.
pub fn exact(vocab: &Vocabulary, q: &str) -> Matches {
    match vocab.id(q) {
        Some(id) => Matches {
            words: vec![WordMatch {
                word: id,
                quality: 1.0,
                prefix: 0,
            }],
            weight: vocab.words[id as usize].postings.len(),
        },
        None => Matches::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::default();
        for (i, w) in words.iter().enumerate() {
            v.add(w, i as u32);
        }
        v
    }

    fn found(v: &Vocabulary, q: &str) -> Vec<String> {
        Matcher::default()
            .matches(v, q)
            .words
            .iter()
            .map(|m| v.words[m.word as usize].text.to_string())
            .collect()
    }

    #[test]
    fn typos_are_scaled_to_the_length_of_the_word() {
        let v = vocab(&["inventario", "bilancio", "pec", "anticorruzione", "cane"]);
        assert_eq!(found(&v, "inventrio"), ["inventario"]);
        assert_eq!(found(&v, "bilnacio"), ["bilancio"]);
        // Four letters: no typo forgiven.
        assert!(found(&v, "cune").is_empty());
        // Two edits from nine letters.
        assert_eq!(found(&v, "antcoruzione"), ["anticorruzione"]);
        // But not from seven.
        assert!(found(&v, "bilnaco").is_empty());
    }

    #[test]
    fn written_words_match_only_themselves_their_stem_and_longer_words() {
        let v = vocab(&[
            "tachigrafiche",
            "grafiche",
            "sanzione",
            "sanzionatorio",
            "sanzini",
        ]);
        let written = |q: &str| -> Vec<String> {
            Matcher::default()
                .matches_written(&v, q)
                .words
                .iter()
                .map(|m| v.words[m.word as usize].text.to_string())
                .collect()
        };
        assert_eq!(written("tachigrafiche"), ["tachigrafiche"]);
        assert_eq!(written("sanzioni"), ["sanzione"]);
        assert_eq!(written("sanzion"), ["sanzione", "sanzionatorio"]);
    }

    #[test]
    fn nearest_words_come_nearest_first() {
        let v = vocab(&["protocollo", "protesti", "pratiche", "xy"]);
        let near = v.nearest("protocolllllo", &(0..4), 3);
        assert_eq!(near.first().copied(), Some("protocollo"));
        assert!(v.nearest("qqqzzzxxx", &(0..4), 3).is_empty());
    }
}

//! The forms a query word can take in an entry: the word itself, a clerk's
//! synonym for the document's word (assets/sinonimi.tsv), an acronym's
//! expansion or the acronym of an expansion spelt out in the query
//! (assets/acronimi.tsv), and a compound written together or apart
//! ("start up", "start-up", "startup").
//!
//! Working out the forms is linear in the number of query words: each
//! word is looked up once, and each acronym is checked once per query.

use super::query::is_stopword;
use super::vocab::{exact, Matcher, Matches, Vocabulary};
use crate::text::{for_each_word, stem};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

const ACRONYMS: &str = include_str!("../../assets/acronimi.tsv");
/// Words clerks use and the words the documents use for the same thing.
const SYNONYMS: &str = include_str!("../../assets/sinonimi.tsv");

/// How much a hit through each form is worth next to the word itself: a
/// synonym or an acronym ranks just below the literal word.
const LITERAL: f32 = 1.0;
const COMPOUND: f32 = 0.95;
const SYNONYM: f32 = 0.8;
const ACRONYM: f32 = 0.8;

/// An acronym and the significant words of its expansion.
struct Acronym {
    short: String,
    expansion: Vec<String>,
    stems: Vec<String>,
}

/// The acronyms and synonyms, read once from the assets.
pub struct Lexicon {
    acronyms: Vec<Acronym>,
    by_short: HashMap<String, Vec<usize>>,
    /// Each entry: the words the documents use, each a phrase of one or more words.
    synonyms: Vec<Vec<Vec<String>>>,
    synonyms_by_word: HashMap<String, Vec<usize>>,
    synonyms_by_stem: HashMap<String, Vec<usize>>,
}

/// Folded significant words of a phrase: no function words.
fn significant(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(phrase, |w| {
        if !is_stopword(w) {
            out.push(w.to_string());
        }
    });
    out
}

/// The folded words of `text` run together ("R.I." → "ri").
fn joined(text: &str) -> String {
    let mut out = String::new();
    for_each_word(text, |w| out.push_str(w));
    out
}

/// Rows of a tab-separated asset: a header line, then `key<TAB>value`;
/// lines starting with `#` are comments.
fn rows(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

/// The acronyms of the assets, read once: for `mappa who`, which reads
/// an office's name as search reads words.
static SHIPPED: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::default);

/// The significant words (folded, four letters or more) of each
/// expansion of the acronym `short` ("ri" → "registro", "imprese").
pub fn acronym_words(short: &str) -> Vec<Vec<String>> {
    SHIPPED
        .by_short
        .get(short)
        .into_iter()
        .flatten()
        .map(|&a| SHIPPED.acronyms[a].expansion.clone())
        .collect()
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new(ACRONYMS, SYNONYMS)
    }
}

impl Lexicon {
    fn new(acronyms: &str, synonyms: &str) -> Self {
        let mut lexicon = Lexicon {
            acronyms: Vec::new(),
            by_short: HashMap::default(),
            synonyms: Vec::new(),
            synonyms_by_word: HashMap::default(),
            synonyms_by_stem: HashMap::default(),
        };
        for (short, expansion) in rows(acronyms) {
            let expansion: Vec<String> = significant(expansion)
                .into_iter()
                .filter(|w| w.chars().count() >= 4)
                .collect();
            let short = joined(short);
            if short.is_empty() || expansion.is_empty() {
                continue;
            }
            lexicon
                .by_short
                .entry(short.clone())
                .or_default()
                .push(lexicon.acronyms.len());
            lexicon.acronyms.push(Acronym {
                stems: expansion.iter().map(|e| stem(e)).collect(),
                short,
                expansion,
            });
        }
        for (word, others) in rows(synonyms) {
            let word = joined(word);
            let others: Vec<Vec<String>> = others
                .split(',')
                .map(significant)
                .filter(|p| !p.is_empty())
                .collect();
            if word.is_empty() || others.is_empty() {
                continue;
            }
            let id = lexicon.synonyms.len();
            lexicon.synonyms.push(others);
            if word.chars().count() >= 4 {
                lexicon
                    .synonyms_by_stem
                    .entry(stem(&word))
                    .or_default()
                    .push(id);
            }
            lexicon.synonyms_by_word.entry(word).or_default().push(id);
        }
        lexicon
    }

    /// The synonym phrases of a folded word (its plural or singular too).
    fn synonyms_of(&self, word: &str) -> Vec<&Vec<String>> {
        let mut ids: Vec<usize> = self
            .synonyms_by_word
            .get(word)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        if word.chars().count() >= 4 {
            ids.extend(self.synonyms_by_stem.get(&stem(word)).into_iter().flatten());
        }
        ids.sort_unstable();
        ids.dedup();
        let mut phrases: Vec<&Vec<String>> =
            ids.iter().flat_map(|&id| &self.synonyms[id]).collect();
        phrases.dedup();
        phrases
    }

    /// Number of synonym pairs (word, document phrase) in the asset.
    #[cfg(test)]
    fn synonym_pairs(&self) -> usize {
        self.synonyms.iter().map(Vec::len).sum()
    }
}

/// One way a query word can be found in an entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// One vocabulary match stands for the word.
    Single { slot: usize, factor: f32 },
    /// Every part must be in the entry (an acronym's expansion, a synonym
    /// of several words).
    Phrase { slots: Vec<usize>, factor: f32 },
    /// Two parts next to each other, in this order (a compound written apart).
    Adjacent {
        first: usize,
        second: usize,
        factor: f32,
    },
}

/// The forms of every query word, over shared vocabulary matches (slots).
pub struct Plan {
    /// Slot `i < words` is query word `i` itself.
    pub slots: Vec<Arc<Matches>>,
    /// Per query word, its forms; the first is the word itself.
    pub forms: Vec<Vec<Form>>,
}

impl Plan {
    /// Whether any word has a form besides itself.
    pub fn has_alternatives(&self) -> bool {
        self.forms.iter().any(|f| f.len() > 1)
    }

    fn slot(&mut self, matches: Arc<Matches>) -> Option<usize> {
        if matches.is_empty() {
            return None;
        }
        self.slots.push(matches);
        Some(self.slots.len() - 1)
    }
}

/// Ways to cut a word into two vocabulary words ("startup" → "start",
/// "up"): at most two, each part at least two letters.
fn splits(word: &str, vocab: &Vocabulary) -> Vec<(u32, u32)> {
    let chars = word.chars().count();
    if !(5..=24).contains(&chars) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (k, _) in word.char_indices().skip(2) {
        let (left, right) = word.split_at(k);
        if right.chars().count() < 2 {
            break;
        }
        if let (Some(a), Some(b)) = (vocab.id(left), vocab.id(right)) {
            found.push((a, b));
            if found.len() == 2 {
                break;
            }
        }
    }
    found
}

/// The forms of each query word.
pub fn plan(
    words: &[String],
    vocab: &Vocabulary,
    matcher: &mut Matcher,
    lexicon: &Lexicon,
) -> Plan {
    let mut plan = Plan {
        slots: words.iter().map(|w| matcher.matches(vocab, w)).collect(),
        forms: (0..words.len())
            .map(|slot| {
                vec![Form::Single {
                    slot,
                    factor: LITERAL,
                }]
            })
            .collect(),
    };
    let exact_slot = |plan: &mut Plan, text: &str| plan.slot(Arc::new(exact(vocab, text)));
    for (i, word) in words.iter().enumerate() {
        // An acronym finds the entries that spell it out.
        for &a in lexicon.by_short.get(word).into_iter().flatten() {
            let parts: Vec<Arc<Matches>> = lexicon.acronyms[a]
                .expansion
                .iter()
                .map(|e| matcher.matches_written(vocab, e))
                .collect();
            if parts.iter().all(|p| !p.is_empty()) {
                let slots = parts.into_iter().filter_map(|p| plan.slot(p)).collect();
                plan.forms[i].push(Form::Phrase {
                    slots,
                    factor: ACRONYM,
                });
            }
        }
        // A clerk's word for what the documents call otherwise.
        for phrase in lexicon.synonyms_of(word) {
            let parts: Vec<Arc<Matches>> = phrase
                .iter()
                .map(|p| matcher.matches_written(vocab, p))
                .collect();
            if parts.is_empty() || parts.iter().any(|p| p.is_empty()) {
                continue;
            }
            let slots: Vec<usize> = parts.into_iter().filter_map(|p| plan.slot(p)).collect();
            plan.forms[i].push(match slots[..] {
                [slot] => Form::Single {
                    slot,
                    factor: SYNONYM,
                },
                _ => Form::Phrase {
                    slots,
                    factor: SYNONYM,
                },
            });
        }
        // A compound typed together finds it written apart.
        for (left, right) in splits(word, vocab) {
            let first = exact_slot(&mut plan, &vocab.words[left as usize].text);
            let second = exact_slot(&mut plan, &vocab.words[right as usize].text);
            if let (Some(first), Some(second)) = (first, second) {
                plan.forms[i].push(Form::Adjacent {
                    first,
                    second,
                    factor: COMPOUND,
                });
            }
        }
    }
    // A compound typed apart finds it written together: both words count.
    for i in 1..words.len() {
        let joined = format!("{}{}", words[i - 1], words[i]);
        if let Some(slot) = vocab
            .id(&joined)
            .and_then(|_| exact_slot(&mut plan, &joined))
        {
            for w in [i - 1, i] {
                plan.forms[w].push(Form::Single {
                    slot,
                    factor: COMPOUND,
                });
            }
        }
    }
    // An expansion spelt out in the query finds the entries that use the
    // acronym: one look at each acronym, whatever the query's length.
    let mut by_stem: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, w) in words.iter().enumerate() {
        by_stem.entry(stem(w)).or_default().push(i);
    }
    for acronym in &lexicon.acronyms {
        let spelled =
            acronym.stems.len() >= 2 && acronym.stems.iter().all(|s| by_stem.contains_key(s));
        if !spelled {
            continue;
        }
        let Some(slot) = exact_slot(&mut plan, &acronym.short) else {
            continue;
        };
        for s in &acronym.stems {
            for &i in &by_stem[s] {
                plan.forms[i].push(Form::Single {
                    slot,
                    factor: ACRONYM,
                });
            }
        }
    }
    plan
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

    #[test]
    fn the_shipped_vocabulary_is_a_real_one() {
        let lexicon = Lexicon::default();
        assert!(lexicon.synonym_pairs() >= 80, "{}", lexicon.synonym_pairs());
        // Both directions where it makes sense.
        assert!(!lexicon.synonyms_of("multa").is_empty());
        assert!(!lexicon.synonyms_of("sanzione").is_empty());
        // Plurals find the same entry.
        assert_eq!(lexicon.synonyms_of("multe"), lexicon.synonyms_of("multa"));
    }

    #[test]
    fn a_synonym_of_several_words_is_a_phrase() {
        let lexicon = Lexicon::new(
            "sigla\tespansione\n",
            "parola\taltre\ngara\tprocedura di affidamento, appalti\n",
        );
        let v = vocab(&["procedura", "affidamento", "appalti"]);
        let p = plan(&["gara".to_string()], &v, &mut Matcher::default(), &lexicon);
        assert!(matches!(&p.forms[0][1], Form::Phrase { slots, .. } if slots.len() == 2));
        assert!(matches!(p.forms[0][2], Form::Single { .. }));
    }

    #[test]
    fn compounds_meet_their_spaced_forms() {
        let lexicon = Lexicon::new("sigla\tespansione\n", "parola\taltre\n");
        let v = vocab(&["start", "up", "startup"]);
        let words = ["start".to_string(), "up".to_string()];
        let p = plan(&words, &v, &mut Matcher::default(), &lexicon);
        // "start up" also reads as "startup", for both words.
        assert_eq!(p.forms[0].len(), 2);
        assert_eq!(p.forms[1].len(), 2);
        let p = plan(
            &["startup".to_string()],
            &v,
            &mut Matcher::default(),
            &lexicon,
        );
        assert!(p.forms[0]
            .iter()
            .any(|f| matches!(f, Form::Adjacent { .. })));
    }

    #[test]
    fn spelt_out_acronyms_are_checked_once_per_query() {
        let lexicon = Lexicon::new(
            "sigla\tespansione\nDVR\tDocumento di Valutazione dei Rischi\n",
            "parola\taltre\n",
        );
        let v = vocab(&["dvr", "documento", "valutazione", "rischi"]);
        let words: Vec<String> = ["documento", "valutazione", "rischi"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let p = plan(&words, &v, &mut Matcher::default(), &lexicon);
        assert!(p.forms.iter().all(|f| f.len() == 2));
        let p = plan(&["dvr".to_string()], &v, &mut Matcher::default(), &lexicon);
        assert!(matches!(&p.forms[0][1], Form::Phrase { slots, .. } if slots.len() == 3));
    }
}

//! The search index shared by the command line and the explorer.
//!
//! Every word of every field is folded (lower case, no accents, elisions
//! split) into a vocabulary with postings. A query word is compared with the
//! vocabulary — exact, prefix, light Italian stem, one typo, and a compact
//! fuzzy match scored by nucleo-matcher — and its postings give the entries
//! and where it matched. Every query word must match somewhere in an entry;
//! code and title hits weigh more than hits deep in the activities, whole
//! words more than fragments, and words found close together earn a bonus.

use crate::import::code::Code;
use crate::model::{Map, Node};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::rc::Rc;

/// Where a word was found, from most to least telling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Code,
    Title,
    Name,
    Role,
    Structures,
    Input,
    Output,
    Activities,
}

impl Field {
    const ALL: [Field; 8] = [
        Field::Code,
        Field::Title,
        Field::Name,
        Field::Role,
        Field::Structures,
        Field::Input,
        Field::Output,
        Field::Activities,
    ];

    fn weight(self) -> f32 {
        match self {
            Field::Code | Field::Title => 10.0,
            Field::Name => 8.0,
            Field::Role | Field::Structures => 7.0,
            Field::Input | Field::Output => 4.0,
            Field::Activities => 3.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Title => "title",
            Field::Name => "name",
            Field::Role => "role",
            Field::Structures => "structures",
            Field::Input => "input",
            Field::Output => "output",
            Field::Activities => "activities",
        }
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub dataset: usize,
    pub node: usize,
    pub score: f32,
    pub matched_field: Field,
    /// Char positions of the title to highlight, sorted.
    pub title_positions: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    node: u32,
    field: Field,
    /// Word position within the field.
    pos: u16,
}

#[derive(Debug)]
struct Word {
    text: String,
    stem: String,
    chars: usize,
    utf32: Utf32String,
}

/// How a query word met one entry: its best field and position.
#[derive(Debug, Clone, Copy)]
struct WordHit {
    score: f32,
    field: Field,
    pos: u16,
    /// Further positions in the same field with the same score (a word
    /// repeated in a title), for the proximity bonus.
    more: [u16; 3],
    n_more: u8,
    /// Characters of the title word to highlight (0: the whole word).
    prefix: u16,
}

/// The entries one query word matches, by global node index.
type WordMatches = Rc<HashMap<u32, WordHit>>;

/// The index over all nodes of all datasets.
pub struct SearchIndex {
    /// (dataset, node) of each global node index.
    nodes: Vec<(u32, u32)>,
    words: Vec<Word>,
    postings: Vec<Vec<Posting>>,
    /// Per global node: char spans (start, len) of the title words, by position.
    title_spans: Vec<Vec<(u32, u32)>>,
    codes: Vec<Option<Code>>,
    answers: Vec<bool>,
    /// Acronym (folded) → folded significant words of its expansion.
    acronyms: Vec<(String, Vec<String>)>,
    cache: HashMap<String, WordMatches>,
    matcher: Matcher,
}

const ACRONYMS: &str = include_str!("../assets/acronimi.tsv");

/// Italian function words and question words, ignored in queries.
const QUERY_STOPWORDS: &[&str] = &[
    "a", "ad", "al", "alla", "alle", "ai", "agli", "all", "chi", "che", "come", "con", "cosa", "d",
    "da", "dal", "dalla", "dei", "degli", "del", "della", "delle", "dello", "dell", "di", "dove",
    "e", "ed", "gli", "i", "il", "in", "l", "la", "le", "lo", "nel", "nella", "nei", "o", "per",
    "quale", "si", "su", "sul", "sulla", "un", "una", "uno", "fa", "fare", "chiedo", "serve",
    "voglio",
];

/// Lower case, accents removed; used for every comparison.
fn fold_char(c: char) -> char {
    let mut base = c;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base == c && !unicode_normalization::char::is_combining_mark(d) {
            base = d;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

/// Splits text into folded words with their char span in the original text.
/// Apostrophes split ("d'origine" → "d", "origine").
pub fn fold_words(text: &str) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0u32;
    let mut len = 0u32;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = i as u32;
                len = 0;
            }
            current.push(fold_char(c));
            len += 1;
        } else if !current.is_empty() {
            out.push((std::mem::take(&mut current), start, len));
        }
    }
    if !current.is_empty() {
        out.push((current, start, len));
    }
    out
}

/// Light Italian stemming: enough for singular/plural and -zione/-zioni
/// (visura/visure, bilancio/bilanci, premio/premi, pulizia/pulizie).
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

/// Optimal string alignment distance, stopping early above 1.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if a.len() == b.len() {
            // Substitution or transposition.
            if i + 1 < a.len() && a[i] == b[j + 1] && a[i + 1] == b[j] {
                i += 2;
                j += 2;
            } else {
                i += 1;
                j += 1;
            }
        } else if a.len() > b.len() {
            i += 1;
        } else {
            j += 1;
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

fn field_texts(node: &Node) -> [(Field, String); 8] {
    let structures = node
        .structures
        .iter()
        .map(|s| format!("{} {}", s.area, s.servizio))
        .collect::<Vec<_>>()
        .join(" ");
    [
        (Field::Code, node.code.clone().unwrap_or_default()),
        (Field::Title, node.title.clone()),
        (
            Field::Name,
            if node.name == node.title {
                String::new()
            } else {
                node.name.clone()
            },
        ),
        (Field::Role, node.role.clone()),
        (Field::Structures, structures),
        (Field::Input, node.input.clone()),
        (Field::Output, node.output.clone()),
        (Field::Activities, node.activities.join(" ")),
    ]
}

impl SearchIndex {
    pub fn new(map: &Map) -> Self {
        let mut index = SearchIndex {
            nodes: Vec::new(),
            words: Vec::new(),
            postings: Vec::new(),
            title_spans: Vec::new(),
            codes: Vec::new(),
            answers: Vec::new(),
            acronyms: Vec::new(),
            cache: HashMap::default(),
            matcher: Matcher::new(Config::DEFAULT),
        };
        let mut ids: HashMap<String, u32> = HashMap::default();
        for (di, ds) in map.datasets.iter().enumerate() {
            for (ni, node) in ds.nodes.iter().enumerate() {
                let g = index.nodes.len() as u32;
                index.nodes.push((di as u32, ni as u32));
                index.codes.push(node.code.as_deref().and_then(Code::parse));
                index
                    .answers
                    .push(!node.role.is_empty() || !node.structures.is_empty());
                for (field, text) in field_texts(node) {
                    let words = fold_words(&text);
                    // "start-up" is also found as "startup", at the position of "start".
                    let chars: Vec<char> = text.chars().collect();
                    let joined: Vec<(String, usize)> = words
                        .windows(2)
                        .enumerate()
                        .filter(|(_, p)| {
                            p[0].1 + p[0].2 + 1 == p[1].1
                                && chars.get((p[0].1 + p[0].2) as usize) == Some(&'-')
                        })
                        .map(|(i, p)| (format!("{}{}", p[0].0, p[1].0), i))
                        .collect();
                    if field == Field::Title {
                        index
                            .title_spans
                            .push(words.iter().map(|(_, s, l)| (*s, *l)).collect());
                    }
                    let all = words
                        .into_iter()
                        .enumerate()
                        .map(|(pos, (w, _, _))| (w, pos))
                        .chain(joined);
                    for (w, pos) in all {
                        let id = *ids.entry(w.clone()).or_insert_with(|| {
                            index.words.push(Word {
                                stem: stem(&w),
                                chars: w.chars().count(),
                                utf32: Utf32String::from(w.as_str()),
                                text: w,
                            });
                            index.postings.push(Vec::new());
                            (index.words.len() - 1) as u32
                        });
                        index.postings[id as usize].push(Posting {
                            node: g,
                            field,
                            pos: pos.min(u16::MAX as usize) as u16,
                        });
                    }
                }
            }
        }
        for line in ACRONYMS.lines().skip(1) {
            if let Some((acro, expansion)) = line.split_once('\t') {
                let significant: Vec<String> = fold_words(expansion)
                    .into_iter()
                    .map(|(w, _, _)| w)
                    .filter(|w| w.chars().count() >= 4)
                    .collect();
                let acro = fold_words(acro)
                    .into_iter()
                    .map(|(w, _, _)| w)
                    .collect::<String>();
                if !acro.is_empty() && !significant.is_empty() {
                    index.acronyms.push((acro, significant));
                }
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// How well a query word matches a vocabulary word: quality in 0..=1 and
    /// how many leading characters to highlight (0 = whole word).
    fn word_quality(
        &mut self,
        q: &str,
        q_chars: usize,
        q_stem: &str,
        atom: &Atom,
        w: usize,
    ) -> Option<(f32, u16)> {
        let word = &self.words[w];
        if word.text == q {
            return Some((1.0, 0));
        }
        if q_chars >= 2 && word.text.starts_with(q) {
            // Longer words that merely start with the query weigh a little less.
            let rest = (word.chars - q_chars) as f32;
            return Some((0.9 - (rest * 0.01).min(0.1), q_chars as u16));
        }
        if q_chars >= 4 && word.stem.chars().count() >= 3 && word.stem == q_stem {
            return Some((0.85, 0));
        }
        if q_chars >= 5 && word.chars + 1 >= q_chars && within_one_edit(q, &word.text) {
            return Some((0.7, 0));
        }
        if q_chars >= 4 && word.text.contains(q) {
            return Some((0.6, 0));
        }
        // Compounds: "anticorruzione" finds "corruzione".
        if word.chars >= 6 && q_chars > word.chars && q.ends_with(word.text.as_str()) {
            return Some((0.55, 0));
        }
        if q_chars >= 4 && word.chars <= q_chars + 3 {
            // A compact fuzzy match inside one word ("tachgraf").
            let mut indices = Vec::new();
            let score = atom.indices(word.utf32.slice(..), &mut self.matcher, &mut indices)?;
            let span =
                indices.last().copied().unwrap_or(0) - indices.first().copied().unwrap_or(0) + 1;
            if (span as usize) <= q_chars + 2 && indices.len() == q_chars {
                return Some((0.45 + (score as f32 / 10_000.0).min(0.05), 0));
            }
        }
        None
    }

    /// The entries one folded query word matches, with its acronym forms.
    fn word_matches(&mut self, q: &str, alternatives: &[String]) -> WordMatches {
        let key = if alternatives.is_empty() {
            q.to_string()
        } else {
            format!("{q}\u{1}{}", alternatives.join("\u{1}"))
        };
        if let Some(hit) = self.cache.get(&key) {
            return Rc::clone(hit);
        }
        let mut best: HashMap<u32, WordHit> = HashMap::default();
        let q_chars = q.chars().count();
        let q_stem = stem(q);
        let atom = Atom::new(
            q,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        for w in 0..self.words.len() {
            let Some((quality, prefix)) = self.word_quality(q, q_chars, &q_stem, &atom, w) else {
                continue;
            };
            for p in &self.postings[w] {
                let score = quality * p.field.weight();
                let hit = WordHit {
                    score,
                    field: p.field,
                    pos: p.pos,
                    more: [0; 3],
                    n_more: 0,
                    prefix,
                };
                best.entry(p.node)
                    .and_modify(|h| {
                        if score > h.score {
                            *h = hit;
                        } else if score == h.score
                            && p.field == h.field
                            && (h.n_more as usize) < h.more.len()
                        {
                            h.more[h.n_more as usize] = p.pos;
                            h.n_more += 1;
                        }
                    })
                    .or_insert(hit);
            }
        }
        // An acronym also matches entries that spell out its expansion, and
        // the words of an expansion match entries that use the acronym.
        for alt in alternatives {
            let alt_matches = self.phrase_matches(alt);
            for (node, hit) in alt_matches.iter() {
                let hit = WordHit {
                    score: hit.score * 0.8,
                    ..*hit
                };
                best.entry(*node)
                    .and_modify(|h| {
                        if hit.score > h.score {
                            *h = hit;
                        }
                    })
                    .or_insert(hit);
            }
        }
        let result = Rc::new(best);
        if self.cache.len() > 256 {
            self.cache.clear();
        }
        self.cache.insert(key, Rc::clone(&result));
        result
    }

    /// Entries containing every word of `phrase` (space-separated, folded).
    fn phrase_matches(&mut self, phrase: &str) -> WordMatches {
        let mut result: Option<HashMap<u32, WordHit>> = None;
        for w in phrase.split(' ') {
            let m = self.word_matches(w, &[]);
            result = Some(match result {
                None => (*m).clone(),
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(n, h)| {
                        m.get(&n)
                            .map(|h2| (n, if h2.score > h.score { *h2 } else { h }))
                    })
                    .collect(),
            });
        }
        Rc::new(result.unwrap_or_default())
    }

    /// Acronym forms of a query word, and acronyms whose expansion the
    /// query spells out.
    fn alternatives(&self, word: &str, all: &[String]) -> Vec<String> {
        let mut alts = Vec::new();
        for (acro, expansion) in &self.acronyms {
            if acro == word {
                alts.push(expansion.join(" "));
            }
            let spelled = expansion.len() >= 2
                && expansion
                    .iter()
                    .all(|e| all.iter().any(|q| stem(q) == stem(e)))
                && expansion.iter().any(|e| stem(e) == stem(word));
            if spelled {
                alts.push(acro.clone());
            }
        }
        alts
    }

    /// Ranked results for `query`, optionally in one dataset only.
    pub fn search(&mut self, query: &str, dataset: Option<usize>) -> Vec<SearchHit> {
        let trimmed = query.trim();
        if let Some(code) =
            Code::parse(trimmed).filter(|_| trimmed.chars().any(|c| c.is_ascii_digit()))
        {
            let hits = self.code_hits(&code, dataset);
            if !hits.is_empty() {
                return hits;
            }
        }
        let all: Vec<String> = fold_words(trimmed).into_iter().map(|(w, _, _)| w).collect();
        // "chi rilascia le visure": function words need not match, unless
        // they are all the query has.
        let content: Vec<String> = all
            .iter()
            .filter(|w| !QUERY_STOPWORDS.contains(&w.as_str()))
            .cloned()
            .collect();
        let words = if content.is_empty() { all } else { content };
        if words.is_empty() {
            return Vec::new();
        }
        let mut per_word: Vec<WordMatches> = Vec::with_capacity(words.len());
        for w in &words {
            let alts = self.alternatives(w, &words);
            per_word.push(self.word_matches(w, &alts));
        }
        // Every word must match: start from the smallest set.
        let smallest = (0..per_word.len())
            .min_by_key(|&i| per_word[i].len())
            .unwrap_or(0);
        let mut hits = Vec::new();
        for (&node, _) in per_word[smallest].iter() {
            let (di, ni) = self.nodes[node as usize];
            if dataset.is_some_and(|d| d != di as usize) {
                continue;
            }
            let found: Option<Vec<WordHit>> =
                per_word.iter().map(|m| m.get(&node).copied()).collect();
            let Some(found) = found else { continue };
            let mut score: f32 = found.iter().map(|h| h.score).sum();
            // Words close together in one field read as the phrase sought.
            for pair in found.windows(2) {
                if pair[0].field == pair[1].field {
                    let positions = |h: &WordHit| {
                        std::iter::once(h.pos)
                            .chain(h.more[..h.n_more as usize].iter().copied())
                            .collect::<Vec<u16>>()
                    };
                    let (a, b) = (positions(&pair[0]), positions(&pair[1]));
                    let in_order = a.iter().any(|&x| b.iter().any(|&y| y > x && y - x <= 3));
                    let near = a.iter().any(|&x| b.iter().any(|&y| x.abs_diff(y) <= 3));
                    if in_order {
                        score += pair[0].field.weight() * 0.5;
                    } else if near {
                        score += pair[0].field.weight() * 0.3;
                    }
                }
            }
            if self.answers[node as usize] {
                score += 0.5; // an entry that says who is responsible
            }
            let best = found
                .iter()
                .max_by(|a, b| a.score.total_cmp(&b.score))
                .map_or(Field::Title, |h| h.field);
            let mut positions = Vec::new();
            for h in found.iter().filter(|h| h.field == Field::Title) {
                if let Some(&(start, len)) = self.title_spans[node as usize].get(h.pos as usize) {
                    let len = if h.prefix > 0 {
                        (h.prefix as u32).min(len)
                    } else {
                        len
                    };
                    positions.extend(start..start + len);
                }
            }
            positions.sort_unstable();
            positions.dedup();
            hits.push(SearchHit {
                dataset: di as usize,
                node: ni as usize,
                score,
                matched_field: best,
                title_positions: positions,
            });
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.dataset.cmp(&b.dataset))
                .then(a.node.cmp(&b.node))
        });
        hits
    }

    /// A query that reads as a code: that code first, then what lies below
    /// it, in code order.
    fn code_hits(&self, code: &Code, dataset: Option<usize>) -> Vec<SearchHit> {
        let mut found: Vec<(bool, &Code, usize)> = self
            .codes
            .iter()
            .enumerate()
            .filter_map(|(g, c)| {
                let c = c.as_ref()?;
                let (di, _) = self.nodes[g];
                let wanted = dataset.is_none_or(|d| d == di as usize);
                (wanted && (c.starts_with(code) || c.without_suffix() == *code)).then_some((
                    c != code,
                    c,
                    g,
                ))
            })
            .collect();
        found.sort();
        found
            .into_iter()
            .enumerate()
            .map(|(rank, (_, _, g))| {
                let (di, ni) = self.nodes[g];
                SearchHit {
                    dataset: di as usize,
                    node: ni as usize,
                    score: 1000.0 - rank as f32 * 0.01,
                    matched_field: Field::Code,
                    title_positions: Vec::new(),
                }
            })
            .collect()
    }

    /// Drops what the index remembers of earlier queries (benchmarks use it
    /// to time a keystroke as the first sight of its last word).
    pub fn forget(&mut self, word: &str) {
        let folded: String = fold_words(word)
            .into_iter()
            .map(|(w, _, _)| w)
            .collect::<Vec<_>>()
            .join(" ");
        self.cache.retain(|k, _| !k.starts_with(folded.as_str()));
    }

    /// Every field kind, for callers that list them.
    pub fn fields() -> &'static [Field] {
        &Field::ALL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_elision() {
        let w: Vec<String> = fold_words("Liquidità d'origine, CITTÀ")
            .into_iter()
            .map(|(w, _, _)| w)
            .collect();
        assert_eq!(w, vec!["liquidita", "d", "origine", "citta"]);
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

    #[test]
    fn one_typo_is_tolerated() {
        assert!(within_one_edit("inventrio", "inventario"));
        assert!(within_one_edit("protocolo", "protocollo"));
        assert!(within_one_edit("bilnacio", "bilancio"));
        assert!(!within_one_edit("inventrio", "inventariato"));
    }
}

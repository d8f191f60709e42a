//! The search index shared by the command line and the explorer.
//!
//! Every word of every field is folded (lower case, no accents, elisions
//! split) into a vocabulary with postings. A query word is compared with the
//! vocabulary — exact, prefix, light Italian stem, one typo, and a compact
//! fuzzy match scored by nucleo-matcher — and its postings give the entries
//! and where it matched. Every query word must match somewhere in an entry;
//! code and title hits weigh more than hits deep in the activities, whole
//! words more than fragments, and words found close together earn a bonus.

use crate::model::Code;
use crate::model::{Map, Node};
use crate::text::{fold_words, stem};
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

/// One word of the vocabulary with the entries that contain it.
#[derive(Debug)]
struct Word {
    text: String,
    stem: String,
    chars: usize,
    utf32: Utf32String,
    /// Distinct global node indices, ascending.
    postings: Vec<u32>,
}

/// One word occurrence in an entry (the forward index).
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    word: u32,
    field: Field,
    /// Word position within the field.
    pos: u16,
}

/// The vocabulary words a query word matches: a dense quality table (0 =
/// no match) and the highlight length of prefix matches.
#[derive(Debug)]
struct WordVocab {
    matched: Vec<u32>,
    quality: Vec<f32>,
    prefix: Vec<u16>,
    /// Sum of the postings of the matched words: how common it is.
    weight: usize,
}

/// How one query word met one entry: its best field and position.
#[derive(Debug, Clone, Copy)]
struct WordHit {
    score: f32,
    field: Field,
    pos: u16,
    /// Further positions in the same field with the same score (a word
    /// repeated in a title), for the proximity bonus.
    more: [u16; 3],
    n_more: u8,
}

/// What the previous query left, to narrow the next one when it only grows.
struct LastQuery {
    words: Vec<String>,
    vocab: Vec<Rc<WordVocab>>,
    dataset: Option<usize>,
    results: Vec<u32>,
}

/// A query word and, for an acronym or an expansion, its other forms.
struct QueryWord {
    vocab: Rc<WordVocab>,
    /// Each alternative is a phrase: all its words must be in the entry.
    alternatives: Vec<Vec<Rc<WordVocab>>>,
}

/// The index over all nodes of all datasets.
pub struct SearchIndex {
    /// (dataset, node) of each global node index.
    nodes: Vec<(u32, u32)>,
    forward: Vec<Vec<Occurrence>>,
    words: Vec<Word>,
    /// Per global node: char spans (start, len) of the title words, by position.
    title_spans: Vec<Vec<(u32, u32)>>,
    codes: Vec<Option<Code>>,
    answers: Vec<bool>,
    /// Acronym (folded) → folded significant words of its expansion.
    acronyms: Vec<(String, Vec<String>)>,
    /// Word (folded) → folded words the documents use instead.
    synonyms: Vec<(String, Vec<String>)>,
    cache: HashMap<String, Rc<WordVocab>>,
    last: Option<LastQuery>,
    matcher: Matcher,
}

const ACRONYMS: &str = include_str!("../assets/acronimi.tsv");
/// Words clerks use and the words the documents use for the same thing.
const SYNONYMS: &str = include_str!("../assets/sinonimi.tsv");

/// Italian function words and question words, ignored in queries.
const QUERY_STOPWORDS: &[&str] = &[
    "a", "ad", "al", "alla", "alle", "ai", "agli", "all", "chi", "che", "come", "con", "cosa", "d",
    "da", "dal", "dalla", "dei", "degli", "del", "della", "delle", "dello", "dell", "di", "dove",
    "e", "ed", "gli", "i", "il", "in", "l", "la", "le", "lo", "nel", "nella", "nei", "o", "per",
    "quale", "si", "su", "sul", "sulla", "un", "una", "uno", "fa", "fare", "chiedo", "serve",
    "voglio",
];

/// Whether all bytes of `needle` appear in `hay` in order.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

/// Optimal string alignment distance, stopping early above 1. Works on
/// bytes: folded words are ASCII but for the odd foreign letter.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
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
        (
            Field::Code,
            node.code.as_deref().unwrap_or_default().to_string(),
        ),
        (Field::Title, node.title.to_string()),
        (
            Field::Name,
            if node.name == node.title {
                String::new()
            } else {
                node.name.to_string()
            },
        ),
        (Field::Role, node.role.to_string()),
        (Field::Structures, structures),
        (Field::Input, node.input.to_string()),
        (Field::Output, node.output.to_string()),
        (Field::Activities, node.activities.join(" ")),
    ]
}

impl SearchIndex {
    pub fn new(map: &Map) -> Self {
        let mut index = SearchIndex {
            nodes: Vec::new(),
            forward: Vec::new(),
            words: Vec::new(),
            title_spans: Vec::new(),
            codes: Vec::new(),
            answers: Vec::new(),
            acronyms: Vec::new(),
            synonyms: Vec::new(),
            cache: HashMap::default(),
            last: None,
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
                let mut forward = Vec::new();
                for (field, text) in field_texts(node) {
                    let words = fold_words(&text);
                    // "start-up" is also found as "startup", at the position of "start".
                    let chars: Vec<char> = text.chars().collect();
                    let joined: Vec<(String, usize)> = words
                        .windows(2)
                        .enumerate()
                        .filter(|(_, p)| {
                            p[0].start + p[0].len + 1 == p[1].start
                                && chars.get((p[0].start + p[0].len) as usize) == Some(&'-')
                        })
                        .map(|(i, p)| (format!("{}{}", p[0].text, p[1].text), i))
                        .collect();
                    if field == Field::Title {
                        index
                            .title_spans
                            .push(words.iter().map(|w| (w.start, w.len)).collect());
                    }
                    let all = words
                        .into_iter()
                        .enumerate()
                        .map(|(pos, w)| (w.text, pos))
                        .chain(joined);
                    for (w, pos) in all {
                        let id = match ids.get(&w) {
                            Some(&id) => id,
                            None => {
                                index.words.push(Word {
                                    stem: stem(&w),
                                    chars: w.chars().count(),
                                    utf32: Utf32String::from(w.as_str()),
                                    text: w.clone(),
                                    postings: Vec::new(),
                                });
                                let id = (index.words.len() - 1) as u32;
                                ids.insert(w, id);
                                id
                            }
                        };
                        let postings = &mut index.words[id as usize].postings;
                        if postings.last() != Some(&g) {
                            postings.push(g);
                        }
                        forward.push(Occurrence {
                            word: id,
                            field,
                            pos: pos.min(u16::MAX as usize) as u16,
                        });
                    }
                }
                index.forward.push(forward);
            }
        }
        for line in ACRONYMS.lines().skip(1) {
            if let Some((acro, expansion)) = line.split_once('\t') {
                let significant: Vec<String> = fold_words(expansion)
                    .into_iter()
                    .map(|w| w.text)
                    .filter(|w| w.chars().count() >= 4)
                    .collect();
                let acro = fold_words(acro)
                    .into_iter()
                    .map(|w| w.text)
                    .collect::<String>();
                if !acro.is_empty() && !significant.is_empty() {
                    index.acronyms.push((acro, significant));
                }
            }
        }
        for line in SYNONYMS.lines().skip(1) {
            if let Some((word, others)) = line.split_once('\t') {
                let word: String = fold_words(word).into_iter().map(|w| w.text).collect();
                let others: Vec<String> = others
                    .split(',')
                    .filter_map(|o| fold_words(o).into_iter().next().map(|w| w.text))
                    .collect();
                if !word.is_empty() && !others.is_empty() {
                    index.synonyms.push((word, others));
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
        if q_chars >= 4 && word.stem.len() >= 3 && word.stem == q_stem {
            return Some((0.85, 0));
        }
        if q_chars >= 5 && word.chars + 1 >= q_chars && within_one_edit(q, &word.text) {
            return Some((0.7, 0));
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
            let score = atom.indices(word.utf32.slice(..), &mut self.matcher, &mut indices)?;
            let span =
                indices.last().copied().unwrap_or(0) - indices.first().copied().unwrap_or(0) + 1;
            if (span as usize) <= q_chars + 2 && indices.len() == q_chars {
                return Some((0.45 + (score as f32 / 10_000.0).min(0.05), 0));
            }
        }
        None
    }

    /// The vocabulary words a folded query word matches (cached).
    fn vocab_for(&mut self, q: &str) -> Rc<WordVocab> {
        if let Some(v) = self.cache.get(q) {
            return Rc::clone(v);
        }
        let n = self.words.len();
        let mut v = WordVocab {
            matched: Vec::new(),
            quality: vec![0.0; n],
            prefix: vec![0; n],
            weight: 0,
        };
        let q_chars = q.chars().count();
        let q_stem = stem(q);
        let atom = Atom::new(
            q,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        for w in 0..n {
            if let Some((quality, prefix)) = self.word_quality(q, q_chars, &q_stem, &atom, w) {
                v.matched.push(w as u32);
                v.quality[w] = quality;
                v.prefix[w] = prefix;
                v.weight += self.words[w].postings.len();
            }
        }
        let v = Rc::new(v);
        if self.cache.len() >= 64 {
            self.cache.clear();
        }
        self.cache.insert(q.to_string(), Rc::clone(&v));
        v
    }

    /// A query word with its other forms: an acronym also finds entries
    /// that spell out its expansion, an expansion spelt out in the query
    /// finds entries that use the acronym, and a synonym (assets/sinonimi.tsv)
    /// finds the document's word.
    fn query_word(&mut self, word: &str, all: &[String]) -> QueryWord {
        let vocab = self.vocab_for(word);
        let mut phrases: Vec<Vec<String>> = Vec::new();
        for (acro, expansion) in &self.acronyms {
            if acro == word {
                phrases.push(expansion.clone());
            }
            let spelled = expansion.len() >= 2
                && expansion
                    .iter()
                    .all(|e| all.iter().any(|q| stem(q) == stem(e)))
                && expansion.iter().any(|e| stem(e) == stem(word));
            if spelled {
                phrases.push(vec![acro.clone()]);
            }
        }
        // A clerk's word for what the documents call otherwise.
        for (w, others) in &self.synonyms {
            if w == word {
                phrases.extend(others.iter().map(|o| vec![o.clone()]));
            }
        }
        let alternatives = phrases
            .iter()
            .map(|p| p.iter().map(|w| self.vocab_for(w)).collect())
            .collect();
        QueryWord {
            vocab,
            alternatives,
        }
    }

    /// Nodes containing any word of `vocab`, marked in `seen`.
    fn collect_postings(&self, vocab: &WordVocab, seen: &mut [u64], out: &mut Vec<u32>) {
        for &w in &vocab.matched {
            for &node in &self.words[w as usize].postings {
                let (i, bit) = (node as usize / 64, 1u64 << (node % 64));
                if seen[i] & bit == 0 {
                    seen[i] |= bit;
                    out.push(node);
                }
            }
        }
    }

    /// Best hit of each vocabulary table in one node.
    fn scan(&self, node: u32, tables: &[&WordVocab], best: &mut [Option<WordHit>]) {
        for slot in best.iter_mut() {
            *slot = None;
        }
        for occ in &self.forward[node as usize] {
            for (t, table) in tables.iter().enumerate() {
                let quality = table.quality[occ.word as usize];
                if quality <= 0.0 {
                    continue;
                }
                let score = quality * occ.field.weight();
                match &mut best[t] {
                    Some(h) if score < h.score => {}
                    Some(h) if score == h.score && h.field == occ.field => {
                        if (h.n_more as usize) < h.more.len() {
                            h.more[h.n_more as usize] = occ.pos;
                            h.n_more += 1;
                        }
                    }
                    slot => {
                        *slot = Some(WordHit {
                            score,
                            field: occ.field,
                            pos: occ.pos,
                            more: [0; 3],
                            n_more: 0,
                        })
                    }
                }
            }
        }
    }

    /// Ranked results for `query`, optionally in one dataset only.
    pub fn search(&mut self, query: &str, dataset: Option<usize>) -> Vec<SearchHit> {
        let trimmed = query.trim();
        if let Some(code) =
            Code::parse(trimmed).filter(|_| trimmed.chars().any(|c| c.is_ascii_digit()))
        {
            let hits = self.code_hits(&code, dataset);
            if !hits.is_empty() {
                self.last = None;
                return hits;
            }
        }
        let all: Vec<String> = fold_words(trimmed).into_iter().map(|w| w.text).collect();
        // "chi rilascia le visure": function words need not match, unless
        // they are all the query has.
        let content: Vec<String> = all
            .iter()
            .filter(|w| !QUERY_STOPWORDS.contains(&w.as_str()))
            .cloned()
            .collect();
        let words = if content.is_empty() { all } else { content };
        if words.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let query_words: Vec<QueryWord> =
            words.iter().map(|w| self.query_word(w, &words)).collect();

        // Candidates: the previous results when the query only narrowed,
        // else the entries of its rarest word.
        let candidates = match self.narrowed_from(&words, &query_words, dataset) {
            Some(previous) => previous,
            None => {
                let rarest = (0..query_words.len())
                    .min_by_key(|&i| {
                        let q = &query_words[i];
                        q.vocab.weight
                            + q.alternatives
                                .iter()
                                .map(|p| p.iter().map(|v| v.weight).min().unwrap_or(0))
                                .sum::<usize>()
                    })
                    .unwrap_or(0);
                let mut seen = vec![0u64; self.nodes.len() / 64 + 1];
                let mut out = Vec::new();
                let q = &query_words[rarest];
                self.collect_postings(&q.vocab, &mut seen, &mut out);
                for phrase in &q.alternatives {
                    if let Some(v) = phrase.iter().min_by_key(|v| v.weight) {
                        self.collect_postings(v, &mut seen, &mut out);
                    }
                }
                out
            }
        };

        // One table per query word, then per alternative phrase word.
        let mut tables: Vec<&WordVocab> = query_words.iter().map(|q| q.vocab.as_ref()).collect();
        let mut alt_slots: Vec<Vec<std::ops::Range<usize>>> = Vec::new();
        for q in &query_words {
            let mut ranges = Vec::new();
            for phrase in &q.alternatives {
                let start = tables.len();
                tables.extend(phrase.iter().map(|v| v.as_ref()));
                ranges.push(start..tables.len());
            }
            alt_slots.push(ranges);
        }
        let mut best: Vec<Option<WordHit>> = vec![None; tables.len()];
        let mut found: Vec<WordHit> = Vec::with_capacity(words.len());
        let mut scored: Vec<(f32, u32, Field)> = Vec::new();
        let mut results = Vec::new();
        'nodes: for &node in &candidates {
            let (di, _) = self.nodes[node as usize];
            if dataset.is_some_and(|d| d != di as usize) {
                continue;
            }
            self.scan(node, &tables, &mut best);
            found.clear();
            for (i, ranges) in alt_slots.iter().enumerate() {
                let mut hit = best[i];
                for r in ranges {
                    // A phrase counts when all its words are there.
                    let parts: Option<Vec<WordHit>> = best[r.clone()].iter().copied().collect();
                    if let Some(parts) = parts {
                        let weakest = parts
                            .iter()
                            .min_by(|a, b| a.score.total_cmp(&b.score))
                            .copied();
                        if let Some(w) = weakest {
                            let alt = WordHit {
                                score: w.score * 0.8,
                                ..w
                            };
                            if hit.is_none_or(|h| alt.score > h.score) {
                                hit = Some(alt);
                            }
                        }
                    }
                }
                match hit {
                    Some(h) => found.push(h),
                    None => continue 'nodes,
                }
            }
            results.push(node);
            let mut score: f32 = found.iter().map(|h| h.score).sum();
            // Words close together in one field read as the phrase sought.
            for pair in found.windows(2) {
                if pair[0].field != pair[1].field {
                    continue;
                }
                let a = std::iter::once(pair[0].pos)
                    .chain(pair[0].more[..pair[0].n_more as usize].iter().copied());
                let b: Vec<u16> = std::iter::once(pair[1].pos)
                    .chain(pair[1].more[..pair[1].n_more as usize].iter().copied())
                    .collect();
                let mut in_order = false;
                let mut near = false;
                for x in a {
                    for &y in &b {
                        in_order |= y > x && y - x <= 3;
                        near |= x.abs_diff(y) <= 3;
                    }
                }
                if in_order {
                    score += pair[0].field.weight() * 0.5;
                } else if near {
                    score += pair[0].field.weight() * 0.3;
                }
            }
            if self.answers[node as usize] {
                score += 0.5; // an entry that says who is responsible
            }
            let field = found
                .iter()
                .max_by(|a, b| a.score.total_cmp(&b.score))
                .map_or(Field::Title, |h| h.field);
            scored.push((score, node, field));
        }
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let hits = scored
            .iter()
            .enumerate()
            .map(|(rank, &(score, node, matched_field))| {
                let (di, ni) = self.nodes[node as usize];
                // Highlights are worked out for the results people will see.
                let title_positions = if rank < 2000 {
                    self.title_positions(node, &tables[..words.len()])
                } else {
                    Vec::new()
                };
                SearchHit {
                    dataset: di as usize,
                    node: ni as usize,
                    score,
                    matched_field,
                    title_positions,
                }
            })
            .collect();
        results.sort_unstable();
        self.last = Some(LastQuery {
            words,
            vocab: query_words.iter().map(|q| Rc::clone(&q.vocab)).collect(),
            dataset,
            results,
        });
        hits
    }

    /// The previous results, when the new query can only match a subset of
    /// them: same words with the last one matching no new vocabulary word,
    /// or one word more.
    fn narrowed_from(
        &self,
        words: &[String],
        query_words: &[QueryWord],
        dataset: Option<usize>,
    ) -> Option<Vec<u32>> {
        let last = self.last.as_ref()?;
        if last.dataset != dataset || query_words.iter().any(|q| !q.alternatives.is_empty()) {
            return None;
        }
        let n = words.len();
        let same_prefix = |k: usize| last.words.len() >= k && words[..k] == last.words[..k];
        if last.words.len() + 1 == n && same_prefix(n - 1) {
            return Some(last.results.clone());
        }
        if last.words.len() == n && same_prefix(n - 1) {
            let old = &last.vocab[n - 1];
            let new = &query_words[n - 1].vocab;
            // Every word the new form matches was matched before.
            if new.matched.iter().all(|&w| old.quality[w as usize] > 0.0) {
                return Some(last.results.clone());
            }
        }
        None
    }

    fn title_positions(&self, node: u32, tables: &[&WordVocab]) -> Vec<u32> {
        let spans = &self.title_spans[node as usize];
        let mut positions = Vec::new();
        for occ in self.forward[node as usize]
            .iter()
            .filter(|o| o.field == Field::Title)
        {
            for table in tables {
                if table.quality[occ.word as usize] > 0.0 {
                    if let Some(&(start, len)) = spans.get(occ.pos as usize) {
                        let prefix = table.prefix[occ.word as usize] as u32;
                        let len = if prefix > 0 { prefix.min(len) } else { len };
                        positions.extend(start..start + len);
                    }
                }
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
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
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ");
        self.cache.retain(|k, _| !k.starts_with(folded.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_char_by_char_gives_the_same_results_as_a_fresh_search() {
        let map = crate::import::builtin();
        let mut typing = SearchIndex::new(&map);
        let mut fresh_index = SearchIndex::new(&map);
        for query in [
            "inventrio",
            "gestione contratti locazione",
            "protocollo pec",
            "dvr",
            "registro imprese visure",
            "pulizie",
        ] {
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let incremental = typing.search(&typed, None);
                fresh_index.last = None;
                fresh_index.cache.clear();
                let fresh = fresh_index.search(&typed, None);
                let key =
                    |h: &Vec<SearchHit>| h.iter().map(|x| (x.dataset, x.node)).collect::<Vec<_>>();
                assert_eq!(key(&incremental), key(&fresh), "after typing {typed:?}");
            }
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

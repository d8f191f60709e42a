//! The search index shared by the command line and the explorer.
//!
//! A query is capped and read into words ([`query`]); every word of every
//! field of the map is in a vocabulary with postings ([`vocab`]). Each
//! query word takes its forms — itself (exact, prefix, stem, typos scaled
//! to its length, fuzzy), a synonym, an acronym or its expansion, a
//! compound written together or apart ([`forms`]) — and entries are scored
//! BM25F-style ([`score`]). Entries that match every word come first; when
//! none does, the entries matching the most words are the answer, and the
//! result says so ([`SearchResult::partial`]). Among equals the entry that
//! names who is responsible ranks above the headers that only hold it
//! ([`rank`]).
//!
//! The work of one search is bounded: at most [`MAX_QUERY_WORDS`] words,
//! and each step is linear in them.

mod build;
mod forms;
pub mod query;
mod rank;
mod score;
mod vocab;

pub use forms::acronym_words;
pub use query::{MAX_QUERY_CHARS, MAX_QUERY_WORDS};
pub use vocab::typo_budget;

use crate::model::{Code, Map};
use rank::Scored;
use score::{FieldStats, Scorer};
use serde::Serialize;
use std::sync::Arc;

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
    /// The titles of the headers above an entry that is their only child
    /// ("Protocollo generale" above its one activity): what the entry is
    /// filed under, worth less than its own words.
    Context,
}

/// Number of fields.
const FIELDS: usize = 9;

impl Field {
    /// Every field, in the order of their discriminants.
    const ALL: [Field; FIELDS] = [
        Field::Code,
        Field::Title,
        Field::Name,
        Field::Role,
        Field::Structures,
        Field::Input,
        Field::Output,
        Field::Activities,
        Field::Context,
    ];

    fn weight(self) -> f32 {
        match self {
            Field::Code | Field::Title => 10.0,
            Field::Name => 8.0,
            Field::Role | Field::Structures => 7.0,
            Field::Context => 5.0,
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
            Field::Context => "context",
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
    /// How many of the query's words the entry matches.
    pub matched_words: usize,
    /// Char positions of the title to highlight, sorted.
    pub title_positions: Vec<u32>,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    /// Best first.
    pub hits: Vec<SearchHit>,
    /// The words searched (after the cap, without function words).
    pub query_words: usize,
    /// `Some((matched, total))` when no entry matched every word and the
    /// hits are those matching the most words, `matched` of `total`.
    pub partial: Option<(usize, usize)>,
    /// Whether part of the query was ignored (longer than
    /// [`MAX_QUERY_CHARS`] characters or [`MAX_QUERY_WORDS`] words).
    pub truncated: bool,
}

/// One word occurrence in an entry (the forward index).
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    word: u32,
    field: Field,
    /// Word position within the field.
    pos: u16,
}

/// What the previous query left, to narrow the next one when it only grows.
struct LastQuery {
    words: Vec<String>,
    matches: Vec<Arc<vocab::Matches>>,
    dataset: Option<usize>,
    /// The entries that matched every word, ascending.
    results: Vec<u32>,
}

/// Results past this rank get no title highlights (nobody scrolls that far).
const HIGHLIGHTED: usize = 2000;

/// The index over all nodes of all datasets.
pub struct SearchIndex {
    entries: build::Entries,
    vocab: vocab::Vocabulary,
    stats: FieldStats,
    lexicon: forms::Lexicon,
    matcher: vocab::Matcher,
    last: Option<LastQuery>,
}

impl SearchIndex {
    pub fn new(map: &Map) -> Self {
        let (entries, vocab) = build::build(map);
        SearchIndex {
            stats: FieldStats::new(&entries.lens),
            entries,
            vocab,
            lexicon: forms::Lexicon::default(),
            matcher: vocab::Matcher::default(),
            last: None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.nodes.is_empty()
    }

    /// Global node indices of `dataset`, or of all datasets.
    fn range(&self, dataset: Option<usize>) -> std::ops::Range<u32> {
        match dataset {
            Some(d) => self.entries.datasets.get(d).cloned().unwrap_or(0..0),
            None => 0..self.len() as u32,
        }
    }

    /// Ranked results for `query`, optionally in one dataset only.
    pub fn search(&mut self, query: &str, dataset: Option<usize>) -> SearchResult {
        let q = query::parse(query);
        let truncated = q.truncated;
        if let Some(code) =
            Code::parse(&q.text).filter(|_| q.text.chars().any(|c| c.is_ascii_digit()))
        {
            let hits = self.code_hits(&code, dataset);
            if !hits.is_empty() {
                self.last = None;
                return SearchResult {
                    hits,
                    query_words: 1,
                    partial: None,
                    truncated,
                };
            }
        }
        if q.words.is_empty() {
            self.last = None;
            return SearchResult {
                truncated,
                ..SearchResult::default()
            };
        }
        let n = q.words.len();
        let plan = forms::plan(&q.words, &self.vocab, &mut self.matcher, &self.lexicon);
        let range = self.range(dataset);
        let mut scorer = Scorer::new(&plan, self.vocab.len(), self.len());

        // Candidates: the previous results when the query only narrowed,
        // else the entries of its rarest word (every result contains it).
        let narrowed = if plan.has_alternatives() {
            None
        } else {
            self.narrowed_from(&q.words, &plan, dataset)
        };
        let candidates = narrowed.unwrap_or_else(|| {
            let rarest = (0..n)
                .min_by_key(|&i| self.form_weight(&plan, i))
                .unwrap_or(0);
            self.postings_of(&plan, &[rarest], &range)
        });
        let mut scored = self.score_all(&mut scorer, &candidates, &range, n);
        let full: Vec<u32> = scored.iter().map(|s| s.node).collect();
        let mut partial = None;
        if scored.is_empty() && n > 1 {
            // Nobody has every word: those with the most words, and say so.
            let all: Vec<usize> = (0..n).collect();
            let candidates = self.postings_of(&plan, &all, &range);
            scored = self.score_all(&mut scorer, &candidates, &range, 1);
            let best = scored.iter().map(|s| s.matched).max().unwrap_or(0);
            scored.retain(|s| s.matched == best);
            if best > 0 {
                partial = Some((best, n));
            }
        }
        rank::order(&mut scored, &self.entries.tree, &self.entries.answers);
        let hits = scored
            .iter()
            .enumerate()
            .map(|(rank, s)| {
                let (di, ni) = self.entries.nodes[s.node as usize];
                SearchHit {
                    dataset: di as usize,
                    node: ni as usize,
                    score: s.score,
                    matched_field: s.field,
                    matched_words: s.matched,
                    title_positions: if rank < HIGHLIGHTED {
                        self.title_positions(s.node, &scorer)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        // Candidates are scanned in ascending order, so `full` is ascending.
        debug_assert!(full.windows(2).all(|p| p[0] < p[1]));
        self.last = Some(LastQuery {
            matches: plan.slots[..n].to_vec(),
            words: q.words,
            dataset,
            results: full,
        });
        SearchResult {
            hits,
            query_words: n,
            partial,
            truncated,
        }
    }

    /// Scores `candidates` in `range`, keeping those matching at least
    /// `min_words` query words.
    fn score_all(
        &self,
        scorer: &mut Scorer,
        candidates: &[u32],
        range: &std::ops::Range<u32>,
        min_words: usize,
    ) -> Vec<Scored> {
        let mut scored = Vec::new();
        for &node in candidates {
            if !range.contains(&node) {
                continue;
            }
            let g = node as usize;
            let s = scorer.score(
                self.entries.occurrences(g),
                &self.entries.lens[g],
                &self.stats,
            );
            if s.matched < min_words {
                continue;
            }
            let factor = if self.entries.answers[g] {
                rank::ANSWER_FACTOR
            } else {
                1.0
            };
            scored.push(Scored {
                node,
                score: s.score * factor,
                matched: s.matched,
                field: s.field,
            });
        }
        scored
    }

    /// How common query word `i` is through its forms (a phrase is as
    /// rare as its rarest part).
    fn form_weight(&self, plan: &forms::Plan, i: usize) -> usize {
        plan.forms[i]
            .iter()
            .map(|f| match f {
                forms::Form::Single { slot, .. } => plan.slots[*slot].weight,
                forms::Form::Phrase { slots, .. } => slots
                    .iter()
                    .map(|&s| plan.slots[s].weight)
                    .min()
                    .unwrap_or(0),
                forms::Form::Adjacent { first, second, .. } => {
                    plan.slots[*first].weight.min(plan.slots[*second].weight)
                }
            })
            .sum()
    }

    /// Entries in `range` that may hold one of `words` through any form,
    /// ascending: for a phrase, those holding its rarest part.
    fn postings_of(
        &self,
        plan: &forms::Plan,
        words: &[usize],
        range: &std::ops::Range<u32>,
    ) -> Vec<u32> {
        let mut seen = vec![0u64; self.len() / 64 + 1];
        let mut out = Vec::new();
        let mut collect = |slot: usize| {
            for m in &plan.slots[slot].words {
                for &node in &self.vocab.words[m.word as usize].postings {
                    let (i, bit) = (node as usize / 64, 1u64 << (node % 64));
                    if range.contains(&node) && seen[i] & bit == 0 {
                        seen[i] |= bit;
                        out.push(node);
                    }
                }
            }
        };
        let rarest = |slots: &[usize]| slots.iter().copied().min_by_key(|&s| plan.slots[s].weight);
        for &w in words {
            for form in &plan.forms[w] {
                let slot = match form {
                    forms::Form::Single { slot, .. } => Some(*slot),
                    forms::Form::Phrase { slots, .. } => rarest(slots),
                    forms::Form::Adjacent { first, second, .. } => rarest(&[*first, *second]),
                };
                if let Some(slot) = slot {
                    collect(slot);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The previous results, when the new query can only match a subset of
    /// them: same words with the last one matching no new vocabulary word,
    /// or one word more.
    fn narrowed_from(
        &self,
        words: &[String],
        plan: &forms::Plan,
        dataset: Option<usize>,
    ) -> Option<Vec<u32>> {
        let last = self.last.as_ref()?;
        if last.dataset != dataset {
            return None;
        }
        let n = words.len();
        let same_prefix = |k: usize| last.words.len() >= k && words[..k] == last.words[..k];
        if last.words.len() + 1 == n && same_prefix(n - 1) {
            return Some(last.results.clone());
        }
        if last.words.len() == n && same_prefix(n - 1) {
            let old = &last.matches[n - 1];
            let new = &plan.slots[n - 1];
            // Every word the new form matches was matched before.
            if new.words.iter().all(|m| old.contains(m.word)) {
                return Some(last.results.clone());
            }
        }
        None
    }

    /// Title characters to highlight: the words any form of the query
    /// matched (only the typed beginning of a word found by its prefix).
    fn title_positions(&self, node: u32, scorer: &Scorer) -> Vec<u32> {
        let spans = &self.entries.title_spans[node as usize];
        let mut positions = Vec::new();
        for occ in self
            .entries
            .occurrences(node as usize)
            .iter()
            .filter(|o| o.field == Field::Title)
        {
            let Some(&(start, len)) = spans.get(occ.pos as usize) else {
                continue;
            };
            let shown = scorer
                .prefixes_of(occ.word)
                .map(|prefix| match u32::from(prefix) {
                    0 => len,
                    p => p.min(len),
                })
                .max();
            if let Some(shown) = shown {
                positions.extend(start..start + shown);
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// A query that reads as a code: that code first, then what lies below
    /// it, in code order.
    fn code_hits(&self, code: &Code, dataset: Option<usize>) -> Vec<SearchHit> {
        let range = self.range(dataset);
        let mut found: Vec<(bool, &Code, usize)> = self
            .entries
            .codes
            .iter()
            .enumerate()
            .filter_map(|(g, c)| {
                let c = c.as_ref()?;
                let wanted = range.contains(&(g as u32));
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
                let (di, ni) = self.entries.nodes[g];
                SearchHit {
                    dataset: di as usize,
                    node: ni as usize,
                    score: 1000.0 - rank as f32 * 0.01,
                    matched_field: Field::Code,
                    matched_words: 1,
                    title_positions: Vec::new(),
                }
            })
            .collect()
    }

    /// Words of the map nearest to the words of a query that found
    /// nothing ("forse cercavi"), at most `n`, in the dataset if given.
    pub fn suggest(&self, query: &str, dataset: Option<usize>, n: usize) -> Vec<String> {
        let range = self.range(dataset);
        let q = query::parse(query);
        let mut out: Vec<String> = Vec::new();
        for word in &q.words {
            for near in self.vocab.nearest(word, &range, n) {
                if out.len() < n && !out.iter().any(|o| o == near) {
                    out.push(near.to_string());
                }
            }
        }
        out
    }

    /// Whether a folded word is, as it is, a word of the map: a query word
    /// that is one is not a typo for another.
    pub fn has_word(&self, folded: &str) -> bool {
        self.vocab.id(folded).is_some()
    }

    /// Drops what the index remembers of earlier queries for words starting
    /// with `word` (benchmarks use it to time a keystroke as the first
    /// sight of its last word).
    pub fn forget(&mut self, word: &str) {
        let folded = crate::text::fold(word);
        self.matcher.forget(&folded);
    }

    /// Forgets every earlier query: the next search starts from nothing.
    pub fn reset(&mut self) {
        self.matcher.forget("");
        self.last = None;
    }
}

#[cfg(test)]
mod tests;

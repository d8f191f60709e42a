//! Property tests for the query parser and search (issue 12): whatever is
//! typed or pasted — arbitrary Unicode, control and bidi characters, long
//! texts — search never panics and its answer stays bounded.
//!
//! Every case that ever failed here is kept in
//! `tests/corpus/search_queries.jsonl` and replayed first: one query per
//! line, as a JSON string, or `{"text": "...", "times": N}` for a long one.
//!
//! `cargo test` runs a small budget; a longer run, for a fixed budget:
//! `PROPTEST_CASES=5000 cargo test --release --test search_props`.

use mappa::import::builtin;
use mappa::search::{query, SearchIndex, SearchResult, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::RefCell;
use std::collections::HashSet;

const CORPUS: &str = include_str!("../corpus/search_queries.jsonl");

/// The corpus, one query per line.
fn corpus() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(
            |line| match serde_json::from_str::<serde_json::Value>(line) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(serde_json::Value::Object(o)) => {
                    let text = o["text"].as_str().expect("text").to_string();
                    let times = o.get("times").and_then(|t| t.as_u64()).unwrap_or(1);
                    text.repeat(times as usize)
                }
                other => panic!("bad corpus line {line:?}: {other:?}"),
            },
        )
        .collect()
}

/// What must hold of the parsed query, whatever was typed.
fn check_parse(q: &str) -> Result<(), TestCaseError> {
    let parsed = query::parse(q);
    prop_assert!(parsed.words.len() <= MAX_QUERY_WORDS);
    prop_assert!(parsed.text.chars().count() <= MAX_QUERY_CHARS);
    prop_assert!(parsed.words.iter().all(|w| !w.is_empty()));
    let distinct: HashSet<&String> = parsed.words.iter().collect();
    prop_assert_eq!(distinct.len(), parsed.words.len());
    if q.trim().chars().count() > MAX_QUERY_CHARS {
        prop_assert!(parsed.truncated);
    }
    if !parsed.truncated {
        prop_assert!(q.trim().chars().count() <= MAX_QUERY_CHARS);
    }
    Ok(())
}

/// What must hold of any answer.
fn check_result(index: &SearchIndex, r: &SearchResult) -> Result<(), TestCaseError> {
    prop_assert!(r.hits.len() <= index.len());
    prop_assert!(r.query_words <= MAX_QUERY_WORDS);
    let distinct: HashSet<(usize, usize)> = r.hits.iter().map(|h| (h.dataset, h.node)).collect();
    prop_assert_eq!(distinct.len(), r.hits.len(), "an entry listed twice");
    if let Some((matched, total)) = r.partial {
        prop_assert!(matched >= 1 && matched < total && total == r.query_words);
        prop_assert!(!r.hits.is_empty());
    }
    for pair in r.hits.windows(2) {
        // Most words first, then best score.
        prop_assert!(
            pair[0].matched_words > pair[1].matched_words
                || (pair[0].matched_words == pair[1].matched_words
                    && pair[0].score >= pair[1].score),
            "out of order: {:?} then {:?}",
            pair[0],
            pair[1]
        );
    }
    for h in &r.hits {
        prop_assert!(h.score.is_finite());
        prop_assert!(h.matched_words >= 1 && h.matched_words <= r.query_words.max(1));
        if r.partial.is_none() {
            prop_assert_eq!(h.matched_words, r.query_words.max(1));
        }
        prop_assert!(h.title_positions.windows(2).all(|p| p[0] < p[1]));
    }
    Ok(())
}

fn check_search(index: &mut SearchIndex, q: &str) -> Result<(), TestCaseError> {
    check_parse(q)?;
    let r = index.search(q, None);
    check_result(index, &r)?;
    let parsed = query::parse(q);
    prop_assert_eq!(r.truncated, parsed.truncated);
    // The same answer from nothing: no state leaks from earlier queries.
    index.reset();
    let again = index.search(q, None);
    prop_assert_eq!(
        r.hits
            .iter()
            .map(|h| (h.dataset, h.node))
            .collect::<Vec<_>>(),
        again
            .hits
            .iter()
            .map(|h| (h.dataset, h.node))
            .collect::<Vec<_>>()
    );
    Ok(())
}

/// Runs `strategy` for `cases` cases (or `PROPTEST_CASES`) against one
/// index of the seeds.
fn run(cases: u32, strategy: impl Strategy<Value = String>) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    let map = builtin();
    let index = RefCell::new(SearchIndex::new(&map));
    let config = Config {
        cases,
        // The corpus below is the record of failures: no files written here.
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&strategy, |q| check_search(&mut index.borrow_mut(), &q));
    if let Err(e) = outcome {
        panic!("{e}\nAdd the minimal failing query to tests/corpus/search_queries.jsonl");
    }
}

/// Words the map has, so that generated queries also match something.
const WORDS: &[&str] = &[
    "protocollo",
    "pec",
    "registro",
    "imprese",
    "visure",
    "start-up",
    "scuola-lavoro",
    "dvr",
    "documento",
    "valutazione",
    "rischi",
    "stipendi",
    "multa",
    "gara",
    "C2.10",
    "A1.1.1.7",
    "d'origine",
    "è",
    "chi",
    "di",
    "inventrio",
    "tachigraf",
    "pulizie",
    "bilanci",
];

/// Separators, including the ones that split and join words.
const SEPARATORS: &[&str] = &[" ", "  ", "-", "'", ".", "/", "\t", "\n", ", ", "\u{a0}"];

fn words_and_separators(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(WORDS),
            prop::sample::select(SEPARATORS),
        ),
        0..max,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

#[test]
fn the_corpus_of_past_failures_replays() {
    let map = builtin();
    let mut index = SearchIndex::new(&map);
    let corpus = corpus();
    assert!(corpus.len() >= 20);
    for q in &corpus {
        if let Err(e) = check_search(&mut index, q) {
            let shown: String = q.chars().take(80).collect();
            panic!("{shown:?}…: {e}");
        }
    }
}

#[test]
fn arbitrary_unicode_never_panics() {
    run(
        96,
        prop::collection::vec(any::<char>(), 0..48).prop_map(|v| v.into_iter().collect()),
    );
}

#[test]
fn control_and_bidi_characters_never_panic() {
    run(
        64,
        "[\\x00-\\x1f\\x7f-\\x9f\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-zà-ù .'-]{0,120}",
    );
}

#[test]
fn words_of_the_map_in_any_order_never_panic() {
    run(64, words_and_separators(40));
}

/// Typing a query one character at a time gives, at every step, what a
/// search from nothing gives (the index narrows from its previous answer).
#[test]
fn typing_gives_the_same_answers_as_searching_from_nothing() {
    let map = builtin();
    let typing = RefCell::new(SearchIndex::new(&map));
    let fresh = RefCell::new(SearchIndex::new(&map));
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let outcome = runner.run(&words_and_separators(4), |q| {
        let (mut typing, mut fresh) = (typing.borrow_mut(), fresh.borrow_mut());
        typing.reset();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let step = typing.search(&typed, None);
            fresh.reset();
            let from_nothing = fresh.search(&typed, None);
            let key = |r: &SearchResult| {
                r.hits
                    .iter()
                    .map(|h| (h.dataset, h.node))
                    .collect::<Vec<_>>()
            };
            prop_assert_eq!(key(&step), key(&from_nothing), "after typing {:?}", typed);
            prop_assert_eq!(
                step.partial,
                from_nothing.partial,
                "after typing {:?}",
                typed
            );
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}\nAdd the minimal failing query to tests/corpus/search_queries.jsonl");
    }
}

#[test]
fn long_pasted_text_stays_bounded() {
    run(16, words_and_separators(1_500));
}

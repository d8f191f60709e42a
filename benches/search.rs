//! One keystroke in the search box: the query grows by one character and is
//! ranked again, earlier words coming from the index's cache as they do
//! while typing. On the seeds and on synthetic maps of 10,000 and 100,000
//! entries. And a pasted query of 3,000 characters and of 100 KB, from
//! nothing (goal: under a second; the cap makes it far less).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::builtin;
use mappa::model::Map;
use mappa::search::SearchIndex;

mod common;
use common::synthetic;

fn keystroke(c: &mut Criterion, name: &str, map: &Map, before: &str, after: &str) {
    let mut index = SearchIndex::new(map);
    index.search(before, None);
    let last = after.split_whitespace().last().unwrap().to_string();
    // Each timed search follows the shorter query, as in typing: the
    // earlier words are cached, the last one is new.
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                index.search(before, None);
                index.forget(&last);
                let start = std::time::Instant::now();
                black_box(index.search(after, None).hits.len());
                total += start.elapsed();
            }
            total
        })
    });
}

/// Text pasted into the search box: the seeds' own activities, repeated
/// up to `len` characters (real words, so the words that are read match).
fn pasted_text(map: &Map, len: usize) -> String {
    let text: String = map
        .nodes()
        .map(|n| n.activities.list().join(" "))
        .filter(|steps| !steps.is_empty())
        .collect::<Vec<String>>()
        .join(" ");
    text.chars().cycle().take(len).collect()
}

fn pasted(c: &mut Criterion, map: &Map, len: usize, name: &str) {
    let query = pasted_text(map, len);
    let mut index = SearchIndex::new(map);
    c.bench_function(name, |b| {
        b.iter(|| {
            // From nothing: no cached words, no previous query to narrow.
            index.reset();
            black_box(index.search(&query, None).hits.len())
        })
    });
}

fn search(c: &mut Criterion) {
    let seeds = builtin();
    keystroke(
        c,
        "keystroke seeds: 'contratti loca' -> 'contratti locaz'",
        &seeds,
        "contratti loca",
        "contratti locaz",
    );
    keystroke(
        c,
        "keystroke seeds: 'pulizi' -> 'pulizie'",
        &seeds,
        "pulizi",
        "pulizie",
    );
    let k10 = synthetic(10_000);
    keystroke(
        c,
        "keystroke 10k: 'gestione contr' -> 'gestione contra'",
        &k10,
        "gestione contr",
        "gestione contra",
    );
    let k100 = synthetic(100_000);
    keystroke(
        c,
        "keystroke 100k: 'gestione contr' -> 'gestione contra'",
        &k100,
        "gestione contr",
        "gestione contra",
    );
    keystroke(c, "keystroke 100k: 'vis' -> 'visu'", &k100, "vis", "visu");
    pasted(c, &seeds, 3_000, "query of 3,000 characters, seeds");
    pasted(c, &seeds, 100_000, "query of 100 KB, seeds");
    c.bench_function("build index 100k", |b| {
        b.iter(|| SearchIndex::new(black_box(&k100)).len())
    });
}

criterion_group!(benches, search);
criterion_main!(benches);

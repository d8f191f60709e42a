//! One keystroke in the search box: the query grows by one character and is
//! ranked again, earlier words coming from the index's cache as they do
//! while typing. On the seeds and on synthetic maps of 10,000 and 100,000
//! entries. And a pasted query of 3,000 characters and of 100 KB, from
//! nothing (goal: under a second; the cap makes it far less).
//!
//! And the whole process, as a script sees it: `mappa search protocollo
//! --json` on the built-in seeds beside `fzf --filter protocollo` over the
//! same entries, one per line with every field search reads (and, for a
//! second figure, with only code, title and responsible), when fzf is
//! installed. The goal: mappa within 0.7 times fzf.

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

/// The seeds' entries one per line for fzf: every field search reads, or
/// only code, title and responsible.
fn flat_entries(map: &Map, full: bool) -> String {
    let mut out = String::new();
    for n in map.nodes() {
        let offices: Vec<String> = n
            .structures
            .iter()
            .map(|s| format!("{} {}", s.area, s.servizio))
            .collect();
        let steps = n.activities.list().join(" ");
        let mut parts = vec![n.code.as_deref().unwrap_or(""), &n.title];
        if full {
            parts.extend([&*n.name, &*n.role, &*n.input, &*n.output, &*steps]);
        } else {
            parts.push(&n.role);
        }
        let offices = offices.join(" ");
        parts.push(&offices);
        let line: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        out.push_str(&line.join(" ").replace('\n', " "));
        out.push('\n');
    }
    out
}

fn whole_process(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("mappa-bench-search-{}", std::process::id()));
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let map = builtin();
    let (full, short) = (dir.join("seeds-full.txt"), dir.join("seeds-short.txt"));
    std::fs::write(&full, flat_entries(&map, true)).unwrap();
    std::fs::write(&short, flat_entries(&map, false)).unwrap();
    let mut group = c.benchmark_group("whole process: search protocollo, seeds");
    group.sample_size(50);
    group.bench_function("mappa search --json", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_mappa"))
                .args(["search", "protocollo", "--json"])
                .env("HOME", &home)
                .env("XDG_DATA_HOME", home.join("data"))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("MAPPA_SYSTEM_CONFIG", home.join("etc-mappa.toml"))
                .output()
                .unwrap();
            assert!(out.status.success());
            black_box(out.stdout.len())
        })
    });
    let fzf = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("fzf"))
            .find(|p| p.is_file())
    });
    match fzf {
        Some(fzf) => {
            for (name, file) in [("every field", &full), ("code, title, responsible", &short)] {
                group.bench_function(format!("fzf --filter, {name}"), |b| {
                    b.iter(|| {
                        let input = std::fs::File::open(file).unwrap();
                        let out = std::process::Command::new(&fzf)
                            .args(["--filter", "protocollo"])
                            .stdin(input)
                            .output()
                            .unwrap();
                        black_box(out.stdout.len())
                    })
                });
            }
        }
        None => eprintln!("fzf is not installed: only mappa is measured"),
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, search, whole_process);
criterion_main!(benches);

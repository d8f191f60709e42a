//! The concordance: computing it on the seeds (the explorer does this on a
//! background thread after the first frame), applying the officer's
//! decisions, and computing it on a map ten times the seeds.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::concord::{Concordance, Decision, Verdict};
use mappa::import::builtin;
use mappa::model::{Dataset, Map};

/// Each dataset of the seeds repeated `times` times, ids and parents made
/// unique per copy: the same texts many times over, the hardest case for
/// an index of shared terms.
fn repeated(map: &Map, times: usize) -> Map {
    let grow = |d: &Dataset| {
        let mut out = d.clone();
        out.nodes.clear();
        for copy in 0..times {
            for n in &d.nodes {
                let mut n = n.clone();
                n.id = compact_str::format_compact!("{}#{copy}", n.id);
                n.parent = n.parent.map(|p| compact_str::format_compact!("{p}#{copy}"));
                out.nodes.push(n);
            }
        }
        out
    };
    Map {
        datasets: map.datasets.iter().map(grow).collect(),
    }
}

fn concordance(c: &mut Criterion) {
    let map = builtin();
    c.bench_function("concord compute, seeds", |b| {
        b.iter(|| Concordance::compute(black_box(&map)))
    });

    let computed = Concordance::compute(&map);
    let pair = computed
        .pair()
        .expect("the seeds pair catalogo with ptpc2019");
    let decisions: Vec<Decision> = (0..map.datasets[pair.catalogo].nodes.len())
        .filter_map(|n| {
            let link = computed.links(pair.catalogo, n).first()?;
            Some(Decision {
                catalogo: n,
                ptpc: link.node,
                verdict: if n % 2 == 0 {
                    Verdict::Confirm
                } else {
                    Verdict::Reject
                },
            })
        })
        .take(100)
        .collect();
    c.bench_function("concord apply 100 decisions, seeds", |b| {
        b.iter_batched(
            || computed.clone(),
            |mut c| c.apply(black_box(&decisions)),
            criterion::BatchSize::SmallInput,
        )
    });

    let big = repeated(&map, 10);
    let mut group = c.benchmark_group("concord large");
    group.sample_size(10);
    group.bench_function("concord compute, seeds x10", |b| {
        b.iter(|| Concordance::compute(black_box(&big)))
    });
    group.finish();
}

criterion_group!(benches, concordance);
criterion_main!(benches);

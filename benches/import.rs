//! Parsing both seed documents into the model.
//!
//! Each import is timed on its own and its result freed outside the timing:
//! freeing the model is not parsing, and keeping every result of a batch
//! alive until the batch ends (as `iter_with_large_drop` does) would time the
//! allocator growing the heap instead of the importers.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::{catalogo, ptpc, CATALOGO_SEED, PTPC_SEED};
use std::time::{Duration, Instant};

fn timed<T>(iters: u64, mut import: impl FnMut() -> T) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        let out = black_box(import());
        total += start.elapsed();
        drop(out);
    }
    total
}

fn parse_seeds(c: &mut Criterion) {
    c.bench_function("import catalogo", |b| {
        b.iter_custom(|n| timed(n, || catalogo::import("catalogo", black_box(CATALOGO_SEED))))
    });
    c.bench_function("import ptpc2019", |b| {
        b.iter_custom(|n| timed(n, || ptpc::import("ptpc2019", black_box(PTPC_SEED))))
    });
    c.bench_function("import both seeds", |b| {
        b.iter_custom(|n| timed(n, mappa::import::builtin))
    });
    c.bench_function("read rows of both seeds", |b| {
        b.iter_custom(|n| {
            timed(n, || {
                let a = mappa::import::read_rows(black_box(CATALOGO_SEED));
                let p = mappa::import::read_rows(black_box(PTPC_SEED));
                (a, p)
            })
        })
    });
}

criterion_group!(benches, parse_seeds);
criterion_main!(benches);

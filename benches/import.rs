//! Parsing both seed documents into the model.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::{catalogo, ptpc, CATALOGO_SEED, PTPC_SEED};

fn parse_seeds(c: &mut Criterion) {
    // Freeing the model afterwards is not parsing: it is dropped outside the timing.
    c.bench_function("import catalogo", |b| {
        b.iter_with_large_drop(|| catalogo::import("catalogo", black_box(CATALOGO_SEED)).unwrap())
    });
    c.bench_function("import ptpc2019", |b| {
        b.iter_with_large_drop(|| ptpc::import("ptpc2019", black_box(PTPC_SEED)).unwrap())
    });
    c.bench_function("import both seeds", |b| {
        b.iter_with_large_drop(mappa::import::builtin)
    });
}

criterion_group!(benches, parse_seeds);
criterion_main!(benches);

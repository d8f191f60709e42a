//! `mappa diff`: the catalogo against a new version of itself with every
//! kind of change (tests/it/common/map_edits.rs), at the seeds' size and
//! at ten times it; the diff alone, and with both files read as `mappa
//! diff` reads them (the seed's TSV, the new version as an export).

#[path = "../tests/it/common/map_edits.rs"]
mod map_edits;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::diff::diff;
use mappa::model::Dataset;
use std::path::{Path, PathBuf};

fn write_export(path: &Path, ds: &Dataset) {
    let export = mappa::import::json::Export {
        mappa: "bench".into(),
        datasets: vec![ds.clone()],
    };
    std::fs::write(path, serde_json::to_string_pretty(&export).unwrap()).unwrap();
}

/// Reads both files and diffs their datasets, as the command does.
fn read_and_diff(old: &Path, new: &Path) -> usize {
    let load = |p: &Path| mappa::import::load(&[p.to_path_buf()]).unwrap();
    let (old, new) = (load(old), load(new));
    diff(&old.datasets[0], &new.datasets[0]).changes.len()
}

fn diffs(c: &mut Criterion) {
    let map = mappa::import::builtin();
    let old = map.dataset("catalogo").unwrap().clone();
    let (new, _) = map_edits::edited(&old);
    let dir = tempfile::Builder::new()
        .prefix("mappa-bench-diff-")
        .tempdir()
        .unwrap();
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/catalogo.tsv");
    let new_file = dir.path().join("nuova.json");
    write_export(&new_file, &new);

    c.bench_function("diff, seeds", |b| {
        b.iter(|| diff(black_box(&old), black_box(&new)))
    });
    c.bench_function("diff, seeds, reading both files", |b| {
        b.iter(|| read_and_diff(black_box(&seed), black_box(&new_file)))
    });
    c.bench_function("diff, seeds, unchanged", |b| {
        b.iter(|| diff(black_box(&old), black_box(&old)))
    });

    let (old10, new10) = (map_edits::repeated(&old, 10), map_edits::repeated(&new, 10));
    let (old10_file, new10_file) = (dir.path().join("old10.json"), dir.path().join("new10.json"));
    write_export(&old10_file, &old10);
    write_export(&new10_file, &new10);
    let mut group = c.benchmark_group("diff large");
    group.sample_size(10);
    group.bench_function("diff, seeds x10", |b| {
        b.iter(|| diff(black_box(&old10), black_box(&new10)))
    });
    group.bench_function("diff, seeds x10, reading both files", |b| {
        b.iter(|| read_and_diff(black_box(&old10_file), black_box(&new10_file)))
    });
    group.finish();
}

criterion_group!(benches, diffs);
criterion_main!(benches);

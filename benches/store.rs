//! The review store's hot paths: finding orphaned reviews in a big map of
//! entries without a code (issue 12: linear, well under a second), and the
//! keys of every node.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::model::{Dataset, Kind, Map, Node};
use mappa::review::{all_keys, Base, Change, ReviewKey, Store};

/// `n` actions without a code under 100 sub-processes.
fn codeless_map(n: usize) -> Map {
    let mut nodes = Vec::with_capacity(n + 100);
    for p in 0..100 {
        let mut s = Node::new("big", format!("big:A1.1.{p}"), Kind::SottoProcesso, 3);
        s.code = Some(format!("A1.1.{p}").into());
        s.title = format!("Sotto-processo {p}").into();
        nodes.push(s);
    }
    for i in 0..n {
        let p = i % 100;
        let mut a = Node::new("big", format!("big:L{i}"), Kind::Azione, 4);
        a.title = format!("Azione numero {i} della gestione").into();
        a.parent = Some(format!("big:A1.1.{p}").into());
        a.parent_code = Some(format!("A1.1.{p}").into());
        nodes.push(a);
    }
    Map {
        datasets: vec![Dataset {
            id: "big".into(),
            title: "big".into(),
            source: "bench".into(),
            nodes,
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }],
    }
}

fn store(c: &mut Criterion) {
    let map = codeless_map(20_000);
    let dir = std::env::temp_dir().join(format!("mappa-bench-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Store::open(&dir.join("review.sqlite"), false, "bench").unwrap();
    // 500 reviews on live entries and 50 on entries that left the map.
    let keys = all_keys(&map);
    for k in keys[0].iter().step_by(40).take(500) {
        s.apply(k, "voce", &[Change::Notes("nota".into())], Base::Force)
            .unwrap();
    }
    for i in 0..50 {
        let k = ReviewKey {
            dataset: "big".into(),
            key: format!("A9.9#scomparsa {i}"),
            variant: 1,
        };
        s.apply(
            &k,
            "voce scomparsa",
            &[Change::Notes("nota".into())],
            Base::Force,
        )
        .unwrap();
    }
    c.bench_function("review orphans, 20,000 entries without a code", |b| {
        b.iter(|| black_box(s.orphans(&map).unwrap().len()))
    });
    c.bench_function("review keys of 20,000 entries without a code", |b| {
        b.iter(|| black_box(all_keys(&map).len()))
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, store);
criterion_main!(benches);

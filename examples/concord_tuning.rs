//! Tools for tuning the concordance against the pairs of the tests:
//!
//! ```sh
//! cargo run --release --example concord_tuning -- links   # every link of the seeds
//! cargo run --release --example concord_tuning -- sweep   # each knob moved in turn
//! cargo run --release --example concord_tuning -- offices # the office threshold, by level
//! ```

#[path = "../tests/it/concord_pairs.rs"]
mod concord_pairs;

use concord_pairs::{by_level, describe, index, outcomes, LEVELS};
use mappa::concord::{Concordance, Tuning};
use mappa::import::builtin;

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("links") => print_every_link(),
        Some("sweep") => sweep(),
        Some("offices") => offices(),
        _ => {
            eprintln!("usage: concord_tuning links|sweep|offices");
            std::process::exit(2);
        }
    }
}

/// Every link of the seeds with its score.
fn print_every_link() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    for i in 0..cat_ds.nodes.len() {
        let links = concordance.links(cat, i);
        println!("{}", describe(cat_ds, i));
        for l in links {
            println!(
                "      {:.3} {:<10} {}",
                l.score,
                l.basis.slug(),
                describe(ptpc_ds, l.node)
            );
        }
    }
    for (name, d) in [("catalogo", cat), ("ptpc2019", ptpc)] {
        let linked = (0..map.datasets[d].nodes.len())
            .filter(|&n| concordance.best(d, n).is_some())
            .count();
        let unmatched = concordance.unmatched(d).count();
        println!(
            "{name}: {linked} entries linked, {unmatched} linkable entries without a counterpart"
        );
    }
}

/// Sets one knob of a [`Tuning`].
type SetKnob = fn(&mut Tuning, f32);

/// Ranking and cut as one knob moves.
/// Each line: how often the top candidate is right (any threshold), and the
/// threshold that gives the best F0.5 (precision counts twice) with its
/// precision and recall.
fn sweep() {
    let map = builtin();
    let base = Tuning::default();
    let knobs: &[(&str, SetKnob, &[f32])] = &[
        ("default", |_, _| {}, &[0.0]),
        (
            "neighbourhood",
            |t, v| t.neighbourhood = v,
            &[0.0, 0.2, 0.35, 0.5, 0.7],
        ),
        ("context", |t, v| t.context = v, &[0.0, 0.15, 0.3, 0.5, 0.8]),
        ("parents", |t, v| t.parents = v, &[0.0, 0.2, 0.4, 0.6, 0.8]),
        ("duty", |t, v| t.duty = v, &[0.0, 0.1, 0.2, 0.4]),
        (
            "title_share",
            |t, v| t.title_share = v,
            &[0.3, 0.5, 0.7, 0.9],
        ),
        (
            "across_levels",
            |t, v| t.across_levels = v,
            &[0.6, 0.75, 0.85, 1.0],
        ),
        (
            "title_beside_name",
            |t, v| t.title_beside_name = v,
            &[0.2, 0.35, 0.5, 1.0],
        ),
        ("repeats", |t, v| t.repeats = v, &[0.0, 0.25, 0.5, 1.0]),
        (
            "activities",
            |t, v| t.activities = v,
            &[0.1, 0.2, 0.35, 0.5, 0.8],
        ),
        (
            "input_output",
            |t, v| t.input_output = v,
            &[0.0, 0.15, 0.3, 0.6],
        ),
        ("children", |t, v| t.children = v, &[0.2, 0.5, 0.8]),
        ("ancestors", |t, v| t.ancestors = v, &[0.3, 0.6, 0.9]),
    ];
    for (name, set, values) in knobs {
        for &v in *values {
            let mut t = base.clone();
            set(&mut t, v);
            t.threshold = 0.01;
            let out = outcomes(&map, &Concordance::compute_with(&map, &t));
            let positives = out.iter().filter(|o| o.0).count();
            let ranked = out
                .iter()
                .filter(|o| o.0 && o.1.is_some_and(|b| b.1))
                .count();
            let mut best = (0.0, 0.0, 0.0, 0.0);
            for step in 5..60 {
                let cut = step as f32 / 200.0;
                let kept = out.iter().filter_map(|o| o.1).filter(|b| b.0 >= cut);
                let (tp, all) = kept.fold((0, 0), |(tp, all), b| (tp + b.1 as usize, all + 1));
                let (p, r) = (tp as f64 / all.max(1) as f64, tp as f64 / positives as f64);
                let f = 1.25 * p * r / (0.25 * p + r).max(1e-9);
                if f > best.0 {
                    best = (f, cut as f64, p, r);
                }
            }
            if *name == "default" {
                for step in 24..46 {
                    let cut = step as f32 / 200.0;
                    let kept = out.iter().filter_map(|o| o.1).filter(|b| b.0 >= cut);
                    let (tp, all) = kept.fold((0, 0), |(tp, all), b| (tp + b.1 as usize, all + 1));
                    println!(
                        "    threshold {cut:.3}: precision {:5.1} %  recall {:5.1} %",
                        tp as f64 * 100.0 / all.max(1) as f64,
                        tp as f64 * 100.0 / positives as f64
                    );
                }
            }
            println!(
                "{name:>18} = {v:<5} top right {:5.1} %  best cut {:.3}: precision {:5.1} %  recall {:5.1} %",
                ranked as f64 * 100.0 / positives as f64,
                best.1,
                best.2 * 100.0,
                best.3 * 100.0
            );
        }
    }
}

/// Precision and recall, level by level, of the links that give offices
/// as their threshold moves: the lowest threshold keeping every level at
/// 95 % or more is the one to ship.
fn offices() {
    let map = builtin();
    let base = Tuning::default();
    println!("offices from: precision / recall of the first link giving an office, by level");
    println!("{:>6}  {}", "", LEVELS.join(" | "));
    let mut chosen = None;
    for step in 0..=16 {
        let floor = 0.2 + step as f32 * 0.025;
        let tuning = Tuning {
            offices: floor,
            ..base.clone()
        };
        let levels = by_level(&map, &Concordance::compute_with(&map, &tuning));
        let cells: Vec<String> = levels
            .iter()
            .map(|l| {
                format!(
                    "{:5.1} / {:5.1}",
                    l.office_precision() * 100.0,
                    l.office_recall() * 100.0
                )
            })
            .collect();
        let ok = levels.iter().all(|l| l.office_precision() >= 0.95);
        if ok && chosen.is_none() {
            chosen = Some(floor);
        }
        println!(
            "{floor:6.3}  {}{}",
            cells.join(" | "),
            if ok { "  ok" } else { "" }
        );
    }
    println!(
        "lowest threshold with every level at 95 % or more: {:?} (shipped: {})",
        chosen, base.offices
    );
}

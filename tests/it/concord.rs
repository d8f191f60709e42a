//! The concordance against pairs established by reading both seed maps:
//! for each catalogo entry, the ptpc2019 entries that describe the same
//! work (any of them is a right answer), or none. The test prints precision
//! and recall of the best link with every miss, and fails below 85 %
//! precision. Run with `--nocapture` to see the figures.

use super::concord_pairs::*;
use mappa::concord::{Concordance, LinkStatus};
use mappa::import::builtin;
use mappa::model::Map;
use mappa::text::fold;

/// Precision and recall of the best link on [`PAIRS`], with the misses.
struct Report {
    precision: f64,
    recall: f64,
    pairs: usize,
    positives: usize,
    misses: Vec<String>,
}

fn evaluate(map: &Map, concordance: &Concordance) -> Report {
    let (cat, ptpc) = (index(map, "catalogo"), index(map, "ptpc2019"));
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    let (mut tp, mut fp, mut positives) = (0, 0, 0);
    let mut misses = Vec::new();
    for &(entry, targets, why) in PAIRS {
        let c = catalogo_node(cat_ds, entry);
        let right: Vec<usize> = targets
            .iter()
            .flat_map(|t| ptpc_nodes(ptpc_ds, t))
            .collect();
        positives += !right.is_empty() as usize;
        match concordance.best(cat, c) {
            Some(b) if right.contains(&b.node) => tp += 1,
            Some(b) => {
                fp += 1;
                let want = match right.first() {
                    Some(&r) => describe(ptpc_ds, r),
                    None => "no link".to_string(),
                };
                misses.push(format!(
                    "  {entry}: got {} ({:.2}), want {want} — {why}",
                    describe(ptpc_ds, b.node),
                    b.score
                ));
            }
            None if !right.is_empty() => misses.push(format!(
                "  {entry}: no link, want {} — {why}",
                describe(ptpc_ds, right[0])
            )),
            None => {}
        }
    }
    Report {
        precision: tp as f64 / (tp + fp).max(1) as f64,
        recall: tp as f64 / positives.max(1) as f64,
        pairs: PAIRS.len(),
        positives,
        misses,
    }
}

#[test]
fn precision_and_recall_of_the_best_link() {
    assert!(PAIRS.iter().filter(|p| !p.1.is_empty()).count() >= 40);
    let map = builtin();
    let report = evaluate(&map, &Concordance::compute(&map));
    println!(
        "concordance on {} pairs ({} with a counterpart): precision {:.1} %, recall {:.1} %",
        report.pairs,
        report.positives,
        report.precision * 100.0,
        report.recall * 100.0
    );
    println!(
        "misses ({}):\n{}",
        report.misses.len(),
        report.misses.join("\n")
    );
    assert!(
        report.precision >= PRECISION_FLOOR,
        "precision {:.1} % is below {:.0} %",
        report.precision * 100.0,
        PRECISION_FLOOR * 100.0
    );
}

#[test]
fn tachograph_cards_get_their_action_and_its_office() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let c = catalogo_node(&map.datasets[cat], "D2.2.2.1");
    let best = concordance.best(cat, c).expect("D2.2.2.1 is linked");
    assert_eq!(best.dataset, ptpc);
    let action = &map.datasets[ptpc].nodes[best.node];
    assert_eq!(action.title, "Rilascio delle carte tachigrafiche");
    let offices = concordance.offices(&map, cat, c);
    let first = offices.first().expect("an office");
    assert_eq!(
        (first.area.as_ref(), first.servizio.as_ref()),
        ("Sviluppo economico", "Armonizzaz. e tutela del mercato")
    );
    // And the reverse: the action's best catalogo entry is about the cards.
    let back = concordance.best(ptpc, best.node).expect("linked back");
    assert!(fold(&map.datasets[cat].nodes[back.node].title).contains("tachigrafich"));
}

#[test]
fn promoting_tourism_links_to_promoting_the_territory() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let c = catalogo_node(&map.datasets[cat], "D3.1.3");
    let best = concordance.best(cat, c).expect("D3.1.3 is linked");
    assert_eq!(
        map.datasets[ptpc].nodes[best.node].code.as_deref(),
        Some("D1.3.5")
    );
    assert_eq!(best.status, LinkStatus::Auto);
    // A sub-process gives the offices of its actions.
    assert!(!concordance.offices(&map, cat, c).is_empty());
}

//! The concordance's promises: determinism, decisions that always win,
//! the threshold, offices, and no panic on odd maps. The quality of the
//! links on the seeds is measured in `tests/concord.rs`.

use super::*;
use crate::import::builtin;
use crate::model::{Dataset, Kind, Node, Structure};

/// A node of a small hand-made map; `parent` is an index into `nodes`.
struct Row {
    kind: Kind,
    parent: Option<usize>,
    title: &'static str,
    role: &'static str,
    office: Option<(&'static str, &'static str)>,
}

fn row(kind: Kind, parent: Option<usize>, title: &'static str) -> Row {
    Row {
        kind,
        parent,
        title,
        role: "",
        office: None,
    }
}

fn dataset(id: &str, rows: Vec<Row>) -> Dataset {
    let ids: Vec<String> = (0..rows.len()).map(|i| format!("{id}:{i}")).collect();
    let nodes = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut n = Node::new(id, ids[i].as_str(), r.kind, 1);
            n.title = r.title.into();
            n.role = r.role.into();
            n.parent = r.parent.map(|p| ids[p].as_str().into());
            if let Some((area, servizio)) = r.office {
                n.structures.push(Structure {
                    area: area.into(),
                    servizio: servizio.into(),
                    line: None,
                });
            }
            n
        })
        .collect();
    Dataset {
        id: id.to_string(),
        title: String::new(),
        source: String::new(),
        nodes,
        diagnostics: Vec::new(),
        loaded_from: None,
        parent_index: Default::default(),
    }
}

fn action(parent: usize, title: &'static str, office: (&'static str, &'static str)) -> Row {
    Row {
        office: Some(office),
        ..row(Kind::Azione, Some(parent), title)
    }
}

fn activity(parent: usize, title: &'static str) -> Row {
    Row {
        role: "Operatore incaricato",
        ..row(Kind::Attivita, Some(parent), title)
    }
}

/// catalogo: 0 macro, 1 process, 2 sub-process, 3..=6 activities.
/// ptpc2019: 0 function, 1 macro, 2 process, 3 sub-process, 4..=7 actions.
fn small_map() -> Map {
    let catalogo = dataset(
        "catalogo",
        vec![
            row(Kind::MacroProcesso, None, "Digitalizzazione"),
            row(
                Kind::Processo,
                Some(0),
                "Servizi connessi all'agenda digitale",
            ),
            row(
                Kind::SottoProcesso,
                Some(1),
                "Rilascio carte tachigrafiche e firma digitale",
            ),
            activity(
                2,
                "Rilascio carte tachigrafiche e rinnovo carte tachigrafiche",
            ),
            activity(2, "Rilascio dispositivi di firma digitale"),
            activity(2, "Della delle dei degli"),
            activity(2, "Onorificenze e premi"),
        ],
    );
    let ptpc = dataset(
        "ptpc2019",
        vec![
            row(Kind::Funzione, None, "Anagrafico certificativo"),
            row(Kind::MacroProcesso, Some(0), "Servizi digitali"),
            row(Kind::Processo, Some(1), "Servizi digitali e certificazioni"),
            row(Kind::SottoProcesso, Some(2), "Rilascio dispositivi e carte"),
            action(
                3,
                "Rilascio delle carte tachigrafiche",
                ("Sviluppo economico", "Tutela del mercato"),
            ),
            action(
                3,
                "Rilascio dei dispositivi di firma digitale",
                ("Segretario generale", "Registro imprese"),
            ),
            action(
                3,
                "Rinnovo dei dispositivi di firma digitale",
                ("Segretario generale", "Registro imprese"),
            ),
            action(
                3,
                "Della delle dei",
                ("Segretario generale", "Affari generali"),
            ),
        ],
    );
    Map {
        datasets: vec![catalogo, ptpc],
    }
}

/// Every link list of both datasets, for comparing two concordances.
fn all_links(c: &Concordance, map: &Map) -> Vec<Vec<Link>> {
    (0..map.datasets.len())
        .flat_map(|d| (0..map.datasets[d].nodes.len()).map(move |n| (d, n)))
        .map(|(d, n)| c.links(d, n).to_vec())
        .collect()
}

#[test]
fn the_best_link_is_the_same_work() {
    let map = small_map();
    let c = Concordance::compute(&map);
    assert_eq!(
        c.pair(),
        Some(Pair {
            catalogo: 0,
            ptpc: 1
        })
    );
    assert_eq!(c.best(0, 3).map(|l| l.node), Some(4), "tachograph cards");
    assert_eq!(c.best(0, 4).map(|l| l.node), Some(5), "signature devices");
    assert_eq!(c.best(1, 4).map(|l| (l.dataset, l.node)), Some((0, 3)));
    for l in c.links(0, 3) {
        assert_eq!(l.dataset, 1);
        assert_eq!(l.status, LinkStatus::Auto);
        assert!((0.0..=1.0).contains(&l.score));
    }
}

#[test]
fn stopwords_alone_make_no_link() {
    let map = small_map();
    let c = Concordance::compute(&map);
    assert!(c.links(0, 5).is_empty(), "{:?}", c.links(0, 5));
    assert!(!c.linkable[0][5], "no words that count: nothing to link");
    // Nor does a word the other map never uses.
    assert!(c.links(0, 6).is_empty());
    assert!(c.unmatched(0).any(|n| n == 6));
}

#[test]
fn links_are_the_same_both_ways() {
    let map = builtin();
    let c = Concordance::compute(&map);
    let pair = c.pair().unwrap();
    for (n, _) in map.datasets[pair.catalogo].nodes.iter().enumerate() {
        for l in c.links(pair.catalogo, n) {
            let back = c.links(pair.ptpc, l.node);
            assert!(
                back.iter().any(|b| b.node == n && b.score == l.score),
                "catalogo {n} -> ptpc {} has no way back",
                l.node
            );
        }
    }
}

#[test]
fn deterministic() {
    let map = builtin();
    let a = Concordance::compute(&map);
    let b = Concordance::compute(&map);
    assert_eq!(all_links(&a, &map), all_links(&b, &map));
    // The datasets in the other order: the same links, by the other indices.
    let swapped = Map {
        datasets: vec![map.datasets[1].clone(), map.datasets[0].clone()],
    };
    let s = Concordance::compute(&swapped);
    assert_eq!(
        s.pair(),
        Some(Pair {
            catalogo: 1,
            ptpc: 0
        })
    );
    for n in 0..map.datasets[0].nodes.len() {
        let here: Vec<(usize, f32)> = a.links(0, n).iter().map(|l| (l.node, l.score)).collect();
        let there: Vec<(usize, f32)> = s.links(1, n).iter().map(|l| (l.node, l.score)).collect();
        assert_eq!(here, there, "catalogo node {n}");
    }
}

#[test]
fn ties_go_to_node_order() {
    let map = builtin();
    let c = Concordance::compute(&map);
    for list in c.lists.iter().flatten() {
        for w in list.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.status == b.status && a.score == b.score {
                assert!(a.node < b.node, "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn a_rejected_link_is_never_the_best() {
    let map = builtin();
    let mut c = Concordance::compute(&map);
    let pair = c.pair().unwrap();
    let linked: Vec<usize> = (0..map.datasets[pair.catalogo].nodes.len())
        .filter(|&n| !c.links(pair.catalogo, n).is_empty())
        .collect();
    assert!(linked.len() > 100);
    let decisions: Vec<Decision> = linked
        .iter()
        .map(|&n| Decision {
            catalogo: n,
            ptpc: c.links(pair.catalogo, n)[0].node,
            verdict: Verdict::Reject,
        })
        .collect();
    assert_eq!(c.apply(&decisions), decisions.len());
    for d in &decisions {
        let links = c.links(pair.catalogo, d.catalogo);
        assert_ne!(
            c.best(pair.catalogo, d.catalogo).map(|l| l.node),
            Some(d.ptpc)
        );
        let last = links.last().unwrap();
        assert_eq!((last.node, last.status), (d.ptpc, LinkStatus::Respinto));
        // From the other side too.
        assert_ne!(c.best(pair.ptpc, d.ptpc).map(|l| l.node), Some(d.catalogo));
        let others = links.iter().filter(|l| l.status != LinkStatus::Respinto);
        if others.count() == 0 {
            assert!(c.unmatched(pair.catalogo).any(|n| n == d.catalogo));
        }
    }
}

#[test]
fn a_confirmed_or_added_link_is_always_the_best() {
    let map = builtin();
    let mut c = Concordance::compute(&map);
    let pair = c.pair().unwrap();
    // Confirm the weakest link of every entry with two or more.
    let decisions: Vec<Decision> = (0..map.datasets[pair.catalogo].nodes.len())
        .filter_map(|n| {
            let links = c.links(pair.catalogo, n);
            (links.len() > 1).then(|| Decision {
                catalogo: n,
                ptpc: links.last().unwrap().node,
                verdict: Verdict::Confirm,
            })
        })
        .collect();
    assert!(!decisions.is_empty());
    c.apply(&decisions);
    for d in &decisions {
        let best = c.best(pair.catalogo, d.catalogo).unwrap();
        assert_eq!((best.node, best.status), (d.ptpc, LinkStatus::Confermato));
    }
    // A pair the content does not support at all: added, first, score 0.
    let unmatched = c.unmatched(pair.catalogo).next().unwrap();
    let far = 0; // the first institutional function: never linked by content
    assert!(c.links(pair.ptpc, far).is_empty());
    c.apply(&[Decision {
        catalogo: unmatched,
        ptpc: far,
        verdict: Verdict::Add,
    }]);
    let best = c.best(pair.catalogo, unmatched).unwrap();
    assert_eq!((best.node, best.status), (far, LinkStatus::Confermato));
    assert_eq!(best.score, 0.0);
    assert!(!c.unmatched(pair.catalogo).any(|n| n == unmatched));
    assert_eq!(c.best(pair.ptpc, far).map(|l| l.node), Some(unmatched));
}

#[test]
fn a_later_decision_replaces_an_earlier_one() {
    let map = small_map();
    let mut c = Concordance::compute(&map);
    let before = all_links(&c, &map);
    let on = |verdict| Decision {
        catalogo: 3,
        ptpc: 4,
        verdict,
    };
    c.apply(&[on(Verdict::Confirm), on(Verdict::Reject)]);
    assert_eq!(c.links(0, 3).last().unwrap().status, LinkStatus::Respinto);
    c.apply(&[on(Verdict::Confirm)]);
    assert_eq!(c.best(0, 3).unwrap().status, LinkStatus::Confermato);
    assert_eq!(c.links(0, 3).iter().filter(|l| l.node == 4).count(), 1);
    c.clear_decisions();
    assert_eq!(all_links(&c, &map), before);
}

#[test]
fn decisions_outside_the_map_are_skipped() {
    let map = small_map();
    let mut c = Concordance::compute(&map);
    let before = all_links(&c, &map);
    let applied = c.apply(&[
        Decision {
            catalogo: 999,
            ptpc: 4,
            verdict: Verdict::Add,
        },
        Decision {
            catalogo: 3,
            ptpc: usize::MAX,
            verdict: Verdict::Reject,
        },
    ]);
    assert_eq!(applied, 0);
    assert_eq!(all_links(&c, &map), before);
}

#[test]
fn the_threshold_decides_who_has_a_counterpart() {
    let map = builtin();
    let pair = Concordance::compute(&map).pair().unwrap();
    let with = |threshold| {
        Concordance::compute_with(
            &map,
            &Tuning {
                threshold,
                ..Tuning::default()
            },
        )
    };
    let none = with(1.01);
    assert!(all_links(&none, &map).iter().all(Vec::is_empty));
    let linkable = none.linkable[0].iter().filter(|&&l| l).count();
    assert_eq!(none.unmatched(pair.catalogo).count(), linkable);

    let (low, default, high) = (with(0.05), Concordance::compute(&map), with(0.4));
    let matched = |c: &Concordance| linkable - c.unmatched(pair.catalogo).count();
    assert!(matched(&low) > matched(&default));
    assert!(matched(&default) > matched(&high));
    assert!(matched(&high) > 0);
    for n in 0..map.datasets[pair.catalogo].nodes.len() {
        // A higher threshold keeps the same best link or none (a link from
        // below may change: fewer sub-entries vote).
        if let Some(b) = high
            .best(pair.catalogo, n)
            .filter(|b| b.basis == crate::concord::Basis::Testo)
        {
            assert_eq!(default.best(pair.catalogo, n).map(|l| l.node), Some(b.node));
        }
        for l in default.links(pair.catalogo, n) {
            assert!(l.score >= Tuning::default().threshold && l.score <= 1.0);
        }
    }
}

#[test]
fn offices_come_from_the_links_in_order_each_once() {
    let map = small_map();
    let mut c = Concordance::compute(&map);
    let offices = |c: &Concordance, node| -> Vec<(String, String)> {
        c.offices(&map, 0, node)
            .into_iter()
            .map(|s| (s.area.to_string(), s.servizio.to_string()))
            .collect()
    };
    let pair = |a: &str, s: &str| (a.to_string(), s.to_string());
    assert_eq!(
        offices(&c, 3)[0],
        pair("Sviluppo economico", "Tutela del mercato")
    );
    // Two signature actions (and the sub-process holding them): their
    // office first, once.
    let sig = offices(&c, 4);
    assert_eq!(sig[0], pair("Segretario generale", "Registro imprese"));
    let mut unique = sig.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), sig.len(), "{sig:?}");
    // A link to a sub-process gives its actions' offices, each once.
    c.apply(&[Decision {
        catalogo: 6,
        ptpc: 3,
        verdict: Verdict::Add,
    }]);
    assert_eq!(
        offices(&c, 6),
        vec![
            pair("Sviluppo economico", "Tutela del mercato"),
            pair("Segretario generale", "Registro imprese"),
            pair("Segretario generale", "Affari generali"),
        ]
    );
    // A rejected link gives none.
    c.apply(&[Decision {
        catalogo: 6,
        ptpc: 3,
        verdict: Verdict::Reject,
    }]);
    assert!(offices(&c, 6).is_empty());
    // An annex node: its own.
    assert_eq!(c.offices(&map, 1, 4).len(), 1);
    assert_eq!(c.offices(&map, 1, 3).len(), 3);
}

#[test]
fn odd_maps_give_an_empty_concordance() {
    let one = Map {
        datasets: vec![small_map().datasets.remove(0)],
    };
    let mut empty_ptpc = small_map();
    empty_ptpc.datasets[1].nodes.clear();
    for map in [Map::default(), one, empty_ptpc] {
        let mut c = Concordance::compute(&map);
        assert!(all_links(&c, &map).iter().all(Vec::is_empty));
        assert_eq!(c.links(7, 7), &[]);
        assert!(c.best(0, 0).is_none());
        assert!(c.offices(&map, 0, 0).is_empty());
        assert_eq!(c.unmatched(5).count(), 0);
        c.apply(&[Decision {
            catalogo: 0,
            ptpc: 0,
            verdict: Verdict::Add,
        }]);
    }
}

#[test]
fn a_dataset_outside_the_pair_has_no_links() {
    let mut map = small_map();
    map.datasets.push(dataset(
        "altro",
        vec![row(Kind::Attivita, None, "Rilascio carte tachigrafiche")],
    ));
    let c = Concordance::compute(&map);
    assert!(c.links(2, 0).is_empty());
    assert_eq!(c.unmatched(2).count(), 0);
    assert!(c.links(0, 3).iter().all(|l| l.dataset == 1));
}

#[test]
fn status_slugs_are_italian() {
    for (s, slug) in [
        (LinkStatus::Auto, "auto"),
        (LinkStatus::Confermato, "confermato"),
        (LinkStatus::Respinto, "respinto"),
    ] {
        assert_eq!(s.slug(), slug);
        assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{slug}\""));
        assert_eq!(
            serde_json::from_str::<LinkStatus>(&format!("\"{slug}\"")).unwrap(),
            s
        );
    }
}

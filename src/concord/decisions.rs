//! The officer's decisions as the concordance takes them: the store files a
//! decision under the review keys of its two entries (so that it survives a
//! re-import, when node indices change); [`resolve`] finds the two nodes in
//! the map loaded now. Knows the keys, not the store.

use super::{Decision, Pair, Verdict};
use crate::model::Map;
use crate::review::{self, LinkDecision, ReviewKey};
use std::collections::HashMap;

/// The decisions that name entries of the map, as node indices, oldest
/// first; and how many name an entry the map no longer has (or put the two
/// entries on the wrong sides), which are skipped, never errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub decisions: Vec<Decision>,
    pub skipped: usize,
}

/// Maps `decisions` to node indices of `pair` in `map`. `keys` are the
/// review keys of every node ([`review::all_keys`]), passed in because the
/// explorer already has them.
pub fn resolve(
    map: &Map,
    pair: Pair,
    keys: &[Vec<ReviewKey>],
    decisions: &[LinkDecision],
) -> Resolved {
    let index = |dataset: usize| -> HashMap<&ReviewKey, usize> {
        keys.get(dataset)
            .map(|k| k.iter().enumerate().map(|(i, k)| (k, i)).collect())
            .unwrap_or_default()
    };
    let (catalogo, ptpc) = (index(pair.catalogo), index(pair.ptpc));
    let sizes =
        [pair.catalogo, pair.ptpc].map(|d| map.datasets.get(d).map_or(0, |d| d.nodes.len()));
    let mut out = Resolved::default();
    for d in decisions {
        match (catalogo.get(&d.catalogo), ptpc.get(&d.ptpc)) {
            (Some(&c), Some(&p)) if c < sizes[0] && p < sizes[1] => out.decisions.push(Decision {
                catalogo: c,
                ptpc: p,
                verdict: verdict(d.verdict),
            }),
            _ => out.skipped += 1,
        }
    }
    out
}

/// The concordance's verdict for the store's.
pub fn verdict(v: review::Verdict) -> Verdict {
    match v {
        review::Verdict::Confermato => Verdict::Confirm,
        review::Verdict::Respinto => Verdict::Reject,
        review::Verdict::Aggiunto => Verdict::Add,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concord::{Concordance, LinkStatus};

    fn decision(c: ReviewKey, p: ReviewKey, verdict: review::Verdict) -> LinkDecision {
        LinkDecision {
            id: crate::model::DecisionId::new(1).unwrap(),
            catalogo: c,
            catalogo_title: String::new(),
            ptpc: p,
            ptpc_title: String::new(),
            verdict,
            updated_at: jiff::Timestamp::UNIX_EPOCH,
            updated_by: String::new(),
        }
    }

    #[test]
    fn keys_find_their_nodes_and_unknown_ones_are_counted() {
        let map = crate::import::builtin();
        let mut concordance = Concordance::compute(&map);
        let pair = concordance.pair().unwrap();
        let keys = review::all_keys(&map);
        let c = map.datasets[pair.catalogo]
            .nodes
            .iter()
            .position(|n| n.code.as_deref() == Some("D2.2.2.1"))
            .unwrap();
        let best = concordance.best(pair.catalogo, c).unwrap().node;
        let gone = ReviewKey {
            dataset: "catalogo".into(),
            key: "Z9.9".into(),
            variant: 1,
        };
        let decisions = [
            decision(
                keys[pair.catalogo][c].clone(),
                keys[pair.ptpc][best].clone(),
                review::Verdict::Respinto,
            ),
            decision(
                gone,
                keys[pair.ptpc][best].clone(),
                review::Verdict::Confermato,
            ),
            // Sides swapped: not a pair of this concordance.
            decision(
                keys[pair.ptpc][best].clone(),
                keys[pair.catalogo][c].clone(),
                review::Verdict::Confermato,
            ),
        ];
        let resolved = resolve(&map, pair, &keys, &decisions);
        assert_eq!(resolved.skipped, 2);
        assert_eq!(
            resolved.decisions,
            [Decision {
                catalogo: c,
                ptpc: best,
                verdict: Verdict::Reject
            }]
        );
        concordance.apply(&resolved.decisions);
        assert_ne!(
            concordance.best(pair.catalogo, c).map(|l| l.node),
            Some(best)
        );
        let last = concordance.links(pair.catalogo, c).last().unwrap();
        assert_eq!((last.node, last.status), (best, LinkStatus::Respinto));
    }
}

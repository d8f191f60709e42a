//! Links of a catalogue process or sub-process from its sub-entries' links.
//!
//! A header's own text is a title ("Monitoraggio e sistema dei controlli")
//! that seldom reads like an annex title, while its activities are linked
//! one by one. Where they point says what the header is: each linked
//! child's best link is a vote for the annex entry it leads to, and for
//! that entry lifted in the annex to the level of the header (an action
//! to its sub-process, a sub-process to its process; where the annex has
//! no sub-process, the process). An entry no child points to itself must
//! also share some words with the header (a text score of at least
//! [`Tuning::floor`]): the annex files some actions under another header
//! than their own. The entry with the most votes wins (among equals, the
//! one whose text reads most like the header's), and its score is the
//! mean of its voters' scores times the square root of the share of
//! linked children voting for it: all children agreeing keep their mean,
//! one child of four gives half of its score, and never less than
//! [`Tuning::threshold`]: a header with linked children always gets its
//! link, the score saying how sure it is (a weak one gives no office,
//! [`Tuning::offices`]). Children are done
//! before their parents, so a process counts its sub-processes' links,
//! their own or from below.

use super::similarity::Rows;
use super::tree::Tree;
use super::tuning::Tuning;
use super::{Basis, Scored};
use crate::model::{Dataset, Kind};
use rustc_hash::FxHashMap;

/// How deep a kind sits, to compare the two maps' levels.
fn depth(kind: Kind) -> u8 {
    match kind {
        Kind::Funzione => 0,
        Kind::MacroProcesso => 1,
        Kind::Processo => 2,
        Kind::SottoProcesso => 3,
        Kind::Attivita | Kind::Azione => 4,
    }
}

/// Whether an entry of this kind gets links from below.
fn gathers(kind: Kind) -> bool {
    matches!(kind, Kind::Processo | Kind::SottoProcesso)
}

/// The votes of a header's children for one annex entry.
#[derive(Default)]
struct Vote {
    /// Their best links' scores, summed.
    sum: f32,
    count: usize,
    /// Whether a child's link leads to the entry itself (not below it).
    pointed: bool,
}

/// Adds the links from below to `scored` (kept sorted by pair): a pair
/// already scored from the texts takes the better of the two scores and
/// says both ([`Basis::Entrambi`]).
pub fn add(
    scored: &mut Vec<Scored>,
    rows: &Rows,
    datasets: [&Dataset; 2],
    trees: [&Tree; 2],
    tuning: &Tuning,
) {
    let [catalogo, ptpc] = datasets;
    let [ctree, ptree] = trees;
    // Each catalogue node's best link so far.
    let mut best: Vec<Option<(u32, f32)>> = vec![None; catalogo.nodes.len()];
    for s in scored.iter().filter(|s| s.linked) {
        let b = &mut best[s.catalogo as usize];
        if b.is_none_or(|(_, score)| s.score > score) {
            *b = Some((s.ptpc, s.score));
        }
    }
    let mut found: Vec<Scored> = Vec::new();
    // Children before parents.
    for &node in ctree.top_down.iter().rev() {
        let node = node as usize;
        let kind = catalogo.nodes[node].kind;
        if !gathers(kind) || ctree.children[node].is_empty() {
            continue;
        }
        // Each linked child votes for the annex entry its best link leads
        // to and for the entry above that at the header's level.
        let mut votes: FxHashMap<u32, Vote> = FxHashMap::default();
        let mut linked = 0usize;
        for &child in &ctree.children[node] {
            let Some((target, score)) = best[child as usize] else {
                continue;
            };
            linked += 1;
            let lifted = lift(ptpc, ptree, target as usize, depth(kind)) as u32;
            let v = votes.entry(target).or_default();
            (v.sum, v.count, v.pointed) = (v.sum + score, v.count + 1, true);
            if lifted != target {
                let v = votes.entry(lifted).or_default();
                (v.sum, v.count) = (v.sum + score, v.count + 1);
            }
        }
        if linked == 0 {
            continue;
        }
        let text = |p: u32| {
            let row = &rows[node];
            row.binary_search_by_key(&p, |&(q, _)| q)
                .map_or(0.0, |i| row[i].1)
        };
        let winner = votes
            .iter()
            // An entry no child points to itself must read somewhat like
            // the header: the annex files some actions under another
            // header than their own.
            .filter(|(&p, v)| v.pointed || text(p) >= tuning.floor())
            .map(|(&p, v)| {
                let share = v.count as f32 / linked as f32;
                (p, v.count, text(p), v.sum / v.count as f32 * share.sqrt())
            })
            // Most votes; among equals, the one whose text reads most like
            // the header's; then the best score.
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(a.2.total_cmp(&b.2))
                    .then(a.3.total_cmp(&b.3))
                    .then(b.0.cmp(&a.0))
            });
        if let Some((p, _, _, score)) = winner {
            // Every voter's link reached the threshold; children that
            // disagree make the header's link the weakest a link can be,
            // never none.
            let score = score.max(tuning.threshold);
            found.push(Scored {
                catalogo: node as u32,
                ptpc: p,
                score,
                linked: true,
                basis: Basis::SottoVoci,
            });
            let b = &mut best[node];
            if b.is_none_or(|(_, s)| score > s) {
                *b = Some((p, score));
            }
        }
    }
    for f in found {
        match scored.binary_search_by_key(&(f.catalogo, f.ptpc), |s| (s.catalogo, s.ptpc)) {
            Ok(i) => {
                let s = &mut scored[i];
                s.basis = Basis::Entrambi;
                s.score = s.score.max(f.score);
                s.linked |= f.linked;
            }
            Err(i) => scored.insert(i, f),
        }
    }
}

/// The annex entry `node` or its nearest ancestor no deeper than `depth`.
fn lift(ptpc: &Dataset, tree: &Tree, node: usize, wanted: u8) -> usize {
    let mut cur = node;
    let mut steps = 0;
    while depth(ptpc.nodes[cur].kind) > wanted && steps < 16 {
        match tree.parent[cur] {
            Some(p) => cur = p as usize,
            None => break,
        }
        steps += 1;
    }
    cur
}

//! One new entry for one old: unchanged entries by key, the rest by what
//! they say (steps 2 and 3 of the module doc).

use super::fields::same_content;
use super::keys::Shape;
use super::{MOVED_SCORE, SAME_KEY_SCORE};
use crate::concord::compare::{Comparison, Likeness};
use crate::model::Dataset;

/// Pairs scoring less than this are not kept at all: too little in
/// common to be the same entry or a part of one.
const FLOOR: f32 = 0.1;
/// How far a shared key moves a pair up the queue.
const KEY_BONUS: f32 = 0.3;
/// How far shared ancestors' titles (a cosine) move a pair up the queue:
/// between entries that read alike, the one in the same place.
const CONTEXT_BONUS: f32 = 0.05;
/// How far the same kind of entry moves a pair up the queue.
const KIND_BONUS: f32 = 0.02;
/// How far a pair in the same place (the new parent is where the old
/// parent went) moves up the queue: between entries that read the same,
/// the one among the same neighbours.
const PLACE_BONUS: f32 = 0.05;
/// At most this many passes over the queue (see [`run`]); each lets the
/// pairs of one more level of parents settle their children's.
const MAX_PASSES: usize = 5;

/// A pair of entries that share a word, as scored.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub old: usize,
    pub new: usize,
    pub score: f32,
    /// The score raised for shared ancestors' titles and the same kind of
    /// entry: the pair's place in the queue before key and place.
    base: f32,
    /// Where the pair stands in the queue in this pass.
    priority: f32,
    same_key: bool,
    /// The same key, and no sign that the key now means another place
    /// (the old parent went elsewhere than the new parent): the key
    /// counts as evidence.
    keyed: bool,
}

/// The one-to-one pairs and what was read to make them.
pub(super) struct Matched {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
    /// The score of each old entry's pair (1 for an unchanged entry).
    pub score: Vec<f32>,
    /// The pairs read by content, scoring at least [`FLOOR`]; empty when
    /// every entry was paired unchanged by key.
    pub candidates: Vec<Candidate>,
    /// The two versions' vectors, when any pair was read by content.
    pub comparison: Option<Comparison>,
}

impl Matched {
    fn pair(&mut self, old: usize, new: usize, score: f32) {
        self.old_to_new[old] = Some(new);
        self.new_to_old[new] = Some(old);
        self.score[old] = score;
    }

    /// Whether new entry `new` stands where old entry `old` stood: their
    /// parents are a pair (or both are roots).
    pub fn same_place(&self, shapes: &[Shape; 2], old: usize, new: usize) -> bool {
        match (shapes[0].parent[old], shapes[1].parent[new]) {
            (None, None) => true,
            (Some(po), Some(pn)) => self.old_to_new[po] == Some(pn),
            _ => false,
        }
    }

    /// Whether the parents of `old` and `new` are known to be apart: one
    /// is paired with an entry that is not the other.
    fn parents_apart(&self, shapes: &[Shape; 2], old: usize, new: usize) -> bool {
        match (shapes[0].parent[old], shapes[1].parent[new]) {
            (Some(po), Some(pn)) => {
                self.old_to_new[po].is_some_and(|n| n != pn)
                    || self.new_to_old[pn].is_some_and(|o| o != po)
            }
            _ => false,
        }
    }
}

/// The score of a pair from its likeness (see the module doc).
pub(super) fn score(l: &Likeness) -> f32 {
    let duty = l.duty.unwrap_or(1.0);
    (0.5 * l.head + 0.4 * l.full + 0.1 * duty).clamp(0.0, 1.0)
}

/// Pairs the entries of `old` and `new`.
///
/// Unchanged entries first, parents before children: the same key and
/// fields, under parents paired so (or both at the top). The rest from a
/// queue of every pair that shares a word, best first. The queue is taken
/// more than once: each pass knows where the last one put every parent,
/// so that a key whose parent went elsewhere stops counting (a code that
/// now names another process's part) and, of entries that read the same
/// (a title repeated in several places), each goes among the same
/// neighbours. The passes stop when the pairs no longer change.
pub(super) fn run(old: &Dataset, new: &Dataset, shapes: &[Shape; 2]) -> Matched {
    let mut m = Matched {
        old_to_new: vec![None; old.nodes.len()],
        new_to_old: vec![None; new.nodes.len()],
        score: vec![0.0; old.nodes.len()],
        candidates: Vec::new(),
        comparison: None,
    };
    for &o in &shapes[0].top_down {
        let node = &old.nodes[o];
        let unchanged = shapes[0]
            .same_key(o, &shapes[1])
            .iter()
            .copied()
            .find(|&n| {
                m.new_to_old[n].is_none()
                    && m.same_place(shapes, o, n)
                    && same_content(node, &new.nodes[n])
            });
        if let Some(n) = unchanged {
            m.pair(o, n, 1.0);
        }
    }
    let left: Vec<usize> = (0..old.nodes.len())
        .filter(|&o| m.old_to_new[o].is_none())
        .collect();
    if left.is_empty() || m.new_to_old.iter().all(Option::is_some) {
        return m;
    }
    let comparison = Comparison::of(old, new);
    let mut buf = comparison.near_buffers();
    let mut candidates = Vec::new();
    for &o in &left {
        comparison.near(o, &mut buf, |n, likeness| {
            if m.new_to_old[n].is_some() {
                return;
            }
            let score = score(&likeness);
            if score < FLOOR {
                return;
            }
            let same_kind = old.nodes[o].kind == new.nodes[n].kind;
            let base =
                score + CONTEXT_BONUS * likeness.context + if same_kind { KIND_BONUS } else { 0.0 };
            candidates.push(Candidate {
                old: o,
                new: n,
                score,
                base,
                priority: base,
                same_key: shapes[0].key[o] == shapes[1].key[n],
                keyed: false,
            });
        });
    }
    let unchanged = (m.old_to_new.clone(), m.new_to_old.clone(), m.score.clone());
    for _ in 0..MAX_PASSES {
        // What the last pass (or the unchanged pairs) say of each parent.
        for c in &mut candidates {
            c.keyed = c.same_key && !m.parents_apart(shapes, c.old, c.new);
            let place = m.same_place(shapes, c.old, c.new);
            c.priority = c.base
                + if c.keyed { KEY_BONUS } else { 0.0 }
                + if place { PLACE_BONUS } else { 0.0 };
        }
        let before = std::mem::replace(&mut m.old_to_new, unchanged.0.clone());
        (m.new_to_old, m.score) = (unchanged.1.clone(), unchanged.2.clone());
        take_best(&mut m, &mut candidates);
        if m.old_to_new == before {
            break;
        }
    }
    m.candidates = candidates;
    m.comparison = Some(comparison);
    m
}

/// Pairs the candidates best first, each entry once (ties by node order,
/// so that nothing depends on how the candidates were found).
fn take_best(m: &mut Matched, candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(a.old.cmp(&b.old))
            .then(a.new.cmp(&b.new))
    });
    for c in candidates.iter() {
        let enough = if c.keyed { SAME_KEY_SCORE } else { MOVED_SCORE };
        if c.score >= enough && m.old_to_new[c.old].is_none() && m.new_to_old[c.new].is_none() {
            m.pair(c.old, c.new, c.score);
        }
    }
}

//! The order of results: the most query words first (partial matches),
//! then the score; and the entry that answers "who" before the headers
//! above it.
//!
//! An entry that names a responsible (a role, or structures) is worth a
//! little more than a header matching as well. A header above a
//! responsible entry found by as many words goes just below it: always
//! when the header's only child (or chain of only children) leads there —
//! the header then carries nothing of its own —, and otherwise when the
//! entry scores nearly as well. The header still shows, right after, and
//! the explorer draws it above its entries anyway; a macro-process, its
//! process and its sub-process no longer fill the top three with the
//! answer fourth.

use super::Field;
use rustc_hash::FxHashMap as HashMap;

/// How much more an entry that says who is responsible is worth.
pub const ANSWER_FACTOR: f32 = 1.1;

/// A responsible entry scoring at least this share of a header above it
/// (with as many words) ranks before that header.
const NEARLY_AS_WELL: f32 = 0.6;

/// Deepest chain of ancestors followed (a map with a parent cycle must
/// not loop).
const MAX_DEPTH: usize = 16;

/// One scored entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub node: u32,
    pub score: f32,
    pub matched: usize,
    pub field: Field,
}

/// The tree, by global node index: each node's parent, and its child when
/// it has exactly one.
#[derive(Debug, Default)]
pub struct Tree {
    pub parent: Vec<Option<u32>>,
    pub only_child: Vec<Option<u32>>,
}

/// Sorts `scored` best first, answers before the headers above them.
pub fn order(scored: &mut [Scored], tree: &Tree, answers: &[bool]) {
    // Position of each node among the hits (a dense table: lookups are
    // the inner loop for maps of 100,000 entries).
    const NOT_A_HIT: u32 = u32::MAX;
    let mut at = vec![NOT_A_HIT; tree.parent.len()];
    for (i, s) in scored.iter().enumerate() {
        at[s.node as usize] = i as u32;
    }
    // For each header hit, the score just below its best answer below.
    let mut caps: HashMap<usize, f32> = HashMap::default();
    for answer in scored.iter().filter(|s| answers[s.node as usize]) {
        let mut child = answer.node;
        let mut only_children = true;
        for steps in 1..=MAX_DEPTH {
            let Some(parent) = tree.parent[child as usize] else {
                break;
            };
            if parent == answer.node {
                break; // a cycle
            }
            only_children &= tree.only_child[parent as usize] == Some(child);
            let h = at[parent as usize];
            if h != NOT_A_HIT {
                let h = h as usize;
                let header = &scored[h];
                let qualifies = !answers[parent as usize]
                    && header.matched == answer.matched
                    && (only_children || answer.score >= NEARLY_AS_WELL * header.score);
                if qualifies {
                    let cap = answer.score * 0.999f32.powi(steps as i32);
                    let best = caps.entry(h).or_insert(cap);
                    *best = best.max(cap);
                }
            }
            child = parent;
        }
    }
    for (h, cap) in caps {
        scored[h].score = scored[h].score.min(cap);
    }
    // Most words, then best score, then map order: one integer key (scores
    // are never negative, so their bits sort as the numbers do).
    scored.sort_unstable_by_key(|s| {
        let key = (s.matched as u64) << 32 | u64::from(s.score.max(0.0).to_bits());
        (std::cmp::Reverse(key), s.node)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(node: u32, score: f32) -> Scored {
        Scored {
            node,
            score,
            matched: 2,
            field: Field::Title,
        }
    }

    fn nodes(scored: &[Scored]) -> Vec<u32> {
        scored.iter().map(|s| s.node).collect()
    }

    #[test]
    fn a_chain_of_only_children_puts_the_answer_first() {
        // 0 → 1 → 2 (answer), 3 an unrelated header.
        let tree = Tree {
            parent: vec![None, Some(0), Some(1), None],
            only_child: vec![Some(1), Some(2), None, None],
        };
        let answers = [false, false, true, false];
        let mut scored = vec![hit(0, 30.0), hit(1, 29.0), hit(2, 10.0), hit(3, 25.0)];
        order(&mut scored, &tree, &answers);
        assert_eq!(nodes(&scored), [3, 2, 1, 0]);
    }

    #[test]
    fn a_header_with_several_children_yields_to_one_nearly_as_good() {
        // 0 has children 1 and 2 (answers), 3 has child 4 (an answer).
        let tree = Tree {
            parent: vec![None, Some(0), Some(0), None, Some(3)],
            only_child: vec![None, None, None, Some(4), None],
        };
        let answers = [false, true, true, false, true];
        let mut scored = vec![
            hit(0, 30.0),
            hit(1, 20.0),
            hit(2, 4.0),
            hit(3, 31.0),
            hit(4, 5.0),
        ];
        order(&mut scored, &tree, &answers);
        // 1 is nearly as good as 0; 4 is 3's only child.
        assert_eq!(nodes(&scored), [1, 0, 4, 3, 2]);
    }

    #[test]
    fn more_words_matched_rank_first_and_cycles_end() {
        let tree = Tree {
            parent: vec![Some(1), Some(0)],
            only_child: vec![Some(1), Some(0)],
        };
        let mut scored = vec![
            hit(0, 50.0),
            Scored {
                matched: 3,
                ..hit(1, 1.0)
            },
        ];
        order(&mut scored, &tree, &[true, false]);
        assert_eq!(nodes(&scored), [1, 0]);
    }
}

//! The order of results: the most query words first (partial matches),
//! then the score; and the entry that answers "who" before the headers
//! above it.
//!
//! An entry that names a responsible (a role, or structures) is worth a
//! little more than a header matching as well. A header whose only child
//! (or chain of only children) leads to a responsible entry found by the
//! same words carries nothing of its own: it goes just below that entry,
//! so a macro-process, its process and its one activity do not fill the
//! top three with the answer last.

use super::Field;
use rustc_hash::FxHashMap as HashMap;

/// How much more an entry that says who is responsible is worth.
pub const ANSWER_FACTOR: f32 = 1.1;

/// Deepest chain of only children followed (a map with a parent cycle must
/// not loop).
const MAX_CHAIN: usize = 16;

/// One scored entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub node: u32,
    pub score: f32,
    pub matched: usize,
    pub field: Field,
}

/// Per global node, its child when it has exactly one.
#[derive(Debug, Default)]
pub struct OnlyChildren(pub Vec<Option<u32>>);

/// Sorts `scored` best first, answers before the headers that only hold them.
pub fn order(scored: &mut Vec<Scored>, only_child: &OnlyChildren, answers: &[bool]) {
    let at: HashMap<u32, usize> = scored
        .iter()
        .enumerate()
        .map(|(i, s)| (s.node, i))
        .collect();
    let lowered: Vec<(usize, f32)> = scored
        .iter()
        .enumerate()
        .filter(|(_, h)| !answers[h.node as usize])
        .filter_map(|(i, header)| {
            let mut cur = only_child.0[header.node as usize];
            let mut steps = 0;
            while let Some(child) = cur {
                steps += 1;
                if steps > MAX_CHAIN || child == header.node {
                    return None;
                }
                if let Some(&j) = at.get(&child) {
                    let below = &scored[j];
                    if answers[child as usize] && below.matched == header.matched {
                        let cap = below.score * 0.999f32.powi(steps as i32);
                        return (cap < header.score).then_some((i, cap));
                    }
                }
                cur = only_child.0[child as usize];
            }
            None
        })
        .collect();
    for (i, score) in lowered {
        scored[i].score = score;
    }
    scored.sort_unstable_by(|a, b| {
        b.matched
            .cmp(&a.matched)
            .then(b.score.total_cmp(&a.score))
            .then(a.node.cmp(&b.node))
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

    #[test]
    fn a_chain_of_only_children_puts_the_answer_first() {
        // 0 → 1 → 2 (answer), 3 unrelated header.
        let only = OnlyChildren(vec![Some(1), Some(2), None, None]);
        let answers = [false, false, true, false];
        let mut scored = vec![hit(0, 30.0), hit(1, 29.0), hit(2, 20.0), hit(3, 25.0)];
        order(&mut scored, &only, &answers);
        let nodes: Vec<u32> = scored.iter().map(|s| s.node).collect();
        assert_eq!(nodes, [3, 2, 1, 0]);
    }

    #[test]
    fn more_words_matched_rank_first_and_cycles_end() {
        let only = OnlyChildren(vec![Some(0), None]);
        let mut scored = vec![
            hit(0, 50.0),
            Scored {
                matched: 3,
                ..hit(1, 1.0)
            },
        ];
        order(&mut scored, &only, &[false, false]);
        assert_eq!(scored[0].node, 1);
    }
}

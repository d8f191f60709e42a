//! The changes from the pairs and the groups: each pair's kind and fields
//! (step 5 of the module doc), what is left over, the reasons, the order.

use super::fields::edited;
use super::keys::Shape;
use super::matching::Matched;
use super::parts::Group;
use super::{Change, ChangeKind, Field, MapDiff, Reason};
use crate::model::Dataset;

/// Where each entry went: the change it is in, by version.
struct Placed {
    old: Vec<Option<usize>>,
    new: Vec<Option<usize>>,
}

impl Placed {
    /// Adds `c` to `changes`, noting where its entries went.
    fn push(&mut self, changes: &mut Vec<Change>, c: Change) {
        for &o in &c.old {
            self.old[o] = Some(changes.len());
        }
        for &n in &c.new {
            self.new[n] = Some(changes.len());
        }
        changes.push(c);
    }
}

pub(super) fn changes(
    old: &Dataset,
    new: &Dataset,
    shapes: &[Shape; 2],
    m: &Matched,
    groups: Vec<Group>,
) -> MapDiff {
    let mut changes: Vec<Change> = Vec::with_capacity(new.nodes.len().max(old.nodes.len()));
    let mut placed = Placed {
        old: vec![None; old.nodes.len()],
        new: vec![None; new.nodes.len()],
    };
    for g in groups {
        let c = Change {
            kind: g.kind,
            old: g.old,
            new: g.new,
            fields: Vec::new(),
            score: g.score,
            reason: None,
        };
        placed.push(&mut changes, c);
    }
    // The pairs, their kinds settled once every entry's change is known
    // (a parent's place decides a child's).
    let first_pair = changes.len();
    for (o, n) in m.old_to_new.iter().enumerate() {
        if let Some(n) = *n {
            if placed.old[o].is_none() && placed.new[n].is_none() {
                let c = Change {
                    kind: ChangeKind::Same,
                    old: vec![o],
                    new: vec![n],
                    fields: edited(&old.nodes[o], &new.nodes[n]),
                    score: m.score[o],
                    reason: None,
                };
                placed.push(&mut changes, c);
            }
        }
    }
    for o in 0..old.nodes.len() {
        if placed.old[o].is_none() {
            placed.push(
                &mut changes,
                left_over(ChangeKind::Removed, vec![o], vec![]),
            );
        }
    }
    for n in 0..new.nodes.len() {
        if placed.new[n].is_none() {
            placed.push(&mut changes, left_over(ChangeKind::Added, vec![], vec![n]));
        }
    }
    let last_pair = changes.len();
    for i in first_pair..last_pair {
        let (kind, moved, reason) = settle(old, new, shapes, &placed, &changes, i);
        let c = &mut changes[i];
        c.kind = kind;
        c.reason = reason;
        c.fields.extend(moved);
        if kind == ChangeKind::Same {
            c.score = 1.0;
        }
    }
    order(&mut changes, old.nodes.len());
    MapDiff { changes }
}

fn left_over(kind: ChangeKind, old: Vec<usize>, new: Vec<usize>) -> Change {
    Change {
        kind,
        old,
        new,
        fields: Vec::new(),
        score: 0.0,
        reason: None,
    }
}

/// The kind of change `i` (a pair or an entry left over), which of the
/// code and the parent changed, and why it is not what its code suggests.
fn settle(
    old: &Dataset,
    new: &Dataset,
    shapes: &[Shape; 2],
    placed: &Placed,
    changes: &[Change],
    i: usize,
) -> (ChangeKind, Vec<Field>, Option<Reason>) {
    let c = &changes[i];
    let (o, n) = match (c.old.as_slice(), c.new.as_slice()) {
        ([o], [n]) => (*o, *n),
        ([o], []) => {
            let reason = code_now_names(shapes, placed, changes, *o);
            return (ChangeKind::Removed, Vec::new(), reason);
        }
        ([], [n]) => {
            let reason = code_named_before(shapes, placed, changes, *n);
            return (ChangeKind::Added, Vec::new(), reason);
        }
        _ => return (c.kind, Vec::new(), c.reason),
    };
    let mut moved = Vec::new();
    let recoded = old.nodes[o].code != new.nodes[n].code;
    if recoded {
        moved.push(Field::Code);
    }
    // The same parent: the new parent is where the old parent went.
    let same_parent = match (shapes[0].parent[o], shapes[1].parent[n]) {
        (None, None) => true,
        (Some(po), Some(pn)) => placed.old[po].is_some() && placed.old[po] == placed.new[pn],
        _ => false,
    };
    if !same_parent {
        moved.push(Field::Parent);
    }
    let kind = if !moved.is_empty() {
        ChangeKind::Moved
    } else if c.fields.contains(&Field::Title) {
        ChangeKind::Renamed
    } else if !c.fields.is_empty() {
        ChangeKind::Changed
    } else {
        ChangeKind::Same
    };
    let reason = if recoded {
        code_now_names(shapes, placed, changes, o)
            .or_else(|| code_named_before(shapes, placed, changes, n))
    } else {
        None
    };
    (kind, moved, reason)
}

/// The first new entry with old entry `o`'s code that is another process:
/// none of the old entries it came from had that code.
fn code_now_names(
    shapes: &[Shape; 2],
    placed: &Placed,
    changes: &[Change],
    o: usize,
) -> Option<Reason> {
    if !shapes[0].coded[o] {
        return None;
    }
    let key = &shapes[0].key[o];
    shapes[0]
        .same_key(o, &shapes[1])
        .iter()
        .copied()
        .find(|&n| {
            let from = placed.new[n].map_or(&[][..], |c| &changes[c].old[..]);
            !from.iter().any(|&p| shapes[0].key[p] == *key)
        })
        .map(|new| Reason::CodeNowNames { new })
}

/// The first old entry with new entry `n`'s code that was another process:
/// none of the new entries it went to has that code.
fn code_named_before(
    shapes: &[Shape; 2],
    placed: &Placed,
    changes: &[Change],
    n: usize,
) -> Option<Reason> {
    if !shapes[1].coded[n] {
        return None;
    }
    let key = &shapes[1].key[n];
    shapes[1]
        .same_key(n, &shapes[0])
        .iter()
        .copied()
        .find(|&o| {
            let to = placed.old[o].map_or(&[][..], |c| &changes[c].new[..]);
            !to.iter().any(|&p| shapes[1].key[p] == *key)
        })
        .map(|old| Reason::CodeNamedBefore { old })
}

/// In the new version's node order; an entry that went stands after the
/// change of the old entry before it, as it stood in the old version.
fn order(changes: &mut [Change], old_len: usize) {
    // The new place of each old entry's change, for the entries after it.
    let mut anchor = vec![None; old_len];
    for c in changes.iter() {
        if let Some(&n) = c.new.first() {
            for &o in &c.old {
                anchor[o] = Some(n);
            }
        }
    }
    let mut last = None;
    for a in anchor.iter_mut() {
        match a {
            Some(n) => last = Some(*n),
            None => *a = last,
        }
    }
    changes.sort_by_key(|c| match c.new.first() {
        Some(&n) => (Some(n), 0, c.old.first().copied().unwrap_or(0)),
        None => {
            let o = c.old.first().copied().unwrap_or(0);
            (anchor.get(o).copied().flatten(), 1, o)
        }
    });
}

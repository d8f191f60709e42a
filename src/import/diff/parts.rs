//! Splits and merges: entries left over from the one-to-one pairs that lie
//! within an entry of the other version that changed or went (step 4 of
//! the module doc).

use super::fields::same_content;
use super::keys::Shape;
use super::matching::Matched;
use super::{ChangeKind, PART_SHARE};
use crate::concord::compare::{Comparison, Version};
use crate::model::Dataset;

/// What the parts beyond the first must add to how much of the whole they
/// hold: a new entry beside an edited one that says nothing the edited one
/// lost is an addition, not a part.
const PARTS_ADD: f32 = 0.1;

/// A split or a merge.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group {
    pub kind: ChangeKind,
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// How much of the whole the parts hold together.
    pub score: f32,
}

pub(super) fn find(old: &Dataset, new: &Dataset, shapes: &[Shape; 2], m: &Matched) -> Vec<Group> {
    let Some(cmp) = &m.comparison else {
        return Vec::new();
    };
    // Each entry's candidates, by index into `m.candidates`.
    let mut of_old = vec![Vec::new(); old.nodes.len()];
    let mut of_new = vec![Vec::new(); new.nodes.len()];
    for (i, c) in m.candidates.iter().enumerate() {
        of_old[c.old].push(i);
        of_new[c.new].push(i);
    }
    let mut groups = Vec::new();
    let mut in_group = [vec![false; old.nodes.len()], vec![false; new.nodes.len()]];
    // A whole must have changed: one whose pair says all it said is not
    // split by a new entry beside it.
    let changed_old =
        |o: usize| m.old_to_new[o].is_none_or(|n| !same_content(&old.nodes[o], &new.nodes[n]));
    let changed_new =
        |n: usize| m.new_to_old[n].is_none_or(|o| !same_content(&old.nodes[o], &new.nodes[n]));

    // Splits: each new entry left over, to the old entry it lies within.
    let mut parts_of: Vec<(usize, Vec<usize>)> = Vec::new();
    for n in (0..new.nodes.len()).filter(|&n| m.new_to_old[n].is_none()) {
        let whole = best_whole(
            cmp,
            Version::New,
            n,
            of_new[n]
                .iter()
                .map(|&i| &m.candidates[i])
                .filter(|c| changed_old(c.old))
                .map(|c| (c.old, m.same_place(shapes, c.old, n), c.score)),
        );
        if let Some(o) = whole {
            match parts_of.iter_mut().find(|(w, _)| *w == o) {
                Some((_, parts)) => parts.push(n),
                None => parts_of.push((o, vec![n])),
            }
        }
    }
    parts_of.sort_by_key(|(o, _)| *o);
    for (o, mut parts) in parts_of {
        let first = m.old_to_new[o];
        if let Some(n) = first {
            parts.insert(0, n);
        }
        if let Some(score) = holds(cmp, Version::Old, o, &parts, first.is_some()) {
            parts.sort_unstable();
            in_group[0][o] = true;
            for &n in &parts {
                in_group[1][n] = true;
            }
            groups.push(Group {
                kind: ChangeKind::Split,
                old: vec![o],
                new: parts,
                score,
            });
        }
    }

    // Merges: each old entry left over, to the new entry it lies within.
    let mut parts_of: Vec<(usize, Vec<usize>)> = Vec::new();
    for o in (0..old.nodes.len()).filter(|&o| m.old_to_new[o].is_none() && !in_group[0][o]) {
        let whole = best_whole(
            cmp,
            Version::Old,
            o,
            of_old[o]
                .iter()
                .map(|&i| &m.candidates[i])
                .filter(|c| !in_group[1][c.new] && changed_new(c.new))
                .map(|c| (c.new, m.same_place(shapes, o, c.new), c.score)),
        );
        if let Some(n) = whole {
            match parts_of.iter_mut().find(|(w, _)| *w == n) {
                Some((_, parts)) => parts.push(o),
                None => parts_of.push((n, vec![o])),
            }
        }
    }
    parts_of.sort_by_key(|(n, _)| *n);
    for (n, mut parts) in parts_of {
        let first = m.new_to_old[n].filter(|&o| !in_group[0][o]);
        if let Some(o) = first {
            parts.insert(0, o);
        }
        if let Some(score) = holds(cmp, Version::New, n, &parts, first.is_some()) {
            parts.sort_unstable();
            groups.push(Group {
                kind: ChangeKind::Merged,
                old: parts,
                new: vec![n],
                score,
            });
        }
    }
    groups
}

/// Of the `candidates` (entries of the other version, with whether they
/// stand where `entry` does and their pair's score), the one `entry` lies
/// within: at least [`PART_SHARE`] of its title and of its whole text
/// there; one in the same place first (a split or merge keeps its
/// parts among their neighbours), then the one holding most of its text.
fn best_whole(
    cmp: &Comparison,
    version: Version,
    entry: usize,
    candidates: impl Iterator<Item = (usize, bool, f32)>,
) -> Option<usize> {
    let mut best: Option<(usize, bool, f32, f32)> = None;
    for (whole, place, score) in candidates {
        let head = cmp.covered(version, entry, &[whole], true);
        let full = cmp.covered(version, entry, &[whole], false);
        if head < PART_SHARE || full < PART_SHARE {
            continue;
        }
        let better = best.is_none_or(|(w, p, f, s)| {
            place
                .cmp(&p)
                .then(full.total_cmp(&f))
                .then(score.total_cmp(&s))
                .then(w.cmp(&whole))
                .is_gt()
        });
        if better {
            best = Some((whole, place, full, score));
        }
    }
    best.map(|(w, ..)| w)
}

/// How much of `whole` (of `version`) its `parts` hold together, when they
/// are a split or merge of it: two parts or more, holding [`PART_SHARE`]
/// of it; when the first part is the whole's own pair (`first_paired`),
/// the others adding [`PARTS_ADD`] to what it holds alone.
fn holds(
    cmp: &Comparison,
    version: Version,
    whole: usize,
    parts: &[usize],
    first_paired: bool,
) -> Option<f32> {
    if parts.len() < 2 {
        return None;
    }
    let together = cmp.covered(version, whole, parts, false);
    if together < PART_SHARE {
        return None;
    }
    if first_paired && together - cmp.covered(version, whole, &parts[..1], false) < PARTS_ADD {
        return None;
    }
    Some(together)
}

//! Where the officer's records go when the map changes: the diff of the
//! map the open round was made on against the map loaded now
//! ([`crate::import::diff`]) says, for every old entry, where its process
//! is now; the records on the entries that moved, split, merged or went
//! are planned accordingly, and the store applies the plan
//! ([`crate::review::reattach`]). An entry that stayed under the same key
//! needs nothing; an entry that went, whose code now names another
//! process, has its records filed apart so that process does not inherit
//! them.

use crate::import::diff::{self, ChangeKind};
use crate::model::Map;
use crate::review::reattach::{Destination, Entry, Reattachment};
use crate::review::{all_keys, ReviewKey};
use std::collections::{BTreeSet, HashSet};

/// The plan for every old entry that is not where it was, by dataset
/// (datasets only one map has are left alone: their records are orphans
/// or untouched).
pub fn plan(old: &Map, new: &Map) -> Vec<Reattachment> {
    let old_keys = all_keys(old);
    let new_keys = all_keys(new);
    let mut out = Vec::new();
    for (d, old_ds) in old.datasets.iter().enumerate() {
        let Some(n) = new.datasets.iter().position(|ds| ds.id == old_ds.id) else {
            continue;
        };
        let new_ds = &new.datasets[n];
        let (ok, nk) = (&old_keys[d], &new_keys[n]);
        let live: HashSet<&ReviewKey> = nk.iter().collect();
        let entry = |i: usize| Entry {
            key: nk[i].clone(),
            title: new_ds.nodes[i].title.to_string(),
        };
        for change in diff::diff(old_ds, new_ds).changes {
            for &o in &change.old {
                let from = Entry {
                    key: ok[o].clone(),
                    title: old_ds.nodes[o].title.to_string(),
                };
                let to = match change.kind {
                    ChangeKind::Added => continue,
                    ChangeKind::Same
                    | ChangeKind::Changed
                    | ChangeKind::Renamed
                    | ChangeKind::Moved => {
                        let Some(&i) = change.new.first() else {
                            continue;
                        };
                        if nk[i] == from.key {
                            continue;
                        }
                        Destination::Move { to: entry(i) }
                    }
                    ChangeKind::Split => Destination::Split {
                        to: change.new.iter().map(|&i| entry(i)).collect(),
                    },
                    ChangeKind::Merged => {
                        let Some(&i) = change.new.first() else {
                            continue;
                        };
                        Destination::Merge { to: entry(i) }
                    }
                    ChangeKind::Removed if live.contains(&from.key) => Destination::Detach {
                        to: from.key.detached(&from.title),
                    },
                    ChangeKind::Removed => Destination::Orphan,
                };
                out.push(Reattachment {
                    from,
                    to,
                    kind: change.kind.as_str(),
                    score: change.score,
                });
            }
        }
    }
    out
}

/// The plan kept to the entries that have records (`with_records`, from
/// the store).
pub fn for_records(
    plan: Vec<Reattachment>,
    with_records: &BTreeSet<ReviewKey>,
) -> Vec<Reattachment> {
    plan.into_iter()
        .filter(|r| with_records.contains(&r.from.key))
        .collect()
}

/// Every old key a plan names, to ask the store which have records.
pub fn keys(plan: &[Reattachment]) -> Vec<ReviewKey> {
    plan.iter().map(|r| r.from.key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_against_itself_needs_nothing_and_a_renumbered_entry_moves() {
        let old = crate::import::builtin();
        assert!(plan(&old, &old).is_empty());
        let mut new = old.clone();
        let ds = new
            .datasets
            .iter_mut()
            .find(|d| d.id == "catalogo")
            .unwrap();
        // A2.3.1.1 renumbered A2.3.1.9 (same process).
        let n = ds
            .nodes
            .iter_mut()
            .find(|n| n.code.as_deref() == Some("A2.3.1.1"))
            .unwrap();
        n.code = Some("A2.3.1.9".into());
        n.raw_code = "A2.3.1.9".into();
        n.id = "catalogo:A2.3.1.9".into();
        let p = plan(&old, &new);
        let moved: Vec<_> = p.iter().filter(|r| r.from.key.key == "A2.3.1.1").collect();
        assert_eq!(moved.len(), 1, "{p:?}");
        match &moved[0].to {
            Destination::Move { to } => assert_eq!(to.key.key, "A2.3.1.9"),
            other => panic!("{other:?}"),
        }
    }
}

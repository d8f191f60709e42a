//! The keys under which reviews are stored are frozen: a re-import, a new
//! release or a change to search must never detach a note from its entry.
//! Every entry of both seeds as release 0.1 read them is pinned in
//! `tests/golden/review_keys.tsv`; every key there must still be the key of
//! an entry, unless it is listed below as retired on purpose (a review
//! filed under a retired key is kept and shown by `review orphans`).

use mappa::import::builtin;
use mappa::review::all_keys;
use std::collections::BTreeSet;

const GOLDEN: &str = "tests/golden/review_keys.tsv";

/// Keys no entry has any more, and why.
const RETIRED: &[(&str, &str)] = &[(
    "ptpc2019\tC2.5.2#sottoprocesso di sorveglianza e vigilanza in materia di metrologia legale ufficio comune con la cciaa di prato\t1",
    "the second half of a sub-process title cut by a page break, read as an action until the importer rejoined it (release 0.2)",
)];

fn keys_now() -> BTreeSet<String> {
    let map = builtin();
    all_keys(&map)
        .into_iter()
        .flatten()
        .map(|k| format!("{}\t{}\t{}", k.dataset, k.key, k.variant))
        .collect()
}

#[test]
fn every_pinned_review_key_still_names_an_entry() {
    let golden = std::fs::read_to_string(GOLDEN).unwrap();
    let pinned: BTreeSet<String> = golden
        .lines()
        .skip(1)
        .map(|l| l.split_once('\t').map_or(l, |(_, rest)| rest).to_string())
        .collect();
    assert!(pinned.len() > 600, "the golden file lists every seed entry");
    let now = keys_now();
    let mut retired: BTreeSet<String> = RETIRED.iter().map(|(k, _)| k.to_string()).collect();
    // Keys renamed on purpose: their records move to the new key, which
    // must name an entry.
    for (dataset, old, new) in mappa::review::RENAMED {
        let (old, new) = (
            format!("{dataset}\t{old}\t1"),
            format!("{dataset}\t{new}\t1"),
        );
        assert!(pinned.contains(&old), "renamed key {old} was never pinned");
        assert!(now.contains(&new), "renamed key {new} names no entry");
        retired.insert(old);
    }
    let lost: Vec<&String> = pinned
        .iter()
        .filter(|k| !now.contains(*k) && !retired.contains(*k))
        .collect();
    assert!(
        lost.is_empty(),
        "{} review keys no longer name an entry; notes filed under them would detach:\n{}",
        lost.len(),
        lost.iter()
            .take(20)
            .map(|k| format!("  {k}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (k, why) in RETIRED {
        assert!(
            pinned.contains(*k),
            "retired key {k} was never pinned ({why})"
        );
        assert!(!now.contains(*k), "retired key {k} is back");
    }
}

#[test]
fn keys_are_unique() {
    let map = builtin();
    let all: Vec<_> = all_keys(&map).into_iter().flatten().collect();
    let unique: BTreeSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len());
}

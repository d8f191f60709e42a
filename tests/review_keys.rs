//! The keys under which reviews are stored are frozen: a re-import, a new
//! release or a change to search must never detach a note from its entry.
//! Every entry of both seeds is pinned in `tests/golden/review_keys.tsv`
//! (regenerate only on purpose, with `MAPPA_BLESS=1 cargo test --test review_keys`).

use mappa::import::builtin;
use mappa::review::all_keys;

const GOLDEN: &str = "tests/golden/review_keys.tsv";

fn current() -> String {
    let map = builtin();
    let keys = all_keys(&map);
    let mut out = String::from("id\tdataset\tkey\tvariant\n");
    for (d, ds) in map.datasets.iter().enumerate() {
        for (i, node) in ds.nodes.iter().enumerate() {
            let k = &keys[d][i];
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                node.id, k.dataset, k.key, k.variant
            ));
        }
    }
    out
}

#[test]
fn review_keys_of_every_seed_entry_are_pinned() {
    let now = current();
    if std::env::var_os("MAPPA_BLESS").is_some() {
        std::fs::write(GOLDEN, &now).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).unwrap();
    let (g, n): (Vec<&str>, Vec<&str>) = (golden.lines().collect(), now.lines().collect());
    let changed: Vec<String> = g
        .iter()
        .zip(&n)
        .filter(|(a, b)| a != b)
        .take(10)
        .map(|(a, b)| format!("  was {a}\n  now {b}"))
        .collect();
    assert!(
        changed.is_empty() && g.len() == n.len(),
        "review keys changed ({} lines pinned, {} now); notes would detach from their entries:\n{}",
        g.len(),
        n.len(),
        changed.join("\n")
    );
}

//! Where a review is filed. The key must stay the same across re-imports,
//! releases and any change to search: it has its own normaliser here, on
//! purpose independent of `crate::text`, and every seed entry's key is
//! pinned by `tests/review_keys.rs`.

use crate::model::{Map, Node};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Keys that an importer fix changed on purpose, old → new: records filed
/// under the old key are moved to the new one when a store is upgraded
/// (schema 4), so they stay attached to their entry.
pub const RENAMED: &[(&str, &str, &str)] = &[(
    "ptpc2019",
    // Markup in the cell (`<i>incoming</i>`), shown as text since 0.2.
    "D1.3.4#progettazione realizzazione partecipazione iniziative di i incoming i",
    "D1.3.4#progettazione realizzazione partecipazione iniziative di incoming",
)];

/// Where a review is filed: stable across re-imports of the map.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReviewKey {
    pub dataset: String,
    /// The code; for an entry without one (ptpc2019 actions), the parent's
    /// code, "#" and the folded title.
    pub key: String,
    /// 1 for the first entry with this key, 2 for the second, ...
    pub variant: u32,
}

impl ReviewKey {
    /// How people read the key: the code, or for an entry without one the
    /// code of the entry it sits in.
    pub fn display(&self) -> String {
        match self.key.split_once('#') {
            Some((parent, _)) => format!("{parent} ›"),
            None => self.key.clone(),
        }
    }

    /// The key of one node of `map`. Scans the dataset for an entry without
    /// a code: use [`all_keys`] for many nodes.
    pub fn of(map: &Map, node: &Node) -> ReviewKey {
        match ReviewKey::coded(node) {
            Some(key) => key,
            None => {
                let key = codeless_key(node);
                // Same parent and title twice: number them in tree order.
                let variant = map
                    .dataset(&node.dataset)
                    .map(|ds| {
                        ds.nodes
                            .iter()
                            .take_while(|n| n.id != node.id)
                            .filter(|n| n.code.is_none() && codeless_key(n) == key)
                            .count() as u32
                            + 1
                    })
                    .unwrap_or(1);
                ReviewKey {
                    dataset: node.dataset.to_string(),
                    key,
                    variant,
                }
            }
        }
    }

    /// The key of an entry with a code: its code and variant, known from
    /// the entry alone (one without needs the entries before it).
    pub fn coded(node: &Node) -> Option<ReviewKey> {
        node.code.as_ref().map(|code| ReviewKey {
            dataset: node.dataset.to_string(),
            key: code.to_string(),
            variant: node.variant,
        })
    }
}

/// The keys of every node of `map`, per dataset and node index, in one
/// linear pass.
pub fn all_keys(map: &Map) -> Vec<Vec<ReviewKey>> {
    map.datasets
        .iter()
        .map(|ds| {
            let mut seen: HashMap<String, u32> = HashMap::new();
            ds.nodes
                .iter()
                .map(|node| match ReviewKey::coded(node) {
                    Some(key) => key,
                    None => {
                        let key = codeless_key(node);
                        let n = seen.entry(key.clone()).or_insert(0);
                        *n += 1;
                        ReviewKey {
                            dataset: node.dataset.to_string(),
                            key,
                            variant: *n,
                        }
                    }
                })
                .collect()
        })
        .collect()
}

impl ReviewKey {
    /// Where the records of an entry go when the entry left the map and
    /// its code now names another process: apart from that process, under
    /// the code and the old title (an orphan, listed as such).
    pub fn detached(&self, title: &str) -> ReviewKey {
        ReviewKey {
            dataset: self.dataset.clone(),
            key: format!("{}#{}", self.key, key_words(title)),
            variant: self.variant,
        }
    }
}

fn codeless_key(node: &Node) -> String {
    format!(
        "{}#{}",
        node.parent_code.as_deref().unwrap_or(""),
        key_words(&node.title)
    )
}

/// The title's words for a key, as every release has written them: lower
/// case, accents removed (canonical decomposition, marks dropped), split at
/// anything that is not a letter or digit, joined by single spaces.
fn key_words(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut in_word = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            out.push(fold_char(c));
        } else {
            in_word = false;
        }
    }
    out
}

fn fold_char(c: char) -> char {
    let mut base = c;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base == c && !unicode_normalization::char::is_combining_mark(d) {
            base = d;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_one_pass_match_keys_one_by_one() {
        let map = crate::import::builtin();
        let all = all_keys(&map);
        for (d, ds) in map.datasets.iter().enumerate() {
            for (i, node) in ds.nodes.iter().enumerate() {
                assert_eq!(all[d][i], ReviewKey::of(&map, node), "{}", node.id);
            }
        }
        // Keys are unique: two entries never share notes by accident.
        let unique: std::collections::HashSet<_> = all.iter().flatten().collect();
        assert_eq!(unique.len(), all.iter().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn key_words_fold_like_every_release() {
        assert_eq!(key_words("Rassegna stampa"), "rassegna stampa");
        assert_eq!(
            key_words("  L'Attività d'ufficio, 2° CITTÀ "),
            "l attivita d ufficio 2 citta"
        );
        assert_eq!(key_words(""), "");
    }
}

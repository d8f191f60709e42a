//! The shape of one version: each entry's parent by index and its key (its
//! code; for an entry without one, its parent's key and its folded
//! title), and the entries of each key.

use crate::model::{Dataset, Text};
use rustc_hash::FxHashMap;

/// Between a parent's key and a title in the key of an entry without a
/// code: a character no code or folded title holds.
const JOIN: char = '\u{1f}';

pub(super) struct Shape {
    /// Each entry's parent, by index (`None`: a root, or a parent the
    /// dataset does not hold).
    pub parent: Vec<Option<usize>>,
    /// Each entry's key.
    pub key: Vec<Text>,
    /// Whether the key is the entry's code.
    pub coded: Vec<bool>,
    /// The entries of each key, in node order.
    pub by_key: FxHashMap<Text, Vec<usize>>,
    /// Every entry once, each after its parent (by depth, then node order).
    pub top_down: Vec<usize>,
}

impl Shape {
    pub fn of(ds: &Dataset) -> Shape {
        let index: FxHashMap<&str, usize> = ds
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let parent: Vec<Option<usize>> = ds
            .nodes
            .iter()
            .map(|n| n.parent.as_deref().and_then(|p| index.get(p).copied()))
            .collect();
        let mut key: Vec<Option<Text>> = vec![None; ds.nodes.len()];
        for i in 0..ds.nodes.len() {
            key_of(ds, &parent, &mut key, i);
        }
        let key: Vec<Text> = key.into_iter().map(Option::unwrap_or_default).collect();
        let coded = ds.nodes.iter().map(|n| n.code.is_some()).collect();
        let mut by_key: FxHashMap<Text, Vec<usize>> = FxHashMap::default();
        for (i, k) in key.iter().enumerate() {
            by_key.entry(k.clone()).or_default().push(i);
        }
        let depth = depths(&parent);
        let mut top_down: Vec<usize> = (0..parent.len()).collect();
        top_down.sort_by_key(|&i| (depth[i], i));
        Shape {
            parent,
            key,
            coded,
            by_key,
            top_down,
        }
    }

    /// The entries of the other version with the key of entry `i` of this one.
    pub fn same_key<'a>(&self, i: usize, other: &'a Shape) -> &'a [usize] {
        other.by_key.get(&self.key[i]).map_or(&[], |v| &v[..])
    }
}

/// Each entry's depth (roots 0). The walk up is bounded: the map was
/// checked for parent cycles when it was loaded, and a cycle all the same
/// stops at the number of entries.
fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let mut depth = vec![UNKNOWN; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut cur = Some(start);
        while let Some(c) = cur {
            if depth[c] != UNKNOWN || path.len() > parent.len() {
                break;
            }
            path.push(c);
            cur = parent[c];
        }
        let mut below = cur.map_or(0, |c| depth[c].saturating_add(1).min(parent.len()));
        while let Some(c) = path.pop() {
            if depth[c] == UNKNOWN {
                depth[c] = below;
            }
            below = depth[c] + 1;
        }
    }
    depth
}

/// Fills in the key of entry `i` and of the ancestors it needs. A walk up
/// the tree ends at a coded entry, a root or an entry keyed already; the
/// map was checked for parent cycles when it was loaded, and the walk is
/// bounded all the same.
fn key_of(ds: &Dataset, parent: &[Option<usize>], key: &mut [Option<Text>], i: usize) {
    let mut chain = Vec::new();
    let mut cur = Some(i);
    while let Some(c) = cur {
        if key[c].is_some() || chain.len() > key.len() {
            break;
        }
        chain.push(c);
        if ds.nodes[c].code.is_some() {
            break;
        }
        cur = parent[c];
    }
    while let Some(c) = chain.pop() {
        let node = &ds.nodes[c];
        let k = match &node.code {
            Some(code) => code.clone(),
            None => {
                let above = parent[c]
                    .and_then(|p| key[p].as_deref())
                    .unwrap_or_default();
                let title = crate::text::fold(&node.title);
                compact_str::format_compact!("{above}{JOIN}{title}")
            }
        };
        key[c] = Some(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};

    #[test]
    fn entries_without_a_code_are_keyed_by_parent_and_title() {
        let mut sub = Node::new("p", "p:1", Kind::SottoProcesso, 3);
        sub.code = Some("A1.1.1".into());
        let mut action = Node::new("p", "p:2", Kind::Azione, 4);
        action.title = "Verifica  delle Domande".into();
        action.parent = Some("p:1".into());
        let mut below = Node::new("p", "p:3", Kind::Azione, 5);
        below.title = "Esito".into();
        below.parent = Some("p:2".into());
        // A parent after its child, and a root without a code.
        let mut orphan = Node::new("p", "p:4", Kind::Azione, 1);
        orphan.title = "Sola".into();
        let ds = Dataset {
            id: "p".into(),
            nodes: vec![below, sub, action, orphan],
            ..Dataset::default()
        };
        let shape = Shape::of(&ds);
        assert_eq!(shape.parent, [Some(2), None, Some(1), None]);
        assert_eq!(shape.key[1], "A1.1.1");
        assert_eq!(shape.key[2], "A1.1.1\u{1f}verifica delle domande");
        assert_eq!(
            shape.key[0],
            "A1.1.1\u{1f}verifica delle domande\u{1f}esito"
        );
        assert_eq!(shape.key[3], "\u{1f}sola");
        assert_eq!(shape.coded, [false, true, false, false]);
        assert_eq!(shape.by_key["A1.1.1"], [1]);
        assert_eq!(shape.top_down, [1, 3, 2, 0]);
    }
}

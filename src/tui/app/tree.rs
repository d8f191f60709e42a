//! The tree as the explorer walks it: parent and children of every node by
//! index, which nodes are open, and the rows that are visible.

use crate::model::Dataset;

/// Parent/children links of one dataset, by node index.
#[derive(Debug, Default)]
pub struct TreeLinks {
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    pub roots: Vec<usize>,
}

impl TreeLinks {
    pub fn new(ds: &Dataset) -> Self {
        // Fx, not SipHash: a large map has 100,000 ids to hash before the
        // first frame, and the map is the user's own file.
        let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        index.reserve(ds.nodes.len());
        index.extend(ds.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)));
        let mut parent = vec![None; ds.nodes.len()];
        let mut children = vec![Vec::new(); ds.nodes.len()];
        let mut roots = Vec::new();
        for (i, n) in ds.nodes.iter().enumerate() {
            // A node that names itself, or a parent that is not there, is a
            // root: the tree never loses an entry and never loops.
            match n
                .parent
                .as_deref()
                .and_then(|p| index.get(p))
                .filter(|&&p| p != i)
            {
                Some(&p) => {
                    parent[i] = Some(p);
                    children[p].push(i);
                }
                None => roots.push(i),
            }
        }
        let mut links = TreeLinks {
            parent,
            children,
            roots,
        };
        links.break_cycles();
        links
    }

    /// Nodes on a parent cycle are unreachable from any root; each cycle is
    /// cut at its first node, which becomes a root (the importer reports it).
    fn break_cycles(&mut self) {
        let n = self.parent.len();
        let mut reached = vec![false; n];
        let mut stack: Vec<usize> = self.roots.clone();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut reached[i], true) {
                stack.extend(self.children[i].iter().copied());
            }
        }
        for i in 0..n {
            if reached[i] {
                continue;
            }
            if let Some(p) = self.parent[i].take() {
                self.children[p].retain(|&c| c != i);
            }
            self.roots.push(i);
            let mut stack = vec![i];
            while let Some(j) = stack.pop() {
                if !std::mem::replace(&mut reached[j], true) {
                    stack.extend(self.children[j].iter().copied());
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }
}

/// One visible line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow {
    pub node: usize,
    pub depth: u16,
}

/// The visible rows, depth first: `open` says which nodes show their
/// children, `shown` whether a node is shown at all (`None`: every node).
pub fn rows(
    links: &TreeLinks,
    open: impl Fn(usize) -> bool,
    shown: impl Fn(usize) -> bool,
) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    let mut stack: Vec<(usize, u16)> = links.roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        if !shown(n) {
            continue;
        }
        rows.push(TreeRow { node: n, depth });
        if open(n) {
            for &c in links.children[n].iter().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};

    fn node(id: &str, parent: Option<&str>) -> Node {
        let mut n = Node::new("t", id, Kind::Processo, 1);
        n.parent = parent.map(Into::into);
        n
    }

    #[test]
    fn cycles_and_self_parents_become_roots_and_nothing_vanishes() {
        let ds = Dataset {
            id: "t".into(),
            title: String::new(),
            source: String::new(),
            nodes: vec![
                node("a", None),
                node("b", Some("c")),
                node("c", Some("b")),
                node("d", Some("d")),
                node("e", Some("b")),
            ],
            diagnostics: Vec::new(),
            loaded_from: None,
        };
        let links = TreeLinks::new(&ds);
        let all = rows(&links, |_| true, |_| true);
        let mut seen: Vec<usize> = all.iter().map(|r| r.node).collect();
        seen.sort();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }
}

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

/// Finds each node's parent by id. Nodes come in tree order (as every
/// importer writes them), so the parent is nearly always on the path from
/// the root to the node before: a few comparisons, where hashing 100,000
/// ids took longer than drawing the first frame. Any other order falls
/// back to an index of every id, built at the first miss.
struct ParentFinder<'d> {
    ds: &'d Dataset,
    path: Vec<usize>,
    index: Option<rustc_hash::FxHashMap<&'d str, usize>>,
}

impl<'d> ParentFinder<'d> {
    fn new(ds: &'d Dataset) -> Self {
        ParentFinder {
            ds,
            path: Vec::new(),
            index: None,
        }
    }

    /// The index of the node with id `parent`, for node `i` (asked in
    /// order, `i` = 0, 1, 2, ...).
    fn find(&mut self, i: usize, parent: &str) -> Option<usize> {
        let nodes = &self.ds.nodes;
        let on_path = self.path.iter().rposition(|&j| nodes[j].id == parent);
        let found = match on_path {
            Some(k) => {
                self.path.truncate(k + 1);
                Some(self.path[k])
            }
            None => {
                let index = self.index.get_or_insert_with(|| {
                    let mut index = rustc_hash::FxHashMap::default();
                    index.reserve(nodes.len());
                    index.extend(nodes.iter().enumerate().map(|(j, n)| (n.id.as_str(), j)));
                    index
                });
                let p = index.get(parent).copied();
                self.path.clear();
                self.path.extend(p);
                p
            }
        };
        self.path.push(i);
        found
    }

    /// Node `i` has no parent: a new path starts at it.
    fn root(&mut self, i: usize) {
        self.path.clear();
        self.path.push(i);
    }
}

impl TreeLinks {
    pub fn new(ds: &Dataset) -> Self {
        let mut parents = ParentFinder::new(ds);
        let mut parent = vec![None; ds.nodes.len()];
        let mut children = vec![Vec::new(); ds.nodes.len()];
        let mut roots = Vec::new();
        // Every parent before its children (tree order, as every importer
        // writes it): no cycle is possible, and none is looked for.
        let mut parents_first = true;
        for (i, n) in ds.nodes.iter().enumerate() {
            // A node that names itself, or a parent that is not there, is a
            // root: the tree never loses an entry and never loops.
            let found = match n.parent.as_deref() {
                Some(p) => parents.find(i, p),
                None => {
                    parents.root(i);
                    None
                }
            };
            match found.filter(|&p| p != i) {
                Some(p) => {
                    parents_first &= p < i;
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
        if !parents_first {
            links.break_cycles();
        }
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

    #[test]
    fn parents_are_found_in_tree_order_and_out_of_it() {
        let dataset = |nodes| Dataset {
            id: "t".into(),
            title: String::new(),
            source: String::new(),
            nodes,
            diagnostics: Vec::new(),
            loaded_from: None,
        };
        // Tree order: siblings, a return up two levels, a second root.
        let ds = dataset(vec![
            node("a", None),
            node("a1", Some("a")),
            node("a1x", Some("a1")),
            node("a2", Some("a")),
            node("b", None),
            node("b1", Some("b")),
            // Out of order: a parent printed after its child, a parent off
            // the current path, one that is not there at all.
            node("c1", Some("c")),
            node("c", None),
            node("a3", Some("a")),
            node("z1", Some("z")),
        ]);
        let links = TreeLinks::new(&ds);
        let want = [
            None,
            Some(0),
            Some(1),
            Some(0),
            None,
            Some(4),
            Some(7),
            None,
            Some(0),
            None,
        ];
        assert_eq!(links.parent, want);
        assert_eq!(links.roots, [0, 4, 7, 9]);
        assert_eq!(links.children[0], [1, 3, 8]);
    }
}

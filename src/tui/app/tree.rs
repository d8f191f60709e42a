//! The tree as the explorer walks it: parent and children of every node by
//! index, which nodes are open, and the rows that are visible.

use crate::model::Dataset;

/// Parent/children links of one dataset, by node index.
#[derive(Debug, Default)]
pub struct TreeLinks {
    pub parent: Vec<Option<usize>>,
    /// Every node's children one after another, in node order: those of
    /// node `i` are `kids[kids_at[i]..kids_at[i + 1]]` (one vector, not
    /// one per node: 100,000 of them cost more than finding the parents).
    kids: Vec<usize>,
    kids_at: Vec<u32>,
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
        let n = ds.nodes.len();
        if let Some(placed) = ds.parent_index.of(n) {
            let links = TreeLinks::of(placed, n);
            debug_assert!(
                links.parent == TreeLinks::by_ids(ds).parent,
                "the importer's parents of {} are those the nodes name",
                ds.id
            );
            return links;
        }
        TreeLinks::by_ids(ds)
    }

    /// The links the nodes name: each one's parent found by its id.
    fn by_ids(ds: &Dataset) -> Self {
        let mut parents = ParentFinder::new(ds);
        let found = ds
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| match n.parent.as_deref() {
                Some(p) => parents.find(i, p),
                None => {
                    parents.root(i);
                    None
                }
            });
        TreeLinks::of(found, ds.nodes.len())
    }

    /// The links of `n` nodes with these parents. A node that names itself,
    /// or a parent that is not there, is a root: the tree never loses an
    /// entry and never loops.
    fn of(parents: impl Iterator<Item = Option<usize>>, n: usize) -> Self {
        let mut parent = Vec::with_capacity(n);
        let mut roots = Vec::new();
        // Every parent before its children (tree order, as every importer
        // writes it): no cycle is possible, and none is looked for.
        let mut parents_first = true;
        for (i, p) in parents.take(n).enumerate() {
            let p = p.filter(|&p| p != i && p < n);
            match p {
                Some(p) => parents_first &= p < i,
                None => roots.push(i),
            }
            parent.push(p);
        }
        let mut links = TreeLinks::of_parents(parent, roots);
        if !parents_first {
            links.break_cycles();
        }
        links
    }

    /// The links of nodes with these parents and roots (the nodes without).
    fn of_parents(parent: Vec<Option<usize>>, roots: Vec<usize>) -> Self {
        let n = parent.len();
        // Count each node's children, then lay them out in node order.
        let mut kids_at = vec![0u32; n + 1];
        for p in parent.iter().flatten() {
            kids_at[p + 1] += 1;
        }
        for i in 0..n {
            kids_at[i + 1] += kids_at[i];
        }
        let mut next: Vec<u32> = kids_at[..n].to_vec();
        let mut kids = vec![0; kids_at[n] as usize];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                kids[next[p] as usize] = i;
                next[p] += 1;
            }
        }
        TreeLinks {
            parent,
            kids,
            kids_at,
            roots,
        }
    }

    /// The children of node `i`, in node order.
    pub fn children(&self, i: usize) -> &[usize] {
        self.kids_of(i)
    }

    fn kids_of(&self, i: usize) -> &[usize] {
        match (self.kids_at.get(i), self.kids_at.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Nodes on a parent cycle are unreachable from any root; each cycle is
    /// cut at its first node, which becomes a root (the importer reports it).
    fn break_cycles(&mut self) {
        let n = self.parent.len();
        let mut reached = vec![false; n];
        let mut stack: Vec<usize> = self.roots.clone();
        let mut cut = false;
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut reached[i], true) {
                stack.extend(self.children(i).iter().copied());
            }
        }
        for i in 0..n {
            if reached[i] {
                continue;
            }
            self.parent[i] = None;
            cut = true;
            self.roots.push(i);
            let mut stack = vec![i];
            while let Some(j) = stack.pop() {
                if !std::mem::replace(&mut reached[j], true) {
                    stack.extend(self.children(j).iter().copied());
                }
            }
        }
        if cut {
            let (parent, roots) = (
                std::mem::take(&mut self.parent),
                std::mem::take(&mut self.roots),
            );
            *self = TreeLinks::of_parents(parent, roots);
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
            for &c in links.children(n).iter().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    rows
}

impl crate::roles::Shape for TreeLinks {
    fn children(&self, i: usize) -> &[usize] {
        self.kids_of(i)
    }
    fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }
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
            parent_index: Default::default(),
        };
        let links = TreeLinks::new(&ds);
        let all = rows(&links, |_| true, |_| true);
        let mut seen: Vec<usize> = all.iter().map(|r| r.node).collect();
        seen.sort();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_importers_parents_are_those_the_nodes_name() {
        // Codes out of order, a row without a code, a parent no row has.
        let sheet = "Codice\tDescrizione\tResponsabile\nA1.2\tSecondo\tPO\nA1\tPrimo\tPO\n\
                     \tSenza codice\tPO\nB2.1\tOrfano\tPO\nA1.1\tUno\tPO\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.tsv");
        std::fs::write(&path, sheet).unwrap();
        let loaded = crate::import::load(std::slice::from_ref(&path));
        let mut map = crate::import::builtin();
        map.datasets.extend(loaded.unwrap().datasets);
        for ds in &map.datasets {
            let placed = ds
                .parent_index
                .of(ds.nodes.len())
                .expect("placed by the importer");
            let by_ids = TreeLinks::by_ids(ds);
            assert_eq!(
                TreeLinks::of(placed, ds.nodes.len()).parent,
                by_ids.parent,
                "{}",
                ds.id
            );
            assert_eq!(TreeLinks::new(ds).roots, by_ids.roots, "{}", ds.id);
        }
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
            parent_index: Default::default(),
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
        assert_eq!(links.children(0), [1, 3, 8]);
        assert!(links.children(9).is_empty());
        assert!(links.children(99).is_empty());
    }
}

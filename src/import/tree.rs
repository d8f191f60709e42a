//! Puts imported nodes in tree order: depth first, siblings by a sort key.

use super::Diags;
use crate::model::{Code, DiagClass, Node, ParentIndex, Severity};
use rustc_hash::FxHashMap;

/// Where a node goes among its siblings: coded entries in natural code order,
/// entries without a code right after the code they followed in the source,
/// ties by source position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    pub anchor: Option<Code>,
    pub line: u32,
    pub seq: u32,
}

/// The nodes of a map being imported, with what ordering them needs, side by
/// side with `nodes`: each node's parent (an index until the tree is
/// ordered) and sort key, and the node that owns each code.
#[derive(Debug, Default)]
pub struct Draft {
    pub nodes: Vec<Node>,
    pub parents: Vec<Option<usize>>,
    pub keys: Vec<SortKey>,
    /// The node the children of each code attach to: the first entry read
    /// with that code, or one inferred for it. (The catalogue's builder
    /// keeps here only the inferred ones when the codes come in order: it
    /// finds the others by binary search.)
    pub owner: FxHashMap<Code, usize>,
    /// The nodes (by index; none past the end) whose `parent` and
    /// `parent_code` their builder wrote as it made them, as their parent
    /// in `parents` will be: not written again (a pass over every node).
    pub named: Vec<bool>,
}

impl Draft {
    pub fn with_capacity(n: usize) -> Self {
        let mut owner = FxHashMap::default();
        owner.reserve(n);
        Draft::with_owner(Vec::new(), n, owner)
    }

    /// Room for `n` nodes in `nodes` (empty, perhaps made ahead), with the
    /// owners already known.
    pub fn with_owner(mut nodes: Vec<Node>, n: usize, owner: FxHashMap<Code, usize>) -> Self {
        nodes.reserve(n);
        Draft {
            nodes,
            parents: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            owner,
            named: Vec::new(),
        }
    }

    /// Adds a node, without a parent yet; returns its index.
    pub fn push(&mut self, node: Node, key: SortKey) -> usize {
        self.nodes.push(node);
        self.parents.push(None);
        self.keys.push(key);
        self.nodes.len() - 1
    }

    /// The nodes in tree order, with their parents filled in, and each
    /// node's parent by index.
    pub fn finish(self) -> (Vec<Node>, ParentIndex) {
        let (nodes, parents) = order(self.nodes, &self.keys, self.parents, &self.named);
        (nodes, ParentIndex::new(parents))
    }
}

/// Reports the entries printed away from the parent their code names
/// (before it, or amid another branch) but hung under it: the tree says
/// where they belong, the diagnostic where the source has them. Only
/// parents read from the source count (an inferred one has its own
/// diagnostic); entries are visited in reading order, which is node order.
pub fn report_printed_elsewhere(d: &Draft, diags: &mut Diags) {
    let read: Vec<usize> = (0..d.nodes.len())
        .filter(|&i| d.nodes[i].code.is_some() && !d.nodes[i].inferred)
        .collect();
    for (k, &i) in read.iter().enumerate() {
        let Some(p) = d.parents[i].filter(|&p| d.named_by_code(i, p)) else {
            continue;
        };
        // Outside the parent's branch: neither the parent nor below it.
        let outside = |q: &usize| *q != p && !d.is_under(*q, p);
        let stray_before = k.checked_sub(1).map(|k| read[k]).filter(outside);
        let stray_after = read.get(k + 1).is_some_and(outside);
        let before_parent = d.nodes[p].line > d.nodes[i].line;
        if before_parent || (stray_before.is_some() && stray_after) {
            printed_elsewhere(d, i, p, stray_before, diags);
        }
    }
}

fn printed_elsewhere(d: &Draft, i: usize, parent: usize, after: Option<usize>, diags: &mut Diags) {
    let code = |n: &Node| n.code.clone().unwrap_or_default();
    let line = |n: &Node| n.line.unwrap_or(0);
    let (n, p) = (&d.nodes[i], &d.nodes[parent]);
    let after = after.map_or(String::new(), |q| {
        let q = &d.nodes[q];
        format!(" dopo {} (riga {})", code(q), line(q))
    });
    let relation = if line(p) > line(n) {
        "prima del"
    } else {
        "lontano dal"
    };
    let message = format!(
        "{} è stampata alla riga {}{after}, {relation} suo padre {} (riga {}): collocata sotto {}, come dice il codice",
        code(n),
        line(n),
        code(p),
        line(p),
        code(p)
    );
    diags.push(
        n.line,
        Severity::Info,
        DiagClass::PrintedElsewhere,
        Some(&n.id),
        message,
    );
}

impl Draft {
    /// Whether node `parent`, read from the source, is the one the code of
    /// node `i` names (not a header with the same code, not a suffixed
    /// code it follows).
    fn named_by_code(&self, i: usize, parent: usize) -> bool {
        let by_code = self.keys[i].anchor.and_then(|c| c.parent());
        let p = &self.nodes[parent];
        p.code.is_some() && !p.inferred && by_code.is_some() && by_code == self.keys[parent].anchor
    }

    /// Whether node `i` lies below node `ancestor`.
    fn is_under(&self, i: usize, ancestor: usize) -> bool {
        let mut cur = self.parents[i];
        // Bounded: a cycle (a bug) must not become a hang.
        for _ in 0..self.nodes.len() {
            match cur {
                Some(p) if p == ancestor => return true,
                Some(p) => cur = self.parents[p],
                None => return false,
            }
        }
        false
    }
}

/// Orders `nodes` depth first and fills in each node's `parent` and
/// `parent_code` from `parents` (indices into `nodes`), except where `named`
/// says they are (see [`Draft::named`]). `keys` and `parents` run parallel
/// to `nodes`. A node no root leads to (which only a cycle in `parents`
/// could cause) is placed after the tree rather than lost. With the nodes,
/// their parents by index where the nodes moved.
pub fn order(
    mut nodes: Vec<Node>,
    keys: &[SortKey],
    parents: Vec<Option<usize>>,
    named: &[bool],
) -> (Vec<Node>, Vec<Option<usize>>) {
    let n = nodes.len();
    assert!(
        keys.len() == n && parents.len() == n,
        "keys and parents parallel to nodes"
    );
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = *p {
            if named.get(i).copied().unwrap_or(false) {
                debug_assert!(
                    nodes[i].parent == Some(nodes[p].id.clone())
                        && nodes[i].parent_code == nodes[p].code,
                    "node {i} was named a parent other than node {p}"
                );
                continue;
            }
            let (id, code) = (nodes[p].id.clone(), nodes[p].code.clone());
            nodes[i].parent = Some(id);
            nodes[i].parent_code = code;
        }
    }
    // A map written in code order is in tree order already: nothing to
    // group, sort, walk or move.
    if in_tree_order(keys, &parents) {
        return (nodes, parents);
    }
    let out_idx = tree_order_of(keys, &parents);

    // Apply the permutation in place, one swap per misplaced node: nodes
    // are large, and a copy into a second vector costs more than the sort.
    let mut rank = vec![0usize; n];
    for (pos, &i) in out_idx.iter().enumerate() {
        rank[i] = pos;
    }
    let mut moved = vec![None; n];
    for (i, p) in parents.iter().enumerate() {
        moved[rank[i]] = p.map(|p| rank[p]);
    }
    for i in 0..n {
        while rank[i] != i {
            let r = rank[i];
            nodes.swap(i, r);
            rank.swap(i, r);
        }
    }
    (nodes, moved)
}

/// Whether the nodes are in tree order as they are: each one's parent on
/// the path from the root to the node before it, and each one sorting
/// after the sibling before it. One pass, where [`tree_order_of`] groups,
/// sorts and walks (and would give the nodes as they are).
fn in_tree_order(keys: &[SortKey], parents: &[Option<usize>]) -> bool {
    let mut path: Vec<usize> = Vec::new();
    let mut last_root: Option<usize> = None;
    for (i, parent) in parents.iter().enumerate() {
        let sibling_before = match *parent {
            None => {
                path.clear();
                last_root.replace(i)
            }
            Some(p) => {
                let mut sibling = None;
                while path.last().is_some_and(|&top| top != p) {
                    sibling = path.pop();
                }
                if path.is_empty() {
                    return false;
                }
                sibling
            }
        };
        if sibling_before.is_some_and(|b| keys[b] > keys[i]) {
            return false;
        }
        path.push(i);
    }
    true
}

/// The indices of the nodes in tree order: depth first, siblings by key,
/// then any node no root leads to.
fn tree_order_of(keys: &[SortKey], parents: &[Option<usize>]) -> Vec<usize> {
    let n = parents.len();
    // Children grouped by parent (roots last) with a counting sort, which
    // keeps source order within a group; then siblings by key, a group
    // sorted only when the source has it out of order (rarely: a map is
    // mostly written in code order, and sorting every index cost more
    // than the rest of the ordering).
    let group = |i: usize| parents[i].unwrap_or(n);
    // first_child[p]..first_child[p + 1] are p's children in `by_parent`.
    let mut first_child = vec![0usize; n + 2];
    for i in 0..n {
        first_child[group(i) + 1] += 1;
    }
    for g in 1..first_child.len() {
        first_child[g] += first_child[g - 1];
    }
    let mut by_parent = vec![0usize; n];
    let mut next = first_child.clone();
    for i in 0..n {
        let slot = &mut next[group(i)];
        by_parent[*slot] = i;
        *slot += 1;
    }
    let sibling_order = |&a: &usize, &b: &usize| keys[a].cmp(&keys[b]).then(a.cmp(&b));
    for g in 0..=n {
        let siblings = &mut by_parent[first_child[g]..first_child[g + 1]];
        let in_order = siblings
            .windows(2)
            .all(|w| sibling_order(&w[0], &w[1]).is_le());
        if !in_order {
            siblings.sort_unstable_by(sibling_order);
        }
    }
    let children = |p: usize| &by_parent[first_child[p]..first_child[p + 1]];

    let mut placed = vec![false; n];
    let mut out_idx = Vec::with_capacity(n);
    let mut stack: Vec<usize> = children(n).iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut placed[i], true) {
            continue;
        }
        out_idx.push(i);
        stack.extend(children(i).iter().rev());
    }
    out_idx.extend((0..n).filter(|&i| !placed[i]));
    out_idx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use proptest::prelude::*;

    fn node(id: &str) -> Node {
        let mut n = Node::new("t", id, Kind::Processo, 1);
        n.code = Some(id.into());
        n
    }

    fn key(code: &str) -> SortKey {
        SortKey {
            anchor: Code::parse(code),
            line: 0,
            seq: 0,
        }
    }

    #[test]
    fn depth_first_with_siblings_in_code_order() {
        let codes = ["A1.2", "A1", "A1.10", "A1.2.1", "B1"];
        let nodes = codes.iter().map(|c| node(c)).collect();
        let keys: Vec<SortKey> = codes.iter().map(|c| key(c)).collect();
        let parents = [Some(1), None, Some(1), Some(0), None];
        let (out, moved) = order(nodes, &keys, parents.to_vec(), &[]);
        let ids: Vec<&str> = out.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["A1", "A1.2", "A1.2.1", "A1.10", "B1"]);
        // The parents by index follow the nodes where they moved.
        assert_eq!(moved, [None, Some(0), Some(1), Some(0), None]);
        assert_eq!(out[2].parent.as_deref(), Some("A1.2"));
        assert_eq!(out[2].parent_code.as_deref(), Some("A1.2"));
        assert_eq!(out[0].parent, None);
    }

    /// Parents and keys as a map may have them: a parent anywhere (or
    /// none), keys from a few codes with ties.
    fn any_tree() -> impl Strategy<Value = (Vec<Option<usize>>, Vec<SortKey>)> {
        (1usize..40).prop_flat_map(|n| {
            (
                proptest::collection::vec(proptest::option::of(0..n), n),
                proptest::collection::vec((0u32..4, 0u32..3), n),
            )
                .prop_map(|(parents, keys)| {
                    let keys = keys
                        .into_iter()
                        .map(|(c, line)| SortKey {
                            anchor: Code::new('A', &[c + 1], None),
                            line,
                            seq: 0,
                        })
                        .collect();
                    (parents, keys)
                })
        })
    }

    /// Trees in depth-first order: each node under one on the path to the
    /// node before it; keys rising among siblings, or (`rising` false)
    /// drawn from a few values, with ties and inversions.
    fn ordered_tree(rising: bool) -> impl Strategy<Value = (Vec<Option<usize>>, Vec<SortKey>)> {
        proptest::collection::vec((any::<bool>(), 0usize..4, 0u32..3), 1..40).prop_map(
            move |steps| {
                let (mut parents, mut keys) = (Vec::new(), Vec::new());
                let mut path: Vec<usize> = Vec::new();
                for (i, (root, up, drawn)) in steps.into_iter().enumerate() {
                    if root || path.is_empty() {
                        path.clear();
                    } else {
                        path.truncate(path.len().saturating_sub(up).max(1));
                    }
                    parents.push(path.last().copied());
                    keys.push(SortKey {
                        anchor: None,
                        line: if rising { i as u32 } else { drawn },
                        seq: 0,
                    });
                    path.push(i);
                }
                (parents, keys)
            },
        )
    }

    proptest! {
        /// The one-pass check says "in order" only when walking the tree
        /// gives the nodes as they are, and always then when every parent
        /// comes first (with a cycle it may leave the walk to tell).
        #[test]
        fn in_tree_order_agrees_with_the_walk((parents, keys) in any_tree()) {
            let identity: Vec<usize> = (0..parents.len()).collect();
            let walked = tree_order_of(&keys, &parents) == identity;
            let checked = in_tree_order(&keys, &parents);
            prop_assert!(!checked || walked);
            let parents_first = parents.iter().enumerate().all(|(i, p)| p.is_none_or(|p| p < i));
            prop_assert!(!(walked && parents_first) || checked);
        }

        #[test]
        fn trees_written_in_order_are_seen_so((parents, keys) in ordered_tree(true)) {
            prop_assert!(in_tree_order(&keys, &parents));
            let identity: Vec<usize> = (0..parents.len()).collect();
            prop_assert_eq!(tree_order_of(&keys, &parents), identity);
        }

        /// Depth first with keys that tie or fall among siblings: the pass
        /// and the walk agree either way.
        #[test]
        fn siblings_out_of_key_order_are_seen((parents, keys) in ordered_tree(false)) {
            let identity: Vec<usize> = (0..parents.len()).collect();
            prop_assert_eq!(
                in_tree_order(&keys, &parents),
                tree_order_of(&keys, &parents) == identity
            );
        }
    }

    #[test]
    fn nodes_in_a_cycle_are_kept() {
        let nodes = vec![node("A1"), node("A2"), node("B1")];
        let keys = vec![key("A1"), key("A2"), key("B1")];
        let (out, _) = order(nodes, &keys, vec![Some(1), Some(0), None], &[]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].id, "B1");
    }
}

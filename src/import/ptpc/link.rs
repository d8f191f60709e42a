//! Pass 3: every label hangs under the label its code names (a
//! code no label names is inferred), and every node's level is its depth
//! in the tree. Actions already know their parent from the reading.

use super::super::tree::Draft;
use super::builder::Builder;
use crate::model::{Code, Kind};

/// Links each label to the node of its parent code, inferring the codes no
/// label names (and their own parents).
pub(super) fn link_parents(b: &mut Builder) {
    let labels: Vec<(usize, Code)> = b
        .tree
        .keys
        .iter()
        .enumerate()
        .filter(|&(i, _)| b.tree.nodes[i].kind != Kind::Azione)
        .filter_map(|(i, k)| Some((i, k.anchor?)))
        .collect();
    for (i, code) in labels {
        if let Some(parent) = code.parent() {
            let line = b.tree.nodes[i].line;
            let child = || match line {
                Some(l) => format!("{code} (riga {l})"),
                None => format!("{code} (riga -)"),
            };
            b.tree.parents[i] = Some(b.ensure(&parent, child));
        }
    }
    // Inferred nodes may need parents of their own; they are appended as
    // they are made, so one pass reaches them all.
    let mut i = 0;
    while i < b.tree.nodes.len() {
        if b.tree.nodes[i].inferred && b.tree.parents[i].is_none() {
            let code = b.tree.keys[i].anchor.filter(|c| c.depth() > 0);
            if let Some((code, parent)) = code.and_then(|c| Some((c, c.parent()?))) {
                b.tree.parents[i] = Some(b.ensure(&parent, || code.to_string()));
            }
        }
        i += 1;
    }
}

/// Sets every node's level to its depth in the tree (a root is 1).
pub(super) fn assign_levels(tree: &mut Draft) {
    for i in 0..tree.nodes.len() {
        let mut depth = 1u8;
        let mut cur = tree.parents[i];
        // Labels hang under shorter codes and actions under labels, so
        // every chain ends; the bound only keeps a bug from becoming a hang.
        let mut steps = 0;
        while let Some(p) = cur.filter(|_| steps < tree.nodes.len()) {
            depth = depth.saturating_add(1);
            cur = tree.parents[p];
            steps += 1;
        }
        tree.nodes[i].level = depth;
    }
}

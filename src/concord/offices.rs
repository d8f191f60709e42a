//! The offices an entry's links give it: the structures (Area dirigenziale,
//! Servizio/Staff) of the linked annex entries.

use super::tree::Tree;
use crate::model::{Dataset, Structure};

/// The structures of `nodes` of the annex, in that order, each pair of
/// area and servizio once. A node without structures of its own (a
/// sub-process) gives those of its actions, and so on down.
pub fn of_nodes(
    ptpc: &Dataset,
    tree: &Tree,
    nodes: impl IntoIterator<Item = usize>,
) -> Vec<Structure> {
    let mut out: Vec<Structure> = Vec::new();
    let mut stack = Vec::new();
    for start in nodes {
        if start >= ptpc.nodes.len() || start >= tree.len() {
            continue;
        }
        stack.push(start);
        while let Some(n) = stack.pop() {
            let node = &ptpc.nodes[n];
            if node.structures.is_empty() {
                // Children in node order: push them reversed.
                stack.extend(tree.children[n].iter().rev().map(|&c| c as usize));
                continue;
            }
            for s in &node.structures {
                let (area, servizio) = (s.area.trim(), s.servizio.trim());
                let blank = area.is_empty() && servizio.is_empty();
                let known = || {
                    out.iter()
                        .any(|o| o.area.trim() == area && o.servizio.trim() == servizio)
                };
                if !blank && !known() {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

//! Puts imported nodes in tree order: depth first, siblings by a sort key.

use crate::import::code::Code;
use crate::model::Node;
use rustc_hash::FxHashMap as HashMap;

/// Where a node goes among its siblings: coded entries in natural code order,
/// entries without a code right after the code they followed in the source,
/// ties by source position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    pub anchor: Option<Code>,
    pub line: u32,
    pub seq: u32,
}

/// Orders `nodes` depth first. Nodes whose parent is missing become roots, so
/// nothing is lost even if a caller got a parent id wrong.
pub fn order(nodes: Vec<Node>, keys: &HashMap<String, SortKey>) -> Vec<Node> {
    let ids: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::default();
    for (i, n) in nodes.iter().enumerate() {
        let parent = n.parent.as_deref().and_then(|p| ids.get(p).copied());
        children.entry(parent).or_default().push(i);
    }
    let key_of: Vec<Option<&SortKey>> = nodes.iter().map(|n| keys.get(&n.id)).collect();
    for list in children.values_mut() {
        list.sort_by(|a, b| key_of[*a].cmp(&key_of[*b]));
    }
    let mut out_idx = Vec::with_capacity(nodes.len());
    let mut stack: Vec<usize> = children.get(&None).cloned().unwrap_or_default();
    stack.reverse();
    while let Some(i) = stack.pop() {
        out_idx.push(i);
        if let Some(kids) = children.get(&Some(i)) {
            stack.extend(kids.iter().rev());
        }
    }
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    out_idx
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

//! The shape of one dataset by node index: each node's parent and children,
//! and an order that visits parents before their children.

use crate::model::Dataset;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub parent: Vec<Option<u32>>,
    pub children: Vec<Vec<u32>>,
    /// Every node once, each after its parent (roots first, by depth, then
    /// by node order).
    pub top_down: Vec<u32>,
}

impl Tree {
    pub fn of(dataset: &Dataset) -> Tree {
        let index: FxHashMap<&str, u32> = dataset
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i as u32))
            .collect();
        let mut parent: Vec<Option<u32>> = dataset
            .nodes
            .iter()
            .map(|n| index.get(n.parent.as_deref()?).copied())
            .collect();
        let depth = depths(&mut parent);
        let mut children = vec![Vec::new(); parent.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p as usize].push(i as u32);
            }
        }
        let mut top_down: Vec<u32> = (0..parent.len() as u32).collect();
        top_down.sort_by_key(|&i| (depth[i as usize], i));
        Tree {
            parent,
            children,
            top_down,
        }
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// The ancestors of `node`, nearest first.
    pub fn ancestors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent[node], |&p| self.parent[p as usize]).map(|p| p as usize)
    }
}

/// Each node's depth (roots 0). A node whose parents lead round in a
/// circle (odd input: an edited JSON map) loses its parent and becomes a
/// root, so that every walk up the tree ends.
fn depths(parent: &mut [Option<u32>]) -> Vec<u32> {
    const UNKNOWN: u32 = u32::MAX;
    let mut depth = vec![UNKNOWN; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut cur = start;
        // Walk up to a node of known depth, a root, or back onto the path.
        while depth[cur] == UNKNOWN {
            if path.contains(&cur) {
                parent[cur] = None;
                depth[cur] = 0;
                break;
            }
            path.push(cur);
            match parent[cur] {
                Some(p) => cur = p as usize,
                None => break,
            }
        }
        // Topmost first: each parent's depth is known before its child's.
        while let Some(n) = path.pop() {
            if depth[n] != UNKNOWN {
                continue;
            }
            depth[n] = match parent[n] {
                Some(p) if depth[p as usize] != UNKNOWN => depth[p as usize] + 1,
                _ => 0,
            };
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_before_children_whatever_the_order() {
        // 0 <- 2 <- 1, 3 root
        let mut parent = vec![None, Some(2), Some(0), None];
        assert_eq!(depths(&mut parent), vec![0, 2, 1, 0]);
    }

    #[test]
    fn a_circle_is_broken() {
        let mut parent = vec![Some(1), Some(0), Some(1)];
        let depth = depths(&mut parent);
        assert!(parent.iter().filter(|p| p.is_none()).count() >= 1);
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                assert_eq!(depth[i], depth[*p as usize] + 1);
            }
        }
    }
}

//! Each node's parent by its index, as the importer placed it: the
//! explorer walks the tree by index, and finding 100,000 parents again by
//! their ids (reading every node) was a tenth of the time to the first
//! frame. A hint, not content: never written out, never compared, and
//! used only while it covers every node.

use std::sync::Arc;

/// The parents of a dataset's nodes by index, when its importer told them.
#[derive(Clone, Default)]
pub struct ParentIndex(Option<Arc<[u32]>>);

/// No parent: a root.
const ROOT: u32 = u32::MAX;

impl ParentIndex {
    /// From each node's parent, in node order.
    pub fn new(parents: impl IntoIterator<Item = Option<usize>>) -> ParentIndex {
        let parents = parents
            .into_iter()
            .map(|p| p.and_then(|p| u32::try_from(p).ok()).unwrap_or(ROOT));
        ParentIndex(Some(parents.collect()))
    }

    /// Each node's parent, when the index covers exactly `nodes` nodes.
    pub fn of(&self, nodes: usize) -> Option<impl Iterator<Item = Option<usize>> + '_> {
        let parents = self.0.as_deref().filter(|p| p.len() == nodes)?;
        Some(parents.iter().map(|&p| (p != ROOT).then_some(p as usize)))
    }
}

/// Two datasets with the same nodes are the same, however they were read.
impl PartialEq for ParentIndex {
    fn eq(&self, _: &ParentIndex) -> bool {
        true
    }
}

impl Eq for ParentIndex {}

impl std::fmt::Debug for ParentIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(p) => write!(f, "ParentIndex({} nodes)", p.len()),
            None => f.write_str("ParentIndex(none)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_for_as_many_nodes_as_it_has() {
        let index = ParentIndex::new([None, Some(0), Some(1), None]);
        let read: Vec<Option<usize>> = index.of(4).unwrap().collect();
        assert_eq!(read, [None, Some(0), Some(1), None]);
        assert!(index.of(5).is_none());
        assert!(ParentIndex::default().of(0).is_none());
        assert_eq!(index, ParentIndex::default());
    }
}

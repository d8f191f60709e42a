//! The explorer's view of search: ranked hits in one dataset, with the
//! title characters to highlight.

use crate::model::Map;

/// One match, by node index within its dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: usize,
    pub score: u32,
    /// Char positions in the title to highlight.
    pub title_positions: Vec<u32>,
}

/// What one search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// No entry matched every word: the hits match `.0` of the `.1` words.
    pub partial: Option<(usize, usize)>,
    /// Part of the query was ignored (too long).
    pub truncated: bool,
}

/// Anything that ranks the nodes of a dataset for a query.
pub trait Searcher {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Found;

    /// Forgets cached work for `word` (benchmarks).
    fn forget(&mut self, _word: &str) {}
}

/// The shared ranked index, seen from one dataset.
pub struct IndexSearcher {
    index: crate::search::SearchIndex,
}

impl IndexSearcher {
    pub fn new(map: &Map) -> Self {
        IndexSearcher {
            index: crate::search::SearchIndex::new(map),
        }
    }
}

impl Searcher for IndexSearcher {
    fn search(&mut self, _map: &Map, dataset: usize, query: &str) -> Found {
        let hits = self
            .index
            .search(query, Some(dataset))
            .into_iter()
            .map(|h| Hit {
                node: h.node,
                score: (h.score * 100.0) as u32,
                title_positions: h.title_positions,
            })
            .collect();
        Found {
            hits,
            partial: None,
            truncated: false,
        }
    }

    fn forget(&mut self, word: &str) {
        self.index.forget(word);
    }
}

//! The explorer's view of search: ranked hits in one dataset, with the
//! title characters to highlight, and whether they are partial matches or
//! the query was cut short (both worth a note above the tree).

use crate::model::Map;

/// One match, by node index within its dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: usize,
    pub score: u32,
    /// Char positions in the title to highlight.
    pub title_positions: Vec<u32>,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Best first.
    pub hits: Vec<Hit>,
    /// `Some((matched, total))` when no entry has every word and the hits
    /// match `matched` of the query's `total` words ("risultati parziali").
    pub partial: Option<(usize, usize)>,
    /// Whether part of a long query was ignored.
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
        let result = self.index.search(query, Some(dataset));
        Found {
            hits: result
                .hits
                .into_iter()
                .map(|h| Hit {
                    node: h.node,
                    score: (h.score * 100.0) as u32,
                    title_positions: h.title_positions,
                })
                .collect(),
            partial: result.partial,
            truncated: result.truncated,
        }
    }

    fn forget(&mut self, word: &str) {
        self.index.forget(word);
    }
}

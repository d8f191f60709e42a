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
    /// The ranked index is still being built (a large map, indexed in the
    /// background): these hits are a plain scan of codes, titles and
    /// responsibles in tree order, and [`Searcher::poll`] says when the
    /// query is worth asking again ("indice in costruzione…").
    pub pending: bool,
}

/// Anything that ranks the nodes of a dataset for a query.
pub trait Searcher {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Found;

    /// Forgets cached work for `word` (benchmarks).
    fn forget(&mut self, _word: &str) {}

    /// Whether a ranked index should be built in the background for it
    /// (the runtime's jobs build one once the first frame is on screen).
    fn wants_index(&self) -> bool {
        false
    }

    /// The index built in the background; true when answers given
    /// meanwhile ([`Found::pending`]) are worth asking again.
    fn install(&mut self, _index: crate::search::SearchIndex) -> bool {
        false
    }
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
            pending: false,
        }
    }

    fn forget(&mut self, word: &str) {
        self.index.forget(word);
    }
}

/// Maps up to this many entries are indexed before the first frame (the
/// seeds take a few milliseconds); larger ones on a thread of their own.
pub const INDEX_INLINE_MAX: usize = 5_000;

/// The ranked index of a large map, built in the background (a job of the
/// runtime, never a thread of its own) so that the first frame waits for
/// nothing. Until it arrives, a query is answered by a plain scan (every
/// word in the code, title or responsible, in tree order) marked
/// [`Found::pending`].
#[derive(Default)]
pub struct BackgroundSearcher {
    ready: Option<IndexSearcher>,
    /// The folded text of each dataset's entries, made on the first query
    /// asked before the index is ready.
    scan: Vec<Option<Scan>>,
    /// Whether an answer was given while pending (and so is worth asking
    /// again once the index is ready).
    asked: bool,
}

impl BackgroundSearcher {
    /// A searcher waiting for its index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the ranked index is in use.
    pub fn is_ready(&self) -> bool {
        self.ready.is_some()
    }
}

impl Searcher for BackgroundSearcher {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Found {
        if let Some(index) = self.ready.as_mut() {
            self.asked = false;
            return index.search(map, dataset, query);
        }
        self.asked = true;
        let Some(ds) = map.datasets.get(dataset) else {
            return Found::default();
        };
        if self.scan.len() < map.datasets.len() {
            self.scan.resize_with(map.datasets.len(), || None);
        }
        let scan = self.scan[dataset].get_or_insert_with(|| Scan::new(ds));
        Found {
            hits: scan.search(query),
            pending: true,
            ..Found::default()
        }
    }

    fn forget(&mut self, word: &str) {
        if let Some(index) = self.ready.as_mut() {
            index.forget(word);
        }
    }

    fn wants_index(&self) -> bool {
        self.ready.is_none()
    }

    fn install(&mut self, index: crate::search::SearchIndex) -> bool {
        self.ready = Some(IndexSearcher { index });
        self.scan.clear();
        std::mem::take(&mut self.asked)
    }
}

/// The folded code, title and responsible of every entry of a dataset,
/// in one buffer, for the scan that answers before the index is ready.
struct Scan {
    text: String,
    /// Where each node's text ends in `text`.
    ends: Vec<usize>,
}

impl Scan {
    fn new(ds: &crate::model::Dataset) -> Scan {
        let mut text = String::with_capacity(ds.nodes.len() * 64);
        let mut ends = Vec::with_capacity(ds.nodes.len());
        for n in &ds.nodes {
            let parts = [n.code.as_deref().unwrap_or(""), &n.title, &n.role];
            for part in parts {
                for c in part.chars() {
                    text.push(crate::text::fold_char(c));
                }
                text.push(' ');
            }
            for s in &n.structures {
                for c in s.servizio.chars().chain(s.area.chars()) {
                    text.push(crate::text::fold_char(c));
                }
                text.push(' ');
            }
            ends.push(text.len());
        }
        Scan { text, ends }
    }

    /// The entries whose text has every word of `query`, in tree order.
    fn search(&self, query: &str) -> Vec<Hit> {
        let words: Vec<String> = crate::text::words(query).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let finders: Vec<memchr::memmem::Finder> = words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let mut start = 0;
        let mut hits = Vec::new();
        for (node, &end) in self.ends.iter().enumerate() {
            let entry = &self.text.as_bytes()[start..end];
            start = end;
            if finders.iter().all(|f| f.find(entry).is_some()) {
                hits.push(Hit {
                    node,
                    score: 0,
                    title_positions: Vec::new(),
                });
            }
        }
        hits
    }
}

/// The searcher for `map`: the ranked index, built now for a map of up to
/// [`INDEX_INLINE_MAX`] entries, and for a larger one in the background
/// once the first frame is drawn (see [`BackgroundSearcher`]).
pub fn for_map(map: &Map) -> Box<dyn Searcher> {
    let entries: usize = map.datasets.iter().map(|d| d.nodes.len()).sum();
    if entries <= INDEX_INLINE_MAX {
        Box::new(IndexSearcher::new(map))
    } else {
        Box::new(BackgroundSearcher::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_before_the_index_then_ranks() {
        let map = crate::import::builtin();
        let mut s = BackgroundSearcher::new();
        assert!(s.wants_index());
        // Before the index, an answer comes at once, from the scan.
        let early = s.search(&map, 0, "protocollo");
        assert!(!early.hits.is_empty() && early.pending);
        // Asked while pending: worth asking again, once.
        assert!(s.install(crate::search::SearchIndex::new(&map)));
        assert!(s.is_ready() && !s.wants_index());
        let ranked = s.search(&map, 0, "protocollo");
        assert!(!ranked.pending);
        assert_eq!(
            ranked,
            IndexSearcher::new(&map).search(&map, 0, "protocollo")
        );
        let mut quiet = BackgroundSearcher::new();
        assert!(
            !quiet.install(crate::search::SearchIndex::new(&map)),
            "nothing was asked"
        );
    }

    #[test]
    fn the_scan_needs_every_word() {
        let map = crate::import::builtin();
        let scan = Scan::new(&map.datasets[0]);
        let both = scan.search("Protocollo generale");
        let one = scan.search("protocollo");
        assert!(!both.is_empty() && both.len() <= one.len());
        assert!(scan.search("zzzz").is_empty());
        assert!(scan.search("  ").is_empty());
        let ds = &map.datasets[0];
        for h in &both {
            let n = &ds.nodes[h.node];
            let text = crate::text::fold(&format!("{} {}", n.title, n.role));
            assert!(
                text.contains("protocollo") && text.contains("generale"),
                "{text}"
            );
        }
    }
}

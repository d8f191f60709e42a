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

/// Anything that ranks the nodes of a dataset for a query.
pub trait Searcher {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Vec<Hit>;
}

/// Case-insensitive word search over code, title and responsible. Stands in
/// until the ranked index is wired in.
#[derive(Debug, Default)]
pub struct PlainSearcher;

impl Searcher for PlainSearcher {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Vec<Hit> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let Some(ds) = map.datasets.get(dataset) else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for (i, n) in ds.nodes.iter().enumerate() {
            let title = n.title.to_lowercase();
            let code = n.code.clone().unwrap_or_default().to_lowercase();
            let who = crate::display::responsible(n).to_lowercase();
            let mut score = 0;
            let mut ok = true;
            let mut positions = Vec::new();
            for w in &words {
                if code.starts_with(w.as_str()) {
                    score += 100;
                } else if let Some(p) = title.find(w.as_str()) {
                    score += 50;
                    let start = title[..p].chars().count() as u32;
                    positions.extend(start..start + w.chars().count() as u32);
                } else if who.contains(w.as_str()) {
                    score += 10;
                } else {
                    ok = false;
                    break;
                }
            }
            if !who.is_empty() {
                score += 1; // an entry that answers "who?" beats its header
            }
            if ok && !words.is_empty() {
                hits.push(Hit {
                    node: i,
                    score,
                    title_positions: positions,
                });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.node.cmp(&b.node)));
        hits
    }
}

//! What narrows the tree: the search, the responsible filter and the
//! "only entries to review" switch. Matches are shown inside their
//! ancestors, so the tree keeps its shape.

use super::App;
use crate::roles::{Party, Responsibilities};
use crate::tui::search::Hit;
use std::collections::HashMap;

/// The longest query the explorer searches; longer text is ignored (and
/// the person is told): every keystroke's work stays bounded.
pub const MAX_QUERY_CHARS: usize = 256;

/// The role/office filter in force.
#[derive(Debug, Clone)]
pub struct PartyFilter {
    pub name: String,
    pub key: String,
    /// An office the catalogue has through its PTPC 2019 links.
    pub from_links: bool,
    /// Per node of the current dataset: does it name the party?
    pub nodes: Vec<bool>,
}

/// The active search: which nodes match and which are kept for context.
#[derive(Debug, Default)]
pub struct FilterState {
    /// Hits in rank order.
    pub hits: Vec<Hit>,
    /// Rank of each matching node.
    pub rank: HashMap<usize, usize>,
    /// Matches and their ancestors: the rows the filtered tree shows.
    pub keep: Vec<bool>,
    /// Expansion the user chose while filtering (overrides the automatic one).
    pub opened: HashMap<usize, bool>,
    /// No entry matched every word: these match `partial.0` of `partial.1`.
    pub partial: Option<(usize, usize)>,
    /// Part of the query was ignored (too long).
    pub truncated: bool,
    /// The index is still being built: the hits are a plain scan, in tree
    /// order ("indice in costruzione…").
    pub pending: bool,
}

impl App {
    /// Searches for a query just typed: the best match is selected.
    pub(crate) fn run_search(&mut self) {
        self.search_keeping(None);
    }

    /// Searches again for the same thing (a filter changed, the index
    /// arrived, records reloaded): the entry selected stays selected, or
    /// its nearest visible ancestor, said in the status line.
    pub(crate) fn refresh_search(&mut self) {
        let keep = self.selected_node();
        self.search_keeping(keep);
    }

    fn search_keeping(&mut self, keep: Option<usize>) {
        let has_query = !self.query.trim().is_empty();
        let pending = self.review.as_ref().is_some_and(|r| r.only_pending);
        if !has_query && self.party.is_none() && !pending {
            // Nothing narrows the tree: the entry selected stays, opened
            // inside its ancestors (its row number means another entry now).
            let keep = keep.or_else(|| self.selected_node());
            self.filter = None;
            if let Some(k) = keep {
                let mut up = self.links().parent.get(k).copied().flatten();
                while let Some(p) = up {
                    self.expanded[self.current][p] = true;
                    up = self.links().parent[p];
                }
            }
            self.rebuild_rows(keep);
            return;
        }
        let mut indexing = false;
        let (mut hits, partial, truncated) = if has_query && !self.map.datasets.is_empty() {
            let found = self.searcher.search(&self.map, self.current, &self.query);
            indexing = found.pending;
            (found.hits, found.partial, found.truncated)
        } else {
            // Only filters: every entry, narrowed below, in tree order.
            let hits = (0..self.dataset().nodes.len())
                .map(|node| Hit {
                    node,
                    score: 0,
                    title_positions: Vec::new(),
                })
                .collect();
            (hits, None, false)
        };
        let truncated = truncated || self.query.chars().count() >= MAX_QUERY_CHARS;
        if let Some(p) = &self.party {
            hits.retain(|h| p.nodes.get(h.node).copied().unwrap_or(false));
        }
        if let Some(review) = self.review.as_ref().filter(|r| r.only_pending) {
            // Only the entries still to assess in this round.
            hits.retain(|h| review.to_assess(&self.key(h.node)));
        }
        let links = &self.links[self.current.min(self.links.len().saturating_sub(1))];
        let mut keep_rows = vec![false; links.len()];
        let mut rank = HashMap::with_capacity(hits.len());
        for (r, h) in hits.iter().enumerate() {
            rank.insert(h.node, r);
            let mut cur = Some(h.node);
            while let Some(n) = cur {
                if keep_rows[n] && n != h.node {
                    break;
                }
                keep_rows[n] = true;
                cur = links.parent[n];
            }
        }
        let best = hits.first().map(|h| h.node);
        // The entry kept if it is still shown, else its nearest ancestor
        // that is (said), else the best match.
        let (target, moved_up) = match keep {
            Some(k) if keep_rows[k] => (Some(k), None),
            Some(k) => {
                let mut up = links.parent.get(k).copied().flatten();
                while let Some(p) = up.filter(|&p| !keep_rows[p]) {
                    up = links.parent[p];
                }
                (up.or(best), up.map(|a| (k, a)))
            }
            None => (best, None),
        };
        self.filter = Some(FilterState {
            hits,
            rank,
            keep: keep_rows,
            opened: HashMap::new(),
            partial,
            truncated,
            pending: indexing,
        });
        self.rebuild_rows(target);
        if target.is_none() {
            self.selected = 0;
        }
        if let Some((from, to)) = moved_up {
            let code = |n: usize| {
                let node = &self.dataset().nodes[n];
                crate::text::clean(node.code.as_deref().unwrap_or(&node.title)).into_owned()
            };
            self.message = Some(format!(
                "{} {} {} {}",
                code(from),
                self.strings().not_in_filter,
                self.strings().selected_above,
                code(to)
            ));
        }
    }

    /// The index of responsible parties, built at first use (with the
    /// links, the catalogue offers the annex's offices too).
    pub fn parties(&self) -> &Responsibilities {
        self.parties.get_or_init(|| match self.concordance() {
            Some(c) => Responsibilities::with_links(&self.map, c),
            None => Responsibilities::new(&self.map),
        })
    }

    /// The index of parties, once built.
    pub fn parties_index(&self) -> Option<&Responsibilities> {
        self.parties.get()
    }

    /// The parties of the current dataset, in the picker's order.
    pub fn party_list(&self) -> Vec<&Party> {
        let id = &self.dataset().id;
        self.parties().for_dataset(id).collect()
    }

    /// Forgets the parties (the links changed): built again when asked.
    pub(crate) fn forget_parties(&mut self) -> bool {
        self.parties.take().is_some()
    }

    /// The filter by the parties with `key`: those the entries name, or
    /// (`from_links`) the offices the catalogue has through its links.
    pub(crate) fn party_by_key(&self, key: &str, from_links: bool) -> Option<PartyFilter> {
        let id = self.dataset().id.clone();
        let len = self.dataset().nodes.len();
        let matching: Vec<Party> = self
            .parties()
            .for_dataset(&id)
            .filter(|p| p.key == key && p.from_links == from_links)
            .cloned()
            .collect();
        let first = matching.first()?;
        let mut nodes = vec![false; len];
        for p in &matching {
            for &n in &p.nodes {
                nodes[n] = true;
            }
        }
        Some(PartyFilter {
            name: first.name.clone(),
            key: key.to_string(),
            from_links,
            nodes,
        })
    }

    /// Filters by the party with `key` (from the picker).
    pub(crate) fn filter_by_party(&mut self, key: &str, from_links: bool) {
        self.party = self.party_by_key(key, from_links);
        self.refresh_search();
        if let Some(p) = &self.party {
            self.message = Some(format!("{} {}", self.strings().filter_on, p.name));
        }
    }
}

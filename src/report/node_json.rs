//! A node as every command writes it in JSON (`show`, `search`, `who`,
//! `export`, `links`): the node's own fields, the shape `--data` reads
//! back, then `links` to the entries of the other dataset that describe
//! the same work and the `offices` those links give a catalogue entry.
//! JSON is exact: text is escaped by serde, never cleaned.

use crate::concord::{Concordance, Link, LinkStatus};
use crate::model::{Map, Node, Structure};
use serde::Serialize;

/// What nodes are written from: the map and its concordance (with the
/// officer's decisions applied), computed once per command.
#[derive(Clone, Copy)]
pub struct Nodes<'a> {
    pub map: &'a Map,
    pub concordance: &'a Concordance,
}

/// A node with its links.
#[derive(Serialize)]
pub struct JsonNode<'a> {
    #[serde(flatten)]
    pub node: &'a Node,
    /// Best first; rejected ones last (never used).
    pub links: Vec<JsonLink<'a>>,
    /// The structures (`{area, servizio}`) of a catalogue entry's usable
    /// links, confirmed first, then by score; empty for the annex's own
    /// entries (they have `structures`) and when there are none.
    pub offices: Vec<Structure>,
}

/// The other end of a link.
#[derive(Serialize)]
pub struct JsonLink<'a> {
    pub dataset: &'a str,
    pub id: &'a str,
    pub code: Option<&'a str>,
    pub parent_code: Option<&'a str>,
    pub title: &'a str,
    /// 0..1, three decimals.
    pub score: f64,
    pub status: LinkStatus,
}

impl<'a> Nodes<'a> {
    pub fn new(map: &'a Map, concordance: &'a Concordance) -> Self {
        Nodes { map, concordance }
    }

    /// Node `node` of dataset `dataset` (indices into the map).
    pub fn node(&self, dataset: usize, node: usize) -> JsonNode<'a> {
        JsonNode {
            node: &self.map.datasets[dataset].nodes[node],
            links: self.links(dataset, node),
            offices: self.offices(dataset, node),
        }
    }

    pub fn links(&self, dataset: usize, node: usize) -> Vec<JsonLink<'a>> {
        self.concordance
            .links(dataset, node)
            .iter()
            .filter_map(|l| self.link(l))
            .collect()
    }

    /// The offices the links give an entry of the catalogue-like dataset.
    pub fn offices(&self, dataset: usize, node: usize) -> Vec<Structure> {
        let catalogue = self
            .concordance
            .pair()
            .is_some_and(|p| p.catalogo == dataset);
        if !catalogue {
            return Vec::new();
        }
        self.concordance.offices(self.map, dataset, node)
    }

    /// The entry a link leads to; `None` only for a link outside the map.
    pub fn link(&self, link: &Link) -> Option<JsonLink<'a>> {
        let ds = self.map.datasets.get(link.dataset)?;
        let n = ds.nodes.get(link.node)?;
        Some(JsonLink {
            dataset: &ds.id,
            id: &n.id,
            code: n.code.as_deref(),
            parent_code: n.parent_code.as_deref(),
            title: &n.title,
            score: rounded(link.score),
            status: link.status,
        })
    }
}

/// Three decimals are all a score says; more would only be noise in diffs.
pub fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

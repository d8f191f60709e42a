//! A node as every command writes it in JSON (`show`, `search`, `who`,
//! `export`, `links`): the node's own fields, the shape `--data` reads
//! back, then `links` to the entries of the other dataset that describe
//! the same work, the `offices` those links give a catalogue entry, and
//! for an entry that names no responsible itself, `responsibles_below`:
//! who answers for it (see [`crate::roles::answer_for`]).
//! JSON is exact: text is escaped by serde, never cleaned.

use crate::concord::{Basis, Concordance, Link, LinkStatus};
use crate::model::{Map, Node, Structure};
use crate::roles::{answer_for, Answer, Children};
use serde::Serialize;
use std::cell::OnceCell;

/// What nodes are written from: the map and its concordance (with the
/// officer's decisions applied), computed once per command.
#[derive(Clone)]
pub struct Nodes<'a> {
    pub map: &'a Map,
    pub concordance: &'a Concordance,
    /// Each dataset's children, the first time an answer needs them.
    children: OnceCell<Vec<Children>>,
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
    /// entries (they have `structures`) and when there are none. Only
    /// links sure enough give offices ([`Concordance::office_links`]).
    pub offices: Vec<Structure>,
    /// For an entry without a role or structures of its own: who answers
    /// for it, most named first; empty when it names its own.
    pub responsibles_below: Vec<JsonNamed>,
}

/// One role (catalogo) or office (ptpc2019) answering for an entry.
#[derive(Serialize)]
pub struct JsonNamed {
    /// Empty for an office.
    pub role: String,
    /// Empty for a role.
    pub area: String,
    pub servizio: String,
    /// How many entries name it (below, or through links).
    pub count: usize,
    /// Where it comes from: `sotto_voci` (the entries below),
    /// `collegamenti` (links to the other map), `voce_superiore` (the
    /// entries below the entry above).
    pub source: &'static str,
    /// `mappa` (what the map says), `auto` (a computed link: to be
    /// confirmed) or `confermato`.
    pub status: &'static str,
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
    /// `testo` (the texts read alike), `sotto_voci` (most sub-entries are
    /// linked there) or `entrambi`.
    pub basis: Basis,
}

impl<'a> Nodes<'a> {
    pub fn new(map: &'a Map, concordance: &'a Concordance) -> Self {
        Nodes {
            map,
            concordance,
            children: OnceCell::new(),
        }
    }

    /// Node `node` of dataset `dataset` (indices into the map).
    pub fn node(&self, dataset: usize, node: usize) -> JsonNode<'a> {
        let responsibles_below = match self.answer(dataset, node) {
            Some(a) => a
                .named
                .into_iter()
                .map(|n| JsonNamed {
                    role: n.role,
                    area: n.area,
                    servizio: n.servizio,
                    count: n.count,
                    source: a.source.slug(),
                    status: a.source.status(),
                })
                .collect(),
            None => Vec::new(),
        };
        JsonNode {
            node: &self.map.datasets[dataset].nodes[node],
            links: self.links(dataset, node),
            offices: self.offices(dataset, node),
            responsibles_below,
        }
    }

    /// Who answers for an entry that names no one itself.
    pub fn answer(&self, dataset: usize, node: usize) -> Option<Answer> {
        if crate::roles::names_someone(&self.map.datasets[dataset].nodes[node]) {
            return None;
        }
        let children = self
            .children
            .get_or_init(|| self.map.datasets.iter().map(Children::of).collect());
        answer_for(self.map, self.concordance, children, dataset, node)
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
            basis: link.basis,
        })
    }
}

/// Three decimals are all a score says; more would only be noise in diffs.
pub fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

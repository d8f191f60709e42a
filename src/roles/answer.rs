//! A name on every answer: who is responsible for an entry that names no
//! one itself. First the roles and offices its sub-entries name; for an
//! entry with nothing named below, those the links to the other map give
//! it, or give the entries below it (an office of the annex for a
//! catalogue entry, a catalogue role for an annex entry; only links sure
//! enough to give an office, and computed ones are to be confirmed, and
//! say so); and last, those of its parent or grandparent (named by it,
//! below it, or given by its links). Each answer says
//! where its names come from.

use super::below::{named_below, names_someone, Named, Shape};
use super::role_parts;
use crate::concord::{Concordance, LinkStatus};
use crate::model::Map;
use rustc_hash::FxHashMap;

/// Where the names of an [`Answer`] come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The entries below it.
    Below,
    /// Its links to the other map; `confirmed` when a person confirmed
    /// every link giving them, else they are to be confirmed.
    Links { confirmed: bool },
    /// The entries below its ancestor (node index in the same dataset).
    Above { ancestor: usize },
}

impl Source {
    /// The slug written in JSON.
    pub fn slug(self) -> &'static str {
        match self {
            Source::Below => "sotto_voci",
            Source::Links { .. } => "collegamenti",
            Source::Above { .. } => "voce_superiore",
        }
    }

    /// How sure: "mappa" for what the map says, "auto" for computed links
    /// (to be confirmed), "confermato" for confirmed ones.
    pub fn status(self) -> &'static str {
        match self {
            Source::Links { confirmed: false } => LinkStatus::Auto.slug(),
            Source::Links { confirmed: true } => LinkStatus::Confermato.slug(),
            _ => "mappa",
        }
    }
}

/// Who answers for an entry without a responsible of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub source: Source,
    pub named: Vec<Named>,
}

/// How far up the tree an answer is looked for: the entry's parent and
/// grandparent (further up, the names are a whole area's: no answer).
const LEVELS_UP: usize = 2;

/// The answer for node `node` of dataset `dataset`, or `None` when it
/// names its responsible itself or nothing anywhere near names anyone.
/// `children` holds each dataset's shape, by dataset index.
pub fn answer_for<S: Shape>(
    map: &Map,
    concordance: &Concordance,
    children: &[S],
    dataset: usize,
    node: usize,
) -> Option<Answer> {
    let ds = map.datasets.get(dataset)?;
    let tree = children.get(dataset)?;
    if names_someone(ds.nodes.get(node)?) {
        return None;
    }
    let below = named_below(ds, node, |i| tree.children(i));
    if !below.is_empty() {
        return Some(Answer {
            source: Source::Below,
            named: below,
        });
    }
    if let Some(answer) = from_links(map, concordance, children, dataset, &[node]) {
        return Some(answer);
    }
    // The links of the entries below it, when they have them.
    let below = subtree(tree, node, false);
    if let Some(answer) = from_links(map, concordance, children, dataset, &below) {
        return Some(answer);
    }
    // The entry above: who it names, or who is named below it, or what
    // its links and theirs give.
    let mut up = node;
    for _ in 0..LEVELS_UP {
        up = tree.parent(up)?;
        let parent = &ds.nodes[up];
        let named = if names_someone(parent) {
            own(parent)
        } else {
            named_below(ds, up, |i| tree.children(i))
        };
        if !named.is_empty() {
            return Some(Answer {
                source: Source::Above { ancestor: up },
                named,
            });
        }
        let around = subtree(tree, up, true);
        if let Some(answer) = from_links(map, concordance, children, dataset, &around) {
            return Some(answer);
        }
    }
    None
}

/// The nodes below `node` (and `node` itself when `with_node`), in node
/// order, at most [`MAX_BELOW`].
fn subtree(tree: &impl Shape, node: usize, with_node: bool) -> Vec<usize> {
    let mut below: Vec<usize> = Vec::new();
    if with_node {
        below.push(node);
    }
    let mut stack: Vec<usize> = tree.children(node).to_vec();
    while let Some(k) = stack.pop() {
        if below.len() >= MAX_BELOW {
            break;
        }
        below.push(k);
        stack.extend(tree.children(k).iter().copied());
    }
    below.sort_unstable();
    below
}

/// The roles and offices a node names itself, one entry each.
fn own(node: &crate::model::Node) -> Vec<Named> {
    let mut named: Vec<Named> = role_parts(&node.role)
        .into_iter()
        .map(|r| Named {
            role: super::capitalise(&r),
            area: String::new(),
            servizio: String::new(),
            count: 1,
        })
        .collect();
    for s in node.structures.iter() {
        let (area, servizio) = (s.area.trim(), s.servizio.trim());
        if !(area.is_empty() && servizio.is_empty()) {
            named.push(Named {
                role: String::new(),
                area: area.to_string(),
                servizio: servizio.to_string(),
                count: 1,
            });
        }
    }
    named
}

/// Most entries below one whose links are read for its answer.
const MAX_BELOW: usize = 10_000;

/// The offices (for catalogue entries) or roles (for annex entries) that
/// the links of `nodes` give, the links sure enough to give offices.
fn from_links<S: Shape>(
    map: &Map,
    concordance: &Concordance,
    children: &[S],
    dataset: usize,
    nodes: &[usize],
) -> Option<Answer> {
    let pair = concordance.pair()?;
    let links: Vec<_> = nodes
        .iter()
        .flat_map(|&n| concordance.office_links(dataset, n))
        .collect();
    if links.is_empty() {
        return None;
    }
    let confirmed = links.iter().all(|l| l.status == LinkStatus::Confermato);
    let mut named: Vec<Named> = Vec::new();
    if dataset == pair.catalogo {
        let mut counts: Vec<((String, String), usize)> = Vec::new();
        for &n in nodes {
            for s in concordance.offices(map, dataset, n) {
                let pair = (s.area.trim().to_string(), s.servizio.trim().to_string());
                match counts.iter_mut().find(|(p, _)| *p == pair) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((pair, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        named.extend(counts.into_iter().map(|((area, servizio), count)| Named {
            role: String::new(),
            area,
            servizio,
            count,
        }));
    } else {
        let catalogo = map.datasets.get(pair.catalogo)?;
        let mut counts: FxHashMap<String, (String, usize)> = FxHashMap::default();
        let mut order: Vec<String> = Vec::new();
        for l in &links {
            let Some(other) = catalogo.nodes.get(l.node) else {
                continue;
            };
            let roles: Vec<String> = if other.role.trim().is_empty() {
                let tree = children.get(pair.catalogo)?;
                named_below(catalogo, l.node, |i| tree.children(i))
                    .into_iter()
                    .filter(|n| !n.role.is_empty())
                    .map(|n| n.role)
                    .collect()
            } else {
                role_parts(&other.role)
            };
            for r in roles {
                let key = super::role_key(&r);
                let entry = counts.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    (r.clone(), 0)
                });
                entry.1 += 1;
            }
        }
        named.extend(order.iter().map(|k| {
            let (role, count) = &counts[k];
            Named {
                role: super::capitalise(role),
                area: String::new(),
                servizio: String::new(),
                count: *count,
            }
        }));
        named.sort_by_key(|n| std::cmp::Reverse(n.count));
    }
    (!named.is_empty()).then_some(Answer {
        source: Source::Links { confirmed },
        named,
    })
}

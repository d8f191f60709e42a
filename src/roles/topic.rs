//! `mappa who TOPIC` when the words name no role or office: a clerk gives a
//! topic (economato, pulizie, automezzi) and wants the office that handles
//! it. The answer is the entries search finds for the words, grouped by
//! who is responsible for them — offices first, then roles — each group
//! ranked by how many of its entries match and how well.
//!
//! An entry counts for the parties it names itself; a catalogue entry also
//! for the offices its links give it (sure enough to give one, see
//! [`crate::concord::Concordance::office_links`]); an entry that names no
//! one, for those that answer for it ([`super::answer_for`]), sharing its
//! weight among them by how many entries name each.

use super::answer::{answer_for, Source};
use super::below::Shape;
use super::{capitalise, role_key, role_parts};
use crate::concord::{Concordance, LinkStatus};
use crate::model::Map;
use crate::search::SearchHit;
use rustc_hash::FxHashMap;

/// Hits scoring below this share of the best are left out: what a word
/// matches only loosely says nothing about who handles the topic.
pub const RELEVANT: f32 = 0.6;
/// Most hits grouped.
pub const MOST_HITS: usize = 40;

/// How an entry comes to be in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// It names the party itself.
    Own,
    /// Its links give it the office; `confirmed` when a person confirmed one.
    Links { confirmed: bool },
    /// It names no one and the party answers for it (see [`Source`]).
    Answer(Source),
}

/// One entry of a group, in the order search ranked it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub dataset: usize,
    pub node: usize,
    pub via: Via,
}

/// A role or an office and the entries found for the topic that it handles.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// An office (area and servizio), else a role.
    pub office: bool,
    /// "Servizi amministrativi / Risorse umane e patrimonio", "PO Settore".
    pub name: String,
    /// The dataset whose entries name it (index into the map).
    pub dataset: usize,
    /// How much its entries match: each entry's score over the best.
    pub weight: f32,
    pub members: Vec<Member>,
}

/// The groups for `hits` (best first, as search ranked them): offices
/// first, then roles, each by weight, then by number of entries.
pub fn by_topic<S: Shape>(
    map: &Map,
    concordance: &Concordance,
    children: &[S],
    hits: &[SearchHit],
) -> Vec<Group> {
    let best = hits.first().map_or(0.0, |h| h.score);
    let mut groups: Vec<Group> = Vec::new();
    let mut at: FxHashMap<(bool, usize, String), usize> = FxHashMap::default();
    let mut add =
        |office: bool, dataset: usize, key: String, name: String, weight: f32, m: Member| {
            let i = *at.entry((office, dataset, key)).or_insert_with(|| {
                groups.push(Group {
                    office,
                    name,
                    dataset,
                    weight: 0.0,
                    members: Vec::new(),
                });
                groups.len() - 1
            });
            let g = &mut groups[i];
            g.weight += weight;
            if !g
                .members
                .iter()
                .any(|x| x.dataset == m.dataset && x.node == m.node)
            {
                g.members.push(m);
            }
        };
    let office_key =
        |area: &str, servizio: &str| format!("{}\t{}", role_key(area), role_key(servizio));
    let office_name = |area: &str, servizio: &str| match (area.is_empty(), servizio.is_empty()) {
        (false, false) => format!("{area} / {servizio}"),
        (false, true) => area.to_string(),
        _ => servizio.to_string(),
    };
    for h in hits
        .iter()
        .filter(|h| best > 0.0 && h.score >= RELEVANT * best)
        .take(MOST_HITS)
    {
        let (d, n) = (h.dataset, h.node);
        let Some(node) = map.datasets.get(d).and_then(|ds| ds.nodes.get(n)) else {
            continue;
        };
        let relevance = h.score / best;
        let member = |via| Member {
            dataset: d,
            node: n,
            via,
        };
        let mut named = false;
        for r in role_parts(&node.role) {
            named = true;
            add(
                false,
                d,
                role_key(&r),
                capitalise(&r),
                relevance,
                member(Via::Own),
            );
        }
        for s in node.structures.iter() {
            let (area, servizio) = (s.area.trim(), s.servizio.trim());
            if area.is_empty() && servizio.is_empty() {
                continue;
            }
            named = true;
            add(
                true,
                d,
                office_key(area, servizio),
                office_name(area, servizio),
                relevance,
                member(Via::Own),
            );
        }
        // The offices a catalogue entry's links give it.
        if let Some(pair) = concordance.pair().filter(|p| p.catalogo == d) {
            let confirmed = concordance
                .office_links(d, n)
                .any(|l| l.status == LinkStatus::Confermato);
            for s in concordance.offices(map, d, n) {
                let (area, servizio) = (s.area.trim(), s.servizio.trim());
                add(
                    true,
                    pair.ptpc,
                    office_key(area, servizio),
                    office_name(area, servizio),
                    relevance,
                    member(Via::Links { confirmed }),
                );
                named = true;
            }
        }
        if named {
            continue;
        }
        let Some(answer) = answer_for(map, concordance, children, d, n) else {
            continue;
        };
        let total: usize = answer.named.iter().map(|x| x.count).sum::<usize>().max(1);
        // Offices through links name the annex's offices; roles through
        // links the catalogue's.
        let other = match (answer.source, concordance.pair()) {
            (Source::Links { .. }, Some(p)) => {
                if d == p.catalogo {
                    p.ptpc
                } else {
                    p.catalogo
                }
            }
            _ => d,
        };
        for x in &answer.named {
            let share = relevance * x.count as f32 / total as f32;
            let m = member(Via::Answer(answer.source));
            if x.is_office() {
                add(
                    true,
                    other,
                    office_key(&x.area, &x.servizio),
                    office_name(&x.area, &x.servizio),
                    share,
                    m,
                );
            } else {
                add(false, other, role_key(&x.role), x.role.clone(), share, m);
            }
        }
    }
    groups.sort_by(|a, b| {
        b.office
            .cmp(&a.office)
            .then(b.weight.total_cmp(&a.weight))
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.name.cmp(&b.name))
    });
    groups
}

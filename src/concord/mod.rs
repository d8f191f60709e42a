//! The concordance: which entries of the catalogue (`catalogo`) and of the
//! anti-corruption annex (`ptpc2019`) describe the same work, found from
//! what they say, not from their codes (the two number the same work
//! differently), and the officer's decisions, which always win.
//!
//! A pure computation over a [`Map`]: it knows nothing of terminals, the
//! command line or the review store. [`Concordance::compute`] on the seeds
//! takes a few milliseconds (`cargo bench --bench concord`), meant for a
//! background thread: the explorer's first frame does not wait for it.
//!
//! # Which datasets
//!
//! `catalogo` with `ptpc2019` when both are loaded; otherwise the first
//! dataset with roles and no structures (the catalogue-like one) with the
//! first other dataset that has structures (the annex-like one). With no
//! such pair the concordance is empty. Links join sub-processes,
//! activities and actions (any of them on either side) by their text;
//! macro-processes and processes are scored too, as context for their
//! children, and a catalogue process or sub-process is also linked from
//! its sub-entries' links (`below.rs`), each link saying its [`Basis`].
//! Offices come only from links sure enough to give one
//! ([`Concordance::office_links`], [`Tuning::offices`]); the built-in
//! seeds' concordance is a table in the binary (`frozen.rs`).
//!
//! # How a pair is scored
//!
//! 1. **Terms.** Every text is cut into folded words ([`crate::text`]);
//!    Italian function words ([`crate::text::is_stopword`]) and single
//!    letters or digits are dropped, the rest stemmed (`carte
//!    tachigrafiche` = `carta tachigrafica`, `territoriale` = `territorio`).
//!    Each term weighs its rarity, `ln(1 + N / df)` over the entries of both
//!    datasets: `tachigrafiche` decides, `gestione` hardly counts.
//! 2. **Vectors**, of unit length, for each entry: *head* (title and name;
//!    when a name differs from the title, as the variants of one code do,
//!    title words weigh [`Tuning::title_beside_name`]), *full* (head, plus
//!    activities × [`Tuning::activities`], input and output ×
//!    [`Tuning::input_output`], children's titles × [`Tuning::children`],
//!    grandchildren's × its square), *context* (the ancestors' titles, each
//!    level up × [`Tuning::ancestors`]) and *duty* (the catalogue's role
//!    words; the annex's structure words, a sub-process taking its
//!    actions'). A term takes its largest weight in the vector, raised for
//!    repeats ([`Tuning::repeats`]).
//! 3. **Content** = `title_share · cos(head) + (1 − title_share) · cos(full)`:
//!    titles say most; the rest breaks ties and catches what the titles word
//!    differently.
//! 4. **Agreement** = `context · C + parents · P + duty · D`, capped at 1,
//!    where C is the best of the contexts' cosine and each context against
//!    the other entry's whole text (a topic can be a macro-process in one
//!    map and a word of a sub-process in the other), P is how well the two
//!    parents match (their pair's score over the best score of the
//!    catalogue parent) and D is the cosine of the duty vectors. Because P
//!    is a score that has the grandparents' agreement in it, agreement
//!    propagates down the tree.
//! 5. **Score** = `content ^ (1 + neighbourhood · (1 − agreement))`, times
//!    [`Tuning::across_levels`] when a leaf (activity, action) meets an
//!    inner entry (sub-process). A weak match whose neighbourhood does not
//!    agree loses much; a near-perfect one hardly anything. 0 stays 0:
//!    agreement never makes a link from nothing.
//! 6. **Cut.** A pair is linked when its score reaches
//!    [`Tuning::threshold`] and it is among the best [`Tuning::max_links`]
//!    of either entry with at least [`Tuning::relative`] of that entry's
//!    best score. Below the threshold an entry honestly has no
//!    counterpart ([`Concordance::unmatched`]).
//!
//! Ties are broken by node order; nothing depends on hash order, so the
//! same map always gives the same concordance.
//!
//! # Tuning
//!
//! The knobs are the fields of [`Tuning`]. `tests/it/concord_pairs.rs`
//! holds pairs established by reading both maps, at every level; the tests
//! print precision, recall and the misses, level by level (`cargo test
//! --test it concord -- --nocapture`), and `cargo run --release --example
//! concord_tuning -- sweep|offices` shows what moving each knob, or the
//! office threshold, does. The threshold trades recall for precision;
//! `neighbourhood`, `parents` and `context` decide how much the
//! surroundings may pull an entry away from its best title match. Scores
//! of right links on the seeds mostly lie between 0.2 and 0.9; a link just
//! above the threshold is a guess worth confirming.
//!
//! # Decisions
//!
//! [`Concordance::apply`] takes the officer's verdicts on pairs of node
//! indices. A confirmed or added link is listed first ([`LinkStatus::Confermato`]),
//! a rejected one last ([`LinkStatus::Respinto`]) and is never the best;
//! computed links keep [`LinkStatus::Auto`]. The review store files
//! decisions under the entries' review keys, so that they survive a
//! re-import; [`decisions::resolve`] finds those entries in the map loaded
//! now and gives the node indices [`Concordance::apply`] takes.
//!
//! # Two versions of one map
//!
//! [`compare::Comparison`] reads two versions of the same map with the same
//! vectors, for `mappa diff` ([`crate::import::diff`]): how alike any old
//! entry reads to any new one, and how much of an entry others hold.

mod below;
pub mod compare;
pub mod decisions;
mod frozen;
mod offices;
mod pairing;
mod profile;
mod similarity;
mod terms;
#[cfg(test)]
mod tests;
mod tree;
mod tuning;
mod vector;

pub use pairing::Pair;
pub use tuning::Tuning;

use crate::model::{Kind, Map, Structure};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tree::Tree;

/// The two datasets a concordance of `map` joins (see the module doc), or
/// `None`: known without computing anything.
pub fn pair_of(map: &Map) -> Option<Pair> {
    pairing::choose(map)
}

/// Where a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    /// Computed from the content; nobody has looked at it.
    Auto,
    /// Confirmed (or added) by a person: always the best link.
    Confermato,
    /// Rejected by a person: listed last, never used.
    Respinto,
}

impl LinkStatus {
    /// The slug used in JSON and in the review store.
    pub fn slug(self) -> &'static str {
        match self {
            LinkStatus::Auto => "auto",
            LinkStatus::Confermato => "confermato",
            LinkStatus::Respinto => "respinto",
        }
    }

    /// Order in a list of links: confirmed, computed, rejected.
    fn rank(self) -> u8 {
        match self {
            LinkStatus::Confermato => 0,
            LinkStatus::Auto => 1,
            LinkStatus::Respinto => 2,
        }
    }
}

/// What a computed link rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The two entries' texts read alike.
    Testo,
    /// Most of the entry's sub-entries are linked there (a process, a
    /// sub-process: see [`below`]).
    SottoVoci,
    /// Both.
    Entrambi,
}

impl Basis {
    /// The slug used in JSON.
    pub fn slug(self) -> &'static str {
        match self {
            Basis::Testo => "testo",
            Basis::SottoVoci => "sotto_voci",
            Basis::Entrambi => "entrambi",
        }
    }
}

/// A link from an entry to an entry of the other dataset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Link {
    /// Index of the other dataset in [`Map::datasets`].
    pub dataset: usize,
    /// Index of the linked node in that dataset's `nodes`.
    pub node: usize,
    /// How alike the two entries read, 0..1, as computed; 0 for a pair a
    /// person added that scores below half the threshold (the content
    /// hardly supports it).
    pub score: f32,
    pub status: LinkStatus,
    /// Whether the score comes from the texts, the sub-entries' links or both.
    pub basis: Basis,
}

/// A person's verdict on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The computed link is right.
    Confirm,
    /// The link is wrong: never use it.
    Reject,
    /// A link the computation missed.
    Add,
}

/// A verdict on the pair (catalogue node, annex node), by node index in
/// the two datasets of [`Concordance::pair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub catalogo: usize,
    pub ptpc: usize,
    pub verdict: Verdict,
}

/// A pair the computation scored, by node index (catalogue, annex).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scored {
    catalogo: u32,
    ptpc: u32,
    score: f32,
    /// Above the threshold and among the best of one of the two entries.
    linked: bool,
    basis: Basis,
}

/// Links between the catalogue-like and the annex-like dataset of a map,
/// both ways, with people's decisions applied. Plain data: compute it on a
/// background thread and send it over.
#[derive(Debug, Clone, Default)]
pub struct Concordance {
    pair: Option<Pair>,
    /// Linkable pairs that scored at least half the threshold, sorted by
    /// (catalogue, annex) node.
    scored: Vec<Scored>,
    decisions: BTreeMap<(u32, u32), Verdict>,
    /// Links of each node, best first: `[catalogue side, annex side]`.
    lists: [Vec<Vec<Link>>; 2],
    /// Whether each node takes part in links (sub-processes, activities,
    /// actions, with some text): `[catalogue side, annex side]`.
    linkable: [Vec<bool>; 2],
    /// The annex's tree, for the structures of a sub-process's actions.
    ptpc_tree: Tree,
    /// [`Tuning::offices`].
    office_floor: f32,
}

impl Concordance {
    /// The concordance of `map` with the default [`Tuning`].
    pub fn compute(map: &Map) -> Concordance {
        Concordance::compute_with(map, &Tuning::default())
    }

    /// The concordance of the built-in seeds, from the table built into
    /// the binary (see `concord/frozen.rs`); `None` when `map` is not
    /// the built-in one (by its datasets and their sizes: the caller knows
    /// it loaded no file).
    pub fn of_seeds(map: &Map) -> Option<Concordance> {
        frozen::seeds(map)
    }

    /// The concordance of `map` with other weights (for tuning).
    pub fn compute_with(map: &Map, tuning: &Tuning) -> Concordance {
        let Some(pair) = pairing::choose(map) else {
            return Concordance::default();
        };
        let datasets = [&map.datasets[pair.catalogo], &map.datasets[pair.ptpc]];
        let trees = datasets.map(Tree::of);
        let (profiles, terms) =
            profile::profiles([(datasets[0], &trees[0]), (datasets[1], &trees[1])], tuning);
        let rows = similarity::score(
            (&profiles[0], &trees[0]),
            (&profiles[1], &trees[1]),
            terms,
            tuning,
        );
        let linkable: [Vec<bool>; 2] = [0, 1].map(|side| {
            datasets[side]
                .nodes
                .iter()
                .zip(&profiles[side])
                .map(|(n, p)| {
                    matches!(n.kind, Kind::SottoProcesso | Kind::Attivita | Kind::Azione)
                        && !p.full.is_empty()
                })
                .collect()
        });
        let mut scored = select(&rows, &linkable, tuning);
        below::add(&mut scored, &rows, datasets, [&trees[0], &trees[1]], tuning);
        let mut linkable = linkable;
        // A process linked from below takes part in links too: rejecting
        // its link leaves it without a counterpart.
        for s in scored.iter().filter(|s| s.basis != Basis::Testo) {
            linkable[0][s.catalogo as usize] = true;
        }
        let [_, ptpc_tree] = trees;
        let mut concordance = Concordance {
            pair: Some(pair),
            scored,
            decisions: BTreeMap::new(),
            lists: [
                vec![Vec::new(); datasets[0].nodes.len()],
                vec![Vec::new(); datasets[1].nodes.len()],
            ],
            linkable,
            ptpc_tree,
            office_floor: tuning.offices,
        };
        concordance.rebuild();
        concordance
    }

    /// The two datasets joined, if the map has them.
    pub fn pair(&self) -> Option<Pair> {
        self.pair
    }

    /// The links of a node to the other dataset: confirmed first, then
    /// computed ones by score, rejected ones last. Empty for a node without
    /// links and for a dataset the concordance does not join.
    pub fn links(&self, dataset: usize, node: usize) -> &[Link] {
        self.side(dataset)
            .and_then(|s| self.lists[s].get(node))
            .map_or(&[], |l| &l[..])
    }

    /// The link to use for a node: the first of [`Concordance::links`],
    /// unless it is rejected.
    pub fn best(&self, dataset: usize, node: usize) -> Option<&Link> {
        self.links(dataset, node)
            .first()
            .filter(|l| l.status != LinkStatus::Respinto)
    }

    /// The offices (`{area, servizio}`) responsible for a node according to
    /// its links, in the order of the links, each once; for an annex node,
    /// its own structures (a sub-process: its actions'). Empty when none.
    pub fn offices(&self, map: &Map, dataset: usize, node: usize) -> Vec<Structure> {
        let (Some(pair), Some(side)) = (self.pair, self.side(dataset)) else {
            return Vec::new();
        };
        let Some(ptpc) = map.datasets.get(pair.ptpc) else {
            return Vec::new();
        };
        if side == 1 {
            return offices::of_nodes(ptpc, &self.ptpc_tree, [node]);
        }
        let linked = self.office_links(dataset, node).map(|l| l.node);
        offices::of_nodes(ptpc, &self.ptpc_tree, linked)
    }

    /// The links of a node that are sure enough to give it an office: the
    /// confirmed ones, and computed ones scoring at least
    /// [`Tuning::offices`] (a wrong office is worse than none). Offices
    /// given by computed links are still to be confirmed, and say so.
    pub fn office_links(&self, dataset: usize, node: usize) -> impl Iterator<Item = &Link> + '_ {
        let floor = self.office_floor;
        self.links(dataset, node)
            .iter()
            .filter(move |l| match l.status {
                LinkStatus::Confermato => true,
                LinkStatus::Auto => l.score >= floor,
                LinkStatus::Respinto => false,
            })
    }

    /// The score from which a computed link gives an office.
    pub fn office_floor(&self) -> f32 {
        self.office_floor
    }

    /// Whether a node takes part in links: a sub-process, activity or
    /// action with some text, of one of the two datasets joined.
    pub fn linkable(&self, dataset: usize, node: usize) -> bool {
        self.side(dataset)
            .and_then(|s| self.linkable[s].get(node))
            .copied()
            .unwrap_or(false)
    }

    /// The best-scoring entry of the other dataset that is not among a
    /// node's links (scored at least half the threshold, no decision on
    /// it): the candidate worth a look when the node has no link. `None`
    /// when nothing comes that close.
    pub fn nearest(&self, dataset: usize, node: usize) -> Option<Link> {
        let pair = self.pair?;
        let side = self.side(dataset)?;
        let listed = self.links(dataset, node);
        let candidates: Box<dyn Iterator<Item = &Scored>> = if side == 0 {
            let start = self
                .scored
                .partition_point(|s| (s.catalogo as usize) < node);
            Box::new(
                self.scored[start..]
                    .iter()
                    .take_while(|s| s.catalogo as usize == node),
            )
        } else {
            Box::new(self.scored.iter().filter(|s| s.ptpc as usize == node))
        };
        let other = |s: &Scored| match side {
            0 => s.ptpc as usize,
            _ => s.catalogo as usize,
        };
        candidates
            .filter(|s| !listed.iter().any(|l| l.node == other(s)))
            .max_by(|a, b| a.score.total_cmp(&b.score).then(other(b).cmp(&other(a))))
            .map(|s| Link {
                dataset: if side == 0 { pair.ptpc } else { pair.catalogo },
                node: other(s),
                score: s.score,
                status: LinkStatus::Auto,
                basis: s.basis,
            })
    }

    /// The linkable nodes of a dataset that have no link to use (none, or
    /// only rejected ones), in node order.
    pub fn unmatched(&self, dataset: usize) -> impl Iterator<Item = usize> + '_ {
        let side = self.side(dataset);
        let linkable = side.map_or(&[][..], |s| &self.linkable[s][..]);
        linkable
            .iter()
            .enumerate()
            .filter(|&(_, &l)| l)
            .map(|(i, _)| i)
            .filter(move |&i| self.best(dataset, i).is_none())
    }

    /// Applies people's decisions on top of those applied before; a later
    /// decision on the same pair replaces an earlier one. Decisions naming
    /// a node outside the two datasets are skipped. Returns how many were
    /// applied.
    pub fn apply(&mut self, decisions: &[Decision]) -> usize {
        let sizes = [self.lists[0].len(), self.lists[1].len()];
        let mut applied = 0;
        for d in decisions {
            if d.catalogo < sizes[0] && d.ptpc < sizes[1] {
                self.decisions
                    .insert((d.catalogo as u32, d.ptpc as u32), d.verdict);
                applied += 1;
            }
        }
        if applied > 0 {
            self.rebuild();
        }
        applied
    }

    /// Forgets every decision: back to the computed links.
    pub fn clear_decisions(&mut self) {
        self.decisions.clear();
        self.rebuild();
    }

    fn side(&self, dataset: usize) -> Option<usize> {
        let pair = self.pair?;
        if dataset == pair.catalogo {
            Some(0)
        } else if dataset == pair.ptpc {
            Some(1)
        } else {
            None
        }
    }

    /// How alike a catalogue node and an annex node read, as computed (0
    /// for a pair scored below half the threshold).
    pub fn score(&self, catalogo: usize, ptpc: usize) -> f32 {
        self.score_of(catalogo as u32, ptpc as u32)
    }

    fn score_of(&self, catalogo: u32, ptpc: u32) -> f32 {
        self.scored
            .binary_search_by_key(&(catalogo, ptpc), |s| (s.catalogo, s.ptpc))
            .map_or(0.0, |i| self.scored[i].score)
    }

    fn basis_of(&self, catalogo: u32, ptpc: u32) -> Basis {
        self.scored
            .binary_search_by_key(&(catalogo, ptpc), |s| (s.catalogo, s.ptpc))
            .map_or(Basis::Testo, |i| self.scored[i].basis)
    }

    /// The link lists from the computed links and the decisions.
    fn rebuild(&mut self) {
        let Some(pair) = self.pair else {
            return;
        };
        let mut lists: [Vec<Vec<Link>>; 2] = [
            vec![Vec::new(); self.lists[0].len()],
            vec![Vec::new(); self.lists[1].len()],
        ];
        let mut push = |c: u32, p: u32, score, status, basis| {
            lists[0][c as usize].push(Link {
                dataset: pair.ptpc,
                node: p as usize,
                score,
                status,
                basis,
            });
            lists[1][p as usize].push(Link {
                dataset: pair.catalogo,
                node: c as usize,
                score,
                status,
                basis,
            });
        };
        for s in self.scored.iter().filter(|s| s.linked) {
            if !self.decisions.contains_key(&(s.catalogo, s.ptpc)) {
                push(s.catalogo, s.ptpc, s.score, LinkStatus::Auto, s.basis);
            }
        }
        for (&(c, p), &verdict) in &self.decisions {
            let status = match verdict {
                Verdict::Confirm | Verdict::Add => LinkStatus::Confermato,
                Verdict::Reject => LinkStatus::Respinto,
            };
            push(c, p, self.score_of(c, p), status, self.basis_of(c, p));
        }
        for list in lists.iter_mut().flatten() {
            list.sort_by(|a, b| {
                (a.status.rank().cmp(&b.status.rank()))
                    .then(b.score.total_cmp(&a.score))
                    .then(a.node.cmp(&b.node))
            });
        }
        self.lists = lists;
    }
}

/// The linkable pairs worth keeping from the score rows: those at or above
/// half the threshold (so that a decision on a near miss still shows its
/// score), marked linked when they pass the cut (see the module doc).
fn select(rows: &similarity::Rows, linkable: &[Vec<bool>; 2], tuning: &Tuning) -> Vec<Scored> {
    let floor = tuning.floor();
    let mut scored: Vec<Scored> = Vec::new();
    for (c, row) in rows.iter().enumerate() {
        if !linkable[0][c] {
            continue;
        }
        for &(p, score) in row {
            if linkable[1][p as usize] && score >= floor {
                scored.push(Scored {
                    catalogo: c as u32,
                    ptpc: p,
                    score,
                    linked: false,
                    basis: Basis::Testo,
                });
            }
        }
    }
    // Best of each entry: indices into `scored`, by score, then node order.
    let mut by_side: [Vec<Vec<usize>>; 2] = [
        vec![Vec::new(); linkable[0].len()],
        vec![Vec::new(); linkable[1].len()],
    ];
    for (i, s) in scored.iter().enumerate() {
        if s.score >= tuning.threshold {
            by_side[0][s.catalogo as usize].push(i);
            by_side[1][s.ptpc as usize].push(i);
        }
    }
    let mut linked = vec![false; scored.len()];
    for (side, lists) in by_side.iter_mut().enumerate() {
        for list in lists.iter_mut() {
            list.sort_by(|&a, &b| {
                let other = |i: usize| match side {
                    0 => scored[i].ptpc,
                    _ => scored[i].catalogo,
                };
                scored[b]
                    .score
                    .total_cmp(&scored[a].score)
                    .then(other(a).cmp(&other(b)))
            });
            let Some(&best) = list.first() else { continue };
            let floor = scored[best].score * tuning.relative;
            for &i in list.iter().take(tuning.max_links) {
                if scored[i].score >= floor {
                    linked[i] = true;
                }
            }
        }
    }
    for (s, l) in scored.iter_mut().zip(linked) {
        s.linked = l;
    }
    scored
}

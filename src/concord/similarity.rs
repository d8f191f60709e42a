//! Scores of every pair of entries (catalogue × annex) that share a term:
//! content similarity, raised by agreeing contexts, agreeing parents and
//! agreeing responsible vocabulary.

use super::profile::Profile;
use super::tree::Tree;
use super::tuning::Tuning;
use super::vector::Terms;

/// For each catalogue node, the annex nodes it shares a term with and the
/// pair's score, sorted by annex node.
pub type Rows = Vec<Vec<(u32, f32)>>;

/// Postings of one kind of vector: for each term, the annex nodes that have
/// it and its weight there, in node order. One flat array (`entries`, a
/// term's run from `starts[t]` to `starts[t + 1]`): the lists are read
/// hundreds of times, and adjacent runs stay in cache.
pub(super) struct Postings {
    starts: Vec<u32>,
    entries: Vec<(u32, f32)>,
}

impl Postings {
    pub(super) fn of<'a>(
        terms: usize,
        vectors: impl Iterator<Item = &'a Terms> + Clone,
    ) -> Postings {
        let mut starts = vec![0u32; terms + 1];
        for v in vectors.clone() {
            for (t, _) in v.iter() {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0, 0.0); starts[terms] as usize];
        for (node, v) in vectors.enumerate() {
            for (t, w) in v.iter() {
                let slot = &mut next[t as usize];
                entries[*slot as usize] = (node as u32, w);
                *slot += 1;
            }
        }
        Postings { starts, entries }
    }

    /// The annex nodes that have term `t`, with its weight there.
    fn list(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Dot products of one catalogue vector with every annex vector, by annex
/// node. Dense: the annex has a few hundred entries, so clearing and
/// scanning the whole array costs less than tracking which were reached.
pub(super) struct Dots(Vec<f32>);

impl Dots {
    pub(super) fn new(n: usize) -> Dots {
        Dots(vec![0.0; n])
    }

    /// Each sum adds the products in term order, as a sparse dot product
    /// would: the same vectors always give the same bits.
    pub(super) fn run(&mut self, postings: &Postings, v: &Terms) {
        self.0.fill(0.0);
        for (t, w) in v.iter() {
            for &(node, wn) in postings.list(t) {
                self.0[node as usize] += w * wn;
            }
        }
    }

    /// Whether `v` shares a term with the annex node (weights are
    /// positive, so a shared term leaves a sum above 0).
    pub(super) fn reached(&self, node: usize) -> bool {
        self.0[node] != 0.0
    }

    pub(super) fn get(&self, node: usize) -> f32 {
        self.0[node].clamp(0.0, 1.0)
    }
}

/// Scores every pair that shares a content term (`terms`: how many term
/// ids there are). Catalogue nodes are taken parents first, so that a
/// pair's parents are scored before it.
pub fn score(
    catalogo: (&[Profile], &Tree),
    ptpc: (&[Profile], &Tree),
    terms: usize,
    tuning: &Tuning,
) -> Rows {
    let (cat, cat_tree) = catalogo;
    let annex = Annex::of(ptpc.0, ptpc.1, terms);
    Scorer::new(&annex, tuning).rows(cat, cat_tree)
}

/// The annex side, indexed for scoring: the postings of each kind of
/// vector, and what a pair's score needs of each annex node.
struct Annex<'a> {
    head: Postings,
    full: Postings,
    context: Postings,
    duty: Postings,
    parent: &'a [Option<u32>],
    leaf: Vec<bool>,
}

impl Annex<'_> {
    fn of<'a>(profiles: &[Profile], tree: &'a Tree, terms: usize) -> Annex<'a> {
        let postings =
            |kind: fn(&Profile) -> &Terms| Postings::of(terms, profiles.iter().map(kind));
        Annex {
            head: postings(|p| &p.head),
            full: postings(|p| &p.full),
            context: postings(|p| &p.context),
            duty: postings(|p| &p.duty),
            parent: &tree.parent,
            leaf: tree.children.iter().map(Vec::is_empty).collect(),
        }
    }

    fn len(&self) -> usize {
        self.leaf.len()
    }
}

/// The scoring buffers, reused from one catalogue node to the next.
struct Scorer<'a> {
    annex: &'a Annex<'a>,
    tuning: &'a Tuning,
    dots: [Dots; 6],
    parent: ParentRow,
    row: Vec<(u32, f32)>,
}

impl<'a> Scorer<'a> {
    fn new(annex: &'a Annex<'a>, tuning: &'a Tuning) -> Scorer<'a> {
        Scorer {
            annex,
            tuning,
            dots: [(); 6].map(|_| Dots::new(annex.len())),
            parent: ParentRow::new(annex.len()),
            row: Vec::with_capacity(annex.len()),
        }
    }

    /// The rows of every catalogue node.
    fn rows(&mut self, cat: &[Profile], tree: &Tree) -> Rows {
        let mut rows: Rows = vec![Vec::new(); cat.len()];
        for &c in &tree.top_down {
            let c = c as usize;
            self.dot(&cat[c]);
            self.parent
                .set(tree.parent[c].map(|pc| &rows[pc as usize][..]));
            self.row.clear();
            score_row(
                &self.dots,
                self.annex,
                &self.parent,
                tree.children[c].is_empty(),
                self.tuning,
                &mut self.row,
            );
            // Copied out of the reused buffer: one allocation of the right
            // size.
            rows[c] = self.row.to_vec();
        }
        rows
    }

    /// The dot products of one catalogue entry's vectors with every annex
    /// entry's.
    fn dot(&mut self, profile: &Profile) {
        let (a, d) = (self.annex, &mut self.dots);
        d[0].run(&a.head, &profile.head);
        d[1].run(&a.full, &profile.full);
        d[2].run(&a.context, &profile.context);
        d[3].run(&a.duty, &profile.duty);
        // One side's ancestors against the other's text too: the same
        // topic may be a macro-process in one map and a word of a
        // sub-process in the other (catalogo D3 "Turismo e cultura").
        d[4].run(&a.full, &profile.context);
        d[5].run(&a.context, &profile.full);
    }
}

/// The catalogue parent's row spread out by annex node, so that each pair
/// finds its parent pair's score at once; with the row's best score.
struct ParentRow {
    scores: Vec<f32>,
    /// The annex nodes of the row spread out, to clear them.
    spread: Vec<u32>,
    present: bool,
    best: f32,
}

impl ParentRow {
    fn new(n: usize) -> ParentRow {
        ParentRow {
            scores: vec![0.0; n],
            spread: Vec::new(),
            present: false,
            best: 0.0,
        }
    }

    /// Spreads out `row` (`None`: a catalogue root, no parent).
    fn set(&mut self, row: Option<&[(u32, f32)]>) {
        for &p in &self.spread {
            self.scores[p as usize] = 0.0;
        }
        self.spread.clear();
        self.present = row.is_some();
        let row = row.unwrap_or_default();
        for &(p, s) in row {
            self.scores[p as usize] = s;
            self.spread.push(p);
        }
        self.best = row
            .iter()
            .map(|&(_, s)| s)
            .max_by(f32::total_cmp)
            .unwrap_or(0.0);
    }

    /// How well the parents match: the parent pair's score over the best
    /// score of the catalogue parent. Scores shrink up the tree, agreement
    /// does not.
    fn agreement(&self, annex_parent: Option<u32>) -> f32 {
        match annex_parent {
            Some(pp) if self.present && self.best > 0.0 => self.scores[pp as usize] / self.best,
            _ => 0.0,
        }
    }
}

/// The scores of one catalogue node (`leaf`: without children) against
/// every annex node it shares a content term with, in annex node order,
/// pushed onto `row`.
fn score_row(
    dots: &[Dots; 6],
    annex: &Annex,
    parent: &ParentRow,
    leaf: bool,
    tuning: &Tuning,
    row: &mut Vec<(u32, f32)>,
) {
    // Agreement only lowers a score: a pair whose content is below the
    // floor can never be linked. Only a leaf's pairs are left out, though:
    // the others are their children's parent pairs.
    let floor = if leaf {
        tuning.floor()
    } else {
        f32::MIN_POSITIVE
    };
    for p in 0..annex.len() {
        if !dots[0].reached(p) && !dots[1].reached(p) {
            continue;
        }
        let content =
            tuning.title_share * dots[0].get(p) + (1.0 - tuning.title_share) * dots[1].get(p);
        if content < floor {
            continue;
        }
        let context = dots[2].get(p).max(dots[4].get(p)).max(dots[5].get(p));
        let agreement = tuning.context * context
            + tuning.parents * parent.agreement(annex.parent[p])
            + tuning.duty * dots[3].get(p);
        let level = if leaf == annex.leaf[p] {
            1.0
        } else {
            tuning.across_levels
        };
        let score = level * discount(content, agreement, tuning.neighbourhood);
        if score > 0.0 {
            row.push((p as u32, score));
        }
    }
}

/// A content score discounted when the neighbourhoods disagree:
/// `content ^ (1 + share · (1 − agreement))`. A weak match loses much when
/// nothing around it agrees, a near-perfect one hardly anything; 0 stays 0
/// and 1 stays 1.
fn discount(content: f32, agreement: f32, share: f32) -> f32 {
    let disagreement = 1.0 - agreement.clamp(0.0, 1.0);
    content
        .clamp(0.0, 1.0)
        .powf(1.0 + share.max(0.0) * disagreement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_discounts_but_never_creates_or_overflows() {
        assert_eq!(discount(0.0, 1.0, 0.5), 0.0);
        assert_eq!(discount(1.0, 0.0, 0.5), 1.0);
        assert_eq!(discount(0.4, 1.0, 0.5), 0.4);
        assert!(discount(0.4, 0.0, 0.5) < discount(0.4, 0.5, 0.5));
        // Disagreement costs a weak match more than a strong one.
        let cost = |c: f32| discount(c, 1.0, 0.5) / discount(c, 0.0, 0.5);
        assert!(cost(0.3) > cost(0.9));
    }
}

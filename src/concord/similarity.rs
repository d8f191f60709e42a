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
/// it and its weight there.
struct Postings(Vec<Vec<(u32, f32)>>);

impl Postings {
    fn of<'a>(terms: usize, vectors: impl Iterator<Item = &'a Terms>) -> Postings {
        let mut lists = vec![Vec::new(); terms];
        for (node, v) in vectors.enumerate() {
            for (t, w) in v.iter() {
                lists[t as usize].push((node as u32, w));
            }
        }
        Postings(lists)
    }

    /// Adds the dot product of `v` with every annex vector into `acc`,
    /// noting in `touched` each node it reaches for the first time.
    fn accumulate(&self, v: &Terms, acc: &mut [f32], touched: &mut Vec<u32>) {
        for (t, w) in v.iter() {
            for &(node, wn) in self.0.get(t as usize).map_or(&[][..], |l| &l[..]) {
                let slot = &mut acc[node as usize];
                if *slot == 0.0 {
                    touched.push(node);
                }
                *slot += w * wn;
            }
        }
    }
}

/// Dot products of one catalogue vector with every annex vector, with the
/// list of annex nodes reached so that resetting costs only what was used.
struct Accumulator {
    sums: Vec<f32>,
    touched: Vec<u32>,
}

impl Accumulator {
    fn new(n: usize) -> Accumulator {
        Accumulator {
            sums: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    fn run(&mut self, postings: &Postings, v: &Terms) {
        for &n in &self.touched {
            self.sums[n as usize] = 0.0;
        }
        self.touched.clear();
        postings.accumulate(v, &mut self.sums, &mut self.touched);
    }

    fn get(&self, node: u32) -> f32 {
        self.sums[node as usize].clamp(0.0, 1.0)
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
    let ((cat, cat_tree), (ann, ann_tree)) = (catalogo, ptpc);
    let head = Postings::of(terms, ann.iter().map(|p| &p.head));
    let full = Postings::of(terms, ann.iter().map(|p| &p.full));
    let context = Postings::of(terms, ann.iter().map(|p| &p.context));
    let duty = Postings::of(terms, ann.iter().map(|p| &p.duty));
    let mut acc = [(); 6].map(|_| Accumulator::new(ann.len()));
    let mut pairs: Vec<u32> = Vec::new();
    let mut rows: Rows = vec![Vec::new(); cat.len()];
    for &c in &cat_tree.top_down {
        let c = c as usize;
        let profile = &cat[c];
        acc[0].run(&head, &profile.head);
        acc[1].run(&full, &profile.full);
        acc[2].run(&context, &profile.context);
        acc[3].run(&duty, &profile.duty);
        // One side's ancestors against the other's text too: the same
        // topic may be a macro-process in one map and a word of a
        // sub-process in the other (catalogo D3 "Turismo e cultura").
        acc[4].run(&full, &profile.context);
        acc[5].run(&context, &profile.full);
        pairs.clear();
        pairs.extend(&acc[0].touched);
        pairs.extend(&acc[1].touched);
        pairs.sort_unstable();
        pairs.dedup();
        let parent_row = cat_tree.parent[c].map(|pc| &rows[pc as usize]);
        let floor = if cat_tree.children[c].is_empty() {
            tuning.floor()
        } else {
            f32::MIN_POSITIVE
        };
        // The parents agree as much as the parent pair scores against the
        // best match of the catalogue parent: scores shrink up the tree,
        // agreement does not.
        let parent_best = parent_row
            .and_then(|row| row.iter().map(|&(_, s)| s).max_by(f32::total_cmp))
            .unwrap_or(0.0);
        let row: Vec<(u32, f32)> = pairs
            .iter()
            .filter_map(|&p| {
                let content =
                    tuning.title_share * acc[0].get(p) + (1.0 - tuning.title_share) * acc[1].get(p);
                // Agreement only lowers a score: a pair whose content is
                // below the floor can never be linked. Only a leaf's pairs
                // are left out, though: the others are their children's
                // parent pairs.
                if content < floor {
                    return None;
                }
                let parents = match (parent_row, ann_tree.parent[p as usize]) {
                    (Some(row), Some(pp)) if parent_best > 0.0 => lookup(row, pp) / parent_best,
                    _ => 0.0,
                };
                let context = acc[2].get(p).max(acc[4].get(p)).max(acc[5].get(p));
                let agreement = tuning.context * context
                    + tuning.parents * parents
                    + tuning.duty * acc[3].get(p);
                let leaves = (
                    cat_tree.children[c].is_empty(),
                    ann_tree.children[p as usize].is_empty(),
                );
                let level = if leaves.0 == leaves.1 {
                    1.0
                } else {
                    tuning.across_levels
                };
                let score = level * discount(content, agreement, tuning.neighbourhood);
                (score > 0.0).then_some((p, score))
            })
            .collect();
        rows[c] = row;
    }
    rows
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

fn lookup(row: &[(u32, f32)], node: u32) -> f32 {
    row.binary_search_by_key(&node, |&(n, _)| n)
        .map_or(0.0, |i| row[i].1)
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

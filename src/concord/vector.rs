//! Sparse term vectors: an entry's terms with their weights, sorted by term
//! id, compared by cosine.

/// Terms with weights, sorted by term id, each term once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms(Vec<(u32, f32)>);

impl Terms {
    /// From terms in any order, repeats keeping their largest weight.
    #[cfg(test)]
    pub fn from_weighted(mut items: Vec<(u32, f32)>) -> Terms {
        items.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        items.dedup_by_key(|(t, _)| *t);
        Terms(items)
    }

    /// From every occurrence of each term with the weight of its field
    /// (`items`, emptied): a term weighs its largest weight, raised for
    /// repeats by `repeats · ln(count)` (sublinear: a word said three times
    /// is not worth three).
    pub fn from_occurrences(items: &mut Vec<(u32, f32)>, repeats: f32) -> Terms {
        items.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        let distinct = items.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
        let mut out: Vec<(u32, f32)> = Vec::with_capacity(distinct.min(items.len()));
        let raise = |w: f32, count: u32| w * (1.0 + repeats * (count as f32).ln());
        let mut count = 0u32;
        for &(t, w) in items.iter() {
            match out.last_mut() {
                Some(last) if last.0 == t => count += 1,
                Some(last) => {
                    last.1 = raise(last.1, count);
                    out.push((t, w));
                    count = 1;
                }
                None => {
                    out.push((t, w));
                    count = 1;
                }
            }
        }
        if let Some(last) = out.last_mut() {
            last.1 = raise(last.1, count);
        }
        items.clear();
        Terms(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.0.iter().copied()
    }

    /// The dot product: the cosine, once both are weighed and normalised.
    pub fn dot(&self, other: &Terms) -> f32 {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut sum = 0.0;
        while let (Some(&&(ta, wa)), Some(&&(tb, wb))) = (a.peek(), b.peek()) {
            match ta.cmp(&tb) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    sum += wa * wb;
                    a.next();
                    b.next();
                }
            }
        }
        sum
    }

    /// Whether term `t` is among these.
    pub fn has(&self, t: u32) -> bool {
        self.0.binary_search_by_key(&t, |&(term, _)| term).is_ok()
    }

    /// The share of this vector's length (its squared weights: all of a
    /// normalised vector is 1) that lies on the terms `present` accepts:
    /// how much of what an entry says another one says too.
    pub fn share_on(&self, present: impl Fn(u32) -> bool) -> f32 {
        let total: f32 = self.0.iter().map(|(_, w)| w * w).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let on: f32 = self
            .0
            .iter()
            .filter(|&&(t, _)| present(t))
            .map(|(_, w)| w * w)
            .sum();
        (on / total).clamp(0.0, 1.0)
    }

    /// Multiplies each weight by the term's rarity (`idf[term]`) and scales
    /// the whole to unit length, so that the dot product of two vectors is
    /// their cosine.
    pub fn weigh_and_normalise(&mut self, idf: &[f32]) {
        for (t, w) in &mut self.0 {
            *w *= idf.get(*t as usize).copied().unwrap_or(0.0);
        }
        self.0.retain(|&(_, w)| w > 0.0);
        let norm = self.0.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut self.0 {
                *w /= norm;
            }
        }
    }
}

/// The union of several vectors, each scaled, a term keeping its largest
/// weight. Dense by term id and reused from one entry to the next: an
/// entry gathers its children's and ancestors' titles, and merging sorted
/// lists one at a time cost an allocation each.
#[derive(Debug, Default)]
pub struct MaxUnion {
    weights: Vec<f32>,
    /// The terms with a weight, in the order they came.
    terms: Vec<u32>,
}

impl MaxUnion {
    /// For term ids below `terms`.
    pub fn new(terms: usize) -> MaxUnion {
        MaxUnion {
            weights: vec![0.0; terms],
            terms: Vec::new(),
        }
    }

    /// Adds `v`'s terms scaled by `scale`. A weight of 0 or less adds
    /// nothing: it could never outweigh a term's absence once the vector
    /// is weighed ([`Terms::weigh_and_normalise`] keeps positive weights).
    pub fn add(&mut self, v: &Terms, scale: f32) {
        for &(t, w) in &v.0 {
            let w = w * scale;
            let slot = &mut self.weights[t as usize];
            if w > *slot {
                if *slot == 0.0 {
                    self.terms.push(t);
                }
                *slot = w;
            }
        }
    }

    /// The union so far, sorted by term id; empties the union.
    pub fn take(&mut self) -> Terms {
        self.terms.sort_unstable();
        let out = self
            .terms
            .iter()
            .map(|&t| (t, std::mem::take(&mut self.weights[t as usize])))
            .collect();
        self.terms.clear();
        Terms(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_keep_the_largest_weight() {
        let t = Terms::from_weighted(vec![(3, 0.5), (1, 1.0), (3, 1.0), (1, 0.2)]);
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![(1, 1.0), (3, 1.0)]);
    }

    #[test]
    fn repeats_count_sublinearly() {
        let mut items = vec![(2, 0.5), (1, 1.0), (2, 1.0), (2, 0.5)];
        let t = Terms::from_occurrences(&mut items, 0.5);
        assert!(items.is_empty());
        let w: Vec<(u32, f32)> = t.iter().collect();
        assert_eq!(w[0], (1, 1.0));
        assert!((w[1].1 - (1.0 + 0.5 * 3f32.ln())).abs() < 1e-6);
    }

    #[test]
    fn a_union_scales_and_keeps_the_largest_weight() {
        let mut u = MaxUnion::new(5);
        u.add(&Terms::from_weighted(vec![(1, 1.0), (4, 0.1)]), 1.0);
        u.add(&Terms::from_weighted(vec![(2, 1.0), (4, 1.0)]), 0.5);
        u.add(&Terms::from_weighted(vec![(3, 1.0)]), 0.0);
        assert_eq!(
            u.take().iter().collect::<Vec<_>>(),
            vec![(1, 1.0), (2, 0.5), (4, 0.5)]
        );
        assert!(u.take().is_empty(), "taking empties it");
        u.add(&Terms::from_weighted(vec![(0, 0.2)]), 1.0);
        assert_eq!(u.take().iter().collect::<Vec<_>>(), vec![(0, 0.2)]);
    }

    #[test]
    fn dot_products_and_shares() {
        let a = Terms::from_weighted(vec![(0, 0.6), (1, 0.8)]);
        let b = Terms::from_weighted(vec![(1, 1.0), (2, 0.5)]);
        assert!((a.dot(&b) - 0.8).abs() < 1e-6);
        assert_eq!(a.dot(&Terms::default()), 0.0);
        assert!(a.has(1) && !a.has(2));
        assert!((a.share_on(|t| b.has(t)) - 0.64).abs() < 1e-6);
        assert_eq!(Terms::default().share_on(|_| true), 0.0);
    }

    #[test]
    fn normalised_to_unit_length() {
        let mut a = Terms::from_weighted(vec![(0, 1.0), (1, 1.0), (2, 1.0)]);
        a.weigh_and_normalise(&[3.0, 4.0, 0.0]);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![(0, 0.6), (1, 0.8)]);
    }
}

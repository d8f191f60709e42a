//! How well one entry matches a query: BM25F-style.
//!
//! Each word's hits are weighed by field (a title counts more than the
//! activities) and by the field's length against the average for that
//! field (a hit in a short title counts more than the same hit inside a
//! long one), summed over the places the entry mentions it and saturated
//! so a word repeated ten times is not worth ten words. Words found close
//! together in one field earn a bonus. The entry's score is the sum over
//! query words, each through its best form (the word, a synonym, …).

use super::forms::{Form, Plan};
use super::{Field, Occurrence, FIELDS};

/// How strongly a field's length tempers its hits (BM25F's `b`): codes
/// not at all, long cells the most.
fn length_weight(field: Field) -> f32 {
    match field {
        Field::Code => 0.0,
        Field::Title | Field::Name => 0.5,
        Field::Role | Field::Structures => 0.3,
        Field::Input | Field::Output => 0.6,
        Field::Activities => 0.75,
        Field::Context => 0.5,
    }
}

/// Fields that say the same thing twice count once (a name repeating the
/// title, structures naming the role's office): the best of a group.
fn group(field: Field) -> usize {
    match field {
        Field::Code => 0,
        Field::Title | Field::Name => 1,
        Field::Role | Field::Structures => 2,
        Field::Input | Field::Output => 3,
        Field::Activities => 4,
        Field::Context => 5,
    }
}
const GROUPS: usize = 6;

/// Weighted hits of one word at which saturation halves their worth (in
/// field-weight units: one title hit is 10).
const SATURATION: f32 = 20.0;
/// One title hit in a title of average length keeps its weight.
const REFERENCE: f32 = 10.0;

fn saturate(x: f32) -> f32 {
    x * (SATURATION + REFERENCE) / (SATURATION + x)
}

/// How telling a form is by how many entries have it (BM25's inverse
/// document frequency), from 0 to 1 for a word only one entry has: in a
/// partial match the rare word a clerk typed counts more than a common one.
fn idf(entries_with_it: usize, entries: usize) -> f32 {
    let n = entries.max(1) as f32;
    let raw = |df: f32| (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let df = (entries_with_it.max(1) as f32).min(n);
    raw(df) / raw(1.0)
}

/// Most a field shorter than average multiplies its hits by.
const MAX_SHORT_BOOST: f32 = 1.3;

/// Average length of each field over the entries that have it.
pub struct FieldStats {
    avg: [f32; FIELDS],
}

impl FieldStats {
    pub fn new(lens: &[[u16; FIELDS]]) -> Self {
        let mut sum = [0f64; FIELDS];
        let mut count = [0u32; FIELDS];
        for l in lens {
            for f in 0..FIELDS {
                if l[f] > 0 {
                    sum[f] += f64::from(l[f]);
                    count[f] += 1;
                }
            }
        }
        let mut avg = [0f32; FIELDS];
        for f in 0..FIELDS {
            if count[f] > 0 {
                avg[f] = (sum[f] / f64::from(count[f])) as f32;
            }
        }
        FieldStats { avg }
    }

    /// BM25F's length normalisation of a field `len` words long. A cell
    /// far shorter than the average gains at most [`MAX_SHORT_BOOST`]: a
    /// six-word activity list is not worth a title.
    fn norm(&self, field: Field, len: u16) -> f32 {
        let avg = self.avg[field as usize];
        if avg <= 0.0 || len == 0 {
            return 1.0;
        }
        let b = length_weight(field);
        (1.0 / ((1.0 - b) + b * f32::from(len) / avg)).min(MAX_SHORT_BOOST)
    }
}

/// Places remembered per slot and entry, for proximity and adjacency.
const PLACES: usize = 8;
const NONE: u32 = u32::MAX;

/// What one slot found in the entry being scored.
#[derive(Debug, Clone, Copy, Default)]
struct SlotHits {
    /// Sum of match qualities per field.
    tf: [f32; FIELDS],
    places: [(u8, u16); PLACES],
    n_places: u8,
    seen: bool,
}

/// One vocabulary word's entry in the per-query lookup.
struct Entry {
    slot: u32,
    quality: f32,
    prefix: u16,
    next: u32,
}

/// How a query word met the entry: its score through its best form, and
/// the slot whose places stand for it.
#[derive(Debug, Clone, Copy)]
struct WordHit {
    score: f32,
    slot: usize,
    field: Field,
}

/// The score of one entry.
#[derive(Debug, Clone, Copy)]
pub struct NodeScore {
    pub score: f32,
    /// Query words found, through any of their forms.
    pub matched: usize,
    /// The field of the best word hit.
    pub field: Field,
}

/// Scores entries for one query plan.
pub struct Scorer<'p> {
    plan: &'p Plan,
    /// Per vocabulary word, its first entry (or NONE): each occurrence in
    /// an entry is looked up once, whatever the number of query words.
    head: Vec<u32>,
    entries: Vec<Entry>,
    hits: Vec<SlotHits>,
    /// Per slot, how telling it is (see [`idf`]).
    idf: Vec<f32>,
    /// Score and best field of each slot the current entry touched.
    scores: Vec<(f32, Field)>,
    touched: Vec<usize>,
    words: Vec<Option<WordHit>>,
}

impl<'p> Scorer<'p> {
    /// A scorer for `plan` over a vocabulary of `vocabulary` words and an
    /// index of `index_len` entries.
    pub fn new(plan: &'p Plan, vocabulary: usize, index_len: usize) -> Self {
        let mut head = vec![NONE; vocabulary];
        let mut entries = Vec::new();
        for (slot, matches) in plan.slots.iter().enumerate() {
            for m in &matches.words {
                entries.push(Entry {
                    slot: slot as u32,
                    quality: m.quality,
                    prefix: m.prefix,
                    next: head[m.word as usize],
                });
                head[m.word as usize] = (entries.len() - 1) as u32;
            }
        }
        Scorer {
            plan,
            head,
            entries,
            hits: vec![SlotHits::default(); plan.slots.len()],
            idf: plan
                .slots
                .iter()
                .map(|m| idf(m.weight, index_len))
                .collect(),
            scores: vec![(0.0, Field::Title); plan.slots.len()],
            touched: Vec::new(),
            words: vec![None; plan.forms.len()],
        }
    }

    /// The highlight length (0 = whole word) of each slot that matches
    /// vocabulary word `word`.
    pub fn prefixes_of(&self, word: u32) -> impl Iterator<Item = u16> + '_ {
        let mut e = self.head.get(word as usize).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let entry = self.entries.get(e as usize)?;
            e = entry.next;
            Some(entry.prefix)
        })
    }

    /// Scores one entry from its occurrences and field lengths.
    pub fn score(
        &mut self,
        occurrences: &[Occurrence],
        lens: &[u16; FIELDS],
        stats: &FieldStats,
    ) -> NodeScore {
        for occ in occurrences {
            let mut e = self.head[occ.word as usize];
            while let Some(entry) = self.entries.get(e as usize) {
                let slot = entry.slot as usize;
                let h = &mut self.hits[slot];
                if !h.seen {
                    h.seen = true;
                    self.touched.push(slot);
                }
                h.tf[occ.field as usize] += entry.quality;
                if (h.n_places as usize) < PLACES {
                    h.places[h.n_places as usize] = (occ.field as u8, occ.pos);
                    h.n_places += 1;
                }
                e = entry.next;
            }
        }
        // Only the slots this entry touched are read below.
        for &slot in &self.touched {
            self.scores[slot] = slot_score(&self.hits[slot], lens, stats);
        }
        let mut matched = 0;
        let mut total = 0.0;
        let mut best: Option<WordHit> = None;
        for (i, forms) in self.plan.forms.iter().enumerate() {
            let hit = forms
                .iter()
                .enumerate()
                .filter_map(|(k, f)| {
                    // Another form is never more telling than the word
                    // itself when the map has the word: a synonym ranks
                    // just below the literal hit.
                    let cap = if k > 0 && !self.plan.slots[i].is_empty() {
                        self.idf[i]
                    } else {
                        1.0
                    };
                    self.form_hit(f, cap)
                })
                .max_by(|a, b| a.score.total_cmp(&b.score));
            if let Some(h) = hit {
                matched += 1;
                total += h.score;
                if best.is_none_or(|b| h.score > b.score) {
                    best = Some(h);
                }
            }
            self.words[i] = hit;
        }
        // Words close together in one field read as the phrase sought.
        for pair in self.words.windows(2) {
            if let [Some(a), Some(b)] = pair {
                let telling = self.idf[a.slot].min(self.idf[b.slot]);
                total += telling * proximity(&self.hits[a.slot], &self.hits[b.slot]);
            }
        }
        for &slot in &self.touched {
            self.hits[slot] = SlotHits::default();
        }
        self.touched.clear();
        NodeScore {
            score: total,
            matched,
            field: best.map_or(Field::Title, |b| b.field),
        }
    }

    /// The hit of one form, its telling capped at `cap`.
    fn form_hit(&self, form: &Form, cap: f32) -> Option<WordHit> {
        let seen = |s: usize| self.hits[s].seen;
        let scores = &self.scores;
        match *form {
            Form::Single { slot, factor } => seen(slot).then(|| WordHit {
                score: scores[slot].0 * factor * self.idf[slot].min(cap),
                slot,
                field: scores[slot].1,
            }),
            Form::Phrase { ref slots, factor } => {
                // A phrase counts when all its words are there, as much as its weakest.
                if !slots.iter().all(|&s| seen(s)) {
                    return None;
                }
                let weakest = *slots
                    .iter()
                    .min_by(|&&a, &&b| scores[a].0.total_cmp(&scores[b].0))?;
                // As telling as its rarest part.
                let telling = slots
                    .iter()
                    .map(|&s| self.idf[s])
                    .fold(0.0, f32::max)
                    .min(cap);
                Some(WordHit {
                    score: scores[weakest].0 * factor * telling,
                    slot: weakest,
                    field: scores[weakest].1,
                })
            }
            Form::Adjacent {
                first,
                second,
                factor,
            } => {
                if !(seen(first) && seen(second) && adjacent(&self.hits[first], &self.hits[second]))
                {
                    return None;
                }
                let weaker = if scores[first].0 <= scores[second].0 {
                    first
                } else {
                    second
                };
                let telling = self.idf[first].max(self.idf[second]).min(cap);
                Some(WordHit {
                    score: scores[weaker].0 * factor * telling,
                    slot: first,
                    field: scores[weaker].1,
                })
            }
        }
    }
}

/// BM25F: per field group, the best weighted and length-normalised hits,
/// summed and saturated; and the field that gave the most.
fn slot_score(h: &SlotHits, lens: &[u16; FIELDS], stats: &FieldStats) -> (f32, Field) {
    let mut groups = [0f32; GROUPS];
    let mut best = (0f32, Field::Title);
    for field in Field::ALL {
        let tf = h.tf[field as usize];
        if tf <= 0.0 {
            continue;
        }
        let x = field.weight() * tf * stats.norm(field, lens[field as usize]);
        let g = &mut groups[group(field)];
        *g = g.max(x);
        if x > best.0 {
            best = (x, field);
        }
    }
    (saturate(groups.iter().sum()), best.1)
}

fn places(h: &SlotHits) -> &[(u8, u16)] {
    &h.places[..h.n_places as usize]
}

/// Bonus for two consecutive query words found near each other in one
/// field: more when in the order typed.
fn proximity(a: &SlotHits, b: &SlotHits) -> f32 {
    let mut bonus = 0f32;
    for &(fa, pa) in places(a) {
        for &(fb, pb) in places(b) {
            if fa != fb {
                continue;
            }
            let weight = Field::ALL[fa as usize].weight();
            if pb > pa && pb - pa <= 3 {
                bonus = bonus.max(weight * 0.5);
            } else if pa.abs_diff(pb) <= 3 {
                bonus = bonus.max(weight * 0.3);
            }
        }
    }
    bonus
}

/// Whether `b` follows `a` directly in one field.
fn adjacent(a: &SlotHits, b: &SlotHits) -> bool {
    places(a)
        .iter()
        .any(|&(fa, pa)| places(b).iter().any(|&(fb, pb)| fa == fb && pb == pa + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_in_a_short_field_counts_more_than_in_a_long_one() {
        let stats = FieldStats::new(&[[0, 4, 0, 0, 0, 0, 0, 0, 0], [0, 8, 0, 0, 0, 0, 0, 0, 0]]);
        let short = stats.norm(Field::Title, 3);
        let long = stats.norm(Field::Title, 20);
        assert!(short > 1.0 && long < 1.0, "{short} {long}");
        assert!(stats.norm(Field::Title, 1) <= MAX_SHORT_BOOST);
        // Codes are not tempered by length.
        assert_eq!(stats.norm(Field::Code, 9), 1.0);
    }

    #[test]
    fn a_rare_word_tells_more_than_a_common_one() {
        assert!((idf(1, 1000) - 1.0).abs() < 1e-6);
        assert!(idf(5, 1000) > idf(100, 1000));
        assert!(idf(1000, 1000) > 0.0 && idf(5000, 1000) > 0.0);
    }

    #[test]
    fn saturation_keeps_one_average_title_hit_at_its_weight() {
        assert!((saturate(REFERENCE) - REFERENCE).abs() < 1e-4);
        assert!(saturate(100.0) < 30.0);
        assert!(saturate(3.0) > 3.0);
    }
}

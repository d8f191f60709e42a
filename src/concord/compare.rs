//! Two versions of one map read side by side with the concordance's
//! vectors (see the module doc of [`crate::concord`]): how alike any entry
//! of the old version reads to any entry of the new one, and how much of
//! one entry's text others account for. What `mappa diff` matches entries
//! by when their codes do not say it
//! ([`crate::import::diff`]).

use super::profile::{self, Profile};
use super::similarity::{Dots, Postings};
use super::tree::Tree;
use super::tuning::Tuning;
use super::vector::Terms;
use crate::model::Dataset;

/// Which version an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Old,
    New,
}

/// How alike two entries read, part by part: each the cosine of the two
/// entries' vectors of that part, 0..1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Likeness {
    /// Title and name.
    pub head: f32,
    /// Title, name, activities, input, output and the children's titles.
    pub full: f32,
    /// The ancestors' titles.
    pub context: f32,
    /// The responsible's words (role; structures); `None` when neither
    /// entry names one.
    pub duty: Option<f32>,
}

/// The vectors of every entry of both versions, rarity counted over both,
/// and the new version's indexed by term.
pub struct Comparison {
    profiles: [Vec<Profile>; 2],
    head: Postings,
    full: Postings,
}

/// Buffers reused from one call of [`Comparison::near`] to the next.
pub struct Near {
    head: Dots,
    full: Dots,
}

impl Comparison {
    /// Reads both versions (a few milliseconds for the seeds' catalogue).
    pub fn of(old: &Dataset, new: &Dataset) -> Comparison {
        let trees = [Tree::of(old), Tree::of(new)];
        let tuning = Tuning::default();
        let (profiles, terms) = profile::profiles([(old, &trees[0]), (new, &trees[1])], &tuning);
        let postings =
            |kind: fn(&Profile) -> &Terms| Postings::of(terms, profiles[1].iter().map(kind));
        Comparison {
            head: postings(|p| &p.head),
            full: postings(|p| &p.full),
            profiles,
        }
    }

    fn profile(&self, version: Version, entry: usize) -> &Profile {
        &self.profiles[version as usize][entry]
    }

    /// How alike old entry `old` and new entry `new` read.
    pub fn likeness(&self, old: usize, new: usize) -> Likeness {
        let (a, b) = (
            self.profile(Version::Old, old),
            self.profile(Version::New, new),
        );
        self.likeness_of(a, b, a.head.dot(&b.head), a.full.dot(&b.full))
    }

    fn likeness_of(&self, a: &Profile, b: &Profile, head: f32, full: f32) -> Likeness {
        let duty =
            (!a.duty.is_empty() || !b.duty.is_empty()).then(|| a.duty.dot(&b.duty).clamp(0.0, 1.0));
        Likeness {
            head: head.clamp(0.0, 1.0),
            full: full.clamp(0.0, 1.0),
            context: a.context.dot(&b.context).clamp(0.0, 1.0),
            duty,
        }
    }

    /// Buffers for [`Comparison::near`].
    pub fn near_buffers(&self) -> Near {
        let n = self.profiles[1].len();
        Near {
            head: Dots::new(n),
            full: Dots::new(n),
        }
    }

    /// Calls `each` with every new entry that shares a word of its title
    /// or text with old entry `old`, in node order, and their likeness.
    pub fn near(&self, old: usize, buf: &mut Near, mut each: impl FnMut(usize, Likeness)) {
        let a = self.profile(Version::Old, old);
        buf.head.run(&self.head, &a.head);
        buf.full.run(&self.full, &a.full);
        for (new, b) in self.profiles[1].iter().enumerate() {
            if buf.head.reached(new) || buf.full.reached(new) {
                let l = self.likeness_of(a, b, buf.head.get(new), buf.full.get(new));
                each(new, l);
            }
        }
    }

    /// How much of what entry `entry` of `version` says (its whole text,
    /// weighed) the entries `by` of the other version say too: 0..1. The
    /// whole text, and the title alone (`of_head`: the share of the
    /// entry's title that the others' whole texts hold).
    pub fn covered(&self, version: Version, entry: usize, by: &[usize], of_head: bool) -> f32 {
        let other = match version {
            Version::Old => Version::New,
            Version::New => Version::Old,
        };
        let p = self.profile(version, entry);
        let vector = if of_head { &p.head } else { &p.full };
        vector.share_on(|t| by.iter().any(|&b| self.profile(other, b).full.has(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};

    fn dataset(titles: &[&str]) -> Dataset {
        let nodes = titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut n = Node::new("d", format!("d:{i}"), Kind::Attivita, 1);
                n.title = (*t).into();
                n
            })
            .collect();
        Dataset {
            id: "d".into(),
            nodes,
            ..Dataset::default()
        }
    }

    #[test]
    fn alike_entries_read_alike_and_parts_cover_their_whole() {
        let old = dataset(&[
            "Rilascio carte tachigrafiche",
            "Piano della performance e albero degli obiettivi",
        ]);
        let new = dataset(&[
            "Rilascio delle carte tachigrafiche",
            "Piano della performance",
            "Albero degli obiettivi",
            "Protesti cambiari",
        ]);
        let c = Comparison::of(&old, &new);
        let same = c.likeness(0, 0);
        assert!(same.head > 0.99, "{same:?}");
        assert_eq!(same.duty, None);
        assert_eq!(c.likeness(0, 3).head, 0.0);
        let mut near = Vec::new();
        let mut buf = c.near_buffers();
        c.near(1, &mut buf, |n, l| near.push((n, l.head)));
        assert_eq!(near.iter().map(|&(n, _)| n).collect::<Vec<_>>(), [1, 2]);
        assert!((near[0].1 - c.likeness(1, 1).head).abs() < 1e-6);
        // Each part is all in the whole; the whole is in both parts only.
        assert!(c.covered(Version::New, 2, &[1], true) > 0.99);
        assert!(c.covered(Version::Old, 1, &[1], false) < 0.8);
        assert!(c.covered(Version::Old, 1, &[1, 2], false) > 0.99);
    }
}

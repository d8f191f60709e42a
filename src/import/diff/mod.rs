//! What changed between two versions of a map (`mappa diff`): every entry
//! of the old version and of the new one in exactly one [`Change`].
//!
//! Maps change: the catalogue is revised, a chamber renumbers a
//! macro-process, splits a sub-process in two or merges two. The officer's
//! records are keyed by entry, so the question is, for each old entry,
//! which new entry is the same process. A code alone does not say it (a
//! renumbered map reuses codes for other processes), so entries are
//! matched by what they say as well as by their code.
//!
//! # How entries are matched
//!
//! 1. **Keys.** An entry's key is its code; an entry without one (the
//!    actions of ptpc2019, a row without a code) is keyed by its parent's
//!    key and its title ([`keys`]).
//! 2. **Unchanged.** Entries with the same key and the same fields are
//!    the same entry, without further reading (most of a new version).
//! 3. **Content.** The rest are read with the concordance's vectors
//!    ([`crate::concord::compare`]): each pair that shares a word gets a
//!    score, `0.5 · title + 0.4 · whole text + 0.1 · responsible` (each a
//!    cosine; the responsible counts as alike when neither names one).
//!    Pairs are taken best first, one new entry for one old: a pair with
//!    the same key needs [`SAME_KEY_SCORE`], a pair under different keys
//!    [`MOVED_SCORE`]; a shared key and shared ancestors' titles raise a
//!    pair's place in the queue, never its score. So a code that now names
//!    another process is not matched to it (the old entry is `removed`, or
//!    `moved` to where its process went, with the reason).
//! 4. **Parts** ([`parts`]). A new entry left over whose text lies within
//!    an old entry that changed or went (at least [`PART_SHARE`] of its
//!    title and of its whole text) is a part of it: an old entry with two
//!    parts or more, together holding [`PART_SHARE`] of it, was `split`.
//!    Old entries left over that lie within one new entry in the same way
//!    were `merged` into it.
//! 5. **Kinds.** A matched pair is `moved` when the code or the parent
//!    changed (the parent: the new parent is not where the old parent
//!    went), `renamed` when the title changed, `changed` when another field
//!    did, `same` otherwise. What is left is `removed` or `added`.
//!
//! Fields are compared as written, runs of white space read as one space;
//! the activities as the words of their steps, so that how a file cuts
//! and numbers the steps (a CSV export joins them with ` | `) is not an
//! edit: the seed against a CSV export of itself is all `same`.
//! Nothing depends on hash order: the same two maps always give the same
//! diff. The catalogo against a new version of itself with every kind of
//! change takes about 10 ms, ten times that map about 100 ms, and two
//! versions that are the same under 1 ms (`cargo bench --bench diff`).

mod assemble;
mod fields;
mod keys;
mod matching;
mod parts;
#[cfg(test)]
mod tests;

use crate::model::Dataset;
use serde::Serialize;

/// A same-key pair (the same code) is the same entry from this score on.
pub const SAME_KEY_SCORE: f32 = 0.25;
/// A pair under different keys is the same entry (moved) from this score on.
pub const MOVED_SCORE: f32 = 0.6;
/// How much of a part must lie in its whole (and of a whole in its parts).
pub const PART_SHARE: f32 = 0.5;

/// What happened to an entry.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ChangeKind {
    /// The same code, the same fields.
    Same,
    /// The same code and process, fields other than the title edited.
    Changed,
    /// The same code and process, the title reworded.
    Renamed,
    /// The same process under another code or another parent.
    Moved,
    /// One old entry became several new ones.
    Split,
    /// Several old entries became one new one.
    Merged,
    /// An old entry with no counterpart in the new version.
    Removed,
    /// A new entry with no counterpart in the old version.
    Added,
}

impl ChangeKind {
    /// The slug of JSON output: `same`, `changed`, ...
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A field of an entry that a change edited.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Title,
    Name,
    Input,
    Output,
    Activities,
    Role,
    Structures,
    Code,
    Parent,
}

impl Field {
    /// The slug of JSON output: `title`, `input`, ...
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Why a change is not what its code alone suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The old entry's code names another process in the new version:
    /// that entry (an index into the new dataset's nodes).
    CodeNowNames { new: usize },
    /// The new entry's code named another process in the old version:
    /// that entry (an index into the old dataset's nodes).
    CodeNamedBefore { old: usize },
}

/// One thing that happened between the versions, to one entry or a few.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The old entries, by index into the old dataset's nodes, in node
    /// order: one, several for `merged`, none for `added`.
    pub old: Vec<usize>,
    /// The new entries, by index into the new dataset's nodes, in node
    /// order: one, several for `split`, none for `removed`.
    pub new: Vec<usize>,
    /// The fields edited, in the order of [`Field`]; for `split` and
    /// `merged`, none (the entries are new wholes).
    pub fields: Vec<Field>,
    /// How alike the entries read, 0..1: 1 for `same`; for `split` and
    /// `merged`, how much of the one entry the several hold together; 0
    /// for `removed` and `added`.
    pub score: f32,
    pub reason: Option<Reason>,
}

/// Every entry of both versions, each in one change: in the new version's
/// node order, an entry that went where it stood in the old one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapDiff {
    pub changes: Vec<Change>,
}

impl MapDiff {
    /// How many changes are of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// Whether nothing changed: every change is `same`.
    pub fn is_unchanged(&self) -> bool {
        self.changes.iter().all(|c| c.kind == ChangeKind::Same)
    }

    /// The change each old entry is in (an index into `changes`), for a
    /// dataset of `entries` nodes: `None` for an entry no change names.
    pub fn by_old(&self, entries: usize) -> Vec<Option<usize>> {
        self.index(entries, |c| &c.old)
    }

    /// The change each new entry is in, as [`MapDiff::by_old`].
    pub fn by_new(&self, entries: usize) -> Vec<Option<usize>> {
        self.index(entries, |c| &c.new)
    }

    fn index(&self, entries: usize, side: impl Fn(&Change) -> &Vec<usize>) -> Vec<Option<usize>> {
        let mut out = vec![None; entries];
        for (i, c) in self.changes.iter().enumerate() {
            for &e in side(c) {
                if let Some(slot) = out.get_mut(e) {
                    *slot = Some(i);
                }
            }
        }
        out
    }
}

/// What changed from `old` to `new` (see the module doc).
pub fn diff(old: &Dataset, new: &Dataset) -> MapDiff {
    let shapes = [keys::Shape::of(old), keys::Shape::of(new)];
    let matched = matching::run(old, new, &shapes);
    let groups = parts::find(old, new, &shapes, &matched);
    assemble::changes(old, new, &shapes, &matched, groups)
}

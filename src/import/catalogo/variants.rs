//! Entries sharing a code are variants, numbered in source order; and
//! where the entry with each code is, for placing: by a table of every
//! code, or, when the source lists its codes in strictly increasing order
//! (the usual case), by binary search over the coded entries.

use super::row::Slot;
use crate::model::Code;
use rustc_hash::FxHashMap as HashMap;

/// Entries sharing a code are variants, numbered in source order.
pub(super) struct Variants {
    /// Each entry's variant number (0 for an entry without a code).
    pub of: Vec<u32>,
    /// The first entry with each entry's code (itself without a code), and
    /// how many entries have it: looked up by index, not by code.
    pub first: Vec<(usize, u32)>,
    /// The entries (index, line) with each code shared by several.
    pub lines: HashMap<Code, Vec<(usize, u32)>>,
}

/// Where the entry with each code is found: the node that owns the code in
/// the tree ([`Draft::owner`](super::super::tree::Draft::owner)) unless an inferred one is added for it.
pub(super) enum Owners {
    /// The first entry with each code.
    Table(HashMap<Code, usize>),
    /// The entries with a code, which the source lists in strictly
    /// increasing code order (a map written in order, the usual case): no
    /// two share a code, and the one with a code is found by binary search.
    InOrder(Vec<u32>),
}

/// The entry with `code` among `coded`, entries in increasing code order.
pub(super) fn find_in_order(coded: &[u32], entries: &[Slot], code: &Code) -> Option<usize> {
    let k = coded
        .binary_search_by(|&i| entries[i as usize].code.cmp(&Some(*code)))
        .ok()?;
    Some(coded[k] as usize)
}

impl Variants {
    /// The variants, and where the entry with each code is.
    pub(super) fn number(entries: &[Slot]) -> (Self, Owners) {
        Self::in_order(entries).unwrap_or_else(|| {
            let (variants, first_of) = Self::by_table(entries);
            (variants, Owners::Table(first_of))
        })
    }

    /// Codes in strictly increasing order: every entry is the only one
    /// with its code. Told and numbered without a table of every code (for
    /// a map of 100,000 entries, a cache miss per entry and 7 MB).
    fn in_order(entries: &[Slot]) -> Option<(Self, Owners)> {
        let mut coded = Vec::new();
        let mut prev: Option<Code> = None;
        for (i, e) in entries.iter().enumerate() {
            if let Some(c) = e.code {
                if prev.is_some_and(|p| p >= c) {
                    return None;
                }
                prev = Some(c);
                coded.push(u32::try_from(i).ok()?);
            }
        }
        let of = entries
            .iter()
            .map(|e| u32::from(e.code.is_some()))
            .collect();
        let first = (0..entries.len()).map(|i| (i, 1)).collect();
        let variants = Variants {
            of,
            first,
            lines: HashMap::default(),
        };
        Some((variants, Owners::InOrder(coded)))
    }

    /// The variants, and the first entry with each code, found with one
    /// lookup per entry.
    fn by_table(entries: &[Slot]) -> (Self, HashMap<Code, usize>) {
        let mut first_of: HashMap<Code, usize> = HashMap::default();
        // One owner per entry; the rare inferred parents grow it. (Room for
        // them too, an eighth more, doubled the table for maps of about
        // 102,000 to 115,000 entries: it is sized in powers of two.)
        first_of.reserve(entries.len());
        let mut count = vec![0u32; entries.len()];
        let mut first = Vec::with_capacity(entries.len());
        let mut of = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let f = match e.code {
                Some(c) => *first_of.entry(c).or_insert(i),
                None => i,
            };
            count[f] += 1;
            of.push(if e.code.is_some() { count[f] } else { 0 });
            first.push(f);
        }
        let mut lines: HashMap<Code, Vec<(usize, u32)>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if let Some(c) = e.code.filter(|_| count[first[i]] > 1) {
                lines.entry(c).or_default().push((i, e.line));
            }
        }
        let first = first.into_iter().map(|f| (f, count[f])).collect();
        (Variants { of, first, lines }, first_of)
    }
}

//! Node ids (`catalogo:A1.1~2`, `ptpc2019:L42.3`).

use crate::model::kept::Arena;
use crate::model::{Code, Text};
use rustc_hash::FxHashSet;

/// `DATASET:CODE`, or `DATASET:CODE~V` for the second and later variants;
/// `code` in its normal form (`Code`'s `Display`).
pub fn for_code(dataset: &str, code: &str, variant: u32) -> Text {
    // Written piece by piece into one buffer: every node of an import gets
    // an id, and `format!` cost more than the rest of the node; most ids
    // fit inline and take no allocation at all.
    let mut id = Text::with_capacity(dataset.len() + 1 + code.len());
    write_id(&mut id, dataset, code, variant);
    id
}

/// [`for_code`], written into `arena` when too long to hold inline
/// (`buf` is scratch space).
pub fn for_code_in(
    dataset: &str,
    code: &str,
    variant: u32,
    (buf, arena): (&mut String, &mut Arena),
) -> Text {
    buf.clear();
    write_id(buf, dataset, code, variant);
    arena.text(buf)
}

fn write_id(out: &mut impl std::fmt::Write, dataset: &str, code: &str, variant: u32) {
    let _ = out.write_str(dataset);
    let _ = out.write_char(':');
    let _ = out.write_str(code);
    if variant > 1 {
        let _ = write!(out, "~{variant}");
    }
}

/// `DATASET` + `marker` + `LINE`, then `.K` for the K-th entry of a line.
fn line_id(dataset: &str, marker: &str, line: u32, piece: Option<u32>) -> Text {
    match piece {
        Some(k) => compact_str::format_compact!("{dataset}{marker}{line}.{k}"),
        None => compact_str::format_compact!("{dataset}{marker}{line}"),
    }
}

/// Ids for entries known by their line. `L42` is also a code a map may use
/// (letter L), so a line id that reads as a code of the same source, or as
/// the parent such a code implies, is written `riga-42` instead: ids stay
/// unique.
#[derive(Debug, Default)]
pub struct LineIds {
    taken: FxHashSet<Code>,
}

impl LineIds {
    /// From the codes the source names.
    pub fn new(codes: impl IntoIterator<Item = Code>) -> Self {
        let mut taken = FxHashSet::default();
        for code in codes.into_iter().filter(|c| c.letter == 'L') {
            let mut next = Some(code);
            while let Some(c) = next {
                next = c.parent();
                taken.insert(c);
            }
        }
        LineIds { taken }
    }

    pub fn id(&self, dataset: &str, line: u32, piece: Option<u32>) -> Text {
        let parts: &[u32] = match &piece {
            Some(k) => &[line, *k],
            None => &[line],
        };
        let clash = Code::new('L', parts, None).is_some_and(|c| self.taken.contains(&c));
        let marker = if clash { ":riga-" } else { ":L" };
        line_id(dataset, marker, line, piece)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_before() {
        assert_eq!(for_code("catalogo", "A1.1", 1), "catalogo:A1.1");
        let mut scratch = (String::new(), Arena::default());
        let (buf, arena) = &mut scratch;
        for (ds, code, v) in [
            ("catalogo", "A1.1", 1),
            ("mappatura-dei-processi-2026", "A1.1.1.7", 2),
        ] {
            assert_eq!(
                for_code_in(ds, code, v, (buf, arena)),
                for_code(ds, code, v)
            );
        }
        assert_eq!(for_code("catalogo", "A1.1.1.7", 2), "catalogo:A1.1.1.7~2");
        assert_eq!(line_id("ptpc2019", ":L", 42, None), "ptpc2019:L42");
        assert_eq!(
            line_id("ptpc2019", ":L", 4_000_000_000, Some(10)),
            "ptpc2019:L4000000000.10"
        );
        assert_eq!(line_id("x", ":L", 0, Some(0)), "x:L0.0");
    }

    #[test]
    fn line_ids_never_read_as_a_code_of_the_source() {
        let codes = ["L3", "L7.2.1", "A5"].map(|c| Code::parse(c).unwrap());
        let ids = LineIds::new(codes);
        assert_eq!(ids.id("c", 3, None), "c:riga-3");
        assert_eq!(ids.id("c", 7, None), "c:riga-7"); // L7 is inferred from L7.2.1
        assert_eq!(ids.id("c", 7, Some(2)), "c:riga-7.2");
        assert_eq!(ids.id("c", 7, Some(3)), "c:L7.3");
        assert_eq!(ids.id("c", 5, None), "c:L5");
        assert_eq!(ids.id("c", 100_000, None), "c:L100000");
    }
}

//! Node ids (`catalogo:A1.1~2`, `ptpc2019:L42.3`), written directly rather
//! than through the formatting machinery: one is built for every node.

use crate::model::Code;
use compact_str::CompactString;
use rustc_hash::FxHashSet;

/// `DATASET:CODE`, or `DATASET:CODE~V` for the second and later variants.
pub fn for_code(dataset: &str, code: &str, variant: u32) -> CompactString {
    let mut id = CompactString::with_capacity(dataset.len() + code.len() + 4);
    id.push_str(dataset);
    id.push(':');
    id.push_str(code);
    if variant > 1 {
        id.push('~');
        push_number(&mut id, variant);
    }
    id
}

/// `DATASET:LLINE`, or `DATASET:LLINE.K` for the K-th entry of a line.
fn for_line(dataset: &str, line: u32, piece: Option<u32>) -> CompactString {
    line_id(dataset, ":L", line, piece)
}

/// `DATASET` + `marker` + `LINE`, then `.K` for the K-th entry of a line.
fn line_id(dataset: &str, marker: &str, line: u32, piece: Option<u32>) -> CompactString {
    let mut id = CompactString::with_capacity(dataset.len() + marker.len() + 12);
    id.push_str(dataset);
    id.push_str(marker);
    push_number(&mut id, line);
    if let Some(k) = piece {
        id.push('.');
        push_number(&mut id, k);
    }
    id
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

    pub fn id(&self, dataset: &str, line: u32, piece: Option<u32>) -> CompactString {
        let parts: &[u32] = match &piece {
            Some(k) => &[line, *k],
            None => &[line],
        };
        let clash = Code::new('L', parts, None).is_some_and(|c| self.taken.contains(&c));
        if clash {
            line_id(dataset, ":riga-", line, piece)
        } else {
            for_line(dataset, line, piece)
        }
    }
}

fn push_number(out: &mut CompactString, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_before() {
        assert_eq!(for_code("catalogo", "A1.1", 1), "catalogo:A1.1");
        assert_eq!(for_code("catalogo", "A1.1.1.7", 2), "catalogo:A1.1.1.7~2");
        assert_eq!(for_line("ptpc2019", 42, None), "ptpc2019:L42");
        assert_eq!(
            for_line("ptpc2019", 4_000_000_000, Some(10)),
            "ptpc2019:L4000000000.10"
        );
        assert_eq!(for_line("x", 0, Some(0)), "x:L0.0");
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

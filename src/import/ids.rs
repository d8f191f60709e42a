//! Node ids (`catalogo:A1.1~2`, `ptpc2019:L42.3`), written directly rather
//! than through the formatting machinery: one is built for every node.

use compact_str::CompactString;

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
pub fn for_line(dataset: &str, line: u32, piece: Option<u32>) -> CompactString {
    let mut id = CompactString::with_capacity(dataset.len() + 12);
    id.push_str(dataset);
    id.push_str(":L");
    push_number(&mut id, line);
    if let Some(k) = piece {
        id.push('.');
        push_number(&mut id, k);
    }
    id
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
}

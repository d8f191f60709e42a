//! Names compared as a person reads them: "PO Settore 2" before
//! "PO Settore 10" (runs of digits by their value), letters without
//! regard to case.

use std::cmp::Ordering;

/// Natural order of two names (names that differ only in case, by their
/// bytes, so that the order is total).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    case_blind(a, b).then_with(|| a.cmp(b))
}

fn case_blind(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = split_digits(a);
                let (nb, rb) = split_digits(b);
                // Values compare by length first once leading zeros are
                // gone (no overflow for any length), then digit by digit.
                let (va, vb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
                let order = va.len().cmp(&vb.len()).then_with(|| va.cmp(vb));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_value_letters_by_case_blind_order() {
        let mut names = vec![
            "PO Settore 10",
            "PO Settore 2",
            "po settore 1",
            "PO Settore 02x",
            "Ufficio 99999999999999999999999",
            "Ufficio 100000000000000000000000",
            "Area",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "Area",
                "po settore 1",
                "PO Settore 2",
                "PO Settore 02x",
                "PO Settore 10",
                "Ufficio 99999999999999999999999",
                "Ufficio 100000000000000000000000",
            ]
        );
    }
}

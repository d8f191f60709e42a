//! How a sheet writes its codes. Most write them as the catalogue does
//! (`A1`, `A1.2.3`); some give their macro-processes one letter ("A Organi
//! istituzionali", "B. Registro delle imprese") or a Roman numeral ("II
//! Servizi alle imprese", then `II.1`). A letter or a numeral at the
//! start of a title is also how Italian begins some sentences ("A chi
//! rivolgersi", "I servizi"), so those are read as codes only when the
//! sheet shows the scheme: letters or numerals in order, one after the
//! other, each heading the rows that follow. `check` says what was read.

use super::messages::{self, SchemeSeen};
use crate::model::code::{parse_leading, parse_letter, parse_roman, LeadingCode};

/// The codes a sheet writes besides the catalogue's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scheme {
    /// One letter alone is a code (`A`, of depth 0).
    pub letters: bool,
    /// A Roman numeral is a code (`II`, `II.3`).
    pub roman: bool,
}

impl Scheme {
    /// The code at the start of `cell`, as this sheet writes them.
    pub fn read<'a>(self, cell: &'a str) -> Option<LeadingCode<'a>> {
        if self.roman {
            if let Some(code) = parse_roman(cell, true) {
                return Some(code);
            }
        }
        match parse_leading(cell) {
            Some(code) => Some(code),
            None if self.letters => parse_letter(cell),
            None => None,
        }
    }

    /// The depth of the codes at the top of the tree: a bare letter or
    /// numeral (0) when the sheet has them, else a letter and a number
    /// (`A1`, 1).
    pub fn root_depth(self) -> usize {
        match self.letters || self.roman {
            true => 0,
            false => 1,
        }
    }
}

/// The scheme a sheet's code cells show, with what to say about it: the
/// first row read so and the message.
pub struct Inferred {
    pub scheme: Scheme,
    pub note: Option<(usize, String)>,
}

/// The most codes a note lists.
const LISTED: usize = 8;

/// The scheme of the code cells `cells` (grid row, text), in row order.
pub fn infer<'g>(cells: impl Iterator<Item = (usize, &'g str)> + Clone) -> Inferred {
    let none = Inferred {
        scheme: Scheme::default(),
        note: None,
    };
    // Nearly every cell of a map is a code as the catalogue writes it, or
    // text: told by its first two bytes, without reading it further.
    let maybe = |t: &str| {
        let b = t.trim_start().as_bytes();
        b.first().is_some_and(u8::is_ascii_uppercase)
            && b.get(1)
                .is_none_or(|c| !c.is_ascii_alphanumeric() || matches!(c, b'I' | b'V' | b'X'))
    };
    let candidates: Vec<(usize, &str)> = cells.clone().filter(|(_, t)| maybe(t)).collect();
    if candidates.is_empty() {
        return none;
    }
    let roman: Vec<(usize, u32)> = candidates
        .iter()
        .filter_map(|&(r, t)| {
            let code = parse_roman(t, true)?;
            (code.code.depth() == 0).then(|| (r, code.code.roman().unwrap_or(0)))
        })
        .collect();
    if let Some(runs) = in_order(&roman)
        .filter(|runs| runs.len() >= 2 && runs[0].1 == 1 && runs.iter().any(|&(_, n)| n > 1))
    {
        let numerals: Vec<String> = runs
            .iter()
            .map(|&(_, n)| roman_text(n).to_string())
            .collect();
        return Inferred {
            scheme: Scheme {
                letters: false,
                roman: true,
            },
            note: Some(note(&runs, &numerals, SchemeSeen::Roman)),
        };
    }
    let letters: Vec<(usize, u32)> = candidates
        .iter()
        .filter(|(_, t)| parse_leading(t).is_none())
        .filter_map(|&(r, t)| Some((r, u32::from(parse_letter(t)?.code.letter))))
        .collect();
    let Some(runs) = in_order(&letters) else {
        return none;
    };
    // One letter alone is a scheme when codes of that letter follow it.
    let heads_codes = |&(row, letter): &(usize, u32)| {
        cells.clone().any(|(r, t)| {
            r > row && parse_leading(t).is_some_and(|c| u32::from(c.code.letter) == letter)
        })
    };
    let shown = runs.len() >= 2 || runs.first().is_some_and(heads_codes);
    if !shown {
        return none;
    }
    let names: Vec<String> = runs
        .iter()
        .filter_map(|&(_, l)| char::from_u32(l))
        .map(String::from)
        .collect();
    Inferred {
        scheme: Scheme {
            letters: true,
            roman: false,
        },
        note: Some(note(&runs, &names, SchemeSeen::Letters)),
    }
}

/// The runs of `seen` (grid row, value; a value repeated on the rows
/// after it is one run), when they rise one by one, allowing a gap here
/// and there (a letter left out): a scheme. `None` when they fall or
/// jump about: words, not codes.
fn in_order(seen: &[(usize, u32)]) -> Option<Vec<(usize, u32)>> {
    let mut runs: Vec<(usize, u32)> = Vec::new();
    for &(r, v) in seen {
        match runs.last() {
            Some(&(_, last)) if last == v => {}
            Some(&(_, last)) if last > v => return None,
            _ => runs.push((r, v)),
        }
    }
    let &(_, first) = runs.first()?;
    // The scheme starts at its beginning (A, or I), or near it.
    let near_start = char::from_u32(first).is_some_and(|c| ('A'..='C').contains(&c)) || first <= 3;
    let steps = runs.windows(2).filter(|w| w[1].1 - w[0].1 == 1).count();
    (near_start && steps * 2 >= runs.len() - 1).then_some(runs)
}

fn roman_text(n: u32) -> &'static str {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    ROMAN.get(n as usize - 1).copied().unwrap_or("?")
}

/// The note on the codes read, at the first row read so.
fn note(runs: &[(usize, u32)], names: &[String], seen: SchemeSeen) -> (usize, String) {
    let mut listed: Vec<&str> = names.iter().take(LISTED).map(String::as_str).collect();
    if names.len() > LISTED {
        listed.push("…");
    }
    (runs[0].0, messages::code_scheme(seen, &listed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(cells: &[&str]) -> Scheme {
        infer(cells.iter().copied().enumerate()).scheme
    }

    #[test]
    fn letters_in_order_are_codes_and_words_are_not() {
        let letters = Scheme {
            letters: true,
            roman: false,
        };
        assert_eq!(
            scheme(&[
                "A Organi",
                "A1 Uno",
                "A1.1 Due",
                "B Registro",
                "B1 Tre",
                "C Promozione"
            ]),
            letters
        );
        // Merged down: the same letter on the rows below.
        assert_eq!(scheme(&["A. Uno", "A. Uno", "B. Due", "B. Due"]), letters);
        // One letter heading codes of its own.
        assert_eq!(scheme(&["A", "A1", "A2"]), letters);
        assert_eq!(scheme(&["A chi rivolgersi", "B1 Uno"]), Scheme::default());
        // Titles that begin with a one-letter word, in no order.
        assert_eq!(
            scheme(&["E poi", "A1 Uno", "A chi rivolgersi", "I servizi"]),
            Scheme::default()
        );
        assert_eq!(scheme(&["A1", "A2", "B1"]), Scheme::default());
        assert_eq!(scheme(&[]), Scheme::default());
    }

    #[test]
    fn roman_numerals_in_order_are_codes() {
        let roman = Scheme {
            letters: false,
            roman: true,
        };
        let cells = ["I Organi", "I.1 Uno", "II Servizi", "II.1 Due", "III Altro"];
        assert_eq!(scheme(&cells), roman);
        assert_eq!(roman.read("I.1 Uno").unwrap().code.to_string(), "I.1");
        assert_eq!(
            Scheme::default().read("I.1 Uno").unwrap().code.to_string(),
            "I1"
        );
        // "I servizi" alone is a sentence.
        assert_eq!(scheme(&["I servizi", "A1 Uno"]), Scheme::default());
    }
}

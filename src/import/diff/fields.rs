//! Which fields of an entry differ between two versions, compared as
//! written with runs of white space read as one space (a cell re-typed
//! with a double space is not an edit; a changed letter is).

use super::Field;
use crate::model::{Node, Structure, Text};

/// The text fields that differ, in the order of [`Field`] (the code and
/// the parent are for the caller, who knows where entries went).
pub(super) fn edited(old: &Node, new: &Node) -> Vec<Field> {
    let mut out = Vec::new();
    let texts = [
        (Field::Title, &old.title, &new.title),
        (Field::Name, &old.name, &new.name),
        (Field::Input, &old.input, &new.input),
        (Field::Output, &old.output, &new.output),
    ];
    for (field, a, b) in texts {
        if !same_text(a, b) {
            out.push(field);
        }
    }
    if !same_steps(old, new) {
        out.push(Field::Activities);
    }
    if !same_text(&old.role, &new.role) {
        out.push(Field::Role);
    }
    if !same_structures(&old.structures, &new.structures) {
        out.push(Field::Structures);
    }
    out
}

/// Whether no text field differs (see [`edited`]).
pub(super) fn same_content(old: &Node, new: &Node) -> bool {
    same_text(&old.title, &new.title)
        && same_text(&old.name, &new.name)
        && same_text(&old.input, &new.input)
        && same_text(&old.output, &new.output)
        && same_text(&old.role, &new.role)
        && same_steps(old, new)
        && same_structures(&old.structures, &new.structures)
}

fn same_text(a: &str, b: &str) -> bool {
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

/// The activities as the words of their steps in order: how a cell was
/// cut into steps, the separators between them (a CSV export joins them
/// with ` | `, a source ends each with `;`) and the numbers before them
/// (`1.`, `b)`, kept or taken as where a step starts) are the file's
/// layout, not an edit.
fn same_steps(old: &Node, new: &Node) -> bool {
    if old.activities == new.activities {
        return true;
    }
    let (a, b) = (old.activities.list(), new.activities.list());
    words(&a).eq(words(&b))
}

/// The words of `steps` in order, without the marks that only separate
/// or number them and the stops after them.
fn words(steps: &[Text]) -> impl Iterator<Item = &str> {
    steps
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| !is_mark(w))
        .map(|w| w.trim_end_matches([';', ',', '.', ':']))
}

/// A separator (`|`, `-`, `•`) or a step's number (`1.`, `12)`, `b):`).
fn is_mark(word: &str) -> bool {
    let word = word.trim_end_matches(':');
    if !word.chars().any(char::is_alphanumeric) {
        return true;
    }
    let number = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let letter = |s: &str| s.len() == 1 && s.bytes().all(|b| b.is_ascii_alphabetic());
    match (word.strip_suffix('.'), word.strip_suffix(')')) {
        (Some(n), _) => number(n),
        (_, Some(n)) => number(n) || letter(n),
        _ => false,
    }
}

fn same_structures(a: &[Structure], b: &[Structure]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| same_text(&x.area, &y.area) && same_text(&x.servizio, &y.servizio))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn white_space_is_not_an_edit_and_a_letter_is() {
        let mut a = Node::new("d", "d:1", Kind::Attivita, 4);
        a.title = "Rilascio  carte\ttachigrafiche ".into();
        a.activities = vec!["Ricezione".into(), "Verifica".into()].into();
        let mut b = a.clone();
        b.title = "Rilascio carte tachigrafiche".into();
        b.activities = vec![" Ricezione".into(), "Verifica".into()].into();
        assert!(same_content(&a, &b));
        assert!(edited(&a, &b).is_empty());
        // The steps in one cell, joined as a CSV export joins them, or
        // numbered.
        b.activities = vec!["Ricezione | Verifica".into()].into();
        assert!(same_content(&a, &b));
        b.activities = vec!["1. Ricezione; 2. Verifica.".into()].into();
        assert!(same_content(&a, &b));
        b.activities = vec!["Ricezione 2.0 Verifica".into()].into();
        assert!(!same_content(&a, &b));
        b.title = "Rilascio carte Tachigrafiche".into();
        b.input = "Domanda".into();
        b.activities = vec!["Ricezione".into()].into();
        b.structures.push(Structure {
            area: "Area".into(),
            servizio: "Servizio".into(),
            line: None,
        });
        assert!(!same_content(&a, &b));
        assert_eq!(
            edited(&a, &b),
            [
                Field::Title,
                Field::Input,
                Field::Activities,
                Field::Structures
            ]
        );
    }
}

//! Which fields of an entry differ between two versions, compared as
//! written with runs of white space read as one space (a cell re-typed
//! with a double space is not an edit; a changed letter is).

use super::Field;
use crate::model::{Node, Structure};

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

fn same_steps(old: &Node, new: &Node) -> bool {
    if old.activities == new.activities {
        return true;
    }
    let (a, b) = (old.activities.list(), new.activities.list());
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| same_text(x, y))
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

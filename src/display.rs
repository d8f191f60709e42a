//! How an entry's responsible party reads in one line.

use crate::text::clean;

/// The responsible party of a node in one line: the role (catalogo), the
/// structures as "area / servizio" (ptpc2019), or both for a chamber's
/// spreadsheet with a role and an office column ("role · office"), safe
/// for a terminal.
pub fn responsible(node: &crate::model::Node) -> String {
    responsible_of(&node.role, &node.structures)
}

/// [`responsible`] of an entry with `role` and `structures`.
pub fn responsible_of(role: &str, structures: &[crate::model::Structure]) -> String {
    let offices = structures
        .iter()
        .map(structure)
        .filter(|s| !s.is_empty())
        .map(|s| clean(&s).into_owned())
        .collect::<Vec<_>>()
        .join("; ");
    match (role.is_empty(), offices.is_empty()) {
        (false, false) => format!("{} · {offices}", clean(role)),
        (false, true) => clean(role).into_owned(),
        (true, _) => offices,
    }
}

/// One structure as "area / servizio", or whichever of the two is given.
pub fn structure(s: &crate::model::Structure) -> String {
    match (s.area.is_empty(), s.servizio.is_empty()) {
        (false, false) => format!("{} / {}", s.area, s.servizio),
        (false, true) => s.area.to_string(),
        (true, false) => s.servizio.to_string(),
        (true, true) => String::new(),
    }
}

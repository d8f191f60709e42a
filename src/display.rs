//! How an entry's responsible party reads in one line.

use crate::text::clean;

/// The responsible party of a node in one line: the role (catalogo), the
/// structures as "area / servizio" (ptpc2019), or both for a chamber's
/// spreadsheet with a role and an office column ("role · office"), safe
/// for a terminal.
pub fn responsible(node: &crate::model::Node) -> String {
    let offices = node
        .structures
        .iter()
        .map(structure)
        .filter(|s| !s.is_empty())
        .map(|s| clean(&s).into_owned())
        .collect::<Vec<_>>()
        .join("; ");
    match (node.role.is_empty(), offices.is_empty()) {
        (false, false) => format!("{} · {offices}", clean(&node.role)),
        (false, true) => clean(&node.role).into_owned(),
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

//! How an entry's responsible party reads in one line.

use crate::text::clean;

/// The responsible party of a node in one line: the role (catalogo) or the
/// structures as "area / servizio" (ptpc2019), safe for a terminal.
pub fn responsible(node: &crate::model::Node) -> String {
    if !node.role.is_empty() {
        return clean(&node.role).into_owned();
    }
    node.structures
        .iter()
        .map(|s| match (s.area.is_empty(), s.servizio.is_empty()) {
            (false, false) => format!("{} / {}", s.area, s.servizio),
            (false, true) => s.area.to_string(),
            (true, false) => s.servizio.to_string(),
            (true, true) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .map(|s| clean(&s).into_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

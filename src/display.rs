//! Making data text safe and readable on a terminal.

/// Removes control characters so text from data files can be written to a
/// terminal safely (no escape sequences reach it); tabs and line breaks
/// become spaces.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

/// The responsible party of a node in one line: the role (catalogo) or the
/// structures as "area / servizio" (ptpc2019).
pub fn responsible(node: &crate::model::Node) -> String {
    if !node.role.is_empty() {
        return sanitize(&node.role);
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
        .map(|s| sanitize(&s))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(sanitize("a\x1b[31mb\tc\u{7}"), "a[31mb c");
        assert_eq!(sanitize("Qualità"), "Qualità");
    }
}

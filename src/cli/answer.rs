//! A name on every answer of `search`, `show` and `who`: an entry's own
//! responsible, or for one that names no one itself, who answers for it
//! (the sub-entries' roles and offices, the offices its links give it,
//! or those below the entry above), always saying where the names come
//! from and, for computed links, that they are to be confirmed.

use crate::display::responsible;
use crate::report::node_json::Nodes;
use crate::roles::{summary, Answer, Source};
use crate::text::clean;

/// The user-facing words of this module, in one place.
mod msg {
    /// Names from the entries below.
    pub const BELOW: &str = "nelle sotto-voci";
    /// Names from computed links.
    pub const LINKS_AUTO: &str = "dai collegamenti (da confermare)";
    /// Names from confirmed links.
    pub const LINKS_CONFIRMED: &str = "dai collegamenti (confermati)";
    /// Names from below the entry above, whose code follows.
    pub const ABOVE: &str = "nella voce superiore";
    /// No one anywhere near.
    pub const NOBODY: &str = "—";
}

/// How many names a one-line answer shows before "… (+N)".
pub const SHOWN: usize = 3;

/// Where the names of an answer come from, as a label:
/// "nelle sotto-voci", "dai collegamenti (da confermare)", "nella voce
/// superiore A1.2".
pub fn source_label(nodes: &Nodes, dataset: usize, source: Source) -> String {
    match source {
        Source::Below => msg::BELOW.to_string(),
        Source::Links { confirmed: false } => msg::LINKS_AUTO.to_string(),
        Source::Links { confirmed: true } => msg::LINKS_CONFIRMED.to_string(),
        Source::Above { ancestor } => {
            let node = &nodes.map.datasets[dataset].nodes[ancestor];
            match &node.code {
                Some(code) => format!("{} {}", msg::ABOVE, clean(code)),
                None => msg::ABOVE.to_string(),
            }
        }
    }
}

/// An answer in one line: "nelle sotto-voci: PO Settore, Operatore
/// incaricato del Settore … (+2)".
pub fn answer_line(nodes: &Nodes, dataset: usize, answer: &Answer) -> String {
    format!(
        "{}: {}",
        source_label(nodes, dataset, answer.source),
        clean(&summary(&answer.named, SHOWN))
    )
}

/// Who is responsible for an entry, in one line, safe for a terminal: its
/// own role or offices, else who answers for it, else "—".
pub fn line(nodes: &Nodes, dataset: usize, node: usize) -> String {
    let own = responsible(&nodes.map.datasets[dataset].nodes[node]);
    if !own.is_empty() {
        return own;
    }
    match nodes.answer(dataset, node) {
        Some(a) => answer_line(nodes, dataset, &a),
        None => msg::NOBODY.to_string(),
    }
}

/// Whether an entry's answer may need the links (it names no one and has
/// no one named below it): only then must a command compute them.
pub fn needs_links(nodes: &Nodes, dataset: usize, node: usize) -> bool {
    let ds = &nodes.map.datasets[dataset];
    if crate::roles::names_someone(&ds.nodes[node]) {
        return false;
    }
    !matches!(
        nodes.answer(dataset, node),
        Some(Answer {
            source: Source::Below,
            ..
        })
    )
}

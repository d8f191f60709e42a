//! The map being built: nodes for labels and actions, one node per code
//! (plus variants), inferred nodes for codes no label names.

use super::super::ids::{self, LineIds};
use super::super::text::quote;
use super::super::tree::{Draft, SortKey};
use super::super::Diags;
use super::ID;
use crate::model::{Code, DiagClass, Kept, Kind, Node, Severity, Text};
use rustc_hash::FxHashMap as HashMap;

pub(super) struct Builder {
    pub diags: Diags,
    pub tree: Draft,
    /// Ids for actions, which are known by their line.
    pub line_ids: LineIds,
    /// How many entries each code has labelled so far.
    variants: HashMap<Code, u32>,
    /// The source text, when kept for the process: titles point into it.
    kept: Kept,
}

/// The node a label stands for, and whether this row introduced it (a new
/// code or a new variant) rather than repeating an earlier label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Labelled {
    pub node: usize,
    pub new: bool,
}

impl Builder {
    pub fn new(diags: Diags, line_ids: LineIds, capacity: usize, kept: Kept) -> Self {
        Builder {
            diags,
            tree: Draft::with_capacity(capacity),
            line_ids,
            variants: HashMap::default(),
            kept,
        }
    }

    /// Adds a node; `line` is `None` for an inferred one.
    pub fn node(
        &mut self,
        id: Text,
        code: Option<(&Code, Text)>,
        kind: Kind,
        title: impl Into<Text>,
        line: Option<u32>,
    ) -> usize {
        let (code, text) = code.unzip();
        let mut n = Node::new(ID, id, kind, 0);
        n.code = text;
        n.title = title.into();
        n.inferred = line.is_none();
        n.line = line;
        let key = SortKey {
            anchor: code.copied(),
            line: line.unwrap_or(0),
            seq: self.tree.nodes.len() as u32,
        };
        self.tree.push(n, key)
    }

    /// The node for a label: the same one when code and title repeat, a new
    /// variant when the code repeats with another title.
    pub fn label(&mut self, code: &Code, raw: &str, title: &str, line: u32) -> Labelled {
        let Some(&first) = self.tree.owner.get(code) else {
            let node = self.labelled_node(code, raw, title, line, 1);
            self.tree.owner.insert(*code, node);
            return Labelled { node, new: true };
        };
        let earlier = &self.tree.nodes[first];
        let first_line = earlier.line.unwrap_or(0);
        if earlier.title.to_lowercase() == title.to_lowercase() {
            let id = earlier.id.clone();
            self.diags.push(
                Some(line),
                Severity::Info,
                DiagClass::RepeatedLabel,
                Some(&id),
                format!("etichetta {code} ripetuta (prima alla riga {first_line}): le celle che la seguono sono lette sotto {code}"),
            );
            return Labelled {
                node: first,
                new: false,
            };
        }
        let first_title = quote(&earlier.title).into_owned();
        let v = self.variants.entry(*code).or_insert(1);
        *v += 1;
        let variant = *v;
        let node = self.labelled_node(code, raw, title, line, variant);
        let id = self.tree.nodes[node].id.clone();
        self.diags.push(
            Some(line),
            Severity::Warning,
            DiagClass::Variant,
            Some(&id),
            format!("il codice {code} etichetta anche \"{first_title}\" (riga {first_line}): mantenuta come voce distinta"),
        );
        Labelled { node, new: true }
    }

    fn labelled_node(&mut self, code: &Code, raw: &str, title: &str, line: u32, v: u32) -> usize {
        let text = code.to_text();
        let id = ids::for_code(ID, &text, v);
        let title = self.kept.of(title);
        let node = self.node(id, Some((code, text)), kind_for(code), title, Some(line));
        self.tree.nodes[node].raw_code = raw.into();
        self.tree.nodes[node].variant = v;
        node
    }

    /// Node owning `code`, inferred when no label names it. `child` says
    /// which entry needed it; it is written only for the diagnostic.
    pub fn ensure(&mut self, code: &Code, child: impl FnOnce() -> String) -> usize {
        if let Some(&i) = self.tree.owner.get(code) {
            return i;
        }
        let text = code.to_text();
        let id = ids::for_code(ID, &text, 1);
        let node = self.node(
            id.clone(),
            Some((code, text)),
            kind_for(code),
            Text::default(),
            None,
        );
        self.tree.owner.insert(*code, node);
        self.diags.push(
            None,
            Severity::Warning,
            DiagClass::InferredParent,
            Some(&id),
            format!(
                "nessuna etichetta ha il codice {code}: dedotto come padre di {}",
                child()
            ),
        );
        node
    }
}

/// What a label of this depth is: `A` a function, `A1` a macro-process,
/// `A1.1` a process, deeper a sub-process.
fn kind_for(code: &Code) -> Kind {
    match code.depth() {
        0 => Kind::Funzione,
        1 => Kind::MacroProcesso,
        2 => Kind::Processo,
        _ => Kind::SottoProcesso,
    }
}

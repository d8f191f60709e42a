//! Pass 2: read the classified rows into nodes. Labels (function,
//! macro-process, process, sub-process) become the inner nodes, and set the
//! context the actions on their row and the rows below belong to; texts
//! become actions, with their structures (see [`super::structures`]) and,
//! where a label was printed one row too low, under the label before it
//! (see [`super::lag`]).

use super::builder::Builder;
use super::cells::{Cell, DataRow};
use super::lag::{self, LabelStems, RowLabels};
use super::pagebreak;
use super::split;
use super::structures::{self, Pairing};
use crate::model::{Code, DiagClass, Kind, Severity};

/// Where the reading is: the label actions attach to, the last action.
#[derive(Debug, Default)]
struct Reading {
    context: Option<usize>,
    last_action: Option<usize>,
    /// Structure rows already paired with the actions above them.
    consumed: Vec<bool>,
    stems: LabelStems,
}

/// What one row says: its actions (each with the label it attaches to),
/// the structure names beside them, the label it introduced.
#[derive(Debug, Default)]
struct RowContent<'a> {
    texts: Vec<(usize, &'a str)>,
    areas: Vec<&'a str>,
    servizi: Vec<&'a str>,
    newest_label: Option<usize>,
    attach_to: Option<usize>,
    /// A label whose title this row continued (a page break had cut it).
    continued: Option<usize>,
}

/// Reads every row into `b`.
pub(super) fn read_rows(rows: &[DataRow], b: &mut Builder) {
    let mut r = Reading {
        consumed: vec![false; rows.len()],
        ..Reading::default()
    };
    for at in 0..rows.len() {
        if r.consumed[at] {
            continue;
        }
        let row = &rows[at];
        if structures::is_structure_only(row) {
            orphan_structures(b, row, r.last_action);
            continue;
        }
        let before = r.context;
        let content = read_cells(b, row, before);
        if let Some(label) = content.continued {
            r.stems.forget(label);
        }
        r.context = content.newest_label.or(content.attach_to);
        if content.texts.is_empty() {
            structures_without_action(b, row.line, &content);
            continue;
        }
        let labels = RowLabels {
            newest: content.newest_label,
            before,
        };
        r.last_action = Some(read_actions(b, rows, at, &content, labels, &mut r));
    }
}

/// Structures on a row of their own with no action row right above them:
/// given to the last action read, if any.
fn orphan_structures(b: &mut Builder, row: &DataRow, last_action: Option<usize>) {
    let s = structures::structure_of_row(row);
    let Some(a) = last_action else {
        b.diags.push(
            Some(row.line),
            Severity::Error,
            DiagClass::OrphanStructure,
            None,
            "riga di strutture prima di ogni azione: non attribuita",
        );
        return;
    };
    b.tree.nodes[a].structures.push(s);
    let id = b.tree.nodes[a].id.clone();
    b.diags.push(
        Some(row.line),
        Severity::Warning,
        DiagClass::OrphanStructure,
        Some(&id),
        "riga di strutture senza azione: attribuita all'azione precedente (affidabilità: bassa)",
    );
}

/// Reads the cells of a row in column order: labels open their node and
/// become the context of the texts after them.
fn read_cells<'a>(b: &mut Builder, row: &DataRow<'a>, context: Option<usize>) -> RowContent<'a> {
    let mut c = RowContent {
        attach_to: context,
        ..RowContent::default()
    };
    for &(col, ref cell) in &row.cells {
        match *cell {
            Cell::Function { letter, title } => {
                if let Some(code) = Code::new(letter, &[], None) {
                    let labelled = b.label(&code, &letter.to_string(), title, row.line);
                    c.opened(labelled.node, labelled.new);
                }
            }
            Cell::Label { code, raw, title } => {
                let labelled = b.label(&code, raw, title, row.line);
                c.opened(labelled.node, labelled.new);
            }
            Cell::Area(a) => c.areas.push(a),
            Cell::Servizio(s) => c.servizi.push(s),
            Cell::Text(t) => match pagebreak::continued_title(b, row, col, t, context) {
                Some(joined) => {
                    let label = context.unwrap_or_default();
                    pagebreak::rejoin_title(b, label, joined, row.line);
                    c.attach_to = Some(label);
                    c.continued = Some(label);
                }
                None => read_text(b, row.line, t, &mut c),
            },
        }
    }
    c
}

impl RowContent<'_> {
    fn opened(&mut self, node: usize, new: bool) {
        self.attach_to = Some(node);
        if new {
            self.newest_label = Some(node);
        }
    }
}

/// A text cell: an action, or (short, right after an action, where no area
/// was recognised) a structure name not seen elsewhere.
fn read_text<'a>(b: &mut Builder, line: u32, t: &'a str, c: &mut RowContent<'a>) {
    if !c.texts.is_empty() && c.areas.is_empty() && t.chars().count() <= 40 {
        c.areas.push(t);
        b.diags.push(
            Some(line),
            Severity::Warning,
            DiagClass::UnknownStructure,
            None,
            format!("\"{t}\" non è una struttura nota: letta come Area dirigenziale per la sua posizione (affidabilità: media)"),
        );
        return;
    }
    match c.attach_to {
        Some(p) => c.texts.push((p, t)),
        None => b.diags.push(
            Some(line),
            Severity::Error,
            DiagClass::OrphanAction,
            None,
            format!("azione \"{t}\" prima di ogni etichetta: non importata"),
        ),
    }
}

/// Structure names on a row with no action: reported, not attributed.
fn structures_without_action(b: &mut Builder, line: u32, c: &RowContent) {
    if c.areas.is_empty() && c.servizi.is_empty() {
        return;
    }
    let node = c.newest_label.map(|i| b.tree.nodes[i].id.clone());
    b.diags.push(
        Some(line),
        Severity::Warning,
        DiagClass::StructureWithoutAction,
        node.as_deref(),
        format!(
            "struttura {} / {} in una riga senza azione: non attribuita",
            c.areas.join(", "),
            c.servizi.join(", ")
        ),
    );
}

/// Makes the actions of row `at` and gives them their structures; returns
/// the last action made.
fn read_actions(
    b: &mut Builder,
    rows: &[DataRow],
    at: usize,
    c: &RowContent,
    labels: RowLabels,
    r: &mut Reading,
) -> usize {
    let line = rows[at].line;
    let below = structures::rows_below(rows, at);
    let pieces = split::actions_of_row(&c.texts, !below.is_empty(), line, &mut b.diags);
    let n_pieces = pieces.len();
    let first = b.tree.nodes.len();
    for (k, (parent, text)) in pieces.into_iter().enumerate() {
        let piece = (n_pieces > 1).then_some(k as u32 + 1);
        let id = b.line_ids.id(super::ID, line, piece);
        let parent = lag::place(b, &mut r.stems, (&id, &text), line, parent, labels);
        let a = b.node(id, None, Kind::Azione, text, Some(line));
        b.tree.parents[a] = Some(parent);
    }
    let own = (!c.areas.is_empty() || !c.servizi.is_empty())
        .then(|| structures::structure(&c.areas, &c.servizi, None));
    // Paired in order: the row's structure and those of the rows below go
    // to the actions one by one. Otherwise every action gets the row's.
    let in_order = (c.texts.len() == 1 && n_pieces > 1) || !below.is_empty();
    let pairing = if in_order {
        let mut list: Vec<_> = own.into_iter().collect();
        for k in below {
            list.push(structures::structure_of_row(&rows[k]));
            r.consumed[k] = true;
        }
        Pairing::InOrder(list)
    } else {
        let row_bytes = rows[at].cells.iter().map(|(_, c)| c.text().len()).sum();
        Pairing::Shared(own, row_bytes)
    };
    structures::assign(b, line, first..b.tree.nodes.len(), pairing);
    b.tree.nodes.len() - 1
}

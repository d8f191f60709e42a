//! Pairing actions with their responsible structures (Area dirigenziale,
//! Servizio/Staff). Usually both are on the action's row; where one cell
//! held several actions, their structures are on the rows below, one row
//! per action, and are paired in order.

use super::builder::Builder;
use super::cells::{Cell, DataRow};
use crate::model::{DiagClass, Severity, Structure};
use std::ops::Range;

/// Whether a row holds structure names and nothing else.
pub(super) fn is_structure_only(row: &DataRow) -> bool {
    !row.cells.is_empty()
        && row
            .cells
            .iter()
            .all(|(_, c)| matches!(c, Cell::Area(_) | Cell::Servizio(_)))
}

/// The structure-only rows right after row `at`.
pub(super) fn rows_below(rows: &[DataRow], at: usize) -> Range<usize> {
    let start = at + 1;
    let end = (start..rows.len())
        .find(|&k| !is_structure_only(&rows[k]))
        .unwrap_or(rows.len());
    start..end.max(start)
}

/// The structure named by the areas and servizi of a row (several of each
/// are joined by "; "). `line`: the row, when it is not the action's own.
pub(super) fn structure(areas: &[&str], servizi: &[&str], line: Option<u32>) -> Structure {
    Structure {
        area: areas.join("; ").into(),
        servizio: servizi.join("; ").into(),
        line,
    }
}

/// The structure of a structure-only row.
pub(super) fn structure_of_row(row: &DataRow) -> Structure {
    let (mut areas, mut servizi) = (Vec::new(), Vec::new());
    for (_, c) in &row.cells {
        match c {
            Cell::Area(a) => areas.push(*a),
            Cell::Servizio(s) => servizi.push(*s),
            _ => {}
        }
    }
    structure(&areas, &servizi, Some(row.line))
}

/// How the actions of one row get their structures.
pub(super) enum Pairing {
    /// Each action gets the next structure of the list, in order: the row's
    /// own first (if it names one), then one per row below.
    InOrder(Vec<Structure>),
    /// Every action gets the row's structure (if it names one); the row's
    /// size in bytes bounds the copies.
    Shared(Option<Structure>, usize),
}

/// Gives the actions `created` (nodes of row `line`) their structures and
/// reports those left without, or the structures left over.
pub(super) fn assign(b: &mut Builder, line: u32, created: Range<usize>, pairing: Pairing) {
    let n_actions = created.len();
    let (in_order, n_struct) = match &pairing {
        Pairing::InOrder(list) => (true, list.len()),
        Pairing::Shared(..) => (false, 0),
    };
    match pairing {
        Pairing::InOrder(list) => pair_in_order(b, line, created.clone(), list),
        Pairing::Shared(Some(s), row_bytes) => share(b, line, created.clone(), s, row_bytes),
        Pairing::Shared(None, _) => {}
    }
    // Actions left without a structure by a short list are covered by the
    // structure-count diagnostic above.
    let short_list = in_order && n_struct > 0 && n_struct < n_actions;
    for a in created {
        let n = &b.tree.nodes[a];
        let (class, severity, message) = match n.structures.first() {
            None if !short_list => (
                DiagClass::NoStructure,
                Severity::Warning,
                "azione senza struttura responsabile",
            ),
            Some(s) if s.servizio.is_empty() => (
                DiagClass::NoServizio,
                Severity::Info,
                "azione con Area dirigenziale ma senza Servizio/Staff",
            ),
            Some(s) if s.area.is_empty() => (
                DiagClass::NoArea,
                Severity::Info,
                "azione con Servizio/Staff ma senza Area dirigenziale",
            ),
            _ => continue,
        };
        let id = n.id.clone();
        b.diags
            .push(Some(line), severity, class, Some(&id), message);
    }
}

/// The row's structure for each of its actions. A real row has a few
/// actions and a short structure name; the copies are bounded by the size
/// of the row itself (at least four are always made), so that a row of
/// thousands of actions beside one long structure name cannot make a copy
/// for each. `row_bytes`: the length of the row's cells.
fn share(b: &mut Builder, line: u32, created: Range<usize>, s: Structure, row_bytes: usize) {
    let n_actions = created.len();
    let size = s.area.len() + s.servizio.len() + 1;
    let copies = ((4 * size).max(row_bytes) / size).clamp(1, n_actions.max(1));
    for a in created.clone().take(copies) {
        b.tree.nodes[a].structures = vec![s.clone()].into();
    }
    if n_actions > copies {
        let id = b.tree.nodes[created.start].id.clone();
        b.diags.push(
            Some(line),
            Severity::Warning,
            DiagClass::StructureCount,
            Some(&id),
            format!("{n_actions} azioni in una riga con una sola struttura: attribuita alle prime {copies}, le altre restano senza (riga troppo lunga per copiarla a ciascuna)"),
        );
    }
}

/// Structures paired with actions in order; extra structures go to the
/// last action.
fn pair_in_order(b: &mut Builder, line: u32, created: Range<usize>, list: Vec<Structure>) {
    let (n_actions, n_struct) = (created.len(), list.len());
    let Some(last) = created.clone().last() else {
        return;
    };
    let mut list = list.into_iter();
    for a in created {
        if let Some(s) = list.next() {
            b.tree.nodes[a].structures = vec![s].into();
        }
    }
    b.tree.nodes[last].structures.extend(list);
    if n_struct == n_actions || n_struct == 0 {
        return;
    }
    let message = if n_struct > n_actions {
        format!(
            "{n_struct} righe di strutture per {n_actions} azioni: abbinate in ordine, le {} in più attribuite all'ultima azione (affidabilità: bassa)",
            n_struct - n_actions
        )
    } else {
        format!(
            "{n_struct} righe di strutture per {n_actions} azioni: abbinate in ordine, le ultime {} azioni restano senza (affidabilità: bassa)",
            n_actions - n_struct
        )
    };
    let id = b.tree.nodes[last].id.clone();
    b.diags.push(
        Some(line),
        Severity::Warning,
        DiagClass::StructureCount,
        Some(&id),
        message,
    );
}

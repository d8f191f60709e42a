//! The layout with one column per level (as Annex 1 of the PTPC): a row
//! opens an entry in the first level column whose text differs from the
//! row above, and entries in the columns after it; a level cell left
//! empty (or merged down) means "the same as above". A code at the start
//! of a level cell is read as the entry's code ("A1: CICLO DI
//! GESTIONE"), as the sheet writes its codes (one letter, Roman numerals:
//! see [`super::codes`]). The row's other cells (the office, the steps,
//! input, output, the columns the map does not use) describe the deepest
//! entry it opens, never a level of their own; a row that opens none adds
//! its cells to the entry above, and the rows that do so one after the
//! other are said once.

use super::fields::{Field, Level};
use super::messages;
use super::reading::{Reading, RowKind};
use crate::import::ids::{self, LineIds};
use crate::import::text::quote;
use crate::import::tree::{Draft, SortKey};
use crate::model::code::Code;
use crate::model::steps::Steps;
use crate::model::{DiagClass, Node, ParentIndex, Severity, Structure};
use rustc_hash::FxHashMap;

/// The nodes of the sheet, in tree order, with their parents by index.
pub fn read(rd: &mut Reading) -> (Vec<Node>, ParentIndex) {
    let levels = rd.table.levels();
    let first = rd.table.first_data_row();
    let rows = rd.grid.rows();
    // Every code an entry may take, from its level cells or the code
    // column: ids made from row numbers must differ from all of them.
    let scheme = rd.codes;
    let codes = (first..rows).flat_map(|r| {
        let grid = rd.grid;
        levels
            .iter()
            .map(move |&(_, c)| grid.cell(r, c))
            .chain(std::iter::once(rd.cell(r, Field::Code)))
            .filter_map(move |text| scheme.read(text).map(|l| l.code))
    });
    let mut b = Builder {
        line_ids: LineIds::new(codes.collect::<Vec<_>>()),
        tree: Draft::with_capacity(rows.saturating_sub(first) + 16),
        by_code: FxHashMap::default(),
        by_label: FxHashMap::default(),
        open: vec![None; levels.len()],
        run: None,
    };
    for r in first..rows {
        if matches!(rd.kind(r), RowKind::Data) {
            read_row(rd, &mut b, &levels, r);
        }
    }
    end_run(rd, &mut b);
    b.tree.finish()
}

/// Rows one after the other that add to one entry: said in one note.
struct Run {
    node: usize,
    /// The grid row of the first, and the sheet row of the last.
    first: usize,
    last: u32,
    /// The text that differed from the entry's own, each with its row.
    kept: Vec<(u32, String)>,
}

struct Builder<'g> {
    line_ids: LineIds,
    tree: Draft,
    /// The entries with each code.
    by_code: FxHashMap<Code, Vec<usize>>,
    /// The first entry with each code and title (case aside): a label
    /// repeated later is found in one lookup, however many share the code.
    by_label: FxHashMap<(Code, String), usize>,
    /// The entry open at each level, with the cell text that opened it.
    open: Vec<Option<(usize, &'g str)>>,
    /// The rows adding to the entry above, not yet said.
    run: Option<Run>,
}

fn read_row<'g>(rd: &mut Reading<'g>, b: &mut Builder<'g>, levels: &[(Level, usize)], r: usize) {
    let mut changed = false;
    let mut parent: Option<usize> = None;
    let mut newest: Option<(usize, usize, bool)> = None;
    let mut pieces = 0u32;
    for (depth, &(level, col)) in levels.iter().enumerate() {
        let text = rd.grid.trimmed(r, col);
        if text.is_empty() {
            if changed {
                // A new entry above: nothing is open below it yet.
                b.open[depth] = None;
            } else if let Some((n, _)) = b.open[depth] {
                parent = Some(n);
            }
            continue;
        }
        if !changed {
            if let Some((n, _)) = b.open[depth].filter(|&(_, t)| t == text) {
                parent = Some(n);
                continue;
            }
        }
        changed = true;
        let (node, new) = open_entry(rd, b, r, (level, depth, col), text, parent, &mut pieces);
        b.open[depth] = Some((node, text));
        parent = Some(node);
        newest = Some((node, depth, new));
    }
    let continues = match (newest, parent) {
        (Some((node, _, false)), _) | (None, Some(node)) => Some(node),
        _ => None,
    };
    if b.run
        .as_ref()
        .is_some_and(|run| Some(run.node) != continues)
    {
        end_run(rd, b);
    }
    match (newest, parent) {
        (Some((node, depth, true)), _) => {
            fill(rd, b, node, r);
            code_column(rd, b, node, r);
            let last = depth + 1 == levels.len();
            report_no_party(rd, b, node, r, last);
        }
        // A label repeated: the row adds to the entry it names, as a row
        // that repeats the one above does.
        (Some((node, _, false)), _) | (None, Some(node)) => continue_entry(rd, b, node, r),
        (None, None) => {
            let col = levels.first().map(|&(_, c)| c);
            rd.push(
                r,
                col,
                Severity::Warning,
                DiagClass::Unplaced,
                None,
                "la riga non ha testo in nessuna colonna di livello e non c'è una voce sopra di essa: non collocata",
            );
        }
    }
}

/// The entry a level cell opens: a new one, or the entry with the same
/// code and title seen earlier (a label repeated); and whether it is new.
fn open_entry<'g>(
    rd: &mut Reading<'g>,
    b: &mut Builder<'g>,
    r: usize,
    (level, depth, col): (Level, usize, usize),
    text: &'g str,
    parent: Option<usize>,
    pieces: &mut u32,
) -> (usize, bool) {
    let line = rd.line(r);
    let lead = rd.codes.read(text);
    let title = lead.as_ref().map_or(text, |l| l.rest);
    let mut variant = 1;
    if let Some(l) = &lead {
        if let Some(&n) = b.by_label.get(&(l.code, title.to_lowercase())) {
            let id = b.tree.nodes[n].id.clone();
            let first = b.tree.nodes[n].line.unwrap_or(0);
            rd.push(
                r,
                Some(col),
                Severity::Info,
                DiagClass::RepeatedLabel,
                Some(&id),
                format!("{} ripetuto (prima alla riga {first}): le celle della riga sono lette sotto di esso", l.code),
            );
            return (n, false);
        }
        variant = b.by_code.get(&l.code).map_or(0, Vec::len) as u32 + 1;
    }
    let id = match &lead {
        Some(l) => ids::for_code(rd.dataset, &l.code.to_text(), variant),
        None => {
            *pieces += 1;
            let piece = (*pieces > 1).then_some(*pieces);
            b.line_ids.id(rd.dataset, line, piece)
        }
    };
    let level_no = parent.map_or(1, |p| b.tree.nodes[p].level.saturating_add(1));
    let mut n = Node::new(rd.dataset, id, level.kind(depth + 1), level_no);
    n.title = title.into();
    n.line = Some(line);
    n.variant = variant;
    if let Some(l) = &lead {
        n.code = Some(l.code.to_text());
        n.raw_code = l.raw.into();
    }
    let key = SortKey {
        anchor: None,
        line,
        seq: b.tree.nodes.len() as u32,
    };
    let i = b.tree.push(n, key);
    b.tree.parents[i] = parent;
    if let Some(l) = &lead {
        b.tree.owner.entry(l.code).or_insert(i);
        b.by_code.entry(l.code).or_default().push(i);
        b.by_label
            .entry((l.code, b.tree.nodes[i].title.as_str().to_lowercase()))
            .or_insert(i);
        if variant > 1 {
            let id = b.tree.nodes[i].id.clone();
            rd.push(
                r,
                Some(col),
                Severity::Info,
                DiagClass::Variant,
                Some(&id),
                format!(
                    "variante {variant} del codice {}, con un altro titolo: mantenuta come voce distinta",
                    l.code
                ),
            );
        }
    }
    (i, true)
}

/// A code column beside the level columns: the code of the entry the row
/// opens, when its level cell has none.
fn code_column(rd: &mut Reading, b: &mut Builder, node: usize, r: usize) {
    let written = rd.cell(r, Field::Code);
    if written.is_empty() {
        return;
    }
    let col = rd.table.column(Field::Code);
    let Some(lead) = rd.codes.read(written).filter(|l| l.rest.is_empty()) else {
        rd.push(
            r,
            col,
            Severity::Warning,
            DiagClass::MissingCode,
            Some(&b.tree.nodes[node].id.clone()),
            format!(
                "\"{}\" nella colonna del codice non è un codice: la voce resta senza",
                quote(written)
            ),
        );
        return;
    };
    if let Some(own) = b.tree.nodes[node].code.clone() {
        if own != lead.code.to_text() {
            rd.push(
                r,
                col,
                Severity::Warning,
                DiagClass::TwoCodes,
                Some(&b.tree.nodes[node].id.clone()),
                format!(
                    "la colonna del codice dice {}, la cella di livello {own}: resta {own}",
                    lead.code
                ),
            );
        }
        return;
    }
    let variant = b.by_code.get(&lead.code).map_or(0, Vec::len) as u32 + 1;
    let n = &mut b.tree.nodes[node];
    n.id = ids::for_code(rd.dataset, &lead.code.to_text(), variant);
    n.code = Some(lead.code.to_text());
    n.raw_code = lead.raw.into();
    n.variant = variant;
    b.tree.owner.entry(lead.code).or_insert(node);
    b.by_code.entry(lead.code).or_default().push(node);
    let label = (lead.code, b.tree.nodes[node].title.as_str().to_lowercase());
    b.by_label.entry(label).or_insert(node);
}

/// The row's cells other than the levels, on the entry it opened.
fn fill(rd: &Reading, b: &mut Builder, node: usize, r: usize) {
    let n = &mut b.tree.nodes[node];
    n.name = rd.cell(r, Field::Name).into();
    // The level cell gives the title; a title column beside the levels
    // (a "Descrizione") is kept as the entry's name, never dropped.
    let described = rd.cell(r, Field::Title);
    if !described.is_empty() && described != n.title && described != n.name {
        n.name = if n.name.is_empty() {
            described.into()
        } else {
            compact_str::format_compact!("{} — {described}", n.name)
        };
    }
    n.input = rd.cell(r, Field::Input).into();
    n.output = rd.cell(r, Field::Output).into();
    n.activities = Steps::of_cell(rd.cell(r, Field::Activities), rd.grid.kept());
    n.role = rd.cell(r, Field::Role).into();
    n.extra = rd.extra_of(r);
    push_structure(rd, n, r);
}

fn push_structure(rd: &Reading, n: &mut Node, r: usize) {
    let (area, servizio) = (rd.cell(r, Field::Area), rd.cell(r, Field::Servizio));
    if !area.is_empty() || !servizio.is_empty() {
        n.structures.push(Structure {
            area: area.into(),
            servizio: servizio.into(),
            line: Some(rd.line(r)),
        });
    }
}

/// A row whose level cells all repeat the row above (or name an entry
/// met before): its cells go to that entry (another structure, more
/// steps); text that would replace the entry's own is kept for the note.
fn continue_entry(rd: &mut Reading, b: &mut Builder, node: usize, r: usize) {
    let kept = rd.continue_entry(&mut b.tree.nodes[node], r);
    let line = rd.line(r);
    let run = b.run.get_or_insert(Run {
        node,
        first: r,
        last: line,
        kept: Vec::new(),
    });
    run.last = line;
    run.kept.extend(kept.into_iter().map(|k| (line, k)));
}

/// Says the rows that added to one entry, in one note at the first.
fn end_run(rd: &mut Reading, b: &mut Builder) {
    let Some(run) = b.run.take() else { return };
    let id = b.tree.nodes[run.node].id.clone();
    let line = b.tree.nodes[run.node].line.unwrap_or(0);
    let first = rd.line(run.first);
    let kept: Vec<String> = run
        .kept
        .iter()
        .map(|(l, k)| match first == run.last {
            true => k.clone(),
            false => messages::kept_at(*l, k),
        })
        .collect();
    let message = messages::continued(true, (first, run.last), (&id, line), &kept);
    let col = rd.table.levels().last().map(|&(_, c)| c);
    rd.push(
        run.first,
        col,
        Severity::Info,
        DiagClass::ContinuationRow,
        Some(&id),
        message,
    );
}

/// An entry in the last level column with nobody responsible, in a sheet
/// that has a column for them.
fn report_no_party(rd: &mut Reading, b: &Builder, node: usize, r: usize, last: bool) {
    let n = &b.tree.nodes[node];
    let col = [Field::Role, Field::Servizio, Field::Area]
        .into_iter()
        .find_map(|f| rd.table.column(f));
    if !last || col.is_none() || !n.role.is_empty() || !n.structures.is_empty() {
        return;
    }
    let id = n.id.clone();
    rd.push(
        r,
        col,
        Severity::Warning,
        DiagClass::NoStructure,
        Some(&id),
        "nessun responsabile indicato per questa voce",
    );
}

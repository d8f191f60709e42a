//! The layout with codes in a column: each row an entry, the hierarchy
//! from the codes, as in the catalogue (whose tree builder this uses: the
//! same variants, inferred parents and rows without a code). The title is
//! in its own column or glued to the code; codes are read as the sheet
//! writes them (one letter for a macro-process, Roman numerals: see
//! [`super::codes`]). A row with no code, title or name but other cells
//! (a step, an office on the row below) adds them to the entry above.

use super::fields::Field;
use super::messages;
use super::reading::{Reading, RowKind};
use crate::import::catalogo::{build_draft, Entry, Slot};
use crate::import::parallel::Room;
use crate::import::text::quote;
use crate::import::Diags;
use crate::model::code::LeadingCode;
use crate::model::{DiagClass, Node, ParentIndex, Severity};

/// The nodes of the sheet, in tree order, with their parents by index.
pub fn read(rd: &mut Reading) -> (Vec<Node>, ParentIndex) {
    let rows = rd.grid.rows();
    // At most one node per row, and room for inferred parents: made on the
    // other core while this one reads the rows.
    let room = Room::ahead(rows + rows / 8, rows);
    // What placing each entry needs, and the grid row of each: its text is
    // read again from the row when its node is made (a map of 100,000
    // entries is not held twice, as entries and as nodes).
    let mut entries: Vec<Slot> = Vec::with_capacity(rows);
    let mut entry_rows: Vec<u32> = Vec::with_capacity(rows);
    // Diagnostics raised for a row, with the entry they concern.
    let mut row_diags: Vec<(usize, usize)> = Vec::new();
    let code_col = rd.table.column(Field::Code);
    let title_col = rd.table.column(Field::Title);
    let (role_col, servizio_col) = (
        rd.table.column(Field::Role),
        rd.table.column(Field::Servizio),
    );
    // Rows adding to the entry before them: (entry, grid row).
    let mut continued: Vec<(usize, usize)> = Vec::new();
    for r in rd.table.first_data_row()..rows {
        if !matches!(rd.kind(r), RowKind::Data) {
            continue;
        }
        let cells = RowCells::of(rd, r);
        if cells.names_nothing() && !entries.is_empty() {
            continued.push((entries.len() - 1, r));
            continue;
        }
        let (e, lead) = entry(rd, r, &cells);
        let ei = entries.len();
        let mut found = code_diags(rd, &cells, lead.as_ref());
        let no_party = e.role.is_empty() && cells.area.is_empty() && cells.servizio.is_empty();
        if !e.header && no_party && (role_col.is_some() || servizio_col.is_some()) {
            found.push((
                role_col.or(servizio_col),
                Severity::Warning,
                DiagClass::EmptyRole,
                "nessun responsabile indicato in questa riga".to_string(),
            ));
        }
        for (col, severity, class, message) in found {
            let col = col.or(code_col).or(title_col);
            row_diags.push((rd.push(r, col, severity, class, None, message), ei));
        }
        entries.push(e.slot());
        entry_rows.push(r as u32);
    }
    // The nodes read their rows through `rd` on every core while the tree
    // adds its diagnostics: those are held apart meanwhile.
    let mut diags = std::mem::replace(&mut rd.diags, Diags::new(rd.dataset));
    let draft = {
        let rd: &Reading = rd;
        let entry_of = |i: usize| {
            let r = entry_rows[i] as usize;
            entry(rd, r, &RowCells::of(rd, r)).0
        };
        build_draft(
            rd.dataset,
            &entries,
            entry_of,
            &row_diags,
            &mut diags,
            (room.take(), rd.grid.kept()),
            rd.codes.root_depth(),
        )
    };
    rd.diags = diags;
    let mut draft = draft;
    // Node i is entry i until the tree is put in order.
    if rd.has_extra() {
        for (node, &r) in draft.nodes.iter_mut().zip(&entry_rows) {
            node.extra = rd.extra_of(r as usize);
        }
    }
    add_continued(rd, &mut draft.nodes, &continued);
    draft.finish()
}

/// The rows that name no entry, added to the entry before each; said in
/// one note for the rows that add to one entry.
fn add_continued(rd: &mut Reading, nodes: &mut [Node], continued: &[(usize, usize)]) {
    for group in continued.chunk_by(|a, b| a.0 == b.0) {
        let (ei, first) = group[0];
        let mut kept = Vec::new();
        for &(_, r) in group {
            let line = rd.line(r);
            let more = rd.continue_entry(&mut nodes[ei], r);
            kept.extend(more.into_iter().map(|k| match group.len() {
                1 => k,
                _ => messages::kept_at(line, &k),
            }));
        }
        let n = &nodes[ei];
        let (id, line) = (n.id.clone(), n.line.unwrap_or(0));
        let last = rd.line(group[group.len() - 1].1);
        let message = messages::continued(false, (rd.line(first), last), (&id, line), &kept);
        let col = rd
            .table
            .column(Field::Code)
            .or(rd.table.column(Field::Title));
        rd.push(
            first,
            col,
            Severity::Info,
            DiagClass::ContinuationRow,
            Some(&id),
            message,
        );
    }
}

/// The cells of one row that make its entry, trimmed, each read once
/// (read anew at every use, the trimming alone was some 5% of a load).
struct RowCells<'g> {
    code: &'g str,
    title: &'g str,
    name: &'g str,
    input: &'g str,
    output: &'g str,
    activities: &'g str,
    role: &'g str,
    area: &'g str,
    servizio: &'g str,
}

impl<'g> RowCells<'g> {
    /// Nothing says which entry the row is: no code, title or name.
    fn names_nothing(&self) -> bool {
        self.code.is_empty() && self.title.is_empty() && self.name.is_empty()
    }

    fn of(rd: &Reading<'g>, r: usize) -> Self {
        let row = rd.grid.row(r);
        let cell = |field| rd.cell_of(row, field);
        RowCells {
            code: cell(Field::Code),
            title: cell(Field::Title),
            name: cell(Field::Name),
            input: cell(Field::Input),
            output: cell(Field::Output),
            activities: cell(Field::Activities),
            role: cell(Field::Role),
            area: cell(Field::Area),
            servizio: cell(Field::Servizio),
        }
    }
}

/// The entry of grid row `r` (its `cells`): the code from its column (or
/// from the start of the title), the title from its column or after the
/// code; with the code as read, for its diagnostics.
fn entry<'g>(
    rd: &Reading<'g>,
    r: usize,
    cells: &RowCells<'g>,
) -> (Entry<'g>, Option<LeadingCode<'g>>) {
    let code_cell = cells.code;
    let title_cell = cells.title;
    let has_code_col = rd.column_of(Field::Code).is_some();
    let written = if has_code_col { code_cell } else { title_cell };
    let lead = rd.codes.read(written);
    let mut title = title_cell;
    if let Some(l) = &lead {
        if title.is_empty() || !has_code_col {
            title = l.rest;
        }
    } else if has_code_col && title.is_empty() {
        // Not a code: the cell is all the entry has to say what it is.
        title = code_cell;
    }
    let name = cells.name;
    if title.is_empty() {
        title = name;
    }
    let (input, output) = (cells.input, cells.output);
    let (activities, role) = (cells.activities, cells.role);
    let parties = cells.area.is_empty() && cells.servizio.is_empty();
    let e = Entry {
        line: rd.line(r),
        code: lead.as_ref().map(|l| l.code),
        raw_code: lead.as_ref().map_or("", |l| l.raw),
        title,
        name,
        input,
        output,
        activities,
        role,
        area: cells.area,
        servizio: cells.servizio,
        header: input.is_empty()
            && output.is_empty()
            && activities.is_empty()
            && role.is_empty()
            && parties,
    };
    (e, lead)
}

type RowDiag = (Option<usize>, Severity, DiagClass, String);

/// How the row's code is written (`lead`, read by [`entry`]), or that it
/// has none.
fn code_diags(rd: &Reading, cells: &RowCells, lead: Option<&LeadingCode>) -> Vec<RowDiag> {
    let code_col = rd.column_of(Field::Code);
    let code_cell = cells.code;
    let mut out = Vec::new();
    let Some(lead) = lead else {
        let message = if code_col.is_some() && !code_cell.is_empty() {
            format!(
                "\"{}\" non è un codice: voce senza codice, collocata accanto alla voce che la precede",
                quote(code_cell)
            )
        } else {
            "riga senza codice: collocata accanto alla voce che la precede".to_string()
        };
        out.push((None, Severity::Warning, DiagClass::MissingCode, message));
        return out;
    };
    let code = lead.code;
    // In a column of its own, a code followed by a title is how the
    // sheet is written, not a defect; elsewhere the forms are noted.
    let irregular: Vec<&str> = lead
        .irregularities()
        .into_iter()
        .filter(|i| code_col.is_none() || !i.starts_with("titolo"))
        .collect();
    if !irregular.is_empty() {
        out.push((
            None,
            Severity::Info,
            DiagClass::CodeForm,
            format!(
                "codice scritto \"{}\" ({}), letto come {code}",
                lead.raw,
                irregular.join(", ")
            ),
        ));
    }
    let title = cells.title;
    if code_col.is_some() && !lead.rest.is_empty() && !title.is_empty() && lead.rest != title {
        out.push((
            None,
            Severity::Info,
            DiagClass::CodeForm,
            format!(
                "dopo il codice c'è un testo, \"{}\", diverso dal titolo: il titolo resta quello della sua colonna",
                quote(lead.rest)
            ),
        ));
    }
    out
}

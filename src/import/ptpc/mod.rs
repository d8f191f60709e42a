//! Reader for Annex 1 of the PTPC 2019-2021: institutional function →
//! macro-process → process → sub-process → actions, each action with its
//! Area dirigenziale and Servizio/Staff.
//!
//! The table was extracted from a PDF: cells drift across columns, page
//! headers repeat, several actions sit in one cell with their structures on
//! the rows below, and some labels are printed one row too low. Cells are
//! therefore classified by content, not by column, and every guess is
//! recorded as a diagnostic with its confidence.
//!
//! The import runs in passes, one file each:
//! 1. [`cells`]: classify every cell by its content; page headers only say
//!    where the columns should be.
//! 2. [`read`]: read the rows into nodes: labels open the tree's inner
//!    nodes ([`builder`]), texts become actions, split where several are
//!    run together ([`split`]), paired with their structures
//!    ([`structures`]) and moved where a label was printed one row too low
//!    ([`lag`]); a title cut by a page break is rejoined ([`pagebreak`]).
//! 3. [`link`]: hang every label under the label its code names (inferring
//!    the missing ones; one printed elsewhere is noted), then give every
//!    node its level.

mod builder;
mod cells;
mod lag;
mod link;
mod pagebreak;
mod read;
mod split;
mod structures;

pub use cells::is_page_header;

use super::ids::LineIds;
use super::tree::report_printed_elsewhere;
use super::{attach_diagnostics, markup, read_rows, Diags, ImportError};
use crate::model::{Dataset, DiagClass, Kept, Severity};
use builder::Builder;
use cells::Cell;

pub const ID: &str = "ptpc2019";
const TITLE: &str = "PTPC 2019-2021, Allegato 1: mappatura dei processi";

/// Imports Annex 1. Every defect in the content becomes a diagnostic; the
/// `Result` is that of every reader (this layout has no unreadable
/// content).
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    read(file, text, Kept::none())
}

/// [`import`] of a text kept for the process (a file read, the built-in
/// seed): the labels' titles point into it instead of being copied.
pub fn import_kept(file: &str, text: Kept) -> Result<Dataset, ImportError> {
    read(file, text.text(), text)
}

fn read(file: &str, text: &str, kept: Kept) -> Result<Dataset, ImportError> {
    let unmarked = markup::unmark(text);
    // Text without markup is the kept text itself; else copied as it is read.
    let kept = match unmarked.text {
        std::borrow::Cow::Borrowed(_) => kept,
        std::borrow::Cow::Owned(_) => Kept::none(),
    };
    let rows = read_rows(&unmarked.text);
    let mut diags = Diags::new(ID);
    for (line, tags) in &unmarked.lines {
        let message = markup::message(tags);
        diags.push(
            Some(*line),
            Severity::Info,
            DiagClass::Markup,
            None,
            message,
        );
    }
    let data = cells::classify(&rows, &mut diags);
    let codes = data
        .iter()
        .flat_map(|r| &r.cells)
        .filter_map(|(_, c)| match c {
            Cell::Label { code, .. } => Some(*code),
            _ => None,
        });
    let line_ids = LineIds::new(codes);
    let mut b = Builder::new(diags, line_ids, data.len() + data.len() / 2, kept);
    read::read_rows(&data, &mut b);
    link::link_parents(&mut b);
    report_printed_elsewhere(&b.tree, &mut b.diags);
    link::assign_levels(&mut b.tree);
    attach_markup(&mut b);
    let (nodes, parent_index) = b.tree.finish();
    let mut ds = Dataset {
        id: ID.to_string(),
        title: TITLE.to_string(),
        source: file.to_string(),
        nodes,
        diagnostics: b.diags.list,
        loaded_from: None,
        parent_index,
    };
    attach_diagnostics(&mut ds);
    Ok(ds)
}

/// Markup was removed before any node was made: each such diagnostic
/// concerns the first node read from its line.
fn attach_markup(b: &mut Builder) {
    if !b.diags.list.iter().any(|d| d.class == DiagClass::Markup) {
        return;
    }
    let mut first_on: rustc_hash::FxHashMap<u32, &str> = Default::default();
    for n in &b.tree.nodes {
        if let Some(line) = n.line {
            first_on.entry(line).or_insert(&n.id);
        }
    }
    for d in b
        .diags
        .list
        .iter_mut()
        .filter(|d| d.class == DiagClass::Markup)
    {
        d.node = d
            .line
            .and_then(|l| first_on.get(&l))
            .map(|id| id.to_string());
    }
}

//! Reader for the Unioncamere process catalogue: six tab-separated columns
//! (code + title, name, input, output, activities, responsible role).
//!
//! Two passes: [`row`] reads each row into entries (realigning moved
//! cells, reading the code, noting damage), [`build`] builds the tree from
//! the entries (parents by code, the exceptions the source makes) with
//! the variants [`variants`] numbers.

mod build;
mod row;
mod variants;

pub(crate) use build::build_draft;
pub(crate) use row::{Entry, Slot};

use super::rows::trimmed;
use super::text::DamageSigns;
use super::{attach_diagnostics, markup, parallel, read_rows, Diags, ImportError, Row};
use crate::model::{Dataset, DiagClass, Kept, Severity};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::hash::BuildHasher;

pub const ID: &str = "catalogo";
const TITLE: &str = "Catalogo dei processi (codifica Unioncamere)";

/// Imports the catalogue. Every defect in the content becomes a diagnostic;
/// the `Result` is that of every reader (this layout has no unreadable
/// content). The nodes copy their text; see [`import_kept`].
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let unmarked = markup::unmark(text);
    read(file, &unmarked.text, Kept::none(), &unmarked.lines)
}

/// [`import`] of a text kept for the process (a file read, the built-in
/// seed): the nodes point into it instead of copying every cell (text
/// with markup is kept once without it).
pub fn import_kept(file: &str, text: Kept) -> Result<Dataset, ImportError> {
    let unmarked = markup::unmark(text.text());
    let (text, lines) = match unmarked.text {
        Cow::Borrowed(_) => (text, unmarked.lines),
        Cow::Owned(t) => (Kept::leak(t), unmarked.lines),
    };
    read(file, text.text(), text, &lines)
}

/// The catalogue in `text` (without markup; `markup` the lines it had),
/// its nodes pointing into `kept` where their text lies there.
fn read(
    file: &str,
    text: &str,
    kept: Kept,
    markup: &[(u32, Vec<String>)],
) -> Result<Dataset, ImportError> {
    // The damage signs are looked for on another core while this one
    // splits the rows.
    let (rows, signs) = std::thread::scope(|s| {
        let signs = (text.len() >= parallel::LARGE_TEXT)
            .then(|| {
                std::thread::Builder::new()
                    .spawn_scoped(s, || DamageSigns::find(text))
                    .ok()
            })
            .flatten();
        let rows = read_rows(text);
        let signs = signs
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| DamageSigns::find(text));
        (rows, signs)
    });
    // Each row read on every core: an entry depends on its row alone (and
    // so does the hash that finds a row repeated byte for byte).
    let mut read: Vec<(row::Entries, Vec<row::RowDiag>, u64)> = Vec::with_capacity(rows.len());
    parallel::map_into(
        &mut read,
        &rows,
        || (),
        |_, _, row| {
            if skipped(row) {
                (row::Entries::new(), Vec::new(), 0)
            } else {
                let (entries, diags) = row::read_entries(row, &signs);
                (entries, diags, rustc_hash::FxBuildHasher.hash_one(row.raw))
            }
        },
    );
    let mut diags = Diags::new(ID);
    let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
    // Diagnostics raised for a row, with the entry they concern: node ids are
    // decided once the whole tree is known.
    let mut row_diags: Vec<(usize, usize)> = Vec::new();
    // The first row with each hash (rows sharing a hash that differ are
    // told apart by their text).
    let mut seen_rows: HashMap<u64, usize> = HashMap::default();
    seen_rows.reserve(rows.len());
    let mut same_hash: HashMap<&str, u32> = HashMap::default();
    // Lines with markup, in order, as the rows are.
    let mut markup = markup.iter().peekable();

    for (k, (row, (read, mut found, hash))) in rows.iter().zip(read).enumerate() {
        if skipped(row) {
            continue;
        }
        let seen = match seen_rows.entry(hash) {
            Occupied(first) => {
                let first = &rows[*first.get()];
                match first.raw == row.raw {
                    true => Some(first.line),
                    false => match same_hash.entry(row.raw) {
                        Occupied(earlier) => Some(*earlier.get()),
                        Vacant(slot) => {
                            slot.insert(row.line);
                            None
                        }
                    },
                }
            }
            Vacant(slot) => {
                slot.insert(k);
                None
            }
        };
        if let Some(earlier) = seen {
            diags.push(
                Some(row.line),
                Severity::Warning,
                DiagClass::DuplicateRow,
                None,
                format!(
                    "riga identica byte per byte alla riga {earlier}: importata una sola volta (dalla riga {earlier})"
                ),
            );
            continue;
        }
        while markup.next_if(|(l, _)| *l < row.line).is_some() {}
        if let Some((_, tags)) = markup.next_if(|(l, _)| *l == row.line) {
            let message = markup::message(tags);
            found.insert(0, (Severity::Info, DiagClass::Markup, message));
        }
        for (severity, class, message) in found {
            row_diags.push((diags.list.len(), entries.len()));
            diags.push(Some(row.line), severity, class, None, message);
        }
        entries.extend(read);
    }

    let (nodes, parent_index) = build::build_tree(&entries, &row_diags, &mut diags, kept);
    let mut ds = Dataset {
        id: ID.to_string(),
        title: TITLE.to_string(),
        source: file.to_string(),
        nodes,
        diagnostics: diags.list,
        loaded_from: None,
        parent_index,
    };
    attach_diagnostics(&mut ds);
    Ok(ds)
}

/// A blank row, or the column header: no entry.
fn skipped(row: &Row) -> bool {
    row.is_blank() || trimmed(row.cell(0)).starts_with("CODIFICA")
}

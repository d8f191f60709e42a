//! Every diagnostic about a row gets the cell a person looks at:
//! `Mappatura!C12`, the column the reader named or the one its class is
//! about (a code's form: the code column; no responsible: the role's).

use super::fields::Field;
use super::grid::Grid;
use super::header::Table;
use crate::model::{DiagClass, Diagnostic, Place};
use rustc_hash::FxHashMap;

/// Fills in `place` for every diagnostic with a row. `at` holds the grid
/// column of the diagnostics whose reader knew it, by index.
pub fn assign(diags: &mut [Diagnostic], at: &FxHashMap<usize, usize>, grid: &Grid, table: &Table) {
    let first = table.columns.first().map_or(0, |&(_, c)| c);
    let entry_col = [Field::Code, Field::Title]
        .into_iter()
        .find_map(|f| table.column(f))
        .or_else(|| table.levels().first().map(|&(_, c)| c))
        .unwrap_or(first);
    let party_col = [Field::Role, Field::Servizio, Field::Area]
        .into_iter()
        .find_map(|f| table.column(f))
        .unwrap_or(first);
    for (i, d) in diags.iter_mut().enumerate() {
        let Some(row) = d.line else { continue };
        let col = at.get(&i).copied().unwrap_or(match d.class {
            DiagClass::EmptyRole | DiagClass::NoStructure => party_col,
            _ => entry_col,
        });
        d.place = Some(Place::new(&grid.sheet, row, grid.column_number(col)));
    }
}

//! Finding the table in a sheet: the header row, recognised by its
//! wording below any title block, and which column holds which field;
//! then what `--columns` (or the settings file) says instead.

use super::columns::{ColumnRef, SheetOptions, SpecError};
use super::fields::{meaning, normal, Field, Level, Meaning};
use super::grid::Grid;
use crate::model::place::column_letters;

/// How far down a header is looked for: a title block is a few rows.
pub const HEADER_SEARCH_ROWS: usize = 60;

/// The table of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The grid row of the header; `None` when the columns were given by
    /// letter and no header is there (every row is data).
    pub header: Option<usize>,
    /// Each field and its grid column, in column order.
    pub columns: Vec<(Field, usize)>,
}

impl Table {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, c)| c)
    }

    /// The level columns, left to right.
    pub fn levels(&self) -> Vec<(Level, usize)> {
        self.columns
            .iter()
            .filter_map(|&(f, c)| match f {
                Field::Level(l) => Some((l, c)),
                _ => None,
            })
            .collect()
    }

    /// The grid row data starts on.
    pub fn first_data_row(&self) -> usize {
        self.header.map_or(0, |h| h + 1)
    }
}

/// The table of `grid`: its header found by wording (or at the row the
/// options give), its columns as found and as the options say. `Ok(None)`
/// when no header is there and the options name no columns.
pub fn find(grid: &Grid, opts: &SheetOptions) -> Result<Option<Table>, SpecError> {
    let header = match opts.header {
        Some(row) => Some(
            (0..grid.rows())
                .find(|&r| grid.row_number(r) == row)
                .ok_or_else(|| {
                    SpecError::new(format!(
                        "header={row}: the sheet has no row {row} with text"
                    ))
                    .at(opts.header_origin.as_deref())
                })?,
        ),
        None => detect(grid).or_else(|| named_header(grid, opts)),
    };
    if header.is_none() && opts.columns.is_empty() {
        return Ok(None);
    }
    let mut columns = header.map(|h| fields_of_row(grid, h)).unwrap_or_default();
    // What the options say wins over what the header says; two options
    // naming one column would lose one of them without a word.
    let mut said: Vec<(Field, usize)> = Vec::new();
    for (field, col) in &opts.columns {
        let origin = opts.origin_of(*field);
        let c = resolve(grid, header, col).map_err(|e| e.at(origin))?;
        if let Some(&(other, _)) = said.iter().find(|&&(_, k)| k == c) {
            let other_origin = opts.origin_of(other);
            let at = origin.or(other_origin);
            // Said in two places (the settings file and --columns, or two
            // lines of the file): the error is at one, the other is named.
            let named = |f: Field, o: Option<&str>| {
                if o == at {
                    f.name().to_string()
                } else {
                    format!("{} [{}]", f.name(), o.unwrap_or("--columns"))
                }
            };
            return Err(SpecError::new(format!(
                "{} and {} both name column {}: each column holds one field",
                named(other, other_origin),
                named(*field, origin),
                column_letters(grid.column_number(c))
            ))
            .at(at));
        }
        said.push((*field, c));
        columns.retain(|&(f, k)| f != *field && k != c);
        columns.push((*field, c));
    }
    if let (Some(row), true) = (opts.header, columns.is_empty()) {
        // Every row below would be a warning of its own: one error says it.
        return Err(SpecError::new(format!(
            "header={row}: row {row} names none of a map's fields: add FIELD=COLUMN for its columns; the fields are {}",
            super::columns::FIELD_NAMES
        ))
        .at(opts.header_origin.as_deref()));
    }
    columns.sort_by_key(|&(_, c)| c);
    Ok(Some(Table { header, columns }))
}

/// The first row, near the top, that heads a table: at least two cells
/// name fields, one of them a code, title, name or level, and they are
/// at least half of the row's cells (a title line "Area: Servizi" is not
/// a header).
pub fn detect(grid: &Grid) -> Option<usize> {
    (0..grid.rows().min(HEADER_SEARCH_ROWS)).find(|&r| is_header(grid, r))
}

fn is_header(grid: &Grid, r: usize) -> bool {
    let fields = fields_of_row(grid, r);
    let filled = (0..grid.width())
        .filter(|&c| !grid.trimmed(r, c).is_empty())
        .count();
    let key = fields.iter().any(|(f, _)| {
        matches!(
            f,
            Field::Code | Field::Title | Field::Name | Field::Level(_)
        )
    });
    fields.len() >= 2 && key && fields.len() * 2 >= filled
}

/// The fields the cells of row `r` name: each field once (the leftmost
/// column naming it), the words that depend on the others decided.
pub fn fields_of_row(grid: &Grid, r: usize) -> Vec<(Field, usize)> {
    let meanings: Vec<(Meaning, usize)> = (0..grid.width())
        .filter_map(|c| Some((meaning(grid.cell(r, c))?, c)))
        .collect();
    let levels = meanings.iter().any(|(m, _)| {
        matches!(
            m,
            Meaning::Is(Field::Level(
                Level::Funzione | Level::MacroProcesso | Level::SottoProcesso | Level::Numbered(_)
            ))
        )
    });
    let mut out: Vec<(Field, usize)> = Vec::new();
    for (m, c) in meanings {
        let field = match (m, levels) {
            (Meaning::Is(f), _) => f,
            (Meaning::ProcessoOrTitle, true) => Field::Level(Level::Processo),
            (Meaning::ProcessoOrTitle, false) => Field::Title,
            (Meaning::AttivitaOrSteps, true) => Field::Level(Level::Attivita),
            (Meaning::AzioneOrSteps, true) => Field::Level(Level::Azione),
            (Meaning::AttivitaOrSteps | Meaning::AzioneOrSteps, false) => Field::Activities,
        };
        if !out.iter().any(|(f, _)| *f == field) {
            out.push((field, c));
        }
    }
    out
}

/// With no header found by its words: the first row where every header
/// `--columns` names is.
fn named_header(grid: &Grid, opts: &SheetOptions) -> Option<usize> {
    let names: Vec<String> = opts
        .columns
        .iter()
        .filter_map(|(_, c)| match c {
            ColumnRef::Header(h) => Some(normal(h)),
            ColumnRef::Letter(_) => None,
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    (0..grid.rows().min(HEADER_SEARCH_ROWS)).find(|&r| {
        names
            .iter()
            .all(|n| (0..grid.width()).any(|c| normal(grid.cell(r, c)) == *n))
    })
}

/// The grid column a person named.
fn resolve(grid: &Grid, header: Option<usize>, col: &ColumnRef) -> Result<usize, SpecError> {
    match col {
        ColumnRef::Letter(l) => {
            let c = l.checked_sub(grid.first_column).map(|c| c as usize);
            c.filter(|&c| c < grid.width()).ok_or_else(|| {
                SpecError::new(format!(
                    "column {} is outside the sheet's table (columns {}–{})",
                    column_letters(*l),
                    column_letters(grid.first_column),
                    column_letters(grid.column_number(grid.width().saturating_sub(1)))
                ))
            })
        }
        ColumnRef::Header(name) => {
            let Some(h) = header else {
                return Err(SpecError::new(format!(
                    "no header row names \"{}\": give the column's letters, or header=ROW",
                    crate::text::clean(name)
                )));
            };
            let want = normal(name);
            (0..grid.width())
                .find(|&c| normal(grid.cell(h, c)) == want)
                .ok_or_else(|| {
                    let cells: Vec<String> = (0..grid.width())
                        .map(|c| grid.trimmed(h, c))
                        .filter(|t| !t.is_empty())
                        .map(|t| format!("\"{}\"", crate::text::clean(t)))
                        .collect();
                    SpecError::new(format!(
                        "the header (row {}) has no column \"{}\"; its columns are {}",
                        grid.row_number(h),
                        crate::text::clean(name),
                        cells.join(", ")
                    ))
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        let mut g = Grid::new("S", 0, 1, rows.len(), 0);
        for (i, row) in rows.iter().enumerate() {
            g.start_row(i as u32 + 1);
            for c in *row {
                g.push_cell(c);
            }
        }
        g.finish()
    }

    #[test]
    fn the_header_is_found_below_the_title_block() {
        let g = grid(&[
            &["Camera di Commercio di Esempio"],
            &["Mappatura dei processi 2025", "Area: Servizi"],
            &[],
            &[],
            &[
                "Codifica",
                "Descrizione del processo",
                "Fasi/Azioni",
                "Struttura responsabile",
                "U.O.",
                "Note",
            ],
            &["A1", "Uno"],
        ]);
        let t = find(&g, &SheetOptions::default()).unwrap().unwrap();
        assert_eq!(t.header, Some(4));
        assert_eq!(
            t.columns,
            [
                (Field::Code, 0),
                (Field::Title, 1),
                (Field::Activities, 2),
                (Field::Role, 3),
                (Field::Servizio, 4),
            ]
        );
    }

    #[test]
    fn level_columns_make_processo_a_level() {
        let g = grid(&[&[
            "MACRO-PROCESSI",
            "PROCESSI",
            "SOTTO-PROCESSI",
            "AZIONI",
            "Servizio/Staff",
        ]]);
        let t = find(&g, &SheetOptions::default()).unwrap().unwrap();
        assert_eq!(
            t.levels(),
            [
                (Level::MacroProcesso, 0),
                (Level::Processo, 1),
                (Level::SottoProcesso, 2),
                (Level::Azione, 3)
            ]
        );
        let g = grid(&[&["Codice", "Processo", "Attività", "Responsabile"]]);
        let t = find(&g, &SheetOptions::default()).unwrap().unwrap();
        assert_eq!(
            t.columns,
            [
                (Field::Code, 0),
                (Field::Title, 1),
                (Field::Activities, 2),
                (Field::Role, 3)
            ]
        );
    }

    #[test]
    fn options_override_and_name_columns() {
        let g = grid(&[
            &["Voce", "Chi se ne occupa", "Note"],
            &["A1 Uno", "PO", "Prot"],
        ]);
        assert_eq!(find(&g, &SheetOptions::default()).unwrap(), None);
        let o = SheetOptions::parse_columns("title=Voce,role=Chi se ne occupa").unwrap();
        let t = find(&g, &o).unwrap().unwrap();
        assert_eq!(t.header, Some(0));
        assert_eq!(t.columns, [(Field::Title, 0), (Field::Role, 1)]);
        let o = SheetOptions::parse_columns("title=A,role=B").unwrap();
        assert_eq!(find(&g, &o).unwrap().unwrap().header, None);
        let o = SheetOptions::parse_columns("title=A,role=Z").unwrap();
        assert!(find(&g, &o).unwrap_err().message.contains("outside"));
        let o = SheetOptions::parse_columns("title=Voce,role=Nessuno").unwrap();
        assert!(find(&g, &o).is_err());
    }
}

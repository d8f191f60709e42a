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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The grid row of the header; `None` when the columns were given by
    /// letter and no header is there (every row is data).
    pub header: Option<usize>,
    /// Each field and its grid column, in column order.
    pub columns: Vec<(Field, usize)>,
    /// The headed columns no field reads, with the name each entry keeps
    /// their text under (the header, white space made one space; a header
    /// used twice gets its column's letters): the entries' extra fields.
    pub extra: Vec<(usize, String)>,
    /// Columns headed "Attività" or "Azioni" in a sheet of level columns
    /// that are read as the steps of the row's entry, not as a level.
    pub steps_beside_levels: Vec<usize>,
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
    let keyed = columns.iter().any(|&(f, _)| is_key(f));
    if let (Some(row), false) = (opts.header, keyed) {
        // Every row below would be a warning of its own: one error says it.
        let named: Vec<String> = columns.iter().map(|(f, _)| f.name()).collect();
        let names = match named.is_empty() {
            true => "none of a map's fields".to_string(),
            false => format!("no code, title or level column (only {})", named.join(", ")),
        };
        return Err(SpecError::new(format!(
            "header={row}: row {row} names {names}: add FIELD=COLUMN for its columns; the fields are {}",
            super::columns::FIELD_NAMES
        ))
        .at(opts.header_origin.as_deref()));
    }
    columns.sort_by_key(|&(_, c)| c);
    let steps_beside_levels = match header {
        Some(h) => steps_not_levels(grid, h, &mut columns, opts),
        None => Vec::new(),
    };
    let extra = header.map_or_else(Vec::new, |h| extra_columns(grid, h, &columns));
    Ok(Some(Table {
        header,
        columns,
        extra,
        steps_beside_levels,
    }))
}

/// Whether a column of `field` says which entry a row is.
fn is_key(field: Field) -> bool {
    matches!(
        field,
        Field::Code | Field::Title | Field::Name | Field::Level(_)
    )
}

/// The last level column when its header ("Attività", "Azioni") may
/// also head the steps and its cells are lists of steps ("1. Istruttoria
/// 2. Verifica"): read as the steps of the entry beside it, not as a level
/// of entries titled with a list. Returns the columns so read.
fn steps_not_levels(
    grid: &Grid,
    h: usize,
    columns: &mut [(Field, usize)],
    opts: &SheetOptions,
) -> Vec<usize> {
    let levels = columns.iter().filter(|(f, _)| f.is_level()).count();
    let has_steps = columns.iter().any(|&(f, _)| f == Field::Activities);
    let Some(last) = columns.iter_mut().rev().find(|(f, _)| f.is_level()) else {
        return Vec::new();
    };
    let (field, c) = *last;
    let ambiguous = matches!(
        meaning(grid.cell(h, c)),
        Some(Meaning::AttivitaOrSteps | Meaning::AzioneOrSteps)
    );
    let said = opts.columns.iter().any(|(f, _)| *f == field);
    if levels < 2 || has_steps || !ambiguous || said {
        return Vec::new();
    }
    let cells: Vec<&str> = (h + 1..grid.rows())
        .map(|r| grid.trimmed(r, c))
        .filter(|t| !t.is_empty())
        .collect();
    let lists = cells
        .iter()
        .filter(|t| crate::model::steps::split(t).len() >= 2)
        .count();
    if cells.is_empty() || lists * 2 < cells.len() {
        return Vec::new();
    }
    last.0 = Field::Activities;
    vec![c]
}

/// The headed columns of row `h` that no field of `columns` reads, with
/// the name their text is kept under.
fn extra_columns(grid: &Grid, h: usize, columns: &[(Field, usize)]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for c in 0..grid.width() {
        if columns.iter().any(|&(_, k)| k == c) {
            continue;
        }
        let heading = grid.trimmed(h, c);
        if heading.is_empty() {
            continue;
        }
        let mut name = heading.split_whitespace().collect::<Vec<_>>().join(" ");
        if out.iter().any(|(_, n)| *n == name) {
            name = format!("{name} ({})", column_letters(grid.column_number(c)));
        }
        out.push((c, name));
    }
    out
}

/// The first row, near the top, that heads a table (see [`is_header`]; a
/// title line "Area: Servizi" is not one).
pub fn detect(grid: &Grid) -> Option<usize> {
    (0..grid.rows().min(HEADER_SEARCH_ROWS)).find(|&r| is_header(grid, r))
}

/// A header names at least two fields, one of them saying which entry a
/// row is; and either most of its cells name fields, or the fields it
/// names make a table whatever else is beside them (a chamber's sheet
/// has ten to twenty columns, many the map does not use).
fn is_header(grid: &Grid, r: usize) -> bool {
    let fields = fields_of_row(grid, r);
    if fields.len() < 2 || !fields.iter().any(|&(f, _)| is_key(f)) {
        return false;
    }
    let filled = (0..grid.width())
        .filter(|&c| !grid.trimmed(r, c).is_empty())
        .count();
    fields.len() * 2 >= filled || makes_a_table(&fields)
}

/// Whether `fields` make a table by themselves: a code or level column
/// and a title (or more level columns), or a title and what describes it.
fn makes_a_table(fields: &[(Field, usize)]) -> bool {
    let has = |f: Field| fields.iter().any(|&(g, _)| g == f);
    let levels = fields.iter().filter(|(f, _)| f.is_level()).count();
    let titled = has(Field::Title) || has(Field::Name);
    let details = fields.iter().filter(|&&(f, _)| !is_key(f)).count();
    (has(Field::Code) && (titled || levels > 0))
        || levels >= 2
        || (levels == 1 && titled)
        || (titled && details >= 2)
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
        // "Attività" and "Azioni" are a level only right after the level
        // columns; further right they head the steps of the row's entry
        // (Macro-processo, Processo, Sotto-processo, Ufficio, Attività).
        let after_levels = || {
            let left = (0..c).rev().find(|&k| !grid.trimmed(r, k).is_empty());
            left.is_some_and(|k| out.iter().any(|&(f, col)| col == k && f.is_level()))
        };
        let field = match (m, levels) {
            (Meaning::Is(f), _) => f,
            (Meaning::ProcessoOrTitle, true) => Field::Level(Level::Processo),
            (Meaning::ProcessoOrTitle, false) => Field::Title,
            (Meaning::AttivitaOrSteps, true) if after_levels() => Field::Level(Level::Attivita),
            (Meaning::AzioneOrSteps, true) if after_levels() => Field::Level(Level::Azione),
            (Meaning::AttivitaOrSteps | Meaning::AzioneOrSteps, _) => Field::Activities,
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

//! What a person says when detection is not enough: which sheet, which
//! row is the header, which column holds what. From `--sheet` and
//! `--columns code=A,title=B,role=F,servizio=H` on the command line, or
//! the same in a `FILE.mappa.toml` beside the data file; the command line
//! wins field by field.

use super::fields::{field_named, Field};
use crate::model::place::column_index;
use std::path::{Path, PathBuf};

/// A column as a person names it: by its letters or by its header's
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Letter(u32),
    Header(String),
}

/// The settings for reading a spreadsheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetOptions {
    /// The sheet to read (by its tab's name); otherwise the first one with
    /// a header.
    pub sheet: Option<String>,
    /// The header's row (1-based), when it cannot be found by its words.
    pub header: Option<u32>,
    /// Fields and their columns; these override what detection finds.
    pub columns: Vec<(Field, ColumnRef)>,
}

/// `--columns` or a settings file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

/// The fields `--columns` knows, for its messages.
pub const FIELD_NAMES: &str = "code, title, name, input, output, activities, role, area, \
     servizio, and the levels liv1…liv9 (or funzione, macro-processo, processo, sotto-processo, \
     liv-attivita, azione); header=ROW gives the header's row";

impl SheetOptions {
    /// `--columns code=A,title=Descrizione del processo,header=5`.
    pub fn parse_columns(spec: &str) -> Result<SheetOptions, SpecError> {
        let mut out = SheetOptions::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(|| {
                SpecError(format!(
                    "\"{}\" is not FIELD=COLUMN (for example code=A or title=Descrizione)",
                    crate::text::clean(part)
                ))
            })?;
            out.set(key.trim(), value.trim())?;
        }
        Ok(out)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), SpecError> {
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        if key.eq_ignore_ascii_case("header") {
            let row = value
                .parse::<u32>()
                .ok()
                .filter(|&r| r > 0)
                .ok_or_else(|| {
                    SpecError(format!(
                        "header={}: give the header's row number, from 1",
                        crate::text::clean(value)
                    ))
                })?;
            self.header = Some(row);
            return Ok(());
        }
        let field = field_named(key).ok_or_else(|| {
            SpecError(format!(
                "unknown field \"{}\": the fields are {FIELD_NAMES}",
                crate::text::clean(key)
            ))
        })?;
        if value.is_empty() {
            return Err(SpecError(format!("{key}= names no column")));
        }
        let column = match column_index(value) {
            Some(c) if value.len() <= 3 => ColumnRef::Letter(c),
            _ => ColumnRef::Header(value.to_string()),
        };
        self.columns.retain(|(f, _)| *f != field);
        self.columns.push((field, column));
        Ok(())
    }

    /// These options, with `under`'s filling what these leave unsaid.
    pub fn over(&self, under: &SheetOptions) -> SheetOptions {
        let mut columns = under.columns.clone();
        for (f, c) in &self.columns {
            columns.retain(|(g, _)| g != f);
            columns.push((*f, c.clone()));
        }
        SheetOptions {
            sheet: self.sheet.clone().or_else(|| under.sheet.clone()),
            header: self.header.or(under.header),
            columns,
        }
    }
}

/// The settings file of `data`: `NAME.mappa.toml` beside it (`map.xlsx`
/// → `map.xlsx.mappa.toml`, or `map.mappa.toml`), if there is one.
pub fn settings_file(data: &Path) -> Option<PathBuf> {
    let dir = data.parent().unwrap_or(Path::new(""));
    let name = data.file_name()?.to_string_lossy().into_owned();
    let mut candidates = vec![dir.join(format!("{name}.mappa.toml"))];
    if let Some(stem) = data.file_stem() {
        candidates.push(dir.join(format!("{}.mappa.toml", stem.to_string_lossy())));
    }
    candidates.into_iter().find(|p| p.is_file())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    sheet: Option<String>,
    header: Option<u32>,
    #[serde(default)]
    columns: std::collections::BTreeMap<String, toml::Value>,
}

/// Reads a settings file:
///
/// ```toml
/// sheet = "Mappatura"
/// header = 5
/// [columns]
/// code = "A"
/// title = "Descrizione del processo"
/// ```
pub fn read_settings(text: &str) -> Result<SheetOptions, SpecError> {
    let file: FileSettings = toml::from_str(text).map_err(|e| SpecError(e.to_string()))?;
    let mut out = SheetOptions {
        sheet: file.sheet,
        ..SheetOptions::default()
    };
    if let Some(h) = file.header {
        out.set("header", &h.to_string())?;
    }
    for (key, value) in &file.columns {
        let value = match value {
            toml::Value::String(s) => s.clone(),
            other => {
                return Err(SpecError(format!(
                    "columns.{key} = {other}: give the column's letters or its header in quotes"
                )))
            }
        };
        out.set(key, &value)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::fields::Level;

    #[test]
    fn columns_by_letter_or_by_header() {
        let o = SheetOptions::parse_columns(
            "code=A, title=Descrizione del processo,role=f,servizio=H,liv2=AB,header=5",
        )
        .unwrap();
        assert_eq!(o.header, Some(5));
        assert_eq!(
            o.columns,
            [
                (Field::Code, ColumnRef::Letter(0)),
                (
                    Field::Title,
                    ColumnRef::Header("Descrizione del processo".into())
                ),
                (Field::Role, ColumnRef::Letter(5)),
                (Field::Servizio, ColumnRef::Letter(7)),
                (Field::Level(Level::Numbered(2)), ColumnRef::Letter(27)),
            ]
        );
        assert!(SheetOptions::parse_columns("colour=A")
            .unwrap_err()
            .0
            .contains("unknown field"));
        assert!(SheetOptions::parse_columns("code").is_err());
        assert!(SheetOptions::parse_columns("header=0").is_err());
    }

    #[test]
    fn the_command_line_wins_field_by_field() {
        let file = read_settings(
            "sheet = \"Mappatura\"\n[columns]\ncode = \"B\"\nrole = \"Responsabile\"\n",
        )
        .unwrap();
        let cli = SheetOptions::parse_columns("code=C").unwrap();
        let o = cli.over(&file);
        assert_eq!(o.sheet.as_deref(), Some("Mappatura"));
        assert_eq!(
            o.columns,
            [
                (Field::Role, ColumnRef::Header("Responsabile".into())),
                (Field::Code, ColumnRef::Letter(2)),
            ]
        );
        assert!(read_settings("colums = 1").is_err());
        assert!(read_settings("[columns]\ncode = 1").is_err());
    }
}

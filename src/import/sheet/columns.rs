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
    /// Where each field in `columns` that a settings file gave was said
    /// (`map.mappa.toml:4`), for the messages about it.
    pub origins: Vec<(Field, String)>,
    /// Where `header` was said, when a settings file gave it.
    pub header_origin: Option<String>,
    /// Where `sheet` was said, when a settings file gave it.
    pub sheet_origin: Option<String>,
    /// The largest file read (any map file, not only spreadsheets).
    pub max_file: crate::import::FileLimit,
}

/// `--columns` or a settings file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub message: String,
    /// Where the setting at fault was said, when in a settings file
    /// (`map.mappa.toml:4`); otherwise the caller knows (`--columns`).
    pub origin: Option<String>,
}

impl SpecError {
    pub fn new(message: String) -> Self {
        SpecError {
            message,
            origin: None,
        }
    }

    /// The error, said at `origin` when there is one.
    pub fn at(self, origin: Option<&str>) -> Self {
        SpecError {
            origin: origin.map(str::to_string).or(self.origin),
            ..self
        }
    }
}

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
                SpecError::new(format!(
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
                    SpecError::new(format!(
                        "header={}: give the header's row number, from 1",
                        crate::text::clean(value)
                    ))
                })?;
            self.header = Some(row);
            return Ok(());
        }
        let field = field_named(key).ok_or_else(|| {
            SpecError::new(format!(
                "unknown field \"{}\": the fields are {FIELD_NAMES}",
                crate::text::clean(key)
            ))
        })?;
        if value.is_empty() {
            return Err(SpecError::new(format!("{key}= names no column")));
        }
        let column = match column_index(value) {
            Some(c) if value.len() <= 3 => ColumnRef::Letter(c),
            _ => ColumnRef::Header(value.to_string()),
        };
        // Said twice in one place, one of them would be dropped unseen.
        if let Some((_, before)) = self.columns.iter().find(|(f, _)| *f == field) {
            return Err(SpecError::new(format!(
                "{} is given twice ({} and {}): each field names one column",
                field.name(),
                before.shown(),
                column.shown()
            )));
        }
        self.columns.push((field, column));
        Ok(())
    }

    /// These options, with `under`'s filling what these leave unsaid.
    pub fn over(&self, under: &SheetOptions) -> SheetOptions {
        let mut columns = under.columns.clone();
        let mut origins = under.origins.clone();
        for (f, c) in &self.columns {
            columns.retain(|(g, _)| g != f);
            origins.retain(|(g, _)| g != f);
            columns.push((*f, c.clone()));
        }
        origins.extend(self.origins.iter().cloned());
        let header_origin = match self.header {
            Some(_) => self.header_origin.clone(),
            None => under.header_origin.clone(),
        };
        let sheet_origin = match self.sheet {
            Some(_) => self.sheet_origin.clone(),
            None => under.sheet_origin.clone(),
        };
        SheetOptions {
            sheet: self.sheet.clone().or_else(|| under.sheet.clone()),
            header: self.header.or(under.header),
            columns,
            origins,
            header_origin,
            sheet_origin,
            max_file: self.max_file,
        }
    }

    /// How the sheet was named, for messages: `--sheet "Mappa"`, or the
    /// settings file's line.
    pub fn sheet_said(&self) -> String {
        let sheet = crate::text::clean(self.sheet.as_deref().unwrap_or_default()).into_owned();
        match &self.sheet_origin {
            Some(at) => format!("sheet = \"{sheet}\" ({at})"),
            None => format!("--sheet \"{sheet}\""),
        }
    }

    /// Where `field`'s column was said, when a settings file said it.
    pub fn origin_of(&self, field: Field) -> Option<&str> {
        self.origins
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, o)| o.as_str())
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

impl ColumnRef {
    /// As a person wrote it: the letters, or the header in quotes.
    fn shown(&self) -> String {
        match self {
            ColumnRef::Letter(l) => crate::model::place::column_letters(*l),
            ColumnRef::Header(h) => format!("\"{}\"", crate::text::clean(h)),
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    sheet: Option<toml::Spanned<String>>,
    header: Option<toml::Spanned<u32>>,
    #[serde(default)]
    columns: std::collections::BTreeMap<String, toml::Spanned<toml::Value>>,
}

/// Reads a settings file, `name` as messages call it:
///
/// ```toml
/// sheet = "Mappatura"
/// header = 5
/// [columns]
/// code = "A"
/// title = "Descrizione del processo"
/// ```
pub fn read_settings(text: &str, name: &str) -> Result<SheetOptions, SpecError> {
    let place = |span: std::ops::Range<usize>| {
        let line = text.as_bytes()[..span.start.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("{name}:{line}")
    };
    // Said at its line, in a line (the parser's own text draws the line
    // with a caret under it, over several).
    let file: FileSettings = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        SpecError::new(message).at(e.span().map(place).as_deref())
    })?;
    let mut out = SheetOptions {
        sheet_origin: file
            .sheet
            .as_ref()
            .map(|s| format!("{} (sheet)", place(s.span()))),
        sheet: file.sheet.map(toml::Spanned::into_inner),
        ..SheetOptions::default()
    };
    if let Some(h) = file.header {
        let at = place(h.span());
        out.set("header", &h.get_ref().to_string())
            .map_err(|e| e.at(Some(&at)))?;
        out.header_origin = Some(format!("{at} (header)"));
    }
    for (key, value) in &file.columns {
        let at = place(value.span());
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            other => {
                return Err(SpecError::new(format!(
                    "columns.{key} = {other}: give the column's letters or its header in quotes"
                ))
                .at(Some(&at)))
            }
        };
        out.set(key, &text).map_err(|e| e.at(Some(&at)))?;
        let said = format!("{at} (columns.{key})");
        if key.eq_ignore_ascii_case("header") {
            out.header_origin = Some(said);
        } else if let Some(&(field, _)) = out.columns.last() {
            // `set` put the field it read last.
            out.origins.retain(|(f, _)| *f != field);
            out.origins.push((field, said));
        }
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
            .message
            .contains("unknown field"));
        assert!(SheetOptions::parse_columns("code").is_err());
        assert!(SheetOptions::parse_columns("header=0").is_err());
        // One field said twice: an error, not the last one kept.
        let e = SheetOptions::parse_columns("code=A,title=B,code=Codice").unwrap_err();
        assert_eq!(
            e.message,
            "code is given twice (A and \"Codice\"): each field names one column"
        );
        let e = read_settings("[columns]\ncode = \"A\"\ncodice = \"B\"\n", "m").unwrap_err();
        assert_eq!(e.origin.as_deref(), Some("m:3"));
    }

    #[test]
    fn a_settings_file_that_is_not_toml_is_said_at_its_line() {
        let e = read_settings("sheet = \"Mappa\"\n\ncolums = 1\n", "m.mappa.toml").unwrap_err();
        assert_eq!(e.origin.as_deref(), Some("m.mappa.toml:3"));
        assert!(
            e.message.contains("unknown field `colums`"),
            "{}",
            e.message
        );
        assert!(
            !e.message.contains('\n') && !e.message.contains('^'),
            "{}",
            e.message
        );
        let e = read_settings("header = \"x\"\n", "m.mappa.toml").unwrap_err();
        assert_eq!(e.origin.as_deref(), Some("m.mappa.toml:1"));
        let o = read_settings("\nsheet = \"Mappa\"\n", "m.mappa.toml").unwrap();
        assert_eq!(o.sheet_said(), "sheet = \"Mappa\" (m.mappa.toml:2 (sheet))");
        let cli = SheetOptions {
            sheet: Some("Altro".into()),
            ..SheetOptions::default()
        };
        assert_eq!(cli.over(&o).sheet_said(), "--sheet \"Altro\"");
        assert_eq!(
            SheetOptions::default().over(&o).sheet_origin,
            o.sheet_origin
        );
    }

    #[test]
    fn the_command_line_wins_field_by_field() {
        let file = read_settings(
            "sheet = \"Mappatura\"\n[columns]\ncode = \"B\"\nrole = \"Responsabile\"\n",
            "m.mappa.toml",
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
        // Where the file said what the command line left in place.
        assert_eq!(
            o.origin_of(Field::Role),
            Some("m.mappa.toml:4 (columns.role)")
        );
        assert_eq!(o.origin_of(Field::Code), None);
        assert!(read_settings("colums = 1", "m").is_err());
        let e = read_settings("\n[columns]\ncode = 1", "m").unwrap_err();
        assert_eq!(e.origin.as_deref(), Some("m:3"));
    }
}

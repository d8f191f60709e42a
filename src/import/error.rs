//! Why a file could not be loaded at all. Every message names the file
//! (and the line, where there is one) and says what is wrong; the
//! underlying error, if any, is kept as the source.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the file")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },

    /// A FIFO, a device, a directory, ...: only regular files are read, so
    /// that a load can neither block nor read without end.
    #[error("{file}: {kind}, not a regular file: give the path of a map file")]
    NotAFile { file: String, kind: &'static str },

    /// Larger than the limit (see [`super::FileLimit`]).
    #[error(
        "{file}: the file is larger than {limit_mb} MB, the most mappa reads; \
         if it really is a map, set MAPPA_MAX_FILE_MB to a larger number of megabytes"
    )]
    TooLarge { file: String, limit_mb: u64 },

    /// Malformed JSON, or JSON that is not a mappa map.
    #[error("{file}:{line}:{column}: {}", source.what())]
    Json {
        file: String,
        line: u64,
        column: u64,
        #[source]
        source: JsonError,
    },

    /// A file that is certainly no map: an image, a PDF, a binary file.
    #[error(
        "{file}: {what}, not a map: mappa reads a workbook (xlsx, xlsm, xls, ods), \
         a CSV or TSV file, or a mappa JSON export"
    )]
    NotAMap { file: String, what: String },

    /// A workbook saved with a password to open it.
    #[error(
        "{file}: the workbook is encrypted with a password, which mappa cannot open: \
         save a copy without the password (Excel: File > Info > Protect Workbook > \
         Encrypt with Password, left empty; LibreOffice: Save As without \"Save with password\") \
         and load that"
    )]
    Encrypted { file: String },

    /// A zip or OLE file that calamine cannot read as a workbook.
    #[error("{file}: cannot read the workbook: {}", crate::text::clean(message))]
    Workbook { file: String, message: String },

    /// `--sheet NAME` names no sheet of the workbook.
    #[error(
        "{file}: the workbook has no sheet \"{}\"; its sheets are: {}",
        crate::text::clean(sheet),
        crate::text::clean(sheets)
    )]
    NoSuchSheet {
        file: String,
        sheet: String,
        sheets: String,
    },

    /// No header row: the file holds no table mappa knows how to read.
    #[error(
        "{file}: no header row found in {}: looked in the first {rows} rows for a row whose \
         cells name at least two columns, one of them a code, a title or a level, among: \
         {fields}. Name the columns with --columns (for example --columns \
         code=A,title=B,role=F) or in a FILE.mappa.toml beside the file",
        crate::text::clean(looked),
        rows = super::sheet::HEADER_SEARCH_ROWS
    )]
    NoHeader {
        file: String,
        looked: String,
        fields: String,
    },

    /// A workbook, sheet or text file with no cells.
    #[error("{file}: {}: there is no table to read", crate::text::clean(what))]
    Empty { file: String, what: String },

    /// `--columns`, `--sheet` or a settings file that cannot be used.
    #[error("{file}: {from}: {}", crate::text::clean(message))]
    Settings {
        file: String,
        from: String,
        message: String,
    },

    /// A well-formed map that cannot be shown as it is: broken references,
    /// a parent cycle, a dataset loaded twice, ...
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        file: String,
        line: Option<u64>,
        message: String,
    },
}

/// A JSON error, shown without its position: [`ImportError::Json`] puts
/// the position first, as every other error does (`map.json:3:17: ...`),
/// and a message that repeated it would read "at line 3 column 17" twice.
/// The original error is kept whole in `.0`.
#[derive(Debug)]
pub struct JsonError(pub serde_json::Error);

impl JsonError {
    /// What kind of trouble: the text is not JSON, or not a map.
    fn what(&self) -> &'static str {
        match self.0.classify() {
            serde_json::error::Category::Data => "not a valid mappa map",
            _ => "not a mappa JSON export",
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = self.0.to_string();
        let position = format!(" at line {} column {}", self.0.line(), self.0.column());
        f.write_str(full.strip_suffix(&position).unwrap_or(&full))
    }
}

// No `source()`: the serde_json error is this one with the position added,
// and an error chain printed in full would show it twice.
impl std::error::Error for JsonError {}

impl ImportError {
    /// A map that cannot be shown, found at no particular line.
    pub(crate) fn invalid(file: &str, message: impl Into<String>) -> Self {
        ImportError::Invalid {
            file: file.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How the binary prints an error: the message and its sources.
    fn chain(e: &dyn std::error::Error) -> String {
        let mut out = e.to_string();
        let mut cur = e.source();
        while let Some(s) = cur {
            out.push_str(&format!(": {s}"));
            cur = s.source();
        }
        out
    }

    #[test]
    fn a_json_error_names_its_position_once() {
        let source = serde_json::from_str::<serde_json::Value>("{\n  \"a\": oops }").unwrap_err();
        let e = ImportError::Json {
            file: "map.json".into(),
            line: source.line() as u64,
            column: source.column() as u64,
            source: JsonError(source),
        };
        assert_eq!(
            chain(&e),
            "map.json:2:8: not a mappa JSON export: expected value"
        );
    }

    #[test]
    fn errors_keep_their_source() {
        let e = ImportError::Read {
            file: "x".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        let source = std::error::Error::source(&e).unwrap();
        assert!(source.downcast_ref::<std::io::Error>().is_some());
        assert_eq!(
            ImportError::invalid("m.json", "bad").to_string(),
            "m.json: bad"
        );
        let at = ImportError::Invalid {
            file: "m.json".into(),
            line: Some(4),
            message: "bad".into(),
        };
        assert_eq!(at.to_string(), "m.json:4: bad");
    }
}

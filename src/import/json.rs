//! Reads a map exported by `mappa export --format json` (perhaps edited).

use super::{validate, ImportError, JsonError};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};

/// The document `mappa export --format json` writes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    pub mappa: String,
    pub datasets: Vec<Dataset>,
}

/// Parses an export. Malformed JSON, and identifiers with control
/// characters in them, are reported with line and column; a well-formed
/// map with broken references or parent cycles is refused rather than
/// shown half-loaded (see [`validate`]). A map with no datasets is read
/// as such: an empty list.
pub fn parse(file: &str, text: &str) -> Result<Vec<Dataset>, ImportError> {
    let mut export: Export = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: file.to_string(),
        line: e.line() as u64,
        column: e.column() as u64,
        source: JsonError(e),
    })?;
    for n in export.datasets.iter_mut().flat_map(|ds| &mut ds.nodes) {
        // Exports before 0.2 carried the variant only in the id.
        if n.variant <= 1 {
            n.variant =
                n.id.rsplit_once('~')
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(1);
        }
    }
    validate::datasets(file, text, &mut export.datasets)?;
    Ok(export.datasets)
}

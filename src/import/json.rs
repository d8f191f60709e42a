//! Reads a map exported by `mappa export --format json`.

use super::{ImportError, JsonError};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The document `mappa export --format json` writes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    pub mappa: String,
    pub datasets: Vec<Dataset>,
}

/// Parses an export; malformed JSON is reported with line and column, and a
/// well-formed document with broken references is refused rather than shown
/// half-loaded.
pub fn parse(file: &str, text: &str) -> Result<Vec<Dataset>, ImportError> {
    let export: Export = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: file.to_string(),
        line: e.line() as u64,
        column: e.column() as u64,
        source: JsonError(e),
    })?;
    let fail = |message: String| ImportError::invalid(file, message);
    let mut export = export;
    for ds in &mut export.datasets {
        for n in &mut ds.nodes {
            // Exports before 0.2 carried the variant only in the id.
            if n.variant <= 1 {
                n.variant =
                    n.id.rsplit_once('~')
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(1);
            }
        }
    }
    for ds in &export.datasets {
        if ds.id.trim().is_empty() {
            return Err(fail("a dataset has an empty \"id\"".to_string()));
        }
        let mut ids = HashSet::new();
        for n in &ds.nodes {
            if !ids.insert(n.id.as_str()) {
                return Err(fail(format!(
                    "dataset \"{}\": node id \"{}\" appears twice",
                    ds.id, n.id
                )));
            }
        }
        for n in &ds.nodes {
            if let Some(p) = &n.parent {
                if !ids.contains(p.as_str()) {
                    return Err(fail(format!(
                        "dataset \"{}\": node \"{}\" names parent \"{p}\", which is not in the file",
                        ds.id, n.id
                    )));
                }
            }
        }
    }
    Ok(export.datasets)
}

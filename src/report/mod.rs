//! Writers of what people take away: the map and lists of entries as
//! Markdown, CSV and JSON, the officer's report, and the one way files are
//! written (never over the review store, a database or a loaded map, never
//! half-written). Shared by the command line and the explorer.

pub mod csv_out;
pub mod map_json;
pub mod markdown;
pub mod node_json;
pub mod output;
pub mod register;
pub mod review;
pub mod workbook;

use crate::model::{Dataset, Kind, Node};

/// An entry with the dataset it belongs to.
pub type Entry<'a> = (&'a Dataset, &'a Node);

/// The macro-process an entry belongs to (itself if it is one).
pub fn macro_of<'a>(ds: &'a Dataset, node: &'a Node) -> Option<&'a Node> {
    if node.kind == Kind::MacroProcesso {
        return Some(node);
    }
    ds.ancestors(node)
        .into_iter()
        .find(|a| a.kind == Kind::MacroProcesso)
}

/// The name of a kind as JSON and CSV write it (`sotto_processo`).
pub fn kind_slug(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What can go wrong writing a report: the destination, or the writer.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

impl ReportError {
    /// Whether the reader went away (`mappa export | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            ReportError::Io(e) => Some(e.kind()),
            ReportError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            },
            ReportError::Json(e) => e.io_error_kind(),
            ReportError::Xlsx(_) => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

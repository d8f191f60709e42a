//! The JSON export of the map, which `mappa --data` reads back to the same
//! bytes. JSON is exact: text is escaped by serde, not cleaned. Each node
//! carries its `links` and `offices` (see [`super::node_json`]); the reader
//! ignores them, and recomputes them from the map it loads.

use super::node_json::{JsonNode, Nodes};
use crate::model::Diagnostic;
use serde::Serialize;
use std::io::Write;

/// The document: the fields of [`crate::import::json::Export`], in order.
#[derive(Serialize)]
struct Export<'a> {
    mappa: &'static str,
    datasets: Vec<Dataset<'a>>,
}

/// A dataset: the fields of [`crate::model::Dataset`], in order, with
/// nodes that carry their links.
#[derive(Serialize)]
struct Dataset<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    nodes: Vec<JsonNode<'a>>,
    diagnostics: &'a [Diagnostic],
}

/// Writes the datasets at `datasets` (indices into the map).
pub fn write_map(
    nodes: &Nodes,
    datasets: &[usize],
    out: &mut dyn Write,
) -> Result<(), super::ReportError> {
    let export = Export {
        mappa: env!("CARGO_PKG_VERSION"),
        datasets: datasets
            .iter()
            .map(|&d| {
                let ds = &nodes.map.datasets[d];
                Dataset {
                    id: &ds.id,
                    title: &ds.title,
                    source: &ds.source,
                    nodes: (0..ds.nodes.len()).map(|n| nodes.node(d, n)).collect(),
                    diagnostics: &ds.diagnostics,
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &export)?;
    writeln!(out)?;
    Ok(())
}

//! `mappa import FILE`: a chamber's spreadsheet converted once to mappa's
//! JSON, which `--data` reads back (and which can be kept, compared and
//! edited in place of the spreadsheet).

use super::args::SheetArgs;
use super::context::Target;
use crate::i18n::cli::Message;
use crate::import::SheetOptions;
use crate::model::{Map, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `mappa import FILE`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet.
    pub file: PathBuf,
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

/// What was imported, for the line on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub dataset: String,
    pub entries: usize,
    pub diagnostics: usize,
    pub errors: usize,
}

impl Summary {
    /// As said on stderr.
    pub fn message(&self) -> Message {
        Message::Imported {
            dataset: crate::text::clean(&self.dataset).into_owned(),
            entries: self.entries,
            diagnostics: self.diagnostics,
            errors: self.errors,
        }
    }
}

/// Reads `file` as the explorer would and writes the map as JSON.
pub fn run(file: &Path, opts: &SheetOptions, out: &mut dyn Write) -> anyhow::Result<Summary> {
    let map: Map = crate::import::load_with(&[file.to_path_buf()], opts)?;
    // One spreadsheet has no counterpart to link to: no links.
    let none = crate::concord::Concordance::default();
    let nodes = crate::report::node_json::Nodes::new(&map, &none);
    let all: Vec<usize> = (0..map.datasets.len()).collect();
    crate::report::map_json::write_map(&nodes, &all, out)?;
    let ds = map
        .datasets
        .first()
        .ok_or(super::BadInput(Message::NoDatasetRead))?;
    Ok(Summary {
        dataset: ds.id.clone(),
        entries: ds.nodes.len(),
        diagnostics: ds.diagnostics.len(),
        errors: ds
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
    })
}

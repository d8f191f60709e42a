//! `mappa export`: the whole map as JSON (loadable again with `--data`), CSV
//! (one row per node) or Markdown (a readable document).

use super::select_datasets;
use crate::model::Map;
use crate::report::{csv_out, map_json, markdown};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Md,
}

pub fn run(
    map: &Map,
    dataset: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let datasets = select_datasets(map, dataset)?;
    match format {
        Format::Json => map_json::write_map(&datasets, out),
        Format::Csv => csv_out::write_map(&datasets, out),
        Format::Md => Ok(markdown::write_map(&datasets, out)?),
    }
}

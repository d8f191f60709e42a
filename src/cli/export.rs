//! `mappa export`: the whole map as JSON (loadable again with `--data`,
//! each node with its links), CSV (one row per node) or Markdown (a
//! readable document).

use super::args::{DatasetArg, Formats, MapArgs, Output, StoreArgs};
use super::context::{Context, Target};
use super::select_datasets;
use crate::report::node_json::Nodes;
use crate::report::{csv_out, map_json, markdown};
use std::io::Write;

/// `mappa export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub dataset: DatasetArg,
    #[command(flatten)]
    pub output: Output<Format>,
    /// With --format csv: what an Italian Excel opens by double-click
    /// (";" between cells, UTF-8 BOM, CRLF).
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Md,
}

impl Formats for Format {
    const DEFAULT: &'static str = "json";
    const JSON: Self = Format::Json;
}

/// The links (JSON only) are computed over the whole map, so a one-dataset
/// export keeps the offices of its entries.
pub fn run(
    ctx: &Context,
    dataset: Option<&str>,
    format: Format,
    excel: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let map = &ctx.map;
    let datasets = select_datasets(map, dataset)?;
    match format {
        Format::Json => {
            let links = super::links::load(ctx);
            let nodes = &Nodes::new(map, &links.concordance);
            let indices: Vec<usize> = map
                .datasets
                .iter()
                .enumerate()
                .filter(|(_, d)| datasets.iter().any(|s| std::ptr::eq(*s, *d)))
                .map(|(i, _)| i)
                .collect();
            Ok(map_json::write_map(nodes, &indices, out)?)
        }
        Format::Csv => Ok(csv_out::write_map(&datasets, excel, out)?),
        Format::Md => Ok(markdown::write_map(&datasets, out)?),
    }
}

//! The JSON export of the map, which `mappa --data` reads back to the same
//! bytes. JSON is exact: text is escaped by serde, not cleaned.

use crate::import::json::Export;
use crate::model::Dataset;
use std::io::Write;

pub fn write_map(datasets: &[&Dataset], out: &mut dyn Write) -> anyhow::Result<()> {
    let export = Export {
        mappa: env!("CARGO_PKG_VERSION").to_string(),
        datasets: datasets.iter().map(|d| (*d).clone()).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &export)?;
    writeln!(out)?;
    Ok(())
}

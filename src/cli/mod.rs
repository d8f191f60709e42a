//! The subcommands. Each takes the loaded [`Map`](crate::model::Map) and a
//! writer, so they are tested without spawning the binary.

pub mod check;
pub mod export;
pub mod review;
pub mod search;
pub mod show;
pub mod who;

use crate::model::Map;

/// The datasets a `--dataset` option selects, or an error naming the valid ids.
pub fn select_datasets<'a>(
    map: &'a Map,
    dataset: Option<&str>,
) -> anyhow::Result<Vec<&'a crate::model::Dataset>> {
    match dataset {
        None => Ok(map.datasets.iter().collect()),
        Some(id) => match map.dataset(id) {
            Some(ds) => Ok(vec![ds]),
            None => {
                let ids: Vec<&str> = map.datasets.iter().map(|d| d.id.as_str()).collect();
                anyhow::bail!(
                    "unknown dataset \"{id}\"; the loaded datasets are: {}",
                    ids.join(", ")
                )
            }
        },
    }
}

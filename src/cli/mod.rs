//! The subcommands. Each takes what it needs (the map, the context) and a
//! writer, so most are tested without spawning the binary.

pub mod answer;
pub mod check;
pub mod completions;
pub mod config;
pub mod context;
pub mod diff;
pub mod doctor;
pub mod export;
pub mod import;
pub mod input;
pub mod links;
pub mod man;
pub mod measure;
pub mod resolve;
pub mod review;
pub mod risk;
pub mod search;
pub mod show;
pub mod values;
pub mod who;

use crate::model::Map;
use crate::text::Shown;

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
                let ids: Vec<String> = map
                    .datasets
                    .iter()
                    .map(|d| Shown(&d.id).to_string())
                    .collect();
                anyhow::bail!(
                    "unknown dataset \"{}\"; the loaded datasets are: {}",
                    Shown(id),
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.join(", ")
                    }
                )
            }
        },
    }
}

/// The exit status for an error: 1 when something asked for was not there
/// (an entry, a record, a store to read), a change was refused as things
/// stand, or the records do not verify; 2 for bad input.
pub fn exit_status(e: &anyhow::Error) -> u8 {
    use crate::review::StoreError;
    for c in e.chain() {
        if let Some(s) = c.downcast_ref::<StoreError>() {
            return s.exit_status();
        }
        if c.is::<resolve::NotFound>()
            || c.is::<review::Tampered>()
            || c.is::<crate::review::Conflict>()
        {
            return 1;
        }
        if c.is::<input::BadText>() {
            return 2;
        }
    }
    2
}

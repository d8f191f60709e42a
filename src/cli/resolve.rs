//! Finding the entry a person means on the command line: a node id
//! (`ptpc2019:L50`), or a code with `--dataset` and `--variant` when it is
//! ambiguous. Used by every command that records something on an entry.

use super::{BadInput, NotFound};
use crate::i18n::cli::Message;
use crate::model::{Code, Map, Node};
use crate::text::Shown;

/// An entry named on the command line.
#[derive(Debug, Clone, clap::Args)]
pub struct Pick {
    /// A code (A2.3.1.1) or a node id (ptpc2019:L50, for actions).
    pub target: String,
    /// The dataset, when the code is in more than one (catalogo, ptpc2019).
    #[arg(long, value_name = "ID")]
    pub dataset: Option<String>,
    /// Which of several entries with the same code (1, 2, ...).
    #[arg(long, value_name = "N")]
    pub variant: Option<u32>,
}

pub fn resolve<'a>(map: &'a Map, pick: &Pick) -> anyhow::Result<&'a Node> {
    resolve_with(map, pick, "--variant")
}

/// [`resolve`], where the variant is given with `variant_option`.
pub fn resolve_with<'a>(
    map: &'a Map,
    pick: &Pick,
    variant_option: &'static str,
) -> anyhow::Result<&'a Node> {
    let target = pick.target.trim();
    let datasets = super::select_datasets(map, pick.dataset.as_deref())?;
    if target.contains(':') {
        return datasets.iter().find_map(|d| d.node(target)).ok_or_else(|| {
            NotFound(Message::NoSuchId {
                id: Shown(target).to_string(),
            })
            .into()
        });
    }
    let Some(code) = Code::parse(target) else {
        return Err(BadInput(Message::NotAnEntry {
            given: Shown(target).to_string(),
        })
        .into());
    };
    let code = code.to_string();
    let found: Vec<&Node> = datasets
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter(|n| n.code.as_deref() == Some(code.as_str()))
        .collect();
    if found.is_empty() {
        return Err(NotFound(Message::NoEntryWithCode { code }).into());
    }
    let in_datasets: std::collections::BTreeSet<&str> =
        found.iter().map(|n| n.dataset.as_str()).collect();
    if in_datasets.len() > 1 {
        return Err(BadInput(Message::CodeInDatasets {
            code,
            datasets: in_datasets
                .into_iter()
                .map(|d| Shown(d).to_string())
                .collect(),
        })
        .into());
    }
    match pick.variant {
        Some(v) => found
            .iter()
            .find(|n| n.variant == v)
            .copied()
            .ok_or_else(|| {
                NotFound(Message::NoVariant {
                    code,
                    variant: v,
                    count: found.len(),
                })
                .into()
            }),
        None if found.len() == 1 => Ok(found[0]),
        None => Err(BadInput(Message::ChooseVariant {
            code,
            option: variant_option,
            variants: found
                .iter()
                .map(|n| (n.variant, Shown(&n.title).to_string()))
                .collect(),
        })
        .into()),
    }
}

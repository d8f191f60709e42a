//! Finding the entry a person means on the command line: a node id
//! (`ptpc2019:L50`), or a code with `--dataset` and `--variant` when it is
//! ambiguous. Used by every command that records something on an entry.

use crate::model::{Code, Map, Node};
use crate::text::Shown;
use anyhow::bail;

/// An entry named on the command line.
#[derive(Debug, Clone, clap::Args)]
pub struct Pick {
    /// A code (A2.3.1.1) or a node id (ptpc2019:L50, for actions).
    pub target: String,
    /// The dataset, when the code is in more than one (catalogo, ptpc2019).
    #[arg(long, value_name = "ID")]
    pub dataset: Option<String>,
    /// Which of several entries with the same code (1, 2, ...).
    #[arg(long)]
    pub variant: Option<u32>,
}

/// Nothing has that name: exit status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotFound(pub String);

pub fn resolve<'a>(map: &'a Map, pick: &Pick) -> anyhow::Result<&'a Node> {
    let target = pick.target.trim();
    let datasets = super::select_datasets(map, pick.dataset.as_deref())?;
    if target.contains(':') {
        return datasets.iter().find_map(|d| d.node(target)).ok_or_else(|| {
            NotFound(format!(
                "no entry has id \"{}\"; `mappa search` finds entries by their words",
                Shown(target)
            ))
            .into()
        });
    }
    let Some(code) = Code::parse(target) else {
        bail!(
            "\"{}\" is not a code or an entry id (examples: A2.3.1.1, ptpc2019:L50)",
            Shown(target)
        );
    };
    let code = code.to_string();
    let found: Vec<&Node> = datasets
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter(|n| n.code.as_deref() == Some(code.as_str()))
        .collect();
    if found.is_empty() {
        return Err(NotFound(format!(
            "no entry has code {code}; `mappa search` finds entries by their words"
        ))
        .into());
    }
    let in_datasets: std::collections::BTreeSet<&str> =
        found.iter().map(|n| n.dataset.as_str()).collect();
    if in_datasets.len() > 1 {
        bail!(
            "{code} is in {}: add --dataset",
            in_datasets
                .into_iter()
                .map(|d| Shown(d).to_string())
                .collect::<Vec<_>>()
                .join(" and ")
        );
    }
    match pick.variant {
        Some(v) => found
            .iter()
            .find(|n| n.variant == v)
            .copied()
            .ok_or_else(|| {
                NotFound(format!(
                    "{code} has no variant {v} (it has {})",
                    found.len()
                ))
                .into()
            }),
        None if found.len() == 1 => Ok(found[0]),
        None => {
            let list: Vec<String> = found
                .iter()
                .map(|n| format!("  --variant {}: {}", n.variant, Shown(&n.title)))
                .collect();
            bail!(
                "{code} has {} variants; choose one:\n{}",
                found.len(),
                list.join("\n")
            )
        }
    }
}

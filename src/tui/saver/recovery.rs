//! What could not be written when the explorer ended: kept in a recovery
//! file in the data folder, applied (or pointed at) on the next start.

use super::{Left, Op, Pending};
use crate::review::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where changes that could not be saved are kept for the next start.
pub fn recovery_dir() -> Option<PathBuf> {
    Store::default_path()?.parent().map(|d| d.join("recovery"))
}

/// The recovery file's content.
#[derive(Debug, Serialize, Deserialize)]
pub struct Recovery {
    pub store: PathBuf,
    pub saved_at: String,
    pub changes: Vec<Pending>,
    /// Records (events, measures, monitoring) not yet written.
    #[serde(default)]
    pub ops: Vec<Op>,
    /// What was typed and could not be recorded as it is, for a person
    /// to read (a form left incomplete).
    #[serde(default)]
    pub kept: Vec<String>,
}

/// Writes `left` to a new recovery file; its path, or why not.
pub fn write_recovery(store: &Path, left: Left) -> Result<PathBuf, String> {
    let dir = recovery_dir().ok_or("no data folder for a recovery file")?;
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let at = crate::review::time::stamp(crate::review::time::now());
    let name = format!(
        "recupero-{}-{}.json",
        at.replace([':', '-'], ""),
        std::process::id()
    );
    let path = dir.join(name);
    let body = Recovery {
        store: store.to_path_buf(),
        saved_at: at,
        changes: left.changes,
        ops: left.ops,
        kept: left.kept,
    };
    let json = serde_json::to_vec_pretty(&body).map_err(|e| e.to_string())?;
    std::fs::write(&path, json).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Recovery files left for the store at `store` by an earlier session.
pub fn recoveries_for(store: &Path) -> Vec<(PathBuf, Recovery)> {
    let Some(dir) = recovery_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Recovery)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let r: Recovery = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
            same_place(&r.store, store).then_some((p, r))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn same_place(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
}

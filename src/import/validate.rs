//! A map read from JSON is checked as a graph before it is used, since an
//! export may have been edited by hand: every node id unique, every parent
//! present, no parent cycles, each node in the dataset it names. Each
//! problem is an error naming the ids involved (and the line of the first
//! one in the file); an empty dataset is kept, with a diagnostic.

use super::ImportError;
use crate::model::{Dataset, DiagClass, Diagnostic, Map, Severity};
use rustc_hash::FxHashMap as HashMap;

/// Checks the datasets read from the JSON `text` of `file`.
pub fn datasets(file: &str, text: &str, datasets: &mut [Dataset]) -> Result<(), ImportError> {
    let fail = |id: Option<&str>, message: String| ImportError::Invalid {
        file: file.to_string(),
        line: id.and_then(|id| lines_of_id(text, id).last().copied()),
        message,
    };
    let mut seen_datasets = rustc_hash::FxHashSet::default();
    for ds in datasets.iter() {
        if ds.id.trim().is_empty() {
            return Err(fail(None, "a dataset has an empty \"id\"".to_string()));
        }
        if !seen_datasets.insert(ds.id.as_str()) {
            let message = format!("dataset \"{}\" appears twice in the file", ds.id);
            return Err(fail(None, message));
        }
        let index = node_index(ds).map_err(|(id, message)| fail(Some(id), message))?;
        if let Some(n) = ds.nodes.iter().find(|n| n.dataset != ds.id) {
            let message = format!(
                "node \"{}\" says it belongs to dataset \"{}\" but is in dataset \"{}\"",
                n.id, n.dataset, ds.id
            );
            return Err(fail(Some(&n.id), message));
        }
        parents(ds, &index).map_err(|(id, message)| fail(Some(id), message))?;
    }
    for ds in datasets.iter_mut().filter(|d| d.nodes.is_empty()) {
        note_empty(ds);
    }
    Ok(())
}

/// Whether `ds` is a sound tree: unique ids, parents that exist, no parent
/// cycle, every node in this dataset. What every importer must produce,
/// for tests and fuzz targets; the error says what is wrong.
pub fn sound(ds: &Dataset) -> Result<(), String> {
    let index = node_index(ds).map_err(|(_, m)| m)?;
    if let Some(n) = ds.nodes.iter().find(|n| n.dataset != ds.id) {
        return Err(format!("node \"{}\" is in dataset \"{}\"", n.id, n.dataset));
    }
    parents(ds, &index).map_err(|(_, m)| m)
}

/// Each node's index by id; a repeated id is an error.
fn node_index(ds: &Dataset) -> Result<HashMap<&str, usize>, (&str, String)> {
    let mut index = HashMap::default();
    for (i, n) in ds.nodes.iter().enumerate() {
        if index.insert(n.id.as_str(), i).is_some() {
            let message = format!(
                "dataset \"{}\": node id \"{}\" appears more than once",
                ds.id, n.id
            );
            return Err((n.id.as_str(), message));
        }
    }
    Ok(index)
}

/// Every parent is a node of the dataset, and following parents always
/// reaches a root.
fn parents<'d>(ds: &'d Dataset, index: &HashMap<&str, usize>) -> Result<(), (&'d str, String)> {
    let mut parent = Vec::with_capacity(ds.nodes.len());
    for n in &ds.nodes {
        let p = match n.parent.as_deref() {
            None => None,
            Some(p) if p == n.id => {
                let message = format!(
                    "dataset \"{}\": node \"{p}\" names itself as its parent",
                    ds.id
                );
                return Err((n.id.as_str(), message));
            }
            Some(p) => match index.get(p) {
                Some(&i) => Some(i),
                None => {
                    let message = format!(
                        "dataset \"{}\": node \"{}\" names parent \"{p}\", which is not in the dataset",
                        ds.id, n.id
                    );
                    return Err((n.id.as_str(), message));
                }
            },
        };
        parent.push(p);
    }
    match find_cycle(&parent) {
        None => Ok(()),
        Some(cycle) => {
            let ids: Vec<&str> = cycle.iter().map(|&i| ds.nodes[i].id.as_str()).collect();
            let message = format!(
                "dataset \"{}\": the parents of \"{}\" go round in a cycle: {} → {}",
                ds.id,
                ids[0],
                ids.join(" → "),
                ids[0]
            );
            Err((ids[0], message))
        }
    }
}

/// A cycle in the parent links, as the nodes on it in order, if there is
/// one. Each node is visited once: linear in the number of nodes.
fn find_cycle(parent: &[Option<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; parent.len()];
    for start in 0..parent.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                State::Done => break,
                State::OnPath => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    return Some(path[from..].to_vec());
                }
                State::New => {
                    state[i] = State::OnPath;
                    path.push(i);
                    cur = parent[i];
                }
            }
        }
        for i in path {
            state[i] = State::Done;
        }
    }
    None
}

/// An empty dataset is well-defined (no entries to show) but most likely
/// not what was meant: it says so, once.
fn note_empty(ds: &mut Dataset) {
    if ds
        .diagnostics
        .iter()
        .any(|d| d.class == DiagClass::EmptyDataset)
    {
        return;
    }
    ds.diagnostics.push(Diagnostic {
        dataset: ds.id.clone(),
        line: None,
        severity: Severity::Warning,
        class: DiagClass::EmptyDataset,
        message: "il dataset non ha voci".to_string(),
        node: None,
        place: None,
    });
}

/// Node ids are unique across every dataset loaded, from every file.
pub fn unique_ids_across(map: &Map) -> Result<(), ImportError> {
    // Within one dataset every importer makes them unique (JSON is checked
    // by [`datasets`], the others are sound by construction and tested so):
    // a single dataset has nothing to be checked against, and hashing the
    // ids of a 100,000-entry map cost 4 to 7 ms of its first frame.
    if map.datasets.len() < 2 {
        return Ok(());
    }
    let mut owner: HashMap<&str, &Dataset> = HashMap::default();
    // Reserved at once: growing a map of 100,000 ids rehashes it again and again.
    owner.reserve(map.datasets.iter().map(|ds| ds.nodes.len()).sum());
    for ds in &map.datasets {
        for n in &ds.nodes {
            if let Some(other) = owner.insert(&n.id, ds) {
                let file = ds.loaded_from.as_deref().unwrap_or(&ds.source);
                return Err(ImportError::invalid(
                    file,
                    format!(
                        "node id \"{}\" is in dataset \"{}\" and in dataset \"{}\": ids must be unique across the map",
                        n.id, other.id, ds.id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The lines where a node with `id` is written (`"id": "…"`), in order:
/// an error names the last (for a repeated id, where it repeats).
fn lines_of_id(text: &str, id: &str) -> Vec<u64> {
    let Ok(quoted) = serde_json::to_string(id) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(&quoted) {
        let at = from + found;
        let key = text[..at].trim_end().strip_suffix(':').map(str::trim_end);
        if key.is_some_and(|k| k.ends_with("\"id\"")) {
            lines.push(text[..at].matches('\n').count() as u64 + 1);
        }
        from = at + quoted.len();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found_with_their_nodes() {
        assert_eq!(find_cycle(&[None, Some(0), Some(1)]), None);
        assert_eq!(
            find_cycle(&[Some(1), Some(2), Some(0)]),
            Some(vec![0, 1, 2])
        );
        assert_eq!(
            find_cycle(&[None, Some(2), Some(3), Some(1)]),
            Some(vec![1, 2, 3])
        );
        assert_eq!(find_cycle(&[Some(0)]), Some(vec![0]));
        assert_eq!(find_cycle(&[]), None);
        // A long chain is walked once, not once per node.
        let chain: Vec<Option<usize>> = (0..100_000usize).map(|i| i.checked_sub(1)).collect();
        assert_eq!(find_cycle(&chain), None);
    }

    #[test]
    fn the_lines_of_an_id_are_where_it_is_the_id() {
        let text =
            "{\n  \"parent\": \"a\",\n  \"id\": \"a\",\n  \"id\":\"b\\u0022\",\n\"id\" :\n \"a\"}";
        assert_eq!(lines_of_id(text, "a"), [3, 6]);
        assert!(lines_of_id(text, "b\"").is_empty()); // written with another escape
        assert!(lines_of_id(text, "zz").is_empty());
    }
}

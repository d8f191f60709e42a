//! Readers for the source layouts. Each turns a text file into a [`Dataset`]
//! and accounts for every data row: it becomes a node or a diagnostic.

pub mod catalogo;
pub mod diff;
mod error;
mod ids;
pub mod json;
pub mod load;
mod markup;
mod parallel;
pub mod ptpc;
mod rows;
pub mod sheet;
pub mod text;
mod tree;
pub mod validate;

pub use error::{ImportError, JsonError};
pub use load::FileLimit;
pub use parallel::cores;
pub use rows::{read_rows, Row};
pub use sheet::SheetOptions;

use crate::model::{Dataset, DiagClass, Diagnostic, Kept, Map, Severity};

/// The two seed documents, compiled into the binary.
pub const CATALOGO_SEED: &str = include_str!("../../seeds/catalogo.tsv");
pub const PTPC_SEED: &str = include_str!("../../seeds/ptpc2019.tsv");

/// Collects the diagnostics of one dataset as they are found.
#[derive(Debug)]
pub(crate) struct Diags {
    dataset: String,
    pub list: Vec<Diagnostic>,
}

impl Diags {
    pub fn new(dataset: &str) -> Self {
        Diags {
            dataset: dataset.into(),
            // Room for the few dozen a typical map raises; more just grow.
            list: Vec::with_capacity(64),
        }
    }

    pub fn push(
        &mut self,
        line: Option<u32>,
        severity: Severity,
        class: DiagClass,
        node: Option<&str>,
        message: impl Into<String>,
    ) {
        self.list.push(Diagnostic {
            dataset: self.dataset.clone(),
            line,
            severity,
            class,
            message: message.into(),
            node: node.map(String::from),
            place: None,
        });
    }
}

/// Copies each diagnostic's message onto the node it concerns and sorts the
/// dataset's diagnostics by line.
pub(crate) fn attach_diagnostics(ds: &mut Dataset) {
    ds.diagnostics
        .sort_by_key(|d| (d.line.unwrap_or(u32::MAX), d.severity));
    let mut by_node: rustc_hash::FxHashMap<&str, Vec<String>> = Default::default();
    for d in &ds.diagnostics {
        // How a code or a text was spelt (the text shown is tidied), and
        // which rows of a sheet an entry's cells came from, are for `mappa
        // check`, not for every reader of the entry.
        if matches!(
            d.class,
            DiagClass::CodeForm
                | DiagClass::NameCode
                | DiagClass::Markup
                | DiagClass::ContinuationRow
        ) {
            continue;
        }
        if let Some(n) = d.node.as_deref() {
            by_node.entry(n).or_default().push(d.message.clone());
        }
    }
    // Most entries have none: the nodes are looked at only until every
    // list has found its node (not once more each for a map of 100,000).
    for node in &mut ds.nodes {
        if by_node.is_empty() {
            break;
        }
        if let Some(msgs) = by_node.remove(node.id.as_str()) {
            node.diagnostics = msgs;
        }
    }
}

/// The built-in map: both seed datasets.
pub fn builtin() -> Map {
    // Built into the binary: the nodes point into the seeds' own text. The
    // two are read side by side when there is a core to spare.
    let read_ptpc = || {
        ptpc::import_kept("seeds/ptpc2019.tsv", Kept::from_static(PTPC_SEED))
            .expect("the ptpc2019 seed is valid UTF-8 tab-separated text")
    };
    let (catalogo, ptpc) = std::thread::scope(|s| {
        let other = (cores() > 1)
            .then(|| std::thread::Builder::new().spawn_scoped(s, read_ptpc).ok())
            .flatten();
        let catalogo =
            catalogo::import_kept("seeds/catalogo.tsv", Kept::from_static(CATALOGO_SEED))
                .expect("the catalogo seed is valid UTF-8 tab-separated text");
        let ptpc = other.and_then(|h| h.join().ok()).unwrap_or_else(read_ptpc);
        (catalogo, ptpc)
    });
    Map {
        datasets: vec![catalogo, ptpc],
    }
}

/// Loads the map: the built-in seeds when `files` is empty, otherwise each
/// file (a JSON export, a tab-separated seed source, or a spreadsheet).
pub fn load(files: &[std::path::PathBuf]) -> Result<Map, ImportError> {
    load_with(files, &SheetOptions::default())
}

/// [`load`], with what `--sheet` and `--columns` say about spreadsheets.
pub fn load_with(files: &[std::path::PathBuf], opts: &SheetOptions) -> Result<Map, ImportError> {
    if files.is_empty() {
        return Ok(builtin());
    }
    load::load_files(files, opts)
}

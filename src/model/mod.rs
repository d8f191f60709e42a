//! The process map as plain data: datasets of nodes, their structures and the
//! diagnostics the importers raised. Everything here is serde-serialisable and
//! knows nothing about files or terminals.

pub mod code;
pub mod extra;
pub mod kept;
pub mod parent_index;
pub mod place;
pub mod record_ids;
pub mod steps;
pub mod structures;

pub use code::Code;
pub use extra::Extra;
pub use kept::Kept;
pub use parent_index::ParentIndex;
pub use place::Place;
pub use record_ids::{CheckId, DecisionId, EventId, MeasureId};
use serde::{Deserialize, Serialize};
pub use steps::Steps;
pub use structures::Structures;

/// The text of an entry's field: kept inline up to 24 bytes (codes, ids,
/// roles, offices, most steps), so that a map of 100,000 entries is not a
/// million small allocations.
pub type Text = compact_str::CompactString;

/// One responsible structure of a ptpc2019 action.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Structure {
    pub area: Text,
    pub servizio: Text,
    /// Source line the pair was read from, when it differs from the node's own
    /// line (structures printed on the rows below a concatenated cell).
    #[serde(skip)]
    pub line: Option<u32>,
}

/// One entry of the map: a macro-process, process, sub-process, activity or action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    #[serde(deserialize_with = "ident::required")]
    pub dataset: Text,
    /// Unique within all loaded datasets.
    #[serde(deserialize_with = "ident::required")]
    pub id: Text,
    /// Normalised code; `None` for a row without one and for ptpc2019 actions.
    #[serde(default, deserialize_with = "ident::optional")]
    pub code: Option<Text>,
    /// The code as written in the source.
    pub raw_code: Text,
    /// 1-based depth in the tree (macro-process or function = 1).
    pub level: u8,
    pub kind: Kind,
    /// 1 for the first entry with its code, 2 for the second, ... (the same
    /// code on rows with different content: distinct entries, never merged).
    #[serde(default = "first_variant")]
    pub variant: u32,
    pub title: Text,
    pub name: Text,
    pub input: Text,
    pub output: Text,
    pub activities: Steps,
    pub role: Text,
    pub structures: Structures,
    /// The source's columns that no field reads, header → value (a
    /// spreadsheet's Note, Tempi, Riferimenti normativi); empty for most.
    #[serde(default)]
    pub extra: Extra,
    #[serde(default, deserialize_with = "ident::optional")]
    pub parent: Option<Text>,
    #[serde(default, deserialize_with = "ident::optional")]
    pub parent_code: Option<Text>,
    pub inferred: bool,
    /// 1-based source line; `None` for inferred nodes.
    pub line: Option<u32>,
    pub diagnostics: Vec<String>,
}

impl Node {
    /// An entry with only its identity; every other field empty, to be
    /// filled in by the importer that reads it.
    pub fn new(dataset: impl Into<Text>, id: impl Into<Text>, kind: Kind, level: u8) -> Node {
        Node {
            dataset: dataset.into(),
            id: id.into(),
            code: None,
            raw_code: Text::default(),
            level,
            kind,
            variant: 1,
            title: Text::default(),
            name: Text::default(),
            input: Text::default(),
            output: Text::default(),
            activities: Steps::default(),
            role: Text::default(),
            structures: Structures::default(),
            extra: Extra::default(),
            parent: None,
            parent_code: None,
            inferred: false,
            line: None,
            diagnostics: Vec::new(),
        }
    }
}

fn first_variant() -> u32 {
    1
}

/// What an entry is. Serialised in Italian, as the documents name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Funzione,
    MacroProcesso,
    Processo,
    SottoProcesso,
    Attivita,
    Azione,
}

impl Kind {
    /// Label shown to people (Italian).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Funzione => "Funzione istituzionale",
            Kind::MacroProcesso => "Macro-processo",
            Kind::Processo => "Processo",
            Kind::SottoProcesso => "Sotto-processo",
            Kind::Attivita => "Attività",
            Kind::Azione => "Azione",
        }
    }
}

/// How much a diagnostic matters to someone correcting the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// The kind of defect a diagnostic reports. Serialised as a short stable
/// slug (`duplicate-row`, `variant`, `code-form`, ...), which `mappa check`
/// prints and scripts filter on.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, strum::EnumString, strum::AsRefStr, strum::EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum DiagClass {
    // Both sources.
    /// A code written irregularly (`A1.`, `A.2.1`, title glued to it).
    CodeForm,
    /// The same code on several rows with different content.
    Variant,
    /// A parent no row names, deduced from its children's codes.
    InferredParent,
    /// A dataset with no entries (a map read from JSON).
    EmptyDataset,
    /// Formatting markup (`<i>…</i>`) in the text, removed.
    Markup,
    /// An entry printed away from the parent its code names, hung under
    /// that parent.
    PrintedElsewhere,
    // catalogo.
    /// A row repeated byte for byte.
    DuplicateRow,
    /// Cells beyond the sixth column.
    ExtraCells,
    /// Cells moved left by one or more columns, realigned.
    ShiftedCells,
    /// A row without a code.
    MissingCode,
    /// A name column that repeats the row's code before the title.
    NameCode,
    /// One cell naming two codes.
    TwoCodes,
    /// No responsible role.
    EmptyRole,
    /// Stray characters from another script.
    ForeignScript,
    /// Text damaged by a past search-and-replace.
    ReplaceDamage,
    /// A row without a code, placed beside the entry it follows.
    Attached,
    /// A code that sorts before the one printed above it.
    OutOfOrder,
    /// A header row and a detail row with the same code.
    HeaderAndLeaf,
    /// A row placed under the suffixed code it follows (`C1.1.7b`).
    SuffixParent,
    // ptpc2019.
    /// Cells in other columns than the page header says.
    ColumnDrift,
    /// A row of structures with no action to belong to.
    OrphanStructure,
    /// A short text in a structure's place that is not a known structure.
    UnknownStructure,
    /// An action before any label.
    OrphanAction,
    /// Structures on a row without an action.
    StructureWithoutAction,
    /// Several actions run together in one cell.
    ConcatenatedActions,
    /// A label printed one row too low.
    LabelLag,
    /// As many structure rows as actions, or not.
    StructureCount,
    /// An action without a responsible structure.
    NoStructure,
    /// An action with an Area dirigenziale but no Servizio/Staff.
    NoServizio,
    /// An action with a Servizio/Staff but no Area dirigenziale.
    NoArea,
    /// A label repeated on a later row.
    RepeatedLabel,
    /// A sub-process title cut by a page break, rejoined with its
    /// continuation on the next page.
    TitleContinued,
    // Spreadsheets.
    /// The text encoding of a CSV file, where it had to be assumed.
    Encoding,
    /// `--sheet` given for a file that has one sheet (CSV, TSV): ignored.
    SheetIgnored,
    /// A cell running over lines that hold the delimiter: a quote left
    /// open may have swallowed the rows after it.
    UnclosedQuote,
    /// Rows above the header: the sheet's title block, not entries.
    TitleRows,
    /// A column whose header is not a known field: not imported.
    UnmappedColumn,
    /// The header repeated further down the sheet.
    RepeatedHeader,
    /// A row that names no new entry: its cells are added to the entry
    /// above.
    ContinuationRow,
    /// A row that cannot be placed in the tree.
    Unplaced,
    /// A cell holding a spreadsheet error (`#N/A`, `#REF!`).
    CellError,
    /// How a sheet writes its codes, where it had to be inferred (one
    /// letter for a macro-process, Roman numerals).
    CodeScheme,
    /// How a column beside the levels was read (steps, not a level).
    DetailColumn,
    /// A class this version does not know (a map written by another
    /// version, or edited): its slug, kept as written.
    #[strum(default, transparent)]
    Other(String),
}

impl DiagClass {
    /// The slug: `duplicate-row`, `variant`, ...
    pub fn as_str(&self) -> &str {
        self.as_ref()
    }
}

impl std::fmt::Display for DiagClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for DiagClass {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for DiagClass {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DiagClass {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let slug: String = ident::required(deserializer)?;
        // Unknown slugs become `Other`: parsing cannot fail.
        Ok(slug.parse().unwrap_or(DiagClass::Other(slug)))
    }
}

/// An anomaly found while importing, tied to a source line when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(deserialize_with = "ident::required")]
    pub dataset: String,
    pub line: Option<u32>,
    pub severity: Severity,
    /// The defect class, serialised as its slug (`duplicate-row`).
    pub class: DiagClass,
    pub message: String,
    /// Id of the node the diagnostic is about, if any.
    #[serde(default, deserialize_with = "ident::optional")]
    pub node: Option<String>,
    /// The cell, for a map read from a spreadsheet (`Mappatura!C12`);
    /// `line` is then the sheet's row. Absent for text sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// One imported map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// Short identifier used on the command line (`catalogo`, `ptpc2019`).
    #[serde(deserialize_with = "ident::required")]
    pub id: String,
    /// Human title of the source document.
    pub title: String,
    /// Where the data came from (file name).
    pub source: String,
    /// Nodes in tree order (depth first, children sorted by code).
    pub nodes: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file this dataset was read from, when that is not `source`: a
    /// JSON export, whose `source` names the document it was exported
    /// from. Not written to exports.
    #[serde(skip)]
    pub loaded_from: Option<String>,
    /// Each node's parent by index, as the importer placed it (see
    /// [`ParentIndex`]). Not written to exports.
    #[serde(skip)]
    pub parent_index: ParentIndex,
}

impl Dataset {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.nodes
            .iter()
            .filter(move |n| n.parent.as_deref() == Some(id))
    }

    /// Ancestors of a node, root first. A map is checked for parent cycles
    /// when it is loaded; the walk stops at a node seen before all the
    /// same, so that a cycle can never become an endless loop.
    pub fn ancestors(&self, node: &Node) -> Vec<&Node> {
        let mut chain: Vec<&Node> = Vec::new();
        // Nodes are in tree order, each parent before its children: a
        // parent is looked for backwards from the node below it, a few
        // steps in a map (from the start, it was half of a 100,000-entry
        // map for every ancestor of every entry a report lists); anywhere
        // when it is not there (a node from elsewhere, another order).
        let mut below = self.index_of(node);
        let mut cur = node.parent.as_deref();
        while let Some(pid) = cur {
            let found = below
                .and_then(|i| self.nodes[..i].iter().rposition(|n| n.id == pid))
                .or_else(|| self.nodes.iter().position(|n| n.id == pid));
            let Some(at) = found else { break };
            let p = &self.nodes[at];
            below = Some(at);
            let seen = p.id == node.id || chain.iter().any(|c| c.id == p.id);
            if seen || chain.len() >= self.nodes.len() {
                break;
            }
            chain.push(p);
            cur = p.parent.as_deref();
        }
        chain.reverse();
        chain
    }

    /// The index of `node` when it is one of this dataset's nodes (by
    /// where it lies, not by id).
    fn index_of(&self, node: &Node) -> Option<usize> {
        let size = std::mem::size_of::<Node>();
        let offset = (node as *const Node as usize).checked_sub(self.nodes.as_ptr() as usize)?;
        let index = offset / size;
        (offset % size == 0 && index < self.nodes.len()).then_some(index)
    }
}

/// Identifiers read from a file (dataset ids, node ids, codes, diagnostic
/// classes) are keys and are printed as they are: a control character in
/// one is refused when the file is read, with its position.
mod ident {
    use serde::{Deserialize, Deserializer};

    fn check<E: serde::de::Error>(s: String) -> Result<String, E> {
        match s.chars().find(|&c| crate::text::is_hidden_control(c)) {
            None => Ok(s),
            Some(c) => Err(E::custom(format!(
                "the identifier \"{}\" contains a control character (U+{:04X}); ids, codes and classes must be plain text",
                s.escape_debug(),
                c as u32
            ))),
        }
    }

    pub fn required<'de, D: Deserializer<'de>, T: From<String>>(d: D) -> Result<T, D::Error> {
        check(String::deserialize(d)?).map(T::from)
    }

    pub fn optional<'de, D: Deserializer<'de>, T: From<String>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| check(s).map(T::from))
            .transpose()
    }
}

/// Everything loaded: the datasets side by side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map {
    pub datasets: Vec<Dataset>,
}

impl Map {
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id)
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.datasets.iter().flat_map(|d| d.nodes.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    fn chain(parents: &[(&str, Option<&str>)]) -> Dataset {
        let nodes = parents
            .iter()
            .map(|&(id, parent)| {
                let mut n = Node::new("d", id, Kind::Processo, 1);
                n.parent = parent.map(Into::into);
                n
            })
            .collect();
        Dataset {
            id: "d".into(),
            title: String::new(),
            source: String::new(),
            nodes,
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }
    }

    /// The ids of the ancestors of `node` in `ds`, root first.
    fn up(ds: &Dataset, node: &Node) -> Vec<String> {
        ds.ancestors(node)
            .iter()
            .map(|a| a.id.to_string())
            .collect()
    }

    #[test]
    fn ancestors_end_even_on_a_cycle() {
        let ds = chain(&[("a", None), ("b", Some("a")), ("c", Some("b"))]);
        assert_eq!(up(&ds, &ds.nodes[2]), ["a", "b"]);
        let looped = chain(&[("a", Some("c")), ("b", Some("a")), ("c", Some("b"))]);
        assert_eq!(up(&looped, &looped.nodes[2]), ["a", "b"]);
        let selfish = chain(&[("a", Some("a"))]);
        assert!(up(&selfish, &selfish.nodes[0]).is_empty());
        // A copy of a node (not one of the dataset's own) and parents
        // after their children are found all the same.
        let copy = ds.nodes[2].clone();
        assert_eq!(up(&ds, &copy), ["a", "b"]);
        let reversed = chain(&[("c", Some("b")), ("b", Some("a")), ("a", None)]);
        assert_eq!(up(&reversed, &reversed.nodes[0]), ["a", "b"]);
    }

    #[test]
    fn classes_read_back_from_their_slugs() {
        for class in DiagClass::iter().filter(|c| !matches!(c, DiagClass::Other(_))) {
            let slug = class.as_str();
            assert!(
                slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{slug}"
            );
            assert_eq!(slug.parse::<DiagClass>().unwrap(), class);
            let json = serde_json::to_string(&class).unwrap();
            assert_eq!(json, format!("\"{slug}\""));
            assert_eq!(serde_json::from_str::<DiagClass>(&json).unwrap(), class);
        }
        assert_eq!(DiagClass::DuplicateRow.as_str(), "duplicate-row");
        assert_eq!(DiagClass::NoServizio, "no-servizio");
        let other: DiagClass = serde_json::from_str("\"new-kind\"").unwrap();
        assert_eq!(other, DiagClass::Other("new-kind".into()));
        assert_eq!(serde_json::to_string(&other).unwrap(), "\"new-kind\"");
    }
}

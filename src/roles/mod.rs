//! Who is responsible: the roles (catalogo) and offices (ptpc2019) named by
//! the map, normalised so that spelling variants count as one. The verbatim
//! text stays on the nodes; this is an index over it.

mod answer;
mod below;
pub mod names;
pub mod topic;
pub use answer::{answer_for, Answer, Source};
pub use below::{named_below, names_someone, summary, Children, Named, Shape};

use crate::concord::Concordance;
use crate::model::{Map, Node};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::BTreeMap;

/// What kind of responsible party a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// Responsabile output (catalogo).
    Ruolo,
    /// Area dirigenziale (ptpc2019).
    Area,
    /// Servizio/Staff (ptpc2019).
    Servizio,
}

impl PartyKind {
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Ruolo => "ruolo",
            PartyKind::Area => "area",
            PartyKind::Servizio => "servizio",
        }
    }
}

/// One responsible party of one dataset.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Party {
    pub dataset: String,
    pub kind: PartyKind,
    /// Normalised key: two names with the same key are the same party.
    pub key: String,
    /// The name shown: the most frequent spelling.
    pub name: String,
    /// Every spelling met, as cleaned from the source.
    pub spellings: Vec<String>,
    /// Indices (within the dataset) of the nodes naming this party.
    #[serde(skip)]
    pub nodes: Vec<usize>,
    pub count: usize,
    /// An office the catalogue's entries have through their links to the
    /// PTPC 2019 annex: the entries do not name it themselves.
    #[serde(skip)]
    pub from_links: bool,
}

/// All parties of a map.
#[derive(Debug, Clone, Default)]
pub struct Responsibilities {
    pub parties: Vec<Party>,
}

/// Heads of role names: a capitalised one of these after another role starts
/// a new role ("PO Settore Dirigente di Area" is two roles).
const ROLE_HEADS: &[&str] = &[
    "PO",
    "P.O.",
    "PO.",
    "Dirigente",
    "Dirigenti",
    "Segretario",
    "Presidente",
    "Giunta",
    "Consiglio",
    "Operatore",
    "Operatori",
    "Conservatore",
    "Commissione",
    "Commissioni",
    "Collegio",
    "Deputazione",
];

/// Words that begin a role: a separator ("/", ",", " e ") splits two roles
/// only when a role begins after it, so "fornitori/partner esterni" or
/// "servizio CNS e Carte tachigrafiche" stay whole.
const ROLE_WORDS: &[&str] = &[
    "po",
    "p.o.",
    "po.",
    "dirigente",
    "dirigenti",
    "segretario",
    "presidente",
    "giunta",
    "consiglio",
    "operatore",
    "operatori",
    "conservatore",
    "commissione",
    "commissioni",
    "collegio",
    "deputazione",
    "ispettore",
    "addetto",
    "addetti",
    "ufficio",
    "gruppo",
    "delegazioni",
    "rpct",
    "ciascun",
    "singoli",
    "estensore",
    "responsabile",
    "redazione",
    "editor",
    "il",
    "invece",
];

/// Where a qualifying clause starts: the role is what comes before it.
const QUALIFIERS: &[&str] = &[
    " per ",
    " in caso ",
    " in veste ",
    " che ",
    " nel caso",
    " a seconda",
    " solo per",
    " ove ",
    " responsabile della ",
    " responsabile del ",
];

fn starts_role(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Splits a free-text role cell into the roles it names, cleaned but spelt
/// as written ("DVR: Segretario generale DUVRI: singoli dirigenti" gives
/// "Segretario generale" and "singoli dirigenti").
pub fn role_parts(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    // Parenthesised text names a role too: "RPCT (Segretario Generale)".
    let mut outer = String::new();
    let mut depth = 0;
    let mut inner = String::new();
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                outer.push(';');
            }
            ')' if depth > 0 => {
                depth -= 1;
                pieces.push(std::mem::take(&mut inner));
            }
            _ if depth > 0 => inner.push(c),
            _ => outer.push(c),
        }
    }
    if !inner.is_empty() {
        pieces.push(inner);
    }
    let mut parts = Vec::new();
    for chunk in std::iter::once(outer.as_str()).chain(pieces.iter().map(String::as_str)) {
        for labelled in split_labels(chunk) {
            for piece in split_roles(&labelled) {
                for role in split_run_together(&piece) {
                    let cleaned = clean_role(&role);
                    if !cleaned.is_empty() && !parts.contains(&cleaned) {
                        parts.push(cleaned);
                    }
                }
            }
        }
    }
    parts
}

/// Splits at ";" and at labels ending in ":" ("DVR: ... DUVRI: ..."); the
/// label word itself is dropped.
fn split_labels(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in text.split(';') {
        let pieces: Vec<&str> = seg.split(':').collect();
        for (i, piece) in pieces.iter().enumerate() {
            let mut words: Vec<&str> = piece.split_whitespace().collect();
            if i + 1 < pieces.len() {
                // The last word before a colon is the next piece's label.
                words.pop();
            }
            if !words.is_empty() {
                out.push(words.join(" "));
            }
        }
    }
    out
}

/// Splits at "/", ",", "+", " - ", " e ", " o " when a role begins after it.
fn split_roles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    let mut rest = text;
    loop {
        let next = ["/", ",", "+", " - ", " e ", " o "]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, *sep)))
            .min_by_key(|(i, _)| *i);
        let Some((i, sep)) = next else {
            out.last_mut().unwrap().push_str(rest);
            break;
        };
        let after = &rest[i + sep.len()..];
        let head = &rest[..i];
        if starts_role(after) || (sep == "/" && after.trim_start().starts_with(char::is_uppercase))
        {
            out.last_mut().unwrap().push_str(head);
            out.push(String::new());
        } else {
            out.last_mut().unwrap().push_str(&rest[..i + sep.len()]);
        }
        rest = after;
    }
    out
}

/// "PO Settore Dirigente di Area" → "PO Settore", "Dirigente di Area".
fn split_run_together(text: &str) -> Vec<String> {
    let mut roles: Vec<Vec<&str>> = vec![Vec::new()];
    for w in text.split_whitespace() {
        let current = roles.last().unwrap();
        let prev_is_joiner = current.last().is_some_and(|p| {
            matches!(
                p.to_lowercase().as_str(),
                "di" | "del"
                    | "della"
                    | "dell'"
                    | "dei"
                    | "degli"
                    | "delle"
                    | "il"
                    | "la"
                    | "e"
                    | "o"
            )
        });
        if !current.is_empty() && !prev_is_joiner && ROLE_HEADS.contains(&w) {
            roles.push(Vec::new());
        }
        roles.last_mut().unwrap().push(w);
    }
    roles.into_iter().map(|ws| ws.join(" ")).collect()
}

fn clean_role(text: &str) -> String {
    let mut t = format!(" {} ", text.trim());
    for q in QUALIFIERS {
        if let Some(i) = t.to_lowercase().find(q) {
            if i == 0 && !q.contains("responsabile") {
                // The whole piece is a qualifier ("per i corsi a catalogo").
                return String::new();
            }
            if i > 0 {
                t.truncate(i);
            }
        }
    }
    let t = t
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '/'));
    let mut words: Vec<&str> = t.split_whitespace().collect();
    // Leading connectives left by the split ("il dirigente", "invece da PO").
    let connective = |w: &&str| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
            "il" | "la" | "i" | "da" | "invece" | "e" | "ed" | "o" | "solo" | ""
        )
    };
    while words.first().is_some_and(connective) {
        words.remove(0);
    }
    while words.last().is_some_and(connective) {
        words.pop();
    }
    words
        .join(" ")
        .trim_end_matches([',', ';', ':', '-'])
        .trim()
        .to_string()
}

/// The identity of a role name: case, accents, spacing, punctuation,
/// articles, word order, "P.O."/"PO.", plurals and a known typo do not
/// matter ("Operatore del Settore incaricato" is "Operatore incaricato del
/// Settore").
pub fn role_key(name: &str) -> String {
    let lower = crate::text::clean(name)
        .to_lowercase()
        .replace("p.o.", "po")
        .replace("p.o", "po")
        .replace("po.", "po")
        .replace("dell'", "");
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "del"
                    | "della"
                    | "dello"
                    | "dei"
                    | "degli"
                    | "delle"
                    | "di"
                    | "il"
                    | "la"
                    | "lo"
                    | "l"
                    | "d"
            )
        })
        .map(|w| match fold_accents(w).as_str() {
            "settori" | "sttore" => "settore".to_string(),
            "operatori" => "operatore".to_string(),
            "incaricati" => "incaricato".to_string(),
            "dirigenti" => "dirigente".to_string(),
            "commissioni" => "commissione".to_string(),
            "ispettori" => "ispettore".to_string(),
            other => other.to_string(),
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fold_accents(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'à' | 'á' => 'a',
            'è' | 'é' => 'e',
            'ì' | 'í' => 'i',
            'ò' | 'ó' => 'o',
            'ù' | 'ú' => 'u',
            c => c,
        })
        .collect()
}

/// Area or servizio cells: "Segretario generale/Servizi amministrativi".
fn office_parts(text: &str) -> Vec<String> {
    text.split(['/', ';'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The parties a node names, with their kind.
pub fn node_parties(node: &Node) -> Vec<(PartyKind, String)> {
    parties_of(node, role_parts, office_parts)
}

/// The parties `node` names, its role split by `roles`, each office of its
/// structures by `offices`.
fn parties_of<'m>(
    node: &'m Node,
    mut roles: impl FnMut(&'m str) -> Vec<String>,
    mut offices: impl FnMut(&'m str) -> Vec<String>,
) -> Vec<(PartyKind, String)> {
    let mut out: Vec<(PartyKind, String)> = roles(&node.role)
        .into_iter()
        .map(|r| (PartyKind::Ruolo, r))
        .collect();
    for s in &node.structures {
        out.extend(offices(&s.area).into_iter().map(|a| (PartyKind::Area, a)));
        out.extend(
            offices(&s.servizio)
                .into_iter()
                .map(|v| (PartyKind::Servizio, v)),
        );
    }
    out
}

/// The parties named by each role and office text, worked out once per
/// distinct text: a map of 100,000 entries names a few hundred, and
/// splitting every cell again was most of `mappa who` on such a map.
#[derive(Default)]
struct PartsOf<'m> {
    roles: rustc_hash::FxHashMap<&'m str, Vec<String>>,
    offices: rustc_hash::FxHashMap<&'m str, Vec<String>>,
}

impl<'m> PartsOf<'m> {
    /// What [`node_parties`] says of `node`.
    fn node(&mut self, node: &'m Node) -> Vec<(PartyKind, String)> {
        let (roles, offices) = (&mut self.roles, &mut self.offices);
        parties_of(
            node,
            |t| roles.entry(t).or_insert_with(|| role_parts(t)).clone(),
            |t| offices.entry(t).or_insert_with(|| office_parts(t)).clone(),
        )
    }
}

/// Spellings met (with counts) and the nodes naming one party.
type Sightings = (BTreeMap<String, usize>, Vec<usize>);

/// Who each node of a dataset names, gathered by party.
#[derive(Default)]
struct Gathered(BTreeMap<(PartyKind, String), Sightings>);

impl Gathered {
    fn add(&mut self, node: usize, kind: PartyKind, name: String) {
        let entry = self.0.entry((kind, role_key(&name))).or_default();
        *entry.0.entry(name).or_default() += 1;
        if entry.1.last() != Some(&node) {
            entry.1.push(node);
        }
    }

    fn into_parties(self, dataset: &str, from_links: bool) -> impl Iterator<Item = Party> + '_ {
        self.0
            .into_iter()
            .map(move |((kind, key), (spellings, nodes))| {
                let name = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| capitalise(s))
                    .unwrap_or_default();
                Party {
                    dataset: dataset.to_string(),
                    kind,
                    key,
                    name,
                    spellings: spellings.into_keys().collect(),
                    count: nodes.len(),
                    nodes,
                    from_links,
                }
            })
    }
}

impl Responsibilities {
    pub fn new(map: &Map) -> Self {
        let mut parties = Vec::new();
        for ds in &map.datasets {
            let mut found = Gathered::default();
            let mut parts = PartsOf::default();
            for (i, node) in ds.nodes.iter().enumerate() {
                for (kind, name) in parts.node(node) {
                    found.add(i, kind, name);
                }
            }
            parties.extend(found.into_parties(&ds.id, false));
        }
        let mut resp = Responsibilities { parties };
        resp.sort();
        resp
    }

    /// Only the offices the catalogue-like dataset's entries have through
    /// the links of `concordance` (`from_links`): the structures of the
    /// linked annex entries, split and keyed like the annex's own, so that
    /// "Registro imprese" here is the annex's "Registro imprese". An entry
    /// counts under every office of its usable links.
    pub fn from_links(map: &Map, concordance: &Concordance) -> Self {
        let Some(pair) = concordance.pair() else {
            return Responsibilities::default();
        };
        let Some(ds) = map.datasets.get(pair.catalogo) else {
            return Responsibilities::default();
        };
        let mut found = Gathered::default();
        for i in 0..ds.nodes.len() {
            for s in concordance.offices(map, pair.catalogo, i) {
                for a in office_parts(&s.area) {
                    found.add(i, PartyKind::Area, a);
                }
                for v in office_parts(&s.servizio) {
                    found.add(i, PartyKind::Servizio, v);
                }
            }
        }
        let mut resp = Responsibilities {
            parties: found.into_parties(&ds.id, true).collect(),
        };
        resp.sort();
        resp
    }

    /// Every party of `map` and the offices the links give the catalogue.
    pub fn with_links(map: &Map, concordance: &Concordance) -> Self {
        let mut resp = Responsibilities::new(map);
        resp.parties
            .extend(Responsibilities::from_links(map, concordance).parties);
        resp.sort();
        resp
    }

    /// By dataset; in each, the parties the entries name before those from
    /// links, then by number of entries and name.
    fn sort(&mut self) {
        self.parties.sort_by(|a, b| {
            a.dataset
                .cmp(&b.dataset)
                .then(a.from_links.cmp(&b.from_links))
                .then(b.count.cmp(&a.count))
                .then(a.name.cmp(&b.name))
        });
    }

    pub fn for_dataset<'a>(&'a self, dataset: &'a str) -> impl Iterator<Item = &'a Party> + 'a {
        self.parties.iter().filter(move |p| p.dataset == dataset)
    }

    /// The parties a person names with `query`: those whose key equals the
    /// query's (without its question form), else, among the parties whose
    /// name has every word of the query ([`names::names`]; `known` tells
    /// the words of the map, which are never typos), the best fuzzy match
    /// with every party sharing its key. Empty when the words name no one:
    /// a topic, not a name.
    pub fn find(
        &self,
        query: &str,
        dataset: Option<&str>,
        known: &dyn Fn(&str) -> bool,
    ) -> Vec<&Party> {
        let candidates: Vec<&Party> = self
            .parties
            .iter()
            .filter(|p| dataset.is_none_or(|d| p.dataset == d))
            .collect();
        let words = crate::search::query::parse(query).words;
        let keys = [role_key(query), role_key(&words.join(" "))];
        let exact: Vec<&Party> = candidates
            .iter()
            .copied()
            .filter(|p| keys.contains(&p.key))
            .collect();
        if !exact.is_empty() || keys[0].is_empty() {
            return exact;
        }
        let candidates: Vec<&Party> = candidates
            .into_iter()
            .filter(|p| names::names(&words, &names::name_words(&p.name), known))
            .collect();
        let ranked = rank(&candidates, &words.join(" "));
        // A typo or an acronym may not have the letters in order: then the
        // party named most often.
        let best = ranked
            .first()
            .map(|&(_, p)| p)
            .or_else(|| candidates.iter().copied().max_by_key(|p| p.count));
        match best {
            Some(best) => {
                let best_key = best.key.clone();
                candidates
                    .into_iter()
                    .filter(|p| p.key == best_key)
                    .collect()
            }
            None => Vec::new(),
        }
    }

    /// Parties ranked by how well their name matches `query` (fuzzy).
    pub fn suggest<'a>(&'a self, query: &str, dataset: Option<&str>) -> Vec<&'a Party> {
        let candidates: Vec<&Party> = self
            .parties
            .iter()
            .filter(|p| dataset.is_none_or(|d| p.dataset == d))
            .collect();
        rank(&candidates, query)
            .into_iter()
            .map(|(_, p)| p)
            .collect()
    }
}

fn rank<'a>(candidates: &[&'a Party], query: &str) -> Vec<(u32, &'a Party)> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, &Party)> = candidates
        .iter()
        .filter_map(|p| {
            let hay = Utf32Str::new(&p.name, &mut buf);
            pattern.score(hay, &mut matcher).map(|s| (s, *p))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.count.cmp(&a.1.count)));
    scored
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;

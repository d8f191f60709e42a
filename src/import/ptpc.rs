//! Reader for Annex 1 of the PTPC 2019-2021: institutional function →
//! macro-process → process → sub-process → actions, each action with its
//! Area dirigenziale and Servizio/Staff.
//!
//! The table was extracted from a PDF: cells drift across columns, page
//! headers repeat, several actions sit in one cell with their structures on
//! the rows below, and some labels are printed one row too low. Cells are
//! therefore classified by content, not by column, and every guess is
//! recorded as a diagnostic with its confidence.

use super::ids;
use super::tree::{Draft, SortKey};
use super::{attach_diagnostics, read_rows, Diags, ImportError, Row};
use crate::model::code::{parse_leading, Code};
use crate::model::{Dataset, DiagClass, Kind, Node, Severity, Structure};
use crate::text::{root, words};
use rustc_hash::FxHashMap as HashMap;

pub const ID: &str = "ptpc2019";
const TITLE: &str = "PTPC 2019-2021, Allegato 1: mappatura dei processi";

const HEADER_CELLS: &[&str] = &[
    "LIV 1",
    "LIV 2",
    "LIV 3",
    "LIV 4",
    "Strutture responsabili",
    "MACRO-PROCESSI",
    "PROCESSI",
    "SOTTO-PROCESSI",
    "AZIONI",
    "Azioni",
    "Area dirigenziale",
    "Servizio/Staff",
    "Processi di supporto",
    "Processi primari",
];

/// Whether a row is a page header, section title or the document's preamble.
pub fn is_page_header(row: &Row) -> bool {
    is_header(row.filled().map(|(_, c)| c))
}

/// [`is_page_header`] of a row's filled cells.
fn is_header<'t>(cells: impl Iterator<Item = &'t str>) -> bool {
    let mut any = false;
    for c in cells {
        any = true;
        let preamble = c.starts_with("ALLEGATO 1") || c.starts_with("L'articolazione dei processi");
        if !preamble && !HEADER_CELLS.contains(&c) {
            return false;
        }
    }
    any
}

/// What a cell holds, decided by its content.
#[derive(Debug, Clone, PartialEq)]
enum Cell<'a> {
    Function {
        letter: char,
        title: &'a str,
    },
    Label {
        code: Code,
        raw: &'a str,
        title: &'a str,
    },
    Area(&'a str),
    Servizio(&'a str),
    Text(&'a str),
}

/// A non-empty cell of a row, trimmed, read once: its column and whether it
/// starts with a label code.
#[derive(Debug, Clone, Copy)]
struct Filled<'a> {
    col: usize,
    text: &'a str,
    label: bool,
}

/// A non-blank row: its line, its cells in `filled[cells]`, whether it is a
/// page header.
struct Line {
    line: u32,
    cells: std::ops::Range<usize>,
    header: bool,
}

/// Names seen in the structure columns, learnt from the rows themselves: the
/// last two cells of a row are usually (area, servizio).
struct Vocabulary<'a> {
    /// How often each name was second-last and last in a row.
    seen: HashMap<&'a str, (u32, u32)>,
    /// Length in bytes of the longest name.
    longest: usize,
}

impl<'a> Vocabulary<'a> {
    fn learn(lines: &[Line], filled: &[Filled<'a>]) -> Self {
        let mut seen: HashMap<&'a str, (u32, u32)> = HashMap::default();
        seen.reserve(lines.len());
        for l in lines.iter().filter(|l| !l.header) {
            let (mut second_last, mut last) = (None, None);
            for c in &filled[l.cells.clone()] {
                if !c.label && !is_function(c.text) {
                    (second_last, last) = (last, Some(c.text));
                }
            }
            if let (Some(sl), Some(l)) = (second_last, last) {
                seen.entry(sl).or_default().0 += 1;
                seen.entry(l).or_default().1 += 1;
            }
        }
        let longest = seen.keys().map(|k| k.len()).max().unwrap_or(0);
        Vocabulary { seen, longest }
    }

    fn counts(&self, name: &str) -> (u32, u32) {
        self.seen.get(name).copied().unwrap_or_default()
    }

    /// Whether every '/'-separated part of `text` is a known area name, and
    /// whether every part is a known servizio name (one pass, one lookup per
    /// part).
    fn structure_parts(&self, text: &str) -> (bool, bool) {
        let (mut area, mut servizio) = (true, true);
        for p in text.split('/').map(str::trim) {
            // Longer than any name seen: an action, not a structure.
            let (sl, l) = if p.is_empty() || p.len() > self.longest {
                (0, 0)
            } else {
                self.counts(p)
            };
            area &= sl >= 2 && sl > l;
            servizio &= l >= 2 && l > sl;
            if !area && !servizio {
                break;
            }
        }
        (area, servizio)
    }

    fn classify(&self, cell: &Filled<'a>) -> Cell<'a> {
        let text = cell.text;
        if let Some(rest) = text
            .strip_prefix("PORTAFOLIO PROCESSI FUNZIONE ISTITUZIONALE ")
            .or_else(|| text.strip_prefix("PORTAFOGLIO PROCESSI FUNZIONE ISTITUZIONALE "))
        {
            let mut chars = rest.chars();
            if let Some(letter) = chars.next().filter(char::is_ascii_uppercase) {
                return Cell::Function {
                    letter,
                    title: chars.as_str().trim(),
                };
            }
        }
        if let Some((code, raw, title)) = cell.label.then(|| label(text)).flatten() {
            return Cell::Label { code, raw, title };
        }
        match self.structure_parts(text) {
            (true, _) => Cell::Area(text),
            (false, true) => Cell::Servizio(text),
            (false, false) => Cell::Text(text),
        }
    }
}

fn is_function(text: &str) -> bool {
    text.starts_with("PORTAFOLIO PROCESSI") || text.starts_with("PORTAFOGLIO PROCESSI")
}

fn label(text: &str) -> Option<(Code, &str, &str)> {
    let lead = parse_leading(text)?;
    (lead.code.depth() >= 1 && !lead.rest.is_empty()).then_some((lead.code, lead.raw, lead.rest))
}

/// Words that say nothing about which sub-process an action belongs to;
/// folded (lower case, no accents), as [`words`] gives them.
const STOPWORDS: &[&str] = &[
    "alle", "altre", "altri", "anche", "attivita", "camerale", "camerali", "compresa", "comprese",
    "compreso", "degli", "della", "delle", "dello", "gestione", "ivi", "loro", "materia", "nella",
    "nelle", "ogni", "presso", "processi", "processo", "relative", "relativi", "rilascio",
    "servizi", "servizio", "sono", "sulla", "sulle",
];

/// The roots of the words of `text` that say something about where it
/// belongs: words of four letters or more, not numbers, not [`STOPWORDS`].
/// Roots (the first five letters) rather than stems: an action and its
/// label often use two words of one family ("Seminari informativi" under
/// "sportelli per l'informazione").
fn significant_stems(text: &str) -> impl Iterator<Item = String> {
    words(text)
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| root(&w).to_string())
}

/// The distinct [`significant_stems`] of `text`, sorted.
fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = significant_stems(text).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `text` has a stem in `theirs` (from [`stems`]).
fn shares_a_stem(text: &str, theirs: &[String]) -> bool {
    significant_stems(text).any(|s| theirs.binary_search(&s).is_ok())
}

/// Number of distinct stems of `text` found in `theirs` (from [`stems`]).
fn similarity(text: &str, theirs: &[String]) -> usize {
    stems(text)
        .iter()
        .filter(|s| theirs.binary_search(s).is_ok())
        .count()
}

/// Prepositions, articles and conjunctions: a capitalised word after one of
/// these continues the same action ("Controllo di Gestione"). Lowercase,
/// compared ignoring ASCII case.
const JOINERS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "all'", "alla", "alle", "allo", "con", "da", "dai", "dal",
    "dall'", "dalla", "dalle", "dallo", "degli", "dei", "del", "dell'", "della", "delle", "dello",
    "di", "e", "ed", "fra", "gli", "i", "il", "in", "l'", "la", "le", "lo", "negli", "nei", "nel",
    "nell'", "nella", "o", "per", "su", "sui", "sul", "sulla", "tra", "un", "una",
];

/// Capitalised words that start an action in these documents.
fn starts_action(word: &str) -> bool {
    // Most words start with a lowercase ASCII letter: no need to look further.
    if word.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    let rest_lower = w.chars().skip(1).any(char::is_lowercase);
    if !first_upper || !rest_lower {
        return false;
    }
    // The word lists are ASCII, so an ASCII case-insensitive comparison says
    // the same as lowercasing first, without an allocation per word.
    let ends_with = |suffix: &str| {
        w.len() >= suffix.len()
            && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ["zione", "zioni", "mento", "menti", "tura", "sione"]
        .iter()
        .any(|s| ends_with(s))
        || [
            "gestione",
            "controllo",
            "rinnovo",
            "progetti",
            "protocollo",
            "sistema",
            "programma",
            "consulenza",
            "misurazioni",
        ]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(w))
}

/// Splits a cell that holds several actions run together, at capitalised
/// action words that do not follow a preposition and are not in brackets.
/// Each piece has its words joined by single spaces.
pub fn split_actions(cell: &str) -> Vec<String> {
    let offset = |w: &str| w.as_ptr() as usize - cell.as_ptr() as usize;
    let mut pieces = Vec::new();
    // Byte offset of the current piece's first word, and its words so far.
    let mut piece_start: Option<usize> = None;
    let mut piece_len = 0usize;
    let mut prev = "";
    let mut depth = 0i32;
    for w in cell.split_whitespace() {
        let start = *piece_start.get_or_insert(offset(w));
        // Cheapest tests first: most words are lowercase and fail at once.
        if depth == 0 && piece_len >= 2 && starts_action(w) {
            let joined = JOINERS.iter().any(|j| j.eq_ignore_ascii_case(prev))
                || prev.ends_with('\'')
                || prev.ends_with('/')
                || prev.ends_with('-');
            if !joined {
                pieces.push(single_spaced(&cell[start..offset(prev) + prev.len()]));
                piece_start = Some(offset(w));
                piece_len = 0;
            }
        }
        for b in w.bytes() {
            match b {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
        }
        depth = depth.max(0);
        piece_len += 1;
        prev = w;
    }
    if let Some(start) = piece_start {
        pieces.push(single_spaced(&cell[start..offset(prev) + prev.len()]));
    }
    pieces
}

/// The words of `text` joined by single spaces.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Builder {
    diags: Diags,
    tree: Draft,
    /// How many entries each code has labelled so far.
    variants: HashMap<Code, u32>,
}

impl Builder {
    fn node(
        &mut self,
        id: String,
        code: Option<&Code>,
        kind: Kind,
        title: String,
        line: Option<u32>,
    ) -> usize {
        let mut n = Node::new(ID.to_string(), id, kind, 0);
        n.code = code.map(Code::to_string);
        n.title = title;
        n.inferred = line.is_none();
        n.line = line;
        let key = SortKey {
            anchor: code.copied(),
            line: line.unwrap_or(0),
            seq: self.tree.nodes.len() as u32,
        };
        self.tree.push(n, key)
    }

    fn kind_for(code: &Code) -> Kind {
        match code.depth() {
            0 => Kind::Funzione,
            1 => Kind::MacroProcesso,
            2 => Kind::Processo,
            _ => Kind::SottoProcesso,
        }
    }

    /// The node for a label: the same one when code and title repeat, a new
    /// variant when the code repeats with another title.
    fn label(&mut self, code: &Code, raw: &str, title: &str, line: u32) -> (usize, bool) {
        if let Some(&i) = self.tree.owner.get(code) {
            let key = code.to_string();
            let same = self.tree.nodes[i].title.to_lowercase() == title.to_lowercase()
                || self.tree.nodes[i].inferred;
            if same {
                if self.tree.nodes[i].inferred {
                    let n = &mut self.tree.nodes[i];
                    n.inferred = false;
                    n.line = Some(line);
                    n.title = title.to_string();
                    n.raw_code = raw.into();
                    return (i, true);
                }
                let id = self.tree.nodes[i].id.clone();
                let first = self.tree.nodes[i].line.unwrap_or(0);
                self.diags.push(
                    Some(line),
                    Severity::Info,
                    DiagClass::RepeatedLabel,
                    Some(&id),
                    format!("etichetta {key} ripetuta (prima alla riga {first}): le celle che la seguono sono lette sotto {key}"),
                );
                return (i, false);
            }
            let v = self.variants.entry(*code).or_insert(1);
            *v += 1;
            let v = *v;
            let id = ids::for_code(ID, code, v);
            let first = self.tree.nodes[i].line.unwrap_or(0);
            let other_title = self.tree.nodes[i].title.clone();
            let ni = self.node(
                id.clone(),
                Some(code),
                Self::kind_for(code),
                title.to_string(),
                Some(line),
            );
            self.tree.nodes[ni].raw_code = raw.into();
            self.tree.nodes[ni].variant = v;
            self.diags.push(
                Some(line),
                Severity::Warning,
                DiagClass::Variant,
                Some(&id),
                format!("il codice {key} etichetta anche \"{other_title}\" (riga {first}): mantenuta come voce distinta"),
            );
            return (ni, true);
        }
        let ni = self.node(
            ids::for_code(ID, code, 1),
            Some(code),
            Self::kind_for(code),
            title.to_string(),
            Some(line),
        );
        self.tree.nodes[ni].raw_code = raw.into();
        self.tree.owner.insert(*code, ni);
        (ni, true)
    }

    /// Node owning `code`, inferred when no label names it. `child` says
    /// which entry needed it; it is written only for the diagnostic.
    fn ensure(&mut self, code: &Code, child: impl FnOnce() -> String) -> usize {
        if let Some(&i) = self.tree.owner.get(code) {
            return i;
        }
        let id = ids::for_code(ID, code, 1);
        let ni = self.node(
            id.clone(),
            Some(code),
            Self::kind_for(code),
            String::new(),
            None,
        );
        self.tree.owner.insert(*code, ni);
        self.diags.push(
            None,
            Severity::Warning,
            DiagClass::InferredParent,
            Some(&id),
            format!(
                "nessuna etichetta ha il codice {code}: dedotto come padre di {}",
                child()
            ),
        );
        ni
    }
}

/// Imports Annex 1. Only unreadable text is an error.
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let rows = read_rows(text);
    // Each filled cell is trimmed and checked for a label once. Blank rows
    // are skipped; page headers only set the expected columns.
    let mut filled: Vec<Filled> = Vec::with_capacity(rows.len() * 4);
    let mut lines: Vec<Line> = Vec::with_capacity(rows.len());
    for r in rows.iter() {
        let from = filled.len();
        filled.extend(r.filled().map(|(col, text)| Filled {
            col,
            text,
            label: label(text).is_some(),
        }));
        if filled.len() > from {
            let cells = from..filled.len();
            let header = is_header(filled[cells.clone()].iter().map(|c| c.text));
            lines.push(Line {
                line: r.line,
                cells,
                header,
            });
        }
    }
    let vocab = Vocabulary::learn(&lines, &filled);
    let capacity = lines.len() + lines.len() / 2;
    let mut b = Builder {
        diags: Diags::new(ID),
        tree: Draft::with_capacity(capacity),
        variants: HashMap::default(),
    };

    // Column of "Area dirigenziale" on the current page, to report drift:
    // once per run of rows drifting by the same amount.
    let mut page_area_col: Option<usize> = None;
    let mut last_area_col: Option<usize> = None;
    // Every classified cell, one run per row: row k is
    // `all_cells[classified[k].1..classified[k].2]`.
    let mut all_cells: Vec<(usize, Cell)> = Vec::with_capacity(filled.len());
    let mut classified: Vec<(u32, usize, usize)> = Vec::with_capacity(lines.len());
    for l in &lines {
        let row = &filled[l.cells.clone()];
        if l.header {
            if let Some(c) = row.iter().find(|c| c.text == "Area dirigenziale") {
                page_area_col = Some(c.col);
                last_area_col = Some(c.col);
            }
            continue;
        }
        let from = all_cells.len();
        all_cells.extend(row.iter().map(|c| (c.col, vocab.classify(c))));
        let cells = &all_cells[from..];
        let area_col = cells
            .iter()
            .find(|(_, c)| matches!(c, Cell::Area(_)))
            .map(|(i, _)| *i);
        if let (Some(col), Some(i)) = (page_area_col, area_col) {
            if i != col && Some(i) != last_area_col {
                b.diags.push(
                    Some(l.line),
                    Severity::Info,
                    DiagClass::ColumnDrift,
                    None,
                    format!(
                        "celle spostate: da questa riga l'Area dirigenziale è nella colonna {}, l'intestazione di pagina la pone nella colonna {}; lette in base al contenuto",
                        i + 1,
                        col + 1
                    ),
                );
            }
        }
        if area_col.is_some() {
            last_area_col = area_col;
        }
        classified.push((l.line, from, all_cells.len()));
    }
    let cells_of = |k: usize| &all_cells[classified[k].1..classified[k].2];
    let line_ids = ids::LineIds::new(all_cells.iter().filter_map(|(_, c)| match c {
        Cell::Label { code, .. } => Some(*code),
        _ => None,
    }));

    let is_structure_only = |cells: &[(usize, Cell)]| {
        !cells.is_empty()
            && cells
                .iter()
                .all(|(_, c)| matches!(c, Cell::Area(_) | Cell::Servizio(_)))
    };

    let mut context: Option<usize> = None;
    let mut last_action: Option<usize> = None;
    let mut consumed = vec![false; classified.len()];
    // (attach index, text) of the actions of the current row.
    let mut texts: Vec<(usize, &str)> = Vec::new();
    // Stems of label titles by node (titles do not change while rows are read).
    let mut label_stems: HashMap<usize, Vec<String>> = HashMap::default();
    let mut areas: Vec<&str> = Vec::new();
    let mut servizi: Vec<&str> = Vec::new();
    // (attach index, text) of each action of the current row, after splitting.
    let mut pieces: Vec<(usize, String)> = Vec::new();

    for ri in 0..classified.len() {
        let line = classified[ri].0;
        let cells = cells_of(ri);
        if consumed[ri] {
            continue;
        }
        if is_structure_only(cells) {
            // Structures with no action row directly above them.
            let s = structure_of(cells, Some(line));
            match last_action {
                Some(a) => {
                    b.tree.nodes[a].structures.push(s);
                    b.diags.push(
                        Some(line),
                        Severity::Warning,
                        DiagClass::OrphanStructure,
                        Some(&b.tree.nodes[a].id),
                        "riga di strutture senza azione: attribuita all'azione precedente (affidabilità: bassa)",
                    );
                }
                None => b.diags.push(
                    Some(line),
                    Severity::Error,
                    DiagClass::OrphanStructure,
                    None,
                    "riga di strutture prima di ogni azione: non attribuita",
                ),
            }
            continue;
        }

        let context_before = context;
        let mut attach_to = context;
        let mut newest_label: Option<usize> = None;
        texts.clear();
        areas.clear();
        servizi.clear();
        for (_, cell) in cells {
            match cell {
                Cell::Function { letter, title } => {
                    let Some(code) = Code::new(*letter, &[], None) else {
                        continue;
                    };
                    let mut raw = [0u8; 4];
                    let (ni, new) = b.label(&code, letter.encode_utf8(&mut raw), title, line);
                    attach_to = Some(ni);
                    if new {
                        newest_label = Some(ni);
                    }
                }
                Cell::Label { code, raw, title } => {
                    let (ni, new) = b.label(code, raw, title, line);
                    attach_to = Some(ni);
                    if new {
                        newest_label = Some(ni);
                    }
                }
                Cell::Area(a) => areas.push(a),
                Cell::Servizio(s) => servizi.push(s),
                Cell::Text(t) => {
                    // A short text right after an action, where no area was
                    // recognised, is an unfamiliar structure name.
                    if !texts.is_empty() && areas.is_empty() && t.chars().count() <= 40 {
                        areas.push(t);
                        b.diags.push(
                            Some(line),
                            Severity::Warning,
                            DiagClass::UnknownStructure,
                            None,
                            format!("\"{t}\" non è una struttura nota: letta come Area dirigenziale per la sua posizione (affidabilità: media)"),
                        );
                    } else {
                        match attach_to {
                            Some(p) => texts.push((p, t)),
                            None => b.diags.push(
                                Some(line),
                                Severity::Error,
                                DiagClass::OrphanAction,
                                None,
                                format!("azione \"{t}\" prima di ogni etichetta: non importata"),
                            ),
                        }
                    }
                }
            }
        }
        context = newest_label.or(attach_to);
        if texts.is_empty() {
            if !areas.is_empty() || !servizi.is_empty() {
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    DiagClass::StructureWithoutAction,
                    newest_label.map(|i| &b.tree.nodes[i].id),
                    format!(
                        "struttura {} / {} in una riga senza azione: non attribuita",
                        areas.join(", "),
                        servizi.join(", ")
                    ),
                );
            }
            continue;
        }

        // Structure rows that follow belong to the actions of this row.
        let mut following = ri + 1..ri + 1;
        while following.end < classified.len() && is_structure_only(cells_of(following.end)) {
            following.end += 1;
        }
        let row_structure = (!areas.is_empty() || !servizi.is_empty()).then(|| Structure {
            area: areas.join("; "),
            servizio: servizi.join("; "),
            line: None,
        });

        let single_text = texts.len() == 1;
        pieces.clear();
        for &(p, t) in &texts {
            // Long cells are split only when they read as a run of actions,
            // not as one action listing its items (";" or ":").
            let run_together = || {
                t.len() > 100
                    && memchr::memchr2(b';', b':', t.as_bytes()).is_none()
                    && t.chars().count() > 100
            };
            let split = single_text && (!following.is_empty() || run_together());
            let split = if split { split_actions(t) } else { Vec::new() };
            if split.len() > 1 {
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    DiagClass::ConcatenatedActions,
                    None,
                    format!("una cella contiene {} azioni di seguito: divise alle parole iniziali in maiuscolo (affidabilità: media)", split.len()),
                );
            }
            if split.is_empty() {
                pieces.push((p, t.to_string()));
            } else {
                pieces.extend(split.into_iter().map(|s| (p, s)));
            }
        }

        let paired = (single_text && pieces.len() > 1) || !following.is_empty();
        // Paired: the row's structure and those of the rows below go to the
        // actions in order. Otherwise every action gets the row's structure.
        let (mut structures, mut shared) = if paired {
            let mut list: Vec<Option<Structure>> = Vec::with_capacity(following.len() + 1);
            list.extend(row_structure.map(Some));
            for f in following.clone() {
                list.push(Some(structure_of(cells_of(f), Some(classified[f].0))));
                consumed[f] = true;
            }
            (list, None)
        } else {
            (Vec::new(), row_structure)
        };
        let n_pieces = pieces.len();
        let n_struct = structures.len();
        let first_created = b.tree.nodes.len();
        for (k, (parent, text)) in pieces.drain(..).enumerate() {
            let id = if n_pieces == 1 {
                line_ids.id(ID, line, None)
            } else {
                line_ids.id(ID, line, Some(k as u32 + 1))
            };
            let mut parent = parent;
            // Label printed one row too low: the action reads like the
            // sub-process that was current before this row.
            if let (Some(nl), Some(prev)) = (newest_label, context_before) {
                if parent == nl && prev != nl {
                    // A label is compared here on its own row and as the
                    // previous label on the next: its stems are kept.
                    for l in [nl, prev] {
                        label_stems
                            .entry(l)
                            .or_insert_with(|| stems(&b.tree.nodes[l].title));
                    }
                    // Move only when nothing ties the action to the new label
                    // and something ties it to the previous one. Most actions
                    // share a word with their label: that settles it.
                    let tied_here = shares_a_stem(&text, &label_stems[&nl]);
                    let before = if tied_here {
                        0
                    } else {
                        similarity(&text, &label_stems[&prev])
                    };
                    if before > 0 {
                        b.diags.push(
                            Some(line),
                            Severity::Warning,
                            DiagClass::LabelLag,
                            Some(&id),
                            format!(
                                "l'etichetta {} di questa riga sembra stampata una riga troppo in basso: l'azione corrisponde meglio a {} \"{}\" ed è collocata lì (affidabilità: {})",
                                b.tree.nodes[nl].code.as_deref().unwrap_or(""),
                                b.tree.nodes[prev].code.as_deref().unwrap_or(""),
                                b.tree.nodes[prev].title,
                                if before >= 2 { "alta" } else { "media" }
                            ),
                        );
                        parent = prev;
                    }
                }
            }
            let ai = b.node(id, None, Kind::Azione, text, Some(line));
            b.tree.nodes[ai].inferred = false;
            b.tree.parents[ai] = Some(parent);
            // Almost every action has one structure: a vector of exactly
            // one rather than the default four.
            let own = if paired {
                structures.get_mut(k).and_then(Option::take)
            } else if k + 1 == n_pieces {
                shared.take()
            } else {
                shared.clone()
            };
            if let Some(s) = own {
                b.tree.nodes[ai].structures = vec![s];
            }
        }
        let created = first_created..b.tree.nodes.len();
        let last = created.end - 1;
        if paired && n_struct != n_pieces && n_struct > 0 {
            if n_struct > n_pieces {
                let extra = structures
                    .iter_mut()
                    .skip(n_pieces)
                    .filter_map(Option::take);
                b.tree.nodes[last].structures.extend(extra);
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    DiagClass::StructureCount,
                    Some(&b.tree.nodes[last].id),
                    format!(
                        "{n_struct} righe di strutture per {n_pieces} azioni: abbinate in ordine, le {} in più attribuite all'ultima azione (affidabilità: bassa)",
                        n_struct - n_pieces
                    ),
                );
            } else {
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    DiagClass::StructureCount,
                    Some(&b.tree.nodes[last].id),
                    format!(
                        "{n_struct} righe di strutture per {n_pieces} azioni: abbinate in ordine, le ultime {} azioni restano senza (affidabilità: bassa)",
                        n_pieces - n_struct
                    ),
                );
            }
        }
        for ai in created {
            let n = &b.tree.nodes[ai];
            let (class, severity, message) = match n.structures.first() {
                None if !(paired && n_struct > 0 && n_struct < n_pieces) => (
                    DiagClass::NoStructure,
                    Severity::Warning,
                    "azione senza struttura responsabile",
                ),
                Some(s) if s.servizio.is_empty() => (
                    DiagClass::NoServizio,
                    Severity::Info,
                    "azione con Area dirigenziale ma senza Servizio/Staff",
                ),
                Some(s) if s.area.is_empty() => (
                    DiagClass::NoArea,
                    Severity::Info,
                    "azione con Servizio/Staff ma senza Area dirigenziale",
                ),
                _ => continue,
            };
            b.diags
                .push(Some(line), severity, class, Some(&n.id), message);
        }
        last_action = Some(last);
    }

    // Parents of labels by code; actions already know theirs.
    let labels: Vec<(usize, Code)> = b
        .tree
        .keys
        .iter()
        .enumerate()
        .filter(|&(i, _)| b.tree.nodes[i].kind != Kind::Azione)
        .filter_map(|(i, k)| Some((i, k.anchor?)))
        .collect();
    for (i, code) in labels {
        if let Some(pc) = code.parent() {
            let line = b.tree.nodes[i].line;
            let child = || match line {
                Some(l) => format!("{code} (riga {l})"),
                None => format!("{code} (riga -)"),
            };
            b.tree.parents[i] = Some(b.ensure(&pc, child));
        }
    }
    // Inferred ancestors may themselves need parents.
    let mut i = 0;
    while i < b.tree.nodes.len() {
        if b.tree.nodes[i].inferred && b.tree.parents[i].is_none() {
            let code = b.tree.keys[i].anchor.filter(|c| c.depth() > 0);
            if let Some(code) = code {
                if let Some(pc) = code.parent() {
                    b.tree.parents[i] = Some(b.ensure(&pc, || code.to_string()));
                }
            }
        }
        i += 1;
    }
    // Levels follow the tree.
    for i in 0..b.tree.nodes.len() {
        let mut depth = 1u8;
        let mut cur = b.tree.parents[i];
        while let Some(p) = cur {
            depth += 1;
            cur = b.tree.parents[p];
        }
        b.tree.nodes[i].level = depth;
    }

    let nodes = b.tree.finish();
    let mut ds = Dataset {
        id: ID.to_string(),
        title: TITLE.to_string(),
        source: file.to_string(),
        nodes,
        diagnostics: b.diags.list,
    };
    attach_diagnostics(&mut ds);
    Ok(ds)
}

fn structure_of(cells: &[(usize, Cell)], line: Option<u32>) -> Structure {
    let mut area = Vec::new();
    let mut servizio = Vec::new();
    for (_, c) in cells {
        match c {
            Cell::Area(a) => area.push(*a),
            Cell::Servizio(s) => servizio.push(*s),
            _ => {}
        }
    }
    Structure {
        area: area.join("; "),
        servizio: servizio.join("; "),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_single_spaced() {
        for spaced in [" a b ", "a  b", "a\tb", "a\u{a0}b", "a \nb"] {
            assert_eq!(single_spaced(spaced), "a b");
        }
        let p = split_actions("Gestione  protocollo Rinnovo\tdelle cariche");
        assert_eq!(p, ["Gestione protocollo", "Rinnovo delle cariche"]);
    }

    #[test]
    fn run_together_actions_split_at_action_words() {
        let p = split_actions("Misurazioni indicatori Controllo di Gestione (reportistica a supporto del SG, dei dirigenti, degli Organi) Controllo strategico (reportistica) Predisposizione e validazione della relazione sulla Performance");
        assert_eq!(
            p,
            vec![
                "Misurazioni indicatori",
                "Controllo di Gestione (reportistica a supporto del SG, dei dirigenti, degli Organi)",
                "Controllo strategico (reportistica)",
                "Predisposizione e validazione della relazione sulla Performance",
            ]
        );
        assert_eq!(split_actions("Gestione reception").len(), 1);
    }

    #[test]
    fn word_lists_are_folded() {
        for list in [STOPWORDS, JOINERS] {
            assert!(list.iter().all(|w| w.to_ascii_lowercase() == *w));
        }
        assert!(STOPWORDS.iter().all(|w| crate::text::fold(w) == *w));
        assert!(stems("ATTIVITÀ attività Attivita").is_empty());
        assert_eq!(stems("Registro 2019 SG"), ["regis"]);
    }

    #[test]
    fn similarity_ignores_generic_words() {
        let own = stems("Gestione reception");
        assert_eq!(similarity("Gestione centralino e reception", &own), 1);
        assert_eq!(similarity("Gestione sale", &own), 0);
        let many = stems("Registro imprese, registro delle imprese e diritto annuale");
        assert_eq!(
            similarity("Imprese del registro: imprese, registri", &many),
            2
        );
    }
}

//! Reader for Annex 1 of the PTPC 2019-2021: institutional function →
//! macro-process → process → sub-process → actions, each action with its
//! Area dirigenziale and Servizio/Staff.
//!
//! The table was extracted from a PDF: cells drift across columns, page
//! headers repeat, several actions sit in one cell with their structures on
//! the rows below, and some labels are printed one row too low. Cells are
//! therefore classified by content, not by column, and every guess is
//! recorded as a diagnostic with its confidence.

use super::code::{parse_leading, Code};
use super::tree::{order, SortKey};
use super::{attach_diagnostics, read_rows, Diags, ImportError, Row};
use crate::model::{Dataset, Kind, Node, Severity, Structure};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    let mut any = false;
    for (_, c) in row.filled() {
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
        raw: String,
        title: String,
    },
    Area(&'a str),
    Servizio(&'a str),
    Text(&'a str),
}

/// Names seen in the structure columns, learnt from the rows themselves: the
/// last two cells of a row are usually (area, servizio).
struct Vocabulary {
    second_last: HashMap<String, u32>,
    last: HashMap<String, u32>,
}

impl Vocabulary {
    fn learn(rows: &[&Row]) -> Self {
        let mut v = Vocabulary {
            second_last: HashMap::default(),
            last: HashMap::default(),
        };
        for row in rows {
            let cells: Vec<&str> = row
                .filled()
                .map(|(_, c)| c)
                .filter(|c| !is_function(c) && label(c).is_none())
                .collect();
            if cells.len() >= 2 {
                *v.second_last
                    .entry(cells[cells.len() - 2].to_string())
                    .or_default() += 1;
                *v.last
                    .entry(cells[cells.len() - 1].to_string())
                    .or_default() += 1;
            }
        }
        v
    }

    fn counts(&self, name: &str) -> (u32, u32) {
        (
            self.second_last.get(name).copied().unwrap_or(0),
            self.last.get(name).copied().unwrap_or(0),
        )
    }

    fn all_parts(&self, text: &str, test: impl Fn(u32, u32) -> bool) -> bool {
        text.split('/').map(str::trim).all(|p| {
            !p.is_empty() && {
                let (sl, l) = self.counts(p);
                test(sl, l)
            }
        })
    }

    fn is_area(&self, text: &str) -> bool {
        self.all_parts(text, |sl, l| sl >= 2 && sl > l)
    }

    fn is_servizio(&self, text: &str) -> bool {
        self.all_parts(text, |sl, l| l >= 2 && l > sl)
    }

    fn classify<'a>(&self, text: &'a str) -> Cell<'a> {
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
        if let Some((code, raw, title)) = label(text) {
            return Cell::Label { code, raw, title };
        }
        if self.is_area(text) {
            Cell::Area(text)
        } else if self.is_servizio(text) {
            Cell::Servizio(text)
        } else {
            Cell::Text(text)
        }
    }
}

fn is_function(text: &str) -> bool {
    text.starts_with("PORTAFOLIO PROCESSI") || text.starts_with("PORTAFOGLIO PROCESSI")
}

fn label(text: &str) -> Option<(Code, String, String)> {
    let lead = parse_leading(text)?;
    (lead.code.depth() >= 1 && !lead.rest.is_empty()).then_some((lead.code, lead.raw, lead.rest))
}

/// Words that say nothing about which sub-process an action belongs to.
const STOPWORDS: &[&str] = &[
    "gestione",
    "attività",
    "attivita",
    "servizi",
    "servizio",
    "rilascio",
    "materia",
    "della",
    "delle",
    "dello",
    "degli",
    "nella",
    "nelle",
    "sulla",
    "sulle",
    "alle",
    "relative",
    "relativi",
    "processi",
    "processo",
    "presso",
    "ogni",
    "anche",
    "loro",
    "sono",
    "altri",
    "altre",
    "compreso",
    "compresa",
    "comprese",
    "ivi",
    "camerale",
    "camerali",
];

/// The first five letters of each significant word, lowercased and packed
/// into an integer (no allocation per word: this runs on every action of a
/// row that carries a new label).
fn stems(text: &str) -> Vec<u128> {
    let mut out: Vec<u128> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.chars().nth(3).is_some() && !STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
        })
        .map(|w| {
            w.chars()
                .take(5)
                .flat_map(char::to_lowercase)
                .fold(0u128, |acc, c| (acc << 21) | c as u128)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Number of stems of `a` (already computed) that `b` shares.
fn similarity(a: &[u128], b: &str) -> usize {
    let sb = stems(b);
    a.iter().filter(|s| sb.binary_search(s).is_ok()).count()
}

/// Prepositions, articles and conjunctions: a capitalised word after one of
/// these continues the same action ("Controllo di Gestione").
const JOINERS: &[&str] = &[
    "di", "del", "della", "dei", "degli", "delle", "dello", "dal", "dalla", "dallo", "dai",
    "dalle", "agli", "alle", "ai", "al", "allo", "alla", "a", "ad", "e", "ed", "o", "per", "con",
    "su", "sul", "sulla", "sui", "in", "nel", "nella", "nei", "negli", "tra", "fra", "da", "il",
    "la", "lo", "le", "gli", "i", "l'", "un", "una", "dall'", "dell'", "all'", "nell'",
];

/// Capitalised words that start an action in these documents.
fn starts_action(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    let rest_lower = w.chars().skip(1).any(char::is_lowercase);
    if !first_upper || !rest_lower {
        return false;
    }
    let lw = w.to_lowercase();
    ["zione", "zioni", "mento", "menti", "tura", "sione"]
        .iter()
        .any(|s| lw.ends_with(s))
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
        .contains(&lw.as_str())
}

/// Splits a cell that holds several actions run together, at capitalised
/// action words that do not follow a preposition and are not in brackets.
pub fn split_actions(cell: &str) -> Vec<String> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
    let mut depth = 0i32;
    for w in &words {
        let current = pieces.last().unwrap();
        let prev = current.last().map(|p| p.to_lowercase());
        let joined = prev.as_deref().is_some_and(|p| {
            JOINERS.contains(&p) || p.ends_with('\'') || p.ends_with('/') || p.ends_with('-')
        });
        if depth == 0 && current.len() >= 2 && !joined && starts_action(w) {
            pieces.push(Vec::new());
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        depth = depth.max(0);
        pieces.last_mut().unwrap().push(w);
    }
    pieces
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect()
}

struct Builder {
    diags: Diags,
    nodes: Vec<Node>,
    keys: HashMap<String, SortKey>,
    /// First node created for each code.
    owner: HashMap<String, usize>,
    variants: HashMap<String, u32>,
}

impl Builder {
    fn node(
        &mut self,
        id: String,
        code: Option<&Code>,
        kind: Kind,
        title: &str,
        line: Option<u32>,
    ) -> usize {
        let n = Node {
            dataset: ID.to_string(),
            id: id.clone(),
            code: code.map(Code::to_string),
            raw_code: String::new(),
            level: 0,
            kind,
            title: title.to_string(),
            name: String::new(),
            input: String::new(),
            output: String::new(),
            activities: Vec::new(),
            role: String::new(),
            structures: Vec::new(),
            parent: None,
            parent_code: None,
            inferred: line.is_none(),
            line,
            diagnostics: Vec::new(),
        };
        self.keys.insert(
            id,
            SortKey {
                anchor: code.cloned(),
                line: line.unwrap_or(0),
                seq: self.nodes.len() as u32,
            },
        );
        self.nodes.push(n);
        self.nodes.len() - 1
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
        let key = code.to_string();
        if let Some(&i) = self.owner.get(&key) {
            let same = self.nodes[i].title.to_lowercase() == title.to_lowercase()
                || self.nodes[i].inferred;
            if same {
                if self.nodes[i].inferred {
                    let n = &mut self.nodes[i];
                    n.inferred = false;
                    n.line = Some(line);
                    n.title = title.to_string();
                    n.raw_code = raw.to_string();
                    return (i, true);
                }
                let id = self.nodes[i].id.clone();
                let first = self.nodes[i].line.unwrap_or(0);
                self.diags.push(
                    Some(line),
                    Severity::Info,
                    "repeated-label",
                    Some(&id),
                    format!("etichetta {key} ripetuta (prima alla riga {first}): le celle che la seguono sono lette sotto {key}"),
                );
                return (i, false);
            }
            let v = self.variants.entry(key.clone()).or_insert(1);
            *v += 1;
            let id = format!("{ID}:{key}~{v}");
            let first = self.nodes[i].line.unwrap_or(0);
            let other_title = self.nodes[i].title.clone();
            let ni = self.node(
                id.clone(),
                Some(code),
                Self::kind_for(code),
                title,
                Some(line),
            );
            self.nodes[ni].raw_code = raw.to_string();
            self.diags.push(
                Some(line),
                Severity::Warning,
                "variant",
                Some(&id),
                format!("il codice {key} etichetta anche \"{other_title}\" (riga {first}): mantenuta come voce distinta"),
            );
            return (ni, true);
        }
        let ni = self.node(
            format!("{ID}:{key}"),
            Some(code),
            Self::kind_for(code),
            title,
            Some(line),
        );
        self.nodes[ni].raw_code = raw.to_string();
        self.owner.insert(key, ni);
        (ni, true)
    }

    /// Node owning `code`, inferred when no label names it.
    fn ensure(&mut self, code: &Code, child: &str) -> usize {
        if let Some(&i) = self.owner.get(&code.to_string()) {
            return i;
        }
        let id = format!("{ID}:{code}");
        let ni = self.node(id.clone(), Some(code), Self::kind_for(code), "", None);
        self.owner.insert(code.to_string(), ni);
        self.diags.push(
            None,
            Severity::Warning,
            "inferred-parent",
            Some(&id),
            format!("nessuna etichetta ha il codice {code}: dedotto come padre di {child}"),
        );
        ni
    }
}

/// Imports Annex 1. Only unreadable text is an error.
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let rows = read_rows(file, text)?;
    let data: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.is_blank() && !is_page_header(r))
        .collect();
    let vocab = Vocabulary::learn(&data);
    let mut b = Builder {
        diags: Diags::new(ID),
        nodes: Vec::new(),
        keys: HashMap::default(),
        owner: HashMap::default(),
        variants: HashMap::default(),
    };

    // Column of "Area dirigenziale" on the current page, to report drift:
    // once per run of rows drifting by the same amount.
    let mut page_area_col: Option<usize> = None;
    let mut last_area_col: Option<usize> = None;
    let classified: Vec<(u32, Vec<(usize, Cell)>)> = rows
        .iter()
        .filter(|r| !r.is_blank())
        .filter_map(|r| {
            if is_page_header(r) {
                if let Some((i, _)) = r.filled().find(|(_, c)| *c == "Area dirigenziale") {
                    page_area_col = Some(i);
                    last_area_col = Some(i);
                }
                return None;
            }
            let cells: Vec<(usize, Cell)> = r.filled().map(|(i, c)| (i, vocab.classify(c))).collect();
            let area_col = cells.iter().find(|(_, c)| matches!(c, Cell::Area(_))).map(|(i, _)| *i);
            if let (Some(col), Some(i)) = (page_area_col, area_col) {
                if i != col && Some(i) != last_area_col {
                    b.diags.push(
                        Some(r.line),
                        Severity::Info,
                        "column-drift",
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
            Some((r.line, cells))
        })
        .collect();

    let is_structure_only = |cells: &[(usize, Cell)]| {
        !cells.is_empty()
            && cells
                .iter()
                .all(|(_, c)| matches!(c, Cell::Area(_) | Cell::Servizio(_)))
    };

    let mut context: Option<usize> = None;
    let mut last_action: Option<usize> = None;
    let mut consumed: HashSet<usize> = HashSet::default();

    for (ri, (line, cells)) in classified.iter().enumerate() {
        let line = *line;
        if consumed.contains(&ri) {
            continue;
        }
        if is_structure_only(cells) {
            // Structures with no action row directly above them.
            let s = structure_of(cells, Some(line));
            match last_action {
                Some(a) => {
                    let id = b.nodes[a].id.clone();
                    b.nodes[a].structures.push(s);
                    b.diags.push(
                        Some(line),
                        Severity::Warning,
                        "orphan-structure",
                        Some(&id),
                        "riga di strutture senza azione: attribuita all'azione precedente (affidabilità: bassa)",
                    );
                }
                None => b.diags.push(
                    Some(line),
                    Severity::Error,
                    "orphan-structure",
                    None,
                    "riga di strutture prima di ogni azione: non attribuita",
                ),
            }
            continue;
        }

        let context_before = context;
        let mut attach_to = context;
        let mut newest_label: Option<usize> = None;
        let mut texts: Vec<(usize, String)> = Vec::new(); // (attach index, text)
        let mut areas = Vec::new();
        let mut servizi = Vec::new();
        for (_, cell) in cells {
            match cell {
                Cell::Function { letter, title } => {
                    let code = Code {
                        letter: *letter,
                        segments: vec![],
                        suffix: None,
                    };
                    let (ni, new) = b.label(&code, letter.to_string().as_str(), title, line);
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
                Cell::Area(a) => areas.push(a.to_string()),
                Cell::Servizio(s) => servizi.push(s.to_string()),
                Cell::Text(t) => {
                    // A short text right after an action, where no area was
                    // recognised, is an unfamiliar structure name.
                    if !texts.is_empty() && areas.is_empty() && t.chars().count() <= 40 {
                        areas.push(t.to_string());
                        b.diags.push(
                            Some(line),
                            Severity::Warning,
                            "unknown-structure",
                            None,
                            format!("\"{t}\" non è una struttura nota: letta come Area dirigenziale per la sua posizione (affidabilità: media)"),
                        );
                    } else {
                        match attach_to {
                            Some(p) => texts.push((p, t.to_string())),
                            None => b.diags.push(
                                Some(line),
                                Severity::Error,
                                "orphan-action",
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
                    "structure-without-action",
                    newest_label.map(|i| b.nodes[i].id.clone()).as_deref(),
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
        let mut following = Vec::new();
        let mut j = ri + 1;
        while j < classified.len() && is_structure_only(&classified[j].1) {
            following.push(j);
            j += 1;
        }
        let row_structure = (!areas.is_empty() || !servizi.is_empty()).then(|| Structure {
            area: areas.join("; "),
            servizio: servizi.join("; "),
            line: None,
        });

        let single_text = texts.len() == 1;
        let mut pieces: Vec<(usize, String)> = Vec::new();
        for (p, t) in &texts {
            // Long cells are split only when they read as a run of actions,
            // not as one action listing its items (";" or ":").
            let run_together = t.chars().count() > 100 && !t.contains(';') && !t.contains(':');
            let split = if single_text && (!following.is_empty() || run_together) {
                split_actions(t)
            } else {
                vec![t.clone()]
            };
            if split.len() > 1 {
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    "concatenated-actions",
                    None,
                    format!("una cella contiene {} azioni di seguito: divise alle parole iniziali in maiuscolo (affidabilità: media)", split.len()),
                );
            }
            pieces.extend(split.into_iter().map(|s| (*p, s)));
        }

        let mut structures: Vec<Structure> = row_structure.clone().into_iter().collect();
        for &f in &following {
            structures.push(structure_of(&classified[f].1, Some(classified[f].0)));
            consumed.insert(f);
        }
        let paired = (single_text && pieces.len() > 1) || !following.is_empty();
        let n_pieces = pieces.len();
        let n_struct = structures.len();
        let mut created = Vec::new();
        for (k, (parent, text)) in pieces.into_iter().enumerate() {
            let id = if n_pieces == 1 {
                format!("{ID}:L{line}")
            } else {
                format!("{ID}:L{line}.{}", k + 1)
            };
            let mut parent = parent;
            // Label printed one row too low: the action reads like the
            // sub-process that was current before this row.
            if let (Some(nl), Some(prev)) = (newest_label, context_before) {
                if parent == nl && prev != nl {
                    let own = stems(&text);
                    let here = similarity(&own, &b.nodes[nl].title);
                    let before = similarity(&own, &b.nodes[prev].title);
                    // Move only when nothing ties the action to the new label.
                    if before > here && here == 0 {
                        b.diags.push(
                            Some(line),
                            Severity::Warning,
                            "label-lag",
                            Some(&id),
                            format!(
                                "l'etichetta {} di questa riga sembra stampata una riga troppo in basso: l'azione corrisponde meglio a {} \"{}\" ed è collocata lì (affidabilità: {})",
                                b.nodes[nl].code.as_deref().unwrap_or(""),
                                b.nodes[prev].code.as_deref().unwrap_or(""),
                                b.nodes[prev].title,
                                if before >= here + 2 { "alta" } else { "media" }
                            ),
                        );
                        parent = prev;
                    }
                }
            }
            let ai = b.node(id.clone(), None, Kind::Azione, &text, Some(line));
            b.nodes[ai].inferred = false;
            b.nodes[ai].parent = Some(b.nodes[parent].id.clone());
            if paired {
                if let Some(s) = structures.get(k) {
                    b.nodes[ai].structures.push(s.clone());
                }
            } else if let Some(s) = &row_structure {
                b.nodes[ai].structures.push(s.clone());
            }
            created.push(ai);
        }
        if paired && n_struct != n_pieces && n_struct > 0 {
            let last = *created.last().unwrap();
            let id = b.nodes[last].id.clone();
            if n_struct > n_pieces {
                for s in structures.iter().skip(n_pieces) {
                    b.nodes[last].structures.push(s.clone());
                }
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    "structure-count",
                    Some(&id),
                    format!(
                        "{n_struct} righe di strutture per {n_pieces} azioni: abbinate in ordine, le {} in più attribuite all'ultima azione (affidabilità: bassa)",
                        n_struct - n_pieces
                    ),
                );
            } else {
                b.diags.push(
                    Some(line),
                    Severity::Warning,
                    "structure-count",
                    Some(&id),
                    format!(
                        "{n_struct} righe di strutture per {n_pieces} azioni: abbinate in ordine, le ultime {} azioni restano senza (affidabilità: bassa)",
                        n_pieces - n_struct
                    ),
                );
            }
        }
        for &ai in &created {
            let id = b.nodes[ai].id.clone();
            let s = b.nodes[ai].structures.first().cloned();
            match s {
                None if !(paired && n_struct > 0 && n_struct < n_pieces) => b.diags.push(
                    Some(line),
                    Severity::Warning,
                    "no-structure",
                    Some(&id),
                    "azione senza struttura responsabile",
                ),
                Some(s) if s.servizio.is_empty() => b.diags.push(
                    Some(line),
                    Severity::Info,
                    "no-servizio",
                    Some(&id),
                    "azione con Area dirigenziale ma senza Servizio/Staff",
                ),
                Some(s) if s.area.is_empty() => b.diags.push(
                    Some(line),
                    Severity::Info,
                    "no-area",
                    Some(&id),
                    "azione con Servizio/Staff ma senza Area dirigenziale",
                ),
                _ => {}
            }
        }
        last_action = created.last().copied();
    }

    // Parents of labels by code; actions already know theirs.
    let label_idx: Vec<usize> = (0..b.nodes.len())
        .filter(|&i| b.nodes[i].code.is_some())
        .collect();
    for i in label_idx {
        let code = Code::parse(b.nodes[i].code.as_deref().unwrap()).unwrap();
        if let Some(pc) = code.parent() {
            let child = format!(
                "{} (riga {})",
                code,
                b.nodes[i].line.map_or("-".into(), |l| l.to_string())
            );
            let pi = b.ensure(&pc, &child);
            b.nodes[i].parent = Some(b.nodes[pi].id.clone());
            b.nodes[i].parent_code = Some(pc.to_string());
        }
    }
    // Inferred ancestors may themselves need parents.
    let mut i = 0;
    while i < b.nodes.len() {
        if b.nodes[i].inferred && b.nodes[i].parent.is_none() {
            let code =
                Code::parse(b.nodes[i].code.as_deref().unwrap_or("")).filter(|c| c.depth() > 0);
            if let Some(pc) = code.as_ref().and_then(Code::parent) {
                let child = code.unwrap().to_string();
                let pi = b.ensure(&pc, &child);
                b.nodes[i].parent = Some(b.nodes[pi].id.clone());
                b.nodes[i].parent_code = Some(pc.to_string());
            }
        }
        i += 1;
    }
    // Levels follow the tree.
    let index: HashMap<String, usize> = b
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for i in 0..b.nodes.len() {
        let mut depth = 1u8;
        let mut cur = b.nodes[i].parent.clone();
        while let Some(p) = cur {
            depth += 1;
            cur = index.get(&p).and_then(|&pi| b.nodes[pi].parent.clone());
        }
        b.nodes[i].level = depth;
        if let Some(pid) = b.nodes[i].parent.clone() {
            if b.nodes[i].code.is_none() {
                b.nodes[i].parent_code = b.nodes[index[&pid]].code.clone();
            }
        }
    }

    let nodes = order(b.nodes, &b.keys);
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
    fn similarity_ignores_generic_words() {
        let own = stems("Gestione reception");
        assert_eq!(similarity(&own, "Gestione centralino e reception"), 1);
        assert_eq!(similarity(&own, "Gestione sale"), 0);
    }
}

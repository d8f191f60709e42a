//! Reader for the Unioncamere process catalogue: six tab-separated columns
//! (code + title, name, input, output, activities, responsible role).

use super::code::{parse_leading, Code, LeadingCode};
use super::text::{corruption_hints, foreign_chars, split_steps};
use super::tree::{order, SortKey};
use super::{attach_diagnostics, read_rows, Diags, ImportError, Row};
use crate::model::{Dataset, Kind, Node, Severity};
use rustc_hash::FxHashMap as HashMap;

pub const ID: &str = "catalogo";
const TITLE: &str = "Catalogo dei processi (codifica Unioncamere)";

/// Words a responsible-role cell starts with. Used only to realign rows whose
/// cells moved: a role found left of the role column marks the shift.
const ROLE_STARTS: &[&str] = &[
    "PO ",
    "PO.",
    "P.O.",
    "Operatore",
    "Operatori",
    "Segretario",
    "Dirigente",
    "Giunta",
    "Presidente",
    "Conservatore",
    "Ispettore",
    "Responsabile",
    "RPCT",
];

fn looks_like_role(cell: &str) -> bool {
    let c = cell.trim();
    ROLE_STARTS.iter().any(|s| c.starts_with(s))
}

/// One data row after cell realignment, before the tree is built.
#[derive(Debug, Clone)]
struct Entry {
    line: u32,
    code: Option<Code>,
    raw_code: String,
    title: String,
    name: String,
    input: String,
    output: String,
    activities: String,
    role: String,
    header: bool,
    /// Set for the second code named in a cell holding two ("A2.1.3.1/A2.1.3.2").
    shares_row_with: Option<String>,
}

/// Imports the catalogue. Only unreadable text is an error; every defect in
/// the content becomes a diagnostic.
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let rows = read_rows(file, text)?;
    let mut diags = Diags::new(ID);
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen_rows: HashMap<&str, u32> = HashMap::default();

    for row in &rows {
        if row.is_blank() {
            continue;
        }
        let first = row.cell(0).trim();
        if first.starts_with("CODIFICA") {
            continue; // the column header
        }
        if let Some(&earlier) = seen_rows.get(row.raw) {
            diags.push(
                Some(row.line),
                Severity::Warning,
                "duplicate-row",
                None,
                format!(
                    "riga identica byte per byte alla riga {earlier}: importata una sola volta (dalla riga {earlier})"
                ),
            );
            continue;
        }
        seen_rows.insert(row.raw, row.line);
        entries.extend(read_entry(row, &mut diags));
    }

    let nodes = build_tree(entries, &mut diags);
    let mut ds = Dataset {
        id: ID.to_string(),
        title: TITLE.to_string(),
        source: file.to_string(),
        nodes,
        diagnostics: diags.list,
    };
    attach_diagnostics(&mut ds);
    Ok(ds)
}

/// Turns one row into one entry (two when the cell names two codes).
fn read_entry(row: &Row, diags: &mut Diags) -> Vec<Entry> {
    let line = row.line;
    let cell = |i: usize| row.cell(i).trim().to_string();
    let lead = parse_leading(row.cell(0));
    let id_hint = lead
        .as_ref()
        .map_or_else(|| format!("{ID}:L{line}"), |l| l.code.to_string());
    let mut pending: Vec<(Severity, &str, String)> = Vec::new();

    if row.filled().any(|(i, _)| i >= 6) {
        let extra: Vec<&str> = row
            .filled()
            .filter(|(i, _)| *i >= 6)
            .map(|(_, c)| c)
            .collect();
        pending.push((
            Severity::Warning,
            "extra-cells",
            format!(
                "celle oltre la sesta colonna, riportate qui: {}",
                extra.join(" | ")
            ),
        ));
    }

    // Realign cells moved left: the role sits left of its column.
    let mut fields: [String; 5] = [cell(1), cell(2), cell(3), cell(4), cell(5)];
    let role_at = if fields[4].is_empty() && fields[..4].iter().all(|f| !f.is_empty()) {
        (1..4).find(|&k| looks_like_role(&fields[k]))
    } else if looks_like_role(&fields[3]) && looks_like_role(&fields[4]) {
        Some(3)
    } else {
        None
    };
    if let Some(k) = role_at {
        // fields[k] is the role; fields[0..k] are the last k of
        // name, input, output, activities; fields after k are leftovers.
        let moved: Vec<String> = fields[..k].to_vec();
        let role = fields[k].clone();
        let leftovers: Vec<String> = fields[k + 1..]
            .iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect();
        let mut realigned: [String; 5] = Default::default();
        let skip = 4 - k;
        for (i, v) in moved.into_iter().enumerate() {
            realigned[skip + i] = v;
        }
        realigned[4] = role;
        let names = ["nome", "input", "output", "attività"];
        let missing: Vec<&str> = names[..skip].to_vec();
        let mut msg = format!(
            "celle spostate a sinistra di {skip} colonn{}: riallineate leggendo il responsabile dalla colonna {} (mancano: {})",
            if skip == 1 { "a" } else { "e" },
            k + 2,
            missing.join(", ")
        );
        if !leftovers.is_empty() {
            msg.push_str(&format!(
                "; celle rimaste dopo il responsabile, riportate qui: {}",
                leftovers.join(" | ")
            ));
        }
        pending.push((Severity::Warning, "shifted-cells", msg));
        fields = realigned;
    }
    let [name, input, output, activities, role] = fields;
    let header = input.is_empty() && output.is_empty() && activities.is_empty() && role.is_empty();

    let mut out = Vec::new();
    match lead {
        None => {
            pending.push((
                Severity::Warning,
                "missing-code",
                "riga senza codice: collocata accanto alla voce che la precede nella fonte"
                    .to_string(),
            ));
            out.push(Entry {
                line,
                code: None,
                raw_code: String::new(),
                title: row.cell(0).trim().to_string(),
                name,
                input,
                output,
                activities,
                role,
                header,
                shares_row_with: None,
            });
        }
        Some(lead) => {
            let irregular = lead.irregularities();
            if !irregular.is_empty() {
                pending.push((
                    Severity::Info,
                    "code-form",
                    format!(
                        "codice scritto \"{}\" ({}), letto come {}",
                        lead.raw,
                        irregular.join(", "),
                        lead.code
                    ),
                ));
            }
            let (title, second) = split_second_code(&lead);
            let base = Entry {
                line,
                code: Some(lead.code.clone()),
                raw_code: lead.raw.clone(),
                title,
                name,
                input,
                output,
                activities,
                role,
                header,
                shares_row_with: None,
            };
            if let Some(second) = second {
                pending.push((
                    Severity::Warning,
                    "two-codes",
                    format!(
                        "la cella riporta due codici, {} e {}: entrambe le voci ricevono i campi di questa riga",
                        lead.code, second.code
                    ),
                ));
                let mut other = base.clone();
                other.code = Some(second.code.clone());
                other.raw_code = second.raw.clone();
                other.title = second.rest.clone();
                other.shares_row_with = Some(lead.code.to_string());
                out.push(base);
                out.push(other);
            } else {
                out.push(base);
            }
        }
    }

    for e in &out {
        let texts = [
            &e.title,
            &e.name,
            &e.input,
            &e.output,
            &e.activities,
            &e.role,
        ];
        for t in texts {
            let foreign = foreign_chars(t);
            if !foreign.is_empty() {
                let list: String = foreign
                    .iter()
                    .map(|c| format!("U+{:04X} '{c}' ", *c as u32))
                    .collect();
                pending.push((
                    Severity::Warning,
                    "foreign-script",
                    format!(
                        "caratteri estranei di un altro alfabeto: {}",
                        list.trim_end()
                    ),
                ));
            }
            for hint in corruption_hints(t) {
                pending.push((Severity::Warning, "replace-damage", hint));
            }
        }
        if !e.header && e.role.is_empty() {
            pending.push((
                Severity::Warning,
                "empty-role",
                "nessun responsabile indicato in questa riga".to_string(),
            ));
        }
    }
    pending.dedup();
    // Node ids are decided later; keep the diagnostics keyed by line and code
    // hint, and let build_tree attach them to the node created for the row.
    for (sev, class, msg) in pending {
        diags.push(Some(line), sev, class, Some(&format!("?{id_hint}")), msg);
    }
    out
}

/// "A2.1.3.1.Title/A2.1.3.2 Title" → first title and the second code.
fn split_second_code(lead: &LeadingCode) -> (String, Option<LeadingCode>) {
    let rest = &lead.rest;
    for (pos, _) in rest.match_indices('/') {
        if let Some(second) = parse_leading(&rest[pos + 1..]) {
            if second.code.depth() >= 2 && second.code.letter == lead.code.letter {
                return (rest[..pos].trim().to_string(), Some(second));
            }
        }
    }
    (rest.clone(), None)
}

fn kind_for(level: u8) -> Kind {
    match level {
        1 => Kind::MacroProcesso,
        2 => Kind::Processo,
        3 => Kind::SottoProcesso,
        _ => Kind::Attivita,
    }
}

fn blank_node(id: String, code: Option<&Code>, level: u8) -> Node {
    Node {
        dataset: ID.to_string(),
        id,
        code: code.map(Code::to_string),
        raw_code: String::new(),
        level,
        kind: kind_for(level),
        title: String::new(),
        name: String::new(),
        input: String::new(),
        output: String::new(),
        activities: Vec::new(),
        role: String::new(),
        structures: Vec::new(),
        parent: None,
        parent_code: None,
        inferred: false,
        line: None,
        diagnostics: Vec::new(),
    }
}

fn build_tree(entries: Vec<Entry>, diags: &mut Diags) -> Vec<Node> {
    // Variants: entries sharing a code, in source order.
    let code_text: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.code.as_ref().map(Code::to_string))
        .collect();
    let mut by_code: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, c) in code_text.iter().enumerate() {
        if let Some(c) = c {
            by_code.entry(c.as_str()).or_default().push(i);
        }
    }
    let mut ids: Vec<String> = vec![String::new(); entries.len()];
    for (code, list) in &by_code {
        for (v, &i) in list.iter().enumerate() {
            ids[i] = if v == 0 {
                format!("{ID}:{code}")
            } else {
                format!("{ID}:{code}~{}", v + 1)
            };
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if e.code.is_none() {
            ids[i] = format!("{ID}:L{}", e.line);
        }
    }

    let mut nodes: Vec<Node> = Vec::new();
    let mut keys: HashMap<String, SortKey> = HashMap::default();
    // Index of the node for each entry, and of each code's "owner" (the node
    // children attach to: the header when a header and leaf share a code).
    let mut owner: HashMap<String, usize> = HashMap::default();
    let mut entry_node: Vec<usize> = Vec::new();

    for (i, e) in entries.iter().enumerate() {
        let mut n = blank_node(ids[i].clone(), None, 0);
        n.code = code_text[i].clone();
        n.raw_code = e.raw_code.clone();
        n.title = e.title.clone();
        n.name = e.name.clone();
        n.input = e.input.clone();
        n.output = e.output.clone();
        n.activities = split_steps(&e.activities);
        n.role = e.role.clone();
        n.line = Some(e.line);
        if let Some(c) = &code_text[i] {
            owner.entry(c.clone()).or_insert(nodes.len());
        }
        keys.insert(
            n.id.clone(),
            SortKey {
                anchor: e.code.clone(),
                line: e.line,
                seq: i as u32,
            },
        );
        entry_node.push(nodes.len());
        nodes.push(n);
    }

    // Re-key the row diagnostics to the node ids now known.
    let by_hint: HashMap<(u32, String), String> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let hint = code_text[i]
                .clone()
                .unwrap_or_else(|| format!("{ID}:L{}", e.line));
            ((e.line, hint), ids[i].clone())
        })
        .rev() // the first entry of a row wins
        .collect();
    for d in &mut diags.list {
        if let Some(hint) = d.node.as_deref().and_then(|h| h.strip_prefix('?')) {
            let key = (d.line.unwrap_or(0), hint.to_string());
            d.node = by_hint.get(&key).cloned();
        }
    }

    // Parents.
    let mut prev_entry: Option<usize> = None;
    let mut prev_code: Option<(Code, u32)> = None;
    for (i, e) in entries.iter().enumerate() {
        let ni = entry_node[i];
        let id = ids[i].clone();
        match &e.code {
            None => {
                // Beside the entry it follows: under that entry's parent when
                // it is a leaf, under it when it is a header.
                let parent = prev_entry.map(|p| {
                    let pn = entry_node[p];
                    if entries[p].header {
                        pn
                    } else {
                        nodes[pn]
                            .parent
                            .as_deref()
                            .and_then(|pid| nodes.iter().position(|x| x.id == pid))
                            .unwrap_or(pn)
                    }
                });
                if let Some(pi) = parent {
                    let (pid, pcode, plevel) = (
                        nodes[pi].id.clone(),
                        nodes[pi].code.clone(),
                        nodes[pi].level,
                    );
                    nodes[ni].parent = Some(pid.clone());
                    nodes[ni].parent_code = pcode;
                    nodes[ni].level = plevel + 1;
                    if let Some(p) = prev_entry {
                        keys.get_mut(&id).unwrap().anchor = entries[p].code.clone();
                    }
                    diags.push(
                        Some(e.line),
                        Severity::Info,
                        "attached",
                        Some(&id),
                        format!(
                            "collocata sotto {pid} perché segue la riga {} nella fonte",
                            entries[prev_entry.unwrap()].line
                        ),
                    );
                } else {
                    nodes[ni].level = 1;
                }
                nodes[ni].kind = kind_for(nodes[ni].level);
            }
            Some(code) => {
                if let Some((pc, pl)) = &prev_code {
                    if code < pc && !pc.starts_with(code) && code != pc {
                        diags.push(
                            Some(e.line),
                            Severity::Info,
                            "out-of-order",
                            Some(&id),
                            format!("{code} segue {pc} (riga {pl}) nella fonte: collocata secondo il codice"),
                        );
                    }
                }
                let variants = &by_code[code_text[i].as_deref().unwrap_or_default()];
                let first = variants[0];
                let header_leaf = first != i && entries[first].header && !e.header;
                // A code with a suffix letter ("C1.1.7b") owns the deeper rows
                // that follow it directly.
                let after_suffixed = prev_entry.and_then(|p| {
                    let pc = entries[p].code.as_ref()?;
                    (pc.suffix.is_some()
                        && code.depth() > pc.depth() + 1
                        && code.starts_with(&pc.without_suffix()))
                    .then_some(p)
                });
                if header_leaf {
                    let pi = entry_node[first];
                    nodes[ni].parent = Some(nodes[pi].id.clone());
                    nodes[ni].parent_code = nodes[pi].code.clone();
                    nodes[ni].level = nodes[pi].level + 1;
                    diags.push(
                        Some(e.line),
                        Severity::Warning,
                        "header-and-leaf",
                        Some(&id),
                        format!(
                            "intestazione (riga {}) e riga di dettaglio hanno lo stesso codice {code}: il dettaglio è collocato sotto l'intestazione",
                            entries[first].line
                        ),
                    );
                } else if let Some(p) = after_suffixed {
                    let pi = entry_node[p];
                    let by_code = code.parent().map(|c| c.to_string()).unwrap_or_default();
                    nodes[ni].parent = Some(nodes[pi].id.clone());
                    nodes[ni].parent_code = nodes[pi].code.clone();
                    nodes[ni].level = nodes[pi].level + 1;
                    diags.push(
                        Some(e.line),
                        Severity::Warning,
                        "suffix-parent",
                        Some(&id),
                        format!(
                            "segue {} (riga {}) nella fonte ed è collocata sotto di essa; in base al solo codice andrebbe sotto {by_code}",
                            nodes[pi].code.as_deref().unwrap_or(""),
                            entries[p].line
                        ),
                    );
                } else {
                    nodes[ni].level = code.depth() as u8;
                    if let Some(pcode) = code.parent().filter(|_| code.depth() > 1) {
                        let pi = ensure_code(
                            &pcode, &mut nodes, &mut owner, &mut keys, diags, e.line, code,
                        );
                        nodes[ni].parent = Some(nodes[pi].id.clone());
                        nodes[ni].parent_code = Some(pcode.to_string());
                    }
                    if variants.len() > 1 && !entries[first].header {
                        let others: Vec<String> = variants
                            .iter()
                            .filter(|&&j| j != i)
                            .map(|&j| entries[j].line.to_string())
                            .collect();
                        let v = variants.iter().position(|&j| j == i).unwrap() + 1;
                        diags.push(
                            Some(e.line),
                            Severity::Info,
                            "variant",
                            Some(&id),
                            format!(
                                "variante {v} di {} righe con codice {code} (le altre alla riga {}): mantenuta come voce distinta",
                                variants.len(),
                                others.join(", ")
                            ),
                        );
                    }
                }
                nodes[ni].kind = kind_for(nodes[ni].level);
                prev_code = Some((code.clone(), e.line));
            }
        }
        prev_entry = Some(i);
    }
    order(nodes, &keys)
}

/// Index of the node owning `code`, inferring it (and its ancestors) when no
/// row has that code.
fn ensure_code(
    code: &Code,
    nodes: &mut Vec<Node>,
    owner: &mut HashMap<String, usize>,
    keys: &mut HashMap<String, SortKey>,
    diags: &mut Diags,
    child_line: u32,
    child: &Code,
) -> usize {
    if let Some(&i) = owner.get(&code.to_string()) {
        return i;
    }
    let id = format!("{ID}:{code}");
    let mut n = blank_node(id.clone(), Some(code), code.depth() as u8);
    n.inferred = true;
    if let Some(pcode) = code.parent() {
        let pi = ensure_code(&pcode, nodes, owner, keys, diags, child_line, child);
        n.parent = Some(nodes[pi].id.clone());
        n.parent_code = Some(pcode.to_string());
    }
    diags.push(
        None,
        Severity::Warning,
        "inferred-parent",
        Some(&id),
        format!(
            "nessuna riga ha il codice {code}: dedotto come padre di {child} (riga {child_line})"
        ),
    );
    keys.insert(
        id,
        SortKey {
            anchor: Some(code.clone()),
            line: 0,
            seq: 0,
        },
    );
    nodes.push(n);
    owner.insert(code.to_string(), nodes.len() - 1);
    nodes.len() - 1
}

//! Reader for the Unioncamere process catalogue: six tab-separated columns
//! (code + title, name, input, output, activities, responsible role).

use super::ids;
use super::text::{corruption_hints, foreign_chars, split_steps, DamageSigns};
use super::tree::{Draft, SortKey};
use super::{attach_diagnostics, read_rows, Diags, ImportError, Row};
use crate::model::code::{parse_leading, Code, LeadingCode};
use crate::model::{Dataset, DiagClass, Kind, Node, Severity};
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry::{Occupied, Vacant};

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

/// One data row after cell realignment, before the tree is built; its text
/// is borrowed from the source until the node is made.
#[derive(Debug, Clone)]
struct Entry<'a> {
    line: u32,
    code: Option<Code>,
    raw_code: &'a str,
    title: &'a str,
    name: &'a str,
    input: &'a str,
    output: &'a str,
    activities: &'a str,
    role: &'a str,
    header: bool,
}

/// Imports the catalogue. Only unreadable text is an error; every defect in
/// the content becomes a diagnostic.
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let rows = read_rows(text);
    let mut diags = Diags::new(ID);
    let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
    // Diagnostics raised for a row, with the entry they concern: node ids are
    // decided once the whole tree is known.
    let mut row_diags: Vec<(usize, usize)> = Vec::new();
    let mut seen_rows: HashMap<&str, u32> = HashMap::default();
    seen_rows.reserve(rows.len());
    let signs = DamageSigns::find(text);

    for row in rows.iter() {
        if row.is_blank() {
            continue;
        }
        let first = row.cell(0).trim();
        if first.starts_with("CODIFICA") {
            continue; // the column header
        }
        // One hash per row: look up and insert at once.
        match seen_rows.entry(row.raw) {
            Occupied(earlier) => {
                let earlier = *earlier.get();
                diags.push(
                    Some(row.line),
                    Severity::Warning,
                    DiagClass::DuplicateRow,
                    None,
                    format!(
                        "riga identica byte per byte alla riga {earlier}: importata una sola volta (dalla riga {earlier})"
                    ),
                );
                continue;
            }
            Vacant(slot) => {
                slot.insert(row.line);
            }
        }
        let first_entry = entries.len();
        let first_diag = diags.list.len();
        read_entry(row, &signs, &mut diags, &mut entries);
        row_diags.extend((first_diag..diags.list.len()).map(|d| (d, first_entry)));
    }

    let nodes = build_tree(&entries, &row_diags, &mut diags);
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

/// Turns one row into one entry (two when the cell names two codes), pushed
/// onto `out`. The row's diagnostics are pushed without a node.
fn read_entry<'a>(row: &Row<'a>, signs: &DamageSigns, diags: &mut Diags, out: &mut Vec<Entry<'a>>) {
    let line = row.line;
    let lead = parse_leading(row.cell(0));
    let mut pending: Vec<(Severity, DiagClass, String)> = Vec::new();

    let beyond_sixth = row.cells.get(6..).unwrap_or_default();
    if beyond_sixth.iter().any(|c| !c.trim().is_empty()) {
        let extra: Vec<&str> = row
            .filled()
            .filter(|(i, _)| *i >= 6)
            .map(|(_, c)| c)
            .collect();
        pending.push((
            Severity::Warning,
            DiagClass::ExtraCells,
            format!(
                "celle oltre la sesta colonna, riportate qui: {}",
                extra.join(" | ")
            ),
        ));
    }

    // Realign cells moved left: the role sits left of its column.
    let mut fields: [&'a str; 5] = [1, 2, 3, 4, 5].map(|i| row.cell(i).trim());
    let role_at = if fields[4].is_empty() && fields[..4].iter().all(|f| !f.is_empty()) {
        (1..4).find(|&k| looks_like_role(fields[k]))
    } else if looks_like_role(fields[3]) && looks_like_role(fields[4]) {
        Some(3)
    } else {
        None
    };
    if let Some(k) = role_at {
        // fields[k] is the role; fields[0..k] are the last k of
        // name, input, output, activities; fields after k are leftovers.
        let leftovers: Vec<&str> = fields[k + 1..]
            .iter()
            .copied()
            .filter(|f| !f.is_empty())
            .collect();
        let skip = 4 - k;
        let mut realigned: [&'a str; 5] = [""; 5];
        realigned[skip..4].copy_from_slice(&fields[..k]);
        realigned[4] = fields[k];
        let names = ["nome", "input", "output", "attività"];
        let mut msg = format!(
            "celle spostate a sinistra di {skip} colonn{}: riallineate leggendo il responsabile dalla colonna {} (mancano: {})",
            if skip == 1 { "a" } else { "e" },
            k + 2,
            names[..skip].join(", ")
        );
        if !leftovers.is_empty() {
            msg.push_str(&format!(
                "; celle rimaste dopo il responsabile, riportate qui: {}",
                leftovers.join(" | ")
            ));
        }
        pending.push((Severity::Warning, DiagClass::ShiftedCells, msg));
        fields = realigned;
    }
    let [name, input, output, activities, role] = fields;
    let header = input.is_empty() && output.is_empty() && activities.is_empty() && role.is_empty();

    let first = out.len();
    let base = Entry {
        line,
        code: None,
        raw_code: "",
        title: row.cell(0).trim(),
        name,
        input,
        output,
        activities,
        role,
        header,
    };
    match lead {
        None => {
            pending.push((
                Severity::Warning,
                DiagClass::MissingCode,
                "riga senza codice: collocata accanto alla voce che la precede nella fonte"
                    .to_string(),
            ));
            out.push(base);
        }
        Some(lead) => {
            let irregular = lead.irregularities();
            if !irregular.is_empty() {
                pending.push((
                    Severity::Info,
                    DiagClass::CodeForm,
                    format!(
                        "codice scritto \"{}\" ({}), letto come {}",
                        lead.raw,
                        irregular.join(", "),
                        lead.code
                    ),
                ));
            }
            let (title, second) = split_second_code(&lead);
            out.push(Entry {
                code: Some(lead.code),
                raw_code: lead.raw,
                title,
                ..base
            });
            if let Some(second) = second {
                pending.push((
                    Severity::Warning,
                    DiagClass::TwoCodes,
                    format!(
                        "la cella riporta due codici, {} e {}: entrambe le voci ricevono i campi di questa riga",
                        lead.code, second.code
                    ),
                ));
                out.push(Entry {
                    code: Some(second.code),
                    raw_code: second.raw,
                    title: second.rest,
                    ..base
                });
            }
        }
    }

    // Damage is rare: look at the cells only when the whole row shows a sign.
    let damaged = signs.in_row(row);
    for e in &out[first..] {
        if damaged {
            let texts = [e.title, e.name, e.input, e.output, e.activities, e.role];
            pending.extend(damage_diagnostics(&texts));
        }
        if !e.header && e.role.is_empty() {
            pending.push((
                Severity::Warning,
                DiagClass::EmptyRole,
                "nessun responsabile indicato in questa riga".to_string(),
            ));
        }
    }
    pending.dedup();
    for (sev, class, msg) in pending {
        diags.push(Some(line), sev, class, None, msg);
    }
}

/// Diagnostics for stray foreign glyphs and search-and-replace damage in
/// the cells of one entry.
fn damage_diagnostics(texts: &[&str]) -> Vec<(Severity, DiagClass, String)> {
    let mut out = Vec::new();
    for t in texts {
        let foreign = foreign_chars(t);
        if !foreign.is_empty() {
            let list: String = foreign
                .iter()
                .map(|c| format!("U+{:04X} '{c}' ", *c as u32))
                .collect();
            out.push((
                Severity::Warning,
                DiagClass::ForeignScript,
                format!(
                    "caratteri estranei di un altro alfabeto: {}",
                    list.trim_end()
                ),
            ));
        }
        for hint in corruption_hints(t) {
            out.push((Severity::Warning, DiagClass::ReplaceDamage, hint));
        }
    }
    out
}

/// "A2.1.3.1.Title/A2.1.3.2 Title" → first title and the second code.
fn split_second_code<'a>(lead: &LeadingCode<'a>) -> (&'a str, Option<LeadingCode<'a>>) {
    let rest = lead.rest;
    for pos in memchr::memchr_iter(b'/', rest.as_bytes()) {
        if let Some(second) = parse_leading(&rest[pos + 1..]) {
            if second.code.depth() >= 2 && second.code.letter == lead.code.letter {
                return (rest[..pos].trim(), Some(second));
            }
        }
    }
    (rest, None)
}

fn kind_for(level: u8) -> Kind {
    match level {
        1 => Kind::MacroProcesso,
        2 => Kind::Processo,
        3 => Kind::SottoProcesso,
        _ => Kind::Attivita,
    }
}

fn blank_node(id: String, code: Option<String>, level: u8) -> Node {
    let mut n = Node::new(ID.to_string(), id, kind_for(level), level);
    n.code = code;
    n
}

fn build_tree<'a>(
    entries: &[Entry<'a>],
    row_diags: &[(usize, usize)],
    diags: &mut Diags,
) -> Vec<Node> {
    // Variants: entries sharing a code, numbered in source order.
    let mut first_of: HashMap<Code, (usize, u32)> = HashMap::default();
    first_of.reserve(entries.len());
    let mut variant: Vec<u32> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        variant.push(match e.code {
            Some(c) => {
                let slot = first_of.entry(c).or_insert((i, 0));
                slot.1 += 1;
                slot.1
            }
            None => 0,
        });
    }

    let capacity = entries.len() + entries.len() / 8;
    let mut d = Draft::with_capacity(capacity);
    let line_ids = ids::LineIds::new(entries.iter().filter_map(|e| e.code));
    // Entry i is node i: entries become nodes in order, inferred nodes follow.
    for (i, e) in entries.iter().enumerate() {
        let code = e.code.map(|c| c.to_string());
        let id = match (&e.code, variant[i]) {
            (None, _) => line_ids.id(ID, e.line, None),
            (Some(c), v) => ids::for_code(ID, c, v),
        };
        let mut n = blank_node(id, code, 0);
        n.variant = variant[i].max(1);
        n.raw_code = e.raw_code.into();
        n.title = e.title.to_string();
        n.name = e.name.to_string();
        n.input = e.input.to_string();
        n.output = e.output.to_string();
        n.activities = split_steps(e.activities);
        n.role = e.role.to_string();
        n.line = Some(e.line);
        if let Some(c) = e.code {
            d.owner.entry(c).or_insert(i);
        }
        d.push(
            n,
            SortKey {
                anchor: e.code,
                line: e.line,
                seq: i as u32,
            },
        );
    }

    // The row diagnostics belong to the first entry of their row.
    for &(di, ei) in row_diags {
        diags.list[di].node = Some(d.nodes[ei].id.clone());
    }

    // Parents.
    let mut prev_entry: Option<usize> = None;
    let mut prev_code: Option<(Code, u32)> = None;
    for (i, e) in entries.iter().enumerate() {
        match e.code {
            None => {
                // Beside the entry it follows: under that entry's parent when
                // it is a leaf, under it when it is a header.
                let parent = prev_entry.map(|p| {
                    if entries[p].header {
                        p
                    } else {
                        d.parents[p].unwrap_or(p)
                    }
                });
                if let Some(pi) = parent {
                    d.parents[i] = Some(pi);
                    d.nodes[i].level = d.nodes[pi].level + 1;
                    let p = prev_entry.unwrap_or(pi);
                    d.keys[i].anchor = entries[p].code;
                    diags.push(
                        Some(e.line),
                        Severity::Info,
                        DiagClass::Attached,
                        Some(&d.nodes[i].id),
                        format!(
                            "collocata sotto {} perché segue la riga {} nella fonte",
                            d.nodes[pi].id, entries[p].line
                        ),
                    );
                } else {
                    d.nodes[i].level = 1;
                }
                d.nodes[i].kind = kind_for(d.nodes[i].level);
            }
            Some(code) => {
                if let Some((pc, pl)) = &prev_code {
                    if code < *pc && !pc.starts_with(&code) && code != *pc {
                        diags.push(
                            Some(e.line),
                            Severity::Info,
                            DiagClass::OutOfOrder,
                            Some(&d.nodes[i].id),
                            format!("{code} segue {pc} (riga {pl}) nella fonte: collocata secondo il codice"),
                        );
                    }
                }
                let (first, count) = first_of[&code];
                let header_leaf = first != i && entries[first].header && !e.header;
                // A code with a suffix letter ("C1.1.7b") owns the deeper rows
                // that follow it directly.
                let after_suffixed = prev_entry.and_then(|p| {
                    let pc = entries[p].code?;
                    (pc.suffix.is_some()
                        && code.depth() > pc.depth() + 1
                        && code.starts_with(&pc.without_suffix()))
                    .then_some(p)
                });
                if header_leaf {
                    d.parents[i] = Some(first);
                    d.nodes[i].level = d.nodes[first].level + 1;
                    diags.push(
                        Some(e.line),
                        Severity::Warning,
                        DiagClass::HeaderAndLeaf,
                        Some(&d.nodes[i].id),
                        format!(
                            "intestazione (riga {}) e riga di dettaglio hanno lo stesso codice {code}: il dettaglio è collocato sotto l'intestazione",
                            entries[first].line
                        ),
                    );
                } else if let Some(p) = after_suffixed {
                    let by_code = code.parent().map(|c| c.to_string()).unwrap_or_default();
                    d.parents[i] = Some(p);
                    d.nodes[i].level = d.nodes[p].level + 1;
                    diags.push(
                        Some(e.line),
                        Severity::Warning,
                        DiagClass::SuffixParent,
                        Some(&d.nodes[i].id),
                        format!(
                            "segue {} (riga {}) nella fonte ed è collocata sotto di essa; in base al solo codice andrebbe sotto {by_code}",
                            d.nodes[p].code.as_deref().unwrap_or(""),
                            entries[p].line
                        ),
                    );
                } else {
                    d.nodes[i].level = code.depth() as u8;
                    if let Some(pcode) = code.parent().filter(|_| code.depth() > 1) {
                        let pi = ensure_code(&pcode, &mut d, diags, e.line, &code);
                        d.parents[i] = Some(pi);
                    }
                    if count > 1 && !entries[first].header {
                        let others: Vec<String> = entries
                            .iter()
                            .enumerate()
                            .filter(|&(j, o)| j != i && o.code == Some(code))
                            .map(|(_, o)| o.line.to_string())
                            .collect();
                        diags.push(
                            Some(e.line),
                            Severity::Info,
                            DiagClass::Variant,
                            Some(&d.nodes[i].id),
                            format!(
                                "variante {} di {count} righe con codice {code} (le altre alla riga {}): mantenuta come voce distinta",
                                variant[i],
                                others.join(", ")
                            ),
                        );
                    }
                }
                d.nodes[i].kind = kind_for(d.nodes[i].level);
                prev_code = Some((code, e.line));
            }
        }
        prev_entry = Some(i);
    }
    d.finish()
}

/// Index of the node owning `code`, inferring it (and its ancestors) when no
/// row has that code.
fn ensure_code(
    code: &Code,
    d: &mut Draft,
    diags: &mut Diags,
    child_line: u32,
    child: &Code,
) -> usize {
    if let Some(&i) = d.owner.get(code) {
        return i;
    }
    let parent = code
        .parent()
        .map(|pcode| ensure_code(&pcode, d, diags, child_line, child));
    let id = ids::for_code(ID, code, 1);
    diags.push(
        None,
        Severity::Warning,
        DiagClass::InferredParent,
        Some(&id),
        format!(
            "nessuna riga ha il codice {code}: dedotto come padre di {child} (riga {child_line})"
        ),
    );
    let mut n = blank_node(id, Some(code.to_string()), code.depth() as u8);
    n.inferred = true;
    let i = d.push(
        n,
        SortKey {
            anchor: Some(*code),
            line: 0,
            seq: 0,
        },
    );
    d.parents[i] = parent;
    d.owner.insert(*code, i);
    i
}

//! Building the catalogue's tree from its entries (their variants numbered
//! by [`super::variants`]): one node per entry, each placed under the parent its code names (inferred
//! when no row has it), except where the source says otherwise: a detail
//! row under the header with its code, rows after a suffixed code under
//! it, a row without a code beside the entry it follows.

use super::super::ids::{self, LineIds};
use super::super::parallel;
use super::super::tree::{report_printed_elsewhere, Draft, SortKey};
use super::super::Diags;
use super::row::{Entry, Slot};
use super::variants::{find_in_order, Owners, Variants};
use super::ID;
use crate::model::{
    kept::Arena, Code, DiagClass, Kept, Kind, Node, ParentIndex, Severity, Steps, Structure,
    Structures, Text,
};
use rustc_hash::FxHashMap as HashMap;

/// The nodes in tree order. `row_diags` pairs each row diagnostic (index in
/// `diags`) with the entry it concerns, whose node id it gets here.
pub(super) fn build_tree(
    entries: &[Entry],
    row_diags: &[(usize, usize)],
    diags: &mut Diags,
    kept: Kept,
) -> (Vec<Node>, ParentIndex) {
    let slots: Vec<Slot> = entries.iter().map(Entry::slot).collect();
    build_draft(
        ID,
        &slots,
        |i| entries[i].clone(),
        row_diags,
        diags,
        (Vec::new(), kept),
        1,
    )
    .finish()
}

/// The tree of dataset `dataset` before it is put in order: node `i` is
/// entry `i` (inferred parents follow), placed by what `slots` say of
/// each entry and given its text by `entry(i)` when it is made, in `room`
/// (empty; the room for the nodes, when made ahead), pointing into `kept`
/// where the entries' text lies there. The codes of depth `root_depth`
/// are the roots: 1 in the catalogue (`A1`), 0 in a map that gives its
/// macro-processes one letter (`A`, with `A1` below it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_draft<'a>(
    dataset: &str,
    entries: &[Slot],
    entry: impl Fn(usize) -> Entry<'a> + Sync,
    row_diags: &[(usize, usize)],
    diags: &mut Diags,
    (room, kept): (Vec<Node>, Kept),
    root_depth: usize,
) -> Draft {
    let (variants, owners) = Variants::number(entries);
    let (owner, in_order) = match owners {
        Owners::Table(table) => (table, None),
        Owners::InOrder(coded) => (HashMap::default(), Some(coded)),
    };
    let named = in_order.is_some();
    let mut d = make_nodes(
        dataset,
        entries,
        entry,
        &variants,
        (owner, named, root_depth),
        (room, kept),
    );
    for &(di, ei) in row_diags {
        diags.list[di].node = Some(d.nodes[ei].id.to_string());
    }
    let mut prev_entry: Option<usize> = None;
    let mut prev_code: Option<(Code, u32)> = None;
    let mut last_parent: Option<(Code, usize)> = None;
    for (i, e) in entries.iter().enumerate() {
        match e.code {
            None => place_codeless(entries, i, prev_entry, &mut d, diags),
            Some(code) => {
                if let Some(prev) = prev_code {
                    report_out_of_order(code, prev, (&d.nodes, i), e.line, diags);
                }
                let p = Placing {
                    dataset,
                    entries,
                    variants: &variants,
                    in_order: in_order.as_deref(),
                    i,
                    code,
                    prev_entry,
                    root_depth,
                };
                place_coded(&p, &mut d, diags, &mut last_parent);
                prev_code = Some((code, e.line));
            }
        }
        prev_entry = Some(i);
    }
    // Codes in order are placed as they say and read in their order: what
    // lies between a parent and its child by code is below the parent, so
    // nothing is printed away from its parent (a test holds this).
    if in_order.is_none() {
        report_printed_elsewhere(&d, diags);
    }
    d
}

/// One node per entry, in order (entry i is node i); inferred nodes follow.
/// `owner` is the first entry with each code, when a table was needed to
/// tell it (empty when the codes are in order). With `named` (codes in
/// order, where placing puts every coded entry below the first level under
/// the entry or inferred node with its parent's code, variant 1), each such
/// node gets that parent's id and code now, while it is being written (see
/// [`Draft::named`]).
fn make_nodes<'a>(
    dataset: &str,
    entries: &[Slot],
    entry: impl Fn(usize) -> Entry<'a> + Sync,
    variants: &Variants,
    (owner, named, root_depth): (HashMap<Code, usize>, bool, usize),
    (room, kept): (Vec<Node>, Kept),
) -> Draft {
    let mut d = Draft::with_owner(room, entries.len() + entries.len() / 8, owner);
    let line_ids = LineIds::new(entries.iter().filter_map(|e| e.code));
    let named_by_code = |e: &Slot| named && e.code.is_some_and(|c| c.depth() > root_depth);
    // Every node names its dataset: one text for all of them, however long
    // (a short one is held inline, nothing kept).
    let dataset_text = match dataset.len() > std::mem::size_of::<Text>() {
        true => Arena::default().text(dataset),
        false => Text::from(dataset),
    };
    parallel::map_into(&mut d.nodes, entries, Made::default, |made, i, slot| {
        let e = entry(i);
        let parent = slot
            .code
            .and_then(|c| c.parent())
            .filter(|_| named_by_code(slot));
        let code = e.code.map(|c| c.to_text());
        let id = match &code {
            None => line_ids.id(dataset, e.line, None),
            Some(c) => ids::for_code_in(dataset, c, variants.of[i], (&mut made.buf, &mut made.ids)),
        };
        let structures = if e.area.is_empty() && e.servizio.is_empty() {
            Structures::default()
        } else {
            // One structure per row, the same for the rows of one office.
            made.office(e.area, e.servizio)
        };
        let (parent, parent_code) = match parent {
            Some(pcode) => {
                let (_, text, id) = match &mut made.parent {
                    Some(last) if last.0 == pcode => last,
                    last => {
                        let text = pcode.to_text();
                        let id =
                            ids::for_code_in(dataset, &text, 1, (&mut made.buf, &mut made.ids));
                        last.insert((pcode, text, id))
                    }
                };
                (Some(id.clone()), Some(text.clone()))
            }
            None => (None, None),
        };
        // At the depth its code says, as placing most often leaves it (and
        // then never touches the node again); a row without one is placed
        // beside another.
        let level = e.code.map_or(0, |c| level_of(c, root_depth));
        // Written whole, once (not blank and then field by field: a tenth
        // of making the nodes of a large map).
        Node {
            dataset: dataset_text.clone(),
            id,
            code,
            raw_code: kept.of(e.raw_code),
            level,
            kind: kind_for(level),
            variant: variants.of[i].max(1),
            title: kept.of(e.title),
            name: kept.of(e.name),
            input: kept.of(e.input),
            output: kept.of(e.output),
            activities: Steps::of_cell(e.activities, kept),
            role: kept.of(e.role),
            structures,
            extra: Default::default(),
            parent,
            parent_code,
            inferred: false,
            line: Some(e.line),
            diagnostics: Vec::new(),
        }
    });
    if named {
        d.named = entries.iter().map(named_by_code).collect();
    }
    d.parents.resize(entries.len(), None);
    d.keys
        .extend(entries.iter().enumerate().map(|(i, e)| SortKey {
            anchor: e.code,
            line: e.line,
            seq: i as u32,
        }));
    d
}

/// What one worker making nodes keeps from one to the next.
#[derive(Default)]
struct Made {
    /// Siblings come in runs: the parent named last, with its code and id.
    parent: Option<(Code, Text, Text)>,
    /// The structures of each office (area and servizio) met so far, by
    /// the hash of its names.
    offices: HashMap<u64, Vec<Structures>>,
    /// Where the ids too long to hold inline are written, and the scratch
    /// space they are put together in.
    ids: Arena,
    buf: String,
}

impl Made {
    /// The structures of the office named `area` and `servizio`, shared
    /// with the entries before that name it.
    fn office(&mut self, area: &str, servizio: &str) -> Structures {
        let hash = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, (area, servizio));
        let same = self.offices.entry(hash).or_default();
        // Told apart by their own copies of the names, which stay in the
        // cache (comparing with the first row that named an office, far back
        // in the source, cost a memory read per entry: a tenth of a load).
        if let Some(s) = same
            .iter()
            .find(|s| s[0].area == area && s[0].servizio == servizio)
        {
            return s.clone();
        }
        let s = Structures::from(vec![Structure {
            area: area.into(),
            servizio: servizio.into(),
            line: None,
        }]);
        same.push(s.clone());
        s
    }
}

/// A row without a code, beside the entry it follows: under that entry's
/// parent when it is a leaf, under it when it is a header.
fn place_codeless(
    entries: &[Slot],
    i: usize,
    prev_entry: Option<usize>,
    d: &mut Draft,
    diags: &mut Diags,
) {
    let Some(p) = prev_entry else {
        set_level(&mut d.nodes[i], 1);
        return;
    };
    // Only a coded header owns the rows that follow: codeless headers one
    // after another stay side by side (thousands of them must not nest
    // thousands deep).
    let parent = if entries[p].header && entries[p].code.is_some() {
        p
    } else {
        d.parents[p].unwrap_or(p)
    };
    d.parents[i] = Some(parent);
    let level = d.nodes[parent].level.saturating_add(1);
    set_level(&mut d.nodes[i], level);
    d.keys[i].anchor = entries[p].code;
    let message = format!(
        "collocata sotto {} perché segue la riga {} nella fonte",
        d.nodes[parent].id, entries[p].line
    );
    let id = d.nodes[i].id.clone();
    diags.push(
        Some(entries[i].line),
        Severity::Info,
        DiagClass::Attached,
        Some(&id),
        message,
    );
}

/// A code that sorts before the code printed above it, on node `i` of
/// `nodes`, whose id is read only for the diagnostic (a map in order is
/// placed without reading its nodes).
fn report_out_of_order(
    code: Code,
    prev: (Code, u32),
    (nodes, i): (&[Node], usize),
    line: u32,
    diags: &mut Diags,
) {
    let (pc, pl) = prev;
    if code < pc && !pc.starts_with(&code) && code != pc {
        diags.push(
            Some(line),
            Severity::Info,
            DiagClass::OutOfOrder,
            Some(&nodes[i].id),
            format!("{code} segue {pc} (riga {pl}) nella fonte: collocata secondo il codice"),
        );
    }
}

/// What placing the coded entry `i` needs to know.
struct Placing<'e> {
    dataset: &'e str,
    entries: &'e [Slot],
    variants: &'e Variants,
    /// The entries with a code, when they are in code order.
    in_order: Option<&'e [u32]>,
    i: usize,
    code: Code,
    prev_entry: Option<usize>,
    /// The depth of the codes at the top (see [`build_draft`]).
    root_depth: usize,
}

/// A coded entry: under the header with its code (a detail row), under the
/// suffixed code it follows, or under the parent its code names.
/// `last_parent` is the parent code last looked up and its node: siblings
/// come in runs, and an owner once found never changes.
fn place_coded(
    p: &Placing,
    d: &mut Draft,
    diags: &mut Diags,
    last_parent: &mut Option<(Code, usize)>,
) {
    let (i, code, entries) = (p.i, p.code, p.entries);
    let e = &entries[i];
    let (first, count) = p.variants.first[i];
    if first != i && entries[first].header && !e.header {
        hang(d, i, first);
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
    } else if let Some(s) = after_suffixed(entries, p.prev_entry, code) {
        // Never with codes in order (a code below C1.1.7 sorts before
        // C1.1.7b), which make_nodes counts on when it names parents.
        debug_assert!(p.in_order.is_none(), "a suffixed parent in code order");
        let by_code = code.parent().map(|c| c.to_string()).unwrap_or_default();
        hang(d, i, s);
        diags.push(
            Some(e.line),
            Severity::Warning,
            DiagClass::SuffixParent,
            Some(&d.nodes[i].id),
            format!(
                "segue {} (riga {}) nella fonte ed è collocata sotto di essa; in base al solo codice andrebbe sotto {by_code}",
                d.nodes[s].code.as_deref().unwrap_or(""),
                entries[s].line
            ),
        );
    } else {
        if let Some(pcode) = code.parent().filter(|_| code.depth() > p.root_depth) {
            let pi = match *last_parent {
                Some((c, pi)) if c == pcode => pi,
                _ => ensure_code(p, &pcode, d, diags, (e.line, &code)),
            };
            *last_parent = Some((pcode, pi));
            d.parents[i] = Some(pi);
        }
        if count > 1 && !entries[first].header {
            report_variant(p, &d.nodes[i].id, count, diags);
        }
    }
}

/// Puts node `i` under node `parent`, one level below it.
fn hang(d: &mut Draft, i: usize, parent: usize) {
    d.parents[i] = Some(parent);
    let level = d.nodes[parent].level.saturating_add(1);
    set_level(&mut d.nodes[i], level);
}

/// A node's depth, and the kind that goes with it.
fn set_level(n: &mut Node, level: u8) {
    n.level = level;
    n.kind = kind_for(level);
}

/// A code with a suffix letter ("C1.1.7b") owns the deeper rows that follow
/// it directly: the entry before, when it is such a code.
fn after_suffixed(entries: &[Slot], prev_entry: Option<usize>, code: Code) -> Option<usize> {
    let p = prev_entry?;
    let pc = entries[p].code?;
    (pc.suffix.is_some() && code.depth() > pc.depth() + 1 && code.starts_with(&pc.without_suffix()))
        .then_some(p)
}

fn report_variant(p: &Placing, id: &str, count: u32, diags: &mut Diags) {
    // The other lines with this code; a long list is cut (a file with the
    // same code on every row must not get messages that list every row).
    const LISTED: usize = 10;
    let line = p.entries[p.i].line;
    let mut others: Vec<String> = p.variants.lines[&p.code]
        .iter()
        .filter(|&&(j, _)| j != p.i)
        .take(LISTED + 1)
        .map(|(_, l)| l.to_string())
        .collect();
    if others.len() > LISTED {
        others.truncate(LISTED);
        others.push(format!("… e altre {}", count as usize - 1 - LISTED));
    }
    diags.push(
        Some(line),
        Severity::Info,
        DiagClass::Variant,
        Some(id),
        format!(
            "variante {} di {count} righe con codice {} (le altre alla riga {}): mantenuta come voce distinta",
            p.variants.of[p.i],
            p.code,
            others.join(", ")
        ),
    );
}

/// Index of the node owning `code`, inferring it (and its ancestors) when no
/// row has that code.
fn ensure_code(
    p: &Placing,
    code: &Code,
    d: &mut Draft,
    diags: &mut Diags,
    (child_line, child): (u32, &Code),
) -> usize {
    if let Some(&i) = d.owner.get(code) {
        return i;
    }
    if let Some(i) = p
        .in_order
        .and_then(|coded| find_in_order(coded, p.entries, code))
    {
        return i;
    }
    let dataset = p.dataset;
    // Macro-processes (one level) are the roots: a missing one is inferred,
    // nothing above it.
    let parent = code
        .parent()
        .filter(|_| code.depth() > p.root_depth)
        .map(|pcode| ensure_code(p, &pcode, d, diags, (child_line, child)));
    let text = code.to_text();
    let id = ids::for_code(dataset, &text, 1);
    diags.push(
        None,
        Severity::Warning,
        DiagClass::InferredParent,
        Some(&id),
        format!(
            "nessuna riga ha il codice {code}: dedotto come padre di {child} (riga {child_line})"
        ),
    );
    let level = level_of(*code, p.root_depth);
    let mut n = Node::new(dataset, id, kind_for(level), level);
    n.code = Some(text);
    n.inferred = true;
    let key = SortKey {
        anchor: Some(*code),
        line: 0,
        seq: 0,
    };
    let i = d.push(n, key);
    d.parents[i] = parent;
    d.owner.insert(*code, i);
    i
}

/// The depth in the tree of an entry with `code` (1 at the top).
fn level_of(code: Code, root_depth: usize) -> u8 {
    (code.depth() + 1).saturating_sub(root_depth) as u8
}

fn kind_for(level: u8) -> Kind {
    match level {
        1 => Kind::MacroProcesso,
        2 => Kind::Processo,
        3 => Kind::SottoProcesso,
        _ => Kind::Attivita,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(line: u32, code: Option<Code>, header: bool) -> Entry<'static> {
        let content = if header { "" } else { "x" };
        Entry {
            line,
            code,
            raw_code: "",
            title: "t",
            name: "",
            input: content,
            output: content,
            activities: content,
            role: content,
            area: "",
            servizio: "",
            header,
        }
    }

    proptest! {
        /// Why codes in order skip the report of entries printed away from
        /// their parent: it would find none (gaps, suffixes, headers and
        /// rows without a code included).
        #[test]
        fn codes_in_order_leave_nothing_printed_elsewhere(
            rows in proptest::collection::vec(
                (
                    0u8..3,
                    proptest::collection::vec(1u32..4, 1..5),
                    proptest::option::of(0u8..2),
                    any::<bool>(),
                    any::<bool>(),
                ),
                1..60,
            )
        ) {
            let mut codes: Vec<(Code, bool, bool)> = rows
                .iter()
                .filter_map(|(letter, segs, suffix, codeless_after, header)| {
                    let suffix = suffix.map(|s| char::from(b'a' + s));
                    Code::new(char::from(b'A' + letter), segs, suffix)
                        .map(|c| (c, *codeless_after, *header))
                })
                .collect();
            codes.sort_by_key(|c| c.0);
            codes.dedup_by_key(|c| c.0);
            let mut entries = Vec::new();
            for (code, codeless_after, header) in codes {
                entries.push(entry(entries.len() as u32 + 1, Some(code), header));
                if codeless_after {
                    entries.push(entry(entries.len() as u32 + 1, None, false));
                }
            }
            let slots: Vec<Slot> = entries.iter().map(Entry::slot).collect();
            prop_assert!(matches!(Variants::number(&slots).1, Owners::InOrder(_)));
            let mut diags = Diags::new("t");
            let d = build_draft("t", &slots, |i| entries[i].clone(), &[], &mut diags, Default::default(), 1);
            let mut found = Diags::new("t");
            report_printed_elsewhere(&d, &mut found);
            prop_assert!(found.list.is_empty(), "{:?}", found.list);
        }
    }

    /// The report the property above relies on finds what it should: the
    /// same kind of rows out of order (a child printed before its parent).
    #[test]
    fn a_child_printed_before_its_parent_is_reported() {
        let codes = ["A1.1", "A1", "A2"].map(|c| Code::parse(c).unwrap());
        let entries: Vec<Entry> = (0..3)
            .map(|k| entry(k + 1, Some(codes[k as usize]), false))
            .collect();
        let slots: Vec<Slot> = entries.iter().map(Entry::slot).collect();
        let mut diags = Diags::new("t");
        let d = build_draft(
            "t",
            &slots,
            |i| entries[i].clone(),
            &[],
            &mut diags,
            Default::default(),
            1,
        );
        let mut found = Diags::new("t");
        report_printed_elsewhere(&d, &mut found);
        assert_eq!(found.list.len(), 1, "{:?}", found.list);
        assert_eq!(found.list[0].class, DiagClass::PrintedElsewhere);
    }
}

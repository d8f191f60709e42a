//! Reading one row of the catalogue into entries: cells realigned where
//! they moved, the code read from the first cell (two codes give two
//! entries), damaged text and missing roles noted.

use super::super::rows::trimmed;
use super::super::text::{corruption_hints, foreign_chars, DamageSigns};
use super::super::Row;
use crate::model::code::{parse_leading, Code, LeadingCode};
use crate::model::{DiagClass, Severity};

/// One data row after cell realignment, before the tree is built; its text
/// is borrowed from the source until the node is made.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub line: u32,
    pub code: Option<Code>,
    pub raw_code: &'a str,
    pub title: &'a str,
    pub name: &'a str,
    pub input: &'a str,
    pub output: &'a str,
    pub activities: &'a str,
    pub role: &'a str,
    /// The responsible structure, in a spreadsheet that has its columns
    /// (the catalogue has none).
    pub area: &'a str,
    pub servizio: &'a str,
    /// A heading row: code and title, no content.
    pub header: bool,
}

impl Entry<'_> {
    /// What placing the entry in the tree needs.
    pub fn slot(&self) -> Slot {
        Slot {
            line: self.line,
            code: self.code,
            header: self.header,
        }
    }
}

/// What placing an entry in the tree needs of it (its text goes to its
/// node only): kept for every entry of a map while the tree is built, so
/// a tenth of an entry's size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub line: u32,
    pub code: Option<Code>,
    /// A heading row: code and title, no content.
    pub header: bool,
}

/// A diagnostic about a row, before the node it concerns is known.
pub(super) type RowDiag = (Severity, DiagClass, String);

/// The entries of one row: nearly always one, held without an allocation
/// (a map of 100,000 rows would make 100,000 small vectors).
pub(super) type Entries<'a> = smallvec::SmallVec<[Entry<'a>; 1]>;

/// Turns one row into its entries (two when the first cell names two
/// codes), with the row's diagnostics.
pub(super) fn read_entries<'a>(row: &Row<'a>, signs: &DamageSigns) -> (Entries<'a>, Vec<RowDiag>) {
    let mut diags: Vec<RowDiag> = Vec::new();
    diags.extend(extra_cells(row));
    let mut fields: [&'a str; 5] = [1, 2, 3, 4, 5].map(|i| trimmed(row.cell(i)));
    if let Some(d) = realign(&mut fields) {
        diags.push(d);
    }
    let [name, input, output, activities, role] = fields;
    let base = Entry {
        line: row.line,
        code: None,
        raw_code: "",
        title: trimmed(row.cell(0)),
        name,
        input,
        output,
        activities,
        role,
        area: "",
        servizio: "",
        header: input.is_empty() && output.is_empty() && activities.is_empty() && role.is_empty(),
    };
    let entries = coded_entries(base, &mut diags);
    // Damage is rare: look at the cells only when the whole row shows a sign.
    let damaged = signs.in_row(row);
    for e in &entries {
        if damaged {
            let texts = [e.title, e.name, e.input, e.output, e.activities, e.role];
            diags.extend(damage_diagnostics(&texts));
        }
        if !e.header && e.role.is_empty() {
            diags.push((
                Severity::Warning,
                DiagClass::EmptyRole,
                "nessun responsabile indicato in questa riga".to_string(),
            ));
        }
    }
    diags.dedup();
    (entries, diags)
}

/// Cells past the sixth column, reported with their text.
fn extra_cells(row: &Row) -> Option<RowDiag> {
    let extra: Vec<&str> = row
        .filled()
        .filter(|(i, _)| *i >= 6)
        .map(|(_, c)| c)
        .collect();
    (!extra.is_empty()).then(|| {
        (
            Severity::Warning,
            DiagClass::ExtraCells,
            format!(
                "celle oltre la sesta colonna, riportate qui: {}",
                extra.join(" | ")
            ),
        )
    })
}

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

/// Realigns cells moved left (name, input, output, activities, role): the
/// role sits left of its column. Returns the diagnostic when it did.
fn realign(fields: &mut [&str; 5]) -> Option<RowDiag> {
    let k = if fields[4].is_empty() && fields[..4].iter().all(|f| !f.is_empty()) {
        (1..4).find(|&k| looks_like_role(fields[k]))?
    } else if looks_like_role(fields[3]) && looks_like_role(fields[4]) {
        3
    } else {
        return None;
    };
    // fields[k] is the role; fields[..k] are the last k of name, input,
    // output, activities; the fields after k are left over.
    let leftovers: Vec<&str> = fields[k + 1..]
        .iter()
        .copied()
        .filter(|f| !f.is_empty())
        .collect();
    let skip = 4 - k;
    let mut realigned = [""; 5];
    realigned[skip..4].copy_from_slice(&fields[..k]);
    realigned[4] = fields[k];
    *fields = realigned;
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
    Some((Severity::Warning, DiagClass::ShiftedCells, msg))
}

/// The entries of a row from the code its first cell starts with: one, two
/// when the cell names two codes, one without a code when it names none.
fn coded_entries<'a>(base: Entry<'a>, diags: &mut Vec<RowDiag>) -> Entries<'a> {
    let Some(lead) = parse_leading(base.title) else {
        diags.push((
            Severity::Warning,
            DiagClass::MissingCode,
            "riga senza codice: collocata accanto alla voce che la precede nella fonte".to_string(),
        ));
        return smallvec::smallvec![base];
    };
    let irregular = lead.irregularities();
    if !irregular.is_empty() {
        diags.push((
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
    let mut base = base;
    if let Some(name) = name_after_code(base.name, lead.code) {
        diags.push((
            Severity::Info,
            DiagClass::NameCode,
            format!(
                "il nome ripete il codice {} prima del titolo: il codice è tolto dal nome",
                lead.code
            ),
        ));
        base.name = name;
    }
    let mut out: Entries<'a> = smallvec::smallvec![Entry {
        code: Some(lead.code),
        raw_code: lead.raw,
        title,
        ..base.clone()
    }];
    if let Some(second) = second {
        diags.push((
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
    out
}

/// The name without the code it starts with, when that code is the row's
/// own ("A1.2.1.2 Relazione del Responsabile ..." in the name column of row
/// A1.2.1.2): the name column repeating the first one.
fn name_after_code(name: &str, code: Code) -> Option<&str> {
    let lead = parse_leading(name)?;
    (lead.code == code && !lead.rest.is_empty()).then_some(lead.rest)
}

/// Diagnostics for stray foreign glyphs and search-and-replace damage in
/// the cells of one entry.
fn damage_diagnostics(texts: &[&str]) -> Vec<RowDiag> {
    let mut out = Vec::new();
    for t in texts {
        let foreign = foreign_chars(t);
        if !foreign.is_empty() {
            let list: Vec<String> = foreign
                .iter()
                .map(|c| format!("U+{:04X} '{c}'", *c as u32))
                .collect();
            out.push((
                Severity::Warning,
                DiagClass::ForeignScript,
                format!(
                    "caratteri estranei di un altro alfabeto: {}",
                    list.join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_own_code_is_dropped_from_the_name() {
        let code = Code::parse("A1.2").unwrap();
        assert_eq!(name_after_code("A1.2 COMPLIANCE", code), Some("COMPLIANCE"));
        assert_eq!(
            name_after_code("A.1.2. COMPLIANCE", code),
            Some("COMPLIANCE")
        );
        assert_eq!(name_after_code("A1.3 Altro", code), None);
        assert_eq!(name_after_code("A1.2", code), None);
        assert_eq!(name_after_code("Compliance", code), None);
    }
}

//! A sub-process title cut by a page break: the PDF table carried the end
//! of the title over to the first row of the next page, in the
//! sub-process column, where it would read as an action. Seen at line 210
//! of the seed, continuing C2.5.2 (line 204).

use super::builder::Builder;
use super::cells::DataRow;
use super::split::is_joiner;
use crate::model::{DiagClass, Kind, Severity};

/// The title of `label` (the sub-process current before the page break)
/// joined with `text`, when `text` (a text cell at column `col` of `row`)
/// is its continuation: the first data row of a page, the page's
/// sub-process column, and a title that stops on a word that cannot end
/// one ("... in materia di").
pub(super) fn continued_title(
    b: &Builder,
    row: &DataRow,
    col: usize,
    text: &str,
    label: Option<usize>,
) -> Option<String> {
    let label = &b.tree.nodes[label?];
    let cut = label.title.split_whitespace().last().is_some_and(is_joiner);
    let here = row.page_start && row.sub_process_col == Some(col);
    (here && cut && label.kind == Kind::SottoProcesso && label.line < Some(row.line))
        .then(|| rejoin(&label.title, text))
}

/// Records the joined title of `label` and says so.
pub(super) fn rejoin_title(b: &mut Builder, label: usize, joined: String, line: u32) {
    let n = &mut b.tree.nodes[label];
    let code = n.code.as_deref().unwrap_or("");
    let message = format!(
        "il titolo di {code} (riga {}), interrotto dal cambio pagina, prosegue in questa riga nella colonna dei sotto-processi: ricongiunto; la cella non è un'azione e le azioni della riga restano sotto {code} (affidabilità: alta)",
        n.line.unwrap_or(0),
    );
    n.title = joined.into();
    let id = n.id.clone();
    b.diags.push(
        Some(line),
        Severity::Warning,
        DiagClass::TitleContinued,
        Some(&id),
        message,
    );
}

/// `title` followed by what `continuation` adds to it. The continuation
/// may restate the end of the cut title ("Attività di sorveglianza e
/// vigilanza in materia di" + "Sottoprocesso di sorveglianza e vigilanza
/// in materia di metrologia legale"): what it restates is not repeated.
fn rejoin(title: &str, continuation: &str) -> String {
    let ours: Vec<&str> = title.split_whitespace().collect();
    let theirs: Vec<&str> = continuation.split_whitespace().collect();
    let same = |a: &[&str], b: &[&str]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
    };
    // The longest run of two or more of the title's last words that the
    // continuation repeats.
    for n in (2..=ours.len().min(theirs.len())).rev() {
        let tail = &ours[ours.len() - n..];
        if let Some(at) = (0..=theirs.len() - n).find(|&j| same(tail, &theirs[j..j + n])) {
            let rest = &theirs[at + n..];
            return [ours.as_slice(), rest].concat().join(" ");
        }
    }
    [ours, theirs].concat().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restated_end_is_not_repeated() {
        assert_eq!(
            rejoin(
                "Attività di sorveglianza e vigilanza in materia di",
                "Sottoprocesso di sorveglianza e vigilanza in materia di metrologia legale (ufficio comune)"
            ),
            "Attività di sorveglianza e vigilanza in materia di metrologia legale (ufficio comune)"
        );
        assert_eq!(
            rejoin("Gestione delle procedure di", "concessione dei marchi"),
            "Gestione delle procedure di concessione dei marchi"
        );
        assert_eq!(
            rejoin("Vigilanza in materia di", "di"),
            "Vigilanza in materia di di"
        );
        assert_eq!(rejoin("", "x  y"), "x y");
    }
}

//! Labels printed one row too low: in places the PDF put a sub-process's
//! label on the row of the first action of the *next* one, so the action
//! on that row belongs to the label that was current before. Moved only
//! when nothing ties the action to the new label and something ties it to
//! the previous one; every move is a diagnostic with its confidence.

use super::super::text::quote;
use super::builder::Builder;
use crate::model::{DiagClass, Severity};
use crate::text::{for_each_word, root};
use rustc_hash::FxHashMap as HashMap;

/// Words that say nothing about which sub-process an action belongs to;
/// folded (lower case, no accents), as the tokenizer gives them, and
/// sorted (looked up by bisection).
const STOPWORDS: &[&str] = &[
    "alle", "altre", "altri", "anche", "attivita", "camerale", "camerali", "compresa", "comprese",
    "compreso", "degli", "della", "delle", "dello", "gestione", "ivi", "loro", "materia", "nella",
    "nelle", "ogni", "presso", "processi", "processo", "relative", "relativi", "rilascio",
    "servizi", "servizio", "sono", "sulla", "sulle",
];

/// The labels around the row of an action.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowLabels {
    /// The label this row introduced, if any.
    pub newest: Option<usize>,
    /// The label that was current before this row.
    pub before: Option<usize>,
}

/// The stems of label titles, by node: a label is compared on its own row
/// and again as the previous label on the next one.
#[derive(Debug, Default)]
pub(super) struct LabelStems(HashMap<usize, Vec<String>>);

impl LabelStems {
    /// Forgets the stems of a label whose title changed.
    pub fn forget(&mut self, label: usize) {
        self.0.remove(&label);
    }

    fn of(&mut self, b: &Builder, label: usize) -> &[String] {
        self.0
            .entry(label)
            .or_insert_with(|| stems(&b.tree.nodes[label].title))
    }
}

/// The node an action goes under: `parent` as read, or the label current
/// before this row when the row's new label looks printed one row too low.
/// `id` is the action's, for the diagnostic.
pub(super) fn place(
    b: &mut Builder,
    labels_stems: &mut LabelStems,
    action: (&str, &str),
    line: u32,
    parent: usize,
    labels: RowLabels,
) -> usize {
    let (Some(newest), Some(before)) = (labels.newest, labels.before) else {
        return parent;
    };
    if parent != newest || before == newest {
        return parent;
    }
    let (id, text) = action;
    let own = stems(text);
    // Most actions share a word with their label: that settles it.
    if common(&own, labels_stems.of(b, newest)) > 0 {
        return parent;
    }
    let tied_before = common(&own, labels_stems.of(b, before));
    if tied_before == 0 {
        return parent;
    }
    let (new, old) = (&b.tree.nodes[newest], &b.tree.nodes[before]);
    let message = format!(
        "l'etichetta {} di questa riga sembra stampata una riga troppo in basso: l'azione corrisponde meglio a {} \"{}\" ed è collocata lì (affidabilità: {})",
        new.code.as_deref().unwrap_or(""),
        old.code.as_deref().unwrap_or(""),
        quote(&old.title),
        if tied_before >= 2 { "alta" } else { "media" }
    );
    b.diags.push(
        Some(line),
        Severity::Warning,
        DiagClass::LabelLag,
        Some(id),
        message,
    );
    before
}

/// The distinct roots of the words of `text` that say something about
/// where it belongs, sorted: words of four letters or more, not numbers,
/// not [`STOPWORDS`]. Roots (the first five letters) rather than stems: an
/// action and its label often use two words of one family ("Seminari
/// informativi" under "sportelli per l'informazione").
fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| {
        let significant = w.chars().count() >= 4
            && !w.chars().all(|c| c.is_ascii_digit())
            && STOPWORDS.binary_search(&w).is_err();
        if significant {
            out.push(root(w).to_string());
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// Number of stems two sorted lists (from [`stems`]) have in common.
fn common(ours: &[String], theirs: &[String]) -> usize {
    ours.iter()
        .filter(|s| theirs.binary_search(s).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_folded() {
        assert!(STOPWORDS.iter().all(|w| crate::text::fold(w) == *w));
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(stems("ATTIVITÀ attività Attivita").is_empty());
        assert_eq!(stems("Registro 2019 SG"), ["regis"]);
    }

    #[test]
    fn similarity_ignores_generic_words() {
        let own = stems("Gestione reception");
        assert_eq!(common(&stems("Gestione centralino e reception"), &own), 1);
        assert_eq!(common(&stems("Gestione sale"), &own), 0);
        let many = stems("Registro imprese, registro delle imprese e diritto annuale");
        assert_eq!(
            common(&stems("Imprese del registro: imprese, registri"), &many),
            2
        );
    }
}

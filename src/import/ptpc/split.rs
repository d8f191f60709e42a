//! Several actions run together in one cell (the PDF table lost the line
//! breaks between them), split at the capitalised words that start an
//! action.

use super::super::Diags;
use crate::model::{DiagClass, Severity};

/// The actions of one row: each text with the node it attaches to, split
/// where one cell holds several actions. `structures_below`: structure
/// rows follow this row, one per action, which is the surest sign of a
/// run-together cell.
pub(super) fn actions_of_row(
    texts: &[(usize, &str)],
    structures_below: bool,
    line: u32,
    diags: &mut Diags,
) -> Vec<(usize, String)> {
    let single_text = texts.len() == 1;
    let mut pieces = Vec::with_capacity(texts.len());
    for &(parent, text) in texts {
        let split = if single_text && (structures_below || run_together(text)) {
            split_actions(text)
        } else {
            Vec::new()
        };
        if split.len() > 1 {
            diags.push(
                Some(line),
                Severity::Warning,
                DiagClass::ConcatenatedActions,
                None,
                format!("una cella contiene {} azioni di seguito: divise alle parole iniziali in maiuscolo (affidabilità: media)", split.len()),
            );
        }
        if split.is_empty() {
            pieces.push((parent, text.to_string()));
        } else {
            pieces.extend(split.into_iter().map(|s| (parent, s)));
        }
    }
    pieces
}

/// A long cell reads as a run of actions, not as one action listing its
/// items (which uses ";" or ":").
fn run_together(text: &str) -> bool {
    // Bytes first: counting characters is needed only for a long cell.
    text.len() > 100 && !text.contains([';', ':']) && text.chars().count() > 100
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

/// Whether `word` (as written) joins the words around it.
pub(super) fn is_joiner(word: &str) -> bool {
    JOINERS.iter().any(|j| j.eq_ignore_ascii_case(word))
}

/// Word endings and words that start an action in these documents.
const ACTION_ENDINGS: &[&str] = &["zione", "zioni", "mento", "menti", "tura", "sione"];
const ACTION_WORDS: &[&str] = &[
    "gestione",
    "controllo",
    "rinnovo",
    "progetti",
    "protocollo",
    "sistema",
    "programma",
    "consulenza",
    "misurazioni",
];

/// Capitalised words that start an action: "Gestione", "Predisposizione".
fn starts_action(word: &str) -> bool {
    // Most words start with a lowercase letter: no need to look further.
    if word.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    let rest_lower = w.chars().skip(1).any(char::is_lowercase);
    if !first_upper || !rest_lower {
        return false;
    }
    // The lists are ASCII: comparing ignoring ASCII case says the same as
    // lowercasing first.
    let ends_with = |suffix: &str| {
        w.len() >= suffix.len()
            && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ACTION_ENDINGS.iter().any(|s| ends_with(s))
        || ACTION_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Splits a cell that holds several actions run together, at capitalised
/// action words that do not follow a joining word and are not in brackets.
/// Each piece has its words joined by single spaces.
pub(super) fn split_actions(cell: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece: Vec<&str> = Vec::new();
    // Brackets open at this point: "(reportistica a supporto del SG)".
    let mut depth = 0i32;
    for w in cell.split_whitespace() {
        if depth == 0 && piece.len() >= 2 && starts_action(w) {
            let prev = piece.last().copied().unwrap_or_default();
            let joined = is_joiner(prev) || prev.ends_with(['\'', '/', '-']);
            if !joined {
                pieces.push(piece.join(" "));
                piece.clear();
            }
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        depth = depth.max(0);
        piece.push(w);
    }
    if !piece.is_empty() {
        pieces.push(piece.join(" "));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_single_spaced() {
        for spaced in [" a b ", "a  b", "a\tb", "a\u{a0}b", "a \nb"] {
            assert_eq!(split_actions(spaced), ["a b"]);
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
        assert!(split_actions("").is_empty());
    }

    #[test]
    fn joiners_are_lowercase_and_compared_ignoring_case() {
        assert!(JOINERS.iter().all(|w| w.to_lowercase() == *w));
        assert!(is_joiner("Della") && is_joiner("dell'"));
        assert!(!is_joiner("Controllo"));
    }
}

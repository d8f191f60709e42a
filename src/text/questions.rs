//! Question forms: how people ask ("chi si occupa di", "a chi mi rivolgo
//! per", "dove si fa", "come si chiede"), not what they ask about. Search
//! and `mappa who` drop them from a query as whole phrases, never word by
//! word, so that "chi si occupa del protocollo" looks for "protocollo"
//! while "occupazione suolo pubblico" keeps every word.
//!
//! The list is `assets/domande.txt`, one form per line, read once.

use super::fold::words;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

const FORMS: &str = include_str!("../../assets/domande.txt");

/// The forms by their first folded word, longest first.
struct Forms(FxHashMap<String, Vec<Vec<String>>>);

static SHIPPED: LazyLock<Forms> = LazyLock::new(|| Forms::parse(FORMS));

impl Forms {
    fn parse(text: &str) -> Forms {
        let mut by_first: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let form: Vec<String> = words(line).collect();
            if let Some(first) = form.first() {
                let list = by_first.entry(first.clone()).or_default();
                if !list.contains(&form) {
                    list.push(form);
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|f| std::cmp::Reverse(f.len()));
        }
        Forms(by_first)
    }

    fn marks<S: AsRef<str>>(&self, words: &[S]) -> Vec<bool> {
        let mut marked = vec![false; words.len()];
        let mut i = 0;
        while i < words.len() {
            let longest = self.0.get(words[i].as_ref()).and_then(|forms| {
                forms.iter().map(Vec::len).find(|&n| {
                    i + n <= words.len()
                        && forms.iter().any(|f| {
                            f.len() == n
                                && f.iter().zip(&words[i..i + n]).all(|(a, b)| a == b.as_ref())
                        })
                })
            });
            match longest {
                Some(n) => {
                    marked[i..i + n].iter_mut().for_each(|m| *m = true);
                    i += n;
                }
                None => i += 1,
            }
        }
        // A query that is nothing but a question form keeps its words.
        if marked.iter().all(|&m| m) {
            marked.iter_mut().for_each(|m| *m = false);
        }
        marked
    }
}

/// Which of the folded `words` of a query belong to a question form:
/// the longest form at each place, left to right. None when the forms
/// would take every word.
pub fn question_words<S: AsRef<str>>(words: &[S]) -> Vec<bool> {
    SHIPPED.marks(words)
}

/// Whether the folded `words` are nothing but question forms ("chi si
/// occupa"): a question without a topic.
pub fn only_question<S: AsRef<str>>(words: &[S]) -> bool {
    let mut marked = SHIPPED.marks(words);
    // `marks` gives none back when every word is a form's: ask again with
    // one more word, which no form takes.
    if words.is_empty() {
        return false;
    }
    if marked.iter().any(|&m| m) {
        return false;
    }
    let mut more: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    more.push("\u{0}");
    marked = SHIPPED.marks(&more);
    marked[..words.len()].iter().all(|&m| m)
}

/// Number of question forms in the shipped list.
#[cfg(test)]
fn forms_count() -> usize {
    SHIPPED.0.values().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(query: &str) -> Vec<String> {
        let all: Vec<String> = words(query).collect();
        let marks = question_words(&all);
        all.into_iter()
            .zip(marks)
            .filter(|(_, m)| !m)
            .map(|(w, _)| w)
            .collect()
    }

    #[test]
    fn forms_are_dropped_as_phrases() {
        assert_eq!(kept("chi si occupa del protocollo"), ["del", "protocollo"]);
        assert_eq!(kept("A chi mi rivolgo per la PEC?"), ["per", "la", "pec"]);
        assert_eq!(kept("dove si fa la vidimazione"), ["la", "vidimazione"]);
        assert_eq!(kept("Come si chiede la CNS"), ["la", "cns"]);
        // Accents and apostrophes do not matter.
        assert_eq!(
            kept("qual è l'ufficio che si occupa dei marchi"),
            ["dei", "marchi"]
        );
    }

    #[test]
    fn content_words_are_never_dropped_alone() {
        for q in [
            "occupazione suolo pubblico",
            "piano occupazionale",
            "cura del verde",
            "rivolgo istanza",
            "segue procedura",
        ] {
            let all: Vec<String> = words(q).collect();
            assert_eq!(kept(q), all, "{q}");
        }
    }

    #[test]
    fn the_longest_form_wins_and_a_bare_form_stays() {
        assert_eq!(
            kept("quale ufficio si occupa di pulizie"),
            ["di", "pulizie"]
        );
        assert_eq!(kept("quale ufficio"), ["quale", "ufficio"]);
        assert_eq!(
            kept("buongiorno, come si fa il deposito"),
            ["il", "deposito"]
        );
    }

    #[test]
    fn a_question_without_a_topic_is_told() {
        let w = |q: &str| words(q).collect::<Vec<_>>();
        assert!(only_question(&w("chi si occupa")));
        assert!(only_question(&w("A chi mi rivolgo?")));
        assert!(!only_question(&w("chi si occupa del protocollo")));
        assert!(!only_question(&w("protocollo")));
        assert!(!only_question(&w("")));
    }

    #[test]
    fn the_list_is_a_real_one() {
        assert!(forms_count() >= 100, "{}", forms_count());
        // Every form is made of folded words, and none is a single content word
        // that a query could mean as its topic.
        let parsed = Forms::parse(FORMS);
        for forms in parsed.0.values() {
            for f in forms {
                assert!(f.len() >= 2 || is_courtesy(&f[0]), "{f:?}");
            }
        }
    }

    fn is_courtesy(w: &str) -> bool {
        matches!(w, "buongiorno" | "buonasera" | "salve" | "grazie" | "scusi")
    }
}

//! Every piece of text `mappa diff` prints, in Italian and English.

use super::Lang;
use crate::import::diff::{ChangeKind, Field};

/// Every piece of text `mappa diff` prints, in one language.
pub struct Texts {
    pub reading_old: &'static str,
    pub reading_new: &'static str,
    pub none: &'static str,
    pub empty_file: &'static str,
    pub unknown_dataset: &'static str,
    pub no_common_dataset: &'static str,
    pub old_holds: &'static str,
    pub new_holds: &'static str,
    pub entries_before: &'static str,
    pub entries_after: &'static str,
    pub no_changes: &'static str,
    pub diagnostics_old: &'static str,
    pub diagnostics_new: &'static str,
    pub score: &'static str,
    pub fields: &'static str,
    pub now: &'static str,
    pub under: &'static str,
    pub was: &'static str,
    pub top: &'static str,
    pub the_code: &'static str,
    pub now_names: &'static str,
    pub named_before: &'static str,
    /// Each kind as a change log line names it, and counted (one, many).
    pub kinds: [(&'static str, &'static str, &'static str); 8],
    pub field_names: [&'static str; 9],
}

impl Texts {
    pub fn kind(&self, k: ChangeKind) -> &'static str {
        self.kinds[k as usize].0
    }

    pub fn counted(&self, k: ChangeKind, n: usize) -> &'static str {
        let (_, one, many) = self.kinds[k as usize];
        if n == 1 {
            one
        } else {
            many
        }
    }

    pub fn field(&self, f: Field) -> &'static str {
        self.field_names[f as usize]
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::It => &IT,
        Lang::En => &EN,
    }
}

static IT: Texts = Texts {
    reading_old: "lettura della versione precedente",
    reading_new: "lettura della nuova versione",
    none: "nessuno",
    empty_file: "un file non contiene alcun dataset: niente da confrontare",
    unknown_dataset: "dataset sconosciuto",
    no_common_dataset: "i due file non hanno dataset con lo stesso id; scegline uno con --dataset",
    old_holds: "la versione precedente contiene",
    new_holds: "la nuova contiene",
    entries_before: "voci prima",
    entries_after: "dopo",
    no_changes: "nessuna differenza",
    diagnostics_old: "Segnalazioni della versione precedente",
    diagnostics_new: "Segnalazioni della nuova versione",
    score: "punteggio",
    fields: "campi",
    now: "ora:",
    under: "sotto",
    was: "era sotto",
    top: "il primo livello",
    the_code: "il codice",
    now_names: "ora indica un'altra voce",
    named_before: "indicava un'altra voce",
    kinds: [
        ("invariata", "invariata", "invariate"),
        ("modificata", "modificata", "modificate"),
        ("rinominata", "rinominata", "rinominate"),
        ("spostata", "spostata", "spostate"),
        ("divisa", "divisa", "divise"),
        ("unite", "unione", "unioni"),
        ("rimossa", "rimossa", "rimosse"),
        ("aggiunta", "aggiunta", "aggiunte"),
    ],
    field_names: [
        "titolo",
        "nome",
        "input",
        "output",
        "attività",
        "responsabile",
        "strutture",
        "codice",
        "voce superiore",
    ],
};

static EN: Texts = Texts {
    reading_old: "reading the old version",
    reading_new: "reading the new version",
    none: "none",
    empty_file: "a file holds no dataset: nothing to compare",
    unknown_dataset: "unknown dataset",
    no_common_dataset: "the two files have no dataset with the same id; choose one with --dataset",
    old_holds: "the old version holds",
    new_holds: "the new one holds",
    entries_before: "entries before",
    entries_after: "after",
    no_changes: "no differences",
    diagnostics_old: "Diagnostics of the old version",
    diagnostics_new: "Diagnostics of the new version",
    score: "score",
    fields: "fields",
    now: "now:",
    under: "under",
    was: "was under",
    top: "the top level",
    the_code: "code",
    now_names: "now names another entry",
    named_before: "named another entry",
    kinds: [
        ("same", "same", "same"),
        ("changed", "changed", "changed"),
        ("renamed", "renamed", "renamed"),
        ("moved", "moved", "moved"),
        ("split", "split", "split"),
        ("merged", "merge", "merges"),
        ("removed", "removed", "removed"),
        ("added", "added", "added"),
    ],
    field_names: [
        "title",
        "name",
        "input",
        "output",
        "activities",
        "role",
        "structures",
        "code",
        "parent",
    ],
};

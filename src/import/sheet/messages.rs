//! What `check` says about how a sheet was read (Italian, as every
//! diagnostic), kept together for the coming `i18n` module: the columns
//! kept as extra fields, a steps column beside the levels, the codes read
//! in a scheme of the sheet's own, the rows that add to the entry above.

use crate::import::text::quote;

/// The headed columns no field reads (`named`: letters and header each),
/// kept with every entry; `first` is the first one's letters.
pub fn extra_columns(named: &[String], first: &str) -> String {
    let (columns, are) = match named.len() {
        1 => ("colonna", "non è un campo"),
        _ => ("colonne", "non sono campi"),
    };
    format!(
        "{columns} {}: {are} di mappa, il testo è tenuto in ogni voce come campo aggiuntivo \
         (--columns CAMPO={first} per leggerla come un campo)",
        named.join(", ")
    )
}

/// A column headed "Attività" or "Azioni" beside the levels whose cells
/// list steps: read as the steps of the row's entry.
pub fn steps_beside_levels(letters: &str, heading: &str) -> String {
    format!(
        "colonna {letters} \"{}\": le sue celle sono elenchi di fasi, lette come le fasi della voce \
         della riga e non come un livello (--columns liv-attivita={letters} per leggerla come livello)",
        quote(heading)
    )
}

/// How the sheet writes its top-level codes, as [`super::codes`] read it.
#[derive(Debug, Clone, Copy)]
pub enum SchemeSeen {
    Letters,
    Roman,
}

/// The top-level codes read in the sheet's own scheme (`listed`: the
/// first of them).
pub fn code_scheme(seen: SchemeSeen, listed: &[&str]) -> String {
    let (what, example) = match seen {
        SchemeSeen::Letters => ("di una lettera sola", "A1 sta sotto A"),
        SchemeSeen::Roman => ("in numeri romani", "II.1 sta sotto II"),
    };
    format!(
        "codici di primo livello {what} ({}): le voci che iniziano così sono lette con quel \
         codice, e i codici che ne discendono stanno sotto di esse ({example})",
        listed.join(", ")
    )
}

/// Where rows that open no entry went: sheet rows `first` to `last` (one
/// row when they are equal) of a sheet of level columns (`levels`) or of
/// codes, added to entry `id` of row `line`; `kept` is the text that
/// differed from the entry's own, not added.
pub fn continued(levels: bool, rows: (u32, u32), entry: (&str, u32), kept: &[String]) -> String {
    let ((first, last), (id, line)) = (rows, entry);
    let mut message = match (levels, first == last) {
        (true, true) => format!(
            "le colonne di livello ripetono la riga sopra: le celle della riga sono aggiunte a {id} (riga {line})"
        ),
        (true, false) => format!(
            "le righe {first}–{last} non aprono una voce (le colonne di livello ripetono la riga sopra): \
             le loro celle (fasi, strutture, altri campi) sono aggiunte a {id} (riga {line})"
        ),
        (false, true) => format!(
            "riga senza codice né titolo: le sue celle sono aggiunte a {id} (riga {line})"
        ),
        (false, false) => format!(
            "le righe {first}–{last} non hanno codice né titolo: le loro celle sono aggiunte a {id} (riga {line})"
        ),
    };
    if !kept.is_empty() {
        message.push_str(&format!(
            "; testo diverso da quello della voce, non aggiunto: {}",
            kept.join(", ")
        ));
    }
    message
}

/// A piece of `kept` text of row `line`, in a note about several rows.
pub fn kept_at(line: u32, kept: &str) -> String {
    format!("riga {line}, {kept}")
}

/// A row with text only in columns kept as extra fields, and no entry of
/// its own or above to add it to.
pub fn only_extra_text(text: &str) -> String {
    format!(
        "la riga ha testo solo in colonne che la mappa non usa (\"{}\"): non è una voce \
         né ne continua una; indica con --columns quale campo è, se va letta",
        quote(text)
    )
}

//! The review store's errors in words a person can act on.

use super::Lang;
use crate::review::{Conflict, Invalid, Refused, SqliteCause, StoreError};

fn verb(what: &str, lang: Lang) -> &'static str {
    match (what, lang) {
        ("open", Lang::It) => "aprire",
        ("read", Lang::It) => "leggere",
        ("write", Lang::It) => "scrivere",
        ("prepare", Lang::It) => "preparare",
        ("create", Lang::It) => "creare",
        ("back up", Lang::It) => "copiare",
        ("open", Lang::En) => "open",
        ("read", Lang::En) => "read",
        ("prepare", Lang::En) => "prepare",
        ("create", Lang::En) => "create",
        ("back up", Lang::En) => "back up",
        (_, Lang::It) => "usare",
        (_, Lang::En) => "write",
    }
}

fn cause(c: SqliteCause, lang: Lang) -> (&'static str, &'static str) {
    use SqliteCause::*;
    match lang {
        Lang::It => match c {
            Busy => ("un altro programma lo sta usando e non lo ha rilasciato", "riprova tra poco"),
            ReadOnly => (
                "con i tuoi permessi non si può scrivere",
                "chiedi il permesso di scrittura sul file e sulla sua cartella, o usa --read-only",
            ),
            Permission => (
                "con i tuoi permessi non si può aprire",
                "controlla che il file e la sua cartella siano leggibili (e scrivibili, per registrare)",
            ),
            NotADatabase => ("il file non è un database", "indica un altro file con --review"),
            Corrupt => (
                "il file è danneggiato",
                "ripristinalo da una copia (`mappa review backup` ne fa una)",
            ),
            DiskFull => ("il disco è pieno", "libera spazio e riprova"),
            Io => ("il sistema non è riuscito a leggerlo o scriverlo", "controlla il disco e riprova"),
            CannotCreate => (
                "in quella cartella, con i tuoi permessi, non si può creare il file",
                "scegli una cartella in cui puoi scrivere, o chiedi il permesso",
            ),
            Unreachable => (
                "con i tuoi permessi non si raggiunge",
                "controlla i permessi delle sue cartelle",
            ),
            Other => (
                "il database ha dato un errore inatteso",
                "riprova; se si ripete, esegui `mappa review verify` e tieni una copia",
            ),
        },
        Lang::En => match c {
            Busy => ("another program is using it and did not let go", "try again in a moment"),
            ReadOnly => (
                "it cannot be written with your permissions",
                "ask for write access to the file and its folder, or use --read-only",
            ),
            Permission => (
                "it cannot be opened with your permissions",
                "check that the file and its folder can be read (and written, to record changes)",
            ),
            NotADatabase => ("the file is not a database", "give another file with --review"),
            Corrupt => (
                "the file is damaged",
                "restore it from a backup (`mappa review backup` makes one)",
            ),
            DiskFull => ("the disk is full", "free some space and try again"),
            Io => ("the system could not read or write it", "check the disk and try again"),
            CannotCreate => (
                "the file cannot be created in that folder with your permissions",
                "choose a folder you may write, or ask for write access",
            ),
            Unreachable => (
                "it cannot be reached with your permissions",
                "check the permissions of its folders",
            ),
            Other => (
                "the database reported an unexpected error",
                "try again; if it persists, run `mappa review verify` and keep a backup",
            ),
        },
    }
}

/// A field's name as people read it.
pub fn field(name: &str, lang: Lang) -> String {
    let it = match name {
        "status" => "stato",
        "notes" => "note",
        "judgement" => "giudizio",
        "motivation" => "motivazione",
        "office" => "ufficio intervistato",
        "interview_date" => "data dell'intervista",
        "present" => "presenti",
        "event" => "evento",
        "factors" => "fattori",
        "note" => "nota",
        "removed" => "rimosso",
        "entry" => "voce",
        "area" => "area",
        "measure" => "misura",
        "kind" => "generale/specifica",
        "type" => "tipologia",
        "owner" => "responsabile",
        "due" => "scadenza",
        "indicator" => "indicatore",
        "target" => "valore atteso",
        "target_date" => "data del valore atteso",
        "phases" => "fasi",
        "targets" => "cosa tratta",
        "date" => "data",
        "state" => "stato",
        "value" => "valore rilevato",
        "evidence" => "evidenza",
        "verdict" => "decisione",
        "link" => "voce collegata",
        "text" => "testo",
        other => other,
    };
    match lang {
        Lang::It => it.to_string(),
        Lang::En => name.replace('_', " "),
    }
}

/// A change refused because someone else changed the field since.
pub fn conflict(c: &Conflict, lang: Lang) -> String {
    let f = field(&c.field, lang);
    match lang {
        Lang::It => format!(
            "{f} di {} è stato cambiato da {} il {} (revisione {}): valore attuale {:?}; nulla è stato scritto (guardalo con `mappa review show`, poi ripeti senza --base per sovrascriverlo)",
            c.entry, c.who, c.at, c.revision, c.current
        ),
        Lang::En => format!(
            "{f} of {} was changed by {} on {} (revision {}): current value {:?}; nothing was written (see it with `mappa review show`, then repeat without --base to overwrite it)",
            c.entry, c.who, c.at, c.revision, c.current
        ),
    }
}

fn invalid(e: &Invalid, lang: Lang) -> String {
    match (e, lang) {
        (
            Invalid::TooLong {
                field: f,
                chars,
                limit,
            },
            Lang::It,
        ) => format!(
            "{} troppo lungo: {chars} caratteri, al massimo {limit}; nulla è stato scritto",
            field(f, lang)
        ),
        (
            Invalid::TooLong {
                field: f,
                chars,
                limit,
            },
            Lang::En,
        ) => format!(
            "{} too long: {chars} characters, at most {limit}; nothing was written",
            field(f, lang)
        ),
        (Invalid::Empty(f), Lang::It) => format!("{} non può essere vuoto", field(f, lang)),
        (Invalid::Empty(f), Lang::En) => format!("{} cannot be empty", field(f, lang)),
        (Invalid::NeedsMotivation, Lang::It) => {
            "un giudizio richiede la motivazione (--motivation TESTO)".into()
        }
        (Invalid::NeedsMotivation, Lang::En) => {
            "a judgement needs a motivation (--motivation TEXT)".into()
        }
        (Invalid::Future { what, date, today }, Lang::It) => format!(
            "{} {date} è dopo oggi ({today}): si registra ciò che è già avvenuto",
            what_it(what)
        ),
        (Invalid::Future { what, date, today }, Lang::En) => format!(
            "the {} date {date} is after today ({today}): only what has happened is recorded",
            what.replace('_', " ")
        ),
        (Invalid::Implausible { what, date }, Lang::It) => format!(
            "{} {date} fuori dagli anni ammessi ({}–{}): è un errore di battitura?",
            what_it(what),
            crate::review::time::DUE_YEARS.0,
            crate::review::time::DUE_YEARS.1
        ),
        (Invalid::Implausible { what, date }, Lang::En) => format!(
            "the {} date {date} is outside the years allowed ({}–{}): a typing mistake?",
            what.replace('_', " "),
            crate::review::time::DUE_YEARS.0,
            crate::review::time::DUE_YEARS.1
        ),
        (Invalid::MeasureIncomplete, Lang::It) => {
            "una misura nuova richiede --kind, --type, --owner e --due".into()
        }
        (Invalid::MeasureIncomplete, Lang::En) => {
            "a new measure needs --kind, --type, --owner and --due".into()
        }
        (Invalid::NoTarget, Lang::It) => {
            "una misura tratta almeno un evento rischioso (R12) o una voce".into()
        }
        (Invalid::NoTarget, Lang::En) => {
            "a measure treats at least one risk event (R12) or entry".into()
        }
        (Invalid::BadId(b), Lang::It) => {
            format!(
                "\"{}\" non è un identificativo valido ({})",
                b.text, b.example
            )
        }
        (Invalid::BadId(b), Lang::En) => b.to_string(),
        (Invalid::Unknown(u), Lang::It) => u.to_string(),
        (Invalid::Unknown(u), Lang::En) => format!(
            "unknown {} \"{}\"; use one of: {}",
            u.what,
            u.text,
            u.choices.join(", ")
        ),
    }
}

fn what_it(what: &str) -> &'static str {
    match what {
        "check" => "la data della verifica",
        "interview" => "la data dell'intervista",
        "due" => "la scadenza",
        "phase" => "la scadenza della fase",
        "target_date" => "la data del valore atteso",
        _ => "la data",
    }
}

fn refused(e: &Refused, lang: Lang) -> String {
    match (e, lang) {
        (Refused::Removed(what), Lang::It) => format!(
            "{what} è stato rimosso: resta nel registro di audit; ripristinalo prima di cambiarlo"
        ),
        (Refused::Removed(what), Lang::En) => format!(
            "{what} was removed: it stays in the audit log; restore it before changing it"
        ),
        (Refused::LastTarget { measure, target }, Lang::It) => format!(
            "{measure} tratta solo {target}: collegala prima a un altro evento o voce"
        ),
        (Refused::LastTarget { measure, target }, Lang::En) => format!(
            "{measure} treats only {target}: link it to another event or entry first"
        ),
        (Refused::NotLinked { measure, target }, Lang::It) => {
            format!("{measure} non è collegata a {target}")
        }
        (Refused::NotLinked { measure, target }, Lang::En) => {
            format!("{measure} is not linked to {target}")
        }
        (
            Refused::MovedOn {
                row,
                field: f,
                current,
                who,
                at,
            },
            Lang::It,
        ) => format!(
            "{} è cambiato dopo la riga {row}: ora vale {current:?} (da {who}, il {at}); nulla è stato scritto (--force per annullare comunque)",
            field(f, lang)
        ),
        (
            Refused::MovedOn {
                row,
                field: f,
                current,
                who,
                at,
            },
            Lang::En,
        ) => format!(
            "{} moved on after row {row}: it is now {current:?} (set by {who} on {at}); nothing was written (--force to undo it anyway)",
            field(f, lang)
        ),
        (Refused::NotRevertible { row, why }, Lang::It) => {
            format!("la riga {row} del registro non si può annullare: {}", why_it(why))
        }
        (Refused::NotRevertible { row, why }, Lang::En) => {
            format!("row {row} of the log cannot be undone: {why}")
        }
        (Refused::Closed(y), Lang::It) => format!(
            "il ciclo {y} è chiuso: nulla è stato scritto (una correzione va nel ciclo successivo)"
        ),
        (Refused::Closed(y), Lang::En) => format!(
            "the {y} round is closed: nothing was written (a correction goes into the next round)"
        ),
        (Refused::NoRound(y), Lang::It) => {
            format!("non c'è un ciclo {y}: aprilo con `mappa round open {y}`")
        }
        (Refused::NoRound(y), Lang::En) => {
            format!("there is no {y} round: open it with `mappa round open {y}`")
        }
        (Refused::RoundExists(y), Lang::It) => format!("il ciclo {y} c'è già"),
        (Refused::RoundExists(y), Lang::En) => format!("the {y} round exists already"),
        (Refused::RoundBefore { year, latest }, Lang::It) => format!(
            "un nuovo ciclo viene dopo l'ultimo ({latest}): {year} non si può aprire"
        ),
        (Refused::RoundBefore { year, latest }, Lang::En) => format!(
            "a new round comes after the latest ({latest}): {year} cannot be opened"
        ),
    }
}

fn why_it(why: &str) -> &'static str {
    match why {
        "a snapshot" => "riassume un intero record (un aggiornamento o un riporto)",
        "a marker" => "segna un aggiornamento dello schema",
        "an earlier format" => {
            "è nel formato di una versione precedente: correggi con il comando del record (per esempio `mappa measure unmonitor`)"
        }
        "unknown field" => "nomina un campo che questa versione non conosce",
        "a title" => "registra il titolo della voce, non un dato del responsabile",
        "a round" => "apre o chiude un ciclo: un ciclo chiuso non si riapre, una correzione va nel ciclo successivo",
        "a confirmation" => "conferma una proposta del ciclo precedente: per cambiarla, registra il valore giusto",
        _ => "non è una modifica di un record",
    }
}

/// The error in `lang`.
pub fn error(e: &StoreError, lang: Lang) -> String {
    let p = |p: &std::path::Path| crate::text::clean(&p.display().to_string()).into_owned();
    match (e, lang) {
        (StoreError::Missing(path), Lang::It) => format!(
            "nessun archivio delle revisioni in {}; lo crea la prima modifica (`mappa review set …`)",
            p(path)
        ),
        (StoreError::Missing(path), Lang::En) => format!(
            "no review store at {}; it is created by the first change (`mappa review set …`)",
            p(path)
        ),
        (StoreError::Foreign { path, why }, Lang::It) => format!(
            "{} non è un archivio delle revisioni di mappa ({why}); mappa non lo tocca: indica un altro file con --review",
            p(path)
        ),
        (StoreError::Foreign { path, why }, Lang::En) => format!(
            "{} is not a mappa review store ({why}); mappa leaves it untouched: give another file with --review",
            p(path)
        ),
        (StoreError::NoFolder(path), Lang::It) => format!(
            "la cartella {} non esiste; creala prima (un archivio non viene mai creato in una cartella che non c'è)",
            p(path)
        ),
        (StoreError::NoFolder(path), Lang::En) => format!(
            "the folder {} does not exist; create it first (a review store is never created in a folder that is not there)",
            p(path)
        ),
        (StoreError::ReadOnly { path, why }, Lang::It) => format!(
            "l'archivio delle revisioni {} è in sola lettura{why}: le note si vedono, le modifiche non si salvano",
            p(path)
        ),
        (StoreError::ReadOnly { path, why }, Lang::En) => format!(
            "the review store {} is read-only{why}: notes are visible, changes are not saved",
            p(path)
        ),
        (StoreError::Newer { path, found, known }, Lang::It) => format!(
            "l'archivio {} è stato scritto da una versione più recente di mappa (schema {found}, questa conosce il {known}); aggiorna mappa",
            p(path)
        ),
        (StoreError::Newer { path, found, known }, Lang::En) => format!(
            "the review store {} was written by a newer mappa (schema {found}, this one knows {known}); update mappa",
            p(path)
        ),
        (
            StoreError::Sqlite {
                path, what, cause: c, ..
            },
            _,
        ) => {
            let (reason, advice) = cause(*c, lang);
            match lang {
                Lang::It => format!(
                    "non si può {} l'archivio delle revisioni {}: {reason}; {advice}",
                    verb(what, lang),
                    p(path)
                ),
                Lang::En => format!(
                    "cannot {} the review store {}: {reason}; {advice}",
                    verb(what, lang),
                    p(path)
                ),
            }
        }
        (
            StoreError::Corrupt {
                table,
                record,
                column,
                value,
            },
            Lang::It,
        ) => format!(
            "l'archivio contiene un valore illeggibile: tabella {table}, record {record}, colonna {column}: {:?}; esegui `mappa review verify`",
            crate::text::clean(value)
        ),
        (
            StoreError::Corrupt {
                table,
                record,
                column,
                value,
            },
            Lang::En,
        ) => format!(
            "the store holds a value that cannot be read: table {table}, record {record}, column {column}: {:?}; run `mappa review verify`",
            crate::text::clean(value)
        ),
        (StoreError::NotFound(what), Lang::It) => format!("{what}: non c'è nell'archivio"),
        (StoreError::NotFound(what), Lang::En) => format!("{what}: not in the store"),
        (StoreError::Conflict(c), _) => conflict(c, lang),
        (StoreError::Invalid(i), _) => invalid(i, lang),
        (StoreError::Refused(r), _) => refused(r, lang),
    }
}

//! The command line's own words: [`Message`], every sentence it says on
//! stderr and every error it makes, with its data; [`Label`], the fixed
//! words of its text output (field names, headings). Both in Italian (the
//! default) and English; the data inside them is shown as given.

use super::Lang;
use crate::config::{ConfigError, Problem, Source};
use crate::environment::EnvError;
use crate::review::BadName;
use crate::text::Shown;
use std::path::{Path, PathBuf};

/// Italian or English, each a `format!`.
macro_rules! say {
    ($lang:expr, $it:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            Lang::It => format!($it $(, $arg)*),
            Lang::En => format!($en $(, $arg)*),
        }
    };
}

/// A path as it may be shown on a terminal.
fn p(path: &Path) -> String {
    Shown(&path.display().to_string()).to_string()
}

/// A list, or "nessuno"/"none".
fn list(items: &[String], lang: Lang) -> String {
    if items.is_empty() {
        Label::NoneLower.text(lang).to_string()
    } else {
        items.join(", ")
    }
}

/// What happened to a risk event (`risk add|set|remove|restore`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Recorded,
    Changed,
    Removed,
    Restored,
}

/// What happened to a measure (`measure add|set|…|monitor|unmonitor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureDone {
    Recorded,
    Changed,
    Removed,
    Restored,
    /// Linked to this event or entry.
    Linked(String),
    Unlinked(String),
    /// Check `check` recorded, with the state it found.
    Checked {
        check: String,
        state: String,
    },
    Unchecked(String),
}

/// Where a text given on the command line was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextSource {
    Stdin,
    File(String),
}

/// A record whose stored value is not what the audit log says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub table: String,
    pub record: String,
    pub field: String,
    pub logged: String,
    pub stored: String,
    pub alteration: crate::review::verify::Alteration,
}

/// Every sentence of the command line, with its data (already made safe
/// for a terminal where it comes from files or people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The prefix of every error: `errore: …`.
    Error(String),
    /// Words already in the language (another module's).
    Said(String),
    /// A file written with `-o`.
    Written(PathBuf),
    BackupWritten(PathBuf),
    /// The subcommands of a command, after an unknown one.
    Subcommands(Vec<String>),
    Environment(EnvError),
    NoDataFolder,
    NotAFolder(PathBuf),
    /// The explorer started without a terminal on both ends.
    NeedsTerminal,
    /// The explorer started on a terminal that cannot move the cursor.
    NeedsCursor,
    /// Why the store is read-only: the setting, and where it was made.
    ReadOnlyFrom(Source),
    CannotMakeFolder {
        path: PathBuf,
        error: String,
    },
    CannotWrite {
        path: PathBuf,
        error: String,
    },
    BadColumns {
        message: String,
    },
    UnknownDataset {
        given: String,
        loaded: Vec<String>,
    },
    // Entries named on the command line.
    /// Not a process code (`show`).
    NotACode {
        given: String,
    },
    /// Neither a code nor an entry id.
    NotAnEntry {
        given: String,
    },
    NoSuchId {
        id: String,
    },
    NoEntryWithCode {
        code: String,
    },
    /// `show CODE` found nothing: the nearest codes, and what to try.
    NoSuchCode {
        code: String,
        nearest: Vec<String>,
    },
    CodeInDatasets {
        code: String,
        datasets: Vec<String>,
    },
    NoVariant {
        code: String,
        variant: u32,
        count: usize,
    },
    ChooseVariant {
        code: String,
        option: &'static str,
        variants: Vec<(u32, String)>,
    },
    /// `(N voci con questo codice)`.
    SameCode(usize),
    /// `who NAME` found no one.
    NoSuchParty {
        name: String,
        near: Vec<String>,
    },
    // search
    QueryTruncated {
        chars: usize,
        words: usize,
    },
    NothingMatches {
        query: String,
        near: Vec<String>,
    },
    PartialResults {
        matched: usize,
        total: usize,
    },
    // check, import
    DatasetCounts {
        entries: usize,
        diagnostics: usize,
    },
    DiagnosticTotals {
        all: usize,
        errors: usize,
        warnings: usize,
        notes: usize,
    },
    Imported {
        dataset: String,
        entries: usize,
        diagnostics: usize,
        errors: usize,
    },
    NoDatasetRead,
    // Texts given as options.
    TextTwice {
        option: String,
    },
    TextTooLong {
        option: String,
        max: usize,
    },
    StdinTaken {
        option: String,
    },
    TextFileUnreadable {
        option: String,
        path: String,
        error: String,
    },
    TextUnreadable {
        option: String,
        from: TextSource,
        error: String,
    },
    TextNotUtf8 {
        option: String,
        from: TextSource,
        byte: usize,
    },
    NotADate {
        option: &'static str,
        given: String,
    },
    // review
    BadIndicator {
        given: String,
    },
    JudgementNeedsMotivation,
    NothingToRecord,
    /// Nothing to change: the options that would.
    NothingToChange(&'static str),
    WorkbookNotForTerminal,
    BackupNeedsOutput,
    SealNotHex {
        given: String,
    },
    SealShort {
        digits: usize,
        needed: usize,
    },
    Verified {
        rows: u64,
        head: String,
        records: u64,
    },
    VerifiedToSeal {
        seal: String,
        rows: u64,
        records: u64,
    },
    ChainBroken {
        path: String,
        reason: String,
    },
    RecordsAltered {
        path: String,
        count: usize,
        /// The first ones (at most 50).
        listed: Vec<Discrepancy>,
    },
    NoSuchSeal {
        path: String,
        seal: String,
    },
    SealBroken {
        path: String,
        reason: String,
    },
    SealAltered {
        path: String,
        count: usize,
    },
    /// For doctor: records changed outside mappa.
    ChangedOutside {
        count: usize,
        first: String,
    },
    // risk, measure
    EventDone {
        done: Event,
        id: String,
        entry: String,
        title: String,
    },
    MeasureDone {
        done: MeasureDone,
        id: String,
        text: String,
        owner: String,
        due: jiff::civil::Date,
    },
    UnknownOwner {
        owner: String,
    },
    BadPhase {
        given: String,
    },
    PhaseWithoutText {
        given: String,
    },
    CheckOfAnother {
        check: String,
        measure: String,
        of: String,
    },
    // links
    DecisionsUnreadable {
        error: String,
    },
    NothingToLink,
    NotInConcordance {
        catalogo: String,
        ptpc: String,
        given: String,
    },
    WrongSide {
        target: String,
        found_in: String,
        wanted: String,
        first: String,
        second: String,
    },
    DecisionRecorded {
        id: String,
        verdict: String,
    },
    DecisionReset {
        id: String,
        verdict: String,
        catalogo: String,
        ptpc: String,
    },
    LinksSummary {
        dataset: String,
        linked: usize,
        unmatched: usize,
        only_unmatched: bool,
    },
    DecisionsSkipped(usize),
}

impl std::fmt::Display for Message {
    /// In Italian, the default; [`Message::text`] for another language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::It))
    }
}

impl std::error::Error for Message {}

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        match self {
            Error(text) => say!(lang, "errore: {}", "error: {}", text),
            Said(text) => text.clone(),
            Written(path) => say!(lang, "scritto {}", "written {}", p(path)),
            BackupWritten(path) => say!(lang, "copia scritta in {}", "backup written to {}", p(path)),
            Subcommands(names) => say!(lang, "Subcomandi: {}", "Subcommands: {}", names.join(", ")),
            Environment(e) => env_error(e, lang),
            NoDataFolder => say!(
                lang,
                "non trovo una cartella dei dati (imposta HOME o XDG_DATA_HOME, o usa --review FILE)",
                "no data folder found (set HOME or XDG_DATA_HOME, or use --review FILE)"
            ),
            NotAFolder(path) => say!(lang, "{} non è una cartella", "{} is not a folder", p(path)),
            NeedsTerminal => say!(
                lang,
                "l'esploratore richiede un terminale; dagli script usa `mappa show CODICE`, `mappa search PAROLE`, `mappa export` o `mappa check`",
                "the explorer needs a terminal; from scripts use `mappa show CODE`, `mappa search WORDS`, `mappa export` or `mappa check`"
            ),
            NeedsCursor => say!(
                lang,
                "l'esploratore richiede un terminale che sappia muovere il cursore (TERM=dumb non può); usa `mappa search PAROLE`, `mappa show CODICE` o `mappa who NOME`, o imposta TERM (per esempio TERM=xterm)",
                "the explorer needs a terminal that can move the cursor (TERM=dumb cannot); use `mappa search WORDS`, `mappa show CODE` or `mappa who NAME`, or set TERM (e.g. TERM=xterm)"
            ),
            ReadOnlyFrom(src) => say!(lang, " (read_only, da {})", " (read_only, from {})", source(src, lang)),
            CannotMakeFolder { path, error } => say!(
                lang,
                "non si crea la cartella {}: {}",
                "cannot make the folder {}: {}",
                p(path),
                error
            ),
            CannotWrite { path, error } => say!(
                lang,
                "non si scrive {}: {}",
                "cannot write {}: {}",
                p(path),
                error
            ),
            BadColumns { message } => format!("--columns: {message}"),
            UnknownDataset { given, loaded } => say!(
                lang,
                "dataset \"{}\" sconosciuto; i dataset caricati sono: {}",
                "unknown dataset \"{}\"; the loaded datasets are: {}",
                given,
                list(loaded, lang)
            ),
            NotACode { given } => say!(
                lang,
                "\"{}\" non è un codice di processo (esempi: A2.3.1.1, C2.10, b1.1)",
                "\"{}\" is not a process code (examples: A2.3.1.1, C2.10, b1.1)",
                given
            ),
            NotAnEntry { given } => say!(
                lang,
                "\"{}\" non è un codice né l'id di una voce (esempi: A2.3.1.1, ptpc2019:L50)",
                "\"{}\" is not a code or an entry id (examples: A2.3.1.1, ptpc2019:L50)",
                given
            ),
            NoSuchId { id } => say!(
                lang,
                "nessuna voce ha l'id \"{}\"; `mappa search` trova le voci dalle loro parole",
                "no entry has id \"{}\"; `mappa search` finds entries by their words",
                id
            ),
            NoEntryWithCode { code } => say!(
                lang,
                "nessuna voce ha il codice {}; `mappa search` trova le voci dalle loro parole",
                "no entry has code {}; `mappa search` finds entries by their words",
                code
            ),
            NoSuchCode { code, nearest } => say!(
                lang,
                "nessuna voce ha il codice {}. Codici più vicini: {}\nProva `mappa search PAROLE` per trovare una voce dalle sue parole.",
                "no entry has code {}. Nearest codes: {}\nTry `mappa search WORDS` to find an entry by its words.",
                code,
                list(nearest, lang)
            ),
            CodeInDatasets { code, datasets } => say!(
                lang,
                "{} è in {}: aggiungi --dataset",
                "{} is in {}: add --dataset",
                code,
                datasets.join(Label::And.spaced(lang))
            ),
            NoVariant {
                code,
                variant,
                count,
            } => say!(
                lang,
                "{} non ha la variante {} (ne ha {})",
                "{} has no variant {} (it has {})",
                code,
                variant,
                count
            ),
            ChooseVariant {
                code,
                option,
                variants,
            } => {
                let lines: Vec<String> = variants
                    .iter()
                    .map(|(v, title)| format!("  {option} {v}: {title}"))
                    .collect();
                say!(
                    lang,
                    "{} ha {} varianti; scegline una:\n{}",
                    "{} has {} variants; choose one:\n{}",
                    code,
                    variants.len(),
                    lines.join("\n")
                )
            }
            SameCode(n) => say!(lang, "{} voci con questo codice", "{} entries with this code", n),
            NoSuchParty { name, near } => say!(
                lang,
                "nessun ruolo o ufficio corrisponde a \"{}\". I più vicini: {}\n`mappa who` li elenca tutti.",
                "no role or office matches \"{}\". Closest: {}\nRun `mappa who` for the full list.",
                name,
                list(near, lang)
            ),
            QueryTruncated { chars, words } => say!(
                lang,
                "ricerca troppo lunga: si leggono al massimo {} caratteri e {} parole, il resto è ignorato",
                "query too long: at most {} characters and {} words are read, the rest is ignored",
                chars,
                words
            ),
            NothingMatches { query, near } if near.is_empty() => say!(
                lang,
                "nessun risultato per \"{}\"\nProva altre parole, o `mappa who` per l'elenco degli uffici.",
                "nothing matches \"{}\"\nTry other words, or `mappa who` for the list of offices.",
                query
            ),
            NothingMatches { query, near } => say!(
                lang,
                "nessun risultato per \"{}\"\nforse cercavi: {}",
                "nothing matches \"{}\"\ndid you mean: {}",
                query,
                near.join(", ")
            ),
            PartialResults { matched, total } => say!(
                lang,
                "nessun risultato con tutte le parole: risultati parziali ({} di {})",
                "no entry has every word: partial results ({} of {})",
                matched,
                total
            ),
            DatasetCounts {
                entries,
                diagnostics,
            } => say!(
                lang,
                "{} voci, {} segnalazioni",
                "{} entries, {} diagnostics",
                entries,
                diagnostics
            ),
            DiagnosticTotals {
                all,
                errors,
                warnings,
                notes,
            } => say!(
                lang,
                "{} segnalazioni: {} errori, {} avvisi, {} note",
                "{} diagnostics: {} errors, {} warnings, {} notes",
                all,
                errors,
                warnings,
                notes
            ),
            Imported {
                dataset,
                entries,
                diagnostics,
                errors,
            } => say!(
                lang,
                "dataset \"{}\": {} voci, {} segnalazioni ({} errori); `mappa --data FILE.json check` le elenca",
                "dataset \"{}\": {} entries, {} diagnostics ({} errors); `mappa --data FILE.json check` lists them",
                dataset,
                entries,
                diagnostics,
                errors
            ),
            NoDatasetRead => say!(lang, "nessun dataset letto", "no dataset was read"),
            TextTwice { option } => say!(
                lang,
                "--{} e --{}-file insieme: dai il testo in un modo solo",
                "--{} and --{}-file together: give the text one way only",
                option,
                option
            ),
            TextTooLong { option, max } => say!(
                lang,
                "--{}: testo troppo lungo, al massimo {} caratteri; nulla è stato scritto",
                "--{}: text too long, at most {} characters; nothing was written",
                option,
                max
            ),
            StdinTaken { option } => say!(
                lang,
                "--{} -: lo standard input è già stato letto da un'altra opzione",
                "--{} -: standard input was already read by another option",
                option
            ),
            TextFileUnreadable {
                option,
                path,
                error,
            } => say!(
                lang,
                "--{}-file {}: non si legge ({})",
                "--{}-file {}: cannot be read ({})",
                option,
                path,
                error
            ),
            TextUnreadable {
                option,
                from,
                error,
            } => say!(
                lang,
                "--{}: {} non si legge ({})",
                "--{}: {} cannot be read ({})",
                option,
                text_source(from, lang),
                error
            ),
            TextNotUtf8 { option, from, byte } => say!(
                lang,
                "--{}: {} non è testo UTF-8 (byte {} non valido)",
                "--{}: {} is not UTF-8 text (byte {} is not valid)",
                option,
                text_source(from, lang),
                byte
            ),
            NotADate { option, given } => say!(
                lang,
                "{} \"{}\" non è una data (AAAA-MM-GG o GG/MM/AAAA)",
                "{} \"{}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                option,
                given
            ),
            BadIndicator { given } => say!(
                lang,
                "--indicator vuole NOME=LIVELLO, per esempio interesse=alto (ricevuto \"{}\")",
                "--indicator takes NAME=LEVEL, for example interesse=alto (given \"{}\")",
                given
            ),
            JudgementNeedsMotivation => say!(
                lang,
                "un giudizio richiede la motivazione: aggiungi --motivation TESTO",
                "a judgement needs its motivation: add --motivation TEXT"
            ),
            NothingToRecord => say!(
                lang,
                "niente da registrare: dai --status, --note, --indicator, --judgement, --motivation o --office/--date/--present",
                "nothing to record: give --status, --note, --indicator, --judgement, --motivation or --office/--date/--present"
            ),
            NothingToChange(options) => say!(
                lang,
                "niente da cambiare: dai almeno una di {}",
                "nothing to change: give at least one of {}",
                options
            ),
            WorkbookNotForTerminal => say!(
                lang,
                "una cartella di lavoro non è per il terminale: aggiungi -o FILE.xlsx",
                "a workbook is not for the terminal: add -o FILE.xlsx"
            ),
            BackupNeedsOutput => say!(
                lang,
                "review backup richiede -o FILE (la copia da scrivere)",
                "review backup needs -o FILE (the copy to write)"
            ),
            SealNotHex { given } => say!(
                lang,
                "--seal \"{}\" non è un sigillo: le cifre esadecimali stampate da `mappa review seal`",
                "--seal \"{}\" is not a seal: the hexadecimal digits `mappa review seal` prints",
                given
            ),
            SealShort { digits, needed } => say!(
                lang,
                "--seal ha {} cifre: servono almeno le prime {} dell'hash stampato da `mappa review seal` (meno potrebbero corrispondere a una riga per caso)",
                "--seal has {} digits: at least the first {} of the hash `mappa review seal` prints are needed (fewer could match a row by chance)",
                digits,
                needed
            ),
            Verified {
                rows,
                head,
                records,
            } => say!(
                lang,
                "ok: {} righe del registro di audit, hash di testa {}; {} record corrispondono al registro",
                "ok: {} rows of the audit log, head hash {}; {} records match the log",
                rows,
                head,
                records
            ),
            VerifiedToSeal {
                seal,
                rows,
                records,
            } => say!(
                lang,
                "ok: nulla è cambiato prima del sigillo {} ({} righe fino al sigillo); {} record corrispondono al registro",
                "ok: nothing changed before the seal {} ({} rows up to the seal); {} records match the log",
                seal,
                rows,
                records
            ),
            ChainBroken { path, reason } => say!(
                lang,
                "il registro di audit di {} non è integro: {}",
                "the audit log of {} is not intact: {}",
                path,
                reason
            ),
            RecordsAltered {
                path,
                count,
                listed,
            } => {
                let mut lines = vec![say!(
                    lang,
                    "i record di {} non sono quelli del registro di audit ({} differenze: modifiche fatte fuori da mappa):",
                    "the records of {} are not those of the audit log ({} differences: changes made outside mappa):",
                    path,
                    count
                )];
                lines.extend(listed.iter().map(|d| discrepancy(d, lang)));
                if *count > listed.len() {
                    lines.push(say!(
                        lang,
                        "  … e altre {}",
                        "  … and {} more",
                        count - listed.len()
                    ));
                }
                lines.join("\n")
            }
            NoSuchSeal { path, seal } => say!(
                lang,
                "nessuna riga del registro di audit di {} ha il sigillo {}: il registro è stato riscritto, o ne sono state cancellate righe, dopo il sigillo",
                "no row of the audit log of {} has the seal {}: the log was rewritten, or rows of it deleted, after the seal",
                path,
                seal
            ),
            SealBroken { path, reason } => say!(
                lang,
                "non si sigilla il registro di {}: non è integro: {}",
                "the log of {} is not sealed: it is not intact: {}",
                path,
                reason
            ),
            SealAltered { path, count } => say!(
                lang,
                "non si sigilla il registro di {}: {} record non corrispondono (`mappa review verify` li elenca)",
                "the log of {} is not sealed: {} records do not match (`mappa review verify` lists them)",
                path,
                count
            ),
            ChangedOutside { count, first } => say!(
                lang,
                "{} record cambiati fuori da mappa (il primo: {}); `mappa review verify` li elenca",
                "{} records changed outside mappa (the first: {}); `mappa review verify` lists them",
                count,
                first
            ),
            EventDone {
                done,
                id,
                entry,
                title,
            } => {
                let verb = match (done, lang) {
                    (Event::Recorded, Lang::It) => "registrato",
                    (Event::Recorded, Lang::En) => "recorded",
                    (Event::Changed, Lang::It) => "cambiato",
                    (Event::Changed, Lang::En) => "changed",
                    (Event::Removed, Lang::It) => {
                        "tolto dal registro (resta nel registro di audit)"
                    }
                    (Event::Removed, Lang::En) => {
                        "removed from the register (kept in the audit log)"
                    }
                    (Event::Restored, Lang::It) => "rimesso nel registro",
                    (Event::Restored, Lang::En) => "put back in the register",
                };
                say!(lang, "{} {} su {} · {}", "{} {} on {} · {}", verb, id, entry, title)
            }
            MeasureDone {
                done,
                id,
                text,
                owner,
                due,
            } => {
                let verb = measure_done(done, lang);
                say!(
                    lang,
                    "{} {} · {} · {} · entro il {}",
                    "{} {} · {} · {} · due by {}",
                    verb,
                    id,
                    text,
                    owner,
                    due
                )
            }
            UnknownOwner { owner } => say!(
                lang,
                "nota: \"{}\" non è uno dei ruoli o uffici della mappa; registrato come scritto (`mappa who` li elenca)",
                "note: \"{}\" is none of the map's roles or offices; recorded as written (`mappa who` lists them)",
                owner
            ),
            BadPhase { given } => say!(
                lang,
                "--phase vuole TESTO@DATA, per esempio \"regolamento approvato@2027-03-31\" (ricevuto \"{}\")",
                "--phase takes TEXT@DATE, for example \"regolamento approvato@2027-03-31\" (given \"{}\")",
                given
            ),
            PhaseWithoutText { given } => say!(
                lang,
                "--phase \"{}\" non ha testo prima di @",
                "--phase \"{}\" has no text before @",
                given
            ),
            CheckOfAnother { check, measure, of } => say!(
                lang,
                "{} di {}: non c'è nell'archivio (è una verifica di {})",
                "{} of {}: not in the store (it is a check of {})",
                check,
                measure,
                of
            ),
            DecisionsUnreadable { error } => say!(
                lang,
                "avviso: le decisioni dell'RPCT sui collegamenti non si leggono, i collegamenti sono quelli calcolati: {}",
                "warning: the officer's link decisions could not be read, links are as computed: {}",
                error
            ),
            NothingToLink => say!(
                lang,
                "la mappa caricata non ha un catalogo e un allegato da collegare: servono un dataset con i ruoli (come catalogo) e uno con le strutture (come ptpc2019)",
                "the loaded map has no catalogue and annex to link: it needs a dataset with roles (like catalogo) and one with structures (like ptpc2019)"
            ),
            NotInConcordance {
                catalogo,
                ptpc,
                given,
            } => say!(
                lang,
                "la concordanza unisce {} e {}; {} non è uno dei due",
                "the concordance joins {} and {}; {} is not one of them",
                catalogo,
                ptpc,
                given
            ),
            WrongSide {
                target,
                found_in,
                wanted,
                first,
                second,
            } => say!(
                lang,
                "{} è una voce di {}, non di {}: dai prima la voce di {} e poi quella di {} (mappa link confirm CATALOGO_TARGET PTPC_TARGET)",
                "{} is an entry of {}, not of {}: give the {} entry first and the {} one second (mappa link confirm CATALOGO_TARGET PTPC_TARGET)",
                target,
                found_in,
                wanted,
                first,
                second
            ),
            DecisionRecorded { id, verdict } => say!(
                lang,
                "registrato {}: collegamento {}",
                "recorded {}: link {}",
                id,
                verdict
            ),
            DecisionReset {
                id,
                verdict,
                catalogo,
                ptpc,
            } => say!(
                lang,
                "annullata la decisione {} ({}): {} ↔ {} torna come calcolato",
                "decision {} ({}) undone: {} ↔ {} is linked as computed again",
                id,
                verdict,
                catalogo,
                ptpc
            ),
            LinksSummary {
                dataset,
                linked,
                unmatched,
                only_unmatched: true,
            } => say!(
                lang,
                "{} voci di {} senza un collegamento da usare ({} collegate)",
                "{} entries of {} without a link to use ({} linked)",
                unmatched,
                dataset,
                linked
            ),
            LinksSummary {
                dataset,
                linked,
                unmatched,
                only_unmatched: false,
            } => say!(
                lang,
                "{} voci di {} collegate; {} senza un collegamento da usare (mappa links --unmatched)",
                "{} entries of {} linked; {} without a link to use (mappa links --unmatched)",
                linked,
                dataset,
                unmatched
            ),
            DecisionsSkipped(n) => say!(
                lang,
                "{} decisioni dell'archivio riguardano voci che non sono nella mappa caricata (restano registrate)",
                "{} decisions in the store are about entries the loaded map does not have (they stay recorded)",
                n
            ),
        }
    }
}

fn text_source(from: &TextSource, lang: Lang) -> String {
    match from {
        TextSource::Stdin => say!(lang, "lo standard input", "standard input"),
        TextSource::File(path) => path.clone(),
    }
}

fn measure_done(done: &MeasureDone, lang: Lang) -> String {
    use MeasureDone::*;
    match done {
        Recorded => say!(lang, "registrata", "recorded"),
        Changed => say!(lang, "cambiata", "changed"),
        Removed => say!(
            lang,
            "tolta dal piano (resta nel registro di audit)",
            "removed from the plan (kept in the audit log)"
        ),
        Restored => say!(lang, "rimessa nel piano", "put back in the plan"),
        Linked(to) => say!(lang, "collegata a {}:", "linked to {}:", to),
        Unlinked(from) => say!(lang, "scollegata da {}:", "unlinked from {}:", from),
        Checked { check, state } => say!(
            lang,
            "verifica {} registrata ({}):",
            "check {} recorded ({}):",
            check,
            state
        ),
        Unchecked(check) => say!(
            lang,
            "verifica {} tolta (resta nel registro di audit):",
            "check {} removed (kept in the audit log):",
            check
        ),
    }
}

fn discrepancy(d: &Discrepancy, lang: Lang) -> String {
    use crate::review::verify::Alteration;
    let what = match (d.alteration, lang) {
        (Alteration::Edited, Lang::It) => "modificato",
        (Alteration::Edited, Lang::En) => "edited",
        (Alteration::Added, Lang::It) => "riga aggiunta",
        (Alteration::Added, Lang::En) => "row added",
        (Alteration::Deleted, Lang::It) => "riga cancellata",
        (Alteration::Deleted, Lang::En) => "row deleted",
    };
    say!(
        lang,
        "  tabella {} · {} · {}: nel registro {}, nell'archivio {} ({})",
        "  table {} · {} · {}: in the log {}, in the store {} ({})",
        d.table,
        d.record,
        d.field,
        d.logged,
        d.stored,
        what
    )
}

/// Where a setting came from.
pub fn source(src: &Source, lang: Lang) -> String {
    match (src, lang) {
        (Source::File(path), _) => p(path),
        (Source::Argument, Lang::It) => "riga di comando".into(),
        (Source::Argument, Lang::En) => "command line".into(),
        (Source::Default, Lang::It) => "predefinito".into(),
        (Source::Default, Lang::En) => "default".into(),
    }
}

/// A configuration file that cannot be used, in `lang`.
pub fn config_error(e: &ConfigError, lang: Lang) -> String {
    let at = match e.place {
        Some((line, column)) => format!("{}:{line}:{column}", p(&e.path)),
        None => p(&e.path),
    };
    match &e.problem {
        Problem::Unreadable(why) => say!(
            lang,
            "{}: non si legge: {}",
            "{}: cannot read it: {}",
            at,
            why
        ),
        // The parser's own words.
        Problem::Syntax(message) => format!("{at}: {message}"),
        Problem::Lang(value) => say!(
            lang,
            "{}: lang = \"{}\": usa \"it\" o \"en\"",
            "{}: lang = \"{}\": use \"it\" or \"en\"",
            at,
            value
        ),
    }
}

/// An environment variable that cannot be used, in `lang`.
pub fn env_error(e: &EnvError, lang: Lang) -> String {
    match e {
        EnvError::Today(value) => say!(
            lang,
            "MAPPA_TODAY \"{}\" non è una data (AAAA-MM-GG)",
            "MAPPA_TODAY \"{}\" is not a date (YYYY-MM-DD)",
            crate::text::clean(value)
        ),
        EnvError::MaxFileMb(value) => say!(
            lang,
            "MAPPA_MAX_FILE_MB vale \"{}\": dev'essere un numero intero di megabyte, da 1 a 4095",
            "MAPPA_MAX_FILE_MB is set to \"{}\": it must be a whole number of megabytes, from 1 to 4095",
            crate::text::clean(value)
        ),
    }
}

/// A word that names no value of one of the officer's vocabularies.
pub fn unknown_label(e: &crate::review::UnknownLabel, lang: Lang) -> String {
    let what = match (e.what, lang) {
        (what, Lang::It) => what,
        ("fattore abilitante", Lang::En) => "enabling factor",
        ("area di rischio", Lang::En) => "risk area",
        ("decisione", Lang::En) => "decision",
        ("tipo di misura", Lang::En) => "kind of measure",
        ("tipologia di misura", Lang::En) => "type of measure",
        ("stato di monitoraggio", Lang::En) => "monitoring state",
        ("stato", Lang::En) => "status",
        ("livello", Lang::En) => "level",
        ("indicatore", Lang::En) => "indicator",
        (what, Lang::En) => what,
    };
    say!(
        lang,
        "{} \"{}\" sconosciuto; usa uno di: {}",
        "unknown {} \"{}\"; use one of: {}",
        what,
        crate::text::clean(&e.text),
        e.choices.join(", ")
    )
}

/// A `--user` name that cannot sign changes.
pub fn bad_name(e: &BadName, lang: Lang) -> String {
    match e {
        BadName::Empty { account } => say!(
            lang,
            "--user richiede un nome (è registrato accanto all'account {})",
            "--user needs a name (it is recorded beside the OS account {})",
            account
        ),
        BadName::Controls => say!(
            lang,
            "--user: il nome contiene caratteri di controllo",
            "--user: the name contains control characters"
        ),
        BadName::TooLong => say!(
            lang,
            "--user: un nome di al massimo 100 caratteri",
            "--user: a name of at most 100 characters"
        ),
    }
}

/// The fixed words of the command line's text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Label {
    // An entry (show, review show, risk list).
    Responsible,
    Name,
    Input,
    Output,
    Activities,
    Path,
    Children,
    Variant,
    Line,
    Inferred,
    OfficePtpc,
    NoMatchingEntry,
    NoStructure,
    /// No link sure enough to give an office.
    TooWeakForOffice,
    /// The links listed, too weak to give an office.
    WeakLinks,
    Link,
    InCatalogue,
    NotInMap,
    // Links.
    Confirmed,
    Rejected,
    ToConfirm,
    NoLink,
    Nearest,
    NothingSimilarIn,
    NotComputedSoAdded,
    NotComputedNeverProposed,
    // who, search.
    Parties,
    Also,
    Entries,
    FromPtpcLinks,
    FoundIn,
    // check.
    EmptyMap,
    ExportedFrom,
    Info,
    Warning,
    Error,
    // config.
    ConfigFilesRead,
    LookedFor,
    PersonalDefault,
    NoneLower,
    And,
    // review.
    Saved,
    NoReview,
    NoOrphans,
    RowUndone,
    Status,
    StatusLower,
    Judgement,
    JudgementLower,
    Motivation,
    Interview,
    Present,
    Notes,
    LastChange,
    WholeRecord,
    DueBy,
    Store,
    StoreLower,
    Date,
    Rows,
    SealTitle,
    VerifyLater,
    // risk.
    RiskArea,
    Area,
    AreaSuggested,
    NotGiven,
    Factors,
    Note,
    NoEvents,
    HighLower,
    EventsLower,
    EntryLower,
    // measure.
    NoMeasures,
    ToMonitor,
    Overdue,
    Treats,
    Phase,
    Goal,
    Indicator,
    Check,
    Of,
}

impl Label {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use Label::*;
        let (it, en) = match self {
            Responsible => ("Responsabile", "Responsible"),
            Name => ("Nome", "Name"),
            Input => ("Input", "Input"),
            Output => ("Output", "Output"),
            Activities => ("Attività", "Activities"),
            Path => ("Percorso", "Path"),
            Children => ("Sotto-voci", "Sub-entries"),
            Variant => ("variante", "variant"),
            Line => ("riga", "line"),
            Inferred => ("inferito", "inferred"),
            OfficePtpc => ("Ufficio (PTPC 2019)", "Office (PTPC 2019)"),
            NoMatchingEntry => (
                "nessuna voce corrispondente (mappa links --unmatched)",
                "no matching entry (mappa links --unmatched)",
            ),
            NoStructure => ("nessuna struttura indicata", "no structure given"),
            TooWeakForOffice => (
                "nessun collegamento abbastanza sicuro da dare un ufficio (mappa link confirm per confermarne uno)",
                "no link sure enough to give an office (mappa link confirm to confirm one)",
            ),
            WeakLinks => (
                "collegamenti troppo incerti per dare un ufficio:",
                "links too uncertain to give an office:",
            ),
            Link => ("collegamento", "link"),
            InCatalogue => ("Nel catalogo", "In the catalogue"),
            NotInMap => (
                "voce non più presente nella mappa",
                "entry no longer in the map",
            ),
            Confirmed => ("confermato", "confirmed"),
            Rejected => ("respinto", "rejected"),
            ToConfirm => ("da confermare", "to confirm"),
            NoLink => ("nessun collegamento", "no link"),
            Nearest => ("la voce più vicina", "the nearest entry"),
            NothingSimilarIn => ("nessuna voce simile in", "nothing similar in"),
            NotComputedSoAdded => (
                "la coppia non era tra i collegamenti calcolati: vale come aggiunta",
                "the pair was not among the computed links: it counts as added",
            ),
            NotComputedNeverProposed => (
                "la coppia non era tra i collegamenti calcolati: non sarà mai proposta",
                "the pair was not among the computed links: it will never be proposed",
            ),
            Parties => ("responsabili", "responsible parties"),
            Also => ("anche", "also"),
            Entries => ("voci", "entries"),
            FromPtpcLinks => (
                "Dai collegamenti con il PTPC 2019",
                "From the links with the PTPC 2019",
            ),
            FoundIn => ("trovato in", "found in"),
            EmptyMap => (
                "nessun dataset: la mappa è vuota",
                "no dataset: the map is empty",
            ),
            ExportedFrom => ("esportato da", "exported from"),
            Info => ("nota", "note"),
            Warning => ("avviso", "warning"),
            Error => ("errore", "error"),
            ConfigFilesRead => ("file di configurazione letti", "configuration files read"),
            LookedFor => ("cercati in", "looked for in"),
            PersonalDefault => (
                "predefinito (cartella dei dati personale)",
                "default (personal data folder)",
            ),
            NoneLower => ("nessuno", "none"),
            And => ("e", "and"),
            Saved => ("salvato", "saved"),
            NoReview => (
                "nessuna revisione registrata (stato: da esaminare)",
                "no review recorded (status: da esaminare)",
            ),
            NoOrphans => (
                "nessuna revisione orfana: ogni revisione corrisponde a una voce della mappa",
                "no orphan reviews: every review has its entry in the map",
            ),
            RowUndone => ("annullata la riga", "undone row"),
            Status => ("Stato", "Status"),
            StatusLower => ("stato", "status"),
            Judgement => ("Giudizio", "Judgement"),
            JudgementLower => ("giudizio", "judgement"),
            Motivation => ("Motivazione", "Motivation"),
            Interview => ("Intervista", "Interview"),
            Present => ("presenti", "present"),
            Notes => ("Note", "Notes"),
            LastChange => ("Ultima modifica", "Last change"),
            WholeRecord => ("record intero", "whole record"),
            DueBy => ("entro il", "due by"),
            Store => ("archivio", "store"),
            StoreLower => ("archivio", "store"),
            Date => ("data", "date"),
            Rows => ("righe", "rows"),
            SealTitle => (
                "Sigillo del registro di audit di mappa",
                "Seal of mappa's audit log",
            ),
            VerifyLater => ("Verifica in seguito", "To verify later"),
            RiskArea => ("area di rischio", "risk area"),
            Area => ("Area", "Area"),
            AreaSuggested => (
                "suggerita: `mappa risk area` la registra",
                "suggested: `mappa risk area` records it",
            ),
            NotGiven => ("non indicata", "not given"),
            Factors => ("fattori", "factors"),
            Note => ("nota", "note"),
            NoEvents => (
                "nessun evento rischioso registrato",
                "no risk event recorded",
            ),
            HighLower => ("alti", "high"),
            EventsLower => ("eventi", "events"),
            EntryLower => ("voce", "entry"),
            NoMeasures => ("nessuna misura", "no measures"),
            ToMonitor => ("da monitorare", "to monitor"),
            Overdue => ("SCADUTA", "OVERDUE"),
            Treats => ("tratta", "treats"),
            Phase => ("fase", "phase"),
            Goal => ("obiettivo", "target"),
            Indicator => ("indicatore", "indicator"),
            Check => ("verifica", "check"),
            Of => ("del", "of"),
        };
        lang.pick(it, en)
    }

    /// The word with a space each side (`" e "`), for joining.
    pub fn spaced(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Label::And, Lang::It) => " e ",
            (Label::And, Lang::En) => " and ",
            _ => " ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_label_has_both_languages() {
        for l in Label::iter() {
            assert!(!l.text(Lang::It).is_empty(), "{l:?}");
            assert!(!l.text(Lang::En).is_empty(), "{l:?}");
        }
    }

    #[test]
    fn a_message_differs_by_language_and_keeps_its_data() {
        let m = Message::NoSuchCode {
            code: "ZZ9".into(),
            nearest: vec!["Z1".into()],
        };
        let (it, en) = (m.text(Lang::It), m.text(Lang::En));
        assert!(it.contains("nessuna voce ha il codice ZZ9"), "{it}");
        assert!(en.contains("no entry has code ZZ9"), "{en}");
        assert!(it.contains("Z1") && en.contains("Z1"));
        assert_eq!(m.to_string(), it);
        let none = Message::NoSuchCode {
            code: "ZZ9".into(),
            nearest: vec![],
        };
        assert!(none.text(Lang::It).contains(": nessuno"));
    }
}

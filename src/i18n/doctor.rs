//! What `mappa doctor` finds, typed (the checks in `cli::doctor` make the
//! findings, tests ask for them by name), and every sentence it says, with
//! the warning every command gives for an unknown configuration key:
//! Italian (default) and English.

use super::cli::source;
use super::Lang;
use crate::config::{Source, UnknownKey};
use crate::text::Shown;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warning,
    Error,
}

/// Who to add to which group, when that is what would fix a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub account: String,
    pub group: String,
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Finding {
    ConfigRead {
        path: PathBuf,
        keys: Vec<String>,
    },
    ConfigAbsent {
        path: PathBuf,
    },
    /// Malformed, unreadable, or a known key with a wrong value: every
    /// command fails until it is fixed.
    ConfigBroken {
        error: crate::config::ConfigError,
    },
    UnknownKey(UnknownKey),
    Account {
        name: String,
        uid: u32,
        groups: Vec<String>,
    },
    StorePath {
        path: PathBuf,
        source: Source,
        personal: bool,
    },
    /// The folder is not there: the personal one is made by the first
    /// change, any other must be made by whoever set the path.
    FolderMissing {
        dir: PathBuf,
        personal: bool,
    },
    /// A folder on the way cannot be passed with this account's permissions:
    /// the store's own, to an account outside its group (`outside`, said
    /// with what to do by [`Finding::NotInGroup`]), or one further up.
    Unreachable {
        path: PathBuf,
        outside: Option<String>,
    },
    Folder {
        dir: PathBuf,
        group: String,
        mode: u32,
    },
    /// A group folder without setgid: each file SQLite makes there takes
    /// the primary group of whoever made it, and colleagues are locked out.
    NoSetgid {
        dir: PathBuf,
        group: String,
    },
    /// A configured store in a folder only its owner may write.
    FolderPrivate {
        dir: PathBuf,
        mode: u32,
    },
    /// Anyone may create, rename or delete files in the folder.
    FolderOpen {
        dir: PathBuf,
        mode: u32,
    },
    NotInGroup {
        fix: Membership,
        dir: PathBuf,
    },
    StoreAbsent {
        path: PathBuf,
        can_create: bool,
    },
    File {
        path: PathBuf,
        mode: u32,
        group: String,
    },
    FileNotGroupWritable {
        path: PathBuf,
        mode: u32,
        group: String,
    },
    FileWrongGroup {
        path: PathBuf,
        group: String,
        folder_group: String,
    },
    FileReadableByAll {
        path: PathBuf,
        mode: u32,
    },
    CanReadWrite {
        path: PathBuf,
    },
    ReadOnlyChosen {
        source: Source,
    },
    CannotRead {
        path: PathBuf,
        fix: Option<Membership>,
    },
    CannotWrite {
        path: PathBuf,
        fix: Option<Membership>,
    },
    StoreUnusable {
        error: String,
    },
    StoreOlder {
        path: PathBuf,
    },
    AuditOk {
        rows: u64,
    },
    AuditBroken {
        path: PathBuf,
        reason: String,
    },
    MapLoaded {
        datasets: Vec<(String, usize)>,
    },
    MapDataErrors {
        errors: usize,
    },
    MapEmpty,
    MapFailed {
        error: String,
    },
}

impl Finding {
    pub fn level(&self) -> Level {
        use Finding::*;
        match self {
            ConfigRead { .. }
            | ConfigAbsent { .. }
            | Account { .. }
            | StorePath { .. }
            | Folder { .. }
            | File { .. }
            | CanReadWrite { .. }
            | ReadOnlyChosen { .. }
            | AuditOk { .. }
            | MapLoaded { .. } => Level::Ok,
            FolderMissing { personal: true, .. }
            | StoreAbsent {
                can_create: true, ..
            } => Level::Ok,
            UnknownKey(_)
            | FolderPrivate { .. }
            | FolderOpen { .. }
            | StoreAbsent { .. }
            | FileReadableByAll { .. }
            | CannotWrite { .. }
            | StoreOlder { .. }
            | MapDataErrors { .. } => Level::Warning,
            ConfigBroken { .. }
            | FolderMissing { .. }
            | Unreachable { .. }
            | NoSetgid { .. }
            | NotInGroup { .. }
            | FileNotGroupWritable { .. }
            | FileWrongGroup { .. }
            | CannotRead { .. }
            | StoreUnusable { .. }
            | AuditBroken { .. }
            | MapEmpty
            | MapFailed { .. } => Level::Error,
        }
    }

    /// The check's stable name, for `--json`.
    pub fn check(&self) -> &'static str {
        self.into()
    }
}

/// A path as it may be shown on a terminal.
fn p(path: &Path) -> String {
    Shown(&path.display().to_string()).to_string()
}

/// Text from a file or the system, shown safely.
fn s(text: &str) -> String {
    Shown(text).to_string()
}

/// `2770`, `0644`.
fn m(mode: u32) -> String {
    format!("{mode:04o}")
}

fn level_word(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Ok, _) => "ok",
        (Level::Warning, Lang::It) => "avviso",
        (Level::Warning, Lang::En) => "warning",
        (Level::Error, Lang::It) => "errore",
        (Level::Error, Lang::En) => "error",
    }
}

/// `file:line: …`, as every command prints it on stderr (after `mappa: `).
pub fn unknown_key_warning(u: &UnknownKey, lang: Lang) -> String {
    format!(
        "{}: {}",
        level_word(Level::Warning, lang),
        unknown_key(u, lang)
    )
}

fn unknown_key(u: &UnknownKey, lang: Lang) -> String {
    let at = match u.line {
        Some(l) => format!("{}:{l}", p(&u.path)),
        None => p(&u.path),
    };
    match lang {
        Lang::It => format!("{at}: chiave sconosciuta \"{}\", ignorata", s(&u.key)),
        Lang::En => format!("{at}: unknown key \"{}\", ignored", s(&u.key)),
    }
}

fn join_fix(fix: &Membership, lang: Lang) -> String {
    match lang {
        Lang::It => format!(
            "l'amministratore aggiunge l'account al gruppo: sudo adduser {} {} (poi si esce e si rientra)",
            s(&fix.account),
            s(&fix.group)
        ),
        Lang::En => format!(
            "an administrator adds the account to the group: sudo adduser {} {} (then log out and in again)",
            s(&fix.account),
            s(&fix.group)
        ),
    }
}

/// What a finding says, and what to do about it.
pub fn text(f: &Finding, lang: Lang) -> (String, Option<String>) {
    use Finding::*;
    let it = lang == Lang::It;
    // Italian first, English second.
    let t = |a: String, b: String| if it { a } else { b };
    match f {
        ConfigRead { path, keys } => (
            t(
                format!(
                    "configurazione {}: {}",
                    p(path),
                    if keys.is_empty() {
                        "nessuna chiave".into()
                    } else {
                        keys.iter().map(|k| s(k)).collect::<Vec<_>>().join(", ")
                    }
                ),
                format!(
                    "configuration {}: {}",
                    p(path),
                    if keys.is_empty() {
                        "no keys".into()
                    } else {
                        keys.iter().map(|k| s(k)).collect::<Vec<_>>().join(", ")
                    }
                ),
            ),
            None,
        ),
        ConfigAbsent { path } => (
            t(
                format!("configurazione {}: non c'è", p(path)),
                format!("configuration {}: not there", p(path)),
            ),
            None,
        ),
        ConfigBroken { error } => (
            t(
                format!(
                    "configurazione illeggibile: {}",
                    s(&super::cli::config_error(error, lang))
                ),
                format!(
                    "configuration cannot be used: {}",
                    s(&super::cli::config_error(error, lang))
                ),
            ),
            Some(t(
                "correggi il file: finché non si legge ogni comando si ferma qui (e l'archivio non è controllato)".into(),
                "fix the file: until it reads, every command stops here (and the store is not checked)".into(),
            )),
        ),
        UnknownKey(u) => (
            unknown_key(u, lang),
            Some(t(
                "correggi il nome o togli la riga; `mappa config` mostra le impostazioni che mappa conosce".into(),
                "fix its name or remove the line; `mappa config` shows the settings mappa knows".into(),
            )),
        ),
        Account { name, uid, groups } => (
            t(
                format!("account {} (uid {uid}), gruppi: {}", s(name), groups.iter().map(|g| s(g)).collect::<Vec<_>>().join(", ")),
                format!("account {} (uid {uid}), groups: {}", s(name), groups.iter().map(|g| s(g)).collect::<Vec<_>>().join(", ")),
            ),
            None,
        ),
        StorePath {
            path,
            source: src,
            personal,
        } => (
            if *personal {
                t(
                    format!("archivio personale {}", p(path)),
                    format!("personal store {}", p(path)),
                )
            } else {
                t(
                    format!("archivio {} (da {})", p(path), source(src, lang)),
                    format!("store {} (from {})", p(path), source(src, lang)),
                )
            },
            None,
        ),
        FolderMissing { dir, personal: true } => (
            t(
                format!("la cartella {} non c'è ancora: la crea la prima modifica", p(dir)),
                format!("the folder {} is not there yet: the first change makes it", p(dir)),
            ),
            None,
        ),
        FolderMissing { dir, personal: false } => (
            t(
                format!("la cartella {} non esiste: nessuno potrà scrivere l'archivio", p(dir)),
                format!("the folder {} does not exist: nobody can write the store", p(dir)),
            ),
            Some(t(
                format!("l'amministratore la crea per il gruppo: sudo install -d -g mappa -m 2770 {} (il pacchetto crea /var/lib/mappa)", p(dir)),
                format!("an administrator makes it for the group: sudo install -d -g mappa -m 2770 {} (the package makes /var/lib/mappa)", p(dir)),
            )),
        ),
        Unreachable {
            path,
            outside: Some(group),
        } => (
            t(
                format!("{} non si raggiunge: l'account non è nel gruppo {}", p(path), s(group)),
                format!("{} cannot be reached: the account is not in the group {}", p(path), s(group)),
            ),
            None,
        ),
        Unreachable { path, outside: None } => (
            t(
                format!("{} non si raggiunge con i permessi di questo account", p(path)),
                format!("{} cannot be reached with this account's permissions", p(path)),
            ),
            Some(t(
                "una cartella sul percorso non lascia passare: chiedi all'amministratore".into(),
                "a folder on the way does not let this account through: ask an administrator".into(),
            )),
        ),
        Folder { dir, group, mode } => (
            t(
                format!("cartella {}: gruppo {}, permessi {}{}", p(dir), s(group), m(*mode), if mode & 0o2000 != 0 { " (setgid)" } else { "" }),
                format!("folder {}: group {}, mode {}{}", p(dir), s(group), m(*mode), if mode & 0o2000 != 0 { " (setgid)" } else { "" }),
            ),
            None,
        ),
        NoSetgid { dir, group } => (
            t(
                format!("la cartella {} non ha il bit setgid: i file che SQLite vi crea (-wal, -shm) prendono il gruppo di chi li crea, non {}, e i colleghi non potranno più scrivere", p(dir), s(group)),
                format!("the folder {} lacks the setgid bit: files SQLite makes there (-wal, -shm) take their maker's group, not {}, and colleagues can no longer write", p(dir), s(group)),
            ),
            Some(t(
                format!("sudo chmod g+s {}", p(dir)),
                format!("sudo chmod g+s {}", p(dir)),
            )),
        ),
        FolderPrivate { dir, mode } => (
            t(
                format!("la cartella {} ({}) la può scrivere solo il proprietario: l'archivio indicato dalla configurazione non sarà condiviso", p(dir), m(*mode)),
                format!("only the owner may write the folder {} ({}): the store the configuration names will not be shared", p(dir), m(*mode)),
            ),
            Some(t(
                format!("per un gruppo: sudo chgrp mappa {0} && sudo chmod 2770 {0}", p(dir)),
                format!("for a group: sudo chgrp mappa {0} && sudo chmod 2770 {0}", p(dir)),
            )),
        ),
        FolderOpen { dir, mode } => (
            t(
                format!("chiunque può creare, rinominare o cancellare file in {} ({})", p(dir), m(*mode)),
                format!("anyone may create, rename or delete files in {} ({})", p(dir), m(*mode)),
            ),
            Some(format!("sudo chmod o-rwx {}", p(dir))),
        ),
        NotInGroup { fix, dir } => (
            t(
                format!("l'account {} non è nel gruppo {} della cartella {}", s(&fix.account), s(&fix.group), p(dir)),
                format!("the account {} is not in the group {} of the folder {}", s(&fix.account), s(&fix.group), p(dir)),
            ),
            Some(join_fix(fix, lang)),
        ),
        StoreAbsent { path, can_create: true } => (
            t(
                format!("{} non c'è ancora: la crea la prima modifica (mappa review set …)", p(path)),
                format!("{} is not there yet: the first change makes it (mappa review set …)", p(path)),
            ),
            None,
        ),
        StoreAbsent { path, can_create: false } => (
            t(
                format!("{} non c'è ancora, e questo account non può crearlo", p(path)),
                format!("{} is not there yet, and this account cannot make it", p(path)),
            ),
            Some(t(
                "lo crea la prima modifica di chi può scrivere nella cartella".into(),
                "the first change by someone who may write the folder makes it".into(),
            )),
        ),
        File { path, mode, group } => (
            t(
                format!("{}: permessi {}, gruppo {}", p(path), m(*mode), s(group)),
                format!("{}: mode {}, group {}", p(path), m(*mode), s(group)),
            ),
            None,
        ),
        FileNotGroupWritable { path, mode, group } => (
            t(
                format!("{} è {}: il gruppo {} non può scriverlo", p(path), m(*mode), s(group)),
                format!("{} is {}: the group {} cannot write it", p(path), m(*mode), s(group)),
            ),
            Some(format!("sudo chmod 660 {}", p(path))),
        ),
        FileWrongGroup { path, group, folder_group } => (
            t(
                format!("{} è del gruppo {}, la cartella di {}: chi è solo in {} non potrà scriverlo", p(path), s(group), s(folder_group), s(folder_group)),
                format!("{} belongs to the group {}, its folder to {}: members of {} only cannot write it", p(path), s(group), s(folder_group), s(folder_group)),
            ),
            Some(format!("sudo chgrp {} {}", s(folder_group), p(path))),
        ),
        FileReadableByAll { path, mode } => (
            t(
                format!("{} ({}) lo può leggere ogni account del server: le note dell'RPCT sono riservate", p(path), m(*mode)),
                format!("every account on the server may read {} ({}): the officer's notes are confidential", p(path), m(*mode)),
            ),
            Some(format!("chmod o-rwx {}", p(path))),
        ),
        CanReadWrite { path } => (
            t(
                format!("questo account può leggere e scrivere {}", p(path)),
                format!("this account may read and write {}", p(path)),
            ),
            None,
        ),
        ReadOnlyChosen { source: src } => (
            t(
                format!("sola lettura, scelta da {}: le note si vedono, le modifiche sono rifiutate", source(src, lang)),
                format!("read-only, chosen by {}: notes are shown, changes refused", source(src, lang)),
            ),
            None,
        ),
        CannotRead { path, fix } => (
            t(
                format!("questo account non può leggere {}", p(path)),
                format!("this account may not read {}", p(path)),
            ),
            Some(match fix {
                Some(fix) => join_fix(fix, lang),
                None => format!("sudo chmod g+r {}", p(path)),
            }),
        ),
        CannotWrite { path, fix } => (
            t(
                format!("questo account può leggere {} ma non scriverlo: l'esploratore si apre in sola lettura", p(path)),
                format!("this account may read {} but not write it: the explorer opens read-only", p(path)),
            ),
            Some(match fix {
                Some(fix) => join_fix(fix, lang),
                None => t(
                    "per scrivere: permessi di scrittura sul file e sulla sua cartella".into(),
                    "to write: write permission on the file and its folder".into(),
                ),
            }),
        ),
        StoreUnusable { error } => (
            t(
                format!("archivio inutilizzabile: {}", s(error)),
                format!("the store cannot be used: {}", s(error)),
            ),
            None,
        ),
        StoreOlder { path } => (
            t(
                format!("{} è di una versione precedente di mappa: lo aggiorna la prima modifica", p(path)),
                format!("{} was written by an older mappa: the first change upgrades it", p(path)),
            ),
            Some(t(
                "prima, una copia: mappa review backup -o copia.sqlite".into(),
                "first, a copy: mappa review backup -o copy.sqlite".into(),
            )),
        ),
        AuditOk { rows } => (
            t(
                format!("registro di audit integro: {rows} {}", if *rows == 1 { "riga" } else { "righe" }),
                format!("audit log verifies: {rows} row{}", if *rows == 1 { "" } else { "s" }),
            ),
            None,
        ),
        AuditBroken { path, reason } => (
            t(
                format!("il registro di audit di {} non torna: {}", p(path), s(reason)),
                format!("the audit log of {} does not verify: {}", p(path), s(reason)),
            ),
            Some(t(
                "avvisa l'RPCT; `mappa review verify` lo conferma, e l'ultimo backup o sigillo dice da quando".into(),
                "tell the officer; `mappa review verify` confirms it, and the last backup or seal says since when".into(),
            )),
        ),
        MapLoaded { datasets } => (
            t(
                format!("mappa: {}", datasets.iter().map(|(id, n)| format!("{} ({n} voci)", s(id))).collect::<Vec<_>>().join(", ")),
                format!("map: {}", datasets.iter().map(|(id, n)| format!("{} ({n} entries)", s(id))).collect::<Vec<_>>().join(", ")),
            ),
            None,
        ),
        MapDataErrors { errors } => (
            t(
                format!("la mappa ha {errors} errori nei dati"),
                format!("the map has {errors} data errors"),
            ),
            Some("mappa check".into()),
        ),
        MapEmpty => (
            t("la mappa è vuota: nessun dataset".into(), "the map is empty: no dataset".into()),
            Some(t(
                "controlla i file dati con mappa check --data FILE".into(),
                "check the data files with mappa check --data FILE".into(),
            )),
        ),
        MapFailed { error } => (
            t(
                format!("la mappa non si carica: {}", s(error)),
                format!("the map does not load: {}", s(error)),
            ),
            Some(t(
                "correggi il file indicato, o togli --data per la mappa incorporata".into(),
                "fix the file named, or drop --data for the built-in map".into(),
            )),
        ),
    }
}

/// One line per finding, what to do below it, then the count.
pub fn write_text(findings: &[Finding], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        let (message, advice) = text(f, lang);
        writeln!(out, "{:<7} {message}", level_word(f.level(), lang))?;
        if let Some(a) = advice {
            writeln!(out, "{:<7} → {a}", "")?;
        }
    }
    let count = |l: Level| findings.iter().filter(|f| f.level() == l).count();
    let (errors, warnings) = (count(Level::Error), count(Level::Warning));
    let summary = match (lang, errors, warnings) {
        (Lang::It, 0, 0) => "tutto a posto".to_string(),
        (Lang::En, 0, 0) => "all good".to_string(),
        (Lang::It, e, w) => format!(
            "{e} {}, {w} {}",
            if e == 1 { "errore" } else { "errori" },
            if w == 1 { "avviso" } else { "avvisi" }
        ),
        (Lang::En, e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };
    writeln!(out, "{summary}")
}

/// `[{level, check, message, advice}]`, levels in English.
pub fn write_json(findings: &[Finding], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let (message, advice) = text(f, lang);
            serde_json::json!({
                "level": level_word(f.level(), Lang::En),
                "check": f.check(),
                "message": message,
                "advice": advice,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

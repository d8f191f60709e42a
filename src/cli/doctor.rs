//! `mappa doctor`: what would go wrong for this account, found before it
//! does. The configuration files and their keys, the store and its folder
//! (group, setgid bit), the modes and groups of the store and of its `-wal`
//! and `-shm`, whether this account may read and write them, the audit
//! chain, the map. Each finding is one line — ok, avviso or errore — with
//! what to do; any errore makes the exit status 1.
//!
//! The checks produce [`Finding`]s (typed, so tests ask for them by name);
//! [`messages`] turns them into words.

mod messages;

use crate::config::{self, Config, Overrides, Source, UnknownKey};
use crate::model::{Map, Severity};
use crate::review::audit::Verification;
use crate::review::{Identity, Store};
use crate::tui::strings::Lang;
use nix::unistd::{access, AccessFlags};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub use messages::unknown_key_warning;

/// `mappa doctor`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DoctorArgs {
    /// Print the findings as JSON: an array of {level (ok, warning,
    /// error), check, message, advice}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warning,
    Error,
}

/// The account doing the checking.
#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub uid: u32,
    /// Its effective group and its supplementary groups.
    pub gids: Vec<u32>,
}

impl Account {
    pub fn current() -> Account {
        let mut gids: Vec<u32> = nix::unistd::getgroups()
            .unwrap_or_default()
            .into_iter()
            .map(|g| g.as_raw())
            .collect();
        let egid = nix::unistd::getegid().as_raw();
        if !gids.contains(&egid) {
            gids.insert(0, egid);
        }
        Account {
            name: Identity::os().account,
            uid: nix::unistd::geteuid().as_raw(),
            gids,
        }
    }

    fn is_root(&self) -> bool {
        self.uid == 0
    }

    /// Whether the group's bits are what decide for this account on a file
    /// owned by `uid`:`gid` when it is neither owner, member nor root (and
    /// so gets only what everyone gets).
    fn is_outsider(&self, uid: u32, gid: u32) -> bool {
        !self.is_root() && uid != self.uid && !self.gids.contains(&gid)
    }
}

/// A group's name, or its number when it has none.
fn group_name(gid: u32) -> String {
    nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid))
        .ok()
        .flatten()
        .map_or_else(|| gid.to_string(), |g| g.name)
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
        error: String,
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

/// Runs every check and prints the findings. Returns whether none is an
/// error. `map` is the map as loading it went (`--data`, or the seeds).
pub fn run(
    args: &DoctorArgs,
    overrides: &Overrides,
    user: Option<&str>,
    map: anyhow::Result<Map>,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let account = Account::current();
    let (config, mut findings) = check_config(overrides);
    findings.push(Finding::Account {
        name: account.name.clone(),
        uid: account.uid,
        groups: account.gids.iter().map(|g| group_name(*g)).collect(),
    });
    if let Some(config) = &config {
        let identity = Identity::with_name(user).unwrap_or_else(|_| Identity::os());
        findings.extend(check_store(config, &account, identity));
    }
    findings.extend(check_map(map));
    let lang = Lang::from_code(
        config
            .as_ref()
            .map(|c| c.lang.value.as_str())
            .or(overrides.lang.as_deref())
            .unwrap_or("it"),
    );
    if args.json {
        messages::write_json(&findings, lang, out)?;
    } else {
        messages::write_text(&findings, lang, out)?;
    }
    Ok(findings.iter().all(|f| f.level() != Level::Error))
}

/// The configuration files one by one, then the settings they make
/// together (`None` when they make none: every command would fail).
pub fn check_config(overrides: &Overrides) -> (Option<Config>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut broken = false;
    for path in config::paths() {
        match config::read(&path) {
            Ok(None) => findings.push(Finding::ConfigAbsent { path }),
            Ok(Some(read)) => {
                findings.push(Finding::ConfigRead {
                    path,
                    keys: read.keys,
                });
                findings.extend(read.unknown.into_iter().map(Finding::UnknownKey));
            }
            Err(e) => {
                broken = true;
                findings.push(Finding::ConfigBroken {
                    error: e.to_string(),
                });
            }
        }
    }
    match Config::load(overrides) {
        Ok(c) => (Some(c), findings),
        Err(e) => {
            // A value only the whole load checks (lang = "fr").
            if !broken {
                findings.push(Finding::ConfigBroken {
                    error: e.to_string(),
                });
            }
            (None, findings)
        }
    }
}

/// The store in use, its folder, its files, this account's access, the
/// audit chain. Modes are looked at before the store is opened (opening it
/// may make its `-shm`).
pub fn check_store(config: &Config, account: &Account, identity: Identity) -> Vec<Finding> {
    let mut findings = Vec::new();
    let (path, personal) = match &config.review.value {
        Some(p) => (p.clone(), false),
        None => match Store::default_path() {
            Some(p) => (p, true),
            None => {
                findings.push(Finding::StoreUnusable {
                    error: "non trovo una cartella dei dati (imposta HOME o XDG_DATA_HOME, o usa --review FILE)".to_string(),
                });
                return findings;
            }
        },
    };
    findings.push(Finding::StorePath {
        path: path.clone(),
        source: config.review.source.clone(),
        personal,
    });
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let folder = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => m,
        Ok(_) => {
            findings.push(Finding::StoreUnusable {
                error: format!("{} is not a folder", dir.display()),
            });
            return findings;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            findings.push(Finding::FolderMissing { dir, personal });
            return findings;
        }
        Err(_) => {
            findings.push(Finding::Unreachable {
                path: dir,
                outside: None,
            });
            return findings;
        }
    };
    let mode = folder.mode() & 0o7777;
    let group = group_name(folder.gid());
    // A folder its group may write is meant to be shared: what the group
    // needs then applies to every file in it. The personal folder is not.
    let shared = !personal && mode & 0o020 != 0;
    let outsider = account.is_outsider(folder.uid(), folder.gid());
    let fix = (outsider && mode & 0o070 != 0).then(|| Membership {
        account: account.name.clone(),
        group: group.clone(),
    });
    findings.push(Finding::Folder {
        dir: dir.clone(),
        group: group.clone(),
        mode,
    });
    if shared && mode & 0o2000 == 0 {
        findings.push(Finding::NoSetgid {
            dir: dir.clone(),
            group: group.clone(),
        });
    }
    let from_a_file = matches!(config.review.source, Source::File(_));
    if from_a_file && !shared {
        findings.push(Finding::FolderPrivate {
            dir: dir.clone(),
            mode,
        });
    }
    if mode & 0o002 != 0 && mode & 0o1000 == 0 {
        findings.push(Finding::FolderOpen {
            dir: dir.clone(),
            mode,
        });
    }
    if let Some(fix) = &fix {
        findings.push(Finding::NotInGroup {
            fix: fix.clone(),
            dir: dir.clone(),
        });
    }

    // The store and what SQLite keeps beside it.
    let store = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            findings.push(Finding::StoreAbsent {
                path,
                can_create: can(&dir, AccessFlags::W_OK | AccessFlags::X_OK),
            });
            return findings;
        }
        Err(_) => {
            findings.push(Finding::Unreachable {
                path,
                outside: fix.map(|f| f.group),
            });
            return findings;
        }
    };
    let sidecars = [sidecar(&path, "-wal"), sidecar(&path, "-shm")];
    let present = std::iter::once((path.clone(), store.clone())).chain(
        sidecars
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok().map(|m| (p.clone(), m))),
    );
    for (file, meta) in present {
        findings.extend(check_file(&file, &meta, mode, folder.gid(), shared));
    }

    // What this account may do with it.
    let readable = can(&path, AccessFlags::R_OK);
    // As the store does: the file, and the folder or the sidecars.
    let writable = can(&path, AccessFlags::W_OK)
        && (can(&dir, AccessFlags::W_OK | AccessFlags::X_OK)
            || sidecars.iter().all(|s| can(s, AccessFlags::W_OK)));
    let read_only = config.read_only.value;
    if !readable {
        findings.push(Finding::CannotRead {
            path,
            fix: fix.or_else(|| group_fix(account, &store)),
        });
        return findings;
    }
    if read_only {
        findings.push(Finding::ReadOnlyChosen {
            source: config.read_only.source.clone(),
        });
    } else if writable {
        findings.push(Finding::CanReadWrite { path: path.clone() });
    } else {
        findings.push(Finding::CannotWrite {
            path: path.clone(),
            fix: fix.or_else(|| group_fix(account, &store)),
        });
    }

    match Store::open_read(&path, identity) {
        Err(e) => findings.push(Finding::StoreUnusable {
            error: e.to_string(),
        }),
        Ok(store) => {
            if store.is_copy() {
                findings.push(Finding::StoreOlder { path: path.clone() });
            }
            match store.verify(None) {
                Ok(Some(Verification::Ok { rows, .. })) => {
                    findings.push(Finding::AuditOk { rows });
                }
                Ok(Some(Verification::Broken { reason, .. })) => {
                    findings.push(Finding::AuditBroken { path, reason });
                }
                Ok(Some(Verification::Altered { discrepancies, .. })) => {
                    let first = discrepancies
                        .first()
                        .map(|d| format!("{} {} {}", d.table, d.record, d.field));
                    findings.push(Finding::AuditBroken {
                        path,
                        reason: format!(
                            "{} record cambiati fuori da mappa (il primo: {}); `mappa review verify` li elenca",
                            discrepancies.len(),
                            first.unwrap_or_default()
                        ),
                    });
                }
                // Only a seal can be missing, and none was given.
                Ok(None) => {}
                Err(e) => findings.push(Finding::StoreUnusable {
                    error: e.to_string(),
                }),
            }
        }
    }
    findings
}

/// Joining the file's group would let this account in, when it would.
fn group_fix(account: &Account, meta: &std::fs::Metadata) -> Option<Membership> {
    let group_may = meta.mode() & 0o060 != 0;
    (group_may && account.is_outsider(meta.uid(), meta.gid())).then(|| Membership {
        account: account.name.clone(),
        group: group_name(meta.gid()),
    })
}

/// The mode and group of the store or one of its sidecars.
fn check_file(
    path: &Path,
    meta: &std::fs::Metadata,
    folder_mode: u32,
    folder_gid: u32,
    shared: bool,
) -> Vec<Finding> {
    let mode = meta.mode() & 0o7777;
    let group = group_name(meta.gid());
    let mut findings = vec![Finding::File {
        path: path.to_path_buf(),
        mode,
        group: group.clone(),
    }];
    if shared && mode & 0o060 != 0o060 {
        findings.push(Finding::FileNotGroupWritable {
            path: path.to_path_buf(),
            mode,
            group: group.clone(),
        });
    }
    if shared && meta.gid() != folder_gid {
        findings.push(Finding::FileWrongGroup {
            path: path.to_path_buf(),
            group,
            folder_group: group_name(folder_gid),
        });
    }
    // Readable by every account only if they can reach it.
    if mode & 0o004 != 0 && folder_mode & 0o001 != 0 {
        findings.push(Finding::FileReadableByAll {
            path: path.to_path_buf(),
            mode,
        });
    }
    findings
}

/// The map as it loaded.
pub fn check_map(map: anyhow::Result<Map>) -> Vec<Finding> {
    match map {
        Err(e) => vec![Finding::MapFailed {
            error: format!("{e:#}"),
        }],
        Ok(m) if m.datasets.is_empty() => vec![Finding::MapEmpty],
        Ok(m) => {
            let errors = m
                .datasets
                .iter()
                .flat_map(|d| &d.diagnostics)
                .filter(|d| d.severity == Severity::Error)
                .count();
            let mut findings = vec![Finding::MapLoaded {
                datasets: m
                    .datasets
                    .iter()
                    .map(|d| (d.id.clone(), d.nodes.len()))
                    .collect(),
            }];
            if errors > 0 {
                findings.push(Finding::MapDataErrors { errors });
            }
            findings
        }
    }
}

/// Whether this account may do `what` to `path` (the kernel's answer, for
/// the real ids, which are the effective ones for mappa).
fn can(path: &Path, what: AccessFlags) -> bool {
    access(path, what).is_ok()
}

/// `path` + `suffix` (`-wal`, `-shm`).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn config_for(store: &Path) -> Config {
        let mut c = Config::defaults();
        c.review = config::Setting {
            value: Some(store.to_path_buf()),
            source: Source::Argument,
        };
        c
    }

    fn me() -> Account {
        Account::current()
    }

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn names(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(Finding::check).collect()
    }

    #[test]
    fn a_group_folder_without_setgid_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o770);
        let store = dir.path().join("review.sqlite");
        let f = check_store(&config_for(&store), &me(), Identity::os());
        assert!(
            f.iter().any(|f| matches!(f, Finding::NoSetgid { .. })),
            "{f:?}"
        );
        chmod(dir.path(), 0o2770);
        let f = check_store(&config_for(&store), &me(), Identity::os());
        assert!(!names(&f).contains(&"no-setgid"), "{f:?}");
        assert!(f.iter().all(|f| f.level() != Level::Error), "{f:?}");
    }

    #[test]
    fn a_store_the_group_cannot_write_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o2770);
        let store = dir.path().join("review.sqlite");
        Store::open(&store, false, "rpct").unwrap();
        chmod(&store, 0o644);
        let f = check_store(&config_for(&store), &me(), Identity::os());
        assert!(
            f.iter()
                .any(|f| matches!(f, Finding::FileNotGroupWritable { mode: 0o644, .. })),
            "{f:?}"
        );
        assert!(f.iter().any(|f| matches!(f, Finding::AuditOk { rows: 0 })));
    }

    #[test]
    fn an_account_outside_the_group_is_told_to_join_it() {
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o2770);
        let store = dir.path().join("review.sqlite");
        Store::open(&store, false, "rpct").unwrap();
        let meta = std::fs::metadata(dir.path()).unwrap();
        // Someone else, in none of the folder's groups.
        let stranger = Account {
            name: "impiegato".into(),
            uid: meta.uid() + 1,
            gids: vec![meta.gid() + 1],
        };
        let f = check_store(&config_for(&store), &stranger, Identity::os());
        let fix = f.iter().find_map(|f| match f {
            Finding::NotInGroup { fix, .. } => Some(fix.clone()),
            _ => None,
        });
        assert_eq!(
            fix.map(|m| m.account),
            Some("impiegato".to_string()),
            "{f:?}"
        );
        // Its owner, or a member, is not told.
        let f = check_store(&config_for(&store), &me(), Identity::os());
        assert!(!names(&f).contains(&"not-in-group"), "{f:?}");
    }

    #[test]
    fn the_map_and_its_errors() {
        let f = check_map(Ok(crate::import::builtin()));
        assert!(matches!(&f[0], Finding::MapLoaded { datasets } if datasets.len() == 2));
        assert!(matches!(
            check_map(Ok(Map::default()))[..],
            [Finding::MapEmpty]
        ));
        let f = check_map(Err(anyhow::anyhow!("x.xlsx: no header")));
        assert_eq!(f[0].level(), Level::Error);
    }
}

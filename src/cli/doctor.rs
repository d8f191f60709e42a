//! `mappa doctor`: what would go wrong for this account, found before it
//! does. The configuration files and their keys, the store and its folder
//! (group, setgid bit), the modes and groups of the store and of its `-wal`
//! and `-shm`, whether this account may read and write them, the audit
//! chain, the map. Each finding is one line — ok, avviso or errore — with
//! what to do; any errore makes the exit status 1.
//!
//! The checks produce [`Finding`]s (typed, so tests ask for them by name);
//! [`crate::i18n::doctor`] turns them into words.

use super::args::{ChangeArgs, MapArgs, TextOutput};
use crate::config::{self, Config, Files, Overrides, Source};
use crate::i18n::cli::Message;
use crate::i18n::doctor as messages;
use crate::i18n::Lang;
use crate::model::{Map, Severity};
use crate::review::audit::Verification;
use crate::review::{Identity, Store};
use nix::unistd::{access, AccessFlags};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub use crate::i18n::doctor::{unknown_key_warning, Finding, Level, Membership};

/// `mappa doctor`.
#[derive(Debug, Clone, clap::Args)]
pub struct DoctorArgs {
    /// As JSON: an array of {level (ok, warning, error), check, message,
    /// advice}.
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub change: ChangeArgs,
    #[command(flatten)]
    pub map: MapArgs,
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

/// Runs every check and prints the findings. Returns whether none is an
/// error. `map` is the map as loading it went (`--data`, or the seeds).
pub fn run(
    json: bool,
    overrides: &Overrides,
    files: &Files,
    user: Option<&str>,
    map: anyhow::Result<Map>,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let account = Account::current();
    let (config, mut findings) = check_config(overrides, files);
    let lang = config
        .as_ref()
        .map(|c| c.lang.value)
        .or(overrides.lang)
        .unwrap_or_default();
    findings.push(Finding::Account {
        name: account.name.clone(),
        uid: account.uid,
        groups: account.gids.iter().map(|g| group_name(*g)).collect(),
    });
    if let Some(config) = &config {
        let identity = Identity::with_name(user).unwrap_or_else(|_| Identity::os());
        findings.extend(check_store(config, &account, identity));
    }
    findings.extend(check_map(map, lang));
    if json {
        messages::write_json(&findings, lang, out)?;
    } else {
        messages::write_text(&findings, lang, out)?;
    }
    Ok(findings.iter().all(|f| f.level() != Level::Error))
}

/// The configuration files one by one, then the settings they make
/// together (`None` when they make none: every command would fail).
pub fn check_config(overrides: &Overrides, files: &Files) -> (Option<Config>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut broken = false;
    for path in files.paths() {
        match config::read(&path) {
            Ok(None) => findings.push(Finding::ConfigAbsent { path }),
            Ok(Some(read)) => {
                findings.push(Finding::ConfigRead {
                    path,
                    keys: read.keys,
                });
                findings.extend(read.unknown.into_iter().map(Finding::UnknownKey));
            }
            Err(error) => {
                broken = true;
                findings.push(Finding::ConfigBroken { error });
            }
        }
    }
    match Config::load(overrides, files) {
        Ok(c) => (Some(c), findings),
        Err(error) => {
            // A value only the whole load checks (lang = "fr").
            if !broken {
                findings.push(Finding::ConfigBroken { error });
            }
            (None, findings)
        }
    }
}

/// The store in use, its folder, its files, this account's access, the
/// audit chain. Modes are looked at before the store is opened (opening it
/// may make its `-shm`).
pub fn check_store(config: &Config, account: &Account, identity: Identity) -> Vec<Finding> {
    let lang = config.lang.value;
    let mut findings = Vec::new();
    let (path, personal) = match &config.review.value {
        Some(p) => (p.clone(), false),
        None => match Store::default_path() {
            Some(p) => (p, true),
            None => {
                findings.push(Finding::StoreUnusable {
                    error: Message::NoDataFolder.text(lang),
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
                error: Message::NotAFolder(dir.clone()).text(lang),
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
            error: crate::i18n::store::error(&e, lang),
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
                        reason: Message::ChangedOutside {
                            count: discrepancies.len(),
                            first: first.unwrap_or_default(),
                        }
                        .text(lang),
                    });
                }
                // Only a seal can be missing, and none was given.
                Ok(None) => {}
                Err(e) => findings.push(Finding::StoreUnusable {
                    error: crate::i18n::store::error(&e, lang),
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
pub fn check_map(map: anyhow::Result<Map>, lang: Lang) -> Vec<Finding> {
    match map {
        Err(e) => vec![Finding::MapFailed {
            error: super::error_text(&e, lang),
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
        let f = check_map(Ok(crate::import::builtin()), Lang::It);
        assert!(matches!(&f[0], Finding::MapLoaded { datasets } if datasets.len() == 2));
        assert!(matches!(
            check_map(Ok(Map::default()), Lang::It)[..],
            [Finding::MapEmpty]
        ));
        let f = check_map(Err(anyhow::anyhow!("x.xlsx: no header")), Lang::It);
        assert_eq!(f[0].level(), Level::Error);
    }
}

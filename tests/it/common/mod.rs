//! Helpers shared by the integration tests: running the real binary away
//! from the user's own store and configuration, scratch folders, the
//! explorer on a TestBackend, the binary in a pseudo-terminal, and
//! spreadsheets built in code (sheets).

#![allow(dead_code)]

pub mod map_edits;
pub mod pty;
pub mod sheets;
pub mod tui;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mappa")
}

/// A scratch folder for one test (or a path inside one), removed when
/// dropped: keep it alive for as long as the test uses it.
#[derive(Clone)]
pub struct Scratch {
    dir: std::sync::Arc<tempfile::TempDir>,
    path: PathBuf,
}

impl Scratch {
    /// A path inside this folder that keeps the folder alive.
    pub fn at(&self, name: &str) -> Scratch {
        Scratch {
            dir: std::sync::Arc::clone(&self.dir),
            path: self.dir.path().join(name),
        }
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.path.as_os_str()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.path.fmt(f)
    }
}

/// A fresh, empty scratch folder for one test, removed when dropped.
pub fn temp_dir(name: &str) -> Scratch {
    let dir = tempfile::Builder::new()
        .prefix(&format!("mappa-test-{name}-"))
        .tempdir()
        .expect("a scratch folder");
    let path = dir.path().to_path_buf();
    Scratch {
        dir: std::sync::Arc::new(dir),
        path,
    }
}

/// A scratch store for one test (`review.sqlite` in a folder of its own).
pub fn scratch_store(name: &str) -> Scratch {
    temp_dir(name).at("review.sqlite")
}

/// Environment that keeps the binary away from the user's own data,
/// configuration and log: a per-process data, config and state home
/// (under the build's own scratch folder, not the system's), no system
/// config, no log level or day of the caller's.
pub fn isolated_env() -> Vec<(&'static str, OsString)> {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("home-{}", std::process::id()));
    vec![
        ("XDG_DATA_HOME", home.join("data").into()),
        ("XDG_CONFIG_HOME", home.join("config").into()),
        ("XDG_STATE_HOME", home.join("state").into()),
        ("MAPPA_SYSTEM_CONFIG", home.join("etc-mappa.toml").into()),
    ]
}

/// A command for the binary with the isolated environment.
pub fn command() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_remove("NO_COLOR")
        .env_remove("MAPPA_LOG")
        .env_remove("MAPPA_TODAY")
        .env_remove("MAPPA_MAX_FILE_MB");
    for (k, v) in isolated_env() {
        cmd.env(k, v);
    }
    cmd
}

/// Runs the binary with `args` and waits for it.
pub fn mappa(args: &[&str]) -> Output {
    command().args(args).output().expect("run mappa")
}

/// Runs the binary on the review store `store`, as the user "rpct".
pub fn mappa_store(store: &Path, args: &[&str]) -> Output {
    on_store(store, &["--user", "rpct"])
        .args(args)
        .output()
        .expect("run mappa")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `mappa --review STORE ARGS`, to be started.
fn on_store(store: &Path, args: &[&str]) -> Command {
    let mut cmd = command();
    cmd.arg("--review").arg(store).args(args);
    cmd
}

/// Starts `mappa --review STORE ARGS` without waiting for it: one of
/// several writers at once. [`finished_cleanly`] waits for it.
pub fn start_writer(store: &Path, args: &[&str]) -> std::process::Child {
    on_store(store, args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start mappa")
}

/// Waits for a writer from [`start_writer`]: it succeeded, and never had
/// to say the store was locked or busy. Returns what it said on stderr.
pub fn finished_cleanly(writer: std::process::Child) -> String {
    let o = writer.wait_with_output().expect("wait for mappa");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("locked") && !err.contains("busy"), "{err}");
    err
}

/// Runs `mappa --review STORE ARGS` (a writer looping with `--repeat`),
/// reads its acknowledgements ("ok N …") until `acks` have come, then
/// kills it with SIGKILL: no chance to clean up. Returns the last one.
pub fn kill_writer_after(store: &Path, args: &[&str], acks: u32) -> u32 {
    use std::io::BufRead;
    let mut child = on_store(store, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut acked = 0u32;
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    while acked < acks {
        let line = lines
            .next()
            .expect("the writer acknowledges its changes")
            .unwrap();
        acked = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    acked
}

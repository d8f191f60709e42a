//! The log file, for support: `mappa.log` in the state folder
//! (`$XDG_STATE_HOME/mappa/`, else `~/.local/state/mappa/`), never the
//! terminal — the explorer owns the screen, and a command's output is its
//! own. The level comes from `MAPPA_LOG` (`error`, `warn`, `info`, `debug`,
//! `trace`, `off`, or tracing's `target=level` directives); unset or not
//! understood, `warn`: failures are kept, a command that goes well writes
//! nothing.
//!
//! The file is opened the first time something is written to it, so a
//! command that has nothing to log never touches the disk; a log that
//! cannot be opened (no home, a read-only folder) is skipped in silence:
//! the log never fails a command. Past [`KEEP_BYTES`] the file is moved to
//! `mappa.log.1` (one older file kept) when a process first writes.

use crate::environment::Environment;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// The level when `MAPPA_LOG` says none.
pub const DEFAULT_LEVEL: LevelFilter = LevelFilter::WARN;

/// The size past which the log is moved aside.
pub const KEEP_BYTES: u64 = 10 * 1024 * 1024;

/// The filter `MAPPA_LOG` asks for.
pub fn filter(level: Option<&str>) -> Targets {
    let default = Targets::new().with_default(DEFAULT_LEVEL);
    let Some(text) = level.map(str::trim) else {
        return default;
    };
    if let Ok(level) = text.parse::<LevelFilter>() {
        return Targets::new().with_default(level);
    }
    // Directives name a target and its level (`mappa::review=debug`); a
    // word alone that is no level is a mistake, not a target.
    match text.parse::<Targets>() {
        Ok(targets) if text.contains('=') => targets,
        _ => default,
    }
}

/// Starts logging to the state folder's `mappa.log`, if there is one; the
/// events of this process carry its id.
pub fn start(env: &Environment) {
    let Some(path) = env.log_file() else {
        return;
    };
    let filter = filter(env.log_level.as_deref());
    if filter.default_level() == Some(LevelFilter::OFF) && filter.iter().next().is_none() {
        return;
    }
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Arc::new(LogFile::new(path)))
        .with_filter(filter);
    // A second start (tests in one process) keeps the first.
    let _ = tracing_subscriber::registry().with(layer).try_init();
}

/// A file opened when first written to; failing that, nothing.
struct LogFile {
    path: PathBuf,
    /// `None` until the first write; then the file, or `None` if it
    /// could not be opened.
    file: Mutex<Option<Option<File>>>,
}

impl LogFile {
    fn new(path: PathBuf) -> LogFile {
        LogFile {
            path,
            file: Mutex::new(None),
        }
    }
}

fn open(path: &Path) -> Option<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > KEEP_BYTES) {
        let _ = std::fs::rename(path, path.with_extension("log.1"));
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .ok()
}

impl Write for &LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = file.get_or_insert_with(|| open(&self.path)) {
            // One event, one write (the file is opened to append: lines of
            // processes writing at once do not cut into each other).
            let _ = f.write_all(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_is_mappa_log_or_warn() {
        assert_eq!(filter(None).default_level(), Some(LevelFilter::WARN));
        assert_eq!(
            filter(Some("debug")).default_level(),
            Some(LevelFilter::DEBUG)
        );
        assert_eq!(
            filter(Some("not a level!")).default_level(),
            Some(LevelFilter::WARN)
        );
        assert_eq!(filter(Some("off")).default_level(), Some(LevelFilter::OFF));
        let targets = filter(Some("mappa::review=debug"));
        assert!(targets.would_enable("mappa::review", &tracing::Level::DEBUG));
        assert!(!targets.would_enable("mappa::cli", &tracing::Level::DEBUG));
    }

    #[test]
    fn the_file_is_made_when_first_written_and_moved_aside_when_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("mappa.log");
        let log = LogFile::new(path.clone());
        assert!(!path.exists());
        (&log).write_all(b"one\n").unwrap();
        (&log).write_all(b"two\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        std::fs::write(&path, vec![b'x'; KEEP_BYTES as usize + 1]).unwrap();
        (&LogFile::new(path.clone())).write_all(b"three\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three\n");
        assert!(path.with_extension("log.1").exists());
    }

    #[test]
    fn a_log_that_cannot_be_opened_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        // A folder that cannot be made: a file stands where it would be.
        let log = LogFile::new(file.join("mappa.log"));
        assert_eq!((&log).write(b"lost\n").unwrap(), 5);
    }
}

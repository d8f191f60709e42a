//! What can go wrong with the store, said the way a person can act on it:
//! one sentence naming the file and what to do, never an SQLite code or SQL.

use std::path::{Path, PathBuf};

/// An error of the review store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A read command found no store: reads never create one.
    #[error("no review store at {}; it is created by the first change (`mappa review set …`)", .0.display())]
    Missing(PathBuf),
    /// The file exists but is not a mappa review store.
    #[error("{} is not a mappa review store ({why}); mappa leaves it untouched: give another file with --review", path.display())]
    Foreign { path: PathBuf, why: String },
    /// A store is made only in a folder that exists.
    #[error("the folder {} does not exist; create it first (a review store is never created in a folder that is not there)", .0.display())]
    NoFolder(PathBuf),
    /// The store was opened read-only (by choice or by permissions).
    #[error("the review store {} is read-only{why}: notes are visible, changes are not saved", path.display())]
    ReadOnly { path: PathBuf, why: String },
    /// A store written by a newer mappa.
    #[error("the review store {} was written by a newer mappa (schema {found}, this one knows {known}); update mappa", path.display())]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// SQLite failed; `what` says what mappa was doing, `advice` what to do.
    #[error("cannot {what} the review store {}: {reason}; {advice}", path.display())]
    Sqlite {
        path: PathBuf,
        what: &'static str,
        reason: &'static str,
        advice: &'static str,
        /// The SQLite error code, for tests and `RUST_LOG`-style debugging.
        code: Option<rusqlite::ErrorCode>,
    },
    /// No record has that id (R12, M3): exit status 1.
    #[error("{0}")]
    NoSuchItem(String),
    /// A change would overwrite someone else's newer value.
    #[error(transparent)]
    Conflict(Box<Conflict>),
}

/// Someone else changed a field since the change was prepared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field} of {entry} was changed by {who} on {at} since: current value {current:?}; nothing was written (show it with `mappa review show`, then add --force to overwrite)")]
pub struct Conflict {
    pub entry: String,
    pub field: String,
    pub current: String,
    pub who: String,
    pub at: String,
    /// The revision (audit row) that set the current value.
    pub revision: i64,
}

impl StoreError {
    /// An SQLite error while doing `what` to the store at `path`.
    pub fn sqlite(path: &Path, what: &'static str, e: &rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        let code = e.sqlite_error_code();
        let (reason, advice) = match code {
            Some(C::DatabaseBusy | C::DatabaseLocked) => (
                "another program is using it and did not let go",
                "try again in a moment",
            ),
            Some(C::ReadOnly) => (
                "it cannot be written with your permissions",
                "ask for write access to the file and its folder, or use --read-only",
            ),
            Some(C::PermissionDenied | C::CannotOpen) => (
                "it cannot be opened with your permissions",
                "check that the file and its folder can be read (and written, to record changes)",
            ),
            Some(C::NotADatabase) => (
                "the file is not a database",
                "give another file with --review",
            ),
            Some(C::DatabaseCorrupt) => (
                "the file is damaged",
                "restore it from a backup (`mappa review backup` makes one)",
            ),
            Some(C::DiskFull) => ("the disk is full", "free some space and try again"),
            Some(C::SystemIoFailure) => (
                "the system could not read or write it",
                "check the disk and try again",
            ),
            _ => (
                "the database reported an unexpected error",
                "try again; if it persists, run `mappa review verify` and keep a backup",
            ),
        };
        StoreError::Sqlite {
            path: path.to_path_buf(),
            what,
            reason,
            advice,
            code,
        }
    }

    /// Whether another writer holds the lock (worth retrying).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite {
                code: Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked),
                ..
            }
        )
    }
}

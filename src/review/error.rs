//! What can go wrong with the store, as values: each says what a person
//! can act on (the file, the record, the rule), never an SQLite code or
//! SQL. The words are in `crate::i18n::store`, in both languages; `Display`
//! gives the Italian ones.

use super::vocabulary::UnknownLabel;
use crate::model::record_ids::BadId;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// An error of the review store.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// A read command found no store: reads never create one.
    Missing(PathBuf),
    /// The file exists but is not a mappa review store.
    Foreign { path: PathBuf, why: String },
    /// A store is made only in a folder that exists.
    NoFolder(PathBuf),
    /// The store was opened read-only (by choice or by permissions).
    ReadOnly { path: PathBuf, why: String },
    /// A store written by a newer mappa.
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// SQLite failed while doing `what`.
    Sqlite {
        path: PathBuf,
        what: &'static str,
        cause: SqliteCause,
        /// The SQLite error code, for tests and the log.
        code: Option<rusqlite::ErrorCode>,
    },
    /// A stored value that this release cannot read: the table, the
    /// record and the value are named (never read as a default).
    Corrupt {
        table: &'static str,
        record: String,
        column: &'static str,
        value: String,
    },
    /// No record has that id (R12, M3, V7, L4), or no audit row that number.
    NotFound(String),
    /// A change would overwrite someone else's newer value.
    Conflict(Box<Conflict>),
    /// The change breaks a rule of the records: nothing was written.
    Invalid(Invalid),
    /// The change is refused as things stand: nothing was written.
    Refused(Refused),
}

/// Why SQLite failed, in words a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteCause {
    Busy,
    ReadOnly,
    Permission,
    NotADatabase,
    Corrupt,
    DiskFull,
    Io,
    CannotCreate,
    Unreachable,
    Other,
}

/// Someone else changed a field since the change was prepared.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub entry: String,
    pub field: String,
    pub current: String,
    pub who: String,
    pub at: String,
    /// The revision (audit row) that set the current value.
    pub revision: i64,
}

/// Bad input for a record (exit status 2).
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// A free text longer than the store takes.
    TooLong {
        field: &'static str,
        chars: usize,
        limit: usize,
    },
    /// A text that must be given was empty.
    Empty(&'static str),
    /// A judgement without its motivation.
    NeedsMotivation,
    /// A fact dated after today (a check, an interview).
    Future {
        what: &'static str,
        date: Date,
        today: Date,
    },
    /// A due date outside the years a plan can mean.
    Implausible {
        what: &'static str,
        date: Date,
    },
    /// A new measure without kind, type, owner or due date.
    MeasureIncomplete,
    /// A measure that treats nothing.
    NoTarget,
    BadId(BadId),
    Unknown(UnknownLabel),
}

/// A change refused as things stand (exit status 1).
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// The record was removed: restore it first.
    Removed(String),
    /// A measure keeps at least one target.
    LastTarget { measure: String, target: String },
    /// The measure does not treat that target.
    NotLinked { measure: String, target: String },
    /// The field moved on since the audit row to revert: its value now,
    /// who set it and when.
    MovedOn {
        row: i64,
        field: String,
        current: String,
        who: String,
        at: String,
    },
    /// An audit row that cannot be undone (why).
    NotRevertible { row: i64, why: &'static str },
    /// The round is closed: nothing in it changes (a correction goes into
    /// the next round).
    Closed(crate::review::Year),
    /// No round of that year (open it first).
    NoRound(crate::review::Year),
    /// A round of that year exists already.
    RoundExists(crate::review::Year),
    /// A new round comes after the latest one.
    RoundBefore {
        year: crate::review::Year,
        latest: crate::review::Year,
    },
}

impl StoreError {
    /// An SQLite error while doing `what` to the store at `path`.
    pub fn sqlite(path: &Path, what: &'static str, e: &rusqlite::Error) -> StoreError {
        if let Some(corrupt) = Corrupt::of(e) {
            return corrupt;
        }
        use rusqlite::ErrorCode as C;
        let code = e.sqlite_error_code();
        let cause = match code {
            Some(C::DatabaseBusy | C::DatabaseLocked) => SqliteCause::Busy,
            Some(C::ReadOnly) => SqliteCause::ReadOnly,
            Some(C::PermissionDenied | C::CannotOpen) => SqliteCause::Permission,
            Some(C::NotADatabase) => SqliteCause::NotADatabase,
            Some(C::DatabaseCorrupt) => SqliteCause::Corrupt,
            Some(C::DiskFull) => SqliteCause::DiskFull,
            Some(C::SystemIoFailure) => SqliteCause::Io,
            _ => SqliteCause::Other,
        };
        StoreError::Sqlite {
            path: path.to_path_buf(),
            what,
            cause,
            code,
        }
    }

    /// Whether another writer holds the lock (worth retrying).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite {
                cause: SqliteCause::Busy,
                ..
            }
        )
    }

    /// The exit status a command ends with: 1 when what was asked for is
    /// not there (a store, a record), or the change would undo someone's
    /// newer work; 2 for a change the store cannot take as given.
    pub fn exit_status(&self) -> u8 {
        match self {
            StoreError::Missing(_)
            | StoreError::NotFound(_)
            | StoreError::Conflict(_)
            | StoreError::Corrupt { .. }
            | StoreError::Refused(
                Refused::MovedOn { .. }
                | Refused::NotRevertible { .. }
                | Refused::Closed(_)
                | Refused::NoRound(_)
                | Refused::RoundExists(_)
                | Refused::RoundBefore { .. },
            ) => 1,
            _ => 2,
        }
    }
}

impl From<Invalid> for StoreError {
    fn from(e: Invalid) -> Self {
        StoreError::Invalid(e)
    }
}

impl From<Refused> for StoreError {
    fn from(e: Refused) -> Self {
        StoreError::Refused(e)
    }
}

impl From<BadId> for StoreError {
    fn from(e: BadId) -> Self {
        StoreError::Invalid(Invalid::BadId(e))
    }
}

impl From<UnknownLabel> for StoreError {
    fn from(e: UnknownLabel) -> Self {
        StoreError::Invalid(Invalid::Unknown(e))
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::error(self, crate::i18n::Lang::It))
    }
}

impl std::error::Error for StoreError {}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::conflict(self, crate::i18n::Lang::It))
    }
}

impl std::error::Error for Conflict {}

/// A stored value that cannot be read, carried through rusqlite's row
/// mapping to be named in a [`StoreError::Corrupt`].
#[derive(Debug)]
pub(crate) struct Corrupt {
    pub table: &'static str,
    pub record: String,
    pub column: &'static str,
    pub value: String,
}

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}: {:?}",
            self.table, self.record, self.column, self.value
        )
    }
}

impl std::error::Error for Corrupt {}

impl Corrupt {
    /// As a row-mapping error.
    pub fn error(self, column: usize) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            Box::new(self),
        )
    }

    fn of(e: &rusqlite::Error) -> Option<StoreError> {
        let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = e else {
            return None;
        };
        inner
            .downcast_ref::<Corrupt>()
            .map(|c| StoreError::Corrupt {
                table: c.table,
                record: c.record.clone(),
                column: c.column,
                value: c.value.clone(),
            })
    }
}

//! The store itself: opening it for reading or for changes, the reviews,
//! one transaction per change with its audit rows, the log, orphans,
//! verification and online backups.

use super::audit::{self, SealPrefix, Verification};
use super::error::{Invalid, StoreError};
use super::key::{all_keys, ReviewKey};
use super::kinds::RecordName;
use super::open::{self, Found};
use super::record::{AuditEntry, Identity, Review};
use super::{schema, time};
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a change is based on, for detecting lost updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Whatever is there is replaced (its value stays in the log): the
    /// command line without `--base`.
    Force,
    /// The audit revision the writer saw (the explorer, `--base N`): a
    /// field someone changed after it is not overwritten.
    Revision(i64),
}

/// The revision of one field: the audit row that set its current value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: i64,
    pub who: String,
    pub account: Option<String>,
    pub at: Timestamp,
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) read_only: bool,
    /// Why it is read-only, for the message ("" when chosen with --read-only).
    pub(crate) read_only_why: String,
    pub(crate) identity: Identity,
    pub(crate) path: PathBuf,
    /// How long a write waits for another writer before giving up.
    pub(crate) busy: Duration,
    /// The file itself, when `conn` is an upgraded copy of an older store
    /// in memory: watched so that the file's own upgrade, or any change,
    /// is noticed (a copy never changes by itself).
    pub(crate) source: Option<Connection>,
    /// The file's `data_version` just before the copy was read from it:
    /// a change committed while the copy was being made is noticed too.
    pub(crate) copied_at: Option<i64>,
    /// The day taken as today: no fact is recorded after it.
    pub(crate) today: Date,
    /// The round asked for (`--round`, the settings); none: the default
    /// one (see `rounds`). A cell, so a read can look at another round.
    pub(crate) round_choice: std::cell::Cell<Option<super::rounds::Year>>,
    /// The map loaded, which a new round keeps.
    pub(crate) map: Option<std::sync::Arc<crate::model::Map>>,
}

/// How long a change waits for other writers before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(30);

/// Puts the store in WAL mode, unless it is already. Changing the mode
/// fails at once, without waiting, while another process holds the store
/// (several writers creating it together), or leaves the mode as it was:
/// it is tried again until the mode is WAL, by this process or by another,
/// or `BUSY_WAIT` has passed.
fn to_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_WAIT;
    let is_wal = |mode: &str| mode.eq_ignore_ascii_case("wal");
    loop {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if is_wal(&mode) {
            return Ok(());
        }
        // The pragma answers with the mode the store is in afterwards.
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(now) if is_wal(&now) => return Ok(()),
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy => {}
            Err(e) => return Err(e),
        }
        if std::time::Instant::now() >= deadline {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("the store could not be switched to WAL mode".into()),
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

impl Store {
    /// The personal store: `$XDG_DATA_HOME/mappa/review.sqlite`, else
    /// `~/.local/share/mappa/review.sqlite`.
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let dirs = etcetera::choose_base_strategy().ok()?;
        Some(dirs.data_dir().join("mappa").join("review.sqlite"))
    }

    /// Opens an existing store for reading; never creates or changes a file.
    /// SQLite may leave its `-wal` and `-shm` beside a store it read; they
    /// take the store's mode, so they never block a writer.
    pub fn open_read(path: &Path, identity: Identity) -> Result<Store, StoreError> {
        match open::inspect(path)? {
            Found::Missing | Found::Blank => Err(StoreError::Missing(path.to_path_buf())),
            Found::Mappa { version } => {
                let conn = open::open_read_only(path)?;
                tracing::debug!(path = %path.display(), schema = version, "store read");
                if version < schema::VERSION {
                    // An older store is upgraded in memory for reading: the
                    // file itself is upgraded by the first change.
                    let before: Option<i64> =
                        conn.query_row("PRAGMA data_version", [], |r| r.get(0)).ok();
                    let copy = upgraded_copy(path, &conn)?;
                    let mut store = Store::with(copy, path, identity, true, String::new());
                    store.source = Some(conn);
                    store.copied_at = before;
                    return Ok(store);
                }
                Ok(Store::with(conn, path, identity, true, String::new()))
            }
        }
    }

    /// Opens a store for changes, creating it if needed: only in a folder
    /// that exists, unless `make_folder` (the default data folder).
    pub fn open_write(
        path: &Path,
        identity: Identity,
        make_folder: bool,
    ) -> Result<Store, StoreError> {
        match open::inspect(path)? {
            Found::Missing => {
                let dir = path
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if !dir.is_dir() {
                    if !make_folder {
                        return Err(StoreError::NoFolder(dir.to_path_buf()));
                    }
                    std::fs::create_dir_all(dir)
                        .map_err(|_| StoreError::NoFolder(dir.to_path_buf()))?;
                }
                open::create_file(path)?;
            }
            Found::Blank | Found::Mappa { .. } => {}
        }
        if !open::writable(path) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                why: " (your account may not write it or its folder)".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::sqlite(path, "open", &e))?;
        let prepare = || -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_WAIT)?;
            // Only a new or older store takes the write lock here: opening
            // an up-to-date store never waits for another writer.
            to_wal(&conn)?;
            // Acknowledged changes survive a crash of the machine too.
            conn.pragma_update(None, "synchronous", "FULL")?;
            let found = schema::version(&conn)?;
            if found < schema::VERSION {
                schema::migrate(&conn)?;
                tracing::info!(path = %path.display(), from = found, to = schema::VERSION, "store schema upgraded");
            }
            Ok(())
        };
        prepare().map_err(|e| StoreError::sqlite(path, "prepare", &e))?;
        Ok(Store::with(conn, path, identity, false, String::new()))
    }

    /// For the explorer: writable when it can be, read-only when asked or
    /// when permissions say so; `None` when there is no store yet.
    pub fn open_best(
        path: &Path,
        identity: Identity,
        read_only: bool,
    ) -> Result<Option<Store>, StoreError> {
        if read_only || (path.exists() && !open::writable(path)) {
            let why = if read_only {
                ""
            } else {
                " (your account may not write it)"
            };
            return match Store::open_read(path, identity) {
                Ok(mut s) => {
                    s.read_only_why = why.to_string();
                    Ok(Some(s))
                }
                Err(StoreError::Missing(_)) => Ok(None),
                Err(e) => Err(e),
            };
        }
        match open::inspect(path)? {
            Found::Missing => Ok(None),
            _ => Store::open_write(path, identity, false).map(Some),
        }
    }

    /// Opens for reading (`read_only`) or for changes, creating the store
    /// and its folder if needed, signing changes with `name` beside the OS
    /// account. For tests and tools; the commands choose the open they need.
    pub fn open(
        path: &Path,
        read_only: bool,
        name: &str,
    ) -> Result<Store, Box<dyn std::error::Error + Send + Sync>> {
        let identity = Identity::with_name(Some(name))?;
        Ok(if read_only {
            Store::open_read(path, identity)?
        } else {
            Store::open_write(path, identity, true)?
        })
    }

    fn with(
        conn: Connection,
        path: &Path,
        identity: Identity,
        read_only: bool,
        why: String,
    ) -> Store {
        Store {
            conn,
            read_only,
            read_only_why: why,
            identity,
            path: path.to_path_buf(),
            busy: BUSY_WAIT,
            source: None,
            copied_at: None,
            today: time::today(),
            round_choice: std::cell::Cell::new(None),
            map: None,
        }
    }

    /// Takes `today` as today (the settings' `MAPPA_TODAY`, tests).
    pub fn set_today(&mut self, today: Date) {
        self.today = today;
    }

    /// The day taken as today.
    pub fn today(&self) -> Date {
        self.today
    }

    /// Refuses a fact dated after today.
    pub(crate) fn not_after_today(&self, what: &'static str, date: Date) -> Result<(), Invalid> {
        if date > self.today {
            return Err(Invalid::Future {
                what,
                date,
                today: self.today,
            });
        }
        Ok(())
    }

    /// Whether this is an in-memory upgraded copy of an older store (to be
    /// opened again once the file changes).
    pub fn is_copy(&self) -> bool {
        self.source.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a change waits for another writer (the explorer waits
    /// briefly and retries in the background).
    pub fn set_busy_timeout(&mut self, wait: Duration) {
        self.busy = wait;
        let _ = self.conn.busy_timeout(wait);
    }

    fn fail(&self, what: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, what, &e)
    }

    /// Changes whenever another connection commits (for live refresh).
    /// Changes whenever another connection commits to the file.
    /// The version to compare later [`Store::data_version`]s with: for a
    /// copy, the file's as it was before the copy was read (a change made
    /// meanwhile must not pass unseen); otherwise the current one.
    pub fn baseline_version(&self) -> Result<i64, StoreError> {
        match self.copied_at {
            Some(v) => Ok(v),
            None => self.data_version(),
        }
    }

    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.source
            .as_ref()
            .unwrap_or(&self.conn)
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(self.fail("read"))
    }

    /// The newest revision in the store (0 when empty).
    pub fn head(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))
            .map_err(self.fail("read"))
    }

    /// The audit log, oldest first, for one entry or all.
    pub fn log(&self, key: Option<&ReviewKey>) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!("SELECT {} FROM audit", audit::COLUMNS);
        let map_row = |r: &rusqlite::Row| -> rusqlite::Result<AuditEntry> {
            let (id, row, hash) = audit::read_row(r)?;
            let at = row.at.parse().map_err(|_| {
                super::error::Corrupt {
                    table: "audit",
                    record: id.to_string(),
                    column: "at",
                    value: row.at.clone(),
                }
                .error(1)
            })?;
            let key = ReviewKey {
                dataset: row.dataset,
                key: row.key,
                variant: row.variant,
            };
            let item = row.item.as_deref().and_then(|i| {
                let kind = super::kinds::RecordKind::from_slug(&row.record)?;
                RecordName::of_row(kind, Some(i), &key).or_else(|| RecordName::parse_item(i))
            });
            Ok(AuditEntry {
                id,
                at,
                who: row.who,
                account: row.account,
                name: row.name,
                record: row.record,
                item,
                key,
                field: row.field,
                old: row.old,
                new: row.new,
                hash: hash.unwrap_or_default(),
            })
        };
        let run = || -> rusqlite::Result<Vec<AuditEntry>> {
            match key {
                Some(k) => {
                    let mut stmt = self.conn.prepare(&format!(
                        "{sql} WHERE dataset = ?1 AND key = ?2 AND variant = ?3 ORDER BY id"
                    ))?;
                    let rows = stmt.query_map(params![k.dataset, k.key, k.variant], map_row)?;
                    rows.collect()
                }
                None => {
                    let mut stmt = self.conn.prepare(&format!("{sql} ORDER BY id"))?;
                    let rows = stmt.query_map([], map_row)?;
                    rows.collect()
                }
            }
        };
        self.read(|_| run())
    }

    /// Reviews whose entry is not in `map` any more (the live keys are
    /// indexed once: linear in the map and the store).
    pub fn orphans(&self, map: &crate::model::Map) -> Result<Vec<Review>, StoreError> {
        let keys: std::collections::HashSet<ReviewKey> =
            all_keys(map).into_iter().flatten().collect();
        Ok(self
            .all()?
            .into_iter()
            .filter(|r| !keys.contains(&r.key))
            .collect())
    }

    /// Recomputes the audit chain (see [`audit`]; with a seal, only up to
    /// it), then replays the log against every record table: what was
    /// edited, added or deleted outside mappa is named. One read
    /// transaction: other writers' changes meanwhile are not seen halfway.
    pub fn verify(&self, seal: Option<&SealPrefix>) -> Result<Option<Verification>, StoreError> {
        self.read(|c| {
            let chain = audit::verify(c, seal)?;
            let Some(Verification::Ok { rows, head, .. }) = chain else {
                return Ok(chain);
            };
            // The data is what the whole log says, whatever the seal.
            if seal.is_some() {
                if let Some(broken @ Verification::Broken { .. }) = audit::verify(c, None)? {
                    return Ok(Some(broken));
                }
            }
            let (discrepancies, records) = super::verify::differences(c)?;
            Ok(Some(if discrepancies.is_empty() {
                Verification::Ok {
                    rows,
                    head,
                    records: Some(records as u64),
                }
            } else {
                Verification::Altered {
                    rows,
                    head,
                    discrepancies,
                }
            }))
        })
    }

    /// The newest row's hash and the number of rows, to file as a seal.
    pub fn seal(&self) -> Result<(String, i64), StoreError> {
        let head = audit::head_hash(&self.conn).map_err(self.fail("read"))?;
        let rows = self
            .conn
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .map_err(self.fail("read"))?;
        Ok((head, rows))
    }

    /// Copies the store to `to` with SQLite's online backup, while others
    /// keep writing; `to` must not exist (the caller renames it in place).
    pub fn backup(&self, to: &Path) -> Result<(), StoreError> {
        let fail = |e: rusqlite::Error| StoreError::sqlite(to, "write the backup of", &e);
        // As private as the store itself: the group's, never everyone's.
        open::create_file(to)?;
        let mut dest = Connection::open(to).map_err(fail)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dest).map_err(fail)?;
            backup
                .run_to_completion(256, Duration::from_millis(5), None)
                .map_err(fail)?;
        }
        // A backup is a self-contained file: no -wal beside it.
        dest.pragma_update(None, "journal_mode", "DELETE")
            .map_err(fail)?;
        Ok(())
    }
}

/// An older store copied into memory and upgraded there, for reading it
/// without changing the file.
fn upgraded_copy(path: &Path, conn: &Connection) -> Result<Connection, StoreError> {
    let fail = |e: rusqlite::Error| StoreError::sqlite(path, "read", &e);
    let mut mem = Connection::open_in_memory().map_err(fail)?;
    rusqlite::backup::Backup::new(conn, &mut mem)
        .and_then(|b| b.run_to_completion(1024, Duration::ZERO, None))
        .map_err(fail)?;
    schema::migrate(&mem).map_err(fail)?;
    Ok(mem)
}

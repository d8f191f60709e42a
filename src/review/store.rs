//! The store itself: opening it for reading or for changes, the reviews,
//! one transaction per change with its audit rows, the log, orphans,
//! verification and online backups.

use super::audit::{self, AuditRow, Verification};
use super::error::StoreError;
use super::key::{all_keys, ReviewKey};
use super::open::{self, Found};
use super::record::{AuditEntry, Change, Identity, Review};
use super::rows::{
    apply_change, check_base, get, revision, row_to_review, write_review, Checked, SELECT,
};
use super::{schema, time};
use anyhow::bail;
use rusqlite::{params, Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a change is based on, for detecting lost updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Overwrite whatever is there (`--force`).
    Force,
    /// The audit revision the writer saw (the explorer, `--base N`).
    Revision(i64),
    /// What this same person last wrote: someone else's newer value is a
    /// conflict (the command line without `--base`).
    Mine,
}

/// The revision of one field: the audit row that set its current value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: i64,
    pub who: String,
    pub account: Option<String>,
    pub at: String,
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
    pub fn default_path() -> anyhow::Result<PathBuf> {
        use etcetera::BaseStrategy;
        let dirs = etcetera::choose_base_strategy().map_err(|_| {
            anyhow::anyhow!(
                "cannot find a data folder (set HOME or XDG_DATA_HOME, or use --review FILE)"
            )
        })?;
        Ok(dirs.data_dir().join("mappa").join("review.sqlite"))
    }

    /// Opens an existing store for reading; never creates or changes a file.
    /// SQLite may leave its `-wal` and `-shm` beside a store it read; they
    /// take the store's mode, so they never block a writer.
    pub fn open_read(path: &Path, identity: Identity) -> Result<Store, StoreError> {
        match open::inspect(path)? {
            Found::Missing | Found::Blank => Err(StoreError::Missing(path.to_path_buf())),
            Found::Mappa { version } => {
                let conn = open::open_read_only(path)?;
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
            if schema::version(&conn)? < schema::VERSION {
                schema::migrate(&conn)?;
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
    pub fn open(path: &Path, read_only: bool, name: &str) -> anyhow::Result<Store> {
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
        }
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

    pub fn get(&self, key: &ReviewKey) -> Result<Option<Review>, StoreError> {
        get(&self.conn, key).map_err(self.fail("read"))
    }

    pub fn all(&self) -> Result<Vec<Review>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY dataset, key, variant"))
            .map_err(self.fail("read"))?;
        let rows = stmt
            .query_map([], row_to_review)
            .map_err(self.fail("read"))?;
        rows.collect::<Result<_, _>>().map_err(self.fail("read"))
    }

    /// The revision of `field` of the entry at `key`, if it was ever set.
    pub fn revision(&self, key: &ReviewKey, field: &str) -> Result<Option<Revision>, StoreError> {
        revision(&self.conn, key, field, None).map_err(self.fail("read"))
    }

    /// The newest revision in the store (0 when empty).
    pub fn head(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))
            .map_err(self.fail("read"))
    }

    /// Applies `changes` in one transaction, with an audit row per field
    /// that changed. Nothing is written when a change is invalid or would
    /// overwrite someone else's newer value (see [`Base`]).
    pub fn apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        base: Base,
    ) -> anyhow::Result<Review> {
        self.apply_rev(key, title, changes, base).map(|(r, _)| r)
    }

    /// As [`Store::apply`], also giving the revision written (the newest
    /// audit row of the change; unchanged when nothing changed).
    pub fn apply_rev(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        base: Base,
    ) -> anyhow::Result<(Review, i64)> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: self.read_only_why.clone(),
            }
            .into());
        }
        for c in changes {
            match c {
                Change::Judgement(_, motivation) if motivation.trim().is_empty() => {
                    bail!("a judgement needs a motivation (--motivation TEXT)")
                }
                Change::Interview { date, .. } if !date.is_empty() && !time::valid_date(date) => {
                    bail!(
                        "interview date \"{}\" is not a date in the form YYYY-MM-DD",
                        crate::text::Shown(date)
                    )
                }
                _ => {}
            }
        }
        let now = time::now_utc();
        // BEGIN IMMEDIATE takes the write lock up front; the busy timeout
        // waits for other writers, and a few retries cover the rest.
        let retries = if self.busy >= Duration::from_secs(5) {
            20
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            match self.try_apply(key, title, changes, base, &now) {
                Err(e) if is_busy(&e) && attempt < retries => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                other => return other,
            }
        }
    }

    fn try_apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        base: Base,
        now: &str,
    ) -> anyhow::Result<(Review, i64)> {
        let path = self.path.clone();
        let identity = self.identity.clone();
        let sql = |e: rusqlite::Error| StoreError::sqlite(&path, "write", &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let old = get(&tx, key).map_err(sql)?;
        let mut review = old.clone().unwrap_or_else(|| Review::empty(key, title));
        let before = review.clone();
        for c in changes {
            apply_change(&mut review, c);
        }
        // The fields whose value changes, with old and new values.
        let mut audit: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for field in changes.iter().flat_map(Change::fields) {
            let (o, n) = (before.field(field), review.field(field));
            if o != n && !audit.iter().any(|(f, _, _)| f == field) {
                audit.push((field.to_string(), o, n));
            }
        }
        for (field, _, _) in &audit {
            check_base(&tx, key, field, base, &identity, &before).map_err(|e| match e {
                Checked::Sql(e) => anyhow::Error::from(sql(e)),
                Checked::Conflict(c) => StoreError::Conflict(c).into(),
            })?;
        }
        if old.as_ref().is_some_and(|o| o.title != title) {
            audit.push((
                "title".into(),
                old.as_ref().map(|o| o.title.clone()),
                Some(title.to_string()),
            ));
        }
        review.title = title.to_string();
        review.updated_at = now.to_string();
        review.updated_by = identity.who().to_string();
        write_review(&tx, &review).map_err(sql)?;
        let mut revision = 0;
        for (field, old, new) in audit {
            let row = AuditRow {
                at: now.to_string(),
                who: identity.who().to_string(),
                account: Some(identity.account.clone()),
                name: identity.name.clone(),
                record: "review".into(),
                item: None,
                dataset: key.dataset.clone(),
                key: key.key.clone(),
                variant: key.variant,
                field,
                old,
                new,
            };
            revision = audit::append(&tx, &row).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok((review, revision))
    }

    /// The audit log, oldest first, for one entry or all.
    pub fn log(&self, key: Option<&ReviewKey>) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!("SELECT {} FROM audit", audit::COLUMNS);
        let map_row = |r: &rusqlite::Row| -> rusqlite::Result<AuditEntry> {
            let (id, row, hash) = audit::read_row(r)?;
            Ok(AuditEntry {
                id,
                at: row.at,
                who: row.who,
                account: row.account,
                name: row.name,
                record: row.record,
                item: row.item,
                key: ReviewKey {
                    dataset: row.dataset,
                    key: row.key,
                    variant: row.variant,
                },
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
        run().map_err(self.fail("read"))
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

    /// Recomputes the audit chain (see [`audit`]); with a seal, only up to it.
    pub fn verify(&self, seal: Option<&str>) -> Result<Option<Verification>, StoreError> {
        audit::verify(&self.conn, seal).map_err(self.fail("read"))
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

pub(crate) fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_busy)
    })
}

//! Finding out what a store path holds before anything is written to it,
//! and opening it the way the command needs: reads never create or modify
//! a file; a store is created only by a change, only in a folder that
//! exists, group read/write so a team can share it.

use super::error::StoreError;
use super::schema::{self, APPLICATION_ID};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What a store path holds.
pub(crate) enum Found {
    Missing,
    /// An empty file, or an SQLite database with no tables: a new store.
    Blank,
    /// A mappa store of this release's schema or an older one (release 0.1
    /// stores had no application id yet), of this schema version.
    Mappa {
        version: i64,
    },
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(crate) fn inspect(path: &Path) -> Result<Found, StoreError> {
    let foreign = |why: String| StoreError::Foreign {
        path: path.to_path_buf(),
        why,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(Found::Missing),
        Err(_) => {
            return Err(StoreError::Sqlite {
                path: path.to_path_buf(),
                what: "open",
                cause: super::error::SqliteCause::Unreachable,
                code: None,
            })
        }
    };
    if !meta.is_file() {
        return Err(foreign("it is not a regular file".into()));
    }
    if meta.len() == 0 {
        return Ok(Found::Blank);
    }
    let mut head = [0u8; 16];
    let is_sqlite = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == SQLITE_MAGIC;
    if !is_sqlite {
        return Err(foreign("it is not an SQLite database".into()));
    }
    // Looking must not leave anything behind: without a -wal file the
    // database file alone is the whole database, read without a -shm.
    let conn = open_snapshot(path)?;
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| StoreError::sqlite(path, "read", &e))
    };
    // One read transaction for the three reads: another process may be
    // creating the store meanwhile, and separate reads could see its
    // tables from after a step and the identity from before it.
    conn.execute_batch("BEGIN")
        .map_err(|e| StoreError::sqlite(path, "read", &e))?;
    let app = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| StoreError::sqlite(path, "read", &e))?;
    conn.execute_batch("COMMIT")
        .map_err(|e| StoreError::sqlite(path, "read", &e))?;
    // Release 0.1 stores (schema 1) had no application id; every later
    // release sets it.
    let ours = app == APPLICATION_ID
        || (app == 0
            && version == 1
            && ["audit", "reviews"]
                .iter()
                .all(|t| tables.iter().any(|x| x == t)));
    if ours {
        if version > schema::VERSION {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                known: schema::VERSION,
            });
        }
        return Ok(Found::Mappa { version });
    }
    if app == 0 && version == 0 && tables.is_empty() {
        return Ok(Found::Blank);
    }
    Err(foreign(if app != 0 {
        format!("it belongs to another application (application id {app:#x})")
    } else {
        let mut list = tables.join(", ");
        if list.chars().count() > 60 {
            list = list.chars().take(57).collect::<String>() + "…";
        }
        format!(
            "an SQLite database of another application, with tables {}",
            crate::text::clean(&list)
        )
    }))
}

/// Opens read-only just to look. Through SQLite, except for another
/// program's database in WAL mode with no `-wal` beside it: that one is read
/// as the file is (exact then), so that looking leaves no `-wal`/`-shm`
/// behind. A mappa store is always read through SQLite: other mappa
/// processes may be checkpointing into it while we look.
fn open_snapshot(path: &Path) -> Result<Connection, StoreError> {
    let mut head = [0u8; 72];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok();
    let wal_mode = read && head[18] == 2 && head[19] == 2;
    let app_id = i64::from(u32::from_be_bytes([head[68], head[69], head[70], head[71]]));
    // A file of one page is a store another mappa process is creating
    // (switched to WAL, its first step not yet written back): read as it
    // is, it could change under the reader. Nothing else of one page is
    // worth keeping a -shm away from.
    let page = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages_beyond_one = std::fs::metadata(path).is_ok_and(|m| m.len() > page);
    if wal_mode && app_id != APPLICATION_ID && pages_beyond_one && !has_pending_wal(path) {
        if let Ok(conn) = open_immutable(path) {
            return Ok(conn);
        }
    }
    open_read_only(path)
}

/// Opens read-only. A reader that cannot create the `-shm` file beside a
/// store (a folder it may not write) reads the file as it is on disk, which
/// is exact whenever no `-wal` file is waiting to be checkpointed.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| StoreError::sqlite(path, "open", &e))?;
    // Opening is lazy: the first read is what fails without a -shm.
    match conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if !has_pending_wal(path) => {
            open_immutable(path).map_err(|_| StoreError::sqlite(path, "open", &e))
        }
        Err(e) => Err(StoreError::sqlite(path, "open", &e)),
    }
}

/// Reads the database file as it is, creating no `-shm` or `-wal`.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags)?;
    conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

fn has_pending_wal(path: &Path) -> bool {
    std::fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// `path` + `suffix` (`-wal`, `-shm`, `-journal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn uri_path(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
    }
    out
}

/// Creates an empty store file, group read/write whatever the umask (the
/// `-wal` and `-shm` files SQLite makes beside it take the same mode).
pub(crate) fn create_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let make = || -> std::io::Result<()> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o660)
            .open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o660))?;
        Ok(())
    };
    match make() {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => Err(StoreError::Sqlite {
            path: path.to_path_buf(),
            what: "create",
            cause: super::error::SqliteCause::CannotCreate,
            code: None,
        }),
    }
}

/// Whether this process may write the store and what SQLite needs beside it.
pub(crate) fn writable(path: &Path) -> bool {
    let can = |p: &Path| {
        let Ok(c) = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()) else {
            return false;
        };
        // SAFETY: a valid NUL-terminated path.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let sidecars_ok = ["-wal", "-shm"].iter().all(|s| can(&sidecar(path, s)));
    can(path) && (can(dir) || sidecars_ok)
}

//! The one way mappa writes a file people asked for (`-o FILE`, Ctrl-S, a
//! backup): never over the review store, any SQLite database or a map that
//! is loaded; never over an existing file unless `--force`; and always
//! through a temporary file renamed into place, so a reader never sees half
//! a file and a failure leaves the old one intact.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{} is the review store: mappa never writes a report over it; choose another file", .0.display())]
    Store(PathBuf),
    #[error("{} is a map loaded with --data: choose another file", .0.display())]
    LoadedMap(PathBuf),
    #[error("{} is an SQLite database: mappa never writes over one; choose another file", .0.display())]
    Database(PathBuf),
    #[error("{} already exists; add --force to replace it, or choose another file", .0.display())]
    Exists(PathBuf),
    #[error("{} is not a regular file; give a file name (or leave out -o to write to standard output)", .0.display())]
    NotAFile(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Files that output must never replace.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    /// The review store in use (its `-wal`, `-shm` and `-journal` too).
    pub store: Option<PathBuf>,
    /// The maps loaded with `--data`.
    pub maps: Vec<PathBuf>,
}

impl Protected {
    fn check(&self, target: &Path) -> Result<(), OutputError> {
        let same = |a: &Path| same_file(a, target);
        if let Some(store) = &self.store {
            let sidecars = ["", "-wal", "-shm", "-journal"].map(|s| {
                let mut p = store.as_os_str().to_owned();
                p.push(s);
                PathBuf::from(p)
            });
            if sidecars.iter().any(|p| same(p)) {
                return Err(OutputError::Store(target.to_path_buf()));
            }
        }
        if self.maps.iter().any(|m| same(m)) {
            return Err(OutputError::LoadedMap(target.to_path_buf()));
        }
        Ok(())
    }
}

/// Whether two paths name the same file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    fn resolved(p: &Path) -> Option<PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
    }
    matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y)
}

/// Checks that `path` may be written, before any work is done.
pub fn check(path: &Path, force: bool, protected: &Protected) -> Result<(), OutputError> {
    protected.check(path)?;
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) => {
            let followed = std::fs::metadata(path).unwrap_or(meta);
            if !followed.is_file() {
                return Err(OutputError::NotAFile(path.to_path_buf()));
            }
            if is_sqlite(path) {
                return Err(OutputError::Database(path.to_path_buf()));
            }
            if !force {
                return Err(OutputError::Exists(path.to_path_buf()));
            }
            Ok(())
        }
    }
}

/// Checks that a backup may be written to `path`: as [`check`], except that
/// with `force` an older backup (a mappa store that is not the one in use)
/// is replaced; any other database still never is.
pub fn check_backup(path: &Path, force: bool, protected: &Protected) -> Result<(), OutputError> {
    match check(path, force, protected) {
        Err(OutputError::Database(p)) if force && is_mappa_store(path) => {
            let _ = p;
            Ok(())
        }
        other => other,
    }
}

/// Whether the file is a mappa store (its SQLite header's application id).
fn is_mappa_store(path: &Path) -> bool {
    let mut head = [0u8; 72];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head[..16] == b"SQLite format 3\0"
        && head[68..72] == *b"mapp"
}

fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

/// Writes `bytes` to `path` after [`check`], through a temporary file in the
/// same folder renamed into place.
pub fn write(
    path: &Path,
    bytes: &[u8],
    force: bool,
    protected: &Protected,
) -> Result<(), OutputError> {
    check(path, force, protected)?;
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = temp_beside(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if !force {
            // Without --force the target must still not exist: a hard link
            // fails if it does, where a rename would replace it.
            std::fs::hard_link(&tmp, path)?;
            std::fs::remove_file(&tmp)?;
            return Ok(());
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(OutputError::Exists(path.to_path_buf()))
        }
        other => other.map_err(io),
    }
}

/// A temporary name beside `path`: same folder, so the rename is atomic.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(".{name}.mappa-{}-{}.tmp", std::process::id(), nanos());
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(tmp),
        None => PathBuf::from(tmp),
    }
}

fn nanos() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
}

/// Writes `bytes` to `dir/stem.ext`, or `stem-2.ext`, `stem-3.ext`, ... if
/// taken: never replaces a file. Returns where it wrote.
pub fn write_new(
    dir: &Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
    protected: &Protected,
) -> Result<PathBuf, OutputError> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match write(&path, bytes, false, protected) {
            Err(OutputError::Exists(_) | OutputError::Database(_) | OutputError::NotAFile(_)) => {
                continue
            }
            other => return other.map(|()| path),
        }
    }
    Err(OutputError::Exists(dir.join(format!("{stem}.{ext}"))))
}

/// A short file name from free text: lower-case ASCII letters and digits
/// joined by "-", at most `max` characters.
pub fn slug(text: &str, max: usize) -> String {
    let folded = crate::text::fold(text);
    let mut out = String::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        let w: String = w.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if w.is_empty() {
            continue;
        }
        let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
        if out.len() + extra > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder, removed when the guard is dropped.
    fn dir(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("mappa-output-{name}-"))
            .tempdir()
            .unwrap()
    }

    #[test]
    fn existing_files_need_force_and_databases_never_give_way() {
        let d = dir("force");
        let d = d.path();
        let f = d.join("out.md");
        write(&f, b"one", false, &Protected::default()).unwrap();
        assert!(matches!(
            write(&f, b"two", false, &Protected::default()),
            Err(OutputError::Exists(_))
        ));
        assert_eq!(std::fs::read(&f).unwrap(), b"one");
        write(&f, b"two", true, &Protected::default()).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        let db = d.join("other.db");
        std::fs::write(&db, b"SQLite format 3\0rest").unwrap();
        assert!(matches!(
            write(&db, b"x", true, &Protected::default()),
            Err(OutputError::Database(_))
        ));
        let store = d.join("review.sqlite");
        let p = Protected {
            store: Some(store.clone()),
            maps: vec![d.join("map.json")],
        };
        assert!(matches!(
            write(&store, b"x", true, &p),
            Err(OutputError::Store(_))
        ));
        assert!(matches!(
            write(&d.join("review.sqlite-wal"), b"x", true, &p),
            Err(OutputError::Store(_))
        ));
        assert!(matches!(
            write(&d.join("map.json"), b"x", true, &p),
            Err(OutputError::LoadedMap(_))
        ));
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }

    #[test]
    fn new_files_get_a_suffix_instead_of_replacing() {
        let d = dir("suffix");
        let d = d.path();
        let a = write_new(d, "mappa-x", "md", b"1", &Protected::default()).unwrap();
        let b = write_new(d, "mappa-x", "md", b"2", &Protected::default()).unwrap();
        assert_eq!(a.file_name().unwrap(), "mappa-x.md");
        assert_eq!(b.file_name().unwrap(), "mappa-x-2.md");
        assert_eq!(std::fs::read(&a).unwrap(), b"1");
        assert_eq!(
            slug("Registro imprese \"visure\" — àéì ✓ 2026", 30),
            "registro-imprese-visure-aei"
        );
        assert_eq!(slug("\u{1b}[2J", 10), "2j");
    }
}

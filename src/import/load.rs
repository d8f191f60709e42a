//! Loading the files given with `--data`: only regular files, read with a
//! bound, each recognised by its layout (a JSON export or one of the
//! tab-separated sources), the whole map checked before it is used.

use super::sheet::{self, SheetFile, SheetOptions};
use super::{catalogo, json, ptpc, validate, ImportError};
use crate::model::{Kept, Map};
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::Path;

/// The largest file read unless `MAPPA_MAX_FILE_MB` says otherwise, in MB.
/// A region's maps together are a few tens of MB; anything bigger is most
/// likely the wrong file.
pub const DEFAULT_MAX_FILE_MB: u64 = 512;

/// The environment variable that changes [`DEFAULT_MAX_FILE_MB`] (read by
/// [`crate::environment`], named in the messages about the limit).
pub const MAX_FILE_MB_VAR: &str = "MAPPA_MAX_FILE_MB";

/// The size limit for one file: [`DEFAULT_MAX_FILE_MB`] megabytes unless
/// the environment says otherwise (a field of [`SheetOptions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimit(u64);

impl FileLimit {
    /// `mb` megabytes: from 1 to 4095 (a cell's place in a sheet's text is
    /// 32 bits: 4 GB at most).
    pub fn from_mb(mb: u64) -> Option<FileLimit> {
        (1..=4095)
            .contains(&mb)
            .then(|| FileLimit(mb * 1024 * 1024))
    }

    pub fn bytes(self) -> u64 {
        self.0
    }
}

impl Default for FileLimit {
    fn default() -> FileLimit {
        FileLimit(DEFAULT_MAX_FILE_MB * 1024 * 1024)
    }
}

/// Loads the map from `files` (at least one): each a JSON export, a
/// catalogo or ptpc2019 tab-separated source, or a spreadsheet (see
/// [`super::sheet`]) read with `opts` and the settings file beside it.
pub fn load_files(files: &[std::path::PathBuf], opts: &SheetOptions) -> Result<Map, ImportError> {
    let limit = opts.max_file.bytes();
    let mut map = Map::default();
    // Where each dataset loaded so far came from, by id.
    let mut loaded: HashMap<String, String> = HashMap::default();
    for path in files {
        let name = path.display().to_string();
        let bytes = read_file(path, &name, limit)?;
        /// What the file turned out to be.
        enum Read {
            Datasets(Vec<crate::model::Dataset>),
            Catalogo,
            Ptpc,
            Sheet,
        }
        let read = match seed_or_json(&bytes) {
            Some(Source::Json(text)) => {
                let mut datasets = json::parse(&name, text)?;
                for ds in &mut datasets {
                    ds.loaded_from = Some(name.clone());
                }
                Read::Datasets(datasets)
            }
            Some(Source::Catalogo) => Read::Catalogo,
            Some(Source::Ptpc) => Read::Ptpc,
            None => Read::Sheet,
        };
        // A seed's text is kept for the process: its nodes point into it
        // instead of copying every cell (as a spreadsheet's do). Text that
        // is not UTF-8 is a spreadsheet's to decode.
        let seed = match read {
            Read::Datasets(datasets) => Ok(datasets),
            Read::Catalogo => match String::from_utf8(bytes) {
                Ok(text) => Ok(vec![catalogo::import_kept(&name, Kept::leak(text))?]),
                Err(e) => Err(e.into_bytes()),
            },
            Read::Ptpc => match String::from_utf8(bytes) {
                Ok(text) => Ok(vec![ptpc::import_kept(&name, Kept::leak(text))?]),
                Err(e) => Err(e.into_bytes()),
            },
            Read::Sheet => Err(bytes),
        };
        let datasets = match seed {
            Ok(datasets) => datasets,
            Err(bytes) => {
                let opts = with_settings_file(path, opts)?;
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "mappa".into());
                let id = dataset_id(&stem, |id| loaded.contains_key(id));
                let file = SheetFile {
                    name: &name,
                    stem: &stem,
                    bytes: bytes.into(),
                };
                vec![sheet::import(file, &id, &opts)?]
            }
        };
        for ds in datasets {
            if let Some(from) = loaded.get(&ds.id) {
                return Err(ImportError::invalid(
                    &name,
                    format!("dataset \"{}\" is already loaded from {from}", ds.id),
                ));
            }
            loaded.insert(ds.id.clone(), name.clone());
            map.datasets.push(ds);
        }
    }
    validate::unique_ids_across(&map)?;
    Ok(map)
}

/// The layouts told by their text: a JSON export, or one of the two seed
/// sources (tab-separated, with their own header words; their text is
/// checked to be UTF-8 as it is taken over).
enum Source<'a> {
    Json(&'a str),
    Catalogo,
    Ptpc,
}

fn seed_or_json(bytes: &[u8]) -> Option<Source<'_>> {
    // Editors on Windows often save with a byte-order mark: not content.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Looked at as bytes before the whole file is checked to be UTF-8: a
    // spreadsheet's 10 MB are none of these, and are decoded once, later.
    let checked = std::cell::OnceCell::new();
    let text = || *checked.get_or_init(|| std::str::from_utf8(body).ok());
    let first = body.iter().find(|b| !matches!(b, b'\t'..=b'\r' | b' '));
    match first {
        Some(b'{' | b'[') => return text().map(Source::Json),
        // Any other white space Unicode knows, before the JSON.
        Some(b) if !b.is_ascii() => {
            if let Some(t) = text().filter(|t| t.trim_start().starts_with(['{', '['])) {
                return Some(Source::Json(t));
            }
        }
        _ => {}
    }
    // The seeds' header rows are among their first lines (the third, the
    // thirteenth): a 10 MB spreadsheet is not searched twice to the end.
    let top = &body[..body.len().min(SEED_HEADER_WITHIN)];
    if memchr::memmem::find(top, b"CODIFICA UNIONCAMERE\t").is_some() {
        Some(Source::Catalogo)
    } else if memchr::memmem::find(top, b"MACRO-PROCESSI\tPROCESSI").is_some() {
        Some(Source::Ptpc)
    } else {
        None
    }
}

/// How far into a file the seed layouts' header words are looked for.
const SEED_HEADER_WITHIN: usize = 64 * 1024;

/// `opts` over the settings in the file beside `data` (`map.xlsx.mappa.toml`
/// or `map.mappa.toml`), if there is one.
fn with_settings_file(data: &Path, opts: &SheetOptions) -> Result<SheetOptions, ImportError> {
    let Some(settings) = sheet::settings_file(data) else {
        return Ok(opts.clone());
    };
    let name = settings.display().to_string();
    // A few lines of TOML: a small bound is plenty.
    let bytes = read_file(&settings, &name, 1024 * 1024)?;
    let text = String::from_utf8_lossy(&bytes);
    let file = sheet::columns::read_settings(&text, &name).map_err(|e| ImportError::Settings {
        // At the line of the setting, when the error is about one.
        file: e.origin.unwrap_or_else(|| name.clone()),
        from: format!("the settings for {}", data.display()),
        message: e.message,
    })?;
    Ok(opts.over(&file))
}

/// A dataset id from a file's stem: lower case letters, digits, `-` and
/// `_` (anything else becomes `-`), not one `taken` already (`-2`, `-3`,
/// ... added).
pub fn dataset_id(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = String::with_capacity(stem.len());
    for c in stem.chars().map(crate::text::fold_char) {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    let id = if id.is_empty() { "mappa" } else { id };
    if !taken(id) {
        return id.to_string();
    }
    (2u32..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("some number is free")
}

/// The bytes of the regular file at `path`, at most `limit` of them. A
/// FIFO, a device or a directory is refused before it is opened, so that a
/// load can neither block on a pipe nor read `/dev/zero` until memory
/// runs out.
fn read_file(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        file: name.to_string(),
        source,
    };
    let not_a_file = |kind| ImportError::NotAFile {
        file: name.to_string(),
        kind,
    };
    let too_large = || ImportError::TooLarge {
        file: name.to_string(),
        limit_mb: limit / (1024 * 1024),
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(not_a_file(kind_of(&meta.file_type())));
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let file = open_without_blocking(path).map_err(read_error)?;
    // The path may have been replaced between the two looks: check what was
    // opened, too.
    let opened = file.metadata().map_err(read_error)?;
    if !opened.is_file() {
        return Err(not_a_file(kind_of(&opened.file_type())));
    }
    let size = opened.len().min(limit) as usize;
    let mut bytes = Vec::with_capacity(size);
    // Mapped in one call, not a fault per page as the read fills it.
    super::parallel::map_now(&mut bytes, size);
    // One byte more than the limit tells a file that grew past it.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Opening a FIFO for reading waits for a writer unless non-blocking; a
    // regular file reads the same either way.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What a file that is not a regular file is, for the error message.
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_and_json_are_told_by_their_text() {
        let kind = |bytes: &[u8]| match seed_or_json(bytes) {
            Some(Source::Json(_)) => "json",
            Some(Source::Catalogo) => "catalogo",
            Some(Source::Ptpc) => "ptpc",
            None => "sheet",
        };
        assert_eq!(kind(super::super::CATALOGO_SEED.as_bytes()), "catalogo");
        assert_eq!(kind(super::super::PTPC_SEED.as_bytes()), "ptpc");
        assert_eq!(kind(b"\xEF\xBB\xBF\n  {\"mappa\": 1}"), "json");
        // Unicode white space before the JSON (a no-break space, an
        // ideographic space).
        assert_eq!(kind("\u{a0}\u{3000}[]".as_bytes()), "json");
        assert_eq!(kind("\u{a0}Codice;Titolo".as_bytes()), "sheet");
        // Not UTF-8: a spreadsheet's text, whatever its words.
        assert_eq!(kind(b"{\xE0}"), "sheet");
        // A seed's header words tell its layout; its text is checked to be
        // UTF-8 as it is taken over (and read as a spreadsheet's if not).
        assert_eq!(kind(b"CODIFICA UNIONCAMERE\t\xE0"), "catalogo");
        // The seeds' header words are looked for near the top only.
        let mut late = "Titolo\n".repeat(SEED_HEADER_WITHIN / 7 + 1);
        late.push_str("CODIFICA UNIONCAMERE\tNOME\n");
        assert_eq!(kind(late.as_bytes()), "sheet");
        assert_eq!(kind(b""), "sheet");
    }

    /// A scratch folder, removed when the guard is dropped.
    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("mappa-load-{name}-"))
            .tempdir()
            .unwrap()
    }

    #[test]
    fn dataset_ids_come_from_the_stem() {
        let none = |_: &str| false;
        assert_eq!(
            dataset_id("Mappatura 2025 (bozza)", none),
            "mappatura-2025-bozza"
        );
        assert_eq!(dataset_id("Attività_Camera", none), "attivita_camera");
        assert_eq!(dataset_id("...", none), "mappa");
        let taken = |id: &str| id == "mappa" || id == "mappa-2";
        assert_eq!(dataset_id("mappa", taken), "mappa-3");
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = scratch("regular");
        let dir = dir.path();
        let file = dir.join("map.json");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_file(&file, "m", 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_file(&file, "m", 9),
            Err(ImportError::TooLarge { .. })
        ));
        let e = read_file(dir, "d", 10).unwrap_err();
        assert!(
            matches!(
                e,
                ImportError::NotAFile {
                    kind: "a directory",
                    ..
                }
            ),
            "{e}"
        );
        assert!(matches!(
            read_file(&dir.join("missing"), "x", 10),
            Err(ImportError::Read { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let e = read_file(Path::new("/dev/zero"), "/dev/zero", 1 << 20).unwrap_err();
        assert!(
            matches!(
                e,
                ImportError::NotAFile {
                    kind: "a character device",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e
            .to_string()
            .starts_with("/dev/zero: a character device, not a regular file"));
    }
}

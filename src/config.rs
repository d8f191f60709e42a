//! Settings from configuration files, so a server's administrator can point
//! every user at the shared review store: `/etc/mappa/config.toml` (or the
//! file named by `$MAPPA_SYSTEM_CONFIG`), then
//! `$XDG_CONFIG_HOME/mappa/config.toml` (both found by
//! [`crate::environment`]); command-line options win over both.
//!
//! ```toml
//! review = "/srv/mappa/review.sqlite"   # the shared store
//! read_only = false                      # true for clerks' accounts
//! lang = "it"                            # or "en"
//! ascii = false
//! ```

use crate::i18n::Lang;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One configuration file's settings; every key optional. This struct is
/// the one list of the keys mappa knows: a key it does not name is reported
/// as unknown (see [`read`]), so a new setting is a new field here and
/// nothing else.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct File {
    pub review: Option<PathBuf>,
    pub read_only: Option<bool>,
    pub lang: Option<String>,
    pub ascii: Option<bool>,
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Argument,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Argument => f.write_str("command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// The effective settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The files read, in order (those that exist).
    pub files: Vec<PathBuf>,
    pub review: Setting<Option<PathBuf>>,
    pub read_only: Setting<bool>,
    pub lang: Setting<Lang>,
    pub ascii: Setting<bool>,
    /// Keys the files have that mappa does not know: ignored, to be said.
    pub unknown: Vec<UnknownKey>,
}

/// A key of a configuration file that no setting has (a typo, or a setting
/// of a newer mappa): ignored, and reported with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub path: PathBuf,
    /// 1-based; `None` only if the key could not be found in the text.
    pub line: Option<usize>,
    /// Dotted for a key inside a table: `scadenze.giorni`.
    pub key: String,
}

/// One file as read.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub settings: File,
    /// The file's top-level keys, in the order written.
    pub keys: Vec<String>,
    pub unknown: Vec<UnknownKey>,
}

/// A configuration file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub place: Option<(usize, usize)>,
    pub problem: Problem,
}

/// What is wrong with a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It exists but cannot be read (the system's reason).
    Unreadable(String),
    /// Malformed TOML, or a known key with a value of the wrong type (the
    /// parser's words, which are English).
    Syntax(String),
    /// `lang` names neither language.
    Lang(String),
}

impl std::error::Error for ConfigError {}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli::config_error(self, Lang::It))
    }
}

/// The configuration files, in the order they are applied (a later one wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    /// `/etc/mappa/config.toml`, or the file `$MAPPA_SYSTEM_CONFIG` names.
    pub system: PathBuf,
    /// `$XDG_CONFIG_HOME/mappa/config.toml`; none without a home.
    pub user: Option<PathBuf>,
}

impl Files {
    pub fn paths(&self) -> Vec<PathBuf> {
        std::iter::once(self.system.clone())
            .chain(self.user.clone())
            .collect()
    }
}

/// Reads one file; `Ok(None)` when it does not exist. Malformed TOML and a
/// known key with a wrong value are errors; an unknown key is not (it is
/// listed in [`Read::unknown`]), so one typo does not stop every command.
pub fn read(path: &Path) -> Result<Option<Read>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError {
                path: path.to_path_buf(),
                place: None,
                problem: Problem::Unreadable(e.to_string()),
            })
        }
    };
    let fail = |e: toml::de::Error| {
        let place = e.span().map(|s| line_column(&text, s.start));
        ConfigError {
            path: path.to_path_buf(),
            place,
            problem: Problem::Syntax(crate::text::clean(e.message()).into_owned()),
        }
    };
    let mut ignored = Vec::new();
    let de = toml::Deserializer::parse(&text).map_err(fail)?;
    let settings: File =
        serde_ignored::deserialize(de, |p| ignored.push(segments(&p))).map_err(fail)?;
    // Parsed again for where each key is written (the file is small).
    let table = toml::de::DeTable::parse(&text).map_err(fail)?;
    let table = table.get_ref();
    let mut keys: Vec<_> = table.keys().collect();
    keys.sort_by_key(|k| k.span().start);
    let keys = keys.iter().map(|k| k.get_ref().to_string()).collect();
    let mut unknown: Vec<UnknownKey> = ignored
        .into_iter()
        .map(|segs| UnknownKey {
            path: path.to_path_buf(),
            line: key_offset(table, &segs).map(|at| line_column(&text, at).0),
            key: segs
                .iter()
                .map(|s| match s {
                    Segment::Key(k) => k.clone(),
                    Segment::Index(i) => i.to_string(),
                })
                .collect::<Vec<_>>()
                .join("."),
        })
        .collect();
    // In the order written (the table is read in key order).
    unknown.sort_by_key(|u| u.line.unwrap_or(usize::MAX));
    Ok(Some(Read {
        settings,
        keys,
        unknown,
    }))
}

/// One step of the path to an ignored key.
enum Segment {
    Key(String),
    Index(usize),
}

fn segments(path: &serde_ignored::Path) -> Vec<Segment> {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            P::Root => break,
            P::Map { parent, key } => {
                out.push(Segment::Key(key.clone()));
                parent
            }
            P::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                parent
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                parent
            }
        };
    }
    out.reverse();
    out
}

/// Where the key at the end of `path` is written in the text.
fn key_offset(table: &toml::de::DeTable, path: &[Segment]) -> Option<usize> {
    use toml::de::DeValue;
    let (Segment::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let (key, value) = table.iter().find(|(k, _)| k.get_ref().as_ref() == first)?;
    let mut offset = key.span().start;
    let mut value = value;
    for seg in rest {
        match (seg, value.get_ref()) {
            (Segment::Key(name), DeValue::Table(t)) => {
                let (k, v) = t.iter().find(|(k, _)| k.get_ref().as_ref() == name)?;
                offset = k.span().start;
                value = v;
            }
            (Segment::Index(i), DeValue::Array(items)) => {
                value = items.get(*i)?;
                offset = value.span().start;
            }
            _ => return None,
        }
    }
    Some(offset)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Command-line values, which win over the files.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub review: Option<PathBuf>,
    pub read_only: bool,
    pub lang: Option<Lang>,
    pub ascii: bool,
}

impl Config {
    /// The settings when no file or argument gives any.
    pub fn defaults() -> Config {
        Config {
            files: Vec::new(),
            review: Setting {
                value: None,
                source: Source::Default,
            },
            read_only: Setting {
                value: false,
                source: Source::Default,
            },
            lang: Setting {
                value: Lang::It,
                source: Source::Default,
            },
            ascii: Setting {
                value: false,
                source: Source::Default,
            },
            unknown: Vec::new(),
        }
    }

    /// The files in order, then the command line.
    pub fn load(args: &Overrides, files: &Files) -> Result<Config, ConfigError> {
        let mut config = Config::defaults();
        for path in files.paths() {
            let Some(Read {
                settings: file,
                unknown,
                ..
            }) = read(&path)?
            else {
                continue;
            };
            config.unknown.extend(unknown);
            let src = || Source::File(path.clone());
            if let Some(r) = file.review {
                // A relative path is relative to the file that names it.
                let r = if r.is_relative() {
                    path.parent().map(|d| d.join(&r)).unwrap_or(r)
                } else {
                    r
                };
                config.review = Setting {
                    value: Some(r),
                    source: src(),
                };
            }
            if let Some(v) = file.read_only {
                config.read_only = Setting {
                    value: v,
                    source: src(),
                };
            }
            if let Some(v) = file.lang {
                let lang = match v.as_str() {
                    "it" => Lang::It,
                    "en" => Lang::En,
                    _ => {
                        return Err(ConfigError {
                            path,
                            place: None,
                            problem: Problem::Lang(crate::text::clean(&v).into_owned()),
                        })
                    }
                };
                config.lang = Setting {
                    value: lang,
                    source: src(),
                };
            }
            if let Some(v) = file.ascii {
                config.ascii = Setting {
                    value: v,
                    source: src(),
                };
            }
            config.files.push(path);
        }
        if let Some(r) = &args.review {
            config.review = Setting {
                value: Some(r.clone()),
                source: Source::Argument,
            };
        }
        if args.read_only {
            config.read_only = Setting {
                value: true,
                source: Source::Argument,
            };
        }
        if let Some(l) = args.lang {
            config.lang = Setting {
                value: l,
                source: Source::Argument,
            };
        }
        if args.ascii {
            config.ascii = Setting {
                value: true,
                source: Source::Argument,
            };
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_file_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "review = \"/srv/x.sqlite\"\nread_only = forse\n").unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!(e.place.map(|p| p.0), Some(2), "{e}");
        std::fs::write(&p, "review = \"shared/review.sqlite\"\n").unwrap();
        assert_eq!(
            read(&p).unwrap().unwrap().settings.review,
            Some(PathBuf::from("shared/review.sqlite"))
        );
        // A wrong value of a known key stays an error.
        std::fs::write(&p, "lang = \"it\"\nascii = 3\n").unwrap();
        assert_eq!(read(&p).unwrap_err().place.map(|p| p.0), Some(2));
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(
            &p,
            "# a comment\nreview = \"/srv/x.sqlite\"\n\nrevew = \"x\"\nlang = \"en\"\n\
             [scadenze]\ngiorni = 30\n[[altro]]\na = 1\n[[altro]]\nb = 2\n",
        )
        .unwrap();
        let r = read(&p).unwrap().unwrap();
        assert_eq!(r.settings.review, Some(PathBuf::from("/srv/x.sqlite")));
        assert_eq!(r.settings.lang.as_deref(), Some("en"));
        assert_eq!(r.keys, ["review", "revew", "lang", "scadenze", "altro"]);
        let found: Vec<(Option<usize>, &str)> =
            r.unknown.iter().map(|u| (u.line, u.key.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(4), "revew"),
                (Some(6), "scadenze"),
                (Some(8), "altro")
            ]
        );
        assert!(r.unknown.iter().all(|u| u.path == p));
    }

    #[test]
    fn a_key_inside_a_table_is_found_on_its_line() {
        // What a setting with a table of its own (`[scadenze]`) will need.
        let text = "lang = \"it\"\n[scadenze]\ngiorni = 30\nfinestra = 7\n";
        let table = toml::de::DeTable::parse(text).unwrap();
        let path = [
            Segment::Key("scadenze".into()),
            Segment::Key("finestra".into()),
        ];
        let at = key_offset(table.get_ref(), &path).unwrap();
        assert_eq!(line_column(text, at), (4, 1));
        let missing = [Segment::Key("scadenze".into()), Segment::Key("x".into())];
        assert_eq!(key_offset(table.get_ref(), &missing), None);
    }

    #[test]
    fn every_field_of_the_file_is_a_known_key() {
        // Each setting is read without being reported as unknown.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(
            &p,
            "review = \"x\"\nread_only = true\nlang = \"it\"\nascii = false\n",
        )
        .unwrap();
        let r = read(&p).unwrap().unwrap();
        assert!(r.unknown.is_empty(), "{:?}", r.unknown);
        assert_eq!(r.keys.len(), 4);
    }
}

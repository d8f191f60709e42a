//! Settings from configuration files, so a server's administrator can point
//! every user at the shared review store: `/etc/mappa/config.toml` (or the
//! file named by `$MAPPA_SYSTEM_CONFIG`), then
//! `$XDG_CONFIG_HOME/mappa/config.toml`; command-line options win over both.
//!
//! ```toml
//! review = "/srv/mappa/review.sqlite"   # the shared store
//! read_only = false                      # true for clerks' accounts
//! lang = "it"                            # or "en"
//! ascii = false
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One configuration file's settings; every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
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
    pub lang: Setting<String>,
    pub ascii: Setting<bool>,
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), place.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    pub place: Option<(usize, usize)>,
    pub message: String,
}

/// The system-wide file.
pub fn system_path() -> PathBuf {
    std::env::var_os("MAPPA_SYSTEM_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/etc/mappa/config.toml"))
}

/// The user's file.
pub fn user_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|d| d.config_dir().join("mappa").join("config.toml"))
}

/// Reads one file; `Ok(None)` when it does not exist.
pub fn read(path: &Path) -> Result<Option<File>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError {
                path: path.to_path_buf(),
                place: None,
                message: format!("cannot read it: {e}"),
            })
        }
    };
    toml::from_str::<File>(&text).map(Some).map_err(|e| {
        let place = e.span().map(|s| line_column(&text, s.start));
        ConfigError {
            path: path.to_path_buf(),
            place,
            message: crate::text::clean(e.message()).into_owned(),
        }
    })
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
    pub lang: Option<String>,
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
                value: "it".into(),
                source: Source::Default,
            },
            ascii: Setting {
                value: false,
                source: Source::Default,
            },
        }
    }

    /// The files in order, then the command line.
    pub fn load(args: &Overrides) -> Result<Config, ConfigError> {
        let mut config = Config::defaults();
        let paths = std::iter::once(system_path()).chain(user_path());
        for path in paths {
            let Some(file) = read(&path)? else { continue };
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
                if v != "it" && v != "en" {
                    return Err(ConfigError {
                        path,
                        place: None,
                        message: format!(
                            "lang = \"{}\": use \"it\" or \"en\"",
                            crate::text::clean(&v)
                        ),
                    });
                }
                config.lang = Setting {
                    value: v,
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
        if let Some(l) = &args.lang {
            config.lang = Setting {
                value: l.clone(),
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
        std::fs::write(&p, "revew = \"x\"\n").unwrap();
        assert!(read(&p).unwrap_err().to_string().contains("revew"));
        std::fs::write(&p, "review = \"shared/review.sqlite\"\n").unwrap();
        assert_eq!(
            read(&p).unwrap().unwrap().review,
            Some(PathBuf::from("shared/review.sqlite"))
        );
    }
}

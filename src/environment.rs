//! Every environment variable mappa reads, read once at start (by the
//! binary's `main`) and passed down as values: nothing below the
//! application's edge looks at the environment itself.
//!
//! | variable | what it does |
//! |---|---|
//! | `MAPPA_TODAY` | the day taken as today (`YYYY-MM-DD`; empty: unset) — rehearsals, tests |
//! | `MAPPA_MAX_FILE_MB` | the largest map file read, in MB (default [`DEFAULT_MAX_FILE_MB`]) |
//! | `MAPPA_SYSTEM_CONFIG` | the system-wide configuration file (default `/etc/mappa/config.toml`) |
//! | `MAPPA_LOG` | the log's level: `error`, `warn` (default), `info`, `debug`, `trace`, or `off` |
//! | `NO_COLOR` | set (to anything but empty): the explorer draws without colour |
//! | `TMUX` | inside tmux: the explorer's clipboard goes through it |
//! | `TERM` | `dumb`: no explorer (it cannot move the cursor) |
//! | `XDG_STATE_HOME`, `XDG_CONFIG_HOME` | through `etcetera`: the log's folder, the user's configuration |

use crate::import::FileLimit;
use std::ffi::OsString;
use std::path::PathBuf;

pub use crate::import::load::DEFAULT_MAX_FILE_MB;

/// The system-wide configuration file when `MAPPA_SYSTEM_CONFIG` names none.
pub const SYSTEM_CONFIG: &str = "/etc/mappa/config.toml";

/// What mappa takes from its environment.
#[derive(Debug, Clone)]
pub struct Environment {
    /// `MAPPA_TODAY`: the day taken as today, when set.
    pub today: Option<jiff::civil::Date>,
    /// `MAPPA_MAX_FILE_MB`: the largest file a map is read from.
    pub max_file: FileLimit,
    /// The system-wide configuration file (`MAPPA_SYSTEM_CONFIG`).
    pub system_config: PathBuf,
    /// The user's configuration file (`$XDG_CONFIG_HOME/mappa/config.toml`).
    pub user_config: Option<PathBuf>,
    /// `MAPPA_LOG` as written (empty: unset); the logging module reads it.
    pub log_level: Option<String>,
    /// The folder of the log (`$XDG_STATE_HOME/mappa`, else
    /// `~/.local/state/mappa`); none without a home.
    pub state_dir: Option<PathBuf>,
    /// `NO_COLOR` set to anything but empty.
    pub no_color: bool,
    /// Inside tmux (`TMUX`).
    pub inside_tmux: bool,
    /// `TERM=dumb`: a terminal that cannot move the cursor.
    pub dumb_terminal: bool,
    /// Values that cannot be used, each named; the defaults stand in for
    /// them meanwhile, and the binary refuses to work on them (exit 2).
    pub problems: Vec<EnvError>,
}

/// An environment variable set to a value mappa cannot use (the words
/// are in [`crate::i18n::cli::env_error`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvError {
    /// `MAPPA_TODAY`, not a date.
    Today(String),
    /// `MAPPA_MAX_FILE_MB`, not a number of megabytes from 1 to 4095.
    MaxFileMb(String),
}

impl std::fmt::Display for EnvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli::env_error(self, crate::i18n::Lang::It))
    }
}

impl std::error::Error for EnvError {}

impl Environment {
    /// Reads the process's environment.
    pub fn read() -> Environment {
        Environment::from_vars(|name| std::env::var_os(name))
    }

    /// The environment `var` gives (tests give their own).
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Environment {
        let text = |name: &str| -> Option<String> {
            var(name)
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| !v.trim().is_empty())
        };
        let mut problems = Vec::new();
        let today = text("MAPPA_TODAY").and_then(|t| {
            let day = crate::review::time::parse_date(&t);
            if day.is_none() {
                problems.push(EnvError::Today(t));
            }
            day
        });
        let max_file = match var("MAPPA_MAX_FILE_MB") {
            None => FileLimit::default(),
            Some(v) => {
                let v = v.to_string_lossy().into_owned();
                match v.trim().parse::<u64>().ok().and_then(FileLimit::from_mb) {
                    Some(limit) => limit,
                    None => {
                        problems.push(EnvError::MaxFileMb(v));
                        FileLimit::default()
                    }
                }
            }
        };
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let dirs = {
            use etcetera::BaseStrategy;
            etcetera::choose_base_strategy().ok().map(|d| {
                (
                    d.config_dir().join("mappa").join("config.toml"),
                    d.state_dir().map(|s| s.join("mappa")),
                )
            })
        };
        let (user_config, state_dir) = match dirs {
            Some((config, state)) => (Some(config), state),
            None => (None, None),
        };
        Environment {
            today,
            max_file,
            system_config: var("MAPPA_SYSTEM_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(SYSTEM_CONFIG)),
            user_config,
            log_level: text("MAPPA_LOG"),
            state_dir,
            no_color: set("NO_COLOR"),
            inside_tmux: set("TMUX"),
            dumb_terminal: var("TERM").is_some_and(|t| t == "dumb"),
            problems,
        }
    }

    /// The configuration files, in the order they are applied.
    pub fn config_files(&self) -> crate::config::Files {
        crate::config::Files {
            system: self.system_config.clone(),
            user: self.user_config.clone(),
        }
    }

    /// The log file: `mappa.log` in the state folder.
    pub fn log_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|d| d.join("mappa.log"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Environment::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn an_empty_today_is_unset_and_a_bad_one_is_named() {
        assert_eq!(with(&[("MAPPA_TODAY", "")]).today, None);
        assert!(with(&[("MAPPA_TODAY", " ")]).problems.is_empty());
        let e = with(&[("MAPPA_TODAY", "2026-02-30")]);
        assert_eq!(e.problems, [EnvError::Today("2026-02-30".into())]);
        let e = with(&[("MAPPA_TODAY", "2026-03-01")]);
        assert_eq!(
            e.today.map(|d| d.to_string()).as_deref(),
            Some("2026-03-01")
        );
    }

    #[test]
    fn the_file_limit_is_a_number_of_megabytes() {
        assert_eq!(with(&[]).max_file, FileLimit::default());
        assert_eq!(
            with(&[("MAPPA_MAX_FILE_MB", "2")]).max_file.bytes(),
            2 * 1024 * 1024
        );
        for bad in ["lots", "0", "4096", ""] {
            let e = with(&[("MAPPA_MAX_FILE_MB", bad)]);
            assert_eq!(e.problems, [EnvError::MaxFileMb(bad.into())], "{bad}");
            assert_eq!(e.max_file, FileLimit::default());
        }
    }

    #[test]
    fn flags_are_set_by_any_value_but_empty() {
        let e = with(&[("NO_COLOR", "1"), ("TMUX", ""), ("TERM", "dumb")]);
        assert!(e.no_color && !e.inside_tmux && e.dumb_terminal);
        assert_eq!(
            with(&[("MAPPA_SYSTEM_CONFIG", "")]).system_config,
            PathBuf::from(SYSTEM_CONFIG)
        );
    }
}

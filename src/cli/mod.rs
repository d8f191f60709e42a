//! The subcommands, one file each with its `Args` beside its code, and
//! the option groups they share ([`args`]). Each takes what it needs (the
//! map, the context) and a writer, so most are tested without spawning
//! the binary. Every message is an [`i18n::cli::Message`](crate::i18n::cli::Message),
//! said in the user's language.

pub mod answer;
pub mod args;
pub mod check;
pub mod completions;
pub mod config;
pub mod context;
pub mod diff;
pub mod doctor;
pub mod export;
pub mod import;
pub mod input;
pub mod links;
pub mod man;
pub mod measure;
pub mod resolve;
pub mod review;
pub mod risk;
pub mod search;
pub mod show;
pub mod values;
pub mod who;

use crate::i18n::cli::Message;
use crate::i18n::Lang;
use crate::model::Map;
use crate::text::Shown;

/// Bad input: exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub Message);

/// Nothing has that name: exit status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotFound(pub Message);

/// The records do not verify, or a change is refused as things stand:
/// exit status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub Message);

/// Says `message` on stderr, after `mappa: `.
pub fn say(lang: Lang, message: &Message) {
    eprintln!("mappa: {}", message.text(lang));
}

/// The datasets a `--dataset` option selects, or an error naming the valid ids.
pub fn select_datasets<'a>(
    map: &'a Map,
    dataset: Option<&str>,
) -> anyhow::Result<Vec<&'a crate::model::Dataset>> {
    match dataset {
        None => Ok(map.datasets.iter().collect()),
        Some(id) => match map.dataset(id) {
            Some(ds) => Ok(vec![ds]),
            None => Err(BadInput(Message::UnknownDataset {
                given: Shown(id).to_string(),
                loaded: map
                    .datasets
                    .iter()
                    .map(|d| Shown(&d.id).to_string())
                    .collect(),
            })
            .into()),
        },
    }
}

/// The exit status for an error: 1 when something asked for was not there
/// (an entry, a record, a store to read), a change was refused as things
/// stand, or the records do not verify; 2 for bad input.
pub fn exit_status(e: &anyhow::Error) -> u8 {
    use crate::review::StoreError;
    for c in e.chain() {
        if let Some(s) = c.downcast_ref::<StoreError>() {
            return s.exit_status();
        }
        if c.is::<NotFound>() || c.is::<Refused>() || c.is::<crate::review::Conflict>() {
            return 1;
        }
        if c.is::<BadInput>() {
            return 2;
        }
    }
    2
}

/// An error and its causes in `lang`, each after the one it explains
/// (`what: why`): the command line's own messages, the store's and the
/// configuration's errors in the chosen language; other errors (the
/// importer's, the system's) as they say themselves.
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    e.chain()
        .map(|c| error_part(c, lang))
        .collect::<Vec<_>>()
        .join(": ")
}

fn error_part(c: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    use crate::i18n;
    if let Some(m) = c.downcast_ref::<Message>() {
        return m.text(lang);
    }
    let said = (c.downcast_ref::<BadInput>().map(|e| &e.0))
        .or_else(|| c.downcast_ref::<NotFound>().map(|e| &e.0))
        .or_else(|| c.downcast_ref::<Refused>().map(|e| &e.0));
    if let Some(m) = said {
        return m.text(lang);
    }
    if let Some(s) = c.downcast_ref::<crate::review::StoreError>() {
        return i18n::store::error(s, lang);
    }
    if let Some(s) = c.downcast_ref::<crate::review::Conflict>() {
        return i18n::store::conflict(s, lang);
    }
    if let Some(s) = c.downcast_ref::<crate::review::UnknownLabel>() {
        return i18n::cli::unknown_label(s, lang);
    }
    if let Some(s) = c.downcast_ref::<crate::review::BadName>() {
        return i18n::cli::bad_name(s, lang);
    }
    if let Some(s) = c.downcast_ref::<crate::config::ConfigError>() {
        return i18n::cli::config_error(s, lang);
    }
    if let Some(s) = c.downcast_ref::<crate::environment::EnvError>() {
        return i18n::cli::env_error(s, lang);
    }
    c.to_string()
}

//! The interface language and every user-facing text that is not the
//! data's own: the explorer's strings, the command line's messages and
//! errors, in Italian (the default: the users are Italian) and English.

use std::str::FromStr;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    /// As written in the configuration and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// The language a configuration names; Italian for anything else.
    pub fn from_code(code: &str) -> Lang {
        code.parse().unwrap_or_default()
    }

    /// Picks the text in this language.
    pub fn pick<T>(self, it: T, en: T) -> T {
        match self {
            Lang::It => it,
            Lang::En => en,
        }
    }
}

/// A language code that is neither `it` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lingua \"{0}\" sconosciuta: usa \"it\" o \"en\" (unknown language: use \"it\" or \"en\")")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "it" | "ita" | "italiano" => Ok(Lang::It),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(UnknownLang(crate::text::clean(s).into_owned())),
        }
    }
}

pub mod cli;
pub mod diff;
pub mod doctor;
pub mod store;
pub mod who;

/// What an entry is (its level), in `lang`.
pub fn kind(kind: crate::model::Kind, lang: Lang) -> &'static str {
    use crate::model::Kind;
    match lang {
        Lang::It => kind.label(),
        Lang::En => match kind {
            Kind::Funzione => "Institutional function",
            Kind::MacroProcesso => "Macro-process",
            Kind::Processo => "Process",
            Kind::SottoProcesso => "Sub-process",
            Kind::Attivita => "Activity",
            Kind::Azione => "Action",
        },
    }
}

//! The officer's scales: review status, the qualitative levels of PNA 2019
//! and its six risk indicators. Slugs are what the store keeps and scripts
//! type; labels are the Italian words the documents use (the explorer has
//! English ones in `tui::strings`).

use anyhow::{anyhow, bail};
use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

/// Review progress.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    EnumIter,
    IntoStaticStr,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    #[default]
    #[value(name = "da esaminare", alias = "da_esaminare", alias = "da-esaminare")]
    DaEsaminare,
    #[value(name = "in esame", alias = "in_esame", alias = "in-esame")]
    InEsame,
    #[value(name = "esaminato")]
    Esaminato,
    #[value(
        name = "da approfondire",
        alias = "da_approfondire",
        alias = "da-approfondire"
    )]
    DaApprofondire,
}

impl Status {
    /// As stored: `da_esaminare`, `in_esame`, ...
    pub fn slug(self) -> &'static str {
        self.into()
    }

    /// As people write it: `da esaminare`, `in esame`, ...
    pub fn label(self) -> &'static str {
        match self {
            Status::DaEsaminare => "da esaminare",
            Status::InEsame => "in esame",
            Status::Esaminato => "esaminato",
            Status::DaApprofondire => "da approfondire",
        }
    }

    /// The next status when cycling with one key.
    pub fn next(self) -> Status {
        match self {
            Status::DaEsaminare => Status::InEsame,
            Status::InEsame => Status::Esaminato,
            Status::Esaminato => Status::DaApprofondire,
            Status::DaApprofondire => Status::DaEsaminare,
        }
    }

    /// A slug or label, in any case, with or without accents.
    pub fn parse(text: &str) -> anyhow::Result<Status> {
        let t = fold(text);
        Status::iter()
            .find(|s| fold(s.slug()) == t || fold(s.label()) == t)
            .ok_or_else(|| {
                anyhow!(
                    "unknown status \"{}\"; use one of: da esaminare, in esame, esaminato, da approfondire",
                    crate::text::Shown(text)
                )
            })
    }
}

/// A level of the qualitative PNA 2019 scale.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumIter,
    IntoStaticStr,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Level {
    #[value(alias = "b")]
    Basso,
    #[value(alias = "m")]
    Medio,
    #[value(alias = "a")]
    Alto,
}

impl Level {
    pub fn label(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> anyhow::Result<Level> {
        match fold(text).as_str() {
            "basso" | "b" => Ok(Level::Basso),
            "medio" | "m" => Ok(Level::Medio),
            "alto" | "a" => Ok(Level::Alto),
            _ => bail!(
                "unknown level \"{}\"; use basso, medio or alto",
                crate::text::Shown(text)
            ),
        }
    }

    pub(crate) fn from_db(text: Option<String>) -> Option<Level> {
        text.and_then(|t| Level::parse(&t).ok())
    }
}

/// The six risk indicators of ANAC's PNA 2019, Allegato 1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, EnumIter, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Indicator {
    Interesse,
    Discrezionalita,
    Eventi,
    Opacita,
    Collaborazione,
    Attuazione,
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::Interesse,
        Indicator::Discrezionalita,
        Indicator::Eventi,
        Indicator::Opacita,
        Indicator::Collaborazione,
        Indicator::Attuazione,
    ];

    /// Column name and short name on the command line.
    pub fn short(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        match self {
            Indicator::Interesse => "livello di interesse esterno",
            Indicator::Discrezionalita => "grado di discrezionalità del decisore interno",
            Indicator::Eventi => "manifestazione di eventi corruttivi in passato",
            Indicator::Opacita => "opacità del processo decisionale",
            Indicator::Collaborazione => "livello di collaborazione del responsabile",
            Indicator::Attuazione => "grado di attuazione delle misure di trattamento",
        }
    }

    /// A short name, its start (4 letters at least) or words of its label.
    pub fn parse(text: &str) -> anyhow::Result<Indicator> {
        let t = fold(text);
        let found: Vec<Indicator> = Indicator::ALL
            .into_iter()
            .filter(|i| {
                i.short() == t
                    || fold(i.label()) == t
                    || (t.len() >= 4 && (i.short().starts_with(&t) || fold(i.label()).contains(&t)))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => bail!(
                "unknown indicator \"{}\"; use one of: {}",
                crate::text::Shown(text),
                Indicator::ALL
                    .iter()
                    .map(|i| i.short())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Lower case, no accents, single spaces, "_" and "-" as spaces.
fn fold(text: &str) -> String {
    crate::text::fold(&text.replace(['_', '-'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_with_or_without_accents() {
        assert_eq!(Indicator::parse("opacità").unwrap(), Indicator::Opacita);
        assert_eq!(
            Indicator::parse("DISCREZIONALITA").unwrap(),
            Indicator::Discrezionalita
        );
        assert_eq!(
            Status::parse("Da approfondire").unwrap(),
            Status::DaApprofondire
        );
        assert_eq!(Status::parse("in_esame").unwrap(), Status::InEsame);
        assert!(Level::parse("altissimo").is_err());
    }

    #[test]
    fn slugs_are_what_the_store_keeps() {
        let slugs: Vec<&str> = Status::iter().map(Status::slug).collect();
        assert_eq!(
            slugs,
            ["da_esaminare", "in_esame", "esaminato", "da_approfondire"]
        );
        assert_eq!(Level::Medio.label(), "medio");
        assert_eq!(Indicator::Discrezionalita.short(), "discrezionalita");
    }
}

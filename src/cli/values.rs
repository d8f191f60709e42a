//! clap's parsers over the domain's own types: the library's vocabularies
//! and formats parse themselves (`FromStr`); here they become option
//! values, with the possible values listed in the help.

use crate::review::Vocabulary;
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// A vocabulary value (`--status "in esame"`, `--judgement alto`), parsed
/// as forgivingly as the library does (any case, accents, aliases).
pub fn of<T: Vocabulary + Send + Sync>(text: &str) -> Result<T, String> {
    T::parse(text).map_err(|e| e.to_string())
}

/// One of `names`, listed in the help and completed by the shell.
pub fn choice<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names).map(|s| {
        s.parse::<T>()
            .unwrap_or_else(|_| unreachable!("{s} is one of the names"))
    })
}

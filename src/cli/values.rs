//! clap's parsers over the domain's own types: the library's vocabularies
//! and formats parse themselves (`FromStr`); here they become option
//! values, with the possible values listed in the help.

use crate::report::review::ReportFormat;
use crate::review::Vocabulary;
use clap::builder::PossibleValue;

/// A vocabulary value (`--status "in esame"`, `--judgement alto`), parsed
/// as forgivingly as the library does (any case, accents, aliases).
pub fn of<T: Vocabulary + Send + Sync>(text: &str) -> Result<T, String> {
    T::parse(text).map_err(|e| e.to_string())
}

/// `review export --format`: md (the default), csv, json, xlsx.
impl clap::ValueEnum for ReportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ReportFormat::Md,
            ReportFormat::Csv,
            ReportFormat::Json,
            ReportFormat::Xlsx,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let name = match self {
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::Xlsx => "xlsx",
        };
        Some(PossibleValue::new(name))
    }
}

impl super::args::Formats for ReportFormat {
    const DEFAULT: &'static str = "md";
    const JSON: Self = ReportFormat::Json;
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn the_report_formats_are_named_as_the_library_parses_them() {
        for f in ReportFormat::value_variants() {
            let name = f.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(name.parse::<ReportFormat>(), Ok(*f));
        }
        assert_eq!(
            ReportFormat::NAMES.len(),
            ReportFormat::value_variants().len()
        );
    }
}

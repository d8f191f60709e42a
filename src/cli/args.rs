//! The option groups several subcommands share, each defined once and
//! flattened only into the commands it affects: the map read (`--data`,
//! `--sheet`, `--columns`), the review store (`--review`) and changing it
//! (`--read-only`, `--user`), and the output's format (`--format`, with
//! `--json` for `--format json`).
//!
//! The same groups are the explorer's options, given before any
//! subcommand (`mappa --data F show X`): there they are defaults, and what
//! the subcommand is given wins ([`MapArgs::or`] and the others).

use crate::i18n::cli::Message;
use crate::import::{FileLimit, SheetOptions};
use std::path::PathBuf;

/// The map to read instead of the built-in one.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MapArgs {
    /// Load this map instead of the built-in one: a chamber's spreadsheet
    /// (xlsx, xlsm, xls, ods, csv, tsv), a `mappa export --format json`
    /// file, or a catalogo/ptpc2019 tab-separated source; repeatable.
    #[arg(long, value_name = "FILE")]
    pub data: Vec<PathBuf>,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

impl MapArgs {
    /// These, with `defaults` (given before the subcommand) for what these
    /// leave unsaid.
    pub fn or(&self, defaults: &MapArgs) -> MapArgs {
        MapArgs {
            data: if self.data.is_empty() {
                defaults.data.clone()
            } else {
                self.data.clone()
            },
            sheet: self.sheet.or(&defaults.sheet),
        }
    }
}

/// How to read a spreadsheet.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SheetArgs {
    /// For spreadsheets: the sheet to read (by its tab's name); default:
    /// the first sheet with a header. Applies to every spreadsheet loaded.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// For spreadsheets: which column holds what, by letters or header
    /// words, e.g. code=A,title=B,role=F,servizio=H (header=ROW: the
    /// header's row). Overrides what is detected and FILE.mappa.toml;
    /// applies to every spreadsheet loaded.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
}

impl SheetArgs {
    pub fn or(&self, defaults: &SheetArgs) -> SheetArgs {
        SheetArgs {
            sheet: self.sheet.clone().or_else(|| defaults.sheet.clone()),
            columns: self.columns.clone().or_else(|| defaults.columns.clone()),
        }
    }

    /// The options for reading maps: these, with the size limit.
    pub fn options(&self, max_file: FileLimit) -> anyhow::Result<SheetOptions> {
        let mut opts = match &self.columns {
            Some(spec) => SheetOptions::parse_columns(spec)
                .map_err(|e| super::BadInput(Message::BadColumns { message: e.message }))?,
            None => SheetOptions::default(),
        };
        opts.sheet = self.sheet.clone();
        opts.max_file = max_file;
        Ok(opts)
    }
}

/// Which review store.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StoreArgs {
    /// The review store (SQLite) to use instead of the configured one or the
    /// one in the user's data folder; point a team at a shared file.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
}

impl StoreArgs {
    pub fn or(&self, defaults: &StoreArgs) -> StoreArgs {
        StoreArgs {
            review: self.review.clone().or_else(|| defaults.review.clone()),
        }
    }
}

/// The review store, and who changes it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ChangeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Show the records but refuse changes.
    #[arg(long)]
    pub read_only: bool,
    /// A name to sign changes with in the audit log, recorded beside the
    /// OS account (never instead of it).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
}

impl ChangeArgs {
    pub fn or(&self, defaults: &ChangeArgs) -> ChangeArgs {
        ChangeArgs {
            store: self.store.or(&defaults.store),
            read_only: self.read_only || defaults.read_only,
            user: self.user.clone().or_else(|| defaults.user.clone()),
        }
    }
}

/// For a group of subcommands that all use the map and the store
/// (`review`, `risk`, `measure`, `link`): their options, flattened into the
/// group, are taken after any of its subcommands too (`mappa review set X
/// --review S`) and listed in each one's help.
pub fn to_every_subcommand(arg: clap::Arg) -> clap::Arg {
    const SHARED: [&str; 6] = ["review", "read_only", "user", "data", "sheet", "columns"];
    match SHARED.iter().position(|id| arg.get_id() == *id) {
        // Listed after each subcommand's own options, in this order.
        Some(i) => arg.global(true).display_order(1000 + i),
        None => arg,
    }
}

/// The formats a command writes, the first its default: a `clap` value
/// enum with a `json` value (which `--json` stands for).
pub trait Formats: clap::ValueEnum + Clone + Copy + PartialEq + Send + Sync + 'static {
    /// The default's name, as `--format` takes it.
    const DEFAULT: &'static str;
    const JSON: Self;
}

/// `--format` and `--json`: one definition for every command that writes
/// more than one format.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Output<F: Formats> {
    /// The output's format.
    #[arg(long, value_name = "FORMAT", value_enum, default_value = F::DEFAULT)]
    format: F,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl<F: Formats> Output<F> {
    pub fn new(format: F) -> Output<F> {
        Output {
            format,
            json: false,
        }
    }

    pub fn format(&self) -> F {
        if self.json {
            F::JSON
        } else {
            self.format
        }
    }

    pub fn is_json(&self) -> bool {
        self.format() == F::JSON
    }
}

/// What most commands write: text for people, or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

impl Formats for TextOrJson {
    const DEFAULT: &'static str = "text";
    const JSON: Self = TextOrJson::Json;
}

/// `--format text|json` (and `--json`).
pub type TextOutput = Output<TextOrJson>;

impl TextOutput {
    /// JSON when `json`, else text (for callers inside the program).
    pub fn json_if(json: bool) -> TextOutput {
        Output::new(if json {
            TextOrJson::Json
        } else {
            TextOrJson::Text
        })
    }
}

/// The datasets of the map a command looks at.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DatasetArg {
    /// Only this dataset (catalogo, ptpc2019, or the id of a loaded map).
    #[arg(long, value_name = "ID")]
    pub dataset: Option<String>,
}

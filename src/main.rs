//! The `mappa` binary: argument parsing and dispatch only.

use clap::{CommandFactory, Parser, Subcommand};
use mappa::cli::{self, context::Context, context::Target};
use mappa::text::Shown;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Explore the process map of the Chamber of Commerce.
#[derive(Parser)]
#[command(name = "mappa", version, about, long_about = None)]
struct Args {
    /// Load this map instead of the built-in one: a chamber's spreadsheet
    /// (xlsx, xlsm, xls, ods, csv, tsv), a `mappa export --format json`
    /// file, or a catalogo/ptpc2019 tab-separated source; repeatable.
    #[arg(long, value_name = "FILE", global = true)]
    data: Vec<PathBuf>,

    /// For spreadsheets: the sheet to read (by its tab's name); default:
    /// the first sheet with a header. Applies to every spreadsheet loaded.
    #[arg(long, value_name = "NAME", global = true)]
    sheet: Option<String>,

    /// For spreadsheets: which column holds what, by letters or header
    /// words, e.g. code=A,title=B,role=F,servizio=H (header=ROW: the
    /// header's row). Overrides what is detected and FILE.mappa.toml;
    /// applies to every spreadsheet loaded.
    #[arg(long, value_name = "MAP", global = true)]
    columns: Option<String>,

    /// The review store (SQLite) to use instead of the configured one or the
    /// one in the user's data folder; point a team at a shared file.
    #[arg(long, value_name = "FILE", global = true)]
    review: Option<PathBuf>,

    /// Show the notes but refuse changes.
    #[arg(long, global = true)]
    read_only: bool,

    /// A name to sign changes with in the audit log, recorded beside the
    /// OS account (never instead of it).
    #[arg(long, value_name = "NAME", global = true)]
    user: Option<String>,

    /// Interface language (it, en; default: it, or the configuration).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<mappa::i18n::Lang>,

    /// Draw with ASCII only, for terminals without box-drawing glyphs.
    #[arg(long, global = true)]
    ascii: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every entry with this code (all variants), responsible first.
    Show {
        /// A process code, e.g. A2.3.1.1 or c2.10.
        code: String,
        /// Only this dataset (catalogo, ptpc2019).
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Print the nodes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ranked entries for a few words (accents, plurals, acronyms, everyday
    /// synonyms and typos are forgiven; a code lists that code and what is
    /// below it). When no entry has every word, the entries with the most
    /// words are listed and a note on stderr says so (exit 0); when no word
    /// matches anything, the nearest words are suggested (exit 1).
    /// A query is read up to 256 characters and 32 words.
    Search {
        query: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// At most this many results (1 or more; 0 is refused as bad input).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// Print the nodes as JSON, each with `score`, `matched_field`,
        /// `matched_words` and `query_words`.
        #[arg(long)]
        json: bool,
    },
    /// Write the map as JSON, CSV or Markdown.
    Export {
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: cli::export::Format,
        /// With --format csv: what an Italian Excel opens by double-click
        /// (";" between cells, UTF-8 BOM, CRLF).
        #[arg(long)]
        excel: bool,
        #[command(flatten)]
        target: Target,
    },
    /// Who is responsible: every role and office, or the entries of one.
    Who {
        /// A role or office (fuzzy); without it, all of them with counts.
        name: Option<String>,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Print the matching nodes (or the parties) as JSON.
        #[arg(long)]
        json: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: cli::who::WhoFormat,
        #[command(flatten)]
        target: Target,
    },
    /// The anti-corruption officer's review: notes, status, risk judgement.
    Review {
        #[command(subcommand)]
        command: cli::review::ReviewCommand,
    },
    /// The risk register: events with their enabling factors, risk areas, the ranking.
    Risk {
        #[command(subcommand)]
        command: cli::risk::RiskCommand,
    },
    /// Treatment measures, their schedule and monitoring.
    Measure {
        #[command(subcommand)]
        command: cli::measure::MeasureCommand,
    },
    /// Record a decision on a link between the catalogue and the PTPC 2019
    /// annex: confirm or reject a computed link, or add one.
    Link {
        #[command(subcommand)]
        command: cli::links::LinkCommand,
    },
    /// The concordance of the catalogue and the PTPC 2019 annex: every
    /// entry with its links, score and status, for review.
    Links {
        #[command(flatten)]
        args: cli::links::LinksArgs,
    },
    /// Data-quality report: every anomaly with dataset, line and message.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Convert a spreadsheet (xlsx, xlsm, xls, ods, csv, tsv) once to
    /// mappa's JSON, which --data reads back; --sheet and --columns say
    /// what detection cannot.
    Import {
        /// The spreadsheet.
        file: PathBuf,
        #[command(flatten)]
        target: Target,
    },
    /// What changed between two versions of a map: every entry same,
    /// changed, renamed, moved, split, merged, removed or added.
    Diff {
        #[command(flatten)]
        args: cli::diff::DiffArgs,
    },
    /// The effective settings and where each came from.
    Config {
        #[arg(long)]
        json: bool,
    },
    /// Check this account's setup: what would go wrong, and what to do.
    ///
    /// The configuration files and their keys, the store, its folder's
    /// group and setgid bit, the modes and groups of the store and its -wal
    /// and -shm, whether this account may read and write them, the audit
    /// chain, the map. Each line is ok, avviso (warning) or errore (error)
    /// with what to do; the exit status is 1 on any errore.
    Doctor(cli::doctor::DoctorArgs),
    /// The completion script for a shell, on standard output.
    Completions(cli::completions::CompletionsArgs),
    /// The manual pages: mappa.1 and one per subcommand.
    Man(cli::man::ManArgs),
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let mut text = e.render().to_string();
            if e.kind() == clap::error::ErrorKind::InvalidSubcommand {
                text.push_str(&subcommand_choices(&text));
            }
            eprintln!("mappa: {}", multiline(text.trim_end()));
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mappa: error: {}", multiline(&format!("{e:#}")));
            ExitCode::from(cli::exit_status(&e))
        }
    }
}

/// The subcommands of the command an error's usage line names ("Usage:
/// mappa link [OPTIONS] <COMMAND>"), to list after an unknown one.
fn subcommand_choices(error: &str) -> String {
    let Some(usage) = error.lines().find_map(|l| l.trim().strip_prefix("Usage: ")) else {
        return String::new();
    };
    let mut cmd = <Args as clap::CommandFactory>::command();
    for word in usage.split_whitespace().skip(1) {
        if word.starts_with(['[', '<', '-']) {
            break;
        }
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name())
        .filter(|n| *n != "help")
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!("\nSubcomandi: {}", names.join(", "))
}

/// An error message made safe line by line (choices are listed on lines).
fn multiline(text: &str) -> String {
    text.lines()
        .map(|l| Shown(l).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Generated from the definitions above: they need no settings or map.
    match &args.command {
        Some(Command::Completions(c)) => {
            cli::completions::run(c, Args::command(), &mut std::io::stdout().lock())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man(m)) => {
            let written = cli::man::run(m, Args::command(), &mut std::io::stdout().lock())?;
            for f in written {
                eprintln!("mappa: written {}", Shown(&f.display().to_string()));
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let overrides = mappa::config::Overrides {
        review: args.review.clone(),
        read_only: args.read_only,
        lang: args.lang.map(|l| l.code().to_string()),
        ascii: args.ascii,
    };
    let sheet_opts = || -> anyhow::Result<_> {
        let mut opts = match &args.columns {
            Some(spec) => mappa::import::SheetOptions::parse_columns(spec)
                .map_err(|e| anyhow::anyhow!("--columns: {}", e.message))?,
            None => mappa::import::SheetOptions::default(),
        };
        opts.sheet = args.sheet.clone();
        Ok(opts)
    };
    if let Some(Command::Doctor(d)) = &args.command {
        // Doctor reports a bad configuration or map instead of stopping at it.
        let map = sheet_opts().and_then(|o| Ok(mappa::import::load_with(&args.data, &o)?));
        let out = &mut std::io::stdout().lock();
        let fine = cli::doctor::run(d, &overrides, args.user.as_deref(), map, out)?;
        return Ok(if fine {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let config = mappa::config::Config::load(&overrides)?;
    // The day taken as today: MAPPA_TODAY names another (rehearsals, tests).
    let today = match std::env::var("MAPPA_TODAY") {
        Ok(t) if !t.trim().is_empty() => mappa::review::time::parse_date(&t).ok_or_else(|| {
            cli::input::BadText(format!(
                "MAPPA_TODAY \"{}\" non è una data (AAAA-MM-GG)",
                Shown(&t)
            ))
        })?,
        _ => mappa::review::time::today(),
    };
    let lang = mappa::i18n::Lang::from_code(&config.lang.value);
    for key in &config.unknown {
        eprintln!("mappa: {}", cli::doctor::unknown_key_warning(key, lang));
    }
    let sheet_opts = sheet_opts()?;
    let mut data_files = args.data.clone();
    if let Some(Command::Import { file, .. }) = &args.command {
        data_files.push(file.clone());
    }
    let map = match &args.command {
        // The file to convert is the map, the two versions compared are
        // the maps: nothing else to load.
        Some(Command::Import { .. } | Command::Diff { .. }) => mappa::model::Map::default(),
        _ => mappa::import::load_with(&args.data, &sheet_opts)?,
    };
    let ctx = Context {
        map: std::sync::Arc::new(map),
        today,
        stdout_is_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        config,
        user: args.user.clone(),
        data_files,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.command {
        None => {
            drop(out);
            let start = mappa::tui::Start {
                lang: mappa::i18n::Lang::from_code(&ctx.config.lang.value),
                ascii: ctx.config.ascii.value,
                today: ctx.today,
                store: ctx.store_path().map_err(|e| format!("{e:#}")),
                read_only: ctx.config.read_only.value,
                round: None,
                identity: ctx.identity()?,
                data_files: ctx.data_files,
                map: ctx.map,
            };
            mappa::tui::start(start, mappa::tui::Environment::read())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Show {
            code,
            dataset,
            json,
        }) => match cli::show::run(&ctx, &code, dataset.as_deref(), json, &mut out)? {
            cli::show::Outcome::Found => {}
            cli::show::Outcome::NotFound { nearest } => {
                eprintln!(
                    "mappa: no entry has code {}. Nearest codes: {}",
                    Shown(&code),
                    if nearest.is_empty() {
                        "none".to_string()
                    } else {
                        nearest.join(", ")
                    }
                );
                eprintln!("Try `mappa search WORDS` to find an entry by its words.");
                return Ok(ExitCode::from(1));
            }
        },
        Some(Command::Export {
            dataset,
            format,
            excel,
            target,
        }) => {
            ctx.emit(&target, &mut out, |w| {
                cli::export::run(&ctx, dataset.as_deref(), format, excel, w)
            })?;
        }
        Some(Command::Check { json }) => {
            if !cli::check::run(&ctx.map, json, &mut out)? {
                // Errors in the data (or no data): the report is the output.
                out.flush().ok();
                return Ok(ExitCode::from(1));
            }
        }
        Some(Command::Import { file, target }) => {
            let mut summary = None;
            ctx.emit(&target, &mut out, |w| {
                summary = Some(cli::import::run(&file, &sheet_opts, w)?);
                Ok(())
            })?;
            if let Some(s) = summary {
                eprintln!("mappa: {s}");
            }
        }
        Some(Command::Review { command }) => cli::review::run(&ctx, command, &mut out)?,
        Some(Command::Link { command }) => cli::links::link(&ctx, &command, &mut out)?,
        Some(Command::Links { args }) => cli::links::links(&ctx, &args, &mut out)?,
        Some(Command::Config { json }) => cli::config::run(&ctx, json, &mut out)?,
        Some(Command::Diff { args }) => cli::diff::run(&ctx, &args, &sheet_opts, &mut out)?,
        Some(Command::Risk { command }) => cli::risk::run(&ctx, command, &mut out)?,
        Some(Command::Measure { command }) => cli::measure::run(&ctx, command, &mut out)?,
        // Answered above, before the settings and the map.
        Some(Command::Doctor(_) | Command::Completions(_) | Command::Man(_)) => {}
        Some(Command::Search {
            query,
            dataset,
            limit,
            json,
        }) => {
            let limit = limit as usize;
            let mut err = std::io::stderr();
            let outcome = cli::search::run(
                &ctx,
                &query,
                dataset.as_deref(),
                limit,
                json,
                &mut out,
                &mut err,
            )?;
            if outcome == cli::search::Outcome::Nothing {
                return Ok(ExitCode::from(1));
            }
        }
        Some(Command::Who {
            name: None,
            dataset,
            json,
            format,
            target,
        }) => {
            ctx.emit(&target, &mut out, |w| {
                cli::who::list(&ctx.map, dataset.as_deref(), json, format, w)
            })?;
        }
        Some(Command::Who {
            name: Some(name),
            dataset,
            json,
            format,
            target,
        }) => {
            if let Some(p) = &target.path {
                mappa::report::output::check(p, target.force, &ctx.protected())?;
            }
            let mut buf = Vec::new();
            let found = cli::who::show(&ctx, &name, dataset.as_deref(), json, format, &mut buf)?;
            if !found {
                let near = cli::who::suggestions(&ctx.map, &name, dataset.as_deref());
                eprintln!(
                    "mappa: no role or office matches \"{}\". Closest: {}",
                    Shown(&name),
                    if near.is_empty() {
                        "none".to_string()
                    } else {
                        near.iter()
                            .map(|n| Shown(n).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                );
                eprintln!("Run `mappa who` for the full list.");
                return Ok(ExitCode::from(1));
            }
            ctx.emit(&target, &mut out, |w| Ok(w.write_all(&buf)?))?;
        }
    }
    out.flush().ok();
    Ok(ExitCode::SUCCESS)
}

fn parse_lang(text: &str) -> Result<mappa::i18n::Lang, String> {
    text.parse()
        .map_err(|e: mappa::i18n::UnknownLang| e.to_string())
}

/// A reader that stopped early (`mappa export | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        // The csv and JSON writers wrap the io error in their own.
        let csv_io = c.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
            csv::ErrorKind::Io(io) => Some(io.kind()),
            _ => None,
        });
        let json_io = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        let io = c.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        let report = c
            .downcast_ref::<mappa::report::ReportError>()
            .is_some_and(mappa::report::ReportError::is_broken_pipe);
        report || [io, csv_io, json_io].contains(&Some(BrokenPipe))
    })
}

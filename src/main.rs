//! The `mappa` binary: argument parsing and dispatch only.

use clap::{Parser, Subcommand};
use mappa::cli;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Explore the process map of the Chamber of Commerce.
#[derive(Parser)]
#[command(name = "mappa", version, about, long_about = None)]
struct Args {
    /// Load this map instead of the built-in one (a `mappa export --format
    /// json` file, or a catalogo/ptpc2019 tab-separated source); repeatable.
    #[arg(long, value_name = "FILE", global = true)]
    data: Vec<PathBuf>,

    /// The review store (SQLite) to use instead of the one in the user's
    /// data directory; point a team at a shared file.
    #[arg(long, value_name = "FILE", global = true)]
    review: Option<PathBuf>,

    /// Show the notes but refuse changes.
    #[arg(long, global = true)]
    read_only: bool,

    /// The name recorded in the audit log (default: the OS user).
    #[arg(long, value_name = "NAME", global = true)]
    user: Option<String>,

    /// Interface language of the explorer.
    #[arg(long, value_enum, default_value = "it", global = true)]
    lang: mappa::tui::strings::Lang,

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
    /// Ranked entries for a few words (accents, plurals, acronyms and one
    /// typo are forgiven; a code lists that code and what is below it).
    Search {
        query: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print the nodes as JSON, each with `score` and `matched_field`.
        #[arg(long)]
        json: bool,
    },
    /// Write the map as JSON, CSV or Markdown.
    Export {
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: cli::export::Format,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
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
        /// Output format for the entries of one role or office.
        #[arg(long, value_enum, default_value = "text")]
        format: cli::who::WhoFormat,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The anti-corruption officer's review: notes, status, risk judgement.
    Review {
        #[command(subcommand)]
        command: cli::review::ReviewCommand,
    },
    /// Data-quality report: every anomaly with dataset, line and message.
    Check {
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mappa: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<ExitCode> {
    let map = mappa::import::load(&args.data)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.command {
        None => {
            drop(out);
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let options = mappa::tui::app::Options {
                lang: args.lang,
                ascii: args.ascii,
                color,
            };
            // Check the terminal before touching the review store.
            mappa::tui::ensure_terminal()?;
            // The review store is optional in the explorer: without it the
            // map is still there to explore.
            let user = args
                .user
                .clone()
                .unwrap_or_else(mappa::review::Store::os_user);
            let opened = match &args.review {
                Some(p) => Ok(p.clone()),
                None => mappa::review::Store::default_path(),
            }
            .and_then(|path| mappa::review::Store::open(&path, args.read_only, &user));
            let (store, message) = match opened {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(format!("{e:#}"))),
            };
            mappa::tui::run(map, options, store, message)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Show {
            code,
            dataset,
            json,
        }) => match cli::show::run(&map, &code, dataset.as_deref(), json, &mut out)? {
            cli::show::Outcome::Found => {}
            cli::show::Outcome::NotFound { nearest } => {
                eprintln!(
                    "mappa: no entry has code {}. Nearest codes: {}",
                    mappa::text::clean(&code),
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
            output,
        }) => match output {
            None => cli::export::run(&map, dataset.as_deref(), format, &mut out)?,
            Some(path) => {
                let mut buf = Vec::new();
                cli::export::run(&map, dataset.as_deref(), format, &mut buf)?;
                std::fs::write(&path, buf)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                eprintln!("mappa: written {}", path.display());
            }
        },
        Some(Command::Check { json }) => {
            if !cli::check::run(&map, json, &mut out)? {
                // Errors in the data (or no data): the report is the output.
                out.flush().ok();
                return Ok(ExitCode::from(1));
            }
        }
        Some(Command::Review { command }) => {
            let path = match &args.review {
                Some(p) => p.clone(),
                None => mappa::review::Store::default_path()?,
            };
            let user = args
                .user
                .clone()
                .unwrap_or_else(mappa::review::Store::os_user);
            let mut store = mappa::review::Store::open(&path, args.read_only, &user)?;
            cli::review::run(&map, &mut store, command, &mut out)?;
        }
        Some(Command::Search {
            query,
            dataset,
            limit,
            json,
        }) => {
            if !cli::search::run(&map, &query, dataset.as_deref(), limit, json, &mut out)? {
                eprintln!(
                    "mappa: nothing matches \"{}\"; try fewer or shorter words",
                    mappa::text::clean(&query)
                );
                return Ok(ExitCode::from(1));
            }
        }
        Some(Command::Who {
            name: None,
            dataset,
            json,
            ..
        }) => cli::who::list(&map, dataset.as_deref(), json, &mut out)?,
        Some(Command::Who {
            name: Some(name),
            dataset,
            json,
            format,
            output,
        }) => {
            let mut buf = Vec::new();
            let found = cli::who::show(&map, &name, dataset.as_deref(), json, format, &mut buf)?;
            if !found {
                let near = cli::who::suggestions(&map, &name, dataset.as_deref());
                eprintln!(
                    "mappa: no role or office matches \"{}\". Closest: {}",
                    mappa::text::clean(&name),
                    if near.is_empty() {
                        "none".to_string()
                    } else {
                        near.join(", ")
                    }
                );
                eprintln!("Run `mappa who` for the full list.");
                return Ok(ExitCode::from(1));
            }
            match output {
                Some(path) => {
                    std::fs::write(&path, buf)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    eprintln!("mappa: written {}", path.display());
                }
                None => out.write_all(&buf)?,
            }
        }
    }
    out.flush().ok();
    Ok(ExitCode::SUCCESS)
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
        [io, csv_io, json_io].contains(&Some(BrokenPipe))
    })
}

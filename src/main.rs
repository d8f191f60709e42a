//! The `mappa` binary, the application's edge: it reads the environment
//! once, starts the log, parses the command line, loads the settings and
//! the map, dispatches to the subcommand (each in `mappa::cli`, with its
//! arguments), and turns errors into messages and exit statuses.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use mappa::cli::{self, args::ChangeArgs, args::MapArgs, context::Context};
use mappa::environment::Environment;
use mappa::i18n::{cli::Message, Lang};
use mappa::text::Shown;
use std::io::Write;
use std::process::ExitCode;

/// Explore the process map of the Chamber of Commerce.
///
/// Without a subcommand, the explorer; the options below are the
/// explorer's, and before a subcommand they are its defaults too.
#[derive(Parser)]
#[command(name = "mappa", version, about, long_about = None)]
struct Args {
    #[command(flatten)]
    map: MapArgs,
    #[command(flatten)]
    change: ChangeArgs,
    /// Interface language (it, en; default: it, or the configuration).
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Draw with ASCII only, for terminals without box-drawing glyphs.
    #[arg(long)]
    ascii: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every entry with this code (all variants), responsible first.
    Show(cli::show::ShowArgs),
    /// Ranked entries for a few words (accents, plurals, acronyms, everyday
    /// synonyms and typos are forgiven; a code lists that code and what is
    /// below it). When no entry has every word, the entries with the most
    /// words are listed and a note on stderr says so (exit 0); when no word
    /// matches anything, the nearest words are suggested (exit 1).
    /// A query is read up to 256 characters and 32 words.
    Search(cli::search::SearchArgs),
    /// Write the map as JSON, CSV or Markdown.
    Export(cli::export::ExportArgs),
    /// Who is responsible: every role and office, or the entries of one.
    Who(cli::who::WhoArgs),
    /// The anti-corruption officer's review: notes, status, risk judgement.
    Review(cli::review::ReviewArgs),
    /// The risk register: events with their enabling factors, risk areas, the ranking.
    Risk(cli::risk::RiskArgs),
    /// Treatment measures, their schedule and monitoring.
    Measure(cli::measure::MeasureArgs),
    /// Record a decision on a link between the catalogue and the PTPC 2019
    /// annex: confirm or reject a computed link, or add one.
    Link(cli::links::LinkArgs),
    /// The concordance of the catalogue and the PTPC 2019 annex: every
    /// entry with its links, score and status, for review.
    Links(cli::links::LinksArgs),
    /// Data-quality report: every anomaly with dataset, line and message.
    Check(cli::check::CheckArgs),
    /// Convert a spreadsheet (xlsx, xlsm, xls, ods, csv, tsv) once to
    /// mappa's JSON, which --data reads back; --sheet and --columns say
    /// what detection cannot.
    Import(cli::import::ImportArgs),
    /// What changed between two versions of a map: every entry same,
    /// changed, renamed, moved, split, merged, removed or added.
    Diff(cli::diff::DiffArgs),
    /// The effective settings and where each came from.
    Config(cli::config::ConfigArgs),
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

impl Command {
    /// The map options the subcommand was given, if it reads a map.
    fn map(&self) -> Option<&MapArgs> {
        match self {
            Command::Show(a) => Some(&a.map),
            Command::Search(a) => Some(&a.map),
            Command::Export(a) => Some(&a.map),
            Command::Who(a) => Some(&a.map),
            Command::Review(a) => Some(&a.map),
            Command::Risk(a) => Some(&a.map),
            Command::Measure(a) => Some(&a.map),
            Command::Link(a) => Some(&a.map),
            Command::Links(a) => Some(&a.map),
            Command::Check(a) => Some(&a.map),
            Command::Doctor(a) => Some(&a.map),
            Command::Import(_)
            | Command::Diff(_)
            | Command::Config(_)
            | Command::Completions(_)
            | Command::Man(_) => None,
        }
    }

    /// The store options the subcommand was given, if it uses the store
    /// (only `--review`, for those that only read it).
    fn change(&self) -> ChangeArgs {
        let read = |store: &cli::args::StoreArgs| ChangeArgs {
            store: store.clone(),
            ..ChangeArgs::default()
        };
        match self {
            Command::Show(a) => read(&a.store),
            Command::Search(a) => read(&a.store),
            Command::Export(a) => read(&a.store),
            Command::Who(a) => read(&a.store),
            Command::Links(a) => read(&a.store),
            Command::Review(a) => a.change.clone(),
            Command::Risk(a) => a.change.clone(),
            Command::Measure(a) => a.change.clone(),
            Command::Link(a) => a.change.clone(),
            Command::Config(a) => a.change.clone(),
            Command::Doctor(a) => a.change.clone(),
            Command::Check(_)
            | Command::Import(_)
            | Command::Diff(_)
            | Command::Completions(_)
            | Command::Man(_) => ChangeArgs::default(),
        }
    }

    /// The spreadsheet options of the subcommands that read a file of
    /// their own (`import FILE`, `diff OLD NEW`).
    fn sheet(&self) -> Option<&cli::args::SheetArgs> {
        match self {
            Command::Import(a) => Some(&a.sheet),
            Command::Diff(a) => Some(&a.sheet),
            _ => self.map().map(|m| &m.sheet),
        }
    }
}

/// `--lang` and `--ascii` given after a subcommand, as scripts written for
/// earlier releases (where every option was taken anywhere) may: accepted,
/// and listed in no subcommand's help.
#[derive(Default)]
struct Late {
    lang: Option<Lang>,
}

/// The command line as parsed: [`Args`], with `--lang` and `--ascii`
/// taken (hidden) after any subcommand.
fn command() -> clap::Command {
    Args::command().mut_subcommands(|sub| {
        sub.arg(
            clap::Arg::new("late_lang")
                .long("lang")
                .value_parser(parse_lang)
                .global(true)
                .hide(true),
        )
        .arg(
            clap::Arg::new("late_ascii")
                .long("ascii")
                .action(clap::ArgAction::SetTrue)
                .global(true)
                .hide(true),
        )
    })
}

fn main() -> ExitCode {
    let env = Environment::read();
    mappa::logging::start(&env);
    let _process = tracing::info_span!("mappa", pid = std::process::id()).entered();
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return parse_error(e),
    };
    let late = Late {
        lang: matches
            .subcommand()
            .and_then(|(_, sub)| sub.get_one::<Lang>("late_lang").copied()),
    };
    let args = match Args::from_arg_matches(&matches) {
        Ok(a) => a,
        Err(e) => return parse_error(e),
    };
    let name = subcommand_path(&matches);
    tracing::info!(command = %name, version = env!("CARGO_PKG_VERSION"), "started");
    let started = std::time::Instant::now();
    let given = args.lang.or(late.lang);
    let mut lang = given.unwrap_or_default();
    let result = run(args, given, &env, &mut lang);
    let elapsed_ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(status) => {
            tracing::info!(command = %name, status, elapsed_ms, "finished");
            ExitCode::from(status)
        }
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let status = cli::exit_status(&e);
            tracing::warn!(
                command = %name,
                status,
                elapsed_ms,
                error = %cli::error_text(&e, Lang::En),
                "failed"
            );
            let text = multiline(&cli::error_text(&e, lang));
            eprintln!("mappa: {}", Message::Error(text).text(lang));
            ExitCode::from(status)
        }
    }
}

/// The subcommand run, as `review set` (never what was typed after it).
fn subcommand_path(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    if names.is_empty() {
        "explorer".to_string()
    } else {
        names.join(" ")
    }
}

/// clap's message for a command line it cannot parse (exit 2), or its
/// help and version (exit 0).
fn parse_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        // --help and --version.
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    tracing::warn!(kind = ?e.kind(), "command line not understood");
    let lang = lang_typed();
    let mut text = e.render().to_string();
    if e.kind() == clap::error::ErrorKind::InvalidSubcommand {
        let names = subcommand_choices(&text);
        if !names.is_empty() {
            text.push('\n');
            text.push_str(&Message::Subcommands(names).text(lang));
        }
    }
    // clap's words, after mappa's own prefix.
    let text = multiline(text.trim_end());
    let text = match text.strip_prefix("error: ") {
        Some(rest) => Message::Error(rest.to_string()).text(lang),
        None => text,
    };
    eprintln!("mappa: {text}");
    ExitCode::from(2)
}

/// The language asked for on a command line that did not parse (`--lang
/// en` or `--lang=en` anywhere), for the words mappa adds to clap's.
fn lang_typed() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(v) => v.parse().ok(),
            None if a == "--lang" => args.get(i + 1).and_then(|v| v.parse().ok()),
            None => None,
        })
        .unwrap_or_default()
}

/// The subcommands of the command an error's usage line names ("Usage:
/// mappa link [OPTIONS] <COMMAND>"), to list after an unknown one.
fn subcommand_choices(error: &str) -> Vec<String> {
    let Some(usage) = error.lines().find_map(|l| l.trim().strip_prefix("Usage: ")) else {
        return Vec::new();
    };
    let mut cmd = Args::command();
    for word in usage.split_whitespace().skip(1) {
        if word.starts_with(['[', '<', '-']) {
            break;
        }
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

/// An error message made safe line by line (choices are listed on lines).
fn multiline(text: &str) -> String {
    text.lines()
        .map(|l| Shown(l).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the command with the language `given` on the command line, if
/// any; `lang` becomes the settings' language once they are read, for the
/// error the caller says.
fn run(args: Args, given: Option<Lang>, env: &Environment, lang: &mut Lang) -> anyhow::Result<u8> {
    let given_lang = *lang;
    // Generated from the definitions above: they need no settings or map.
    match &args.command {
        Some(Command::Completions(c)) => {
            cli::completions::run(c, Args::command(), &mut std::io::stdout().lock())?;
            return Ok(0);
        }
        Some(Command::Man(m)) => {
            let written = cli::man::run(m, Args::command(), &mut std::io::stdout().lock())?;
            for f in written {
                cli::say(given_lang, &Message::Written(f));
            }
            return Ok(0);
        }
        _ => {}
    }
    // What the subcommand was given, over what came before it.
    let (map_args, change, sheet) = match &args.command {
        None => (
            args.map.clone(),
            args.change.clone(),
            args.map.sheet.clone(),
        ),
        Some(c) => (
            c.map().map_or_else(MapArgs::default, |m| m.or(&args.map)),
            c.change().or(&args.change),
            c.sheet()
                .map_or_else(Default::default, |s| s.or(&args.map.sheet)),
        ),
    };
    let overrides = mappa::config::Overrides {
        review: change.store.review.clone(),
        read_only: change.read_only,
        lang: given,
        ascii: args.ascii,
    };
    let files = env.config_files();
    let sheet_opts = || sheet.options(env.max_file);
    if let Some(Command::Doctor(d)) = &args.command {
        // Doctor reports a bad configuration or map instead of stopping at it.
        let map = sheet_opts().and_then(|o| Ok(mappa::import::load_with(&map_args.data, &o)?));
        let out = &mut std::io::stdout().lock();
        let json = d.output.is_json();
        let fine = cli::doctor::run(json, &overrides, &files, change.user.as_deref(), map, out)?;
        return Ok(if fine { 0 } else { 1 });
    }
    let config = mappa::config::Config::load(&overrides, &files)?;
    *lang = config.lang.value;
    if let Some(problem) = env.problems.first() {
        return Err(cli::BadInput(Message::Environment(problem.clone())).into());
    }
    for key in &config.unknown {
        cli::say(
            *lang,
            &Message::Said(cli::doctor::unknown_key_warning(key, *lang)),
        );
    }
    let sheet_opts = sheet_opts()?;
    let mut data_files = map_args.data.clone();
    if let Some(Command::Import(a)) = &args.command {
        data_files.push(a.file.clone());
    }
    let map = match &args.command {
        // The file to convert is the map, the two versions compared are
        // the maps; the settings need none: nothing else to load.
        Some(Command::Import(_) | Command::Diff(_) | Command::Config(_)) => {
            mappa::model::Map::default()
        }
        _ => mappa::import::load_with(&map_args.data, &sheet_opts)?,
    };
    let ctx = Context {
        map: std::sync::Arc::new(map),
        today: env.today.unwrap_or_else(mappa::review::time::today),
        stdout_is_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        config,
        user: change.user.clone(),
        data_files,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let Some(command) = args.command else {
        drop(out);
        let start = mappa::tui::Start {
            lang: ctx.lang(),
            ascii: ctx.config.ascii.value,
            today: ctx.today,
            store: ctx
                .store_path()
                .map_err(|e| cli::error_text(&e, ctx.lang())),
            read_only: ctx.config.read_only.value,
            round: None,
            identity: ctx.identity()?,
            data_files: ctx.data_files,
            map: ctx.map,
        };
        mappa::tui::start(start, env.into())?;
        return Ok(0);
    };
    match command {
        Command::Show(a) => {
            let dataset = a.dataset.dataset.as_deref();
            let json = a.output.is_json();
            match cli::show::run(&ctx, &a.code, dataset, json, &mut out)? {
                cli::show::Outcome::Found => {}
                cli::show::Outcome::NotFound { nearest } => {
                    ctx.say(&Message::NoSuchCode {
                        code: Shown(&a.code).to_string(),
                        nearest,
                    });
                    return Ok(1);
                }
            }
        }
        Command::Export(a) => {
            let dataset = a.dataset.dataset.as_deref();
            let format = a.output.format();
            ctx.emit(&a.target, &mut out, |w| {
                cli::export::run(&ctx, dataset, format, a.excel, w)
            })?;
        }
        Command::Check(a) => {
            if !cli::check::run(&ctx.map, a.output.is_json(), ctx.lang(), &mut out)? {
                // Errors in the data (or no data): the report is the output.
                out.flush().ok();
                return Ok(1);
            }
        }
        Command::Import(a) => {
            let mut summary = None;
            ctx.emit(&a.target, &mut out, |w| {
                summary = Some(cli::import::run(&a.file, &sheet_opts, w)?);
                Ok(())
            })?;
            if let Some(s) = summary {
                ctx.say(&s.message());
            }
        }
        Command::Review(a) => cli::review::run(&ctx, a.command, &mut out)?,
        Command::Link(a) => cli::links::link(&ctx, &a.command, &mut out)?,
        Command::Links(a) => cli::links::links(&ctx, &a, &mut out)?,
        Command::Config(a) => cli::config::run(&ctx, a.output.is_json(), &files, &mut out)?,
        Command::Diff(a) => cli::diff::run(&ctx, &a, &sheet_opts, &mut out)?,
        Command::Risk(a) => cli::risk::run(&ctx, a.command, &mut out)?,
        Command::Measure(a) => cli::measure::run(&ctx, a.command, &mut out)?,
        // Answered above, before the settings and the map.
        Command::Doctor(_) | Command::Completions(_) | Command::Man(_) => {}
        Command::Search(a) => {
            let mut err = std::io::stderr();
            let outcome = cli::search::run(
                &ctx,
                &a.query,
                a.dataset.dataset.as_deref(),
                a.limit as usize,
                a.output.is_json(),
                &mut out,
                &mut err,
            )?;
            if outcome == cli::search::Outcome::Nothing {
                return Ok(1);
            }
        }
        Command::Who(a) => {
            let dataset = a.dataset.dataset.as_deref();
            let format = a.output.format();
            let Some(name) = &a.name else {
                ctx.emit(&a.target, &mut out, |w| {
                    cli::who::list(&ctx.map, dataset, format, ctx.lang(), w)
                })?;
                out.flush().ok();
                return Ok(0);
            };
            if let Some(p) = &a.target.path {
                mappa::report::output::check(p, a.target.force, &ctx.protected())?;
            }
            let mut buf = Vec::new();
            if !cli::who::show(&ctx, name, dataset, format, &mut buf)? {
                ctx.say(&Message::NoSuchParty {
                    name: Shown(name).to_string(),
                    near: cli::who::suggestions(&ctx.map, name, dataset)
                        .iter()
                        .map(|n| Shown(n).to_string())
                        .collect(),
                });
                return Ok(1);
            }
            ctx.emit(&a.target, &mut out, |w| Ok(w.write_all(&buf)?))?;
        }
    }
    out.flush().ok();
    Ok(0)
}

fn parse_lang(text: &str) -> Result<Lang, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definitions_are_consistent() {
        command().debug_assert();
    }

    /// Every subcommand, argument and option says in a line what it is
    /// (what `--help`, the manual pages and the completions show).
    #[test]
    fn every_argument_has_a_description() {
        let mut missing = Vec::new();
        let mut pending = vec![("mappa".to_string(), Args::command())];
        while let Some((path, cmd)) = pending.pop() {
            if cmd.get_about().is_none() {
                missing.push(format!("{path}: the command"));
            }
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                if arg
                    .get_help()
                    .is_none_or(|h| h.to_string().trim().is_empty())
                {
                    missing.push(format!("{path}: {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                pending.push((format!("{path} {}", sub.get_name()), sub.clone()));
            }
        }
        assert!(
            missing.is_empty(),
            "without a description:\n{}",
            missing.join("\n")
        );
    }
}

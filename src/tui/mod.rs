//! The interactive explorer. State lives in [`app`] (browsing state, pure,
//! tested with key sequences), keys in [`bindings`] (one table), overlays
//! in [`overlays`] (one file each: state, keys, drawing, commands), drawing
//! in [`view`] (from the state, read-only), the one line editor in
//! [`widgets`], the officer's records as shown in [`review`]; the
//! [`runtime`] puts them together with the jobs, the store and the
//! terminal, and makes sure the terminal is always given back and nothing
//! typed is lost.

pub mod action;
pub mod app;
pub mod bindings;
pub mod clipboard;
pub mod lean;
pub mod overlays;
pub mod review;
pub mod runtime;
pub mod saver;
pub mod search;
pub mod strings;
pub mod terminal;
pub mod view;
pub mod widgets;

use crate::model::Map;
use app::{App, Options};
use lean::LeanBackend;
use ratatui::Terminal;
pub use runtime::Ui;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The search the explorer uses: the ranked index, built in the
/// background for a large map (see [`search::for_map`]).
pub fn default_searcher(map: &Map) -> Box<dyn search::Searcher> {
    search::for_map(map)
}

/// The explorer needs a terminal on both ends.
pub fn ensure_terminal(env: Environment) -> anyhow::Result<()> {
    terminal::ensure(env.dumb_terminal)
}

/// What the explorer takes of its environment (read once at start, by
/// [`crate::environment`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Environment {
    /// `NO_COLOR` set to anything.
    pub no_color: bool,
    /// Inside tmux (`TMUX`): the clipboard goes through it.
    pub inside_tmux: bool,
    /// `TERM=dumb`: no explorer.
    pub dumb_terminal: bool,
}

impl From<&crate::environment::Environment> for Environment {
    fn from(env: &crate::environment::Environment) -> Environment {
        Environment {
            no_color: env.no_color,
            inside_tmux: env.inside_tmux,
            dumb_terminal: env.dumb_terminal,
        }
    }
}

/// What the explorer is started with: the map, the settings, who works,
/// and which store (the application's edge works these out).
pub struct Start {
    pub map: Arc<Map>,
    pub lang: strings::Lang,
    pub ascii: bool,
    pub today: jiff::civil::Date,
    /// The store and whether it is the personal default (its folder may be
    /// created), or why there is none.
    pub store: Result<(PathBuf, bool), String>,
    pub read_only: bool,
    /// The round asked for (`--round`); none: the store's default.
    pub round: Option<crate::review::Year>,
    pub identity: crate::review::Identity,
    /// The files given with `--data`, which a saved file must never replace.
    pub data_files: Vec<PathBuf>,
}

/// The explorer for `mappa` with no subcommand: the settings, the store
/// (writable when it can be; none yet is fine, the first change creates it),
/// the concordance computed in the background after the first frame.
pub fn start(start: Start, env: Environment) -> anyhow::Result<()> {
    let options = Options {
        lang: start.lang,
        ascii: start.ascii,
        color: !env.no_color,
        today: start.today,
    };
    // Check the terminal before touching the review store.
    terminal::ensure(env.dumb_terminal)?;
    tracing::info!(
        datasets = start.map.datasets.len(),
        entries = start.map.datasets.iter().map(|d| d.nodes.len()).sum::<usize>(),
        store = ?start.store.as_ref().map(|(p, _)| p.display().to_string()),
        read_only = start.read_only,
        "explorer started"
    );
    let map = start.map;
    let linked = crate::concord::pair_of(&map).is_some();
    let mut app = App::with_index(map, options);
    if linked {
        // The links with the other dataset take a few milliseconds: a job
        // once the first frame is drawn, which neither waits for them nor
        // shares the processor with them.
        app.compute_links_after_first_frame();
    } else {
        // Nothing to link (a chamber's own map).
        app.set_concordance(crate::concord::Concordance::default());
    }
    let mut ui = Ui::new(app);
    ui.data_files = start.data_files;
    ui.round = start.round;
    match start.store {
        Ok((path, default)) => {
            match ui.open_store(&path, start.identity, start.read_only, default) {
                Ok(()) => {
                    if let Some(m) = ui.recover() {
                        tracing::info!(store = %path.display(), "recovery files read back");
                        ui.app.message = Some(m);
                    }
                }
                Err(e) => {
                    tracing::warn!(store = %path.display(), error = %e, "store not opened");
                    ui.app.message = Some(e.to_string())
                }
            }
        }
        Err(e) => ui.app.message = Some(e),
    }
    run(ui, env)
}

/// Runs the explorer until the user quits or a signal asks it to stop.
pub fn run(mut ui: Ui, env: Environment) -> anyhow::Result<()> {
    terminal::ensure(env.dumb_terminal)?;
    // SIGTERM and SIGHUP (an SSH link that drops) end the loop cleanly.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // crossterm busy-reads a terminal that went away (EOF on every read) and
    // never returns to our loop; a watchdog saves what is pending and ends
    // the program when the link is gone or a signal was not acted on.
    let finished = Arc::new(AtomicBool::new(false));
    terminal::restore_on_panic();
    terminal::take()?;
    let began = std::time::Instant::now();
    let result = (|| -> anyhow::Result<()> {
        let mut term = Terminal::new(LeanBackend::new(std::io::stdout()))?;
        let rescue = ui.store.as_ref().and_then(|s| s.rescuer());
        {
            let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
            std::thread::spawn(move || watchdog(&stop, &finished, rescue));
        }
        run_saving(&mut term, &mut ui, &stop, env.inside_tmux)
    })();
    finished.store(true, Ordering::SeqCst);
    terminal::restore();
    let seconds = began.elapsed().as_secs();
    match &result {
        Ok(()) => tracing::info!(seconds, "explorer finished"),
        Err(e) => {
            tracing::warn!(seconds, error = %format!("{e:#}"), "explorer stopped by an error")
        }
    }
    if let Some(unsaved) = ui.app.take_unsaved() {
        tracing::warn!("changes left unsaved when the explorer ended");
        eprintln!("mappa: {unsaved}");
    }
    result
}

/// The event loop, then what was typed is saved however the loop ended: a
/// key, a signal, or an error writing to a terminal that went away (an SSH
/// link that drops fails the next draw before any signal is seen).
fn run_saving<W: std::io::Write>(
    term: &mut Terminal<LeanBackend<W>>,
    ui: &mut Ui,
    stop: &AtomicBool,
    inside_tmux: bool,
) -> anyhow::Result<()> {
    let outcome = runtime::event_loop::run(term, ui, stop, inside_tmux);
    ui.finish(Duration::from_secs(10));
    outcome
}

fn watchdog(stop: &AtomicBool, finished: &AtomicBool, rescue: Option<(saver::Rescuer, PathBuf)>) {
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if finished.load(Ordering::SeqCst) {
            return;
        }
        if stop.load(Ordering::SeqCst) || terminal::hung_up() {
            // Give the event loop a moment to end by itself.
            std::thread::sleep(Duration::from_millis(400));
            if finished.load(Ordering::SeqCst) {
                return;
            }
            if let Some((rescuer, store)) = &rescue {
                let left = rescuer.flush(Duration::from_secs(3));
                if !left.is_empty() {
                    match saver::write_recovery(store, left) {
                        Ok(file) => tracing::warn!(file = %file.display(), "recovery file written"),
                        Err(e) => tracing::error!(error = %e, "recovery file not written"),
                    }
                }
            }
            terminal::restore();
            std::process::exit(if stop.load(Ordering::SeqCst) { 0 } else { 1 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Store;
    use app::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::io::Write;

    /// A terminal whose link has dropped: every write fails.
    struct HungUp;

    impl Write for HungUp {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(libc::EIO))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::from_raw_os_error(libc::EIO))
        }
    }

    #[test]
    fn notes_are_saved_when_the_terminal_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.sqlite");
        let options = Options {
            lang: strings::Lang::It,
            ascii: false,
            color: true,
            today: crate::review::time::today(),
        };
        let app = App::with_index(crate::import::builtin(), options);
        let identity = crate::review::Identity::with_name(Some("rpct")).unwrap();
        let mut ui = Ui::new(app);
        ui.open_store(&path, identity, false, false).unwrap();
        for c in "A2.3.1.1".chars() {
            ui.handle(Action::Insert(c));
        }
        ui.handle(Action::EditNotes);
        for c in "appunto".chars() {
            ui.handle(Action::EditorKey(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        let mut terminal = Terminal::new(LeanBackend::new(HungUp)).unwrap();
        let stop = AtomicBool::new(false);
        assert!(run_saving(&mut terminal, &mut ui, &stop, false).is_err());
        let store = Store::open(&path, true, "rpct").unwrap();
        let node = &ui.app.dataset().nodes[ui.app.selected_node().unwrap()];
        let key = crate::review::ReviewKey::of(&ui.app.map, node);
        assert_eq!(store.get(&key).unwrap().unwrap().notes, "appunto");
    }
}

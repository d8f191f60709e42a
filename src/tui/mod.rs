//! The interactive explorer. State lives in [`app`] (pure, tested with key
//! sequences), keys in [`bindings`] (one table), overlays in [`overlays`]
//! (one file each), drawing in [`view`] (from the state, read-only), the
//! officer's records in [`review`] with the background [`saver`]; this
//! module connects them to a real terminal and makes sure the terminal is
//! always given back and nothing typed is lost.

pub mod action;
pub mod app;
pub mod bindings;
pub mod clipboard;
mod event_loop;
pub mod lean;
pub mod overlays;
pub mod review;
pub mod saver;
pub mod search;
pub mod strings;
pub mod terminal;
pub mod view;

use crate::model::Map;
use app::{Action, App, Options};
use lean::LeanBackend;
use ratatui::{Frame, Terminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use view::ViewState;

/// The explorer's state and its view, together: what a frame is drawn from
/// and what an action goes through (the view resolves clicks and pages).
pub struct Ui {
    pub app: App,
    pub view: ViewState,
    /// The maps loaded with `--data`: files are never written over them.
    pub data_files: Vec<PathBuf>,
}

impl Ui {
    pub fn new(app: App) -> Self {
        Ui {
            app,
            view: ViewState::default(),
            data_files: Vec::new(),
        }
    }

    /// Applies an action.
    pub fn handle(&mut self, action: Action) {
        if let Some(a) = self.view.resolve(&self.app, action) {
            self.app.handle(a);
        }
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        view::render(&self.app, &mut self.view, frame);
    }
}

/// The search the explorer uses: the ranked index, built in the
/// background for a large map (see [`search::for_map`]).
pub fn default_searcher(map: &Map) -> Box<dyn search::Searcher> {
    search::for_map(map)
}

/// The explorer needs a terminal on both ends.
pub fn ensure_terminal() -> anyhow::Result<()> {
    terminal::ensure()
}

/// The explorer for `mappa` with no subcommand: the settings, the store
/// (writable when it can be; none yet is fine, the first change creates it),
/// the concordance computed in the background after the first frame.
pub fn start(mut ctx: crate::cli::context::Context) -> anyhow::Result<()> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = Options {
        lang: strings::Lang::from_code(&ctx.config.lang.value),
        ascii: ctx.config.ascii.value,
        color,
        today: ctx.today,
    };
    // Check the terminal before touching the review store.
    terminal::ensure()?;
    let map = std::mem::take(&mut ctx.map);
    if crate::concord::pair_of(&map).is_some() {
        // The links with the other dataset take a few milliseconds: on a
        // thread of their own once the first frame is drawn, which neither
        // waits for them nor shares the processor with them.
        let copy = map.clone();
        let mut app = App::with_index(map, options);
        app.compute_links_after_first_frame(copy);
        return start_with(ctx, app);
    }
    // Nothing to link (a chamber's own map): no copy of a large map to make.
    let mut app = App::with_index(map, options);
    app.set_concordance(crate::concord::Concordance::default());
    start_with(ctx, app)
}

/// The explorer on `app`, with the store the context names.
fn start_with(ctx: crate::cli::context::Context, mut app: App) -> anyhow::Result<()> {
    let identity = ctx.identity()?;
    match ctx.store_path() {
        Ok((path, default)) => {
            match review::ReviewState::open(&path, identity, ctx.config.read_only.value, default) {
                Ok(mut state) => {
                    let recovered = state.recover();
                    app.review = Some(state);
                    if recovered.is_some() {
                        app.message = recovered;
                    }
                }
                Err(e) => app.message = Some(e.to_string()),
            }
        }
        Err(e) => app.message = Some(format!("{e:#}")),
    }
    let mut ui = Ui::new(app);
    ui.data_files = ctx.data_files.clone();
    run(ui)
}

/// Runs the explorer until the user quits or a signal asks it to stop.
pub fn run(mut ui: Ui) -> anyhow::Result<()> {
    terminal::ensure()?;
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
    let result = (|| -> anyhow::Result<()> {
        let mut term = Terminal::new(LeanBackend::new(std::io::stdout()))?;
        let rescue = ui.app.review.as_ref().and_then(|r| r.rescuer());
        {
            let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
            std::thread::spawn(move || watchdog(&stop, &finished, rescue));
        }
        run_saving(&mut term, &mut ui, &stop)
    })();
    finished.store(true, Ordering::SeqCst);
    terminal::restore();
    if let Some(unsaved) = ui.app.take_unsaved() {
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
) -> anyhow::Result<()> {
    let outcome = event_loop::run(term, ui, stop);
    ui.app.finish(Duration::from_secs(10));
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
                    let _ = saver::write_recovery(store, left);
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
        let mut app = App::with_index(crate::import::builtin(), options);
        let identity = crate::review::Identity::with_name(Some("rpct")).unwrap();
        app.review = Some(review::ReviewState::open(&path, identity, false, false).unwrap());
        let mut ui = Ui::new(app);
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
        assert!(run_saving(&mut terminal, &mut ui, &stop).is_err());
        let store = Store::open(&path, true, "rpct").unwrap();
        let node = &ui.app.dataset().nodes[ui.app.selected_node().unwrap()];
        let key = crate::review::ReviewKey::of(&ui.app.map, node);
        assert_eq!(store.get(&key).unwrap().unwrap().notes, "appunto");
    }
}

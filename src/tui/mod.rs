//! The interactive explorer: terminal setup and the event loop. State lives
//! in [`app`], drawing in [`render`]; this module only connects them to a
//! real terminal and makes sure the terminal is always given back.

pub mod app;
pub mod clipboard;
pub mod keymap;
pub mod lean;
pub mod render;
pub mod review;
pub mod search;
pub mod strings;

use crate::model::Map;
use app::{App, Options};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use lean::LeanBackend;
use ratatui::Terminal;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Gives the terminal back: main screen, cooked mode, cursor, no mouse.
/// Safe to call more than once and when the terminal is gone.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// The search the explorer uses.
pub fn default_searcher(map: &Map) -> Box<dyn search::Searcher> {
    Box::new(search::IndexSearcher::new(map))
}

/// The explorer needs a terminal on both ends; scripts get the CLI.
pub fn ensure_terminal() -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the explorer needs a terminal; from scripts use `mappa show CODE`, `mappa search WORDS`, `mappa export` or `mappa check`"
        );
    }
    Ok(())
}

/// The explorer for `mappa` with no subcommand: the settings, the store
/// (writable when it can be; none yet is fine, the first change creates it).
pub fn start(ctx: crate::cli::context::Context) -> anyhow::Result<()> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = Options {
        lang: strings::Lang::from_code(&ctx.config.lang.value),
        ascii: ctx.config.ascii.value,
        color,
    };
    // Check the terminal before touching the review store.
    ensure_terminal()?;
    let identity = ctx.identity()?;
    let (store, message) = match ctx.store_path() {
        Ok((path, default)) => match crate::review::Store::open_best(
            &path,
            identity.clone(),
            ctx.config.read_only.value,
        ) {
            Ok(Some(s)) => (Some(s), None),
            Ok(None) if !ctx.config.read_only.value => {
                match crate::review::Store::open_write(&path, identity, default) {
                    Ok(s) => (Some(s), None),
                    Err(e) => (None, Some(format!("{e}"))),
                }
            }
            Ok(None) => (None, None),
            Err(e) => (None, Some(format!("{e}"))),
        },
        Err(e) => (None, Some(format!("{e:#}"))),
    };
    run(ctx.map, options, store, message)
}

/// Runs the explorer until the user quits or a signal asks it to stop.
pub fn run(
    map: Map,
    options: Options,
    store: Option<crate::review::Store>,
    message: Option<String>,
) -> anyhow::Result<()> {
    ensure_terminal()?;
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
    // never returns to our loop; a watchdog ends the program when the link
    // is gone or a signal was not acted on promptly.
    let finished = Arc::new(AtomicBool::new(false));
    // A panic must not leave the terminal in raw mode.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        default_hook(info);
    }));

    enable_raw_mode()?;
    let result = (|| -> anyhow::Result<()> {
        execute!(
            std::io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        )?;
        let mut terminal = Terminal::new(LeanBackend::new(std::io::stdout()))?;
        let mut app = App::with_index(map, options);
        if let Some(store) = store {
            match review::ReviewState::new(store) {
                Ok(state) => {
                    let orphans = state.orphans(&app.map).len();
                    if orphans > 0 {
                        app.message = Some(format!(
                            "{orphans} {}",
                            strings::strings(options.lang).orphans
                        ));
                    }
                    app.review = Some(state);
                }
                Err(e) => app.message = Some(format!("{e:#}")),
            }
        }
        if message.is_some() {
            app.message = message;
        }
        let rescue = Rescue {
            unsaved: Arc::clone(&app.unsaved),
            store: app.review.as_ref().map(|r| r.location()),
        };
        {
            let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
            std::thread::spawn(move || watchdog(&stop, &finished, rescue));
        }
        run_saving_notes(&mut terminal, &mut app, &stop)
    })();
    finished.store(true, Ordering::SeqCst);
    restore_terminal();
    result
}

/// Whether the terminal on standard input hung up (an SSH link dropped).
fn terminal_hung_up() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// What the watchdog saves before ending a program whose loop is stuck.
struct Rescue {
    unsaved: app::UnsavedNotes,
    store: Option<(std::path::PathBuf, crate::review::Identity)>,
}

impl Rescue {
    fn save(&self) {
        let pending = self.unsaved.lock().ok().and_then(|mut s| s.take());
        if let (Some((key, title, text)), Some((path, user))) = (pending, &self.store) {
            if let Ok(mut store) = crate::review::Store::open_write(path, user.clone(), false) {
                let _ = store.apply(
                    &key,
                    &title,
                    &[crate::review::Change::Notes(text)],
                    crate::review::Base::Mine,
                );
            }
        }
    }
}

fn watchdog(stop: &AtomicBool, finished: &AtomicBool, rescue: Rescue) {
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if finished.load(Ordering::SeqCst) {
            return;
        }
        if stop.load(Ordering::SeqCst) || terminal_hung_up() {
            // Give the event loop a moment to end by itself.
            std::thread::sleep(Duration::from_millis(400));
            if !finished.load(Ordering::SeqCst) {
                rescue.save();
                restore_terminal();
                std::process::exit(if stop.load(Ordering::SeqCst) { 0 } else { 1 });
            }
            return;
        }
    }
}

/// Does what the app asked for: clipboard and files.
fn apply_effects<W: Write>(app: &mut App, out: &mut LeanBackend<W>) {
    let s = strings::strings(app.options.lang);
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            app::Effect::Copy(text) => {
                let inside_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
                let _ = out.write_all(clipboard::osc52(&text, inside_tmux).as_bytes());
                let _ = out.flush();
            }
            app::Effect::WriteFile {
                path,
                content,
                entries,
            } => {
                app.message = Some(match std::fs::write(&path, content) {
                    Ok(()) => {
                        let shown = std::fs::canonicalize(&path).unwrap_or(path);
                        format!("{} {} ({entries} {})", s.saved, shown.display(), s.entries)
                    }
                    Err(e) => format!("{} {}: {e}", s.save_failed, path.display()),
                });
            }
        }
    }
}

/// The event loop, then the notes being typed are saved however the loop
/// ended: a key, a signal, or an error reading or writing a terminal that
/// went away (an SSH link that drops fails the next draw before any signal
/// is seen).
fn run_saving_notes<W: Write>(
    terminal: &mut Terminal<LeanBackend<W>>,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let outcome = event_loop(terminal, app, stop);
    app.save_notes();
    outcome
}

fn event_loop<W: Write>(
    terminal: &mut Terminal<LeanBackend<W>>,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| render::render(app, f))?;
            dirty = false;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            app.save_notes();
            return Ok(());
        }
        // Wake up now and then only to notice signals, save idle notes and
        // see other instances' changes: no busy loop.
        if !event::poll(Duration::from_millis(200))? {
            if app.tick() {
                dirty = true;
            }
            continue;
        }
        // Apply every pending event before drawing once.
        loop {
            let ev = event::read()?;
            if let Event::Resize(_, _) = ev {
                // Always repaint everything: a terminal that shrank and grew
                // back quickly may have lost cells ratatui believes are there.
                // (`resize` clears without asking the terminal where its
                // cursor is, which `clear` does and a slow link may not answer.)
                let size = terminal.size()?;
                terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                dirty = true;
            }
            if let Some(action) = keymap::action_for(&ev, app) {
                app.handle(action);
                apply_effects(app, terminal.backend_mut());
                dirty = true;
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Store;
    use crate::tui::app::{Action, Options};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        let dir = std::env::temp_dir().join(format!("mappa-tui-hungup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("review.sqlite");
        let options = Options {
            lang: strings::Lang::It,
            ascii: false,
            color: true,
        };
        let mut app = App::with_index(crate::import::builtin(), options);
        let store = Store::open(&path, false, "rpct").unwrap();
        app.review = Some(review::ReviewState::new(store).unwrap());
        for c in "A2.3.1.1".chars() {
            app.handle(Action::Insert(c));
        }
        app.handle(Action::EditNotes);
        for c in "appunto".chars() {
            app.handle(Action::EditorKey(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        let mut terminal = Terminal::new(LeanBackend::new(HungUp)).unwrap();
        let stop = AtomicBool::new(false);
        assert!(run_saving_notes(&mut terminal, &mut app, &stop).is_err());
        let store = Store::open(&path, true, "rpct").unwrap();
        let node = &app.dataset().nodes[app.selected_node().unwrap()];
        let key = crate::review::ReviewKey::of(&app.map, node);
        assert_eq!(store.get(&key).unwrap().unwrap().notes, "appunto");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

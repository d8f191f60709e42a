//! The event loop: draw when something changed, read every pending event,
//! apply it (a burst of typed characters as one edit, so one search), do
//! what the app asked (clipboard, files), and wake now and then to see
//! saves and other instances' changes.

use super::Ui;
use crate::tui::app::{Action, Effect};
use crate::tui::bindings;
use crate::tui::lean::LeanBackend;
use crossterm::event::{self, Event};
use ratatui::Terminal;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Does what the app asked of the terminal: clipboard and files.
fn apply_effects<W: Write>(ui: &mut Ui, out: &mut LeanBackend<W>, inside_tmux: bool) {
    let s = crate::tui::strings::strings(ui.app.options.lang);
    for effect in std::mem::take(&mut ui.app.effects) {
        match effect {
            Effect::Copy(text) => {
                let _ = out.write_all(crate::tui::clipboard::osc52(&text, inside_tmux).as_bytes());
                let _ = out.flush();
            }
            Effect::WriteFile {
                stem,
                content,
                entries,
            } => {
                let protected = crate::report::output::Protected {
                    store: ui.app.review.as_ref().map(|r| r.path().to_path_buf()),
                    maps: ui.data_files.clone(),
                };
                let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                ui.app.message = Some(
                    match crate::report::output::write_new(&dir, &stem, "md", &content, &protected)
                    {
                        Ok(path) => {
                            format!("{} {} ({entries} {})", s.saved, path.display(), s.entries)
                        }
                        Err(e) => format!("{} {e}", s.save_failed),
                    },
                );
            }
            // The store's were carried out as they came.
            other => ui.app.effects.push(other),
        }
    }
}

/// Runs until the user quits, a signal asks to stop, or the terminal fails.
pub fn run<W: Write>(
    terminal: &mut Terminal<LeanBackend<W>>,
    ui: &mut Ui,
    stop: &AtomicBool,
    inside_tmux: bool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut first = true;
    loop {
        if dirty {
            terminal.draw(|f| ui.draw(f))?;
            dirty = false;
            if std::mem::take(&mut first) {
                // After the first frame: nothing on the start path waits.
                ui.after_first_frame();
                dirty = true;
            }
        }
        if ui.app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Wake up now and then only to notice signals, saves and other
        // instances' changes: no busy loop.
        if !event::poll(Duration::from_millis(200))? {
            dirty |= ui.tick();
            continue;
        }
        let mut typed = String::new();
        loop {
            let ev = event::read()?;
            if let Event::Resize(w, h) = ev {
                // Always repaint everything: a terminal that shrank and grew
                // back quickly may have lost cells ratatui believes are there.
                // (`resize` clears without asking the terminal where its
                // cursor is, which `clear` does and a slow link may not answer.)
                terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
            }
            let events = match bindings::split_alt(&ev, ui.app.mode()) {
                Some(two) => two.to_vec(),
                None => vec![ev],
            };
            for ev in &events {
                if ui.app.quit {
                    break;
                }
                // Each key in the mode the one before it left.
                let action = bindings::action_for(
                    ev,
                    ui.app.mode(),
                    ui.app.query.is_empty() && typed.is_empty(),
                );
                match action {
                    // A burst of typing is one edit: one search, not one per key.
                    Some(Action::Insert(c)) => typed.push(c),
                    Some(a) => {
                        if !typed.is_empty() {
                            ui.handle(Action::InsertText(std::mem::take(&mut typed)));
                        }
                        ui.handle(a);
                    }
                    None => {}
                }
            }
            dirty = true;
            if ui.app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        if !typed.is_empty() {
            ui.handle(Action::InsertText(typed));
        }
        apply_effects(ui, terminal.backend_mut(), inside_tmux);
    }
}

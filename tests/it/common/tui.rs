//! The explorer without a terminal: the app on the seeds with its view,
//! keys, and frames drawn on ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mappa::import::builtin;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::strings::Lang;
use mappa::tui::Ui;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use std::path::Path;
use std::time::{Duration, Instant};

pub fn options(color: bool, ascii: bool) -> Options {
    Options {
        today: mappa::review::time::today(),
        lang: Lang::It,
        ascii,
        color,
    }
}

/// The explorer on the built-in map, with its links computed (the real
/// explorer computes them in the background after the first frame).
pub fn ui_with(color: bool, ascii: bool) -> Ui {
    let mut app = App::with_index(builtin(), options(color, ascii));
    app.set_concordance(mappa::concord::Concordance::compute(&app.map));
    Ui::new(app)
}

pub fn ui() -> Ui {
    ui_with(true, false)
}

pub fn typed(ui: &mut Ui, text: &str) {
    for c in text.chars() {
        ui.handle(Action::Insert(c));
    }
}

/// One frame at `width` x `height`.
pub fn draw(ui: &mut Ui, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui.draw(f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The frame as text, trailing spaces trimmed.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One frame at `width` x `height`, as text.
pub fn screen(ui: &mut Ui, width: u16, height: u16) -> String {
    text(&draw(ui, width, height))
}

/// A scratch store path for one test.
pub fn store_path(name: &str) -> super::Scratch {
    super::scratch_store(&format!("tui-review-{name}"))
}

pub fn app_with_store(path: &Path, read_only: bool) -> Ui {
    let app = App::with_index(
        builtin(),
        Options {
            today: mappa::review::time::today(),
            lang: Lang::It,
            ascii: false,
            color: true,
        },
    );
    let mut ui = Ui::new(app);
    let identity = mappa::review::Identity::with_name(Some("rpct")).unwrap();
    ui.open_store(path, identity, read_only, false).unwrap();
    ui
}

/// A key as the terminal loop decodes it: through the binding table.
pub fn press_with(ui: &mut Ui, code: KeyCode, mods: KeyModifiers) {
    let event = crossterm::event::Event::Key(KeyEvent::new(code, mods));
    if let Some(a) =
        mappa::tui::bindings::action_for(&event, ui.app.mode(), ui.app.query.is_empty())
    {
        ui.handle(a);
    }
}

pub fn press(ui: &mut Ui, code: KeyCode) {
    press_with(ui, code, KeyModifiers::NONE)
}

/// Waits (generously) until `test` holds, ticking the app as the loop does.
pub fn eventually(ui: &mut Ui, what: &str, test: impl Fn(&mut Ui) -> bool) {
    let start = Instant::now();
    while {
        ui.tick();
        !test(ui)
    } {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

//! The explorer without a terminal: the app on the seeds with its view,
//! keys, and frames drawn on ratatui's TestBackend.

use mappa::import::builtin;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::strings::Lang;
use mappa::tui::Ui;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

pub fn options(color: bool, ascii: bool) -> Options {
    Options {
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

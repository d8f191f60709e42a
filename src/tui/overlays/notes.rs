//! The notes editor (ratatui-textarea: a multi-line editor with undo,
//! word moves and soft wrap). What is typed goes to the writer as a draft
//! at every change: written after a pause, on closing, and by the rescue
//! when the link drops.

use super::{centered, Overlay};
use crate::review::{Change, ReviewKey};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, Mode};
use crate::tui::view::spans::safe;
use crate::tui::view::Ctx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use ratatui_textarea::{TextArea, WrapMode};

pub const MIN: (u16, u16) = (30, 8);

pub struct NotesEditor {
    pub key: ReviewKey,
    pub title: String,
    area: TextArea<'static>,
    /// The text as the store has it (what "unchanged" means).
    saved: String,
    /// The revision the notes were read at.
    base: i64,
}

impl NotesEditor {
    pub fn new(key: ReviewKey, title: String, text: &str, base: i64) -> Self {
        // Text from the store is shown safe: a control character in old
        // notes becomes a visible placeholder, never an escape sequence.
        let clean = crate::text::clean_multiline(text).replace('\t', "    ");
        let lines: Vec<String> = clean.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // Reverse video shows the cursor with or without colour.
        area.set_cursor_style(
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NotesEditor {
            key,
            title,
            area,
            saved: clean,
            base,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn dirty(&self) -> bool {
        self.text() != self.saved
    }

    /// Hands the text to the writer: as a draft (written after a pause) or
    /// to be written now.
    pub fn save(&self, app: &mut App, draft: bool) {
        if self.dirty() {
            app.record(
                &self.key,
                &self.title,
                Change::Notes(self.text()),
                self.base,
                draft,
            );
        }
    }

    pub fn handle(mut self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        match action {
            Action::Close => {
                self.save(app, false);
                if self.dirty() {
                    app.message = Some(app.strings().notes_saved.to_string());
                }
                return app.next_conflict().unwrap_or_default();
            }
            Action::Save => {
                self.save(app, false);
                self.saved = self.text();
                app.message = Some(app.strings().notes_saved.to_string());
            }
            Action::EditorKey(key) => {
                self.area.input(key);
                self.save(app, true);
            }
            Action::InsertText(text) => {
                self.area
                    .insert_str(crate::text::clean_multiline(&text).replace('\t', "    "));
                self.save(app, true);
            }
            _ => {}
        }
        Overlay::Notes(self)
    }

    pub fn draw(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let (g, theme) = (ctx.g, &ctx.theme);
        let rect = centered(
            area,
            area.width.saturating_sub(4).max(10),
            area.height.saturating_sub(2).max(4),
        );
        let title = format!(" {}{}{} ", ctx.s.notes, g.dot, safe(&self.key.display()));
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(g.border)
            .title(title)
            .border_style(theme.focused_border());
        let inner = b.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(b, rect);
        let [text_area, help] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        frame.render_widget(&self.area, text_area);
        let hints: Vec<String> = bindings::hints(Mode::Notes, ctx.app.options.lang, true)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        let line = format!("{} · {}", hints.join(" · "), ctx.s.notes_autosave);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(g.text(&line), theme.dim()))),
            help,
        );
    }
}

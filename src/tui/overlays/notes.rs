//! The notes editor (ratatui-textarea: a multi-line editor with undo,
//! word moves and soft wrap). What is typed goes to the writer as a draft
//! at every change: written after a pause, on closing, and by the rescue
//! when the link drops.

use super::{centered, Command, Kind, Overlay};
use crate::review::{Change, ReviewKey};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, b, ctrl, plain, t, Binding, Mode, Typing};
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crossterm::event::KeyCode::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use ratatui_textarea::{TextArea, WrapMode};

pub const MIN: (u16, u16) = (30, 8);

pub const MODE: Mode = Mode::new("notes", Typing::TextArea);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::EditNotes],
        min: MIN,
        open: Some(|app| {
            let (key, title) = app.review_target()?;
            let notes = app
                .review
                .as_ref()
                .and_then(|r| r.get(&key))
                .map(|r| r.notes.clone())
                .unwrap_or_default();
            Ok(Box::new(NotesEditor::new(key, title, &notes, app.seen())))
        }),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &[Mode] = &[MODE];
    vec![
        b!(m, [plain(Esc), plain(F(3))], Action::Close, None, t("chiude e salva", "closes and saves")),
        b!(m, [ctrl('s')], Action::Save, None, t("salva", "save")),
    ]
}

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

    /// The text for the writer: as a draft (written after a pause) or to
    /// be written now; nothing when unchanged.
    fn save(&self, draft: bool) -> Vec<Command> {
        if !self.dirty() {
            return Vec::new();
        }
        vec![Command::Change {
            key: self.key.clone(),
            title: self.title.clone(),
            change: Change::Notes(self.text()),
            base: self.base,
            draft,
        }]
    }
}

impl Overlay for NotesEditor {
    fn name(&self) -> &'static str {
        "notes"
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn keep(&self, _app: &App) -> Vec<Command> {
        self.save(false)
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        match action {
            Action::Close => {
                let mut out = self.save(false);
                if self.dirty() {
                    out.push(Command::Say(app.strings().notes_saved.to_string()));
                }
                out.push(Command::Close);
                out
            }
            Action::Save => {
                let mut out = self.save(false);
                self.saved = self.text();
                out.push(Command::Say(app.strings().notes_saved.to_string()));
                out
            }
            Action::EditorKey(key) => {
                self.area.input(*key);
                self.save(true)
            }
            Action::InsertText(text) => {
                self.area
                    .insert_str(crate::text::clean_multiline(text).replace('\t', "    "));
                self.save(true)
            }
            _ => Vec::new(),
        }
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_editor(ctx, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl NotesEditor {
    fn draw_editor(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
        let hints: Vec<String> = bindings::hints(MODE, ctx.app.options.lang, true)
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

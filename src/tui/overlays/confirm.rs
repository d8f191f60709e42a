//! A yes/no question before something is done that a key alone should not
//! do (rejecting a link): `s`/`y` does it, `n` or Esc does nothing.

use super::{centered, Command, Kind, Overlay};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{Binding, Mode};
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN: (u16, u16) = (30, 6);

pub fn kind() -> Kind {
    Kind {
        opens: &[],
        min: MIN,
        open: None,
        // Its keys are the browsing table's, shared by every question.
        bindings: Vec::<Binding>::new,
    }
}

/// The question and what a yes does.
pub struct Confirm {
    question: String,
    yes: Vec<Command>,
}

impl Confirm {
    pub fn new(question: String, yes: Vec<Command>) -> Self {
        Confirm { question, yes }
    }
}

impl Overlay for Confirm {
    fn name(&self) -> &'static str {
        "confirm"
    }

    fn mode(&self) -> Mode {
        Mode::CONFIRM
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn handle(&mut self, action: &Action, _app: &App) -> Vec<Command> {
        match action {
            Action::Yes => {
                let mut out = vec![Command::Close];
                out.append(&mut self.yes);
                out
            }
            Action::No | Action::Close | Action::Escape => vec![Command::Close],
            _ => Vec::new(),
        }
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        let rect = centered(area, area.width.saturating_sub(4).min(70), 6);
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(ctx.g.border)
            .border_style(ctx.theme.warning());
        let inner = b.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(b, rect);
        let hints = super::hint_line(ctx, Mode::CONFIRM);
        let lines = vec![
            Line::from(safe(&self.question)),
            Line::default(),
            Line::from(Span::styled(ctx.g.text(&hints), ctx.theme.dim())),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

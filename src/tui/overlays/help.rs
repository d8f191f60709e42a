//! The help screen, generated from the binding table; it scrolls (the
//! view keeps its offset) and any other key closes it.

use super::{centered, Command, Kind, Overlay};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, b, plain, t, Binding, Mode, Typing};
use crate::tui::view::{Ctx, ViewState};
use crossterm::event::KeyCode::*;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub const MIN: (u16, u16) = (30, 8);

pub const MODE: Mode = Mode::new("help", Typing::Closes);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::Help],
        min: MIN,
        open: Some(|_| Ok(Box::new(Help))),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &[Mode] = &[MODE];
    vec![
        b!(m, [plain(Up)], Action::Up, None, t("scorri", "scroll")),
        b!(m, [plain(Down)], Action::Down, None, t("scorri", "scroll")),
        b!(m, [plain(PageUp)], Action::PageUp, None, t("scorri", "scroll")),
        b!(m, [plain(PageDown)], Action::PageDown, None, t("scorri", "scroll")),
        b!(m, [plain(Home)], Action::Home, None, None),
        b!(m, [plain(End)], Action::End, None, None),
        b!(m, [plain(Esc), plain(F(1))], Action::CloseHelp, None, t("chiude (ogni altro tasto)", "closes (any other key)")),
    ]
}

/// The help screen (it scrolls with the view's keys: the view keeps the
/// offset).
pub struct Help;

impl Overlay for Help {
    fn name(&self) -> &'static str {
        "help"
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn handle(&mut self, action: &Action, _app: &App) -> Vec<Command> {
        // Any key closes the help (scrolling is the view's, before this).
        match action {
            Action::TooSmall | Action::ClickRow { .. } => Vec::new(),
            _ => vec![Command::Close],
        }
    }

    fn draw(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
        draw(ctx, view, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub fn lines(ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
    let app = ctx.app;
    // The review keys are listed even without a store: they say what it offers.
    let rows = bindings::help_rows(app.options.lang, true);
    let key_width = rows
        .iter()
        .map(|(k, _)| ctx.g.text(k).width())
        .max()
        .unwrap_or(0);
    if width < 60 {
        // Narrow screens: the key on one line, what it does below.
        return rows
            .into_iter()
            .flat_map(|(k, d)| {
                [
                    Line::from(Span::styled(ctx.g.text(&k), ctx.theme.label())),
                    Line::from(format!("  {d}")),
                ]
            })
            .collect();
    }
    // What a key does wraps under its own column.
    let inner = width.saturating_sub(2);
    rows.into_iter()
        .flat_map(|(k, d)| {
            let k = ctx.g.text(&k);
            let pad = key_width.saturating_sub(k.width());
            let mut lines = crate::tui::view::hanging(
                &format!("{k}{}  ", " ".repeat(pad)),
                d,
                inner,
                ratatui::style::Style::new(),
            );
            if let Some(span) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
                span.style = ctx.theme.label();
            }
            lines
        })
        .collect()
}

pub fn draw(ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(76);
    let lines = lines(ctx, width);
    let height = (lines.len() as u16 + 4).min(area.height);
    let rect = centered(area, width, height);
    let hints: Vec<String> = bindings::hints(MODE, ctx.app.options.lang, false)
        .into_iter()
        .map(|(k, w)| ctx.g.text(&format!("{k} {w}")))
        .collect();
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.g.border)
        .title(format!(" {} ", ctx.g.text(ctx.s.help_title)))
        .title_bottom(Line::from(Span::styled(
            format!(" {} ", hints.join(" · ")),
            ctx.theme.dim(),
        )));
    // The help may be taller than the window: it scrolls, within bounds.
    let visible = rect.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(visible) as u16;
    view.help_max = Some(max);
    view.help_scroll = view.help_scroll.min(max);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(b)
            .wrap(Wrap { trim: false })
            .scroll((view.help_scroll, 0)),
        rect,
    );
}

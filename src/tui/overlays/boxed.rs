//! The frame the register overlays share: a centred box with a title, the
//! body, and the keys of the overlay's mode on its last line.

use super::centered;
use crate::tui::bindings::{self, Mode};
use crate::tui::view::Ctx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the box (at most `max_width` wide) and returns the body's area:
/// inside the border, above the keys.
pub fn open(
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
    max_width: u16,
    title: &str,
    mode: Mode,
) -> Rect {
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(max_width),
        area.height.saturating_sub(2),
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.g.border)
        .title(format!(" {title} "))
        .border_style(ctx.theme.focused_border());
    let inner = b.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(b, rect);
    let hints: Vec<String> = bindings::hints(mode, ctx.app.options.lang, true)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(ctx.g.text(&hints.join("  ")), ctx.theme.dim())),
        foot,
    );
    Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The body's lines, wrapped where they are still too long.
pub fn body(frame: &mut Frame, body: Rect, lines: Vec<Line<'static>>) {
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

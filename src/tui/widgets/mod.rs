//! Widgets shared by the explorer's parts: the one line editor.

pub mod line;

use crate::tui::view::spans::safe;
use crate::tui::view::Ctx;
use line::LineEditor;
use ratatui::text::{Line, Span};

/// A line being edited, after `prefix`: the text made safe, with the
/// cursor drawn where it is when `focused`.
pub fn draw_line(ctx: &Ctx, prefix: &str, editor: &LineEditor, focused: bool) -> Line<'static> {
    let (before, after) = editor.split();
    let mut spans = vec![Span::raw(prefix.to_string()), Span::raw(safe(before))];
    if focused {
        spans.push(Span::raw(ctx.g.cursor));
    }
    spans.push(Span::raw(safe(after)));
    Line::from(spans)
}

/// The same as one string (a form's value column).
pub fn line_text(ctx: &Ctx, editor: &LineEditor, focused: bool) -> String {
    let (before, after) = editor.split();
    if focused {
        format!("{}{}{}", safe(before), ctx.g.cursor, safe(after))
    } else {
        safe(editor.text())
    }
}

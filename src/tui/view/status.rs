//! The status line (a message, or the keys of what has the keyboard, from
//! the binding table) and the note line above the tree (partial results, a
//! query cut short, changes waiting for the store).

use super::spans::safe;
use super::Ctx;
use crate::tui::bindings;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The hints of the current mode that fit in `width` columns.
pub fn hint_text(ctx: &Ctx, width: u16) -> String {
    let app = ctx.app;
    let review = app.review.is_some();
    let mut hints = bindings::hints(app.mode(), app.options.lang, review);
    // While searching with the review on, the review's keys are what the
    // officer needs (and help).
    if review && app.mode() == bindings::Mode::TREE && !app.query.is_empty() {
        let all = bindings::hints(app.mode(), app.options.lang, false);
        hints.retain(|h| !all.contains(h) || h.0 == "F1");
    }
    let items: Vec<String> = hints
        .iter()
        .map(|(k, w)| ctx.g.text(&format!("{k} {w}")))
        .collect();
    // The help key always finds room: everything else is explained there.
    let help = hints.iter().position(|(_, w)| *w == ctx.s.help_hint);
    let mut used = help.map_or(0, |h| items[h].width());
    let mut keep = vec![false; items.len()];
    if let Some(h) = help {
        keep[h] = used <= width as usize;
    }
    for (i, item) in items.iter().enumerate() {
        if Some(i) != help && used + item.width() + 2 <= width as usize {
            keep[i] = true;
            used += item.width() + 2;
        }
    }
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(item, k)| k.then_some(item))
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let line = match &ctx.app.message {
        Some(msg) => Line::from(Span::styled(safe(msg), ctx.theme.bold())),
        None => Line::from(Span::styled(hint_text(ctx, area.width), ctx.theme.dim())),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A line above the tree when the answer needs a word of explanation.
pub fn note(ctx: &Ctx) -> Option<Line<'static>> {
    let (app, s) = (ctx.app, ctx.s);
    let mut parts = Vec::new();
    if let Some(f) = &app.filter {
        if let Some((m, n)) = f.partial {
            parts.push(format!("{} ({m} {} {n})", s.partial_results, s.of));
        }
        if f.truncated {
            parts.push(s.query_truncated.to_string());
        }
        if f.pending {
            parts.push(s.indexing.to_string());
        }
    }
    if app.review.as_ref().is_some_and(|r| r.waiting) {
        parts.push(s.waiting_save.to_string());
    }
    (!parts.is_empty()).then(|| Line::from(Span::styled(parts.join(" · "), ctx.theme.warning())))
}

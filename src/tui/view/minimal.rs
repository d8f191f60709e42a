//! Very small windows: the query, the selected entry and who answers for it.

use super::header::query_line;
use super::spans::safe;
use super::tree::title_spans;
use super::Ctx;
use crate::display::responsible;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let (app, s, theme) = (ctx.app, ctx.s, &ctx.theme);
    let query = if app.query.is_empty() {
        Line::from(vec![Span::raw(ctx.g.prompt), Span::raw(ctx.g.cursor)])
    } else {
        query_line(ctx, area.width)
    };
    let mut lines = vec![query];
    match app.selected_node() {
        Some(i) => {
            let node = &app.dataset().nodes[i];
            let mut head = Vec::new();
            if let Some(c) = &node.code {
                head.push(Span::styled(format!("{} ", safe(c)), theme.code()));
            }
            head.extend(title_spans(ctx, node, i));
            lines.push(Line::from(head));
            // No one named here: who answers for it, in brief.
            let who = match responsible(node) {
                own if own.is_empty() => super::detail::answer_line(ctx, i, 2).unwrap_or_default(),
                own => own,
            };
            if !who.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", s.responsible), theme.label()),
                    Span::raw(who),
                ]));
            }
        }
        None => lines.push(Line::from(Span::styled(s.no_matches, theme.dim()))),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

//! The tree pane: one line per visible row, matched characters highlighted.

use super::spans::{safe, shown_styled};
use super::{Ctx, ViewState};
use crate::model::Node;
use crate::review::Status;
use crate::tui::app::Focus;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

/// The title of a node with the matched characters highlighted.
pub fn title_spans(ctx: &Ctx, node: &Node, node_index: usize) -> Vec<Span<'static>> {
    let theme = &ctx.theme;
    if node.inferred && node.title.is_empty() {
        return vec![Span::styled(
            format!("({})", ctx.s.inferred),
            theme.dim().add_modifier(Modifier::ITALIC),
        )];
    }
    let title = safe(&node.title);
    let positions = ctx
        .app
        .hit_for(node_index)
        .map(|h| h.title_positions.as_slice())
        .unwrap_or(&[]);
    if positions.is_empty() {
        return vec![Span::raw(title)];
    }
    // Group consecutive characters by whether they matched.
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in title.chars().enumerate() {
        let m = positions.binary_search(&(i as u32)).is_ok();
        if m != run_matched && !run.is_empty() {
            let text = std::mem::take(&mut run);
            spans.push(if run_matched {
                Span::styled(text, theme.matched())
            } else {
                Span::raw(text)
            });
        }
        run_matched = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(if run_matched {
            Span::styled(run, theme.matched())
        } else {
            Span::raw(run)
        });
    }
    spans
}

pub fn draw(ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
    let (app, g, theme) = (ctx.app, ctx.g, &ctx.theme);
    let b = ctx.block(format!(" {} ", ctx.s.tree), app.focus == Focus::Tree);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    view.tree_area = inner;
    let height = inner.height as usize;
    view.scroll_into_view(app, height);
    if app.rows.is_empty() {
        let text = if app.dataset().nodes.is_empty() {
            ctx.s.empty_map
        } else {
            ctx.s.no_matches
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.dim())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let offset = view.tree_offset;
    let end = (offset + height).min(app.rows.len());
    let ds = app.dataset();
    let items: Vec<ListItem> = app.rows[offset..end]
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let node = &ds.nodes[row.node];
            // The selection is the marker and the code (or, without a
            // code, the title) in reverse video: moving it one row
            // rewrites those cells of two rows, not both rows whole.
            let selected = offset + i == app.selected;
            let sel = |style: ratatui::style::Style| {
                if selected {
                    style.patch(theme.selected())
                } else {
                    style
                }
            };
            let marker = if !app.has_children(row.node) {
                g.leaf
            } else if app.is_open(row.node) {
                g.open
            } else {
                g.closed
            };
            let mut spans = vec![
                Span::raw("  ".repeat(row.depth as usize)),
                Span::styled(marker, sel(ratatui::style::Style::new())),
            ];
            match app.status_of(row.node) {
                Some(Status::InEsame) => spans.push(Span::styled(g.status[0], theme.label())),
                Some(Status::Esaminato) => spans.push(Span::styled(g.status[1], theme.label())),
                Some(Status::DaApprofondire) => {
                    spans.push(Span::styled(g.status[2], theme.warning()))
                }
                _ => {}
            }
            if app.has_events(row.node) {
                spans.push(Span::styled(g.events, theme.warning()));
            }
            if let Some(code) = &node.code {
                spans.push(shown_styled(code, sel(theme.code())));
                if node.variant > 1 {
                    spans.push(Span::styled(format!("[{}]", node.variant), theme.dim()));
                }
                spans.push(Span::raw(" "));
                spans.extend(title_spans(ctx, node, row.node));
            } else {
                spans.extend(title_spans(ctx, node, row.node).into_iter().map(|sp| {
                    let style = sel(sp.style);
                    sp.style(style)
                }));
            }
            // An entry naming no one: who is named below it, in brief.
            if !crate::roles::names_someone(node) {
                let named = app.named_below(row.node);
                if let Some(first) = named.first() {
                    let more = if named.len() > 1 {
                        format!(" +{}", named.len() - 1)
                    } else {
                        String::new()
                    };
                    spans.push(Span::styled(
                        format!("{}{}{more}", g.dot, safe(&first.label())),
                        theme.dim(),
                    ));
                }
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    frame.render_widget(List::new(items), inner);
}

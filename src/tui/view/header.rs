//! The header: the search line, the dataset, the filter and the counts.

use super::spans::safe;
use super::Ctx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// `text` cut to `width` columns, with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + 1 + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The last `width` columns of `text`, with "…" in front when cut: a long
/// query scrolls so that the cursor stays in view.
fn tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = Vec::new();
    let mut w = 1;
    for c in text.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        w += cw;
        chars.push(c);
    }
    std::iter::once('…')
        .chain(chars.into_iter().rev())
        .collect()
}

/// The search line, fitted to `width` columns.
pub fn query_line(ctx: &Ctx, width: u16) -> Line<'static> {
    let g = ctx.g;
    let app = ctx.app;
    if app.query.is_empty() {
        return Line::from(vec![
            Span::raw(g.prompt),
            Span::raw(g.cursor),
            Span::styled(
                fit(ctx.s.search_placeholder, (width as usize).saturating_sub(3)),
                ctx.theme.dim(),
            ),
        ]);
    }
    let room = (width as usize).saturating_sub(g.prompt.width() + g.cursor.width());
    Line::from(vec![
        Span::raw(g.prompt),
        Span::raw(tail(&safe(&app.query), room)),
        Span::raw(g.cursor),
    ])
}

/// Every filter in force, for the title: "solo da esaminare (F9) ·
/// filtro: PO Settore" ("F9 · PO Settore" in a one-line header); empty
/// when none is.
pub fn active_filters(ctx: &Ctx, compact: bool) -> String {
    let (app, s, g) = (ctx.app, ctx.s, ctx.g);
    let mut parts = Vec::new();
    if app.review.as_ref().is_some_and(|r| r.only_pending) {
        // A one-line header has half a line: the key says it.
        parts.push(if compact { "F9" } else { s.title_pending }.to_string());
    }
    if let Some(p) = &app.party {
        parts.push(match compact {
            true => safe(&p.name),
            false => format!("{}: {}", s.title_party, safe(&p.name)),
        });
    }
    parts.join(g.dot)
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect, compact: bool) {
    let (app, g, s) = (ctx.app, ctx.g, ctx.s);
    let (matches, total) = app.counts();
    let ds = app.dataset();
    let ids: Vec<String> = app.map.datasets.iter().map(|d| safe(&d.id)).collect();
    let mut title = format!(" mappa{}{}", g.dot, safe(&ds.id));
    let filters = active_filters(ctx, compact);
    if !filters.is_empty() {
        title = format!("{title}{}{filters}", g.dot);
    }
    if let Some(review) = &app.review {
        title = format!("{title}{}{} {}", g.dot, s.round, review.round());
        if review.round_closed() {
            title = format!("{title} ({})", s.closed);
        }
    }
    if let Some((done, total)) = app.progress() {
        title = format!("{title}{}{done}/{total} {}", g.dot, s.reviewed);
    }
    title.push(' ');
    // The dataset switcher is named only where there is room for it
    // beside the whole title.
    let short = format!(" {matches}/{total} ");
    let long = format!(" {matches}/{total} [Tab: {}] ", ids.join("/"));
    let fits = title.width() + long.width() + 3 <= area.width as usize;
    let count = if ids.len() > 1 && area.width >= 70 && fits {
        long
    } else {
        short
    };
    if compact {
        let filters = if filters.is_empty() {
            String::new()
        } else {
            format!("{}{filters}", g.dot)
        };
        let label = format!(" {}{filters}{count}", safe(&ds.id));
        let width = (label.width() as u16).min(area.width / 2);
        let [left, right] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
        frame.render_widget(Paragraph::new(query_line(ctx, left.width)), left);
        frame.render_widget(
            Paragraph::new(
                Line::from(Span::styled(fit(&label, width as usize), ctx.theme.dim()))
                    .right_aligned(),
            ),
            right,
        );
        return;
    }
    // The title gives way to the counter: they never overlap.
    let room = (area.width as usize).saturating_sub(count.width() + 3);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(Line::from(Span::styled(
            fit(&title, room),
            ctx.theme.bold(),
        )))
        .title(Line::from(count).right_aligned());
    let inner = b.inner(area);
    frame.render_widget(Paragraph::new(query_line(ctx, inner.width)).block(b), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_and_tails() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(tail("abcdef", 4), "…def");
    }
}

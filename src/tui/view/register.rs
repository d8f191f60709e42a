//! The entry's register in the detail pane: the risk area, the events with
//! their factors, and the measures with owner, due date and state (an
//! overdue one marked). Shown after the responsible: during an interview
//! it is what the officer looks at next.

use super::detail::hanging;
use super::spans::safe;
use super::Ctx;
use crate::tui::strings;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn lines(ctx: &Ctx, index: usize, width: u16, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme, app) = (ctx.s, ctx.g, &ctx.theme, ctx.app);
    let Some(review) = app.review.as_ref() else {
        return;
    };
    let key = app.key(index);
    if let Some(area) = review.area(&key) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.register_area), theme.label()),
            Span::raw(area.label()),
        ]));
    }
    let events = review.events(&key);
    if !events.is_empty() {
        lines.push(Line::from(Span::styled(s.register_events, theme.label())));
        for e in events {
            let factors: Vec<&str> = e.factors.iter().map(|f| f.slug()).collect();
            let mut text = safe(&e.text);
            if !factors.is_empty() {
                text = format!("{text} [{}]", factors.join(", "));
            }
            lines.extend(hanging(&format!(" {} ", e.id), &text, width, Style::new()));
        }
    }
    let measures = review.measures(&key);
    if measures.is_empty() {
        return;
    }
    let today = ctx.app.options.today;
    lines.push(Line::from(Span::styled(s.register_measures, theme.label())));
    for m in measures {
        let treats: Vec<String> = m
            .targets
            .iter()
            .filter(|t| t.key == key)
            .filter_map(|t| t.event.map(|e| e.to_string()))
            .collect();
        let mut text = safe(&m.text);
        if !treats.is_empty() {
            text = format!("{text} ({})", treats.join(", "));
        }
        lines.extend(hanging(&format!(" {} ", m.id), &text, width, Style::new()));
        let state = m.state().map_or(s.to_monitor, |st| {
            strings::state_label(app.options.lang, st)
        });
        let mut info = vec![Span::styled(
            format!("    {} {}{}[{state}]", s.due_by, m.due, g.dot),
            theme.dim(),
        )];
        if m.overdue(today) {
            info.push(Span::styled(
                format!(" {}{}", g.warn, s.overdue),
                theme.warning(),
            ));
        }
        lines.push(Line::from(info));
        lines.extend(hanging("    ", &safe(&m.owner), width, theme.dim()));
    }
}

//! The detail pane: the responsible first (the question most people ask)
//! with, under it, the office (or role) the links with the other dataset
//! give the entry, then what the entry is, input, output, numbered
//! activities, the linked entries, what lies below, the review, the path
//! and any data-quality notes.

use super::spans::{safe, shown};
use super::{Ctx, ViewState};
use crate::concord::{Link, LinkStatus};
use crate::display::responsible;
use crate::model::Kind;
use crate::tui::app::Focus;
use crate::tui::strings;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` wrapped at words to lines of `width` columns, the first after
/// `first`, the others indented by as many columns (a bullet's text stays
/// under its bullet).
pub fn hanging(first: &str, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let indent = first.width();
    let room = (width as usize).saturating_sub(indent).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let extra = if cur.is_empty() {
            word.width()
        } else {
            cur.width() + 1 + word.width()
        };
        if extra > room && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        // A word longer than the room is cut where it must be.
        for c in word.chars() {
            if cur.width() + c.width().unwrap_or(0) > room {
                lines.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                first.to_string()
            } else {
                " ".repeat(indent)
            };
            Line::from(vec![Span::raw(lead), Span::styled(l, style)])
        })
        .collect()
}

fn detail_lines(ctx: &Ctx, index: usize, width: u16) -> Vec<Line<'static>> {
    let (app, s, g, theme) = (ctx.app, ctx.s, ctx.g, &ctx.theme);
    let lang = app.options.lang;
    let ds = app.dataset();
    let node = &ds.nodes[index];
    let mut lines = Vec::new();
    let mut head = Vec::new();
    if let Some(code) = &node.code {
        head.push(Span::styled(safe(code), theme.code()));
        head.push(Span::raw(g.dot));
    }
    head.push(Span::raw(strings::kind_label(lang, node.kind)));
    if node.variant > 1 {
        head.push(Span::raw(format!(
            "{}{} {}",
            g.dot, s.variant, node.variant
        )));
    }
    match node.line {
        Some(l) => head.push(Span::styled(
            format!("{}{} {l}", g.dot, s.line),
            theme.dim(),
        )),
        None => head.push(Span::styled(
            format!("{}{}", g.dot, s.inferred),
            theme.dim(),
        )),
    }
    lines.push(Line::from(head));
    // The responsible comes first, even before the title: it is the
    // question most people ask, and small windows show only a few lines.
    let who = responsible(node);
    let has_children = app.has_children(index);
    if node.structures.len() > 1 {
        lines.push(Line::from(Span::styled(s.responsible, theme.label())));
        for st in &node.structures {
            let text = safe(&format!("{} / {}", st.area, st.servizio));
            lines.extend(hanging(&format!(" {}", g.leaf), &text, width, Style::new()));
        }
    } else if !who.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::raw(who),
        ]));
    } else if !has_children {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::styled(s.no_responsible, theme.dim()),
        ]));
    }
    lines.extend(linked_responsible(ctx, index, width));
    // Then what the entry is: the tree shows its title only in part.
    if !node.title.is_empty() {
        lines.push(Line::from(Span::styled(safe(&node.title), theme.bold())));
    }
    if node.inferred {
        lines.push(Line::from(Span::styled(s.inferred_note, theme.dim())));
    }
    let mut field = |label: &str, text: &str| {
        if !text.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}  "), theme.label()),
                shown(text),
            ]));
        }
    };
    if node.name != node.title && node.kind != Kind::Azione {
        field(s.name, &node.name);
    }
    field(s.input, &node.input);
    field(s.output, &node.output);
    if !node.activities.is_empty() {
        lines.push(Line::from(Span::styled(s.activities, theme.label())));
        for (i, a) in node.activities.iter().enumerate() {
            lines.push(Line::from(format!(" {}. {}", i + 1, safe(a))));
        }
    }
    lines.extend(linked_entries(ctx, index, width));
    if has_children {
        let links = app.links();
        let kids = &links.children[index];
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", s.children), theme.label()),
            Span::raw(kids.len().to_string()),
        ]));
        // Distinct responsible parties anywhere below.
        let mut roles: Vec<String> = Vec::new();
        let mut stack = kids.clone();
        while let Some(k) = stack.pop() {
            let r = responsible(&ds.nodes[k]);
            if !r.is_empty() && !roles.contains(&r) {
                roles.push(r);
            }
            stack.extend(links.children[k].iter().copied());
        }
        if !roles.is_empty() {
            roles.sort();
            lines.push(Line::from(Span::styled(s.roles_below, theme.label())));
            for r in roles.iter().take(30) {
                lines.extend(hanging(&format!(" {}", g.leaf), r, width, Style::new()));
            }
            if roles.len() > 30 {
                lines.push(Line::from(Span::styled(
                    format!(" … +{}", roles.len() - 30),
                    theme.dim(),
                )));
            }
        }
    }
    if let Some(review) = app.review.as_ref().and_then(|r| r.get(&app.key(index))) {
        let mut head = vec![
            Span::styled(format!("{}  ", s.review), theme.label()),
            Span::raw(strings::status_label(lang, review.status)),
        ];
        if let Some(j) = review.judgement {
            head.push(Span::raw(format!(
                "{}{} {}",
                g.dot,
                s.judgement.to_lowercase(),
                strings::level_label(lang, j)
            )));
        }
        lines.push(Line::from(head));
        if !review.motivation.is_empty() {
            lines.push(Line::from(format!(
                " {}: {}",
                s.motivation,
                safe(&review.motivation)
            )));
        }
        for l in review.notes.lines() {
            lines.push(Line::from(Span::styled(
                format!(" {}", safe(l)),
                theme.dim(),
            )));
        }
    }
    let crumbs: Vec<String> = ds
        .ancestors(node)
        .iter()
        .map(|a| {
            a.code
                .as_deref()
                .map(safe)
                .unwrap_or_else(|| safe(&a.title))
        })
        .collect();
    if !crumbs.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.path), theme.label()),
            Span::styled(crumbs.join(g.crumb), theme.dim()),
        ]));
    }
    if !node.diagnostics.is_empty() {
        lines.push(Line::from(Span::styled(s.diagnostics, theme.warning())));
        for d in &node.diagnostics {
            lines.push(Line::from(format!(" {}{}", g.warn, safe(d))));
        }
    }
    lines
}

/// How sure a link is: "confermato", or the score and "da confermare".
fn sureness(ctx: &Ctx, link: &Link) -> String {
    let s = ctx.s;
    match link.status {
        LinkStatus::Confermato => s.link_confirmed.to_string(),
        LinkStatus::Respinto => s.link_rejected.to_string(),
        LinkStatus::Auto => format!("{:.2} {}", link.score, s.link_auto),
    }
}

/// Under the responsible: what the best link gives the entry. A catalogue
/// entry, the office (Area / Servizio) of the linked annex entry; an annex
/// entry, the role of the linked catalogue entry. Marked when the link is
/// only computed.
fn linked_responsible(ctx: &Ctx, index: usize, width: u16) -> Vec<Line<'static>> {
    let (app, s, g, theme) = (ctx.app, ctx.s, ctx.g, &ctx.theme);
    let mut lines = Vec::new();
    let Some(concordance) = app.concordance() else {
        return lines;
    };
    let (Some(pair), Some(best)) = (concordance.pair(), concordance.best(app.current, index))
    else {
        return lines;
    };
    let sure = Span::styled(format!("{}{}", g.dot, sureness(ctx, best)), theme.dim());
    if app.current == pair.catalogo {
        let offices: Vec<String> = concordance
            .offices(&app.map, pair.ptpc, best.node)
            .iter()
            .map(|o| safe(&format!("{} / {}", o.area, o.servizio)))
            .collect();
        match offices.as_slice() {
            [] => {}
            [one] => lines.push(Line::from(vec![
                Span::styled(format!("{}  ", s.office_from_links), theme.label()),
                Span::raw(one.clone()),
                sure,
            ])),
            many => {
                lines.push(Line::from(vec![
                    Span::styled(s.office_from_links, theme.label()),
                    sure,
                ]));
                for o in many {
                    lines.extend(hanging(&format!(" {}", g.leaf), o, width, Style::new()));
                }
            }
        }
    } else if app.current == pair.ptpc {
        let linked = &app.map.datasets[pair.catalogo].nodes[best.node];
        let role = responsible(linked);
        if !role.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}  ", s.role_from_links), theme.label()),
                Span::raw(role),
                sure,
            ]));
        }
    }
    lines
}

/// The entries of the other dataset linked to this one, best first; the
/// one F7 follows (and F5/F10 decide on) marked, rejected ones dimmed.
fn linked_entries(ctx: &Ctx, index: usize, width: u16) -> Vec<Line<'static>> {
    let (app, s, g, theme) = (ctx.app, ctx.s, ctx.g, &ctx.theme);
    let links = app.links_of(index);
    let mut lines = Vec::new();
    let Some(first) = links.first() else {
        return lines;
    };
    let other = &app.map.datasets[first.dataset];
    lines.push(Line::from(Span::styled(
        format!("{} {}", s.links_title, safe(&other.id)),
        theme.label(),
    )));
    let current = app.current_link();
    for l in links.iter().take(12) {
        let node = &other.nodes[l.node];
        let code = match (&node.code, &node.parent_code) {
            (Some(c), _) => safe(c),
            (None, Some(p)) => format!("{}{}", safe(p), g.crumb.trim_end()),
            (None, None) => String::new(),
        };
        let marker = if current.is_some_and(|c| (c.dataset, c.node) == (l.dataset, l.node)) {
            g.closed
        } else {
            g.leaf
        };
        let text = format!("{code} {}{}{}", safe(&node.title), g.dot, sureness(ctx, l));
        let style = match l.status {
            LinkStatus::Respinto => theme.dim(),
            _ => Style::new(),
        };
        lines.extend(hanging(&format!(" {marker}"), &text, width, style));
    }
    if links.len() > 12 {
        lines.push(Line::from(Span::styled(
            format!(" … +{}", links.len() - 12),
            theme.dim(),
        )));
    }
    lines
}

pub fn draw(ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
    let app = ctx.app;
    let b = ctx.block(format!(" {} ", ctx.s.details), app.focus == Focus::Detail);
    view.detail_area = area;
    let Some(index) = app.selected_node() else {
        frame.render_widget(b, area);
        return;
    };
    if view.detail_for != Some((app.current, index)) {
        view.detail_for = Some((app.current, index));
        view.detail_scroll = 0;
    }
    let inner = b.inner(area);
    let lines = detail_lines(ctx, index, inner.width);
    // Never scroll past the end.
    let max = lines.len().saturating_sub(1) as u16;
    view.detail_scroll = view.detail_scroll.min(max);
    let p = Paragraph::new(lines)
        .block(b)
        .wrap(Wrap { trim: false })
        .scroll((view.detail_scroll, 0));
    frame.render_widget(p, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_hangs_under_its_bullet() {
        let lines = hanging(
            " • ",
            "Area servizi amministrativi / Provveditorato",
            20,
            Style::new(),
        );
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect())
            .collect();
        assert_eq!(text[0], " • Area servizi");
        assert!(
            text[1..]
                .iter()
                .all(|l| l.starts_with("   ") && !l.starts_with("    ")),
            "{text:?}"
        );
    }
}

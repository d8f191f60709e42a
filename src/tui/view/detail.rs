//! The detail pane: the responsible first (the question most people ask)
//! with the office (or role) the links give it, the officer's register,
//! then what the entry is, input, output, numbered activities, a sheet's
//! other columns, the linked entries, what lies below, the review, the
//! path and any data-quality notes.

use super::spans::{safe, shown};
use super::{Ctx, ViewState};
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
    let mut lines = Vec::new();
    head(ctx, index, &mut lines);
    // The responsible comes first, even before the title: it is the
    // question most people ask, and small windows show only a few lines.
    responsible_lines(ctx, index, width, &mut lines);
    lines.extend(super::links::linked_responsible(ctx, index, width));
    super::register::lines(ctx, index, width, &mut lines);
    what(ctx, index, width, &mut lines);
    lines.extend(super::links::linked_entries(ctx, index, width));
    if ctx.app.has_children(index) {
        below(ctx, index, width, &mut lines);
    }
    review(ctx, index, &mut lines);
    path_and_notes(ctx, index, &mut lines);
    lines
}

/// Code, kind, variant and source line.
fn head(ctx: &Ctx, index: usize, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme) = (ctx.s, ctx.g, &ctx.theme);
    let node = &ctx.app.dataset().nodes[index];
    let mut head = Vec::new();
    if let Some(code) = &node.code {
        head.push(Span::styled(safe(code), theme.code()));
        head.push(Span::raw(g.dot));
    }
    head.push(Span::raw(strings::kind_label(
        ctx.app.options.lang,
        node.kind,
    )));
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
}

/// The role, or the structures one per line, or that none is given.
fn responsible_lines(ctx: &Ctx, index: usize, width: u16, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme) = (ctx.s, ctx.g, &ctx.theme);
    let node = &ctx.app.dataset().nodes[index];
    let who = responsible(node);
    if node.structures.len() > 1 {
        lines.push(Line::from(Span::styled(s.responsible, theme.label())));
        if !node.role.is_empty() {
            lines.extend(hanging(
                &format!(" {}", g.leaf),
                &safe(&node.role),
                width,
                Style::new(),
            ));
        }
        for st in &node.structures {
            let text = safe(&crate::display::structure(st));
            lines.extend(hanging(&format!(" {}", g.leaf), &text, width, Style::new()));
        }
    } else if !who.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::raw(who),
        ]));
    } else if let Some(answer) = answer_line(ctx, index, ANSWER_SHOWN) {
        // No one named here: who answers for it, and where that comes from.
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::raw(answer),
        ]));
    } else if !ctx.app.has_children(index) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::styled(s.no_responsible, theme.dim()),
        ]));
    }
}

/// What the entry is: title, name, input, output, numbered activities.
fn what(ctx: &Ctx, index: usize, width: u16, lines: &mut Vec<Line<'static>>) {
    let (s, theme) = (ctx.s, &ctx.theme);
    let node = &ctx.app.dataset().nodes[index];
    // The tree shows the title only in part.
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
    let steps = node.activities.list();
    if !steps.is_empty() {
        lines.push(Line::from(Span::styled(s.activities, theme.label())));
        for (i, a) in steps.iter().enumerate() {
            lines.extend(hanging(
                &format!(" {}. ", i + 1),
                &safe(a),
                width,
                Style::new(),
            ));
        }
    }
    // The sheet's other columns, as its header names them: the text beside
    // a short header, below a long one (a header as wide as the pane would
    // leave the text a column).
    if !node.extra.is_empty() {
        lines.push(Line::from(Span::styled(s.extra, theme.label())));
        for (header, value) in node.extra.iter() {
            let header = safe(header);
            let beside = header.width() + 3 <= (width as usize) / 3;
            let first = match beside {
                true => format!(" {header}  "),
                false => {
                    lines.push(Line::from(Span::styled(
                        format!(" {header}"),
                        theme.label(),
                    )));
                    "   ".to_string()
                }
            };
            let mut wrapped = hanging(&first, &safe(value), width, Style::new());
            if let (true, Some(lead)) = (
                beside,
                wrapped.first_mut().and_then(|l| l.spans.first_mut()),
            ) {
                lead.style = theme.label();
            }
            lines.extend(wrapped);
        }
    }
}

/// The most roles listed as responsible below an entry.
const ROLES_SHOWN: usize = 30;

/// Names in the one-line answer for an entry that names no one itself.
const ANSWER_SHOWN: usize = 3;

/// Who answers for an entry that names no one itself, in one line:
/// "nelle sotto-voci: PO Settore, Dirigente … (+2)", or from its links
/// (said to be confirmed or not), or from the entry above; `None` when
/// nobody anywhere near is named.
pub fn answer_line(ctx: &Ctx, index: usize, shown: usize) -> Option<String> {
    use crate::roles::Source;
    let (app, s) = (ctx.app, ctx.s);
    let answer = app.answer(index)?;
    let source = match answer.source {
        Source::Below => s.answer_below.to_string(),
        Source::Links { confirmed: false } => s.answer_links.to_string(),
        Source::Links { confirmed: true } => s.answer_links_confirmed.to_string(),
        Source::Above { ancestor } => match &app.dataset().nodes[ancestor].code {
            Some(code) => format!("{} {}", s.answer_above, safe(code)),
            None => s.answer_above.to_string(),
        },
    };
    Some(format!(
        "{source}: {}",
        safe(&crate::roles::summary(&answer.named, shown))
    ))
}

/// How many entries are below and who is responsible anywhere below.
fn below(ctx: &Ctx, index: usize, width: u16, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme) = (ctx.s, ctx.g, &ctx.theme);
    let kids = ctx.app.links().children(index);
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", s.children), theme.label()),
        Span::raw(kids.len().to_string()),
    ]));
    // Worked out once per entry: a macro-process of a large map has
    // thousands of entries below it.
    let named = ctx.app.named_below(index);
    if named.is_empty() {
        return;
    }
    lines.push(Line::from(Span::styled(s.roles_below, theme.label())));
    for n in named.iter().take(ROLES_SHOWN) {
        let text = format!("{} ({})", safe(&n.label()), n.count);
        lines.extend(hanging(&format!(" {}", g.leaf), &text, width, Style::new()));
    }
    if named.len() > ROLES_SHOWN {
        lines.push(Line::from(Span::styled(
            format!(" … +{}", named.len() - ROLES_SHOWN),
            theme.dim(),
        )));
    }
}

/// The officer's review of the entry: status, judgement, motivation, notes.
fn review(ctx: &Ctx, index: usize, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme, app) = (ctx.s, ctx.g, &ctx.theme, ctx.app);
    let lang = app.options.lang;
    let Some(review) = app.review.as_ref().and_then(|r| r.get(&app.key(index))) else {
        return;
    };
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
    if let Some(from) = review.carried_from {
        head.push(Span::styled(
            format!("{}{} {from}", g.dot, s.proposal_from),
            theme.warning(),
        ));
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

/// The path from the top, then the data-quality notes.
fn path_and_notes(ctx: &Ctx, index: usize, lines: &mut Vec<Line<'static>>) {
    let (s, g, theme) = (ctx.s, ctx.g, &ctx.theme);
    let ds = ctx.app.dataset();
    let node = &ds.nodes[index];
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

//! The links with the other dataset in the detail pane: under the
//! responsible, the office (or role) the best link gives the entry; after
//! the activities, the linked entries, best first, with how sure each is.

use super::detail::hanging;
use super::spans::safe;
use super::Ctx;
use crate::concord::{Link, LinkStatus};
use crate::display::responsible;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How sure a link is: "confermato", or the score and "da confermare".
fn sureness(ctx: &Ctx, link: &Link) -> String {
    let s = ctx.s;
    match link.status {
        LinkStatus::Confermato => s.link_confirmed.to_string(),
        LinkStatus::Respinto => s.link_rejected.to_string(),
        LinkStatus::Auto => format!("{:.2} {}", link.score, s.link_auto),
    }
}

/// Under the responsible: what the best link sure enough to give an office
/// ([`crate::concord::Concordance::office_links`]) gives the entry. A
/// catalogue entry, the office (Area / Servizio) of the linked annex entry;
/// an annex entry, the role of the first such linked catalogue entry that
/// names one. Marked when the link is only computed.
pub fn linked_responsible(ctx: &Ctx, index: usize, width: u16) -> Vec<Line<'static>> {
    let (app, s, g, theme) = (ctx.app, ctx.s, ctx.g, &ctx.theme);
    let mut lines = Vec::new();
    let Some(concordance) = app.concordance() else {
        return lines;
    };
    let Some(pair) = concordance.pair() else {
        return lines;
    };
    let catalogo = &app.map.datasets[pair.catalogo];
    let best = concordance
        .office_links(app.current, index)
        .find(|l| app.current == pair.catalogo || !responsible(&catalogo.nodes[l.node]).is_empty());
    let Some(best) = best else {
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
/// one F7 follows (and Ctrl-K/F10 decide on) marked, rejected ones dimmed.
pub fn linked_entries(ctx: &Ctx, index: usize, width: u16) -> Vec<Line<'static>> {
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

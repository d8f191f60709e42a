//! The links of the selected entry with the other dataset, rejected ones
//! included (they stay reachable): Enter goes to the linked entry, `c`
//! confirms, `r` rejects (asked first), `u` undoes the officer's decision
//! so the link is as computed again.

use super::confirm::Confirm;
use super::scroll::window;
use super::{boxed, Command, Kind, Overlay};
use crate::concord::{Link, LinkStatus};
use crate::review::{ReviewKey, Verdict};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{b, ch, plain, t, Binding, Mode, Typing};
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crossterm::event::KeyCode::*;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub const MIN: (u16, u16) = (40, 8);

pub const MODE: Mode = Mode::new("links", Typing::Nothing);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::OpenLinks],
        min: MIN,
        open: Some(|app| {
            let s = app.strings();
            if app.concordance().is_none() {
                return Err(if app.links_pending() {
                    s.links_pending
                } else {
                    s.no_link
                }
                .to_string());
            }
            let node = app.selected_node().ok_or_else(|| s.no_link.to_string())?;
            Ok(Box::new(LinksList {
                dataset: app.current,
                node,
                selected: 0,
            }))
        }),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &[Mode] = &[MODE];
    vec![
        b!(m, [plain(Up)], Action::Up, None, None),
        b!(m, [plain(Down)], Action::Down, None, None),
        b!(m, [plain(Enter)], Action::Accept, None, t("vai", "go")),
        b!(review m, [ch('c')], Action::ConfirmLink, None, t("conferma", "confirm")),
        b!(review m, [ch('r')], Action::RejectLink, None, t("respingi", "reject")),
        b!(review m, [ch('u')], Action::ResetLink, None, t("annulla la decisione", "undo the decision")),
        b!(m, [plain(Esc)], Action::Close, None, t("chiude", "closes")),
    ]
}

/// The links of one entry.
pub struct LinksList {
    dataset: usize,
    node: usize,
    selected: usize,
}

impl LinksList {
    fn links<'a>(&self, app: &'a App) -> &'a [Link] {
        app.concordance()
            .map_or(&[][..], |c| c.links(self.dataset, self.node))
    }
}

/// The pair of a link as the store files it: (catalogo, ptpc) keys and
/// titles.
pub fn pair(
    app: &App,
    from: (usize, usize),
    link: &Link,
) -> Option<((ReviewKey, String), (ReviewKey, String))> {
    let pair = app.concordance()?.pair()?;
    let there = (link.dataset, link.node);
    let (c, p) = if from.0 == pair.catalogo {
        (from, there)
    } else {
        (there, from)
    };
    let key = |(d, n): (usize, usize)| app.key_in(d, n);
    let title = |(d, n): (usize, usize)| app.map.datasets[d].nodes[n].title.to_string();
    Some(((key(c), title(c)), (key(p), title(p))))
}

/// A yes/no before a link is rejected.
pub fn ask_to_reject(app: &App, from: (usize, usize), link: &Link) -> Option<Box<dyn Overlay>> {
    let (catalogo, ptpc) = pair(app, from, link)?;
    let other = &app.map.datasets[link.dataset].nodes[link.node];
    let name = other
        .code
        .as_deref()
        .or(other.parent_code.as_deref())
        .unwrap_or("—");
    let question = format!(
        "{} {name} {}?",
        app.strings().reject_question,
        safe(&other.title)
    );
    Some(Box::new(Confirm::new(
        question,
        vec![Command::DecideLink {
            catalogo,
            ptpc,
            verdict: Verdict::Respinto,
        }],
    )))
}

impl Overlay for LinksList {
    fn name(&self) -> &'static str {
        "links"
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let links = self.links(app);
        let chosen = links.get(self.selected).copied();
        let from = (self.dataset, self.node);
        match action {
            Action::Close => return vec![Command::Close],
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(links.len().saturating_sub(1)),
            Action::Accept => {
                if let Some(l) = chosen {
                    return vec![
                        Command::Close,
                        Command::GoTo {
                            dataset: l.dataset,
                            node: l.node,
                        },
                    ];
                }
            }
            Action::ConfirmLink => {
                if let Some((catalogo, ptpc)) = chosen.and_then(|l| pair(app, from, &l)) {
                    return vec![Command::DecideLink {
                        catalogo,
                        ptpc,
                        verdict: Verdict::Confermato,
                    }];
                }
            }
            Action::RejectLink => {
                if let Some(q) = chosen.and_then(|l| ask_to_reject(app, from, &l)) {
                    // The question opens over the list; the list opens again
                    // from the entry (Ctrl-F) to see the result.
                    return vec![Command::Open(q)];
                }
            }
            Action::ResetLink => {
                let decision = chosen
                    .and_then(|l| pair(app, from, &l))
                    .and_then(|(c, p)| app.decision_on(&c.0, &p.0));
                return match decision {
                    Some(id) => vec![Command::ResetLink(id)],
                    None => vec![Command::Say(app.strings().no_decision.to_string())],
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        let (app, s, theme) = (ctx.app, ctx.s, &ctx.theme);
        let node = &app.map.datasets[self.dataset].nodes[self.node];
        let code = node
            .code
            .as_deref()
            .or(node.parent_code.as_deref())
            .unwrap_or("—");
        let title = format!("{}{}{}", s.links_title, ctx.g.dot, safe(code));
        let body = boxed::open(ctx, frame, area, 100, &title, MODE);
        let links = self.links(app);
        let mut lines = Vec::new();
        if links.is_empty() {
            lines.push(Line::from(Span::styled(s.no_link, theme.dim())));
        }
        let height = body.height as usize;
        let first = window(self.selected, links.len(), height);
        for (i, l) in links.iter().enumerate().skip(first).take(height) {
            let other = &app.map.datasets[l.dataset].nodes[l.node];
            let code = other
                .code
                .as_deref()
                .map(str::to_string)
                .or_else(|| other.parent_code.as_deref().map(|p| format!("{p} ›")))
                .unwrap_or_else(|| "—".into());
            let status = match l.status {
                LinkStatus::Auto => format!("{:.2} {}", l.score, s.link_auto),
                LinkStatus::Confermato => s.link_confirmed.to_string(),
                LinkStatus::Respinto => s.link_rejected.to_string(),
            };
            let style = if i == self.selected {
                theme.selected()
            } else if l.status == LinkStatus::Respinto {
                theme.dim()
            } else {
                Style::new()
            };
            lines.push(Line::from(Span::styled(
                format!("{:<16} {} {}", status, safe(&code), safe(&other.title)),
                style,
            )));
        }
        frame.render_widget(Paragraph::new(lines), body);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

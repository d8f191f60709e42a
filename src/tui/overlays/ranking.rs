//! Two lists over the whole register, each leading to its entries: the
//! ranking of the reviewed entries (the ponderazione: judgement, then
//! indicators at alto, then events) and the schedule of the measures by
//! office, overdue first. Enter goes to the entry.

use super::scroll::window;
use super::{boxed, Command, Kind as OverlayKind, Overlay};
use crate::review::measures::Measure;
use crate::review::ReviewKey;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{b, plain, t, Binding, Mode, Typing};
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crossterm::event::KeyCode::*;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub const MIN: (u16, u16) = (50, 10);

pub const MODE: Mode = Mode::new("register-list", Typing::Nothing);

/// The ranking and the schedule: reading only, so a read-only store shows
/// them too.
fn open(app: &App, deadlines: bool) -> Result<Box<dyn Overlay>, String> {
    if app.review.is_none() {
        return Err(app.strings().review_unavailable.to_string());
    }
    Ok(Box::new(if deadlines {
        RegisterList::deadlines(app)
    } else {
        RegisterList::ranking(app)
    }))
}

pub fn ranking_kind() -> OverlayKind {
    OverlayKind {
        opens: &[Action::OpenRanking],
        min: MIN,
        open: Some(|app| open(app, false)),
        bindings,
    }
}

pub fn deadlines_kind() -> OverlayKind {
    OverlayKind {
        opens: &[Action::OpenDeadlines],
        min: MIN,
        open: Some(|app| open(app, true)),
        bindings: Vec::new,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &[Mode] = &[MODE];
    vec![
        b!(m, [plain(Up)], Action::Up, None, None),
        b!(m, [plain(Down)], Action::Down, None, None),
        b!(m, [plain(Enter)], Action::Accept, None, t("vai alla voce", "go to the entry")),
        b!(m, [plain(Esc)], Action::Close, None, t("chiude", "closes")),
    ]
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ranking,
    Deadlines,
}

/// One row: what it says and the entry it leads to.
#[derive(Debug, Clone)]
pub struct Item {
    pub columns: Vec<String>,
    pub key: Option<ReviewKey>,
    /// Shown as a heading (an office), not selectable.
    pub heading: bool,
    pub late: bool,
}

#[derive(Debug, Clone)]
pub struct RegisterList {
    pub kind: Kind,
    pub items: Vec<Item>,
    pub selected: usize,
}

impl RegisterList {
    pub fn ranking(app: &App) -> Self {
        let mut records = app
            .review
            .as_ref()
            .map(|r| r.register(&app.map))
            .unwrap_or_default();
        records.retain(|r| r.review.is_some() || !r.events.is_empty());
        crate::report::register::rank(&mut records);
        let lang = app.options.lang;
        let items = records
            .iter()
            .enumerate()
            .map(|(i, r)| Item {
                columns: vec![
                    format!("{:>3}", i + 1),
                    r.judgement()
                        .map_or("—", |j| crate::tui::strings::level_label(lang, j))
                        .to_string(),
                    r.high_indicators().to_string(),
                    r.events.len().to_string(),
                    format!("{} {}", r.key.display(), r.title),
                ],
                key: r.entry.is_some().then(|| r.key.clone()),
                heading: false,
                late: false,
            })
            .collect();
        RegisterList {
            kind: Kind::Ranking,
            items,
            selected: 0,
        }
    }

    pub fn deadlines(app: &App) -> Self {
        let today = app.options.today;
        let lang = app.options.lang;
        let mut measures: Vec<Measure> = app
            .review
            .as_ref()
            .map(|r| r.all_measures().to_vec())
            .unwrap_or_default();
        measures.sort_by(|a, b| {
            a.owner
                .to_lowercase()
                .cmp(&b.owner.to_lowercase())
                .then(b.overdue(today).cmp(&a.overdue(today)))
                .then(a.due.cmp(&b.due))
        });
        let s = app.strings();
        let mut items = Vec::new();
        let mut office: Option<String> = None;
        for m in &measures {
            if office.as_deref() != Some(m.owner.as_str()) {
                office = Some(m.owner.clone());
                items.push(Item {
                    columns: vec![m.owner.clone()],
                    key: None,
                    heading: true,
                    late: false,
                });
            }
            let state = m.state().map_or(s.to_monitor, |st| {
                crate::tui::strings::state_label(lang, st)
            });
            items.push(Item {
                columns: vec![
                    m.due.to_string(),
                    m.id.to_string(),
                    format!("[{state}]"),
                    m.text.clone(),
                ],
                key: m.targets.first().map(|t| t.key.clone()),
                heading: false,
                late: m.overdue(today),
            });
        }
        let selected = items.iter().position(|i| !i.heading).unwrap_or(0);
        RegisterList {
            kind: Kind::Deadlines,
            items,
            selected,
        }
    }

    fn step(&mut self, down: bool) {
        let mut i = self.selected;
        loop {
            let next = if down { i + 1 } else { i.wrapping_sub(1) };
            match self.items.get(next) {
                Some(item) if item.heading => i = next,
                Some(_) => {
                    self.selected = next;
                    return;
                }
                None => return,
            }
        }
    }
}

impl Overlay for RegisterList {
    fn name(&self) -> &'static str {
        match self.kind {
            Kind::Ranking => "ranking",
            Kind::Deadlines => "deadlines",
        }
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn handle(&mut self, action: &Action, _app: &App) -> Vec<Command> {
        match action {
            Action::Close => return vec![Command::Close],
            Action::Up => self.step(false),
            Action::Down => self.step(true),
            Action::Accept => {
                if let Some(key) = self.items.get(self.selected).and_then(|i| i.key.clone()) {
                    return vec![Command::Close, Command::Reveal(key)];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_list(ctx, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl RegisterList {
    fn draw_list(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let (theme, s) = (&ctx.theme, ctx.s);
        let title = match self.kind {
            Kind::Ranking => s.ranking_title,
            Kind::Deadlines => s.deadlines_title,
        };
        let body = boxed::open(ctx, frame, area, 110, title, MODE);
        let mut lines: Vec<Line> = Vec::new();
        if self.kind == Kind::Ranking {
            lines.push(Line::from(Span::styled(s.ranking_header, theme.label())));
        }
        if self.items.is_empty() {
            lines.push(Line::from(Span::styled(s.nothing_recorded, theme.dim())));
        }
        let height = (body.height as usize).saturating_sub(lines.len());
        let first = window(self.selected, self.items.len(), height);
        for (i, item) in self.items.iter().enumerate().skip(first).take(height) {
            lines.push(self.line(ctx, item, i == self.selected));
        }
        // One line a row: a long text is cut at the edge, not wrapped.
        frame.render_widget(Paragraph::new(lines), body);
    }

    fn line(&self, ctx: &Ctx, item: &Item, selected: bool) -> Line<'static> {
        let (g, theme, s) = (ctx.g, &ctx.theme, ctx.s);
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        if item.heading {
            return Line::from(Span::styled(safe(&item.columns[0]), theme.bold()));
        }
        let c = &item.columns;
        Line::from(match self.kind {
            Kind::Ranking => vec![Span::styled(
                format!(
                    "{}  {:<8} {:>4} {:>6}  {}",
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    safe(&c[4])
                ),
                style,
            )],
            // The overdue mark before the text: a long text is cut at the
            // window's edge, the mark never.
            Kind::Deadlines => vec![
                Span::styled(format!("  {} {:<4} {:<16} ", c[0], c[1], c[2]), style),
                Span::styled(
                    if item.late {
                        format!("{}{} ", g.warn, s.overdue)
                    } else {
                        String::new()
                    },
                    theme.warning(),
                ),
                Span::styled(safe(&c[3]), style),
            ],
        })
    }
}

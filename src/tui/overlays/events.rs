//! The risk events of the selected entry, recorded during the interview:
//! add one from the catalogue of typical events (found by typing) or as
//! free text, edit it, tick its enabling factors (Space, or 1–8), remove
//! it (after a confirmation), and choose the entry's risk area.

use super::scroll::scrolled;
use super::{boxed, Command, Kind, Overlay};
use crate::model::EventId;
use crate::review::risk::{find_in_catalogue, Area, EventChange, Factor, RiskEvent};
use crate::review::ReviewKey;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{b, ch, line_editing, plain, t, Binding, Mode, Typing};
use crate::tui::saver::Op;
use crate::tui::view::hanging;
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crate::tui::widgets::line::{Edit, LineEditor};
use crossterm::event::KeyCode::*;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub const MIN: (u16, u16) = (36, 12);

pub const LIST: Mode = Mode::new("events", Typing::Nothing);
pub const TEXT: Mode = Mode::new("event-text", Typing::Line);
pub const FACTORS: Mode = Mode::new("event-factors", Typing::Nothing);
pub const AREA: Mode = Mode::new("event-area", Typing::Nothing);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::OpenEvents],
        min: MIN,
        open: Some(|app| {
            let (key, title) = app.review_target()?;
            let node = app.selected_node().ok_or_else(String::new)?;
            let ds = app.dataset();
            let suggested = crate::report::register::suggested_area((ds, &ds.nodes[node]));
            Ok(Box::new(EventsOverlay::new(key, title, suggested)))
        }),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let list: &'static [Mode] = &[LIST];
    let text: &'static [Mode] = &[TEXT];
    let factors: &'static [Mode] = &[FACTORS];
    let lists: &'static [Mode] = &[FACTORS, AREA];
    let all: &'static [Mode] = &[LIST, TEXT, FACTORS, AREA];
    let mut rows = vec![
        b!(list, [plain(Up)], Action::Up, None, None),
        b!(list, [plain(Down)], Action::Down, None, None),
        b!(list, [ch('n'), plain(Insert)], Action::New, None, t("nuovo", "new")),
        b!(list, [plain(Enter)], Action::Edit, None, t("modifica", "edit")),
        b!(list, [ch('f')], Action::Factors, None, t("fattori", "factors")),
        b!(list, [ch('a')], Action::ChooseArea, None, t("area", "area")),
        b!(list, [ch('x'), plain(Delete)], Action::Remove, None, t("elimina", "remove")),
        b!(all, [plain(Esc)], Action::Close, None, t("indietro", "back")),
        b!(text, [plain(Up)], Action::Up, None, t("suggerimenti", "suggestions")),
        b!(text, [plain(Down)], Action::Down, None, t("suggerimenti", "suggestions")),
        b!(text, [plain(Enter)], Action::Accept, None, t("conferma", "accept")),
        b!(lists, [plain(Up)], Action::Up, None, t("muovi", "move")),
        b!(lists, [plain(Down)], Action::Down, None, t("muovi", "move")),
        b!(factors, [ch(' ')], Action::Mark, None, t("seleziona (1-8)", "tick (1-8)")),
        b!(lists, [plain(Enter)], Action::Accept, None, t("salva", "save")),
    ];
    // The factors by their number.
    const DIGITS: [[crate::tui::bindings::Key; 1]; 8] = [
        [ch('1')], [ch('2')], [ch('3')], [ch('4')], [ch('5')], [ch('6')], [ch('7')], [ch('8')],
    ];
    for (i, k) in DIGITS.iter().enumerate() {
        rows.push(Binding { modes: crate::tui::bindings::Modes::Of(factors), keys: k, action: Action::MarkNth(i), help: None, hint: None, review: false });
    }
    rows.extend(line_editing(text));
    rows
}

/// Which part of the overlay has the keyboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    List,
    /// Writing an event's text (`editing`: the event being changed), with
    /// suggestions from the catalogue; `pick` is the suggestion chosen.
    Text {
        edit: LineEditor,
        editing: Option<EventId>,
        pick: Option<usize>,
    },
    /// Ticking the factors of a new event (`text`) or of `editing`.
    Factors {
        text: String,
        editing: Option<EventId>,
        marks: Vec<Factor>,
        row: usize,
    },
    Area {
        row: usize,
    },
    Confirm {
        id: EventId,
    },
}

#[derive(Debug, Clone)]
pub struct EventsOverlay {
    pub key: ReviewKey,
    pub title: String,
    /// The area the entry's titles suggest.
    suggested: Option<Area>,
    pub selected: usize,
    pub stage: Stage,
}

impl EventsOverlay {
    pub fn new(key: ReviewKey, title: String, suggested: Option<Area>) -> Self {
        EventsOverlay {
            key,
            title,
            suggested,
            selected: 0,
            stage: Stage::List,
        }
    }

    fn events<'a>(&self, app: &'a App) -> &'a [RiskEvent] {
        app.review.as_ref().map_or(&[], |r| r.events(&self.key))
    }

    fn area(&self, app: &App) -> Option<Area> {
        app.review.as_ref().and_then(|r| r.area(&self.key))
    }

    fn list(&mut self, app: &App, action: &Action) -> Vec<Command> {
        let events = self.events(app);
        let last = events.len().saturating_sub(1);
        match action {
            Action::Close => return vec![Command::Close],
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::New => {
                self.stage = Stage::Text {
                    edit: LineEditor::default().with_limit(crate::review::limits::MAX_TEXT),
                    editing: None,
                    pick: None,
                }
            }
            Action::Edit | Action::Accept => {
                if let Some(e) = events.get(self.selected) {
                    self.stage = Stage::Text {
                        edit: LineEditor::new(&e.text),
                        editing: Some(e.id),
                        pick: None,
                    };
                }
            }
            Action::Factors => {
                if let Some(e) = events.get(self.selected) {
                    self.stage = Stage::Factors {
                        text: e.text.clone(),
                        editing: Some(e.id),
                        marks: e.factors.clone(),
                        row: 0,
                    };
                }
            }
            Action::Remove => {
                if let Some(e) = events.get(self.selected) {
                    self.stage = Stage::Confirm { id: e.id };
                }
            }
            Action::ChooseArea => {
                let current = self.area(app).or(self.suggested);
                let row = Area::all()
                    .iter()
                    .position(|a| Some(*a) == current)
                    .unwrap_or(0);
                self.stage = Stage::Area { row };
            }
            _ => {}
        }
        Vec::new()
    }

    fn text(
        &mut self,
        app: &App,
        action: &Action,
        mut edit: LineEditor,
        editing: Option<EventId>,
        mut pick: Option<usize>,
    ) -> (Stage, Vec<Command>) {
        let list = find_in_catalogue(edit.text(), self.area(app).or(self.suggested));
        match action {
            Action::Close => return (Stage::List, Vec::new()),
            Action::Down => {
                pick = Some(pick.map_or(0, |p| (p + 1).min(list.len().saturating_sub(1))))
                    .filter(|_| !list.is_empty())
            }
            Action::Up => pick = pick.and_then(|p| p.checked_sub(1)),
            // A changed text drops the suggestion chosen.
            Action::Line(e) if edit.apply(e) => pick = None,
            Action::InsertText(t) => {
                edit.apply(&Edit::Paste(t.clone()));
            }
            Action::Accept => {
                let (text, factors) = match pick.and_then(|p| list.get(p)) {
                    Some(s) => (s.text.to_string(), s.factors.clone()),
                    None if !edit.is_blank() => (edit.text().trim().to_string(), Vec::new()),
                    None => {
                        return (
                            Stage::Text {
                                edit,
                                editing,
                                pick,
                            },
                            Vec::new(),
                        )
                    }
                };
                return match editing {
                    // A changed text is recorded at once; factors stay.
                    Some(id) => (
                        Stage::List,
                        vec![Command::Record(Op::SetEvent {
                            id,
                            change: EventChange {
                                text: Some(text),
                                ..Default::default()
                            },
                        })],
                    ),
                    None => (
                        Stage::Factors {
                            text,
                            editing: None,
                            marks: factors,
                            row: 0,
                        },
                        Vec::new(),
                    ),
                };
            }
            _ => {}
        }
        (
            Stage::Text {
                edit,
                editing,
                pick,
            },
            Vec::new(),
        )
    }

    fn factors(
        &mut self,
        app: &App,
        action: &Action,
        text: String,
        editing: Option<EventId>,
        mut marks: Vec<Factor>,
        mut row: usize,
    ) -> (Stage, Vec<Command>) {
        let n = Factor::all().len();
        let toggle = |i: usize, marks: &mut Vec<Factor>| {
            let f = Factor::all()[i];
            match marks.iter().position(|m| *m == f) {
                Some(p) => {
                    marks.remove(p);
                }
                None => marks.push(f),
            }
        };
        match action {
            Action::Close => return (Stage::List, Vec::new()),
            Action::Up => row = row.saturating_sub(1),
            Action::Down => row = (row + 1).min(n - 1),
            Action::Mark => toggle(row, &mut marks),
            Action::MarkNth(i) if *i < n => {
                toggle(*i, &mut marks);
                row = *i;
            }
            Action::Accept => {
                marks.sort();
                let out = match editing {
                    Some(id) => vec![Command::Record(Op::SetEvent {
                        id,
                        change: EventChange {
                            factors: Some(marks),
                            ..Default::default()
                        },
                    })],
                    None => {
                        self.selected = self.events(app).len();
                        vec![
                            Command::Record(Op::AddEvent {
                                key: self.key.clone(),
                                title: self.title.clone(),
                                text,
                                factors: marks,
                            }),
                            Command::Say(app.strings().event_added.to_string()),
                        ]
                    }
                };
                return (Stage::List, out);
            }
            _ => {}
        }
        (
            Stage::Factors {
                text,
                editing,
                marks,
                row,
            },
            Vec::new(),
        )
    }

    fn choose_area(&mut self, action: &Action, mut row: usize) -> (Stage, Vec<Command>) {
        let n = Area::all().len();
        match action {
            Action::Close => return (Stage::List, Vec::new()),
            Action::Up => row = row.saturating_sub(1),
            Action::Down => row = (row + 1).min(n - 1),
            Action::Accept => {
                let out = Area::all()
                    .get(row)
                    .map(|&area| {
                        Command::Record(Op::SetArea {
                            key: self.key.clone(),
                            title: self.title.clone(),
                            area,
                        })
                    })
                    .into_iter()
                    .collect();
                return (Stage::List, out);
            }
            _ => {}
        }
        (Stage::Area { row }, Vec::new())
    }
}

impl Overlay for EventsOverlay {
    fn name(&self) -> &'static str {
        "events"
    }

    fn mode(&self) -> Mode {
        match self.stage {
            Stage::List => LIST,
            Stage::Text { .. } => TEXT,
            Stage::Factors { .. } => FACTORS,
            Stage::Area { .. } => AREA,
            Stage::Confirm { .. } => Mode::CONFIRM,
        }
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let stage = std::mem::replace(&mut self.stage, Stage::List);
        let (stage, out) = match stage {
            Stage::List => {
                let out = self.list(app, action);
                return out;
            }
            Stage::Text {
                edit,
                editing,
                pick,
            } => self.text(app, action, edit, editing, pick),
            Stage::Factors {
                text,
                editing,
                marks,
                row,
            } => self.factors(app, action, text, editing, marks, row),
            Stage::Area { row } => self.choose_area(action, row),
            Stage::Confirm { id } => match action {
                Action::Yes => (
                    Stage::List,
                    vec![
                        Command::Record(Op::RemoveEvent { id }),
                        Command::Say(format!("{} {id}", app.strings().event_removed)),
                    ],
                ),
                Action::No | Action::Close => (Stage::List, Vec::new()),
                _ => (Stage::Confirm { id }, Vec::new()),
            },
        };
        self.stage = stage;
        out
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_stage(ctx, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl EventsOverlay {
    fn draw_stage(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let title = format!(
            "{}{}{}",
            ctx.s.events_title,
            ctx.g.dot,
            safe(&self.key.display())
        );
        let body = boxed::open(ctx, frame, area, 100, &title, self.mode());
        let (s, theme, app) = (ctx.s, &ctx.theme, ctx.app);
        let area_line = match (self.area(app), self.suggested) {
            (Some(a), _) => format!("{}  {}", s.risk_area, a.label()),
            (None, Some(a)) => format!("{}  {} ({})", s.risk_area, a.label(), s.suggested),
            (None, None) => format!("{}  —", s.risk_area),
        };
        let mut lines = hanging("", &area_line, body.width, theme.label());
        let room = (body.height as usize).saturating_sub(lines.len());
        lines.extend(match &self.stage {
            Stage::List | Stage::Confirm { .. } => self.list_lines(ctx, body.width, room),
            Stage::Text { edit, pick, .. } => self.text_lines(ctx, edit, *pick, body.width, room),
            Stage::Factors {
                text, marks, row, ..
            } => factor_lines(ctx, text, marks, *row, body.width),
            Stage::Area { row } => area_lines(ctx, *row),
        });
        boxed::body(frame, body, lines);
    }

    /// The entry's events, what is still being saved, and the question
    /// before a removal.
    fn list_lines(&self, ctx: &Ctx, width: u16, room: usize) -> Vec<Line<'static>> {
        let (s, theme, app) = (ctx.s, &ctx.theme, ctx.app);
        let events = self.events(app);
        let mut lines = Vec::new();
        if events.is_empty() {
            lines.push(Line::from(Span::styled(s.no_events, theme.dim())));
        }
        let mut after: Vec<Line> = Vec::new();
        for op in app.review.as_ref().map(|r| r.queued()).unwrap_or_default() {
            if let Op::AddEvent { key, text, .. } = op {
                if *key == self.key {
                    after.push(Line::from(Span::styled(
                        format!("…    {} ({})", safe(text), s.waiting_short),
                        theme.dim(),
                    )));
                }
            }
        }
        if let Stage::Confirm { id } = &self.stage {
            after.push(Line::from(Span::styled(
                format!("{} {id}? ({})", s.remove_question, s.yes_no),
                theme.warning(),
            )));
        }
        let items: Vec<Vec<Line<'static>>> = events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let factors: Vec<&str> = e.factors.iter().map(|f| f.slug()).collect();
                let mut text = safe(&e.text);
                if !factors.is_empty() {
                    text = format!("{text}  [{}]", factors.join(", "));
                }
                let style = if i == self.selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                hanging(&format!("{:<4} ", e.id.to_string()), &text, width, style)
            })
            .collect();
        let room = room.saturating_sub(lines.len() + after.len());
        lines.extend(scrolled(items, self.selected, room));
        lines.extend(after);
        lines
    }

    /// The event being written and the catalogue's events for it.
    fn text_lines(
        &self,
        ctx: &Ctx,
        edit: &LineEditor,
        pick: Option<usize>,
        width: u16,
        room: usize,
    ) -> Vec<Line<'static>> {
        let (g, s, theme) = (ctx.g, ctx.s, &ctx.theme);
        let mut lines = vec![crate::tui::widgets::draw_line(ctx, g.prompt, edit, true)];
        lines.extend(hanging("", s.events_suggestions, width, theme.dim()));
        let list = find_in_catalogue(edit.text(), self.area(ctx.app).or(self.suggested));
        let items: Vec<Vec<Line<'static>>> = list
            .iter()
            .enumerate()
            .map(|(i, sug)| {
                let style = if Some(i) == pick {
                    theme.selected()
                } else {
                    Style::new()
                };
                let text = format!("{} [{}]", sug.text, sug.area.slug());
                hanging(g.leaf, &text, width, style)
            })
            .collect();
        let room = room.saturating_sub(lines.len());
        lines.extend(scrolled(items, pick.unwrap_or(0), room));
        lines
    }
}

/// The eight enabling factors of PNA 2019, ticked or not.
fn factor_lines(
    ctx: &Ctx,
    text: &str,
    marks: &[Factor],
    row: usize,
    width: u16,
) -> Vec<Line<'static>> {
    let theme = &ctx.theme;
    let mut lines = hanging("", &safe(text), width, theme.bold());
    for (i, f) in Factor::all().iter().copied().enumerate() {
        let mark = if marks.contains(&f) { "[x]" } else { "[ ]" };
        let style = if i == row {
            theme.selected()
        } else {
            Style::new()
        };
        lines.extend(hanging(
            &format!("{} {mark} ", i + 1),
            f.label(),
            width,
            style,
        ));
    }
    lines
}

/// The risk areas, those of chambers of commerce marked.
fn area_lines(ctx: &Ctx, row: usize) -> Vec<Line<'static>> {
    let theme = &ctx.theme;
    let mut lines: Vec<Line<'static>> = Area::all()
        .iter()
        .copied()
        .enumerate()
        .map(|(i, a)| {
            let style = if i == row {
                theme.selected()
            } else {
                Style::new()
            };
            let kind = if a.general() { "" } else { " *" };
            Line::from(Span::styled(format!("{}{kind}", a.label()), style))
        })
        .collect();
    lines.push(Line::from(Span::styled(ctx.s.area_legend, theme.dim())));
    lines
}

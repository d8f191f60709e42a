//! The risk events of the selected entry, recorded during the interview:
//! add one from the catalogue of typical events (found by typing) or as
//! free text, edit it, tick its enabling factors, remove it (after a
//! confirmation), and choose the entry's risk area.

use super::line::{scrolled, LineEdit};
use super::{boxed, Overlay};
use crate::review::risk::{find_in_catalogue, Area, EventChange, Factor, RiskEvent};
use crate::review::ReviewKey;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::Mode;
use crate::tui::saver::Op;
use crate::tui::view::hanging;
use crate::tui::view::spans::safe;
use crate::tui::view::Ctx;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub const MIN: (u16, u16) = (36, 12);

/// Which part of the overlay has the keyboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    List,
    /// Writing an event's text (`editing`: the event being changed), with
    /// suggestions from the catalogue; `pick` is the suggestion chosen.
    Text {
        edit: LineEdit,
        editing: Option<crate::model::EventId>,
        pick: Option<usize>,
    },
    /// Ticking the factors of a new event (`text`) or of `editing`.
    Factors {
        text: String,
        editing: Option<crate::model::EventId>,
        marks: [bool; 8],
        row: usize,
    },
    Area {
        row: usize,
    },
    Confirm {
        id: crate::model::EventId,
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

fn marks_of(factors: &[Factor]) -> [bool; 8] {
    let mut m = [false; 8];
    for (i, f) in Factor::all().iter().copied().enumerate() {
        m[i] = factors.contains(&f);
    }
    m
}

fn factors_of(marks: &[bool; 8]) -> Vec<Factor> {
    Factor::all()
        .iter()
        .copied()
        .zip(marks)
        .filter(|(_, m)| **m)
        .map(|(f, _)| f)
        .collect()
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

    pub fn mode(&self) -> Mode {
        match self.stage {
            Stage::List => Mode::Events,
            Stage::Text { .. } => Mode::EventText,
            Stage::Factors { .. } => Mode::EventFactors,
            Stage::Area { .. } => Mode::EventArea,
            Stage::Confirm { .. } => Mode::Confirm,
        }
    }

    fn events<'a>(&self, app: &'a App) -> &'a [RiskEvent] {
        app.review.as_ref().map_or(&[], |r| r.events(&self.key))
    }

    fn area(&self, app: &App) -> Option<Area> {
        app.review.as_ref().and_then(|r| r.area(&self.key))
    }

    fn queue(app: &mut App, op: Op) {
        if let Some(r) = app.review.as_mut() {
            if let Err(e) = r.record(op) {
                app.message = Some(e);
            }
        }
    }

    pub fn handle(mut self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        let stage = std::mem::replace(&mut self.stage, Stage::List);
        self.stage = match stage {
            Stage::List => return self.list(app, action),
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
            Stage::Area { row } => self.choose_area(app, action, row),
            Stage::Confirm { id } => match action {
                Action::Yes => {
                    Self::queue(app, Op::RemoveEvent { id });
                    app.message = Some(format!("{} {id}", app.strings().event_removed));
                    Stage::List
                }
                Action::No | Action::Close => Stage::List,
                _ => Stage::Confirm { id },
            },
        };
        Overlay::Events(self)
    }

    fn list(mut self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        let events = self.events(app).to_vec();
        let last = events.len().saturating_sub(1);
        match action {
            Action::Close => return app.next_conflict().unwrap_or_default(),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::New => {
                self.stage = Stage::Text {
                    edit: LineEdit::default(),
                    editing: None,
                    pick: None,
                }
            }
            Action::Edit | Action::Accept => {
                if let Some(e) = events.get(self.selected) {
                    self.stage = Stage::Text {
                        edit: LineEdit::new(&e.text),
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
                        marks: marks_of(&e.factors),
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
                    .copied()
                    .position(|a| Some(a) == current)
                    .unwrap_or(0);
                self.stage = Stage::Area { row };
            }
            _ => {}
        }
        Overlay::Events(self)
    }

    fn text(
        &mut self,
        app: &mut App,
        action: Action,
        mut edit: LineEdit,
        editing: Option<crate::model::EventId>,
        mut pick: Option<usize>,
    ) -> Stage {
        let list = find_in_catalogue(&edit.text, self.area(app).or(self.suggested));
        match action {
            Action::Close => return Stage::List,
            Action::Down => {
                pick = Some(pick.map_or(0, |p| (p + 1).min(list.len().saturating_sub(1))))
                    .filter(|_| !list.is_empty())
            }
            Action::Up => pick = pick.and_then(|p| p.checked_sub(1)),
            // A changed text drops the suggestion chosen.
            Action::EditorKey(k) if edit.key(&k) => pick = None,
            Action::InsertText(t) => edit.paste(&t),
            Action::Accept => {
                let (text, factors) = match pick.and_then(|p| list.get(p)) {
                    Some(s) => (s.text.to_string(), s.factors.clone()),
                    None if !edit.is_blank() => (edit.text.trim().to_string(), Vec::new()),
                    None => {
                        return Stage::Text {
                            edit,
                            editing,
                            pick,
                        }
                    }
                };
                return match editing {
                    // A changed text is recorded at once; factors stay.
                    Some(id) => {
                        Self::queue(
                            app,
                            Op::SetEvent {
                                id,
                                change: EventChange {
                                    text: Some(text),
                                    ..Default::default()
                                },
                            },
                        );
                        Stage::List
                    }
                    None => Stage::Factors {
                        text,
                        editing: None,
                        marks: marks_of(&factors),
                        row: 0,
                    },
                };
            }
            _ => {}
        }
        Stage::Text {
            edit,
            editing,
            pick,
        }
    }

    fn factors(
        &mut self,
        app: &mut App,
        action: Action,
        text: String,
        editing: Option<crate::model::EventId>,
        mut marks: [bool; 8],
        mut row: usize,
    ) -> Stage {
        match action {
            Action::Close => return Stage::List,
            Action::Up => row = row.saturating_sub(1),
            Action::Down => row = (row + 1).min(7),
            Action::Mark => marks[row] = !marks[row],
            Action::EditorKey(k) => {
                if let crossterm::event::KeyCode::Char(c @ '1'..='8') = k.code {
                    let i = c as usize - '1' as usize;
                    marks[i] = !marks[i];
                    row = i;
                }
            }
            Action::Accept => {
                let factors = factors_of(&marks);
                match editing {
                    Some(id) => {
                        let old = self
                            .events(app)
                            .iter()
                            .find(|e| e.id == id)
                            .map(|e| e.factors.clone())
                            .unwrap_or_default();
                        let change = EventChange {
                            add: factors
                                .iter()
                                .filter(|f| !old.contains(f))
                                .copied()
                                .collect(),
                            remove: old
                                .iter()
                                .filter(|f| !factors.contains(f))
                                .copied()
                                .collect(),
                            ..Default::default()
                        };
                        Self::queue(app, Op::SetEvent { id, change });
                    }
                    None => {
                        Self::queue(
                            app,
                            Op::AddEvent {
                                key: self.key.clone(),
                                title: self.title.clone(),
                                text,
                                factors,
                            },
                        );
                        app.message = Some(app.strings().event_added.to_string());
                        self.selected = self.events(app).len();
                    }
                }
                return Stage::List;
            }
            _ => {}
        }
        Stage::Factors {
            text,
            editing,
            marks,
            row,
        }
    }

    fn choose_area(&mut self, app: &mut App, action: Action, mut row: usize) -> Stage {
        let n = Area::all().iter().copied().count();
        match action {
            Action::Close => return Stage::List,
            Action::Up => row = row.saturating_sub(1),
            Action::Down => row = (row + 1).min(n - 1),
            Action::Accept => {
                if let Some(area) = Area::all().iter().copied().nth(row) {
                    Self::queue(
                        app,
                        Op::SetArea {
                            key: self.key.clone(),
                            title: self.title.clone(),
                            area,
                        },
                    );
                }
                return Stage::List;
            }
            _ => {}
        }
        Stage::Area { row }
    }

    pub fn draw(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
                if key == self.key {
                    after.push(Line::from(Span::styled(
                        format!("…    {} ({})", safe(&text), s.waiting_short),
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
        edit: &LineEdit,
        pick: Option<usize>,
        width: u16,
        room: usize,
    ) -> Vec<Line<'static>> {
        let (g, s, theme) = (ctx.g, ctx.s, &ctx.theme);
        let mut lines = vec![Line::from(vec![
            Span::raw(g.prompt),
            Span::raw(safe(&edit.text)),
            Span::raw(g.cursor),
        ])];
        lines.extend(hanging("", s.events_suggestions, width, theme.dim()));
        let list = find_in_catalogue(&edit.text, self.area(ctx.app).or(self.suggested));
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
    marks: &[bool; 8],
    row: usize,
    width: u16,
) -> Vec<Line<'static>> {
    let theme = &ctx.theme;
    let mut lines = hanging("", &safe(text), width, theme.bold());
    for (i, f) in Factor::all().iter().copied().enumerate() {
        let mark = if marks[i] { "[x]" } else { "[ ]" };
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

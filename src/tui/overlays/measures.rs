//! The measures treating the selected entry: each with its owner, due date
//! and state (overdue marked); a form to add one against an event or the
//! entry, to change one, to record a monitoring check, and the checks of a
//! measure, each of which can be corrected or removed. A form that records
//! a fact (the state a check found, the type of a measure) starts with
//! nothing chosen; Ctrl-S saves from any field; leaving a form with text
//! typed asks first.

use super::scroll::scrolled;
use super::{boxed, Command, Kind, Overlay};
use crate::model::{CheckId, MeasureId};
use crate::review::measures::{
    Check, CheckFields, Kind as MeasureKind, Measure, MeasureFields, MeasureType, State, Target,
};
use crate::review::ReviewKey;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{b, ch, ctrl, line_editing, plain, shift, t, Binding, Mode, Typing};
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

pub const LIST: Mode = Mode::new("measures", Typing::Nothing);
pub const CHECKS: Mode = Mode::new("measure-checks", Typing::Nothing);
pub const FORM: Mode = Mode::new("measure-form", Typing::Nothing);
pub const TEXT: Mode = Mode::new("measure-text", Typing::Line);
/// "Leave the form and what was typed in it?"
pub const ASK: Mode = Mode::new("measure-ask", Typing::Nothing);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::OpenMeasures],
        min: MIN,
        open: Some(|app| {
            let (key, title) = app.review_target()?;
            let node = app.selected_node().ok_or_else(String::new)?;
            let owner = crate::display::responsible(&app.dataset().nodes[node]);
            Ok(Box::new(MeasuresOverlay::new(key, title, owner)))
        }),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let list: &'static [Mode] = &[LIST];
    let lists: &'static [Mode] = &[LIST, CHECKS];
    let checks: &'static [Mode] = &[CHECKS];
    let form: &'static [Mode] = &[FORM];
    let text: &'static [Mode] = &[TEXT];
    let forms: &'static [Mode] = &[FORM, TEXT];
    let ask: &'static [Mode] = &[ASK];
    let mut rows = vec![
        b!(lists, [plain(Up)], Action::Up, None, None),
        b!(lists, [plain(Down)], Action::Down, None, None),
        b!(list, [ch('n'), plain(Insert)], Action::New, None, t("nuova", "new")),
        b!(list, [ch('m'), plain(Enter)], Action::Monitor, None, t("monitoraggio", "monitoring")),
        b!(list, [ch('e')], Action::Edit, None, t("modifica", "edit")),
        b!(list, [ch('v')], Action::Checks, None, t("verifiche", "checks")),
        b!(list, [ch('x'), plain(Delete)], Action::Remove, None, t("elimina", "remove")),
        b!(checks, [plain(Enter), ch('e')], Action::Edit, None, t("correggi", "correct")),
        b!(checks, [ch('x'), plain(Delete)], Action::Remove, None, t("elimina", "remove")),
        b!(lists, [plain(Esc)], Action::Close, None, t("chiude", "closes")),
        b!(form, [plain(Up), shift(BackTab), plain(BackTab)], Action::FormUp, None, t("riga", "row")),
        b!(form, [plain(Down), plain(Tab)], Action::FormDown, None, t("riga", "row")),
        b!(form, [plain(Left)], Action::FormPrev, None, t("valore", "value")),
        b!(form, [plain(Right), ch(' ')], Action::FormNext, None, t("valore", "value")),
        b!(form, [plain(Enter)], Action::FormEdit, None, t("scrivi", "type")),
        b!(forms, [ctrl('s')], Action::Save, None, t("salva", "save")),
        b!(form, [plain(Esc)], Action::Close, None, t("annulla", "cancel")),
        b!(text, [plain(Enter), plain(Esc), plain(Tab)], Action::Accept, None, t("fine campo", "end field")),
        b!(ask, [ch('s'), ch('y')], Action::Yes, None, t("sì, scarta", "yes, discard")),
        b!(ask, [ch('n'), plain(Esc)], Action::No, None, t("no, torna al modulo", "no, back to the form")),
    ];
    rows.extend(line_editing(text));
    rows
}

/// A field of one of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Text,
    Kind,
    Type,
    Owner,
    Due,
    Indicator,
    Target,
    Treats,
    Date,
    State,
    Value,
    Evidence,
    Note,
}

const NEW_ROWS: [Row; 8] = [
    Row::Text,
    Row::Kind,
    Row::Type,
    Row::Owner,
    Row::Due,
    Row::Indicator,
    Row::Target,
    Row::Treats,
];
/// What a changed measure keeps: what it treats is changed with
/// `mappa measure link` / `unlink`.
const EDIT_ROWS: [Row; 7] = [
    Row::Text,
    Row::Kind,
    Row::Type,
    Row::Owner,
    Row::Due,
    Row::Indicator,
    Row::Target,
];
const CHECK_ROWS: [Row; 5] = [Row::Date, Row::State, Row::Value, Row::Evidence, Row::Note];

impl Row {
    fn is_text(self) -> bool {
        !matches!(self, Row::Kind | Row::Type | Row::Treats | Row::State)
    }
}

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    New,
    /// Changing a measure's fields.
    Edit(MeasureId),
    /// A monitoring check of a measure.
    Check(MeasureId),
    /// Correcting a check.
    Correct(CheckId),
}

/// A form being filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub purpose: Purpose,
    pub row: usize,
    pub editing: bool,
    pub texts: Vec<(Row, LineEditor)>,
    /// None until chosen: a fact is never recorded by default.
    pub kind: Option<MeasureKind>,
    pub kind_of: Option<MeasureType>,
    pub state: Option<State>,
    /// 0: the entry itself; i: its i-th event.
    pub treats: usize,
    /// The form as it opened, to know whether anything was typed.
    start: Option<Box<Form>>,
}

impl Form {
    fn rows(&self) -> &'static [Row] {
        match self.purpose {
            Purpose::New => &NEW_ROWS,
            Purpose::Edit(_) => &EDIT_ROWS,
            Purpose::Check(_) | Purpose::Correct(_) => &CHECK_ROWS,
        }
    }

    fn text(&self, row: Row) -> &str {
        self.texts
            .iter()
            .find(|(r, _)| *r == row)
            .map_or("", |(_, e)| e.text())
    }

    fn edit(&mut self, row: Row) -> Option<&mut LineEditor> {
        self.texts
            .iter_mut()
            .find(|(r, _)| *r == row)
            .map(|(_, e)| e)
    }

    fn opened(mut self) -> Form {
        self.start = Some(Box::new(Form {
            start: None,
            ..self.clone()
        }));
        self
    }

    /// Whether anything differs from how the form opened.
    fn touched(&self) -> bool {
        self.start.as_ref().is_some_and(|s| {
            s.texts
                .iter()
                .map(|(_, e)| e.text())
                .ne(self.texts.iter().map(|(_, e)| e.text()))
                || s.kind != self.kind
                || s.kind_of != self.kind_of
                || s.state != self.state
                || s.treats != self.treats
        })
    }

    /// What was typed, for a recovery file when it cannot be recorded.
    fn summary(&self, key: &ReviewKey) -> String {
        let fields: Vec<String> = self
            .texts
            .iter()
            .filter(|(_, e)| !e.is_blank())
            .map(|(r, e)| format!("{r:?}: {}", e.text()))
            .collect();
        format!(
            "{:?} su {} {}: {}",
            self.purpose,
            key.dataset,
            key.display(),
            fields.join("; ")
        )
    }
}

fn line(text: &str) -> LineEditor {
    LineEditor::new(text).with_limit(crate::review::limits::MAX_TEXT)
}

/// Where the overlay is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    List,
    /// The checks of a measure.
    Checks {
        measure: MeasureId,
        selected: usize,
    },
    /// A form, and whether leaving it is being asked.
    Form {
        form: Form,
        asking: bool,
    },
    /// Removing a measure or a check, asked.
    Confirm {
        what: Remove,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Remove {
    Measure(MeasureId),
    Check(MeasureId, CheckId),
}

#[derive(Debug, Clone)]
pub struct MeasuresOverlay {
    pub key: ReviewKey,
    pub title: String,
    /// The entry's responsible office, offered as the owner.
    owner: String,
    pub selected: usize,
    stage: Stage,
}

impl MeasuresOverlay {
    pub fn new(key: ReviewKey, title: String, owner: String) -> Self {
        MeasuresOverlay {
            key,
            title,
            owner,
            selected: 0,
            stage: Stage::List,
        }
    }

    /// The form open, if any.
    pub fn form(&self) -> Option<&Form> {
        match &self.stage {
            Stage::Form { form, .. } => Some(form),
            _ => None,
        }
    }

    fn measures<'a>(&self, app: &'a App) -> Vec<&'a Measure> {
        app.review
            .as_ref()
            .map(|r| r.measures(&self.key))
            .unwrap_or_default()
    }

    fn new_form(&self) -> Form {
        Form {
            purpose: Purpose::New,
            row: 0,
            editing: true,
            texts: vec![
                (Row::Text, line("")),
                (Row::Owner, line(&self.owner)),
                (Row::Due, line("")),
                (Row::Indicator, line("")),
                (Row::Target, line("")),
            ],
            kind: None,
            kind_of: None,
            state: None,
            treats: 0,
            start: None,
        }
        .opened()
    }

    fn check_form(purpose: Purpose, check: Option<&Check>, today: jiff::civil::Date) -> Form {
        let text = |f: fn(&Check) -> &str| check.map_or("", f).to_string();
        Form {
            purpose,
            // The state first: it is what the check found.
            row: 1,
            editing: false,
            texts: vec![
                (
                    Row::Date,
                    line(&check.map_or(today, |c| c.date).to_string()),
                ),
                (Row::Value, line(&text(|c| &c.value))),
                (Row::Evidence, line(&text(|c| &c.evidence))),
                (Row::Note, line(&text(|c| &c.note))),
            ],
            kind: None,
            kind_of: None,
            state: check.map(|c| c.state),
            treats: 0,
            start: None,
        }
        .opened()
    }

    fn edit_form(m: &Measure) -> Form {
        Form {
            purpose: Purpose::Edit(m.id),
            row: 0,
            editing: false,
            texts: vec![
                (Row::Text, line(&m.text)),
                (Row::Owner, line(&m.owner)),
                (Row::Due, line(&m.due.to_string())),
                (Row::Indicator, line(&m.indicator)),
                (Row::Target, line(&m.target)),
            ],
            kind: Some(m.kind),
            kind_of: Some(m.kind_of),
            state: None,
            treats: 0,
            start: None,
        }
        .opened()
    }

    fn checks<'a>(&self, app: &'a App, measure: MeasureId) -> Vec<&'a Check> {
        app.review
            .as_ref()
            .and_then(|r| r.all_measures().iter().find(|m| m.id == measure))
            .map(|m| m.monitoring.iter().rev().collect())
            .unwrap_or_default()
    }

    fn list(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let list = self.measures(app);
        let last = list.len().saturating_sub(1);
        let chosen = list.get(self.selected).copied();
        match action {
            Action::Close => return vec![Command::Close],
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::New => {
                self.stage = Stage::Form {
                    form: self.new_form(),
                    asking: false,
                }
            }
            Action::Monitor | Action::Accept => {
                if let Some(m) = chosen {
                    self.stage = Stage::Form {
                        form: Self::check_form(Purpose::Check(m.id), None, app.options.today),
                        asking: false,
                    };
                }
            }
            Action::Edit => {
                if let Some(m) = chosen {
                    self.stage = Stage::Form {
                        form: Self::edit_form(m),
                        asking: false,
                    };
                }
            }
            Action::Checks => {
                if let Some(m) = chosen {
                    self.stage = Stage::Checks {
                        measure: m.id,
                        selected: 0,
                    };
                }
            }
            Action::Remove => {
                if let Some(m) = chosen {
                    self.stage = Stage::Confirm {
                        what: Remove::Measure(m.id),
                    };
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn checks_list(
        &mut self,
        action: &Action,
        app: &App,
        measure: MeasureId,
        mut selected: usize,
    ) -> Vec<Command> {
        let checks = self.checks(app, measure);
        let chosen = checks.get(selected).copied();
        match action {
            Action::Close => {
                self.stage = Stage::List;
                return Vec::new();
            }
            Action::Up => selected = selected.saturating_sub(1),
            Action::Down => selected = (selected + 1).min(checks.len().saturating_sub(1)),
            Action::Edit | Action::Accept => {
                if let Some(c) = chosen {
                    self.stage = Stage::Form {
                        form: Self::check_form(Purpose::Correct(c.id), Some(c), app.options.today),
                        asking: false,
                    };
                    return Vec::new();
                }
            }
            Action::Remove => {
                if let Some(c) = chosen {
                    self.stage = Stage::Confirm {
                        what: Remove::Check(measure, c.id),
                    };
                    return Vec::new();
                }
            }
            _ => {}
        }
        self.stage = Stage::Checks { measure, selected };
        Vec::new()
    }

    fn form_action(
        &mut self,
        action: &Action,
        app: &App,
        mut form: Form,
        asking: bool,
    ) -> Vec<Command> {
        if asking {
            match action {
                Action::Yes => {
                    self.stage = Stage::List;
                    return Vec::new();
                }
                _ => {
                    self.stage = Stage::Form {
                        form,
                        asking: false,
                    };
                    return Vec::new();
                }
            }
        }
        let rows = form.rows();
        let row = rows[form.row.min(rows.len() - 1)];
        let mut out = Vec::new();
        match action {
            Action::Save => match self.save(app, &form) {
                Ok(cmds) => {
                    self.stage = Stage::List;
                    return cmds;
                }
                Err(message) => out.push(Command::Say(message)),
            },
            _ if form.editing => match action {
                Action::Accept | Action::Close => form.editing = false,
                Action::Line(e) => {
                    if let Some(ed) = form.edit(row) {
                        ed.apply(e);
                    }
                }
                Action::InsertText(t) => {
                    if let Some(ed) = form.edit(row) {
                        ed.apply(&Edit::Paste(t.clone()));
                    }
                }
                _ => {}
            },
            Action::Close => {
                if form.touched() {
                    self.stage = Stage::Form { form, asking: true };
                    return Vec::new();
                }
                self.stage = Stage::List;
                return Vec::new();
            }
            Action::FormUp => form.row = form.row.saturating_sub(1),
            Action::FormDown => form.row = (form.row + 1).min(rows.len() - 1),
            Action::FormPrev | Action::FormNext => {
                let forward = *action == Action::FormNext;
                let events = app
                    .review
                    .as_ref()
                    .map(|r| r.events(&self.key).len())
                    .unwrap_or(0);
                match row {
                    Row::Kind => form.kind = cycle(form.kind, MeasureKind::all(), forward),
                    Row::Type => form.kind_of = cycle(form.kind_of, MeasureType::all(), forward),
                    Row::State => form.state = cycle(form.state, State::all(), forward),
                    Row::Treats => {
                        let n = events + 1;
                        form.treats = if forward {
                            (form.treats + 1) % n
                        } else {
                            (form.treats + n - 1) % n
                        }
                    }
                    _ => form.editing = true,
                }
            }
            Action::FormEdit if row.is_text() => form.editing = true,
            _ => {}
        }
        self.stage = Stage::Form {
            form,
            asking: false,
        };
        out
    }

    /// The form as a record; a message saying what is missing otherwise.
    fn save(&self, app: &App, form: &Form) -> Result<Vec<Command>, String> {
        let s = app.strings();
        let check_fields = || -> Result<CheckFields, String> {
            let Some(date) = crate::review::time::parse_date(form.text(Row::Date)) else {
                return Err(s.date_needed.to_string());
            };
            let Some(state) = form.state else {
                return Err(s.state_needed.to_string());
            };
            Ok(CheckFields {
                date,
                state,
                value: form.text(Row::Value).trim().to_string(),
                evidence: form.text(Row::Evidence).trim().to_string(),
                note: form.text(Row::Note).trim().to_string(),
            })
        };
        let op = match &form.purpose {
            Purpose::Check(id) => Op::Monitor {
                id: *id,
                record: check_fields()?,
            },
            Purpose::Correct(id) => Op::SetCheck {
                id: *id,
                record: check_fields()?,
            },
            purpose => {
                let due = crate::review::time::parse_date(form.text(Row::Due));
                if form.text(Row::Text).trim().is_empty()
                    || form.text(Row::Owner).trim().is_empty()
                    || due.is_none()
                    || form.kind.is_none()
                    || form.kind_of.is_none()
                {
                    return Err(s.measure_needs.to_string());
                }
                let fields = MeasureFields {
                    text: Some(form.text(Row::Text).trim().to_string()),
                    kind: form.kind,
                    kind_of: form.kind_of,
                    owner: Some(owner_as_named(app, form.text(Row::Owner))),
                    due: due.map(Some),
                    phases: None,
                    indicator: Some(form.text(Row::Indicator).trim().to_string()),
                    target: Some(form.text(Row::Target).trim().to_string()),
                    target_date: None,
                };
                match purpose {
                    Purpose::Edit(id) => Op::SetMeasure { id: *id, fields },
                    _ => {
                        let events = app
                            .review
                            .as_ref()
                            .map(|r| r.events(&self.key).to_vec())
                            .unwrap_or_default();
                        let event = form
                            .treats
                            .checked_sub(1)
                            .and_then(|i| events.get(i))
                            .map(|e| e.id);
                        Op::AddMeasure {
                            fields: MeasureFields {
                                phases: Some(Vec::new()),
                                ..fields
                            },
                            targets: vec![Target {
                                event,
                                key: self.key.clone(),
                                title: self.title.clone(),
                            }],
                        }
                    }
                }
            }
        };
        let said = match op {
            Op::Monitor { .. } | Op::SetCheck { .. } => s.check_saved,
            _ => s.measure_saved,
        };
        Ok(vec![Command::Record(op), Command::Say(said.to_string())])
    }
}

/// The next value of a vocabulary, from none (not yet chosen).
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T], forward: bool) -> Option<T> {
    let n = all.len();
    let i = current.and_then(|c| all.iter().position(|v| *v == c));
    Some(match (i, forward) {
        (None, true) => all[0],
        (None, false) => all[n - 1],
        (Some(i), true) => all[(i + 1) % n],
        (Some(i), false) => all[(i + n - 1) % n],
    })
}

impl Overlay for MeasuresOverlay {
    fn name(&self) -> &'static str {
        "measures"
    }

    fn mode(&self) -> Mode {
        match &self.stage {
            Stage::List => LIST,
            Stage::Checks { .. } => CHECKS,
            Stage::Form { asking: true, .. } => ASK,
            Stage::Form { form, .. } if form.editing => TEXT,
            Stage::Form { .. } => FORM,
            Stage::Confirm { .. } => Mode::CONFIRM,
        }
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn keep(&self, app: &App) -> Vec<Command> {
        // A form ended now: recorded if it can be, else what was typed is
        // kept in the recovery file.
        match &self.stage {
            Stage::Form { form, .. } if form.touched() => match self.save(app, form) {
                Ok(cmds) => cmds,
                Err(_) => vec![Command::Keep(form.summary(&self.key))],
            },
            _ => Vec::new(),
        }
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let stage = std::mem::replace(&mut self.stage, Stage::List);
        match stage {
            Stage::List => self.list(action, app),
            Stage::Checks { measure, selected } => self.checks_list(action, app, measure, selected),
            Stage::Form { form, asking } => self.form_action(action, app, form, asking),
            Stage::Confirm { what } => match action {
                Action::Yes => match what {
                    Remove::Measure(id) => vec![
                        Command::Record(Op::RemoveMeasure { id }),
                        Command::Say(format!("{} {id}", app.strings().measure_removed)),
                    ],
                    Remove::Check(measure, id) => {
                        self.stage = Stage::Checks {
                            measure,
                            selected: 0,
                        };
                        vec![
                            Command::Record(Op::RemoveCheck { id }),
                            Command::Say(format!("{} {id}", app.strings().check_removed)),
                        ]
                    }
                },
                _ => {
                    self.stage = match what {
                        Remove::Check(measure, _) => Stage::Checks {
                            measure,
                            selected: 0,
                        },
                        Remove::Measure(_) => Stage::List,
                    };
                    Vec::new()
                }
            },
        }
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        let title = format!(
            "{}{}{}",
            ctx.s.measures_title,
            ctx.g.dot,
            safe(&self.key.display())
        );
        let body = boxed::open(ctx, frame, area, 100, &title, self.mode());
        let lines = match &self.stage {
            Stage::List => self.list_lines(ctx, body, None),
            Stage::Confirm { what } => self.list_lines(ctx, body, Some(*what)),
            Stage::Checks { measure, selected } => {
                self.check_lines(ctx, *measure, *selected, body, None)
            }
            Stage::Form { form, asking } => {
                let mut lines = self.form_lines(ctx, form, body.width);
                if *asking {
                    lines.push(Line::default());
                    lines.push(Line::from(Span::styled(
                        ctx.s.discard_form_question,
                        ctx.theme.warning(),
                    )));
                }
                lines
            }
        };
        let lines = match (&self.stage, lines) {
            (
                Stage::Confirm {
                    what: Remove::Check(m, c),
                },
                _,
            ) => {
                let mut l = self.check_lines(ctx, *m, 0, body, Some(*c));
                l.push(Line::default());
                l
            }
            (_, l) => l,
        };
        boxed::body(frame, body, lines);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl MeasuresOverlay {
    /// The measures treating the entry: text and the events it treats, then
    /// due date, state (overdue marked) and owner; the question before a
    /// removal.
    fn list_lines(&self, ctx: &Ctx, body: Rect, removing: Option<Remove>) -> Vec<Line<'static>> {
        let (g, theme, s, app) = (ctx.g, &ctx.theme, ctx.s, ctx.app);
        let list = self.measures(app);
        let mut lines = Vec::new();
        if list.is_empty() {
            lines.push(Line::from(Span::styled(s.no_measures, theme.dim())));
        }
        let today = app.options.today;
        let items: Vec<Vec<Line<'static>>> = list
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let style = if i == self.selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                let state = m.state().map_or(s.to_monitor, |st| {
                    crate::tui::strings::state_label(app.options.lang, st)
                });
                let treats: Vec<String> = m
                    .targets
                    .iter()
                    .filter(|t| t.key == self.key)
                    .filter_map(|t| t.event.map(|e| e.to_string()))
                    .collect();
                let mut text = safe(&m.text);
                if !treats.is_empty() {
                    text = format!("{text} ({})", treats.join(", "));
                }
                let mut item = hanging(
                    &format!("{:<4} ", m.id.to_string()),
                    &text,
                    body.width,
                    style,
                );
                // Date and state first: they are what a check looks for.
                let mut when = vec![Span::styled(
                    format!("     {} {}{}[{state}]", s.due_by, m.due, g.dot),
                    theme.dim(),
                )];
                if m.overdue(today) {
                    when.push(Span::styled(
                        format!(" {}{}", g.warn, s.overdue),
                        theme.warning(),
                    ));
                }
                item.push(Line::from(when));
                item.extend(hanging("     ", &safe(&m.owner), body.width, theme.dim()));
                item
            })
            .collect();
        let mut after = Vec::new();
        if let Some(Remove::Measure(id)) = removing {
            after.push(Line::from(Span::styled(
                format!("{} {id}? ({})", s.remove_question, s.yes_no),
                theme.warning(),
            )));
        }
        let room = (body.height as usize).saturating_sub(lines.len() + after.len());
        lines.extend(scrolled(items, self.selected, room));
        lines.extend(after);
        lines
    }

    /// A measure's checks, newest first.
    fn check_lines(
        &self,
        ctx: &Ctx,
        measure: MeasureId,
        selected: usize,
        body: Rect,
        removing: Option<CheckId>,
    ) -> Vec<Line<'static>> {
        let (theme, s, app) = (&ctx.theme, ctx.s, ctx.app);
        let checks = self.checks(app, measure);
        let mut lines = vec![Line::from(Span::styled(
            format!("{} {measure}", s.checks_title),
            theme.bold(),
        ))];
        if checks.is_empty() {
            lines.push(Line::from(Span::styled(s.no_checks, theme.dim())));
        }
        let items: Vec<Vec<Line<'static>>> = checks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let style = if i == selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                let mut text = format!(
                    "{} · {}",
                    c.date,
                    crate::tui::strings::state_label(app.options.lang, c.state)
                );
                if !c.value.is_empty() {
                    text.push_str(&format!(" · {}", safe(&c.value)));
                }
                let mut item = hanging(
                    &format!("{:<4} ", c.id.to_string()),
                    &text,
                    body.width,
                    style,
                );
                if !c.evidence.is_empty() || !c.note.is_empty() {
                    let more = [c.evidence.as_str(), c.note.as_str()]
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .map(safe)
                        .collect::<Vec<_>>()
                        .join(" · ");
                    item.extend(hanging("     ", &more, body.width, theme.dim()));
                }
                item
            })
            .collect();
        let mut after = Vec::new();
        if let Some(id) = removing {
            after.push(Line::from(Span::styled(
                format!("{} {id}? ({})", s.remove_question, s.yes_no),
                theme.warning(),
            )));
        }
        let room = (body.height as usize).saturating_sub(lines.len() + after.len());
        lines.extend(scrolled(items, selected, room));
        lines.extend(after);
        lines
    }

    fn value(&self, ctx: &Ctx, form: &Form, row: Row, focused: bool) -> String {
        let app = ctx.app;
        let (lang, s) = (app.options.lang, ctx.s);
        match row {
            Row::Kind => form.kind.map_or(s.choose, |k| k.label_in(lang)).to_string(),
            Row::Type => form
                .kind_of
                .map_or(s.choose, |k| k.label_in(lang))
                .to_string(),
            Row::State => form
                .state
                .map_or(s.choose, |st| crate::tui::strings::state_label(lang, st))
                .to_string(),
            Row::Treats => {
                let events = app
                    .review
                    .as_ref()
                    .map(|r| r.events(&self.key).to_vec())
                    .unwrap_or_default();
                match form.treats.checked_sub(1).and_then(|i| events.get(i)) {
                    Some(e) => format!("{} {}", e.id, safe(&e.text)),
                    None => s.whole_entry.to_string(),
                }
            }
            r => form
                .texts
                .iter()
                .find(|(x, _)| *x == r)
                .map(|(_, e)| crate::tui::widgets::line_text(ctx, e, focused))
                .unwrap_or_default(),
        }
    }

    /// A form: its heading, then one row per field (the one being typed
    /// with the cursor).
    fn form_lines(&self, ctx: &Ctx, form: &Form, width: u16) -> Vec<Line<'static>> {
        let (theme, s, app) = (&ctx.theme, ctx.s, ctx.app);
        let heading = match &form.purpose {
            Purpose::Check(id) => format!("{} {id}", s.check_title),
            Purpose::Correct(id) => format!("{} {id}", s.correct_check),
            Purpose::Edit(id) => format!("{} {id}", s.edit_measure),
            Purpose::New => s.new_measure.to_string(),
        };
        let mut lines = vec![Line::from(Span::styled(heading, theme.bold()))];
        for (i, row) in form.rows().iter().enumerate() {
            let selected = i == form.row;
            let value = self.value(ctx, form, *row, selected && form.editing);
            let (label_style, value_style) = if selected {
                (theme.selected(), theme.selected())
            } else {
                (Style::new(), theme.label())
            };
            let label = format!(
                "{:<16} ",
                crate::tui::strings::measure_row_label(app.options.lang, *row)
            );
            let mut row_lines = hanging(&label, &value, width, value_style);
            if let Some(span) = row_lines.first_mut().and_then(|l| l.spans.first_mut()) {
                span.style = label_style;
            }
            lines.extend(row_lines);
        }
        lines
    }
}

/// The owner as the map names it when it is one of its roles or offices
/// (the same normalisation as `mappa who`), else as written.
fn owner_as_named(app: &App, written: &str) -> String {
    let key = crate::roles::role_key(written);
    app.parties()
        .parties
        .iter()
        .find(|p| p.key == key)
        .map_or_else(|| written.trim().to_string(), |p| p.name.clone())
}

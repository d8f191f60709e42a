//! The measures treating the selected entry: each with its owner, due date
//! and state (overdue marked); a form to add one against an event or the
//! entry, and one to record a monitoring check.

use super::line::{scrolled, LineEdit};
use super::{boxed, Overlay};
use crate::review::measures::{
    CheckFields, Kind, Measure, MeasureFields, MeasureType, State, Target,
};
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

/// A field of one of the two forms.
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
    /// Changing measure `M3`'s fields.
    Edit(crate::model::MeasureId),
    /// A monitoring check of measure `M3`.
    Check(crate::model::MeasureId),
}

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

/// A form being filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub purpose: Purpose,
    pub row: usize,
    pub editing: bool,
    pub texts: Vec<(Row, LineEdit)>,
    pub kind: usize,
    pub kind_of: usize,
    pub state: usize,
    /// 0: the entry itself; i: its i-th event.
    pub treats: usize,
}

impl Form {
    fn rows(&self) -> &'static [Row] {
        match self.purpose {
            Purpose::New => &NEW_ROWS,
            Purpose::Edit(_) => &EDIT_ROWS,
            Purpose::Check(_) => &CHECK_ROWS,
        }
    }

    fn text(&self, row: Row) -> &str {
        self.texts
            .iter()
            .find(|(r, _)| *r == row)
            .map_or("", |(_, e)| e.text.as_str())
    }

    fn edit(&mut self, row: Row) -> Option<&mut LineEdit> {
        self.texts
            .iter_mut()
            .find(|(r, _)| *r == row)
            .map(|(_, e)| e)
    }
}

#[derive(Debug, Clone)]
pub struct MeasuresOverlay {
    pub key: ReviewKey,
    pub title: String,
    /// The entry's responsible office, offered as the owner.
    owner: String,
    pub selected: usize,
    pub form: Option<Form>,
}

impl MeasuresOverlay {
    pub fn new(key: ReviewKey, title: String, owner: String) -> Self {
        MeasuresOverlay {
            key,
            title,
            owner,
            selected: 0,
            form: None,
        }
    }

    pub fn mode(&self) -> Mode {
        match &self.form {
            None => Mode::Measures,
            Some(f) if f.editing => Mode::MeasureText,
            Some(_) => Mode::MeasureForm,
        }
    }

    fn measures<'a>(&self, app: &'a App) -> Vec<&'a crate::review::measures::Measure> {
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
                (Row::Text, LineEdit::default()),
                (Row::Owner, LineEdit::new(&self.owner)),
                (Row::Due, LineEdit::default()),
                (Row::Indicator, LineEdit::default()),
                (Row::Target, LineEdit::default()),
            ],
            kind: 1,
            kind_of: 0,
            state: 0,
            treats: 0,
        }
    }

    fn check_form(id: crate::model::MeasureId, today: jiff::civil::Date) -> Form {
        Form {
            purpose: Purpose::Check(id),
            row: 1,
            editing: false,
            texts: vec![
                (Row::Date, LineEdit::new(&today.to_string())),
                (Row::Value, LineEdit::default()),
                (Row::Evidence, LineEdit::default()),
                (Row::Note, LineEdit::default()),
            ],
            kind: 0,
            kind_of: 0,
            state: 0,
            treats: 0,
        }
    }

    fn edit_form(m: &Measure) -> Form {
        Form {
            purpose: Purpose::Edit(m.id),
            row: 0,
            editing: false,
            texts: vec![
                (Row::Text, LineEdit::new(&m.text)),
                (Row::Owner, LineEdit::new(&m.owner)),
                (Row::Due, LineEdit::new(&m.due.to_string())),
                (Row::Indicator, LineEdit::new(&m.indicator)),
                (Row::Target, LineEdit::new(&m.target)),
            ],
            kind: Kind::all()
                .iter()
                .copied()
                .position(|k| k == m.kind)
                .unwrap_or(1),
            kind_of: MeasureType::all()
                .iter()
                .copied()
                .position(|t| t == m.kind_of)
                .unwrap_or(0),
            state: 0,
            treats: 0,
        }
    }

    pub fn handle(mut self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        let Some(mut form) = self.form.take() else {
            let last = self.measures(app).len().saturating_sub(1);
            match action {
                Action::Close => return app.next_conflict().unwrap_or_default(),
                Action::Up => self.selected = self.selected.saturating_sub(1),
                Action::Down => self.selected = (self.selected + 1).min(last),
                Action::New => self.form = Some(self.new_form()),
                Action::Monitor | Action::Accept => {
                    if let Some(m) = self.measures(app).get(self.selected) {
                        self.form = Some(Self::check_form(m.id, app.options.today));
                    }
                }
                Action::Edit => {
                    if let Some(m) = self.measures(app).get(self.selected) {
                        self.form = Some(Self::edit_form(m));
                    }
                }
                _ => {}
            }
            return Overlay::Measures(self);
        };
        let rows = form.rows();
        let row = rows[form.row.min(rows.len() - 1)];
        if form.editing {
            match action {
                Action::Accept | Action::Close => form.editing = false,
                Action::EditorKey(k) => {
                    if let Some(e) = form.edit(row) {
                        e.key(&k);
                    }
                }
                Action::InsertText(t) => {
                    if let Some(e) = form.edit(row) {
                        e.paste(&t);
                    }
                }
                _ => {}
            }
            self.form = Some(form);
            return Overlay::Measures(self);
        }
        let events = app
            .review
            .as_ref()
            .map(|r| r.events(&self.key).len())
            .unwrap_or(0);
        match action {
            Action::Close => return Overlay::Measures(self),
            Action::FormUp => form.row = form.row.saturating_sub(1),
            Action::FormDown => form.row = (form.row + 1).min(rows.len() - 1),
            Action::FormPrev | Action::FormNext => {
                let step = |v: usize, n: usize| {
                    if action == Action::FormNext {
                        (v + 1) % n
                    } else {
                        (v + n - 1) % n
                    }
                };
                match row {
                    Row::Kind => form.kind = step(form.kind, 2),
                    Row::Type => {
                        form.kind_of =
                            step(form.kind_of, MeasureType::all().iter().copied().count())
                    }
                    Row::State => {
                        form.state = step(form.state, State::all().iter().copied().count())
                    }
                    Row::Treats => form.treats = step(form.treats, events + 1),
                    _ => form.editing = true,
                }
            }
            Action::FormEdit if row.is_text() => form.editing = true,
            // Saved: back to the list (the form is dropped).
            Action::Save if self.save(app, &form) => return Overlay::Measures(self),
            _ => {}
        }
        self.form = Some(form);
        Overlay::Measures(self)
    }

    /// Records the form; false (and a message) when a field is missing.
    fn save(&mut self, app: &mut App, form: &Form) -> bool {
        let s = app.strings();
        let op = match &form.purpose {
            Purpose::Check(id) => {
                let Some(date) = crate::review::time::parse_date(form.text(Row::Date)) else {
                    app.message = Some(s.date_needed.to_string());
                    return false;
                };
                Op::Monitor {
                    id: *id,
                    record: CheckFields {
                        date,
                        state: State::all()
                            .iter()
                            .copied()
                            .nth(form.state)
                            .unwrap_or(State::InCorso),
                        value: form.text(Row::Value).trim().to_string(),
                        evidence: form.text(Row::Evidence).trim().to_string(),
                        note: form.text(Row::Note).trim().to_string(),
                    },
                }
            }
            purpose => {
                let due = crate::review::time::parse_date(form.text(Row::Due));
                if form.text(Row::Text).trim().is_empty()
                    || form.text(Row::Owner).trim().is_empty()
                    || due.is_none()
                {
                    app.message = Some(s.measure_needs.to_string());
                    return false;
                }
                let fields = MeasureFields {
                    text: Some(form.text(Row::Text).trim().to_string()),
                    kind: Kind::all().iter().copied().nth(form.kind),
                    kind_of: MeasureType::all().iter().copied().nth(form.kind_of),
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
                        let target = Target {
                            event,
                            key: self.key.clone(),
                            title: self.title.clone(),
                        };
                        Op::AddMeasure {
                            fields: MeasureFields {
                                phases: Some(Vec::new()),
                                ..fields
                            },
                            targets: vec![target],
                        }
                    }
                }
            }
        };
        if let Some(r) = app.review.as_mut() {
            if let Err(e) = r.record(op) {
                app.message = Some(e);
                return false;
            }
        }
        app.message = Some(s.measure_saved.to_string());
        true
    }

    fn value(&self, app: &App, form: &Form, row: Row) -> String {
        let lang = app.options.lang;
        match row {
            Row::Kind => Kind::all()
                .iter()
                .copied()
                .nth(form.kind)
                .map_or("", |k| k.label())
                .to_string(),
            Row::Type => MeasureType::all()
                .iter()
                .copied()
                .nth(form.kind_of)
                .map_or("", |k| k.label())
                .to_string(),
            Row::State => State::all()
                .iter()
                .copied()
                .nth(form.state)
                .map_or("", |s| crate::tui::strings::state_label(lang, s))
                .to_string(),
            Row::Treats => {
                let events = app
                    .review
                    .as_ref()
                    .map(|r| r.events(&self.key).to_vec())
                    .unwrap_or_default();
                match form.treats.checked_sub(1).and_then(|i| events.get(i)) {
                    Some(e) => format!("{} {}", e.id, e.text),
                    None => app.strings().whole_entry.to_string(),
                }
            }
            r => form.text(r).to_string(),
        }
    }

    pub fn draw(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let title = format!(
            "{}{}{}",
            ctx.s.measures_title,
            ctx.g.dot,
            safe(&self.key.display())
        );
        let body = boxed::open(ctx, frame, area, 100, &title, self.mode());
        let lines = match &self.form {
            None => self.list_lines(ctx, body),
            Some(form) => self.form_lines(ctx, form, body.width),
        };
        boxed::body(frame, body, lines);
    }

    /// The measures treating the entry: text and the events it treats, then
    /// due date, state (overdue marked) and owner.
    fn list_lines(&self, ctx: &Ctx, body: Rect) -> Vec<Line<'static>> {
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
        let room = (body.height as usize).saturating_sub(lines.len());
        lines.extend(scrolled(items, self.selected, room));
        lines
    }

    /// A form: its heading, then one row per field (the one being typed
    /// with the cursor).
    fn form_lines(&self, ctx: &Ctx, form: &Form, width: u16) -> Vec<Line<'static>> {
        let (g, theme, s, app) = (ctx.g, &ctx.theme, ctx.s, ctx.app);
        let heading = match &form.purpose {
            Purpose::Check(id) => format!("{} {id}", s.check_title),
            Purpose::Edit(id) => format!("{} {id}", s.edit_measure),
            Purpose::New => s.new_measure.to_string(),
        };
        let mut lines = vec![Line::from(Span::styled(heading, theme.bold()))];
        for (i, row) in form.rows().iter().enumerate() {
            let selected = i == form.row;
            let value = self.value(app, form, *row);
            let cursor = if selected && form.editing {
                g.cursor
            } else {
                ""
            };
            let (label_style, value_style) = if selected {
                (theme.selected(), theme.selected())
            } else {
                (Style::new(), theme.label())
            };
            let label = format!(
                "{:<16} ",
                crate::tui::strings::measure_row_label(app.options.lang, *row)
            );
            let mut row_lines = hanging(
                &label,
                &format!("{}{cursor}", safe(&value)),
                width,
                value_style,
            );
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
fn owner_as_named(app: &mut App, written: &str) -> String {
    let key = crate::roles::role_key(written);
    app.parties()
        .parties
        .iter()
        .find(|p| p.key == key)
        .map_or_else(|| written.trim().to_string(), |p| p.name.clone())
}

//! The risk form: the six PNA 2019 indicators, the overall judgement and
//! its motivation. Levels are recorded as they are chosen; the judgement
//! with its motivation as soon as both are there (while the motivation is
//! typed, as a draft, so a dropped link loses nothing). A judgement is
//! never dropped silently: leaving it without a motivation keeps the form
//! open on the motivation, and leaving again asks first.

use super::{centered, Command, Kind, Overlay};
use crate::review::{Change, Indicator, Level, Review, ReviewKey};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{
    self, b, ch, ctrl, line_editing, plain, shift, t, Binding, Mode, Typing,
};
use crate::tui::strings;
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crate::tui::widgets::line::{Edit, LineEditor};
use crossterm::event::KeyCode::*;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN: (u16, u16) = (50, 12);

pub const MODE: Mode = Mode::new("risk", Typing::Nothing);
/// Typing the motivation.
pub const TEXT: Mode = Mode::new("risk-text", Typing::Line);
/// Asked whether to leave the judgement without its motivation.
pub const ASK: Mode = Mode::new("risk-ask", Typing::Nothing);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::OpenRiskForm],
        min: MIN,
        open: Some(|app| {
            let (key, title) = app.review_target()?;
            let state = app.review.as_ref();
            let review = state.and_then(|r| r.get(&key));
            let previous = state
                .and_then(|r| r.previous(&key))
                .map(|(year, r)| Previous {
                    year,
                    levels: r.indicators,
                    judgement: r.judgement,
                });
            Ok(Box::new(
                RiskForm::new(key, title, review, app.seen()).with_previous(previous),
            ))
        }),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &'static [Mode] = &[MODE];
    let text: &'static [Mode] = &[TEXT];
    let both: &'static [Mode] = &[MODE, TEXT];
    let ask: &'static [Mode] = &[ASK];
    let mut rows = vec![
        b!(m, [plain(Up), shift(BackTab), plain(BackTab)], Action::FormUp, None, t("riga", "row")),
        b!(m, [plain(Down), plain(Tab)], Action::FormDown, None, t("riga", "row")),
        b!(m, [plain(Left)], Action::FormPrev, None, t("livello", "level")),
        b!(m, [plain(Right), ch(' ')], Action::FormNext, None, t("livello", "level")),
        b!(m, [plain(Enter)], Action::FormEdit, None, t("motivazione", "motivation")),
        b!(m, [plain(Esc), plain(F(4))], Action::Close, None, t("chiude", "closes")),
        b!(text, [plain(Enter), plain(Esc)], Action::FormEdit, None, t("fine motivazione", "end motivation")),
        b!(both, [ctrl('s')], Action::Save, None, t("salva", "save")),
        b!(ask, [ch('s'), ch('y')], Action::Yes, None, t("sì, scarta il giudizio", "yes, drop the judgement")),
        b!(ask, [ch('n'), plain(Esc), plain(Enter)], Action::No, None, t("no, scrivo la motivazione", "no, write the motivation")),
    ];
    rows.extend(line_editing(text));
    rows
}

/// A row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRow {
    Indicator(Indicator),
    Judgement,
    Motivation,
}

impl FormRow {
    pub const ALL: [FormRow; 8] = [
        FormRow::Indicator(Indicator::Interesse),
        FormRow::Indicator(Indicator::Discrezionalita),
        FormRow::Indicator(Indicator::Eventi),
        FormRow::Indicator(Indicator::Opacita),
        FormRow::Indicator(Indicator::Collaborazione),
        FormRow::Indicator(Indicator::Attuazione),
        FormRow::Judgement,
        FormRow::Motivation,
    ];
}

/// Where the form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Rows,
    /// Typing the motivation.
    Typing,
    /// "Leave the judgement without its motivation?"
    Asking,
}

/// The entry's values in the round before, shown beside this round's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Previous {
    pub year: crate::review::Year,
    pub levels: crate::review::Indicators,
    pub judgement: Option<Level>,
}

#[derive(Debug, Clone)]
pub struct RiskForm {
    pub key: ReviewKey,
    pub title: String,
    pub row: FormRow,
    pub levels: crate::review::Indicators,
    pub judgement: Option<Level>,
    pub motivation: LineEditor,
    stage: Stage,
    base: i64,
    /// What the store has, to know whether the judgement changed.
    saved: (Option<Level>, String),
    /// Last round's values.
    previous: Option<Previous>,
    /// The round the review was carried from, while it is a proposal.
    proposal: Option<crate::review::Year>,
}

/// Cycles — → basso → medio → alto → —.
pub fn next_level(l: Option<Level>, forward: bool) -> Option<Level> {
    let order = [
        None,
        Some(Level::Basso),
        Some(Level::Medio),
        Some(Level::Alto),
    ];
    let i = order.iter().position(|x| *x == l).unwrap_or(0);
    let n = order.len();
    order[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

impl RiskForm {
    pub fn new(key: ReviewKey, title: String, review: Option<&Review>, base: i64) -> Self {
        let levels = review.map(|r| r.indicators).unwrap_or_default();
        let judgement = review.and_then(|r| r.judgement);
        let motivation = review.map(|r| r.motivation.clone()).unwrap_or_default();
        RiskForm {
            key,
            title,
            row: FormRow::ALL[0],
            levels,
            judgement,
            saved: (judgement, motivation.clone()),
            motivation: LineEditor::new(&motivation).with_limit(crate::review::limits::MAX_TEXT),
            stage: Stage::Rows,
            base,
            previous: None,
            proposal: review.and_then(|r| r.carried_from),
        }
    }

    /// With the values of the round before beside each row.
    pub fn with_previous(mut self, previous: Option<Previous>) -> Self {
        self.previous = previous;
        self
    }

    /// Whether the review is still a proposal from the round before.
    pub fn proposal(&self) -> Option<crate::review::Year> {
        self.proposal
    }

    /// A change made here: the proposal becomes this round's.
    fn changed(&mut self, out: Vec<Command>) -> Vec<Command> {
        if out.iter().any(|c| matches!(c, Command::Change { .. })) {
            self.proposal = None;
        }
        out
    }

    /// Whether the motivation is being typed.
    pub fn editing(&self) -> bool {
        self.stage == Stage::Typing
    }

    fn index(&self) -> usize {
        FormRow::ALL
            .iter()
            .position(|r| *r == self.row)
            .unwrap_or(0)
    }

    fn current(&self) -> (Option<Level>, String) {
        (self.judgement, self.motivation.text().to_string())
    }

    /// A judgement chosen without its motivation.
    fn lacks_motivation(&self) -> bool {
        self.judgement.is_some() && self.motivation.is_blank()
    }

    /// Judgement and motivation for the writer, once what they are can be
    /// recorded (a judgement needs its motivation; a motivation alone is
    /// kept too); `draft` while the motivation is being typed.
    fn save(&self, draft: bool) -> Vec<Command> {
        let current = self.current();
        if current == self.saved {
            return Vec::new();
        }
        let change = match (self.judgement, self.motivation.is_blank()) {
            (Some(level), false) => Change::Judgement(level, current.1),
            (None, false) => Change::Motivation(current.1),
            // A motivation cleared with the judgement gone.
            (None, true) if self.saved.0.is_none() => Change::Motivation(String::new()),
            _ => return Vec::new(),
        };
        vec![Command::Change {
            key: self.key.clone(),
            title: self.title.clone(),
            change,
            base: self.base,
            draft,
        }]
    }

    /// Records what can be, and says what is missing.
    fn complete(&mut self, app: &App, explicit: bool) -> Vec<Command> {
        let s = app.strings();
        if self.lacks_motivation() {
            return vec![Command::Say(s.motivation_needed.to_string())];
        }
        let mut out = self.save(false);
        if !out.is_empty() {
            self.saved = self.current();
            out.push(Command::Say(s.judgement_saved.to_string()));
        } else if explicit && self.judgement.is_none() {
            out.push(Command::Say(s.judgement_needed.to_string()));
        }
        out
    }

    fn rows(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let last = FormRow::ALL.len() - 1;
        match action {
            Action::Close => {
                if self.lacks_motivation() {
                    // Not dropped: the motivation is asked for.
                    self.row = FormRow::Motivation;
                    self.stage = Stage::Typing;
                    return vec![Command::Say(app.strings().motivation_needed.to_string())];
                }
                let mut out = self.complete(app, false);
                out.push(Command::Close);
                return out;
            }
            Action::Save => return self.complete(app, true),
            Action::FormUp => self.row = FormRow::ALL[self.index().saturating_sub(1)],
            Action::FormDown => self.row = FormRow::ALL[(self.index() + 1).min(last)],
            Action::FormPrev | Action::FormNext => {
                let forward = *action == Action::FormNext;
                match self.row {
                    FormRow::Indicator(ind) => {
                        let level = next_level(self.levels.get(ind), forward);
                        self.levels.set(ind, level);
                        return self.changed(vec![Command::Change {
                            key: self.key.clone(),
                            title: self.title.clone(),
                            change: Change::Indicator(ind, level),
                            base: self.base,
                            draft: false,
                        }]);
                    }
                    FormRow::Judgement => {
                        self.judgement = next_level(self.judgement, forward);
                        let out = self.complete(app, false);
                        return self.changed(out);
                    }
                    FormRow::Motivation => self.stage = Stage::Typing,
                }
            }
            Action::FormEdit if self.row == FormRow::Motivation => self.stage = Stage::Typing,
            // Enter on the judgement of a proposal takes it as it is.
            Action::FormEdit if self.row == FormRow::Judgement && self.proposal.is_some() => {
                self.proposal = None;
                return vec![
                    Command::Change {
                        key: self.key.clone(),
                        title: self.title.clone(),
                        change: Change::Confirm,
                        base: self.base,
                        draft: false,
                    },
                    Command::Say(app.strings().proposal_confirmed.to_string()),
                ];
            }
            Action::FormEdit if self.row == FormRow::Judgement => {
                self.row = FormRow::Motivation;
                self.stage = Stage::Typing;
            }
            _ => {}
        }
        Vec::new()
    }
}

impl Overlay for RiskForm {
    fn name(&self) -> &'static str {
        "risk"
    }

    fn mode(&self) -> Mode {
        match self.stage {
            Stage::Rows => MODE,
            Stage::Typing => TEXT,
            Stage::Asking => ASK,
        }
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn keep(&self, _app: &App) -> Vec<Command> {
        self.save(false)
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let out = self.handle_stage(action, app);
        self.changed(out)
    }

    fn draw(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_form(ctx, view, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl RiskForm {
    fn handle_stage(&mut self, action: &Action, app: &App) -> Vec<Command> {
        match self.stage {
            Stage::Rows => self.rows(action, app),
            Stage::Asking => match action {
                // The judgement is dropped, as asked; the indicators stay.
                Action::Yes => vec![Command::Close],
                Action::No | Action::Close => {
                    self.stage = Stage::Typing;
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Stage::Typing => match action {
                Action::FormEdit | Action::Close => {
                    if self.lacks_motivation() {
                        // Leaving the motivation empty again: ask first.
                        self.stage = Stage::Asking;
                        return vec![Command::Say(app.strings().motivation_needed.to_string())];
                    }
                    self.stage = Stage::Rows;
                    self.complete(app, true)
                }
                Action::Save => {
                    let out = self.complete(app, true);
                    if !self.lacks_motivation() {
                        self.stage = Stage::Rows;
                    }
                    out
                }
                Action::Line(e) => {
                    if self.motivation.apply(e) {
                        self.save(true)
                    } else {
                        Vec::new()
                    }
                }
                Action::InsertText(t) => {
                    self.motivation.apply(&Edit::Paste(t.clone()));
                    self.save(true)
                }
                _ => Vec::new(),
            },
        }
    }

    fn draw_form(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        let (g, theme, lang) = (ctx.g, &ctx.theme, ctx.app.options.lang);
        let rect = centered(area, 76, 14 + u16::from(self.proposal.is_some()));
        let title = format!(
            " {}{}{} ",
            ctx.s.form_title,
            g.dot,
            safe(&self.key.display())
        );
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(g.border)
            .title(title)
            .border_style(theme.focused_border());
        let inner = b.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(b, rect);
        let level = |l: Option<Level>| l.map_or("—", |l| strings::level_label(lang, l));
        // Room for last round's value after this round's.
        let before_width = if self.previous.is_some() { 14 } else { 0 };
        let label_width = (inner.width as usize)
            .saturating_sub(16 + before_width)
            .min(48);
        let mut lines: Vec<Line> = FormRow::ALL
            .iter()
            .map(|row| {
                let (label, value) = match row {
                    FormRow::Indicator(ind) => (
                        strings::indicator_label(lang, *ind).to_string(),
                        level(self.levels.get(*ind)).to_string(),
                    ),
                    FormRow::Judgement => (
                        ctx.s.judgement.to_string(),
                        level(self.judgement).to_string(),
                    ),
                    FormRow::Motivation => (
                        ctx.s.motivation.to_string(),
                        crate::tui::widgets::line_text(ctx, &self.motivation, self.editing()),
                    ),
                };
                let label = crate::tui::view::fit(&label, label_width);
                let selected = *row == self.row;
                let style = if selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                let before = self.previous.and_then(|p| {
                    let value = match row {
                        FormRow::Indicator(ind) => p.levels.get(*ind),
                        FormRow::Judgement => p.judgement,
                        FormRow::Motivation => return None,
                    };
                    Some(format!("{}: {:<7}", p.year, level(value)))
                });
                let mut spans = Vec::new();
                spans.push(Span::styled(format!("{label:<label_width$} "), style));
                if let Some(b) = before {
                    spans.push(Span::styled(format!("{b} "), theme.dim()));
                }
                spans.push(Span::styled(
                    value,
                    if selected {
                        theme.selected()
                    } else {
                        theme.label()
                    },
                ));
                Line::from(spans)
            })
            .collect();
        lines.push(Line::default());
        if let Some(from) = self.proposal {
            lines.push(Line::from(Span::styled(
                format!("{} {from}: {}", ctx.s.proposal_from, ctx.s.proposal_hint),
                theme.warning(),
            )));
        }
        if self.stage == Stage::Asking {
            lines.push(Line::from(Span::styled(
                ctx.s.drop_judgement_question,
                theme.warning(),
            )));
        }
        let hints: Vec<String> = bindings::hints(self.mode(), lang, true)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        lines.push(Line::from(Span::styled(
            g.text(&hints.join("  ")),
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

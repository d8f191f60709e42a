//! The risk form: the six PNA 2019 indicators, the overall judgement and
//! its motivation. Levels are recorded as they are chosen; the judgement
//! with its motivation as soon as both are there (while the motivation is
//! typed, as a draft, so a dropped link loses nothing).

use super::{centered, Overlay};
use crate::review::{Change, Indicator, Level, Review, ReviewKey};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, Mode};
use crate::tui::strings;
use crate::tui::view::spans::safe;
use crate::tui::view::Ctx;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN: (u16, u16) = (50, 12);

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

#[derive(Debug, Clone)]
pub struct RiskForm {
    pub key: ReviewKey,
    pub title: String,
    pub row: FormRow,
    pub levels: [Option<Level>; 6],
    pub judgement: Option<Level>,
    pub motivation: String,
    /// Typing the motivation.
    pub editing: bool,
    base: i64,
    /// What the store has, to know whether the judgement changed.
    saved: (Option<Level>, String),
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
        let mut levels = [None; 6];
        if let Some(r) = review {
            for (i, ind) in Indicator::ALL.iter().enumerate() {
                levels[i] = r.indicator(*ind);
            }
        }
        let judgement = review.and_then(|r| r.judgement);
        let motivation = review.map(|r| r.motivation.clone()).unwrap_or_default();
        RiskForm {
            key,
            title,
            row: FormRow::ALL[0],
            levels,
            judgement,
            saved: (judgement, motivation.clone()),
            motivation,
            editing: false,
            base,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.editing {
            Mode::RiskText
        } else {
            Mode::Risk
        }
    }

    fn index(&self) -> usize {
        FormRow::ALL
            .iter()
            .position(|r| *r == self.row)
            .unwrap_or(0)
    }

    /// Hands judgement and motivation to the writer once both are there;
    /// `draft` while the motivation is being typed.
    pub fn save(&self, app: &mut App, draft: bool) {
        let current = (self.judgement, self.motivation.clone());
        if current == self.saved {
            return;
        }
        if let (Some(level), false) = (self.judgement, self.motivation.trim().is_empty()) {
            app.record(
                &self.key,
                &self.title,
                Change::Judgement(level, self.motivation.clone()),
                self.base,
                draft,
            );
        }
    }

    /// Says what is missing for the judgement to be recorded.
    fn complete(&mut self, app: &mut App, explicit: bool) {
        match (self.judgement, self.motivation.trim().is_empty()) {
            (Some(_), false) => {
                if (self.judgement, self.motivation.clone()) != self.saved {
                    self.save(app, false);
                    self.saved = (self.judgement, self.motivation.clone());
                    app.message = Some(app.strings().judgement_saved.to_string());
                }
            }
            (Some(_), true) => app.message = Some(app.strings().motivation_needed.to_string()),
            (None, _) if explicit => app.message = Some(app.strings().judgement_needed.to_string()),
            (None, _) => {}
        }
    }

    pub fn handle(mut self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        if self.editing {
            match action {
                Action::FormEdit => {
                    self.editing = false;
                    self.complete(app, true);
                }
                Action::EditorKey(key) => {
                    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                    match key.code {
                        KeyCode::Backspace => {
                            self.motivation.pop();
                        }
                        KeyCode::Char('u') if ctrl => self.motivation.clear(),
                        KeyCode::Char(c) if !ctrl => self.motivation.push(c),
                        _ => {}
                    }
                    self.save(app, true);
                }
                Action::InsertText(t) => {
                    self.motivation.push_str(&crate::text::clean(&t));
                    self.save(app, true);
                }
                _ => {}
            }
            return Overlay::Risk(self);
        }
        let last = FormRow::ALL.len() - 1;
        match action {
            Action::Close => {
                self.complete(app, false);
                return app.next_conflict().unwrap_or_default();
            }
            Action::FormUp => self.row = FormRow::ALL[self.index().saturating_sub(1)],
            Action::FormDown => self.row = FormRow::ALL[(self.index() + 1).min(last)],
            Action::FormPrev | Action::FormNext => {
                let forward = action == Action::FormNext;
                match self.row {
                    FormRow::Indicator(ind) => {
                        let i = self.index();
                        self.levels[i] = next_level(self.levels[i], forward);
                        app.record(
                            &self.key,
                            &self.title,
                            Change::Indicator(ind, self.levels[i]),
                            self.base,
                            false,
                        );
                    }
                    FormRow::Judgement => {
                        self.judgement = next_level(self.judgement, forward);
                        self.complete(app, false);
                    }
                    FormRow::Motivation => self.editing = true,
                }
            }
            Action::FormEdit if self.row == FormRow::Motivation => self.editing = true,
            _ => {}
        }
        Overlay::Risk(self)
    }

    pub fn draw(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let (g, theme, lang) = (ctx.g, &ctx.theme, ctx.app.options.lang);
        let rect = centered(area, 76, 14);
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
        let label_width = (inner.width as usize).saturating_sub(16).min(48);
        let mut lines: Vec<Line> = FormRow::ALL
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let (label, value) = match row {
                    FormRow::Indicator(ind) => (
                        strings::indicator_label(lang, *ind).to_string(),
                        level(self.levels[i]).to_string(),
                    ),
                    FormRow::Judgement => (
                        ctx.s.judgement.to_string(),
                        level(self.judgement).to_string(),
                    ),
                    FormRow::Motivation => (
                        ctx.s.motivation.to_string(),
                        format!(
                            "{}{}",
                            safe(&self.motivation),
                            if self.editing { g.cursor } else { "" }
                        ),
                    ),
                };
                let label = crate::tui::view::fit(&label, label_width);
                let selected = *row == self.row;
                let style = if selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                Line::from(vec![
                    Span::styled(format!("{label:<label_width$} "), style),
                    Span::styled(
                        value,
                        if selected {
                            theme.selected()
                        } else {
                            theme.label()
                        },
                    ),
                ])
            })
            .collect();
        lines.push(Line::default());
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

//! When a save meets someone else's newer change: both texts side by side,
//! and the choice to keep one, the other, or both. Leaving without a
//! choice (Esc, Ctrl-C, a signal, a dropped link) keeps both texts:
//! nothing typed is discarded unless the person says so. The audit log
//! keeps every version whatever is chosen.

use super::{centered, Command, Kind, Overlay};
use crate::review::{Change, Conflict};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, b, ch, plain, t, Binding, Mode, Typing};
use crate::tui::saver::Pending;
use crate::tui::view::spans::safe;
use crate::tui::view::{Ctx, ViewState};
use crossterm::event::KeyCode::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN: (u16, u16) = (40, 10);

pub const MODE: Mode = Mode::new("conflict", Typing::Nothing);

pub fn kind() -> Kind {
    Kind {
        opens: &[],
        min: MIN,
        open: None,
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &[Mode] = &[MODE];
    vec![
        b!(m, [ch('1'), ch('m')], Action::KeepMine, None, t("tieni il tuo", "keep yours")),
        b!(m, [ch('2'), ch('a')], Action::KeepTheirs, None, t("tieni l'altro", "keep theirs")),
        b!(m, [ch('3'), ch('e'), plain(Enter)], Action::KeepBoth, None, t("tieni entrambi", "keep both")),
        b!(m, [plain(Esc)], Action::Close, None, t("decidi dopo (tiene entrambi)", "decide later (keeps both)")),
    ]
}

#[derive(Debug, Clone)]
pub struct ConflictView {
    pub pending: Pending,
    pub conflict: Conflict,
}

impl ConflictView {
    pub fn new(pending: Pending, conflict: Conflict) -> Self {
        ConflictView { pending, conflict }
    }

    /// My text, for the fields that are text.
    fn mine(&self) -> String {
        match &self.pending.change {
            Change::Notes(n) => n.clone(),
            Change::Judgement(l, m) => format!("{}: {m}", l.label()),
            Change::Interview {
                office,
                date,
                present,
            } => format!(
                "{office} · {} · {present}",
                date.map(|d| d.to_string()).unwrap_or_default()
            ),
            Change::Status(s) => s.label().to_string(),
            Change::Indicator(_, l) | Change::JudgementLevel(l) => {
                l.map_or("—", |l| l.label()).to_string()
            }
            Change::Motivation(t) | Change::Office(t) | Change::Present(t) => t.clone(),
            Change::InterviewDate(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Change::Confirm => String::new(),
        }
    }

    /// Both texts in one: mine, then theirs under who wrote it.
    fn both(&self) -> Change {
        let theirs_label = format!("— {} ({}) —", self.conflict.who, self.conflict.at);
        let join = |mine: &str| format!("{mine}\n\n{theirs_label}\n{}", self.conflict.current);
        match &self.pending.change {
            Change::Notes(n) => Change::Notes(join(n)),
            Change::Judgement(l, m) if self.conflict.field == "motivation" => {
                Change::Judgement(*l, join(m))
            }
            Change::Motivation(m) => Change::Motivation(join(m)),
            other => other.clone(),
        }
    }

    fn text_field(&self) -> bool {
        matches!(
            self.pending.change,
            Change::Notes(_) | Change::Motivation(_)
        ) || self.conflict.field == "motivation"
    }

    fn record(&self, change: Change) -> Command {
        Command::Change {
            key: self.pending.key.clone(),
            title: self.pending.title.clone(),
            change,
            base: self.conflict.revision,
            draft: false,
        }
    }

    fn discard(&self) -> Command {
        Command::Discard {
            key: self.pending.key.clone(),
            change: self.pending.change.clone(),
        }
    }
}

impl Overlay for ConflictView {
    fn name(&self) -> &'static str {
        "conflict"
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn keep(&self, _app: &App) -> Vec<Command> {
        // Ending without a choice: a text is kept with the other's; a
        // level or a status stays the other's (nothing was typed).
        if self.text_field() {
            vec![self.record(self.both())]
        } else {
            Vec::new()
        }
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let s = app.strings();
        let mut out = match action {
            Action::KeepMine => vec![self.record(self.pending.change.clone())],
            Action::KeepBoth if self.text_field() => vec![self.record(self.both())],
            // For a level or a status there is no "both": keep theirs.
            Action::KeepTheirs | Action::KeepBoth => vec![self.discard()],
            Action::Close | Action::Escape if self.text_field() => {
                vec![self.record(self.both())]
            }
            Action::Close | Action::Escape => vec![
                self.discard(),
                Command::Say(format!(
                    "{} {} ({}: {})",
                    s.conflict_kept_theirs,
                    safe(&self.conflict.current),
                    s.conflict_mine,
                    safe(&self.mine())
                )),
                Command::Close,
            ],
            _ => return Vec::new(),
        };
        if !matches!(out.last(), Some(Command::Close)) {
            out.push(Command::Say(s.conflict_resolved.to_string()));
            out.push(Command::Close);
        }
        out
    }

    fn draw(&self, ctx: &Ctx, _view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_both(ctx, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl ConflictView {
    fn draw_both(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
        let (g, theme, s) = (ctx.g, &ctx.theme, ctx.s);
        let rect = centered(
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(2),
        );
        let title = format!(
            " {}{}{} ",
            s.conflict_title,
            g.dot,
            safe(&self.pending.key.display())
        );
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(g.border)
            .title(title)
            .border_style(theme.warning());
        let inner = b.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(b, rect);
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(inner);
        let what = format!(
            "{} {} {} {}",
            s.conflict_changed_by,
            safe(&self.conflict.who),
            s.conflict_at,
            safe(&self.conflict.at)
        );
        frame.render_widget(Paragraph::new(what).wrap(Wrap { trim: true }), head);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        let pane = |title: &str, text: &str| {
            let lines: Vec<Line> = crate::text::clean_multiline(text)
                .split('\n')
                .map(|l| Line::from(l.to_string()))
                .collect();
            Paragraph::new(lines)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_set(g.border)
                        .title(format!(" {title} ")),
                )
                .wrap(Wrap { trim: false })
        };
        frame.render_widget(pane(s.conflict_mine, &self.mine()), left);
        frame.render_widget(pane(s.conflict_theirs, &self.conflict.current), right);
        let mut hints: Vec<String> = bindings::hints(MODE, ctx.app.options.lang, true)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        if !self.text_field() {
            // No "both" for a level: the third choice does not apply.
            hints.retain(|h| !h.contains("3/"));
        }
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                g.text(&hints.join("  ")),
                theme.dim(),
            ))),
            foot,
        );
    }
}

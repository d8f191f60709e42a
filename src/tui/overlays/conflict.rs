//! When a save meets someone else's newer change: both texts side by side,
//! and the choice to keep one, the other, or both (the default: nothing is
//! discarded). The audit log keeps every version whatever is chosen.

use super::{centered, Overlay};
use crate::review::{Change, Conflict};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{self, Mode};
use crate::tui::saver::Pending;
use crate::tui::view::spans::safe;
use crate::tui::view::Ctx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN: (u16, u16) = (40, 10);

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

    pub fn handle(self: Box<Self>, app: &mut App, action: Action) -> Overlay {
        let p = &self.pending;
        let base = self.conflict.revision;
        let chosen = match action {
            Action::KeepMine => Some(p.change.clone()),
            Action::KeepBoth if self.text_field() => Some(self.both()),
            // For a level or a status there is no "both": keep theirs.
            Action::KeepTheirs | Action::KeepBoth => None,
            Action::Close | Action::Escape => Some(self.both()).filter(|_| self.text_field()),
            _ => return Overlay::Conflict(self),
        };
        match chosen {
            Some(change) => {
                app.record(&p.key, &p.title, change, base, false);
            }
            None => {
                if let Some(r) = app.review.as_mut() {
                    r.discard(&p.key, &p.change);
                }
            }
        }
        app.message = Some(app.strings().conflict_resolved.to_string());
        app.next_conflict().unwrap_or_default()
    }

    pub fn draw(&self, ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
        let mut hints: Vec<String> = bindings::hints(Mode::Conflict, ctx.app.options.lang, true)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        if !self.text_field() {
            hints.pop();
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

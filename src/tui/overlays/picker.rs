//! The Ctrl-R list of roles and offices with their number of entries,
//! narrowed by typing; Enter filters the tree by the one chosen. On the
//! catalogue it offers, after the roles, the offices its entries have
//! through the PTPC 2019 links (marked as such).

use super::{centered, Command, Kind, Overlay};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::bindings::{b, ctrl, line_editing_in_place, plain, t, Binding, Mode, Typing};
use crate::tui::view::spans::{safe, shown};
use crate::tui::view::{Ctx, ViewState};
use crate::tui::widgets::line::LineEditor;
use crossterm::event::KeyCode::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use ratatui::Frame;

pub const MIN: (u16, u16) = (30, 8);

pub const MODE: Mode = Mode::new("picker", Typing::Line);

pub fn kind() -> Kind {
    Kind {
        opens: &[Action::OpenPicker],
        min: MIN,
        open: Some(|app| Ok(Box::new(Picker::new(app)))),
        bindings,
    }
}

#[rustfmt::skip]
fn bindings() -> Vec<Binding> {
    let m: &'static [Mode] = &[MODE];
    let mut rows = vec![
        b!(m, [plain(Up)], Action::Up, None, t("muovi", "move")),
        b!(m, [plain(Down)], Action::Down, None, t("muovi", "move")),
        b!(m, [plain(PageUp)], Action::PageUp, None, None),
        b!(m, [plain(PageDown)], Action::PageDown, None, None),
        b!(m, [plain(Enter), plain(Right)], Action::Toggle, None, t("filtra", "filter")),
        b!(m, [plain(Esc), ctrl('r'), plain(Left)], Action::Escape, None, t("chiude", "closes")),
    ];
    rows.extend(line_editing_in_place(m));
    rows
}

#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub query: LineEditor,
    /// Indices into the current dataset's party list, in display order.
    pub items: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    pub fn new(app: &App) -> Picker {
        Picker {
            items: (0..app.party_list().len()).collect(),
            ..Picker::default()
        }
    }

    /// The items for the query, from the start of the list (also when the
    /// list itself changed: the links brought offices).
    fn filter(&mut self, app: &App) {
        let list = app.party_list();
        self.items = if self.query.is_blank() {
            (0..list.len()).collect()
        } else {
            let ds = &app.dataset().id;
            app.parties()
                .suggest(self.query.text(), Some(ds))
                .iter()
                .filter_map(|p| {
                    list.iter().position(|q| {
                        q.key == p.key && q.kind == p.kind && q.from_links == p.from_links
                    })
                })
                .collect()
        };
        self.selected = 0;
    }
}

impl Overlay for Picker {
    fn name(&self) -> &'static str {
        "picker"
    }

    fn mode(&self) -> Mode {
        MODE
    }

    fn min_size(&self) -> (u16, u16) {
        MIN
    }

    fn refresh(&mut self, app: &App) {
        self.filter(app);
    }

    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command> {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Line(e) if self.query.apply(e) => self.filter(app),
            Action::InsertText(t) => {
                self.query
                    .apply(&crate::tui::widgets::line::Edit::Paste(t.clone()));
                self.filter(app);
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Toggle => {
                let chosen = self
                    .items
                    .get(self.selected)
                    .and_then(|&i| app.party_list().get(i).copied())
                    .map(|p| (p.key.clone(), p.from_links));
                let mut out = vec![Command::Close];
                if let Some((key, from_links)) = chosen {
                    out.push(Command::FilterParty { key, from_links });
                }
                return out;
            }
            Action::Escape => return vec![Command::Close],
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
        self.draw_list(ctx, view, frame, area);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Picker {
    fn draw_list(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
        let (app, g, theme) = (ctx.app, ctx.g, &ctx.theme);
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(70),
            area.height.saturating_sub(2).min(24),
        );
        let title = format!(
            " {}{}{} ",
            ctx.s.picker_title,
            g.dot,
            safe(&app.dataset().id)
        );
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(g.border)
            .title(title)
            .border_style(theme.focused_border());
        let inner = b.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(b, rect);
        let [input, list_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(crate::tui::widgets::draw_line(
                ctx,
                g.prompt,
                &self.query,
                true,
            )),
            input,
        );
        let parties = app.party_list();
        let visible = list_area.height as usize;
        view.picker_height = visible;
        let mut offset = view.picker_offset;
        if self.selected < offset {
            offset = self.selected;
        } else if visible > 0 && self.selected >= offset + visible {
            offset = self.selected + 1 - visible;
        }
        view.picker_offset = offset;
        let items: Vec<ListItem> = self
            .items
            .iter()
            .skip(offset)
            .take(visible)
            .filter_map(|&i| parties.get(i))
            .map(|p| {
                // An office from the links is marked as such.
                let kind = if p.from_links {
                    format!("  [{}{}{}]", p.kind.label(), g.dot, ctx.s.from_links)
                } else {
                    format!("  [{}]", p.kind.label())
                };
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{:>4} ", p.count), theme.dim()),
                    shown(&p.name),
                    Span::styled(kind, theme.dim()),
                ]))
            })
            .collect();
        let mut state = ListState::default()
            .with_selected((!self.items.is_empty()).then(|| self.selected - offset));
        frame.render_stateful_widget(
            List::new(items).highlight_style(theme.selected()),
            list_area,
            &mut state,
        );
    }
}

//! Drawing the explorer from its state: `render` reads the app and keeps
//! only view matters here in [`ViewState`] (where things were drawn, the
//! scroll offsets), owned by the terminal loop. `resolve` turns the actions
//! that depend on what is on screen (a click, a page, scrolling) into ones
//! the app understands.

mod detail;
pub use detail::hanging;
mod header;
mod links;
pub use header::fit;
mod minimal;
mod register;
pub mod spans;
mod status;
pub mod theme;
mod tree;

use super::action::Action;
use super::app::{App, Focus};
use super::bindings::Mode;
use super::strings::{strings, Strings};
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;
use theme::{Glyphs, Theme, ASCII, UNICODE};

/// What drawing needs besides the frame.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub s: &'static Strings,
    pub g: &'static Glyphs,
    pub theme: Theme,
}

impl<'a> Ctx<'a> {
    pub fn new(app: &'a App) -> Self {
        Ctx {
            app,
            s: strings(app.options.lang),
            g: if app.options.ascii { &ASCII } else { &UNICODE },
            theme: Theme {
                color: app.options.color,
            },
        }
    }

    /// A bordered block with a title, highlighted when it has the keyboard.
    pub fn block<'b>(&self, title: String, focused: bool) -> Block<'b> {
        let b = Block::default()
            .borders(Borders::ALL)
            .border_set(self.g.border)
            .title(title);
        if focused {
            b.border_style(self.theme.focused_border())
        } else {
            b
        }
    }
}

/// View state: the last layout (for the mouse), scroll offsets.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// The whole window at the last frame.
    pub size: Rect,
    pub tree_area: Rect,
    pub detail_area: Rect,
    /// First tree row shown.
    pub tree_offset: usize,
    /// Tree rows the last frame showed (the page size).
    pub tree_height: usize,
    pub detail_scroll: u16,
    /// The entry the detail showed (its scroll restarts for another).
    pub detail_for: Option<(usize, usize)>,
    pub help_scroll: u16,
    /// Largest useful help scroll, known once the help was drawn.
    pub help_max: Option<u16>,
    pub picker_offset: usize,
    pub picker_height: usize,
}

impl ViewState {
    /// Keeps the selection inside the window of `height` rows.
    pub fn scroll_into_view(&mut self, app: &App, height: usize) {
        self.tree_height = height;
        if height == 0 {
            return;
        }
        if app.selected < self.tree_offset {
            self.tree_offset = app.selected;
        } else if app.selected >= self.tree_offset + height {
            self.tree_offset = app.selected + 1 - height;
        }
        self.tree_offset = self.tree_offset.min(app.rows.len().saturating_sub(height));
    }

    fn fits(&self, (w, h): (u16, u16)) -> bool {
        // Before the first frame nothing is known: let it open.
        self.size.area() == 0 || (self.size.width >= w && self.size.height >= h)
    }

    /// Turns screen-dependent actions into app actions, or handles them
    /// here (scrolling); `None` when nothing is left for the app.
    pub fn resolve(&mut self, app: &App, action: Action) -> Option<Action> {
        let mode = app.mode();
        if app
            .overlay
            .as_ref()
            .is_some_and(|o| !self.fits(o.min_size()))
        {
            // An overlay the window cannot show takes no typing: only what
            // closes it (keeping what was typed) or quits.
            return match action {
                Action::Quit
                | Action::Close
                | Action::CloseHelp
                | Action::Escape
                | Action::FormEdit
                | Action::KeepBoth => Some(action),
                _ => Some(Action::TooSmall),
            };
        }
        if let Some(kind) = super::overlays::opener(&action) {
            if !self.fits(kind.min) {
                return Some(Action::TooSmall);
            }
        }
        let page = self.tree_height.max(1) as isize;
        let help = mode == super::overlays::help::MODE;
        let detail = mode == Mode::DETAIL;
        let tree = mode == Mode::TREE;
        let browse = tree || detail;
        match action {
            Action::Up | Action::ScrollUp if help => self.scroll_help(-1),
            Action::Down | Action::ScrollDown if help => self.scroll_help(1),
            Action::PageUp if help => self.scroll_help(-10),
            Action::PageDown if help => self.scroll_help(10),
            Action::Home if help => self.scroll_help(-10_000),
            Action::End if help => self.scroll_help(10_000),
            Action::Up if detail => self.scroll_detail(-1),
            Action::Down if detail => self.scroll_detail(1),
            Action::PageUp if detail => self.scroll_detail(-10),
            Action::PageDown if detail => self.scroll_detail(10),
            Action::DetailUp if browse => self.scroll_detail(-1),
            Action::DetailDown if browse => self.scroll_detail(1),
            Action::PageUp if tree => Some(Action::MoveBy(-page)),
            Action::PageDown if tree => Some(Action::MoveBy(page)),
            Action::ScrollUp if browse => Some(Action::MoveBy(-3)),
            Action::ScrollDown if browse => Some(Action::MoveBy(3)),
            Action::Click { column, row } if browse => self.click(app, column, row),
            Action::Click { .. } => None,
            a => Some(a),
        }
    }

    fn scroll_help(&mut self, by: i32) -> Option<Action> {
        let next = (self.help_scroll as i32 + by).max(0) as u16;
        self.help_scroll = self.help_max.map_or(next, |m| next.min(m));
        None
    }

    fn scroll_detail(&mut self, by: i32) -> Option<Action> {
        self.detail_scroll = (self.detail_scroll as i32 + by).max(0) as u16;
        None
    }

    fn click(&mut self, app: &App, column: u16, row: u16) -> Option<Action> {
        let inside =
            |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
        if inside(self.detail_area) {
            return (app.focus == Focus::Tree).then_some(Action::SwitchFocus);
        }
        let t = self.tree_area;
        if !inside(t) {
            return None;
        }
        let index = self.tree_offset + (row - t.y) as usize;
        let r = app.rows.get(index)?;
        // The open/closed marker sits right after the indentation.
        let marker_col = t.x + r.depth * 2;
        let on_marker = column >= marker_col && column < marker_col + 2;
        Some(Action::ClickRow {
            row: index,
            toggle: on_marker || index == app.selected,
        })
    }
}

/// Draws one frame.
pub fn render(app: &App, view: &mut ViewState, frame: &mut Frame) {
    let area = frame.area();
    view.size = area;
    let ctx = Ctx::new(app);
    if area.height < 8 || area.width < 24 {
        view.tree_area = Rect::default();
        view.detail_area = Rect::default();
        view.tree_height = 1;
        minimal::draw(&ctx, frame, area);
        if app.overlay.is_some() {
            too_small(&ctx, frame, area);
        }
        return;
    }
    // Short terminals get a one-line header so the panes keep their room.
    let compact = area.height < 20;
    let header_height = if compact { 1 } else { 3 };
    let note = status::note(&ctx);
    let [header, note_area, body, status_area] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Length(u16::from(note.is_some())),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::draw(&ctx, frame, header, compact);
    if let Some(line) = note {
        frame.render_widget(Paragraph::new(line), note_area);
    }
    let wide = area.width >= 80;
    let (direction, constraints) = if wide {
        (
            Direction::Horizontal,
            [Constraint::Percentage(45), Constraint::Percentage(55)],
        )
    } else {
        (
            Direction::Vertical,
            [Constraint::Percentage(55), Constraint::Percentage(45)],
        )
    };
    let panes = Layout::default()
        .direction(direction)
        .constraints(constraints)
        .split(body);
    tree::draw(&ctx, view, frame, panes[0]);
    detail::draw(&ctx, view, frame, panes[1]);
    status::draw(&ctx, frame, status_area);
    if let Some(overlay) = &app.overlay {
        let (w, h) = overlay.min_size();
        if area.width < w || area.height < h {
            too_small(&ctx, frame, area);
        } else {
            overlay.draw(&ctx, view, frame, area);
        }
    }
}

/// In place of an overlay the window cannot hold.
fn too_small(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let rect = super::overlays::centered(area, area.width, 3.min(area.height));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(ctx.s.too_small_open)
            .style(ctx.theme.warning())
            .wrap(Wrap { trim: true }),
        rect,
    );
}

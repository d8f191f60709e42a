//! What opens over the tree: help, the responsible picker, the notes
//! editor, the risk form, and the view of a conflicting change. Each lives
//! in its own file with its state, its keys and its drawing; this enum is
//! the one place that lists them.

pub mod boxed;
pub mod conflict;
pub mod events;
pub mod help;
pub mod line;
pub mod measures;
pub mod notes;
pub mod picker;
pub mod ranking;
pub mod risk;

use super::action::Action;
use super::app::App;
use super::bindings::Mode;
use super::view::{Ctx, ViewState};
use ratatui::layout::Rect;
use ratatui::Frame;

#[derive(Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Picker(picker::Picker),
    Notes(Box<notes::NotesEditor>),
    Risk(Box<risk::RiskForm>),
    Conflict(Box<conflict::ConflictView>),
    Events(Box<events::EventsOverlay>),
    Measures(Box<measures::MeasuresOverlay>),
    Register(ranking::RegisterList),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Tree,
            Overlay::Help => Mode::Help,
            Overlay::Picker(_) => Mode::Picker,
            Overlay::Notes(_) => Mode::Notes,
            Overlay::Risk(f) => f.mode(),
            Overlay::Conflict(_) => Mode::Conflict,
            Overlay::Events(e) => e.mode(),
            Overlay::Measures(m) => m.mode(),
            Overlay::Register(r) => r.mode(),
        }
    }

    pub fn picker(app: &mut App) -> Overlay {
        Overlay::Picker(picker::Picker::new(app))
    }

    /// The smallest window (columns, rows) the overlay can be drawn in.
    pub fn min_size(&self) -> (u16, u16) {
        match self {
            Overlay::None => (0, 0),
            Overlay::Help => help::MIN,
            Overlay::Picker(_) => picker::MIN,
            Overlay::Notes(_) => notes::MIN,
            Overlay::Risk(_) => risk::MIN,
            Overlay::Conflict(_) => conflict::MIN,
            Overlay::Events(_) => events::MIN,
            Overlay::Measures(_) => measures::MIN,
            Overlay::Register(_) => ranking::MIN,
        }
    }

    /// The smallest window for the overlay `action` would open.
    pub fn min_size_for(action: &Action) -> (u16, u16) {
        match action {
            Action::Help => help::MIN,
            Action::OpenPicker => picker::MIN,
            Action::EditNotes => notes::MIN,
            Action::OpenRiskForm => risk::MIN,
            Action::OpenEvents => events::MIN,
            Action::OpenMeasures => measures::MIN,
            Action::OpenRanking | Action::OpenDeadlines => ranking::MIN,
            _ => (0, 0),
        }
    }

    /// Applies a key; returns what is open next (itself, another, none).
    pub fn handle(self, app: &mut App, action: Action) -> Overlay {
        if action == Action::Quit {
            self.save_draft(app);
            app.quit = true;
            return Overlay::None;
        }
        match self {
            Overlay::None => Overlay::None,
            // Any key closes the help (it scrolls with the view's keys).
            Overlay::Help => match action {
                Action::TooSmall | Action::ClickRow { .. } => Overlay::Help,
                _ => Overlay::None,
            },
            Overlay::Picker(p) => p.handle(app, action),
            Overlay::Notes(e) => e.handle(app, action),
            Overlay::Risk(f) => f.handle(app, action),
            Overlay::Conflict(c) => c.handle(app, action),
            Overlay::Events(e) => e.handle(app, action),
            Overlay::Measures(m) => m.handle(app, action),
            Overlay::Register(r) => r.handle(app, action),
        }
    }

    /// Hands what is being typed to the writer (quitting, a dropped link).
    pub fn save_draft(&self, app: &mut App) {
        match self {
            Overlay::Notes(e) => e.save(app, false),
            Overlay::Risk(f) => f.save(app, false),
            _ => {}
        }
    }

    pub fn draw(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect) {
        match self {
            Overlay::None => {}
            Overlay::Help => help::draw(ctx, view, frame, area),
            Overlay::Picker(p) => p.draw(ctx, view, frame, area),
            Overlay::Notes(e) => e.draw(ctx, frame, area),
            Overlay::Risk(f) => f.draw(ctx, frame, area),
            Overlay::Conflict(c) => c.draw(ctx, frame, area),
            Overlay::Events(e) => e.draw(ctx, frame, area),
            Overlay::Measures(m) => m.draw(ctx, frame, area),
            Overlay::Register(r) => r.draw(ctx, frame, area),
        }
    }
}

/// A box of at most `width` x `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

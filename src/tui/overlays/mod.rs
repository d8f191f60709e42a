//! What opens over the tree. Each overlay is a component in a file of its
//! own: it owns its state, decides what an action means against a
//! read-only view of the app, and returns [`Command`]s that the app
//! applies (an overlay never writes into the app); it draws itself and
//! declares its modes and keys. [`KINDS`] is the one table that lists
//! them: adding an overlay is a file and a row there.

pub mod boxed;
pub mod confirm;
pub mod conflict;
pub mod events;
pub mod help;
pub mod links;
pub mod measures;
pub mod notes;
pub mod picker;
pub mod ranking;
pub mod risk;
pub mod scroll;

use super::action::Action;
use super::app::App;
use super::bindings::{Binding, Mode};
use super::saver::Op;
use super::view::{Ctx, ViewState};
use crate::model::DecisionId;
use crate::review::{Change, ReviewKey, Verdict};
use ratatui::layout::Rect;
use ratatui::Frame;

/// What an overlay asks the app to do.
pub enum Command {
    /// Close this overlay.
    Close,
    /// Open another in this one's place.
    Open(Box<dyn Overlay>),
    /// A message for the status line.
    Say(String),
    /// A change to a review field, based on revision `base`; `draft` for
    /// text being typed (written after a pause, or when the app ends).
    Change {
        key: ReviewKey,
        title: String,
        change: Change,
        base: i64,
        draft: bool,
    },
    /// A record (event, area, measure, check), written in order.
    Record(Op),
    /// Forget a change still queued (the person kept the other text).
    Discard { key: ReviewKey, change: Change },
    /// Show and select the entry filed under this key.
    Reveal(ReviewKey),
    /// Filter the tree by a responsible party.
    FilterParty { key: String, from_links: bool },
    /// A decision on a link, recorded at once.
    DecideLink {
        catalogo: (ReviewKey, String),
        ptpc: (ReviewKey, String),
        verdict: Verdict,
    },
    /// Forget a decision on a link.
    ResetLink(DecisionId),
    /// Go to an entry of a dataset (a link followed).
    GoTo { dataset: usize, node: usize },
    /// What was typed and cannot be recorded as it is (a form left
    /// incomplete when the explorer ends): kept in the recovery file.
    Keep(String),
}

/// An overlay: state, keys, drawing.
pub trait Overlay {
    /// What it is, for tests and the log ("picker", "notes").
    fn name(&self) -> &'static str;
    /// What has the keyboard in its current stage.
    fn mode(&self) -> Mode;
    /// The smallest window (columns, rows) it can be drawn in.
    fn min_size(&self) -> (u16, u16);
    /// What `action` means, against the app as it is.
    fn handle(&mut self, action: &Action, app: &App) -> Vec<Command>;
    fn draw(&self, ctx: &Ctx, view: &mut ViewState, frame: &mut Frame, area: Rect);
    /// What is kept if the explorer ends now (Ctrl-C, a signal, a dropped
    /// link): the texts typed, never thrown away.
    fn keep(&self, _app: &App) -> Vec<Command> {
        Vec::new()
    }
    /// The app's data changed under it (the links arrived).
    fn refresh(&mut self, _app: &App) {}
    /// For tests: the overlay itself.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// An overlay an action opens: from the app as it is, or a message saying
/// why not (no store, read-only, no entry selected).
pub type Open = fn(&App) -> Result<Box<dyn Overlay>, String>;

/// One row of the table.
pub struct Kind {
    /// The action that opens it (none: opened by the app, e.g. a conflict).
    pub opens: &'static [Action],
    /// The smallest window it needs.
    pub min: (u16, u16),
    pub open: Option<Open>,
    /// Its keys.
    pub bindings: fn() -> Vec<Binding>,
}

/// Every overlay.
pub fn kinds() -> &'static [Kind] {
    static KINDS: std::sync::OnceLock<Vec<Kind>> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        vec![
            help::kind(),
            picker::kind(),
            notes::kind(),
            risk::kind(),
            events::kind(),
            measures::kind(),
            ranking::ranking_kind(),
            ranking::deadlines_kind(),
            links::kind(),
            conflict::kind(),
            confirm::kind(),
        ]
    })
}

/// The overlay `action` opens.
pub fn opener(action: &Action) -> Option<&'static Kind> {
    kinds().iter().find(|k| k.opens.contains(action))
}

/// Every overlay's keys, for the binding table.
pub fn bindings() -> Vec<Binding> {
    kinds().iter().flat_map(|k| (k.bindings)()).collect()
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

/// The hints of `mode` as one line ("↑↓ muovi  Invio salva").
pub fn hint_line(ctx: &Ctx, mode: Mode) -> String {
    super::bindings::hints(mode, ctx.app.options.lang, true)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect::<Vec<_>>()
        .join("  ")
}

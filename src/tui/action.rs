//! What the user asked for, decoded from a key, a paste or the mouse by the
//! binding table (`bindings.rs`) and applied by the app.

use super::widgets::line::Edit;
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A character typed into the search (or the picker's filter).
    Insert(char),
    /// Text pasted, or a burst of typed characters: one edit, one search.
    InsertText(String),
    Backspace,
    DeleteWord,
    ClearLine,
    /// Esc: clears the query, then the filter, then quits.
    Escape,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    Toggle,
    ExpandAll,
    CollapseAll,
    NextDataset,
    PrevDataset,
    SwitchFocus,
    DetailUp,
    DetailDown,
    Help,
    CloseHelp,
    /// A mouse click at a screen position (resolved by the view).
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
    /// Move the selection by this many rows (paging, the wheel).
    MoveBy(isize),
    /// Select this row of the tree; `toggle` when the click was on its marker
    /// or on the row already selected.
    ClickRow {
        row: usize,
        toggle: bool,
    },
    /// Ctrl-R: the list of roles and offices.
    OpenPicker,
    /// Removes the role/office filter.
    ClearParty,
    /// Ctrl-Y: the selected entry to the clipboard.
    Copy,
    /// Ctrl-S: the entries in view to a Markdown file.
    Export,
    /// F2: the next review status for the selected entry.
    CycleStatus,
    /// F3: the notes editor.
    EditNotes,
    /// F4: indicators, judgement and motivation.
    OpenRiskForm,
    /// F9: only the entries not yet reviewed.
    TogglePending,
    /// F7: to the linked entry of the other dataset, and back.
    JumpLink,
    /// Ctrl-K: confirm the link F7 follows (in the review store).
    ConfirmLink,
    /// F10: reject it.
    RejectLink,
    /// Close the open form or editor (saving what was typed).
    Close,
    /// Save what the open editor holds now.
    Save,
    /// In a form: the previous / next row, the previous / next value.
    FormUp,
    FormDown,
    FormPrev,
    FormNext,
    /// In a form: edit the text of the selected row, or finish editing it.
    FormEdit,
    /// In the conflict view: keep my text, theirs, or both.
    KeepMine,
    KeepTheirs,
    KeepBoth,
    /// F5: the entry's risk events, factors and area.
    OpenEvents,
    /// Ctrl-T: the entry's measures and their monitoring.
    OpenMeasures,
    /// Ctrl-G: the ranking of the reviewed entries (ponderazione).
    OpenRanking,
    /// Ctrl-D: the measures due, by office (scadenze).
    OpenDeadlines,
    /// In a list: add a new item, edit the selected one, remove it.
    New,
    Edit,
    Remove,
    /// In the events: the selected event's factors; the entry's area.
    Factors,
    ChooseArea,
    /// In the measures: record monitoring for the selected measure.
    Monitor,
    /// Accept what the form or the list offers (Enter).
    Accept,
    /// Space: tick or untick the selected row.
    Mark,
    /// Answers to a confirmation.
    Yes,
    No,
    /// An edit of the line being typed (a form's field, the motivation, a
    /// filter).
    Line(Edit),
    /// A key for the notes' multi-line editor (ratatui-textarea decodes it).
    EditorKey(KeyEvent),
    /// Tick or untick the n-th item of a list (keys 1–8: the factors).
    MarkNth(usize),
    /// F7's link list of the entry (rejected links included).
    OpenLinks,
    /// In the link list: forget the decision (back to the computed link).
    ResetLink,
    /// In the measures: the checks of the selected measure.
    Checks,
    /// The window is too small for what was asked; say so.
    TooSmall,
}

impl Action {
    /// Actions that open an overlay (the overlays' table says which), which
    /// needs room to be drawn.
    pub fn opens_overlay(&self) -> bool {
        super::overlays::opener(self).is_some()
    }
}

//! Terminal events to actions. Typing goes straight into the query, so
//! commands live on control keys, function keys and arrows.

use super::app::{Action, App};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, app),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        _ => None,
    }
}

fn key_action(key: &KeyEvent, app: &App) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if app.editor.is_some() || app.form.is_some() {
        return Some(Action::EditorKey(*key));
    }
    if app.show_help {
        return Some(if ctrl && key.code == KeyCode::Char('c') {
            Action::Quit
        } else {
            Action::CloseHelp
        });
    }
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('u') if ctrl => Action::ClearLine,
        KeyCode::Char('w') if ctrl => Action::DeleteWord,
        KeyCode::Char('h') if ctrl => Action::Backspace,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('e') if ctrl => Action::ExpandAll,
        KeyCode::Char('x') if ctrl => Action::CollapseAll,
        KeyCode::Char('o') if ctrl => Action::SwitchFocus,
        KeyCode::Char('r') if ctrl => Action::OpenPicker,
        KeyCode::Char('y') if ctrl => Action::Copy,
        KeyCode::Char('s') if ctrl => Action::Export,
        KeyCode::Char(_) if ctrl || alt => return None,
        KeyCode::Char('?') if app.query.is_empty() && app.picker.is_none() => Action::Help,
        KeyCode::Char(c) => Action::Insert(c),
        KeyCode::F(1) => Action::Help,
        KeyCode::F(6) => Action::SwitchFocus,
        KeyCode::F(8) => Action::ClearParty,
        KeyCode::F(2) => Action::CycleStatus,
        KeyCode::F(3) => Action::EditNotes,
        KeyCode::F(4) => Action::OpenRiskForm,
        KeyCode::F(9) => Action::TogglePending,
        KeyCode::Esc => Action::Escape,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Up if shift => Action::DetailUp,
        KeyCode::Down if shift => Action::DetailDown,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Enter => Action::Toggle,
        KeyCode::Tab => Action::NextDataset,
        KeyCode::BackTab => Action::PrevDataset,
        _ => return None,
    })
}

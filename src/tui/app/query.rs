//! The search line: typing, pasting, deleting (through the one line
//! editor: the search line's cursor stays at its end, the arrows being
//! the tree's), and Esc, which undoes one thing at a time.

use super::{Action, App, MAX_QUERY_CHARS};
use crate::tui::widgets::line::{Edit, LineEditor};

impl App {
    /// Sets the query (capped) and searches once.
    fn set_query(&mut self, query: String) {
        let mut q = query;
        if q.chars().count() > MAX_QUERY_CHARS {
            q = q.chars().take(MAX_QUERY_CHARS).collect();
        }
        // Typing past the limit changes nothing: no search to redo.
        if q == self.query && self.filter.is_some() {
            return;
        }
        self.query = q;
        self.run_search();
    }

    /// Applies an edit to the search line.
    fn edit_line(&mut self, edit: Edit) {
        let mut line = LineEditor::new(&self.query);
        if line.apply(&edit) {
            self.set_query(line.text().to_string());
        }
    }

    /// Applies a query-editing action; false for any other.
    pub(crate) fn edit_query(&mut self, action: &Action) -> bool {
        match action {
            Action::Insert(c) => self.edit_line(Edit::Insert(*c)),
            Action::InsertText(text) => self.edit_line(Edit::Paste(text.clone())),
            Action::Backspace => self.edit_line(Edit::Backspace),
            Action::DeleteWord => self.edit_line(Edit::DeleteWord),
            Action::ClearLine => self.edit_line(Edit::Clear),
            Action::Escape => {
                // Esc undoes one thing at a time: the query, then each
                // filter (the responsible, then "only to review"), then quits.
                if !self.query.is_empty() {
                    self.query.clear();
                    self.refresh_search();
                } else if self.party.take().is_some() {
                    self.refresh_search();
                } else if self.review.as_ref().is_some_and(|r| r.only_pending) {
                    if let Some(r) = self.review.as_mut() {
                        r.only_pending = false;
                    }
                    self.refresh_search();
                } else {
                    self.quit = true;
                }
            }
            _ => return false,
        }
        true
    }
}

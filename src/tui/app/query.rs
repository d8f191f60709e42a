//! The search line: typing, pasting, deleting, and Esc, which undoes one
//! thing at a time (the search, then each filter, then quits).

use super::{Action, App, MAX_QUERY_CHARS};

impl App {
    /// Sets the query (capped) and searches once.
    fn set_query(&mut self, query: String) {
        let mut q = query;
        if q.chars().count() > MAX_QUERY_CHARS {
            q = q.chars().take(MAX_QUERY_CHARS).collect();
        }
        // Line breaks and tabs in pasted text separate words.
        let q = q.replace(['\n', '\r', '\t'], " ");
        // Typing past the limit changes nothing: no search to redo.
        if q == self.query && self.filter.is_some() {
            return;
        }
        self.query = q;
        self.run_search();
    }

    /// Applies a query-editing action; false for any other.
    pub(crate) fn edit_query(&mut self, action: &Action) -> bool {
        match action {
            Action::Insert(c) => {
                let mut q = self.query.clone();
                q.push(*c);
                self.set_query(q);
            }
            Action::InsertText(text) => {
                let mut q = self.query.clone();
                q.push_str(text);
                self.set_query(q);
            }
            Action::Backspace => {
                let mut q = self.query.clone();
                if q.pop().is_some() {
                    self.set_query(q);
                }
            }
            Action::DeleteWord => {
                let trimmed = self.query.trim_end().len();
                let cut = self.query[..trimmed]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                let q = self.query[..cut].to_string();
                self.set_query(q);
            }
            Action::ClearLine => self.set_query(String::new()),
            Action::Escape => {
                // Esc undoes one thing at a time: the query, then the
                // filters (the responsible, then "only pending"), and only
                // then quits.
                let pending = self.review.as_mut().filter(|r| r.only_pending);
                if !self.query.is_empty() {
                    self.set_query(String::new());
                } else if self.party.take().is_some() {
                    self.run_search();
                } else if let Some(review) = pending {
                    review.only_pending = false;
                    self.run_search();
                } else {
                    self.quit = true;
                }
            }
            _ => return false,
        }
        true
    }
}

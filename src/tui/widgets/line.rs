//! The one line editor of the explorer: every form field, the motivation,
//! the picker's filter and the search line edit text the same way (the
//! edits come from the binding table as [`Edit`]s): characters, pasted
//! text (line breaks become spaces), Backspace and Delete, Ctrl-W (a word),
//! Ctrl-U (the line), ← → Home End (where the mode gives them to the line).
//! What is typed is kept verbatim; it is made safe where it is drawn.

/// One edit of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Paste(String),
    Backspace,
    Delete,
    DeleteWord,
    Clear,
    Left,
    Right,
    Home,
    End,
}

/// A line of text with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
    /// At most this many characters (0: no limit).
    limit: usize,
}

impl LineEditor {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Self {
        let text = one_line(text);
        LineEditor {
            cursor: text.chars().count(),
            text,
            limit: 0,
        }
    }

    /// At most `limit` characters (what is typed past it is ignored).
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a char index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = LineEditor::new(text).with_limit(self.limit);
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn room(&self) -> usize {
        if self.limit == 0 {
            usize::MAX
        } else {
            self.limit.saturating_sub(self.text.chars().count())
        }
    }

    /// Applies an edit; true when the text changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) => {
                if c.is_control() || self.room() == 0 {
                    return false;
                }
                let at = self.byte(self.cursor);
                self.text.insert(at, *c);
                self.cursor += 1;
                true
            }
            Edit::Paste(t) => {
                let t: String = one_line(t).chars().take(self.room()).collect();
                if t.is_empty() {
                    return false;
                }
                let at = self.byte(self.cursor);
                self.text.insert_str(at, &t);
                self.cursor += t.chars().count();
                true
            }
            Edit::Backspace => {
                if self.cursor == 0 {
                    return false;
                }
                let (a, b) = (self.byte(self.cursor - 1), self.byte(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor -= 1;
                true
            }
            Edit::Delete => {
                if self.cursor >= len {
                    return false;
                }
                let (a, b) = (self.byte(self.cursor), self.byte(self.cursor + 1));
                self.text.replace_range(a..b, "");
                true
            }
            Edit::DeleteWord => {
                // The spaces before the cursor, then the word before them.
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                if start == self.cursor {
                    return false;
                }
                let (a, b) = (self.byte(start), self.byte(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
                true
            }
            Edit::Clear => {
                let changed = !self.text.is_empty();
                self.text.clear();
                self.cursor = 0;
                changed
            }
            Edit::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            Edit::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            Edit::Home => {
                self.cursor = 0;
                false
            }
            Edit::End => {
                self.cursor = len;
                false
            }
        }
    }

    /// The text before and after the cursor (to draw it between them).
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.byte(self.cursor))
    }
}

/// Line breaks and tabs become spaces: a line holds one line.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut LineEditor, text: &str) {
        for c in text.chars() {
            e.apply(&Edit::Insert(c));
        }
    }

    #[test]
    fn edits_at_the_cursor() {
        let mut e = LineEditor::default();
        typed(&mut e, "città vecchia");
        e.apply(&Edit::DeleteWord);
        assert_eq!(e.text(), "città ");
        e.apply(&Edit::Home);
        e.apply(&Edit::Right);
        e.apply(&Edit::Delete);
        assert_eq!(e.text(), "cttà ");
        e.apply(&Edit::Insert('i'));
        assert_eq!(e.text(), "città ");
        e.apply(&Edit::End);
        e.apply(&Edit::Paste("a\nb\tc".into()));
        assert_eq!(e.text(), "città a b c");
        e.apply(&Edit::Left);
        e.apply(&Edit::Backspace);
        assert_eq!(e.text(), "città a bc");
        assert_eq!(e.split(), ("città a b", "c"));
        e.apply(&Edit::Clear);
        assert!(e.is_blank() && e.cursor() == 0);
        assert!(!e.apply(&Edit::Backspace), "nothing to delete");
        // Ctrl-W over spaces at the start deletes them and stops.
        let mut e = LineEditor::new("  ");
        e.apply(&Edit::DeleteWord);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn a_limit_stops_typing_and_pasting() {
        let mut e = LineEditor::default().with_limit(3);
        typed(&mut e, "abcd");
        assert_eq!(e.text(), "abc");
        e.apply(&Edit::Backspace);
        e.apply(&Edit::Paste("xyz".into()));
        assert_eq!(e.text(), "abx");
    }
}

//! The boundary between text read from files or arguments and a person's
//! terminal (or a text, Markdown or CSV file they open): control characters
//! (C0, DEL, C1) and bidirectional controls never pass it. Each becomes a
//! visible placeholder, so a damaged cell still shows that something was
//! there. JSON output does not use this: it stays exact, escaped by serde.

use std::borrow::Cow;
use std::fmt;

/// What a hidden control character is shown as.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls,
/// DEL, and the bidi embedding, override and isolate controls (U+202A–E,
/// U+2066–9) and marks (U+200E, U+200F, U+061C), which can make a line read
/// differently from what it holds.
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// Text as it may be shown on one line: tabs and line breaks become spaces,
/// every other control character the placeholder.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if !s.chars().any(is_hidden_control) {
            return f.write_str(s);
        }
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if is_hidden_control(c) {
                f.write_str(&s[start..i])?;
                let shown = if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    PLACEHOLDER
                };
                fmt::Write::write_char(f, shown)?;
                start = i + c.len_utf8();
            }
        }
        f.write_str(&s[start..])
    }
}

/// `text` made safe for one line (see [`Shown`]); borrowed when it already is.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_hidden_control) {
        Cow::Owned(Shown(text).to_string())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` made safe where line breaks and tabs are content (a CSV cell, a
/// note): those stay (a lone CR becomes a line break), every other hidden
/// control becomes the placeholder.
pub fn clean_multiline(text: &str) -> Cow<'_, str> {
    let keep = |c: char| matches!(c, '\n' | '\t');
    if !text.chars().any(|c| is_hidden_control(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\r' => '\n',
                c if is_hidden_control(c) && !keep(c) => PLACEHOLDER,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(clean("a\x1b[31mb\tc\u{7}"), "a\u{FFFD}[31mb c\u{FFFD}");
        assert_eq!(clean("x\u{9b}2Jy"), "x\u{FFFD}2Jy");
        assert_eq!(clean("abc\u{202E}cba"), "abc\u{FFFD}cba");
        assert_eq!(
            clean("\u{2066}x\u{2069}\u{7f}"),
            "\u{FFFD}x\u{FFFD}\u{FFFD}"
        );
        assert!(matches!(clean("Qualità"), Cow::Borrowed("Qualità")));
        assert_eq!(Shown("a\nb").to_string(), "a b");
    }

    #[test]
    fn multiline_keeps_line_breaks_and_tabs() {
        assert_eq!(clean_multiline("a\nb\tc"), "a\nb\tc");
        assert_eq!(clean_multiline("a\r\nb\rc\x1b"), "a\nb\nc\u{FFFD}");
    }
}

//! The one way text from data files, the store or the person reaches the
//! screen: through these helpers, which pass it through `text::clean`.

use crate::text::clean;
use ratatui::style::Style;
use ratatui::text::Span;

/// A span of outside text, made safe for the terminal.
pub fn shown(text: &str) -> Span<'static> {
    Span::raw(clean(text).into_owned())
}

/// A styled span of outside text, made safe for the terminal.
pub fn shown_styled(text: &str, style: Style) -> Span<'static> {
    Span::styled(clean(text).into_owned(), style)
}

/// Outside text made safe, as a String (for titles and joined labels).
pub fn safe(text: &str) -> String {
    clean(text).into_owned()
}

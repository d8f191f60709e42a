//! How an importer keeps the text it reads: the built-in documents are
//! parsed without copying their text, files read at run time are copied.

use crate::model::Text;
use std::borrow::Cow;

/// Turns text read from a source into the model's [`Text`].
pub trait Keep<'a>: Copy {
    fn text(self, s: &'a str) -> Text;

    /// Text that is either the source's own or was rewritten while reading.
    fn cow(self, s: Cow<'a, str>) -> Text {
        match s {
            Cow::Borrowed(b) => self.text(b),
            Cow::Owned(o) => Cow::Owned(o),
        }
    }
}

/// For a document compiled into the binary: the model borrows its text.
#[derive(Debug, Clone, Copy)]
pub struct Borrowing;

impl Keep<'static> for Borrowing {
    fn text(self, s: &'static str) -> Text {
        Cow::Borrowed(s)
    }
}

/// For a document read at run time: the model owns a copy of its text.
#[derive(Debug, Clone, Copy)]
pub struct Copying;

impl<'a> Keep<'a> for Copying {
    fn text(self, s: &'a str) -> Text {
        Cow::Owned(s.to_owned())
    }
}

/// Parts joined by `sep`: a single part is kept as it is, without a copy
/// when the source can be borrowed.
pub fn joined<'a>(keep: impl Keep<'a>, parts: &[&'a str], sep: &str) -> Text {
    match parts {
        [] => Text::default(),
        [one] => keep.text(one),
        _ => Cow::Owned(parts.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_text_is_borrowed_and_other_text_copied() {
        assert!(matches!(Borrowing.text("a"), Cow::Borrowed("a")));
        let local = String::from("b");
        assert!(matches!(Copying.text(&local), Cow::Owned(s) if s == "b"));
        assert!(matches!(
            Borrowing.cow(Cow::Owned("c".into())),
            Cow::Owned(s) if s == "c"
        ));
        assert!(matches!(
            joined(Borrowing, &["x"], "; "),
            Cow::Borrowed("x")
        ));
        assert_eq!(joined(Copying, &["x", "y"], "; "), "x; y");
        assert_eq!(joined(Borrowing, &[], "; "), "");
    }
}

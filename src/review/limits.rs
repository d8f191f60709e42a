//! What the store takes, said at the door: a free text has at most
//! [`MAX_TEXT`] characters (below the 32,767 a spreadsheet cell holds, so
//! every record exports whole).

use super::error::Invalid;

/// The most characters a free-text field holds.
pub const MAX_TEXT: usize = 32_000;

/// Refuses a text longer than [`MAX_TEXT`].
pub fn text(field: &'static str, value: &str) -> Result<(), Invalid> {
    // Counting stops one past the limit: a huge text costs no more.
    let chars = value.chars().take(MAX_TEXT + 1).count();
    if chars > MAX_TEXT {
        return Err(Invalid::TooLong {
            field,
            chars: value.chars().count(),
            limit: MAX_TEXT,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        assert!(text("notes", &"è".repeat(MAX_TEXT)).is_ok());
        let e = text("notes", &"a".repeat(MAX_TEXT + 1)).unwrap_err();
        assert!(matches!(e, Invalid::TooLong { chars, .. } if chars == MAX_TEXT + 1));
    }
}

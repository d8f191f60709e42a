//! A source text kept for the rest of the process, so that the nodes made
//! from it point into it instead of copying each cell: a map of 100,000
//! entries would otherwise allocate a title, a role, the steps... one by
//! one before its first frame. A map, once loaded, lives as long as the
//! process that shows it (no reader loads it again), so the text is never
//! freed.

use crate::model::Text;

/// Makes [`Text`]s of the strings that lie within the kept text without
/// copying them; any other string is copied as usual.
#[derive(Debug, Clone, Copy, Default)]
pub struct Kept(&'static str);

impl Kept {
    /// Keeps `text` for the rest of the process.
    pub fn leak(text: String) -> Kept {
        Kept(text.leak())
    }

    /// A text that lives as long as the process already.
    pub fn from_static(text: &'static str) -> Kept {
        Kept(text)
    }

    /// Nothing kept: every text is copied.
    pub fn none() -> Kept {
        Kept("")
    }

    /// The kept text itself.
    pub fn text(self) -> &'static str {
        self.0
    }

    /// `s` as a [`Text`]: pointing into the kept text when `s` is part of it
    /// (short strings are held inline either way), a copy otherwise.
    pub fn of(self, s: &str) -> Text {
        // Held inline: most of a map's cells are short, many empty (and
        // `const_new` would copy a short one byte by byte, being a const fn).
        if s.len() <= std::mem::size_of::<Text>() {
            return Text::from(s);
        }
        let kept = self.0;
        let offset = (s.as_ptr() as usize).wrapping_sub(kept.as_ptr() as usize);
        // Within the kept text's bounds (and on its character boundaries)
        // only when `s` starts inside it: then these are the very bytes of `s`.
        match kept.get(offset..offset.wrapping_add(s.len())) {
            Some(same) => Text::const_new(same),
            None => Text::from(s),
        }
    }
}

/// Texts written one after another into buffers kept for the process:
/// texts over 24 bytes (not held inline) take a share of one allocation
/// each, not an allocation of their own (a map with a long name has a long
/// id for every entry).
#[derive(Debug, Default)]
pub struct Arena {
    room: &'static mut [u8],
}

/// The size of each buffer.
const ARENA_CHUNK: usize = 64 * 1024;

impl Arena {
    /// `s` as a [`Text`]: inline when short, else written into the arena.
    pub fn text(&mut self, s: &str) -> Text {
        if s.len() <= std::mem::size_of::<Text>() {
            return Text::from(s);
        }
        if s.len() > self.room.len() {
            self.room = vec![0u8; ARENA_CHUNK.max(s.len())].leak();
        }
        let (piece, rest) = std::mem::take(&mut self.room).split_at_mut(s.len());
        piece.copy_from_slice(s.as_bytes());
        self.room = rest;
        let piece: &'static [u8] = piece;
        // The bytes of `s`, a str: this never fails.
        match std::str::from_utf8(piece) {
            Ok(kept) => Text::const_new(kept),
            Err(_) => Text::from(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arena_keeps_long_texts_together_and_short_ones_inline() {
        let mut arena = Arena::default();
        let short = arena.text("catalogo:A1.1");
        assert!(short.as_static_str().is_none() && !short.is_heap_allocated());
        let ids: Vec<Text> = (0..5000)
            .map(|i| arena.text(&format!("mappatura-dei-processi-2026:A1.{i}")))
            .collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(*id, format!("mappatura-dei-processi-2026:A1.{i}"));
            assert!(!id.is_heap_allocated());
        }
        let long = "x".repeat(ARENA_CHUNK + 1);
        assert_eq!(arena.text(&long), long);
        assert_eq!(arena.text("é".repeat(20).as_str()), "é".repeat(20));
    }

    #[test]
    fn parts_of_the_kept_text_are_not_copied_and_others_are() {
        let kept = Kept::leak("Procedimento di esempio con un titolo lungo\tUfficio".to_string());
        let title = &kept.text()[..43];
        let t = kept.of(title);
        assert_eq!(t, title);
        assert!(!t.is_heap_allocated());
        assert_eq!(t.as_static_str().map(str::as_ptr), Some(title.as_ptr()));
        // Short: inline, as any short text.
        assert_eq!(kept.of(&kept.text()[44..]), "Ufficio");
        // Elsewhere, even with the same bytes: copied.
        let other = String::from("Procedimento di esempio con un titolo lungo");
        let copy = kept.of(&other);
        assert_eq!(copy, other);
        assert!(copy.is_heap_allocated());
        assert_eq!(Kept::none().of("abc"), "abc");
        assert_eq!(kept.of(""), "");
    }
}

//! Formatting markup left in the text by the extraction (`<i>incoming</i>`
//! at line 254 of the ptpc2019 seed): shown as its text, the markers
//! removed, before the rows are read. Only inline formatting tags are
//! removed, and only within a line; anything else with a `<` stays as
//! written ("a < b", "<3", an unknown tag).

use std::borrow::Cow;

/// Inline formatting tags, removed with their closing tags.
const TAGS: &[&str] = &[
    "b", "big", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u",
];

/// A source text with its markup removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmarked<'a> {
    /// The text without the markers; line breaks and tabs are kept, so
    /// lines and cells are those of the source.
    pub text: Cow<'a, str>,
    /// The lines markers were removed from (1-based), with the markers.
    pub lines: Vec<(u32, Vec<String>)>,
}

/// `text` with inline formatting tags removed (`<br>` becomes a space).
pub fn unmark(text: &str) -> Unmarked<'_> {
    let mut out = String::new();
    let mut lines: Vec<(u32, Vec<String>)> = Vec::new();
    let (mut line, mut copied) = (1u32, 0usize);
    for at in memchr::memchr_iter(b'<', text.as_bytes()) {
        if at < copied {
            continue; // inside a tag already removed
        }
        let Some((tag, replacement)) = tag_at(&text[at..]) else {
            continue;
        };
        line = line.saturating_add(line_ends(&text[copied..at]));
        out.reserve(text.len() - copied);
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        match lines.last_mut() {
            Some((l, tags)) if *l == line => tags.push(tag.to_string()),
            _ => lines.push((line, vec![tag.to_string()])),
        }
        copied = at + tag.len();
    }
    if lines.is_empty() {
        return Unmarked {
            text: Cow::Borrowed(text),
            lines,
        };
    }
    out.push_str(&text[copied..]);
    Unmarked {
        text: Cow::Owned(out),
        lines,
    }
}

/// The line ends in `text`: "\n", "\r\n" and a lone "\r" count one each,
/// as the rows count them. (`text` never ends between "\r" and "\n": it
/// ends before a "<".)
fn line_ends(text: &str) -> u32 {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', b)
        .filter(|&i| b[i] == b'\n' || b.get(i + 1) != Some(&b'\n'))
        .count() as u32
}

/// The diagnostic message for the markers removed from one line.
pub fn message(tags: &[String]) -> String {
    format!(
        "marcatori di formattazione nel testo ({}): mostrato come testo, senza i marcatori",
        tags.join(" ")
    )
}

/// The tag `text` starts with, and what replaces it: `<i>`, `</i>`,
/// `<span class="x">`, `<br/>`. `None` for anything else.
fn tag_at(text: &str) -> Option<(&str, &'static str)> {
    let end = 1 + text.get(1..)?.find(['>', '<', '\n', '\r', '\t'])?;
    if !text[end..].starts_with('>') {
        return None;
    }
    let tag = &text[..=end];
    let inner = tag[1..end].strip_prefix('/').unwrap_or(&tag[1..end]);
    let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
    let name_end = inner.find(' ').unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name == "br" && name_end == inner.len() {
        return Some((tag, " "));
    }
    TAGS.contains(&name.as_str()).then_some((tag, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_are_removed_and_their_lines_noted() {
        let u =
            unmark("a\tb\nx <i>incoming</i> y\r\nz<B>1</B><br/>2\rq<span class=\"k\">s</span>\n");
        assert_eq!(u.text, "a\tb\nx incoming y\r\nz1 2\rqs\n");
        assert_eq!(
            u.lines,
            [
                (2, vec!["<i>".to_string(), "</i>".to_string()]),
                (3, vec!["<B>".into(), "</B>".into(), "<br/>".into()]),
                (4, vec!["<span class=\"k\">".into(), "</span>".into()]),
            ]
        );
    }

    #[test]
    fn other_angle_brackets_stay() {
        for text in [
            "a < b",
            "<3 e >2",
            "<script>x</script>",
            "<i",
            "< i>",
            "<i\n>",
            "<i\t>x",
            "àè <<",
            "",
        ] {
            let u = unmark(text);
            assert_eq!(u.text, text);
            assert!(u.lines.is_empty(), "{text}");
        }
        assert!(matches!(unmark("plain").text, Cow::Borrowed("plain")));
    }
}

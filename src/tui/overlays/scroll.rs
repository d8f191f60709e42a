//! Lists taller than their box: the window of rows around the selected
//! one.

/// A short list window around `selected` of at most `height` rows: the
/// first row shown.
pub fn window(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// Items of several lines each, from the first that lets the selected one
/// show whole within `height` lines.
pub fn scrolled(
    items: Vec<Vec<ratatui::text::Line<'static>>>,
    selected: usize,
    height: usize,
) -> Vec<ratatui::text::Line<'static>> {
    let mut start = selected.min(items.len().saturating_sub(1));
    let mut used = items.get(start).map_or(0, Vec::len);
    while start > 0 && used + items[start - 1].len() <= height {
        start -= 1;
        used += items[start].len();
    }
    items
        .into_iter()
        .skip(start)
        .flatten()
        .take(height)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    fn item(name: &str, n: usize) -> Vec<Line<'static>> {
        (0..n).map(|i| Line::from(format!("{name}{i}"))).collect()
    }

    #[test]
    fn the_selected_item_shows_whole() {
        let items = || vec![item("a", 2), item("b", 3), item("c", 2)];
        let shown = |sel, h| -> Vec<String> {
            scrolled(items(), sel, h)
                .iter()
                .map(|l| l.to_string())
                .collect()
        };
        assert_eq!(shown(0, 4), ["a0", "a1", "b0", "b1"]);
        assert_eq!(shown(2, 4), ["c0", "c1"]);
        assert_eq!(shown(2, 5), ["b0", "b1", "b2", "c0", "c1"]);
        assert!(shown(0, 0).is_empty());
        assert!(scrolled(Vec::new(), 3, 5).is_empty());
    }
}

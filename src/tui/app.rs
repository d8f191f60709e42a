//! The explorer's state and how actions change it. Pure: no terminal here,
//! so behaviour is tested with key sequences alone.

use super::search::{Hit, Searcher};
use super::strings::Lang;
use crate::model::Map;
use ratatui::layout::Rect;
use std::collections::HashMap;

/// What the user asked for, decoded from a key or mouse event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Insert(char),
    Backspace,
    DeleteWord,
    ClearLine,
    /// Esc: clears the query, quits when it is already empty.
    Escape,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    Toggle,
    ExpandAll,
    CollapseAll,
    NextDataset,
    PrevDataset,
    SwitchFocus,
    DetailUp,
    DetailDown,
    Help,
    CloseHelp,
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// Display options fixed at start.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
}

/// Parent/children links of one dataset, by node index.
#[derive(Debug)]
pub struct TreeLinks {
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    pub roots: Vec<usize>,
}

impl TreeLinks {
    fn new(ds: &crate::model::Dataset) -> Self {
        let index: HashMap<&str, usize> = ds
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut parent = vec![None; ds.nodes.len()];
        let mut children = vec![Vec::new(); ds.nodes.len()];
        let mut roots = Vec::new();
        for (i, n) in ds.nodes.iter().enumerate() {
            match n.parent.as_deref().and_then(|p| index.get(p)) {
                Some(&p) => {
                    parent[i] = Some(p);
                    children[p].push(i);
                }
                None => roots.push(i),
            }
        }
        TreeLinks {
            parent,
            children,
            roots,
        }
    }
}

/// The active search: which nodes match and which are kept for context.
#[derive(Debug, Default)]
pub struct FilterState {
    /// Hits in rank order.
    pub hits: Vec<Hit>,
    /// Rank of each matching node.
    pub rank: HashMap<usize, usize>,
    /// Matches and their ancestors: the rows the filtered tree shows.
    pub keep: Vec<bool>,
    /// Expansion the user chose while filtering (overrides the automatic one).
    pub opened: HashMap<usize, bool>,
}

/// One visible line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow {
    pub node: usize,
    pub depth: u16,
}

/// Where things were drawn, for mouse hits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub tree: Rect,
    pub detail: Rect,
}

pub struct App {
    pub map: Map,
    pub links: Vec<TreeLinks>,
    /// Expansion in browse mode, per dataset.
    pub expanded: Vec<Vec<bool>>,
    pub current: usize,
    pub query: String,
    pub filter: Option<FilterState>,
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    pub offset: usize,
    pub focus: Focus,
    pub detail_scroll: u16,
    pub show_help: bool,
    pub quit: bool,
    pub options: Options,
    pub areas: Areas,
    /// Rows the tree showed in the last frame (for paging).
    pub tree_height: usize,
    searcher: Box<dyn Searcher>,
}

impl App {
    pub fn new(map: Map, searcher: Box<dyn Searcher>, options: Options) -> Self {
        let links: Vec<TreeLinks> = map.datasets.iter().map(TreeLinks::new).collect();
        // Start with the top level open: an overview of the macro-processes.
        let expanded = links
            .iter()
            .map(|l| {
                let mut e = vec![false; l.parent.len()];
                for &r in &l.roots {
                    e[r] = true;
                }
                e
            })
            .collect();
        let mut app = App {
            map,
            links,
            expanded,
            current: 0,
            query: String::new(),
            filter: None,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            focus: Focus::Tree,
            detail_scroll: 0,
            show_help: false,
            quit: false,
            options,
            areas: Areas::default(),
            tree_height: 10,
            searcher,
        };
        app.rebuild_rows(None);
        app
    }

    pub fn dataset(&self) -> &crate::model::Dataset {
        &self.map.datasets[self.current]
    }

    /// Node index of the selected row.
    pub fn selected_node(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.node)
    }

    /// Number of matches (or all nodes when not searching) and the total.
    pub fn counts(&self) -> (usize, usize) {
        let total = self.dataset().nodes.len();
        match &self.filter {
            Some(f) => (f.hits.len(), total),
            None => (total, total),
        }
    }

    pub fn hit_for(&self, node: usize) -> Option<&Hit> {
        let f = self.filter.as_ref()?;
        f.rank.get(&node).map(|&r| &f.hits[r])
    }

    pub fn has_children(&self, node: usize) -> bool {
        !self.links[self.current].children[node].is_empty()
    }

    /// Whether a node shows its children.
    pub fn is_open(&self, node: usize) -> bool {
        match &self.filter {
            None => self.expanded[self.current][node],
            Some(f) => f
                .opened
                .get(&node)
                .copied()
                .unwrap_or_else(|| self.auto_open(f, node)),
        }
    }

    /// While filtering, ancestors of matches open by themselves.
    fn auto_open(&self, f: &FilterState, node: usize) -> bool {
        f.keep[node]
            && self.links[self.current].children[node]
                .iter()
                .any(|&c| f.keep[c])
    }

    fn set_open(&mut self, node: usize, open: bool) {
        match &mut self.filter {
            None => self.expanded[self.current][node] = open,
            Some(f) => {
                f.opened.insert(node, open);
            }
        }
    }

    /// Recomputes the visible rows; keeps `keep_node` selected if visible.
    fn rebuild_rows(&mut self, keep_node: Option<usize>) {
        let links = &self.links[self.current];
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, u16)> = links.roots.iter().rev().map(|&r| (r, 0)).collect();
        while let Some((n, depth)) = stack.pop() {
            if let Some(f) = &self.filter {
                if !f.keep[n] && !self.parent_fully_open(f, n) {
                    continue;
                }
            }
            rows.push(TreeRow { node: n, depth });
            if self.is_open(n) {
                for &c in links.children[n].iter().rev() {
                    stack.push((c, depth + 1));
                }
            }
        }
        self.rows = rows;
        self.selected = keep_node
            .and_then(|k| self.rows.iter().position(|r| r.node == k))
            .unwrap_or_else(|| self.selected.min(self.rows.len().saturating_sub(1)));
    }

    /// While filtering, a node outside the matches is shown only when the
    /// user opened its parent explicitly.
    fn parent_fully_open(&self, f: &FilterState, node: usize) -> bool {
        self.links[self.current].parent[node].is_some_and(|p| f.opened.get(&p) == Some(&true))
    }

    fn run_search(&mut self) {
        if self.query.trim().is_empty() {
            let keep = self.selected_node();
            self.filter = None;
            self.rebuild_rows(keep);
            return;
        }
        let hits = self.searcher.search(&self.map, self.current, &self.query);
        let links = &self.links[self.current];
        let mut keep = vec![false; links.parent.len()];
        let mut rank = HashMap::with_capacity(hits.len());
        for (r, h) in hits.iter().enumerate() {
            rank.insert(h.node, r);
            let mut cur = Some(h.node);
            while let Some(n) = cur {
                if keep[n] && n != h.node {
                    break;
                }
                keep[n] = true;
                cur = links.parent[n];
            }
        }
        let best = hits.first().map(|h| h.node);
        self.filter = Some(FilterState {
            hits,
            rank,
            keep,
            opened: HashMap::new(),
        });
        self.rebuild_rows(best);
        if best.is_none() {
            self.selected = 0;
        }
        self.detail_scroll = 0;
    }

    fn move_to(&mut self, row: usize) {
        if !self.rows.is_empty() {
            let row = row.min(self.rows.len() - 1);
            if row != self.selected {
                self.detail_scroll = 0;
            }
            self.selected = row;
        }
    }

    fn set_dataset(&mut self, index: usize) {
        if index == self.current || index >= self.map.datasets.len() {
            return;
        }
        self.current = index;
        self.selected = 0;
        self.offset = 0;
        self.detail_scroll = 0;
        if self.filter.is_some() {
            self.run_search();
        } else {
            self.rebuild_rows(None);
        }
    }

    fn page(&self) -> usize {
        self.tree_height.max(1)
    }

    /// Applies one action.
    pub fn handle(&mut self, action: Action) {
        if self.show_help {
            // Any key closes the help; quitting still works.
            match action {
                Action::Quit => self.quit = true,
                Action::Click { .. } | Action::ScrollUp | Action::ScrollDown => {}
                _ => self.show_help = false,
            }
            return;
        }
        match action {
            Action::Insert(c) => {
                self.query.push(c);
                self.run_search();
            }
            Action::Backspace => {
                if self.query.pop().is_some() {
                    self.run_search();
                }
            }
            Action::DeleteWord => {
                let trimmed = self.query.trim_end().len();
                let cut = self.query[..trimmed]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                self.query.truncate(cut);
                self.run_search();
            }
            Action::ClearLine => {
                self.query.clear();
                self.run_search();
            }
            Action::Escape => {
                if self.query.is_empty() {
                    self.quit = true;
                } else {
                    self.query.clear();
                    self.run_search();
                }
            }
            Action::Quit => self.quit = true,
            Action::Up => {
                if self.focus == Focus::Detail {
                    self.detail_scroll = self.detail_scroll.saturating_sub(1);
                } else {
                    self.move_to(self.selected.saturating_sub(1));
                }
            }
            Action::Down => {
                if self.focus == Focus::Detail {
                    self.detail_scroll = self.detail_scroll.saturating_add(1);
                } else {
                    self.move_to(self.selected + 1);
                }
            }
            Action::PageUp => {
                if self.focus == Focus::Detail {
                    self.detail_scroll = self.detail_scroll.saturating_sub(10);
                } else {
                    self.move_to(self.selected.saturating_sub(self.page()));
                }
            }
            Action::PageDown => {
                if self.focus == Focus::Detail {
                    self.detail_scroll = self.detail_scroll.saturating_add(10);
                } else {
                    self.move_to(self.selected + self.page());
                }
            }
            Action::Home => self.move_to(0),
            Action::End => self.move_to(self.rows.len().saturating_sub(1)),
            Action::Left => {
                let Some(n) = self.selected_node() else {
                    return;
                };
                if self.has_children(n) && self.is_open(n) {
                    self.set_open(n, false);
                    self.rebuild_rows(Some(n));
                } else if let Some(p) = self.links[self.current].parent[n] {
                    if let Some(row) = self.rows.iter().position(|r| r.node == p) {
                        self.move_to(row);
                    }
                }
            }
            Action::Right => {
                let Some(n) = self.selected_node() else {
                    return;
                };
                if !self.has_children(n) {
                    return;
                }
                if !self.is_open(n) {
                    self.set_open(n, true);
                    self.rebuild_rows(Some(n));
                } else {
                    self.move_to(self.selected + 1);
                }
            }
            Action::Toggle => {
                let Some(n) = self.selected_node() else {
                    return;
                };
                if self.has_children(n) {
                    let open = self.is_open(n);
                    self.set_open(n, !open);
                    self.rebuild_rows(Some(n));
                }
            }
            Action::ExpandAll | Action::CollapseAll => {
                let open = action == Action::ExpandAll;
                let keep = self.selected_node();
                let parents: Vec<usize> = (0..self.links[self.current].parent.len())
                    .filter(|&n| self.has_children(n))
                    .collect();
                for n in parents {
                    self.set_open(n, open);
                }
                // Collapsing everything keeps the selection on its root.
                let keep = keep.map(|mut k| {
                    if !open {
                        while let Some(p) = self.links[self.current].parent[k] {
                            k = p;
                        }
                    }
                    k
                });
                self.rebuild_rows(keep);
            }
            Action::NextDataset => {
                let n = self.map.datasets.len();
                if n > 0 {
                    self.set_dataset((self.current + 1) % n);
                }
            }
            Action::PrevDataset => {
                let n = self.map.datasets.len();
                if n > 0 {
                    self.set_dataset((self.current + n - 1) % n);
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                }
            }
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::DetailDown => self.detail_scroll = self.detail_scroll.saturating_add(1),
            Action::Help => self.show_help = true,
            Action::CloseHelp => self.show_help = false,
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp => self.move_to(self.selected.saturating_sub(3)),
            Action::ScrollDown => self.move_to(self.selected + 3),
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let t = self.areas.tree;
        let inside =
            |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
        if inside(self.areas.detail) {
            self.focus = Focus::Detail;
            return;
        }
        if !inside(t) {
            return;
        }
        self.focus = Focus::Tree;
        let index = self.offset + (row - t.y) as usize;
        if index >= self.rows.len() {
            return;
        }
        let r = self.rows[index];
        // The open/closed marker sits right after the indentation.
        let marker_col = t.x + r.depth * 2;
        let on_marker = column >= marker_col && column < marker_col + 2;
        if on_marker || index == self.selected {
            self.move_to(index);
            self.handle(Action::Toggle);
        } else {
            self.move_to(index);
        }
    }

    /// Keeps the selection inside the window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        self.tree_height = height;
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}

//! The explorer's state and how actions change it. Pure: no terminal here,
//! so behaviour is tested with key sequences alone.

use super::search::{Hit, Searcher};
use super::strings::Lang;
use crate::display::responsible;
use crate::model::Map;
use crate::review::{Change, Indicator, ReviewKey, Status};
use crate::roles::{Party, Responsibilities};
use crate::text::clean;
use crate::tui::review::{next_level, NoteEditor, ReviewState, RiskForm, FORM_ROWS};
use crossterm::event::{KeyCode, KeyModifiers};
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
    /// Ctrl-R: the list of roles and offices.
    OpenPicker,
    /// Removes the role/office filter.
    ClearParty,
    /// Ctrl-Y: the selected entry to the clipboard.
    Copy,
    /// Ctrl-S: the entries in view to a Markdown file.
    Export,
    /// F2: the next review status for the selected entry.
    CycleStatus,
    /// F3: the notes editor.
    EditNotes,
    /// F4: indicators, judgement and motivation.
    OpenRiskForm,
    /// F9: only the entries not yet reviewed.
    TogglePending,
    /// A key for the open editor or form.
    EditorKey(crossterm::event::KeyEvent),
}

/// Something the app wants done outside itself; the event loop does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Copy(String),
    WriteFile {
        path: std::path::PathBuf,
        content: Vec<u8>,
        entries: usize,
    },
}

/// The role/office filter in force.
#[derive(Debug, Clone)]
pub struct PartyFilter {
    pub name: String,
    pub key: String,
    /// Per node of the current dataset: does it name the party?
    pub nodes: Vec<bool>,
}

/// The Ctrl-R picker: a searchable list of parties of the current dataset.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub query: String,
    /// Indices into the current dataset's party list, in display order.
    pub items: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
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
    /// `Some((matched, total))` when the hits match only some of the words.
    pub partial: Option<(usize, usize)>,
    /// Whether part of a long query was ignored.
    pub truncated: bool,
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
    /// First help line shown (the help can be taller than the screen).
    pub help_scroll: u16,
    pub quit: bool,
    pub options: Options,
    pub areas: Areas,
    /// Rows the tree showed in the last frame (for paging).
    pub tree_height: usize,
    pub party: Option<PartyFilter>,
    pub picker: Option<Picker>,
    /// Built on first use: most sessions never open the picker.
    parties: Option<Responsibilities>,
    pub effects: Vec<Effect>,
    /// A one-off message for the status line (cleared by the next key).
    pub message: Option<String>,
    pub review: Option<ReviewState>,
    pub editor: Option<NoteEditor>,
    pub form: Option<RiskForm>,
    /// Notes typed but not yet saved, visible to the watchdog thread so a
    /// dropped link cannot lose them.
    pub unsaved: UnsavedNotes,
    /// Review keys of every node, computed once (per-frame work stays small).
    review_keys: std::cell::OnceCell<Vec<Vec<ReviewKey>>>,
    searcher: Box<dyn Searcher>,
}

/// Shared with the watchdog: (key, title, text) of notes not yet saved.
pub type UnsavedNotes = std::sync::Arc<std::sync::Mutex<Option<(ReviewKey, String, String)>>>;

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
            help_scroll: 0,
            quit: false,
            options,
            areas: Areas::default(),
            tree_height: 10,
            party: None,
            picker: None,
            parties: None,
            effects: Vec::new(),
            message: None,
            review: None,
            editor: None,
            form: None,
            unsaved: Default::default(),
            review_keys: std::cell::OnceCell::new(),
            searcher,
        };
        app.rebuild_rows(None);
        app
    }

    /// An app searching with the shared ranked index.
    pub fn with_index(map: Map, options: Options) -> Self {
        let searcher = crate::tui::default_searcher(&map);
        App::new(map, searcher, options)
    }

    /// The review key of a node of the current dataset.
    pub fn key(&self, node: usize) -> ReviewKey {
        self.review_keys
            .get_or_init(|| crate::review::all_keys(&self.map))[self.current][node]
            .clone()
    }

    /// Forgets the search cache for `word` (benchmarks).
    pub fn forget_search(&mut self, word: &str) {
        self.searcher.forget(word);
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
        let has_query = !self.query.trim().is_empty();
        let pending = self.review.as_ref().is_some_and(|r| r.only_pending);
        if !has_query && self.party.is_none() && !pending {
            let keep = self.selected_node();
            self.filter = None;
            self.rebuild_rows(keep);
            return;
        }
        let (mut hits, partial, truncated) = if has_query {
            let found = self.searcher.search(&self.map, self.current, &self.query);
            (found.hits, found.partial, found.truncated)
        } else {
            // Only filters: every entry, narrowed below, in tree order.
            let every: Vec<Hit> = (0..self.dataset().nodes.len())
                .map(|node| Hit {
                    node,
                    score: 0,
                    title_positions: Vec::new(),
                })
                .collect();
            (every, None, false)
        };
        if let Some(p) = &self.party {
            hits.retain(|h| p.nodes.get(h.node).copied().unwrap_or(false));
        }
        if let Some(review) = self.review.as_ref().filter(|r| r.only_pending) {
            // Only the entries nobody has started reviewing.
            hits.retain(|h| review.status(&self.key(h.node)) == Status::DaEsaminare);
        }
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
            partial,
            truncated,
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
        // Keep the role/office filter if the other dataset names it too.
        if let Some(key) = self.party.as_ref().map(|p| p.key.clone()) {
            self.party = self.party_by_key(&key);
        }
        if self.filter.is_some() || self.party.is_some() {
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
        self.message = None;
        if self.editor.is_some() || self.form.is_some() {
            self.handle_review_overlay(action);
            return;
        }
        if self.picker.is_some() && self.handle_picker(action) {
            return;
        }
        if self.show_help {
            // Any key closes the help; quitting still works.
            match action {
                Action::Quit => self.quit = true,
                Action::Up | Action::ScrollUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                Action::Down | Action::ScrollDown => {
                    self.help_scroll = self.help_scroll.saturating_add(1)
                }
                Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Action::PageDown => self.help_scroll = self.help_scroll.saturating_add(10),
                Action::Click { .. } => {}
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
                // Esc undoes one thing at a time: the query, then the
                // role/office filter, then quits.
                if !self.query.is_empty() {
                    self.query.clear();
                    self.run_search();
                } else if self.party.is_some() {
                    self.handle(Action::ClearParty);
                } else {
                    self.quit = true;
                }
            }
            Action::OpenPicker => self.open_picker(),
            Action::ClearParty => {
                if self.party.take().is_some() {
                    self.run_search();
                }
            }
            Action::Copy => self.copy_selected(),
            Action::Export => self.export_view(),
            Action::Quit => self.quit = true,
            Action::CycleStatus => self.cycle_status(),
            Action::EditNotes => self.open_editor(),
            Action::OpenRiskForm => self.open_form(),
            Action::TogglePending => match &mut self.review {
                Some(r) => {
                    r.only_pending = !r.only_pending;
                    self.run_search();
                }
                None => self.message = Some(self.strings().review_unavailable.to_string()),
            },
            Action::EditorKey(_) => {}
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
            Action::Help => {
                self.show_help = true;
                self.help_scroll = 0;
            }
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

    fn strings(&self) -> &'static crate::tui::strings::Strings {
        crate::tui::strings::strings(self.options.lang)
    }

    /// The selected entry's review key and title, if review is on.
    fn review_target(&mut self) -> Option<(ReviewKey, String)> {
        if self.review.is_none() {
            self.message = Some(self.strings().review_unavailable.to_string());
            return None;
        }
        if self.review.as_ref().is_some_and(|r| r.read_only()) {
            self.message = Some(self.strings().review_read_only.to_string());
            return None;
        }
        let node = self.selected_node()?;
        Some((self.key(node), self.dataset().nodes[node].title.to_string()))
    }

    fn record(&mut self, key: &ReviewKey, title: &str, changes: &[Change]) -> bool {
        let Some(review) = self.review.as_mut() else {
            return false;
        };
        match review.apply(key, title, changes) {
            Ok(()) => true,
            Err(e) => {
                self.message = Some(e);
                false
            }
        }
    }

    fn cycle_status(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let next = self.review.as_ref().unwrap().status(&key).next();
        if self.record(&key, &title, &[Change::Status(next)]) {
            self.message = Some(format!("{} {}", self.strings().status_now, next.label()));
        }
    }

    fn open_editor(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let notes = self
            .review
            .as_ref()
            .unwrap()
            .get(&key)
            .map(|r| r.notes.clone())
            .unwrap_or_default();
        self.editor = Some(NoteEditor::new(key, title, &notes));
    }

    fn open_form(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let form = RiskForm::new(key.clone(), title, self.review.as_ref().unwrap().get(&key));
        self.form = Some(form);
    }

    /// Saves the notes being edited, if they changed.
    pub fn save_notes(&mut self) {
        let Some(editor) = self.editor.as_ref().filter(|e| e.dirty()) else {
            return;
        };
        let (key, title, text) = (editor.key.clone(), editor.title.clone(), editor.text());
        if self.record(&key, &title, &[Change::Notes(text)]) {
            if let Some(e) = self.editor.as_mut() {
                e.mark_saved();
            }
            if let Ok(mut slot) = self.unsaved.lock() {
                *slot = None;
            }
            self.message = Some(self.strings().notes_saved.to_string());
        }
    }

    /// Periodic work: save idle notes, pick up other instances' changes.
    /// True when the screen needs redrawing.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        if self
            .editor
            .as_ref()
            .is_some_and(|e| e.due(std::time::Instant::now()))
        {
            self.save_notes();
            changed = true;
        }
        if self.review.as_mut().is_some_and(|r| r.refresh()) {
            if self.review.as_ref().is_some_and(|r| r.only_pending) {
                self.run_search();
            }
            changed = true;
        }
        changed
    }

    fn handle_review_overlay(&mut self, action: Action) {
        let Action::EditorKey(key) = action else {
            if action == Action::Quit {
                self.save_notes();
                self.quit = true;
            }
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            self.save_notes();
            self.quit = true;
            return;
        }
        if let Some(editor) = self.editor.as_mut() {
            if key.code == KeyCode::Esc
                || key.code == KeyCode::F(3)
                || (ctrl && key.code == KeyCode::Char('s'))
            {
                self.save_notes();
                self.editor = None;
            } else {
                editor.key(&key);
                let pending = editor
                    .dirty()
                    .then(|| (editor.key.clone(), editor.title.clone(), editor.text()));
                if let Ok(mut slot) = self.unsaved.lock() {
                    *slot = pending;
                }
            }
            return;
        }
        let Some(form) = self.form.as_mut() else {
            return;
        };
        if form.editing {
            match key.code {
                KeyCode::Esc | KeyCode::Enter => {
                    form.editing = false;
                    self.save_form(true);
                }
                KeyCode::Backspace => {
                    form.motivation.pop();
                }
                KeyCode::Char(c) if !ctrl => form.motivation.push(c),
                _ => {}
            }
            return;
        }
        match key.code {
            KeyCode::Esc | KeyCode::F(4) => self.form = None,
            KeyCode::Up => form.row = form.row.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => form.row = (form.row + 1).min(FORM_ROWS - 1),
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') => {
                let forward = key.code != KeyCode::Left;
                match form.row {
                    r if r < 6 => {
                        form.levels[r] = next_level(form.levels[r], forward);
                        let (i, l) = (Indicator::ALL[r], form.levels[r]);
                        let (k, t) = (form.key.clone(), form.title.clone());
                        self.record(&k, &t, &[Change::Indicator(i, l)]);
                    }
                    6 => {
                        form.judgement = next_level(form.judgement, forward);
                        self.save_form(false);
                    }
                    _ => form.editing = true,
                }
            }
            KeyCode::Enter if form.row == 7 => form.editing = true,
            _ => {}
        }
    }

    /// Saves judgement and motivation once both are there.
    fn save_form(&mut self, explicit: bool) {
        let Some(form) = self.form.as_ref() else {
            return;
        };
        let (k, t) = (form.key.clone(), form.title.clone());
        match (form.judgement, form.motivation.trim().is_empty()) {
            (Some(level), false) => {
                let m = form.motivation.clone();
                if self.record(&k, &t, &[Change::Judgement(level, m)]) {
                    self.message = Some(self.strings().judgement_saved.to_string());
                }
            }
            (Some(_), true) => self.message = Some(self.strings().motivation_needed.to_string()),
            (None, _) if explicit => {
                self.message = Some(self.strings().judgement_needed.to_string())
            }
            (None, _) => {}
        }
    }

    /// Entries reviewed ("esaminato") among those in view, and their number.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let review = self.review.as_ref()?;
        let nodes: Vec<usize> = match &self.filter {
            Some(f) => f.hits.iter().map(|h| h.node).collect(),
            None => (0..self.dataset().nodes.len()).collect(),
        };
        let done = nodes
            .iter()
            .filter(|&&n| review.status(&self.key(n)) == Status::Esaminato)
            .count();
        Some((done, nodes.len()))
    }

    /// The review status of a node, when review is on.
    pub fn status_of(&self, node: usize) -> Option<Status> {
        self.review.as_ref().map(|r| r.status(&self.key(node)))
    }

    fn parties(&mut self) -> &Responsibilities {
        if self.parties.is_none() {
            self.parties = Some(Responsibilities::new(&self.map));
        }
        self.parties.as_ref().unwrap()
    }

    /// The parties of the current dataset, in the picker's order.
    pub fn party_list(&self) -> Vec<&Party> {
        let id = &self.map.datasets[self.current].id;
        self.parties
            .as_ref()
            .map(|r| r.for_dataset(id).collect())
            .unwrap_or_default()
    }

    fn party_by_key(&mut self, key: &str) -> Option<PartyFilter> {
        let id = self.map.datasets[self.current].id.clone();
        let len = self.map.datasets[self.current].nodes.len();
        let matching: Vec<Party> = self
            .parties()
            .for_dataset(&id)
            .filter(|p| p.key == key)
            .cloned()
            .collect();
        let first = matching.first()?;
        let mut nodes = vec![false; len];
        for p in &matching {
            for &n in &p.nodes {
                nodes[n] = true;
            }
        }
        Some(PartyFilter {
            name: first.name.clone(),
            key: key.to_string(),
            nodes,
        })
    }

    fn open_picker(&mut self) {
        self.parties();
        self.picker = Some(Picker {
            items: (0..self.party_list().len()).collect(),
            ..Picker::default()
        });
    }

    fn refresh_picker(&mut self) {
        let Some(picker) = self.picker.as_ref() else {
            return;
        };
        let query = picker.query.clone();
        let list = self.party_list();
        let items: Vec<usize> = if query.trim().is_empty() {
            (0..list.len()).collect()
        } else {
            let ranked = self
                .parties
                .as_ref()
                .map(|r| r.suggest(&query, Some(&self.map.datasets[self.current].id)))
                .unwrap_or_default();
            ranked
                .iter()
                .filter_map(|p| list.iter().position(|q| q.key == p.key && q.kind == p.kind))
                .collect()
        };
        if let Some(picker) = self.picker.as_mut() {
            picker.items = items;
            picker.selected = 0;
            picker.offset = 0;
        }
    }

    /// Keys while the picker is open; false when the key is not the picker's.
    fn handle_picker(&mut self, action: Action) -> bool {
        let Some(picker) = self.picker.as_mut() else {
            return false;
        };
        match action {
            Action::Insert(c) => {
                picker.query.push(c);
                self.refresh_picker();
            }
            Action::Backspace => {
                picker.query.pop();
                self.refresh_picker();
            }
            Action::ClearLine | Action::DeleteWord => {
                picker.query.clear();
                self.refresh_picker();
            }
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Down => {
                picker.selected = (picker.selected + 1).min(picker.items.len().saturating_sub(1))
            }
            Action::PageUp => picker.selected = picker.selected.saturating_sub(10),
            Action::PageDown => {
                picker.selected = (picker.selected + 10).min(picker.items.len().saturating_sub(1))
            }
            Action::Toggle | Action::Right => {
                let chosen = picker.items.get(picker.selected).copied();
                self.picker = None;
                if let Some(i) = chosen {
                    let key = self.party_list()[i].key.clone();
                    self.party = self.party_by_key(&key);
                    self.run_search();
                    if let Some(p) = &self.party {
                        self.message = Some(format!(
                            "{} {}",
                            crate::tui::strings::strings(self.options.lang).filter_on,
                            p.name
                        ));
                    }
                }
            }
            Action::Escape | Action::OpenPicker | Action::Left => self.picker = None,
            Action::Quit => self.quit = true,
            _ => {}
        }
        true
    }

    fn copy_selected(&mut self) {
        let Some(i) = self.selected_node() else {
            return;
        };
        let node = &self.dataset().nodes[i];
        let code = node
            .code
            .as_deref()
            .or(node.parent_code.as_deref())
            .unwrap_or("—");
        let s = crate::tui::strings::strings(self.options.lang);
        let text = clean(&format!(
            "{code} — {} — {}: {}",
            node.title,
            s.responsible,
            responsible(node)
        ))
        .into_owned();
        self.message = Some(format!("{} {code}", s.copied));
        self.effects.push(Effect::Copy(text));
    }

    /// The entries in view: the matches when filtering, else the whole dataset.
    fn export_view(&mut self) {
        let ds = self.dataset();
        let indices: Vec<usize> = match &self.filter {
            Some(f) => {
                let mut v: Vec<usize> = f.hits.iter().map(|h| h.node).collect();
                v.sort();
                v
            }
            None => (0..ds.nodes.len()).collect(),
        };
        let found: Vec<(&crate::model::Dataset, &crate::model::Node)> =
            indices.iter().map(|&i| (ds, &ds.nodes[i])).collect();
        let mut what = Vec::new();
        if let Some(p) = &self.party {
            what.push(p.name.clone());
        }
        if !self.query.trim().is_empty() {
            what.push(format!("\"{}\"", self.query.trim()));
        }
        let title = if what.is_empty() {
            format!("mappa · {}", ds.id)
        } else {
            format!("mappa · {} · {}", ds.id, what.join(" · "))
        };
        let mut content = Vec::new();
        if crate::cli::who::write_md(&found, &title, &mut content).is_err() {
            return;
        }
        let slug: String = what
            .join("-")
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let name = if slug.is_empty() {
            format!("mappa-{}.md", ds.id)
        } else {
            format!("mappa-{}-{slug}.md", ds.id)
        };
        let entries = found.len();
        self.effects.push(Effect::WriteFile {
            path: std::path::PathBuf::from(name),
            content,
            entries,
        });
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

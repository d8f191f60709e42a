//! The officer's review inside the explorer: status per entry, the notes
//! editor and the risk form. Every change goes to the store as it is made.

use crate::model::Map;
use crate::review::{Change, Indicator, Level, Review, ReviewKey, Status, Store, StoreError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The store and what it holds for the loaded map.
pub struct ReviewState {
    store: Store,
    cache: HashMap<ReviewKey, Review>,
    version: i64,
    /// Show only the entries not yet reviewed.
    pub only_pending: bool,
}

impl ReviewState {
    pub fn new(store: Store) -> anyhow::Result<Self> {
        let mut state = ReviewState {
            store,
            cache: HashMap::new(),
            version: -1,
            only_pending: false,
        };
        state.reload()?;
        Ok(state)
    }

    /// Where the store is, and who writes: for a second connection.
    pub fn location(&self) -> (std::path::PathBuf, crate::review::Identity) {
        (
            self.store.path().to_path_buf(),
            self.store.identity().clone(),
        )
    }

    pub fn read_only(&self) -> bool {
        self.store.is_read_only()
    }

    fn reload(&mut self) -> Result<(), StoreError> {
        self.version = self.store.data_version()?;
        self.cache = self
            .store
            .all()?
            .into_iter()
            .map(|r| (r.key.clone(), r))
            .collect();
        Ok(())
    }

    /// Picks up changes made by another instance; true when something changed.
    pub fn refresh(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.version => self.reload().is_ok(),
            _ => false,
        }
    }

    /// Reviews whose entry is not in `map` (kept, never dropped).
    pub fn orphans(&self, map: &Map) -> Vec<Review> {
        self.store.orphans(map).unwrap_or_default()
    }

    pub fn get(&self, key: &ReviewKey) -> Option<&Review> {
        self.cache.get(key)
    }

    pub fn status(&self, key: &ReviewKey) -> Status {
        self.cache.get(key).map(|r| r.status).unwrap_or_default()
    }

    /// Records changes at once; the error is for the status line.
    pub fn apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
    ) -> Result<(), String> {
        match self
            .store
            .apply(key, title, changes, crate::review::Base::Mine)
        {
            Ok(review) => {
                self.cache.insert(key.clone(), review);
                // Our own commit: no need to reload for it.
                self.version = self.store.data_version().unwrap_or(self.version);
                Ok(())
            }
            Err(e) => Err(format!("{e:#}")),
        }
    }
}

/// A small multi-line editor for the notes.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub key: ReviewKey,
    pub title: String,
    pub lines: Vec<String>,
    /// Cursor: line and char index.
    pub row: usize,
    pub col: usize,
    saved: String,
    last_edit: Option<Instant>,
}

impl NoteEditor {
    pub fn new(key: ReviewKey, title: String, text: &str) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        NoteEditor {
            key,
            title,
            lines,
            row,
            col,
            saved: text.to_string(),
            last_edit: None,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn dirty(&self) -> bool {
        self.text() != self.saved
    }

    pub fn mark_saved(&mut self) {
        self.saved = self.text();
        self.last_edit = None;
    }

    /// Unsaved edits left alone for a moment: time to save them.
    pub fn due(&self, now: Instant) -> bool {
        self.dirty()
            && self
                .last_edit
                .is_some_and(|t| now.duration_since(t) >= Duration::from_millis(800))
    }

    fn byte(&self, row: usize, col: usize) -> usize {
        self.lines[row]
            .char_indices()
            .nth(col)
            .map_or(self.lines[row].len(), |(i, _)| i)
    }

    /// Applies an editing key; false for keys the editor does not use.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = |s: &String| s.chars().count();
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.lines[self.row].clear();
                self.col = 0;
            }
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) => {
                let at = self.byte(self.row, self.col);
                self.lines[self.row].insert(at, c);
                self.col += 1;
            }
            KeyCode::Enter => {
                let at = self.byte(self.row, self.col);
                let rest = self.lines[self.row].split_off(at);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            KeyCode::Backspace => {
                if self.col > 0 {
                    let at = self.byte(self.row, self.col - 1);
                    self.lines[self.row].remove(at);
                    self.col -= 1;
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = len(&self.lines[self.row]);
                    self.lines[self.row].push_str(&line);
                }
            }
            KeyCode::Delete => {
                if self.col < len(&self.lines[self.row]) {
                    let at = self.byte(self.row, self.col);
                    self.lines[self.row].remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            KeyCode::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = len(&self.lines[self.row]);
                }
            }
            KeyCode::Right => {
                if self.col < len(&self.lines[self.row]) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(len(&self.lines[self.row]));
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(len(&self.lines[self.row]));
            }
            KeyCode::Home => self.col = 0,
            KeyCode::End => self.col = len(&self.lines[self.row]),
            KeyCode::Up | KeyCode::Down => {}
            _ => return false,
        }
        if self.dirty() {
            self.last_edit = Some(Instant::now());
        }
        true
    }
}

/// The risk form: six indicators, the judgement and its motivation.
#[derive(Debug, Clone)]
pub struct RiskForm {
    pub key: ReviewKey,
    pub title: String,
    /// 0..6 indicators, 6 judgement, 7 motivation.
    pub row: usize,
    pub levels: [Option<Level>; 6],
    pub judgement: Option<Level>,
    pub motivation: String,
    /// Editing the motivation text.
    pub editing: bool,
}

pub const FORM_ROWS: usize = 8;

impl RiskForm {
    pub fn new(key: ReviewKey, title: String, review: Option<&Review>) -> Self {
        let mut levels = [None; 6];
        if let Some(r) = review {
            for (i, ind) in Indicator::ALL.iter().enumerate() {
                levels[i] = r.indicator(*ind);
            }
        }
        RiskForm {
            key,
            title,
            row: 0,
            levels,
            judgement: review.and_then(|r| r.judgement),
            motivation: review.map(|r| r.motivation.clone()).unwrap_or_default(),
            editing: false,
        }
    }
}

/// Cycles — → basso → medio → alto → —.
pub fn next_level(l: Option<Level>, forward: bool) -> Option<Level> {
    let order = [
        None,
        Some(Level::Basso),
        Some(Level::Medio),
        Some(Level::Alto),
    ];
    let i = order.iter().position(|x| *x == l).unwrap_or(0);
    let n = order.len();
    order[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

//! Moving in the tree: up and down, paging, opening and closing, the
//! parent and the first child, clicks, opening or closing everything.

use super::{Action, App, Focus};

impl App {
    /// Applies a movement; false for any other action.
    pub(crate) fn navigate(&mut self, action: &Action) -> bool {
        match *action {
            Action::Up => self.move_to(self.selected.saturating_sub(1)),
            Action::Down => self.move_to(self.selected + 1),
            Action::MoveBy(d) => self.move_by(d),
            Action::Home => self.move_to(0),
            Action::End => self.move_to(self.rows.len().saturating_sub(1)),
            Action::Left => self.close_or_parent(),
            Action::Right => self.open_or_child(),
            Action::Toggle => self.toggle(),
            Action::ClickRow { row, toggle } => {
                self.focus = Focus::Tree;
                if row < self.rows.len() {
                    self.move_to(row);
                    if toggle {
                        self.toggle();
                    }
                }
            }
            Action::ExpandAll => self.open_all(true),
            Action::CollapseAll => self.open_all(false),
            _ => return false,
        }
        true
    }

    /// Shows and selects the entry filed under `key`, in whichever map
    /// holds it: the search and the filters are cleared if they hide it,
    /// its ancestors opened. False when no entry has the key.
    pub fn reveal(&mut self, key: &crate::review::ReviewKey) -> bool {
        let Some((ds, node)) = self.entry_of(key) else {
            return false;
        };
        if ds != self.current {
            self.current = ds;
            self.selected = 0;
        }
        if !self.rows.iter().any(|r| r.node == node) {
            self.query.clear();
            self.filter = None;
            self.party = None;
            if let Some(r) = self.review.as_mut() {
                r.only_pending = false;
            }
        }
        let mut up = self.links().parent[node];
        while let Some(p) = up {
            self.set_open(p, true);
            up = self.links().parent[p];
        }
        self.rebuild_rows(Some(node));
        self.focus = Focus::Tree;
        true
    }

    fn close_or_parent(&mut self) {
        let Some(n) = self.selected_node() else {
            return;
        };
        if self.has_children(n) && self.is_open(n) {
            self.set_open(n, false);
            self.rebuild_rows(Some(n));
        } else if let Some(p) = self.links().parent[n] {
            if let Some(row) = self.rows.iter().position(|r| r.node == p) {
                self.move_to(row);
            }
        }
    }

    fn open_or_child(&mut self) {
        let Some(n) = self.selected_node().filter(|&n| self.has_children(n)) else {
            return;
        };
        if !self.is_open(n) {
            self.set_open(n, true);
            self.rebuild_rows(Some(n));
        } else {
            self.move_to(self.selected + 1);
        }
    }

    fn toggle(&mut self) {
        let Some(n) = self.selected_node().filter(|&n| self.has_children(n)) else {
            return;
        };
        let open = self.is_open(n);
        self.set_open(n, !open);
        self.rebuild_rows(Some(n));
    }

    fn open_all(&mut self, open: bool) {
        let keep = self.selected_node();
        let parents: Vec<usize> = (0..self.links().len())
            .filter(|&n| self.has_children(n))
            .collect();
        for n in parents {
            self.set_open(n, open);
        }
        // Closing everything keeps the selection on its root.
        let keep = keep.map(|mut k| {
            if !open {
                while let Some(p) = self.links().parent[k] {
                    k = p;
                }
            }
            k
        });
        self.rebuild_rows(keep);
    }
}

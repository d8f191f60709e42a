//! The officer's records from the explorer: status, notes, the risk form,
//! and what happens when a save meets someone else's change.

use super::App;
use crate::review::{Change, ReviewKey};
use crate::tui::overlays::events::EventsOverlay;
use crate::tui::overlays::measures::MeasuresOverlay;
use crate::tui::overlays::ranking::RegisterList;
use crate::tui::overlays::{conflict::ConflictView, notes::NotesEditor, risk::RiskForm, Overlay};
use crate::tui::review::Notice;

impl App {
    /// The selected entry's review key and title, if changes can be made.
    pub(crate) fn review_target(&mut self) -> Option<(ReviewKey, String)> {
        let Some(review) = self.review.as_ref() else {
            self.message = Some(self.strings().review_unavailable.to_string());
            return None;
        };
        if review.read_only() {
            self.message = Some(self.strings().review_read_only.to_string());
            return None;
        }
        let node = self.selected_node()?;
        Some((self.key(node), self.dataset().nodes[node].title.to_string()))
    }

    /// Records a change now (`base`: the revision it was made on; `draft`
    /// for text being typed, written after a pause). False when refused.
    pub(crate) fn record(
        &mut self,
        key: &ReviewKey,
        title: &str,
        change: Change,
        base: i64,
        draft: bool,
    ) -> bool {
        let Some(review) = self.review.as_mut() else {
            return false;
        };
        match review.apply(key, title, change, Some(base), draft) {
            Ok(()) => true,
            Err(e) => {
                self.message = Some(e);
                false
            }
        }
    }

    fn seen(&self) -> i64 {
        self.review.as_ref().map_or(0, |r| r.seen())
    }

    pub(crate) fn cycle_status(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let next = self
            .review
            .as_ref()
            .map(|r| r.status(&key))
            .unwrap_or_default()
            .next();
        let base = self.seen();
        if self.record(&key, &title, Change::Status(next), base, false) {
            self.message = Some(format!(
                "{} {}",
                self.strings().status_now,
                crate::tui::strings::status_label(self.options.lang, next)
            ));
        }
    }

    pub(crate) fn open_notes(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let notes = self
            .review
            .as_ref()
            .and_then(|r| r.get(&key))
            .map(|r| r.notes.clone())
            .unwrap_or_default();
        self.overlay = Overlay::Notes(Box::new(NotesEditor::new(key, title, &notes, self.seen())));
    }

    pub(crate) fn open_risk_form(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let review = self.review.as_ref().and_then(|r| r.get(&key));
        self.overlay = Overlay::Risk(Box::new(RiskForm::new(key, title, review, self.seen())));
    }

    /// The selected entry's risk events, their factors and its area.
    pub(crate) fn open_events(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let Some(node) = self.selected_node() else {
            return;
        };
        let ds = self.dataset();
        let suggested = crate::report::register::suggested_area((ds, &ds.nodes[node]));
        self.overlay = Overlay::Events(Box::new(EventsOverlay::new(key, title, suggested)));
    }

    /// The measures treating the selected entry; a new one is offered to
    /// the entry's responsible office.
    pub(crate) fn open_measures(&mut self) {
        let Some((key, title)) = self.review_target() else {
            return;
        };
        let Some(node) = self.selected_node() else {
            return;
        };
        let owner = crate::display::responsible(&self.dataset().nodes[node]);
        self.overlay = Overlay::Measures(Box::new(MeasuresOverlay::new(key, title, owner)));
    }

    /// The ranking of the assessed entries, or the measures due by office:
    /// reading only, so a read-only store shows them too.
    pub(crate) fn open_register(&mut self, deadlines: bool) {
        if self.review.is_none() {
            self.message = Some(self.strings().review_unavailable.to_string());
            return;
        }
        let list = if deadlines {
            RegisterList::deadlines(self)
        } else {
            RegisterList::ranking(self)
        };
        self.overlay = Overlay::Register(list);
    }

    /// What the writer reported: a conflict opens the view to choose a text
    /// (after the overlay in use, whose typing must not be interrupted).
    pub(crate) fn notice(&mut self, n: Notice) {
        match n {
            Notice::Failed(message) => self.message = Some(message),
            Notice::Conflict { pending, conflict } => {
                let view = ConflictView::new(*pending, *conflict);
                match &self.overlay {
                    Overlay::None => self.overlay = Overlay::Conflict(Box::new(view)),
                    _ => self.conflicts.push(view),
                }
            }
        }
    }

    /// A conflict waiting for the overlay in use to close.
    pub(crate) fn next_conflict(&mut self) -> Option<Overlay> {
        (!self.conflicts.is_empty()).then(|| Overlay::Conflict(Box::new(self.conflicts.remove(0))))
    }

    /// Entries reviewed ("esaminato") among those in view, and their number.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let review = self.review.as_ref()?;
        // Counted from the records, which are few: the header of a
        // 100,000-entry map looked up every entry's status at every frame
        // (16 ms a frame). Keys of entries no longer in the map count for
        // nothing.
        let examined: rustc_hash::FxHashSet<usize> = review
            .examined(&self.dataset().id)
            .filter_map(|k| self.entry_of(k).map(|(_, n)| n))
            .collect();
        Some(match &self.filter {
            Some(f) => (
                f.hits.iter().filter(|h| examined.contains(&h.node)).count(),
                f.hits.len(),
            ),
            None => (examined.len(), self.dataset().nodes.len()),
        })
    }

    /// Whether risk events are recorded for a node.
    pub fn has_events(&self, node: usize) -> bool {
        self.review
            .as_ref()
            .filter(|r| !r.records_nothing())
            .is_some_and(|r| !r.events(&self.key(node)).is_empty())
    }

    /// The review status of a node, when review is on.
    pub fn status_of(&self, node: usize) -> Option<crate::review::Status> {
        self.review.as_ref().map(|r| {
            if r.records_nothing() {
                crate::review::Status::default()
            } else {
                r.status(&self.key(node))
            }
        })
    }

    /// Writes what is queued before quitting; what cannot be written goes to
    /// a recovery file (the message, kept for after the terminal is given
    /// back, says where).
    pub fn finish(&mut self, limit: std::time::Duration) {
        let overlay = std::mem::take(&mut self.overlay);
        overlay.save_draft(self);
        if let Some(r) = self.review.as_mut() {
            if let Err(e) = r.flush(limit) {
                self.unsaved = Some(e);
            }
        }
    }

    /// What could not be saved on quitting, to print once the terminal is
    /// given back.
    pub fn take_unsaved(&mut self) -> Option<String> {
        self.unsaved.take()
    }

    /// Work that must not delay the first frame: the links, a large map's
    /// search index, orphaned reviews.
    pub fn after_first_frame(&mut self) {
        self.start_queued_links();
        self.searcher.prepare(&self.map);
        let Some(review) = self.review.as_ref() else {
            return;
        };
        let orphans = review.orphans(&self.map).len();
        if orphans > 0 && self.message.is_none() {
            let s = self.strings();
            let what = if orphans == 1 { s.orphan } else { s.orphans };
            self.message = Some(format!("{orphans} {what}"));
        }
    }
}

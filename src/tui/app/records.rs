//! The officer's records from the explorer: what can be changed, a change
//! shown at once and handed to the runtime's writer as an effect, and what
//! happens when a save meets someone else's change.

use super::{App, Effect};
use crate::review::{Change, ReviewKey};
use crate::tui::overlays::conflict::ConflictView;
use crate::tui::overlays::Overlay;
use crate::tui::review::Notice;
use crate::tui::saver::{Op, Pending};

impl App {
    /// The selected entry's review key and title, if changes can be made;
    /// else why not.
    pub fn review_target(&self) -> Result<(ReviewKey, String), String> {
        let s = self.strings();
        let Some(review) = self.review.as_ref() else {
            return Err(s.review_unavailable.to_string());
        };
        if review.read_only() {
            return Err(s.review_read_only.to_string());
        }
        if review.round_closed() {
            // Sealed: the records of a closed round never change.
            let closed =
                crate::review::StoreError::Refused(crate::review::Refused::Closed(review.round()));
            return Err(format!(
                "{}: {}",
                s.round_read_only,
                crate::i18n::store::error(&closed, self.options.lang)
            ));
        }
        let node = self.selected_node().ok_or_else(String::new)?;
        Ok((self.key(node), self.dataset().nodes[node].title.to_string()))
    }

    /// The revision the explorer has seen: the base of a change made now.
    pub fn seen(&self) -> i64 {
        self.review.as_ref().map_or(0, |r| r.seen())
    }

    /// Shows a change at once and hands it to the writer (`base`: the
    /// revision it was made on; `draft` for text being typed). False when
    /// refused (no store, or read-only: said).
    pub(crate) fn record_change(
        &mut self,
        key: &ReviewKey,
        title: &str,
        change: Change,
        base: i64,
        draft: bool,
    ) -> bool {
        let Some(review) = self.review.as_mut() else {
            self.message = Some(self.strings().review_unavailable.to_string());
            return false;
        };
        if let Err(e) = review.writable() {
            self.message = Some(e);
            return false;
        }
        review.show_locally(key, title, &change);
        self.effects.push(Effect::Change {
            pending: Pending {
                key: key.clone(),
                title: title.to_string(),
                change,
                base: Some(base),
                due: None,
            },
            draft,
        });
        true
    }

    /// Hands a record to the writer; it shows once written.
    pub(crate) fn record_op(&mut self, op: Op) {
        let Some(review) = self.review.as_mut() else {
            self.message = Some(self.strings().review_unavailable.to_string());
            return;
        };
        if let Err(e) = review.writable() {
            self.message = Some(e);
            return;
        }
        review.queue_locally(op.clone());
        self.effects.push(Effect::Record(op));
    }

    pub(crate) fn cycle_status(&mut self) {
        let (key, title) = match self.review_target() {
            Ok(t) => t,
            Err(e) => {
                if !e.is_empty() {
                    self.message = Some(e);
                }
                return;
            }
        };
        let next = self
            .review
            .as_ref()
            .map(|r| r.status(&key))
            .unwrap_or_default()
            .next();
        let base = self.seen();
        if self.record_change(&key, &title, Change::Status(next), base, false) {
            self.message = Some(format!(
                "{} {}",
                self.strings().status_now,
                crate::tui::strings::status_label(self.options.lang, next)
            ));
        }
    }

    /// What the writer reported: a conflict opens the view to choose a text
    /// (after the overlay in use, whose typing must not be interrupted).
    pub(crate) fn notice(&mut self, n: Notice) {
        match n {
            Notice::Failed(message) => self.message = Some(message),
            Notice::Conflict { pending, conflict } => {
                let view = ConflictView::new(*pending, *conflict);
                match &self.overlay {
                    None => self.overlay = Some(Box::new(view)),
                    Some(_) => self.conflicts.push(view),
                }
            }
        }
    }

    /// A conflict waiting for the overlay in use to close.
    pub(crate) fn next_conflict(&mut self) -> Option<Box<dyn Overlay>> {
        (!self.conflicts.is_empty()).then(|| Box::new(self.conflicts.remove(0)) as Box<dyn Overlay>)
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

    /// Ends the app: what the overlay open and the conflicts waiting hold
    /// is kept (recorded, or for the recovery file), for the runtime to
    /// write before the explorer is gone.
    pub fn finish(&mut self) {
        if let Some(overlay) = self.overlay.take() {
            let commands = overlay.keep(self);
            self.apply(commands);
        }
        while let Some(view) = (!self.conflicts.is_empty()).then(|| self.conflicts.remove(0)) {
            let commands = view.keep(self);
            self.apply(commands);
        }
        self.overlay = None;
    }

    /// What could not be saved on quitting, to print once the terminal is
    /// given back.
    pub fn take_unsaved(&mut self) -> Option<String> {
        self.unsaved.take()
    }

    /// Said once the terminal is given back.
    pub fn set_unsaved(&mut self, text: String) {
        self.unsaved = Some(text);
    }

    /// Once the first frame is on screen: orphaned reviews are said.
    pub fn after_first_frame(&mut self) {
        let Some(review) = self.review.as_ref() else {
            return;
        };
        let orphans = review.orphans();
        if orphans > 0 && self.message.is_none() {
            let s = self.strings();
            let what = if orphans == 1 { s.orphan } else { s.orphans };
            self.message = Some(format!("{orphans} {what}"));
        }
    }

    /// The decision recorded on the link between the catalogue entry `c`
    /// and the annex entry `p`, if any.
    pub fn decision_on(&self, c: &ReviewKey, p: &ReviewKey) -> Option<crate::model::DecisionId> {
        self.review
            .as_ref()?
            .link_decisions()
            .iter()
            .find(|d| d.catalogo == *c && d.ptpc == *p)
            .map(|d| d.id)
    }
}

//! The officer's records as the explorer sees them: a cache of the store
//! read through its own connection and refreshed when another process
//! commits, with every change handed to the background writer at once and
//! shown at once (the store has it a moment later).

use super::saver::{self, Field, Op, Outcome, Pending, Saver};
use crate::model::Map;
use crate::review::measures::Measure;
use crate::review::risk::{Area, RiskEvent};
use crate::review::{
    Change, Conflict, Identity, LinkDecision, Review, ReviewKey, Status, Store, StoreError, Verdict,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the explorer needs to tell the person after a tick.
#[derive(Debug)]
pub enum Notice {
    /// Someone else changed what was being saved: choose.
    Conflict {
        pending: Box<Pending>,
        conflict: Box<Conflict>,
    },
    /// A change that cannot be saved (and why).
    Failed(String),
}

pub struct ReviewState {
    path: PathBuf,
    identity: Identity,
    read_only: bool,
    read_only_why: String,
    /// The connection that reads; none until the store exists.
    reader: Option<Store>,
    cache: HashMap<ReviewKey, Review>,
    /// The register: events and areas by entry, and every measure.
    events: HashMap<ReviewKey, Vec<RiskEvent>>,
    areas: HashMap<ReviewKey, Area>,
    measures: Vec<Measure>,
    /// `data_version` and the newest revision at the last reload.
    version: i64,
    head: i64,
    saver: Option<Saver>,
    /// Changes are waiting for a lock held by someone else.
    pub waiting: bool,
    notices: Vec<Notice>,
    /// Show only the entries not yet reviewed.
    pub only_pending: bool,
    /// The officer's decisions on the concordance, oldest first.
    links: Vec<LinkDecision>,
    /// Moves on whenever `links` changes (the explorer re-applies them).
    links_generation: u64,
    /// Whether the store's folder may be created (the default store).
    make_folder: bool,
}

impl ReviewState {
    /// The store at `path`: read when it exists, written by a background
    /// writer unless read-only; a missing store is created by the first
    /// change (`make_folder` for the default data folder).
    pub fn open(
        path: &Path,
        identity: Identity,
        read_only: bool,
        make_folder: bool,
    ) -> Result<Self, StoreError> {
        let (read_only, why) = match Store::open_best(path, identity.clone(), read_only)? {
            Some(s) if s.is_read_only() => (
                true,
                if read_only {
                    String::new()
                } else {
                    " (your account may not write it)".into()
                },
            ),
            // Opened for writing: migrated if it was an older store; the
            // explorer reads through a connection of its own.
            Some(_) => (false, String::new()),
            None => (read_only, String::new()),
        };
        let reader = match Store::open_read(path, identity.clone()) {
            Ok(r) => Some(r),
            Err(StoreError::Missing(_)) => None,
            Err(e) => return Err(e),
        };
        let saver =
            (!read_only).then(|| Saver::start(path.to_path_buf(), identity.clone(), make_folder));
        let mut state = ReviewState {
            path: path.to_path_buf(),
            identity,
            read_only,
            read_only_why: why,
            reader,
            cache: HashMap::new(),
            events: HashMap::new(),
            areas: HashMap::new(),
            measures: Vec::new(),
            version: -1,
            head: 0,
            saver,
            waiting: false,
            notices: Vec::new(),
            only_pending: false,
            links: Vec::new(),
            links_generation: 0,
            make_folder,
        };
        state.reload()?;
        Ok(state)
    }

    /// A state over an already open store (tests, tools).
    pub fn new(store: Store) -> Result<Self, StoreError> {
        let (path, identity, ro) = (
            store.path().to_path_buf(),
            store.identity().clone(),
            store.is_read_only(),
        );
        drop(store);
        ReviewState::open(&path, identity, ro, false)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub fn read_only_why(&self) -> &str {
        &self.read_only_why
    }

    fn reload(&mut self) -> Result<(), StoreError> {
        // A copy of an older store does not follow the file: open again
        // (the file may have been upgraded since).
        let stale = self.reader.as_ref().is_some_and(Store::is_copy);
        if (self.reader.is_none() || stale) && self.path.exists() {
            self.reader = Store::open_read(&self.path, self.identity.clone()).ok();
        }
        let Some(reader) = &self.reader else {
            return Ok(());
        };
        self.version = reader.baseline_version()?;
        self.head = reader.head()?;
        self.cache = reader
            .all()?
            .into_iter()
            .map(|r| (r.key.clone(), r))
            .collect();
        self.events.clear();
        for e in reader.events(None)? {
            self.events.entry(e.key.clone()).or_default().push(e);
        }
        self.areas = reader.areas()?.into_iter().collect();
        self.measures = reader.measures()?;
        let links = reader.link_decisions()?;
        if links != self.links {
            self.links = links;
            self.links_generation += 1;
        }
        // What is still queued shows as it will be.
        for p in self.saver.as_ref().map(Saver::queued).unwrap_or_default() {
            self.show_locally(&p.key, &p.title, &p.change);
        }
        Ok(())
    }

    /// Periodic work: outcomes of the writer, other processes' changes.
    /// True when something visible changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        let outcomes = self.saver.as_ref().map(Saver::outcomes).unwrap_or_default();
        for o in outcomes {
            changed = true;
            match o {
                Outcome::Saved { review, revision } => {
                    self.head = self.head.max(revision);
                    // A newer value still queued for this entry stays shown.
                    let queued = self.saver.as_ref().map(Saver::queued).unwrap_or_default();
                    self.cache.insert(review.key.clone(), review.clone());
                    for p in queued.iter().filter(|p| p.key == review.key) {
                        self.show_locally(&p.key, &p.title, &p.change);
                    }
                }
                Outcome::Waiting(w) => self.waiting = w,
                Outcome::Recorded { .. } => {
                    // The store has the record with its id: read it back.
                    let _ = self.reload();
                }
                Outcome::Refused { message, .. } => self.notices.push(Notice::Failed(message)),
                Outcome::Conflict { pending, conflict } => self.notices.push(Notice::Conflict {
                    pending: Box::new(pending),
                    conflict: Box::new(conflict),
                }),
                Outcome::Failed { pending, message } => {
                    self.notices.push(Notice::Failed(message));
                    let _ = pending;
                }
            }
        }
        let version = self.reader.as_ref().and_then(|r| r.data_version().ok());
        if self.reader.is_none() && self.path.exists() || version.is_some_and(|v| v != self.version)
        {
            changed |= self.reload().is_ok();
        }
        changed
    }

    /// What the explorer must tell the person (taken once).
    pub fn notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// The officer's decisions on links, oldest first.
    pub fn link_decisions(&self) -> &[LinkDecision] {
        &self.links
    }

    /// Changes whenever the decisions do.
    pub fn links_generation(&self) -> u64 {
        self.links_generation
    }

    /// Records a decision on a link, now, on a connection of its own (the
    /// background writer is for fields being typed; a decision is one key
    /// and is reported at once: recorded, or why not). Waits for a lock
    /// held by someone else for at most a moment.
    pub fn decide_link(
        &mut self,
        catalogo: (&ReviewKey, &str),
        ptpc: (&ReviewKey, &str),
        verdict: Verdict,
    ) -> Result<LinkDecision, String> {
        if self.read_only {
            return Err(format!(
                "{}",
                StoreError::ReadOnly {
                    path: self.path.clone(),
                    why: self.read_only_why.clone()
                }
            ));
        }
        let write = || -> Result<LinkDecision, StoreError> {
            let mut store = Store::open_write(&self.path, self.identity.clone(), self.make_folder)?;
            store.set_busy_timeout(std::time::Duration::from_secs(2));
            store.decide_link(catalogo, ptpc, verdict)
        };
        let decision = write().map_err(|e| e.to_string())?;
        let same_pair =
            |d: &LinkDecision| d.catalogo == decision.catalogo && d.ptpc == decision.ptpc;
        match self.links.iter_mut().find(|d| same_pair(d)) {
            Some(d) => *d = decision.clone(),
            None => self.links.push(decision.clone()),
        }
        self.links_generation += 1;
        Ok(decision)
    }

    /// Reviews whose entry is not in `map` (kept, never dropped).
    pub fn orphans(&self, map: &Map) -> Vec<Review> {
        self.reader
            .as_ref()
            .and_then(|r| r.orphans(map).ok())
            .unwrap_or_default()
    }

    pub fn get(&self, key: &ReviewKey) -> Option<&Review> {
        self.cache.get(key)
    }

    pub fn status(&self, key: &ReviewKey) -> Status {
        self.cache.get(key).map(|r| r.status).unwrap_or_default()
    }

    /// Whether no entry has a review or a risk event recorded: then no
    /// entry's key needs working out (for a map of 100,000 entries that
    /// took longer than drawing the first frame).
    pub fn records_nothing(&self) -> bool {
        self.cache.is_empty() && self.events.is_empty()
    }

    /// The keys recorded as reviewed ("esaminato") in dataset `dataset`:
    /// a look at the records, not at every entry.
    pub fn examined<'a>(&'a self, dataset: &'a str) -> impl Iterator<Item = &'a ReviewKey> {
        self.cache
            .iter()
            .filter(move |(k, r)| k.dataset == dataset && r.status == Status::Esaminato)
            .map(|(k, _)| k)
    }

    /// The revision the explorer has seen: the base of a change made now.
    pub fn seen(&self) -> i64 {
        self.head
    }

    /// Records a change: shown at once, written by the writer. A draft
    /// (text being typed) is written after a pause, or when flushed.
    pub fn apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        change: Change,
        base: Option<i64>,
        draft: bool,
    ) -> Result<(), String> {
        if self.read_only {
            return Err(format!(
                "{}",
                StoreError::ReadOnly {
                    path: self.path.clone(),
                    why: self.read_only_why.clone()
                }
            ));
        }
        self.show_locally(key, title, &change);
        if let Some(s) = &self.saver {
            s.put(
                Pending {
                    key: key.clone(),
                    title: title.to_string(),
                    change,
                    base,
                    due: None,
                },
                draft,
            );
        }
        Ok(())
    }

    /// Queues a record (an event, an area, a measure, a check); it shows
    /// once written (at once unless the store is busy).
    pub fn record(&mut self, op: Op) -> Result<(), String> {
        if self.read_only {
            return Err(format!(
                "{}",
                StoreError::ReadOnly {
                    path: self.path.clone(),
                    why: self.read_only_why.clone()
                }
            ));
        }
        if let Some(s) = &self.saver {
            s.record(op);
        }
        Ok(())
    }

    /// Records queued and not yet written (shown as pending).
    pub fn queued(&self) -> Vec<Op> {
        self.saver
            .as_ref()
            .map(Saver::queued_ops)
            .unwrap_or_default()
    }

    /// The entry's risk events.
    pub fn events(&self, key: &ReviewKey) -> &[RiskEvent] {
        self.events.get(key).map_or(&[], Vec::as_slice)
    }

    /// The entry's recorded risk area.
    pub fn area(&self, key: &ReviewKey) -> Option<Area> {
        self.areas.get(key).copied()
    }

    /// Every measure.
    pub fn all_measures(&self) -> &[Measure] {
        &self.measures
    }

    /// The measures treating the entry or one of its events.
    pub fn measures(&self, key: &ReviewKey) -> Vec<&Measure> {
        self.measures
            .iter()
            .filter(|m| m.targets.iter().any(|t| t.key == *key))
            .collect()
    }

    /// Everything recorded, per entry (for the ranking and the schedule).
    pub fn register<'a>(&self, map: &'a Map) -> Vec<crate::report::register::Record<'a>> {
        crate::report::register::records_from(
            map,
            self.cache.values().cloned().collect(),
            self.areas.iter().map(|(k, a)| (k.clone(), *a)).collect(),
            self.events.values().flatten().cloned().collect(),
            self.measures.clone(),
        )
    }

    /// Forgets a queued change (the person kept the other text).
    pub fn discard(&mut self, key: &ReviewKey, change: &Change) {
        if let Some(s) = &self.saver {
            s.drop_slot(&(key.clone(), Field::of(change)));
        }
        let _ = self.reload();
    }

    fn show_locally(&mut self, key: &ReviewKey, title: &str, change: &Change) {
        let r = self
            .cache
            .entry(key.clone())
            .or_insert_with(|| Review::empty(key, title));
        r.apply(change);
    }

    /// Writes everything queued, waiting up to `limit`; what could not be
    /// written goes to a recovery file, whose path is returned.
    pub fn flush(&mut self, limit: std::time::Duration) -> Result<(), String> {
        let Some(saver) = &self.saver else {
            return Ok(());
        };
        let left = saver.flush(limit);
        if left.is_empty() {
            return Ok(());
        }
        match saver::write_recovery(&self.path, left) {
            Ok(p) => Err(format!("modifiche non salvate scritte in {}", p.display())),
            Err(e) => Err(format!(
                "modifiche non salvate e non scrivibili in un file di recupero: {e}"
            )),
        }
    }

    /// For the watchdog: flushes from another thread.
    pub fn rescuer(&self) -> Option<(saver::Rescuer, PathBuf)> {
        self.saver
            .as_ref()
            .map(|s| (s.rescuer(), self.path.clone()))
    }

    /// Applies what an earlier session left in recovery files; returns a
    /// message for the person when there were any.
    pub fn recover(&mut self) -> Option<String> {
        if self.read_only {
            let found = saver::recoveries_for(&self.path);
            return (!found.is_empty()).then(|| {
                format!(
                    "modifiche non salvate di una sessione precedente in {}",
                    found[0].0.display()
                )
            });
        }
        let found = saver::recoveries_for(&self.path);
        if found.is_empty() {
            return None;
        }
        let mut paths = Vec::new();
        for (path, rec) in found {
            for p in rec.changes {
                let (key, title, change, base) = (p.key, p.title, p.change, p.base);
                let _ = self.apply(&key, &title, change, base, false);
            }
            for op in rec.ops {
                let _ = self.record(op);
            }
            let done = path.with_extension("json.applicato");
            let _ = std::fs::rename(&path, &done);
            paths.push(done.display().to_string());
        }
        Some(format!(
            "recuperate le modifiche non salvate della sessione precedente ({})",
            paths.join(", ")
        ))
    }
}

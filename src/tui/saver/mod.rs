//! The explorer's writer: every change and every draft (notes, motivation
//! being typed) goes to a background thread that owns its own connection,
//! so a store locked by someone else never freezes the keys. A slot holds
//! the latest value of one field of one entry; a draft is written after a
//! pause in typing, a decided change at once. When the lock cannot be had
//! the change waits and is retried; on quit, or when the link drops, what is
//! left is flushed and, failing that, written to a recovery file.

mod ops;
mod recovery;

pub use ops::Op;
pub use recovery::{recoveries_for, recovery_dir, write_recovery, Recovery};

use crate::review::{
    Base, Change, Conflict, Identity, Indicator, Review, ReviewKey, Store, StoreError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Which field of an entry a pending change writes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Status,
    Notes,
    Indicator(Indicator),
    /// The judgement, with or without its motivation.
    Judgement,
    Motivation,
    Interview,
    /// A proposal carried from the round before, confirmed.
    Proposal,
}

impl Field {
    pub fn of(change: &Change) -> Field {
        match change {
            Change::Status(_) => Field::Status,
            Change::Notes(_) => Field::Notes,
            Change::Indicator(i, _) => Field::Indicator(*i),
            Change::Judgement(..) | Change::JudgementLevel(_) => Field::Judgement,
            Change::Motivation(_) => Field::Motivation,
            Change::Interview { .. }
            | Change::Office(_)
            | Change::InterviewDate(_)
            | Change::Present(_) => Field::Interview,
            Change::Confirm => Field::Proposal,
        }
    }
}

pub type Slot = (ReviewKey, Field);

/// A change waiting to be written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub key: ReviewKey,
    pub title: String,
    pub change: Change,
    /// The revision the writer saw (its own writes move it on).
    pub base: Option<i64>,
    #[serde(skip)]
    pub due: Option<Instant>,
}

impl Pending {
    fn slot(&self) -> Slot {
        (self.key.clone(), Field::of(&self.change))
    }

    fn base(&self) -> Base {
        self.base.map_or(Base::Force, Base::Revision)
    }
}

/// What happened to a pending change.
#[derive(Debug)]
pub enum Outcome {
    Saved {
        review: Review,
        revision: i64,
    },
    /// Someone else changed the field since: the change was not written.
    Conflict {
        pending: Pending,
        conflict: Conflict,
    },
    /// Refused for good (bad value, read-only store): not retried.
    Failed {
        pending: Pending,
        message: String,
    },
    /// A record was written (the explorer reloads what it shows).
    Recorded {
        op: Op,
        message: String,
    },
    /// A record refused for good (bad value): not retried.
    Refused {
        op: Op,
        message: String,
    },
    /// Whether changes are waiting for a lock held by someone else.
    Waiting(bool),
}

/// What is left unwritten.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Left {
    pub changes: Vec<Pending>,
    pub ops: Vec<Op>,
    /// What was typed and could not be recorded as it is (a form left
    /// incomplete), said in words.
    pub kept: Vec<String>,
}

impl Left {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.ops.is_empty() && self.kept.is_empty()
    }
}

/// The next thing to write.
enum Work {
    Change(Pending),
    Op(Op),
}

#[derive(Default)]
struct Inner {
    pending: BTreeMap<Slot, Pending>,
    /// Records to write, in order.
    ops: VecDeque<Op>,
    /// Something is being written now (so a flush waits for it).
    in_flight: bool,
    /// When the record at the head of the queue may be tried again.
    op_due: Option<Instant>,
    /// The newest revision this writer wrote per slot: later drafts of the
    /// same field are based on it.
    own: BTreeMap<Slot, i64>,
    flush: bool,
    stop: bool,
    /// The last write failed in a way a new connection may not.
    reopen: bool,
    /// Changes refused because someone changed the field since: the person
    /// is choosing (the explorer's dialog); kept here so that a link that
    /// drops meanwhile still leaves them in the recovery file.
    conflicted: BTreeMap<Slot, Pending>,
}

struct Shared {
    inner: Mutex<Inner>,
    wake: Condvar,
}

/// A handle to the writer thread.
pub struct Saver {
    shared: Arc<Shared>,
    results: Receiver<Outcome>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// How long a write waits for the lock before it is retried later.
const LOCK_WAIT: Duration = Duration::from_millis(1500);
/// A pause in typing after which a draft is written.
pub const DRAFT_PAUSE: Duration = Duration::from_millis(800);

/// How the explorer opens its store, every time it does: who signs, the
/// day taken as today, the map a new round keeps, the round worked in.
#[derive(Debug, Clone)]
pub struct Opening {
    pub path: PathBuf,
    pub identity: Identity,
    /// Whether the store's folder may be created (the default store).
    pub make_folder: bool,
    pub today: jiff::civil::Date,
    pub map: Option<Arc<crate::model::Map>>,
    /// The round asked for (`--round`); none: the store's default.
    pub round: Option<crate::review::Year>,
}

impl Opening {
    fn prepared(&self, mut store: Store) -> Store {
        store.set_today(self.today);
        if let Some(map) = &self.map {
            store.set_map(Arc::clone(map));
        }
        store.use_round(self.round);
        store
    }

    /// For changes (creating the store if needed).
    pub fn write(&self) -> Result<Store, StoreError> {
        Store::open_write(&self.path, self.identity.clone(), self.make_folder)
            .map(|s| self.prepared(s))
    }

    /// For reading (never creates or changes the file).
    pub fn read(&self) -> Result<Store, StoreError> {
        Store::open_read(&self.path, self.identity.clone()).map(|s| self.prepared(s))
    }
}

impl Saver {
    /// Starts the writer for the store `opening` names (created by the
    /// first change if it does not exist).
    pub fn start(opening: Opening) -> Saver {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
        });
        let (tx, rx) = channel();
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("mappa-saver".into())
                .spawn(move || writer(&shared, &opening, &tx))
                .ok()
        };
        Saver {
            shared,
            results: rx,
            thread,
        }
    }

    /// Queues `pending`, replacing an older value of the same field. A
    /// draft (`draft`) is written after a pause in typing.
    pub fn put(&self, mut pending: Pending, draft: bool) {
        let mut inner = lock(&self.shared);
        let slot = pending.slot();
        if let (Some(own), Some(base)) = (inner.own.get(&slot), pending.base) {
            pending.base = Some(base.max(*own));
        }
        pending.due = Some(Instant::now() + if draft { DRAFT_PAUSE } else { Duration::ZERO });
        inner.conflicted.remove(&slot);
        inner.pending.insert(slot, pending);
        self.shared.wake.notify_all();
    }

    /// Forgets a queued value (the person chose the other text).
    pub fn drop_slot(&self, slot: &Slot) {
        let mut inner = lock(&self.shared);
        inner.pending.remove(slot);
        inner.conflicted.remove(slot);
    }

    /// Queues a record (an event, a measure, a check): written in order.
    pub fn record(&self, op: Op) {
        lock(&self.shared).ops.push_back(op);
        self.shared.wake.notify_all();
    }

    /// Records queued and not yet written.
    pub fn queued_ops(&self) -> Vec<Op> {
        lock(&self.shared).ops.iter().cloned().collect()
    }

    /// What is queued, newest values (to lay over a reloaded cache).
    pub fn queued(&self) -> Vec<Pending> {
        lock(&self.shared).pending.values().cloned().collect()
    }

    /// Outcomes since the last call.
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.results.try_iter().collect()
    }

    /// A handle the watchdog can flush from another thread.
    pub fn rescuer(&self) -> Rescuer {
        Rescuer {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Writes everything now; waits up to `limit` and returns what is left.
    pub fn flush(&self, limit: Duration) -> Left {
        self.rescuer().flush(limit)
    }
}

impl Drop for Saver {
    /// Whatever way the explorer ends, what is queued is written first
    /// (within a limit: a store locked for good must not hang the exit).
    fn drop(&mut self) {
        let _ = self.flush(Duration::from_secs(5));
        lock(&self.shared).stop = true;
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Flushes the writer from any thread (the watchdog on a dropped link).
#[derive(Clone)]
pub struct Rescuer {
    shared: Arc<Shared>,
}

impl Rescuer {
    pub fn flush(&self, limit: Duration) -> Left {
        let end = Instant::now() + limit;
        let mut inner = lock(&self.shared);
        inner.flush = true;
        for p in inner.pending.values_mut() {
            p.due = Some(Instant::now());
        }
        inner.op_due = None;
        self.shared.wake.notify_all();
        while (!inner.pending.is_empty() || !inner.ops.is_empty() || inner.in_flight)
            && Instant::now() < end
        {
            let wait = end
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            inner = self
                .shared
                .wake
                .wait_timeout(inner, wait)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        inner.flush = false;
        Left {
            changes: inner
                .pending
                .values()
                .chain(inner.conflicted.values())
                .cloned()
                .collect(),
            ops: inner.ops.iter().cloned().collect(),
            kept: Vec::new(),
        }
    }
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Inner> {
    shared.inner.lock().unwrap_or_else(|e| e.into_inner())
}

fn writer(shared: &Shared, opening: &Opening, out: &Sender<Outcome>) {
    let mut store: Option<Store> = None;
    let mut waiting = false;
    while let Some(work) = next_due(shared) {
        if std::mem::take(&mut lock(shared).reopen) {
            store = None;
        }
        match work {
            Work::Change(next) => {
                let result = open(&mut store, opening).and_then(|s| {
                    s.apply_rev(
                        &next.key,
                        &next.title,
                        std::slice::from_ref(&next.change),
                        next.base(),
                    )
                });
                settle(shared, next, result, &mut waiting, out);
            }
            Work::Op(op) => {
                let result = open(&mut store, opening).and_then(|s| op.apply(s));
                settle_op(shared, op, result, &mut waiting, out);
            }
        }
        shared.wake.notify_all();
    }
}

/// The next change or record that is due, waiting until one is; `None` to
/// stop. Records go first: they were decided, drafts may still change.
fn next_due(shared: &Shared) -> Option<Work> {
    let mut inner = lock(shared);
    loop {
        let empty = inner.pending.is_empty() && inner.ops.is_empty();
        if inner.stop && (empty || !inner.flush) {
            return None;
        }
        if inner.op_due.is_none_or(|d| d <= Instant::now()) {
            if let Some(op) = inner.ops.pop_front() {
                inner.in_flight = true;
                return Some(Work::Op(op));
            }
        }
        let now = Instant::now();
        let due = inner
            .pending
            .iter()
            .filter(|(_, p)| p.due.is_none_or(|d| d <= now))
            .map(|(s, _)| s.clone())
            .next();
        if let Some(slot) = due {
            let p = inner.pending.remove(&slot).expect("slot just found");
            inner.in_flight = true;
            return Some(Work::Change(p));
        }
        let soonest = inner
            .pending
            .values()
            .filter_map(|p| p.due)
            .chain(inner.op_due.filter(|_| !inner.ops.is_empty()))
            .min();
        let wait = soonest.map_or(Duration::from_millis(500), |d| {
            d.saturating_duration_since(now)
        });
        inner = shared
            .wake
            .wait_timeout(inner, wait.max(Duration::from_millis(5)))
            .map(|(g, _)| g)
            .unwrap_or_else(|e| e.into_inner().0);
    }
}

/// A record's result: written, or kept and retried at the head of the
/// queue (the order of records matters), or refused.
fn settle_op(
    shared: &Shared,
    op: Op,
    result: Result<String, StoreError>,
    waiting: &mut bool,
    out: &Sender<Outcome>,
) {
    let mut inner = lock(shared);
    inner.in_flight = false;
    match result {
        Ok(message) => {
            inner.op_due = None;
            if std::mem::take(waiting) {
                let _ = out.send(Outcome::Waiting(false));
            }
            let _ = out.send(Outcome::Recorded { op, message });
        }
        Err(e) if is_busy(&e) || is_transient(&e) => {
            let pause = if is_busy(&e) { 200 } else { 1000 };
            inner.op_due = Some(Instant::now() + Duration::from_millis(pause));
            if !is_busy(&e) {
                inner.reopen = true;
            }
            inner.ops.push_front(op);
            if !std::mem::replace(waiting, true) {
                let _ = out.send(Outcome::Waiting(true));
            }
        }
        Err(e) => {
            let _ = out.send(Outcome::Refused {
                op,
                message: e.to_string(),
            });
        }
    }
}

/// What a write's result means: saved (later drafts of the field build on
/// it), busy (kept and retried), or refused (said, not retried).
fn settle(
    shared: &Shared,
    next: Pending,
    result: Result<(Review, i64), StoreError>,
    waiting: &mut bool,
    out: &Sender<Outcome>,
) {
    let slot = next.slot();
    let mut inner = lock(shared);
    inner.in_flight = false;
    match result {
        Ok((review, revision)) => {
            if revision > 0 {
                inner.own.insert(slot.clone(), revision);
                if let Some(newer) = inner.pending.get_mut(&slot) {
                    newer.base = newer.base.map(|b| b.max(revision));
                }
            }
            if std::mem::take(waiting) {
                let _ = out.send(Outcome::Waiting(false));
            }
            let _ = out.send(Outcome::Saved { review, revision });
        }
        Err(e) if is_busy(&e) || is_transient(&e) => {
            // Someone holds the lock: keep it (unless a newer value came)
            // and try again in a moment.
            let mut retry = next;
            let pause = if is_busy(&e) { 200 } else { 1000 };
            retry.due = Some(Instant::now() + Duration::from_millis(pause));
            // The writer opens the store afresh for the retry.
            if !is_busy(&e) {
                inner.reopen = true;
            }
            inner.pending.entry(slot).or_insert(retry);
            if !std::mem::replace(waiting, true) {
                let _ = out.send(Outcome::Waiting(true));
            }
        }
        Err(StoreError::Conflict(conflict)) => {
            inner.conflicted.insert(slot, next.clone());
            let _ = out.send(Outcome::Conflict {
                pending: next,
                conflict: *conflict,
            });
        }
        Err(e) => {
            let _ = out.send(Outcome::Failed {
                pending: next,
                message: e.to_string(),
            });
        }
    }
}

fn open<'s>(store: &'s mut Option<Store>, opening: &Opening) -> Result<&'s mut Store, StoreError> {
    if store.is_none() {
        let mut s = opening.write()?;
        s.set_busy_timeout(LOCK_WAIT);
        *store = Some(s);
    }
    Ok(store.as_mut().expect("just opened"))
}

/// An SQLite failure that may pass (the store being created by another
/// process, a disk briefly unavailable): the change is kept and retried,
/// and written to the recovery file if it never goes through.
fn is_transient(e: &StoreError) -> bool {
    matches!(e, StoreError::Sqlite { .. } | StoreError::Missing(_))
}

fn is_busy(e: &StoreError) -> bool {
    e.is_busy()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> ReviewKey {
        ReviewKey {
            dataset: "catalogo".into(),
            key: k.into(),
            variant: 1,
        }
    }

    fn pending(k: &str, change: Change, base: Option<i64>) -> Pending {
        Pending {
            key: key(k),
            title: "voce".into(),
            change,
            base,
            due: None,
        }
    }

    fn wait_saved(s: &Saver, n: usize) -> Vec<Outcome> {
        let mut got = Vec::new();
        let end = Instant::now() + Duration::from_secs(20);
        while got
            .iter()
            .filter(|o| matches!(o, Outcome::Saved { .. }))
            .count()
            < n
            && Instant::now() < end
        {
            got.extend(s.outcomes());
            std::thread::sleep(Duration::from_millis(10));
        }
        got
    }

    #[test]
    fn drafts_are_written_after_a_pause_and_keep_their_own_base() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.sqlite");
        let saver = Saver::start(Opening {
            path: path.clone(),
            identity: Identity::with_name(Some("rpct")).unwrap(),
            make_folder: false,
            today: crate::review::time::today(),
            map: None,
            round: None,
        });
        saver.put(pending("A1", Change::Notes("prima".into()), Some(0)), true);
        saver.put(
            pending("A1", Change::Notes("prima e seconda".into()), Some(0)),
            true,
        );
        let got = wait_saved(&saver, 1);
        assert!(got.iter().any(
            |o| matches!(o, Outcome::Saved { review, .. } if review.notes == "prima e seconda")
        ));
        // A later draft based on what the explorer saw before its own save
        // is not a conflict with itself.
        saver.put(pending("A1", Change::Notes("terza".into()), Some(0)), true);
        let left = saver.flush(Duration::from_secs(10));
        assert!(left.is_empty());
        let got = saver.outcomes();
        assert!(
            got.iter()
                .any(|o| matches!(o, Outcome::Saved { review, .. } if review.notes == "terza")),
            "{got:?}"
        );
        drop(saver);
        let store = Store::open(&path, true, "rpct").unwrap();
        assert_eq!(store.get(&key("A1")).unwrap().unwrap().notes, "terza");
    }
}

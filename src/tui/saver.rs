//! The explorer's writer: every change and every draft (notes, motivation
//! being typed) goes to a background thread that owns its own connection,
//! so a store locked by someone else never freezes the keys. A slot holds
//! the latest value of one field of one entry; a draft is written after a
//! pause in typing, a decided change at once. When the lock cannot be had
//! the change waits and is retried; on quit, or when the link drops, what is
//! left is flushed and, failing that, written to a recovery file.

use crate::review::{
    Base, Change, Conflict, Identity, Indicator, Review, ReviewKey, Store, StoreError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Which field of an entry a pending change writes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Status,
    Notes,
    Indicator(usize),
    Judgement,
    Interview,
}

impl Field {
    pub fn of(change: &Change) -> Field {
        match change {
            Change::Status(_) => Field::Status,
            Change::Notes(_) => Field::Notes,
            Change::Indicator(i, _) => {
                Field::Indicator(Indicator::ALL.iter().position(|x| x == i).unwrap_or(0))
            }
            Change::Judgement(..) => Field::Judgement,
            Change::Interview { .. } => Field::Interview,
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
    /// Whether changes are waiting for a lock held by someone else.
    Waiting(bool),
}

#[derive(Default)]
struct Inner {
    pending: BTreeMap<Slot, Pending>,
    /// Being written now (so a flush waits for it).
    in_flight: Option<Slot>,
    /// The newest revision this writer wrote per slot: later drafts of the
    /// same field are based on it.
    own: BTreeMap<Slot, i64>,
    flush: bool,
    stop: bool,
    /// The last write failed in a way a new connection may not.
    reopen: bool,
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

impl Saver {
    /// Starts the writer for the store at `path` (created by the first
    /// change if it does not exist; `make_folder` for the default folder).
    pub fn start(path: PathBuf, identity: Identity, make_folder: bool) -> Saver {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
        });
        let (tx, rx) = channel();
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("mappa-saver".into())
                .spawn(move || writer(&shared, &path, identity, make_folder, &tx))
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
        inner.pending.insert(slot, pending);
        self.shared.wake.notify_all();
    }

    /// Forgets a queued value (the person chose the other text).
    pub fn drop_slot(&self, slot: &Slot) {
        lock(&self.shared).pending.remove(slot);
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
    pub fn flush(&self, limit: Duration) -> Vec<Pending> {
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
    pub fn flush(&self, limit: Duration) -> Vec<Pending> {
        let end = Instant::now() + limit;
        let mut inner = lock(&self.shared);
        inner.flush = true;
        for p in inner.pending.values_mut() {
            p.due = Some(Instant::now());
        }
        self.shared.wake.notify_all();
        while (!inner.pending.is_empty() || inner.in_flight.is_some()) && Instant::now() < end {
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
        inner.pending.values().cloned().collect()
    }
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Inner> {
    shared.inner.lock().unwrap_or_else(|e| e.into_inner())
}

fn writer(
    shared: &Shared,
    path: &Path,
    identity: Identity,
    make_folder: bool,
    out: &Sender<Outcome>,
) {
    let mut store: Option<Store> = None;
    let mut waiting = false;
    while let Some(next) = next_due(shared) {
        if std::mem::take(&mut lock(shared).reopen) {
            store = None;
        }
        let result = open(&mut store, path, &identity, make_folder).and_then(|s| {
            s.apply_rev(
                &next.key,
                &next.title,
                std::slice::from_ref(&next.change),
                next.base(),
            )
        });
        settle(shared, next, result, &mut waiting, out);
        shared.wake.notify_all();
    }
}

/// The next change that is due, waiting until one is; `None` to stop.
fn next_due(shared: &Shared) -> Option<Pending> {
    let mut inner = lock(shared);
    loop {
        if inner.stop && (inner.pending.is_empty() || !inner.flush) {
            return None;
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
            inner.in_flight = Some(slot);
            return Some(p);
        }
        let soonest = inner.pending.values().filter_map(|p| p.due).min();
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

/// What a write's result means: saved (later drafts of the field build on
/// it), busy (kept and retried), or refused (said, not retried).
fn settle(
    shared: &Shared,
    next: Pending,
    result: anyhow::Result<(Review, i64)>,
    waiting: &mut bool,
    out: &Sender<Outcome>,
) {
    let slot = next.slot();
    let mut inner = lock(shared);
    inner.in_flight = None;
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
        Err(e) => {
            let conflict = e
                .chain()
                .find_map(|c| match c.downcast_ref::<StoreError>() {
                    Some(StoreError::Conflict(c)) => Some((**c).clone()),
                    _ => None,
                });
            let _ = out.send(match conflict {
                Some(conflict) => Outcome::Conflict {
                    pending: next,
                    conflict,
                },
                None => Outcome::Failed {
                    pending: next,
                    message: format!("{e:#}"),
                },
            });
        }
    }
}

fn open<'s>(
    store: &'s mut Option<Store>,
    path: &Path,
    identity: &Identity,
    make_folder: bool,
) -> anyhow::Result<&'s mut Store> {
    if store.is_none() {
        let mut s = Store::open_write(path, identity.clone(), make_folder)?;
        s.set_busy_timeout(LOCK_WAIT);
        *store = Some(s);
    }
    Ok(store.as_mut().expect("just opened"))
}

/// An SQLite failure that may pass (the store being created by another
/// process, a disk briefly unavailable): the change is kept and retried,
/// and written to the recovery file if it never goes through.
fn is_transient(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<StoreError>(),
            Some(StoreError::Sqlite { .. } | StoreError::Missing(_))
        )
    })
}

fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_busy)
    })
}

/// Where changes that could not be saved are kept for the next start.
pub fn recovery_dir() -> Option<PathBuf> {
    Store::default_path()
        .ok()?
        .parent()
        .map(|d| d.join("recovery"))
}

/// The recovery file's content.
#[derive(Debug, Serialize, Deserialize)]
pub struct Recovery {
    pub store: PathBuf,
    pub saved_at: String,
    pub changes: Vec<Pending>,
}

/// Writes `left` to a new recovery file; its path, or why not.
pub fn write_recovery(store: &Path, left: Vec<Pending>) -> Result<PathBuf, String> {
    let dir = recovery_dir().ok_or("no data folder for a recovery file")?;
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let at = crate::review::time::now_utc();
    let name = format!(
        "recupero-{}-{}.json",
        at.replace([':', '-'], ""),
        std::process::id()
    );
    let path = dir.join(name);
    let body = Recovery {
        store: store.to_path_buf(),
        saved_at: at,
        changes: left,
    };
    let json = serde_json::to_vec_pretty(&body).map_err(|e| e.to_string())?;
    std::fs::write(&path, json).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Recovery files left for the store at `store` by an earlier session.
pub fn recoveries_for(store: &Path) -> Vec<(PathBuf, Recovery)> {
    let Some(dir) = recovery_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Recovery)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let r: Recovery = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
            same_place(&r.store, store).then_some((p, r))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn same_place(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
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
        let dir = std::env::temp_dir().join(format!("mappa-saver-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("review.sqlite");
        let saver = Saver::start(
            path.clone(),
            Identity::with_name(Some("rpct")).unwrap(),
            false,
        );
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

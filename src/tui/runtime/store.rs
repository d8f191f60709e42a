//! The explorer's side of the store: a connection that reads (reloading
//! when another process commits) and the background writer, both owned by
//! the runtime, never by the app. Changes come from the app as effects;
//! what the store has, and what the writer reports, go back to the app's
//! [`ReviewState`].

use crate::model::Map;
use crate::review::{Store, StoreError};
use crate::tui::app::{App, Effect};
use crate::tui::review::{Notice, ReviewState, Snapshot};
use crate::tui::saver::{self, Opening, Outcome, Saver};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct StoreJob {
    /// How every connection to the store is opened.
    opening: Opening,
    read_only: bool,
    read_only_why: String,
    /// The connection that reads; none until the store exists.
    reader: Option<Store>,
    saver: Option<Saver>,
    /// `data_version` at the last reload.
    version: i64,
    /// What was typed that could not be recorded as it is.
    kept: Vec<String>,
}

impl StoreJob {
    /// The store at `path`: read when it exists, written by a background
    /// writer unless read-only; a missing store is created by the first
    /// change (`make_folder` for the default data folder).
    pub fn open(opening: Opening, read_only: bool) -> Result<(StoreJob, ReviewState), StoreError> {
        let path = opening.path.as_path();
        let (read_only, why) = match Store::open_best(path, opening.identity.clone(), read_only)? {
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
        let reader = match opening.read() {
            Ok(r) => Some(r),
            Err(StoreError::Missing(_)) => None,
            Err(e) => return Err(e),
        };

        let saver = (!read_only).then(|| Saver::start(opening.clone()));
        let state = ReviewState::new(path, read_only, why.clone());
        let job = StoreJob {
            opening,
            read_only,
            read_only_why: why,
            reader,
            saver,
            version: -1,
            kept: Vec::new(),
        };
        Ok((job, state))
    }

    pub fn path(&self) -> &Path {
        &self.opening.path
    }

    /// Reads everything into `state`.
    pub fn reload(&mut self, state: &mut ReviewState, map: &Map) -> Result<(), StoreError> {
        // A copy of an older store does not follow the file: open again
        // (the file may have been upgraded since).
        let stale = self.reader.as_ref().is_some_and(Store::is_copy);
        if (self.reader.is_none() || stale) && self.opening.path.exists() {
            self.reader = self.opening.read().ok();
        }
        let Some(reader) = &self.reader else {
            return Ok(());
        };
        self.version = reader.baseline_version()?;
        let year = reader.round()?;
        let round = reader.round_info(year)?.map(|r| (year, r.state));
        let previous = match reader.previous_round(year)? {
            Some(p) => Some((p, reader.in_round(p, |s| s.all())?)),
            None => None,
        };
        let snapshot = Snapshot {
            round,
            previous,
            head: reader.head()?,
            reviews: reader.all()?,
            events: reader.events(None)?,
            areas: reader.areas()?,
            measures: reader.measures()?,
            links: reader.link_decisions()?,
            orphans: reader.orphans(map)?.len(),
        };
        let (pending, queued) = match &self.saver {
            Some(s) => (s.queued(), s.queued_ops()),
            None => (Vec::new(), Vec::new()),
        };
        state.load(snapshot, &pending, queued);
        Ok(())
    }

    /// The writer's outcomes and other processes' changes, into `state`.
    /// True when something visible changed.
    pub fn tick(&mut self, state: &mut ReviewState, map: &Map) -> bool {
        let mut changed = false;
        let outcomes = self.saver.as_ref().map(Saver::outcomes).unwrap_or_default();
        let mut reload = false;
        for o in outcomes {
            changed = true;
            match o {
                Outcome::Saved { review, revision } => {
                    let queued = self.saver.as_ref().map(Saver::queued).unwrap_or_default();
                    state.saved(review, revision, &queued);
                }
                Outcome::Waiting(w) => state.waiting = w,
                // The store has the record with its id: read it back.
                Outcome::Recorded { .. } => reload = true,
                Outcome::Refused { message, .. } => {
                    state.push_notice(Notice::Failed(message));
                    reload = true;
                }
                Outcome::Conflict { pending, conflict } => state.push_notice(Notice::Conflict {
                    pending: Box::new(pending),
                    conflict: Box::new(conflict),
                }),
                Outcome::Failed { message, .. } => state.push_notice(Notice::Failed(message)),
            }
        }
        let version = self.reader.as_ref().and_then(|r| r.data_version().ok());
        let moved = version.is_some_and(|v| v != self.version);
        if reload || moved || (self.reader.is_none() && self.opening.path.exists()) {
            changed |= self.reload(state, map).is_ok();
        }
        changed
    }

    /// Carries out a store effect of the app.
    pub fn apply(&mut self, effect: Effect, app: &mut App) {
        if app.review.is_none() {
            return;
        }
        match effect {
            Effect::Change { pending, draft } => {
                if let Some(s) = &self.saver {
                    s.put(pending, draft);
                }
            }
            Effect::Record(op) => {
                if let Some(s) = &self.saver {
                    s.record(op);
                }
            }
            Effect::Discard { key, change } => {
                if let Some(s) = &self.saver {
                    s.drop_slot(&(key, saver::Field::of(&change)));
                }
                let map = std::sync::Arc::clone(&app.map);
                if let Some(state) = app.review.as_mut() {
                    let _ = self.reload(state, &map);
                }
            }
            Effect::DecideLink {
                catalogo,
                ptpc,
                verdict,
            } => {
                // Recorded at once on a connection of its own (the writer is
                // for fields being typed): a decision is one key and is
                // reported at once, recorded or why not. It waits for a
                // lock held by someone else for at most a moment.
                let result = self.now(|store| {
                    store.decide_link((&catalogo.0, &catalogo.1), (&ptpc.0, &ptpc.1), verdict)
                });
                match result {
                    Ok(d) => {
                        if let Some(state) = app.review.as_mut() {
                            state.decided(d);
                        }
                        app.link_decided(verdict, &ptpc.0, &catalogo.0);
                    }
                    Err(e) => app.message = Some(e),
                }
            }
            Effect::ResetLink(id) => match self.now(|store| store.reset_link(id)) {
                Ok(d) => {
                    if let Some(state) = app.review.as_mut() {
                        state.reset(id);
                    }
                    app.apply_link_decisions();
                    app.message = Some(format!(
                        "{} {} ↔ {}",
                        app.strings().link_reset_now,
                        crate::text::clean(&d.catalogo.display()),
                        crate::text::clean(&d.ptpc.display())
                    ));
                }
                Err(e) => app.message = Some(e),
            },
            Effect::Keep(text) => self.kept.push(text),
            Effect::Copy(_) | Effect::WriteFile { .. } => {}
        }
    }

    /// A change made now on a connection of its own.
    fn now<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, String> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.opening.path.clone(),
                why: self.read_only_why.clone(),
            }
            .to_string());
        }
        let mut store = self.opening.write().map_err(|e| e.to_string())?;
        store.set_busy_timeout(Duration::from_secs(2));
        f(&mut store).map_err(|e| e.to_string())
    }

    /// Writes everything queued, waiting up to `limit`; what could not be
    /// written (and what was typed but could not be recorded) goes to a
    /// recovery file, which the message names.
    pub fn flush(&mut self, limit: Duration) -> Result<(), String> {
        let mut left = self
            .saver
            .as_ref()
            .map(|s| s.flush(limit))
            .unwrap_or_default();
        left.kept.append(&mut self.kept);
        if left.is_empty() {
            return Ok(());
        }
        match saver::write_recovery(&self.opening.path, left) {
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
            .map(|s| (s.rescuer(), self.opening.path.clone()))
    }

    /// Applies what an earlier session left in recovery files; returns a
    /// message for the person when there were any.
    pub fn recover(&mut self, state: &mut ReviewState) -> Option<String> {
        let found = saver::recoveries_for(&self.opening.path);
        if found.is_empty() {
            return None;
        }
        if self.read_only {
            return Some(format!(
                "modifiche non salvate di una sessione precedente in {}",
                found[0].0.display()
            ));
        }
        let mut paths = Vec::new();
        let mut drafts = false;
        for (path, rec) in found {
            for p in rec.changes {
                state.show_locally(&p.key, &p.title, &p.change);
                if let Some(s) = &self.saver {
                    s.put(p, false);
                }
            }
            for op in rec.ops {
                if let Some(s) = &self.saver {
                    s.record(op);
                }
            }
            drafts |= !rec.kept.is_empty();
            // A file with drafts stays where it is, to be read by a person.
            if rec.kept.is_empty() {
                let done = path.with_extension("json.applicato");
                let _ = std::fs::rename(&path, &done);
                paths.push(done.display().to_string());
            } else {
                paths.push(path.display().to_string());
            }
        }
        Some(if drafts {
            format!(
                "recuperate le modifiche della sessione precedente; testi non completati in {}",
                paths.join(", ")
            )
        } else {
            format!(
                "recuperate le modifiche non salvate della sessione precedente ({})",
                paths.join(", ")
            )
        })
    }
}

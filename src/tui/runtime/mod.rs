//! The explorer's runtime: the app (browsing state), its view, and what
//! the app must not own — the jobs (concordance, search index), the store
//! (reader and writer) — put together. An action goes through the view
//! (clicks, pages) to the app; the app's store effects are carried out at
//! once; the event loop (`event_loop.rs`) adds the terminal.

pub mod event_loop;
pub mod jobs;
pub mod store;

use super::app::{Action, App, Effect};
use super::saver;
use super::view::{self, ViewState};
use crate::review::{Identity, StoreError};
use jobs::Jobs;
use ratatui::Frame;
use std::path::{Path, PathBuf};
use std::time::Duration;
use store::StoreJob;

/// The explorer's state, its view and its jobs: what a frame is drawn from
/// and what an action goes through.
pub struct Ui {
    pub app: App,
    pub view: ViewState,
    /// The maps loaded with `--data`: files are never written over them.
    pub data_files: Vec<PathBuf>,
    pub jobs: Jobs,
    pub store: Option<StoreJob>,
    /// The round asked for (`--round`); none: the store's default.
    pub round: Option<crate::review::Year>,
}

impl Ui {
    pub fn new(app: App) -> Self {
        Ui {
            app,
            view: ViewState::default(),
            data_files: Vec::new(),
            jobs: Jobs::default(),
            store: None,
            round: None,
        }
    }

    /// Opens the review store at `path` for the explorer (its records read
    /// at once; the first change creates a missing store).
    pub fn open_store(
        &mut self,
        path: &Path,
        identity: Identity,
        read_only: bool,
        make_folder: bool,
    ) -> Result<(), StoreError> {
        let opening = saver::Opening {
            path: path.to_path_buf(),
            identity,
            make_folder,
            today: self.app.options.today,
            map: Some(std::sync::Arc::clone(&self.app.map)),
            round: self.round,
        };
        let (mut job, mut state) = StoreJob::open(opening, read_only)?;
        job.reload(&mut state, &self.app.map)?;
        self.app.review = Some(state);
        self.store = Some(job);
        // The store's decisions over links computed already.
        self.app.review_changed(true);
        Ok(())
    }

    /// Applies what an earlier session left unsaved; a message when it did.
    pub fn recover(&mut self) -> Option<String> {
        let (job, state) = (self.store.as_mut()?, self.app.review.as_mut()?);
        let said = job.recover(state);
        self.apply_effects();
        said
    }

    /// Applies an action.
    pub fn handle(&mut self, action: Action) {
        if let Some(a) = self.view.resolve(&self.app, action) {
            self.app.handle(a);
        }
        self.apply_effects();
    }

    /// Carries out the app's store effects now (the terminal's wait for the
    /// event loop).
    fn apply_effects(&mut self) {
        if !self.app.effects.iter().any(Effect::is_for_store) {
            return;
        }
        let (store, rest): (Vec<Effect>, Vec<Effect>) = std::mem::take(&mut self.app.effects)
            .into_iter()
            .partition(Effect::is_for_store);
        self.app.effects = rest;
        for e in store {
            match self.store.as_mut() {
                Some(job) => job.apply(e, &mut self.app),
                None => self.app.message = Some(self.app.strings().review_unavailable.to_string()),
            }
        }
    }

    /// Periodic work: the jobs' results, the writer's outcomes, other
    /// processes' changes. True when the screen needs redrawing.
    pub fn tick(&mut self) -> bool {
        let jobs = self.jobs.poll(&mut self.app);
        let records = match (self.store.as_mut(), self.app.review.as_mut()) {
            (Some(job), Some(state)) => job.tick(state, &self.app.map),
            _ => false,
        };
        let shown = self.app.review_changed(records);
        self.apply_effects();
        jobs || shown
    }

    /// Once the first frame is on screen: the jobs start, orphans are said.
    pub fn after_first_frame(&mut self) {
        self.jobs.start(&mut self.app);
        self.app.after_first_frame();
    }

    /// Waits for the jobs (tests, benchmarks).
    pub fn wait_for_jobs(&mut self) {
        self.jobs.wait(&mut self.app);
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        view::render(&self.app, &mut self.view, frame);
    }

    /// Ends: what is open is kept, what is queued written (up to `limit`),
    /// what cannot be goes to a recovery file (said after the terminal is
    /// given back).
    pub fn finish(&mut self, limit: Duration) {
        self.app.finish();
        self.apply_effects();
        if let Some(job) = self.store.as_mut() {
            if let Err(e) = job.flush(limit) {
                self.app.set_unsaved(e);
            }
        }
    }
}

//! Work done off the explorer's thread, owned by the runtime (never by
//! the app): the concordance with the other dataset and a large map's
//! search index, started once the first frame is on screen (which waits
//! for neither) over the map the app shares (`Arc`, never copied), and
//! taken in when ready.

use crate::concord::Concordance;
use crate::model::Map;
use crate::search::SearchIndex;
use crate::tui::app::App;
use std::sync::mpsc::{sync_channel, Receiver, TryRecvError};
use std::sync::Arc;

#[derive(Default)]
pub struct Jobs {
    links: Option<Receiver<Concordance>>,
    index: Option<Receiver<SearchIndex>>,
}

/// Runs `work` on a thread of its own; none when no thread can be had.
fn spawn<T: Send + 'static>(
    name: &str,
    map: &Arc<Map>,
    work: fn(&Map) -> T,
) -> Option<Receiver<T>> {
    let (tx, rx) = sync_channel(1);
    let map = Arc::clone(map);
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _ = tx.send(work(&map));
        })
        .ok()
        .map(|_| rx)
}

impl Jobs {
    /// Starts what the app asks for (after the first frame).
    pub fn start(&mut self, app: &mut App) {
        if app.take_links_request() {
            match spawn("mappa-concord", &app.map, Concordance::compute) {
                Some(rx) => self.links = Some(rx),
                // No thread to be had: compute them here, once.
                None => app.set_concordance(Concordance::compute(&app.map)),
            }
        }
        if app.wants_index() && self.index.is_none() {
            match spawn("mappa-index", &app.map, SearchIndex::new) {
                Some(rx) => self.index = Some(rx),
                None => {
                    let index = SearchIndex::new(&app.map);
                    app.install_index(index);
                }
            }
        }
    }

    /// Takes in what is ready. True when the app changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if let Some(rx) = &self.links {
            match rx.try_recv() {
                Ok(c) => {
                    app.set_concordance(c);
                    self.links = None;
                    changed = true;
                }
                Err(TryRecvError::Empty) => {}
                // The thread ended without an answer (a bug): no links.
                Err(TryRecvError::Disconnected) => {
                    app.links_failed();
                    self.links = None;
                }
            }
        }
        if let Some(rx) = &self.index {
            match rx.try_recv() {
                Ok(index) => {
                    changed |= app.install_index(index);
                    self.index = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.index = None,
            }
        }
        changed
    }

    /// Waits for every job (tests, benchmarks).
    pub fn wait(&mut self, app: &mut App) {
        if let Some(rx) = self.links.take() {
            match rx.recv() {
                Ok(c) => app.set_concordance(c),
                Err(_) => app.links_failed(),
            }
        }
        if let Some(rx) = self.index.take() {
            if let Ok(index) = rx.recv() {
                app.install_index(index);
            }
        }
    }
}

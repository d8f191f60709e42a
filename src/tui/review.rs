//! The officer's records as the explorer shows them: what the store held
//! at the last reload (the runtime reads it and the writer's outcomes come
//! through the runtime too), with every change made here shown at once,
//! before the store has it. Plain data: no connection, no thread.

use super::saver::Op;
use crate::model::Map;
use crate::review::measures::Measure;
use crate::review::risk::{Area, RiskEvent};
use crate::review::{Change, Conflict, LinkDecision, Review, ReviewKey, Status, StoreError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the explorer needs to tell the person after a tick.
#[derive(Debug)]
pub enum Notice {
    /// Someone else changed what was being saved: choose.
    Conflict {
        pending: Box<super::saver::Pending>,
        conflict: Box<Conflict>,
    },
    /// A change that cannot be saved (and why).
    Failed(String),
}

/// Everything read from the store at once.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    pub reviews: Vec<Review>,
    pub events: Vec<RiskEvent>,
    pub areas: Vec<(ReviewKey, Area)>,
    pub measures: Vec<Measure>,
    pub links: Vec<LinkDecision>,
    /// The newest audit revision.
    pub head: i64,
    /// Reviews whose entry is not in the map.
    pub orphans: usize,
    /// The round read, and whether it is open.
    pub round: Option<(crate::review::Year, crate::review::RoundState)>,
    /// The round before it, with its reviews (last year's values).
    pub previous: Option<(crate::review::Year, Vec<Review>)>,
}

pub struct ReviewState {
    path: PathBuf,
    read_only: bool,
    read_only_why: String,
    cache: HashMap<ReviewKey, Review>,
    /// The register: events and areas by entry, and every measure.
    events: HashMap<ReviewKey, Vec<RiskEvent>>,
    areas: HashMap<ReviewKey, Area>,
    measures: Vec<Measure>,
    /// The newest revision at the last reload (or written since).
    head: i64,
    /// Changes are waiting for a lock held by someone else.
    pub waiting: bool,
    notices: Vec<Notice>,
    /// Show only the entries not yet reviewed.
    pub only_pending: bool,
    /// The officer's decisions on the concordance, oldest first.
    links: Vec<LinkDecision>,
    /// Moves on whenever `links` changes (the explorer re-applies them).
    links_generation: u64,
    /// Records queued and not yet written (shown as pending).
    queued: Vec<Op>,
    orphans: usize,
    /// The round shown (the store's round in use), and whether it is open
    /// (none: the store has no round yet; the first change opens it).
    round: crate::review::Year,
    round_state: Option<crate::review::RoundState>,
    /// The round before, with its reviews by entry.
    previous: Option<(crate::review::Year, HashMap<ReviewKey, Review>)>,
}

impl ReviewState {
    /// The records of the store at `path`, none read yet.
    pub fn new(path: &Path, read_only: bool, read_only_why: String) -> Self {
        ReviewState {
            path: path.to_path_buf(),
            read_only,
            read_only_why,
            cache: HashMap::new(),
            events: HashMap::new(),
            areas: HashMap::new(),
            measures: Vec::new(),
            head: 0,
            waiting: false,
            notices: Vec::new(),
            only_pending: false,
            links: Vec::new(),
            links_generation: 0,
            queued: Vec::new(),
            orphans: 0,
            round: crate::review::Year::of(crate::review::time::today()),
            round_state: None,
            previous: None,
        }
    }

    /// The round shown.
    pub fn round(&self) -> crate::review::Year {
        self.round
    }

    /// Whether the round shown is closed (sealed: nothing in it changes).
    pub fn round_closed(&self) -> bool {
        self.round_state == Some(crate::review::RoundState::Chiuso)
    }

    /// The entry's review in the round before, with that round's year.
    pub fn previous(&self, key: &ReviewKey) -> Option<(crate::review::Year, &Review)> {
        let (year, reviews) = self.previous.as_ref()?;
        reviews.get(key).map(|r| (*year, r))
    }

    /// Whether the entry is still to be assessed in this round: nothing
    /// recorded, not started, or only a proposal carried from the round
    /// before.
    pub fn to_assess(&self, key: &ReviewKey) -> bool {
        self.cache
            .get(key)
            .is_none_or(|r| r.status == Status::DaEsaminare || r.is_proposal())
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

    /// Refused with the reason when changes cannot be made.
    pub fn writable(&self) -> Result<(), String> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: self.read_only_why.clone(),
            }
            .to_string());
        }
        Ok(())
    }

    /// Replaces what was read; the changes still queued (`pending`) stay
    /// shown as they will be.
    pub fn load(&mut self, snapshot: Snapshot, pending: &[super::saver::Pending], queued: Vec<Op>) {
        self.cache = snapshot
            .reviews
            .into_iter()
            .map(|r| (r.key.clone(), r))
            .collect();
        self.events.clear();
        for e in snapshot.events {
            self.events.entry(e.key.clone()).or_default().push(e);
        }
        self.areas = snapshot.areas.into_iter().collect();
        self.measures = snapshot.measures;
        if snapshot.links != self.links {
            self.links = snapshot.links;
            self.links_generation += 1;
        }
        self.head = self.head.max(snapshot.head);
        self.orphans = snapshot.orphans;
        if let Some((year, state)) = snapshot.round {
            self.round = year;
            self.round_state = Some(state);
        }
        self.previous = snapshot
            .previous
            .map(|(y, reviews)| (y, reviews.into_iter().map(|r| (r.key.clone(), r)).collect()));
        self.queued = queued;
        for p in pending {
            self.show_locally(&p.key, &p.title, &p.change);
        }
    }

    /// A review the writer saved (revision `revision`); the newer values
    /// still queued for the entry stay shown.
    pub fn saved(&mut self, review: Review, revision: i64, pending: &[super::saver::Pending]) {
        self.head = self.head.max(revision);
        let key = review.key.clone();
        self.cache.insert(key.clone(), review);
        for p in pending.iter().filter(|p| p.key == key) {
            self.show_locally(&p.key, &p.title, &p.change);
        }
    }

    /// A decision recorded here, shown at once.
    pub fn decided(&mut self, decision: LinkDecision) {
        let same_pair =
            |d: &LinkDecision| d.catalogo == decision.catalogo && d.ptpc == decision.ptpc;
        match self.links.iter_mut().find(|d| same_pair(d)) {
            Some(d) => *d = decision,
            None => self.links.push(decision),
        }
        self.links_generation += 1;
    }

    /// A decision forgotten here.
    pub fn reset(&mut self, id: crate::model::DecisionId) {
        self.links.retain(|d| d.id != id);
        self.links_generation += 1;
    }

    pub fn push_notice(&mut self, n: Notice) {
        self.notices.push(n);
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

    /// How many reviews are filed under entries the map does not have.
    pub fn orphans(&self) -> usize {
        self.orphans
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

    /// The keys recorded as reviewed ("esaminato") in this round in
    /// dataset `dataset` (a proposal not yet confirmed is not): a look at
    /// the records, not at every entry.
    pub fn examined<'a>(&'a self, dataset: &'a str) -> impl Iterator<Item = &'a ReviewKey> {
        self.cache
            .iter()
            .filter(move |(k, r)| {
                k.dataset == dataset && r.status == Status::Esaminato && !r.is_proposal()
            })
            .map(|(k, _)| k)
    }

    /// The revision the explorer has seen: the base of a change made now.
    pub fn seen(&self) -> i64 {
        self.head
    }

    /// Records queued and not yet written (shown as pending).
    pub fn queued(&self) -> &[Op] {
        &self.queued
    }

    /// A record handed to the writer, shown as pending until written.
    pub(crate) fn queue_locally(&mut self, op: Op) {
        self.queued.push(op);
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

    /// A change shown before the store has it.
    pub(crate) fn show_locally(&mut self, key: &ReviewKey, title: &str, change: &Change) {
        self.cache
            .entry(key.clone())
            .or_insert_with(|| Review::empty(key, self.round, title))
            .apply(change);
    }

    /// A change that will not be written (the other text was kept): what
    /// the store has comes back at the next reload.
    pub(crate) fn forget_local(&mut self, key: &ReviewKey, _change: &Change) {
        self.cache.remove(key);
    }
}

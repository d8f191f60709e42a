//! The concordance in the explorer: computed on a background thread as
//! soon as the first frame is drawn (which never waits for it), the officer's decisions
//! from the store laid over it whenever they change, the jump to the linked
//! entry of the other dataset and back, and decisions recorded with a key.

use super::App;
use crate::concord::{decisions, Concordance, Link, LinkStatus};
use crate::model::Map;
use crate::review::Verdict;
use crate::tui::overlays::Overlay;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

/// Where the concordance is.
#[derive(Default)]
pub enum LinkState {
    /// Not asked for (tests, tools): no links are shown.
    #[default]
    Off,
    /// To compute once the first frame is drawn (nothing competes with it).
    Queued(Box<Map>),
    /// Being computed on the background thread.
    Pending(Receiver<Concordance>),
    Ready(Box<Concordance>),
}

/// A jump along a link: F7 on the entry it led to goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    /// (dataset, node) the jump started from and led to.
    pub from: (usize, usize),
    pub to: (usize, usize),
}

impl App {
    /// Computes the concordance of `map` (the map the explorer shows) on a
    /// thread of its own; it is taken in by the first key or tick after it
    /// is ready.
    pub fn compute_links_in_background(&mut self, map: Map) {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("mappa-concord".into())
            .spawn(move || {
                let _ = tx.send(Concordance::compute(&map));
            });
        if spawned.is_ok() {
            self.concord = LinkState::Pending(rx);
        }
    }

    /// Computes the concordance of `map` in the background once the first
    /// frame is drawn ([`App::after_first_frame`]): the explorer's start.
    pub fn compute_links_after_first_frame(&mut self, map: Map) {
        self.concord = LinkState::Queued(Box::new(map));
    }

    /// Starts what [`App::compute_links_after_first_frame`] queued.
    pub(crate) fn start_queued_links(&mut self) {
        if let LinkState::Queued(map) = std::mem::take(&mut self.concord) {
            self.compute_links_in_background(*map);
        }
    }

    /// Uses `concordance` now (tests; the background thread's result).
    pub fn set_concordance(&mut self, concordance: Concordance) {
        self.concord = LinkState::Ready(Box::new(concordance));
        self.links_applied = None;
        self.apply_link_decisions();
    }

    /// The links, once computed.
    pub fn concordance(&self) -> Option<&Concordance> {
        match &self.concord {
            LinkState::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the links are still being computed.
    pub fn links_pending(&self) -> bool {
        matches!(self.concord, LinkState::Pending(_) | LinkState::Queued(_))
    }

    /// Takes in the concordance when it is ready and the store's decisions
    /// when they changed. True when what is shown changed.
    pub(crate) fn poll_links(&mut self) -> bool {
        if let LinkState::Pending(rx) = &self.concord {
            match rx.try_recv() {
                Ok(c) => {
                    self.set_concordance(c);
                    return true;
                }
                Err(TryRecvError::Empty) => return false,
                // The thread died (it cannot, short of a bug): no links.
                Err(TryRecvError::Disconnected) => {
                    self.concord = LinkState::Off;
                    return false;
                }
            }
        }
        let generation = self.review.as_ref().map(|r| r.links_generation());
        if self.concordance().is_some() && generation != self.links_applied {
            self.apply_link_decisions();
            return true;
        }
        false
    }

    /// Lays the store's decisions over the computed links (replacing those
    /// laid before), then refreshes what depends on the links: the office
    /// parties and a filter by one of them.
    fn apply_link_decisions(&mut self) {
        let generation = self.review.as_ref().map(|r| r.links_generation());
        let resolved = match (self.concordance(), self.review.as_ref()) {
            (Some(c), Some(review)) => c.pair().map(|pair| {
                let keys = self
                    .review_keys
                    .get_or_init(|| crate::review::all_keys(&self.map));
                decisions::resolve(&self.map, pair, keys, review.link_decisions())
            }),
            _ => None,
        };
        if let LinkState::Ready(c) = &mut self.concord {
            c.clear_decisions();
            if let Some(r) = resolved {
                c.apply(&r.decisions);
            }
        }
        self.links_applied = generation;
        // The offices from links are part of the responsible index: built
        // again now if it was in use (an open picker lists it), and a filter
        // by one of them now walks other entries (the selection stays where
        // it was if it is still among them).
        if self.parties.take().is_some() {
            self.parties();
        }
        let mut overlay = std::mem::take(&mut self.overlay);
        if let Overlay::Picker(picker) = &mut overlay {
            picker.refresh(self);
        }
        self.overlay = overlay;
        if let Some(p) = self.party.as_ref().filter(|p| p.from_links) {
            let key = p.key.clone();
            let keep = self.selected_node();
            self.party = self.party_by_key(&key, true);
            self.run_search();
            if let Some(row) = keep.and_then(|k| self.rows.iter().position(|r| r.node == k)) {
                self.selected = row;
            }
        }
    }

    /// The links of a node of the current dataset (none before they are
    /// computed).
    pub fn links_of(&self, node: usize) -> &[Link] {
        self.concordance()
            .map_or(&[][..], |c| c.links(self.current, node))
    }

    /// The link F7, Ctrl-K and F10 act on for the selected entry: the one the
    /// last jump followed while on its far end, else the best one (else the
    /// first, rejected: it can be confirmed again).
    pub fn current_link(&self) -> Option<Link> {
        let node = self.selected_node()?;
        let here = (self.current, node);
        let links = self.links_of(node);
        if let Some(j) = self.jump.filter(|j| j.to == here) {
            if let Some(l) = links
                .iter()
                .find(|l| (l.dataset, l.node) == j.from)
                .copied()
            {
                return Some(l);
            }
        }
        links
            .iter()
            .find(|l| l.status != LinkStatus::Respinto)
            .or(links.first())
            .copied()
    }

    /// F7: to the linked entry of the other dataset; on the entry a jump
    /// led to, back where it started.
    pub(crate) fn jump_link(&mut self) {
        let s = self.strings();
        if self.concordance().is_none() {
            self.message = Some(
                if self.links_pending() {
                    s.links_pending
                } else {
                    s.no_link
                }
                .to_string(),
            );
            return;
        }
        let Some(node) = self.selected_node() else {
            return;
        };
        let here = (self.current, node);
        if let Some(j) = self.jump.filter(|j| j.to == here) {
            self.jump = None;
            self.go_to(j.from);
            return;
        }
        let usable = self
            .links_of(node)
            .iter()
            .find(|l| l.status != LinkStatus::Respinto)
            .copied();
        let Some(link) = usable else {
            self.message = Some(s.no_link.to_string());
            return;
        };
        let to = (link.dataset, link.node);
        self.go_to(to);
        self.jump = Some(Jump { from: here, to });
        let back = self.map.datasets[here.0].nodes[here.1]
            .code
            .as_deref()
            .map(crate::text::clean)
            .unwrap_or_default()
            .into_owned();
        self.message = Some(format!("{} {back}", s.jump_back));
    }

    /// Selects `node` of `dataset`, switching dataset and opening its
    /// ancestors; while a search or filter is on, an entry that does not
    /// match is shown inside its ancestors all the same.
    pub(crate) fn go_to(&mut self, (dataset, node): (usize, usize)) {
        if dataset >= self.map.datasets.len() || node >= self.map.datasets[dataset].nodes.len() {
            return;
        }
        self.set_dataset(dataset);
        let links = &self.links[self.current];
        let mut ancestors = Vec::new();
        let mut cur = links.parent[node];
        while let Some(p) = cur {
            ancestors.push(p);
            cur = links.parent[p];
        }
        match &mut self.filter {
            None => {
                for &a in &ancestors {
                    self.expanded[self.current][a] = true;
                }
            }
            // Kept ancestors of a kept entry open by themselves.
            Some(f) => {
                for n in std::iter::once(node).chain(ancestors) {
                    f.keep[n] = true;
                }
            }
        }
        self.rebuild_rows(Some(node));
    }

    /// Ctrl-K / F10: confirms or rejects the current link in the store.
    pub(crate) fn decide_current_link(&mut self, verdict: Verdict) {
        let s = self.strings();
        let Some(review) = self.review.as_ref() else {
            self.message = Some(s.review_unavailable.to_string());
            return;
        };
        if review.read_only() {
            self.message = Some(s.review_read_only.to_string());
            return;
        }
        let (Some(link), Some(node), Some(pair)) = (
            self.current_link(),
            self.selected_node(),
            self.concordance().and_then(|c| c.pair()),
        ) else {
            self.message = Some(s.no_link.to_string());
            return;
        };
        let (c, p) = if self.current == pair.catalogo {
            ((self.current, node), (link.dataset, link.node))
        } else {
            ((link.dataset, link.node), (self.current, node))
        };
        let keys = self
            .review_keys
            .get_or_init(|| crate::review::all_keys(&self.map));
        let (c_key, p_key) = (keys[c.0][c.1].clone(), keys[p.0][p.1].clone());
        let c_title = self.map.datasets[c.0].nodes[c.1].title.to_string();
        let p_title = self.map.datasets[p.0].nodes[p.1].title.to_string();
        let Some(review) = self.review.as_mut() else {
            return;
        };
        match review.decide_link((&c_key, &c_title), (&p_key, &p_title), verdict) {
            Ok(_) => {
                let there = (link.dataset, link.node);
                self.apply_link_decisions();
                let label = match verdict {
                    Verdict::Respinto => s.link_rejected_now,
                    _ => s.link_confirmed_now,
                };
                let other = &self.map.datasets[there.0].nodes[there.1];
                let name = other
                    .code
                    .as_deref()
                    .or(other.parent_code.as_deref())
                    .unwrap_or("—");
                self.message = Some(format!(
                    "{label} {} {}",
                    crate::text::clean(name),
                    crate::text::clean(&other.title)
                ));
            }
            Err(e) => self.message = Some(e),
        }
    }
}

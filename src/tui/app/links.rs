//! The concordance in the explorer: computed by the runtime's jobs once
//! the first frame is drawn (which never waits for it), the officer's
//! decisions from the store laid over it whenever they change, the jump to
//! the linked entry of the other dataset and back, and decisions made with
//! a key (a rejection asked first).

use super::{App, Effect};
use crate::concord::{decisions, Concordance, Link, LinkStatus};
use crate::review::Verdict;

/// Where the concordance is.
#[derive(Default)]
pub enum LinkState {
    /// Not asked for (tests, tools): no links are shown.
    #[default]
    Off,
    /// To compute once the first frame is drawn (nothing competes with it).
    Queued,
    /// Being computed by a job.
    Pending,
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
    /// Asks for the concordance of the map, computed in the background once
    /// the first frame is drawn: the explorer's start.
    pub fn compute_links_after_first_frame(&mut self) {
        self.concord = LinkState::Queued;
    }

    /// Whether the links are asked for and not yet being computed; the
    /// runtime's job starts now (and the state says so).
    pub fn take_links_request(&mut self) -> bool {
        if matches!(self.concord, LinkState::Queued) {
            self.concord = LinkState::Pending;
            return true;
        }
        false
    }

    /// The links could not be computed: none are shown.
    pub fn links_failed(&mut self) {
        self.concord = LinkState::Off;
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
        matches!(self.concord, LinkState::Pending | LinkState::Queued)
    }

    /// Lays the store's decisions over the links when they changed. True
    /// when what is shown changed.
    pub(crate) fn poll_links(&mut self) -> bool {
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
    pub(crate) fn apply_link_decisions(&mut self) {
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
        if self.forget_parties() {
            self.parties();
        }
        if let Some(mut overlay) = self.overlay.take() {
            overlay.refresh(self);
            self.overlay = Some(overlay);
        }
        if let Some(p) = self.party.as_ref().filter(|p| p.from_links) {
            let key = p.key.clone();
            self.party = self.party_by_key(&key, true);
            self.refresh_search();
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

    /// Ctrl-K / F10: confirms the current link in the store, or asks
    /// whether to reject it.
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
        let (Some(link), Some(node)) = (self.current_link(), self.selected_node()) else {
            self.message = Some(s.no_link.to_string());
            return;
        };
        let from = (self.current, node);
        if verdict == Verdict::Respinto {
            if let Some(q) = crate::tui::overlays::links::ask_to_reject(self, from, &link) {
                self.overlay = Some(q);
            }
            return;
        }
        if let Some((catalogo, ptpc)) = crate::tui::overlays::links::pair(self, from, &link) {
            self.effects.push(Effect::DecideLink {
                catalogo,
                ptpc,
                verdict,
            });
        }
    }

    /// A decision was recorded: laid over the links, and said.
    pub fn link_decided(
        &mut self,
        verdict: Verdict,
        ptpc: &crate::review::ReviewKey,
        catalogo: &crate::review::ReviewKey,
    ) {
        self.apply_link_decisions();
        let s = self.strings();
        let label = match verdict {
            Verdict::Respinto => s.link_rejected_now,
            _ => s.link_confirmed_now,
        };
        // The other end, as the person sees it from here.
        let here_is_catalogo = self
            .concordance()
            .and_then(|c| c.pair())
            .is_some_and(|p| p.catalogo == self.current);
        let other = if here_is_catalogo { ptpc } else { catalogo };
        let name = match self.entry_of(other) {
            Some((d, n)) => {
                let node = &self.map.datasets[d].nodes[n];
                format!(
                    "{} {}",
                    crate::text::clean(
                        node.code
                            .as_deref()
                            .or(node.parent_code.as_deref())
                            .unwrap_or("—")
                    ),
                    crate::text::clean(&node.title)
                )
            }
            None => crate::text::clean(&other.display()).into_owned(),
        };
        self.message = Some(format!("{label} {name}"));
    }
}

//! The explorer's state and how actions change it. Pure: no terminal, no
//! thread, no store connection here (the runtime owns those), so behaviour
//! is tested with key sequences alone. Drawing reads this state (`view/`);
//! overlays (`overlays/`) own their state and keys and return commands
//! that [`App::apply`] carries out; what must leave the app (a record for
//! the store, the clipboard) is an [`Effect`] the runtime takes.

mod effects;
mod filter;
mod links;
mod navigate;
mod query;
mod records;
pub mod tree;

pub use filter::{FilterState, PartyFilter, MAX_QUERY_CHARS};
pub use links::{Jump, LinkState};
pub use tree::{TreeLinks, TreeRow};

pub use super::action::Action;
use super::bindings::Mode;
use super::overlays::{conflict::ConflictView, Command, Overlay};
use super::review::ReviewState;
use super::saver::{Op, Pending};
use super::search::{Hit, Searcher};
use super::strings::Lang;
use crate::model::{Dataset, DecisionId, Map};
use crate::review::{Change, ReviewKey, Verdict};
use crate::roles::Responsibilities;
use std::sync::Arc;

/// Something the app wants done outside itself: the runtime does it.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Copy(String),
    /// A new file in the current folder named `stem` (plus a number if
    /// taken: never replacing one) with `content`.
    WriteFile {
        stem: String,
        content: Vec<u8>,
        entries: usize,
    },
    /// A review field for the writer (`draft`: typed, written after a pause).
    Change {
        pending: Pending,
        draft: bool,
    },
    /// A record for the writer.
    Record(Op),
    /// A queued change to forget (the other text was kept).
    Discard {
        key: ReviewKey,
        change: Change,
    },
    /// A decision on a link, recorded at once.
    DecideLink {
        catalogo: (ReviewKey, String),
        ptpc: (ReviewKey, String),
        verdict: Verdict,
    },
    /// A decision on a link forgotten.
    ResetLink(DecisionId),
    /// What was typed and cannot be recorded as it is: for the recovery file.
    Keep(String),
}

impl Effect {
    /// Whether the store is what it is for (the runtime applies these at
    /// once; the others need the terminal).
    pub fn is_for_store(&self) -> bool {
        !matches!(self, Effect::Copy(_) | Effect::WriteFile { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// Display options fixed at start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    /// The day taken as today (the settings' `MAPPA_TODAY`, else the clock).
    pub today: jiff::civil::Date,
}

pub struct App {
    /// The map, shared with the background jobs (never copied).
    pub map: Arc<Map>,
    links: Vec<TreeLinks>,
    /// Expansion in browse mode, per dataset.
    expanded: Vec<Vec<bool>>,
    pub current: usize,
    pub query: String,
    pub filter: Option<FilterState>,
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    pub focus: Focus,
    /// What is open over the tree.
    pub overlay: Option<Box<dyn Overlay>>,
    pub quit: bool,
    pub options: Options,
    pub party: Option<PartyFilter>,
    /// Built on first use: most sessions never open the picker.
    parties: std::cell::OnceCell<Responsibilities>,
    pub effects: Vec<Effect>,
    /// A one-off message for the status line (cleared by the next key).
    pub message: Option<String>,
    pub review: Option<ReviewState>,
    /// What could not be saved on quitting (said after the terminal is back).
    unsaved: Option<String>,
    /// Conflicts reported while another overlay was open, shown after it.
    conflicts: Vec<ConflictView>,
    /// Review keys of every node, computed once (per-frame work stays small).
    review_keys: std::cell::OnceCell<Vec<Vec<ReviewKey>>>,
    /// The entry (dataset, node) filed under each key: the other way round.
    entry_of_key: std::cell::OnceCell<rustc_hash::FxHashMap<ReviewKey, (usize, usize)>>,
    searcher: Box<dyn Searcher>,
    /// The concordance with the other dataset (computed in the background).
    concord: LinkState,
    /// The generation of the store's link decisions laid over it.
    links_applied: Option<u64>,
    /// The last jump along a link (F7 on its far end goes back).
    pub jump: Option<Jump>,
    /// Who is named below each entry drawn so far, by (dataset, node): the
    /// map never changes, and a macro-process of a large map has
    /// thousands of entries below it to read once, not at every frame.
    named_below: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), NamedBelow>>,
}

/// The roles and offices named below one entry, shared by the frames that draw it.
type NamedBelow = std::rc::Rc<[crate::roles::Named]>;

static EMPTY_DATASET: std::sync::LazyLock<Dataset> = std::sync::LazyLock::new(Dataset::default);
static EMPTY_LINKS: std::sync::LazyLock<TreeLinks> = std::sync::LazyLock::new(TreeLinks::default);

impl App {
    pub fn new(map: impl Into<Arc<Map>>, searcher: Box<dyn Searcher>, options: Options) -> Self {
        let map: Arc<Map> = map.into();
        let links: Vec<TreeLinks> = map.datasets.iter().map(TreeLinks::new).collect();
        // Start with the top level open: an overview of the macro-processes.
        let expanded = links
            .iter()
            .map(|l| {
                let mut e = vec![false; l.len()];
                for &r in &l.roots {
                    e[r] = true;
                }
                e
            })
            .collect();
        let empty = map.datasets.iter().all(|d| d.nodes.is_empty());
        let mut app = App {
            map,
            links,
            expanded,
            current: 0,
            query: String::new(),
            filter: None,
            rows: Vec::new(),
            selected: 0,
            focus: Focus::Tree,
            overlay: None,
            quit: false,
            options,
            party: None,
            parties: std::cell::OnceCell::new(),
            effects: Vec::new(),
            message: None,
            review: None,
            conflicts: Vec::new(),
            unsaved: None,
            review_keys: std::cell::OnceCell::new(),
            entry_of_key: std::cell::OnceCell::new(),
            searcher,
            concord: LinkState::Off,
            links_applied: None,
            jump: None,
            named_below: Default::default(),
        };
        if empty {
            app.message = Some(app.strings().empty_map.to_string());
        }
        app.rebuild_rows(None);
        app
    }

    /// An app searching with the shared ranked index.
    pub fn with_index(map: impl Into<Arc<Map>>, options: Options) -> Self {
        let map: Arc<Map> = map.into();
        let searcher = crate::tui::default_searcher(&map);
        App::new(map, searcher, options)
    }

    pub(crate) fn strings(&self) -> &'static crate::tui::strings::Strings {
        crate::tui::strings::strings(self.options.lang)
    }

    /// What has the keyboard.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            None => match self.focus {
                Focus::Tree => Mode::TREE,
                Focus::Detail => Mode::DETAIL,
            },
            Some(o) => o.mode(),
        }
    }

    /// The name of the overlay open, if any ("picker", "help").
    pub fn overlay_name(&self) -> Option<&'static str> {
        self.overlay.as_ref().map(|o| o.name())
    }

    /// The current dataset (an empty one when the map has none).
    pub fn dataset(&self) -> &Dataset {
        self.map
            .datasets
            .get(self.current)
            .unwrap_or(&EMPTY_DATASET)
    }

    /// The links of the current dataset.
    pub fn links(&self) -> &TreeLinks {
        self.links.get(self.current).unwrap_or(&EMPTY_LINKS)
    }

    /// Every role and office named below a node of the current dataset,
    /// most named first (worked out once per node).
    pub fn named_below(&self, node: usize) -> std::rc::Rc<[crate::roles::Named]> {
        let key = (self.current, node);
        if let Some(n) = self.named_below.borrow().get(&key) {
            return std::rc::Rc::clone(n);
        }
        let links = self.links();
        let named: std::rc::Rc<[crate::roles::Named]> =
            crate::roles::named_below(self.dataset(), node, |i| links.children(i)).into();
        self.named_below
            .borrow_mut()
            .insert(key, std::rc::Rc::clone(&named));
        named
    }

    /// Who answers for a node of the current dataset that names no one
    /// itself: those named below it, else what the links (once computed)
    /// or the entries above give.
    pub fn answer(&self, node: usize) -> Option<crate::roles::Answer> {
        let n = self.dataset().nodes.get(node)?;
        if crate::roles::names_someone(n) {
            return None;
        }
        let below = self.named_below(node);
        if !below.is_empty() {
            return Some(crate::roles::Answer {
                source: crate::roles::Source::Below,
                named: below.to_vec(),
            });
        }
        let none = crate::concord::Concordance::default();
        let concordance = self.concordance().unwrap_or(&none);
        crate::roles::answer_for(&self.map, concordance, &self.links, self.current, node)
    }

    /// The review key of a node of the current dataset.
    pub fn key(&self, node: usize) -> ReviewKey {
        self.key_in(self.current, node)
    }

    /// The review key of a node of any dataset.
    pub fn key_in(&self, dataset: usize, node: usize) -> ReviewKey {
        // An entry with a code is its own key: the keys of every entry
        // (a pass over the whole map) are needed only for one without.
        if let Some(key) = ReviewKey::coded(&self.map.datasets[dataset].nodes[node]) {
            return key;
        }
        self.review_keys
            .get_or_init(|| crate::review::all_keys(&self.map))[dataset][node]
            .clone()
    }

    /// The entry (dataset, node) filed under `key`, if one is.
    pub fn entry_of(&self, key: &ReviewKey) -> Option<(usize, usize)> {
        self.entry_of_key
            .get_or_init(|| {
                let keys = self
                    .review_keys
                    .get_or_init(|| crate::review::all_keys(&self.map));
                let mut index = rustc_hash::FxHashMap::default();
                for (d, ks) in keys.iter().enumerate() {
                    for (n, k) in ks.iter().enumerate() {
                        index.entry(k.clone()).or_insert((d, n));
                    }
                }
                index
            })
            .get(key)
            .copied()
    }

    /// Forgets the search cache for `word` (benchmarks).
    pub fn forget_search(&mut self, word: &str) {
        self.searcher.forget(word);
    }

    /// Whether the searcher wants a ranked index built in the background
    /// (a large map; the runtime's jobs build it after the first frame).
    pub fn wants_index(&self) -> bool {
        self.searcher.wants_index()
    }

    /// The ranked index, built in the background: the query answered
    /// meanwhile by a plain scan is ranked now.
    pub fn install_index(&mut self, index: crate::search::SearchIndex) -> bool {
        let again = self.searcher.install(index);
        if again && self.filter.as_ref().is_some_and(|f| f.pending) {
            self.refresh_search();
        }
        true
    }

    /// Node index of the selected row.
    pub fn selected_node(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.node)
    }

    /// Number of matches (or all nodes when not searching) and the total.
    pub fn counts(&self) -> (usize, usize) {
        let total = self.dataset().nodes.len();
        match &self.filter {
            Some(f) => (f.hits.len(), total),
            None => (total, total),
        }
    }

    pub fn hit_for(&self, node: usize) -> Option<&Hit> {
        let f = self.filter.as_ref()?;
        f.rank.get(&node).map(|&r| &f.hits[r])
    }

    pub fn has_children(&self, node: usize) -> bool {
        !self.links().children(node).is_empty()
    }

    /// Whether a node shows its children.
    pub fn is_open(&self, node: usize) -> bool {
        match &self.filter {
            None => self.expanded[self.current][node],
            Some(f) => f
                .opened
                .get(&node)
                .copied()
                .unwrap_or_else(|| self.auto_open(f, node)),
        }
    }

    /// While filtering, ancestors of matches open by themselves.
    fn auto_open(&self, f: &FilterState, node: usize) -> bool {
        f.keep[node] && self.links().children(node).iter().any(|&c| f.keep[c])
    }

    fn set_open(&mut self, node: usize, open: bool) {
        match &mut self.filter {
            None => self.expanded[self.current][node] = open,
            Some(f) => {
                f.opened.insert(node, open);
            }
        }
    }

    /// Recomputes the visible rows; keeps `keep_node` selected if visible.
    pub(crate) fn rebuild_rows(&mut self, keep_node: Option<usize>) {
        self.rebuild_rows_at(keep_node);
    }

    fn rebuild_rows_at(&mut self, keep_node: Option<usize>) {
        let links = self.links();
        let rows = tree::rows(
            links,
            |n| self.is_open(n),
            |n| match &self.filter {
                None => true,
                // Outside the matches, a node shows only under a parent the
                // user opened explicitly.
                Some(f) => {
                    f.keep[n] || links.parent[n].is_some_and(|p| f.opened.get(&p) == Some(&true))
                }
            },
        );
        self.rows = rows;
        self.selected = keep_node
            .and_then(|k| self.rows.iter().position(|r| r.node == k))
            .unwrap_or_else(|| self.selected.min(self.rows.len().saturating_sub(1)));
    }

    fn move_to(&mut self, row: usize) {
        if !self.rows.is_empty() {
            self.selected = row.min(self.rows.len() - 1);
        }
    }

    fn move_by(&mut self, delta: isize) {
        let target = self.selected.saturating_add_signed(delta);
        self.move_to(target);
    }

    fn set_dataset(&mut self, index: usize) {
        if index == self.current || index >= self.map.datasets.len() {
            return;
        }
        self.current = index;
        self.selected = 0;
        // Keep the role/office filter if the other dataset names it too
        // (an office from the catalogue's links is the annex's own there).
        if let Some((key, linked)) = self.party.as_ref().map(|p| (p.key.clone(), p.from_links)) {
            self.party = self
                .party_by_key(&key, linked)
                .or_else(|| self.party_by_key(&key, !linked));
        }
        if self.filter.is_some() || self.party.is_some() {
            self.run_search();
        } else {
            self.rebuild_rows(None);
        }
    }

    /// Applies one action: to the overlay open (which answers with
    /// commands), else to browsing.
    pub fn handle(&mut self, action: Action) {
        if action != Action::TooSmall {
            self.message = None;
        }
        self.poll_links();
        if let Some(mut overlay) = self.overlay.take() {
            let action = as_line_edit(action, overlay.mode());
            let commands = if action == Action::Quit {
                // Ending: what was typed is kept.
                self.quit = true;
                overlay.keep(self)
            } else {
                overlay.handle(&action, self)
            };
            self.overlay = Some(overlay);
            self.apply(commands);
            if self.overlay.is_none() {
                self.overlay = self.next_conflict();
            }
            return;
        }
        self.browse(action);
    }

    /// Carries out what an overlay asked for.
    ///
    /// (The search line's actions come as typing; where a line of an
    /// overlay has the keyboard they are that line's edits.)
    pub fn apply(&mut self, commands: Vec<Command>) {
        for c in commands {
            match c {
                Command::Close => self.overlay = None,
                Command::Open(o) => self.overlay = Some(o),
                Command::Say(m) => self.message = Some(m),
                Command::Change {
                    key,
                    title,
                    change,
                    base,
                    draft,
                } => {
                    self.record_change(&key, &title, change, base, draft);
                }
                Command::Record(op) => self.record_op(op),
                Command::Discard { key, change } => {
                    if let Some(r) = self.review.as_mut() {
                        r.forget_local(&key, &change);
                    }
                    self.effects.push(Effect::Discard { key, change });
                }
                Command::Reveal(key) => {
                    self.reveal(&key);
                }
                Command::FilterParty { key, from_links } => self.filter_by_party(&key, from_links),
                Command::DecideLink {
                    catalogo,
                    ptpc,
                    verdict,
                } => self.effects.push(Effect::DecideLink {
                    catalogo,
                    ptpc,
                    verdict,
                }),
                Command::ResetLink(id) => self.effects.push(Effect::ResetLink(id)),
                Command::GoTo { dataset, node } => self.go_to((dataset, node)),
                Command::Keep(text) => self.effects.push(Effect::Keep(text)),
            }
        }
    }

    /// Opens the overlay an action opens, or says why not.
    fn open(&mut self, kind: &crate::tui::overlays::Kind) {
        let Some(open) = kind.open else { return };
        match open(self) {
            Ok(o) => self.overlay = Some(o),
            Err(message) if !message.is_empty() => self.message = Some(message),
            Err(_) => {}
        }
    }

    fn browse(&mut self, action: Action) {
        if self.edit_query(&action) || self.navigate(&action) {
            return;
        }
        if let Some(kind) = crate::tui::overlays::opener(&action) {
            self.open(kind);
            return;
        }
        match action {
            Action::ClearParty if self.party.take().is_some() => self.refresh_search(),
            Action::Copy => self.copy_selected(),
            Action::Export => self.export_view(),
            Action::Quit => self.quit = true,
            Action::CycleStatus => self.cycle_status(),
            Action::JumpLink => self.jump_link(),
            Action::ConfirmLink => self.decide_current_link(Verdict::Confermato),
            Action::RejectLink => self.decide_current_link(Verdict::Respinto),
            Action::TogglePending => match &mut self.review {
                Some(r) => {
                    r.only_pending = !r.only_pending;
                    self.refresh_search();
                }
                None => self.message = Some(self.strings().review_unavailable.to_string()),
            },
            Action::NextDataset | Action::PrevDataset => {
                let n = self.map.datasets.len();
                if n > 0 {
                    let step = if action == Action::NextDataset {
                        1
                    } else {
                        n - 1
                    };
                    self.set_dataset((self.current + step) % n);
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                }
            }
            Action::TooSmall => self.message = Some(self.strings().too_small.to_string()),
            // Scrolling and clicks are the view's; nothing else applies here.
            _ => {}
        }
    }

    /// What the writer reported, once the runtime took it in: other
    /// processes' changes, a conflict to choose, a refusal to say. True
    /// when the screen needs redrawing.
    pub fn review_changed(&mut self, changed: bool) -> bool {
        let Some(review) = self.review.as_mut() else {
            return false;
        };
        let notices = review.notices();
        if changed && review.only_pending {
            self.refresh_search();
        }
        let any = !notices.is_empty();
        for n in notices {
            self.notice(n);
        }
        // Decisions another process recorded.
        let links = self.poll_links();
        changed || any || links
    }
}

/// Typing and deleting as the search line gets them, as edits of the line
/// an overlay's mode gives the keyboard to.
fn as_line_edit(action: Action, mode: Mode) -> Action {
    use crate::tui::widgets::line::Edit;
    if mode.typing != crate::tui::bindings::Typing::Line {
        return action;
    }
    match action {
        Action::Insert(c) => Action::Line(Edit::Insert(c)),
        Action::Backspace => Action::Line(Edit::Backspace),
        Action::DeleteWord => Action::Line(Edit::DeleteWord),
        Action::ClearLine => Action::Line(Edit::Clear),
        other => other,
    }
}

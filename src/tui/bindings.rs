//! Every key binding of the explorer, as data: one table gives the action a
//! key has in each mode, the help screen and the status-bar hints, in both
//! languages, so help can never drift from the keys. Browsing's rows are
//! here; each overlay declares its own modes and rows in its file, and the
//! overlays' table (`overlays::KINDS`) brings them in.

use super::action::Action;
use super::strings::Lang;
use super::widgets::line::Edit;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// What a typed character does in a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Typing {
    /// It goes to the search line.
    Search,
    /// It goes to the line being edited.
    Line,
    /// It goes to the notes' multi-line editor, with every other key.
    TextArea,
    /// Any key the mode does not bind closes it (the help).
    Closes,
    /// It does nothing.
    Nothing,
}

/// What has the keyboard: the tree, the detail pane, or a stage of an
/// overlay (each overlay declares its own).
#[derive(Debug, Clone, Copy, Eq)]
pub struct Mode {
    pub name: &'static str,
    pub typing: Typing,
}

impl PartialEq for Mode {
    fn eq(&self, other: &Mode) -> bool {
        self.name == other.name
    }
}

impl std::hash::Hash for Mode {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.name.hash(h);
    }
}

impl Mode {
    pub const fn new(name: &'static str, typing: Typing) -> Mode {
        Mode { name, typing }
    }

    pub const TREE: Mode = Mode::new("tree", Typing::Search);
    pub const DETAIL: Mode = Mode::new("detail", Typing::Search);
    /// A yes/no question (any overlay's).
    pub const CONFIRM: Mode = Mode::new("confirm", Typing::Nothing);
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

pub const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

/// A text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub it: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::It => self.it,
            Lang::En => self.en,
        }
    }
}

pub const fn t(it: &'static str, en: &'static str) -> Option<Text> {
    Some(Text { it, en })
}

/// The modes a binding applies in.
#[derive(Debug, Clone, Copy)]
pub enum Modes {
    /// Every mode (quitting).
    Any,
    Of(&'static [Mode]),
}

impl Modes {
    pub fn contains(&self, mode: &Mode) -> bool {
        match self {
            Modes::Any => true,
            Modes::Of(list) => list.contains(mode),
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub modes: Modes,
    pub keys: &'static [Key],
    pub action: Action,
    /// The line in the help screen (bindings with the same text share a line).
    pub help: Option<Text>,
    /// The short word in the status bar (same text: keys shown together).
    pub hint: Option<Text>,
    /// Only meaningful when the review store is open.
    pub review: bool,
}

const BROWSE: &[Mode] = &[Mode::TREE, Mode::DETAIL];
const TREE: &[Mode] = &[Mode::TREE];
const DETAIL: &[Mode] = &[Mode::DETAIL];

/// A row of the table: `b!(MODES, [KEYS], ACTION, HELP, HINT)`, with
/// `review` first for the keys of the review store.
#[macro_export]
macro_rules! bind {
    ($modes:expr, [$($k:expr),*], $action:expr, $help:expr, $hint:expr) => {
        $crate::tui::bindings::Binding { modes: $crate::tui::bindings::Modes::Of($modes), keys: { const K: &[$crate::tui::bindings::Key] = &[$($k),*]; K }, action: $action, help: $help, hint: $hint, review: false }
    };
    (review $modes:expr, [$($k:expr),*], $action:expr, $help:expr, $hint:expr) => {
        $crate::tui::bindings::Binding { modes: $crate::tui::bindings::Modes::Of($modes), keys: { const K: &[$crate::tui::bindings::Key] = &[$($k),*]; K }, action: $action, help: $help, hint: $hint, review: true }
    };
}
pub use bind as b;

/// The editing keys of a line, for the modes in which a line has the
/// keyboard: the same everywhere.
pub fn line_editing(modes: &'static [Mode]) -> Vec<Binding> {
    use KeyCode::*;
    let mut rows = line_editing_in_place(modes);
    rows.extend([
        b!(modes, [plain(Left)], Action::Line(Edit::Left), None, None),
        b!(modes, [plain(Right)], Action::Line(Edit::Right), None, None),
    ]);
    rows
}

/// The same without ← →, for a filter above a list whose arrows choose
/// (the picker: → filters, ← closes).
pub fn line_editing_in_place(modes: &'static [Mode]) -> Vec<Binding> {
    use KeyCode::*;
    vec![
        b!(
            modes,
            [plain(Backspace), ctrl('h')],
            Action::Line(Edit::Backspace),
            None,
            None
        ),
        b!(
            modes,
            [plain(Delete)],
            Action::Line(Edit::Delete),
            None,
            None
        ),
        b!(
            modes,
            [ctrl('w')],
            Action::Line(Edit::DeleteWord),
            None,
            None
        ),
        b!(modes, [ctrl('u')], Action::Line(Edit::Clear), None, None),
        b!(modes, [plain(Home)], Action::Line(Edit::Home), None, None),
        b!(modes, [plain(End)], Action::Line(Edit::End), None, None),
    ]
}

/// The table. Order matters: the first binding of a key in a mode wins,
/// and help lines and hints appear in this order.
pub fn table() -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut all = browse();
        all.extend(super::overlays::bindings());
        all
    })
}

/// Browsing the tree and the details, searching, the review keys.
#[rustfmt::skip]
fn browse() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        // Browsing.
        b!(BROWSE, [], Action::Insert(' '), t("lettere: cerca (la ricerca è sempre attiva)", "letters: search (search is always on)"), None),
        b!(TREE, [plain(Up), ctrl('p')], Action::Up, t("voce precedente / successiva", "previous / next entry"), t("muovi", "move")),
        b!(TREE, [plain(Down), ctrl('n')], Action::Down, t("voce precedente / successiva", "previous / next entry"), t("muovi", "move")),
        b!(TREE, [plain(PageUp)], Action::PageUp, t("pagina su / giù (scorre il dettaglio se attivo)", "page up / down (scrolls details when focused)"), None),
        b!(TREE, [plain(PageDown)], Action::PageDown, t("pagina su / giù (scorre il dettaglio se attivo)", "page up / down (scrolls details when focused)"), None),
        b!(BROWSE, [plain(Home)], Action::Home, t("prima / ultima voce", "first / last entry"), None),
        b!(BROWSE, [plain(End)], Action::End, t("prima / ultima voce", "first / last entry"), None),
        b!(BROWSE, [plain(Left)], Action::Left, t("chiudi la voce o vai alla voce superiore", "close the entry or go to its parent"), t("apri", "open")),
        b!(BROWSE, [plain(Right)], Action::Right, t("apri la voce o vai alla prima sotto-voce", "open the entry or go to its first child"), t("apri", "open")),
        b!(BROWSE, [plain(Enter)], Action::Toggle, t("apri / chiudi la voce", "open / close the entry"), None),
        b!(BROWSE, [ctrl('e')], Action::ExpandAll, t("apri tutto / chiudi tutto", "open all / close all"), None),
        b!(BROWSE, [ctrl('x')], Action::CollapseAll, t("apri tutto / chiudi tutto", "open all / close all"), None),
        b!(BROWSE, [plain(Tab)], Action::NextDataset, t("dataset successivo / precedente", "next / previous dataset"), t("dataset", "dataset")),
        b!(BROWSE, [shift(BackTab), plain(BackTab)], Action::PrevDataset, t("dataset successivo / precedente", "next / previous dataset"), None),
        b!(TREE, [plain(F(6)), ctrl('o')], Action::SwitchFocus, t("passa tra albero e dettaglio", "switch between tree and details"), None),
        b!(DETAIL, [plain(Up)], Action::DetailUp, None, t("scorri", "scroll")),
        b!(DETAIL, [plain(Down)], Action::DetailDown, None, t("scorri", "scroll")),
        b!(DETAIL, [plain(PageUp)], Action::PageUp, None, t("scorri", "scroll")),
        b!(DETAIL, [plain(PageDown)], Action::PageDown, None, t("scorri", "scroll")),
        b!(DETAIL, [plain(F(6)), ctrl('o')], Action::SwitchFocus, None, t("albero", "tree")),
        b!(BROWSE, [shift(Up)], Action::DetailUp, t("scorri il dettaglio", "scroll the details"), None),
        b!(BROWSE, [shift(Down)], Action::DetailDown, t("scorri il dettaglio", "scroll the details"), None),
        b!(BROWSE, [plain(Backspace)], Action::Backspace, t("cancella carattere / parola / riga", "delete character / word / line"), None),
        b!(BROWSE, [ctrl('h')], Action::Backspace, None, None),
        b!(BROWSE, [ctrl('w')], Action::DeleteWord, t("cancella carattere / parola / riga", "delete character / word / line"), None),
        b!(BROWSE, [ctrl('u')], Action::ClearLine, t("cancella carattere / parola / riga", "delete character / word / line"), None),
        b!(TREE, [plain(Esc)], Action::Escape, t("cancella la ricerca, poi i filtri; infine esce", "clear the search, then the filters; then quit"), None),
        b!(BROWSE, [ctrl('r')], Action::OpenPicker, t("filtra per responsabile (ruolo o ufficio)", "filter by responsible (role or office)"), t("responsabili", "responsible")),
        b!(BROWSE, [plain(F(8))], Action::ClearParty, t("togli il filtro per responsabile", "remove the responsible filter"), None),
        b!(BROWSE, [plain(F(7)), ctrl('l')], Action::JumpLink, t("voce collegata nell'altro dataset (e ritorno)", "the linked entry in the other dataset (and back)"), None),
        b!(BROWSE, [ctrl('y')], Action::Copy, t("copia codice, titolo e responsabile (anche via SSH)", "copy code, title and responsible (works over SSH)"), t("copia", "copy")),
        b!(BROWSE, [ctrl('s')], Action::Export, t("salva le voci visibili in un file Markdown", "save the entries in view to a Markdown file"), None),
        b!(review BROWSE, [plain(F(2))], Action::CycleStatus, t("revisione: stato successivo della voce", "review: next status of the entry"), t("stato", "status")),
        b!(review BROWSE, [plain(F(3))], Action::EditNotes, t("revisione: note (multi-riga, salvate subito)", "review: notes (multi-line, saved at once)"), t("note", "notes")),
        b!(review BROWSE, [plain(F(4))], Action::OpenRiskForm, t("revisione: indicatori, giudizio e motivazione", "review: indicators, judgement and motivation"), t("rischio", "risk")),
        b!(review BROWSE, [plain(F(5))], Action::OpenEvents, t("registro: eventi rischiosi, fattori e area della voce", "register: the entry's risk events, factors and area"), t("eventi", "events")),
        b!(review BROWSE, [ctrl('t')], Action::OpenMeasures, t("registro: misure della voce e monitoraggio", "register: the entry's measures and monitoring"), t("misure", "measures")),
        b!(review BROWSE, [ctrl('g')], Action::OpenRanking, t("registro: ponderazione delle voci valutate", "register: ranking of the assessed entries"), None),
        b!(review BROWSE, [ctrl('d')], Action::OpenDeadlines, t("registro: scadenze delle misure per ufficio", "register: measures due, by office"), None),
        b!(review BROWSE, [plain(F(9))], Action::TogglePending, t("revisione: solo le voci da esaminare", "review: only entries not yet reviewed"), t("da esaminare", "pending")),
        b!(review BROWSE, [ctrl('k')], Action::ConfirmLink, t("collegamenti: conferma quello che segue F7", "links: confirm the one F7 follows"), None),
        b!(review BROWSE, [plain(F(10))], Action::RejectLink, t("collegamenti: respingi quello che segue F7 (chiede conferma)", "links: reject the one F7 follows (asks first)"), None),
        b!(BROWSE, [ctrl('f')], Action::OpenLinks, t("collegamenti della voce, anche respinti: conferma, respingi, annulla la decisione", "the entry's links, rejected ones too: confirm, reject, undo the decision"), None),
        Binding { modes: Modes::Any, keys: { const K: &[Key] = &[ctrl('c')]; K }, action: Action::Quit, help: t("esci (salva quanto scritto)", "quit (saves what was typed)"), hint: None, review: false },
        b!(BROWSE, [plain(F(1)), ch('?')], Action::Help, t("questo aiuto (? a ricerca vuota)", "this help (? when the search is empty)"), t("aiuto", "help")),
        b!(DETAIL, [plain(Esc)], Action::Escape, t("cancella la ricerca, poi i filtri; infine esce", "clear the search, then the filters; then quit"), t("esci", "quit")),
        // Any yes/no question.
        b!(&[Mode::CONFIRM], [ch('s'), ch('y')], Action::Yes, None, t("sì", "yes")),
        b!(&[Mode::CONFIRM], [ch('n'), plain(Esc)], Action::No, None, t("no", "no")),
    ]
}

/// The action for a terminal event in `mode`. `query_empty` makes `?` open
/// the help only when it cannot be part of a search.
pub fn action_for(event: &Event, mode: Mode, query_empty: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, mode, query_empty),
        Event::Paste(text) => match mode.typing {
            Typing::Search | Typing::Line | Typing::TextArea => {
                Some(Action::InsertText(text.clone()))
            }
            Typing::Closes | Typing::Nothing => None,
        },
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        _ => None,
    }
}

/// A terminal sends Esc as the byte that also starts an Alt key: Esc typed
/// just before another key (a quick hand, a slow link) reads as Alt and
/// that key. No binding uses Alt, so such a key is the two keys it was.
pub fn split_alt(event: &Event, mode: Mode) -> Option<[Event; 2]> {
    let Event::Key(key) = event else { return None };
    if !key.modifiers.contains(KeyModifiers::ALT) || key.code == KeyCode::Esc {
        return None;
    }
    if table()
        .iter()
        .any(|b| b.modes.contains(&mode) && b.keys.iter().any(|k| matches(k, key)))
    {
        return None;
    }
    let mut rest = *key;
    rest.modifiers.remove(KeyModifiers::ALT);
    let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
    Some([Event::Key(esc), Event::Key(rest)])
}

fn matches(k: &Key, key: &KeyEvent) -> bool {
    if k.code != key.code {
        return false;
    }
    // Shift is part of a typed character ('?' is Shift-/ on most layouts).
    let relevant = KeyModifiers::CONTROL
        | KeyModifiers::ALT
        | if matches!(key.code, KeyCode::Char(_)) {
            KeyModifiers::NONE
        } else {
            KeyModifiers::SHIFT
        };
    key.modifiers & relevant == k.mods & relevant
}

fn key_action(key: &KeyEvent, mode: Mode, query_empty: bool) -> Option<Action> {
    let found = table()
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.iter().any(|k| matches(k, key)))
        .map(|b| b.action.clone());
    match found {
        // `?` is a character like any other once a search is being typed.
        Some(Action::Help) if key.code == KeyCode::Char('?') && !query_empty => {
            Some(Action::Insert('?'))
        }
        Some(a) => Some(a),
        None => fallback(key, mode),
    }
}

/// Keys the table does not name: typing in the search and the editors; in
/// the help any other key closes it.
fn fallback(key: &KeyEvent, mode: Mode) -> Option<Action> {
    let typed = match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    match mode.typing {
        Typing::Search => typed.map(Action::Insert),
        Typing::Line => typed.map(|c| Action::Line(Edit::Insert(c))),
        Typing::TextArea => Some(Action::EditorKey(*key)),
        Typing::Closes => Some(Action::CloseHelp),
        Typing::Nothing => None,
    }
}

/// Every mode the table names.
pub fn modes() -> Vec<Mode> {
    let mut out: Vec<Mode> = vec![Mode::TREE, Mode::DETAIL];
    for b in table() {
        if let Modes::Of(list) = b.modes {
            for m in list {
                if !out.contains(m) {
                    out.push(*m);
                }
            }
        }
    }
    out
}

/// How a key is written in help (`long`) or in the status bar.
pub fn key_label(k: &Key, lang: Lang, long: bool) -> String {
    use KeyCode::*;
    let it = lang == Lang::It;
    let name = match k.code {
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => if it { "PgSu" } else { "PgUp" }.into(),
        PageDown => if it { "PgGiù" } else { "PgDn" }.into(),
        Home => "Home".into(),
        End => if it { "Fine" } else { "End" }.into(),
        Enter => if it { "Invio" } else { "Enter" }.into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        Delete => "Canc".into(),
        Insert => "Ins".into(),
        F(n) => format!("F{n}"),
        Char(' ') => if it { "Spazio" } else { "Space" }.into(),
        Char(c) => c.to_string(),
        _ => "?".into(),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        let c = name.to_uppercase();
        return if long {
            format!("Ctrl-{c}")
        } else {
            format!("^{c}")
        };
    }
    if k.mods.contains(KeyModifiers::SHIFT) && k.code != BackTab {
        return format!("Shift-{name}");
    }
    name
}

/// The help screen's lines for browsing: keys and what they do, one line
/// per distinct text, in table order.
pub fn help_rows(lang: Lang, review: bool) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<String>, &'static str)> = Vec::new();
    for b in table()
        .iter()
        .filter(|b| b.modes.contains(&Mode::TREE) || b.modes.contains(&Mode::DETAIL))
    {
        if b.review && !review {
            continue;
        }
        let Some(help) = b.help else { continue };
        let text = help.get(lang);
        let keys: Vec<String> = b.keys.iter().map(|k| key_label(k, lang, true)).collect();
        match rows.iter_mut().find(|(_, t)| *t == text) {
            Some((ks, _)) => {
                for k in keys {
                    if !ks.contains(&k) {
                        ks.push(k);
                    }
                }
            }
            None => rows.push((keys, text)),
        }
    }
    for (keys, _) in rows.iter_mut() {
        // Plain keys first, then those with Ctrl (the old layout).
        keys.sort_by_key(|k| k.starts_with("Ctrl-"));
    }
    let mut out: Vec<(String, &'static str)> = rows
        .into_iter()
        .map(|(keys, text)| match text.split_once(": ") {
            // "lettere: cerca …" names its key in the text.
            Some((k, rest)) if keys.is_empty() => (k.to_string(), rest),
            _ => (keys.join(" "), text),
        })
        .collect();
    out.push((
        "mouse".into(),
        match lang {
            Lang::It => "clic seleziona, clic sul segno apre; rotella scorre",
            Lang::En => "click selects, click on the marker opens; wheel scrolls",
        },
    ));
    out
}

/// The status-bar hints of `mode`: keys and their word, in table order,
/// bindings with the same word together ("↑↓ muovi").
pub fn hints(mode: Mode, lang: Lang, review: bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in table().iter().filter(|b| b.modes.contains(&mode)) {
        if b.review && !review {
            continue;
        }
        let Some(hint) = b.hint else { continue };
        let word = hint.get(lang);
        let key = b
            .keys
            .first()
            .map(|k| key_label(k, lang, false))
            .unwrap_or_default();
        match out.iter_mut().find(|(_, w)| *w == word) {
            Some((keys, _)) if !keys.contains(&key) => {
                // Arrows read as one glyph pair; other keys get a slash.
                let arrows = "↑↓←→";
                let sep = if arrows.contains(keys.as_str()) && arrows.contains(key.as_str()) {
                    ""
                } else {
                    "/"
                };
                keys.push_str(sep);
                keys.push_str(&key);
            }
            Some(_) => {}
            None => out.push((key, word)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn every_key_is_bound_once_per_mode() {
        for mode in modes() {
            let mut seen: Vec<Key> = Vec::new();
            for b in table().iter().filter(|b| b.modes.contains(&mode)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn esc_read_with_the_next_key_as_alt_is_two_keys() {
        let both = split_alt(
            &key(Char('c'), KeyModifiers::ALT | KeyModifiers::CONTROL),
            Mode::TREE,
        )
        .expect("no binding uses Alt");
        assert_eq!(action_for(&both[0], Mode::TREE, true), Some(Action::Escape));
        assert_eq!(action_for(&both[1], Mode::TREE, true), Some(Action::Quit));
        assert!(split_alt(&key(Char('c'), KeyModifiers::CONTROL), Mode::TREE).is_none());
        assert!(split_alt(&key(Esc, KeyModifiers::ALT), Mode::TREE).is_none());
    }

    #[test]
    fn keys_decode_by_mode() {
        let tree = Mode::TREE;
        let help = super::super::overlays::help::MODE;
        let notes = super::super::overlays::notes::MODE;
        assert_eq!(
            action_for(&key(Char('r'), KeyModifiers::CONTROL), tree, true),
            Some(Action::OpenPicker)
        );
        assert_eq!(
            action_for(&key(Char('x'), KeyModifiers::NONE), tree, true),
            Some(Action::Insert('x'))
        );
        assert_eq!(
            action_for(&key(Char('?'), KeyModifiers::SHIFT), tree, true),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(&key(Char('?'), KeyModifiers::SHIFT), tree, false),
            Some(Action::Insert('?'))
        );
        assert_eq!(
            action_for(&key(Down, KeyModifiers::NONE), help, true),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&key(Char('x'), KeyModifiers::NONE), help, true),
            Some(Action::CloseHelp)
        );
        assert_eq!(
            action_for(&key(Char('c'), KeyModifiers::CONTROL), notes, true),
            Some(Action::Quit)
        );
        assert!(matches!(
            action_for(&key(Char('a'), KeyModifiers::NONE), notes, true),
            Some(Action::EditorKey(_))
        ));
        assert_eq!(
            action_for(&key(Up, KeyModifiers::SHIFT), tree, true),
            Some(Action::DetailUp)
        );
        assert_eq!(
            action_for(&key(Up, KeyModifiers::NONE), Mode::DETAIL, true),
            Some(Action::DetailUp)
        );
        // Every line edits with the same keys.
        for mode in modes().into_iter().filter(|m| m.typing == Typing::Line) {
            assert_eq!(
                action_for(&key(Char('w'), KeyModifiers::CONTROL), mode, true),
                Some(Action::Line(Edit::DeleteWord)),
                "{mode:?}"
            );
            assert_eq!(
                action_for(&key(Char('é'), KeyModifiers::NONE), mode, true),
                Some(Action::Line(Edit::Insert('é'))),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn help_and_hints_come_from_the_table_in_both_languages() {
        for lang in [Lang::It, Lang::En] {
            let rows = help_rows(lang, true);
            assert!(rows.iter().any(|(k, _)| k.contains("Ctrl-R")));
            assert!(rows.iter().any(|(k, _)| k.starts_with("F2")));
            assert!(!help_rows(lang, false)
                .iter()
                .any(|(k, _)| k.starts_with("F2")));
        }
        let hints = hints(Mode::TREE, Lang::It, false);
        assert_eq!(hints[0], ("↑↓".to_string(), "muovi"));
        assert_eq!(hints[1], ("←→".to_string(), "apri"));
    }
}

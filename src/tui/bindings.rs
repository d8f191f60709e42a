//! Every key binding of the explorer, as data: one table gives the action a
//! key has in each mode, the help screen and the status-bar hints, in both
//! languages, so help can never drift from the keys.

use super::action::Action;
use super::strings::Lang;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// What has the keyboard: the tree, the detail pane, or an overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Tree,
    Detail,
    Help,
    Picker,
    Notes,
    Risk,
    /// Typing the motivation in the risk form.
    RiskText,
    Conflict,
    /// The risk events of an entry, and its stages.
    Events,
    EventText,
    EventFactors,
    EventArea,
    /// A yes/no question.
    Confirm,
    /// The measures of an entry, a form, a field being typed.
    Measures,
    MeasureForm,
    MeasureText,
    /// The ranking or the schedule.
    RegisterList,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn ch(c: char) -> Key {
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

const fn t(it: &'static str, en: &'static str) -> Option<Text> {
    Some(Text { it, en })
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    /// The line in the help screen (bindings with the same text share a line).
    pub help: Option<Text>,
    /// The short word in the status bar (same text: keys shown together).
    pub hint: Option<Text>,
    /// Only meaningful when the review store is open.
    pub review: bool,
}

const BROWSE: &[Mode] = &[Mode::Tree, Mode::Detail];
const TREE: &[Mode] = &[Mode::Tree];
const DETAIL: &[Mode] = &[Mode::Detail];
const EVERYWHERE: &[Mode] = &[
    Mode::Tree,
    Mode::Detail,
    Mode::Help,
    Mode::Picker,
    Mode::Notes,
    Mode::Risk,
    Mode::RiskText,
    Mode::Conflict,
    Mode::Events,
    Mode::EventText,
    Mode::EventFactors,
    Mode::EventArea,
    Mode::Confirm,
    Mode::Measures,
    Mode::MeasureForm,
    Mode::MeasureText,
    Mode::RegisterList,
];
const EVENT_LISTS: &[Mode] = &[
    Mode::Events,
    Mode::EventText,
    Mode::EventFactors,
    Mode::EventArea,
];

use KeyCode::*;
use Mode::*;

macro_rules! b {
    ($modes:expr, [$($k:expr),*], $action:expr, $help:expr, $hint:expr) => {
        Binding { modes: $modes, keys: { const K: &[Key] = &[$($k),*]; K }, action: $action, help: $help, hint: $hint, review: false }
    };
    (review $modes:expr, [$($k:expr),*], $action:expr, $help:expr, $hint:expr) => {
        Binding { modes: $modes, keys: { const K: &[Key] = &[$($k),*]; K }, action: $action, help: $help, hint: $hint, review: true }
    };
}

/// The table. Order matters: the first binding of a key in a mode wins, and
/// help lines and hints appear in this order.
pub fn table() -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| [browse(), overlays(), register()].concat())
}

/// Browsing the tree and the details, searching, the review keys.
#[rustfmt::skip]
fn browse() -> Vec<Binding> {
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
        b!(review BROWSE, [plain(F(10))], Action::RejectLink, t("collegamenti: respingi quello che segue F7", "links: reject the one F7 follows"), None),
        b!(EVERYWHERE, [ctrl('c')], Action::Quit, t("esci (salva quanto scritto)", "quit (saves what was typed)"), None),
        b!(BROWSE, [plain(F(1)), ch('?')], Action::Help, t("questo aiuto (? a ricerca vuota)", "this help (? when the search is empty)"), t("aiuto", "help")),
        b!(DETAIL, [plain(Esc)], Action::Escape, t("cancella la ricerca, poi i filtri; infine esce", "clear the search, then the filters; then quit"), t("esci", "quit")),
    ]
}

/// Help, the picker, the notes editor, the risk form, a conflict.
#[rustfmt::skip]
fn overlays() -> Vec<Binding> {
    vec![
        // Help.
        b!(&[Help], [plain(Up)], Action::Up, None, t("scorri", "scroll")),
        b!(&[Help], [plain(Down)], Action::Down, None, t("scorri", "scroll")),
        b!(&[Help], [plain(PageUp)], Action::PageUp, None, t("scorri", "scroll")),
        b!(&[Help], [plain(PageDown)], Action::PageDown, None, t("scorri", "scroll")),
        b!(&[Help], [plain(Home)], Action::Home, None, None),
        b!(&[Help], [plain(End)], Action::End, None, None),
        b!(&[Help], [plain(Esc), plain(F(1))], Action::CloseHelp, None, t("chiude (ogni altro tasto)", "closes (any other key)")),
        // The responsible picker.
        b!(&[Picker], [plain(Up)], Action::Up, None, t("muovi", "move")),
        b!(&[Picker], [plain(Down)], Action::Down, None, t("muovi", "move")),
        b!(&[Picker], [plain(PageUp)], Action::PageUp, None, None),
        b!(&[Picker], [plain(PageDown)], Action::PageDown, None, None),
        b!(&[Picker], [plain(Enter), plain(Right)], Action::Toggle, None, t("filtra", "filter")),
        b!(&[Picker], [plain(Backspace)], Action::Backspace, None, None),
        b!(&[Picker], [ctrl('u'), ctrl('w')], Action::ClearLine, None, None),
        b!(&[Picker], [plain(Esc), ctrl('r'), plain(Left)], Action::Escape, None, t("chiude", "closes")),
        // The notes editor.
        b!(&[Notes], [plain(Esc), plain(F(3))], Action::Close, None, t("chiude e salva", "closes and saves")),
        b!(&[Notes], [ctrl('s')], Action::Save, None, t("salva", "save")),
        // The risk form.
        b!(&[Risk], [plain(Up), shift(BackTab), plain(BackTab)], Action::FormUp, None, t("riga", "row")),
        b!(&[Risk], [plain(Down), plain(Tab)], Action::FormDown, None, t("riga", "row")),
        b!(&[Risk], [plain(Left)], Action::FormPrev, None, t("livello", "level")),
        b!(&[Risk], [plain(Right), ch(' ')], Action::FormNext, None, t("livello", "level")),
        b!(&[Risk], [plain(Enter)], Action::FormEdit, None, t("motivazione", "motivation")),
        b!(&[Risk], [plain(Esc), plain(F(4))], Action::Close, None, t("chiude", "closes")),
        b!(&[RiskText], [plain(Enter), plain(Esc)], Action::FormEdit, None, t("fine motivazione", "end motivation")),
        // Two versions of a text.
        b!(&[Conflict], [ch('1'), ch('m')], Action::KeepMine, None, t("tieni il tuo", "keep yours")),
        b!(&[Conflict], [ch('2'), ch('a')], Action::KeepTheirs, None, t("tieni l'altro", "keep theirs")),
        b!(&[Conflict], [ch('3'), ch('e'), plain(Enter)], Action::KeepBoth, None, t("tieni entrambi", "keep both")),
    ]
}

/// The register's overlays: risk events, measures, the ranking and the schedule.
#[rustfmt::skip]
fn register() -> Vec<Binding> {
    vec![
        // The risk events of an entry.
        b!(&[Events], [plain(Up)], Action::Up, None, None),
        b!(&[Events], [plain(Down)], Action::Down, None, None),
        b!(&[Events], [ch('n'), plain(Insert)], Action::New, None, t("nuovo", "new")),
        b!(&[Events], [plain(Enter)], Action::Edit, None, t("modifica", "edit")),
        b!(&[Events], [ch('f')], Action::Factors, None, t("fattori", "factors")),
        b!(&[Events], [ch('a')], Action::ChooseArea, None, t("area", "area")),
        b!(&[Events], [ch('x'), plain(Delete)], Action::Remove, None, t("elimina", "remove")),
        b!(EVENT_LISTS, [plain(Esc)], Action::Close, None, t("indietro", "back")),
        b!(&[EventText], [plain(Up)], Action::Up, None, t("suggerimenti", "suggestions")),
        b!(&[EventText], [plain(Down)], Action::Down, None, t("suggerimenti", "suggestions")),
        b!(&[EventText], [plain(Enter)], Action::Accept, None, t("conferma", "accept")),
        b!(&[EventFactors, EventArea], [plain(Up)], Action::Up, None, t("muovi", "move")),
        b!(&[EventFactors, EventArea], [plain(Down)], Action::Down, None, t("muovi", "move")),
        b!(&[EventFactors], [ch(' ')], Action::Mark, None, t("seleziona (1-8)", "tick (1-8)")),
        b!(&[EventFactors, EventArea], [plain(Enter)], Action::Accept, None, t("salva", "save")),
        b!(&[Confirm], [ch('s'), ch('y')], Action::Yes, None, t("sì", "yes")),
        b!(&[Confirm], [ch('n'), plain(Esc)], Action::No, None, t("no", "no")),
        // The measures of an entry.
        b!(&[Measures, RegisterList], [plain(Up)], Action::Up, None, None),
        b!(&[Measures, RegisterList], [plain(Down)], Action::Down, None, None),
        b!(&[Measures], [ch('n'), plain(Insert)], Action::New, None, t("nuova", "new")),
        b!(&[Measures], [ch('m'), plain(Enter)], Action::Monitor, None, t("monitoraggio", "monitoring")),
        b!(&[Measures], [ch('e')], Action::Edit, None, t("modifica", "edit")),
        b!(&[Measures, RegisterList], [plain(Esc)], Action::Close, None, t("chiude", "closes")),
        b!(&[MeasureForm], [plain(Up), shift(BackTab), plain(BackTab)], Action::FormUp, None, t("riga", "row")),
        b!(&[MeasureForm], [plain(Down), plain(Tab)], Action::FormDown, None, t("riga", "row")),
        b!(&[MeasureForm], [plain(Left)], Action::FormPrev, None, t("valore", "value")),
        b!(&[MeasureForm], [plain(Right), ch(' ')], Action::FormNext, None, t("valore", "value")),
        b!(&[MeasureForm], [plain(Enter)], Action::FormEdit, None, t("scrivi", "type")),
        b!(&[MeasureForm, MeasureText], [ctrl('s')], Action::Save, None, t("salva", "save")),
        b!(&[MeasureForm], [plain(Esc)], Action::Close, None, t("annulla", "cancel")),
        b!(&[MeasureText], [plain(Enter), plain(Esc)], Action::Accept, None, t("fine campo", "end field")),
        b!(&[RegisterList], [plain(Enter)], Action::Accept, None, t("vai alla voce", "go to the entry")),
    ]
}

/// The action for a terminal event in `mode`. `query_empty` makes `?` open
/// the help only when it cannot be part of a search.
pub fn action_for(event: &Event, mode: Mode, query_empty: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, mode, query_empty),
        Event::Paste(text) => match mode {
            Mode::Tree | Mode::Detail | Mode::Picker => Some(Action::InsertText(text.clone())),
            Mode::Notes | Mode::RiskText | Mode::EventText | Mode::MeasureText => {
                Some(Action::InsertText(text.clone()))
            }
            _ => None,
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

fn matches(k: &Key, key: &KeyEvent) -> bool {
    if k.code != key.code {
        return false;
    }
    // Shift is part of a typed character ('?' is Shift-/ on most layouts).
    let relevant = KeyModifiers::CONTROL
        | KeyModifiers::ALT
        | if matches!(key.code, Char(_)) {
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
        Some(Action::Help) if key.code == Char('?') && !query_empty => Some(Action::Insert('?')),
        Some(a) => Some(a),
        None => fallback(key, mode),
    }
}

/// Keys the table does not name: typing in the search and the editors; in
/// the help any other key closes it.
fn fallback(key: &KeyEvent, mode: Mode) -> Option<Action> {
    let typed = match key.code {
        Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    match mode {
        Mode::Tree | Mode::Detail | Mode::Picker => typed.map(Action::Insert),
        Mode::Help => Some(Action::CloseHelp),
        Mode::Notes | Mode::RiskText | Mode::EventText | Mode::EventFactors | Mode::MeasureText => {
            Some(Action::EditorKey(*key))
        }
        _ => None,
    }
}

/// How a key is written in help (`long`) or in the status bar.
pub fn key_label(k: &Key, lang: Lang, long: bool) -> String {
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
        .filter(|b| b.modes.contains(&Mode::Tree) || b.modes.contains(&Mode::Detail))
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

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn every_key_is_bound_once_per_mode() {
        let modes = [
            Tree,
            Detail,
            Help,
            Picker,
            Notes,
            Risk,
            RiskText,
            Conflict,
            Events,
            EventText,
            EventFactors,
            EventArea,
            Confirm,
            Measures,
            MeasureForm,
            MeasureText,
            RegisterList,
        ];
        for mode in modes {
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
    fn keys_decode_by_mode() {
        assert_eq!(
            action_for(&key(Char('r'), KeyModifiers::CONTROL), Tree, true),
            Some(Action::OpenPicker)
        );
        assert_eq!(
            action_for(&key(Char('x'), KeyModifiers::NONE), Tree, true),
            Some(Action::Insert('x'))
        );
        assert_eq!(
            action_for(&key(Char('?'), KeyModifiers::SHIFT), Tree, true),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(&key(Char('?'), KeyModifiers::SHIFT), Tree, false),
            Some(Action::Insert('?'))
        );
        assert_eq!(
            action_for(&key(Down, KeyModifiers::NONE), Help, true),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&key(Char('x'), KeyModifiers::NONE), Help, true),
            Some(Action::CloseHelp)
        );
        assert_eq!(
            action_for(&key(Char('c'), KeyModifiers::CONTROL), Notes, true),
            Some(Action::Quit)
        );
        assert!(matches!(
            action_for(&key(Char('a'), KeyModifiers::NONE), Notes, true),
            Some(Action::EditorKey(_))
        ));
        assert_eq!(
            action_for(&key(Up, KeyModifiers::SHIFT), Tree, true),
            Some(Action::DetailUp)
        );
        assert_eq!(
            action_for(&key(Up, KeyModifiers::NONE), Detail, true),
            Some(Action::DetailUp)
        );
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
        let hints = hints(Tree, Lang::It, false);
        assert_eq!(hints[0], ("↑↓".to_string(), "muovi"));
        assert_eq!(hints[1], ("←→".to_string(), "apri"));
    }
}

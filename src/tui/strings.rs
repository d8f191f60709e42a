//! Every piece of UI text, in Italian (default) and English.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    It,
    En,
}

/// UI strings for one language.
#[derive(Debug)]
pub struct Strings {
    pub search_placeholder: &'static str,
    pub responsible: &'static str,
    pub name: &'static str,
    pub input: &'static str,
    pub output: &'static str,
    pub activities: &'static str,
    pub structures: &'static str,
    pub path: &'static str,
    pub diagnostics: &'static str,
    pub children: &'static str,
    pub roles_below: &'static str,
    pub inferred: &'static str,
    pub inferred_note: &'static str,
    pub no_responsible: &'static str,
    pub no_matches: &'static str,
    pub line: &'static str,
    pub variant: &'static str,
    pub details: &'static str,
    pub tree: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub status_tree: &'static str,
    pub status_detail: &'static str,
    pub status_narrow: &'static str,
    pub help: &'static [(&'static str, &'static str)],
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::It => &IT,
        Lang::En => &EN,
    }
}

static IT: Strings = Strings {
    search_placeholder: "scrivi per cercare (es. protocollo pec)",
    responsible: "Responsabile",
    name: "Nome",
    input: "Input",
    output: "Output",
    activities: "Attività",
    structures: "Strutture responsabili",
    path: "Percorso",
    diagnostics: "Segnalazioni",
    children: "Sotto-voci",
    roles_below: "Responsabili nelle sotto-voci",
    inferred: "dedotto",
    inferred_note: "Voce non presente nella fonte: dedotta dai codici delle sotto-voci.",
    no_responsible: "nessun responsabile indicato",
    no_matches: "Nessun risultato: Esc cancella la ricerca",
    line: "riga",
    variant: "variante",
    details: "Dettaglio",
    tree: "Processi",
    help_title: "Aiuto · tasti",
    help_close: "un tasto qualsiasi chiude",
    status_tree: "↑↓ muovi  ←→ chiudi/apri  Tab dataset  F6 dettaglio  F1 aiuto  Esc esci",
    status_detail: "↑↓ PgSu/PgGiù scorri  F6 albero  Tab dataset  F1 aiuto  Esc esci",
    status_narrow: "F1 aiuto  Esc esci",
    help: &[
        ("lettere", "cerca (la ricerca è sempre attiva)"),
        ("↑ ↓  Ctrl-P Ctrl-N", "voce precedente / successiva"),
        (
            "PgSu PgGiù",
            "pagina su / giù (scorre il dettaglio se attivo)",
        ),
        ("Home Fine", "prima / ultima voce"),
        ("←", "chiudi la voce o vai alla voce superiore"),
        ("→", "apri la voce o vai alla prima sotto-voce"),
        ("Invio", "apri / chiudi la voce"),
        ("Ctrl-E  Ctrl-X", "apri tutto / chiudi tutto"),
        ("Tab  Shift-Tab", "dataset successivo / precedente"),
        ("F6  Ctrl-O", "passa tra albero e dettaglio"),
        ("Shift-↑ Shift-↓", "scorri il dettaglio"),
        (
            "Backspace Ctrl-W Ctrl-U",
            "cancella carattere / parola / riga",
        ),
        ("Esc", "cancella la ricerca; con ricerca vuota esce"),
        ("Ctrl-C", "esci"),
        ("F1  ?", "questo aiuto (? a ricerca vuota)"),
        (
            "mouse",
            "clic seleziona, clic sul segno apre; rotella scorre",
        ),
    ],
};

static EN: Strings = Strings {
    search_placeholder: "type to search (e.g. protocollo pec)",
    responsible: "Responsible",
    name: "Name",
    input: "Input",
    output: "Output",
    activities: "Activities",
    structures: "Responsible structures",
    path: "Path",
    diagnostics: "Diagnostics",
    children: "Sub-entries",
    roles_below: "Responsible in sub-entries",
    inferred: "inferred",
    inferred_note: "Not in the source: inferred from the codes of its sub-entries.",
    no_responsible: "no responsible given",
    no_matches: "No matches: Esc clears the search",
    line: "line",
    variant: "variant",
    details: "Details",
    tree: "Processes",
    help_title: "Help · keys",
    help_close: "any key closes",
    status_tree: "↑↓ move  ←→ close/open  Tab dataset  F6 details  F1 help  Esc quit",
    status_detail: "↑↓ PgUp/PgDn scroll details  F6 tree  Tab dataset  F1 help  Esc quit",
    status_narrow: "F1 help  Esc quit",
    help: &[
        ("letters", "search (search is always on)"),
        ("↑ ↓  Ctrl-P Ctrl-N", "previous / next entry"),
        ("PgUp PgDn", "page up / down (scrolls details when focused)"),
        ("Home End", "first / last entry"),
        ("←", "close the entry or go to its parent"),
        ("→", "open the entry or go to its first child"),
        ("Enter", "open / close the entry"),
        ("Ctrl-E  Ctrl-X", "open all / close all"),
        ("Tab  Shift-Tab", "next / previous dataset"),
        ("F6  Ctrl-O", "switch between tree and details"),
        ("Shift-↑ Shift-↓", "scroll the details"),
        ("Backspace Ctrl-W Ctrl-U", "delete character / word / line"),
        ("Esc", "clear the search; quits when it is empty"),
        ("Ctrl-C", "quit"),
        ("F1  ?", "this help (? when the search is empty)"),
        (
            "mouse",
            "click selects, click on the marker opens; wheel scrolls",
        ),
    ],
};

//! Every piece of UI text, in Italian (default) and English.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    /// As written in the configuration and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        if code == "en" {
            Lang::En
        } else {
            Lang::It
        }
    }
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
    pub filter_on: &'static str,
    pub copied: &'static str,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub picker_title: &'static str,
    pub entries: &'static str,
    pub review_unavailable: &'static str,
    pub review_read_only: &'static str,
    pub status_now: &'static str,
    pub notes_saved: &'static str,
    pub judgement_saved: &'static str,
    pub motivation_needed: &'static str,
    pub judgement_needed: &'static str,
    pub reviewed: &'static str,
    pub review: &'static str,
    pub notes: &'static str,
    pub notes_help: &'static str,
    pub form_title: &'static str,
    pub form_help: &'static str,
    pub judgement: &'static str,
    pub motivation: &'static str,
    pub status_review: &'static str,
    pub orphans: &'static str,
    pub help_close: &'static str,
    pub status_tree: &'static str,
    pub status_detail: &'static str,
    pub status_narrow: &'static str,
    pub help: &'static [(&'static str, &'static str)],
}

/// What an entry is, in the interface language.
pub fn kind_label(lang: Lang, kind: crate::model::Kind) -> &'static str {
    use crate::model::Kind;
    match lang {
        Lang::It => kind.label(),
        Lang::En => match kind {
            Kind::Funzione => "Institutional function",
            Kind::MacroProcesso => "Macro-process",
            Kind::Processo => "Process",
            Kind::SottoProcesso => "Sub-process",
            Kind::Attivita => "Activity",
            Kind::Azione => "Action",
        },
    }
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
    filter_on: "Filtro responsabile:",
    copied: "Copiato negli appunti:",
    saved: "Salvato",
    save_failed: "Impossibile salvare",
    picker_title: "Responsabili",
    entries: "voci",
    review_unavailable: "Revisione non disponibile: archivio delle note non aperto (vedi --review)",
    review_read_only: "Archivio in sola lettura: le modifiche non vengono salvate",
    status_now: "Stato:",
    notes_saved: "Note salvate",
    judgement_saved: "Giudizio salvato",
    motivation_needed: "Il giudizio richiede una motivazione: scrivila nella riga Motivazione",
    judgement_needed: "Scegli il giudizio complessivo",
    reviewed: "esaminati",
    review: "Revisione",
    notes: "Note",
    notes_help: "Esc chiude e salva · le note si salvano anche da sole",
    form_title: "Valutazione del rischio (PNA 2019)",
    form_help: "↑↓ riga  ←→ livello  Invio motivazione  Esc chiude",
    judgement: "Giudizio complessivo",
    motivation: "Motivazione",
    status_review: "F2 stato  F3 note  F4 rischio  F9 da esaminare  F1 aiuto",
    orphans: "revisioni orfane (voci non più nella mappa): `mappa review orphans` le elenca",
    help_close: "↑↓ PgSu PgGiù scorrono · ogni altro tasto chiude",
    status_tree: "↑↓ muovi  ←→ apri  Tab dataset  ^R responsabili  ^Y copia  F1 aiuto",
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
        ("Esc", "cancella la ricerca, poi il filtro; infine esce"),
        ("Ctrl-R", "filtra per responsabile (ruolo o ufficio)"),
        ("F8", "togli il filtro per responsabile"),
        (
            "Ctrl-Y",
            "copia codice, titolo e responsabile (anche via SSH)",
        ),
        ("Ctrl-S", "salva le voci visibili in un file Markdown"),
        ("F2", "revisione: stato successivo della voce"),
        ("F3", "revisione: note (multi-riga, salvate subito)"),
        ("F4", "revisione: indicatori, giudizio e motivazione"),
        ("F9", "revisione: solo le voci da esaminare"),
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
    filter_on: "Responsible filter:",
    copied: "Copied to the clipboard:",
    saved: "Saved",
    save_failed: "Cannot save",
    picker_title: "Responsible",
    entries: "entries",
    review_unavailable: "Review unavailable: the notes store is not open (see --review)",
    review_read_only: "Read-only store: changes are not saved",
    status_now: "Status:",
    notes_saved: "Notes saved",
    judgement_saved: "Judgement saved",
    motivation_needed: "A judgement needs a motivation: write it in the Motivation row",
    judgement_needed: "Choose the overall judgement",
    reviewed: "reviewed",
    review: "Review",
    notes: "Notes",
    notes_help: "Esc closes and saves · notes also save by themselves",
    form_title: "Risk assessment (PNA 2019)",
    form_help: "↑↓ row  ←→ level  Enter motivation  Esc closes",
    judgement: "Overall judgement",
    motivation: "Motivation",
    status_review: "F2 status  F3 notes  F4 risk  F9 pending  F1 help",
    orphans: "orphaned reviews (entries no longer in the map): `mappa review orphans` lists them",
    help_close: "↑↓ PgUp PgDn scroll · any other key closes",
    status_tree: "↑↓ move  ←→ open  Tab dataset  ^R responsible  ^Y copy  F1 help",
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
        ("Esc", "clear the search, then the filter; then quit"),
        ("Ctrl-R", "filter by responsible (role or office)"),
        ("F8", "remove the responsible filter"),
        (
            "Ctrl-Y",
            "copy code, title and responsible (works over SSH)",
        ),
        ("Ctrl-S", "save the entries in view to a Markdown file"),
        ("F2", "review: next status of the entry"),
        ("F3", "review: notes (multi-line, saved at once)"),
        ("F4", "review: indicators, judgement and motivation"),
        ("F9", "review: only entries not yet reviewed"),
        ("Ctrl-C", "quit"),
        ("F1  ?", "this help (? when the search is empty)"),
        (
            "mouse",
            "click selects, click on the marker opens; wheel scrolls",
        ),
    ],
};

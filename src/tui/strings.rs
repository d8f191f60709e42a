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
    /// Where the names answering for an entry without its own come from.
    pub answer_below: &'static str,
    pub answer_links: &'static str,
    pub answer_links_confirmed: &'static str,
    pub answer_above: &'static str,
    /// The filters in force, in the title bar.
    pub title_party: &'static str,
    pub title_pending: &'static str,
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
    pub form_title: &'static str,
    pub judgement: &'static str,
    pub motivation: &'static str,
    pub orphan: &'static str,
    pub orphans: &'static str,
    pub empty_map: &'static str,
    pub too_small: &'static str,
    pub too_small_open: &'static str,
    pub partial_results: &'static str,
    pub of: &'static str,
    pub query_truncated: &'static str,
    pub waiting_save: &'static str,
    pub notes_autosave: &'static str,
    pub conflict_title: &'static str,
    pub conflict_changed_by: &'static str,
    pub conflict_at: &'static str,
    pub conflict_mine: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_resolved: &'static str,
    pub unsaved: &'static str,
    pub events_title: &'static str,
    pub risk_area: &'static str,
    pub suggested: &'static str,
    pub no_events: &'static str,
    pub waiting_short: &'static str,
    pub remove_question: &'static str,
    pub yes_no: &'static str,
    pub events_suggestions: &'static str,
    pub event_removed: &'static str,
    pub event_added: &'static str,
    pub measures_title: &'static str,
    pub no_measures: &'static str,
    pub to_monitor: &'static str,
    pub overdue: &'static str,
    pub due_by: &'static str,
    pub check_title: &'static str,
    pub new_measure: &'static str,
    pub edit_measure: &'static str,
    pub date_needed: &'static str,
    pub measure_needs: &'static str,
    pub measure_saved: &'static str,
    pub whole_entry: &'static str,
    pub ranking_title: &'static str,
    pub deadlines_title: &'static str,
    pub ranking_header: &'static str,
    pub nothing_recorded: &'static str,
    pub register_area: &'static str,
    pub area_legend: &'static str,
    pub register_events: &'static str,
    pub register_measures: &'static str,
    pub indexing: &'static str,
    /// The status-bar word of the help key (as in the binding table).
    pub help_hint: &'static str,
    /// The office a catalogue entry has through its links.
    pub office_from_links: &'static str,
    /// The role an annex entry has through its links.
    pub role_from_links: &'static str,
    pub links_title: &'static str,
    /// A link only computed, not confirmed by a person.
    pub link_auto: &'static str,
    pub link_confirmed: &'static str,
    pub link_rejected: &'static str,
    pub links_pending: &'static str,
    pub no_link: &'static str,
    /// After a jump: how to go back.
    pub jump_back: &'static str,
    pub link_confirmed_now: &'static str,
    pub link_rejected_now: &'static str,
    /// The picker's mark on an office from the links.
    pub from_links: &'static str,
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
    answer_below: "nelle sotto-voci",
    answer_links: "dai collegamenti (da confermare)",
    answer_links_confirmed: "dai collegamenti (confermati)",
    answer_above: "nella voce superiore",
    title_party: "filtro",
    title_pending: "solo da esaminare (F9)",
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
    form_title: "Valutazione del rischio (PNA 2019)",
    judgement: "Giudizio complessivo",
    motivation: "Motivazione",
    orphan: "revisione orfana (voce non più nella mappa): `mappa review orphans` la mostra",
    orphans: "revisioni orfane (voci non più nella mappa): `mappa review orphans` le elenca",
    empty_map:
        "Mappa vuota: nessuna voce da mostrare (controlla i file dati con mappa check --data FILE)",
    too_small: "Finestra troppo piccola per questa funzione: ingrandiscila",
    too_small_open:
        "Finestra troppo piccola: ingrandiscila, oppure Esc per chiudere (quanto scritto è salvato)",
    partial_results: "Nessun risultato con tutte le parole: risultati parziali",
    of: "di",
    query_truncated: "ricerca troppo lunga: considerati i primi 256 caratteri",
    waiting_save: "in attesa del salvataggio… (l'archivio è occupato da un'altra persona)",
    notes_autosave: "le note si salvano anche da sole",
    conflict_title: "Modifica contemporanea",
    conflict_changed_by: "Mentre scrivevi, il testo è stato cambiato da",
    conflict_at: "il",
    conflict_mine: "Il tuo testo",
    conflict_theirs: "Il testo salvato",
    conflict_resolved: "Scelta registrata (il registro di audit conserva entrambe le versioni)",
    unsaved: "Modifiche non salvate",
    events_title: "Eventi rischiosi",
    risk_area: "Area di rischio:",
    suggested: "proposta dal codice; a per sceglierla",
    no_events: "Nessun evento registrato: n per aggiungerne uno",
    waiting_short: "in attesa di salvataggio",
    remove_question: "Eliminare l'evento",
    yes_no: "s/n",
    events_suggestions:
        "Dal catalogo (↑↓ per scegliere, Invio conferma; oppure scrivi un evento nuovo):",
    event_removed: "Evento eliminato:",
    event_added: "Evento registrato",
    measures_title: "Misure",
    no_measures: "Nessuna misura per questa voce: n per aggiungerne una",
    to_monitor: "da monitorare",
    overdue: "scaduta",
    due_by: "entro il",
    check_title: "Monitoraggio della misura",
    new_measure: "Nuova misura (Ctrl-S salva)",
    edit_measure: "Modifica della misura",
    date_needed: "Serve una data valida (AAAA-MM-GG)",
    measure_needs: "Una misura richiede testo, responsabile e scadenza (AAAA-MM-GG)",
    measure_saved: "Misura registrata",
    whole_entry: "la voce nel suo insieme",
    ranking_title: "Ponderazione: voci valutate in ordine di rischio",
    deadlines_title: "Scadenze delle misure per ufficio",
    ranking_header: "  #  giudizio  alti eventi  voce",
    nothing_recorded: "Nulla di registrato finora",
    register_area: "Area di rischio",
    area_legend: "* aree specifiche delle camere di commercio",
    register_events: "Eventi rischiosi",
    register_measures: "Misure",
    indexing: "indice in costruzione: ordine di mappa",
    help_hint: "aiuto",
    office_from_links: "Ufficio (PTPC 2019)",
    role_from_links: "Ruolo (catalogo)",
    links_title: "Collegamenti con",
    link_auto: "da confermare",
    link_confirmed: "confermato",
    link_rejected: "respinto",
    links_pending: "Collegamenti in calcolo: un attimo",
    no_link: "Nessun collegamento da seguire per questa voce",
    jump_back: "Voce collegata · F7 torna a",
    link_confirmed_now: "Collegamento confermato:",
    link_rejected_now: "Collegamento respinto:",
    from_links: "da collegamenti PTPC 2019",
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
    answer_below: "in the sub-entries",
    answer_links: "from the links (to be confirmed)",
    answer_links_confirmed: "from the links (confirmed)",
    answer_above: "in the entry above",
    title_party: "filter",
    title_pending: "only pending (F9)",
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
    form_title: "Risk assessment (PNA 2019)",
    judgement: "Overall judgement",
    motivation: "Motivation",
    orphan: "orphaned review (entry no longer in the map): `mappa review orphans` shows it",
    orphans: "orphaned reviews (entries no longer in the map): `mappa review orphans` lists them",
    empty_map: "Empty map: no entries to show (check the data files with mappa check --data FILE)",
    too_small: "The window is too small for this: make it larger",
    too_small_open:
        "The window is too small: make it larger, or Esc to close (what was typed is kept)",
    partial_results: "No results with all the words: partial results",
    of: "of",
    query_truncated: "search too long: the first 256 characters are used",
    waiting_save: "waiting to save… (the store is busy with someone else)",
    notes_autosave: "notes also save by themselves",
    conflict_title: "Changed at the same time",
    conflict_changed_by: "While you were typing, the text was changed by",
    conflict_at: "on",
    conflict_mine: "Your text",
    conflict_theirs: "The saved text",
    conflict_resolved: "Choice recorded (the audit log keeps both versions)",
    unsaved: "Unsaved changes",
    events_title: "Risk events",
    risk_area: "Risk area:",
    suggested: "suggested by the code; a to choose it",
    no_events: "No events recorded: n to add one",
    waiting_short: "waiting to be saved",
    remove_question: "Remove event",
    yes_no: "y/n",
    events_suggestions: "From the catalogue (↑↓ to pick, Enter accepts; or type a new event):",
    event_removed: "Event removed:",
    event_added: "Event recorded",
    measures_title: "Measures",
    no_measures: "No measures for this entry: n to add one",
    to_monitor: "to monitor",
    overdue: "overdue",
    due_by: "due",
    check_title: "Monitoring of measure",
    new_measure: "New measure (Ctrl-S saves)",
    edit_measure: "Changing measure",
    date_needed: "A valid date is needed (YYYY-MM-DD)",
    measure_needs: "A measure needs a text, an owner and a due date (YYYY-MM-DD)",
    measure_saved: "Measure recorded",
    whole_entry: "the entry as a whole",
    ranking_title: "Ranking: assessed entries by risk",
    deadlines_title: "Measures due, by office",
    ranking_header: "  #  level     high events  entry",
    nothing_recorded: "Nothing recorded yet",
    register_area: "Risk area",
    area_legend: "* areas specific to chambers of commerce",
    register_events: "Risk events",
    register_measures: "Measures",
    indexing: "index being built: map order",
    help_hint: "help",
    office_from_links: "Office (PTPC 2019)",
    role_from_links: "Role (catalogue)",
    links_title: "Links with",
    link_auto: "to be confirmed",
    link_confirmed: "confirmed",
    link_rejected: "rejected",
    links_pending: "Links being computed: a moment",
    no_link: "No link to follow for this entry",
    jump_back: "Linked entry · F7 goes back to",
    link_confirmed_now: "Link confirmed:",
    link_rejected_now: "Link rejected:",
    from_links: "from PTPC 2019 links",
};

/// A review status in the interface language.
pub fn status_label(lang: Lang, s: crate::review::Status) -> &'static str {
    use crate::review::Status;
    match lang {
        Lang::It => s.label(),
        Lang::En => match s {
            Status::DaEsaminare => "to review",
            Status::InEsame => "under review",
            Status::Esaminato => "reviewed",
            Status::DaApprofondire => "to look into",
        },
    }
}

/// A level of the PNA 2019 scale in the interface language.
pub fn level_label(lang: Lang, l: crate::review::Level) -> &'static str {
    use crate::review::Level;
    match lang {
        Lang::It => l.label(),
        Lang::En => match l {
            Level::Basso => "low",
            Level::Medio => "medium",
            Level::Alto => "high",
        },
    }
}

/// A risk indicator in the interface language.
pub fn indicator_label(lang: Lang, i: crate::review::Indicator) -> &'static str {
    use crate::review::Indicator;
    match lang {
        Lang::It => i.label(),
        Lang::En => match i {
            Indicator::Interesse => "level of external interest",
            Indicator::Discrezionalita => "discretion of the internal decision-maker",
            Indicator::Eventi => "corruption events in the past",
            Indicator::Opacita => "opacity of the decision process",
            Indicator::Collaborazione => "cooperation of the person responsible",
            Indicator::Attuazione => "implementation of treatment measures",
        },
    }
}

/// A monitoring state in the interface language.
pub fn state_label(lang: Lang, s: crate::review::measures::State) -> &'static str {
    use crate::review::measures::State;
    match lang {
        Lang::It => s.label(),
        Lang::En => match s {
            State::Attuata => "implemented",
            State::InCorso => "in progress",
            State::NonAttuata => "not implemented",
            State::NonValutabile => "cannot be assessed",
        },
    }
}

/// The label of a row of the measure forms.
pub fn measure_row_label(lang: Lang, row: crate::tui::overlays::measures::Row) -> &'static str {
    use crate::tui::overlays::measures::Row;
    let (it, en) = match row {
        Row::Text => ("Misura", "Measure"),
        Row::Kind => ("Generale/specif.", "General/specific"),
        Row::Type => ("Tipologia", "Type"),
        Row::Owner => ("Responsabile", "Owner"),
        Row::Due => ("Scadenza", "Due"),
        Row::Indicator => ("Indicatore", "Indicator"),
        Row::Target => ("Valore atteso", "Target"),
        Row::Treats => ("Tratta", "Treats"),
        Row::Date => ("Data", "Date"),
        Row::State => ("Stato", "State"),
        Row::Value => ("Valore rilevato", "Value found"),
        Row::Evidence => ("Evidenza", "Evidence"),
        Row::Note => ("Nota", "Note"),
    };
    match lang {
        Lang::It => it,
        Lang::En => en,
    }
}

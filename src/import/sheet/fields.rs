//! The fields a spreadsheet's columns can hold, and the words offices use
//! to head them: a synonym table read through one normal form (case,
//! accents, punctuation, plurals and little words do not matter).

use crate::model::Kind;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Title,
    Name,
    Input,
    Output,
    Activities,
    Role,
    Area,
    Servizio,
    /// One level of the tree, in a sheet with a column per level.
    Level(Level),
}

/// A level column: named for what it holds, or numbered (LIV1, LIV2, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Funzione,
    MacroProcesso,
    Processo,
    SottoProcesso,
    Attivita,
    Azione,
    Numbered(u8),
}

impl Level {
    /// The kind of the entries of a level column at `depth` (from 1).
    pub fn kind(self, depth: usize) -> Kind {
        match self {
            Level::Funzione => Kind::Funzione,
            Level::MacroProcesso => Kind::MacroProcesso,
            Level::Processo => Kind::Processo,
            Level::SottoProcesso => Kind::SottoProcesso,
            Level::Attivita => Kind::Attivita,
            Level::Azione => Kind::Azione,
            Level::Numbered(_) => match depth {
                1 => Kind::MacroProcesso,
                2 => Kind::Processo,
                3 => Kind::SottoProcesso,
                _ => Kind::Attivita,
            },
        }
    }
}

impl Field {
    /// The field's name in `--columns` and in messages.
    pub fn name(self) -> String {
        match self {
            Field::Code => "code".into(),
            Field::Title => "title".into(),
            Field::Name => "name".into(),
            Field::Input => "input".into(),
            Field::Output => "output".into(),
            Field::Activities => "activities".into(),
            Field::Role => "role".into(),
            Field::Area => "area".into(),
            Field::Servizio => "servizio".into(),
            Field::Level(Level::Funzione) => "funzione".into(),
            Field::Level(Level::MacroProcesso) => "macro-processo".into(),
            Field::Level(Level::Processo) => "processo".into(),
            Field::Level(Level::SottoProcesso) => "sotto-processo".into(),
            Field::Level(Level::Attivita) => "liv-attivita".into(),
            Field::Level(Level::Azione) => "azione".into(),
            Field::Level(Level::Numbered(n)) => format!("liv{n}"),
        }
    }

    pub fn is_level(self) -> bool {
        matches!(self, Field::Level(_))
    }
}

/// What a header's words mean; some words depend on the other columns
/// ("Processo" is a level beside "Macro-processo", the title otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Is(Field),
    /// "Processo": a level in a sheet of level columns, else the title.
    ProcessoOrTitle,
    /// "Attività": a level in a sheet of level columns, else the steps.
    AttivitaOrSteps,
    /// "Azioni": a level in a sheet of level columns, else the steps.
    AzioneOrSteps,
}

/// The synonym table: how offices head each column.
const SYNONYMS: &[(Meaning, &[&str])] = &[
    (
        Meaning::Is(Field::Code),
        &[
            "codice",
            "codifica",
            "codifica unioncamere",
            "cod",
            "cod processo",
            "codice processo",
            "codice attività",
            "codice voce",
            "codice identificativo",
            "identificativo",
            "id",
            "numero",
            "n",
            "nr",
            "num",
            "rif",
            "riferimento",
            "code",
        ],
    ),
    (
        Meaning::Is(Field::Title),
        &[
            "titolo",
            "descrizione",
            "descrizione del processo",
            "denominazione",
            "denominazione del processo",
            "oggetto",
            "voce",
            "title",
            "description",
            "processo descrizione",
            "nome del processo e descrizione",
        ],
    ),
    (
        Meaning::Is(Field::Name),
        &[
            "nome",
            "nome processo",
            "name",
            "denominazione estesa",
            "nome processo attività",
        ],
    ),
    (
        Meaning::Is(Field::Input),
        &[
            "input",
            "ingresso",
            "elementi in ingresso",
            "input del processo",
            "dati in ingresso",
            "avvio",
            "fattori di avvio",
            "evento di avvio",
            "origine",
            "elementi in input",
        ],
    ),
    (
        Meaning::Is(Field::Output),
        &[
            "output",
            "uscita",
            "risultato",
            "risultato atteso",
            "prodotto",
            "esito",
            "output del processo",
            "elementi in uscita",
            "risultati attesi",
        ],
    ),
    (
        Meaning::Is(Field::Activities),
        &[
            "fasi",
            "fasi azioni",
            "fasi attività",
            "fasi del processo",
            "sequenza di attività",
            "elenco attività",
            "descrizione delle fasi",
            "passi",
            "steps",
            "activities",
            "modalità di svolgimento",
            "flusso",
            "iter",
            "procedura",
            "attività svolte",
        ],
    ),
    (Meaning::AttivitaOrSteps, &["attività"]),
    (Meaning::AzioneOrSteps, &["azione"]),
    (
        Meaning::Is(Field::Role),
        &[
            "responsabile",
            "ruolo",
            "ruolo responsabile",
            "responsabile output",
            "responsabile del processo",
            "soggetto responsabile",
            "struttura responsabile",
            "responsabile ruolo",
            "owner",
            "role",
            "responsible",
            "referente",
            "dirigente responsabile",
            "responsabile dell'attività",
        ],
    ),
    (
        Meaning::Is(Field::Area),
        &[
            "area",
            "area dirigenziale",
            "area organizzativa",
            "area responsabile",
            "direzione",
            "dipartimento",
        ],
    ),
    (
        Meaning::Is(Field::Servizio),
        &[
            "servizio",
            "servizio staff",
            "ufficio",
            "ufficio competente",
            "uo",
            "unità organizzativa",
            "unità operativa",
            "settore",
            "struttura",
            "struttura competente",
            "staff",
            "ufficio responsabile",
            "servizio ufficio",
        ],
    ),
    (
        Meaning::Is(Field::Level(Level::Funzione)),
        &["funzione", "funzione istituzionale"],
    ),
    (
        Meaning::Is(Field::Level(Level::MacroProcesso)),
        &["macro processo", "macroprocesso", "macro"],
    ),
    (Meaning::ProcessoOrTitle, &["processo"]),
    (
        Meaning::Is(Field::Level(Level::SottoProcesso)),
        &[
            "sotto processo",
            "sottoprocesso",
            "sub processo",
            "subprocesso",
        ],
    ),
];

/// Words that head a numbered level column: LIV1, Livello 2, Level 3.
const LEVEL_WORDS: &[&str] = &["liv", "livello", "level", "lvl"];

static TABLE: LazyLock<FxHashMap<String, Meaning>> = LazyLock::new(|| {
    let mut t = FxHashMap::default();
    for (meaning, words) in SYNONYMS {
        for w in *words {
            t.insert(normal(w), *meaning);
        }
    }
    t
});

/// The normal form of a header: folded words (no case, no accents, no
/// punctuation), little words left out, each word without its ending
/// (processo, processi → process), initials run together (U.O. → uo).
pub fn normal(text: &str) -> String {
    let words: Vec<String> = crate::text::words(text).collect();
    if words.len() > 1 && words.iter().all(|w| w.chars().count() == 1) {
        return words.concat();
    }
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !crate::text::is_stopword(w))
        .map(|w| ending_off(w))
        .collect();
    kept.join(" ")
}

/// A word without its final vowels (and an English plural s).
fn ending_off(word: &str) -> String {
    let mut w = word;
    if w.len() > 4 && w.ends_with('s') {
        w = &w[..w.len() - 1];
    }
    while w.len() > 3 && w.ends_with(['a', 'e', 'i', 'o', 'u']) {
        w = &w[..w.len() - 1];
    }
    w.to_string()
}

/// The longest header cell looked up.
const MAX_HEADER_BYTES: usize = 300;

/// The most words of a wording in the table (a test holds it).
const MAX_WORDING_WORDS: usize = 8;

/// What a header cell means, if it is one the table knows: its whole
/// wording, or the longest known wording it starts with ("Responsabile
/// output (ruolo)" starts with "responsabile output").
pub fn meaning(header: &str) -> Option<Meaning> {
    // No header is a paragraph: a long cell (a title block's text, say) is
    // not looked up word by word.
    if header.len() > MAX_HEADER_BYTES {
        return None;
    }
    let key = normal(header);
    if key.is_empty() {
        return None;
    }
    if let Some(level) = numbered_level(&key) {
        return Some(Meaning::Is(Field::Level(Level::Numbered(level))));
    }
    if let Some(m) = TABLE.get(&key) {
        return Some(*m);
    }
    let words: Vec<&str> = key.split(' ').collect();
    (1..words.len().min(MAX_WORDING_WORDS + 1))
        .rev()
        .filter(|&n| n > 1 || !WHOLE_ONLY.contains(&words[0]))
        .find_map(|n| TABLE.get(&words[..n].join(" ")).copied())
}

/// Wordings of one word that name their field only as the whole header:
/// at the start of a longer one they mean something else ("Riferimenti
/// normativi" is no code column, "Numero di pratiche" no code, "Procedura
/// informatizzata" no steps), and a wide sheet has many such columns.
const WHOLE_ONLY: &[&str] = &[
    "n",
    "nr",
    "num",
    "numer",
    "rif",
    "riferiment",
    "id",
    "identificativ",
    "origin",
    "prodott",
    "esit",
    "fluss",
    "iter",
    "procedur",
    "pass",
    "voc",
    "macr",
    "uscit",
    "ingress",
];

/// LIV1, "Livello 2", "level 3": the number.
fn numbered_level(key: &str) -> Option<u8> {
    let (word, number) = match key.split_once(' ') {
        Some((w, n)) => (w, n),
        None => {
            let digits = key.find(|c: char| c.is_ascii_digit())?;
            key.split_at(digits)
        }
    };
    let word = LEVEL_WORDS
        .iter()
        .any(|l| ending_off(l) == word || *l == word);
    let n = number
        .parse::<u8>()
        .ok()
        .filter(|&n| (1..=16).contains(&n))?;
    word.then_some(n)
}

/// A field named in `--columns` or a `.mappa.toml`: its English name, an
/// Italian one, or a level (`liv1`, `macro-processo`, ...).
pub fn field_named(name: &str) -> Option<Field> {
    let key = normal(name);
    let english = [
        ("code", Field::Code),
        ("title", Field::Title),
        ("name", Field::Name),
        ("input", Field::Input),
        ("output", Field::Output),
        ("activities", Field::Activities),
        ("steps", Field::Activities),
        ("role", Field::Role),
        ("area", Field::Area),
        ("servizio", Field::Servizio),
        ("ufficio", Field::Servizio),
        ("office", Field::Servizio),
        ("attivita", Field::Activities),
        ("liv attivita", Field::Level(Level::Attivita)),
        ("azione", Field::Level(Level::Azione)),
        ("processo", Field::Level(Level::Processo)),
    ];
    if let Some((_, f)) = english.iter().find(|(n, _)| normal(n) == key) {
        return Some(*f);
    }
    if let Some(n) = numbered_level(&key) {
        return Some(Field::Level(Level::Numbered(n)));
    }
    match TABLE.get(&key)? {
        Meaning::Is(f) => Some(*f),
        Meaning::ProcessoOrTitle => Some(Field::Level(Level::Processo)),
        Meaning::AttivitaOrSteps => Some(Field::Activities),
        Meaning::AzioneOrSteps => Some(Field::Level(Level::Azione)),
    }
}

/// The wordings looked for, for the error about a sheet with no header.
pub fn looked_for() -> String {
    [
        "code (Codice, Codifica)",
        "title (Titolo, Descrizione del processo)",
        "input, output",
        "activities (Fasi/Azioni, Attività)",
        "role (Responsabile, Struttura responsabile)",
        "area, servizio (Ufficio, U.O.)",
        "level columns (Macro-processo, Processo, Sotto-processo, Azione, LIV1…LIV4)",
    ]
    .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(f: Field) -> Option<Meaning> {
        Some(Meaning::Is(f))
    }

    #[test]
    fn no_wording_is_longer_than_the_lookup_goes() {
        assert!(TABLE
            .keys()
            .all(|k| k.split(' ').count() <= MAX_WORDING_WORDS));
        assert!(TABLE.keys().all(|k| k.len() <= MAX_HEADER_BYTES));
        let paragraph = "parola ".repeat(50_000);
        assert_eq!(meaning(&paragraph), None);
    }

    #[test]
    fn some_words_name_a_field_only_as_the_whole_header() {
        for w in WHOLE_ONLY {
            assert!(TABLE.contains_key(*w), "{w} is no wording of the table");
        }
        assert_eq!(meaning("Riferimenti"), is(Field::Code));
        assert_eq!(meaning("Riferimenti normativi"), None);
        assert_eq!(meaning("N. pratiche annue"), None);
        assert_eq!(meaning("Procedura informatizzata"), None);
        assert_eq!(meaning("Codice del processo"), is(Field::Code));
        assert_eq!(meaning("Titolo del processo"), is(Field::Title));
    }

    #[test]
    fn offices_own_words_are_known() {
        assert_eq!(meaning("Codifica"), is(Field::Code));
        assert_eq!(meaning("CODIFICA UNIONCAMERE"), is(Field::Code));
        assert_eq!(meaning("N°"), is(Field::Code));
        assert_eq!(meaning("Descrizione del processo"), is(Field::Title));
        assert_eq!(meaning("DESCRIZIONE DEI PROCESSI"), is(Field::Title));
        assert_eq!(meaning("Fasi/Azioni"), is(Field::Activities));
        assert_eq!(meaning("Struttura responsabile"), is(Field::Role));
        assert_eq!(meaning("Strutture responsabili"), is(Field::Role));
        assert_eq!(meaning("U.O."), is(Field::Servizio));
        assert_eq!(meaning("Servizio/Staff"), is(Field::Servizio));
        assert_eq!(meaning("Area dirigenziale"), is(Field::Area));
        assert_eq!(meaning("Responsabile output (ruolo)"), is(Field::Role));
        assert_eq!(
            meaning("Elementi in ingresso che innescano il processo -input"),
            is(Field::Input)
        );
        assert_eq!(
            meaning("Risultato atteso del processo -output"),
            is(Field::Output)
        );
        assert_eq!(
            meaning("MACRO-PROCESSI"),
            is(Field::Level(Level::MacroProcesso))
        );
        assert_eq!(
            meaning("Sotto-processi"),
            is(Field::Level(Level::SottoProcesso))
        );
        assert_eq!(meaning("PROCESSI"), Some(Meaning::ProcessoOrTitle));
        assert_eq!(meaning("Attività"), Some(Meaning::AttivitaOrSteps));
        assert_eq!(meaning("AZIONI"), Some(Meaning::AzioneOrSteps));
        assert_eq!(meaning("LIV1"), is(Field::Level(Level::Numbered(1))));
        assert_eq!(meaning("Livello 3"), is(Field::Level(Level::Numbered(3))));
        assert_eq!(meaning("Camera di Commercio di Roma"), None);
        assert_eq!(meaning("Mappatura dei processi 2025"), None);
        assert_eq!(meaning(""), None);
    }

    #[test]
    fn columns_are_named_in_english_or_italian() {
        assert_eq!(field_named("code"), Some(Field::Code));
        assert_eq!(field_named("servizio"), Some(Field::Servizio));
        assert_eq!(field_named("Ufficio"), Some(Field::Servizio));
        assert_eq!(field_named("liv2"), Some(Field::Level(Level::Numbered(2))));
        assert_eq!(
            field_named("macro-processo"),
            Some(Field::Level(Level::MacroProcesso))
        );
        assert_eq!(field_named("nonsense"), None);
        for f in [
            Field::Code,
            Field::Level(Level::SottoProcesso),
            Field::Level(Level::Attivita),
            Field::Level(Level::Numbered(4)),
        ] {
            assert_eq!(field_named(&f.name()), Some(f), "{}", f.name());
        }
    }
}

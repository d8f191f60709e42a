//! A synthetic map for the benchmarks: a tree of depth four (macro,
//! process, sub-process, activities) of any size, with words a chamber's
//! map uses; and the same map written as a spreadsheet would hold it.

#![allow(dead_code)]

use mappa::model::{Dataset, Kind, Map, Node};

/// A small deterministic generator (no dependency needed for a bench).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const VERBS: &[&str] = &[
    "Gestione",
    "Rilascio",
    "Predisposizione",
    "Verifica",
    "Istruttoria",
    "Controllo",
    "Iscrizione",
    "Cancellazione",
    "Aggiornamento",
    "Liquidazione",
    "Organizzazione",
    "Monitoraggio",
    "Assistenza",
    "Pubblicazione",
    "Tenuta",
];
const NOUNS: &[&str] = &[
    "contratti",
    "certificati",
    "visure",
    "bilanci",
    "pratiche",
    "domande",
    "registri",
    "elenchi",
    "fatture",
    "ruoli",
    "sanzioni",
    "marchi",
    "brevetti",
    "carte",
    "protesti",
    "contributi",
    "corsi",
    "eventi",
    "iniziative",
    "atti",
];
const TOPICS: &[&str] = &[
    "locazione",
    "pulizia",
    "manutenzione",
    "personale",
    "imprese",
    "consumatori",
    "export",
    "turismo",
    "ambiente",
    "digitale",
    "formazione",
    "innovazione",
    "metrologia",
    "commercio",
    "agricoltura",
    "artigianato",
    "statistica",
];
const ROLES: &[&str] = &[
    "PO Settore",
    "Dirigente Area",
    "Segretario Generale",
    "Operatore incaricato del Settore",
    "Giunta",
    "Conservatore",
];

pub fn synthetic(n: usize) -> Map {
    let mut rng = Lcg(42);
    let mut nodes = Vec::with_capacity(n);
    let mut stack: Vec<(String, u8)> = Vec::new();
    let mut counters = [0u32; 5];
    while nodes.len() < n {
        // Walk a tree of depth 4: macro, process, sub-process, activities.
        let level = if stack.is_empty() {
            1
        } else {
            (stack.last().unwrap().1 + 1).min(4)
        };
        let level = if level == 4 && rng.next().is_multiple_of(6) {
            1 + (rng.next() % 3) as u8
        } else {
            level
        };
        while stack.last().is_some_and(|(_, l)| *l >= level) {
            stack.pop();
        }
        counters[level as usize] += 1;
        for c in counters.iter_mut().skip(level as usize + 1) {
            *c = 0;
        }
        let parent = stack.last().map(|(id, _)| id.clone());
        let code = match &parent {
            Some(p) => format!(
                "{}.{}",
                p.trim_start_matches("syn:"),
                counters[level as usize]
            ),
            None => format!("Z{}", counters[1]),
        };
        let title = format!(
            "{} {} {} {}",
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(TOPICS),
            rng.pick(NOUNS)
        );
        let id = format!("syn:{code}");
        let leaf = level == 4;
        nodes.push(Node {
            dataset: "syn".into(),
            id: id.as_str().into(),
            code: Some(code.as_str().into()),
            raw_code: code.as_str().into(),
            level,
            kind: [
                Kind::MacroProcesso,
                Kind::Processo,
                Kind::SottoProcesso,
                Kind::Attivita,
            ][level as usize - 1],
            variant: 1,
            title: title.as_str().into(),
            name: title.into(),
            input: if leaf {
                format!("Richiesta di {} {}", rng.pick(NOUNS), rng.pick(TOPICS)).into()
            } else {
                Default::default()
            },
            output: if leaf {
                format!("{} {}", rng.pick(VERBS), rng.pick(NOUNS)).into()
            } else {
                Default::default()
            },
            activities: if leaf {
                (0..3)
                    .map(|_| {
                        format!(
                            "{} {} {}",
                            rng.pick(VERBS),
                            rng.pick(NOUNS),
                            rng.pick(TOPICS)
                        )
                        .into()
                    })
                    .collect()
            } else {
                Default::default()
            },
            role: if leaf {
                rng.pick(ROLES).into()
            } else {
                Default::default()
            },
            structures: Default::default(),
            extra: Default::default(),
            parent: parent.as_deref().map(Into::into),
            parent_code: parent.map(|p| p.trim_start_matches("syn:").into()),
            inferred: false,
            line: Some(nodes.len() as u32 + 1),
            diagnostics: Vec::new(),
        });
        stack.push((id, level));
    }
    Map {
        datasets: vec![Dataset {
            id: "syn".into(),
            title: "synthetic".into(),
            source: "bench".into(),
            nodes,
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }],
    }
}

/// The header of [`write_rows`]: the words of an office's own table.
pub const HEADER: [&str; 7] = [
    "Codifica",
    "Descrizione del processo",
    "Input",
    "Output",
    "Fasi/Azioni",
    "Struttura responsabile",
    "U.O.",
];

/// Each entry of `map` as a row of a spreadsheet with codes in a column:
/// code, title, input, output, the steps one per line, role, office.
pub fn rows(map: &Map) -> impl Iterator<Item = [String; 7]> + '_ {
    map.nodes().map(|n| {
        [
            n.code.as_deref().map(written_code).unwrap_or_default(),
            n.title.to_string(),
            n.input.to_string(),
            n.output.to_string(),
            n.activities
                .list()
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{}. {a}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
            n.role.to_string(),
            if n.role.is_empty() {
                String::new()
            } else {
                format!("Ufficio {}", n.role)
            },
        ]
    })
}

/// A synthetic code as a document writes it: the generator numbers its
/// macro-processes Z1, Z2, ... into the thousands, and a written code has
/// at most three digits a segment, so Z1000 is written B1, and so on
/// (A1..A999, B1..B999, ...).
fn written_code(code: &str) -> String {
    let rest = code.trim_start_matches('Z');
    let (first, tail) = rest.split_once('.').map_or((rest, ""), |(a, b)| (a, b));
    let n: usize = first.parse().unwrap_or(1);
    let letter = (b'A' + ((n - 1) / 999) as u8) as char;
    let number = (n - 1) % 999 + 1;
    if tail.is_empty() {
        format!("{letter}{number}")
    } else {
        format!("{letter}{number}.{tail}")
    }
}

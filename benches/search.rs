//! One keystroke in the search box: the query grows by one character and is
//! ranked again, earlier words coming from the index's cache as they do
//! while typing. On the seeds and on synthetic maps of 10,000 and 100,000
//! entries. And a pasted query of 3,000 characters and of 100 KB, from
//! nothing (goal: under a second; the cap makes it far less).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::builtin;
use mappa::model::{Dataset, Kind, Map, Node};
use mappa::search::SearchIndex;

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

fn synthetic(n: usize) -> Map {
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
            id: id.clone(),
            code: Some(code.clone()),
            raw_code: code.clone(),
            level,
            kind: [
                Kind::MacroProcesso,
                Kind::Processo,
                Kind::SottoProcesso,
                Kind::Attivita,
            ][level as usize - 1],
            variant: 1,
            title: title.clone(),
            name: title,
            input: if leaf {
                format!("Richiesta di {} {}", rng.pick(NOUNS), rng.pick(TOPICS))
            } else {
                String::new()
            },
            output: if leaf {
                format!("{} {}", rng.pick(VERBS), rng.pick(NOUNS))
            } else {
                String::new()
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
                    })
                    .collect()
            } else {
                Vec::new()
            },
            role: if leaf {
                rng.pick(ROLES).to_string()
            } else {
                String::new()
            },
            structures: Vec::new(),
            parent: parent.clone(),
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
        }],
    }
}

fn keystroke(c: &mut Criterion, name: &str, map: &Map, before: &str, after: &str) {
    let mut index = SearchIndex::new(map);
    index.search(before, None);
    let last = after.split_whitespace().last().unwrap().to_string();
    // Each timed search follows the shorter query, as in typing: the
    // earlier words are cached, the last one is new.
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                index.search(before, None);
                index.forget(&last);
                let start = std::time::Instant::now();
                black_box(index.search(after, None).hits.len());
                total += start.elapsed();
            }
            total
        })
    });
}

/// Text pasted into the search box: the seeds' own activities, repeated
/// up to `len` characters (real words, so the words that are read match).
fn pasted_text(map: &Map, len: usize) -> String {
    let text: String = map
        .nodes()
        .flat_map(|n| n.activities.iter())
        .map(|a| a.as_ref())
        .collect::<Vec<&str>>()
        .join(" ");
    text.chars().cycle().take(len).collect()
}

fn pasted(c: &mut Criterion, map: &Map, len: usize, name: &str) {
    let query = pasted_text(map, len);
    let mut index = SearchIndex::new(map);
    c.bench_function(name, |b| {
        b.iter(|| {
            // From nothing: no cached words, no previous query to narrow.
            index.reset();
            black_box(index.search(&query, None).hits.len())
        })
    });
}

fn search(c: &mut Criterion) {
    let seeds = builtin();
    keystroke(
        c,
        "keystroke seeds: 'contratti loca' -> 'contratti locaz'",
        &seeds,
        "contratti loca",
        "contratti locaz",
    );
    keystroke(
        c,
        "keystroke seeds: 'pulizi' -> 'pulizie'",
        &seeds,
        "pulizi",
        "pulizie",
    );
    let k10 = synthetic(10_000);
    keystroke(
        c,
        "keystroke 10k: 'gestione contr' -> 'gestione contra'",
        &k10,
        "gestione contr",
        "gestione contra",
    );
    let k100 = synthetic(100_000);
    keystroke(
        c,
        "keystroke 100k: 'gestione contr' -> 'gestione contra'",
        &k100,
        "gestione contr",
        "gestione contra",
    );
    keystroke(c, "keystroke 100k: 'vis' -> 'visu'", &k100, "vis", "visu");
    pasted(c, &seeds, 3_000, "query of 3,000 characters, seeds");
    pasted(c, &seeds, 100_000, "query of 100 KB, seeds");
    c.bench_function("build index 100k", |b| {
        b.iter(|| SearchIndex::new(black_box(&k100)).len())
    });
}

criterion_group!(benches, search);
criterion_main!(benches);

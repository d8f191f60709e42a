//! A new version of the catalogo, made in code from the seed: each kind of
//! change `mappa diff` reports, once, and what it must report for each.
//! Shared by the diff's tests and its benchmark (`benches/diff.rs`).

#![allow(dead_code)]

use mappa::model::{Dataset, Node, Text};

/// What the diff must say about one edit: the kind, the old and new
/// entries (by id) and the fields edited, as `mappa diff --json` writes
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub kind: &'static str,
    pub old: Vec<String>,
    pub new: Vec<String>,
    pub fields: Vec<&'static str>,
    /// Whether the change gives a reason (a code that names another
    /// process).
    pub reason: bool,
}

fn expect(
    kind: &'static str,
    old: &[&str],
    new: &[&str],
    fields: &[&'static str],
    reason: bool,
) -> Expected {
    let ids = |codes: &[&str]| codes.iter().map(|c| format!("catalogo:{c}")).collect();
    Expected {
        kind,
        old: ids(old),
        new: ids(new),
        fields: fields.to_vec(),
        reason,
    }
}

/// The new version of `catalogo` (the seed's dataset) and what the diff
/// from the seed to it must report; every entry these do not name is
/// untouched and must be `same`.
pub fn edited(catalogo: &Dataset) -> (Dataset, Vec<Expected>) {
    let mut new = catalogo.clone();
    let mut expected = Vec::new();

    // A renumbered process: A2.4 becomes A2.7, with everything below it.
    let renumbered: Vec<String> = new
        .nodes
        .iter()
        .filter_map(|n| n.code.as_deref().filter(|c| under(c, "A2.4")))
        .map(String::from)
        .collect();
    assert_eq!(renumbered.len(), 5, "A2.4, A2.4.1 and its three activities");
    let renumber = |t: &str| t.replacen("A2.4", "A2.7", 1);
    for n in new.nodes.iter_mut() {
        if !n.code.as_deref().is_some_and(|c| under(c, "A2.4")) {
            continue;
        }
        n.id = renumber(&n.id).into();
        n.raw_code = renumber(&n.raw_code).into();
        n.code = n.code.as_deref().map(|c| renumber(c).into());
        if n.parent_code.as_deref().is_some_and(|c| under(c, "A2.4")) {
            n.parent = n.parent.as_deref().map(|p| renumber(p).into());
            n.parent_code = n.parent_code.as_deref().map(|c| renumber(c).into());
        }
    }
    for code in &renumbered {
        let to = code.replace("A2.4", "A2.7");
        expected.push(expect("moved", &[code], &[&to], &["code"], false));
    }

    // A renamed entry.
    let n = node(&mut new, "A1.1.1.1");
    n.title = "Relazione previsionale e programmatica annuale".into();
    n.name = n.title.clone();
    expected.push(expect(
        "renamed",
        &["A1.1.1.1"],
        &["A1.1.1.1"],
        &["title", "name"],
        false,
    ));

    // Edited inputs.
    let n = node(&mut new, "A2.3.1.1");
    n.input = format!("{} e da PEC istituzionale", n.input).into();
    expected.push(expect(
        "changed",
        &["A2.3.1.1"],
        &["A2.3.1.1"],
        &["input"],
        false,
    ));

    // A split: the Piano della Performance and, apart, its Albero.
    let n = node(&mut new, "A1.1.1.3");
    n.title = "Piano della Performance".into();
    n.name = n.title.clone();
    let part = Node {
        title: "Progettazione dell'Albero della performance e dei relativi obiettivi/indicatori"
            .into(),
        output: "Albero della performance con obiettivi e indicatori".into(),
        activities: vec![
            "Progettazione dell'Albero della performance".into(),
            "Definizione degli obiettivi e dei relativi indicatori".into(),
        ]
        .into(),
        ..n.clone()
    };
    insert_after(&mut new, "A1.1.1.7~2", recoded(part, "A1.1.1.8"));
    expected.push(expect(
        "split",
        &["A1.1.1.3"],
        &["A1.1.1.3", "A1.1.1.8"],
        &[],
        false,
    ));

    // A merge: the two reports of Rendicontazione become one.
    let gone = take(&mut new, "A1.1.3.5");
    let n = node(&mut new, "A1.1.3.3");
    n.title = "Relazione sulla performance e relazione sugli esuberanti".into();
    n.name = n.title.clone();
    n.input = format!("{}; {}", n.input, gone.input).into();
    n.output = format!("{}; {}", n.output, gone.output).into();
    n.activities.extend(gone.activities.list().iter().cloned());
    expected.push(expect(
        "merged",
        &["A1.1.3.3", "A1.1.3.5"],
        &["A1.1.3.3"],
        &[],
        false,
    ));

    // A removed entry and an added one.
    take(&mut new, "A2.1.2.4");
    expected.push(expect("removed", &["A2.1.2.4"], &[], &[], false));
    let added = Node {
        title: "Gestione del lavoro agile".into(),
        name: "Gestione del lavoro agile".into(),
        input: "Domanda del dipendente di svolgere la prestazione in modalità agile".into(),
        output: "Accordo individuale di lavoro agile".into(),
        activities: vec![
            "Verifica della compatibilità delle mansioni".into(),
            "Sottoscrizione dell'accordo individuale".into(),
        ]
        .into(),
        ..node(&mut new, "B1.1.2.4").clone()
    };
    insert_after(&mut new, "B1.1.2.4", recoded(added, "B1.1.2.5"));
    expected.push(expect("added", &[], &["B1.1.2.5"], &[], false));

    // A code reused for another process: the old one gone...
    let n = node(&mut new, "A3.1.1.5");
    n.title = "Gestione dei canali di messaggistica istantanea".into();
    n.name = n.title.clone();
    n.input = "Attivazione di un nuovo canale di contatto con l'utenza".into();
    n.output = "Canale attivo e presidiato".into();
    n.activities = vec![
        "Configurazione del canale".into(),
        "Presidio quotidiano delle conversazioni".into(),
    ]
    .into();
    expected.push(expect("removed", &["A3.1.1.5"], &[], &[], true));
    expected.push(expect("added", &[], &["A3.1.1.5"], &[], true));

    // ... and the old one moved to another code.
    let magazzino = take(&mut new, "B2.1.1.6");
    insert_after(&mut new, "B2.1.1.7", recoded(magazzino.clone(), "B2.1.1.9"));
    let parco = Node {
        title: "Gestione del parco auto".into(),
        name: "Gestione del parco auto".into(),
        input: "Esigenza di spostamento per servizio".into(),
        output: "Autovettura assegnata, scadenze di bollo e revisione rispettate".into(),
        activities: vec![
            "Prenotazione dell'autovettura".into(),
            "Tenuta del registro dei chilometri percorsi".into(),
        ]
        .into(),
        ..magazzino
    };
    insert_after(&mut new, "B2.1.1.5", parco);
    expected.push(expect(
        "moved",
        &["B2.1.1.6"],
        &["B2.1.1.9"],
        &["code"],
        true,
    ));
    expected.push(expect("added", &[], &["B2.1.1.6"], &[], true));

    mappa::import::validate::sound(&new).expect("the new version is a sound tree");
    (new, expected)
}

/// Whether `code` is `top` or below it.
fn under(code: &str, top: &str) -> bool {
    code == top || code.strip_prefix(top).is_some_and(|r| r.starts_with('.'))
}

fn position(ds: &Dataset, id: &str) -> usize {
    let id = format!("catalogo:{id}");
    ds.nodes
        .iter()
        .position(|n| n.id == id)
        .unwrap_or_else(|| panic!("{id} is in the catalogo"))
}

fn node<'a>(ds: &'a mut Dataset, id: &str) -> &'a mut Node {
    let at = position(ds, id);
    &mut ds.nodes[at]
}

fn take(ds: &mut Dataset, id: &str) -> Node {
    let at = position(ds, id);
    ds.nodes.remove(at)
}

fn insert_after(ds: &mut Dataset, id: &str, node: Node) {
    let at = position(ds, id);
    ds.nodes.insert(at + 1, node);
}

/// `node` under another code of the same parent.
fn recoded(mut node: Node, code: &str) -> Node {
    node.id = format!("catalogo:{code}").into();
    node.code = Some(code.into());
    node.raw_code = Text::from(code);
    node.variant = 1;
    node.line = None;
    node.diagnostics.clear();
    node
}

/// `ds` repeated `times` times, each copy's codes moved up by 100 in their
/// first number (A1 → A101, A201, ...) and its ids made unique: a map of
/// realistic codes `times` the size, the same texts many times over.
pub fn repeated(ds: &Dataset, times: usize) -> Dataset {
    let mut out = ds.clone();
    out.nodes.clear();
    out.diagnostics.clear();
    let shift = |code: &str, copy: usize| -> String {
        let mut chars = code.chars();
        let letter = chars.next().unwrap_or('A');
        let rest = chars.as_str();
        let (first, tail) = rest.split_once('.').map_or((rest, ""), |(a, b)| (a, b));
        match first.parse::<usize>() {
            Ok(n) if copy > 0 => {
                let n = n + 100 * copy;
                if tail.is_empty() {
                    format!("{letter}{n}")
                } else {
                    format!("{letter}{n}.{tail}")
                }
            }
            _ => code.to_string(),
        }
    };
    for copy in 0..times {
        for n in &ds.nodes {
            let mut n = n.clone();
            n.id = format!("{}#{copy}", n.id).into();
            n.parent = n.parent.map(|p| format!("{p}#{copy}").into());
            n.code = n.code.map(|c| shift(&c, copy).into());
            n.parent_code = n.parent_code.map(|c| shift(&c, copy).into());
            n.raw_code = shift(&n.raw_code, copy).into();
            out.nodes.push(n);
        }
    }
    out
}

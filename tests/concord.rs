//! The concordance against pairs established by reading both seed maps:
//! for each catalogo entry, the ptpc2019 entries that describe the same
//! work (any of them is a right answer), or none. The test prints precision
//! and recall of the best link with every miss, and fails below 85 %
//! precision. Run with `--nocapture` to see the figures.

use mappa::concord::{Concordance, LinkStatus, Tuning};
use mappa::import::builtin;
use mappa::model::{Dataset, Map};
use mappa::text::fold;

/// (catalogo entry, ptpc2019 entries that are right answers, why).
///
/// The catalogo entry is an id without the dataset (`A1.3.2.1~2` is the
/// second variant). A ptpc2019 entry is a code (a sub-process, `~2` for a
/// variant) or the beginning of an action's title; a title that several
/// actions share stands for all of them. An empty list means the catalogo
/// entry has no counterpart in the 2019 annex and must stay unmatched.
#[rustfmt::skip]
const PAIRS: &[(&str, &[&str], &str)] = &[
    // Planning and performance (catalogo A1.1, ptpc A1.1 / A2.1).
    ("A1.1.1.1", &["Redazione relazione Previsionale Programmatica"], "the RPP under both names"),
    ("A1.1.1.2", &["Predisposizione bilancio preventivo", "Aggiornamento del preventivo"], "the budget forecast and its updates"),
    ("A1.1.1.3", &["Elaborazione Piano delle performance"], "the performance plan"),
    ("A1.1.1.4", &["Definizione e assegnazione del budget"], "same title"),
    ("A1.1.1.5", &["Sistema di misurazione e valutazione"], "the measurement and evaluation system (SMVP)"),
    ("A1.1.1.6", &["Programmazione triennale della formazione/Piano occupazionale"], "the staffing plan sits in that combined action"),
    ("A1.1.1.7", &["Programma Pluriennale"], "variant 1 is the multi-year mandate programme"),
    ("A1.1.3.3", &["Predisposizione e validazione della relazione sulla Performance"], "the performance report"),
    ("A1.1.3.5", &["Programmazione triennale della formazione/Piano occupazionale"], "the same action names the report on surplus staff"),
    ("A1.1.4.1", &["Gestione dell'OIV", "Sistema di misurazione e valutazione"], "the permanent technical structure measures performance for the OIV"),
    ("A1.1.2.6", &[], "support to the board of auditors: the annex has nothing on it"),
    // Compliance and organisation (catalogo A1.2, A1.3).
    ("A1.2.1.1", &["Definizione Programma triennale per la trasparenza"], "the transparency programme, now part of the plan"),
    ("A1.2.1.2", &[], "the anti-corruption officer's report is not in the 2019 annex"),
    ("A1.2.1.4", &[], "the staff code of conduct; the annex only has business codes of conduct (C2.7.3)"),
    ("A1.2.2.1", &["Gestione degli adempimenti previsti dal D. Lgs. 81/2008"], "workplace safety, D.Lgs. 81/2008"),
    ("A1.3.2.1", &["Sistemi di valutazione: Performance individuale"], "individual performance evaluation"),
    ("A1.3.2.1~2", &["Sistemi di valutazione: Progressioni orizzontali"], "variant 2 is about economic progressions"),
    ("A1.3.2.2", &["Definizione fabbisogni formativi"], "same title"),
    ("A1.3.2.4", &[], "organisational well-being: not in the annex"),
    // Organs, legal, documents, statistics (catalogo A2).
    ("A2.1.1.1", &["Gestione degli organi istituzionali"], "same title"),
    ("A2.1.1.3", &["Rinnovo organi"], "renewal of the organs"),
    ("A2.1.2.1", &["Gestione delle partecipazioni"], "shareholdings"),
    ("A2.1.2.2", &["Gestione dei contatti con le Associazioni"], "same title"),
    ("A2.1.2.3", &[], "honours and awards, not the prize competitions of C2.7.5"),
    ("A2.1.2.4", &[], "historical events and patronage: not in the annex"),
    ("A2.1.3.2", &["Consulenza legale agli organi"], "legal advice to the organs and offices"),
    ("A2.1.3.4", &["Gestione delle problematiche concernenti le rivendicazioni"], "disputes with (former) employees"),
    ("A2.1.3.5", &["Produzione di atti legali"], "legal acts to recover credits"),
    ("A2.3.1.1", &["Protocollo informatico documenti"], "the electronic register of correspondence"),
    ("A2.3.2.1", &["Affrancatura e spedizione"], "franking and dispatch, worded differently"),
    ("A2.3.2.2", &["Archiviazione cartacea"], "the paper archive and its weeding"),
    ("A2.3.2.3", &["Conservazione sostitutiva", "Archiviazione ottica dei documenti", "A2.3.2"], "digital preservation"),
    ("A2.4.1", &["D1.1.2"], "sub-process with the same title"),
    ("A2.4.1.2", &["Rilevazioni statistiche per altri committenti"], "surveys for other clients"),
    ("A2.4.1.3", &["Gestione Banche dati statistico-economiche"], "same title"),
    // Communication (catalogo A3).
    ("A3.1.1.1", &["Predisposizione newsletter"], "the newsletter"),
    ("A3.1.1.2", &["Informazioni agli utenti (URP)"], "the public relations desk (URP)"),
    ("A3.1.1.4", &["Gestione siti web", "Pubblicazioni nell'albo camerale"], "the web site, including the on-line notice board"),
    ("A3.1.1.5", &[], "multimedia productions: not in the annex"),
    ("A3.1.1.6", &["Rassegna stampa", "Gestione conferenze stampa", "Predisposizione comunicati stampa"], "press relations"),
    ("A3.1.1.7", &[], "graphics and printed matter: not in the annex"),
    ("A3.1.3", &["A3.1.3"], "internal communication, the sub-process"),
    ("A3.1.3.1", &["Gestione intranet", "Pubblicazione house organ"], "intranet and house organ"),
    // Staff (catalogo B1).
    ("B1.1.1.1", &["Procedure di assunzione"], "same title"),
    ("B1.1.1.2", &["Assegnazione e rinnovo incarichi dirigenziali"], "managerial appointments"),
    ("B1.1.1.3", &["Attivazione forme di lavoro flessibili"], "flexible work and trainees"),
    ("B1.1.2", &["B1.1.2"], "legal treatment of staff, the sub-process"),
    ("B1.1.2.1", &["Tenuta fascicoli personali", "Procedimenti concernenti status"], "personal files and status"),
    ("B1.1.2.1~2", &["Procedimenti concernenti status", "Tenuta fascicoli personali"], "leave under law 104/92 is a status procedure"),
    ("B1.1.2.2", &["Procedimenti disciplinari"], "same title"),
    ("B1.1.2.3", &["Determinazione trattamenti accessori"], "same title"),
    ("B1.1.2.4", &["Gestione dei rapporti tra la CCIAA e le Rappresentanze"], "trade unions"),
    ("B1.1.3", &["B1.1.3"], "economic treatment of staff, the sub-process"),
    ("B1.1.3.1", &["Gestione giornaliera e mensile delle presenze"], "attendance"),
    ("B1.1.3.2", &["Gestione malattie"], "sick leave"),
    ("B1.1.3.3", &["Gestione buoni mensa"], "meal vouchers"),
    ("B1.1.3.4", &["Gestione missioni"], "travel refunds"),
    ("B1.1.3.5", &["Gestione economica del personale"], "pay"),
    ("B1.1.3.6", &["Liquidazione dei gettoni di presenza", "Gettoni di Presenza Organi"], "attendance fees of the organs"),
    ("B1.1.3.7", &["Gestione adempimenti fiscali/previdenziali"], "tax and social security"),
    ("B1.1.3.8", &["Gestione pensionistica"], "pensions"),
    // Purchases, assets, services (catalogo B2).
    ("B2.1.1.1", &["Gestione Albo fornitori"], "the suppliers' list"),
    ("B2.1.1.4", &["Operazioni di collaudo sulle forniture"], "acceptance tests"),
    ("B2.1.1.6", &["Gestione del magazzino"], "the store room"),
    ("B2.1.1.7", &["Acquisti effettuati con cassa economale"], "petty-cash purchases"),
    ("B2.2.1.1", &["Tenuta inventario"], "the inventory"),
    ("B2.2.1.2", &[], "lease contracts: not in the annex"),
    ("B2.2.2.1", &["Gestione della manutenzione dei beni immobili"], "building maintenance"),
    ("B2.2.2.2", &["Gestione e manutenzione hardware/software", "Gestione della rete informatica"], "hardware, software and network"),
    ("B2.2.2.3", &["Esecuzione contratti di pulizia"], "cleaning and surveillance"),
    ("B2.2.2.4", &["Gestione centralino", "Gestione reception", "B2.2.3"], "switchboard and reception"),
    ("B2.2.2.5", &["Gestione degli automezzi"], "the car fleet"),
    ("B2.2.2.6", &["B2.2.5"], "auxiliary services (its one action is misplaced in the source)"),
    // Annual fee, accounts, treasury (catalogo B3).
    ("B3.1.1.1", &["Esazione del diritto annuale"], "collecting the annual fee"),
    ("B3.1.1.2", &["Predisposizione notifica atti"], "same title"),
    ("B3.1.1.3", &["Gestione dei ruoli esattoriali"], "same title (twice in the annex)"),
    ("B3.1.1.6", &["Ricorsi giurisdizionali"], "tax court appeals"),
    ("B3.2.1", &["B3.2.1"], "accounting, the sub-process (variant 1)"),
    ("B3.2.1.4", &["Gestione incassi e reversali", "Liquidazione, ordinazione e pagamento"], "payment and collection orders"),
    ("B3.2.1.5", &["Gestione cassa interna"], "the internal cash desk, art. 44 DPR 254/05"),
    ("B3.2.1.6", &["Rilevazione dei dati contabili"], "accounting entries"),
    ("B3.2.1.7", &["Gestione fiscale tributaria"], "same title"),
    ("B3.2.2.1", &["Gestione conti correnti bancari"], "bank accounts"),
    ("B3.2.2.2", &["Gestione conti correnti postali"], "postal accounts"),
    ("B3.2.2.3", &["Gestione cassa (ex art. 42"], "cash operations, art. 42"),
    ("B3.2.2.3.1", &[], "accounts sent to the Corte dei conti: not in the annex"),
    // Business register (catalogo C1.1, C1.2).
    ("C1.1.1.1", &["Iscrizione/modifica/cancellazione (su istanza)", "C1.1.1"], "filings at the register"),
    ("C1.1.1.2", &["Deposito bilanci ed elenco soci", "C1.1.5"], "filing of annual accounts"),
    ("C1.1.1.3", &["Verifica di legittimità", "Controllo a campione delle autocertificazioni"], "checks of the requirements and sample checks of self-declarations"),
    ("C1.1.2.2", &["Esame di idoneità abilitanti", "C1.1.8"], "qualifying exams (estate agents)"),
    ("C1.1.4.1", &["Rilascio visure delle imprese", "Rilascio copie atti societari", "Rilascio certificazioni relative ad albi", "Rilascio copie bilanci", "Elaborazione elenchi di imprese", "Rilascio nullaosta", "C1.1.6"], "certificates and extracts at the desk"),
    ("C1.1.4.2", &["Bollatura di libri"], "stamping of books"),
    ("C1.1.6.2", &[], "access to register data by the police: not in the annex"),
    ("C1.1.7.1", &["Accertamento violazioni amministrative", "C1.1.4"], "same title"),
    ("C1.1.7.1.1", &["Iscrizione d'ufficio", "Cancellazione d'ufficio", "C1.1.2", "C1.1.3"], "entries made by the office"),
    ("C1.2.1.1", &["Gestione del SUAP", "C1.3.1"], "the one-stop shop (SUAP)"),
    ("C1.2.3.1", &[], "the electronic company file: not in the annex"),
    // Market regulation (catalogo C2).
    ("C2.2.1.1", &["Pubblicazione raccolta usi e consuetudini", "Predisposizione e promozione di contratti tipo", "C2.7.3"], "trade customs and model contracts"),
    ("C2.2.3.1", &["Concorsi a premi", "C2.7.5"], "prize competitions"),
    ("C2.3.2.1", &["Vigilanza sulla conformità alla disciplina", "C2.7.1"], "product safety surveillance"),
    ("C2.4.1.1", &["Emissione ordinanze di ingiunzione", "Emissione ordinanze di archiviazione", "C2.8.1"], "sanction orders"),
    ("C2.4.1.3", &["Predisposizione dei ruoli", "C2.8.2"], "rolls of the sanctions"),
    ("C2.4.1.3~2", &["Gestione contenziosi contro l'accertamento", "C2.8.2"], "disputes about sanctions"),
    ("C2.4.1.3~3", &["Gestione istanze di sgravio", "C2.8.2"], "relief requests on sanctions"),
    ("C2.5.3.2", &["Tenuta Registri/Elenchi: assegnatari"], "hallmarks of precious metals"),
    ("C2.6.1.1", &["Cancellazione dall'Elenco Protesti", "C2.1.1"], "cancelling protests"),
    ("C2.6.2.1", &["Pubblicazione dell'Elenco Ufficiale dei protesti", "C2.1.2"], "publishing protests"),
    ("C2.6.3.1", &["Rilascio visure e certificazioni relative alla sussistenza di protesti"], "same title"),
    ("C2.8.1.1", &["Gestione Borsa merci e sale", "C2.3.2"], "the commodity exchange"),
    ("C2.8.2.2", &["Gestione listini prezzi"], "price lists (building works)"),
    ("C2.10.1.1", &["Deposito domande di marchi", "C2.2.1"], "filing trademarks and patents"),
    ("C2.10.2.1", &["Rilascio attestati dei marchi", "C2.2.2"], "same title"),
    ("C2.10.4.1", &["Gestione del PIP/PATLIB", "C2.2.3"], "the PATLIB centre"),
    // Promotion, digital, tourism, work, environment (catalogo D, E, F).
    ("D1.1.1.6", &["Progettazione, realizzazione/ partecipazione a missioni commerciali"], "fairs abroad"),
    ("D1.2.1.1", &["Rilascio certificati di origine", "Rilascio carnet ATA", "Rilascio vidimazione su fatture", "Rilascio/convallida codice meccanografico", "Rilascio certificato di libera vendita", "C1.5.1"], "export documents"),
    ("D2.1.1.1", &[], "the digital enterprise point (PID) postdates the annex"),
    ("D2.2.1.1", &["Rilascio dei dispositivi di firma digitale", "C1.4.1"], "digital signature devices"),
    ("D2.2.2", &["Rilascio delle carte tachigrafiche"], "tachograph cards, the sub-process"),
    ("D2.2.2.1", &["Rilascio delle carte tachigrafiche"], "tachograph cards (must hold)"),
    ("D3.1.3", &["D1.3.5"], "promoting the territory and tourism (must hold)"),
    ("D4.1.1.1", &["Orientamento al lavoro"], "school-to-work transition"),
    ("D5.2.1.1", &["Iscrizione/modifica/cancellazione/revisione all'Albo Nazionale Gestori", "C1.2.1"], "the environmental operators' register"),
    ("D5.3.1.1", &["Iscrizione/modifica/cancellazione nel Registro Nazionale dei produttori di pile", "Iscrizione Registro Nazionale dei Produttori di apparecchiature", "C2.4.1"], "battery and electrical equipment registers"),
    ("E1.1.1.1", &[], "the PID projects on the 20% fee increase postdate the annex"),
    ("F1.1.1.1", &["Gestione della concessione in uso delle sale"], "renting out rooms"),
];

const PRECISION_FLOOR: f64 = 0.85;

fn index(map: &Map, id: &str) -> usize {
    map.datasets.iter().position(|d| d.id == id).expect(id)
}

/// The catalogo node with id `catalogo:{id}`.
fn catalogo_node(ds: &Dataset, id: &str) -> usize {
    let full = format!("catalogo:{id}");
    ds.nodes
        .iter()
        .position(|n| n.id == full)
        .unwrap_or_else(|| panic!("no catalogo entry {id}"))
}

/// The ptpc2019 nodes a target names: the node with that code (id), or
/// every action whose title begins with it.
fn ptpc_nodes(ds: &Dataset, target: &str) -> Vec<usize> {
    let id = format!("ptpc2019:{target}");
    if let Some(i) = ds.nodes.iter().position(|n| n.id == id) {
        return vec![i];
    }
    let prefix = fold(target);
    let found: Vec<usize> = ds
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.code.is_none() && fold(&n.title).starts_with(&prefix))
        .map(|(i, _)| i)
        .collect();
    assert!(!found.is_empty(), "no ptpc2019 entry {target:?}");
    found
}

fn describe(ds: &Dataset, node: usize) -> String {
    let n = &ds.nodes[node];
    let title: String = n.title.chars().take(70).collect();
    format!("{} {title}", n.code.as_deref().unwrap_or("·"))
}

/// Precision and recall of the best link on [`PAIRS`], with the misses.
struct Report {
    precision: f64,
    recall: f64,
    pairs: usize,
    positives: usize,
    misses: Vec<String>,
}

fn evaluate(map: &Map, concordance: &Concordance) -> Report {
    let (cat, ptpc) = (index(map, "catalogo"), index(map, "ptpc2019"));
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    let (mut tp, mut fp, mut positives) = (0, 0, 0);
    let mut misses = Vec::new();
    for &(entry, targets, why) in PAIRS {
        let c = catalogo_node(cat_ds, entry);
        let right: Vec<usize> = targets
            .iter()
            .flat_map(|t| ptpc_nodes(ptpc_ds, t))
            .collect();
        positives += !right.is_empty() as usize;
        match concordance.best(cat, c) {
            Some(b) if right.contains(&b.node) => tp += 1,
            Some(b) => {
                fp += 1;
                let want = match right.first() {
                    Some(&r) => describe(ptpc_ds, r),
                    None => "no link".to_string(),
                };
                misses.push(format!(
                    "  {entry}: got {} ({:.2}), want {want} — {why}",
                    describe(ptpc_ds, b.node),
                    b.score
                ));
            }
            None if !right.is_empty() => misses.push(format!(
                "  {entry}: no link, want {} — {why}",
                describe(ptpc_ds, right[0])
            )),
            None => {}
        }
    }
    Report {
        precision: tp as f64 / (tp + fp).max(1) as f64,
        recall: tp as f64 / positives.max(1) as f64,
        pairs: PAIRS.len(),
        positives,
        misses,
    }
}

#[test]
fn precision_and_recall_of_the_best_link() {
    assert!(PAIRS.iter().filter(|p| !p.1.is_empty()).count() >= 40);
    let map = builtin();
    let report = evaluate(&map, &Concordance::compute(&map));
    println!(
        "concordance on {} pairs ({} with a counterpart): precision {:.1} %, recall {:.1} %",
        report.pairs,
        report.positives,
        report.precision * 100.0,
        report.recall * 100.0
    );
    println!(
        "misses ({}):\n{}",
        report.misses.len(),
        report.misses.join("\n")
    );
    assert!(
        report.precision >= PRECISION_FLOOR,
        "precision {:.1} % is below {:.0} %",
        report.precision * 100.0,
        PRECISION_FLOOR * 100.0
    );
}

#[test]
fn tachograph_cards_get_their_action_and_its_office() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let c = catalogo_node(&map.datasets[cat], "D2.2.2.1");
    let best = concordance.best(cat, c).expect("D2.2.2.1 is linked");
    assert_eq!(best.dataset, ptpc);
    let action = &map.datasets[ptpc].nodes[best.node];
    assert_eq!(action.title, "Rilascio delle carte tachigrafiche");
    let offices = concordance.offices(&map, cat, c);
    let first = offices.first().expect("an office");
    assert_eq!(
        (first.area.as_ref(), first.servizio.as_ref()),
        ("Sviluppo economico", "Armonizzaz. e tutela del mercato")
    );
    // And the reverse: the action's best catalogo entry is about the cards.
    let back = concordance.best(ptpc, best.node).expect("linked back");
    assert!(fold(&map.datasets[cat].nodes[back.node].title).contains("tachigrafich"));
}

#[test]
fn promoting_tourism_links_to_promoting_the_territory() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let c = catalogo_node(&map.datasets[cat], "D3.1.3");
    let best = concordance.best(cat, c).expect("D3.1.3 is linked");
    assert_eq!(
        map.datasets[ptpc].nodes[best.node].code.as_deref(),
        Some("D1.3.5")
    );
    assert_eq!(best.status, LinkStatus::Auto);
    // A sub-process gives the offices of its actions.
    assert!(!concordance.offices(&map, cat, c).is_empty());
}

/// Every link of the seeds, for tuning: `cargo test --test concord -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_every_link() {
    let map = builtin();
    let (cat, ptpc) = (index(&map, "catalogo"), index(&map, "ptpc2019"));
    let concordance = Concordance::compute(&map);
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    for i in 0..cat_ds.nodes.len() {
        let links = concordance.links(cat, i);
        println!("{}", describe(cat_ds, i));
        for l in links {
            println!("      {:.3} {}", l.score, describe(ptpc_ds, l.node));
        }
    }
    for (name, d) in [("catalogo", cat), ("ptpc2019", ptpc)] {
        let linked = (0..map.datasets[d].nodes.len())
            .filter(|&n| concordance.best(d, n).is_some())
            .count();
        let unmatched = concordance.unmatched(d).count();
        println!(
            "{name}: {linked} entries linked, {unmatched} linkable entries without a counterpart"
        );
    }
}

/// For each pair of [`PAIRS`]: whether it has a counterpart, and the best
/// link's score and rightness, if there is one.
fn outcomes(map: &Map, concordance: &Concordance) -> Vec<(bool, Option<(f32, bool)>)> {
    let (cat, ptpc) = (index(map, "catalogo"), index(map, "ptpc2019"));
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    PAIRS
        .iter()
        .map(|&(entry, targets, _)| {
            let c = catalogo_node(cat_ds, entry);
            let right: Vec<usize> = targets
                .iter()
                .flat_map(|t| ptpc_nodes(ptpc_ds, t))
                .collect();
            let best = concordance.best(cat, c);
            (
                !right.is_empty(),
                best.map(|b| (b.score, right.contains(&b.node))),
            )
        })
        .collect()
}

/// Sets one knob of a [`Tuning`].
type SetKnob = fn(&mut Tuning, f32);

/// Ranking and cut as one knob moves, for tuning:
/// `cargo test --release --test concord sweep -- --ignored --nocapture`.
/// Each line: how often the top candidate is right (any threshold), and the
/// threshold that gives the best F0.5 (precision counts twice) with its
/// precision and recall.
#[test]
#[ignore]
fn sweep() {
    let map = builtin();
    let base = Tuning::default();
    let knobs: &[(&str, SetKnob, &[f32])] = &[
        ("default", |_, _| {}, &[0.0]),
        (
            "neighbourhood",
            |t, v| t.neighbourhood = v,
            &[0.0, 0.2, 0.35, 0.5, 0.7],
        ),
        ("context", |t, v| t.context = v, &[0.0, 0.15, 0.3, 0.5, 0.8]),
        ("parents", |t, v| t.parents = v, &[0.0, 0.2, 0.4, 0.6, 0.8]),
        ("duty", |t, v| t.duty = v, &[0.0, 0.1, 0.2, 0.4]),
        (
            "title_share",
            |t, v| t.title_share = v,
            &[0.3, 0.5, 0.7, 0.9],
        ),
        (
            "across_levels",
            |t, v| t.across_levels = v,
            &[0.6, 0.75, 0.85, 1.0],
        ),
        (
            "title_beside_name",
            |t, v| t.title_beside_name = v,
            &[0.2, 0.35, 0.5, 1.0],
        ),
        ("repeats", |t, v| t.repeats = v, &[0.0, 0.25, 0.5, 1.0]),
        (
            "activities",
            |t, v| t.activities = v,
            &[0.1, 0.2, 0.35, 0.5, 0.8],
        ),
        (
            "input_output",
            |t, v| t.input_output = v,
            &[0.0, 0.15, 0.3, 0.6],
        ),
        ("children", |t, v| t.children = v, &[0.2, 0.5, 0.8]),
        ("ancestors", |t, v| t.ancestors = v, &[0.3, 0.6, 0.9]),
    ];
    for (name, set, values) in knobs {
        for &v in *values {
            let mut t = base.clone();
            set(&mut t, v);
            t.threshold = 0.01;
            let out = outcomes(&map, &Concordance::compute_with(&map, &t));
            let positives = out.iter().filter(|o| o.0).count();
            let ranked = out
                .iter()
                .filter(|o| o.0 && o.1.is_some_and(|b| b.1))
                .count();
            let mut best = (0.0, 0.0, 0.0, 0.0);
            for step in 5..60 {
                let cut = step as f32 / 200.0;
                let kept = out.iter().filter_map(|o| o.1).filter(|b| b.0 >= cut);
                let (tp, all) = kept.fold((0, 0), |(tp, all), b| (tp + b.1 as usize, all + 1));
                let (p, r) = (tp as f64 / all.max(1) as f64, tp as f64 / positives as f64);
                let f = 1.25 * p * r / (0.25 * p + r).max(1e-9);
                if f > best.0 {
                    best = (f, cut as f64, p, r);
                }
            }
            if *name == "default" {
                for step in 24..46 {
                    let cut = step as f32 / 200.0;
                    let kept = out.iter().filter_map(|o| o.1).filter(|b| b.0 >= cut);
                    let (tp, all) = kept.fold((0, 0), |(tp, all), b| (tp + b.1 as usize, all + 1));
                    println!(
                        "    threshold {cut:.3}: precision {:5.1} %  recall {:5.1} %",
                        tp as f64 * 100.0 / all.max(1) as f64,
                        tp as f64 * 100.0 / positives as f64
                    );
                }
            }
            println!(
                "{name:>18} = {v:<5} top right {:5.1} %  best cut {:.3}: precision {:5.1} %  recall {:5.1} %",
                ranked as f64 * 100.0 / positives as f64,
                best.1,
                best.2 * 100.0,
                best.3 * 100.0
            );
        }
    }
}

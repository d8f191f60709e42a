//! The pairs established by reading both seed maps, and the helpers that
//! find their entries: shared by the concordance tests and the tuning
//! tools in `examples/concord_tuning.rs`.

#![allow(dead_code)]

use mappa::concord::Concordance;
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
pub const PAIRS: &[(&str, &[&str], &str)] = &[
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

pub const PRECISION_FLOOR: f64 = 0.85;

pub fn index(map: &Map, id: &str) -> usize {
    map.datasets.iter().position(|d| d.id == id).expect(id)
}

/// The catalogo node with id `catalogo:{id}`.
pub fn catalogo_node(ds: &Dataset, id: &str) -> usize {
    let full = format!("catalogo:{id}");
    ds.nodes
        .iter()
        .position(|n| n.id == full)
        .unwrap_or_else(|| panic!("no catalogo entry {id}"))
}

/// The ptpc2019 nodes a target names: the node with that code (id), or
/// every action whose title begins with it.
pub fn ptpc_nodes(ds: &Dataset, target: &str) -> Vec<usize> {
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

pub fn describe(ds: &Dataset, node: usize) -> String {
    let n = &ds.nodes[node];
    let title: String = n.title.chars().take(70).collect();
    format!("{} {title}", n.code.as_deref().unwrap_or("·"))
}

/// For each pair of [`PAIRS`]: whether it has a counterpart, and the best
/// link's score and rightness, if there is one.
pub fn outcomes(map: &Map, concordance: &Concordance) -> Vec<(bool, Option<(f32, bool)>)> {
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

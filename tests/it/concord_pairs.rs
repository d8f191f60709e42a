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
    ("B3.1.1.1", &["Esazione del diritto annuale", "B3.1.1"], "collecting the annual fee (or the annex sub-process that holds it)"),
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
    // Issue 32: more activities (variants, and activities the first pairs left out).
    ("A1.1.1.7~2", &["Programma Pluriennale"], "variant 2, the same programmes"),
    ("A1.1.2.3", &["Misurazioni indicatori", "Controllo di Gestione"], "time sheets, process costs, indicators"),
    ("A1.1.2.4", &["Sistema di misurazione e valutazione", "Controllo strategico"], "monitoring the performance cycle"),
    ("A1.2.2.1~2", &["Gestione degli adempimenti previsti dal dal D. Lgs. 196/2003"], "variant 2 is privacy, D.Lgs. 196/2003"),
    ("A1.3.2.3~2", &["Implementazione del programma di formazione", "Definizione fabbisogni formativi"], "staff training courses"),
    ("A1.3.3.1", &["Gestione e manutenzione hardware/software", "Gestione della rete informatica"], "the chamber's information systems"),
    ("A2.1.1.2", &["Gestione degli organi istituzionali"], "secretariat of the organs"),
    ("A2.1.3.1", &["Consulenza legale agli organi"], "legal assistance to the top of the chamber"),
    ("A2.4.1.1", &["Gestione Banche dati statistico-economiche", "Rilevazioni statistiche per altri committenti", "Rilevazione prezzi per committenze terze"], "surveys for ISTAT"),
    ("B1.1.1.2~2", &["Assegnazione e rinnovo incarichi dirigenziali"], "variant 2, the same appointments"),
    ("B1.1.3.4~2", &["Gestione missioni"], "variant 2, travel refunds"),
    ("B2.1.1.1~2", &["Gestione Albo fornitori"], "variant 2, the suppliers' list"),
    ("B2.1.1.2", &["Predisposizione richieste di acquisto", "Gestione acquisti"], "purchase decisions"),
    ("B2.1.1.3", &["Gestione acquisti", "Predisposizione richieste di acquisto"], "tenders and MEPA"),
    ("B2.1.1.5", &["Gestione acquisti", "Predisposizione richieste di acquisto"], "purchases for the other offices"),
    ("B3.2.1.4~2", &["Gestione incassi e reversali", "Liquidazione, ordinazione e pagamento"], "variant 2, payment orders"),
    ("B3.2.1.6~2", &["Rilevazione dei dati contabili"], "variant 2, accounting entries"),
    ("C1.1.1.3~2", &["Verifica di legittimità", "Controllo a campione delle autocertificazioni"], "variant 2, checks of requirements"),
    ("C1.1.2.1", &["Esame di idoneità abilitanti", "Rilascio certificazioni relative ad albi", "Iscrizione/modifica/cancellazione (su istanza)"], "lists of experts and drivers"),
    ("C1.1.2.1~2", &["Esame di idoneità abilitanti", "Rilascio certificazioni relative ad albi", "Iscrizione/modifica/cancellazione (su istanza)"], "variant 2, not the sanctions' rolls"),
    ("C1.1.5.1", &["Seminari informativi", "Produzione/pubblicazione su sito di materiali informativi"], "information and training on the register"),
    ("C1.2.2.1", &["C1.3.1", "Gestione del SUAP Camerale"], "training for SUAP filings"),
    ("C2.3.1.1", &["C2.7.1", "Vigilanza sulla conformità"], "guidance on product conformity"),
    ("C2.3.2.1~2", &["C2.7.1", "Vigilanza sulla conformità"], "variant 2, product surveillance (not disciplinary proceedings)"),
    ("C2.5.2.1", &["Sorveglianza in relazione alle autorizzazioni"], "inspections of authorised labs"),
    ("C2.5.3.1", &["Tenuta Registri/Elenchi: assegnatari"], "the register of hallmark holders"),
    ("D1.1.1.5", &["D1.3.3", "Assistenza tecnica, formazione e consulenza alle imprese in materia di"], "export manager courses"),
    ("D2.1.4.1", &[], "the PID's services postdate the annex"),
    ("D3.1.2.2", &["Progettazione e realizzazione attività promozionali", "D1.3.5"], "territorial marketing"),
    ("D4.1.1.3", &["D1.3.1", "Sostegno all'iniziativa promozionale"], "self-employment and starting a business"),
    ("D4.1.2.1", &["Orientamento al lavoro"], "individual guidance"),
    ("D4.2.1.1", &["D1.2.2", "Orientamento al lavoro"], "the RASL register"),
    ("D4.2.1.2", &["D1.2.2", "Orientamento al lavoro"], "designing school-work paths"),
    ("D4.2.2.1", &["D1.2.2", "Orientamento al lavoro"], "individual school-work services"),
    ("D4.3.1.1", &[], "labour-market needs studies: the annex's training needs are the staff's"),
    ("D5.1.2.1", &["Attivazione di programmi di formazione specifici"], "environmental seminars (not the register's)"),
    ("D5.2.1.2", &["C1.2.1", "Iscrizione/modifica/cancellazione/revisione all'Albo Nazionale Gestori"], "the operators' register with the Ministry"),
    ("D5.3.3.1", &["Rilascio visure e copie atti delle imprese iscritte", "Rilascio visure delle imprese", "Rilascio copie atti societari", "Rilascio certificazioni relative ad albi"], "extracts of the environmental registers"),
    ("D6.1.3.2", &["D1.3.2", "Sostegno al Trasferimento Tecnologico", "Sostegno alla progettualità"], "the EEN network"),
    ("D6.2.1.1", &["Attivazione di programmi di formazione specifici", "Attività di valorizzazione dei prodotti e delle filiere"], "seminars on qualification (not the register's)"),
    ("E1.1.2.1", &["Orientamento al lavoro", "D1.2.2"], "training for work"),
    ("E1.1.5.1", &["D1.3.5", "Progettazione e realizzazione attività promozionali"], "tourism"),
    // Issue 32: the fifth level.
    ("C1.2.2.1~2", &["C1.3.1", "Gestione del SUAP Camerale"], "variant 2 of the SUAP training, one level down"),
    // Issue 32: sub-processes, linked from their text and their activities' links.
    ("A1.1.1", &["A1.1"], "planning"),
    ("A1.1.2", &["A1.1", "Misurazioni indicatori", "Controllo di Gestione", "Controllo strategico", "Sistema di misurazione e valutazione"], "monitoring and controls (must hold: linked)"),
    ("A1.1.3", &["Predisposizione e validazione della relazione sulla Performance", "Redazione relazione sulla gestione del bilancio", "A1.1"], "reporting"),
    ("A1.1.4", &["Gestione dell'OIV"], "support to the OIV"),
    ("A1.2.1", &["Definizione Programma triennale per la trasparenza"], "anti-corruption and transparency (not business codes of conduct)"),
    ("A1.2.2", &["Gestione degli adempimenti previsti dal D. Lgs. 81/2008", "Gestione degli adempimenti previsti dal dal D. Lgs. 196/2003"], "safety and privacy obligations"),
    ("A1.3.2", &["B1.1.4"], "staff development"),
    ("A1.3.3", &["B2.2.2", "Gestione e manutenzione hardware/software", "Gestione della rete informatica"], "information systems (not the web site)"),
    ("A2.1.1", &["Gestione degli organi istituzionali", "Rinnovo organi", "A2.1"], "the organs"),
    ("A2.1.2", &["Gestione dei contatti con le Associazioni", "Gestione delle partecipazioni"], "relations and shareholdings"),
    ("A2.1.3", &["A2.2.1", "A2.2"], "legal assistance"),
    ("A2.3.1", &["Protocollo informatico documenti"], "the register of correspondence"),
    ("A2.3.2", &["A2.3.2", "Conservazione sostitutiva", "Archiviazione cartacea", "Archiviazione ottica", "Affrancatura e spedizione"], "document management"),
    ("A3.1.1", &["A3.1.1", "A3.1.2"], "institutional communication"),
    ("A3.1.2", &["A3.1.2"], "communication about services is the external one"),
    ("B1.1.1", &["B1.1.1"], "recruitment"),
    ("B2.1.1", &["B2.1.1"], "purchases"),
    ("B2.2.1", &["B2.2.1"], "assets"),
    ("B2.2.2", &["B2.2.1", "B2.2.3", "B2.2.5", "Esecuzione contratti di pulizia", "Gestione della manutenzione dei beni immobili", "Gestione degli automezzi", "Gestione centralino"], "building services"),
    ("B3.1.1", &["B3.1.1", "B3.1.2", "B3.1"], "the annual fee and its rolls"),
    ("B3.2.2", &["B3.2.1~2", "Gestione cassa (ex art. 42", "Gestione conti correnti"], "finance is the liquidity"),
    ("C1.1.1", &["C1.1.1"], "filings on request"),
    ("C1.1.2", &["C1.1.8", "Esame di idoneità abilitanti"], "qualifying procedures"),
    ("C1.1.4", &["C1.1.6"], "the register's desk"),
    ("C1.1.5", &["C1.1.7", "Seminari informativi", "Produzione/pubblicazione su sito di materiali informativi"], "information on the register (not its coordination)"),
    ("C1.1.6", &["Elaborazione elenchi di imprese"], "the register's data (not its coordination)"),
    ("C1.1.7", &["C1.1.4"], "administrative violations"),
    ("C1.1.7b", &["C1.1.2", "C1.1.3"], "operations by the office"),
    ("C1.2.1", &["C1.3.1", "Gestione del SUAP Camerale"], "SUAP for the administrations"),
    ("C1.2.2", &["C1.3.1", "Gestione del SUAP Camerale"], "SUAP for the businesses"),
    ("C1.2.3", &[], "the electronic company file postdates the annex"),
    ("C2.2.1", &["C2.7.3", "C2.7.4", "Pubblicazione raccolta usi", "Predisposizione e promozione di contratti tipo"], "contractual fairness"),
    ("C2.2.2", &[], "consumer desks: not in the annex"),
    ("C2.2.3", &["C2.7.5", "Concorsi a premi", "Operazioni a premi"], "prize competitions"),
    ("C2.3.1", &["C2.7.1"], "product conformity guidance"),
    ("C2.3.2", &["C2.7.1"], "product surveillance"),
    ("C2.4.1", &["C2.8", "C2.8.1", "C2.8.2"], "sanctions"),
    ("C2.5.1", &["C2.5.1", "C2.5.2", "C2.5"], "metrology checks"),
    ("C2.5.2", &["C2.5.2", "Sorveglianza in relazione alle autorizzazioni"], "authorisations' surveillance"),
    ("C2.5.3", &["Tenuta Registri/Elenchi: assegnatari"], "hallmarks"),
    ("C2.6.1", &["C2.1.1"], "protest cancellations"),
    ("C2.6.2", &["C2.1.2"], "protest publications"),
    ("C2.6.3", &["C2.1.2", "Rilascio visure e certificazioni relative alla sussistenza di protesti"], "protest extracts"),
    ("C2.8.1", &["C2.3.2"], "the commodity exchange"),
    ("C2.8.2", &["C2.3.1"], "price lists"),
    ("C2.10.1", &["C2.2.1"], "trademark filings"),
    ("C2.10.2", &["C2.2.2", "Rilascio attestati dei marchi", "Visure brevetti/marchi/design"], "register extracts and the desk"),
    ("C2.10.4", &["C2.2.3", "Gestione del PIP/PATLIB"], "PATLIB"),
    ("D1.1.1", &["D1.3.3", "Assistenza tecnica, formazione e consulenza alle imprese in materia di", "Progettazione, realizzazione/ partecipazione a missioni commerciali"], "export information and training"),
    ("D1.2.1", &["C1.5.1", "Rilascio certificati di origine", "Rilascio carnet ATA"], "export certificates"),
    ("D2.1.1", &[], "the PID postdates the annex"),
    ("D2.1.4", &[], "the PID postdates the annex"),
    ("D2.2.1", &["C1.4.1", "Rilascio dei dispositivi di firma digitale"], "digital signatures"),
    ("D3.1.1", &["D1.3.5"], "tourism information"),
    ("D3.1.2", &["D1.3.5", "Progettazione e realizzazione attività promozionali"], "tourism projects"),
    ("D4.1.1", &["Orientamento al lavoro", "D1.2.2", "D1.3.1", "Sostegno all'iniziativa promozionale"], "guidance initiatives"),
    ("D4.1.2", &["Orientamento al lavoro", "D1.2.2"], "individual guidance"),
    ("D4.2.1", &["D1.2.2"], "the school-work register"),
    ("D4.2.2", &["D1.2.2"], "school-work services"),
    ("D4.3.1", &[], "matching labour demand and supply: not in the annex"),
    ("D5.1.1", &["D1.2.1"], "environmental courses are training offered outside (not the environmental obligations)"),
    ("D5.1.2", &["D1.2.1", "Attivazione di programmi di formazione specifici"], "environmental information (not the register's seminars)"),
    ("D5.2.1", &["C1.2.1"], "the environmental operators' register"),
    ("D5.3.1", &["C2.4.1"], "environmental filings"),
    ("D5.3.3", &["C2.4.1", "Rilascio visure e copie atti delle imprese iscritte"], "environmental register extracts"),
    ("D6.1.3", &["D1.3.2"], "innovation and technology transfer"),
    ("D6.2.1", &["Attivazione di programmi di formazione specifici", "Attività di valorizzazione dei prodotti e delle filiere", "C2.7.2"], "qualification seminars (not the register's)"),
    ("E1.1.2", &["D1.2.2", "Orientamento al lavoro"], "training for work"),
    ("E1.1.4", &["D1.3.3"], "internationalisation"),
    ("E1.1.5", &["D1.3.5"], "tourism"),
    ("F1.1.1", &["B2.2.4", "Gestione della concessione in uso delle sale"], "renting out rooms"),
    // Issue 32: processes, linked from their sub-processes' links.
    ("A1.1", &["A1.1", "A1"], "performance"),
    ("A1.2", &["Definizione Programma triennale per la trasparenza", "Gestione degli adempimenti previsti dal D. Lgs. 81/2008", "Gestione degli adempimenti previsti dal dal D. Lgs. 196/2003"], "compliance"),
    ("A1.3", &["B1.1.4", "B1.1"], "organisation and staff development"),
    ("A2.1", &["A2.1", "Gestione degli organi istituzionali", "Rinnovo organi"], "the organs (the annex files their actions under A2.3)"),
    ("A2.3", &["A2.3"], "documents"),
    ("A2.4", &["D1.1.2", "D1.1"], "statistics"),
    ("A3.1", &["A3.1", "A3"], "communication"),
    ("B1.1", &["B1.1", "B1"], "staff"),
    ("B2.1", &["B2.1", "B2.1.1"], "purchases"),
    ("B2.2", &["B2.2", "B2.2.1"], "assets and services"),
    ("B3.1", &["B3.1", "B3.1.1", "B3.1.2"], "the annual fee"),
    ("B3.2", &["B3.2", "B3.2.1", "B3.2.1~2"], "accounting and finance"),
    ("C1.1", &["C1.1"], "the business register"),
    ("C1.2", &["C1.3", "C1.3.1"], "SUAP"),
    ("C2.2", &["C2.7"], "market regulation"),
    ("C2.3", &["C2.7.1", "C2.7"], "product safety"),
    ("C2.4", &["C2.8", "C2.8.1", "C2.8.2"], "sanctions"),
    ("C2.5", &["C2.5"], "metrology"),
    ("C2.6", &["C2.1"], "protests"),
    ("C2.8", &["C2.3"], "prices and the commodity exchange"),
    ("C2.10", &["C2.2", "C2.2.1", "C2.2.2", "C2.2.3", "Rilascio attestati dei marchi"], "industrial property"),
    ("D1.1", &["D1.3.3", "Assistenza tecnica, formazione e consulenza alle imprese in materia di", "Progettazione, realizzazione/ partecipazione a missioni commerciali"], "export services"),
    ("D1.2", &["C1.5", "C1.5.1", "Rilascio certificati di origine"], "export certificates"),
    ("D2.1", &[], "the PID postdates the annex"),
    ("D2.2", &["C1.4", "C1.4.1", "Rilascio dei dispositivi di firma digitale", "Rilascio delle carte tachigrafiche"], "digital agenda services"),
    ("D3.1", &["D1.3.5", "Progettazione e realizzazione attività promozionali"], "tourism and culture"),
    ("D4.1", &["Orientamento al lavoro", "D1.2.2"], "guidance"),
    ("D4.2", &["D1.2.2"], "school-work"),
    ("D4.3", &[], "matching labour demand and supply: not in the annex"),
    ("D5.1", &["D1.2.1"], "sustainability courses and information are training offered outside"),
    ("D5.2", &["C1.2", "C1.2.1"], "the environmental operators' register"),
    ("D5.3", &["C2.4", "C2.4.1"], "environmental filings"),
    ("D6.1", &["D1.3", "D1.3.1", "D1.3.2"], "business development"),
    ("D6.2", &["C2.7.2", "Attività di valorizzazione dei prodotti e delle filiere"], "qualification of businesses and supply chains"),
    ("E1.1", &["D1.3", "D1.3.3", "D1.3.5", "D1.2.2"], "projects of the 20% increase: promotion"),
    ("F1.1", &["B2.2.4", "Gestione della concessione in uso delle sale"], "the chamber's premises"),
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

/// The level of a catalogue entry, as the figures are given.
pub fn level_of(ds: &Dataset, node: usize) -> &'static str {
    use mappa::model::Kind;
    let n = &ds.nodes[node];
    match n.kind {
        Kind::Processo => "processo",
        Kind::SottoProcesso => "sotto-processo",
        Kind::Attivita if n.level >= 5 => "quinto livello",
        Kind::Attivita => "attività",
        _ => "altro",
    }
}

/// The levels in the order the figures are printed.
pub const LEVELS: &[&str] = &["processo", "sotto-processo", "attività", "quinto livello"];

/// Precision and recall of one level's pairs: of the best link, and of the
/// first link sure enough to give an office.
#[derive(Debug, Default, Clone)]
pub struct LevelFigures {
    pub level: &'static str,
    pub pairs: usize,
    pub positives: usize,
    pub best_right: usize,
    pub best_wrong: usize,
    pub office_right: usize,
    pub office_wrong: usize,
    pub misses: Vec<String>,
}

impl LevelFigures {
    pub fn precision(&self) -> f64 {
        self.best_right as f64 / (self.best_right + self.best_wrong).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.best_right as f64 / self.positives.max(1) as f64
    }
    pub fn office_precision(&self) -> f64 {
        self.office_right as f64 / (self.office_right + self.office_wrong).max(1) as f64
    }
    pub fn office_recall(&self) -> f64 {
        self.office_right as f64 / self.positives.max(1) as f64
    }
    pub fn line(&self) -> String {
        format!(
            "{:<15} {:>3} pairs ({:>3} with a counterpart): best link precision {:5.1} % recall {:5.1} % | giving offices precision {:5.1} % recall {:5.1} %",
            self.level,
            self.pairs,
            self.positives,
            self.precision() * 100.0,
            self.recall() * 100.0,
            self.office_precision() * 100.0,
            self.office_recall() * 100.0
        )
    }
}

/// The figures of every level (and "tutti" last) for `concordance`.
pub fn by_level(map: &Map, concordance: &Concordance) -> Vec<LevelFigures> {
    let (cat, ptpc) = (index(map, "catalogo"), index(map, "ptpc2019"));
    let (cat_ds, ptpc_ds) = (&map.datasets[cat], &map.datasets[ptpc]);
    let mut levels: Vec<LevelFigures> = LEVELS
        .iter()
        .chain(std::iter::once(&"tutti"))
        .map(|&level| LevelFigures {
            level,
            ..LevelFigures::default()
        })
        .collect();
    for &(entry, targets, why) in PAIRS {
        let c = catalogo_node(cat_ds, entry);
        let right: Vec<usize> = targets
            .iter()
            .flat_map(|t| ptpc_nodes(ptpc_ds, t))
            .collect();
        let level = level_of(cat_ds, c);
        let at = LEVELS.iter().position(|l| *l == level).expect(level);
        let best = concordance.best(cat, c).map(|b| (b.node, b.score));
        let office = concordance
            .office_links(cat, c)
            .next()
            .map(|b| (b.node, b.score));
        for f in [at, LEVELS.len()] {
            let fig = &mut levels[f];
            fig.pairs += 1;
            fig.positives += !right.is_empty() as usize;
            match best {
                Some((n, _)) if right.contains(&n) => fig.best_right += 1,
                Some(_) => fig.best_wrong += 1,
                None => {}
            }
            match office {
                Some((n, _)) if right.contains(&n) => fig.office_right += 1,
                Some(_) => fig.office_wrong += 1,
                None => {}
            }
            if f == at {
                let want = right
                    .first()
                    .map_or("no link".to_string(), |&r| describe(ptpc_ds, r));
                match best {
                    Some((n, score)) if !right.contains(&n) => fig.misses.push(format!(
                        "  {entry}: got {} ({score:.2}{}), want {want} — {why}",
                        describe(ptpc_ds, n),
                        if office.is_some() {
                            ", gives an office"
                        } else {
                            ""
                        }
                    )),
                    None if !right.is_empty() => fig
                        .misses
                        .push(format!("  {entry}: no link, want {want} — {why}")),
                    _ => {}
                }
            }
        }
    }
    levels
}

//! The vocabulary of the risk register: the enabling factors and the risk
//! areas of PNA 2019 (with those of chambers of commerce), the area an
//! entry's titles suggest, and the catalogue of typical events.

use super::vocabulary::vocabulary;
use serde::Serialize;

vocabulary! {
    /// An enabling factor of PNA 2019 (what makes the event possible).
    pub enum Factor ("fattore abilitante") {
        Controlli = "controlli", "mancanza di misure di trattamento o controlli",
            "lack of treatment measures or controls";
        Trasparenza = "trasparenza", "mancanza di trasparenza", "lack of transparency";
        Regolamentazione = "regolamentazione",
            "eccessiva regolamentazione, complessità e scarsa chiarezza della normativa",
            "excessive, complex or unclear regulation";
        Esclusivita = "esclusivita",
            "esercizio prolungato ed esclusivo della responsabilità da parte di pochi o di un unico soggetto",
            "responsibility held long and exclusively by few people or one";
        Responsabilizzazione = "responsabilizzazione", "scarsa responsabilizzazione interna",
            "little internal accountability";
        Competenze = "competenze", "inadeguatezza o assenza di competenze del personale",
            "inadequate or missing skills of the staff";
        Cultura = "cultura", "inadeguata diffusione della cultura della legalità",
            "too little culture of legality";
        Politica = "politica",
            "mancata attuazione del principio di distinzione tra politica e amministrazione",
            "politics and administration not kept apart";
    }
}

impl Factor {
    /// The factors written in a stored list (`controlli,trasparenza`);
    /// `None` when one of them is not a factor.
    pub(crate) fn list(text: &str) -> Option<Vec<Factor>> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Factor::from_slug)
            .collect()
    }

    pub(crate) fn join(factors: &[Factor]) -> String {
        factors
            .iter()
            .map(|f| f.slug())
            .collect::<Vec<_>>()
            .join(",")
    }
}

vocabulary! {
    /// A risk area: the general ones of PNA 2019 and those of chambers of
    /// commerce.
    pub enum Area ("area di rischio") {
        Personale = "personale", "Acquisizione e gestione del personale",
            "Recruitment and management of staff";
        Contratti = "contratti", "Contratti pubblici", "Public contracts";
        AmpliativiSenza = "ampliativi-senza",
            "Provvedimenti ampliativi privi di effetto economico diretto",
            "Permits without direct economic effect";
        AmpliativiCon = "ampliativi-con",
            "Provvedimenti ampliativi con effetto economico diretto",
            "Permits with direct economic effect";
        EntrateSpese = "entrate-spese", "Gestione delle entrate, delle spese e del patrimonio",
            "Revenue, expenditure and assets";
        Controlli = "controlli", "Controlli, verifiche, ispezioni e sanzioni",
            "Controls, inspections and sanctions";
        Incarichi = "incarichi", "Incarichi e nomine", "Assignments and appointments";
        Legale = "legale", "Affari legali e contenzioso", "Legal affairs and litigation";
        RegolazioneMercato = "regolazione-mercato", "Regolazione e tutela del mercato",
            "Market regulation and protection";
        RisoluzioneControversie = "risoluzione-controversie", "Risoluzione delle controversie",
            "Dispute resolution";
        RegistroImprese = "registro-imprese", "Registro imprese e anagrafe economica",
            "Business register";
        PromozioneImprese = "promozione-imprese", "Promozione e contributi alle imprese",
            "Business promotion and grants";
    }
}

impl Area {
    /// Whether the area is one of PNA 2019's general ones.
    pub fn general(self) -> bool {
        !matches!(
            self,
            Area::RegolazioneMercato
                | Area::RisoluzioneControversie
                | Area::RegistroImprese
                | Area::PromozioneImprese
        )
    }

    /// The area an entry most likely falls in, from the words of its title
    /// and its ancestors' (nearest first); a suggestion the officer changes.
    pub fn suggest<'a>(titles: impl IntoIterator<Item = &'a str>) -> Option<Area> {
        // Word stems, the most telling first.
        const RULES: &[(Area, &[&str])] = &[
            (
                Area::RisoluzioneControversie,
                &["mediazion", "arbitrat", "conciliazion", "controversi"],
            ),
            (
                Area::Incarichi,
                &[
                    "incarich",
                    "nomin",
                    "consulenz",
                    "collaborazion",
                    "partecipazion",
                ],
            ),
            (Area::Legale, &["legale", "contenzios"]),
            (
                Area::Personale,
                &[
                    "personale",
                    "risorse umane",
                    "concors",
                    "assunzion",
                    "progression",
                    "dipendent",
                ],
            ),
            (
                Area::Contratti,
                &[
                    "acquist",
                    "approvvigionament",
                    "affidament",
                    "appalt",
                    "fornitor",
                    "gara",
                    "contratti pubblic",
                ],
            ),
            (
                Area::PromozioneImprese,
                &[
                    "contribut",
                    "voucher",
                    "bando",
                    "bandi",
                    "promozion",
                    "internazionalizz",
                    "export",
                    "turism",
                    "digitalizz",
                    "orientament",
                    "sviluppo",
                ],
            ),
            (
                Area::Controlli,
                &[
                    "sanzion",
                    "ispezion",
                    "vigilanz",
                    "metrolog",
                    "accertament",
                    "verific",
                ],
            ),
            (
                Area::RegolazioneMercato,
                &[
                    "tutela",
                    "mercato",
                    "protest",
                    "prezzi",
                    "borsa merci",
                    "proprieta industriale",
                    "marchi",
                    "brevett",
                    "premio",
                    "consumator",
                ],
            ),
            (
                Area::RegistroImprese,
                &[
                    "registro delle imprese",
                    "registro imprese",
                    "rea",
                    "albi",
                    "elenchi",
                    "suap",
                    "fascicolo",
                    "anagrafic",
                    "certificat",
                ],
            ),
            (
                Area::EntrateSpese,
                &[
                    "diritto annuale",
                    "bilancio",
                    "contabil",
                    "finanz",
                    "entrat",
                    "spes",
                    "patrimoni",
                    "cassa",
                    "pagament",
                ],
            ),
            (
                Area::AmpliativiSenza,
                &[
                    "autorizzazion",
                    "licenz",
                    "concession",
                    "abilitazion",
                    "iscrizion",
                ],
            ),
        ];
        for title in titles {
            let t = format!(" {} ", crate::text::fold(title));
            for (area, stems) in RULES {
                if stems.iter().any(|s| t.contains(&format!(" {s}"))) {
                    return Some(*area);
                }
            }
        }
        None
    }
}

/// One suggestion of the catalogue of typical events (`assets/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub area: Area,
    pub text: &'static str,
    pub factors: Vec<Factor>,
}

const CATALOGUE: &str = include_str!("../../assets/eventi_rischio.tsv");

/// The catalogue of typical risk events for chambers of commerce.
pub fn catalogue() -> Vec<Suggestion> {
    CATALOGUE
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let area = Area::from_slug(cells.next()?)?;
            let text = cells.next()?;
            let factors = Factor::list(cells.next().unwrap_or(""))?;
            Some(Suggestion {
                area,
                text,
                factors,
            })
        })
        .collect()
}

/// The catalogue's events for what was typed: every word (function words
/// aside) must be found, as part of a word of the event or, from five
/// letters on, with one typo. Exact finds come before those with typos,
/// the entry's `area` before the others, then catalogue order.
pub fn find_in_catalogue(typed: &str, area: Option<Area>) -> Vec<Suggestion> {
    use crate::text::{edit_distance_within, is_stopword, stem, words};
    let wanted: Vec<(String, usize)> = words(typed)
        .filter(|w| !is_stopword(w))
        .map(|w| {
            let letters = w.chars().count();
            (stem(&w), letters)
        })
        .collect();
    let mut found: Vec<(usize, bool, Suggestion)> = catalogue()
        .into_iter()
        .filter_map(|s| {
            let own: Vec<String> = words(s.text).collect();
            let mut typos = 0;
            for (w, letters) in &wanted {
                if own.iter().any(|o| o.contains(w.as_str())) {
                    continue;
                }
                let near = *letters >= 5
                    && own
                        .iter()
                        .any(|o| edit_distance_within(&stem(o), w, 1).is_some());
                if !near {
                    return None;
                }
                typos += 1;
            }
            Some((typos, Some(s.area) != area, s))
        })
        .collect();
    found.sort_by_key(|(typos, other, _)| (*typos, *other));
    found.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_found_by_words_in_any_order_and_with_a_typo() {
        let first = |t: &str| find_in_catalogue(t, None).first().map(|s| s.text);
        assert!(first("controlli omissione")
            .unwrap()
            .starts_with("Omissione o alterazione"));
        assert!(first("omisione controli")
            .unwrap()
            .starts_with("Omissione o alterazione"));
        // The entry's area first among equal finds.
        let contratti = find_in_catalogue("requisiti", Some(Area::Contratti));
        assert_eq!(contratti.first().map(|s| s.area), Some(Area::Contratti));
        assert!(find_in_catalogue("zzyzx", None).is_empty());
        // Function words alone find everything, as nothing was asked.
        assert_eq!(find_in_catalogue("di", None).len(), catalogue().len());
    }

    #[test]
    fn the_catalogue_covers_every_area() {
        let cat = catalogue();
        assert!(cat.len() >= 60, "{}", cat.len());
        for &area in Area::all() {
            assert!(
                cat.iter().any(|s| s.area == area),
                "{area:?} has no suggestion"
            );
        }
        assert!(cat.iter().all(|s| !s.factors.is_empty()));
    }

    #[test]
    fn names_parse() {
        assert_eq!(Factor::parse("Esclusività").unwrap(), Factor::Esclusivita);
        assert!(Factor::parse("simpatia").is_err());
        assert_eq!(Area::parse("contratti").unwrap(), Area::Contratti);
        assert_eq!(
            Area::parse("registro imprese").unwrap(),
            Area::RegistroImprese
        );
        assert_eq!(Area::parse("Incarichi e nomine").unwrap(), Area::Incarichi);
        assert!(Area::parse("ampliativi").is_err(), "ambiguous");
    }

    #[test]
    fn areas_are_suggested_from_the_titles() {
        assert_eq!(
            Area::suggest(["Acquisizione del personale", "GESTIONE DEL PERSONALE"]),
            Some(Area::Personale)
        );
        assert_eq!(
            Area::suggest(["Acquisti beni e servizi"]),
            Some(Area::Contratti)
        );
        assert_eq!(
            Area::suggest([
                "Protocollo informatico",
                "Protocollo generale",
                "GESTIONE DOCUMENTALE"
            ]),
            None
        );
        assert_eq!(
            Area::suggest(["Gestione sanzioni amministrative ex L. 689/81"]),
            Some(Area::Controlli)
        );
        assert_eq!(
            Area::suggest([
                "Rilascio",
                "ISTRUTTORIA",
                "GESTIONE DEL REGISTRO DELLE IMPRESE, ALBI ED ELENCHI"
            ]),
            Some(Area::RegistroImprese)
        );
    }
}

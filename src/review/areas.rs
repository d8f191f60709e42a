//! The vocabulary of the risk register: the enabling factors and the risk
//! areas of PNA 2019 (with those of chambers of commerce), the area an
//! entry's titles suggest, and the catalogue of typical events.

use anyhow::{anyhow, bail};
use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoEnumIterator};

/// An enabling factor of PNA 2019 (what makes the event possible).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumIter,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    Controlli,
    Trasparenza,
    Regolamentazione,
    Esclusivita,
    Responsabilizzazione,
    Competenze,
    Cultura,
    Politica,
}

impl Factor {
    pub fn slug(self) -> &'static str {
        match self {
            Factor::Controlli => "controlli",
            Factor::Trasparenza => "trasparenza",
            Factor::Regolamentazione => "regolamentazione",
            Factor::Esclusivita => "esclusivita",
            Factor::Responsabilizzazione => "responsabilizzazione",
            Factor::Competenze => "competenze",
            Factor::Cultura => "cultura",
            Factor::Politica => "politica",
        }
    }

    /// The PNA 2019 wording.
    pub fn label(self) -> &'static str {
        match self {
            Factor::Controlli => "mancanza di misure di trattamento o controlli",
            Factor::Trasparenza => "mancanza di trasparenza",
            Factor::Regolamentazione => "eccessiva regolamentazione, complessità e scarsa chiarezza della normativa",
            Factor::Esclusivita => {
                "esercizio prolungato ed esclusivo della responsabilità da parte di pochi o di un unico soggetto"
            }
            Factor::Responsabilizzazione => "scarsa responsabilizzazione interna",
            Factor::Competenze => "inadeguatezza o assenza di competenze del personale",
            Factor::Cultura => "inadeguata diffusione della cultura della legalità",
            Factor::Politica => "mancata attuazione del principio di distinzione tra politica e amministrazione",
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Factor> {
        let t = crate::text::fold(text);
        Factor::iter()
            .find(|f| f.slug() == t || crate::text::fold(f.label()) == t)
            .ok_or_else(|| {
                anyhow!(
                    "unknown enabling factor \"{}\"; use one of: {}",
                    crate::text::Shown(text),
                    Factor::iter()
                        .map(Factor::slug)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }

    pub(crate) fn list(text: &str) -> Vec<Factor> {
        text.split(',')
            .filter_map(|s| Factor::parse(s.trim()).ok())
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

/// A risk area: the general ones of PNA 2019 and those of chambers of
/// commerce.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumIter,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Personale,
    Contratti,
    AmpliativiSenza,
    AmpliativiCon,
    EntrateSpese,
    Controlli,
    Incarichi,
    Legale,
    RegolazioneMercato,
    RisoluzioneControversie,
    RegistroImprese,
    PromozioneImprese,
}

impl Area {
    pub fn slug(self) -> &'static str {
        match self {
            Area::Personale => "personale",
            Area::Contratti => "contratti",
            Area::AmpliativiSenza => "ampliativi-senza",
            Area::AmpliativiCon => "ampliativi-con",
            Area::EntrateSpese => "entrate-spese",
            Area::Controlli => "controlli",
            Area::Incarichi => "incarichi",
            Area::Legale => "legale",
            Area::RegolazioneMercato => "regolazione-mercato",
            Area::RisoluzioneControversie => "risoluzione-controversie",
            Area::RegistroImprese => "registro-imprese",
            Area::PromozioneImprese => "promozione-imprese",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Personale => "Acquisizione e gestione del personale",
            Area::Contratti => "Contratti pubblici",
            Area::AmpliativiSenza => "Provvedimenti ampliativi privi di effetto economico diretto",
            Area::AmpliativiCon => "Provvedimenti ampliativi con effetto economico diretto",
            Area::EntrateSpese => "Gestione delle entrate, delle spese e del patrimonio",
            Area::Controlli => "Controlli, verifiche, ispezioni e sanzioni",
            Area::Incarichi => "Incarichi e nomine",
            Area::Legale => "Affari legali e contenzioso",
            Area::RegolazioneMercato => "Regolazione e tutela del mercato",
            Area::RisoluzioneControversie => "Risoluzione delle controversie",
            Area::RegistroImprese => "Registro imprese e anagrafe economica",
            Area::PromozioneImprese => "Promozione e contributi alle imprese",
        }
    }

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

    /// A slug, a label, or a word of one that names a single area.
    pub fn parse(text: &str) -> anyhow::Result<Area> {
        let t = crate::text::fold(&text.replace('-', " "));
        let exact = Area::iter().find(|a| {
            crate::text::fold(&a.slug().replace('-', " ")) == t || crate::text::fold(a.label()) == t
        });
        if let Some(a) = exact {
            return Ok(a);
        }
        let partial: Vec<Area> = Area::iter()
            .filter(|a| t.len() >= 4 && crate::text::fold(a.label()).contains(&t))
            .collect();
        match partial.as_slice() {
            [one] => Ok(*one),
            _ => bail!(
                "unknown risk area \"{}\"; use one of: {}",
                crate::text::Shown(text),
                Area::iter().map(Area::slug).collect::<Vec<_>>().join(", ")
            ),
        }
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
            let area = Area::parse(cells.next()?).ok()?;
            let text = cells.next()?;
            let factors = Factor::list(cells.next().unwrap_or(""));
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
        for area in Area::iter() {
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

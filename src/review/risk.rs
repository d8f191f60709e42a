//! The risk register (ANAC PNA 2019, Allegato 1, §4): for an entry, the
//! risk events that could happen in it with their enabling factors, and the
//! risk area the entry falls in. Events are removed softly: kept in the
//! store and the audit log, hidden from the register.

use super::key::ReviewKey;
use super::store::Store;
use super::StoreError;
use anyhow::{anyhow, bail};
use rusqlite::{params, OptionalExtension};
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

    fn list(text: &str) -> Vec<Factor> {
        text.split(',')
            .filter_map(|s| Factor::parse(s.trim()).ok())
            .collect()
    }

    fn join(factors: &[Factor]) -> String {
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

/// A risk event recorded on an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskEvent {
    /// `R12`: stable, printed by `risk add`.
    pub id: String,
    #[serde(flatten)]
    pub key: ReviewKey,
    /// The entry's title when the event was recorded.
    pub title: String,
    pub text: String,
    pub factors: Vec<Factor>,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A change to an event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventChange {
    pub text: Option<String>,
    pub add: Vec<Factor>,
    pub remove: Vec<Factor>,
    pub note: Option<String>,
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

/// `R12` → 12.
pub fn event_number(id: &str) -> anyhow::Result<i64> {
    let t = id.trim();
    t.strip_prefix(['R', 'r'])
        .unwrap_or(t)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            anyhow!(
                "\"{}\" is not a risk event id (R12)",
                crate::text::Shown(id)
            )
        })
}

fn key_of(e: &RiskEvent) -> &ReviewKey {
    &e.key
}

const EVENT_COLUMNS: &str = "id, dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by, removed";

fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<RiskEvent> {
    Ok(RiskEvent {
        id: format!("R{}", r.get::<_, i64>(0)?),
        key: ReviewKey {
            dataset: r.get(1)?,
            key: r.get(2)?,
            variant: r.get(3)?,
        },
        title: r.get(4)?,
        text: r.get(5)?,
        factors: Factor::list(&r.get::<_, String>(6)?),
        note: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        updated_at: r.get(10)?,
        updated_by: r.get(11)?,
        removed: r.get::<_, i64>(12)? != 0,
    })
}

fn check_text(text: &str) -> anyhow::Result<()> {
    if text.trim().is_empty() {
        bail!("a risk event needs its text (--event TEXT)");
    }
    Ok(())
}

impl Store {
    /// The events of the register (not removed), of one entry or all, in
    /// the order they were recorded.
    pub fn events(&self, key: Option<&ReviewKey>) -> Result<Vec<RiskEvent>, StoreError> {
        self.read(|c| {
            let sql = format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE removed = 0");
            let rows: Vec<RiskEvent> = match key {
                Some(k) => {
                    let mut st = c.prepare(&format!(
                        "{sql} AND dataset = ?1 AND key = ?2 AND variant = ?3 ORDER BY id"
                    ))?;
                    let rows = st.query_map(params![k.dataset, k.key, k.variant], row_to_event)?;
                    rows.collect::<rusqlite::Result<_>>()?
                }
                None => {
                    let mut st = c.prepare(&format!("{sql} ORDER BY id"))?;
                    let rows = st.query_map([], row_to_event)?;
                    rows.collect::<rusqlite::Result<_>>()?
                }
            };
            Ok(rows)
        })
    }

    /// One event by id, removed or not.
    pub fn event(&self, id: &str) -> anyhow::Result<RiskEvent> {
        let n = event_number(id)?;
        self.read(|c| {
            c.query_row(
                &format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE id = ?1"),
                [n],
                row_to_event,
            )
            .optional()
        })?
        .ok_or_else(|| {
            StoreError::NoSuchItem(format!("no risk event R{n} in {}", self.path().display()))
                .into()
        })
    }

    /// Records a new event on the entry at `key`; its id is `R` + a number
    /// never given before.
    pub fn add_event(
        &mut self,
        key: &ReviewKey,
        title: &str,
        text: &str,
        factors: &[Factor],
        note: &str,
    ) -> anyhow::Result<RiskEvent> {
        check_text(text)?;
        let mut factors = factors.to_vec();
        factors.sort();
        factors.dedup();
        let id = self.write(|w| {
            let sql = w.sql();
            w.tx.execute(
                "INSERT INTO risk_events (dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
                params![key.dataset, key.key, key.variant, title, text.trim(), Factor::join(&factors), note, w.now, w.identity.who()],
            )
            .map_err(&sql)?;
            let id = w.tx.last_insert_rowid();
            let item = format!("R{id}");
            w.audit("risk", &item, key, "event", None, Some(text.trim().to_string()))?;
            if !factors.is_empty() {
                w.audit("risk", &item, key, "factors", None, Some(Factor::join(&factors)))?;
            }
            if !note.is_empty() {
                w.audit("risk", &item, key, "note", None, Some(note.to_string()))?;
            }
            Ok(id)
        })?;
        self.event(&format!("R{id}"))
    }

    /// Changes an event's text, factors or note (one transaction).
    pub fn set_event(&mut self, id: &str, change: &EventChange) -> anyhow::Result<RiskEvent> {
        if let Some(t) = &change.text {
            check_text(t)?;
        }
        let old = self.event(id)?;
        if old.removed {
            bail!(
                "risk event {} was removed; it stays in the audit log but cannot be changed",
                old.id
            );
        }
        let mut factors = old.factors.clone();
        factors.extend(change.add.iter().copied());
        factors.retain(|f| !change.remove.contains(f));
        factors.sort();
        factors.dedup();
        let text = change
            .text
            .as_deref()
            .map(str::trim)
            .unwrap_or(&old.text)
            .to_string();
        let note = change.note.clone().unwrap_or_else(|| old.note.clone());
        let n = event_number(&old.id)?;
        self.write(|w| {
            let sql = w.sql();
            w.tx.execute(
                "UPDATE risk_events SET text = ?1, factors = ?2, note = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                params![text, Factor::join(&factors), note, w.now, w.identity.who(), n],
            )
            .map_err(&sql)?;
            let k = key_of(&old);
            w.audit("risk", &old.id, k, "event", Some(old.text.clone()), Some(text.clone()))?;
            w.audit("risk", &old.id, k, "factors", Some(Factor::join(&old.factors)), Some(Factor::join(&factors)))?;
            w.audit("risk", &old.id, k, "note", Some(old.note.clone()), Some(note.clone()))?;
            Ok(())
        })?;
        self.event(&old.id)
    }

    /// Removes an event from the register (it stays in the store and the
    /// audit log).
    pub fn remove_event(&mut self, id: &str) -> anyhow::Result<RiskEvent> {
        let old = self.event(id)?;
        if old.removed {
            return Ok(old);
        }
        let n = event_number(&old.id)?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE risk_events SET removed = 1, updated_at = ?1, updated_by = ?2 WHERE id = ?3",
                params![w.now, w.identity.who(), n],
            )
            .map_err(w.sql())?;
            w.audit("risk", &old.id, key_of(&old), "removed", Some("no".into()), Some("sì".into()))?;
            Ok(())
        })?;
        self.event(&old.id)
    }

    /// The risk area recorded for an entry.
    pub fn area(&self, key: &ReviewKey) -> Result<Option<Area>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT area FROM risk_areas WHERE dataset = ?1 AND key = ?2 AND variant = ?3",
                params![key.dataset, key.key, key.variant],
                |r| r.get::<_, String>(0),
            )
            .optional()
        })
        .map(|a| a.and_then(|a| Area::parse(&a).ok()))
    }

    /// Every recorded area.
    pub fn areas(&self) -> Result<Vec<(ReviewKey, Area)>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare(
                "SELECT dataset, key, variant, area FROM risk_areas ORDER BY dataset, key, variant",
            )?;
            let rows = st.query_map([], |r| {
                Ok((
                    ReviewKey {
                        dataset: r.get(0)?,
                        key: r.get(1)?,
                        variant: r.get(2)?,
                    },
                    r.get::<_, String>(3)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .map(|v| {
            v.into_iter()
                .filter_map(|(k, a)| Area::parse(&a).ok().map(|a| (k, a)))
                .collect()
        })
    }

    /// Sets the entry's risk area (audited).
    pub fn set_area(&mut self, key: &ReviewKey, title: &str, area: Area) -> anyhow::Result<()> {
        let old = self.area(key)?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO risk_areas (dataset, key, variant, title, area, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (dataset, key, variant) DO UPDATE SET title = excluded.title, area = excluded.area, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![key.dataset, key.key, key.variant, title, area.slug(), w.now, w.identity.who()],
            )
            .map_err(w.sql())?;
            w.audit("area", &key.key, key, "area", old.map(|a| a.slug().to_string()), Some(area.slug().to_string()))?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(event_number("R12").unwrap(), 12);
        assert!(event_number("M3").is_err());
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

//! The officer's scales: review status, the qualitative levels of PNA 2019
//! and its six risk indicators. Slugs are what the store keeps and scripts
//! type; labels are the Italian words the documents use.

use super::vocabulary::vocabulary;

vocabulary! {
    /// Review progress.
    #[derive(Default)]
    pub enum Status ("stato") {
        #[default]
        DaEsaminare = "da_esaminare", "da esaminare", "to review";
        InEsame = "in_esame", "in esame", "under review";
        Esaminato = "esaminato", "esaminato", "reviewed";
        DaApprofondire = "da_approfondire", "da approfondire", "to look into";
    }
}

impl Status {
    /// The next status when cycling with one key.
    pub fn next(self) -> Status {
        match self {
            Status::DaEsaminare => Status::InEsame,
            Status::InEsame => Status::Esaminato,
            Status::Esaminato => Status::DaApprofondire,
            Status::DaApprofondire => Status::DaEsaminare,
        }
    }
}

vocabulary! {
    /// A level of the qualitative PNA 2019 scale.
    pub enum Level ("livello") {
        Basso = "basso", "basso", "low", ["b"];
        Medio = "medio", "medio", "medium", ["m"];
        Alto = "alto", "alto", "high", ["a"];
    }
}

vocabulary! {
    /// The six risk indicators of ANAC's PNA 2019, Allegato 1.
    pub enum Indicator ("indicatore") {
        Interesse = "interesse", "livello di interesse esterno", "level of external interest";
        Discrezionalita = "discrezionalita", "grado di discrezionalità del decisore interno",
            "discretion of the internal decision-maker";
        Eventi = "eventi", "manifestazione di eventi corruttivi in passato",
            "corruption events in the past";
        Opacita = "opacita", "opacità del processo decisionale", "opacity of the decision process";
        Collaborazione = "collaborazione", "livello di collaborazione del responsabile",
            "cooperation of the person responsible";
        Attuazione = "attuazione", "grado di attuazione delle misure di trattamento",
            "implementation of treatment measures";
    }
}

impl Indicator {
    /// Every indicator, in the order of PNA 2019.
    pub const ALL: [Indicator; 6] = [
        Indicator::Interesse,
        Indicator::Discrezionalita,
        Indicator::Eventi,
        Indicator::Opacita,
        Indicator::Collaborazione,
        Indicator::Attuazione,
    ];

    /// Column name and short name on the command line.
    pub fn short(self) -> &'static str {
        self.slug()
    }

    /// Its place in [`Indicator::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The level of each of the six indicators (none when not assessed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Indicators([Option<Level>; 6]);

impl Indicators {
    pub fn get(&self, i: Indicator) -> Option<Level> {
        self.0[i.index()]
    }

    pub fn set(&mut self, i: Indicator, level: Option<Level>) {
        self.0[i.index()] = level;
    }

    /// Each indicator with its level, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Indicator, Option<Level>)> + '_ {
        Indicator::ALL.into_iter().map(|i| (i, self.get(i)))
    }

    /// How many are at `level`.
    pub fn count(&self, level: Level) -> usize {
        self.0.iter().filter(|l| **l == Some(level)).count()
    }
}

impl serde::Serialize for Indicators {
    /// As the store's JSON always had it: a list of `[indicator, level]`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_with_or_without_accents() {
        assert_eq!(Indicator::parse("opacità").unwrap(), Indicator::Opacita);
        assert_eq!(
            Indicator::parse("DISCREZIONALITA").unwrap(),
            Indicator::Discrezionalita
        );
        assert_eq!(
            Indicator::parse("discrez").unwrap(),
            Indicator::Discrezionalita
        );
        assert_eq!(
            Status::parse("Da approfondire").unwrap(),
            Status::DaApprofondire
        );
        assert_eq!(Status::parse("in_esame").unwrap(), Status::InEsame);
        assert_eq!(Status::parse("reviewed").unwrap(), Status::Esaminato);
        assert_eq!(Level::parse("A").unwrap(), Level::Alto);
        assert!(Level::parse("altissimo").is_err());
        let e = Level::parse("x").unwrap_err();
        assert!(e.to_string().contains("basso, medio, alto"), "{e}");
    }

    #[test]
    fn slugs_are_what_the_store_keeps() {
        let slugs: Vec<&str> = Status::all().iter().map(|s| s.slug()).collect();
        assert_eq!(
            slugs,
            ["da_esaminare", "in_esame", "esaminato", "da_approfondire"]
        );
        assert_eq!(Level::Medio.label(), "medio");
        assert_eq!(Indicator::Discrezionalita.short(), "discrezionalita");
        assert_eq!(Indicator::all().len(), 6);
        assert_eq!(
            serde_json::to_string(&Status::InEsame).unwrap(),
            "\"in_esame\""
        );
        for i in Indicator::ALL {
            assert_eq!(Indicator::all()[i.index()], i);
        }
    }
}

//! A round's name: the plan year (`2026`), within the years a plan can
//! have (those of due dates, [`crate::review::time::DUE_YEARS`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The plan year a round is named by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year(i16);

/// Text that is not a plan year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" non è un anno del piano (dal 2000 al 2100)")]
pub struct BadYear(pub String);

impl Year {
    /// The year `y`, when a plan can have it.
    pub fn new(y: i64) -> Option<Year> {
        let (first, last) = crate::review::time::DUE_YEARS;
        (i64::from(first)..=i64::from(last))
            .contains(&y)
            .then_some(Year(y as i16))
    }

    /// The year a date falls in (clamped to the plan years).
    pub fn of(date: jiff::civil::Date) -> Year {
        let (first, last) = crate::review::time::DUE_YEARS;
        Year(date.year().clamp(first, last))
    }

    pub fn get(self) -> i64 {
        i64::from(self.0)
    }

    /// The year before.
    pub fn previous(self) -> Option<Year> {
        Year::new(self.get() - 1)
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Year {
    type Err = BadYear;

    fn from_str(text: &str) -> Result<Year, BadYear> {
        let t = text.trim();
        t.parse::<i64>()
            .ok()
            .filter(|_| t.len() == 4)
            .and_then(Year::new)
            .ok_or_else(|| BadYear(crate::text::clean(t).into_owned()))
    }
}

impl Serialize for Year {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.get())
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        let y = i64::deserialize(d)?;
        Year::new(y).ok_or_else(|| serde::de::Error::custom(BadYear(y.to_string())))
    }
}

impl rusqlite::ToSql for Year {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.get().into())
    }
}

impl rusqlite::types::FromSql for Year {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Year> {
        let y = v.as_i64()?;
        Year::new(y).ok_or(rusqlite::types::FromSqlError::OutOfRange(y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_as_people_write_them() {
        assert_eq!("2026".parse::<Year>().unwrap().get(), 2026);
        assert_eq!(" 2027 ".parse::<Year>().unwrap().to_string(), "2027");
        for bad in ["26", "1999", "2101", "20266", "anno", "-2026", "+202"] {
            assert!(bad.parse::<Year>().is_err(), "{bad}");
        }
        let y: Year = serde_json::from_str("2026").unwrap();
        assert_eq!(serde_json::to_string(&y).unwrap(), "2026");
        assert!(serde_json::from_str::<Year>("1900").is_err());
    }
}

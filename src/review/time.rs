//! Dates and times of the records, with jiff: timestamps in UTC to the
//! second for the audit log, calendar dates (interviews, due dates,
//! monitoring) as people write them, and the rules they must keep.

use jiff::civil::Date;
use jiff::Timestamp;

/// Now, to the second (what the store keeps).
pub fn now() -> Timestamp {
    let t = Timestamp::now();
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

/// A timestamp as the store writes it: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn stamp(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Today's date where the program runs (the chamber's time zone).
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// A calendar date written `YYYY-MM-DD` or, as in Italian documents,
/// `DD/MM/YYYY`; `None` for anything else or a day that does not exist.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let iso = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
    let italian = t.len() == 10 && t.as_bytes()[2] == b'/' && t.as_bytes()[5] == b'/';
    let date = if iso {
        Date::strptime("%Y-%m-%d", t).ok()?
    } else if italian {
        Date::strptime("%d/%m/%Y", t).ok()?
    } else {
        return None;
    };
    (date.year() >= 1900).then_some(date)
}

/// The first and last years a due date may fall in: outside them a date is
/// a typing mistake (2207 for 2027), not a plan.
pub const DUE_YEARS: (i16, i16) = (2000, 2100);

/// Whether `date` may be a due date.
pub fn plausible_due(date: Date) -> bool {
    (DUE_YEARS.0..=DUE_YEARS.1).contains(&date.year())
}

/// Serde for an optional date written as text, `""` when there is none
/// (how the store and its JSON have always written a missing date).
pub mod opt_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        super::parse_date(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// Serde for a change to an optional date: absent (no change), `""`
/// (cleared) or a date.
pub mod change_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Option<Date>>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            None => s.serialize_none(),
            Some(inner) => super::opt_date::serialize(inner, s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<Date>>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        match text {
            None => Ok(None),
            Some(t) if t.trim().is_empty() => Ok(Some(None)),
            Some(t) => super::parse_date(&t)
                .map(|d| Some(Some(d)))
                .ok_or_else(|| serde::de::Error::custom(format!("not a date: {t:?}"))),
        }
    }
}

/// Serde for a date written as text.
pub mod date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_date(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// Serde for a timestamp written `YYYY-MM-DDTHH:MM:SSZ`.
pub mod stamp {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::stamp(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde for an optional timestamp, `""` when there is none.
pub mod opt_stamp {
    use jiff::Timestamp;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::stamp(*t)),
            None => s.serialize_str(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2026-02-28").is_some() && parse_date("2026-02-30").is_none());
        assert!(parse_date("26-1-1").is_none() && parse_date("2024-02-29").is_some());
        assert!(parse_date("1899-12-31").is_none());
        assert_eq!(
            parse_date("20/11/2026").map(|d| d.to_string()).as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("2026-1-5"), None);
        let now = stamp(now());
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
        let t: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        assert_eq!(stamp(t), "2026-12-01T10:00:00Z");
        assert!(plausible_due(parse_date("2027-06-30").unwrap()));
        assert!(!plausible_due(parse_date("2207-06-30").unwrap()));
        assert!(!plausible_due(parse_date("1999-12-31").unwrap()));
    }
}

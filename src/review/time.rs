//! Dates and times of the records, with jiff: timestamps in UTC for the
//! audit log, calendar dates (interviews, due dates, monitoring) as people
//! write them.

use jiff::civil::Date;

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Today's date where the program runs (the chamber's time zone).
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Today, unless `$MAPPA_TODAY` names another day: the schedule as it
/// will look on a given day (rehearsals, tests).
pub fn today_or_env() -> Date {
    std::env::var("MAPPA_TODAY")
        .ok()
        .and_then(|t| parse_date(&t))
        .unwrap_or_else(today)
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

/// `YYYY-MM-DD` with a real month and day.
pub fn valid_date(text: &str) -> bool {
    text.len() == 10 && text.as_bytes()[4] == b'-' && parse_date(text).is_some()
}

/// The normal form of a date people typed: `YYYY-MM-DD`.
pub fn normal_date(text: &str) -> Option<String> {
    parse_date(text).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(
            valid_date("2026-02-28")
                && !valid_date("2026-02-30")
                && !valid_date("26-1-1")
                && valid_date("2024-02-29")
                && !valid_date("1899-12-31")
        );
        assert_eq!(normal_date("20/11/2026").as_deref(), Some("2026-11-20"));
        assert_eq!(normal_date("31/02/2026"), None);
        assert_eq!(normal_date("2026-1-5"), None);
        assert!(now_utc().ends_with('Z') && now_utc().len() == 20);
    }
}

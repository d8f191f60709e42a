//! The kinds of record the store keeps, as one table: for each, the name
//! the audit log gives it, its table, and how its stored row reads as the
//! fields the log writes. The log is the difference of those fields before
//! and after each change (see `write.rs`), so replaying the log gives back
//! every stored record (see `verify.rs`): the one reading below is the
//! only definition of a field's text, for writing and for proving alike.
//!
//! A new record type is a variant here, a reader, and its own file for
//! the typed operations.

use super::key::ReviewKey;
use super::rounds::Year;
use crate::model::{CheckId, DecisionId, EventId, MeasureId};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::BTreeMap;
use std::fmt;

/// A record's audited fields: name → value, `None` when empty.
pub type Fields = BTreeMap<String, Option<String>>;

/// What kind of record an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Review,
    Area,
    Event,
    Measure,
    Check,
    Decision,
    Round,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Review,
        RecordKind::Area,
        RecordKind::Event,
        RecordKind::Measure,
        RecordKind::Check,
        RecordKind::Decision,
        RecordKind::Round,
    ];

    /// Whether each round holds its own version of such a record (link
    /// decisions belong to the maps; a round is its own record).
    pub fn per_round(self) -> bool {
        !matches!(self, RecordKind::Decision | RecordKind::Round)
    }

    /// The audit log's `record` column (as written since release 0.2).
    pub fn slug(self) -> &'static str {
        match self {
            RecordKind::Review => "review",
            RecordKind::Area => "area",
            RecordKind::Event => "risk",
            RecordKind::Measure => "measure",
            RecordKind::Check => "monitoring",
            RecordKind::Decision => "link",
            RecordKind::Round => "round",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The table that holds its records (the main one).
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Review => "reviews",
            RecordKind::Area => "risk_areas",
            RecordKind::Event => "risk_events",
            RecordKind::Measure => "measures",
            RecordKind::Check => "monitoring",
            RecordKind::Decision => "link_decisions",
            RecordKind::Round => "rounds",
        }
    }

    /// The table a field is kept in, when not the main one.
    pub fn table_of(self, field: &str) -> &'static str {
        match (self, field) {
            (RecordKind::Measure, "phases") => "measure_phases",
            (RecordKind::Measure, "targets") => "measure_targets",
            _ => self.table(),
        }
    }

    /// The fields of a record that was never written.
    pub fn defaults(self) -> Fields {
        match self {
            RecordKind::Review => [("status".to_string(), Some("da_esaminare".to_string()))]
                .into_iter()
                .collect(),
            _ => Fields::new(),
        }
    }
}

/// Which record: an entry's review or area (by the entry's key), or an item
/// with its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordName {
    Entry(ReviewKey),
    Event(EventId),
    Measure(MeasureId),
    Check(CheckId),
    Decision(DecisionId),
    Round(Year),
}

impl RecordName {
    /// The audit log's `item` column: the id, none for an entry.
    pub fn item(&self) -> Option<String> {
        match self {
            RecordName::Entry(_) => None,
            RecordName::Event(id) => Some(id.to_string()),
            RecordName::Measure(id) => Some(id.to_string()),
            RecordName::Check(id) => Some(id.to_string()),
            RecordName::Decision(id) => Some(id.to_string()),
            RecordName::Round(y) => Some(y.to_string()),
        }
    }

    /// The name of the record `kind` an audit row with this `item` and
    /// entry `key` is about; none when the item is not of that kind (rows
    /// of earlier releases named a check by its measure).
    pub fn of_row(kind: RecordKind, item: Option<&str>, key: &ReviewKey) -> Option<RecordName> {
        Some(match kind {
            RecordKind::Review | RecordKind::Area => RecordName::Entry(key.clone()),
            RecordKind::Event => RecordName::Event(item?.parse().ok()?),
            RecordKind::Measure => RecordName::Measure(item?.parse().ok()?),
            RecordKind::Check => RecordName::Check(item?.parse().ok()?),
            RecordKind::Decision => RecordName::Decision(item?.parse().ok()?),
            RecordKind::Round => RecordName::Round(item?.parse().ok()?),
        })
    }
}

impl RecordName {
    /// An item as written in the log, by its letter (R, M, V, L); none for
    /// anything else (rows of earlier releases named an area by its code).
    pub fn parse_item(text: &str) -> Option<RecordName> {
        match text.chars().next()? {
            'R' => text.parse().ok().map(RecordName::Event),
            'M' => text.parse().ok().map(RecordName::Measure),
            'V' => text.parse().ok().map(RecordName::Check),
            'L' => text.parse().ok().map(RecordName::Decision),
            '0'..='9' => text.parse().ok().map(RecordName::Round),
            _ => None,
        }
    }
}

impl fmt::Display for RecordName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordName::Entry(k) => f.write_str(&entry_text(k)),
            RecordName::Event(id) => id.fmt(f),
            RecordName::Measure(id) => id.fmt(f),
            RecordName::Check(id) => id.fmt(f),
            RecordName::Decision(id) => id.fmt(f),
            RecordName::Round(y) => write!(f, "ciclo {y}"),
        }
    }
}

/// An entry's key as a field's text: `catalogo A2.3.1.1 #1` (the key may
/// hold spaces; the dataset and the variant never do).
pub fn entry_text(k: &ReviewKey) -> String {
    format!("{} {} #{}", k.dataset, k.key, k.variant)
}

/// The key written by [`entry_text`].
pub fn parse_entry(text: &str) -> Option<ReviewKey> {
    let (dataset, rest) = text.split_once(' ')?;
    let (key, variant) = rest.rsplit_once(" #")?;
    Some(ReviewKey {
        dataset: dataset.to_string(),
        key: key.to_string(),
        variant: variant.parse().ok()?,
    })
}

fn text(r: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(r.get::<_, Option<String>>(i)?.filter(|s| !s.is_empty()))
}

fn flag(r: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    Ok((r.get::<_, i64>(i)? != 0).then(|| "sì".to_string()))
}

fn key_at(r: &Row, i: usize) -> rusqlite::Result<ReviewKey> {
    Ok(ReviewKey {
        dataset: r.get(i)?,
        key: r.get(i + 1)?,
        variant: r.get(i + 2)?,
    })
}

fn fields<const N: usize>(pairs: [(&str, Option<String>); N]) -> Fields {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.filter(|s| !s.is_empty())))
        .collect()
}

const REVIEW_COLUMNS: &str =
    "round, dataset, key, variant, status, notes, interesse, discrezionalita, eventi, opacita, \
     collaborazione, attuazione, judgement, motivation, office, interview_date, present, carried_from";

/// The fields of a review, in the order [`REVIEW_COLUMNS`] selects them.
const REVIEW_FIELDS: [&str; 14] = [
    "status",
    "notes",
    "interesse",
    "discrezionalita",
    "eventi",
    "opacita",
    "collaborazione",
    "attuazione",
    "judgement",
    "motivation",
    "office",
    "interview_date",
    "present",
    "carried_from",
];

// Every reader below gets a row whose column 0 is the round (see `select`).

fn review_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let mut f = Fields::new();
    for (i, name) in REVIEW_FIELDS.iter().enumerate() {
        let value = if *name == "carried_from" {
            r.get::<_, Option<i64>>(4 + i)?.map(|y| y.to_string())
        } else {
            text(r, 4 + i)?
        };
        f.insert(name.to_string(), value);
    }
    Ok((RecordName::Entry(key_at(r, 1)?), f))
}

fn area_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    Ok((
        RecordName::Entry(key_at(r, 1)?),
        fields([("area", text(r, 4)?)]),
    ))
}

fn event_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let id = EventId::new(r.get(1)?).ok_or(rusqlite::Error::InvalidQuery)?;
    Ok((
        RecordName::Event(id),
        fields([
            ("entry", Some(entry_text(&key_at(r, 2)?))),
            ("event", text(r, 5)?),
            ("factors", text(r, 6)?),
            ("note", text(r, 7)?),
            ("removed", flag(r, 8)?),
        ]),
    ))
}

fn check_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let id = CheckId::new(r.get(1)?).ok_or(rusqlite::Error::InvalidQuery)?;
    let measure = MeasureId::new(r.get(2)?).map(|m| m.to_string());
    Ok((
        RecordName::Check(id),
        fields([
            ("measure", measure),
            ("date", text(r, 3)?),
            ("state", text(r, 4)?),
            ("value", text(r, 5)?),
            ("evidence", text(r, 6)?),
            ("note", text(r, 7)?),
            ("removed", flag(r, 8)?),
        ]),
    ))
}

fn decision_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let id = DecisionId::new(r.get(1)?).ok_or(rusqlite::Error::InvalidQuery)?;
    Ok((
        RecordName::Decision(id),
        fields([
            ("catalogo", Some(entry_text(&key_at(r, 2)?))),
            ("link", Some(entry_text(&key_at(r, 5)?))),
            ("verdict", text(r, 8)?),
        ]),
    ))
}

fn round_fields(r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let year: Year = r.get(1)?;
    Ok((
        RecordName::Round(year),
        fields([
            ("state", text(r, 2)?),
            (
                "carried_from",
                r.get::<_, Option<i64>>(3)?.map(|y| y.to_string()),
            ),
            ("confirmed", flag(r, 4)?),
            ("reason", text(r, 5)?),
            ("map", text(r, 6)?),
        ]),
    ))
}

/// A measure's phases as one field: `[["2027-01-31", "text"], …]` in order.
pub fn phases_text(phases: &[(String, String)]) -> Option<String> {
    (!phases.is_empty()).then(|| serde_json::json!(phases).to_string())
}

/// What a measure treats as one field: `[["R12", "catalogo A1.1 #1"], ["",
/// "catalogo B1 #1"]]`, in a fixed order.
pub fn targets_text(targets: &[(Option<EventId>, ReviewKey)]) -> Option<String> {
    let mut list: Vec<(String, String)> = targets
        .iter()
        .map(|(e, k)| (e.map(|e| e.to_string()).unwrap_or_default(), entry_text(k)))
        .collect();
    list.sort();
    list.dedup();
    (!list.is_empty()).then(|| serde_json::json!(list).to_string())
}

/// The pairs written by [`targets_text`].
pub fn parse_targets(text: &str) -> Option<Vec<(Option<EventId>, ReviewKey)>> {
    let list: Vec<(String, String)> = serde_json::from_str(text).ok()?;
    list.into_iter()
        .map(|(e, k)| {
            let event = if e.is_empty() {
                None
            } else {
                Some(e.parse().ok()?)
            };
            Some((event, parse_entry(&k)?))
        })
        .collect()
}

/// The phases written by [`phases_text`].
pub fn parse_phases(text: &str) -> Option<Vec<(String, String)>> {
    serde_json::from_str(text).ok()
}

fn measure_fields(conn: &Connection, r: &Row) -> rusqlite::Result<(RecordName, Fields)> {
    let round: i64 = r.get(0)?;
    let n: i64 = r.get(1)?;
    let id = MeasureId::new(n).ok_or(rusqlite::Error::InvalidQuery)?;
    let phases: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT due, text FROM measure_phases WHERE round = ?1 AND measure = ?2 ORDER BY seq",
        )?
        .query_map([round, n], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let targets: Vec<(Option<EventId>, ReviewKey)> = conn
        .prepare_cached(
            "SELECT event, dataset, key, variant FROM measure_targets WHERE round = ?1 AND measure = ?2",
        )?
        .query_map([round, n], |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?.and_then(EventId::new),
                key_at(r, 1)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((
        RecordName::Measure(id),
        fields([
            ("measure", text(r, 2)?),
            ("kind", text(r, 3)?),
            ("type", text(r, 4)?),
            ("owner", text(r, 5)?),
            ("due", text(r, 6)?),
            ("indicator", text(r, 7)?),
            ("target", text(r, 8)?),
            ("target_date", text(r, 9)?),
            ("removed", flag(r, 10)?),
            ("phases", phases_text(&phases)),
            ("targets", targets_text(&targets)),
        ]),
    ))
}

/// The query of a kind's records: column 0 is the round (none for a
/// decision; a round's own year for a round).
fn select(kind: RecordKind) -> String {
    match kind {
        RecordKind::Review => format!("SELECT {REVIEW_COLUMNS} FROM reviews"),
        RecordKind::Area => "SELECT round, dataset, key, variant, area FROM risk_areas".into(),
        RecordKind::Event => {
            "SELECT round, id, dataset, key, variant, text, factors, note, removed FROM risk_events"
                .into()
        }
        RecordKind::Measure => {
            "SELECT round, id, text, kind, type, owner, due, indicator, target, target_date, removed FROM measures"
                .into()
        }
        RecordKind::Check => {
            "SELECT round, id, measure, date, state, value, evidence, note, removed FROM monitoring"
                .into()
        }
        RecordKind::Decision => {
            "SELECT NULL, id, c_dataset, c_key, c_variant, p_dataset, p_key, p_variant, verdict FROM link_decisions"
                .into()
        }
        RecordKind::Round => {
            "SELECT year, year, state, carried_from, confirmed, reason, map FROM rounds".into()
        }
    }
}

fn row_fields(
    kind: RecordKind,
    conn: &Connection,
    r: &Row,
) -> rusqlite::Result<(RecordName, Fields)> {
    match kind {
        RecordKind::Review => review_fields(r),
        RecordKind::Area => area_fields(r),
        RecordKind::Event => event_fields(r),
        RecordKind::Measure => measure_fields(conn, r),
        RecordKind::Check => check_fields(r),
        RecordKind::Decision => decision_fields(r),
        RecordKind::Round => round_fields(r),
    }
}

/// The round of a record as the replay and the proof key it: its round for
/// the kinds each round holds, none for the others.
pub type Scope = Option<Year>;

/// Every stored record of `kind` as its fields, with its round.
pub fn read_all(
    conn: &Connection,
    kind: RecordKind,
) -> rusqlite::Result<Vec<(Scope, RecordName, Fields)>> {
    read_where(conn, kind, None)
}

/// Every stored record of `kind` in `round` (all of them for the kinds
/// rounds do not hold).
pub fn read_round(
    conn: &Connection,
    kind: RecordKind,
    round: Year,
) -> rusqlite::Result<Vec<(Scope, RecordName, Fields)>> {
    read_where(conn, kind, Some(round))
}

fn read_where(
    conn: &Connection,
    kind: RecordKind,
    round: Option<Year>,
) -> rusqlite::Result<Vec<(Scope, RecordName, Fields)>> {
    let sql = match round {
        Some(_) if kind.per_round() => format!("{} WHERE round = ?1", select(kind)),
        _ => select(kind),
    };
    let mut st = conn.prepare(&sql)?;
    let mut rows = match round {
        Some(y) if kind.per_round() => st.query([y])?,
        _ => st.query([])?,
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let scope = if kind.per_round() {
            Some(r.get::<_, Year>(0)?)
        } else {
            None
        };
        let (name, fields) = row_fields(kind, conn, r)?;
        out.push((scope, name, fields));
    }
    Ok(out)
}

/// The stored fields of the record `kind`/`name` in `round` (ignored for
/// the kinds rounds do not hold); `None` when there is no row.
pub fn read(
    conn: &Connection,
    kind: RecordKind,
    round: Scope,
    name: &RecordName,
) -> rusqlite::Result<Option<Fields>> {
    let (filter, args): (&str, Vec<Box<dyn rusqlite::ToSql>>) = match name {
        RecordName::Entry(k) => (
            "dataset = ?2 AND key = ?3 AND variant = ?4",
            vec![
                Box::new(k.dataset.clone()),
                Box::new(k.key.clone()),
                Box::new(k.variant),
            ],
        ),
        RecordName::Event(i) => ("id = ?2", vec![Box::new(i.get())]),
        RecordName::Measure(i) => ("id = ?2", vec![Box::new(i.get())]),
        RecordName::Check(i) => ("id = ?2", vec![Box::new(i.get())]),
        RecordName::Decision(i) => ("id = ?2", vec![Box::new(i.get())]),
        RecordName::Round(y) => ("year = ?2", vec![Box::new(*y)]),
    };
    // A record of a round is read in its round; the others have none.
    let round_filter = if kind.per_round() {
        "round = ?1"
    } else {
        "?1 IS ?1"
    };
    let sql = format!("{} WHERE {round_filter} AND {filter}", select(kind));
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&round];
    params.extend(args.iter().map(|b| b.as_ref()));
    conn.prepare_cached(&sql)?
        .query_row(params.as_slice(), |r| {
            row_fields(kind, conn, r).map(|(_, f)| f)
        })
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_lists_read_back_as_written() {
        let k = ReviewKey {
            dataset: "ptpc2019".into(),
            key: "D1.3.4#progettazione di incoming".into(),
            variant: 2,
        };
        assert_eq!(parse_entry(&entry_text(&k)), Some(k.clone()));
        let targets = vec![(EventId::new(3), k.clone()), (None, k.clone())];
        let text = targets_text(&targets).unwrap();
        let mut back = parse_targets(&text).unwrap();
        back.sort();
        let mut want = targets.clone();
        want.sort();
        assert_eq!(back, want);
        assert_eq!(targets_text(&[]), None);
        let phases = vec![("2027-01-31".to_string(), "a; b (c)".to_string())];
        assert_eq!(parse_phases(&phases_text(&phases).unwrap()), Some(phases));
    }
}

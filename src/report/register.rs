//! The officer's registers gathered per entry: the review (analysis), the
//! risk area and events (identification), the measures (treatment) — and
//! their ranking (ponderazione). Shared by `mappa risk`, `mappa measure`,
//! the reports and the explorer.

use super::Entry;
use crate::model::Map;
use crate::review::measures::Measure;
use crate::review::risk::{Area, RiskEvent};
use crate::review::{all_keys, Indicator, Level, Review, ReviewKey, Store, StoreError};
use std::collections::{BTreeMap, HashMap};

/// Everything recorded about one entry.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub key: ReviewKey,
    /// The entry in the map; none for records whose entry left the map.
    pub entry: Option<Entry<'a>>,
    pub title: String,
    pub review: Option<Review>,
    /// The area recorded by the officer.
    pub area: Option<Area>,
    /// The area the entry's titles suggest (when none is recorded).
    pub suggested: Option<Area>,
    pub events: Vec<RiskEvent>,
    /// Measures treating the entry or one of its events.
    pub measures: Vec<Measure>,
}

impl Record<'_> {
    /// The area to show: recorded, else suggested.
    pub fn area_or_suggested(&self) -> Option<Area> {
        self.area.or(self.suggested)
    }

    pub fn judgement(&self) -> Option<Level> {
        self.review.as_ref().and_then(|r| r.judgement)
    }

    /// How many of the six indicators are `alto`.
    pub fn high_indicators(&self) -> usize {
        self.review.as_ref().map_or(0, |r| {
            Indicator::ALL
                .iter()
                .filter(|i| r.indicator(**i) == Some(Level::Alto))
                .count()
        })
    }

    /// Whether `office` (as written or close) is responsible for the entry
    /// or was named at its interview.
    pub fn concerns(&self, office: &str) -> bool {
        let wanted = crate::roles::role_key(office);
        if wanted.is_empty() {
            return true;
        }
        let mut names: Vec<String> = self
            .entry
            .map(|(_, n)| {
                crate::roles::node_parties(n)
                    .into_iter()
                    .map(|(_, p)| p)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(r) = &self.review {
            names.push(r.office.clone());
        }
        names
            .iter()
            .any(|n| crate::roles::role_key(n).contains(wanted.as_str()))
    }
}

/// Suggests the area of a node from its title and its ancestors'.
pub fn suggested_area(entry: Entry) -> Option<Area> {
    let (ds, node) = entry;
    let mut titles: Vec<&str> = vec![&node.title];
    let ancestors = ds.ancestors(node);
    titles.extend(ancestors.iter().rev().map(|a| -> &str { &a.title }));
    Area::suggest(titles)
}

/// The records of every entry that has any (review, area, events, measures).
pub fn records<'a>(map: &'a Map, store: &Store) -> Result<Vec<Record<'a>>, StoreError> {
    Ok(records_from(
        map,
        store.all()?,
        store.areas()?,
        store.events(None)?,
        store.measures()?,
    ))
}

/// The same from records already read (the explorer's cache).
pub fn records_from<'a>(
    map: &'a Map,
    reviews: Vec<Review>,
    areas: Vec<(ReviewKey, Area)>,
    events: Vec<RiskEvent>,
    measures: Vec<Measure>,
) -> Vec<Record<'a>> {
    let keys = all_keys(map);
    let entries: HashMap<ReviewKey, Entry> = map
        .datasets
        .iter()
        .zip(keys)
        .flat_map(|(d, ks)| d.nodes.iter().zip(ks).map(move |(n, k)| (k, (d, n))))
        .collect();
    let mut by_key: BTreeMap<ReviewKey, Record> = BTreeMap::new();
    let mut record = |key: &ReviewKey, title: &str| -> ReviewKey {
        by_key.entry(key.clone()).or_insert_with(|| {
            let entry = entries.get(key).copied();
            Record {
                key: key.clone(),
                entry,
                title: entry.map_or_else(|| title.to_string(), |(_, n)| n.title.to_string()),
                review: None,
                area: None,
                suggested: entry.and_then(suggested_area),
                events: Vec::new(),
                measures: Vec::new(),
            }
        });
        key.clone()
    };
    let mut keys_seen: Vec<(ReviewKey, String)> = Vec::new();
    keys_seen.extend(reviews.iter().map(|r| (r.key.clone(), r.title.clone())));
    keys_seen.extend(areas.iter().map(|(k, _)| (k.clone(), String::new())));
    keys_seen.extend(events.iter().map(|e| (e.key.clone(), e.title.clone())));
    keys_seen.extend(
        measures
            .iter()
            .flat_map(|m| m.targets.iter().map(|t| (t.key.clone(), t.title.clone()))),
    );
    for (k, t) in &keys_seen {
        record(k, t);
    }
    for r in reviews {
        if let Some(rec) = by_key.get_mut(&r.key) {
            rec.review = Some(r);
        }
    }
    for (k, a) in areas {
        if let Some(rec) = by_key.get_mut(&k) {
            rec.area = Some(a);
        }
    }
    for e in events {
        if let Some(rec) = by_key.get_mut(&e.key) {
            rec.events.push(e);
        }
    }
    for m in measures {
        let mut keys: Vec<&ReviewKey> = m.targets.iter().map(|t| &t.key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            if let Some(rec) = by_key.get_mut(k) {
                rec.measures.push(m.clone());
            }
        }
    }
    by_key.into_values().collect()
}

/// The ponderazione: by overall judgement (alto, medio, basso, none), then
/// by the number of `alto` indicators, then by the number of events; ties
/// in key order.
pub fn rank(records: &mut [Record]) {
    let weight = |l: Option<Level>| match l {
        Some(Level::Alto) => 3,
        Some(Level::Medio) => 2,
        Some(Level::Basso) => 1,
        None => 0,
    };
    records.sort_by(|a, b| {
        weight(b.judgement())
            .cmp(&weight(a.judgement()))
            .then(b.high_indicators().cmp(&a.high_indicators()))
            .then(b.events.len().cmp(&a.events.len()))
            .then(a.key.cmp(&b.key))
    });
}

/// The records of an entry in the map (for the explorer's detail pane).
pub fn of_key<'a>(records: &'a [Record<'a>], key: &ReviewKey) -> Option<&'a Record<'a>> {
    records.iter().find(|r| r.key == *key)
}

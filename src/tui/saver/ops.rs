//! The officer's records other than review fields, as the explorer queues
//! them: risk events, areas, measures, monitoring. Each is applied as one
//! store transaction, in the order it was made.

use crate::review::measures::{MeasureFields, MonitoringFields, Target};
use crate::review::risk::{Area, EventChange, Factor};
use crate::review::{ReviewKey, Store};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    AddEvent {
        key: ReviewKey,
        title: String,
        text: String,
        factors: Vec<Factor>,
    },
    SetEvent {
        id: String,
        change: EventChange,
    },
    RemoveEvent {
        id: String,
    },
    SetArea {
        key: ReviewKey,
        title: String,
        area: Area,
    },
    AddMeasure {
        fields: MeasureFields,
        targets: Vec<Target>,
    },
    SetMeasure {
        id: String,
        fields: MeasureFields,
    },
    Monitor {
        id: String,
        record: MonitoringFields,
    },
}

impl Op {
    /// Writes the record; says what was written.
    pub fn apply(&self, store: &mut Store) -> anyhow::Result<String> {
        Ok(match self {
            Op::AddEvent {
                key,
                title,
                text,
                factors,
            } => store.add_event(key, title, text, factors, "")?.id,
            Op::SetEvent { id, change } => store.set_event(id, change)?.id,
            Op::RemoveEvent { id } => store.remove_event(id)?.id,
            Op::SetArea { key, title, area } => {
                store.set_area(key, title, *area)?;
                area.label().to_string()
            }
            Op::AddMeasure { fields, targets } => store.add_measure(fields, targets)?.id,
            Op::SetMeasure { id, fields } => store.set_measure(id, fields)?.id,
            Op::Monitor { id, record } => store.monitor(id, record)?.id,
        })
    }

    /// The entry the record is about, when it is known without the store.
    pub fn key(&self) -> Option<&ReviewKey> {
        match self {
            Op::AddEvent { key, .. } | Op::SetArea { key, .. } => Some(key),
            Op::AddMeasure { targets, .. } => targets.first().map(|t| &t.key),
            _ => None,
        }
    }
}

//! The officer's records other than review fields, as the explorer queues
//! them: risk events, areas, measures, monitoring checks and their
//! corrections. Each is applied as one store transaction, in the order it
//! was made.

use crate::model::{CheckId, EventId, MeasureId};
use crate::review::measures::{CheckFields, MeasureFields, Target};
use crate::review::risk::{Area, EventChange, Factor};
use crate::review::{ReviewKey, Store, StoreError};
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
        id: EventId,
        change: EventChange,
    },
    RemoveEvent {
        id: EventId,
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
        id: MeasureId,
        fields: MeasureFields,
    },
    RemoveMeasure {
        id: MeasureId,
    },
    Monitor {
        id: MeasureId,
        record: CheckFields,
    },
    /// A check corrected.
    SetCheck {
        id: CheckId,
        record: CheckFields,
    },
    /// A check recorded by mistake, removed.
    RemoveCheck {
        id: CheckId,
    },
}

impl Op {
    /// Writes the record; says what was written (its id).
    pub fn apply(&self, store: &mut Store) -> Result<String, StoreError> {
        Ok(match self {
            Op::AddEvent {
                key,
                title,
                text,
                factors,
            } => store
                .add_event(key, title, text, factors, "")?
                .id
                .to_string(),
            Op::SetEvent { id, change } => store.set_event(*id, change)?.id.to_string(),
            Op::RemoveEvent { id } => store.remove_event(*id)?.id.to_string(),
            Op::SetArea { key, title, area } => {
                store.set_area(key, title, Some(*area))?;
                area.label().to_string()
            }
            Op::AddMeasure { fields, targets } => {
                store.add_measure(fields, targets)?.id.to_string()
            }
            Op::SetMeasure { id, fields } => store.set_measure(*id, fields)?.id.to_string(),
            Op::RemoveMeasure { id } => store.set_measure_removed(*id, true)?.id.to_string(),
            Op::Monitor { id, record } => store.monitor(*id, record)?.to_string(),
            Op::SetCheck { id, record } => store.set_check(*id, record)?.id.to_string(),
            Op::RemoveCheck { id } => store.set_check_removed(*id, true)?.id.to_string(),
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

//! The RPCT's review store: status, notes, the six PNA 2019 indicators and
//! a motivated judgement per entry, in SQLite (WAL, one transaction per
//! change, every change in a hash-chained audit log). Notes are keyed by
//! dataset, code and variant, so a re-imported map keeps them; entries whose
//! key is gone are kept and listed as orphans, never dropped.

pub mod areas;
pub mod audit;
mod error;
mod key;
mod links;
pub mod measures;
mod open;
mod record;
pub mod risk;
mod rows;
mod scale;
mod schema;
mod store;
pub mod time;
mod write;

pub use error::{Conflict, StoreError};
pub use key::{all_keys, ReviewKey, RENAMED};
pub use links::{LinkDecision, Verdict};
pub use record::{AuditEntry, Change, Identity, Review};
pub use scale::{Indicator, Level, Status};
pub use schema::{APPLICATION_ID, VERSION as SCHEMA_VERSION};
pub use store::{Base, Revision, Store};

//! The RPCT's review store: status, notes, the six PNA 2019 indicators and
//! a motivated judgement per entry, the risk register, measures and their
//! monitoring, and the decisions on links, in SQLite (WAL, one transaction
//! per change, every change in a hash-chained audit log that replays to
//! the very records the tables hold). Records are keyed by dataset, code
//! and variant, so a re-imported map keeps them; entries whose key is gone
//! are kept and listed as orphans, never dropped.

pub mod areas;
pub mod audit;
mod error;
mod key;
pub mod kinds;
pub mod limits;
mod links;
pub mod measures;
pub mod monitoring;
mod open;
pub mod reattach;
mod record;
pub mod replay;
mod revert;
pub mod risk;
pub mod rounds;
mod rows;
mod scale;
mod schema;
mod store;
pub mod time;
pub mod verify;
pub mod vocabulary;
mod write;

pub use audit::{BadSeal, SealPrefix, Verification};
pub use error::{Conflict, Invalid, Refused, SqliteCause, StoreError};
pub use key::{all_keys, ReviewKey, RENAMED};
pub use kinds::{RecordKind, RecordName};
pub use links::{LinkDecision, Verdict};
pub use record::{AuditEntry, BadName, Change, Identity, Review};
pub use revert::Reverted;
pub use rounds::{Carried, Carry, Fingerprint, MapImage, Round, RoundState, Year};
pub use scale::{Indicator, Indicators, Level, Status};
pub use schema::{APPLICATION_ID, VERSION as SCHEMA_VERSION};
pub use store::{Base, Revision, Store};
pub use vocabulary::{UnknownLabel, Vocabulary};

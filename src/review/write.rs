//! One audited write transaction, what every record type builds on: the
//! record's stored fields are read before and after the change, and every
//! field that differs is one audit row (old → new). The log is thereby the
//! history of the tables themselves, which `verify` replays.

use super::audit::{self, AuditRow};
use super::error::StoreError;
use super::key::ReviewKey;
use super::kinds::{self, Fields, RecordKind, RecordName};
use super::record::Identity;
use super::rounds::Year;
use super::store::Store;
use jiff::Timestamp;
use rusqlite::{Connection, TransactionBehavior};
use std::path::PathBuf;
use std::time::Duration;

/// One audited write: what the record-type modules build on.
pub(crate) struct Write<'t> {
    pub tx: &'t rusqlite::Transaction<'t>,
    pub now: Timestamp,
    pub identity: Identity,
    pub path: PathBuf,
    /// The round the change is in (none for a change of the store's own
    /// records: link decisions, rounds).
    pub round: Option<Year>,
}

/// The field written in an audit row that holds a whole record.
pub(crate) const WHOLE: &str = "*";

impl Write<'_> {
    pub fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, "write", &e)
    }

    /// The record's stored fields now (the kind's defaults when there is
    /// no row).
    pub fn fields(&self, kind: RecordKind, name: &RecordName) -> Result<Fields, StoreError> {
        Ok(kinds::read(self.tx, kind, self.round, name)
            .map_err(self.sql())?
            .unwrap_or_else(|| kind.defaults()))
    }

    /// Runs `change` on the tables and writes an audit row for every field
    /// of the record that it changed; returns the newest row's id (0 when
    /// nothing changed) with what `change` returned.
    pub fn change<T>(
        &self,
        kind: RecordKind,
        name: &RecordName,
        key: &ReviewKey,
        change: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<(T, i64), StoreError> {
        let before = self.fields(kind, name)?;
        let value = change()?;
        let after = self.fields(kind, name)?;
        let revision = self.log(kind, name, key, &before, &after)?;
        Ok((value, revision))
    }

    /// The audit rows of a record just made: every field it has that its
    /// kind's defaults do not.
    pub fn created(
        &self,
        kind: RecordKind,
        name: &RecordName,
        key: &ReviewKey,
    ) -> Result<i64, StoreError> {
        let after = self.fields(kind, name)?;
        self.log(kind, name, key, &kind.defaults(), &after)
    }

    /// An audit row per field that differs between `before` and `after`.
    pub fn log(
        &self,
        kind: RecordKind,
        name: &RecordName,
        key: &ReviewKey,
        before: &Fields,
        after: &Fields,
    ) -> Result<i64, StoreError> {
        let mut last = 0;
        let names: std::collections::BTreeSet<&String> =
            before.keys().chain(after.keys()).collect();
        for field in names {
            let old = before.get(field).cloned().flatten();
            let new = after.get(field).cloned().flatten();
            if old != new {
                last = self.row(kind, name, key, field, old, new)?;
            }
        }
        Ok(last)
    }

    /// The round of a change made with [`Store::write_round`].
    pub fn year(&self) -> Year {
        self.round
            .expect("a change of a round's record is made with write_round")
    }

    /// A new id for a record of `table` (events, measures): never given
    /// before, in any round.
    pub fn next_id(&self, table: &'static str) -> Result<i64, StoreError> {
        self.tx
            .query_row(
                &format!(
                    "INSERT INTO sequences (name, last) VALUES (?1, (SELECT coalesce(max(id), 0) FROM {table}) + 1) \
                     ON CONFLICT (name) DO UPDATE SET last = max(last, (SELECT coalesce(max(id), 0) FROM {table})) + 1 \
                     RETURNING last"
                ),
                [table],
                |r| r.get(0),
            )
            .map_err(self.sql())
    }

    /// One row holding a whole record (carried into a new round).
    pub fn whole(
        &self,
        kind: RecordKind,
        name: &RecordName,
        key: &ReviewKey,
        fields: &Fields,
    ) -> Result<i64, StoreError> {
        let json = serde_json::to_string(fields).unwrap_or_default();
        self.row(kind, name, key, WHOLE, None, Some(json))
    }

    /// The round an audit row about such a record is in.
    fn round_of(&self, kind: RecordKind, name: &RecordName) -> Option<i64> {
        match (kind, name) {
            (RecordKind::Round, RecordName::Round(y)) => Some(y.get()),
            (k, _) if k.per_round() => self.round.map(Year::get),
            _ => None,
        }
    }

    fn row(
        &self,
        kind: RecordKind,
        name: &RecordName,
        key: &ReviewKey,
        field: &str,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<i64, StoreError> {
        let row = AuditRow {
            at: super::time::stamp(self.now),
            who: self.identity.who().to_string(),
            account: Some(self.identity.account.clone()),
            name: self.identity.name.clone(),
            record: kind.slug().to_string(),
            item: name.item(),
            round: self.round_of(kind, name),
            dataset: key.dataset.clone(),
            key: key.key.clone(),
            variant: key.variant,
            field: field.to_string(),
            old,
            new,
        };
        audit::append(self.tx, &row).map_err(self.sql())
    }
}

impl Store {
    /// Runs `f` in one write transaction (IMMEDIATE: the lock is taken up
    /// front), retrying while another writer holds the lock; refused on a
    /// read-only store. `f` may run more than once: it must only write.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnMut(&Write) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write_in(false, f)
    }

    /// As [`Store::write`], in the round in use: refused when it is closed;
    /// a store with no round yet gets it (see `rounds::enter`).
    pub(crate) fn write_round<T>(
        &mut self,
        f: impl FnMut(&Write) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write_in(true, f)
    }

    fn write_in<T>(
        &mut self,
        in_round: bool,
        mut f: impl FnMut(&Write) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: self.read_only_why.clone(),
            });
        }
        let retries = if self.busy >= Duration::from_secs(5) {
            20
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            let path = self.path.clone();
            let identity = self.identity.clone();
            let result = (|| -> Result<T, StoreError> {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| StoreError::sqlite(&path, "write", &e))?;
                let mut w = Write {
                    tx: &tx,
                    now: super::time::now(),
                    identity,
                    path: path.clone(),
                    round: None,
                };
                if in_round {
                    let year = super::rounds::enter(
                        &w,
                        self.round_choice.get(),
                        self.today,
                        self.map.as_deref(),
                    )?;
                    w.round = Some(year);
                }
                let value = f(&w)?;
                drop(w);
                tx.commit()
                    .map_err(|e| StoreError::sqlite(&path, "write", &e))?;
                Ok(value)
            })();
            match result {
                Err(e) if e.is_busy() && attempt < retries => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                other => return other,
            }
        }
    }

    /// Reads in one transaction: several statements see one state of the
    /// store, whatever other processes commit meanwhile.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let fail = |e: rusqlite::Error| StoreError::sqlite(&self.path, "read", &e);
        // A read inside a read: the outer transaction holds the snapshot.
        if !self.conn.is_autocommit() {
            return f(&self.conn).map_err(fail);
        }
        self.conn.execute_batch("BEGIN").map_err(fail)?;
        let result = f(&self.conn);
        let end = self
            .conn
            .execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = result.map_err(fail)?;
        end.map_err(fail)?;
        Ok(value)
    }
}

impl Store {
    /// Reads in one transaction, in the round in use (see
    /// [`Store::round`]).
    pub(crate) fn read_round<T>(
        &self,
        f: impl FnOnce(&Connection, Year) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let choice = self.round_choice.get();
        let today = self.today;
        self.read(|c| {
            let year = super::rounds::resolve(c, choice, today)?;
            f(c, year)
        })
    }
}

//! One audited write transaction, what every record type builds on.

use super::audit::{self, AuditRow};
use super::error::StoreError;
use super::key::ReviewKey;
use super::record::Identity;
use super::store::{is_busy, Store};
use super::time;
use rusqlite::{Connection, TransactionBehavior};
use std::path::PathBuf;
use std::time::Duration;

/// One audited write: what the record-type modules (`risk.rs`,
/// `measures.rs`, `links.rs`) build on.
pub(crate) struct Write<'t> {
    pub tx: &'t rusqlite::Transaction<'t>,
    pub now: String,
    pub identity: Identity,
    pub path: PathBuf,
}

impl Write<'_> {
    pub fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, "write", &e)
    }

    /// An audit row about `item` (R12, M3, L4) of the entry at `key`.
    pub fn audit(
        &self,
        record: &str,
        item: &str,
        key: &ReviewKey,
        field: &str,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<i64, StoreError> {
        if old == new {
            return Ok(0);
        }
        let row = AuditRow {
            at: self.now.clone(),
            who: self.identity.who().to_string(),
            account: Some(self.identity.account.clone()),
            name: self.identity.name.clone(),
            record: record.to_string(),
            item: Some(item.to_string()),
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
        mut f: impl FnMut(&Write) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: self.read_only_why.clone(),
            }
            .into());
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
            let result = (|| {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| StoreError::sqlite(&path, "write", &e))?;
                let w = Write {
                    tx: &tx,
                    now: time::now_utc(),
                    identity,
                    path: path.clone(),
                };
                let value = f(&w)?;
                drop(w);
                tx.commit()
                    .map_err(|e| StoreError::sqlite(&path, "write", &e))?;
                Ok(value)
            })();
            match result {
                Err(e) if is_busy(&e) && attempt < retries => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                other => return other,
            }
        }
    }

    /// A read on the store's connection, with errors said plainly.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        f(&self.conn).map_err(|e| StoreError::sqlite(&self.path, "read", &e))
    }
}

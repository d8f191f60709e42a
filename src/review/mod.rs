//! The RPCT's review store: status, notes, the six PNA 2019 indicators and
//! a motivated judgement per entry, in SQLite (WAL, one transaction per
//! change, every change in an audit log). Notes are keyed by dataset, code
//! and variant, so a re-imported map keeps them; entries whose key is gone
//! are kept and listed as orphans, never dropped.

mod schema;
pub mod time;

use crate::model::{Map, Node};
use anyhow::{anyhow, bail, Context};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a review is filed: stable across re-imports of the map.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ReviewKey {
    pub dataset: String,
    /// The code; for an entry without one (ptpc2019 actions), the parent's
    /// code, "#" and the folded title.
    pub key: String,
    /// 1 for the first entry with this key, 2 for the second, ...
    pub variant: u32,
}

impl ReviewKey {
    /// How people read the key: the code, or for an entry without one the
    /// code of the entry it sits in.
    pub fn display(&self) -> String {
        match self.key.split_once('#') {
            Some((parent, _)) => format!("{parent} ›"),
            None => self.key.clone(),
        }
    }

    /// The key of a node of `map`.
    pub fn of(map: &Map, node: &Node) -> ReviewKey {
        match &node.code {
            Some(code) => ReviewKey {
                dataset: node.dataset.to_string(),
                key: code.to_string(),
                variant: node.variant,
            },
            None => {
                let key = codeless_key(node);
                // Same parent and title twice: number them in tree order.
                let variant = map
                    .dataset(&node.dataset)
                    .map(|ds| {
                        ds.nodes
                            .iter()
                            .take_while(|n| n.id != node.id)
                            .filter(|n| n.code.is_none() && codeless_key(n) == key)
                            .count() as u32
                            + 1
                    })
                    .unwrap_or(1);
                ReviewKey {
                    dataset: node.dataset.to_string(),
                    key,
                    variant,
                }
            }
        }
    }
}

/// The keys of every node of `map`, per dataset and node index, in one
/// pass (`ReviewKey::of` on each node would rescan the dataset each time).
pub fn all_keys(map: &Map) -> Vec<Vec<ReviewKey>> {
    map.datasets
        .iter()
        .map(|ds| {
            let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
            ds.nodes
                .iter()
                .map(|node| match &node.code {
                    Some(_) => ReviewKey::of(map, node),
                    None => {
                        let key = codeless_key(node);
                        let n = seen.entry(key.clone()).or_insert(0);
                        *n += 1;
                        ReviewKey {
                            dataset: node.dataset.to_string(),
                            key,
                            variant: *n,
                        }
                    }
                })
                .collect()
        })
        .collect()
}

fn codeless_key(node: &Node) -> String {
    let title = crate::text::fold(&node.title);
    format!("{}#{title}", node.parent_code.as_deref().unwrap_or(""))
}

/// Review progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    DaEsaminare,
    InEsame,
    Esaminato,
    DaApprofondire,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::DaEsaminare,
        Status::InEsame,
        Status::Esaminato,
        Status::DaApprofondire,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Status::DaEsaminare => "da_esaminare",
            Status::InEsame => "in_esame",
            Status::Esaminato => "esaminato",
            Status::DaApprofondire => "da_approfondire",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::DaEsaminare => "da esaminare",
            Status::InEsame => "in esame",
            Status::Esaminato => "esaminato",
            Status::DaApprofondire => "da approfondire",
        }
    }

    /// The next status when cycling with one key.
    pub fn next(self) -> Status {
        match self {
            Status::DaEsaminare => Status::InEsame,
            Status::InEsame => Status::Esaminato,
            Status::Esaminato => Status::DaApprofondire,
            Status::DaApprofondire => Status::DaEsaminare,
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Status> {
        let t = fold(text);
        Status::ALL
            .into_iter()
            .find(|s| fold(s.slug()) == t || fold(s.label()) == t)
            .ok_or_else(|| anyhow!("unknown status \"{text}\"; use one of: da esaminare, in esame, esaminato, da approfondire"))
    }
}

/// A level of the qualitative PNA 2019 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Basso,
    Medio,
    Alto,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Basso => "basso",
            Level::Medio => "medio",
            Level::Alto => "alto",
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Level> {
        match fold(text).as_str() {
            "basso" | "b" => Ok(Level::Basso),
            "medio" | "m" => Ok(Level::Medio),
            "alto" | "a" => Ok(Level::Alto),
            _ => bail!("unknown level \"{text}\"; use basso, medio or alto"),
        }
    }

    fn from_db(text: Option<String>) -> Option<Level> {
        text.and_then(|t| Level::parse(&t).ok())
    }
}

/// The six risk indicators of ANAC's PNA 2019, Allegato 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    Interesse,
    Discrezionalita,
    Eventi,
    Opacita,
    Collaborazione,
    Attuazione,
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::Interesse,
        Indicator::Discrezionalita,
        Indicator::Eventi,
        Indicator::Opacita,
        Indicator::Collaborazione,
        Indicator::Attuazione,
    ];

    /// Column name and short name on the command line.
    pub fn short(self) -> &'static str {
        match self {
            Indicator::Interesse => "interesse",
            Indicator::Discrezionalita => "discrezionalita",
            Indicator::Eventi => "eventi",
            Indicator::Opacita => "opacita",
            Indicator::Collaborazione => "collaborazione",
            Indicator::Attuazione => "attuazione",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Indicator::Interesse => "livello di interesse esterno",
            Indicator::Discrezionalita => "grado di discrezionalità del decisore interno",
            Indicator::Eventi => "manifestazione di eventi corruttivi in passato",
            Indicator::Opacita => "opacità del processo decisionale",
            Indicator::Collaborazione => "livello di collaborazione del responsabile",
            Indicator::Attuazione => "grado di attuazione delle misure di trattamento",
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Indicator> {
        let t = fold(text);
        let found: Vec<Indicator> = Indicator::ALL
            .into_iter()
            .filter(|i| {
                i.short() == t
                    || fold(i.label()) == t
                    || (t.len() >= 4 && (i.short().starts_with(&t) || fold(i.label()).contains(&t)))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => bail!(
                "unknown indicator \"{text}\"; use one of: {}",
                Indicator::ALL
                    .iter()
                    .map(|i| i.short())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Lower case, no accents, single spaces, "_" and "-" as spaces.
fn fold(text: &str) -> String {
    crate::text::fold(&text.replace(['_', '-'], " "))
}

/// Everything recorded about one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    #[serde(flatten)]
    pub key: ReviewKey,
    pub title: String,
    pub status: Status,
    pub notes: String,
    pub indicators: Vec<(Indicator, Option<Level>)>,
    pub judgement: Option<Level>,
    pub motivation: String,
    pub office: String,
    pub interview_date: String,
    pub present: String,
    pub updated_at: String,
    pub updated_by: String,
}

impl Review {
    pub fn indicator(&self, which: Indicator) -> Option<Level> {
        self.indicators
            .iter()
            .find(|(i, _)| *i == which)
            .and_then(|(_, l)| *l)
    }

    fn empty(key: &ReviewKey, title: &str) -> Review {
        Review {
            key: key.clone(),
            title: title.to_string(),
            status: Status::default(),
            notes: String::new(),
            indicators: Indicator::ALL.iter().map(|i| (*i, None)).collect(),
            judgement: None,
            motivation: String::new(),
            office: String::new(),
            interview_date: String::new(),
            present: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
        }
    }
}

/// One change to a review.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Status(Status),
    Notes(String),
    Indicator(Indicator, Option<Level>),
    /// A judgement needs its motivation.
    Judgement(Level, String),
    Interview {
        office: String,
        date: String,
        present: String,
    },
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    #[serde(flatten)]
    pub key: ReviewKey,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

pub struct Store {
    conn: Connection,
    read_only: bool,
    user: String,
    path: PathBuf,
}

impl Store {
    /// `$XDG_DATA_HOME/mappa/review.sqlite`, else `~/.local/share/mappa/review.sqlite`.
    pub fn default_path() -> anyhow::Result<PathBuf> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".local/share")))
            .ok_or_else(|| anyhow!("cannot find a data directory (set HOME or XDG_DATA_HOME, or use --review FILE)"))?;
        Ok(base.join("mappa").join("review.sqlite"))
    }

    /// The user recorded in the audit log: `--user`, else the OS user.
    pub fn os_user() -> String {
        ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .or_else(passwd_name)
            .unwrap_or_else(|| "unknown".to_string())
    }

    /// Opens (creating it if needed) the store. A store that cannot be
    /// written is opened read-only.
    pub fn open(path: &Path, read_only: bool, user: &str) -> anyhow::Result<Store> {
        let exists = path.exists();
        let mut read_only = read_only;
        if !exists && !read_only {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!(
                        "cannot create the folder of the review store {}",
                        dir.display()
                    )
                })?;
            }
        }
        if exists && !read_only && !writable(path) {
            read_only = true;
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        if read_only && !exists {
            bail!(
                "the review store {} does not exist yet (and --read-only cannot create it)",
                path.display()
            );
        }
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("cannot open the review store {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(30))?;
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // Acknowledged changes survive a crash of the machine too.
            conn.pragma_update(None, "synchronous", "FULL")?;
            schema::migrate(&conn)
                .with_context(|| format!("cannot prepare the review store {}", path.display()))?;
        } else {
            schema::check(&conn)?;
        }
        Ok(Store {
            conn,
            read_only,
            user: user.to_string(),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Changes whenever another connection commits (for live refresh).
    pub fn data_version(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn get(&self, key: &ReviewKey) -> anyhow::Result<Option<Review>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE dataset = ?1 AND key = ?2 AND variant = ?3"
        ))?;
        Ok(stmt
            .query_row(params![key.dataset, key.key, key.variant], row_to_review)
            .optional()?)
    }

    pub fn all(&self) -> anyhow::Result<Vec<Review>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY dataset, key, variant"))?;
        let rows = stmt.query_map([], row_to_review)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies `changes` in one transaction, with an audit row per field
    /// that changed. Nothing is written when a change is invalid.
    pub fn apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
    ) -> anyhow::Result<Review> {
        if self.read_only {
            bail!(
                "the review store {} is read-only: notes are visible, changes are not saved",
                self.path.display()
            );
        }
        for c in changes {
            match c {
                Change::Judgement(_, motivation) if motivation.trim().is_empty() => {
                    bail!("a judgement needs a motivation (--motivation TEXT)")
                }
                Change::Interview { date, .. } if !date.is_empty() && !time::valid_date(date) => {
                    bail!("interview date \"{date}\" is not a date in the form YYYY-MM-DD")
                }
                _ => {}
            }
        }
        let now = time::now_utc();
        let user = self.user.clone();
        // BEGIN IMMEDIATE takes the write lock up front; the busy timeout
        // waits for other writers, and a few retries cover the rest.
        let mut attempt = 0;
        loop {
            match self.try_apply(key, title, changes, &now, &user) {
                Err(e) if is_busy(&e) && attempt < 20 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                other => return other,
            }
        }
    }

    fn try_apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        now: &str,
        user: &str,
    ) -> anyhow::Result<Review> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = {
            let mut stmt = tx.prepare_cached(&format!(
                "{SELECT} WHERE dataset = ?1 AND key = ?2 AND variant = ?3"
            ))?;
            stmt.query_row(params![key.dataset, key.key, key.variant], row_to_review)
                .optional()?
        };
        let mut review = old.clone().unwrap_or_else(|| Review::empty(key, title));
        let mut audit: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        let mut note = |field: &str, old: Option<String>, new: Option<String>| {
            if old != new {
                audit.push((field.to_string(), old, new));
            }
        };
        for c in changes {
            match c {
                Change::Status(s) => {
                    note(
                        "status",
                        Some(review.status.slug().into()),
                        Some(s.slug().into()),
                    );
                    review.status = *s;
                }
                Change::Notes(n) => {
                    note("notes", Some(review.notes.clone()), Some(n.clone()));
                    review.notes = n.clone();
                }
                Change::Indicator(i, l) => {
                    note(
                        i.short(),
                        review.indicator(*i).map(|x| x.label().into()),
                        l.map(|x| x.label().into()),
                    );
                    for slot in review.indicators.iter_mut().filter(|(k, _)| k == i) {
                        slot.1 = *l;
                    }
                }
                Change::Judgement(l, m) => {
                    note(
                        "judgement",
                        review.judgement.map(|x| x.label().into()),
                        Some(l.label().into()),
                    );
                    note(
                        "motivation",
                        Some(review.motivation.clone()),
                        Some(m.clone()),
                    );
                    review.judgement = Some(*l);
                    review.motivation = m.clone();
                }
                Change::Interview {
                    office,
                    date,
                    present,
                } => {
                    note("office", Some(review.office.clone()), Some(office.clone()));
                    note(
                        "interview_date",
                        Some(review.interview_date.clone()),
                        Some(date.clone()),
                    );
                    note(
                        "present",
                        Some(review.present.clone()),
                        Some(present.clone()),
                    );
                    review.office = office.clone();
                    review.interview_date = date.clone();
                    review.present = present.clone();
                }
            }
        }
        if old.as_ref().is_some_and(|o| o.title != title) {
            audit.push((
                "title".into(),
                old.as_ref().map(|o| o.title.clone()),
                Some(title.to_string()),
            ));
        }
        review.title = title.to_string();
        review.updated_at = now.to_string();
        review.updated_by = user.to_string();
        let ind = |i: Indicator| review.indicator(i).map(|l| l.label());
        tx.execute(
            "INSERT INTO reviews (dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, \
             opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) \
             ON CONFLICT (dataset, key, variant) DO UPDATE SET title = excluded.title, status = excluded.status, \
             notes = excluded.notes, interesse = excluded.interesse, discrezionalita = excluded.discrezionalita, \
             eventi = excluded.eventi, opacita = excluded.opacita, collaborazione = excluded.collaborazione, \
             attuazione = excluded.attuazione, judgement = excluded.judgement, motivation = excluded.motivation, \
             office = excluded.office, interview_date = excluded.interview_date, present = excluded.present, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![
                key.dataset,
                key.key,
                key.variant,
                review.title,
                review.status.slug(),
                review.notes,
                ind(Indicator::Interesse),
                ind(Indicator::Discrezionalita),
                ind(Indicator::Eventi),
                ind(Indicator::Opacita),
                ind(Indicator::Collaborazione),
                ind(Indicator::Attuazione),
                review.judgement.map(|l| l.label()),
                review.motivation,
                review.office,
                review.interview_date,
                review.present,
                review.updated_at,
                review.updated_by,
            ],
        )?;
        for (field, old, new) in audit {
            tx.execute(
                "INSERT INTO audit (at, who, dataset, key, variant, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![now, user, key.dataset, key.key, key.variant, field, old, new],
            )?;
        }
        tx.commit()?;
        Ok(review)
    }

    /// The audit log, oldest first, for one entry or all.
    pub fn log(&self, key: Option<&ReviewKey>) -> anyhow::Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        let map_row = |r: &rusqlite::Row| -> rusqlite::Result<AuditEntry> {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                key: ReviewKey {
                    dataset: r.get(3)?,
                    key: r.get(4)?,
                    variant: r.get(5)?,
                },
                field: r.get(6)?,
                old: r.get(7)?,
                new: r.get(8)?,
            })
        };
        let sql = "SELECT id, at, who, dataset, key, variant, field, old, new FROM audit";
        match key {
            Some(k) => {
                let mut stmt = self.conn.prepare(&format!(
                    "{sql} WHERE dataset = ?1 AND key = ?2 AND variant = ?3 ORDER BY id"
                ))?;
                for e in stmt.query_map(params![k.dataset, k.key, k.variant], map_row)? {
                    out.push(e?);
                }
            }
            None => {
                let mut stmt = self.conn.prepare(&format!("{sql} ORDER BY id"))?;
                for e in stmt.query_map([], map_row)? {
                    out.push(e?);
                }
            }
        }
        Ok(out)
    }

    /// Reviews whose entry is not in `map` any more.
    pub fn orphans(&self, map: &Map) -> anyhow::Result<Vec<Review>> {
        let keys: std::collections::HashSet<ReviewKey> =
            map.nodes().map(|n| ReviewKey::of(map, n)).collect();
        Ok(self
            .all()?
            .into_iter()
            .filter(|r| !keys.contains(&r.key))
            .collect())
    }
}

const SELECT: &str = "SELECT dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, opacita, \
                      collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, \
                      updated_by FROM reviews";

fn row_to_review(r: &rusqlite::Row) -> rusqlite::Result<Review> {
    let status: String = r.get(4)?;
    let indicators = Indicator::ALL
        .iter()
        .enumerate()
        .map(|(i, ind)| Ok((*ind, Level::from_db(r.get(6 + i)?))))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Review {
        key: ReviewKey {
            dataset: r.get(0)?,
            key: r.get(1)?,
            variant: r.get(2)?,
        },
        title: r.get(3)?,
        status: Status::parse(&status).unwrap_or_default(),
        notes: r.get(5)?,
        indicators,
        judgement: Level::from_db(r.get(12)?),
        motivation: r.get(13)?,
        office: r.get(14)?,
        interview_date: r.get(15)?,
        present: r.get(16)?,
        updated_at: r.get(17)?,
        updated_by: r.get(18)?,
    })
}

fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        })
    })
}

/// The login name of the process's user, from the password database.
fn passwd_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // name is copied out at once.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

/// Whether we may write the file (and create its WAL beside it).
fn writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_ok = std::fs::metadata(dir)
        .map(|m| !m.permissions().readonly())
        .unwrap_or(false);
    file_ok && dir_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_one_pass_match_keys_one_by_one() {
        let map = crate::import::builtin();
        let all = all_keys(&map);
        for (d, ds) in map.datasets.iter().enumerate() {
            for (i, node) in ds.nodes.iter().enumerate() {
                assert_eq!(all[d][i], ReviewKey::of(&map, node), "{}", node.id);
            }
        }
        // Keys are unique: two entries never share notes by accident.
        let unique: std::collections::HashSet<_> = all.iter().flatten().collect();
        assert_eq!(unique.len(), all.iter().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn names_parse_with_or_without_accents() {
        assert_eq!(Indicator::parse("opacità").unwrap(), Indicator::Opacita);
        assert_eq!(
            Indicator::parse("DISCREZIONALITA").unwrap(),
            Indicator::Discrezionalita
        );
        assert_eq!(
            Status::parse("Da approfondire").unwrap(),
            Status::DaApprofondire
        );
        assert_eq!(Status::parse("in_esame").unwrap(), Status::InEsame);
        assert!(Level::parse("altissimo").is_err());
    }
}

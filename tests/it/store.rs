//! The review store's promises, through the real binary: reports never
//! replace the store or a database, reads never create or change a file,
//! foreign databases are left alone, colleagues' changes are not silently
//! overwritten, the audit log is tamper-evident, backups are consistent,
//! a team shares a store, and a store from the previous release migrates.

use crate::common;

use common::{mappa_store, stderr, stdout, temp_dir};
use rusqlite::Connection;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;

fn store_in(name: &str) -> common::Scratch {
    common::scratch_store(name)
}

fn set(store: &Path, args: &[&str]) {
    let mut all = vec!["review", "set"];
    all.extend_from_slice(args);
    let o = mappa_store(store, &all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn entries_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn output_never_replaces_the_store_a_database_or_an_existing_file() {
    let s = store_in("output");
    set(&s, &["A2.3.1.1", "--note", "da non perdere"]);
    let checkpoint = || {
        Connection::open(&s)
            .unwrap()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap()
    };
    checkpoint();
    let before = bytes(&s);
    let dir = s.parent().unwrap();
    let other_db = dir.join("altro.db");
    Connection::open(&other_db)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let existing = dir.join("relazione.md");
    std::fs::write(&existing, "versione precedente").unwrap();
    let s_str = s.to_str().unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["review", "export", "--format", "md", "-o", s_str],
        vec!["review", "export", "--format", "md", "-o", s_str, "--force"],
        vec!["export", "-o", s_str, "--force"],
        vec!["who", "-o", s_str],
        vec![
            "review",
            "export",
            "-o",
            other_db.to_str().unwrap(),
            "--force",
        ],
        vec!["review", "export", "-o", existing.to_str().unwrap()],
        vec!["review", "backup", "-o", s_str, "--force"],
    ];
    for args in &cases {
        let o = mappa_store(&s, args);
        assert!(!o.status.success(), "{args:?} should be refused");
        assert!(
            stderr(&o).starts_with("mappa: errore:"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(bytes(&s), before, "the store is intact");
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "versione precedente"
    );
    // A loaded map is protected too.
    let map = dir.join("map.json");
    let o = mappa_store(&s, &["export", "-o", map.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = mappa_store(
        &s,
        &[
            "--data",
            map.to_str().unwrap(),
            "export",
            "-o",
            map.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(stderr(&o).contains("loaded with --data"), "{}", stderr(&o));
    // --force replaces an ordinary file, atomically (no temporary left).
    let o = mappa_store(
        &s,
        &[
            "review",
            "export",
            "-o",
            existing.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&existing)
        .unwrap()
        .contains("da non perdere"));
    assert!(!entries_in(dir).iter().any(|f| f.ends_with(".tmp")));
}

#[test]
fn reads_never_create_or_change_anything() {
    let dir = temp_dir("reads");
    // A typo'd path: nothing is created, not even the folder.
    let typo = dir.join("condiviso").join("reviw.sqlite");
    for cmd in [
        vec!["review", "show", "A2.3.1.1"],
        vec!["review", "log"],
        vec!["review", "orphans"],
        vec!["review", "export"],
        vec!["review", "verify"],
        vec!["review", "seal"],
    ] {
        let o = mappa_store(&typo, &cmd);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("nessun archivio delle revisioni in"),
            "{cmd:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(entries_in(&dir), Vec::<String>::new(), "nothing created");
    // A change in a folder that does not exist is refused too.
    let o = mappa_store(&typo, &["review", "set", "A2.3.1.1", "--note", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("non esiste"), "{}", stderr(&o));
    assert!(entries_in(&dir).is_empty());

    // Another application's database, in rollback and in WAL mode, and a
    // file that is not a database at all: refused, byte for byte the same.
    let foreign = dir.join("contabilita.sqlite");
    let conn = Connection::open(&foreign).unwrap();
    conn.execute_batch(
        "CREATE TABLE fatture (n INTEGER, importo REAL); INSERT INTO fatture VALUES (1, 10.5);",
    )
    .unwrap();
    drop(conn);
    let wal = dir.join("wal.sqlite");
    let conn = Connection::open(&wal).unwrap();
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA user_version=7; CREATE TABLE reviews (x); CREATE TABLE audit (y);")
        .unwrap();
    drop(conn);
    let text = dir.join("note.txt");
    std::fs::write(&text, "appunti").unwrap();
    for file in [&foreign, &wal, &text] {
        let before = bytes(file);
        for cmd in [
            vec!["review", "log"],
            vec!["review", "show", "A2.3.1.1"],
            vec!["review", "set", "A2.3.1.1", "--note", "x"],
        ] {
            let o = mappa_store(file, &cmd);
            assert!(!o.status.success(), "{file:?} {cmd:?}");
            assert!(
                stderr(&o).contains("non è un archivio delle revisioni di mappa"),
                "{}",
                stderr(&o)
            );
            let err = stderr(&o);
            assert!(
                !err.contains("SQLITE_") && !err.contains("(code") && !err.contains("SELECT"),
                "no raw SQLite text: {err}"
            );
        }
        assert_eq!(bytes(file), before, "{file:?} untouched");
    }
    let files = entries_in(&dir);
    assert_eq!(
        files,
        ["contabilita.sqlite", "note.txt", "wal.sqlite"],
        "no -wal/-shm left"
    );
}

#[test]
fn an_empty_file_becomes_a_store_at_the_first_change() {
    let dir = temp_dir("empty");
    let s = dir.join("nuovo.sqlite");
    std::fs::write(&s, "").unwrap();
    let o = mappa_store(&s, &["review", "log"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(bytes(&s).len(), 0, "a read leaves it empty");
    set(&s, &["A2.3.1.1", "--status", "in esame"]);
    let app: i64 = Connection::open(&s)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, mappa::review::APPLICATION_ID);
}

#[test]
fn a_new_store_is_group_read_write_whatever_the_umask() {
    let dir = temp_dir("mode");
    let s = dir.join("review.sqlite");
    let mut cmd = common::command();
    cmd.arg("--review")
        .arg(&s)
        .args(["review", "set", "A2.3.1.1", "--note", "x"]);
    // SAFETY: umask is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0o077);
            Ok(())
        });
    }
    assert!(cmd.output().unwrap().status.success());
    let mode = std::fs::metadata(&s).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
}

#[test]
fn two_accounts_write_in_turn_every_write_applies_and_a_stale_base_is_refused() {
    let s = store_in("conflict");
    let as_user = |user: &str, args: &[&str]| {
        common::command()
            .arg("--review")
            .arg(&s)
            .args(["--user", user])
            .args(args)
            .output()
            .unwrap()
    };
    let show = |user: &str| -> serde_json::Value {
        let o = as_user(user, &["review", "show", "A2.3.1.1", "--json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    // Two colleagues, one after the other, each many times: nothing was
    // concurrent, so every write is applied (the command line is
    // last-writer-wins) and the log keeps each value it replaced.
    for i in 0..10 {
        for user in ["m.rossi", "o.bianchi"] {
            let text = format!("testo di {user} #{i}");
            let o = as_user(user, &["review", "set", "A2.3.1.1", "--note", &text]);
            assert!(o.status.success(), "{user} {i}: {}", stderr(&o));
            assert_eq!(show(user)["notes"], text.as_str());
        }
    }
    let log = stdout(&as_user("m.rossi", &["review", "log", "A2.3.1.1"]));
    for i in 0..10 {
        for user in ["m.rossi", "o.bianchi"] {
            assert!(log.contains(&format!("testo di {user} #{i}")), "{log}");
        }
    }
    // With the revision it was based on, a change is refused once someone
    // changed the field after it: the other value and who set it are said.
    let rev = show("m.rossi")["revisions"]["notes"]["revision"]
        .as_i64()
        .unwrap();
    let o = as_user(
        "o.bianchi",
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--note",
            "visto",
            "--base",
            &rev.to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = as_user(
        "m.rossi",
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--note",
            "vecchio",
            "--base",
            &rev.to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("o.bianchi") && err.contains("visto"), "{err}");
    assert_eq!(show("m.rossi")["notes"], "visto", "nothing was written");
    // --force, which old scripts pass, is accepted.
    let o = as_user(
        "m.rossi",
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--note",
            "sostituito",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let log = stdout(&as_user("m.rossi", &["review", "log", "A2.3.1.1"]));
    assert!(log.contains("visto → sostituito"), "{log}");
}

#[test]
fn the_audit_log_records_the_os_account_and_refuses_an_empty_name() {
    let s = store_in("account");
    let o = common::command()
        .arg("--review")
        .arg(&s)
        .env("USER", "qualcun-altro")
        .args([
            "--user",
            "Dott. Rossi",
            "review",
            "set",
            "A2.3.1.1",
            "--status",
            "esaminato",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = Connection::open(&s).unwrap();
    let (account, name): (String, String) = conn
        .query_row("SELECT account, name FROM audit", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(name, "Dott. Rossi");
    assert_eq!(
        account,
        whoami::username().unwrap(),
        "from the uid, not $USER"
    );
    for bad in ["", "   "] {
        let o = mappa_store_as(
            &s,
            bad,
            &["review", "set", "A2.3.1.1", "--status", "in esame"],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("--user richiede un nome"),
            "{}",
            stderr(&o)
        );
    }
}

fn mappa_store_as(store: &Path, user: &str, args: &[&str]) -> std::process::Output {
    common::command()
        .arg("--review")
        .arg(store)
        .args(["--user", user])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn verify_names_an_edited_row_and_a_deleted_one() {
    let s = store_in("verify");
    for i in 0..5 {
        set(&s, &["A2.3.1.1", "--note", &format!("nota {i}")]);
    }
    let o = mappa_store(&s, &["review", "verify"]);
    assert!(o.status.success());
    // The round the first change opened (its state and map), then the
    // five notes.
    assert!(stdout(&o).starts_with("ok: 7 righe"), "{}", stdout(&o));
    let seal = stdout(&mappa_store(&s, &["review", "seal", "--json"]));
    let head: String = serde_json::from_str::<serde_json::Value>(&seal).unwrap()["head"]
        .as_str()
        .unwrap()
        .into();
    set(&s, &["A2.3.1.1", "--note", "dopo il sigillo"]);
    let conn = Connection::open(&s).unwrap();
    conn.execute("UPDATE audit SET new = 'falsificato' WHERE id = 3", [])
        .unwrap();
    let o = mappa_store(&s, &["review", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("row 3"), "{}", stderr(&o));
    let o = mappa_store(&s, &["review", "verify", "--seal", &head]);
    assert_eq!(o.status.code(), Some(1), "the change is before the seal");
    conn.execute("UPDATE audit SET new = 'nota 0' WHERE id = 3", [])
        .unwrap();
    let o = mappa_store(&s, &["review", "verify", "--seal", &head]);
    assert!(o.status.success(), "{}", stderr(&o));
    conn.execute("DELETE FROM audit WHERE id = 4", []).unwrap();
    let o = mappa_store(&s, &["review", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("row 4 is missing"), "{}", stderr(&o));
}

#[test]
fn a_backup_taken_while_four_writers_run_is_consistent_and_complete() {
    let s = store_in("backup");
    set(&s, &["A1.1.1.1", "--note", "prima"]);
    let codes = ["A2.3.1.1", "A2.3.2.1", "B2.2.2.6", "A3.1.1.6"];
    let mut writers: Vec<_> = codes
        .iter()
        .map(|code| {
            common::command()
                .arg("--review")
                .arg(&s)
                .args([
                    "--user", "rpct", "review", "set", code, "--note", "giro", "--repeat", "150",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // Wait until each writer has acknowledged some changes, note them.
    let mut acked = Vec::new();
    let mut readers = Vec::new();
    for w in &mut writers {
        let mut lines = BufReader::new(w.stdout.take().unwrap()).lines();
        let mut last = 0u32;
        while last < 20 {
            last = lines
                .next()
                .unwrap()
                .unwrap()
                .trim_start_matches("ok ")
                .parse()
                .unwrap();
        }
        acked.push(last);
        readers.push(std::thread::spawn(move || lines.count()));
    }
    let backup = s.with_file_name("copia.sqlite");
    let o = mappa_store(&s, &["review", "backup", "-o", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o007,
            0,
            "a backup is not readable by everyone: {mode:o}"
        );
    }
    for (w, r) in writers.into_iter().zip(readers) {
        r.join().unwrap();
        assert!(w.wait_with_output().unwrap().status.success());
    }
    let conn = Connection::open(&backup).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for (code, n) in codes.iter().zip(acked) {
        let notes: String = conn
            .query_row("SELECT notes FROM reviews WHERE key = ?1", [code], |r| {
                r.get(0)
            })
            .unwrap();
        let stored: u32 = notes.trim_start_matches("giro #").parse().unwrap();
        assert!(
            stored >= n,
            "{code}: acknowledged {n} before the backup, backup has {stored}"
        );
    }
    let o = mappa_store(&backup, &["review", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = mappa_store(&s, &["review", "verify"]);
    assert!(
        o.status.success(),
        "untouched after 4 concurrent writers: {}",
        stderr(&o)
    );
    // The backup is never written over an existing file.
    let o = mappa_store(&s, &["review", "backup", "-o", backup.to_str().unwrap()]);
    assert!(!o.status.success());
}

#[test]
fn a_store_of_release_0_1_migrates_with_every_review_and_audit_row() {
    let s = store_in("migrate");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &s).unwrap();
    let old = Connection::open_with_flags(&s, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let reviews = |c: &Connection| -> Vec<Vec<String>> {
        let mut st = c
            .prepare(
                "SELECT dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, \
                 opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, \
                 updated_at, updated_by FROM reviews ORDER BY dataset, key, variant",
            )
            .unwrap();
        let n = st.column_count();
        st.query_map([], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let audit = |c: &Connection| -> Vec<Vec<String>> {
        let mut st = c
            .prepare(
                "SELECT id, at, who, dataset, key, variant, field, old, new FROM audit ORDER BY id",
            )
            .unwrap();
        st.query_map([], |r| {
            (0..9)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let (before_reviews, before_audit) = (reviews(&old), audit(&old));
    drop(old);
    assert_eq!(before_reviews.len(), 7);
    assert_eq!(before_audit.len(), 26);
    // Reading does not migrate the file.
    let o = mappa_store(&s, &["review", "show", "A1.1.1.7", "--variant", "2"]);
    assert!(stdout(&o).contains("Seconda variante"), "{}", stderr(&o));
    let o = mappa_store(&s, &["review", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: i64 = Connection::open(&s)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "a read leaves the old store as it is");
    // The first change migrates it, keeping everything.
    set(&s, &["A2.3.1.1", "--status", "esaminato", "--force"]);
    let conn = Connection::open(&s).unwrap();
    let after = reviews(&conn);
    assert_eq!(after.len(), before_reviews.len());
    let changed: Vec<_> = before_reviews
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "only the entry changed now");
    assert_eq!(audit(&conn)[..26], before_audit[..]);
    // After the old rows: the round they all belong to, the upgrade's
    // marker and one snapshot per record (7 reviews and the round), then
    // the change: the map the round is made on, and the status.
    let rows = audit(&conn);
    assert_eq!(rows.len(), 26 + 1 + 1 + 8 + 2, "{rows:?}");
    assert!(rows[26][6].contains('*'), "{:?}", rows[26]);
    assert!(rows[27][6].contains("replay"), "{:?}", rows[27]);
    assert!(rows[28..36].iter().all(|r| r[6].contains('*')), "{rows:?}");
    assert!(
        rows[36][6].contains("map") && rows[37][6].contains("status"),
        "{rows:?}"
    );
    let o = mappa_store(&s, &["review", "verify"]);
    assert!(stdout(&o).starts_with("ok: 38 righe"), "{}", stdout(&o));
    assert!(stdout(&o).contains("8 record"), "{}", stdout(&o));
    // They are in one round, named by the year the history begins.
    let year: String = conn
        .query_row(
            "SELECT substr(at, 1, 4) FROM audit ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let rounds: Vec<i64> = conn
        .prepare("SELECT DISTINCT round FROM reviews")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rounds, vec![year.parse::<i64>().unwrap()]);
    // Every review is still attached to its entry.
    let o = mappa_store(&s, &["review", "orphans"]);
    assert!(
        stdout(&o).starts_with("nessuna revisione orfana"),
        "{}",
        stdout(&o)
    );
    let o = mappa_store(&s, &["review", "show", "ptpc2019:L50"]);
    assert!(stdout(&o).contains("Azione senza codice"), "{}", stdout(&o));
}

#[test]
fn configuration_files_point_at_the_shared_store() {
    let dir = temp_dir("config");
    let shared = dir.join("condiviso.sqlite");
    let etc = dir.join("etc.toml");
    std::fs::write(
        &etc,
        format!("review = \"{}\"\nlang = \"en\"\n", shared.display()),
    )
    .unwrap();
    let run = |args: &[&str]| {
        common::command()
            .env("MAPPA_SYSTEM_CONFIG", &etc)
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["review", "set", "A2.3.1.1", "--note", "x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(shared.exists());
    let text = stdout(&run(&["config"]));
    assert!(
        text.contains(&shared.display().to_string()) && text.contains(&etc.display().to_string()),
        "{text}"
    );
    assert!(text.contains("lang       en"), "{text}");
    // The command line wins.
    let other = dir.join("altro.sqlite");
    let text = stdout(&run(&["--review", other.to_str().unwrap(), "config"]));
    assert!(text.contains("command line"), "{text}");
    std::fs::write(&etc, "review = \"x\"\nread_only = forse\n").unwrap();
    let o = run(&["config"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("etc.toml:2:"), "{}", stderr(&o));
}

/// Two accounts of one group share a store in a setgid folder: a read by
/// one never blocks a write by the other; a reader who may not write the
/// folder still reads. Needs root (to run as other uids).
#[test]
fn two_accounts_share_a_store_in_a_setgid_folder() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: sharing between two accounts needs root to run as other uids");
        return;
    }
    const GROUP: u32 = 4242;
    let dir = temp_dir("shared");
    std::os::unix::fs::chown(&dir, Some(0), Some(GROUP)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let s = dir.join("review.sqlite");
    let home = temp_dir("shared-home");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    let as_uid = |uid: u32, args: &[&str]| {
        let mut cmd = std::process::Command::new(common::bin());
        cmd.env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("MAPPA_SYSTEM_CONFIG", home.join("none.toml"))
            .arg("--review")
            .arg(&s)
            .args(args)
            .uid(uid)
            .gid(GROUP);
        // SAFETY: umask is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                libc::umask(0o022);
                Ok(())
            });
        }
        cmd.output().unwrap()
    };
    let o = as_uid(4001, &["review", "set", "A2.3.1.1", "--note", "prima"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The colleague reads while the officer's store is in use.
    let o = as_uid(4002, &["review", "show", "A2.3.1.1"]);
    assert!(
        o.status.success() && stdout(&o).contains("prima"),
        "{}",
        stderr(&o)
    );
    let o = as_uid(4002, &["--read-only", "review", "log"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // What the reader left behind does not block the writer.
    let o = as_uid(
        4001,
        &["review", "set", "A2.3.1.1", "--note", "dopo la lettura"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = as_uid(
        4002,
        &["review", "set", "A2.3.2.1", "--note", "del collega"],
    );
    assert!(
        o.status.success(),
        "the group may write too: {}",
        stderr(&o)
    );
    for f in entries_in(&dir) {
        let meta = std::fs::metadata(dir.join(&f)).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::gid(&meta), GROUP, "{f}");
        assert_eq!(
            meta.permissions().mode() & 0o060,
            0o060,
            "{f} group read/write"
        );
    }
    // A reader who may not write the folder still reads.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2750)).unwrap();
    let o = as_uid(4002, &["review", "show", "A2.3.1.1"]);
    assert!(
        o.status.success() && stdout(&o).contains("dopo la lettura"),
        "{}",
        stderr(&o)
    );
}

/// Without root: a reader in a folder it may not write can read.
#[test]
fn a_reader_who_may_not_write_the_folder_reads() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped here: root may write any folder (the shared-store test covers it as another uid)");
        return;
    }
    let s = store_in("ro-folder");
    set(&s, &["A2.3.1.1", "--note", "leggibile"]);
    let dir = s.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = mappa_store(&s, &["review", "show", "A2.3.1.1"]);
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        o.status.success() && stdout(&o).contains("leggibile"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_review_filed_under_a_key_an_importer_fix_changed_follows_its_entry() {
    let s = store_in("renamed");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &s).unwrap();
    // As release 0.1 keyed the action whose cell had markup in it.
    let (dataset, old, _) = mappa::review::RENAMED[0];
    Connection::open(&s)
        .unwrap()
        .execute(
            "INSERT INTO reviews (dataset, key, variant, title, notes, updated_at, updated_by) VALUES (?1, ?2, 1, 'iniziative di incoming', 'nota sulla fiera', '2026-11-01T10:00:00Z', 'rpct')",
            rusqlite::params![dataset, old],
        )
        .unwrap();
    set(&s, &["A2.3.1.1", "--status", "esaminato", "--force"]);
    let o = mappa_store(&s, &["review", "show", "ptpc2019:L254", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["notes"], "nota sulla fiera");
    let o = mappa_store(&s, &["review", "orphans"]);
    assert!(
        stdout(&o).starts_with("nessuna revisione orfana"),
        "{}",
        stdout(&o)
    );
}

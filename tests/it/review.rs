//! The review store through the real binary: recording, bad input,
//! concurrent writers and a writer killed mid-way.

use crate::common;

use std::path::Path;
use std::process::Output;

fn store(name: &str) -> common::Scratch {
    common::scratch_store(&format!("review-{name}"))
}

/// The notes stored for `key`, read straight from the store's table.
fn notes_of(conn: &rusqlite::Connection, key: &str) -> String {
    conn.query_row("SELECT notes FROM reviews WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .unwrap()
}

fn mappa(store: &Path, args: &[&str]) -> Output {
    common::mappa_store(store, args)
}

fn audit_count(store: &Path) -> i64 {
    let conn = rusqlite::Connection::open(store).unwrap();
    conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn set_show_log_and_export() {
    let s = store("basic");
    let o = mappa(
        &s,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--status",
            "in esame",
            "--note",
            "prima riga\nseconda riga",
            "--indicator",
            "interesse=alto",
            "--indicator",
            "opacità=basso",
            "--judgement",
            "medio",
            "--motivation",
            "processo tracciato",
            "--office",
            "Protocollo",
            "--date",
            "2026-11-20",
            "--present",
            "M. Rossi",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = mappa(&s, &["review", "show", "A2.3.1.1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["status"], "in_esame");
    assert_eq!(v["notes"], "prima riga\nseconda riga");
    assert_eq!(v["judgement"], "medio");
    assert_eq!(v["motivation"], "processo tracciato");
    assert_eq!(v["updated_by"], "rpct");
    let o = mappa(&s, &["review", "log", "A2.3.1.1"]);
    let log = String::from_utf8(o.stdout).unwrap();
    assert!(log.contains("status: da_esaminare → in_esame"), "{log}");
    assert!(log.contains("interesse: ∅ → alto"));
    // A ptpc2019 action has no code: it is addressed by its id.
    assert!(mappa(
        &s,
        &["review", "set", "ptpc2019:L50", "--status", "esaminato"]
    )
    .status
    .success());
    let o = mappa(&s, &["review", "export", "--format", "md"]);
    let report = String::from_utf8(o.stdout).unwrap();
    assert!(report.contains("## Protocollo"), "{report}");
    assert!(report.contains("**Giudizio complessivo:** medio — processo tracciato"));
    assert!(report.contains("| livello di interesse esterno | alto |"));
    assert!(report.contains("A3.1.1 › Rassegna stampa"));
    let o = mappa(
        &s,
        &[
            "review",
            "export",
            "--office",
            "protocollo",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv::Reader::from_reader(o.stdout.as_slice())
            .records()
            .count(),
        1
    );
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let s = store("bad");
    assert!(
        mappa(&s, &["review", "set", "A2.3.1.1", "--status", "esaminato"])
            .status
            .success()
    );
    let before = audit_count(&s);
    let cases: &[&[&str]] = &[
        &["review", "set", "Z9.9.9", "--status", "esaminato"],
        &["review", "set", "A2.3.1.1", "--indicator", "simpatia=alto"],
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--indicator",
            "interesse=altissimo",
        ],
        &["review", "set", "A2.3.1.1", "--judgement", "alto"],
        &["review", "set", "A2.3.1.1", "--status", "boh"],
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--office",
            "X",
            "--date",
            "2026-02-30",
        ],
        &["review", "set", "A1.1.1.7", "--status", "esaminato"],
        &["review", "set", "A2.3.1.1"],
        &[
            "--read-only",
            "review",
            "set",
            "A2.3.1.1",
            "--status",
            "in esame",
        ],
    ];
    for args in cases {
        let o = mappa(&s, args);
        assert!(!o.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("mappa: errore:"), "{args:?}: {err}");
    }
    assert_eq!(
        audit_count(&s),
        before,
        "nothing written by refused changes"
    );
    // A store that cannot be created.
    let o = common::command()
        .args([
            "--review",
            "/dev/null/review.sqlite",
            "review",
            "set",
            "A2.3.1.1",
            "--status",
            "esaminato",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("archivio"));
}

#[test]
fn writers_creating_a_store_together_all_succeed() {
    // Processes that find no store and create it at the same moment: one
    // read a half-made store's tables and identity in two snapshots and
    // called it another application's; another could not switch it to WAL
    // while the first held it, and gave up at once. Every change must be
    // kept, in every round.
    let codes = [
        "A2.3.1.1",
        "A2.3.2.1",
        "B2.2.2.6",
        "A3.1.1.6",
        "C2.10.1.1",
        "A1.1.1.1",
    ];
    for round in 0..8 {
        let s = store(&format!("creating-{round}"));
        let writers: Vec<_> = codes
            .iter()
            .map(|code| {
                let note = format!("{round} {code}");
                common::start_writer(&s, &["review", "set", code, "--note", &note])
            })
            .collect();
        for w in writers {
            common::finished_cleanly(w);
        }
        let conn = rusqlite::Connection::open(&s).unwrap();
        for code in codes {
            assert_eq!(notes_of(&conn, code), format!("{round} {code}"));
        }
    }
}

#[test]
fn concurrent_writers_lose_nothing() {
    let s = store("concurrent");
    let codes = ["A2.3.1.1", "A2.3.2.1", "B2.2.2.6", "A3.1.1.6"];
    const CHANGES: u32 = 200;
    // Four long-lived writers, 200 changes each, all at once.
    let children: Vec<_> = codes
        .iter()
        .map(|code| {
            let repeat = CHANGES.to_string();
            let args = ["review", "set", code, "--note", "giro", "--repeat", &repeat];
            common::start_writer(&s, &args)
        })
        .collect();
    // Meanwhile, short-lived writers on one shared entry.
    let shared: Vec<_> = (0..4)
        .map(|t| {
            let s = s.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let o = mappa(
                        &s,
                        &[
                            "review",
                            "set",
                            "C2.10.1.1",
                            "--note",
                            &format!("writer {t} change {i}"),
                        ],
                    );
                    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                }
            })
        })
        .collect();
    for c in children {
        common::finished_cleanly(c);
    }
    for t in shared {
        t.join().unwrap();
    }
    let conn = rusqlite::Connection::open(&s).unwrap();
    for code in codes {
        assert_eq!(notes_of(&conn, code), format!("giro #{CHANGES}"));
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit WHERE key = ?1 AND field = 'notes'",
                [code],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, CHANGES as i64, "audit complete for {code}");
    }
    let shared_changes: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE key = 'C2.10.1.1' AND field = 'notes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared_changes, 40);
}

#[test]
fn a_writer_killed_mid_loop_leaves_a_sound_store_with_every_acknowledged_change() {
    let s = store("crash");
    // SIGKILL once 60 changes are acknowledged: no chance to clean up.
    let acked = common::kill_writer_after(
        &s,
        &[
            "review", "set", "A2.3.1.1", "--note", "n", "--repeat", "1000000",
        ],
        60,
    );
    let conn = rusqlite::Connection::open(&s).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let notes: String = conn
        .query_row(
            "SELECT notes FROM reviews WHERE key = 'A2.3.1.1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let stored: u32 = notes.trim_start_matches("n #").parse().unwrap();
    assert!(
        stored >= acked,
        "acknowledged change {acked} lost (store has {stored})"
    );
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE field = 'notes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited >= acked as i64);
}

#[test]
fn orphans_are_kept_and_listed() {
    let s = store("orphans");
    assert!(
        mappa(&s, &["review", "set", "A2.3.1.1", "--note", "da tenere"])
            .status
            .success()
    );
    // A map without that entry: export the map, drop the node, load it.
    let map_file = s.with_file_name("map.json");
    let o = common::command()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let nodes = v["datasets"][0]["nodes"].as_array_mut().unwrap();
    nodes.retain(|n| n["code"] != "A2.3.1.1");
    std::fs::write(&map_file, serde_json::to_vec(&v).unwrap()).unwrap();
    let o = mappa(
        &s,
        &["--data", map_file.to_str().unwrap(), "review", "orphans"],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("A2.3.1.1"), "{text}");
    // Still there with the full map.
    let o = mappa(&s, &["review", "show", "A2.3.1.1", "--json"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["notes"], "da tenere");
}

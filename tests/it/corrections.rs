//! Every record can be corrected and the log proves the data, through the
//! real binary: dates that cannot lie, undoing a row of the audit log,
//! edits made outside mappa named by `verify`, texts at the door, and
//! files a spreadsheet opens safely.

use crate::common;

use common::{mappa_store, stderr, stdout};
use rusqlite::Connection;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn store(name: &str) -> common::Scratch {
    common::scratch_store(&format!("corrections-{name}"))
}

fn ok(s: &Path, args: &[&str]) -> String {
    let o = mappa_store(s, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(s: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(s, args)).unwrap()
}

/// `mappa` on the store with `MAPPA_TODAY` set.
fn on_day(s: &Path, day: &str, args: &[&str]) -> std::process::Output {
    common::command()
        .env("MAPPA_TODAY", day)
        .arg("--review")
        .arg(s)
        .args(["--user", "rpct"])
        .args(args)
        .output()
        .unwrap()
}

fn verified(s: &Path) {
    let o = mappa_store(s, &["review", "verify"]);
    assert!(o.status.success(), "verify: {}{}", stdout(&o), stderr(&o));
}

/// The audit row that last wrote `field` (of `record`, for `item`).
fn row_of(s: &Path, record: &str, item: Option<&str>, field: &str) -> i64 {
    Connection::open(s)
        .unwrap()
        .query_row(
            "SELECT max(id) FROM audit WHERE record = ?1 AND coalesce(item, '') = coalesce(?2, '') AND field = ?3",
            rusqlite::params![record, item, field],
            |r| r.get(0),
        )
        .unwrap()
}

/// An event and a measure due on 30 June 2026 against it.
fn with_a_measure(s: &Path) {
    ok(
        s,
        &[
            "risk",
            "add",
            "B2.1.1.2",
            "--event",
            "Frazionamento dell'appalto",
        ],
    );
    ok(
        s,
        &[
            "measure",
            "add",
            "R1",
            "--text",
            "Controllo a campione",
            "--kind",
            "specifica",
            "--type",
            "controllo",
            "--owner",
            "po settore",
            "--due",
            "2026-06-30",
        ],
    );
}

#[test]
fn a_check_dated_wrongly_is_removed_and_the_state_is_the_latest_real_one() {
    let s = store("dates");
    with_a_measure(&s);
    // After today: refused, naming today.
    let o = on_day(
        &s,
        "2026-09-01",
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2030-01-01",
            "--state",
            "attuata",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("2026-09-01"), "{}", stderr(&o));
    // A check recorded on a clock set wrong (the store took it as given).
    let o = on_day(
        &s,
        "2030-01-01",
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2030-01-01",
            "--state",
            "attuata",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = json(&s, &["measure", "list", "--json", "--today", "2026-09-01"]);
    let m = &list[0];
    assert_eq!(m["state"], "attuata");
    assert_eq!(m["overdue"], false, "locked in attuata");
    let wrong = m["monitoring"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(wrong, "V1");
    // Removed, and a check dated today: the state and overdue are right.
    ok(&s, &["measure", "unmonitor", "M1", &wrong]);
    let o = on_day(
        &s,
        "2026-09-01",
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-09-01",
            "--state",
            "in corso",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = json(&s, &["measure", "list", "--json", "--today", "2026-09-01"]);
    let m = &list[0];
    assert_eq!(m["state"], "in corso");
    assert_eq!(m["overdue"], true, "due 2026-06-30 and not attuata");
    assert_eq!(m["monitoring"].as_array().unwrap().len(), 1);
    // Two checks of the same day: the one recorded later is the state.
    let o = on_day(
        &s,
        "2026-09-01",
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-09-01",
            "--state",
            "attuata",
        ],
    );
    assert!(o.status.success());
    let list = json(&s, &["measure", "list", "--json", "--today", "2026-09-01"]);
    assert_eq!(list[0]["state"], "attuata");
    // A check of another measure is not this one's.
    let o = mappa_store(&s, &["measure", "unmonitor", "M9", "V2"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Due dates a plan cannot mean, and an interview after today.
    let o = mappa_store(&s, &["measure", "set", "M1", "--due", "2207-06-30"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = mappa_store(&s, &["measure", "set", "M1", "--due", "1999-12-31"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = on_day(
        &s,
        "2026-09-01",
        &[
            "review",
            "set",
            "B2.1.1.2",
            "--office",
            "Provveditorato",
            "--date",
            "2026-09-02",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    verified(&s);
}

#[test]
fn reverting_a_judgement_a_removal_and_a_rejection_restores_each() {
    let s = store("revert");
    ok(
        &s,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--judgement",
            "alto",
            "--motivation",
            "molti contatti",
        ],
    );
    ok(
        &s,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--judgement",
            "basso",
            "--motivation",
            "pochi",
        ],
    );
    let row = row_of(&s, "review", None, "judgement");
    let done = json(&s, &["review", "revert", &row.to_string(), "--json"]);
    assert_eq!(done["to"], "alto");
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["judgement"], "alto");
    assert_eq!(v["motivation"], "pochi", "only the judgement was undone");
    verified(&s);
    // The same row again: the judgement moved on since, so it is refused
    // with the value it has now.
    let o = mappa_store(&s, &["review", "revert", &row.to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("alto"), "{}", stderr(&o));
    ok(&s, &["review", "revert", &row.to_string(), "--force"]);
    assert_eq!(
        json(&s, &["review", "show", "A2.3.1.1", "--json"])["judgement"],
        "alto"
    );

    // A removed event comes back.
    ok(
        &s,
        &[
            "risk",
            "add",
            "A2.3.1.1",
            "--event",
            "Protocollazione fuori ordine",
        ],
    );
    ok(&s, &["risk", "remove", "R1"]);
    assert!(json(&s, &["risk", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let row = row_of(&s, "risk", Some("R1"), "removed");
    ok(&s, &["review", "revert", &row.to_string()]);
    let list = json(&s, &["risk", "list", "--json"]);
    assert_eq!(list[0]["events"][0]["id"], "R1");
    verified(&s);
    ok(&s, &["risk", "remove", "R1"]);
    ok(&s, &["risk", "restore", "R1"]);
    assert_eq!(
        json(&s, &["risk", "list", "--json"])[0]["events"][0]["id"],
        "R1"
    );

    // A rejected link goes back to what it was: confirmed, then computed.
    ok(&s, &["link", "confirm", "D2.2.2.1", "ptpc2019:L163"]);
    ok(&s, &["link", "reject", "D2.2.2.1", "ptpc2019:L163"]);
    let status = |s: &Path| -> String {
        let v = json(s, &["show", "D2.2.2.1", "--dataset", "catalogo", "--json"]);
        v[0]["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == "ptpc2019:L163")
            .map(|l| l["status"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(status(&s), "respinto");
    let row = row_of(&s, "link", Some("L1"), "verdict");
    ok(&s, &["review", "revert", &row.to_string()]);
    assert_eq!(status(&s), "confermato");
    verified(&s);
    ok(&s, &["link", "reset", "L1"]);
    assert_eq!(status(&s), "auto", "back to the computed link");
    verified(&s);
    // The log keeps everything, and a row that sums up a whole record (or
    // an unknown row) is not undone.
    let o = mappa_store(&s, &["review", "revert", "99999"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_measure_is_removed_and_restored_and_the_log_undoes_a_change_of_owner() {
    let s = store("measure");
    with_a_measure(&s);
    ok(&s, &["measure", "set", "M1", "--owner", "Provveditorato"]);
    let row = row_of(&s, "measure", Some("M1"), "owner");
    ok(&s, &["review", "revert", &row.to_string()]);
    let m = &json(&s, &["measure", "list", "--json"])[0];
    assert_eq!(m["owner"], "PO Settore", "as the map names it");
    ok(&s, &["measure", "remove", "M1"]);
    assert!(json(&s, &["measure", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let o = mappa_store(&s, &["measure", "set", "M1", "--owner", "x"]);
    assert_ne!(o.status.code(), Some(0), "a removed measure is not changed");
    ok(&s, &["measure", "restore", "M1"]);
    assert_eq!(
        json(&s, &["measure", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    verified(&s);
}

/// Runs SQL on the store as someone who bypasses mappa would (the sqlite3
/// shell, which does not enforce foreign keys).
fn tamper(s: &Path, sql: &str) {
    Connection::open(s)
        .unwrap()
        .execute_batch(&format!("PRAGMA foreign_keys = OFF; {sql}"))
        .unwrap();
}

#[test]
fn edits_made_outside_mappa_are_named_by_verify() {
    let base = store("tamper");
    ok(
        &base,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--judgement",
            "alto",
            "--motivation",
            "perché",
        ],
    );
    with_a_measure(&base);
    ok(
        &base,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-05-01",
            "--state",
            "in corso",
        ],
    );
    ok(&base, &["link", "reject", "D2.2.2.1", "ptpc2019:L163"]);
    verified(&base);
    let cases: &[(&str, &str, &str)] = &[
        ("UPDATE reviews SET judgement = 'basso'", "reviews", "judgement"),
        ("UPDATE measures SET owner = 'nessuno'", "measures", "owner"),
        ("UPDATE monitoring SET state = 'attuata'", "monitoring", "state"),
        ("UPDATE link_decisions SET verdict = 'confermato'", "link_decisions", "verdict"),
        ("DELETE FROM risk_events WHERE id = 1", "risk_events", "R1"),
        (
            "INSERT INTO reviews (round, dataset, key, variant, title, status, notes, updated_at, updated_by) \
             SELECT max(year), 'catalogo', 'B1.1', 1, 't', 'esaminato', 'aggiunta', '2026-01-01T00:00:00Z', 'x' FROM rounds",
            "reviews",
            "B1.1",
        ),
    ];
    for (i, (sql, table, named)) in cases.iter().enumerate() {
        let dir = common::temp_dir(&format!("tamper-{i}"));
        let s = dir.at("review.sqlite");
        std::fs::copy(&base, &s).unwrap();
        tamper(&s, sql);
        let o = mappa_store(&s, &["review", "verify"]);
        assert_eq!(o.status.code(), Some(1), "{sql}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.contains(table) && err.contains(named), "{sql}: {err}");
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&mappa_store(&s, &["review", "verify", "--json"])))
                .unwrap();
        assert_eq!(v["result"], "altered", "{sql}: {v}");
        assert!(!v["discrepancies"].as_array().unwrap().is_empty());
    }
    // `review show` still shows what the table holds: verify is what tells.
    let dir = common::temp_dir("tamper-show");
    let s = dir.at("review.sqlite");
    std::fs::copy(&base, &s).unwrap();
    tamper(&s, "UPDATE reviews SET judgement = 'basso'");
    let o = mappa_store(&s, &["review", "verify"]);
    let err = stderr(&o);
    assert!(
        err.contains("nel registro alto, nell'archivio basso"),
        "{err}"
    );
}

#[test]
fn four_writers_of_every_record_leave_a_store_that_verifies() {
    let s = store("four");
    with_a_measure(&s);
    let writers: Vec<_> = [
        vec![
            "review", "set", "A2.3.1.1", "--note", "giro", "--repeat", "30",
        ],
        vec![
            "risk", "add", "A2.3.2.1", "--event", "evento", "--repeat", "30",
        ],
        vec![
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-05-01",
            "--state",
            "in corso",
            "--repeat",
            "30",
        ],
        vec![
            "link",
            "reject",
            "D2.2.2.1",
            "ptpc2019:L163",
            "--repeat",
            "30",
        ],
    ]
    .into_iter()
    .map(|args| {
        let all = [&["--user", "rpct"][..], &args].concat();
        common::start_writer(&s, &all)
    })
    .collect();
    for w in writers {
        common::finished_cleanly(w);
    }
    verified(&s);
}

#[test]
fn seals_are_taken_by_their_first_twelve_digits_or_more() {
    let s = store("seal");
    ok(&s, &["review", "set", "A2.3.1.1", "--note", "uno"]);
    let seal = json(&s, &["review", "seal", "--json"]);
    let head = seal["head"].as_str().unwrap();
    ok(&s, &["review", "set", "A2.3.1.1", "--note", "due"]);
    let o = mappa_store(&s, &["review", "verify", "--seal", &head[..12]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = mappa_store(&s, &["review", "verify", "--seal", &head[..4]]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("12"), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("riscritto"),
        "never a claim of tampering"
    );
}

fn set_note_from_stdin(s: &Path, text: &[u8]) -> std::process::Output {
    let mut child = common::command()
        .arg("--review")
        .arg(s)
        .args(["--user", "rpct", "review", "set", "A2.3.1.1", "--note", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let bytes = text.to_vec();
    let feeder = std::thread::spawn(move || {
        // The program may stop reading early (too much): that is fine.
        let _ = stdin.write_all(&bytes);
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    o
}

#[test]
fn texts_are_limited_at_the_door_and_read_from_pipes_and_files() {
    let s = store("texts");
    let long = "a".repeat(40_000);
    let o = mappa_store(&s, &["review", "set", "A2.3.1.1", "--note", &long]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("32000"), "{}", stderr(&o));
    // 30,000 characters from a pipe are stored whole.
    let text = "è".repeat(30_000);
    let o = set_note_from_stdin(&s, text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["notes"].as_str().unwrap().chars().count(), 30_000);
    // A megabyte is refused and the note stays as it was.
    let o = set_note_from_stdin(&s, &vec![b'x'; 1 << 20]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["notes"].as_str().unwrap(), text);
    // From a file.
    let dir = common::temp_dir("texts-file");
    let file = dir.at("motivazione.txt");
    std::fs::write(&file, "scritta in un file\n").unwrap();
    ok(
        &s,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--judgement",
            "medio",
            "--motivation-file",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        json(&s, &["review", "show", "A2.3.1.1", "--json"])["motivation"],
        "scritta in un file"
    );
    verified(&s);
}

#[test]
fn a_store_holding_a_text_past_the_limit_still_exports_a_workbook() {
    let dir = common::temp_dir("long-text");
    let s = dir.at("review.sqlite");
    std::fs::copy("tests/fixtures/store-long-text.sqlite", &s).unwrap();
    let out = dir.at("piano.xlsx");
    let o = mappa_store(
        &s,
        &[
            "review",
            "export",
            "--format",
            "xlsx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::{open_workbook, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(&*out).unwrap();
    let sheet = wb.worksheet_range("Valutazione").unwrap();
    let cell = sheet
        .rows()
        .flat_map(|r| r.iter())
        .map(|c| c.to_string())
        .find(|c| c.starts_with("Nota molto lunga"))
        .expect("the motivation is there");
    assert!(cell.chars().count() <= 32_767);
    assert!(cell.contains("tagliato"), "the cut is said");
    // And the store's own record is whole.
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["notes"].as_str().unwrap().chars().count(), 40_000);
}

#[test]
fn a_backup_replaces_an_older_backup_but_never_the_store() {
    let s = store("backup");
    ok(&s, &["review", "set", "A2.3.1.1", "--note", "prima"]);
    let dir = common::temp_dir("backup-out");
    let copy = dir.at("copia.sqlite");
    let c = copy.to_str().unwrap();
    ok(&s, &["review", "backup", "-o", c]);
    ok(&s, &["review", "set", "A2.3.1.1", "--note", "dopo"]);
    let o = mappa_store(&s, &["review", "backup", "-o", c]);
    assert_eq!(o.status.code(), Some(2), "an existing file needs --force");
    ok(&s, &["review", "backup", "-o", c, "--force"]);
    let v = json(&copy, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["notes"], "dopo");
    let o = mappa_store(
        &s,
        &["review", "backup", "-o", s.to_str().unwrap(), "--force"],
    );
    assert_ne!(o.status.code(), Some(0), "never over the store in use");
    // Another program's database is never replaced, even with --force.
    let other = dir.at("altro.sqlite");
    Connection::open(&*other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let o = mappa_store(
        &s,
        &["review", "backup", "-o", other.to_str().unwrap(), "--force"],
    );
    assert_ne!(o.status.code(), Some(0));
}

#[test]
fn csv_cells_are_safe_in_a_spreadsheet_and_keep_every_character() {
    let s = store("csv");
    ok(
        &s,
        &["review", "set", "A2.3.1.1", "--note", "=HYPERLINK(\"x\")"],
    );
    ok(
        &s,
        &["risk", "add", "A2.3.1.1", "--event", "Ufficio \u{202e}cba"],
    );
    let csv = ok(&s, &["review", "export", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = r
        .records()
        .flat_map(|rec| rec.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"x\")".to_string()),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c.contains("Ufficio \u{202e}cba")),
        "{cells:?}"
    );
    // As an Italian Excel opens it by double-click.
    let excel = mappa_store(&s, &["review", "export", "--format", "csv", "--excel"]);
    assert!(excel.stdout.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(excel.stdout).unwrap();
    assert!(text.contains(";") && text.contains("\r\n"), "{text}");
}

#[test]
fn the_previous_release_s_store_migrates_with_every_record_and_row() {
    let dir = common::temp_dir("previous");
    let s = dir.at("review.sqlite");
    std::fs::copy("tests/fixtures/store-0.2.sqlite", &s).unwrap();
    let count = |sql: &str| -> i64 {
        Connection::open(&s)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    let audit_before = count("SELECT count(*) FROM audit");
    assert_eq!(audit_before, 55);
    // Reads work on the old file (upgraded in memory) and prove it.
    verified(&s);
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert_eq!(v["judgement"], "alto");
    assert_eq!(v["notes"], "nota di un collega");
    let m = json(&s, &["measure", "list", "--json", "--today", "2026-12-01"]);
    let m1 = m
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "M1")
        .unwrap();
    assert_eq!(m1["monitoring"][0]["note"], "primo controllo");
    assert_eq!(m1["phases"].as_array().unwrap().len(), 2);
    // The first change migrates it: every row kept, then the proof.
    ok(
        &s,
        &[
            "review",
            "set",
            "B1.1",
            "--dataset",
            "catalogo",
            "--status",
            "in esame",
        ],
    );
    assert_eq!(count("SELECT count(*) FROM audit WHERE id <= 55"), 55);
    verified(&s);
    let events = json(&s, &["risk", "list", "--json"]);
    let ids: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["events"].as_array().unwrap())
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["R1", "R2"], "R3 stays removed");
    // Corrections work on the migrated records.
    ok(&s, &["risk", "restore", "R3"]);
    ok(&s, &["measure", "unmonitor", "M1", "V1"]);
    verified(&s);
}

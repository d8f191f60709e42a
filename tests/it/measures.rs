//! Measures, their schedule and monitoring, and the section 2.3 workbook,
//! through the real binary; dates around "today" are injected.

use crate::common;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use common::{mappa_store, stderr, stdout};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

fn store(name: &str) -> common::Scratch {
    common::scratch_store(&format!("measures-{name}"))
}

fn ok(s: &Path, args: &[&str]) -> String {
    let o = mappa_store(s, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(s: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(s, args)).unwrap()
}

/// An entry with an event and a measure against it, due on 30 June 2026.
fn with_a_measure(s: &Path) {
    ok(
        s,
        &[
            "risk",
            "add",
            "B2.1.1.2",
            "--event",
            "Frazionamento artificioso dell'appalto",
            "--factor",
            "controlli",
        ],
    );
    let id = ok(
        s,
        &[
            "measure",
            "add",
            "R1",
            "--text",
            "Controllo a campione degli affidamenti",
            "--kind",
            "specifica",
            "--type",
            "controllo",
            "--owner",
            "po settore",
            "--due",
            "30/06/2026",
            "--phase",
            "criteri di campionamento@2026-03-31",
            "--indicator",
            "affidamenti controllati",
            "--target",
            "20%",
            "--target-date",
            "2026-06-30",
        ],
    );
    assert_eq!(id.trim(), "M1");
}

#[test]
fn monitoring_decides_the_state_and_the_overdue_list() {
    let s = store("state");
    with_a_measure(&s);
    let m = json(&s, &["measure", "list", "--json", "--today", "2026-06-30"]);
    assert_eq!(m[0]["owner"], "PO Settore", "the owner as the map names it");
    assert_eq!(m[0]["overdue"], false, "due today is not overdue");
    assert!(m[0]["state"].is_null());
    let late = |today: &str| {
        json(
            &s,
            &["measure", "list", "--overdue", "--json", "--today", today],
        )
        .as_array()
        .unwrap()
        .len()
    };
    assert_eq!(late("2026-06-30"), 0);
    assert_eq!(
        late("2026-07-01"),
        1,
        "the day after, not implemented: overdue"
    );
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-06-15",
            "--state",
            "in corso",
            "--value",
            "12%",
            "--evidence",
            "prot. 4411",
        ],
    );
    assert_eq!(late("2026-07-01"), 1, "in corso is still overdue");
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-07-05",
            "--state",
            "attuata",
            "--value",
            "21%",
        ],
    );
    assert_eq!(late("2026-07-06"), 0, "attuata is never overdue");
    let m = json(
        &s,
        &[
            "measure",
            "list",
            "--json",
            "--today",
            "2026-07-06",
            "--state",
            "attuata",
        ],
    );
    assert_eq!(m[0]["state"], "attuata");
    assert_eq!(m[0]["monitoring"].as_array().unwrap().len(), 2);
    // A later check with an earlier date does not become the state.
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-05-01",
            "--state",
            "non attuata",
        ],
    );
    let m = json(&s, &["measure", "list", "--json", "--today", "2026-07-06"]);
    assert_eq!(
        m[0]["state"], "attuata",
        "the latest record by date decides"
    );
}

#[test]
fn the_schedule_is_what_an_office_owes_overdue_first() {
    let s = store("schedule");
    with_a_measure(&s);
    ok(
        &s,
        &[
            "measure",
            "add",
            "A2.3.1.1",
            "--text",
            "Formazione sul protocollo",
            "--kind",
            "generale",
            "--type",
            "formazione",
            "--owner",
            "Ufficio formazione",
            "--due",
            "2026-12-31",
        ],
    );
    ok(
        &s,
        &[
            "measure",
            "add",
            "A2.3.1.1",
            "B2.1.1.2",
            "--text",
            "Pubblicazione degli affidamenti",
            "--kind",
            "generale",
            "--type",
            "trasparenza",
            "--owner",
            "PO Settore",
            "--due",
            "2026-09-30",
        ],
    );
    let all = json(&s, &["measure", "list", "--json", "--today", "2026-10-01"]);
    let order: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["M1", "M3", "M2"],
        "overdue first (by due date), then the rest by due date"
    );
    let po = json(
        &s,
        &[
            "measure",
            "list",
            "--office",
            "PO settore",
            "--json",
            "--today",
            "2026-10-01",
        ],
    );
    assert_eq!(po.as_array().unwrap().len(), 2);
    let before = json(
        &s,
        &[
            "measure",
            "list",
            "--due-before",
            "2026-10-01",
            "--json",
            "--today",
            "2026-10-01",
        ],
    );
    assert_eq!(before.as_array().unwrap().len(), 2);
    let text = ok(&s, &["measure", "list", "--today", "2026-10-01"]);
    assert!(
        text.contains("SCADUTA") && text.contains("criteri di campionamento"),
        "{text}"
    );
    // Linking and unlinking.
    ok(&s, &["measure", "link", "M2", "R1"]);
    let m2 = json(&s, &["measure", "list", "--json", "--today", "2026-10-01"]);
    let m2 = m2
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "M2")
        .unwrap()
        .clone();
    assert_eq!(m2["targets"].as_array().unwrap().len(), 2);
    ok(&s, &["measure", "unlink", "M2", "A2.3.1.1"]);
    let o = mappa_store(&s, &["measure", "unlink", "M2", "R1"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a measure keeps one target: {}",
        stderr(&o)
    );
    ok(
        &s,
        &[
            "measure",
            "set",
            "M2",
            "--due",
            "2027-01-31",
            "--owner",
            "Ufficio formazione",
        ],
    );
    let log = ok(&s, &["review", "log"]);
    assert!(log.contains("M2  due: 2026-12-31 → 2027-01-31"), "{log}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let s = store("bad");
    with_a_measure(&s);
    let audit = || -> i64 {
        Connection::open(&s)
            .unwrap()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    let before = audit();
    // A valid `measure add` with one option's value replaced (or one added).
    let add = |name: &str, value: &str| {
        let mut a: Vec<String> = [
            "measure",
            "add",
            "R1",
            "--text",
            "t",
            "--kind",
            "generale",
            "--type",
            "controllo",
            "--owner",
            "o",
            "--due",
            "2026-01-01",
        ]
        .map(String::from)
        .to_vec();
        match a.iter().position(|x| x == name) {
            // The target itself.
            Some(2) => a[2] = value.to_string(),
            Some(k) => a[k + 1] = value.to_string(),
            None => a.extend([name.to_string(), value.to_string()]),
        }
        a
    };
    let plain = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases: Vec<(Vec<String>, i32)> = vec![
        (add("--phase", "senza data"), 2),
        (add("R1", "R9"), 1),
        (add("--kind", "media"), 2),
        (add("--type", "magia"), 2),
        (add("--due", "31/02/2026"), 2),
        (
            plain(&[
                "measure",
                "monitor",
                "M1",
                "--date",
                "2026-13-01",
                "--state",
                "attuata",
            ]),
            2,
        ),
        (
            plain(&[
                "measure",
                "monitor",
                "M1",
                "--date",
                "2026-06-01",
                "--state",
                "quasi",
            ]),
            2,
        ),
        (
            plain(&[
                "measure",
                "monitor",
                "M7",
                "--date",
                "2026-06-01",
                "--state",
                "attuata",
            ]),
            1,
        ),
        (plain(&["measure", "set", "M1"]), 2),
        (
            plain(&[
                "--read-only",
                "measure",
                "monitor",
                "M1",
                "--date",
                "2026-06-01",
                "--state",
                "attuata",
            ]),
            2,
        ),
    ];
    for (args, code) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = mappa_store(&s, &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
        // Nothing was recorded, so nothing says "recorded as written".
        assert!(!stderr(&o).contains("recorded"), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(audit(), before);
}

#[test]
fn the_workbook_opens_with_every_register_and_its_validation() {
    let s = store("workbook");
    with_a_measure(&s);
    ok(
        &s,
        &[
            "risk",
            "add",
            "B2.1.1.2",
            "--event",
            "Mancata rotazione",
            "--factor",
            "esclusivita",
        ],
    );
    ok(
        &s,
        &[
            "review",
            "set",
            "B2.1.1.2",
            "--indicator",
            "interesse=alto",
            "--judgement",
            "alto",
            "--motivation",
            "importi rilevanti",
        ],
    );
    ok(
        &s,
        &[
            "review",
            "set",
            "A2.3.1.1",
            "--status",
            "esaminato",
            "--office",
            "Protocollo",
        ],
    );
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-06-15",
            "--state",
            "in corso",
        ],
    );
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-07-01",
            "--state",
            "attuata",
        ],
    );
    let file = s.with_file_name("registri.xlsx");
    ok(
        &s,
        &[
            "review",
            "export",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
            "--today",
            "2026-12-01",
        ],
    );
    let bytes = std::fs::read(&file).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone()))
        .expect("a standard xlsx reader opens it");
    assert_eq!(
        wb.sheet_names(),
        [
            "Riepilogo",
            "Processi",
            "Valutazione",
            "Eventi",
            "Misure",
            "Monitoraggio"
        ]
    );
    let rows = |wb: &mut Xlsx<_>, name: &str| wb.worksheet_range(name).unwrap().rows().count() - 1;
    assert_eq!(
        rows(&mut wb, "Processi"),
        2,
        "one row per entry with records"
    );
    assert_eq!(rows(&mut wb, "Valutazione"), 2, "one row per review");
    assert_eq!(rows(&mut wb, "Eventi"), 2);
    assert_eq!(rows(&mut wb, "Misure"), 1);
    assert_eq!(rows(&mut wb, "Monitoraggio"), 2);
    let valutazione = wb.worksheet_range("Valutazione").unwrap();
    let b = valutazione.rows().find(|r| r[0] == "B2.1.1.2").unwrap();
    assert_eq!(b[2].to_string(), "alto");
    assert_eq!(b[8].to_string(), "alto");
    // The level columns offer their values in a drop-down.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet3.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("<dataValidation") && sheet.contains("C2:I"),
        "{sheet}"
    );
    assert!(sheet.contains("basso,medio,alto"));
    assert!(
        sheet.contains("<pane") && sheet.contains("autoFilter"),
        "frozen header and filter"
    );
    // --office limits every sheet.
    let office = s.with_file_name("protocollo.xlsx");
    ok(
        &s,
        &[
            "review",
            "export",
            "--format",
            "xlsx",
            "--office",
            "Protocollo",
            "-o",
            office.to_str().unwrap(),
        ],
    );
    let mut wb: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&office).unwrap())).unwrap();
    assert_eq!(rows(&mut wb, "Processi"), 1);
    assert_eq!(rows(&mut wb, "Misure"), 0);
    // The Markdown report has the measures and the schedule.
    let md = ok(&s, &["review", "export", "--today", "2026-12-01"]);
    assert!(
        md.contains("**Misure:**")
            && md.contains("stato: attuata")
            && md.contains("## Ponderazione del rischio"),
        "{md}"
    );
}

#[test]
fn four_writers_monitoring_at_once_lose_nothing() {
    let s = store("concurrent");
    with_a_measure(&s);
    let children: Vec<_> = (0..4)
        .map(|_| {
            let monitor = ["measure", "monitor", "M1", "--date", "2026-06-01"];
            let args = [
                &["--user", "rpct"][..],
                &monitor,
                &["--state", "in corso", "--repeat", "50"],
            ]
            .concat();
            common::start_writer(&s, &args)
        })
        .collect();
    for c in children {
        common::finished_cleanly(c);
    }
    let conn = Connection::open(&s).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM monitoring", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 200);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE record = 'monitoring' AND field = 'measure' AND old IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 200);
    assert!(mappa_store(&s, &["review", "verify"]).status.success());
}

#[test]
fn a_monitor_killed_mid_loop_loses_no_acknowledged_record() {
    let s = store("kill");
    with_a_measure(&s);
    // SIGKILL once 40 changes are acknowledged: no chance to clean up.
    let acked = common::kill_writer_after(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-06-01",
            "--state",
            "in corso",
            "--value",
            "v",
            "--repeat",
            "1000000",
        ],
        40,
    );
    let conn = Connection::open(&s).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for i in 1..=acked {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM monitoring WHERE value = ?1",
                [format!("v #{i}")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "record {i} acknowledged and lost");
    }
}

#[test]
fn a_store_of_the_previous_release_takes_measures() {
    let s = store("migrate");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &s).unwrap();
    with_a_measure(&s);
    ok(
        &s,
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-06-15",
            "--state",
            "attuata",
        ],
    );
    let reviews: i64 = Connection::open(&s)
        .unwrap()
        .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reviews, 7);
    let v = json(
        &s,
        &["review", "show", "A1.1.1.7", "--variant", "2", "--json"],
    );
    assert_eq!(v["notes"], "Seconda variante: riga 14");
    assert!(mappa_store(&s, &["review", "verify"]).status.success());
}

//! The risk register through the real binary: events with their factors,
//! areas, the ranking, bad input refused, several writers at once, a writer
//! killed mid-way, and a store of the previous release.

use crate::common;

use common::{mappa_store, stderr, stdout};
use rusqlite::Connection;
use std::path::Path;

fn store(name: &str) -> common::Scratch {
    common::scratch_store(&format!("risk-{name}"))
}

fn ok(s: &Path, args: &[&str]) -> String {
    let o = mappa_store(s, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(s: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(s, args)).unwrap()
}

#[test]
fn events_factors_and_areas_make_the_register() {
    let s = store("register");
    let id = ok(
        &s,
        &[
            "risk",
            "add",
            "B2.1.1.2",
            "--event",
            "Frazionamento artificioso dell'appalto",
            "--factor",
            "controlli",
            "--factor",
            "trasparenza",
        ],
    );
    assert_eq!(id.trim(), "R1");
    let v = json(
        &s,
        &[
            "risk",
            "add",
            "B2.1.1.2",
            "--event",
            "Mancata rotazione degli affidatari",
            "--factor",
            "esclusivita",
            "--json",
        ],
    );
    assert_eq!(v["id"], "R2");
    assert_eq!(v["factors"], serde_json::json!(["esclusivita"]));
    // An action without a code, by its id.
    ok(
        &s,
        &[
            "risk",
            "add",
            "ptpc2019:L50",
            "--event",
            "Divulgazione selettiva",
            "--factor",
            "cultura",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "set",
            "R1",
            "--no-factor",
            "trasparenza",
            "--factor",
            "regolamentazione",
            "--note",
            "emerso all'intervista",
        ],
    );
    ok(&s, &["risk", "area", "B2.1.1.2", "contratti"]);
    ok(&s, &["risk", "remove", "R2"]);
    let list = json(&s, &["risk", "list", "--json"]);
    let entries = list.as_array().unwrap();
    let b = entries.iter().find(|e| e["key"] == "B2.1.1.2").unwrap();
    assert_eq!(b["area"], "contratti");
    assert_eq!(b["responsible"], "PO Settore");
    let events = b["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "a removed event leaves the register");
    assert_eq!(
        events[0]["factors"],
        serde_json::json!(["controlli", "regolamentazione"])
    );
    assert_eq!(events[0]["note"], "emerso all'intervista");
    // The removed event is still in the store and the audit log.
    let log = ok(&s, &["review", "log"]);
    assert!(log.contains("R2  removed"), "{log}");
    assert!(log.contains("Mancata rotazione"), "{log}");
    // Filters: area, office, one entry.
    let by_area = json(&s, &["risk", "list", "--area", "contratti", "--json"]);
    assert_eq!(by_area.as_array().unwrap().len(), 1);
    let by_office = json(&s, &["risk", "list", "--office", "po settore", "--json"]);
    assert!(by_office
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["responsible"] == "PO Settore"));
    let text = ok(&s, &["risk", "list", "B2.1.1.2"]);
    assert!(
        text.contains("Contratti pubblici")
            && text.contains("mancanza di misure di trattamento o controlli"),
        "{text}"
    );
    // The area is suggested from the macro-process when not recorded.
    let ptpc = entries.iter().find(|e| e["dataset"] == "ptpc2019").unwrap();
    assert!(ptpc["area"].is_null());
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let s = store("bad");
    ok(
        &s,
        &[
            "risk",
            "add",
            "A2.3.1.1",
            "--event",
            "primo",
            "--factor",
            "controlli",
        ],
    );
    let audit = || -> i64 {
        Connection::open(&s)
            .unwrap()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    let before = audit();
    for (args, code) in [
        (vec!["risk", "add", "Z9.9.9", "--event", "x"], 1),
        (
            vec![
                "risk", "add", "A2.3.1.1", "--event", "x", "--factor", "simpatia",
            ],
            2,
        ),
        (vec!["risk", "add", "A2.3.1.1", "--event", "  "], 2),
        (vec!["risk", "area", "A2.3.1.1", "astronomia"], 2),
        (vec!["risk", "set", "R99", "--note", "x"], 1),
        (vec!["risk", "set", "M3", "--note", "x"], 2),
        (vec!["risk", "set", "R1"], 2),
        (vec!["risk", "remove", "R7"], 1),
        (
            vec!["--read-only", "risk", "add", "A2.3.1.1", "--event", "x"],
            2,
        ),
        (vec!["risk", "list", "--area", "ampliativi"], 2),
    ] {
        let o = mappa_store(&s, &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("mappa: errore:"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(audit(), before, "nothing written by refused changes");
}

#[test]
fn the_ranking_orders_by_judgement_then_high_indicators_then_events() {
    let s = store("rank");
    let review = |code: &str, judgement: &str, high: &[&str]| {
        let mut args = vec![
            "review",
            "set",
            code,
            "--judgement",
            judgement,
            "--motivation",
            "motivata",
        ];
        for i in high {
            args.push("--indicator");
            args.push(i);
        }
        ok(&s, &args);
    };
    let events = |code: &str, n: usize| {
        for i in 0..n {
            ok(
                &s,
                &["risk", "add", code, "--event", &format!("evento {i}")],
            );
        }
    };
    // Built so that every tie-break decides once.
    review("A1.1.1.1", "alto", &[]);
    review(
        "A2.3.1.1",
        "medio",
        &["interesse=alto", "discrezionalita=alto", "opacita=alto"],
    );
    review("A2.3.2.1", "medio", &["interesse=alto"]);
    events("A2.3.2.1", 3);
    review("B1.1.1.1", "medio", &["interesse=alto"]);
    events("B1.1.1.1", 1);
    review("B3.1.1.1", "basso", &["interesse=alto", "eventi=alto"]);
    events("C1.1.1.1", 2);
    let rank = json(&s, &["risk", "rank", "--json"]);
    let order: Vec<&str> = rank
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["A1.1.1.1", "A2.3.1.1", "A2.3.2.1", "B1.1.1.1", "B3.1.1.1", "C1.1.1.1"]
    );
    assert_eq!(rank[0]["rank"], 1);
    let text = ok(&s, &["risk", "rank"]);
    assert!(text.lines().nth(1).unwrap().contains("alto"), "{text}");
}

#[test]
fn the_catalogue_offers_typical_events_by_area() {
    let s = store("catalogue");
    let all = json(&s, &["risk", "catalogue", "--json"]);
    assert!(all.as_array().unwrap().len() >= 60);
    let contracts = json(&s, &["risk", "catalogue", "--area", "contratti", "--json"]);
    assert!(contracts
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["area"] == "contratti"));
    assert!(!s.exists(), "the catalogue needs no store");
}

#[test]
fn four_writers_adding_fifty_events_each_lose_nothing() {
    let s = store("concurrent");
    ok(&s, &["risk", "add", "A1.1.1.1", "--event", "primo"]);
    let codes = ["A2.3.1.1", "A2.3.2.1", "B2.2.2.6", "A2.3.1.1"];
    let children: Vec<_> = codes
        .iter()
        .map(|code| {
            let add = [
                "risk",
                "add",
                code,
                "--event",
                "evento",
                "--factor",
                "controlli",
            ];
            let args = [&["--user", "rpct"][..], &add, &["--repeat", "50"]].concat();
            common::start_writer(&s, &args)
        })
        .collect();
    for c in children {
        common::finished_cleanly(c);
    }
    let conn = Connection::open(&s).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM risk_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 201);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE record = 'risk' AND field = 'event'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 201, "audit complete");
    let ids: i64 = conn
        .query_row("SELECT count(DISTINCT id) FROM risk_events", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(ids, 201, "ids never given twice");
    assert!(mappa_store(&s, &["review", "verify"]).status.success());
}

#[test]
fn a_writer_killed_mid_loop_loses_no_acknowledged_event() {
    let s = store("kill");
    // SIGKILL once 40 changes are acknowledged: no chance to clean up.
    let acked = common::kill_writer_after(
        &s,
        &[
            "risk", "add", "A2.3.1.1", "--event", "e", "--repeat", "1000000",
        ],
        40,
    );
    let conn = Connection::open(&s).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM risk_events", [], |r| r.get(0))
        .unwrap();
    assert!(n >= acked as i64, "acknowledged {acked}, stored {n}");
    for i in 1..=acked {
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM risk_events WHERE text = ?1",
                [format!("e #{i}")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "event {i} acknowledged and lost");
    }
}

#[test]
fn a_store_of_the_previous_release_takes_events_and_keeps_its_reviews() {
    let s = store("migrate");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &s).unwrap();
    ok(
        &s,
        &[
            "risk",
            "add",
            "A2.3.1.1",
            "--event",
            "Protocollazione ritardata per favorire un utente",
            "--factor",
            "controlli",
        ],
    );
    let conn = Connection::open(&s).unwrap();
    let reviews: i64 = conn
        .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reviews, 7, "every review kept");
    let old_audit: i64 = conn
        .query_row("SELECT count(*) FROM audit WHERE id <= 26", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(old_audit, 26, "every audit row kept");
    let v = json(&s, &["review", "show", "A2.3.1.1", "--json"]);
    assert!(v["notes"]
        .as_str()
        .unwrap()
        .starts_with("Intervista con il responsabile"));
    let list = json(&s, &["risk", "list", "A2.3.1.1", "--json"]);
    assert_eq!(list[0]["judgement"], "medio");
    assert!(mappa_store(&s, &["review", "verify"]).status.success());
}

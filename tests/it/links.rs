//! The concordance in every answer, through the real binary: `show` names
//! the office (PTPC 2019) under the responsible, JSON nodes carry `links`
//! and `offices`, `mappa link` records the officer's decisions and they
//! always win, across restarts and re-imports; `mappa links` lists the
//! concordance; decisions are records like any other (concurrent writers,
//! a writer killed, the previous release's store).

use crate::common;

use common::{mappa, mappa_store, stderr, stdout};
use rusqlite::Connection;
use serde_json::Value;
use std::path::Path;

fn store_in(name: &str) -> common::Scratch {
    common::scratch_store(&format!("links-{name}"))
}

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The one node `show --json` gives for `code` in `dataset`.
fn shown(store: &Path, extra: &[&str], code: &str, dataset: &str) -> Value {
    let mut args: Vec<&str> = extra.to_vec();
    args.extend(["show", code, "--dataset", dataset, "--json"]);
    let v = json(&mappa_store(store, &args));
    let nodes = v.as_array().unwrap();
    assert_eq!(nodes.len(), 1, "{code}");
    nodes[0].clone()
}

fn link(store: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["link"];
    all.extend_from_slice(args);
    mappa_store(store, &all)
}

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn ids(links: &Value) -> Vec<String> {
    links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn show_d2221_names_the_tachograph_action_and_its_office() {
    let o = mappa(&["show", "D2.2.2.1"]);
    let text = ok(o);
    let lines: Vec<&str> = text.lines().collect();
    let role = lines
        .iter()
        .position(|l| l.starts_with("  Responsabile  Operatore incaricato del servizio CNS"))
        .expect(&text);
    assert_eq!(lines[role + 1], "  Ufficio (PTPC 2019)", "{text}");
    assert_eq!(
        lines[role + 2],
        "    Sviluppo economico / Armonizzaz. e tutela del mercato  (da confermare)"
    );
    assert!(
        lines[role + 3].contains("ptpc2019 C1.5.1 › Rilascio delle carte tachigrafiche")
            && lines[role + 3].contains("da confermare"),
        "{text}"
    );
    let v = json(&mappa(&["show", "D2.2.2.1", "--json"]));
    let node = &v[0];
    let best = &node["links"][0];
    assert_eq!(best["dataset"], "ptpc2019");
    assert_eq!(best["title"], "Rilascio delle carte tachigrafiche");
    assert_eq!(best["code"], Value::Null);
    assert_eq!(best["parent_code"], "C1.5.1");
    assert_eq!(best["status"], "auto");
    assert!(best["score"].as_f64().unwrap() > 0.3);
    assert_eq!(
        node["offices"][0],
        serde_json::json!({"area": "Sviluppo economico", "servizio": "Armonizzaz. e tutela del mercato"})
    );
    // The office is the action's own structure.
    let action = json(&mappa(&[
        "show",
        "C1.5.1",
        "--dataset",
        "ptpc2019",
        "--json",
    ]));
    assert_eq!(
        action[0]["offices"],
        serde_json::json!([]),
        "annex: no offices"
    );
}

#[test]
fn d313_links_to_the_ptpc_sub_process_on_promoting_the_territory() {
    let v = json(&mappa(&["show", "D3.1.3", "--json"]));
    let best = &v[0]["links"][0];
    assert_eq!(best["id"], "ptpc2019:D1.3.5", "{:#}", v[0]["links"]);
    assert_eq!(best["code"], "D1.3.5");
    let text = ok(mappa(&["show", "D3.1.3"]));
    assert!(
        text.contains("collegamento: ptpc2019 D1.3.5 Promozione e del territorio"),
        "{text}"
    );
    // And the other way round.
    let v = json(&mappa(&[
        "show",
        "D1.3.5",
        "--dataset",
        "ptpc2019",
        "--json",
    ]));
    assert!(ids(&v[0]["links"]).contains(&"catalogo:D3.1.3".to_string()));
    let text = ok(mappa(&["show", "D1.3.5", "--dataset", "ptpc2019"]));
    assert!(text.contains("  Nel catalogo\n"), "{text}");
}

#[test]
fn every_json_node_carries_links_and_offices() {
    let s = store_in("json");
    let check = |nodes: &Value, what: &str| {
        let nodes = nodes.as_array().unwrap_or_else(|| panic!("{what}"));
        assert!(!nodes.is_empty(), "{what}");
        for n in nodes {
            assert!(
                n["links"].is_array() && n["offices"].is_array(),
                "{what}: {n:#}"
            );
            for l in n["links"].as_array().unwrap() {
                for key in [
                    "dataset",
                    "id",
                    "code",
                    "parent_code",
                    "title",
                    "score",
                    "status",
                ] {
                    assert!(l.get(key).is_some(), "{what}: link without {key}");
                }
            }
            if n["dataset"] == "ptpc2019" {
                assert_eq!(n["offices"], serde_json::json!([]), "{what}");
            }
        }
    };
    check(
        &json(&mappa_store(&s, &["show", "A2.3.1.1", "--json"])),
        "show",
    );
    let search = json(&mappa_store(
        &s,
        &["search", "carte tachigrafiche", "--json"],
    ));
    check(&search, "search");
    assert!(search[0].get("score").is_some() && search[0].get("matched_field").is_some());
    let who = json(&mappa_store(&s, &["who", "Registro imprese", "--json"]));
    check(&who, "who");
    // `who --json` keeps to the entries that name the office.
    assert_eq!(who.as_array().unwrap().len(), 20);
    let export = json(&mappa_store(&s, &["export", "--format", "json"]));
    for ds in export["datasets"].as_array().unwrap() {
        check(&ds["nodes"], "export");
    }
    // A catalogo sub-process linked to a sub-process has its actions'
    // offices, when the link is sure enough to give one.
    let catalogo = export["datasets"][0]["nodes"].as_array().unwrap();
    let node = |id: &str| catalogo.iter().find(|n| n["id"] == id).unwrap();
    let b113 = node("catalogo:B1.1.3");
    assert_eq!(b113["links"][0]["id"], "ptpc2019:B1.1.3", "{b113:#}");
    assert!(!b113["offices"].as_array().unwrap().is_empty(), "{b113:#}");
    // D3.1.3's link (0.16) is too weak for an office.
    let d313 = node("catalogo:D3.1.3");
    assert!(d313["links"][0]["score"].as_f64().unwrap() < 0.35);
    assert!(d313["offices"].as_array().unwrap().is_empty(), "{d313:#}");
    // Reading shows never created a store.
    assert!(!s.exists());
}

#[test]
fn decisions_always_win_and_survive_a_restart_and_a_re_import() {
    let s = store_in("decisions");
    // A rejected link is never the best one.
    let out = ok(link(&s, &["reject", "D2.2.2.1", "ptpc2019:L163"]));
    assert!(
        out.starts_with("registrato L1: collegamento respinto"),
        "{out}"
    );
    assert!(
        out.contains("C1.5.1 › Rilascio delle carte tachigrafiche  [ptpc2019:L163]"),
        "{out}"
    );
    // A confirmed one always is, even when it scored lowest.
    let before = shown(&s, &[], "A1.1.1.2", "catalogo");
    let links = ids(&before["links"]);
    assert!(links.len() >= 2, "{links:?}");
    let lowest = links.last().unwrap().clone();
    ok(link(&s, &["confirm", "A1.1.1.2", &lowest]));
    // An added one (no content supports it) too.
    ok(link(&s, &["add", "A1.1.1.4", "D1.3.5"]));
    let check = |extra: &[&str], when: &str| {
        let n = shown(&s, extra, "D2.2.2.1", "catalogo");
        let links = n["links"].as_array().unwrap();
        let last = links.last().unwrap();
        assert_eq!(
            (&last["id"], &last["status"]),
            (&"ptpc2019:L163".into(), &"respinto".into()),
            "{when}"
        );
        // The best link is the first one not rejected: never this one.
        let best = links.iter().find(|l| l["status"] != "respinto");
        assert!(best.is_none_or(|l| l["id"] != "ptpc2019:L163"), "{when}");
        assert!(
            !n["offices"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["servizio"] == "Armonizzaz. e tutela del mercato"),
            "{when}: a rejected link gives no office: {n:#}"
        );
        let n = shown(&s, extra, "A1.1.1.2", "catalogo");
        assert_eq!(n["links"][0]["id"], lowest.as_str(), "{when}");
        assert_eq!(n["links"][0]["status"], "confermato", "{when}");
        let n = shown(&s, extra, "A1.1.1.4", "catalogo");
        assert_eq!(n["links"][0]["id"], "ptpc2019:D1.3.5", "{when}");
        assert_eq!(n["links"][0]["status"], "confermato", "{when}");
        assert_eq!(n["offices"][0]["area"], "Sviluppo economico", "{when}");
        let text = ok(mappa_store(&s, &[extra, &["show", "A1.1.1.4"]].concat()));
        assert!(text.contains("D1.3.5 Promozione e del territorio (prodotti di eccellenza, turismo, infrastrutture) (confermato)"), "{when}: {text}");
        let text = ok(mappa_store(&s, &[extra, &["show", "D2.2.2.1"]].concat()));
        assert!(
            !text.contains("Rilascio delle carte tachigrafiche"),
            "{when}: {text}"
        );
    };
    // Every command is a new process: a restart each time.
    check(&[], "restart");
    // A re-import: the map exported, edited (entries before these removed,
    // so every node index moves) and loaded from the file.
    let dir = s.parent().unwrap();
    let exported = dir.join("map.json");
    ok(mappa_store(
        &s,
        &[
            "export",
            "--format",
            "json",
            "-o",
            exported.to_str().unwrap(),
        ],
    ));
    let mut map: Value = serde_json::from_slice(&std::fs::read(&exported).unwrap()).unwrap();
    for ds in map["datasets"].as_array_mut().unwrap() {
        let nodes = ds["nodes"].as_array_mut().unwrap();
        let parents: std::collections::HashSet<String> = nodes
            .iter()
            .filter_map(|n| n["parent"].as_str().map(str::to_string))
            .collect();
        // The first two leaves of each dataset that are not decided on go.
        let decided = ["catalogo:A1.1.1.2", "catalogo:A1.1.1.4", lowest.as_str()];
        let leaves: Vec<usize> = (0..nodes.len())
            .filter(|&i| {
                let id = nodes[i]["id"].as_str().unwrap();
                !parents.contains(id) && !decided.contains(&id)
            })
            .take(2)
            .collect();
        assert!(
            leaves[1] < 10,
            "entries before those decided on: {leaves:?}"
        );
        for i in leaves.into_iter().rev() {
            nodes.remove(i);
        }
    }
    let edited = dir.join("edited.json");
    std::fs::write(&edited, serde_json::to_vec_pretty(&map).unwrap()).unwrap();
    let data = edited.to_str().unwrap();
    check(&["--data", data], "re-import");
    // The list for review shows the decisions.
    let listed = json(&mappa_store(&s, &["--data", data, "links", "--json"]));
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "catalogo:A1.1.1.2")
        .unwrap();
    assert_eq!(entry["links"][0]["status"], "confermato");
    // An entry gone from the map keeps its decision, counted, never an error.
    let gone = dir.join("gone.json");
    let catalogo = map["datasets"][0]["nodes"].as_array_mut().unwrap();
    catalogo.retain(|n| n["id"] != "catalogo:A1.1.1.4");
    std::fs::write(&gone, serde_json::to_vec_pretty(&map).unwrap()).unwrap();
    let text = ok(mappa_store(
        &s,
        &["--data", gone.to_str().unwrap(), "links"],
    ));
    assert!(
        text.contains("1 decisioni dell'archivio riguardano voci che non sono nella mappa"),
        "{text}"
    );
    // The export with decisions loads back to the same bytes.
    let again = mappa_store(
        &s,
        &[
            "--data",
            exported.to_str().unwrap(),
            "export",
            "--format",
            "json",
        ],
    );
    assert_eq!(std::fs::read(&exported).unwrap(), again.stdout);
    // The decisions are audited.
    let log = ok(mappa_store(&s, &["review", "log"]));
    assert!(
        log.contains("verdict: ∅ → respinto") && log.contains("verdict: ∅ → aggiunto"),
        "{log}"
    );
    assert!(ok(mappa_store(&s, &["review", "verify"])).starts_with("ok"));
}

#[test]
fn link_says_what_is_wrong_and_changes_nothing() {
    let s = store_in("errors");
    let o = link(&s, &["confirm", "ptpc2019:L163", "D2.2.2.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "ptpc2019:L163 è una voce di ptpc2019, non di catalogo: dai prima la voce di catalogo"
        ),
        "{}",
        stderr(&o)
    );
    // A code only the other side has.
    let o = link(&s, &["confirm", "D2.2.2.1", "D2.2.2.1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("non di ptpc2019"), "{}", stderr(&o));
    let o = link(&s, &["confirm", "D2.2.2.1", "Z9.9"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nessuna voce ha il codice Z9.9"),
        "{}",
        stderr(&o)
    );
    let o = link(&s, &["confirm", "D2.2.2.1", "ptpc2019:L99999"]);
    assert_eq!(o.status.code(), Some(1));
    let o = link(&s, &["confirm", "tachigrafi!", "ptpc2019:L163"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("non è un codice né l'id di una voce"),
        "{}",
        stderr(&o)
    );
    let o = link(&s, &["maybe", "D2.2.2.1", "ptpc2019:L163"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("confirm") && stderr(&o).contains("reject"),
        "{}",
        stderr(&o)
    );
    // Variants: the catalogo's with --variant, the annex's with --ptpc-variant.
    let o = link(&s, &["confirm", "A1.1.1.7", "A1.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--variant 2"), "{}", stderr(&o));
    let o = link(&s, &["confirm", "A1.1.1.7", "--variant", "2", "B3.2.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ptpc-variant 2"), "{}", stderr(&o));
    let o = link(&s, &["--read-only", "reject", "D2.2.2.1", "ptpc2019:L163"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("sola lettura"), "{}", stderr(&o));
    assert!(!s.exists(), "nothing was written");
    // A map without the two datasets has nothing to link.
    let dir = s.parent().unwrap();
    let only = dir.join("catalogo.json");
    ok(mappa(&[
        "export",
        "--dataset",
        "catalogo",
        "-o",
        only.to_str().unwrap(),
    ]));
    let o = mappa_store(
        &s,
        &[
            "--data",
            only.to_str().unwrap(),
            "link",
            "confirm",
            "D2.2.2.1",
            "C1.5.1",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("non ha un catalogo e un allegato da collegare"),
        "{}",
        stderr(&o)
    );
    // With both, --json says what was recorded.
    let v = json(&link(
        &s,
        &[
            "confirm",
            "A1.1.1.7",
            "--variant",
            "2",
            "B3.2.1",
            "--ptpc-variant",
            "2",
            "--json",
        ],
    ));
    assert_eq!(v["id"], "L1");
    assert_eq!(v["verdict"], "confermato");
    assert_eq!(v["catalogo"]["id"], "catalogo:A1.1.1.7~2");
    assert_eq!(
        v["catalogo"]["key"],
        serde_json::json!({"dataset": "catalogo", "key": "A1.1.1.7", "variant": 2})
    );
    assert_eq!(v["ptpc"]["id"], "ptpc2019:B3.2.1~2");
    assert_eq!(
        v["updated_by"].as_str().map(|w| w.contains("rpct")),
        Some(true),
        "{v:#}"
    );
}

#[test]
fn links_lists_the_concordance_and_the_entries_without_a_link() {
    let text = ok(mappa(&["links"]));
    let block: Vec<&str> = text
        .split("\n\n")
        .find(|b| b.starts_with("D2.2.2.1 "))
        .expect(&text)
        .lines()
        .collect();
    assert!(block[0].ends_with("· attività"), "{block:?}");
    assert!(
        block[1].contains(
            "da confermare  ptpc2019 C1.5.1 › Rilascio delle carte tachigrafiche  [ptpc2019:L163]"
        ),
        "{block:?}"
    );
    let summary = text.lines().last().unwrap();
    assert!(
        summary.contains("voci di catalogo collegate")
            && summary.contains("mappa links --unmatched"),
        "{summary}"
    );
    let unmatched = ok(mappa(&["links", "--unmatched"]));
    // The board of auditors' support has no counterpart in the annex.
    assert!(
        unmatched
            .contains("A1.1.2.6 Supporto Collegio dei revisori · attività\n  nessun collegamento"),
        "{unmatched}"
    );
    assert!(!unmatched.contains("\nD2.2.2.1 "), "{unmatched}");
    let all = json(&mappa(&["links", "--json"]));
    let none = json(&mappa(&["links", "--unmatched", "--json"]));
    for e in all.as_array().unwrap() {
        assert!(!e["links"].as_array().unwrap().is_empty());
        assert!(
            e.get("offices").is_some() && e.get("nearest").is_some() && e.get("kind").is_some()
        );
    }
    for e in none.as_array().unwrap() {
        assert!(
            e["links"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["status"] == "respinto"),
            "{e:#}"
        );
        assert_eq!(e["offices"], serde_json::json!([]));
    }
    let count = |v: &Value| v.as_array().unwrap().len();
    assert!(
        count(&all) > 150 && count(&none) > 20,
        "{} {}",
        count(&all),
        count(&none)
    );
    // The annex's side.
    let ptpc = json(&mappa(&["links", "--dataset", "ptpc2019", "--json"]));
    assert!(ptpc
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["dataset"] == "ptpc2019"));
    let o = mappa(&["links", "--dataset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sconosciuto"), "{}", stderr(&o));
}

#[test]
fn who_an_office_adds_the_catalogo_entries_linked_to_it() {
    let text = ok(mappa(&["who", "Registro imprese"]));
    let (direct, linked) = text
        .split_once(
            "\nDai collegamenti con il PTPC 2019 — Registro imprese (servizio · catalogo): ",
        )
        .expect(&text);
    assert!(
        direct.starts_with("Registro imprese (servizio · ptpc2019): 20 voci"),
        "{direct}"
    );
    assert!(linked.contains("catalogo · C1"), "{linked}");
    assert!(linked.contains("  C1.1.1.1 "), "{linked}");
    assert!(
        linked.contains("← ptpc2019 C1.1.1 › "),
        "marked as coming from the links: {linked}"
    );
    let md = ok(mappa(&["who", "Registro imprese", "--format", "md"]));
    assert!(
        md.contains(
            "\n# Dai collegamenti con il PTPC 2019: Registro imprese (servizio · catalogo)\n"
        ),
        "{md}"
    );
    // A rejected link takes its entry out of the office's list.
    let s = store_in("who");
    let o = mappa_store(&s, &["who", "Registro imprese", "--json"]);
    assert_eq!(json(&o).as_array().unwrap().len(), 20);
    let listed_before = ok(mappa_store(&s, &["who", "Registro imprese"]));
    assert!(listed_before.contains("  C1.1.1.1 "));
    let c1111 = shown(&s, &[], "C1.1.1.1", "catalogo");
    for l in c1111["links"].as_array().unwrap() {
        ok(link(&s, &["reject", "C1.1.1.1", l["id"].as_str().unwrap()]));
    }
    let after = ok(mappa_store(&s, &["who", "Registro imprese"]));
    assert!(!after.contains("  C1.1.1.1 "), "{after}");
}

/// Verdict audit rows of one decision.
fn verdicts(conn: &Connection, item: &str) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM audit WHERE record = 'link' AND item = ?1 AND field = 'verdict'",
        [item],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn concurrent_writers_of_decisions_lose_nothing() {
    let s = store_in("concurrent");
    const CHANGES: u32 = 60;
    let pairs = [
        ("A1.1.1.1", "ptpc2019:L14.5"),
        ("A1.1.1.4", "ptpc2019:L14.7"),
        ("A1.1.1.5", "ptpc2019:L14.2"),
        ("D2.2.2.1", "ptpc2019:L163"),
    ];
    // Four long-lived writers alternating the verdict on their own pair...
    let children: Vec<_> = pairs
        .iter()
        .map(|(c, p)| {
            let repeat = CHANGES.to_string();
            let args = [
                "--user", "rpct", "link", "confirm", c, p, "--repeat", &repeat,
            ];
            common::start_writer(&s, &args)
        })
        .collect();
    // ...while short-lived writers decide on other pairs.
    let others: Vec<(&str, String)> = ["A1.1.1.2", "A1.1.1.3", "A1.1.1.6"]
        .iter()
        .flat_map(|c| (0..4).map(move |i| (*c, format!("ptpc2019:L14.{}", i + 1))))
        .collect();
    let threads: Vec<_> = others
        .chunks(3)
        .map(|chunk| {
            let chunk: Vec<(String, String)> = chunk
                .iter()
                .map(|(c, p)| (c.to_string(), p.clone()))
                .collect();
            let s = s.clone();
            std::thread::spawn(move || {
                for (c, p) in chunk {
                    let o = link(&s, &["add", &c, &p]);
                    assert!(o.status.success(), "{}", stderr(&o));
                }
            })
        })
        .collect();
    for c in children {
        common::finished_cleanly(c);
    }
    for t in threads {
        t.join().unwrap();
    }
    let conn = Connection::open(&s).unwrap();
    let rows: Vec<(String, String, String, String)> = conn
        .prepare("SELECT id, c_key, p_key, verdict FROM link_decisions ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((
                format!("L{}", r.get::<_, i64>(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), pairs.len() + others.len());
    for (c, _) in pairs {
        let (id, _, _, verdict) = rows.iter().find(|r| r.1 == c).unwrap();
        // An even number of alternations ends on the opposite verdict.
        assert_eq!(verdict, "respinto", "{c}");
        assert_eq!(
            verdicts(&conn, id),
            CHANGES as i64,
            "every change of {c} audited"
        );
    }
    let added = rows.iter().filter(|r| r.3 == "aggiunto").count();
    assert_eq!(added, others.len());
    assert!(ok(mappa_store(&s, &["review", "verify"])).starts_with("ok"));
}

#[test]
fn a_writer_of_decisions_killed_mid_loop_loses_nothing_acknowledged() {
    let s = store_in("killed");
    // SIGKILL once 40 changes are acknowledged: no chance to clean up.
    let acked = common::kill_writer_after(
        &s,
        &[
            "--user",
            "rpct",
            "link",
            "confirm",
            "D2.2.2.1",
            "ptpc2019:L163",
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
    let stored = verdicts(&conn, "L1");
    assert!(
        stored >= acked as i64,
        "acknowledged {acked}, the store has {stored}"
    );
    // The verdict is the one of the last change written.
    let verdict: String = conn
        .query_row("SELECT verdict FROM link_decisions WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let expected = if stored % 2 == 1 {
        "confermato"
    } else {
        "respinto"
    };
    assert_eq!(verdict, expected);
    assert!(ok(mappa_store(&s, &["review", "verify"])).starts_with("ok"));
}

#[test]
fn a_store_of_release_0_1_reads_links_and_migrates_at_the_first_decision() {
    let s = store_in("migrate");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &s).unwrap();
    let version = || -> i64 {
        Connection::open(&s)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    let count = |table: &str| -> i64 {
        Connection::open(&s)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let (reviews, audit) = (count("reviews"), count("audit"));
    // Reading links from the old store works and leaves it as it is.
    let n = shown(&s, &[], "D2.2.2.1", "catalogo");
    assert_eq!(n["links"][0]["status"], "auto");
    ok(mappa_store(&s, &["links", "--unmatched"]));
    assert_eq!(version(), 1);
    // The first decision migrates it, keeping every review and audit row.
    ok(link(&s, &["reject", "D2.2.2.1", "ptpc2019:L163"]));
    assert!(version() >= 3);
    assert_eq!(count("reviews"), reviews);
    // The upgrade's marker and snapshots, then the decision's three rows
    // (its two entries and the verdict).
    let upgrade: i64 = Connection::open(&s)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE record = 'store' OR field = '*'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(upgrade > reviews, "{upgrade}");
    assert_eq!(
        count("audit"),
        audit + upgrade + 3,
        "the decision's audit rows"
    );
    let verify = ok(mappa_store(&s, &["review", "verify"]));
    assert!(
        verify.starts_with(&format!("ok: {} righe", audit + upgrade + 3)),
        "{verify}"
    );
    let o = ok(mappa_store(
        &s,
        &["review", "show", "A1.1.1.7", "--variant", "2"],
    ));
    assert!(o.contains("Seconda variante"), "{o}");
    let n = shown(&s, &[], "D2.2.2.1", "catalogo");
    let last = n["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["id"].as_str(), last["status"].as_str()),
        (Some("ptpc2019:L163"), Some("respinto"))
    );
}

//! `mappa search` through the real binary: partial matches, the notes on
//! stderr, the JSON fields, suggestions, bad limits and hostile queries.

use crate::common;

use common::{mappa, stderr, stdout};

fn json(o: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .expect("JSON on stdout")
        .as_array()
        .expect("an array")
        .clone()
}

#[test]
fn a_missing_word_gives_partial_results_with_a_note_and_exit_0() {
    let o = mappa(&["search", "protocollo pec zzyzx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("nessun risultato con tutte le parole: risultati parziali (2 di 3)"),
        "{}",
        stderr(&o)
    );
    // A full match has no note.
    let o = mappa(&["search", "protocollo pec"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

#[test]
fn json_entries_carry_matched_and_query_words_and_every_node_field() {
    let o = mappa(&["search", "protocollo pec zzyzx", "--json", "--limit", "3"]);
    assert!(o.status.success());
    let hits = json(&o);
    assert!(!hits.is_empty() && hits.len() <= 3);
    for h in &hits {
        assert_eq!(h["matched_words"], 2);
        assert_eq!(h["query_words"], 3);
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["matched_field"].is_string());
        for field in [
            "dataset",
            "id",
            "code",
            "raw_code",
            "level",
            "kind",
            "title",
            "name",
            "input",
            "output",
            "activities",
            "role",
            "structures",
            "parent",
            "parent_code",
            "inferred",
            "line",
            "diagnostics",
        ] {
            assert!(h.get(field).is_some(), "{field} missing in {h}");
        }
    }
    let o = mappa(&["search", "rassegna stampa", "--json"]);
    let hits = json(&o);
    assert_eq!(hits[0]["matched_words"], 2);
    assert_eq!(hits[0]["query_words"], 2);
}

#[test]
fn fascicolo_elettronico_impresa_has_the_responsible_activity_in_the_top_3() {
    let o = mappa(&[
        "search",
        "fascicolo elettronico impresa",
        "--dataset",
        "catalogo",
        "--json",
        "--limit",
        "3",
    ]);
    assert!(o.status.success());
    let codes: Vec<String> = json(&o)
        .iter()
        .map(|h| h["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(codes.iter().any(|c| c == "C1.2.3.1"), "{codes:?}");
}

#[test]
fn no_word_matching_exits_1_with_the_nearest_words() {
    let o = mappa(&["search", "protocolllllo"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("nessun risultato per"), "{err}");
    assert!(err.contains("forse cercavi: protocollo"), "{err}");
    let o = mappa(&["search", "qqqzzzxxx", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn a_limit_of_zero_is_refused_as_bad_input() {
    let o = mappa(&["search", "pec", "--limit", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("--limit"), "{err}");
    assert!(!err.contains("nessun risultato per"), "{err}");
    let o = mappa(&["search", "pec", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 2, "one entry, two lines");
}

#[test]
fn a_100_kb_query_answers_with_a_note_that_it_was_cut() {
    let query = "protocollo pec ".repeat(100_000 / 15);
    assert!(query.len() >= 99_000);
    let o = mappa(&["search", &query, "--limit", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("A2.3.1.1"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("ricerca troppo lunga"), "{err}");
    assert!(err.len() < 1_000, "the query is not echoed back: {err}");
}

#[test]
fn control_characters_in_a_query_never_reach_the_terminal_raw() {
    let o = mappa(&["search", "\u{1b}[2J\u{202e}zzyzx\u{7}"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}') && !err.contains('\u{7}'));
}

/// Whether a JSON node names its responsible or says who answers for it.
fn has_a_name(n: &serde_json::Value) -> bool {
    let own = !n["role"].as_str().unwrap().trim().is_empty()
        || n["structures"].as_array().unwrap().iter().any(|s| {
            !s["area"].as_str().unwrap().trim().is_empty()
                || !s["servizio"].as_str().unwrap().trim().is_empty()
        });
    own || !n["responsibles_below"].as_array().unwrap().is_empty()
}

#[test]
fn every_hit_has_a_responsible_or_those_below_it() {
    for q in [
        "suap",
        "albo gestori ambientali",
        "mediazione",
        "protocollo",
        "chi si occupa del protocollo",
        "monitoraggio",
        "brevetti",
        "turismo",
        "pulizie",
        "registro imprese",
    ] {
        let o = mappa(&["search", q, "--json", "--limit", "100"]);
        assert!(o.status.success(), "{q}: {}", stderr(&o));
        let hits = json(&o);
        assert!(!hits.is_empty(), "{q}");
        for h in &hits {
            assert!(has_a_name(h), "{q}: {} names no one: {h:#}", h["id"]);
        }
    }
    // A process without a role of its own: the roles below it, counted.
    let o = mappa(&[
        "search",
        "albo gestori ambientali",
        "--json",
        "--dataset",
        "catalogo",
    ]);
    let d52 = json(&o)
        .into_iter()
        .find(|h| h["id"] == "catalogo:D5.2")
        .expect("D5.2 found");
    let below = d52["responsibles_below"].as_array().unwrap();
    assert_eq!(below[0]["source"], "sotto_voci");
    assert_eq!(below[0]["status"], "mappa");
    assert!(below[0]["count"].as_u64().unwrap() >= 1);
    assert!(!below[0]["role"].as_str().unwrap().is_empty());
    // And in text, the same answer in a line.
    let text = stdout(&mappa(&[
        "search",
        "albo gestori ambientali",
        "--dataset",
        "catalogo",
    ]));
    assert!(text.contains("nelle sotto-voci: PO Settore"), "{text}");
    assert!(!text.contains(" — · "), "a hit with no name: {text}");
}

#[test]
fn every_entry_of_the_seeds_names_someone_or_has_responsibles_below() {
    let o = mappa(&["export", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut sources = std::collections::BTreeMap::new();
    for ds in v["datasets"].as_array().unwrap() {
        for n in ds["nodes"].as_array().unwrap() {
            assert!(has_a_name(n), "{} names no one: {n:#}", n["id"]);
            if let Some(first) = n["responsibles_below"].as_array().unwrap().first() {
                *sources
                    .entry(first["source"].as_str().unwrap().to_string())
                    .or_insert(0) += 1;
                // Names from computed links say they are to be confirmed.
                if first["source"] == "collegamenti" {
                    assert!(["auto", "confermato"].contains(&first["status"].as_str().unwrap()));
                }
            }
        }
    }
    // Mostly from the entries below.
    assert!(sources["sotto_voci"] > 200, "{sources:?}");
}

//! The command-line contract, driven through the real binary.

use crate::common;

use common::{mappa, stderr, stdout};

fn temp(name: &str) -> common::Scratch {
    common::temp_dir("cli").at(name)
}

#[test]
fn show_answers_who_is_responsible() {
    let o = mappa(&["show", "A2.3.1.1"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("Responsabile  Operatore incaricato del servizio Protocollo"),
        "{text}"
    );
    assert!(text.contains("Percorso     A2 › A2.3 › A2.3.1"));
}

#[test]
fn show_json_returns_every_variant_with_all_fields() {
    let o = mappa(&["show", "a1.1.1.7", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let nodes = v.as_array().unwrap();
    assert_eq!(nodes.len(), 2);
    for key in [
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
        assert!(nodes[0].get(key).is_some(), "missing {key}");
    }
    assert_ne!(nodes[0]["id"], nodes[1]["id"]);
    assert_eq!(nodes[1]["line"], 14);
}

#[test]
fn show_of_ptpc_action_parent_lists_structures() {
    let o = mappa(&["show", "C1.1.2", "--dataset", "ptpc2019"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Iscrizioni d'ufficio"));
}

#[test]
fn unknown_code_fails_and_suggests_nearest() {
    let o = mappa(&["show", "A2.3.9"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("Codici più vicini: A2.3"), "{err}");
    let o = mappa(&["show", "not-a-code"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("non è un codice di processo"));
    let o = mappa(&["show", "A1", "--dataset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("catalogo, ptpc2019"));
}

#[test]
fn check_exits_zero_and_lists_anomalies_with_lines() {
    let o = mappa(&["check"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("catalogo:33: avviso: [duplicate-row]"),
        "{text}"
    );
    assert!(text.contains("ptpc2019:111: avviso: [label-lag]"));
    let o = mappa(&["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().len() > 50);
}

#[test]
fn json_export_round_trips_byte_for_byte() {
    let first = temp("first.json");
    let o = mappa(&["export", "--format", "json", "-o", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let exported = std::fs::read(&first).unwrap();
    // Loading the export and exporting again gives the same bytes, also when
    // an editor saved the file with a byte-order mark.
    let bom = temp("bom.json");
    std::fs::write(&bom, ["\u{feff}".as_bytes(), &exported].concat()).unwrap();
    for file in [&first, &bom] {
        let again = mappa(&[
            "--data",
            file.to_str().unwrap(),
            "export",
            "--format",
            "json",
        ]);
        assert!(again.status.success(), "{}", stderr(&again));
        assert_eq!(exported, again.stdout, "{}", file.display());
    }
    // And the loaded map answers like the built-in one.
    let o = mappa(&["--data", first.to_str().unwrap(), "show", "A2.3.1.1"]);
    assert!(stdout(&o).contains("Operatore incaricato del servizio Protocollo"));
}

#[test]
fn malformed_json_names_line_and_column() {
    let bad = temp("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"mappa\": \"0.1.0\",\n  \"datasets\": [ oops ]\n}\n",
    )
    .unwrap();
    let o = mappa(&["--data", bad.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.json:3:17"), "{err}");
    let o = mappa(&["--data", "/nonexistent/map.json", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read the file"));
}

#[test]
fn csv_export_has_one_row_per_node() {
    let o = mappa(&["export", "--format", "csv", "--dataset", "catalogo"]);
    assert!(o.status.success());
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(r.headers().unwrap().len(), 18);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let map = mappa::import::builtin();
    assert_eq!(rows.len(), map.dataset("catalogo").unwrap().nodes.len());
    assert!(rows
        .iter()
        .any(|r| &r[2] == "A2.3.1.1" && r[11].contains("Protocollo")));
}

#[test]
fn markdown_export_is_a_readable_document() {
    let o = mappa(&["export", "--format", "md"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("# Catalogo dei processi"));
    assert!(text.contains("# PTPC 2019-2021"));
    assert!(text.contains("- **Responsabile:** Operatore incaricato del servizio Protocollo"));
}

#[test]
fn help_version_and_bad_arguments() {
    assert!(stdout(&mappa(&["--help"])).contains("show"));
    assert!(stdout(&mappa(&["--version"])).starts_with("mappa "));
    let o = mappa(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).is_empty());
}

#[test]
fn who_lists_parties_without_duplicates() {
    let o = mappa(&["who"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("PO Settore  [ruolo]  (anche: PO Settori"),
        "{text}"
    );
    // No two rows a person would call the same role.
    let v: serde_json::Value = serde_json::from_slice(&mappa(&["who", "--json"]).stdout).unwrap();
    let mut seen = std::collections::HashSet::new();
    for p in v.as_array().unwrap() {
        let name = p["name"].as_str().unwrap().to_lowercase();
        let name = name
            .trim_end_matches(['.', ',', ';'])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let singular = name
            .replace("settori", "settore")
            .replace("dirigenti", "dirigente");
        assert!(
            seen.insert((
                p["dataset"].to_string(),
                p["kind"].to_string(),
                singular.clone()
            )),
            "duplicate party {singular}"
        );
    }
}

#[test]
fn who_registro_imprese_is_exactly_its_ptpc_actions() {
    let o = mappa(&["who", "Registro imprese", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let nodes = v.as_array().unwrap();
    let map = mappa::import::builtin();
    let expected = map
        .dataset("ptpc2019")
        .unwrap()
        .nodes
        .iter()
        .filter(|n| {
            n.structures.iter().any(|s| {
                s.servizio
                    .split('/')
                    .any(|p| p.trim() == "Registro imprese")
            })
        })
        .count();
    assert_eq!(expected, 20);
    assert_eq!(nodes.len(), expected);
    for n in nodes {
        assert_eq!(n["dataset"], "ptpc2019");
        assert_eq!(n["kind"], "azione");
        assert!(n["structures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["servizio"] == "Registro imprese"));
    }
}

#[test]
fn who_groups_by_macro_process_and_exports() {
    let o = mappa(&["who", "protocollo"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("catalogo · A2 ORGANI CAMERALI"), "{text}");
    assert!(text.contains("A2.3.1.1"));
    let md = temp("who.md");
    let o = mappa(&[
        "who",
        "Segretario generale",
        "--format",
        "md",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let doc = std::fs::read_to_string(&md).unwrap();
    assert!(doc.starts_with("# Responsabilità: Segretario Generale (ruolo · catalogo), Segretario generale (area · ptpc2019)"), "{doc}");
    assert!(doc.contains("- **Responsabile:**"));
    let o = mappa(&["who", "Registro imprese", "--format", "csv"]);
    let rows = csv::Reader::from_reader(o.stdout.as_slice())
        .records()
        .count();
    assert_eq!(rows, 20);
    let o = mappa(&["who", "zzzz qqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("mappa who"));
}

#[test]
fn search_ranks_and_reports_the_matched_field() {
    let o = mappa(&["search", "rassegna stampa", "--limit", "5"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("A3.1.1.6"), "{text}");
    assert!(text.contains("trovato in: title"));
    let o = mappa(&["search", "autisti", "--json", "--dataset", "catalogo"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["code"], "B2.2.2.6");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert_eq!(first["matched_field"], "title");
    assert!(first.get("structures").is_some() && first.get("line").is_some());
    let o = mappa(&["search", "c2.10", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "C2.10");
    let o = mappa(&["search", "qqqzzzxxx"]);
    assert_eq!(o.status.code(), Some(1));
    let o = mappa(&["search", "pec", "--dataset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `mappa export | head`: the reader stopping early is not an error, in
/// every format (the csv and JSON writers wrap the broken pipe in their own
/// error types).
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    for format in ["json", "csv", "md"] {
        let mut child = common::command()
            .args(["export", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe is closed here; the export (far larger than a pipe's
        // buffer) is still being written.
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{format}: {:?}", o.status);
        assert_eq!(stderr(&o), "", "{format}");
    }
}

#[test]
fn who_a_topic_answers_with_the_office_that_handles_it() {
    let o = mappa(&["who", "economato"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let first = text.lines().next().unwrap();
    assert!(first.contains("risposta per argomento"), "{text}");
    // The first group is the office of the petty-cash entries.
    let group = text.lines().find(|l| l.contains(" · ptpc2019): ")).unwrap();
    assert!(
        group.starts_with(
            "Servizi amministrativi / Risorse umane e patrimonio (ufficio · ptpc2019)"
        ),
        "{text}"
    );
    // Never a role matched letter by letter.
    assert!(
        !text.contains("Responsabile Protocollo informatico"),
        "{text}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&mappa(&["who", "economato", "--json"]).stdout).unwrap();
    let nodes = v.as_array().unwrap();
    let first_two: Vec<&str> = nodes[..2]
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert!(
        first_two
            .iter()
            .all(|t| t.to_lowercase().contains("cassa economale")),
        "{first_two:?}"
    );
    // A question form is not part of the topic; a name is still a name.
    let o = mappa(&["who", "chi si occupa delle pulizie"]);
    assert!(
        stdout(&o).contains("Risorse umane e patrimonio"),
        "{}",
        stdout(&o)
    );
    let o = mappa(&["who", "chi si occupa del Registro imprese"]);
    assert!(
        stdout(&o).starts_with("Registro imprese (servizio · ptpc2019): 20 voci"),
        "{}",
        stdout(&o)
    );
    // A question without a topic has no answer.
    let o = mappa(&["who", "chi si occupa"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = mappa(&["who", "automezzi", "--format", "csv"]);
    assert!(o.status.success());
    assert!(stdout(&o).lines().count() >= 2);
}

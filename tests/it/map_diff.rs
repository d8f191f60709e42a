//! `mappa diff`: a new version of the catalogo made in code from the seed
//! (common/map_edits.rs) compared with the seed, through the binary and
//! through the library.

use crate::common::{self, map_edits, map_edits::Expected, stdout};
use mappa::import::diff::{diff, ChangeKind};
use mappa::model::Dataset;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn catalogo() -> Dataset {
    let map = mappa::import::builtin();
    map.dataset("catalogo").expect("the catalogo seed").clone()
}

/// `datasets` written as `mappa export --format json` would, at `path`.
fn write_export(path: &std::path::Path, datasets: Vec<Dataset>) {
    let export = mappa::import::json::Export {
        mappa: "test".into(),
        datasets,
    };
    std::fs::write(path, serde_json::to_string_pretty(&export).unwrap()).unwrap();
}

fn ids(entries: &Value) -> Vec<String> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_edit_is_reported_as_made_and_every_untouched_entry_as_same() {
    let old = catalogo();
    let (new, expected) = map_edits::edited(&old);
    let dir = common::temp_dir("map-diff");
    let path = dir.at("catalogo-nuovo.json");
    write_export(&path, vec![new.clone()]);
    let out = common::mappa(&[
        "diff",
        seed("catalogo.tsv").to_str().unwrap(),
        path.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = json["changes"].as_array().unwrap();

    // Every entry of either version exactly once.
    let mut seen = [Vec::new(), Vec::new()];
    for c in changes {
        seen[0].extend(ids(&c["old"]));
        seen[1].extend(ids(&c["new"]));
        for side in ["old", "new"] {
            for e in c[side].as_array().unwrap() {
                assert!(e["title"].is_string() && e.get("code").is_some(), "{e}");
            }
        }
    }
    for (seen, ds) in seen.iter_mut().zip([&old, &new]) {
        let all: Vec<String> = ds.nodes.iter().map(|n| n.id.to_string()).collect();
        assert_eq!(seen.len(), all.len(), "each entry once");
        seen.sort();
        let mut all = all;
        all.sort();
        assert_eq!(*seen, all);
    }

    // Each edit as it was made.
    let found: Vec<Expected> = changes
        .iter()
        .filter(|c| c["kind"] != "same")
        .map(|c| Expected {
            kind: match c["kind"].as_str().unwrap() {
                "changed" => "changed",
                "renamed" => "renamed",
                "moved" => "moved",
                "split" => "split",
                "merged" => "merged",
                "removed" => "removed",
                "added" => "added",
                other => panic!("unknown kind {other}"),
            },
            old: ids(&c["old"]),
            new: ids(&c["new"]),
            fields: c["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| match f.as_str().unwrap() {
                    "title" => "title",
                    "name" => "name",
                    "input" => "input",
                    "output" => "output",
                    "activities" => "activities",
                    "role" => "role",
                    "structures" => "structures",
                    "code" => "code",
                    "parent" => "parent",
                    other => panic!("unknown field {other}"),
                })
                .collect(),
            reason: c["reason"].is_string(),
        })
        .collect();
    let missing: Vec<&Expected> = expected.iter().filter(|e| !found.contains(e)).collect();
    let extra: Vec<&Expected> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nnot expected: {extra:#?}"
    );

    // The untouched entries: same, with their own id on both sides, score 1.
    let same: Vec<&Value> = changes.iter().filter(|c| c["kind"] == "same").collect();
    for c in &same {
        assert_eq!(ids(&c["old"]), ids(&c["new"]), "{c}");
        assert_eq!(c["score"], 1.0);
        assert_eq!(c["fields"], serde_json::json!([]));
    }
    let touched: BTreeSet<&String> = expected.iter().flat_map(|e| &e.old).collect();
    assert_eq!(same.len(), old.nodes.len() - touched.len());

    // The reasons name the other process.
    let reason_of = |id: &str| {
        changes
            .iter()
            .find(|c| c["kind"] == "removed" && ids(&c["old"]) == [id])
            .map(|c| c["reason"].as_str().unwrap().to_string())
            .unwrap()
    };
    let r = reason_of("catalogo:A3.1.1.5");
    assert!(r.contains("A3.1.1.5") && r.contains("messaggistica"), "{r}");
}

#[test]
fn the_library_gives_the_same_diff_and_every_entry_once() {
    let old = catalogo();
    let (new, expected) = map_edits::edited(&old);
    let d = diff(&old, &new);
    let mut by_old = vec![0; old.nodes.len()];
    let mut by_new = vec![0; new.nodes.len()];
    for c in &d.changes {
        c.old.iter().for_each(|&o| by_old[o] += 1);
        c.new.iter().for_each(|&n| by_new[n] += 1);
        assert!((0.0..=1.0).contains(&c.score), "{c:?}");
    }
    assert!(by_old.iter().chain(&by_new).all(|&k| k == 1));
    assert_eq!(
        d.by_old(old.nodes.len()).iter().flatten().count(),
        old.nodes.len()
    );
    let kinds = |k: &str| expected.iter().filter(|e| e.kind == k).count();
    for kind in [
        ChangeKind::Changed,
        ChangeKind::Renamed,
        ChangeKind::Moved,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Removed,
        ChangeKind::Added,
    ] {
        assert_eq!(d.count(kind), kinds(kind.as_str()), "{kind:?}");
    }
    // The reused code: the old entry's change says which entry has it now.
    let gone = old
        .nodes
        .iter()
        .position(|n| n.id == "catalogo:A3.1.1.5")
        .unwrap();
    let c = &d.changes[d.by_old(old.nodes.len())[gone].unwrap()];
    assert_eq!(c.kind, ChangeKind::Removed);
    match c.reason {
        Some(mappa::import::diff::Reason::CodeNowNames { new: n }) => {
            assert_eq!(new.nodes[n].id, "catalogo:A3.1.1.5");
            assert!(new.nodes[n].title.contains("messaggistica"));
        }
        other => panic!("{other:?}"),
    }
    // Identical versions: all same.
    assert!(diff(&old, &old).is_unchanged());
    assert!(diff(&new, &new).is_unchanged());
}

#[test]
fn the_change_log_is_grouped_by_macro_process_in_italian() {
    let old = catalogo();
    let (new, _) = map_edits::edited(&old);
    let dir = common::temp_dir("map-diff-text");
    let path = dir.at("nuova.json");
    write_export(&path, vec![new]);
    let out = common::mappa(&[
        "diff",
        seed("catalogo.tsv").to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("voci prima"), "{text}");
    assert!(text.contains("rinominata"), "{text}");
    // Each macro-process once, as a heading, its changes below it.
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(['A', 'B', 'C', 'D']) && !l.contains(": "))
        .collect();
    let unique: BTreeSet<&&str> = headings.iter().collect();
    assert_eq!(unique.len(), headings.len(), "{text}");
    let a2 = text.find("\nA2 ORGANI CAMERALI").expect("a heading for A2");
    let moved = text.find("A2.4 → A2.7").expect("the renumbered process");
    let b1 = text.find("\nB1 RISORSE UMANE").expect("a heading for B1");
    assert!(a2 < moved && moved < b1, "{text}");
    assert!(text.contains("punteggio"), "{text}");
    assert!(
        text.contains("il codice A3.1.1.5 ora indica un'altra voce"),
        "{text}"
    );
    // Untouched entries are counted, not listed.
    assert!(!text.contains("A1.1.1.2 "), "{text}");

    let en = common::mappa(&[
        "--lang",
        "en",
        "diff",
        seed("catalogo.tsv").to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert!(stdout(&en).contains("entries before"));
}

#[test]
fn a_file_of_several_datasets_is_compared_by_dataset() {
    let map = mappa::import::builtin();
    let old = map.dataset("catalogo").unwrap().clone();
    let (new, _) = map_edits::edited(&old);
    let ptpc = map.dataset("ptpc2019").unwrap().clone();
    let dir = common::temp_dir("map-diff-datasets");
    let (before, after) = (dir.at("prima.json"), dir.at("dopo.json"));
    write_export(&before, vec![old, ptpc.clone()]);
    write_export(&after, vec![new, ptpc]);
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", before.to_str().unwrap(), after.to_str().unwrap()];
        args.extend_from_slice(extra);
        common::mappa(&args)
    };
    // Both datasets, each change naming its own.
    let both: Value = serde_json::from_str(&stdout(&run(&["--json"]))).unwrap();
    let datasets: BTreeSet<&str> = both["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["dataset"].as_str().unwrap())
        .collect();
    assert_eq!(datasets, BTreeSet::from(["catalogo", "ptpc2019"]));
    let ptpc_changes = both["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["dataset"] == "ptpc2019");
    assert!(ptpc_changes.clone().count() > 300);
    assert!(ptpc_changes.clone().all(|c| c["kind"] == "same"));
    // One of them.
    let one: Value =
        serde_json::from_str(&stdout(&run(&["--dataset", "ptpc2019", "--json"]))).unwrap();
    assert!(one["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["dataset"] == "ptpc2019" && c["kind"] == "same"));
    // A dataset neither holds: bad input, the ids listed.
    let unknown = run(&["--dataset", "nessuno"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("dataset sconosciuto") && err.contains("ptpc2019"),
        "{err}"
    );
}

#[test]
fn diagnostics_of_both_maps_come_with_the_diff_when_asked() {
    let catalogo = seed("catalogo.tsv");
    let ptpc = seed("ptpc2019.tsv");
    let (c, p) = (catalogo.to_str().unwrap(), ptpc.to_str().unwrap());
    let out = common::mappa(&["diff", c, c, "--check"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("nessuna differenza"), "{text}");
    assert!(
        text.contains("Segnalazioni della versione precedente"),
        "{text}"
    );
    assert!(text.contains("[variant]"), "{text}");
    let json: Value = serde_json::from_str(&stdout(&common::mappa(&[
        "diff", c, p, "--json", "--check",
    ])))
    .unwrap();
    let count = |side: &str| json["diagnostics"][side].as_array().unwrap().len();
    assert!(count("old") > 0 && count("new") > 0);
    assert!(json["diagnostics"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["dataset"] == "ptpc2019"));
    // Without --check, no diagnostics.
    let plain: Value =
        serde_json::from_str(&stdout(&common::mappa(&["diff", c, c, "--json"]))).unwrap();
    assert!(plain.get("diagnostics").is_none());
}

#[test]
fn a_file_that_cannot_be_read_is_bad_input() {
    let dir = common::temp_dir("map-diff-bad");
    let catalogo = seed("catalogo.tsv");
    let missing = dir.at("manca.json");
    let out = common::mappa(&[
        "diff",
        catalogo.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lettura della nuova versione") && err.contains("manca.json"),
        "{err}"
    );
    let broken = dir.at("rotto.json");
    std::fs::write(&broken, "{\"mappa\": ").unwrap();
    let out = common::mappa(&["diff", broken.to_str().unwrap(), catalogo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lettura della versione precedente") && err.contains("rotto.json"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    // A missing argument: clap's own usage error, status 2.
    assert_eq!(
        common::mappa(&["diff", catalogo.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_seed_against_a_spreadsheet_of_itself_is_all_same() {
    // The CSV export cuts and joins the steps its own way (` | `), and the
    // spreadsheet reader numbers nothing: layout, not edits.
    let dir = common::temp_dir("map-diff-csv");
    let csv = dir.at("catalogo.csv");
    let export = common::mappa(&[
        "export",
        "--dataset",
        "catalogo",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(export.status.success());
    let out = common::mappa(&[
        "--columns",
        "code=D,title=G,name=H,input=I,output=J,activities=K,role=L,header=1",
        "diff",
        seed("catalogo.tsv").to_str().unwrap(),
        csv.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = json["changes"].as_array().unwrap();
    let other: Vec<&Value> = changes.iter().filter(|c| c["kind"] != "same").collect();
    assert!(other.is_empty(), "{other:#?}");
    assert_eq!(changes.len(), catalogo().nodes.len());
}

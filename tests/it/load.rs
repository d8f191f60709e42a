//! Loading maps given with `--data`: only regular files, within a size
//! limit, and JSON maps checked as graphs (they may be edited by hand).
//! Driven through the real binary.

use crate::common;

use common::{command, mappa, stderr, stdout, temp_dir};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The built-in map as `mappa export --format json` writes it.
fn export() -> Value {
    let o = mappa(&["export", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A named change to a map.
type Edit = (&'static str, fn(&mut Value));

fn write(dir: &Path, name: &str, map: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(map).unwrap()).unwrap();
    path
}

fn data(path: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--data", path.to_str().unwrap()];
    all.extend_from_slice(args);
    mappa(&all)
}

/// A small map: one dataset, three nodes in a chain.
fn small() -> Value {
    let node = |id: &str, parent: Option<&str>| {
        json!({
            "dataset": "d", "id": id, "code": null, "raw_code": "", "level": 1,
            "kind": "processo", "variant": 1, "title": id, "name": "", "input": "",
            "output": "", "activities": [], "role": "", "structures": [],
            "parent": parent, "parent_code": null, "inferred": false, "line": 1,
            "diagnostics": []
        })
    };
    json!({
        "mappa": "0.1.0",
        "datasets": [{
            "id": "d", "title": "t", "source": "s.tsv",
            "nodes": [node("d:a", None), node("d:b", Some("d:a")), node("d:c", Some("d:b"))],
            "diagnostics": []
        }]
    })
}

#[test]
fn a_map_with_no_datasets_is_empty_and_check_says_so() {
    let dir = temp_dir("load-empty");
    let empty = write(
        &dir,
        "empty.json",
        &json!({"mappa": "0.1.0", "datasets": []}),
    );
    let o = data(&empty, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("nessun dataset"), "{}", stdout(&o));
    let o = data(&empty, &["show", "A1"]);
    assert_eq!(o.status.code(), Some(1));
    let o = data(&empty, &["export", "--format", "json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["datasets"], json!([]));
}

#[test]
fn an_empty_dataset_is_kept_with_a_warning() {
    let dir = temp_dir("load-empty-dataset");
    let mut map = small();
    map["datasets"][0]["nodes"] = json!([]);
    let path = write(&dir, "empty-dataset.json", &map);
    let o = data(&path, &["check", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["class"], "empty-dataset");
    assert_eq!(v[0]["dataset"], "d");
    // Exported and loaded again, it still says so once.
    let o = data(&path, &["export", "--format", "json"]);
    let again = write(
        &dir,
        "again.json",
        &serde_json::from_slice(&o.stdout).unwrap(),
    );
    let o = data(&again, &["check", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn parent_cycles_are_refused_naming_the_ids() {
    let dir = temp_dir("load-cycles");
    let mut selfish = small();
    selfish["datasets"][0]["nodes"][1]["parent"] = json!("d:b");
    let path = write(&dir, "self.json", &selfish);
    let o = data(&path, &["show", "X"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("\"d:b\" names itself as its parent"), "{err}");
    assert!(err.contains("self.json:"), "{err}");

    let mut looped = small();
    looped["datasets"][0]["nodes"][0]["parent"] = json!("d:c");
    let path = write(&dir, "loop.json", &looped);
    for args in [&["show", "X"][..], &["check"], &["search", "a"], &["who"]] {
        let o = data(&path, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("d:a → d:c → d:b → d:a"), "{err}");
    }
    // The same map in the real export: a loop high in the tree.
    let mut map = export();
    let nodes = &mut map["datasets"][0]["nodes"];
    let a1 = nodes[0]["id"].clone();
    let grandchild = nodes[2]["id"].clone();
    nodes[0]["parent"] = grandchild;
    let path = write(&dir, "export-loop.json", &map);
    let o = data(&path, &["show", "A1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(a1.as_str().unwrap()), "{}", stderr(&o));
}

#[test]
fn broken_references_and_repeated_ids_are_refused() {
    let dir = temp_dir("load-references");
    let cases: [(Edit, &str); 5] = [
        (
            ("dangling", |m| {
                m["datasets"][0]["nodes"][2]["parent"] = json!("d:nope")
            }),
            "node \"d:c\" names parent \"d:nope\", which is not in the dataset",
        ),
        (
            ("duplicate", |m| {
                m["datasets"][0]["nodes"][2]["id"] = json!("d:a")
            }),
            "node id \"d:a\" appears more than once",
        ),
        (
            ("elsewhere", |m| {
                m["datasets"][0]["nodes"][2]["dataset"] = json!("e")
            }),
            "node \"d:c\" says it belongs to dataset \"e\" but is in dataset \"d\"",
        ),
        (
            ("twice", |m| {
                let ds = m["datasets"][0].clone();
                m["datasets"].as_array_mut().unwrap().push(ds);
            }),
            "dataset \"d\" appears twice in the file",
        ),
        (
            ("no-id", |m| m["datasets"][0]["id"] = json!(" ")),
            "a dataset has an empty \"id\"",
        ),
    ];
    for ((name, edit), expected) in cases {
        let mut map = small();
        edit(&mut map);
        let path = write(&dir, &format!("{name}.json"), &map);
        let o = data(&path, &["check"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
    // A repeated id is named where it repeats.
    let mut map = small();
    map["datasets"][0]["nodes"][2]["id"] = json!("d:a");
    let path = write(&dir, "duplicate.json", &map);
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.match_indices("\"id\": \"d:a\"").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    let err = stderr(&data(&path, &["check"]));
    assert!(err.contains(&format!("duplicate.json:{line}:")), "{err}");
}

#[test]
fn node_ids_are_unique_across_files() {
    let dir = temp_dir("load-across");
    let one = write(&dir, "one.json", &small());
    let mut other = small();
    other["datasets"][0]["id"] = json!("e");
    for n in other["datasets"][0]["nodes"].as_array_mut().unwrap() {
        n["dataset"] = json!("e");
    }
    let two = write(&dir, "two.json", &other);
    let o = mappa(&[
        "--data",
        one.to_str().unwrap(),
        "--data",
        two.to_str().unwrap(),
        "check",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("node id \"d:a\" is in dataset \"d\" and in dataset \"e\""),
        "{}",
        stderr(&o)
    );
    let o = mappa(&[
        "--data",
        one.to_str().unwrap(),
        "--data",
        one.to_str().unwrap(),
        "check",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("dataset \"d\" is already loaded from"));
}

#[test]
fn control_characters_in_identifiers_are_refused_with_file_and_line() {
    let dir = temp_dir("load-controls");
    let edits: [Edit; 4] = [
        ("dataset", |m| m["datasets"][0]["id"] = json!("d\u{1b}[31m")),
        ("node", |m| {
            m["datasets"][0]["nodes"][1]["id"] = json!("d:\u{7}b")
        }),
        ("parent", |m| {
            m["datasets"][0]["nodes"][1]["parent"] = json!("d:\u{202e}a")
        }),
        ("class", |m| {
            m["datasets"][0]["diagnostics"] = json!([{
                "dataset": "d", "line": 1, "severity": "info",
                "class": "x\u{9b}31m", "message": "m", "node": null
            }])
        }),
    ];
    for (name, edit) in edits {
        let mut map = small();
        edit(&mut map);
        let path = write(&dir, &format!("{name}.json"), &map);
        let o = data(&path, &["check"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(&format!("{name}.json:")), "{err}");
        assert!(err.contains("contains a control character"), "{err}");
        let raw = err
            .chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}');
        assert!(!raw, "raw control character in {err:?}");
    }
}

#[test]
fn check_names_the_file_given_and_fails_on_errors() {
    let dir = temp_dir("load-check");
    let path = write(&dir, "map.json", &export());
    let o = data(&path, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        first.contains("map.json, esportato da seeds/catalogo.tsv"),
        "{first}"
    );
    // An error-level diagnostic makes check fail, in both formats.
    let mut map = small();
    map["datasets"][0]["diagnostics"] = json!([{
        "dataset": "d", "line": 3, "severity": "error",
        "class": "orphan-action", "message": "azione prima di ogni etichetta", "node": null
    }]);
    let path = write(&dir, "errors.json", &map);
    for format in [&["check"][..], &["check", "--json"]] {
        let o = data(&path, format);
        assert_eq!(o.status.code(), Some(1), "{format:?}");
        assert!(stdout(&o).contains("orphan-action"));
    }
}

#[test]
fn a_json_error_names_its_position_once() {
    let dir = temp_dir("load-json-error");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"mappa\": \"0.1.0\",\n  \"datasets\": [ oops ]\n}\n",
    )
    .unwrap();
    let err = stderr(&data(&bad, &["check"]));
    assert!(
        err.contains("bad.json:3:17: not a mappa JSON export"),
        "{err}"
    );
    assert!(!err.contains("line 3"), "{err}");
}

#[test]
fn only_regular_files_are_read() {
    let dir = temp_dir("load-files");
    let o = data(&dir, &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a directory, not a regular file"),
        "{}",
        stderr(&o)
    );
    #[cfg(unix)]
    {
        let o = data(Path::new("/dev/zero"), &["check"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("a character device, not a regular file"));
        // A FIFO with no writer: opening it for reading would wait forever.
        let fifo = dir.join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let o = data(&fifo, &["check"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("a FIFO (named pipe), not a regular file"));
    }
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = temp_dir("load-limit");
    let path = write(&dir, "map.json", &export());
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 100_000 && size < 2 * 1024 * 1024, "{size}");
    let big = dir.join("big.json");
    let mut text = std::fs::read(&path).unwrap();
    text.extend(std::iter::repeat_n(b' ', 2 * 1024 * 1024));
    std::fs::write(&big, text).unwrap();
    let run = |limit: &str, file: &Path| {
        command()
            .env("MAPPA_MAX_FILE_MB", limit)
            .args(["--data", file.to_str().unwrap(), "check"])
            .output()
            .unwrap()
    };
    let o = run("2", &big);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("big.json: the file is larger than 2 MB"),
        "{err}"
    );
    assert!(err.contains("MAPPA_MAX_FILE_MB"), "{err}");
    assert!(run("2", &path).status.success());
    assert!(run("4", &big).status.success());
    for bad in ["lots", "0", "4096"] {
        let o = run(bad, &path);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("MAPPA_MAX_FILE_MB vale \"{bad}\"")),
            "{err}"
        );
        assert!(err.contains("da 1 a 4095"), "{err}");
    }
}

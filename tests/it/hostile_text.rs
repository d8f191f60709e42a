//! Text from data files and from arguments never reaches a terminal raw:
//! escape sequences, C1 controls and bidi overrides in every field of a
//! `--data` map and in every argument come out as visible placeholders in
//! text and in documents shown on a terminal; documents written to a file
//! or a pipe (CSV, Markdown) keep them verbatim, and JSON stays exact.

use crate::common;

use common::{stderr, temp_dir};
use std::path::{Path, PathBuf};

const EVIL: &str =
    "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{85}\u{202e}rovescio\u{2066}x\u{2069}\u{7f}";

/// Raw bytes no text output may contain.
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|&c| mappa::text::is_hidden_control(c) && !matches!(c, '\n' | '\t' | '\r'))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

/// A map whose every free-text field carries escape sequences.
fn evil_map(dir: &Path) -> PathBuf {
    let o = common::mappa(&["export", "--format", "json"]);
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for ds in v["datasets"].as_array_mut().unwrap() {
        ds["title"] = format!("Mappa {EVIL}").into();
        ds["source"] = format!("fonte{EVIL}.tsv").into();
        for n in ds["nodes"].as_array_mut().unwrap().iter_mut().take(40) {
            for field in ["title", "name", "input", "output", "role"] {
                let old = n[field].as_str().unwrap_or("").to_string();
                n[field] = format!("{old} {EVIL}").into();
            }
            n["raw_code"] = format!("{}{EVIL}", n["raw_code"].as_str().unwrap_or("")).into();
            n["activities"] = serde_json::json!([format!("passo {EVIL}"), "secondo"]);
            n["diagnostics"] = serde_json::json!([format!("nota {EVIL}")]);
            if let Some(s) = n["structures"].as_array_mut() {
                for st in s {
                    st["area"] = format!("Area {EVIL}").into();
                    st["servizio"] = format!("Servizio {EVIL}").into();
                }
            }
        }
        for d in ds["diagnostics"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .take(20)
        {
            d["message"] = format!("messaggio {EVIL}").into();
        }
    }
    let path = dir.join("mappa-ostile.json");
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    path
}

#[test]
fn no_subcommand_writes_control_characters_from_the_data() {
    let dir = temp_dir("hostile-data");
    let map = evil_map(&dir);
    let store = dir.join("review.sqlite");
    let m = map.to_str().unwrap();
    let s = store.to_str().unwrap();
    let base = ["--data", m, "--review", s, "--user", "rpct"];
    // Records first, so the reports have something to show.
    let setup: &[&[&str]] = &[
        &[
            "review",
            "set",
            "A1.1",
            "--dataset",
            "catalogo",
            "--note",
            &format!("nota {EVIL}"),
            "--status",
            "in esame",
        ],
        &[
            "risk",
            "add",
            "A1.1",
            "--dataset",
            "catalogo",
            "--event",
            &format!("evento {EVIL}"),
            "--factor",
            "controlli",
            "--note",
            EVIL,
        ],
        &[
            "measure",
            "add",
            "R1",
            "--text",
            &format!("misura {EVIL}"),
            "--kind",
            "generale",
            "--type",
            "controllo",
            "--owner",
            &format!("ufficio {EVIL}"),
            "--due",
            "2026-01-01",
        ],
        &[
            "measure",
            "monitor",
            "M1",
            "--date",
            "2026-02-01",
            "--state",
            "in corso",
            "--evidence",
            EVIL,
            "--value",
            EVIL,
        ],
    ];
    for args in setup {
        let o = common::command().args(base).args(*args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(
            raw_controls(&o.stdout).is_empty() && raw_controls(&o.stderr).is_empty(),
            "{args:?}"
        );
    }
    let commands: &[&[&str]] = &[
        &["show", "A1.1"],
        &["show", "A1.1", "--dataset", "ptpc2019"],
        &["show", "A1"],
        &["search", "pianificazione"],
        &["search", "A1"],
        &["who"],
        &["who", "Segretario"],
        &["check"],
        &["review", "show", "A1.1", "--dataset", "catalogo"],
        &["review", "log"],
        &["review", "orphans"],
        &["risk", "list"],
        &["risk", "rank"],
        &["measure", "list"],
        &["config"],
    ];
    for args in commands {
        let o = common::command().args(base).args(*args).output().unwrap();
        assert!(
            o.status.success() || o.status.code() == Some(1),
            "{args:?}: {}",
            stderr(&o)
        );
        let out = raw_controls(&o.stdout);
        let err = raw_controls(&o.stderr);
        assert!(
            out.is_empty() && err.is_empty(),
            "{args:?} wrote {out:?} / {err:?}"
        );
    }
    // Documents (CSV, Markdown) keep the text verbatim in a file or a pipe:
    // they are not a terminal. On a terminal they pass the text boundary
    // (`documents_shown_on_a_terminal_pass_the_text_boundary`).
    let documents: &[&[&str]] = &[
        &["who", "--format", "md"],
        &["who", "--format", "csv"],
        &["who", "Segretario", "--format", "md"],
        &["who", "Segretario", "--format", "csv"],
        &["export", "--format", "csv"],
        &["export", "--format", "md"],
        &["review", "export", "--format", "md"],
        &["review", "export", "--format", "csv"],
    ];
    for args in documents {
        let o = common::command().args(base).args(*args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains('\u{202e}'), "{args:?} lost the text: {text}");
        assert!(raw_controls(&o.stderr).is_empty(), "{args:?}");
    }
    // The placeholders show that something was there.
    let o = common::command()
        .args(base)
        .args(["show", "A1.1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains('\u{FFFD}'));
    // JSON is exact: the text comes back as it was stored.
    let o = common::command()
        .args(base)
        .args(["show", "A1.1", "--dataset", "catalogo", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v[0]["title"].as_str().unwrap().ends_with(EVIL));
}

#[test]
fn no_argument_is_echoed_raw_in_an_error() {
    let dir = temp_dir("hostile-args");
    let store = dir.join("review.sqlite");
    let s = store.to_str().unwrap();
    let evil_path = format!("{}/x{EVIL}.json", dir.display());
    let cases: Vec<Vec<String>> = vec![
        vec!["show".into(), format!("A1{EVIL}")],
        vec!["show".into(), "A1".into(), "--dataset".into(), EVIL.into()],
        vec!["search".into(), "x".into(), "--dataset".into(), EVIL.into()],
        vec!["who".into(), EVIL.into()],
        vec![
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--status".into(),
            EVIL.into(),
        ],
        vec![
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--indicator".into(),
            format!("{EVIL}=alto"),
        ],
        vec![
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--indicator".into(),
            format!("interesse={EVIL}"),
        ],
        vec![
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--office".into(),
            "x".into(),
            "--date".into(),
            EVIL.into(),
        ],
        vec![
            "review".into(),
            "set".into(),
            EVIL.into(),
            "--note".into(),
            "x".into(),
        ],
        vec![
            "review".into(),
            "set".into(),
            format!("catalogo:{EVIL}"),
            "--note".into(),
            "x".into(),
        ],
        vec![
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--judgement".into(),
            EVIL.into(),
            "--motivation".into(),
            "m".into(),
        ],
        vec![
            "risk".into(),
            "add".into(),
            "A2.3.1.1".into(),
            "--event".into(),
            "e".into(),
            "--factor".into(),
            EVIL.into(),
        ],
        vec!["risk".into(), "area".into(), "A2.3.1.1".into(), EVIL.into()],
        vec![
            "risk".into(),
            "set".into(),
            EVIL.into(),
            "--note".into(),
            "x".into(),
        ],
        vec![
            "measure".into(),
            "monitor".into(),
            "M1".into(),
            "--date".into(),
            EVIL.into(),
            "--state".into(),
            "attuata".into(),
        ],
        vec![
            "measure".into(),
            "monitor".into(),
            "M1".into(),
            "--date".into(),
            "2026-01-01".into(),
            "--state".into(),
            EVIL.into(),
        ],
        vec![
            "measure".into(),
            "list".into(),
            "--due-before".into(),
            EVIL.into(),
        ],
        vec![
            "--data".into(),
            evil_path.clone(),
            "show".into(),
            "A1".into(),
        ],
        vec![
            "export".into(),
            "-o".into(),
            format!("{}/{EVIL}/out.md", dir.display()),
        ],
        vec![
            "--user".into(),
            EVIL.into(),
            "review".into(),
            "set".into(),
            "A2.3.1.1".into(),
            "--note".into(),
            "x".into(),
        ],
        vec![format!("--{EVIL}")],
        vec![EVIL.into()],
    ];
    for args in cases {
        let o = common::command()
            .args(["--review", s])
            .args(&args)
            .output()
            .unwrap();
        assert!(!o.status.success(), "{args:?} should fail");
        let err = raw_controls(&o.stderr);
        let out = raw_controls(&o.stdout);
        assert!(
            err.is_empty() && out.is_empty(),
            "{args:?} echoed {err:?} {out:?}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).starts_with("mappa: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn the_explorer_screen_shows_placeholders_never_controls() {
    use mappa::tui::app::{Action, App};
    let dir = temp_dir("hostile-tui");
    let map = mappa::import::load(&[evil_map(&dir)]).unwrap();
    let mut ui = mappa::tui::Ui::new(App::with_index(map, common::tui::options(true, false)));
    for (w, h) in [(120, 40), (80, 24), (40, 15), (20, 6)] {
        for _ in 0..3 {
            let buffer = common::tui::draw(&mut ui, w, h);
            let bad: Vec<String> = buffer
                .content()
                .iter()
                .flat_map(|c| c.symbol().chars())
                .filter(|&c| mappa::text::is_hidden_control(c))
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(bad.is_empty(), "{w}x{h}: {bad:?}");
            ui.handle(Action::Down);
        }
        ui.handle(Action::Help);
        common::tui::draw(&mut ui, w, h);
        ui.handle(Action::Escape);
    }
    common::tui::typed(&mut ui, &format!("A1{EVIL}"));
    let screen = common::tui::screen(&mut ui, 80, 24);
    assert!(!screen
        .chars()
        .any(|c| c != '\n' && mappa::text::is_hidden_control(c)));
}

#[test]
fn documents_shown_on_a_terminal_pass_the_text_boundary() {
    let dir = temp_dir("hostile-documents");
    let map = evil_map(&dir);
    let m = map.to_str().unwrap();
    for format in ["csv", "md"] {
        let mut session = common::pty::Session::start_with(
            120,
            40,
            &[],
            &["--data", m, "export", "--format", format],
        );
        assert!(session.wait_exit(), "{format}: the export ends");
        // The data's text arrives (shown safe), then nothing raw with it:
        // `export` writes no escape of its own, so any would be the data's.
        let start = std::time::Instant::now();
        let raw = loop {
            let raw = session.raw.lock().unwrap().clone();
            if String::from_utf8_lossy(&raw).contains("rovescio")
                || start.elapsed() > common::pty::LIMIT
            {
                break raw;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert!(
            String::from_utf8_lossy(&raw).contains("rovescio"),
            "{format}: the text arrived"
        );
        assert!(
            raw_controls(&raw).is_empty(),
            "{format}: {:?}",
            raw_controls(&raw)
        );
    }
}

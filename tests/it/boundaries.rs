//! The library's layers, held: the data flows one way (import → model →
//! index → CLI or TUI), so the layers below the front ends know nothing of
//! the command line, the terminal or the application's error type, and the
//! explorer knows nothing of the command line.

use std::path::{Path, PathBuf};

/// The library's own layers (a folder, or a module's one file): no
/// command line, no terminal, typed errors.
const LIBRARY: &[&str] = &[
    "model",
    "text",
    "import",
    "search",
    "concord",
    "review",
    "report",
    "roles",
    "i18n",
    "reattach.rs",
    "environment.rs",
    "config.rs",
];

/// What the library's layers must not name.
const FRONT_END_CRATES: &[&str] = &["clap", "ratatui", "crossterm", "anyhow"];

/// The Rust files of a layer: a folder's, or the one file it is.
fn sources(dir: &Path) -> Vec<PathBuf> {
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Lines of code (not comments) naming `name` as a path (`name::`).
fn uses(file: &Path, name: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(file).unwrap();
    let path = format!("{name}::");
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let code = l.split("//").next().unwrap_or("");
            code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .any(|w| w.starts_with(&path) || w == name && code.contains(&format!("use {name}")))
        })
        .map(|(n, l)| (n + 1, l.trim().to_string()))
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_library_layers_use_no_front_end_crate() {
    let mut found = Vec::new();
    for layer in LIBRARY {
        for file in sources(&src().join(layer)) {
            for krate in FRONT_END_CRATES {
                for (line, text) in uses(&file, krate) {
                    found.push(format!("{}:{line}: {text}", file.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "front-end crates below the front ends:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_explorer_does_not_use_the_command_line() {
    let mut found = Vec::new();
    for file in sources(&src().join("tui")) {
        for (line, text) in uses(&file, "crate::cli")
            .into_iter()
            .chain(uses(&file, "mappa::cli"))
        {
            found.push(format!("{}:{line}: {text}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "the explorer reaches into cli:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_use() {
    // The scan itself: a use in code is found, a mention in a comment is not.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.rs");
    std::fs::write(&file, "// clap::Parser in a comment\nuse clap::Parser;\nfn f() -> anyhow::Result<()> { Ok(()) }\n").unwrap();
    assert_eq!(uses(&file, "clap").len(), 1);
    assert_eq!(uses(&file, "anyhow").len(), 1);
    assert!(uses(&file, "ratatui").is_empty());
}

//! The command line's surface: which options each command's help lists,
//! the forms scripts written for earlier releases use, one output option,
//! messages in the user's language, and the log that never reaches the
//! terminal.

use crate::common;

use common::{mappa, stderr, stdout};

fn help(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("--help");
    let o = mappa(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// The long options a help text lists.
fn options(help: &str) -> Vec<String> {
    help.lines()
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn a_flag_is_listed_only_by_the_commands_it_affects() {
    let top = options(&help(&[]));
    for flag in [
        "--data",
        "--review",
        "--read-only",
        "--user",
        "--lang",
        "--ascii",
    ] {
        assert!(top.iter().any(|o| o == flag), "mappa --help lacks {flag}");
    }
    let config = options(&help(&["config"]));
    assert!(
        !config.iter().any(|o| o == "--ascii" || o == "--lang"),
        "{config:?}"
    );
    assert!(!config.iter().any(|o| o == "--data"), "{config:?}");
    let show = options(&help(&["show"]));
    assert!(show.iter().any(|o| o == "--data"), "{show:?}");
    assert!(show.iter().any(|o| o == "--review"), "{show:?}");
    // show only reads the store (the officer's link decisions).
    assert!(
        !show.iter().any(|o| o == "--user" || o == "--read-only"),
        "{show:?}"
    );
    assert!(
        !show.iter().any(|o| o == "--lang" || o == "--ascii"),
        "{show:?}"
    );
    for cmd in [&["completions"][..], &["man"]] {
        let listed = options(&help(cmd));
        assert!(
            !listed
                .iter()
                .any(|o| ["--data", "--review", "--lang", "--ascii"].contains(&o.as_str())),
            "{cmd:?}: {listed:?}"
        );
    }
    let set = options(&help(&["review", "set"]));
    for flag in ["--data", "--review", "--read-only", "--user"] {
        assert!(
            set.iter().any(|o| o == flag),
            "review set --help lacks {flag}"
        );
    }
}

#[test]
fn options_before_or_after_the_subcommand_mean_the_same() {
    let dir = common::temp_dir("surface-forms");
    let map = dir.join("map.json");
    let o = mappa(&[
        "export",
        "--dataset",
        "catalogo",
        "-o",
        map.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = map.to_str().unwrap();
    let before = mappa(&["--data", data, "show", "A2.3.1.1", "--json"]);
    let after = mappa(&["show", "A2.3.1.1", "--json", "--data", data]);
    assert!(before.status.success(), "{}", stderr(&before));
    assert_eq!(stdout(&before), stdout(&after));
    // Only the catalogue was exported: the annex is not loaded.
    let o = mappa(&["show", "C1.1.2", "--dataset", "ptpc2019", "--data", data]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let store = dir.join("review.sqlite");
    let s = store.to_str().unwrap();
    let first = mappa(&[
        "--review", s, "--user", "rpct", "review", "set", "A2.3.1.1", "--note", "uno",
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = mappa(&[
        "review",
        "set",
        "A2.3",
        "--dataset",
        "catalogo",
        "--note",
        "due",
        "--review",
        s,
        "--user",
        "rpct",
    ]);
    assert!(second.status.success(), "{}", stderr(&second));
    let third = mappa(&[
        "review",
        "--review",
        s,
        "show",
        "A2.3",
        "--dataset",
        "catalogo",
        "--json",
    ]);
    assert!(stdout(&third).contains("\"due\""), "{}", stdout(&third));
    let log = stdout(&mappa(&["review", "log", "--review", s]));
    assert!(log.contains("uno") && log.contains("due"), "{log}");
    // --read-only after the subcommand refuses the change too.
    let o = mappa(&[
        "review",
        "set",
        "A2.3.1.1",
        "--note",
        "tre",
        "--review",
        s,
        "--read-only",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn json_is_short_for_format_json() {
    let json = mappa(&["show", "A2.3.1.1", "--json"]);
    let format = mappa(&["show", "A2.3.1.1", "--format", "json"]);
    assert!(json.status.success());
    assert_eq!(json.stdout, format.stdout);
    serde_json::from_slice::<serde_json::Value>(&json.stdout).unwrap();
    let o = mappa(&["show", "A2.3.1.1", "--json", "--format", "text"]);
    assert_eq!(o.status.code(), Some(2));
    // Every format a command writes, and only those.
    let o = mappa(&["who", "--format", "csv"]);
    assert!(
        stdout(&o).starts_with("dataset,kind,name"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        mappa(&["show", "A2.3.1.1", "--format", "csv"])
            .status
            .code(),
        Some(2)
    );
    let who = mappa(&["who", "--json"]);
    let who_format = mappa(&["who", "--format", "json"]);
    assert_eq!(who.stdout, who_format.stdout);
    // export's default is JSON; --json says the same.
    assert_eq!(
        mappa(&["export"]).stdout,
        mappa(&["export", "--json"]).stdout
    );
}

#[test]
fn messages_are_italian_unless_english_is_asked_for() {
    // A code no entry has: not found, exit 1, in either language.
    let it = mappa(&["show", "Z9.9"]);
    let en = mappa(&["--lang", "en", "show", "Z9.9"]);
    assert_eq!(it.status.code(), Some(1));
    assert_eq!(en.status.code(), it.status.code());
    assert!(
        stderr(&it).contains("nessuna voce ha il codice Z9.9"),
        "{}",
        stderr(&it)
    );
    assert!(
        stderr(&en).contains("no entry has code Z9.9"),
        "{}",
        stderr(&en)
    );
    // Something that is no code: bad input, exit 2, in either language.
    let it = mappa(&["show", "ZZ9"]);
    let en = mappa(&["--lang", "en", "show", "ZZ9"]);
    assert_eq!(it.status.code(), Some(2));
    assert_eq!(en.status.code(), it.status.code());
    assert!(
        stderr(&it).starts_with("mappa: errore: \"ZZ9\" non è un codice"),
        "{}",
        stderr(&it)
    );
    assert!(
        stderr(&en).starts_with("mappa: error: \"ZZ9\" is not a process code"),
        "{}",
        stderr(&en)
    );
    // --lang after the subcommand, as older scripts give it.
    let late = mappa(&["show", "ZZ9", "--lang", "en"]);
    assert_eq!(stderr(&late), stderr(&en));
    // The text output's labels follow too.
    let shown = stdout(&mappa(&["--lang", "en", "show", "A2.3.1.1"]));
    assert!(
        shown.contains("Responsible") && shown.contains("Path"),
        "{shown}"
    );
}

#[test]
fn the_configuration_chooses_the_language_of_messages() {
    let dir = common::temp_dir("surface-lang");
    let etc = dir.join("etc.toml");
    std::fs::write(&etc, "lang = \"en\"\n").unwrap();
    let run = |args: &[&str]| {
        common::command()
            .env("MAPPA_SYSTEM_CONFIG", &etc)
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["show", "Z9.9"]);
    assert!(
        stderr(&o).contains("no entry has code Z9.9"),
        "{}",
        stderr(&o)
    );
    // The command line wins over the file.
    let o = run(&["--lang", "it", "show", "Z9.9"]);
    assert!(stderr(&o).contains("nessuna voce"), "{}", stderr(&o));
    // A store error, in the configured language.
    let o = run(&[
        "--review",
        dir.join("none.sqlite").to_str().unwrap(),
        "review",
        "log",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no review store at"), "{}", stderr(&o));
}

#[test]
fn a_bad_environment_value_is_refused_naming_it() {
    let o = common::command()
        .env("MAPPA_TODAY", "2026-02-30")
        .args(["measure", "list"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("MAPPA_TODAY \"2026-02-30\" non è una data"),
        "{}",
        stderr(&o)
    );
    // Empty is unset.
    let o = common::command()
        .env("MAPPA_TODAY", "")
        .args(["show", "A2.3.1.1"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_log_goes_to_the_state_folder_and_never_to_the_terminal() {
    let state = common::temp_dir("surface-log");
    let run = |args: &[&str], level: Option<&str>| {
        let mut cmd = common::command();
        cmd.env("XDG_STATE_HOME", &*state);
        if let Some(l) = level {
            cmd.env("MAPPA_LOG", l);
        }
        cmd.args(args).output().unwrap()
    };
    let log = state.join("mappa").join("mappa.log");
    // By default a command that goes well writes nothing.
    let o = run(&["show", "A2.3.1.1"], None);
    assert!(o.status.success());
    assert!(!log.exists());
    let o = run(&["show", "A2.3.1.1"], Some("debug"));
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "nothing extra on stderr");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("started") && text.contains("command=show"),
        "{text}"
    );
    assert!(text.contains("finished"), "{text}");
    // What was typed after the subcommand is not logged.
    assert!(!text.contains("A2.3.1.1"), "{text}");
    // A failure is logged at the default level, with its status, and the
    // terminal gets only the message.
    let o = run(&["show", "Z9.9"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    let o = run(&["show", "ZZ9"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let text = std::fs::read_to_string(&log).unwrap();
    let failed: Vec<&str> = text.lines().filter(|l| l.contains("failed")).collect();
    assert_eq!(failed.len(), 1, "{text}");
    assert!(failed[0].contains("status=2"), "{}", failed[0]);
    // A state folder that cannot be made skips the log, never the command.
    let file = state.join("a-file");
    std::fs::write(&file, "").unwrap();
    let o = common::command()
        .env("XDG_STATE_HOME", &file)
        .env("MAPPA_LOG", "debug")
        .args(["show", "A2.3.1.1"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
}

#[test]
fn completions_and_manual_pages_cover_every_subcommand() {
    let bash = stdout(&mappa(&["completions", "bash"]));
    let dir = common::temp_dir("surface-man");
    let o = mappa(&["man", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for sub in [
        "show",
        "search",
        "export",
        "who",
        "review",
        "risk",
        "measure",
        "link",
        "links",
        "check",
        "import",
        "diff",
        "config",
        "doctor",
        "completions",
        "man",
    ] {
        assert!(bash.contains(sub), "bash completion lacks {sub}");
        assert!(
            dir.join(format!("mappa-{sub}.1")).exists(),
            "no page for {sub}"
        );
    }
    assert!(stderr(&o).contains("scritto "), "{}", stderr(&o));
    // Hidden options stay out of the completions.
    assert!(!bash.contains("late_lang"));
}

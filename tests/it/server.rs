//! One install for the chamber's server: shell completions and man pages
//! generated from the parser's own definitions, `mappa doctor` naming what
//! is wrong with a setup, and configuration keys mappa does not know.

use crate::common;

use common::{mappa, stderr, stdout, temp_dir};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// Whether `program` can be started here (`--version` answers).
fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn bash_completion_completes_rev_to_review() {
    if !have("bash") {
        eprintln!("skipped: no bash here to source the completion script in");
        return;
    }
    let o = mappa(&["completions", "bash"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = temp_dir("completions").at("mappa.bash");
    std::fs::write(&script, &o.stdout).unwrap();
    let bash = |code: &str| {
        let o = Command::new("bash")
            .arg("-c")
            .arg(format!("source {}; {code}", script.display()))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let registered = bash("complete -p mappa");
    assert!(
        registered.starts_with("complete ") && registered.trim_end().ends_with(" mappa"),
        "{registered}"
    );
    // What Tab after `mappa rev` offers: bash calls the function with the
    // command, the word being completed and the one before it.
    let offered = bash(
        "COMP_WORDS=(mappa rev); COMP_CWORD=1; COMP_LINE='mappa rev'; COMP_POINT=9; \
         _mappa mappa rev mappa; printf '%s\\n' \"${COMPREPLY[@]}\"",
    );
    assert_eq!(offered.lines().collect::<Vec<_>>(), ["review"], "{offered}");
    // And inside it, its own subcommands.
    let offered = bash(
        "COMP_WORDS=(mappa review ver); COMP_CWORD=2; COMP_LINE='mappa review ver'; \
         COMP_POINT=16; _mappa mappa ver review; printf '%s\\n' \"${COMPREPLY[@]}\"",
    );
    assert_eq!(offered.lines().collect::<Vec<_>>(), ["verify"], "{offered}");
}

#[test]
fn every_shell_gets_its_script_and_an_unknown_one_is_refused() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef mappa"),
        ("fish", "complete -c mappa"),
        ("elvish", "edit:completion:arg-completer[mappa]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = mappa(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains(mark), "{shell}: {text}");
        assert!(text.contains("doctor"), "{shell} lists the subcommands");
    }
    let o = mappa(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("powershell"), "{}", stderr(&o));
}

#[test]
fn man_pages_for_every_subcommand_render_without_warnings() {
    let dir = temp_dir("man").at("pagine");
    let o = mappa(&["man", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pages.sort();
    for page in [
        "mappa.1",
        "mappa-review.1",
        "mappa-review-set.1",
        "mappa-doctor.1",
        "mappa-completions.1",
        "mappa-man.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    assert!(!pages.iter().any(|p| p.contains("help")), "{pages:?}");
    assert!(stderr(&o).contains("mappa-review-set.1"), "{}", stderr(&o));
    let top = std::fs::read_to_string(dir.join("mappa.1")).unwrap();
    assert!(top.contains("\n.TH mappa 1 "), "{top}");
    assert!(
        top.contains("mappa\\-review(1)"),
        "the subcommands are listed"
    );
    // Without -o: the main page on stdout.
    let o = mappa(&["man"]);
    assert_eq!(stdout(&o), top);

    if !have("man") {
        eprintln!("skipped: no man here to render the pages with");
        return;
    }
    for page in &pages {
        let o = Command::new("man")
            .arg("-l")
            .arg(dir.join(page))
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let text = stdout(&o);
        assert!(o.status.success(), "{page}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{page} renders without warnings");
        assert!(text.contains("NAME"), "{page}: {text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= 80),
            "{page} fits 80 columns:\n{text}"
        );
    }
}

/// `mappa doctor` on a store, in the isolated environment.
fn doctor(store: &Path, extra: &[&str]) -> std::process::Output {
    common::command()
        .arg("--review")
        .arg(store)
        .arg("doctor")
        .args(extra)
        .output()
        .unwrap()
}

/// The lines of a doctor report at one level.
fn at_level<'a>(text: &'a str, level: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.split_whitespace().next() == Some(level))
        .collect()
}

#[test]
fn doctor_is_ok_for_a_group_store_in_a_setgid_folder() {
    let dir = temp_dir("doctor-ok");
    chmod(&dir, 0o2770);
    let store = dir.join("review.sqlite");
    let o = doctor(&store, &[]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("la crea la prima modifica"),
        "{}",
        stdout(&o)
    );
    let o = common::mappa_store(&store, &["review", "set", "A2.3.1.1", "--note", "x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = doctor(&store, &[]);
    let text = stdout(&o);
    assert!(o.status.success(), "{text}");
    assert_eq!(at_level(&text, "errore"), Vec::<&str>::new(), "{text}");
    assert_eq!(at_level(&text, "avviso"), Vec::<&str>::new(), "{text}");
    for line in [
        "(setgid)",
        "può leggere e scrivere",
        "registro di audit integro: 3 righe",
        "catalogo (",
        "tutto a posto",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    // The same as JSON, one object per finding.
    let o = doctor(&store, &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let checks: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert!(
        checks.contains(&"audit-ok") && checks.contains(&"map-loaded"),
        "{checks:?}"
    );
    assert!(
        v.as_array().unwrap().iter().all(|f| f["level"] == "ok"),
        "{v}"
    );
}

#[test]
fn doctor_names_a_group_folder_without_setgid() {
    let dir = temp_dir("doctor-setgid");
    chmod(&dir, 0o770);
    let store = dir.join("review.sqlite");
    let o = doctor(&store, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    let errors = at_level(&text, "errore");
    assert!(
        errors.len() == 1 && errors[0].contains("non ha il bit setgid"),
        "{text}"
    );
    assert!(
        text.contains(&format!("→ sudo chmod g+s {}", dir.display())),
        "{text}"
    );
    assert!(text.contains("1 errore, 0 avvisi"), "{text}");
}

#[test]
fn doctor_names_a_store_the_group_cannot_write() {
    let dir = temp_dir("doctor-0644");
    chmod(&dir, 0o2770);
    let store = dir.join("review.sqlite");
    let o = common::mappa_store(&store, &["review", "set", "A2.3.1.1", "--note", "x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    chmod(&store, 0o644);
    let o = doctor(&store, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    let errors = at_level(&text, "errore");
    assert!(
        errors.len() == 1
            && errors[0].contains("è 0644: il gruppo")
            && errors[0].contains("non può scriverlo"),
        "{text}"
    );
    assert!(
        text.contains(&format!("→ sudo chmod 660 {}", store.display())),
        "{text}"
    );
    // In English too.
    let o = doctor(&store, &["--lang", "en"]);
    assert!(stdout(&o).contains("is 0644: the group"), "{}", stdout(&o));
}

/// An account in none of the folder's groups, as the kernel sees it: runs
/// the binary as another uid (needs root).
#[test]
fn doctor_tells_an_account_outside_the_group_to_join_it() {
    if !is_root() {
        eprintln!("skipped: an account outside the group needs root to run as another uid");
        return;
    }
    const GROUP: u32 = 4243;
    const STRANGER: u32 = 4003;
    let dir = temp_dir("doctor-outside");
    std::os::unix::fs::chown(&dir, Some(0), Some(GROUP)).unwrap();
    chmod(&dir, 0o2770);
    let store = dir.join("review.sqlite");
    let o = common::mappa_store(&store, &["review", "set", "A2.3.1.1", "--note", "x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = temp_dir("doctor-outside-home");
    chmod(&home, 0o777);
    let o = Command::new(common::bin())
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("MAPPA_SYSTEM_CONFIG", home.join("none.toml"))
        .arg("--review")
        .arg(&store)
        .arg("doctor")
        .uid(STRANGER)
        .gid(STRANGER)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let errors = at_level(&text, "errore");
    assert!(
        errors
            .iter()
            .any(|l| l.contains(&format!("non è nel gruppo {GROUP}"))),
        "{text}"
    );
    assert!(
        errors.iter().any(|l| l.contains(&format!(
            "review.sqlite non si raggiunge: l'account non è nel gruppo {GROUP}"
        ))),
        "{text}"
    );
    // What to do is said once.
    assert_eq!(text.matches("→ ").count(), 1, "{text}");
    assert!(
        text.contains("→ l'amministratore aggiunge l'account al gruppo: sudo adduser"),
        "{text}"
    );
    assert!(
        text.contains(&format!(" {GROUP} (poi si esce e si rientra)")),
        "{text}"
    );
}

#[test]
fn doctor_reports_configuration_keys_and_a_broken_file() {
    let dir = temp_dir("doctor-config");
    let etc = dir.join("etc.toml");
    std::fs::write(&etc, "lang = \"it\"\nrevew = \"/srv/x.sqlite\"\n").unwrap();
    let run = || {
        common::command()
            .env("MAPPA_SYSTEM_CONFIG", &etc)
            .arg("doctor")
            .output()
            .unwrap()
    };
    let o = run();
    let text = stdout(&o);
    assert!(o.status.success(), "{text}");
    assert!(
        text.contains(&format!("configurazione {}: lang, revew", etc.display())),
        "{text}"
    );
    let warnings = at_level(&text, "avviso");
    assert_eq!(
        warnings,
        [format!(
            "avviso  {}:2: chiave sconosciuta \"revew\", ignorata",
            etc.display()
        )],
        "{text}"
    );
    // Doctor says it once, in its report, not again on stderr.
    assert_eq!(stderr(&o), "");
    std::fs::write(&etc, "lang = \"it\"\nread_only = forse\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        at_level(&text, "errore")
            .iter()
            .any(|l| l.contains(&format!("{}:2:", etc.display()))),
        "{text}"
    );
}

#[test]
fn an_unknown_configuration_key_is_a_warning_and_the_command_goes_on() {
    let dir = temp_dir("config-unknown");
    let etc = dir.join("etc.toml");
    let user = dir.join("config");
    std::fs::create_dir_all(user.join("mappa")).unwrap();
    std::fs::write(&etc, "# server\nlang = \"it\"\nround = 2026\n").unwrap();
    std::fs::write(
        user.join("mappa").join("config.toml"),
        "ascii = true\n\n[scadenze]\ngiorni = 30\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        common::command()
            .env("MAPPA_SYSTEM_CONFIG", &etc)
            .env("XDG_CONFIG_HOME", &user)
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["show", "A2.3.1.1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Protocollo"), "{}", stdout(&o));
    let user_file = user.join("mappa").join("config.toml");
    assert_eq!(
        stderr(&o),
        format!(
            "mappa: avviso: {}:3: chiave sconosciuta \"round\", ignorata\n\
             mappa: avviso: {}:3: chiave sconosciuta \"scadenze\", ignorata\n",
            etc.display(),
            user_file.display()
        )
    );
    // The keys it knows still count.
    let o = run(&["config"]);
    assert!(stdout(&o).contains("ascii      true"), "{}", stdout(&o));
    // In the language of the settings.
    std::fs::write(&etc, "lang = \"en\"\nround = 2026\n").unwrap();
    let o = run(&["show", "A2.3.1.1"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(&format!(
            "mappa: warning: {}:2: unknown key \"round\", ignored",
            etc.display()
        )),
        "{}",
        stderr(&o)
    );
    // Malformed TOML stays an error, with its line.
    std::fs::write(&etc, "lang = \"it\"\nround = \n").unwrap();
    let o = run(&["show", "A2.3.1.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:2:", etc.display())),
        "{}",
        stderr(&o)
    );
}

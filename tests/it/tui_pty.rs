//! The real binary in a pseudo-terminal: start, keys, resize, quit, signals,
//! and the terminal given back every time.

use crate::common;

use common::pty::{started, Session, LIMIT};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn typing_a_query_shows_who_is_responsible_then_esc_quits() {
    let mut s = started(80, 24);
    s.wait_text("A1 Pianificazione");
    s.send("tachigraf");
    s.wait_text("tachigrafiche");
    s.wait_text("D2.2.2.1 · Attività");
    s.wait_text("Responsabile  Operatore incaricato");
    // Resize in the middle of a search, to a small window and back.
    s.resize(30, 10);
    s.wait_for("the small layout", |t| {
        t.lines().count() <= 10 && t.contains("tachigraf")
    });
    s.resize(80, 24);
    s.wait_text("Responsabile  Operatore incaricato");
    s.send("\x1b"); // clears the query
    s.wait_for("the cleared query", |t| !t.contains("> tachigraf"));
    s.send("\x1b"); // quits
    assert!(s.wait_exit());
    assert!(
        !s.in_alternate_screen(),
        "terminal left in the alternate screen"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut s = started(80, 24);
    s.send("pec");
    s.wait_text("> pec");
    s.send("\x03");
    assert!(s.wait_exit());
    assert!(!s.in_alternate_screen());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = started(80, 24);
    s.wait_text("A1 Pianificazione");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    assert!(
        !s.in_alternate_screen(),
        "terminal left in the alternate screen after SIGTERM"
    );
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = started(80, 24);
    s.wait_text("A1 Pianificazione");
    let pid = s.child.process_id().expect("pid");
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    assert!(!s.in_alternate_screen());
}

#[test]
fn help_opens_with_f1_and_closes_with_any_key() {
    let mut s = started(80, 24);
    s.send("\x1bOP"); // F1
    s.wait_text("Aiuto");
    s.send("x");
    s.wait_for("help closed", |t| !t.contains("Aiuto"));
    s.send("\x03");
    assert!(s.wait_exit());
}

/// Waits until nothing more arrives and returns the bytes read so far.
fn settled_bytes(s: &Session) -> usize {
    let mut last = *s.bytes.lock().unwrap();
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let now = *s.bytes.lock().unwrap();
        if now == last {
            return now;
        }
        last = now;
    }
}

#[test]
fn bytes_written_to_move_the_selection_one_row() {
    let mut s = started(80, 24);
    s.wait_text("Macro-processo");
    let before = settled_bytes(&s);
    s.send("\x1b[B"); // Down: A1 → A1.1, the detail changes completely
    s.wait_text("A1.1 · Processo");
    let first = settled_bytes(&s) - before;
    // Between two sibling activities.
    s.send("A2.3.2");
    s.wait_text("A2.3.2 · Sotto-processo");
    s.send("\x1b[B");
    s.wait_text("A2.3.2.1 · Attività");
    let before = settled_bytes(&s);
    s.send("\x1b[B");
    s.wait_text("A2.3.2.2 · Attività");
    let sibling = settled_bytes(&s) - before;
    println!("bytes written for one cursor move at 80x24: {first} (macro to process), {sibling} (between activities)");
    // The goal: a move redraws what changed. From a macro-process to its
    // first process, 600 bytes at most with the detail pane open (it was
    // 1,080); between two activities whose every field differs, the new
    // texts alone are about 500 bytes.
    assert!(first <= 600, "a cursor move redrew too much: {first}");
    assert!(sibling <= 700, "a cursor move redrew too much: {sibling}");
    s.send("\x03");
    s.wait_exit();
}

fn copy_sequence(env: &[(&str, &str)]) -> String {
    use base64::Engine;
    let mut s = Session::start(80, 24, env);
    s.wait_text("A1 Pianificazione");
    s.send("A2.3.1.1");
    s.wait_text("Operatore incaricato");
    s.send("\x19"); // Ctrl-Y
    s.wait_text("Copiato negli appunti");
    s.send("\x03");
    s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    let expected = base64::engine::general_purpose::STANDARD.encode(
        "A2.3.1.1 — Protocollo informatico (es. GEDOC): acquisizione a mezzo posta elettronica/PEC, protocollazione e smistamento agli uffici — Responsabile: Operatore incaricato del servizio Protocollo",
    );
    assert!(
        raw.contains(&expected),
        "no OSC 52 payload for the selected entry"
    );
    raw
}

#[test]
fn ctrl_y_copies_through_osc52() {
    let raw = copy_sequence(&[]);
    assert!(raw.contains("\x1b]52;c;"), "plain OSC 52 expected");
    assert!(!raw.contains("\x1bPtmux;"));
}

#[test]
fn ctrl_y_inside_tmux_uses_passthrough() {
    let raw = copy_sequence(&[("TMUX", "/tmp/tmux-0/default,1,0")]);
    assert!(
        raw.contains("\x1bPtmux;\x1b\x1b]52;c;"),
        "tmux passthrough expected"
    );
    assert!(raw.contains("\x07\x1b\\"));
}

#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mappa"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in common::isolated_env() {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    // Wait for the first frame.
    let mut seen = Vec::new();
    let start = Instant::now();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("mappa") {
        let n = reader.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
        assert!(start.elapsed() < LIMIT, "no first frame");
    }
    // Close our side of the pty, as a dropped SSH link does.
    drop(reader);
    drop(pair.master);
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            start.elapsed() < LIMIT,
            "mappa kept running after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn notes_typed_when_the_link_drops_are_saved() {
    let dir = common::temp_dir("pty-notes");
    let store = dir.join("review.sqlite");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mappa"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in common::isolated_env() {
        cmd.env(k, v);
    }
    cmd.args(["--review", store.to_str().unwrap(), "--user", "rpct"]);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let s = Arc::clone(&screen);
    const NOTE: &str = "appunto mai salvato a mano";
    // The reader stops (closing its copy of the pty) once the note is on
    // screen, so that dropping the master below really hangs up.
    let reader_thread = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut parser = s.lock().unwrap();
            parser.process(&buf[..n]);
            if parser.screen().contents().contains(NOTE) {
                break;
            }
        }
    });
    let wait = |text: &str| {
        let start = Instant::now();
        while !screen.lock().unwrap().screen().contents().contains(text) {
            assert!(start.elapsed() < LIMIT, "waiting for {text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait("A1 Pianificazione");
    writer.write_all(b"A2.3.1.1").unwrap();
    wait("A2.3.1.1 · Attività");
    writer.write_all(b"\x1bOR").unwrap(); // F3: the notes editor
    wait("Note · A2.3.1.1");
    writer.write_all(NOTE.as_bytes()).unwrap();
    reader_thread.join().unwrap();
    // The SSH link drops: the pty goes away with the editor still open.
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < LIMIT, "mappa kept running");
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = common::command()
        .args([
            "--review",
            store.to_str().unwrap(),
            "review",
            "show",
            "A2.3.1.1",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["notes"], NOTE);
}

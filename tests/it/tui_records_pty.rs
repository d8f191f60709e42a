//! The officer's records in the real explorer, in a pseudo-terminal: what
//! is typed survives a dropped link, a store locked by someone else never
//! freezes the keys, and hostile input (a huge paste, a dumb terminal, a
//! tiny window) is handled.

use crate::common;

use common::pty::{Session, LIMIT};
use common::{mappa_store, stdout, temp_dir};
use std::time::{Duration, Instant};

const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const F3: &str = "\x1bOR";
const F4: &str = "\x1bOS";

fn explorer(store: &std::path::Path, cols: u16, rows: u16) -> Session {
    let s = Session::start_with(
        cols,
        rows,
        &[],
        &["--review", store.to_str().unwrap(), "--user", "rpct"],
    );
    s.wait_text("A1 Pianificazione");
    s
}

fn review_json(store: &std::path::Path, code: &str) -> serde_json::Value {
    let o = mappa_store(store, &["review", "show", code, "--json"]);
    serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_judgement_and_motivation_typed_when_the_link_drops_are_saved() {
    let store = common::scratch_store("pty-judgement");
    let mut s = explorer(&store, 100, 30);
    s.send("A2.3.1.1");
    s.wait_text("A2.3.1.1 · Attività");
    s.send(F4);
    s.wait_text("Valutazione del rischio");
    for _ in 0..6 {
        s.send(DOWN);
    }
    s.send(RIGHT); // judgement: basso
    s.wait_text("motivazione");
    s.send(DOWN);
    s.send("\r"); // edit the motivation
    s.send("controlli a campione");
    s.wait_text("controlli a campione");
    // The link drops with the form open and the motivation half typed.
    s.signal("HUP");
    s.wait_exit();
    let v = review_json(&store, "A2.3.1.1");
    assert_eq!(v["judgement"], "basso", "{v}");
    assert_eq!(v["motivation"], "controlli a campione", "{v}");
}

#[test]
fn a_locked_store_never_freezes_the_explorer_and_the_note_is_saved_after() {
    let dir = temp_dir("pty-locked");
    let store = dir.join("review.sqlite");
    assert!(mappa_store(
        &store,
        &["review", "set", "A3.1.1.6", "--status", "in esame"]
    )
    .status
    .success());
    let mut s = explorer(&store, 100, 30);
    // Someone else holds the write lock, for a minute.
    let holder = rusqlite::Connection::open(&store).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE reviews SET title = title;")
        .unwrap();
    let held = Instant::now();
    s.send("A2.3.1.1");
    s.wait_text("A2.3.1.1 · Attività");
    s.send(F3);
    s.wait_text("Note · A2.3.1.1");
    s.send("scritta mentre l'archivio è bloccato");
    s.send("\x1b"); // close: the save has to wait
    s.wait_text("in attesa del salvataggio");
    // Keys still answer at once while the lock is held.
    let mut searches = 0;
    while held.elapsed() < Duration::from_secs(60) {
        s.send("\x15"); // Ctrl-U: clear the query
        s.send(if searches % 2 == 0 {
            "protocollo"
        } else {
            "tachigraf"
        });
        let want = if searches % 2 == 0 {
            "> protocollo"
        } else {
            "> tachigraf"
        };
        s.wait_text(want);
        searches += 1;
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(
        searches > 20,
        "the explorer answered only {searches} searches in a minute"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    s.wait_for("the pending save to go through", |t| {
        !t.contains("in attesa del salvataggio")
    });
    s.send("\x03");
    assert!(s.wait_exit());
    assert_eq!(
        review_json(&store, "A2.3.1.1")["notes"],
        "scritta mentre l'archivio è bloccato"
    );
}

#[test]
fn a_huge_paste_or_burst_keeps_the_explorer_responsive_and_ctrl_c_quits() {
    let store = temp_dir("pty-paste").join("review.sqlite");
    let mut s = explorer(&store, 100, 30);
    let text: String = "registro imprese protocollo "
        .chars()
        .cycle()
        .take(3000)
        .collect();
    s.send(&format!("\x1b[200~{text}\x1b[201~"));
    s.wait_text("ricerca troppo lunga");
    // A key after the paste is answered.
    s.send("\x15");
    s.wait_for("the query cleared", |t| !t.contains("ricerca troppo lunga"));
    // The same typed as a burst of keys (a terminal without bracketed
    // paste): one search for the burst, the rest of the text ignored. (A
    // pty's input queue holds about 2 KB, so the burst stays below that.)
    let burst: String = text.chars().take(1500).collect();
    s.send(&burst);
    s.wait_text("ricerca troppo lunga");
    let start = Instant::now();
    s.send("\x03");
    assert!(s.wait_exit());
    assert!(start.elapsed() < LIMIT);
    assert!(!s.in_alternate_screen());
}

#[test]
fn an_overlay_that_does_not_fit_does_not_open() {
    let store = temp_dir("pty-small").join("review.sqlite");
    let mut s = Session::start_with(26, 9, &[], &["--review", store.to_str().unwrap()]);
    s.wait_text("catalogo");
    s.send(F3);
    s.wait_text("troppo piccola");
    // What is typed goes to the search, not into an invisible editor.
    s.send("pec");
    s.wait_text("> pec");
    s.send("\x03");
    assert!(s.wait_exit());
    let o = mappa_store(&store, &["review", "log"]);
    assert!(stdout(&o).is_empty(), "nothing was written: {}", stdout(&o));
}

#[test]
fn a_dumb_terminal_gets_a_clear_message() {
    let mut s = Session::start(80, 24, &[("TERM", "dumb")]);
    s.wait_text("TERM=dumb");
    assert!(!s.wait_exit(), "exits with an error status");
    let screen = s.contents();
    assert!(screen.contains("mappa search"), "{screen}");
}

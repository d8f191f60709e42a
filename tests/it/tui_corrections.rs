//! Nothing typed in the explorer is thrown away, and the selection follows
//! the entry: the conflict dialog, the judgement without motivation, the
//! monitoring form (in a pseudo-terminal, as the officer uses them), and
//! the search cleared on an entry (on the TestBackend).

use crate::common;

use common::pty::Session;
use common::tui::{press, typed, ui};
use common::{mappa_store, stderr};
use crossterm::event::KeyCode;

const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const ESC: &str = "\x1b";
const F3: &str = "\x1bOR";
const F4: &str = "\x1bOS";
const CTRL_S: &str = "\x13";
const CTRL_T: &str = "\x14";

fn explorer(store: &std::path::Path, user: &str) -> Session {
    let s = Session::start_with(
        120,
        36,
        &[],
        &["--review", store.to_str().unwrap(), "--user", user],
    );
    s.wait_text("A1 Pianificazione");
    s
}

fn notes(store: &std::path::Path, code: &str) -> String {
    let o = mappa_store(store, &["review", "show", code, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    v["notes"].as_str().unwrap_or("").to_string()
}

/// Waits (generously) for the store to hold what `test` wants.
fn stored(what: &str, test: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !test() {
        assert!(
            start.elapsed() < common::pty::LIMIT,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn ctrl_c_in_the_conflict_dialog_keeps_both_texts() {
    let store = common::scratch_store("tui-conflict");
    assert!(mappa_store(
        &store,
        &["review", "set", "A2.3.1.1", "--status", "in esame"]
    )
    .status
    .success());
    let mut first = explorer(&store, "m.rossi");
    let mut second = explorer(&store, "o.bianchi");
    // Both open the same note.
    for s in [&mut first, &mut second] {
        s.send("A2.3.1.1");
        s.wait_text("A2.3.1.1 · Attività");
        s.send(F3);
        s.wait_text("Note · A2.3.1.1");
    }
    // The first writes and closes.
    first.send("testo del primo");
    first.wait_text("testo del primo");
    first.send(ESC);
    stored("the first note", || {
        notes(&store, "A2.3.1.1") == "testo del primo"
    });
    // The second, on the note as it read it, writes too: the store refuses
    // to overwrite, and the dialog shows both texts once the editor closes.
    second.send("testo del secondo");
    second.wait_text("testo del secondo");
    second.send(ESC);
    second.wait_text("Modifica contemporanea");
    // Ctrl-C there: both texts are kept, nothing is lost.
    second.send("\x03");
    assert!(second.wait_exit());
    first.send("\x03");
    assert!(first.wait_exit());
    let text = notes(&store, "A2.3.1.1");
    assert!(
        text.contains("testo del primo") && text.contains("testo del secondo"),
        "{text}"
    );
    let o = mappa_store(&store, &["review", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_judgement_without_motivation_is_not_dropped_on_leaving() {
    let store = common::scratch_store("tui-judgement");
    let mut s = explorer(&store, "rpct");
    s.send("A2.3.1.1");
    s.wait_text("A2.3.1.1 · Attività");
    s.send(F4);
    s.wait_text("Valutazione del rischio");
    for _ in 0..6 {
        s.send(DOWN);
    }
    s.send(RIGHT); // judgement: basso
    s.send(ESC);
    // Still open, on the motivation, saying why.
    s.wait_text("Il giudizio richiede una motivazione");
    assert!(
        s.contents().contains("Valutazione del rischio"),
        "{}",
        s.contents()
    );
    // Leaving again asks first; "no" goes back to the motivation.
    s.send(ESC);
    s.wait_text("uscire scartando il giudizio?");
    s.send("n");
    s.send("processo esposto a pressioni");
    s.wait_text("pressioni");
    s.send("\r");
    s.wait_text("Giudizio salvato");
    s.send(ESC);
    s.send("\x03");
    assert!(s.wait_exit());
    let o = mappa_store(&store, &["review", "show", "A2.3.1.1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["judgement"], "basso");
    assert_eq!(v["motivation"], "processo esposto a pressioni");
}

#[test]
fn the_monitoring_form_records_no_state_it_was_not_given_and_saves_from_a_field() {
    let store = common::scratch_store("tui-monitoring");
    let o = mappa_store(
        &store,
        &[
            "measure",
            "add",
            "A2.3.1.1",
            "--text",
            "Controllo a campione",
            "--kind",
            "specifica",
            "--type",
            "controllo",
            "--owner",
            "Protocollo",
            "--due",
            "2027-06-30",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut s = explorer(&store, "rpct");
    s.send("A2.3.1.1");
    s.wait_text("A2.3.1.1 · Attività");
    s.send(CTRL_T);
    s.wait_text("M1");
    s.send("m");
    s.wait_text("Monitoraggio della misura M1");
    // Saving at once records nothing: no state was chosen.
    s.send(CTRL_S);
    s.wait_text("Scegli lo stato");
    s.send(RIGHT); // attuata
    s.send(DOWN); // the value found
    s.send("\r");
    s.send("12 su 12");
    s.wait_text("12 su 12");
    // Ctrl-S from inside the field saves.
    s.send(CTRL_S);
    s.wait_text("Verifica salvata");
    s.send(ESC);
    s.send("\x03");
    assert!(s.wait_exit());
    let o = mappa_store(&store, &["measure", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let checks = v[0]["monitoring"].as_array().unwrap();
    assert_eq!(checks.len(), 1, "{v}");
    assert_eq!(checks[0]["state"], "attuata");
    assert_eq!(checks[0]["value"], "12 su 12");
}

#[test]
fn clearing_the_search_keeps_the_entry_selected() {
    let mut ui = ui();
    typed(&mut ui, "B2.1.1.7");
    let selected = |ui: &mappa::tui::Ui| {
        let n = ui.app.selected_node().unwrap();
        ui.app.dataset().nodes[n]
            .code
            .as_deref()
            .map(str::to_string)
    };
    assert_eq!(selected(&ui).as_deref(), Some("B2.1.1.7"));
    press(&mut ui, KeyCode::Esc);
    assert!(ui.app.query.is_empty() && ui.app.filter.is_none());
    assert_eq!(
        selected(&ui).as_deref(),
        Some("B2.1.1.7"),
        "the entry, not the row"
    );
    // Moving away and searching again: the best match is selected.
    press(&mut ui, KeyCode::Down);
    let below = selected(&ui);
    assert_ne!(below.as_deref(), Some("B2.1.1.7"));
    typed(&mut ui, "protocollo");
    press(&mut ui, KeyCode::Esc);
    assert_ne!(ui.app.selected_node(), None);
}

//! The officer's register inside the explorer: risk events from the
//! catalogue or as free text with their factors, measures against an event
//! with their monitoring, the schedule by office and the ranking. Each is
//! recorded at once and is there when the explorer starts again.

use crate::common;

use common::tui::{app_with_store, eventually, press, press_with, screen, store_path, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use mappa::review::measures::State;
use mappa::review::ReviewKey;
use mappa::tui::Ui;
use std::path::Path;
use std::time::Duration;

/// Types `text` key by key, as a person would in an overlay.
fn keys(ui: &mut Ui, text: &str) {
    for c in text.chars() {
        press(ui, KeyCode::Char(c));
    }
}

fn ctrl(ui: &mut Ui, c: char) {
    press_with(ui, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// The explorer on `path` with the entry `code` selected, and its key.
fn at_entry(path: &Path, code: &str) -> (Ui, ReviewKey) {
    let mut ui = app_with_store(path, false);
    typed(&mut ui, code);
    let node = ui.app.selected_node().unwrap();
    assert_eq!(ui.app.dataset().nodes[node].code.as_deref(), Some(code));
    let key = ui.app.key(node);
    (ui, key)
}

fn events(ui: &Ui, key: &ReviewKey) -> usize {
    ui.app.review.as_ref().unwrap().events(key).len()
}

/// Writes what is queued, as quitting does.
fn quit(mut ui: Ui) {
    ui.finish(Duration::from_secs(30));
    assert!(ui.app.take_unsaved().is_none());
}

fn json(path: &Path, args: &[&str]) -> serde_json::Value {
    let o = common::mappa_store(path, args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Adds, from the events overlay, the catalogue's first suggestion for
/// `words` with the factors it proposes.
fn add_from_catalogue(ui: &mut Ui, words: &str) {
    keys(ui, "n");
    keys(ui, words);
    press(ui, KeyCode::Down);
    press(ui, KeyCode::Enter);
    assert!(
        screen(ui, 100, 30).contains("[x]"),
        "the catalogue's factors come ticked"
    );
    press(ui, KeyCode::Enter);
}

#[test]
fn events_from_the_catalogue_and_free_text_survive_a_restart() {
    let path = store_path("register-events");
    let (mut ui, key) = at_entry(&path, "D2.2.2.1");
    press(&mut ui, KeyCode::F(5));
    assert!(ui.app.overlay_name() == Some("events"));
    let empty = screen(&mut ui, 100, 30);
    assert!(empty.contains("Eventi rischiosi"), "{empty}");
    assert!(empty.contains("Nessun evento registrato"), "{empty}");

    add_from_catalogue(&mut ui, "omissione controlli");
    // A new event in the office's own words, with two factors ticked.
    keys(&mut ui, "n");
    keys(&mut ui, "Rilascio della carta senza verifica dell'identità");
    press(&mut ui, KeyCode::Enter);
    keys(&mut ui, "26");
    let factors = screen(&mut ui, 100, 30);
    assert!(factors.contains("[x] mancanza di trasparenza"), "{factors}");
    press(&mut ui, KeyCode::Enter);
    eventually(&mut ui, "both events to be recorded", |ui| {
        ui.tick();
        events(ui, &key) == 2
    });
    let list = screen(&mut ui, 100, 30);
    assert!(
        list.contains("Omissione o alterazione dei controlli"),
        "{list}"
    );
    assert!(list.contains("[trasparenza, competenze]"), "{list}");
    insta::assert_snapshot!("events_80x24", screen(&mut ui, 80, 24));
    // The officer's smallest terminal still shows the overlay; a window
    // smaller than that says so rather than drawing a broken one.
    insta::assert_snapshot!("events_40x15", screen(&mut ui, 40, 15));
    let tiny = screen(&mut ui, 30, 10);
    assert!(tiny.contains("Finestra troppo piccola"), "{tiny}");
    press(&mut ui, KeyCode::Esc);
    quit(ui);

    // Started again: the detail pane shows them, and so does the CLI.
    let (mut ui, _) = at_entry(&path, "D2.2.2.1");
    let detail = screen(&mut ui, 160, 40);
    assert!(detail.contains("Eventi rischiosi"), "{detail}");
    assert!(detail.contains("R1 Omissione o alterazione"), "{detail}");
    assert!(
        detail.contains("R2 Rilascio della carta senza verifica"),
        "{detail}"
    );
    assert!(
        detail.contains('◆'),
        "the tree marks an entry with events: {detail}"
    );
    insta::assert_snapshot!("register_detail_80x24", screen(&mut ui, 80, 24));
    let register = json(&path, &["risk", "list", "--json"]);
    let entry = register
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == "D2.2.2.1")
        .expect("the entry is in the register");
    let events = entry["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0]["factors"],
        serde_json::json!(["controlli", "esclusivita"])
    );
    assert_eq!(
        events[1]["text"],
        "Rilascio della carta senza verifica dell'identità"
    );
    assert_eq!(
        events[1]["factors"],
        serde_json::json!(["trasparenza", "competenze"])
    );
}

#[test]
fn an_event_is_removed_only_after_a_yes_and_the_area_is_chosen() {
    let path = store_path("register-remove");
    let (mut ui, key) = at_entry(&path, "D2.2.2.1");
    press(&mut ui, KeyCode::F(5));
    add_from_catalogue(&mut ui, "omissione controlli");
    eventually(&mut ui, "the event", |ui| {
        ui.tick();
        events(ui, &key) == 1
    });
    press(&mut ui, KeyCode::Delete);
    let question = screen(&mut ui, 100, 30);
    assert!(
        question.contains("Eliminare l'evento R1? (s/n)"),
        "{question}"
    );
    keys(&mut ui, "n");
    assert!(
        !screen(&mut ui, 100, 30).contains("Eliminare"),
        "n answers no"
    );
    assert_eq!(events(&ui, &key), 1);
    // The area: the one the code suggests is offered first.
    keys(&mut ui, "a");
    press(&mut ui, KeyCode::Down);
    press(&mut ui, KeyCode::Enter);
    eventually(&mut ui, "the area", |ui| {
        ui.tick();
        ui.app.review.as_ref().unwrap().area(&key).is_some()
    });
    keys(&mut ui, "x");
    keys(&mut ui, "s");
    eventually(&mut ui, "the removal", |ui| {
        ui.tick();
        events(ui, &key) == 0
    });
    quit(ui);
    // The removed event stays in the audit log.
    let o = common::mappa_store(&path, &["review", "log"]);
    let log = String::from_utf8_lossy(&o.stdout);
    assert!(log.contains("R1  removed"), "{log}");
}

#[test]
fn a_measure_against_an_event_and_its_monitoring_survive_a_restart() {
    let path = store_path("register-measures");
    let (mut ui, key) = at_entry(&path, "D2.2.2.1");
    press(&mut ui, KeyCode::F(5));
    add_from_catalogue(&mut ui, "omissione controlli");
    eventually(&mut ui, "the event", |ui| {
        ui.tick();
        events(ui, &key) == 1
    });
    press(&mut ui, KeyCode::Esc);
    ctrl(&mut ui, 't');
    assert!(ui.app.overlay_name() == Some("measures"));
    keys(&mut ui, "n");
    // The form opens on the text, the owner already the entry's responsible.
    keys(&mut ui, "Verifica a campione delle carte rilasciate");
    press(&mut ui, KeyCode::Enter);
    let form = screen(&mut ui, 100, 30);
    assert!(
        form.contains("Operatore incaricato del servizio CNS"),
        "{form}"
    );
    // Without a due date it is not saved, and says why.
    ctrl(&mut ui, 's');
    assert!(
        ui.app.message.as_deref().unwrap_or("").contains("scadenza"),
        "{:?}",
        ui.app.message
    );
    for _ in 0..4 {
        press(&mut ui, KeyCode::Down);
    }
    press(&mut ui, KeyCode::Enter);
    keys(&mut ui, "31/03/2027");
    press(&mut ui, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut ui, KeyCode::Down);
    }
    press(&mut ui, KeyCode::Right);
    assert!(
        screen(&mut ui, 100, 30).contains("R1 Omissione"),
        "the measure treats the event"
    );
    // Kind and type are facts of the measure: chosen, never defaulted.
    ctrl(&mut ui, 's');
    assert!(
        ui.app
            .message
            .as_deref()
            .unwrap_or("")
            .contains("tipologia"),
        "{:?}",
        ui.app.message
    );
    for _ in 0..6 {
        press(&mut ui, KeyCode::Up);
    }
    press(&mut ui, KeyCode::Right); // generale
    press(&mut ui, KeyCode::Right); // specifica
    press(&mut ui, KeyCode::Down);
    press(&mut ui, KeyCode::Right); // controllo
    insta::assert_snapshot!("measure_form_80x24", screen(&mut ui, 80, 24));
    ctrl(&mut ui, 's');
    eventually(&mut ui, "the measure", |ui| {
        ui.tick();
        ui.app.review.as_ref().unwrap().measures(&key).len() == 1
    });
    let list = screen(&mut ui, 100, 30);
    assert!(list.contains("M1   Verifica a campione"), "{list}");
    assert!(list.contains("entro il 2027-03-31"), "{list}");
    assert!(list.contains("[da monitorare]"), "{list}");
    insta::assert_snapshot!("measures_80x24", screen(&mut ui, 80, 24));
    // Monitoring: the state row comes first, with nothing chosen: saving
    // at once records nothing and says a state is needed.
    keys(&mut ui, "m");
    let check = screen(&mut ui, 100, 30);
    assert!(check.contains("Monitoraggio della misura M1"), "{check}");
    assert!(check.contains("— scegli"), "{check}");
    ctrl(&mut ui, 's');
    assert!(
        ui.app.message.as_deref().unwrap_or("").contains("stato"),
        "{:?}",
        ui.app.message
    );
    assert!(ui.app.effects.is_empty(), "nothing recorded");
    press(&mut ui, KeyCode::Right); // attuata
    ctrl(&mut ui, 's');
    eventually(&mut ui, "the monitoring", |ui| {
        ui.tick();
        ui.app.review.as_ref().unwrap().measures(&key)[0].state() == Some(State::Attuata)
    });
    // Changing it: the due date moves, the rest stays.
    keys(&mut ui, "e");
    assert!(screen(&mut ui, 100, 30).contains("Modifica della misura M1"));
    for _ in 0..4 {
        press(&mut ui, KeyCode::Down);
    }
    press(&mut ui, KeyCode::Enter);
    ctrl(&mut ui, 'u');
    keys(&mut ui, "30/06/2027");
    press(&mut ui, KeyCode::Enter);
    ctrl(&mut ui, 's');
    eventually(&mut ui, "the change", |ui| {
        ui.tick();
        ui.app.review.as_ref().unwrap().measures(&key)[0]
            .due
            .to_string()
            == "2027-06-30"
    });
    press(&mut ui, KeyCode::Esc);
    quit(ui);

    let (mut ui, _) = at_entry(&path, "D2.2.2.1");
    let detail = screen(&mut ui, 160, 40);
    assert!(
        detail.contains("M1 Verifica a campione delle carte rilasciate (R1)"),
        "{detail}"
    );
    assert!(detail.contains("[attuata]"), "{detail}");
    let measures = json(&path, &["measure", "list", "--json"]);
    let m = &measures.as_array().unwrap()[0];
    assert_eq!(m["due"], "2027-06-30");
    assert_eq!(m["text"], "Verifica a campione delle carte rilasciate");
    assert_eq!(m["targets"][0]["event"], "R1");
    assert_eq!(m["monitoring"][0]["state"], "attuata");
}

#[test]
fn the_schedule_lists_an_office_s_overdue_measures_first_and_enter_goes_there() {
    let path = store_path("register-schedule");
    for (code, text, due) in [
        ("D2.2.2.1", "Misura lontana", "2099-12-31"),
        ("A2.3.1.1", "Misura scaduta", "2020-01-31"),
    ] {
        let o = common::mappa_store(
            &path,
            &[
                "measure",
                "add",
                code,
                "--text",
                text,
                "--kind",
                "specifica",
                "--type",
                "controllo",
                "--owner",
                "Ufficio unico",
                "--due",
                due,
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let mut ui = app_with_store(&path, false);
    ctrl(&mut ui, 'd');
    let schedule = screen(&mut ui, 100, 30);
    let late = schedule.find("Misura scaduta").expect("listed");
    let later = schedule.find("Misura lontana").expect("listed");
    assert!(late < later, "overdue first: {schedule}");
    assert!(schedule.contains("Ufficio unico"), "{schedule}");
    assert!(schedule.contains("scaduta"), "{schedule}");
    // Enter on the first (overdue) row selects its entry in the tree.
    press(&mut ui, KeyCode::Enter);
    assert!(ui.app.overlay.is_none());
    let node = ui.app.selected_node().unwrap();
    assert_eq!(
        ui.app.dataset().nodes[node].code.as_deref(),
        Some("A2.3.1.1")
    );
}

#[test]
fn the_ranking_orders_by_judgement_and_jumps_to_the_entry() {
    let path = store_path("register-ranking");
    for (code, level) in [("A2.3.1.1", "medio"), ("D2.2.2.1", "alto")] {
        let o = common::mappa_store(
            &path,
            &[
                "review",
                "set",
                code,
                "--judgement",
                level,
                "--motivation",
                "intervista",
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let mut ui = app_with_store(&path, false);
    // Away from both: the jump must find the entry wherever it is.
    typed(&mut ui, "protocollo");
    ctrl(&mut ui, 'g');
    let ranking = screen(&mut ui, 120, 30);
    let first = ranking.find("D2.2.2.1").expect("listed");
    let second = ranking.find("A2.3.1.1").expect("listed");
    assert!(first < second, "alto before medio: {ranking}");
    press(&mut ui, KeyCode::Enter);
    let node = ui.app.selected_node().unwrap();
    assert_eq!(
        ui.app.dataset().nodes[node].code.as_deref(),
        Some("D2.2.2.1")
    );
    assert!(ui.app.query.is_empty(), "the search that hid it is cleared");
}

#[test]
fn a_read_only_store_shows_the_schedule_but_refuses_events() {
    let path = store_path("register-read-only");
    let o = common::mappa_store(
        &path,
        &[
            "measure",
            "add",
            "D2.2.2.1",
            "--text",
            "Misura",
            "--kind",
            "specifica",
            "--type",
            "controllo",
            "--owner",
            "Ufficio",
            "--due",
            "2027-01-31",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut ui = app_with_store(&path, true);
    ctrl(&mut ui, 'd');
    assert!(screen(&mut ui, 100, 30).contains("Misura"));
    press(&mut ui, KeyCode::Esc);
    press(&mut ui, KeyCode::F(5));
    assert!(ui.app.overlay.is_none());
    assert!(
        ui.app
            .message
            .as_deref()
            .unwrap_or("")
            .contains("sola lettura"),
        "{:?}",
        ui.app.message
    );
}

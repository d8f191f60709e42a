//! The review inside the explorer: changes are saved as they are made and
//! are there when the explorer starts again.

use crate::common;

use common::tui::{app_with_store, eventually, press, press_with, screen, store_path, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use mappa::import::builtin;
use mappa::review::{Level, Status, Store};
use mappa::tui::app::Action;
use std::time::Duration;

#[test]
fn status_and_notes_survive_a_restart() {
    let path = store_path("restart");
    {
        let mut ui = app_with_store(&path, false);
        typed(&mut ui, "A2.3.1.1");
        ui.handle(Action::CycleStatus); // da esaminare → in esame
        ui.handle(Action::CycleStatus); // → esaminato
        ui.handle(Action::EditNotes);
        for c in "Intervista del 20/11".chars() {
            press(&mut ui, KeyCode::Char(c));
        }
        press(&mut ui, KeyCode::Enter);
        for c in "seconda riga".chars() {
            press(&mut ui, KeyCode::Char(c));
        }
        // Quitting with the editor open still saves.
        press_with(&mut ui, KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(ui.app.quit);
        // What the event loop does when it ends.
        ui.finish(Duration::from_secs(10));
    }
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "A2.3.1.1");
    let node = ui.app.selected_node().unwrap();
    assert_eq!(ui.app.status_of(node), Some(Status::Esaminato));
    let text = screen(&mut ui, 100, 30);
    assert!(text.contains("Revisione  esaminato"), "{text}");
    assert!(
        text.contains("Intervista del 20/11") && text.contains("seconda riga"),
        "{text}"
    );
    assert!(
        text.contains("✓ A2.3.1.1"),
        "status marker in the tree: {text}"
    );
    assert!(
        text.contains("1/1 esaminati"),
        "progress in the title: {text}"
    );
}

#[test]
fn risk_form_records_indicators_and_a_motivated_judgement() {
    let path = store_path("form");
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "B2.2.2.6");
    ui.handle(Action::OpenRiskForm);
    press(&mut ui, KeyCode::Right); // interesse: basso
    press(&mut ui, KeyCode::Right); // medio
    for _ in 0..6 {
        press(&mut ui, KeyCode::Down); // to the judgement row
    }
    press(&mut ui, KeyCode::Right); // judgement basso, no motivation yet
    assert!(
        ui.app.message.as_deref().unwrap().contains("motivazione"),
        "{:?}",
        ui.app.message
    );
    press(&mut ui, KeyCode::Down);
    press(&mut ui, KeyCode::Enter);
    for c in "servizio esternalizzato".chars() {
        press(&mut ui, KeyCode::Char(c));
    }
    press(&mut ui, KeyCode::Enter);
    press(&mut ui, KeyCode::Esc);
    assert!(ui.app.overlay_name() != Some("risk"));
    drop(ui);
    let store = Store::open(&path, true, "rpct").unwrap();
    let all = store.all().unwrap();
    let r = all.iter().find(|r| r.key.key == "B2.2.2.6").unwrap();
    assert_eq!(
        r.indicator(mappa::review::Indicator::Interesse),
        Some(Level::Medio)
    );
    assert_eq!(r.judgement, Some(Level::Basso));
    assert_eq!(r.motivation, "servizio esternalizzato");
}

#[test]
fn pending_filter_and_read_only_store() {
    let path = store_path("pending");
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "A2.3.1");
    let total = ui.app.counts().0;
    ui.handle(Action::Down);
    ui.handle(Action::CycleStatus);
    let sel = ui.app.selected_node().unwrap();
    assert_eq!(
        ui.app.status_of(sel),
        Some(Status::InEsame),
        "{:?} {:?}",
        ui.app.dataset().nodes[sel].code,
        ui.app.message
    );
    ui.handle(Action::TogglePending);
    assert_eq!(
        ui.app.counts().0,
        total - 1,
        "the entry in review is hidden"
    );
    ui.handle(Action::TogglePending);
    assert_eq!(ui.app.counts().0, total);
    drop(ui);
    let mut ui = app_with_store(&path, true);
    typed(&mut ui, "A2.3.1.1");
    ui.handle(Action::CycleStatus);
    assert!(
        ui.app.message.as_deref().unwrap().contains("sola lettura"),
        "{:?}",
        ui.app.message
    );
    ui.handle(Action::EditNotes);
    assert!(ui.app.overlay_name() != Some("notes"));
}

#[test]
fn another_instance_s_change_shows_up() {
    let path = store_path("live");
    let mut first = app_with_store(&path, false);
    let mut second = app_with_store(&path, false);
    typed(&mut first, "A3.1.1.6");
    typed(&mut second, "A3.1.1.6");
    let node = second.app.selected_node().unwrap();
    first.handle(Action::CycleStatus);
    assert_eq!(second.app.status_of(node), Some(Status::DaEsaminare));
    // The first instance's writer commits in the background.
    eventually(&mut second, "the change to be noticed", |ui| {
        ui.tick();
        ui.app.status_of(node) == Some(Status::InEsame)
    });
    assert_eq!(second.app.status_of(node), Some(Status::InEsame));
}

#[test]
fn orphaned_reviews_are_listed() {
    let path = store_path("orphans");
    let mut store = mappa::review::Store::open(&path, false, "rpct").unwrap();
    let key = mappa::review::ReviewKey {
        dataset: "catalogo".into(),
        key: "Z9.9.9".into(),
        variant: 1,
    };
    store
        .apply(
            &key,
            "voce scomparsa",
            &[mappa::review::Change::Notes("nota".into())],
            mappa::review::Base::Force,
        )
        .unwrap();
    let orphans = store.orphans(&builtin()).unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].notes, "nota");
    drop(store);
    // The explorer says so once its first frame is drawn, in the singular.
    let mut ui = app_with_store(&path, false);
    ui.after_first_frame();
    assert_eq!(
        ui.app.message.as_deref(),
        Some("1 revisione orfana (voce non più nella mappa): `mappa review orphans` la mostra")
    );
}

#[test]
fn a_reader_of_an_older_store_follows_the_file_once_it_is_upgraded() {
    // An older store is read through an upgraded copy in memory; when
    // another instance upgrades the file and writes, the explorer must see
    // it (a copy alone would never change).
    let path = store_path("old-reader");
    std::fs::copy("tests/fixtures/store-0.1.sqlite", &path).unwrap();
    let mut viewer = app_with_store(&path, true);
    typed(&mut viewer, "A3.1.1.6");
    let node = viewer.app.selected_node().unwrap();
    let key = viewer.app.key(node);
    let before = viewer.app.status_of(node);
    let next = if before == Some(Status::DaApprofondire) {
        Status::InEsame
    } else {
        Status::DaApprofondire
    };
    let identity = mappa::review::Identity::with_name(Some("altro")).unwrap();
    let mut writer = Store::open_write(&path, identity, false).unwrap();
    writer
        .apply(
            &key,
            "titolo",
            &[mappa::review::Change::Status(next)],
            mappa::review::Base::Force,
        )
        .unwrap();
    eventually(&mut viewer, "the upgraded file's change", |ui| {
        ui.tick();
        ui.app.status_of(node) == Some(next)
    });
}

#[test]
fn the_reviewed_count_comes_from_the_records_in_view() {
    let path = store_path("progress");
    {
        let map = builtin();
        let ds = &map.datasets[0];
        // A coded entry, an entry without a code (its key depends on the
        // entries before it) and a key no entry has any more.
        let coded = ds
            .nodes
            .iter()
            .find(|n| n.code.as_deref() == Some("A2.3.1.1"));
        let codeless = ds.nodes.iter().find(|n| n.code.is_none());
        let mut keys: Vec<mappa::review::ReviewKey> = [coded, codeless]
            .into_iter()
            .map(|n| mappa::review::ReviewKey::of(&map, n.expect("in the seeds")))
            .collect();
        let mut orphan = keys[0].clone();
        orphan.key = "Z9.9.9".into();
        keys.push(orphan);
        let identity = mappa::review::Identity::with_name(Some("rpct")).unwrap();
        let mut writer = Store::open_write(&path, identity, false).unwrap();
        for key in &keys {
            writer
                .apply(
                    key,
                    "titolo",
                    &[mappa::review::Change::Status(Status::Esaminato)],
                    mappa::review::Base::Force,
                )
                .unwrap();
        }
    }
    let mut ui = app_with_store(&path, false);
    let total = ui.app.dataset().nodes.len();
    assert_eq!(ui.app.progress(), Some((2, total)));
    typed(&mut ui, "A2.3.1.1");
    let hits = ui.app.counts().0;
    assert!(hits >= 1);
    assert_eq!(ui.app.progress(), Some((1, hits)));
    // A change made here counts at once.
    ui.app.handle(Action::CycleStatus); // esaminato → the next status
    assert_eq!(ui.app.progress(), Some((0, hits)));
}

#[test]
fn every_filter_shows_in_the_title_and_esc_clears_them_before_quitting() {
    let path = store_path("filters-title");
    let mut ui = app_with_store(&path, false);
    let title = |ui: &mut mappa::tui::Ui| screen(ui, 120, 30).lines().next().unwrap().to_string();
    assert!(
        !title(&mut ui).contains("da esaminare"),
        "{}",
        title(&mut ui)
    );
    // F9: only the entries not yet reviewed — said in the title bar.
    ui.handle(Action::TogglePending);
    assert!(
        title(&mut ui).contains("solo da esaminare (F9)"),
        "{}",
        title(&mut ui)
    );
    // Ctrl-R: a responsible too.
    ui.handle(Action::OpenPicker);
    typed(&mut ui, "po settore");
    ui.handle(Action::Toggle);
    let t = title(&mut ui);
    assert!(
        t.contains("filtro: PO Settore") && t.contains("solo da esaminare"),
        "{t}"
    );
    // A small window keeps them in its one-line header.
    let small = screen(&mut ui, 80, 15);
    assert!(
        small.lines().next().unwrap().contains("F9 · PO Settore"),
        "{small}"
    );
    typed(&mut ui, "protocollo");
    // Esc: the search, then the responsible, then "only pending", then quits.
    ui.handle(Action::Escape);
    assert!(ui.app.query.is_empty() && ui.app.party.is_some());
    ui.handle(Action::Escape);
    assert!(ui.app.party.is_none());
    assert!(title(&mut ui).contains("solo da esaminare"));
    ui.handle(Action::Escape);
    assert!(!ui.app.quit, "the pending filter goes before quitting");
    assert!(
        !title(&mut ui).contains("da esaminare"),
        "{}",
        title(&mut ui)
    );
    assert_eq!(
        ui.app.counts().0,
        ui.app.counts().1,
        "nothing filtered any more"
    );
    ui.handle(Action::Escape);
    assert!(ui.app.quit);
}

//! The review inside the explorer: changes are saved as they are made and
//! are there when the explorer starts again.

mod common;

use common::tui::typed;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mappa::import::builtin;
use mappa::review::{Level, Status, Store};
use mappa::tui::app::{Action, App, Options};
use mappa::tui::render::render;
use mappa::tui::review::ReviewState;
use mappa::tui::strings::Lang;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};

fn store_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mappa-tui-review-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("review.sqlite")
}

fn app_with_store(path: &Path, read_only: bool) -> App {
    let mut app = App::with_index(
        builtin(),
        Options {
            lang: Lang::It,
            ascii: false,
            color: true,
        },
    );
    let store = Store::open(path, read_only, "rpct").unwrap();
    app.review = Some(ReviewState::new(store).unwrap());
    app
}

fn key(code: KeyCode) -> Action {
    Action::EditorKey(KeyEvent::new(code, KeyModifiers::NONE))
}

fn screen(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn status_and_notes_survive_a_restart() {
    let path = store_path("restart");
    {
        let mut app = app_with_store(&path, false);
        typed(&mut app, "A2.3.1.1");
        app.handle(Action::CycleStatus); // da esaminare → in esame
        app.handle(Action::CycleStatus); // → esaminato
        app.handle(Action::EditNotes);
        for c in "Intervista del 20/11".chars() {
            app.handle(key(KeyCode::Char(c)));
        }
        app.handle(key(KeyCode::Enter));
        for c in "seconda riga".chars() {
            app.handle(key(KeyCode::Char(c)));
        }
        // Quitting with the editor open still saves.
        app.handle(Action::EditorKey(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        assert!(app.quit);
    }
    let mut app = app_with_store(&path, false);
    typed(&mut app, "A2.3.1.1");
    let node = app.selected_node().unwrap();
    assert_eq!(app.status_of(node), Some(Status::Esaminato));
    let text = screen(&mut app);
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
    let mut app = app_with_store(&path, false);
    typed(&mut app, "B2.2.2.6");
    app.handle(Action::OpenRiskForm);
    app.handle(key(KeyCode::Right)); // interesse: basso
    app.handle(key(KeyCode::Right)); // medio
    for _ in 0..6 {
        app.handle(key(KeyCode::Down)); // to the judgement row
    }
    app.handle(key(KeyCode::Right)); // judgement basso, no motivation yet
    assert!(
        app.message.as_deref().unwrap().contains("motivazione"),
        "{:?}",
        app.message
    );
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Enter));
    for c in "servizio esternalizzato".chars() {
        app.handle(key(KeyCode::Char(c)));
    }
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::Esc));
    assert!(app.form.is_none());
    drop(app);
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
    let mut app = app_with_store(&path, false);
    typed(&mut app, "A2.3.1");
    let total = app.counts().0;
    app.handle(Action::Down);
    app.handle(Action::CycleStatus);
    let sel = app.selected_node().unwrap();
    assert_eq!(
        app.status_of(sel),
        Some(Status::InEsame),
        "{:?} {:?}",
        app.dataset().nodes[sel].code,
        app.message
    );
    app.handle(Action::TogglePending);
    assert_eq!(app.counts().0, total - 1, "the entry in review is hidden");
    app.handle(Action::TogglePending);
    assert_eq!(app.counts().0, total);
    drop(app);
    let mut app = app_with_store(&path, true);
    typed(&mut app, "A2.3.1.1");
    app.handle(Action::CycleStatus);
    assert!(
        app.message.as_deref().unwrap().contains("sola lettura"),
        "{:?}",
        app.message
    );
    app.handle(Action::EditNotes);
    assert!(app.editor.is_none());
}

#[test]
fn another_instance_s_change_shows_up() {
    let path = store_path("live");
    let mut first = app_with_store(&path, false);
    let mut second = app_with_store(&path, false);
    typed(&mut first, "A3.1.1.6");
    typed(&mut second, "A3.1.1.6");
    let node = second.selected_node().unwrap();
    first.handle(Action::CycleStatus);
    assert_eq!(second.status_of(node), Some(Status::DaEsaminare));
    assert!(second.tick(), "the change is noticed");
    assert_eq!(second.status_of(node), Some(Status::InEsame));
}

#[test]
fn orphaned_reviews_are_listed() {
    let path = store_path("orphans");
    let store = Store::open(&path, false, "rpct").unwrap();
    let mut state = ReviewState::new(store).unwrap();
    let key = mappa::review::ReviewKey {
        dataset: "catalogo".into(),
        key: "Z9.9.9".into(),
        variant: 1,
    };
    state
        .apply(
            &key,
            "voce scomparsa",
            &[mappa::review::Change::Notes("nota".into())],
        )
        .unwrap();
    let orphans = state.orphans(&builtin());
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].notes, "nota");
}

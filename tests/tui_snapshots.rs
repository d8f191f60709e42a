//! The explorer as drawn on ratatui's TestBackend, at the sizes people use.

mod common;

use common::tui::{app, app_with, draw, text, typed};
use mappa::import::builtin;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::strings::Lang;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

#[test]
fn start_screen() {
    for (w, h) in SIZES {
        let mut app = app();
        insta::assert_snapshot!(format!("start_{w}x{h}"), text(&draw(&mut app, w, h)));
    }
}

#[test]
fn search_with_matches() {
    for (w, h) in SIZES {
        let mut app = app();
        typed(&mut app, "tachigraf");
        let screen = text(&draw(&mut app, w, h));
        assert!(screen.contains("tachigraf"), "{screen}");
        insta::assert_snapshot!(format!("search_tachigraf_{w}x{h}"), screen);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = app();
        app.handle(Action::Help);
        insta::assert_snapshot!(format!("help_{w}x{h}"), text(&draw(&mut app, w, h)));
    }
}

#[test]
fn detail_of_a_ptpc2019_action() {
    for (w, h) in SIZES {
        let mut app = app();
        app.handle(Action::NextDataset);
        typed(&mut app, "rassegna stampa");
        let screen = text(&draw(&mut app, w, h));
        assert!(
            screen.contains("Segretario generale") && screen.contains("Affari"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("ptpc_action_{w}x{h}"), screen);
    }
}

#[test]
fn no_color_rendering_keeps_the_selection_visible() {
    let mut app = app_with(false, false);
    typed(&mut app, "protocollo");
    let buffer = draw(&mut app, 80, 24);
    for cell in buffer.content() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "colour used with NO_COLOR: {cell:?}"
        );
    }
    let reversed = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 10, "the selected row is in reverse video");
    insta::assert_snapshot!("no_color_80x24", text(&buffer));
}

#[test]
fn ascii_mode_draws_no_box_glyphs() {
    let mut app = app_with(true, true);
    typed(&mut app, "protocollo");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.is_ascii() || screen.chars().all(|c| c.is_ascii() || c.is_alphabetic()),
        "{screen}"
    );
    for glyph in ['┌', '─', '│', '▼', '▶', '•', '›', '▏'] {
        assert!(!screen.contains(glyph), "{glyph} in ascii mode");
    }
}

#[test]
fn english_interface() {
    let mut app = App::with_index(
        builtin(),
        Options {
            lang: Lang::En,
            ascii: false,
            color: true,
        },
    );
    typed(&mut app, "A2.3.1.1");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Responsible"), "{screen}");
    assert!(screen.contains("Details"));
}

#[test]
fn no_panic_at_any_size_including_mid_search() {
    let mut app = app();
    typed(&mut app, "pec");
    for w in 1..=45 {
        for h in 1..=16 {
            draw(&mut app, w, h);
        }
    }
    app.handle(Action::Help);
    for (w, h) in [(1, 1), (5, 3), (20, 6), (30, 10)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn control_characters_in_data_never_reach_the_screen() {
    let mut map = builtin();
    map.datasets[0].nodes[0].title = "evil\x1b[2Jtitle\x07".into();
    let mut app = App::with_index(
        map,
        Options {
            lang: Lang::It,
            ascii: false,
            color: true,
        },
    );
    let buffer = draw(&mut app, 80, 24);
    assert!(buffer
        .content()
        .iter()
        .all(|c| !c.symbol().chars().any(char::is_control)));
    // Each control character shows as a placeholder: something was there.
    assert!(text(&buffer).contains("evil\u{FFFD}[2Jtitle\u{FFFD}"));
}

#[test]
fn mouse_click_selects_and_toggles_and_wheel_scrolls() {
    let mut app = app();
    draw(&mut app, 80, 24);
    let tree = app.areas.tree;
    // Third visible row: A1.2 (below A1 and A1.1).
    app.handle(Action::Click {
        column: tree.x + 10,
        row: tree.y + 2,
    });
    let code = |app: &App| {
        app.dataset().nodes[app.selected_node().unwrap()]
            .code
            .clone()
            .unwrap()
    };
    assert_eq!(code(&app), "A1.2");
    assert!(!app.is_open(app.selected_node().unwrap()));
    // A click on the marker opens it.
    app.handle(Action::Click {
        column: tree.x + 2,
        row: tree.y + 2,
    });
    assert!(app.is_open(app.selected_node().unwrap()));
    app.handle(Action::ScrollDown);
    assert_eq!(app.selected, 5);
    app.handle(Action::ScrollUp);
    assert_eq!(app.selected, 2);
    // A click in the detail pane moves the focus there.
    let detail = app.areas.detail;
    app.handle(Action::Click {
        column: detail.x + 3,
        row: detail.y + 3,
    });
    assert_eq!(app.focus, mappa::tui::app::Focus::Detail);
    // Clicks outside any pane do nothing.
    app.handle(Action::Click { column: 0, row: 0 });
    assert_eq!(app.selected, 2);
}

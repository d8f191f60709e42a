//! The explorer as drawn on ratatui's TestBackend, at the sizes people use.

use crate::common;

use common::tui::{draw, text, typed, ui, ui_with};
use mappa::import::builtin;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::strings::Lang;
use mappa::tui::Ui;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

#[test]
fn start_screen() {
    for (w, h) in SIZES {
        let mut ui = ui();
        insta::assert_snapshot!(format!("start_{w}x{h}"), text(&draw(&mut ui, w, h)));
    }
}

#[test]
fn search_with_matches() {
    for (w, h) in SIZES {
        let mut ui = ui();
        typed(&mut ui, "tachigraf");
        let screen = text(&draw(&mut ui, w, h));
        assert!(screen.contains("tachigraf"), "{screen}");
        insta::assert_snapshot!(format!("search_tachigraf_{w}x{h}"), screen);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut ui = ui();
        ui.handle(Action::Help);
        insta::assert_snapshot!(format!("help_{w}x{h}"), text(&draw(&mut ui, w, h)));
    }
}

#[test]
fn detail_of_a_ptpc2019_action() {
    for (w, h) in SIZES {
        let mut ui = ui();
        ui.handle(Action::NextDataset);
        typed(&mut ui, "rassegna stampa");
        let screen = text(&draw(&mut ui, w, h));
        assert!(
            screen.contains("Segretario generale") && screen.contains("Affari"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("ptpc_action_{w}x{h}"), screen);
    }
}

#[test]
fn no_color_rendering_keeps_the_selection_visible() {
    let mut ui = ui_with(false, false);
    typed(&mut ui, "protocollo");
    let buffer = draw(&mut ui, 80, 24);
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
    // The selected row's marker and code.
    assert!(reversed >= 8, "the selected row is in reverse video");
    insta::assert_snapshot!("no_color_80x24", text(&buffer));
}

#[test]
fn ascii_mode_draws_no_box_glyphs() {
    let mut ui = ui_with(true, true);
    typed(&mut ui, "protocollo");
    let screen = text(&draw(&mut ui, 80, 24));
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
    let mut ui = Ui::new(App::with_index(
        builtin(),
        Options {
            today: mappa::review::time::today(),
            lang: Lang::En,
            ascii: false,
            color: true,
        },
    ));
    typed(&mut ui, "A2.3.1.1");
    let screen = text(&draw(&mut ui, 80, 24));
    assert!(screen.contains("Responsible"), "{screen}");
    assert!(screen.contains("Details"));
}

#[test]
fn no_panic_at_any_size_including_mid_search() {
    let mut ui = ui();
    typed(&mut ui, "pec");
    for w in 1..=45 {
        for h in 1..=16 {
            draw(&mut ui, w, h);
        }
    }
    ui.handle(Action::Help);
    for (w, h) in [(1, 1), (5, 3), (20, 6), (30, 10)] {
        draw(&mut ui, w, h);
    }
}

#[test]
fn control_characters_in_data_never_reach_the_screen() {
    let mut map = builtin();
    map.datasets[0].nodes[0].title = "evil\x1b[2Jtitle\x07".into();
    let mut ui = Ui::new(App::with_index(
        map,
        Options {
            today: mappa::review::time::today(),
            lang: Lang::It,
            ascii: false,
            color: true,
        },
    ));
    let buffer = draw(&mut ui, 80, 24);
    assert!(buffer
        .content()
        .iter()
        .all(|c| !c.symbol().chars().any(char::is_control)));
    // Each control character shows as a placeholder: something was there.
    assert!(text(&buffer).contains("evil\u{FFFD}[2Jtitle\u{FFFD}"));
}

#[test]
fn mouse_click_selects_and_toggles_and_wheel_scrolls() {
    let mut ui = ui();
    draw(&mut ui, 80, 24);
    let tree = ui.view.tree_area;
    // Third visible row: A1.2 (below A1 and A1.1).
    ui.handle(Action::Click {
        column: tree.x + 10,
        row: tree.y + 2,
    });
    let code = |app: &App| {
        app.dataset().nodes[app.selected_node().unwrap()]
            .code
            .clone()
            .unwrap()
    };
    assert_eq!(code(&ui.app), "A1.2");
    assert!(!ui.app.is_open(ui.app.selected_node().unwrap()));
    // A click on the marker opens it.
    ui.handle(Action::Click {
        column: tree.x + 2,
        row: tree.y + 2,
    });
    assert!(ui.app.is_open(ui.app.selected_node().unwrap()));
    ui.handle(Action::ScrollDown);
    assert_eq!(ui.app.selected, 5);
    ui.handle(Action::ScrollUp);
    assert_eq!(ui.app.selected, 2);
    // A click in the detail pane moves the focus there.
    let detail = ui.view.detail_area;
    ui.handle(Action::Click {
        column: detail.x + 3,
        row: detail.y + 3,
    });
    assert_eq!(ui.app.focus, mappa::tui::app::Focus::Detail);
    // Clicks outside any pane do nothing.
    ui.handle(Action::Click { column: 0, row: 0 });
    assert_eq!(ui.app.selected, 2);
}

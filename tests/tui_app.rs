//! Explorer behaviour from key sequences, without a terminal.

mod common;

use common::tui::{app, typed};
use mappa::tui::app::{Action, App, Focus};

fn selected_code(app: &App) -> Option<String> {
    app.selected_node()
        .and_then(|i| app.dataset().nodes[i].code.as_ref().map(|c| c.to_string()))
}

#[test]
fn starts_on_the_first_macro_process_with_the_top_level_open() {
    let app = app();
    assert_eq!(app.dataset().id, "catalogo");
    assert_eq!(selected_code(&app).as_deref(), Some("A1"));
    // Macro-processes are open: their processes are visible, nothing deeper.
    assert!(app.rows.iter().all(|r| r.depth <= 1));
    assert!(app.rows.iter().any(|r| r.depth == 1));
}

#[test]
fn arrows_move_and_open_and_close() {
    let mut app = app();
    app.handle(Action::Down);
    assert_eq!(selected_code(&app).as_deref(), Some("A1.1"));
    let before = app.rows.len();
    app.handle(Action::Right); // open A1.1
    assert!(app.rows.len() > before);
    app.handle(Action::Right); // to its first child
    assert_eq!(selected_code(&app).as_deref(), Some("A1.1.1"));
    app.handle(Action::Left); // to the parent (A1.1.1 is closed)
    assert_eq!(selected_code(&app).as_deref(), Some("A1.1"));
    app.handle(Action::Left); // close A1.1
    assert_eq!(app.rows.len(), before);
    app.handle(Action::Toggle);
    assert!(app.rows.len() > before);
    app.handle(Action::End);
    assert_eq!(app.selected, app.rows.len() - 1);
    app.handle(Action::Home);
    assert_eq!(app.selected, 0);
    app.handle(Action::Up);
    assert_eq!(app.selected, 0, "no movement above the first row");
}

#[test]
fn expand_all_and_collapse_all() {
    let mut app = app();
    app.handle(Action::ExpandAll);
    assert_eq!(app.rows.len(), app.dataset().nodes.len());
    app.handle(Action::End);
    app.handle(Action::CollapseAll);
    assert!(app.rows.iter().all(|r| r.depth == 0));
    // The selection moved to the root of what was selected.
    assert_eq!(selected_code(&app).as_deref(), Some("F1"));
}

#[test]
fn typing_filters_and_selects_the_best_match() {
    let mut app = app();
    typed(&mut app, "tachigraf");
    assert_eq!(app.query, "tachigraf");
    let node = &app.dataset().nodes[app.selected_node().unwrap()];
    assert!(node.title.contains("carte tachigrafiche"), "{}", node.title);
    // Matches are shown inside their ancestors.
    let codes: Vec<_> = app
        .rows
        .iter()
        .filter_map(|r| app.dataset().nodes[r.node].code.clone())
        .collect();
    assert!(codes.iter().any(|c| c == "D2") && codes.iter().any(|c| c == "D2.2"));
    let (matches, total) = app.counts();
    assert!(matches >= 1 && matches < total);
}

#[test]
fn editing_keys_and_escape() {
    let mut app = app();
    typed(&mut app, "rassegna stampa");
    app.handle(Action::DeleteWord);
    assert_eq!(app.query, "rassegna ");
    app.handle(Action::Backspace);
    app.handle(Action::Backspace);
    assert_eq!(app.query, "rassegn");
    app.handle(Action::ClearLine);
    assert_eq!(app.query, "");
    assert!(app.filter.is_none());
    typed(&mut app, "zzzzqqq");
    assert!(app.rows.is_empty());
    assert_eq!(app.counts().0, 0);
    app.handle(Action::Escape);
    assert_eq!(app.query, "");
    assert!(!app.quit);
    app.handle(Action::Escape);
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_even_with_a_query_and_help_open() {
    let mut app = app();
    typed(&mut app, "pec");
    app.handle(Action::Help);
    app.handle(Action::Quit);
    assert!(app.quit);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut app = app();
    app.handle(Action::Help);
    assert!(app.show_help);
    app.handle(Action::Insert('x'));
    assert!(!app.show_help);
    assert_eq!(app.query, "", "the key that closes the help is not typed");
}

#[test]
fn tab_switches_dataset_and_keeps_the_query() {
    let mut app = app();
    typed(&mut app, "rassegna stampa");
    app.handle(Action::NextDataset);
    assert_eq!(app.dataset().id, "ptpc2019");
    assert_eq!(app.query, "rassegna stampa");
    let node = &app.dataset().nodes[app.selected_node().unwrap()];
    assert_eq!(node.title, "Rassegna stampa");
    app.handle(Action::PrevDataset);
    assert_eq!(app.dataset().id, "catalogo");
}

#[test]
fn focus_moves_to_the_detail_and_scrolls_it() {
    let mut app = app();
    typed(&mut app, "A1.2.2.1");
    app.handle(Action::SwitchFocus);
    assert_eq!(app.focus, Focus::Detail);
    let row = app.selected;
    app.handle(Action::Down);
    app.handle(Action::PageDown);
    assert_eq!(app.selected, row, "arrows scroll the detail, not the tree");
    assert_eq!(app.detail_scroll, 11);
    app.handle(Action::DetailUp);
    assert_eq!(app.detail_scroll, 10);
    app.handle(Action::SwitchFocus);
    assert_eq!(app.focus, Focus::Tree);
}

#[test]
fn opening_a_match_while_filtering_shows_all_its_children() {
    let mut app = app();
    // A sub-process whose children do not match (the best hit is no longer a
    // header with one child: its child, which says who, comes first).
    typed(&mut app, "trattamento giuridico del personale");
    let sel = app.selected_node().unwrap();
    assert_eq!(app.dataset().nodes[sel].code.as_deref(), Some("B1.1.2"));
    if app.is_open(sel) {
        app.handle(Action::Left);
    }
    app.handle(Action::Right);
    assert!(app.is_open(sel));
    let kids = app.links[app.current].children[sel].clone();
    assert!(!kids.is_empty());
    for k in kids {
        assert!(app.rows.iter().any(|r| r.node == k), "child {k} hidden");
    }
    app.handle(Action::Left);
    assert!(!app.is_open(sel));
}

#[test]
fn selection_stays_in_view_when_the_window_shrinks() {
    let mut app = app();
    app.handle(Action::ExpandAll);
    app.handle(Action::End);
    app.scroll_into_view(10);
    assert!(app.selected >= app.offset && app.selected < app.offset + 10);
    app.scroll_into_view(3);
    assert!(app.selected >= app.offset && app.selected < app.offset + 3);
    app.handle(Action::Home);
    app.scroll_into_view(3);
    assert_eq!(app.offset, 0);
}

#[test]
fn responsibility_picker_filters_the_tree_and_esc_clears_it() {
    let mut app = app();
    app.handle(Action::NextDataset);
    app.handle(Action::OpenPicker);
    assert!(app.picker.is_some());
    typed(&mut app, "registro imprese");
    app.handle(Action::Toggle); // Enter chooses
    assert!(app.picker.is_none());
    let party = app.party.as_ref().expect("filter set");
    assert_eq!(party.name, "Registro imprese");
    assert_eq!(app.counts().0, 20);
    // Combined with a text query.
    typed(&mut app, "rilascio");
    let n = app.counts().0;
    assert!(n > 0 && n < 20, "{n}");
    app.handle(Action::Escape); // the query
    assert_eq!(app.counts().0, 20);
    app.handle(Action::Escape); // the filter
    assert!(app.party.is_none());
    assert!(!app.quit);
    app.handle(Action::Escape);
    assert!(app.quit);
}

#[test]
fn picker_closes_with_esc_without_filtering() {
    let mut app = app();
    app.handle(Action::OpenPicker);
    typed(&mut app, "po settore");
    app.handle(Action::Escape);
    assert!(app.picker.is_none() && app.party.is_none());
    assert_eq!(
        app.query, "",
        "keys typed in the picker do not reach the search"
    );
}

#[test]
fn copy_and_export_are_effects_for_the_event_loop() {
    use mappa::tui::app::Effect;
    let mut app = app();
    typed(&mut app, "A2.3.1.1");
    app.handle(Action::Copy);
    match app.effects.as_slice() {
        [Effect::Copy(text)] => {
            assert!(
                text.starts_with("A2.3.1.1 — Protocollo informatico"),
                "{text}"
            );
            assert!(
                text.ends_with("Responsabile: Operatore incaricato del servizio Protocollo"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(app.message.as_deref().unwrap().contains("A2.3.1.1"));
    app.effects.clear();
    app.handle(Action::Export);
    match app.effects.as_slice() {
        [Effect::WriteFile {
            path,
            content,
            entries,
        }] => {
            assert!(path.to_string_lossy().starts_with("mappa-catalogo-"));
            assert!(*entries >= 1);
            assert!(String::from_utf8_lossy(content)
                .contains("Operatore incaricato del servizio Protocollo"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn help_scrolls_with_arrows_and_closes_with_other_keys() {
    let mut app = app();
    app.handle(Action::Help);
    app.handle(Action::Down);
    app.handle(Action::Down);
    assert!(app.show_help);
    assert_eq!(app.help_scroll, 2);
    app.handle(Action::Up);
    assert_eq!(app.help_scroll, 1);
    app.handle(Action::Escape);
    assert!(!app.show_help && !app.quit);
}

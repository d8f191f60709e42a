//! Explorer behaviour from key sequences, without a terminal.

use crate::common;

use common::tui::{typed, ui};
use mappa::tui::app::{Action, App, Focus};

fn selected_code(app: &App) -> Option<String> {
    app.selected_node()
        .and_then(|i| app.dataset().nodes[i].code.as_ref().map(|c| c.to_string()))
}

#[test]
fn starts_on_the_first_macro_process_with_the_top_level_open() {
    let ui = ui();
    assert_eq!(ui.app.dataset().id, "catalogo");
    assert_eq!(selected_code(&ui.app).as_deref(), Some("A1"));
    // Macro-processes are open: their processes are visible, nothing deeper.
    assert!(ui.app.rows.iter().all(|r| r.depth <= 1));
    assert!(ui.app.rows.iter().any(|r| r.depth == 1));
}

#[test]
fn arrows_move_and_open_and_close() {
    let mut ui = ui();
    ui.handle(Action::Down);
    assert_eq!(selected_code(&ui.app).as_deref(), Some("A1.1"));
    let before = ui.app.rows.len();
    ui.handle(Action::Right); // open A1.1
    assert!(ui.app.rows.len() > before);
    ui.handle(Action::Right); // to its first child
    assert_eq!(selected_code(&ui.app).as_deref(), Some("A1.1.1"));
    ui.handle(Action::Left); // to the parent (A1.1.1 is closed)
    assert_eq!(selected_code(&ui.app).as_deref(), Some("A1.1"));
    ui.handle(Action::Left); // close A1.1
    assert_eq!(ui.app.rows.len(), before);
    ui.handle(Action::Toggle);
    assert!(ui.app.rows.len() > before);
    ui.handle(Action::End);
    assert_eq!(ui.app.selected, ui.app.rows.len() - 1);
    ui.handle(Action::Home);
    assert_eq!(ui.app.selected, 0);
    ui.handle(Action::Up);
    assert_eq!(ui.app.selected, 0, "no movement above the first row");
}

#[test]
fn expand_all_and_collapse_all() {
    let mut ui = ui();
    ui.handle(Action::ExpandAll);
    assert_eq!(ui.app.rows.len(), ui.app.dataset().nodes.len());
    ui.handle(Action::End);
    ui.handle(Action::CollapseAll);
    assert!(ui.app.rows.iter().all(|r| r.depth == 0));
    // The selection moved to the root of what was selected.
    assert_eq!(selected_code(&ui.app).as_deref(), Some("F1"));
}

#[test]
fn typing_filters_and_selects_the_best_match() {
    let mut ui = ui();
    typed(&mut ui, "tachigraf");
    assert_eq!(ui.app.query, "tachigraf");
    let node = &ui.app.dataset().nodes[ui.app.selected_node().unwrap()];
    assert!(node.title.contains("carte tachigrafiche"), "{}", node.title);
    // Matches are shown inside their ancestors.
    let codes: Vec<_> = ui
        .app
        .rows
        .iter()
        .filter_map(|r| ui.app.dataset().nodes[r.node].code.clone())
        .collect();
    assert!(codes.iter().any(|c| c == "D2") && codes.iter().any(|c| c == "D2.2"));
    let (matches, total) = ui.app.counts();
    assert!(matches >= 1 && matches < total);
}

#[test]
fn editing_keys_and_escape() {
    let mut ui = ui();
    typed(&mut ui, "rassegna stampa");
    ui.handle(Action::DeleteWord);
    assert_eq!(ui.app.query, "rassegna ");
    ui.handle(Action::Backspace);
    ui.handle(Action::Backspace);
    assert_eq!(ui.app.query, "rassegn");
    ui.handle(Action::ClearLine);
    assert_eq!(ui.app.query, "");
    assert!(ui.app.filter.is_none());
    typed(&mut ui, "zzzzqqq");
    assert!(ui.app.rows.is_empty());
    assert_eq!(ui.app.counts().0, 0);
    ui.handle(Action::Escape);
    assert_eq!(ui.app.query, "");
    assert!(!ui.app.quit);
    ui.handle(Action::Escape);
    assert!(ui.app.quit);
}

#[test]
fn ctrl_c_quits_even_with_a_query_and_help_open() {
    let mut ui = ui();
    typed(&mut ui, "pec");
    ui.handle(Action::Help);
    ui.handle(Action::Quit);
    assert!(ui.app.quit);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut ui = ui();
    ui.handle(Action::Help);
    assert!(ui.app.overlay_name() == Some("help"));
    ui.handle(Action::Insert('x'));
    assert!(ui.app.overlay_name() != Some("help"));
    assert_eq!(
        ui.app.query, "",
        "the key that closes the help is not typed"
    );
}

#[test]
fn tab_switches_dataset_and_keeps_the_query() {
    let mut ui = ui();
    typed(&mut ui, "rassegna stampa");
    ui.handle(Action::NextDataset);
    assert_eq!(ui.app.dataset().id, "ptpc2019");
    assert_eq!(ui.app.query, "rassegna stampa");
    let node = &ui.app.dataset().nodes[ui.app.selected_node().unwrap()];
    assert_eq!(node.title, "Rassegna stampa");
    ui.handle(Action::PrevDataset);
    assert_eq!(ui.app.dataset().id, "catalogo");
}

#[test]
fn focus_moves_to_the_detail_and_scrolls_it() {
    let mut ui = ui();
    typed(&mut ui, "A1.2.2.1");
    ui.handle(Action::SwitchFocus);
    assert_eq!(ui.app.focus, Focus::Detail);
    let row = ui.app.selected;
    ui.handle(Action::Down);
    ui.handle(Action::PageDown);
    assert_eq!(
        ui.app.selected, row,
        "arrows scroll the detail, not the tree"
    );
    assert_eq!(ui.view.detail_scroll, 11);
    ui.handle(Action::DetailUp);
    assert_eq!(ui.view.detail_scroll, 10);
    ui.handle(Action::SwitchFocus);
    assert_eq!(ui.app.focus, Focus::Tree);
}

#[test]
fn opening_a_match_while_filtering_shows_all_its_children() {
    let mut ui = ui();
    // A sub-process whose children do not match (the best hit is no longer a
    // header with one child: its child, which says who, comes first).
    typed(&mut ui, "trattamento giuridico del personale");
    let sel = ui.app.selected_node().unwrap();
    assert_eq!(ui.app.dataset().nodes[sel].code.as_deref(), Some("B1.1.2"));
    if ui.app.is_open(sel) {
        ui.handle(Action::Left);
    }
    ui.handle(Action::Right);
    assert!(ui.app.is_open(sel));
    let kids = ui.app.links().children(sel).to_vec();
    assert!(!kids.is_empty());
    for k in kids {
        assert!(ui.app.rows.iter().any(|r| r.node == k), "child {k} hidden");
    }
    ui.handle(Action::Left);
    assert!(!ui.app.is_open(sel));
}

#[test]
fn selection_stays_in_view_when_the_window_shrinks() {
    let mut ui = ui();
    ui.handle(Action::ExpandAll);
    ui.handle(Action::End);
    ui.view.scroll_into_view(&ui.app, 10);
    assert!(ui.app.selected >= ui.view.tree_offset && ui.app.selected < ui.view.tree_offset + 10);
    ui.view.scroll_into_view(&ui.app, 3);
    assert!(ui.app.selected >= ui.view.tree_offset && ui.app.selected < ui.view.tree_offset + 3);
    ui.handle(Action::Home);
    ui.view.scroll_into_view(&ui.app, 3);
    assert_eq!(ui.view.tree_offset, 0);
}

#[test]
fn responsibility_picker_filters_the_tree_and_esc_clears_it() {
    let mut ui = ui();
    ui.handle(Action::NextDataset);
    ui.handle(Action::OpenPicker);
    assert!(ui.app.overlay_name() == Some("picker"));
    typed(&mut ui, "registro imprese");
    ui.handle(Action::Toggle); // Enter chooses
    assert!(ui.app.overlay_name() != Some("picker"));
    let party = ui.app.party.as_ref().expect("filter set");
    assert_eq!(party.name, "Registro imprese");
    assert_eq!(ui.app.counts().0, 20);
    // Combined with a text query.
    typed(&mut ui, "rilascio");
    let n = ui.app.counts().0;
    assert!(n > 0 && n < 20, "{n}");
    ui.handle(Action::Escape); // the query
    assert_eq!(ui.app.counts().0, 20);
    ui.handle(Action::Escape); // the filter
    assert!(ui.app.party.is_none());
    assert!(!ui.app.quit);
    ui.handle(Action::Escape);
    assert!(ui.app.quit);
}

#[test]
fn picker_closes_with_esc_without_filtering() {
    let mut ui = ui();
    ui.handle(Action::OpenPicker);
    typed(&mut ui, "po settore");
    ui.handle(Action::Escape);
    assert!(ui.app.overlay_name() != Some("picker") && ui.app.party.is_none());
    assert_eq!(
        ui.app.query, "",
        "keys typed in the picker do not reach the search"
    );
}

#[test]
fn copy_and_export_are_effects_for_the_event_loop() {
    use mappa::tui::app::Effect;
    let mut ui = ui();
    typed(&mut ui, "A2.3.1.1");
    ui.handle(Action::Copy);
    match ui.app.effects.as_slice() {
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
    assert!(ui.app.message.as_deref().unwrap().contains("A2.3.1.1"));
    ui.app.effects.clear();
    ui.handle(Action::Export);
    match ui.app.effects.as_slice() {
        [Effect::WriteFile {
            stem,
            content,
            entries,
        }] => {
            assert!(stem.starts_with("mappa-catalogo-"));
            assert!(*entries >= 1);
            assert!(String::from_utf8_lossy(content)
                .contains("Operatore incaricato del servizio Protocollo"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn help_scrolls_with_arrows_and_closes_with_other_keys() {
    let mut ui = ui();
    ui.handle(Action::Help);
    ui.handle(Action::Down);
    ui.handle(Action::Down);
    assert!(ui.app.overlay_name() == Some("help"));
    assert_eq!(ui.view.help_scroll, 2);
    ui.handle(Action::Up);
    assert_eq!(ui.view.help_scroll, 1);
    ui.handle(Action::Escape);
    assert!(ui.app.overlay_name() != Some("help") && !ui.app.quit);
}

/// A searcher whose ranked index "arrives" when the test says so: until
/// then it answers as the background searcher does, pending.
struct Gated {
    index: mappa::tui::search::IndexSearcher,
    ready: std::rc::Rc<std::cell::Cell<bool>>,
    asked: bool,
}

impl mappa::tui::search::Searcher for Gated {
    fn search(
        &mut self,
        map: &mappa::model::Map,
        dataset: usize,
        query: &str,
    ) -> mappa::tui::search::Found {
        let mut found = self.index.search(map, dataset, query);
        if !self.ready.get() {
            self.asked = true;
            found.pending = true;
            found.hits.sort_by_key(|h| h.node);
        }
        found
    }

    fn wants_index(&self) -> bool {
        !self.ready.get()
    }

    fn install(&mut self, _index: mappa::search::SearchIndex) -> bool {
        self.ready.set(true);
        std::mem::take(&mut self.asked)
    }
}

#[test]
fn a_query_asked_while_the_index_is_built_is_ranked_once_it_is_ready() {
    use common::tui::{draw, options, text};
    let map = mappa::import::builtin();
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let searcher = Gated {
        index: mappa::tui::search::IndexSearcher::new(&map),
        ready: ready.clone(),
        asked: false,
    };
    let app = App::new(map, Box::new(searcher), options(false, false));
    let mut ui = mappa::tui::Ui::new(app);
    typed(&mut ui, "protocollo");
    let screen = text(&draw(&mut ui, 100, 30));
    assert!(
        screen.contains("indice in costruzione: ordine di mappa"),
        "{screen}"
    );
    let in_map_order = ui.app.filter.as_ref().unwrap().hits.clone();
    assert!(in_map_order.windows(2).all(|w| w[0].node < w[1].node));
    // Nothing new yet: the tick has nothing to redo.
    ui.tick();
    assert!(ui.app.filter.as_ref().unwrap().pending);
    // The runtime builds the index once the first frame is on screen.
    ui.after_first_frame();
    ui.wait_for_jobs();
    assert!(ready.get());
    let ranked = ui.app.filter.as_ref().unwrap();
    assert!(!ranked.pending);
    assert_ne!(ranked.hits, in_map_order, "ranked, not in map order");
    let screen = text(&draw(&mut ui, 100, 30));
    assert!(!screen.contains("indice in costruzione"), "{screen}");
}

#[test]
fn the_detail_lists_the_first_thirty_roles_below_in_natural_order() {
    // Fifty roles below one macro-process, written out of order.
    let dir = common::temp_dir("roles-below");
    let mut tsv =
        String::from("Codice\tDescrizione\tFasi/Azioni\tResponsabile\tUfficio\nA1\tMacro\t\t\t\n");
    for (k, n) in (1..=50).rev().enumerate() {
        tsv.push_str(&format!(
            "A1.{}\tVoce {k}\tfase\tRuolo {n}\tUfficio\n",
            k + 1
        ));
    }
    let path = dir.join("ruoli.tsv");
    std::fs::write(&path, tsv).unwrap();
    let map = mappa::import::load(&[path]).unwrap();
    let mut ui = mappa::tui::Ui::new(App::with_index(map, common::tui::options(false, false)));
    let screen = common::tui::text(&common::tui::draw(&mut ui, 120, 100));
    // The detail's list (the tree's rows and the answer line name a few too).
    let listed: Vec<u32> = screen
        .lines()
        .filter_map(|l| l.split("• Ruolo ").nth(1))
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .collect();
    // Most named first: the office all fifty name, then the roles in
    // natural order, thirty names in all.
    assert!(screen.contains("• Ufficio (50)"), "{screen}");
    assert_eq!(listed, (1..=29).collect::<Vec<u32>>(), "{screen}");
    assert!(screen.contains("… +21"), "{screen}");
}

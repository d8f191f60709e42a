//! The concordance in the explorer: the office under the role, the linked
//! entries, the jump there and back, the office picker on the catalogue,
//! decisions recorded with a key (and kept across a restart), and the
//! links computed in the background once the first frame is drawn.

use crate::common;

use common::tui::{options, screen, typed, ui};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mappa::concord::{Concordance, LinkStatus};
use mappa::import::builtin;
use mappa::review::{Identity, ReviewKey, Store, Verdict};
use mappa::tui::app::{Action, App};
use mappa::tui::Ui;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// A key as the terminal loop decodes it: through the binding table.
fn press_with(ui: &mut Ui, code: KeyCode, mods: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, mods));
    let action = mappa::tui::bindings::action_for(&event, ui.app.mode(), ui.app.query.is_empty())
        .unwrap_or_else(|| panic!("{code:?} is bound"));
    ui.handle(action);
}

fn press(ui: &mut Ui, code: KeyCode) {
    press_with(ui, code, KeyModifiers::NONE)
}

fn selected(ui: &Ui) -> (String, String) {
    let app = &ui.app;
    let node = &app.dataset().nodes[app.selected_node().expect("a selection")];
    (app.dataset().id.clone(), node.id.to_string())
}

fn node_index(dataset: &str, id: &str) -> (usize, usize) {
    let map = builtin();
    let d = map.datasets.iter().position(|d| d.id == dataset).unwrap();
    let n = map.datasets[d]
        .nodes
        .iter()
        .position(|n| n.id == id)
        .unwrap();
    (d, n)
}

/// Waits (generously) until `test` holds, ticking the app as the loop does.
fn eventually(ui: &mut Ui, what: &str, test: impl Fn(&Ui) -> bool) {
    let start = Instant::now();
    while !test(ui) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        ui.tick();
    }
}

fn store_path(name: &str) -> common::Scratch {
    common::scratch_store(&format!("tui-links-{name}"))
}

/// The explorer with its links and the store at `path`.
fn ui_with_store(path: &Path, read_only: bool) -> Ui {
    let mut app = App::with_index(builtin(), options(true, false));
    app.set_concordance(Concordance::compute(&app.map));
    let identity = Identity::with_name(Some("rpct")).unwrap();
    let mut ui = Ui::new(app);
    ui.open_store(path, identity, read_only, false).unwrap();
    ui
}

#[test]
fn the_detail_pane_shows_the_office_under_the_role_and_the_linked_entries() {
    let mut ui = ui();
    typed(&mut ui, "D2.2.2.1");
    let text = screen(&mut ui, 120, 40);
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    let role = line("Responsabile  Operatore incaricato del servizio CNS");
    let office = line("Ufficio (PTPC 2019)  Sviluppo economico / Armonizzaz. e tutela");
    assert!(role < office, "the office comes under the role: {text}");
    // The link is only computed: said so.
    assert!(
        text.lines()
            .nth(office + 1)
            .is_some_and(|l| l.contains("da confermare")),
        "{text}"
    );
    let list = line("Collegamenti con ptpc2019");
    assert!(line("▶ C1.5.1 › Rilascio delle carte tachigrafiche") > list);
    // On the annex's side, the catalogue's role and entry.
    ui.handle(Action::ClearLine);
    ui.handle(Action::NextDataset);
    typed(&mut ui, "rilascio delle carte tachigrafiche");
    let text = screen(&mut ui, 120, 40);
    assert!(
        text.contains("Ruolo (catalogo)  Operatore incaricato del servizio CNS"),
        "{text}"
    );
    assert!(text.contains("Collegamenti con catalogo"), "{text}");
    assert!(
        text.contains("D2.2.2.1 Rilascio carte tachigrafiche"),
        "{text}"
    );
    // In English too.
    let mut app = App::with_index(
        builtin(),
        mappa::tui::app::Options {
            today: mappa::review::time::today(),
            lang: mappa::tui::strings::Lang::En,
            ascii: true,
            color: false,
        },
    );
    app.set_concordance(Concordance::compute(&app.map));
    let mut ui = Ui::new(app);
    typed(&mut ui, "D2.2.2.1");
    let text = screen(&mut ui, 120, 40);
    assert!(text.contains("Office (PTPC 2019)"), "{text}");
    assert!(text.contains("to be confirmed"), "{text}");
    assert!(text.contains("> C1.5.1 > Rilascio delle carte"), "{text}");
}

#[test]
fn the_jump_key_goes_to_the_linked_entry_and_back() {
    let mut ui = ui();
    typed(&mut ui, "D2.2.2.1");
    assert_eq!(
        selected(&ui),
        ("catalogo".into(), "catalogo:D2.2.2.1".into())
    );
    press(&mut ui, KeyCode::F(7));
    let (dataset, id) = selected(&ui);
    assert_eq!(dataset, "ptpc2019");
    let node = &ui.app.dataset().nodes[ui.app.selected_node().unwrap()];
    assert_eq!(node.title, "Rilascio delle carte tachigrafiche", "{id}");
    // Shown in the tree although the query does not match it there.
    let text = screen(&mut ui, 120, 40);
    assert!(
        text.contains("• Rilascio delle carte tachigrafiche"),
        "{text}"
    );
    assert!(text.contains("F7 torna a D2.2.2.1"), "{text}");
    // Ctrl-L is the same key: back.
    press_with(&mut ui, KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(
        selected(&ui),
        ("catalogo".into(), "catalogo:D2.2.2.1".into())
    );
    assert_eq!(ui.app.query, "D2.2.2.1", "the search is kept");
    // Without a search: the tree opens down to the linked entry.
    let mut ui = common::tui::ui();
    ui.handle(Action::ExpandAll);
    typed(&mut ui, "D2.2.2.1");
    ui.handle(Action::ClearLine);
    assert!(ui.app.filter.is_none());
    assert_eq!(
        selected(&ui),
        ("catalogo".into(), "catalogo:D2.2.2.1".into())
    );
    press(&mut ui, KeyCode::F(7));
    let node = ui.app.selected_node().unwrap();
    assert_eq!(
        ui.app.dataset().nodes[node].title,
        "Rilascio delle carte tachigrafiche"
    );
    assert!(ui.app.rows.iter().any(|r| r.node == node));
    press(&mut ui, KeyCode::F(7));
    assert_eq!(
        selected(&ui),
        ("catalogo".into(), "catalogo:D2.2.2.1".into())
    );
    // An entry without links says so and stays.
    ui.handle(Action::Home);
    let before = selected(&ui);
    press(&mut ui, KeyCode::F(7));
    assert_eq!(selected(&ui), before);
    assert!(ui
        .app
        .message
        .as_deref()
        .unwrap()
        .contains("Nessun collegamento"));
}

/// The catalogo entries whose links give them servizio "Registro imprese".
fn linked_to_registro_imprese() -> BTreeSet<usize> {
    let map = builtin();
    let c = Concordance::compute(&map);
    let pair = c.pair().unwrap();
    (0..map.datasets[pair.catalogo].nodes.len())
        .filter(|&n| {
            c.offices(&map, pair.catalogo, n).iter().any(|s| {
                s.servizio
                    .split(['/', ';'])
                    .any(|p| p.trim().eq_ignore_ascii_case("registro imprese"))
            })
        })
        .collect()
}

#[test]
fn the_picker_on_the_catalogo_offers_the_offices_from_the_links() {
    let expected = linked_to_registro_imprese();
    assert!(expected.len() > 5, "{expected:?}");
    let mut ui = ui();
    ui.handle(Action::OpenPicker);
    typed(&mut ui, "registro imprese");
    let text = screen(&mut ui, 120, 40);
    assert!(
        text.contains("Registro imprese  [servizio · da collegamenti PTPC 2019]"),
        "{text}"
    );
    let Some(picker) = ui.app.overlay.as_ref().and_then(|o| {
        o.as_any()
            .downcast_ref::<mappa::tui::overlays::picker::Picker>()
    }) else {
        panic!("the picker is open");
    };
    let list = ui.app.party_list();
    let at = picker
        .items
        .iter()
        .position(|&i| list[i].from_links && list[i].name == "Registro imprese")
        .expect("the office from the links is offered");
    for _ in 0..at {
        press(&mut ui, KeyCode::Down);
    }
    press(&mut ui, KeyCode::Enter);
    let party = ui.app.party.as_ref().expect("filter set");
    assert!(party.from_links && party.name == "Registro imprese");
    // Exactly the catalogo entries linked to that office.
    let hits: BTreeSet<usize> = ui
        .app
        .filter
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| h.node)
        .collect();
    assert_eq!(hits, expected);
    assert_eq!(ui.app.counts().0, expected.len());
    // Walking the list goes through them and nothing else.
    let mut walked = BTreeSet::new();
    ui.handle(Action::Home);
    for _ in 0..ui.app.rows.len() {
        let n = ui.app.selected_node().unwrap();
        if ui.app.filter.as_ref().unwrap().rank.contains_key(&n) {
            walked.insert(n);
        }
        ui.handle(Action::Down);
    }
    assert_eq!(walked, expected);
    // On the annex the same office is its own: its 20 actions.
    ui.handle(Action::NextDataset);
    let party = ui.app.party.as_ref().expect("the filter follows");
    assert!(!party.from_links);
    assert_eq!(ui.app.counts().0, 20);
    ui.handle(Action::PrevDataset);
    assert_eq!(ui.app.counts().0, expected.len());
}

fn decision_on(store: &Path, c: &str, p_title: &str) -> Option<Verdict> {
    let store = Store::open(store, true, "test").ok()?;
    store
        .link_decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.catalogo.key == c && d.ptpc_title == p_title)
        .map(|d| d.verdict)
}

#[test]
fn decisions_from_the_explorer_are_recorded_override_and_survive_a_restart() {
    let path = store_path("decide");
    let (cat, d2221) = node_index("catalogo", "catalogo:D2.2.2.1");
    let (ptpc, action) = node_index("ptpc2019", "ptpc2019:L163");
    {
        let mut ui = ui_with_store(&path, false);
        typed(&mut ui, "D2.2.2.1");
        let best = ui.app.concordance().unwrap().best(cat, d2221).unwrap();
        assert_eq!((best.node, best.status), (action, LinkStatus::Auto));
        press(&mut ui, KeyCode::F(10)); // reject: asked first
        assert_eq!(ui.app.overlay_name(), Some("confirm"));
        let question = screen(&mut ui, 100, 30);
        assert!(
            question.contains("Respingere il collegamento con"),
            "{question}"
        );
        press(&mut ui, KeyCode::Char('s'));
        assert!(
            ui.app
                .message
                .as_deref()
                .unwrap()
                .starts_with("Collegamento respinto"),
            "{:?}",
            ui.app.message
        );
        assert_eq!(
            decision_on(&path, "D2.2.2.1", "Rilascio delle carte tachigrafiche"),
            Some(Verdict::Respinto)
        );
        let c = ui.app.concordance().unwrap();
        assert_ne!(c.best(cat, d2221).map(|l| l.node), Some(action));
        let last = c.links(cat, d2221).last().unwrap();
        assert_eq!((last.node, last.status), (action, LinkStatus::Respinto));
        let text = screen(&mut ui, 120, 40);
        assert!(!text.contains("Ufficio (PTPC 2019)"), "never used: {text}");
        assert!(
            text.contains("Rilascio delle carte tachigrafiche · respinto"),
            "{text}"
        );
        // From the annex's side, confirm its link to the sub-process.
        ui.handle(Action::ClearLine);
        ui.handle(Action::NextDataset);
        typed(&mut ui, "rilascio delle carte tachigrafiche");
        assert_eq!(selected(&ui).1, "ptpc2019:L163");
        let current = ui.app.current_link().unwrap();
        let target = &ui.app.map.datasets[cat].nodes[current.node];
        assert_eq!(target.code.as_deref(), Some("D2.2.2"));
        press_with(&mut ui, KeyCode::Char('k'), KeyModifiers::CONTROL); // confirm
        assert_eq!(
            decision_on(&path, "D2.2.2", "Rilascio delle carte tachigrafiche"),
            Some(Verdict::Confermato)
        );
        let best = ui.app.concordance().unwrap().best(ptpc, action).unwrap();
        assert_eq!(best.status, LinkStatus::Confermato);
    }
    // A new session (a restart) starts from the store's decisions.
    let mut ui = ui_with_store(&path, false);
    let c = ui.app.concordance().unwrap();
    let last = c.links(cat, d2221).last().unwrap();
    assert_eq!((last.node, last.status), (action, LinkStatus::Respinto));
    assert_eq!(c.best(ptpc, action).unwrap().status, LinkStatus::Confermato);
    typed(&mut ui, "D2.2.2");
    let text = screen(&mut ui, 120, 40);
    assert!(text.contains("· confermato"), "{text}");
}

#[test]
fn a_read_only_store_refuses_decisions_and_another_s_decisions_show_up() {
    let path = store_path("read-only");
    // The store exists (someone recorded a note).
    Store::open(&path, false, "rpct")
        .unwrap()
        .apply(
            &ReviewKey {
                dataset: "catalogo".into(),
                key: "A2.3.1.1".into(),
                variant: 1,
            },
            "Protocollo",
            &[mappa::review::Change::Notes("n".into())],
            mappa::review::Base::Force,
        )
        .unwrap();
    let mut ui = ui_with_store(&path, true);
    typed(&mut ui, "D2.2.2.1");
    press(&mut ui, KeyCode::F(10));
    assert!(
        ui.app.message.as_deref().unwrap().contains("sola lettura"),
        "{:?}",
        ui.app.message
    );
    assert_eq!(
        decision_on(&path, "D2.2.2.1", "Rilascio delle carte tachigrafiche"),
        None
    );
    // Another process rejects the link: the explorer follows.
    let map = builtin();
    let (cat, d2221) = node_index("catalogo", "catalogo:D2.2.2.1");
    let (ptpc, action) = node_index("ptpc2019", "ptpc2019:L163");
    let keys = mappa::review::all_keys(&map);
    Store::open(&path, false, "collega")
        .unwrap()
        .decide_link(
            (&keys[cat][d2221], "Rilascio carte tachigrafiche"),
            (&keys[ptpc][action], "Rilascio delle carte tachigrafiche"),
            Verdict::Respinto,
        )
        .unwrap();
    eventually(&mut ui, "the other process's decision", |ui| {
        ui.app
            .concordance()
            .unwrap()
            .links(cat, d2221)
            .iter()
            .any(|l| l.node == action && l.status == LinkStatus::Respinto)
    });
}

#[test]
fn links_are_computed_in_the_background_after_the_first_frame() {
    let map = builtin();
    let mut app = App::with_index(map.clone(), options(true, false));
    app.compute_links_after_first_frame();
    let mut ui = Ui::new(app);
    typed(&mut ui, "D2.2.2.1");
    // The first frame is drawn before anything is computed.
    let first = screen(&mut ui, 80, 24);
    assert!(
        first.contains("Responsabile  Operatore incaricato"),
        "{first}"
    );
    assert!(!first.contains("Ufficio (PTPC 2019)"), "{first}");
    assert!(ui.app.links_pending());
    press(&mut ui, KeyCode::F(7));
    assert!(ui.app.message.as_deref().unwrap().contains("in calcolo"));
    // What the event loop does once the first frame is on screen.
    ui.after_first_frame();
    eventually(&mut ui, "the links", |ui| ui.app.concordance().is_some());
    assert!(!ui.app.links_pending());
    let text = screen(&mut ui, 80, 24);
    assert!(text.contains("Ufficio (PTPC 2019)"), "{text}");
}

#[test]
fn the_real_explorer_shows_the_office_and_jumps_with_f7() {
    let dir = common::temp_dir("tui-links-pty");
    let store = dir.join("review.sqlite");
    let mut s = common::pty::Session::start_with(
        140,
        40,
        &[],
        &["--review", store.to_str().unwrap(), "--user", "rpct"],
    );
    s.wait_text("A1 Pianificazione");
    s.send("D2.2.2.1");
    s.wait_text("Ufficio (PTPC 2019)  Sviluppo economico");
    s.send("\x1b[18~"); // F7
    s.wait_text("F7 torna a D2.2.2.1");
    s.wait_text("mappa · ptpc2019");
    s.send("\x1b[21~"); // F10: reject the link followed, asked first
    s.wait_text("Respingere il collegamento con");
    s.send("s");
    s.wait_text("Collegamento respinto");
    s.send("\x0c"); // Ctrl-L: back
    s.wait_text("mappa · catalogo");
    s.wait_text("tachigrafiche · respinto");
    s.send("\x03");
    assert!(s.wait_exit());
    let decisions = Store::open(&store, true, "test")
        .unwrap()
        .link_decisions()
        .unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].verdict, Verdict::Respinto);
    assert_eq!(decisions[0].catalogo.key, "D2.2.2.1");
}

#[test]
fn a_picker_open_when_the_links_arrive_offers_their_offices() {
    let map = builtin();
    let mut app = App::with_index(map.clone(), options(true, false));
    app.compute_links_after_first_frame();
    let mut ui = Ui::new(app);
    screen(&mut ui, 80, 24);
    press_with(&mut ui, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(ui.app.overlay_name() == Some("picker"));
    let before = ui.app.party_list().len();
    assert!(ui.app.party_list().iter().all(|p| !p.from_links));
    ui.after_first_frame();
    eventually(&mut ui, "the links", |ui| ui.app.concordance().is_some());
    assert!((ui.app.overlay_name() == Some("picker")), "still open");
    assert!(ui.app.party_list().len() > before);
    typed(&mut ui, "registro imprese");
    let text = screen(&mut ui, 120, 40);
    assert!(text.contains("da collegamenti PTPC 2019"), "{text}");
    press(&mut ui, KeyCode::Enter);
    assert!(ui.app.party.is_some());
}

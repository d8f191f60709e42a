//! Rounds in the explorer: the title names the round, the risk form shows
//! last round's values beside this round's, a proposal is confirmed with
//! Enter on the judgement (or made this round's by any change), F9 lists
//! what is still to assess in this round, and a closed round is read-only.

use crate::common;

use common::tui::{app_with_store, press, screen, store_path, typed};
use crossterm::event::KeyCode;
use mappa::import::builtin;
use mappa::review::{Carry, Change, Level, ReviewKey, Store, Year};
use mappa::tui::app::Action;
use std::sync::Arc;
use std::time::Duration;

fn year(y: i64) -> Year {
    Year::new(y).unwrap()
}

fn key(code: &str) -> ReviewKey {
    ReviewKey {
        dataset: "catalogo".into(),
        key: code.into(),
        variant: 1,
    }
}

/// 2026 with a judgement alto on A2.3.1.1 and one on B2.2.2.6, then 2027
/// carried from it.
fn two_rounds(name: &str) -> common::Scratch {
    let path = store_path(name);
    let mut s = Store::open(&path, false, "rpct").unwrap();
    s.set_map(Arc::new(builtin()));
    s.use_round(Some(year(2026)));
    for (code, level) in [("A2.3.1.1", Level::Alto), ("B2.2.2.6", Level::Medio)] {
        s.apply(
            &key(code),
            "t",
            &[
                Change::Indicator(mappa::review::Indicator::Interesse, Some(Level::Alto)),
                Change::Judgement(level, "motivata".into()),
            ],
            mappa::review::Base::Force,
        )
        .unwrap();
    }
    s.open_round(year(2027), &Carry::Proposals { from: year(2026) })
        .unwrap();
    path
}

#[test]
fn the_risk_form_shows_last_round_and_enter_confirms_the_proposal() {
    let path = two_rounds("proposal");
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "A2.3.1.1");
    let text = screen(&mut ui, 120, 36);
    assert!(text.contains("ciclo 2027"), "{text}");
    assert!(text.contains("· proposta"), "the detail says so: {text}");
    ui.handle(Action::OpenRiskForm);
    let text = screen(&mut ui, 120, 36);
    assert!(
        text.contains("2026: alto") && text.contains("Invio sul giudizio conferma"),
        "{text}"
    );
    for _ in 0..6 {
        press(&mut ui, KeyCode::Down);
    }
    press(&mut ui, KeyCode::Enter);
    assert_eq!(ui.app.message.as_deref(), Some("Proposta confermata"));
    press(&mut ui, KeyCode::Esc);
    ui.finish(Duration::from_secs(10));
    drop(ui);
    let s = Store::open(&path, true, "rpct").unwrap();
    let r = s.get(&key("A2.3.1.1")).unwrap().unwrap();
    assert_eq!(r.round, year(2027));
    assert_eq!(r.carried_from, None, "confirmed");
    assert_eq!(r.judgement, Some(Level::Alto));
    let other = s.get(&key("B2.2.2.6")).unwrap().unwrap();
    assert_eq!(other.carried_from, Some(year(2026)), "still a proposal");
    let v = s.verify(None).unwrap().unwrap();
    assert!(matches!(v, mappa::review::Verification::Ok { .. }), "{v:?}");
}

#[test]
fn any_change_makes_a_proposal_this_round_s_and_f9_lists_what_is_left() {
    let path = two_rounds("change");
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "B2.2.2");
    let shown = ui.app.counts().0;
    ui.handle(Action::TogglePending);
    let left = ui.app.counts().0;
    assert_eq!(
        left, shown,
        "a proposal is still to assess: nothing hidden yet"
    );
    ui.handle(Action::TogglePending);
    typed(&mut ui, ".6");
    ui.handle(Action::OpenRiskForm);
    press(&mut ui, KeyCode::Right); // interesse: alto → —
    press(&mut ui, KeyCode::Esc);
    ui.finish(Duration::from_secs(10));
    drop(ui);
    let s = Store::open(&path, true, "rpct").unwrap();
    let r = s.get(&key("B2.2.2.6")).unwrap().unwrap();
    assert_eq!(r.carried_from, None, "changed, so this round's");
    assert_eq!(r.indicator(mappa::review::Indicator::Interesse), None);
    // Last round is as it was.
    let before = s.in_round(year(2026), |s| s.get(&key("B2.2.2.6")).unwrap().unwrap());
    assert_eq!(
        before.indicator(mappa::review::Indicator::Interesse),
        Some(Level::Alto)
    );
}

#[test]
fn a_closed_round_opens_read_only_and_says_so() {
    let path = store_path("closed");
    {
        let mut s = Store::open(&path, false, "rpct").unwrap();
        s.use_round(Some(year(2026)));
        s.apply(
            &key("A2.3.1.1"),
            "t",
            &[Change::Notes("nota".into())],
            mappa::review::Base::Force,
        )
        .unwrap();
        s.close_round(year(2026)).unwrap();
    }
    let mut ui = app_with_store(&path, false);
    typed(&mut ui, "A2.3.1.1");
    let text = screen(&mut ui, 120, 36);
    assert!(text.contains("ciclo 2026 (chiuso)"), "{text}");
    ui.handle(Action::CycleStatus);
    let message = ui.app.message.clone().unwrap_or_default();
    assert!(
        message.contains("sola lettura") && message.contains("il ciclo 2026 è chiuso"),
        "{message}"
    );
    // Link decisions belong to the maps, not to the round: still open.
    assert!(!ui.app.review.as_ref().unwrap().read_only(), "{message}");
}

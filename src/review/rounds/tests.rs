use super::*;
use crate::review::measures::{Kind, MeasureFields, MeasureType, State, Target};
use crate::review::monitoring::CheckFields;
use crate::review::risk::Factor;
use crate::review::{Base, Change, Level, Verification};

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

fn store(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join("review.sqlite"), false, "rpct").unwrap();
    s.set_today(jiff::civil::date(2026, 12, 1));
    s.use_round(Some(year(2026)));
    s
}

fn measure(s: &mut Store, event: crate::model::EventId, text: &str) -> crate::model::MeasureId {
    s.add_measure(
        &MeasureFields {
            text: Some(text.into()),
            kind: Some(Kind::Specifica),
            kind_of: Some(MeasureType::Controllo),
            owner: Some("Protocollo".into()),
            due: Some(Some(jiff::civil::date(2027, 6, 30))),
            ..MeasureFields::default()
        },
        &[Target {
            event: Some(event),
            key: key("A2.3.1.1"),
            title: "t".into(),
        }],
    )
    .unwrap()
    .id
}

fn check(s: &mut Store, m: crate::model::MeasureId, state: State) {
    s.monitor(
        m,
        &CheckFields {
            date: jiff::civil::date(2026, 11, 2),
            state,
            value: String::new(),
            evidence: String::new(),
            note: String::new(),
        },
    )
    .unwrap();
}

/// The officer's 2026: a judgement with motivation, two events, a measure
/// in progress and a completed one.
fn a_year_of_work(s: &mut Store) -> (crate::model::MeasureId, crate::model::MeasureId) {
    s.apply(
        &key("A2.3.1.1"),
        "Protocollo informatico",
        &[Change::Judgement(Level::Alto, "esposto a pressioni".into())],
        Base::Force,
    )
    .unwrap();
    let e1 = s
        .add_event(
            &key("A2.3.1.1"),
            "t",
            "Protocollazione differita",
            &[Factor::Controlli],
            "",
        )
        .unwrap()
        .id;
    s.add_event(
        &key("A2.3.1.1"),
        "t",
        "Smistamento a ufficio sbagliato",
        &[],
        "",
    )
    .unwrap();
    let open = measure(s, e1, "Controllo a campione");
    check(s, open, State::InCorso);
    let done = measure(s, e1, "Formazione degli addetti");
    check(s, done, State::Attuata);
    (open, done)
}

fn verified(s: &Store) {
    let v = s.verify(None).unwrap().unwrap();
    assert!(matches!(v, Verification::Ok { .. }), "{v:?}");
}

#[test]
fn a_round_carried_forward_proposes_last_year_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let (open, done) = a_year_of_work(&mut s);
    let before = (
        s.all().unwrap(),
        s.events(None).unwrap(),
        s.measures().unwrap(),
    );
    let carried = s
        .open_round(year(2027), &Carry::Proposals { from: year(2026) })
        .unwrap();
    assert_eq!(
        (
            carried.reviews,
            carried.events,
            carried.measures,
            carried.completed
        ),
        (1, 2, 1, 1)
    );
    s.use_round(Some(year(2027)));
    let r = s.get(&key("A2.3.1.1")).unwrap().unwrap();
    assert_eq!(r.carried_from, Some(year(2026)), "a proposal");
    assert_eq!(r.judgement, Some(Level::Alto));
    let ids: Vec<_> = s.events(None).unwrap().iter().map(|e| e.id).collect();
    let ids_before: Vec<_> = before.1.iter().map(|e| e.id).collect();
    assert_eq!(ids, ids_before, "the same events, the same ids");
    let measures = s.measures().unwrap();
    assert_eq!(
        measures.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![open]
    );
    assert!(measures[0].monitoring.is_empty(), "checks are per round");
    assert!(
        s.measure(done).is_err(),
        "the completed measure stays behind"
    );
    // 2026 as it was.
    let after = s.in_round(year(2026), |s| {
        (
            s.all().unwrap(),
            s.events(None).unwrap(),
            s.measures().unwrap(),
        )
    });
    assert_eq!(after, before);
    verified(&s);
    // A new id is new in every round.
    let e = s
        .add_event(&key("A2.3.1.1"), "t", "Nuovo evento", &[], "")
        .unwrap();
    assert!(ids.iter().all(|i| *i != e.id));
    verified(&s);
}

#[test]
fn two_rounds_compare_by_what_changed_and_a_closed_round_refuses_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    a_year_of_work(&mut s);
    s.open_round(year(2027), &Carry::Proposals { from: year(2026) })
        .unwrap();
    s.use_round(Some(year(2027)));
    s.apply(
        &key("A2.3.1.1"),
        "t",
        &[Change::Judgement(
            Level::Medio,
            "controlli introdotti".into(),
        )],
        Base::Force,
    )
    .unwrap();
    let changes = s.compare_rounds(year(2026), year(2027)).unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(
        (
            c.record,
            c.field.as_str(),
            c.from.as_deref(),
            c.to.as_deref()
        ),
        (
            compare::Compared::Review,
            "judgement",
            Some("alto"),
            Some("medio")
        )
    );
    let closed = s.close_round(year(2026)).unwrap();
    assert_eq!(closed.state, RoundState::Chiuso);
    let head = s.head().unwrap();
    assert_eq!(closed.seal.as_deref(), Some(s.seal().unwrap().0.as_str()));
    s.use_round(Some(year(2026)));
    let refused = s.apply(
        &key("A2.3.1.1"),
        "t",
        &[Change::Notes("tardi".into())],
        Base::Force,
    );
    assert_eq!(
        refused.unwrap_err(),
        StoreError::Refused(Refused::Closed(year(2026)))
    );
    assert!(s.add_event(&key("A2.3.1.1"), "t", "x", &[], "").is_err());
    assert_eq!(s.head().unwrap(), head, "nothing written");
    assert!(matches!(
        s.close_round(year(2026)),
        Err(StoreError::Refused(Refused::Closed(_)))
    ));
    // A round comes after the latest; the same year once.
    assert!(matches!(
        s.open_round(year(2025), &Carry::Nothing),
        Err(StoreError::Refused(Refused::RoundBefore { .. }))
    ));
    assert!(matches!(
        s.open_round(year(2027), &Carry::Nothing),
        Err(StoreError::Refused(Refused::RoundExists(_)))
    ));
    verified(&s);
    let rounds = s.rounds().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[1].carried_from, Some(year(2026)));
    assert_eq!(rounds[1].counts.assessed, 1);
    assert_eq!(rounds[0].counts.checks, 2);
}

#[test]
fn confirmed_carrying_takes_the_reviews_as_they_were_with_the_reason_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    a_year_of_work(&mut s);
    let reason = "nessuna variazione organizzativa (PNA 2022, enti sotto i 50 dipendenti)";
    s.open_round(
        year(2027),
        &Carry::Confirmed {
            from: year(2026),
            reason: reason.into(),
        },
    )
    .unwrap();
    s.use_round(Some(year(2027)));
    assert_eq!(s.get(&key("A2.3.1.1")).unwrap().unwrap().carried_from, None);
    let log = s.log(None).unwrap();
    assert!(log
        .iter()
        .any(|e| e.field == "reason" && e.new.as_deref() == Some(reason)));
    verified(&s);
}

#[test]
fn a_store_with_no_round_gets_this_year_s_with_its_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("review.sqlite"), false, "rpct").unwrap();
    s.set_today(jiff::civil::date(2026, 3, 1));
    let map = Arc::new(crate::import::builtin());
    s.set_map(Arc::clone(&map));
    s.apply(
        &key("A2.3.1.1"),
        "t",
        &[Change::Notes("prima".into())],
        Base::Force,
    )
    .unwrap();
    let rounds = s.rounds().unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].year, year(2026));
    assert_eq!(rounds[0].map, Some(map_image::fingerprint(&map)));
    assert_eq!(s.map_differs(year(2026)).unwrap(), None);
    let copy = s.round_map(year(2026)).unwrap().unwrap();
    let back = crate::import::json::parse("copia", &copy).unwrap();
    assert_eq!(
        map_image::fingerprint(&crate::model::Map { datasets: back }),
        map_image::fingerprint(&map),
        "the copy is the map"
    );
    verified(&s);
}

//! Small maps made in code, one question each. The seed-size cases (every
//! kind of change on the catalogo) are in `tests/it/map_diff.rs`.

use super::*;
use crate::model::{Kind, Node, Structure};

/// An entry: code (or none), title, activities, parent id.
struct E<'a> {
    id: &'a str,
    code: Option<&'a str>,
    title: &'a str,
    steps: &'a [&'a str],
    parent: Option<&'a str>,
}

fn e<'a>(id: &'a str, code: Option<&'a str>, title: &'a str, parent: Option<&'a str>) -> E<'a> {
    E {
        id,
        code,
        title,
        steps: &[],
        parent,
    }
}

fn dataset(entries: &[E]) -> Dataset {
    let nodes = entries
        .iter()
        .map(|x| {
            let level = x.code.map_or(4, |c| c.split('.').count() as u8);
            let kind = match level {
                1 => Kind::MacroProcesso,
                2 => Kind::Processo,
                3 => Kind::SottoProcesso,
                _ => Kind::Attivita,
            };
            let mut n = Node::new("d", format!("d:{}", x.id), kind, level);
            n.code = x.code.map(Into::into);
            n.raw_code = x.code.unwrap_or_default().into();
            n.title = x.title.into();
            n.name = x.title.into();
            n.activities = x.steps.iter().map(|s| (*s).into()).collect();
            n.role = "PO Settore".into();
            n.parent = x.parent.map(|p| format!("d:{p}").into());
            n
        })
        .collect();
    Dataset {
        id: "d".into(),
        nodes,
        ..Dataset::default()
    }
}

/// The changes as (kind, old ids, new ids), in order.
fn summary(
    old: &Dataset,
    new: &Dataset,
    d: &MapDiff,
) -> Vec<(ChangeKind, Vec<String>, Vec<String>)> {
    d.changes
        .iter()
        .map(|c| {
            let ids = |ds: &Dataset, idx: &[usize]| {
                idx.iter()
                    .map(|&i| ds.nodes[i].id.trim_start_matches("d:").to_string())
                    .collect()
            };
            (c.kind, ids(old, &c.old), ids(new, &c.new))
        })
        .collect()
}

fn base() -> Vec<E<'static>> {
    vec![
        e("A1", Some("A1"), "Registro delle imprese", None),
        e("A1.1", Some("A1.1"), "Iscrizioni e modifiche", Some("A1")),
        E {
            steps: &["Istruttoria della domanda", "Iscrizione nel registro"],
            ..e(
                "A1.1.1",
                Some("A1.1.1"),
                "Iscrizione delle imprese individuali",
                Some("A1.1"),
            )
        },
        E {
            steps: &["Ricezione della richiesta", "Rilascio del certificato"],
            ..e(
                "A1.1.2",
                Some("A1.1.2"),
                "Rilascio certificati e visure camerali",
                Some("A1.1"),
            )
        },
        E {
            steps: &["Accertamento della violazione", "Emissione dell'ordinanza"],
            ..e(
                "A1.1.3",
                Some("A1.1.3"),
                "Sanzioni amministrative per ritardato deposito",
                Some("A1.1"),
            )
        },
    ]
}

#[test]
fn two_processes_that_swap_codes_are_both_moved_with_the_reason() {
    let old = dataset(&base());
    let mut swapped = base();
    swapped[3].code = Some("A1.1.3");
    swapped[4].code = Some("A1.1.2");
    let new = dataset(&swapped);
    let d = diff(&old, &new);
    let moved: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Moved)
        .collect();
    assert_eq!(moved.len(), 2, "{d:#?}");
    for c in moved {
        assert_eq!(old.nodes[c.old[0]].title, new.nodes[c.new[0]].title);
        assert_eq!(c.fields, [Field::Code]);
        // The old code now names the other process.
        let Some(Reason::CodeNowNames { new: other }) = c.reason else {
            panic!("{c:?}")
        };
        assert_eq!(new.nodes[other].code, old.nodes[c.old[0]].code);
        assert_ne!(other, c.new[0]);
    }
    assert_eq!(d.count(ChangeKind::Same), 3);
}

#[test]
fn actions_without_a_code_are_matched_under_their_parent_and_followed_when_they_move() {
    let mut entries = base();
    entries.push(e("x1", None, "Verifica dei requisiti", Some("A1.1.1")));
    entries.push(e("x2", None, "Invio della ricevuta", Some("A1.1.1")));
    let old = dataset(&entries);
    // The second action now belongs to A1.1.2; the first is reworded.
    entries[6].parent = Some("A1.1.2");
    entries[5].title = "Verifica dei requisiti soggettivi";
    let new = dataset(&entries);
    let d = diff(&old, &new);
    let s = summary(&old, &new, &d);
    assert!(
        s.contains(&(ChangeKind::Moved, vec!["x2".into()], vec!["x2".into()])),
        "{s:?}"
    );
    let c = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Moved)
        .unwrap();
    assert_eq!(c.fields, [Field::Parent]);
    assert_eq!(c.reason, None);
    // Reworded: its key (parent and title) changed, its content did not.
    assert!(
        s.contains(&(ChangeKind::Renamed, vec!["x1".into()], vec!["x1".into()])),
        "{s:?}"
    );
}

#[test]
fn a_variant_removed_leaves_its_code_to_the_other_without_a_reason() {
    let mut entries = base();
    entries.push(E {
        steps: &[
            "Ricezione della richiesta telematica",
            "Invio del certificato",
        ],
        ..e(
            "A1.1.2~2",
            Some("A1.1.2"),
            "Rilascio certificati e visure camerali",
            Some("A1.1"),
        )
    });
    let old = dataset(&entries);
    entries.remove(3);
    let new = dataset(&entries);
    let d = diff(&old, &new);
    let removed: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Same)
        .collect();
    assert_eq!(removed.len(), 1, "{d:#?}");
    assert_eq!(removed[0].kind, ChangeKind::Removed);
    assert_eq!(old.nodes[removed[0].old[0]].id, "d:A1.1.2");
    assert_eq!(removed[0].reason, None);
}

#[test]
fn a_new_entry_beside_an_edited_one_is_added_not_a_part() {
    let old = dataset(&base());
    let mut entries = base();
    // A1.1.2 gains a step; a new entry reads like it but takes nothing
    // from it.
    entries[3].steps = &[
        "Ricezione della richiesta",
        "Rilascio del certificato",
        "Archiviazione",
    ];
    entries.push(e(
        "A1.1.4",
        Some("A1.1.4"),
        "Rilascio certificati",
        Some("A1.1"),
    ));
    let new = dataset(&entries);
    let d = diff(&old, &new);
    let s = summary(&old, &new, &d);
    assert!(
        s.contains(&(
            ChangeKind::Changed,
            vec!["A1.1.2".into()],
            vec!["A1.1.2".into()]
        )),
        "{s:?}"
    );
    assert!(
        s.contains(&(ChangeKind::Added, vec![], vec!["A1.1.4".into()])),
        "{s:?}"
    );
}

#[test]
fn structures_and_roles_are_fields_too() {
    let old = dataset(&base());
    let mut new = old.clone();
    new.nodes[2].role = "Dirigente Area".into();
    new.nodes[3].structures.push(Structure {
        area: "Area anagrafica".into(),
        servizio: "Registro imprese".into(),
        line: None,
    });
    let d = diff(&old, &new);
    let fields: Vec<&[Field]> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Changed)
        .map(|c| &c.fields[..])
        .collect();
    assert_eq!(fields, [&[Field::Role][..], &[Field::Structures][..]]);
}

#[test]
fn empty_versions_and_the_same_diff_every_time() {
    let empty = dataset(&[]);
    assert!(diff(&empty, &empty).changes.is_empty());
    let full = dataset(&base());
    let added = diff(&empty, &full);
    assert_eq!(added.count(ChangeKind::Added), full.nodes.len());
    let removed = diff(&full, &empty);
    assert_eq!(removed.count(ChangeKind::Removed), full.nodes.len());
    let mut entries = base();
    entries[2].title = "Iscrizione imprese individuali e società";
    entries.swap(3, 4);
    let new = dataset(&entries);
    assert_eq!(diff(&full, &new), diff(&full, &new));
}

#[test]
fn changes_come_in_the_new_order_with_what_went_where_it_stood() {
    let old = dataset(&base());
    let mut entries = base();
    entries.remove(3);
    let new = dataset(&entries);
    let d = diff(&old, &new);
    let s = summary(&old, &new, &d);
    let order: Vec<String> = s
        .iter()
        .map(|(_, o, n)| o.first().or(n.first()).unwrap().clone())
        .collect();
    assert_eq!(order, ["A1", "A1.1", "A1.1.1", "A1.1.2", "A1.1.3"]);
    assert_eq!(s[3].0, ChangeKind::Removed);
}

#[test]
fn slugs_are_the_json_words() {
    use strum::IntoEnumIterator;
    let kinds: Vec<&str> = ChangeKind::iter().map(ChangeKind::as_str).collect();
    assert_eq!(
        kinds,
        ["same", "changed", "renamed", "moved", "split", "merged", "removed", "added"]
    );
    for f in Field::iter() {
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            format!("\"{}\"", f.as_str())
        );
        assert_eq!(f.as_str().parse::<Field>().unwrap(), f);
    }
}

#[test]
fn a_child_follows_its_parent_when_processes_swap_codes() {
    // Two processes, each with an activity of the same words.
    let steps: &[&str] = &["Iscrizione a ruolo", "Notifica della cartella"];
    let map = |first: (&'static str, &'static str), second: (&'static str, &'static str)| {
        vec![
            e("A1", Some("A1"), "Entrate", None),
            e("A1.1", Some("A1.1"), first.0, Some("A1")),
            E {
                steps,
                ..e(
                    "A1.1.1",
                    Some("A1.1.1"),
                    "Riscossione coattiva",
                    Some("A1.1"),
                )
            },
            e("A1.2", Some("A1.2"), second.0, Some("A1")),
            E {
                steps,
                ..e(
                    "A1.2.1",
                    Some("A1.2.1"),
                    "Riscossione coattiva",
                    Some("A1.2"),
                )
            },
        ]
        .into_iter()
        .map(|mut x| {
            // Tell the processes apart by more than a word.
            if x.id == "A1.1" {
                x.steps = &[];
                x.title = first.1;
            }
            if x.id == "A1.2" {
                x.title = second.1;
            }
            x
        })
        .collect::<Vec<_>>()
    };
    let diritto = ("Diritto annuale", "Diritto annuale delle imprese iscritte");
    let sanzioni = ("Sanzioni", "Sanzioni amministrative per violazioni");
    let old = dataset(&map(diritto, sanzioni));
    let new = dataset(&map(sanzioni, diritto));
    let d = diff(&old, &new);
    let s = summary(&old, &new, &d);
    // Each riscossione goes with its own process: the one of the diritto
    // annuale (old A1.1.1) is now A1.2.1, though A1.1.1 reads the same.
    for (from, to) in [
        ("A1.1", "A1.2"),
        ("A1.2", "A1.1"),
        ("A1.1.1", "A1.2.1"),
        ("A1.2.1", "A1.1.1"),
    ] {
        assert!(
            s.contains(&(ChangeKind::Moved, vec![from.into()], vec![to.into()])),
            "{from} → {to}: {s:?}"
        );
    }
    let child = &d.changes[d.by_old(old.nodes.len())[2].unwrap()];
    assert_eq!(child.fields, [Field::Code]);
    assert!(matches!(child.reason, Some(Reason::CodeNowNames { .. })));
}

//! Tests of the search index.

use super::*;

fn key(r: &SearchResult) -> Vec<(usize, usize)> {
    r.hits.iter().map(|x| (x.dataset, x.node)).collect()
}

#[test]
fn typing_char_by_char_gives_the_same_results_as_a_fresh_search() {
    let map = crate::import::builtin();
    let mut typing = SearchIndex::new(&map);
    let mut fresh_index = SearchIndex::new(&map);
    for query in [
        "inventrio",
        "gestione contratti locazione",
        "protocollo pec",
        "dvr",
        "registro imprese visure",
        "pulizie",
        "fascicolo elettronico impresa",
        "start up innovative",
    ] {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let incremental = typing.search(&typed, None);
            fresh_index.reset();
            let fresh = fresh_index.search(&typed, None);
            assert_eq!(key(&incremental), key(&fresh), "after typing {typed:?}");
            assert_eq!(incremental.partial, fresh.partial, "after typing {typed:?}");
        }
    }
}

#[test]
fn a_missing_word_falls_back_to_the_entries_with_the_most_words() {
    let map = crate::import::builtin();
    let mut index = SearchIndex::new(&map);
    let r = index.search("protocollo pec zzyzx", None);
    assert_eq!(r.partial, Some((2, 3)));
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.matched_words == 2));
    let r = index.search("protocollo pec", None);
    assert_eq!(r.partial, None);
    assert!(r.hits.iter().all(|h| h.matched_words == 2));
}

#[test]
fn a_query_where_nothing_matches_gets_the_nearest_words() {
    let map = crate::import::builtin();
    let mut index = SearchIndex::new(&map);
    let r = index.search("protocolllllo", None);
    assert!(r.hits.is_empty());
    assert_eq!(r.partial, None);
    let near = index.suggest("protocolllllo", None, 3);
    assert_eq!(
        near.first().map(String::as_str),
        Some("protocollo"),
        "{near:?}"
    );
}

/// A map as an edited export can leave it: a node its own parent, two
/// nodes each other's parent, a parent that is not there.
fn tangled_map() -> Map {
    use crate::model::{Dataset, Kind, Node};
    let node = |id: &str, parent: Option<&str>, title: &str, role: &str| {
        let mut n = Node::new("t", id, Kind::Attivita, 1);
        n.title = title.into();
        n.role = role.into();
        n.parent = parent.map(Into::into);
        n
    };
    Map {
        datasets: vec![Dataset {
            id: "t".into(),
            title: "tangled".into(),
            source: "test".into(),
            nodes: vec![
                node("t:a", Some("t:a"), "Protocollo generale", ""),
                node("t:b", Some("t:c"), "Protocollo informatico", "Operatore"),
                node("t:c", Some("t:b"), "Protocollo generale", ""),
                node("t:d", Some("t:missing"), "Protocollo pec", "Operatore"),
            ],
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }],
    }
}

#[test]
fn a_synonym_ranks_below_the_literal_word_even_when_rarer() {
    use crate::model::{Dataset, Kind, Node};
    let node = |i: usize, title: &str, activities: &[&str]| {
        let mut n = Node::new("t", format!("t:{i}"), Kind::Attivita, 1);
        n.title = title.into();
        n.activities = activities.iter().map(|&a| a.into()).collect();
        n
    };
    // "multa" is common here, "sanzioni" (its synonym) rare.
    let mut nodes = vec![
        node(0, "Gestione multe", &[]),
        node(1, "Gestione sanzioni", &[]),
    ];
    for i in 2..40 {
        nodes.push(node(i, "Altro", &["verifica multe"]));
    }
    let map = Map {
        datasets: vec![Dataset {
            id: "t".into(),
            title: "t".into(),
            source: "test".into(),
            nodes,
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }],
    };
    let r = SearchIndex::new(&map).search("multa", None);
    let rank = |n: usize| r.hits.iter().position(|h| h.node == n).unwrap();
    assert!(rank(0) < rank(1), "{:?}", r.hits);
}

#[test]
fn parent_cycles_and_dangling_parents_neither_hang_nor_panic() {
    let mut index = SearchIndex::new(&tangled_map());
    let r = index.search("protocollo generale", None);
    assert!(!r.hits.is_empty());
    let r = index.search("protocollo", Some(0));
    assert_eq!(r.hits.len(), 4);
}

#[test]
fn an_empty_map_answers_nothing() {
    let mut index = SearchIndex::new(&Map::default());
    assert!(index.is_empty());
    for q in ["protocollo", "c2.10", "", "protocollo pec zzyzx"] {
        let r = index.search(q, None);
        assert!(r.hits.is_empty() && r.partial.is_none(), "{q}");
        let r = index.search(q, Some(3));
        assert!(r.hits.is_empty(), "{q}");
    }
    assert!(index.suggest("protocolo", None, 3).is_empty());
}

#[test]
fn a_long_query_is_truncated_and_says_so() {
    let map = crate::import::builtin();
    let mut index = SearchIndex::new(&map);
    let r = index.search(&"protocollo ".repeat(10_000), None);
    assert!(r.truncated);
    assert_eq!(r.query_words, 1);
    assert!(!r.hits.is_empty());
}

//! Which two datasets the concordance joins: a catalogue (entries with a
//! responsible *role*) and an anti-corruption annex (actions with
//! responsible *structures*).

use crate::model::{Dataset, Map};

/// The two datasets joined, as indices into [`Map::datasets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The catalogue-like dataset (`catalogo`).
    pub catalogo: usize,
    /// The annex-like dataset (`ptpc2019`).
    pub ptpc: usize,
}

/// The datasets to join. By id first: `catalogo` with `ptpc2019`. Failing
/// that, by content: the first dataset with roles and no structures, with
/// the first other dataset that has structures (a chamber's own maps,
/// loaded with other ids). `None` when the map has no such two datasets.
pub fn choose(map: &Map) -> Option<Pair> {
    let by_id = |id: &str| map.datasets.iter().position(|d| d.id == id);
    if let (Some(catalogo), Some(ptpc)) = (by_id("catalogo"), by_id("ptpc2019")) {
        return Some(Pair { catalogo, ptpc });
    }
    let catalogo = map.datasets.iter().position(is_catalogue_like)?;
    let ptpc = map
        .datasets
        .iter()
        .enumerate()
        .position(|(i, d)| i != catalogo && has_structures(d))?;
    Some(Pair { catalogo, ptpc })
}

fn is_catalogue_like(d: &Dataset) -> bool {
    d.nodes.iter().any(|n| !n.role.trim().is_empty()) && !has_structures(d)
}

fn has_structures(d: &Dataset) -> bool {
    d.nodes.iter().any(|n| !n.structures.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node, Structure};

    fn dataset(id: &str, role: &str, structure: bool) -> Dataset {
        let mut node = Node::new("x", format!("{id}:1"), Kind::Attivita, 1);
        node.role = role.into();
        if structure {
            node.structures.push(Structure {
                area: "Area".into(),
                servizio: "Servizio".into(),
                line: None,
            });
        }
        Dataset {
            id: id.to_string(),
            title: String::new(),
            source: String::new(),
            nodes: vec![node],
            diagnostics: Vec::new(),
            loaded_from: None,
            parent_index: Default::default(),
        }
    }

    #[test]
    fn by_id_first() {
        let map = Map {
            datasets: vec![
                dataset("ptpc2019", "", true),
                dataset("catalogo", "PO", false),
            ],
        };
        assert_eq!(
            choose(&map),
            Some(Pair {
                catalogo: 1,
                ptpc: 0
            })
        );
    }

    #[test]
    fn by_content_when_the_ids_are_others() {
        let map = Map {
            datasets: vec![
                dataset("annesso", "", true),
                dataset("vuoto", "", false),
                dataset("mappa-2024", "Dirigente", false),
            ],
        };
        assert_eq!(
            choose(&map),
            Some(Pair {
                catalogo: 2,
                ptpc: 0
            })
        );
    }

    #[test]
    fn nothing_to_join() {
        assert_eq!(choose(&Map::default()), None);
        let one = Map {
            datasets: vec![dataset("catalogo", "PO", false)],
        };
        assert_eq!(choose(&one), None);
        let two_catalogues = Map {
            datasets: vec![dataset("a", "PO", false), dataset("b", "PO", false)],
        };
        assert_eq!(choose(&two_catalogues), None);
    }
}

//! Who answers for an entry that names no one itself: a process, a
//! sub-process, a header of the annex. The clerk needs a name, and the
//! entries below it have them: each role (catalogo) and office (ptpc2019)
//! named anywhere below, with how many entries name it, most named first.

use super::{capitalise, role_key, role_parts};
use crate::model::{Dataset, Node};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One role or office named below an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// The role, as most entries spell it; empty for an office.
    pub role: String,
    /// The office's Area dirigenziale and Servizio/Staff; empty for a role.
    pub area: String,
    pub servizio: String,
    /// How many entries below name it.
    pub count: usize,
}

impl Named {
    /// "PO Settore", "Segretario generale / Affari generali".
    pub fn label(&self) -> String {
        if !self.role.is_empty() {
            return self.role.clone();
        }
        match (self.area.is_empty(), self.servizio.is_empty()) {
            (false, false) => format!("{} / {}", self.area, self.servizio),
            (false, true) => self.area.clone(),
            _ => self.servizio.clone(),
        }
    }

    pub fn is_office(&self) -> bool {
        self.role.is_empty()
    }
}

/// Whether a node names who is responsible for it: a role, or a structure
/// with an area or a servizio.
pub fn names_someone(node: &Node) -> bool {
    !node.role.trim().is_empty()
        || node
            .structures
            .iter()
            .any(|s| !s.area.trim().is_empty() || !s.servizio.trim().is_empty())
}

/// The shape of a dataset by node index: what [`super::answer_for`] walks.
/// The command line's [`Children`] and the explorer's tree both have it.
pub trait Shape {
    fn children(&self, i: usize) -> &[usize];
    fn parent(&self, i: usize) -> Option<usize>;
}

impl Shape for Children {
    fn children(&self, i: usize) -> &[usize] {
        self.kids.get(i).map_or(&[], |k| &k[..])
    }
    fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }
}

/// The children of every node of a dataset, by index.
#[derive(Debug, Clone, Default)]
pub struct Children {
    kids: Vec<Vec<usize>>,
    parent: Vec<Option<usize>>,
}

impl Children {
    /// From the parents the importer placed, or else by id.
    pub fn of(ds: &Dataset) -> Children {
        let n = ds.nodes.len();
        let parent: Vec<Option<usize>> = match ds.parent_index.of(n) {
            Some(placed) => placed.collect(),
            None => {
                let index: FxHashMap<&str, usize> = ds
                    .nodes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.id.as_str(), i))
                    .collect();
                ds.nodes
                    .iter()
                    .map(|n| n.parent.as_deref().and_then(|p| index.get(p).copied()))
                    .collect()
            }
        };
        let mut kids = vec![Vec::new(); n];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p.filter(|&p| p != i && p < n) {
                kids[p].push(i);
            }
        }
        Children { kids, parent }
    }
}

/// Most entries walked below one node: a map with a parent cycle must not
/// loop, and no list needs more.
const MAX_WALKED: usize = 1_000_000;

/// Every role and office named below `node` (not by `node` itself), most
/// named first, then by name; `children` gives each node's children.
pub fn named_below<'a>(
    ds: &Dataset,
    node: usize,
    children: impl Fn(usize) -> &'a [usize],
) -> Vec<Named> {
    let mut roles: FxHashMap<String, (FxHashMap<String, usize>, usize)> = FxHashMap::default();
    let mut offices: FxHashMap<(String, String), usize> = FxHashMap::default();
    // Role texts repeat: each is split and keyed once.
    let mut parts: FxHashMap<&str, Vec<(String, String)>> = FxHashMap::default();
    let mut stack: Vec<usize> = children(node).to_vec();
    let mut walked = 0;
    while let Some(k) = stack.pop() {
        walked += 1;
        if walked > MAX_WALKED {
            break;
        }
        let Some(n) = ds.nodes.get(k) else { continue };
        if !n.role.trim().is_empty() {
            let split = parts.entry(n.role.as_str()).or_insert_with(|| {
                role_parts(&n.role)
                    .into_iter()
                    .map(|r| (role_key(&r), r))
                    .collect()
            });
            for (key, r) in split.iter() {
                let entry = match roles.get_mut(key) {
                    Some(e) => e,
                    None => roles.entry(key.clone()).or_default(),
                };
                match entry.0.get_mut(r) {
                    Some(c) => *c += 1,
                    None => {
                        entry.0.insert(r.clone(), 1);
                    }
                }
                entry.1 += 1;
            }
        }
        let mut seen: Vec<(String, String)> = Vec::new();
        for s in n.structures.iter() {
            let pair = (s.area.trim().to_string(), s.servizio.trim().to_string());
            if (pair.0.is_empty() && pair.1.is_empty()) || seen.contains(&pair) {
                continue;
            }
            *offices.entry(pair.clone()).or_default() += 1;
            seen.push(pair);
        }
        stack.extend(children(k).iter().copied());
    }
    let mut out: Vec<Named> = offices
        .into_iter()
        .map(|((area, servizio), count)| Named {
            role: String::new(),
            area,
            servizio,
            count,
        })
        .collect();
    out.extend(roles.into_values().map(|(spellings, count)| {
        let name = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| capitalise(s))
            .unwrap_or_default();
        Named {
            role: name,
            area: String::new(),
            servizio: String::new(),
            count,
        }
    }));
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| crate::text::natural_cmp(&a.label(), &b.label()))
    });
    out
}

/// The first `shown` names joined, "… (+N)" for the others:
/// "PO Settore, Operatore incaricato del Settore … (+2)".
pub fn summary(named: &[Named], shown: usize) -> String {
    let names: Vec<String> = named.iter().take(shown).map(Named::label).collect();
    let mut text = names.join(", ");
    if named.len() > shown {
        text.push_str(&format!(" … (+{})", named.len() - shown));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::Shape as _;
    use super::*;
    use crate::model::{Kind, Structure};

    fn node(
        ds: &mut Dataset,
        id: &str,
        parent: Option<&str>,
        role: &str,
        office: Option<(&str, &str)>,
    ) {
        let mut n = Node::new("t", id, Kind::Attivita, 4);
        n.parent = parent.map(Into::into);
        n.role = role.into();
        if let Some((a, s)) = office {
            n.structures = vec![Structure {
                area: a.into(),
                servizio: s.into(),
                line: None,
            }]
            .into();
        }
        ds.nodes.push(n);
    }

    #[test]
    fn roles_below_are_counted_by_party_most_named_first() {
        let mut ds = Dataset::default();
        node(&mut ds, "P", None, "", None);
        node(&mut ds, "S", Some("P"), "", None);
        node(&mut ds, "a", Some("S"), "PO Settore", None);
        node(&mut ds, "b", Some("S"), "PO Settori e Dirigente", None);
        node(&mut ds, "c", Some("P"), "Operatore incaricato", None);
        node(&mut ds, "d", Some("P"), "po settore", None);
        let children = Children::of(&ds);
        let named = named_below(&ds, 0, |i| children.children(i));
        let labels: Vec<(String, usize)> = named.iter().map(|n| (n.label(), n.count)).collect();
        assert_eq!(
            labels,
            [
                ("PO Settore".to_string(), 3),
                ("Dirigente".to_string(), 1),
                ("Operatore incaricato".to_string(), 1)
            ]
        );
        assert_eq!(summary(&named, 2), "PO Settore, Dirigente … (+1)");
        // The node's own role is not below it; a leaf has nothing below.
        assert!(named_below(&ds, 2, |i| children.children(i)).is_empty());
    }

    #[test]
    fn offices_below_are_area_and_servizio_together() {
        let mut ds = Dataset::default();
        node(&mut ds, "S", None, "", None);
        node(
            &mut ds,
            "x",
            Some("S"),
            "",
            Some(("Segretario generale", "Affari generali")),
        );
        node(
            &mut ds,
            "y",
            Some("S"),
            "",
            Some(("Segretario generale", "Affari generali ")),
        );
        node(&mut ds, "z", Some("S"), "", Some(("", "")));
        let children = Children::of(&ds);
        let named = named_below(&ds, 0, |i| children.children(i));
        assert_eq!(named.len(), 1);
        assert!(named[0].is_office());
        assert_eq!(named[0].label(), "Segretario generale / Affari generali");
        assert_eq!(named[0].count, 2);
        assert!(!names_someone(&ds.nodes[3]) && names_someone(&ds.nodes[1]));
    }
}

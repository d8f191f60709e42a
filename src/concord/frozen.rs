//! The concordance of the built-in seeds, computed once and built into the
//! binary (`seeds.rs`, generated): the seeds never change between builds,
//! and a one-shot command on them (`mappa search … --json`, `show`) should
//! not spend most of its time scoring 200,000 pairs again.
//!
//! A test computes the concordance and compares it with the table; after a
//! change to the scoring or the seeds it fails, and
//! `MAPPA_FREEZE=1 cargo test --lib concord::frozen` writes the table anew.

use super::tree::Tree;
use super::{pairing, Basis, Concordance, Scored, Tuning};
use crate::model::Map;
use std::collections::BTreeMap;
#[cfg(test)]
use std::fmt::Write;

#[path = "seeds.rs"]
mod seeds;

/// The concordance of `map` when it is the built-in one (the seeds' two
/// datasets with their sizes), from the table; `None` otherwise.
pub fn seeds(map: &Map) -> Option<Concordance> {
    let pair = pairing::choose(map)?;
    let sizes = [pair.catalogo, pair.ptpc].map(|d| map.datasets[d].nodes.len());
    if sizes != [seeds::CATALOGO, seeds::PTPC] {
        return None;
    }
    let scored = seeds::SCORED
        .iter()
        .map(|&(c, p, score, flags)| Scored {
            catalogo: u32::from(c),
            ptpc: u32::from(p),
            score,
            linked: flags & 1 != 0,
            basis: basis_of(flags >> 1),
        })
        .collect();
    let linkable = [
        (seeds::LINKABLE_CATALOGO, sizes[0]),
        (seeds::LINKABLE_PTPC, sizes[1]),
    ]
    .map(|(list, n)| {
        let mut v = vec![false; n];
        for &i in list {
            v[usize::from(i)] = true;
        }
        v
    });
    let mut c = Concordance {
        pair: Some(pair),
        scored,
        decisions: BTreeMap::new(),
        lists: [vec![Vec::new(); sizes[0]], vec![Vec::new(); sizes[1]]],
        linkable,
        ptpc_tree: Tree::of(&map.datasets[pair.ptpc]),
        office_floor: Tuning::default().offices,
    };
    c.rebuild();
    Some(c)
}

fn basis_of(b: u8) -> Basis {
    match b {
        0 => Basis::Testo,
        1 => Basis::SottoVoci,
        _ => Basis::Entrambi,
    }
}

#[cfg(test)]
fn basis_code(b: Basis) -> u8 {
    match b {
        Basis::Testo => 0,
        Basis::SottoVoci => 1,
        Basis::Entrambi => 2,
    }
}

/// The source of `seeds.rs` for a concordance of the seeds.
#[cfg(test)]
fn source(c: &Concordance) -> String {
    let mut s = String::from(
        "//! Generated from the built-in seeds by `MAPPA_FREEZE=1 cargo test --lib\n\
         //! concord::frozen`: do not edit. (catalogo node, ptpc2019 node, score,\n\
         //! linked | basis << 1) for every linkable pair scoring half the threshold.\n\n",
    );
    let _ = writeln!(s, "pub const CATALOGO: usize = {};", c.lists[0].len());
    let _ = writeln!(s, "pub const PTPC: usize = {};", c.lists[1].len());
    s.push_str("\n#[rustfmt::skip]\npub const SCORED: &[(u16, u16, f32, u8)] = &[\n");
    for x in &c.scored {
        let flags = u8::from(x.linked) | basis_code(x.basis) << 1;
        let _ = writeln!(
            s,
            "    ({}, {}, {:?}, {flags}),",
            x.catalogo, x.ptpc, x.score
        );
    }
    s.push_str("];\n");
    for (name, side) in [("LINKABLE_CATALOGO", 0), ("LINKABLE_PTPC", 1)] {
        let list: Vec<String> = c.linkable[side]
            .iter()
            .enumerate()
            .filter(|(_, &l)| l)
            .map(|(i, _)| i.to_string())
            .collect();
        let _ = writeln!(
            s,
            "\n#[rustfmt::skip]\npub const {name}: &[u16] = &[{}];",
            list.join(", ")
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::builtin;

    #[test]
    fn the_table_is_the_concordance_of_the_seeds() {
        let map = builtin();
        let computed = Concordance::compute(&map);
        let want = source(&computed);
        if std::env::var_os("MAPPA_FREEZE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/concord/seeds.rs");
            std::fs::write(path, &want).unwrap();
        }
        let have = include_str!("seeds.rs");
        assert!(
            have == want,
            "src/concord/seeds.rs is not the seeds' concordance any more: \
             MAPPA_FREEZE=1 cargo test --lib concord::frozen writes it anew"
        );
        let frozen = seeds(&map).expect("the built-in map");
        for d in 0..map.datasets.len() {
            for n in 0..map.datasets[d].nodes.len() {
                assert_eq!(frozen.links(d, n), computed.links(d, n), "{d} {n}");
                assert_eq!(frozen.linkable(d, n), computed.linkable(d, n));
                assert_eq!(frozen.offices(&map, d, n), computed.offices(&map, d, n));
            }
        }
        // Another map: computed, not taken from the table.
        let mut other = builtin();
        other.datasets[0].nodes.pop();
        assert!(seeds(&other).is_none());
    }
}

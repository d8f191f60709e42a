//! Building the index from a map: each entry's words by field and place
//! (the forward index), the vocabulary with its postings, field lengths,
//! title spans for highlighting, and the little of the tree that ranking
//! needs.

use super::rank::Tree as RankTree;
use super::vocab::Vocabulary;
use super::{Field, Occurrence, FIELDS};
use crate::model::{Code, Dataset, Map, Node};
use crate::text::fold_words;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Everything known about the entries, by global node index.
#[derive(Default)]
pub struct Entries {
    /// (dataset, node) of each global node index.
    pub nodes: Vec<(u32, u32)>,
    /// Global node indices of each dataset (datasets are contiguous).
    pub datasets: Vec<Range<u32>>,
    /// Every entry's word occurrences, one entry after the other (one
    /// array: scanning candidates in order reads memory in order).
    forward: Vec<Occurrence>,
    /// Where each entry's occurrences start in `forward` (one more at the end).
    forward_start: Vec<u32>,
    /// Words per field (compound joins not counted).
    pub lens: Vec<[u16; FIELDS]>,
    /// Char spans (start, len) of the title words, by position.
    pub title_spans: Vec<Vec<(u32, u32)>>,
    pub codes: Vec<Option<Code>>,
    /// Whether the entry says who is responsible (a role or structures).
    pub answers: Vec<bool>,
    pub tree: RankTree,
}

fn field_texts(node: &Node, context: String) -> [(Field, String); FIELDS] {
    let structures = node
        .structures
        .iter()
        .map(|s| format!("{} {}", s.area, s.servizio))
        .collect::<Vec<_>>()
        .join(" ");
    [
        (
            Field::Code,
            node.code.as_deref().unwrap_or_default().to_string(),
        ),
        (Field::Title, node.title.to_string()),
        (
            Field::Name,
            if node.name == node.title {
                String::new()
            } else {
                node.name.to_string()
            },
        ),
        (Field::Role, node.role.to_string()),
        (Field::Structures, structures),
        (Field::Input, node.input.to_string()),
        (Field::Output, node.output.to_string()),
        (Field::Activities, node.activities.list().join(" ")),
        (Field::Context, context),
    ]
}

/// Whether the text between two words joins them into a compound:
/// "start-up", "Scuola- lavoro" (a hyphen right after the first word).
fn joins(between: &[char]) -> bool {
    matches!(between, ['-'] | ['-', ' '])
}

/// Deepest chain of headers followed (a map with a parent cycle must not loop).
const MAX_DEPTH: usize = 16;

/// Parents and only children of one dataset, by node index within it.
struct Tree {
    parent: Vec<Option<u32>>,
    only_child: Vec<Option<u32>>,
}

impl Tree {
    fn new(ds: &Dataset) -> Tree {
        let index: HashMap<&str, u32> = ds
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i as u32))
            .collect();
        let parent: Vec<Option<u32>> = ds
            .nodes
            .iter()
            .map(|n| n.parent.as_deref().and_then(|p| index.get(p).copied()))
            .collect();
        let mut children = vec![(0u32, None::<u32>); ds.nodes.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                let c = &mut children[*p as usize];
                c.0 += 1;
                c.1 = Some(i as u32);
            }
        }
        let only_child = children
            .into_iter()
            .map(|(count, child)| child.filter(|_| count == 1))
            .collect();
        Tree { parent, only_child }
    }

    /// Titles of the headers whose only child `node` is (and of theirs,
    /// upwards), nearest first.
    fn context(&self, ds: &Dataset, node: usize) -> String {
        let mut titles: Vec<&str> = Vec::new();
        let mut cur = node as u32;
        while let Some(p) = self.parent[cur as usize] {
            if p == cur || self.only_child[p as usize] != Some(cur) || titles.len() >= MAX_DEPTH {
                break;
            }
            titles.push(&ds.nodes[p as usize].title);
            cur = p;
        }
        titles.join(" ")
    }
}

impl Entries {
    /// The word occurrences of global node `g`.
    pub fn occurrences(&self, g: usize) -> &[Occurrence] {
        let start = if g == 0 { 0 } else { self.forward_start[g - 1] };
        &self.forward[start as usize..self.forward_start[g] as usize]
    }
}

pub fn build(map: &Map) -> (Entries, Vocabulary) {
    let mut e = Entries::default();
    let mut vocab = Vocabulary::default();
    for (di, ds) in map.datasets.iter().enumerate() {
        let first = e.nodes.len() as u32;
        let tree = Tree::new(ds);
        for (ni, node) in ds.nodes.iter().enumerate() {
            let g = e.nodes.len() as u32;
            e.nodes.push((di as u32, ni as u32));
            e.codes.push(node.code.as_deref().and_then(Code::parse));
            e.answers
                .push(!node.role.is_empty() || !node.structures.is_empty());
            let forward = &mut e.forward;
            let mut lens = [0u16; FIELDS];
            for (field, text) in field_texts(node, tree.context(ds, ni)) {
                let words = fold_words(&text);
                lens[field as usize] = words.len().min(u16::MAX as usize) as u16;
                let chars: Vec<char> = text.chars().collect();
                // "start-up" is also found as "startup", at the place of "start".
                let joined: Vec<(String, usize)> = words
                    .windows(2)
                    .enumerate()
                    .filter(|(_, p)| {
                        let (end, next) = ((p[0].start + p[0].len) as usize, p[1].start as usize);
                        chars.get(end..next).is_some_and(joins)
                    })
                    .map(|(i, p)| (format!("{}{}", p[0].text, p[1].text), i))
                    .collect();
                if field == Field::Title {
                    e.title_spans
                        .push(words.iter().map(|w| (w.start, w.len)).collect());
                }
                let all = words
                    .into_iter()
                    .enumerate()
                    .map(|(pos, w)| (w.text, pos))
                    .chain(joined);
                for (w, pos) in all {
                    forward.push(Occurrence {
                        word: vocab.add(&w, g),
                        field,
                        pos: pos.min(u16::MAX as usize) as u16,
                    });
                }
            }
            e.forward_start.push(e.forward.len() as u32);
            e.lens.push(lens);
        }
        e.datasets.push(first..e.nodes.len() as u32);
        let global = |c: &Option<u32>| c.map(|c| first + c);
        e.tree.parent.extend(tree.parent.iter().map(global));
        e.tree.only_child.extend(tree.only_child.iter().map(global));
    }
    (e, vocab)
}

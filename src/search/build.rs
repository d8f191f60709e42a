//! Building the index from a map: each entry's words by field and place
//! (the forward index), the vocabulary with its postings, field lengths,
//! title spans for highlighting, and the little of the tree that ranking
//! needs.

use super::rank::Tree as RankTree;
use super::vocab::Vocabulary;
use super::{Field, Occurrence, FIELDS};
use crate::model::{Code, Dataset, Map, Node};
use crate::text::for_each_word_at;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
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

fn field_texts(node: &Node, context: String) -> [(Field, Cow<'_, str>); FIELDS] {
    let structures = node
        .structures
        .iter()
        .map(|s| format!("{} {}", s.area, s.servizio))
        .collect::<Vec<_>>()
        .join(" ");
    [
        (
            Field::Code,
            Cow::Borrowed(node.code.as_deref().unwrap_or_default()),
        ),
        (Field::Title, Cow::Borrowed(&node.title)),
        (
            Field::Name,
            Cow::Borrowed(if node.name == node.title {
                ""
            } else {
                &node.name
            }),
        ),
        (Field::Role, Cow::Borrowed(&node.role)),
        (Field::Structures, Cow::Owned(structures)),
        (Field::Input, Cow::Borrowed(&node.input)),
        (Field::Output, Cow::Borrowed(&node.output)),
        (
            Field::Activities,
            Cow::Owned(node.activities.list().join(" ")),
        ),
        (Field::Context, Cow::Owned(context)),
    ]
}

/// Whether the text between two words joins them into a compound:
/// "start-up", "Scuola- lavoro" (a hyphen right after the first word).
fn joins(between: &str) -> bool {
    matches!(between, "-" | "- ")
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

/// Below this many entries one thread builds the index: a second one costs
/// about what indexing a hundred entries does.
const PARALLEL_FROM: usize = 400;

/// The index of `map`. With a core to spare, the entries are split in two
/// where about half of the text lies and the second part is indexed on
/// another thread, then merged: the same index, word for word (its words
/// are numbered as first met, entry after entry).
pub fn build(map: &Map) -> (Entries, Vocabulary) {
    let total: usize = map.datasets.iter().map(|d| d.nodes.len()).sum();
    let split = (total >= PARALLEL_FROM && crate::import::cores() > 1).then(|| halfway(map));
    build_split(map, split)
}

/// The entry (global index) before which half of the map's text lies,
/// about: the work of indexing an entry goes with its text.
fn halfway(map: &Map) -> usize {
    let work = |n: &Node| {
        64 + n.title.len() + n.name.len() + n.input.len() + n.output.len() + n.role.len() * 2
    };
    let total: usize = map.nodes().map(work).sum();
    let mut before = 0;
    for (g, n) in map.nodes().enumerate() {
        if before >= total / 2 {
            return g;
        }
        before += work(n);
    }
    0
}

/// [`build`], the entries from global index `split` on indexed on another
/// thread.
pub(super) fn build_split(map: &Map, split: Option<usize>) -> (Entries, Vocabulary) {
    let n: usize = map.datasets.iter().map(|d| d.nodes.len()).sum();
    let (mut e, vocab) = match split.filter(|&k| k > 0 && k < n) {
        None => build_part(map, 0..n),
        Some(k) => build_halves(map, k, n),
    };
    // Each dataset's entries, empty datasets included.
    let mut before = 0u32;
    e.datasets = map
        .datasets
        .iter()
        .map(|d| {
            let r = before..before + d.nodes.len() as u32;
            before = r.end;
            r
        })
        .collect();
    (e, vocab)
}

fn build_halves(map: &Map, k: usize, n: usize) -> (Entries, Vocabulary) {
    let (a, b) = std::thread::scope(|s| {
        let second = std::thread::Builder::new()
            .spawn_scoped(s, || build_part(map, k..n))
            .ok();
        let a = build_part(map, 0..k);
        let b = second
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| build_part(map, k..n));
        (a, b)
    });
    merge(a, b)
}

/// The second part's entries after the first's: its words are the first
/// part's where they are the same, new ones after them in the order met.
fn merge(
    (mut e, mut vocab): (Entries, Vocabulary),
    (b, other): (Entries, Vocabulary),
) -> (Entries, Vocabulary) {
    let ids = vocab.merge(other);
    let offset = e.forward.len() as u32;
    e.forward.extend(b.forward.into_iter().map(|o| Occurrence {
        word: ids[o.word as usize],
        ..o
    }));
    e.forward_start
        .extend(b.forward_start.into_iter().map(|s| s + offset));
    e.nodes.extend(b.nodes);
    e.lens.extend(b.lens);
    e.title_spans.extend(b.title_spans);
    e.codes.extend(b.codes);
    e.answers.extend(b.answers);
    e.tree.parent.extend(b.tree.parent);
    e.tree.only_child.extend(b.tree.only_child);
    (e, vocab)
}

/// The entries with global indices `nodes` (dataset after dataset).
fn build_part(map: &Map, nodes: Range<usize>) -> (Entries, Vocabulary) {
    let mut e = Entries::default();
    let mut vocab = Vocabulary::default();
    let mut before = 0usize;
    for (di, ds) in map.datasets.iter().enumerate() {
        let first = before as u32;
        let range = nodes.start.max(before)..nodes.end.min(before + ds.nodes.len());
        before += ds.nodes.len();
        if range.is_empty() {
            continue;
        }
        let tree = Tree::new(ds);
        let local = range.start - first as usize..range.end - first as usize;
        for (ni, node) in ds
            .nodes
            .iter()
            .enumerate()
            .skip(local.start)
            .take(local.len())
        {
            let g = first + ni as u32;
            e.nodes.push((di as u32, ni as u32));
            e.codes.push(node.code.as_deref().and_then(Code::parse));
            e.answers
                .push(!node.role.is_empty() || !node.structures.is_empty());
            let forward = &mut e.forward;
            let mut lens = [0u16; FIELDS];
            for (field, text) in field_texts(node, tree.context(ds, ni)) {
                // Words lent one at a time (no allocation each); "start-up"
                // is also found as "startup", at the place of "start".
                let hyphen = text.as_bytes().contains(&b'-');
                let mut joined: Vec<(String, usize)> = Vec::new();
                let (mut prev, mut prev_end) = (String::new(), 0usize);
                let mut spans: Vec<(u32, u32)> = Vec::new();
                let (mut chars, mut counted) = (0u32, 0usize);
                let mut pos = 0usize;
                for_each_word_at(&text, |w, start, end| {
                    forward.push(Occurrence {
                        word: vocab.add(w, g),
                        field,
                        pos: pos.min(u16::MAX as usize) as u16,
                    });
                    if field == Field::Title {
                        // Highlights count characters, not bytes.
                        chars += text[counted..start].chars().count() as u32;
                        let len = text[start..end].chars().count() as u32;
                        spans.push((chars, len));
                        chars += len;
                        counted = end;
                    }
                    if hyphen {
                        if pos > 0 && joins(&text[prev_end..start]) {
                            joined.push((format!("{prev}{w}"), pos - 1));
                        }
                        prev.clear();
                        prev.push_str(w);
                        prev_end = end;
                    }
                    pos += 1;
                });
                lens[field as usize] = pos.min(u16::MAX as usize) as u16;
                if field == Field::Title {
                    e.title_spans.push(spans);
                }
                for (w, pos) in joined {
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
        let global = |c: &Option<u32>| c.map(|c| first + c);
        e.tree
            .parent
            .extend(tree.parent[local.clone()].iter().map(global));
        e.tree
            .only_child
            .extend(tree.only_child[local].iter().map(global));
    }
    (e, vocab)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(e: &Entries, v: &Vocabulary) -> String {
        let words: Vec<String> = v
            .words
            .iter()
            .map(|w| format!("{}:{:?}", w.text, w.postings))
            .collect();
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{words:?}",
            e.nodes,
            e.datasets,
            e.forward,
            e.forward_start,
            e.lens,
            e.title_spans,
            e.codes,
            e.answers,
            e.tree.parent,
            e.tree.only_child
        )
    }

    #[test]
    fn the_index_built_in_two_halves_is_the_one_built_whole() {
        let map = crate::import::builtin();
        let whole = build_split(&map, None);
        assert!(whole.1.words.len() > 1000);
        // Split at a dataset's start, inside one, near either end.
        for k in [1, 200, 340, 341, 500, 656, halfway(&map)] {
            let (e2, v2) = build_split(&map, Some(k));
            assert_eq!(dump(&whole.0, &whole.1), dump(&e2, &v2), "split at {k}");
        }
        // Three datasets.
        let mut three = crate::import::builtin();
        three.datasets.push(three.datasets[0].clone());
        three.datasets[2].id = "terzo".into();
        // And an empty one among them.
        three.datasets.insert(1, crate::model::Dataset::default());
        let whole = build_split(&three, None);
        assert_eq!(whole.0.datasets[1], 340..340);
        for k in [340, 657, 700] {
            let (e2, v2) = build_split(&three, Some(k));
            assert_eq!(dump(&whole.0, &whole.1), dump(&e2, &v2), "split at {k}");
        }
        let h = halfway(&map);
        assert!(h > 100 && h < 600, "{h}");
    }
}

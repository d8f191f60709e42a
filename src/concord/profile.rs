//! What each entry says, as term vectors weighted by rarity: its title, its
//! whole text, its ancestors' titles and the words of who is responsible.

use super::terms::Vocabulary;
use super::tree::Tree;
use super::tuning::Tuning;
use super::vector::{MaxUnion, Terms};
use crate::model::{Dataset, Node};
use std::borrow::Cow;

/// One entry's vectors, each of unit length (or empty).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Title and name.
    pub head: Terms,
    /// Title and name, activities, input and output, and the titles of the
    /// children and grandchildren.
    pub full: Terms,
    /// The ancestors' titles, the parent's weighing most.
    pub context: Terms,
    /// Role (catalogue) or structures (annex; a sub-process: its actions').
    pub duty: Terms,
}

/// An entry's own words before weighting.
struct Own {
    head: Terms,
    body: Terms,
    duty: Terms,
}

/// The profiles of both datasets' nodes, by node index. Rarity is counted
/// over both datasets together, so a word common in one of them weighs
/// little in both.
pub fn profiles(sides: [(&Dataset, &Tree); 2], tuning: &Tuning) -> ([Vec<Profile>; 2], usize) {
    // The seeds have some 3,000 distinct words for 650 entries.
    let nodes = sides[0].0.nodes.len() + sides[1].0.nodes.len();
    let mut vocab = Vocabulary::with_capacity(1024 + 4 * nodes);
    let mut scratch = Scratch::default();
    let own: [Vec<Own>; 2] = sides.map(|(d, _)| {
        d.nodes
            .iter()
            .map(|n| own_words(n, &mut vocab, tuning, &mut scratch))
            .collect()
    });
    let content_idf = rarity(
        vocab.len(),
        own.iter().flatten().map(|o| [&o.head, &o.body]),
    );
    let duty_idf = rarity(vocab.len(), own.iter().flatten().map(|o| [&o.duty]));
    let mut out: [Vec<Profile>; 2] = Default::default();
    let mut union = MaxUnion::new(vocab.len());
    for (side, ((_, tree), own)) in sides.iter().zip(&own).enumerate() {
        out[side] = (0..own.len())
            .map(|i| {
                let mut p = assemble(i, tree, own, tuning, &mut union);
                p.head.weigh_and_normalise(&content_idf);
                p.full.weigh_and_normalise(&content_idf);
                p.context.weigh_and_normalise(&content_idf);
                p.duty.weigh_and_normalise(&duty_idf);
                p
            })
            .collect();
    }
    (out, vocab.len())
}

/// Buffers reused from one entry to the next.
#[derive(Default)]
struct Scratch {
    title: Vec<u32>,
    name: Vec<u32>,
    items: Vec<(u32, f32)>,
}

fn own_words<'a>(
    node: &'a Node,
    vocab: &mut Vocabulary<'a>,
    tuning: &Tuning,
    s: &mut Scratch,
) -> Own {
    s.title.clear();
    s.name.clear();
    vocab.terms_of(&node.title, |t| s.title.push(t));
    vocab.terms_of(&node.name, |t| s.name.push(t));
    // A name that repeats the title (or the title with the code before it)
    // counts once. Otherwise the entry is one of several variants of a
    // code, which share the title and differ by name: the name says which.
    let (title_weight, name_weight) = if contains(&s.title, &s.name) {
        (1.0, 0.0)
    } else if contains(&s.name, &s.title) {
        (0.0, 1.0)
    } else {
        (tuning.title_beside_name, 1.0)
    };
    s.items.clear();
    for (terms, weight) in [(&s.title, title_weight), (&s.name, name_weight)] {
        if weight > 0.0 {
            s.items.extend(terms.iter().map(|&t| (t, weight)));
        }
    }
    let head = Terms::from_occurrences(&mut s.items, tuning.repeats);
    let mut step_term = |t| s.items.push((t, tuning.activities));
    match node.activities.list() {
        Cow::Borrowed(steps) => {
            for step in steps {
                vocab.terms_of(step, &mut step_term);
            }
        }
        // Split from their cell just now: read, not remembered.
        Cow::Owned(steps) => {
            for step in &steps {
                vocab.terms_of_passing(step, &mut step_term);
            }
        }
    }
    for text in [&node.input, &node.output] {
        vocab.terms_of(text, |t| s.items.push((t, tuning.input_output)));
    }
    let body = Terms::from_occurrences(&mut s.items, tuning.repeats);
    vocab.terms_of(&node.role, |t| s.items.push((t, 1.0)));
    for st in &node.structures {
        for text in [&st.area, &st.servizio] {
            vocab.terms_of(text, |t| s.items.push((t, 1.0)));
        }
    }
    let duty = Terms::from_occurrences(&mut s.items, 0.0);
    Own { head, body, duty }
}

/// Whether `needle` occurs in `hay` as a run of consecutive terms.
fn contains(hay: &[u32], needle: &[u32]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Inverse document frequency, `ln(1 + N / df)`, of every term over the
/// documents given (each a few vectors read as one); 0 for a term none of
/// them has.
fn rarity<'a, const K: usize>(
    terms: usize,
    documents: impl Iterator<Item = [&'a Terms; K]>,
) -> Vec<f32> {
    let mut df = vec![0u32; terms];
    let mut seen = vec![u32::MAX; terms];
    let mut n = 0u32;
    for (doc, parts) in documents.enumerate() {
        let mut any = false;
        for (t, _) in parts.iter().flat_map(|p| p.iter()) {
            any = true;
            if seen[t as usize] != doc as u32 {
                seen[t as usize] = doc as u32;
                df[t as usize] += 1;
            }
        }
        n += any as u32;
    }
    df.iter()
        .map(|&d| {
            if d == 0 {
                0.0
            } else {
                (1.0 + n as f32 / d as f32).ln()
            }
        })
        .collect()
}

/// An entry's vectors from its own words and its relatives', before
/// weighting (`union`: any, left empty).
fn assemble(i: usize, tree: &Tree, own: &[Own], tuning: &Tuning, union: &mut MaxUnion) -> Profile {
    let head = own[i].head.clone();
    union.add(&head, 1.0);
    union.add(&own[i].body, 1.0);
    for &c in &tree.children[i] {
        let c = c as usize;
        union.add(&own[c].head, tuning.children);
        for &g in &tree.children[c] {
            union.add(&own[g as usize].head, tuning.children * tuning.children);
        }
    }
    let full = union.take();
    union.add(&own[i].duty, 1.0);
    for &c in &tree.children[i] {
        union.add(&own[c as usize].duty, 1.0);
    }
    let duty = union.take();
    let mut scale = 1.0;
    for a in tree.ancestors(i) {
        union.add(&own[a].head, scale);
        scale *= tuning.ancestors;
    }
    let context = union.take();
    Profile {
        head,
        full,
        context,
        duty,
    }
}

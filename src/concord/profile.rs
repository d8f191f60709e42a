//! What each entry says, as term vectors weighted by rarity: its title, its
//! whole text, its ancestors' titles and the words of who is responsible.

use super::terms::Vocabulary;
use super::tree::Tree;
use super::tuning::Tuning;
use super::vector::Terms;
use crate::model::{Dataset, Node};
use crate::text::fold;

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
pub fn profiles(sides: [(&Dataset, &Tree); 2], tuning: &Tuning) -> [Vec<Profile>; 2] {
    let mut vocab = Vocabulary::default();
    let own: [Vec<Own>; 2] = sides.map(|(d, _)| {
        d.nodes
            .iter()
            .map(|n| own_words(n, &mut vocab, tuning))
            .collect()
    });
    let content_idf = rarity(
        vocab.len(),
        own.iter().flatten().map(|o| [&o.head, &o.body]),
    );
    let duty_idf = rarity(vocab.len(), own.iter().flatten().map(|o| [&o.duty]));
    let mut out: [Vec<Profile>; 2] = Default::default();
    for (side, ((_, tree), own)) in sides.iter().zip(&own).enumerate() {
        out[side] = (0..own.len())
            .map(|i| {
                let mut p = assemble(i, tree, own, tuning);
                p.head.weigh_and_normalise(&content_idf);
                p.full.weigh_and_normalise(&content_idf);
                p.context.weigh_and_normalise(&content_idf);
                p.duty.weigh_and_normalise(&duty_idf);
                p
            })
            .collect();
    }
    out
}

fn own_words(node: &Node, vocab: &mut Vocabulary, tuning: &Tuning) -> Own {
    let mut head = Vec::new();
    let (title, name) = (fold(&node.title), fold(&node.name));
    if name.is_empty() || title.contains(&name) {
        vocab.terms_of(&node.title, |t| head.push((t, 1.0)));
    } else if name.contains(&title) {
        vocab.terms_of(&node.name, |t| head.push((t, 1.0)));
    } else {
        // Variants of one code share the title and differ by name: the
        // name says which one this is.
        vocab.terms_of(&node.title, |t| head.push((t, tuning.title_beside_name)));
        vocab.terms_of(&node.name, |t| head.push((t, 1.0)));
    }
    let mut body = Vec::new();
    for step in &node.activities {
        vocab.terms_of(step, |t| body.push((t, tuning.activities)));
    }
    for text in [&node.input, &node.output] {
        vocab.terms_of(text, |t| body.push((t, tuning.input_output)));
    }
    let mut duty = Vec::new();
    vocab.terms_of(&node.role, |t| duty.push((t, 1.0)));
    for s in &node.structures {
        for text in [&s.area, &s.servizio] {
            vocab.terms_of(text, |t| duty.push((t, 1.0)));
        }
    }
    Own {
        head: Terms::from_occurrences(head, tuning.repeats),
        body: Terms::from_occurrences(body, tuning.repeats),
        duty: Terms::from_weighted(duty),
    }
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

fn assemble(i: usize, tree: &Tree, own: &[Own], tuning: &Tuning) -> Profile {
    let head = own[i].head.clone();
    let mut full = head.clone();
    full.merge_max(&own[i].body, 1.0);
    let mut duty = own[i].duty.clone();
    for &c in &tree.children[i] {
        let c = c as usize;
        full.merge_max(&own[c].head, tuning.children);
        duty.merge_max(&own[c].duty, 1.0);
        for &g in &tree.children[c] {
            full.merge_max(&own[g as usize].head, tuning.children * tuning.children);
        }
    }
    let mut context = Terms::default();
    let mut scale = 1.0;
    for a in tree.ancestors(i) {
        context.merge_max(&own[a].head, scale);
        scale *= tuning.ancestors;
    }
    Profile {
        head,
        full,
        context,
        duty,
    }
}

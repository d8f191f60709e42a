//! `mappa search`: ranked entries for a few words.

use super::context::Context;
use crate::display::responsible;
use crate::report::node_json::{JsonNode, Nodes};
use crate::search::{Field, SearchIndex};
use crate::text::clean;
use serde::Serialize;
use std::io::Write;

/// A node as JSON with its rank data.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    node: JsonNode<'a>,
    score: f32,
    matched_field: Field,
}

/// Prints the results; false when nothing matched.
pub fn run(
    ctx: &Context,
    query: &str,
    dataset: Option<&str>,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let map = &ctx.map;
    let selected = super::select_datasets(map, dataset)?;
    let dataset_index =
        dataset.and_then(|_| map.datasets.iter().position(|d| d.id == selected[0].id));
    let mut index = SearchIndex::new(map);
    let hits = index.search(query, dataset_index);
    let hits = &hits[..hits.len().min(limit)];
    if json {
        // JSON nodes carry their links: computed only then.
        let links = super::links::load(ctx);
        let linked = Nodes::new(map, &links.concordance);
        let nodes: Vec<JsonHit> = hits
            .iter()
            .map(|h| JsonHit {
                node: linked.node(h.dataset, h.node),
                score: h.score,
                matched_field: h.matched_field,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &nodes)?;
        writeln!(out)?;
        return Ok(!hits.is_empty());
    }
    for h in hits {
        let ds = &map.datasets[h.dataset];
        let node = &ds.nodes[h.node];
        let code = match (&node.code, &node.parent_code) {
            (Some(c), _) => c.clone(),
            (None, Some(p)) => format!("{p} ›").into(),
            (None, None) => "—".into(),
        };
        let who = responsible(node);
        writeln!(out, "{code:<12} {}", clean(&node.title))?;
        writeln!(
            out,
            "{:<12} {} · {} · trovato in: {}",
            "",
            if who.is_empty() {
                "—".to_string()
            } else {
                who
            },
            ds.id,
            h.matched_field.name()
        )?;
    }
    Ok(!hits.is_empty())
}

//! `mappa search`: ranked entries for a few words.

use crate::concord::Concordance;
use crate::display::responsible;
use crate::model::Map;
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
    map: &Map,
    query: &str,
    dataset: Option<&str>,
    limit: usize,
    json: bool,
    // Computed only for JSON, whose nodes carry their links.
    concordance: &dyn Fn() -> Concordance,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let selected = super::select_datasets(map, dataset)?;
    let dataset_index =
        dataset.and_then(|_| map.datasets.iter().position(|d| d.id == selected[0].id));
    let mut index = SearchIndex::new(map);
    let hits = index.search(query, dataset_index);
    let hits = &hits[..hits.len().min(limit)];
    if json {
        let concordance = concordance();
        let linked = Nodes::new(map, &concordance);
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

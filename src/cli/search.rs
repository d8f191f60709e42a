//! `mappa search`: ranked entries for a few words.
//!
//! Results go to `out`; notes for the person go to `err`: that the query
//! was cut short, that the results match only some of the words
//! (partial matches still exit 0), or, when no word matches anything, the
//! nearest words the map has.

use super::answer;
use super::args::{DatasetArg, MapArgs, StoreArgs, TextOutput};
use super::context::Context;
use crate::concord::Concordance;
use crate::i18n::cli::{Label as L, Message};
use crate::report::node_json::{JsonNode, Nodes};
use crate::search::{Field, SearchIndex, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
use crate::text::clean;
use serde::Serialize;
use std::io::Write;

/// Suggestions offered when nothing matches.
const SUGGESTIONS: usize = 5;

/// `mappa search QUERY`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// The words to look for (or a code: it lists that code and what is
    /// below it).
    pub query: String,
    #[command(flatten)]
    pub dataset: DatasetArg,
    /// At most this many results (1 or more; 0 is refused as bad input).
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// As JSON: the nodes, each with `score`, `matched_field`,
    /// `matched_words` and `query_words`.
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// A node as JSON with its rank data.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    node: JsonNode<'a>,
    score: f32,
    matched_field: Field,
    /// How many of the query's words this entry matches.
    matched_words: usize,
    /// How many words the query has (after the cap, without function words).
    query_words: usize,
}

/// What a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Results were printed (perhaps partial ones).
    Found,
    /// No word of the query matches anything (the reason is on `err`).
    Nothing,
}

/// Prints the results of `query` on `out` (at most `limit`, which the
/// command line keeps at 1 or more) and the notes on `err`.
pub fn run(
    ctx: &Context,
    query: &str,
    dataset: Option<&str>,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let lang = ctx.lang();
    let map = &ctx.map;
    let selected = super::select_datasets(map, dataset)?;
    let dataset_index =
        dataset.and_then(|_| map.datasets.iter().position(|d| d.id == selected[0].id));
    let mut index = SearchIndex::new(map);
    let result = index.search(query, dataset_index);
    if result.truncated {
        let cut = Message::QueryTruncated {
            chars: MAX_QUERY_CHARS,
            words: MAX_QUERY_WORDS,
        };
        writeln!(err, "mappa: {}", cut.text(lang))?;
    }
    if result.hits.is_empty() {
        // Shown text is capped like the query itself: a pasted page is not echoed back.
        let shown: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
        let near = index.suggest(query, dataset_index, SUGGESTIONS);
        let nothing = Message::NothingMatches {
            query: clean(&shown).into_owned(),
            near: near.iter().map(|w| clean(w).into_owned()).collect(),
        };
        writeln!(err, "mappa: {}", nothing.text(lang))?;
        if json {
            writeln!(out, "[]")?;
        }
        return Ok(Outcome::Nothing);
    }
    if let Some((matched, total)) = result.partial {
        writeln!(
            err,
            "mappa: {}",
            Message::PartialResults { matched, total }.text(lang)
        )?;
    }
    let hits = &result.hits[..result.hits.len().min(limit)];
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
                matched_words: h.matched_words,
                query_words: result.query_words,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &nodes)?;
        writeln!(out)?;
        // A one-shot command: the system takes the memory back at exit
        // faster than the index is dropped piece by piece.
        std::mem::forget(index);
        return Ok(Outcome::Found);
    }
    // Every hit gets a name: an entry naming no one shows who answers for
    // it, and the links are computed only when one of them needs them.
    let none = Concordance::default();
    let unlinked = Nodes::new(map, &none);
    let loaded;
    let nodes = if hits
        .iter()
        .any(|h| answer::needs_links(&unlinked, h.dataset, h.node))
    {
        loaded = super::links::load(ctx).concordance;
        Nodes::new(map, &loaded)
    } else {
        unlinked
    };
    for h in hits {
        let ds = &map.datasets[h.dataset];
        let node = &ds.nodes[h.node];
        let code = match (&node.code, &node.parent_code) {
            (Some(c), _) => c.to_string(),
            (None, Some(p)) => format!("{p} ›"),
            (None, None) => "—".into(),
        };
        writeln!(out, "{:<12} {}", clean(&code), clean(&node.title))?;
        writeln!(
            out,
            "{:<12} {} · {} · {}: {}",
            "",
            answer::line(&nodes, h.dataset, h.node),
            clean(&ds.id),
            L::FoundIn.text(lang),
            h.matched_field.name()
        )?;
    }
    Ok(Outcome::Found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on_seeds(query: &str, json: bool) -> (Outcome, String, String) {
        // No store: the links are the computed ones.
        let mut config = crate::config::Config::defaults();
        config.review.value = Some(std::env::temp_dir().join("mappa-search-unit/none.sqlite"));
        let ctx = Context {
            map: crate::import::builtin().into(),
            today: crate::review::time::today(),
            stdout_is_terminal: false,
            config,
            user: None,
            data_files: Vec::new(),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = run(&ctx, query, None, 20, json, &mut out, &mut err).unwrap();
        (
            outcome,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn partial_matches_are_printed_with_a_note() {
        let (outcome, out, err) = run_on_seeds("protocollo pec zzyzx", false);
        assert_eq!(outcome, Outcome::Found);
        assert!(!out.is_empty());
        assert!(err.contains("risultati parziali (2 di 3)"), "{err}");
    }

    #[test]
    fn nothing_matching_suggests_the_nearest_words() {
        let (outcome, out, err) = run_on_seeds("protocolllllo", false);
        assert_eq!(outcome, Outcome::Nothing);
        assert!(out.is_empty());
        assert!(err.contains("forse cercavi: protocollo"), "{err}");
    }

    #[test]
    fn json_entries_say_how_many_words_they_match() {
        let (_, out, _) = run_on_seeds("protocollo pec zzyzx", true);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let first = &v[0];
        assert_eq!(first["matched_words"], 2);
        assert_eq!(first["query_words"], 3);
        assert!(first["score"].is_number() && first["matched_field"].is_string());
    }
}

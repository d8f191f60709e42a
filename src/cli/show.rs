//! `mappa show CODE`: every entry with that code, responsible first, and
//! under it the office the PTPC 2019 links give it.

use super::args::{DatasetArg, MapArgs, StoreArgs, TextOutput};
use super::context::Context;
use super::links::{describe, sureness};
use super::select_datasets;
use crate::concord::LinkStatus;
use crate::display::responsible;
use crate::i18n::cli::{Label as L, Message};
use crate::i18n::Lang;
use crate::model::Code;
use crate::model::Dataset;
use crate::report::node_json::{JsonNode, Nodes};
use crate::text::clean;
use std::io::Write;

/// `mappa show CODE`.
#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// A process code, e.g. A2.3.1.1 or c2.10.
    pub code: String,
    #[command(flatten)]
    pub dataset: DatasetArg,
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// What `show` found.
pub enum Outcome {
    Found,
    /// No entry has the code; these are the nearest existing codes.
    NotFound {
        nearest: Vec<String>,
    },
}

pub fn run(
    ctx: &Context,
    code: &str,
    dataset: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let links = super::links::load(ctx);
    let nodes = &Nodes::new(&ctx.map, &links.concordance);
    let map = nodes.map;
    let datasets = select_datasets(map, dataset)?;
    let wanted = Code::parse(code).ok_or_else(|| {
        super::BadInput(Message::NotACode {
            given: clean(code).into_owned(),
        })
    })?;
    let wanted_text = wanted.to_string();
    // (dataset index, node index) of every entry with the code.
    let hits: Vec<(usize, usize)> = map
        .datasets
        .iter()
        .enumerate()
        .filter(|(_, ds)| datasets.iter().any(|d| std::ptr::eq(*d, *ds)))
        .flat_map(|(d, ds)| ds.nodes.iter().enumerate().map(move |(i, n)| (d, i, n)))
        .filter(|(_, _, n)| n.code.as_deref() == Some(wanted_text.as_str()))
        .map(|(d, i, _)| (d, i))
        .collect();
    if hits.is_empty() {
        return Ok(Outcome::NotFound {
            nearest: nearest_codes(&datasets, &wanted),
        });
    }
    if json {
        let json: Vec<JsonNode> = hits.iter().map(|&(d, n)| nodes.node(d, n)).collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(Outcome::Found);
    }
    for (i, &(d, n)) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_node(out, nodes, d, n, hits.len(), ctx.lang())?;
    }
    Ok(Outcome::Found)
}

/// One entry in a readable layout; the responsible comes first because that
/// is what most people ask.
pub fn write_node(
    out: &mut dyn Write,
    nodes: &Nodes,
    dataset: usize,
    index: usize,
    variants: usize,
    lang: Lang,
) -> std::io::Result<()> {
    let ds = &nodes.map.datasets[dataset];
    let node = &ds.nodes[index];
    let code = node.code.as_deref().unwrap_or("—");
    let variant = if node.variant > 1 {
        format!(" · {} {}", L::Variant.text(lang), node.variant)
    } else {
        String::new()
    };
    let line = node.line.map_or_else(
        || L::Inferred.text(lang).to_string(),
        |l| format!("{} {l}", L::Line.text(lang)),
    );
    writeln!(
        out,
        "{code} · {}{variant} · {} ({line})",
        crate::i18n::kind(node.kind, lang),
        ds.id
    )?;
    if variants > 1 && variant.is_empty() {
        writeln!(out, "  ({})", Message::SameCode(variants).text(lang))?;
    }
    writeln!(out, "{}", clean(&node.title))?;
    writeln!(
        out,
        "  {:<12}  {}",
        L::Responsible.text(lang),
        super::answer::line(nodes, dataset, index)
    )?;
    write_links(out, nodes, dataset, index, lang)?;
    let field = |out: &mut dyn Write, label: &str, text: &str| -> std::io::Result<()> {
        if !text.is_empty() {
            writeln!(out, "  {label:<12} {}", clean(text))?;
        }
        Ok(())
    };
    if node.name != node.title {
        field(out, L::Name.text(lang), &node.name)?;
    }
    field(out, L::Input.text(lang), &node.input)?;
    field(out, L::Output.text(lang), &node.output)?;
    let steps = node.activities.list();
    if !steps.is_empty() {
        writeln!(out, "  {}", L::Activities.text(lang))?;
        for (i, a) in steps.iter().enumerate() {
            writeln!(out, "    {}. {}", i + 1, clean(a))?;
        }
    }
    let crumbs: Vec<String> = ds
        .ancestors(node)
        .iter()
        .map(|a| {
            a.code
                .as_ref()
                .map_or_else(|| clean(&a.title).into_owned(), |c| c.to_string())
        })
        .collect();
    if !crumbs.is_empty() {
        writeln!(out, "  {:<12} {}", L::Path.text(lang), crumbs.join(" › "))?;
    }
    let children = ds.children(&node.id).count();
    if children > 0 {
        writeln!(out, "  {:<12} {children}", L::Children.text(lang))?;
    }
    for d in &node.diagnostics {
        writeln!(out, "  ! {}", clean(d))?;
    }
    Ok(())
}

/// Under the responsible: for a catalogue entry, the office (PTPC 2019)
/// of each link it has, with the linked entry and how sure the link is;
/// for an annex entry, the catalogue entries linked to it.
fn write_links(
    out: &mut dyn Write,
    nodes: &Nodes,
    dataset: usize,
    index: usize,
    lang: Lang,
) -> std::io::Result<()> {
    let (map, concordance) = (nodes.map, nodes.concordance);
    let Some(pair) = concordance.pair() else {
        return Ok(());
    };
    let usable: Vec<_> = concordance
        .links(dataset, index)
        .iter()
        .filter(|l| l.status != LinkStatus::Respinto)
        .collect();
    if dataset == pair.catalogo {
        if usable.is_empty() {
            if concordance.linkable(dataset, index) {
                writeln!(
                    out,
                    "  {}  — {}",
                    L::OfficePtpc.text(lang),
                    L::NoMatchingEntry.text(lang)
                )?;
            }
            return Ok(());
        }
        let ptpc = &map.datasets[pair.ptpc];
        let floor = concordance.office_floor();
        let (giving, weak): (Vec<&crate::concord::Link>, Vec<&crate::concord::Link>) = usable
            .into_iter()
            .partition(|l| l.status == LinkStatus::Confermato || l.score >= floor);
        if giving.is_empty() {
            writeln!(
                out,
                "  {}  — {}",
                L::OfficePtpc.text(lang),
                L::TooWeakForOffice.text(lang)
            )?;
        } else {
            writeln!(out, "  {}", L::OfficePtpc.text(lang))?;
        }
        for l in giving {
            let offices = concordance.offices(map, pair.ptpc, l.node);
            let office = if offices.is_empty() {
                L::NoStructure.text(lang).to_string()
            } else {
                offices
                    .iter()
                    .map(|s| clean(&format!("{} / {}", s.area, s.servizio)).into_owned())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            // An office from a computed link is always said to be a guess.
            let label = match l.status {
                LinkStatus::Confermato => L::Confirmed.text(lang),
                _ => L::ToConfirm.text(lang),
            };
            writeln!(out, "    {office}  ({label})")?;
            writeln!(
                out,
                "      {}: {} {} ({})",
                L::Link.text(lang),
                clean(&ptpc.id),
                describe(ptpc, &ptpc.nodes[l.node]),
                sureness(l, lang)
            )?;
        }
        if !weak.is_empty() {
            writeln!(out, "    {}", L::WeakLinks.text(lang))?;
            for l in weak {
                writeln!(
                    out,
                    "      collegamento: {} {} ({})",
                    clean(&ptpc.id),
                    describe(ptpc, &ptpc.nodes[l.node]),
                    sureness(l, lang)
                )?;
            }
        }
    } else if !usable.is_empty() {
        let catalogo = &map.datasets[pair.catalogo];
        writeln!(out, "  {}", L::InCatalogue.text(lang))?;
        for l in usable {
            let linked = &catalogo.nodes[l.node];
            writeln!(
                out,
                "    {} ({})",
                describe(catalogo, linked),
                sureness(l, lang)
            )?;
            let who = responsible(linked);
            if !who.is_empty() {
                writeln!(out, "      {:<12}  {who}", L::Responsible.text(lang))?;
            }
        }
    }
    Ok(())
}

/// Up to five codes closest to `wanted`: longest shared prefix first, then
/// nearest depth, then natural order.
fn nearest_codes(datasets: &[&Dataset], wanted: &Code) -> Vec<String> {
    let mut codes: Vec<Code> = datasets
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter_map(|n| n.code.as_deref().and_then(Code::parse))
        .collect();
    codes.sort();
    codes.dedup();
    let shared = |c: &Code| {
        if c.letter != wanted.letter {
            return 0;
        }
        1 + c
            .segments()
            .iter()
            .zip(wanted.segments())
            .take_while(|(a, b)| a == b)
            .count()
    };
    codes.sort_by_key(|c| {
        (
            std::cmp::Reverse(shared(c)),
            (c.depth() as i64 - wanted.depth() as i64).abs(),
            *c,
        )
    });
    codes.into_iter().take(5).map(|c| c.to_string()).collect()
}

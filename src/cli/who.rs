//! `mappa who`: who is responsible for what. For an office, the entries
//! of the annex that name it and, apart, the catalogue entries the PTPC
//! 2019 links give it.

use super::answer;
use super::args::{DatasetArg, Formats, MapArgs, Output, StoreArgs};
use super::context::{Context, Target};
use super::links::{describe, sureness};
use crate::concord::{Concordance, LinkStatus};
use crate::display::responsible;
use crate::i18n::cli::Label as L;
use crate::i18n::who as msg;
use crate::i18n::Lang;
use crate::model::{Dataset, Map, Node};
use crate::report::node_json::{JsonNode, Nodes};
use crate::report::{csv_out, macro_of, markdown};
use crate::roles::topic::{self, Group, Via};
use crate::roles::{role_key, Children, Party, PartyKind, Responsibilities};
use crate::search::{Field, SearchIndex};
use crate::text::clean;
use std::cell::OnceCell;
use std::io::Write;

/// Groups and entries of a topic answer shown as text.
const GROUPS_SHOWN: usize = 6;
const MEMBERS_SHOWN: usize = 5;

/// `mappa who [NAME]`.
#[derive(Debug, Clone, clap::Args)]
pub struct WhoArgs {
    /// A role or office (fuzzy); without it, all of them with counts.
    pub name: Option<String>,
    #[command(flatten)]
    pub dataset: DatasetArg,
    #[command(flatten)]
    pub output: Output<WhoFormat>,
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WhoFormat {
    Text,
    Json,
    Md,
    Csv,
}

impl Formats for WhoFormat {
    const DEFAULT: &'static str = "text";
    const JSON: Self = WhoFormat::Json;
}

/// `mappa who` with no name: every party with its number of entries.
pub fn list(
    map: &Map,
    dataset: Option<&str>,
    format: WhoFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let json = format == WhoFormat::Json;
    let datasets = super::select_datasets(map, dataset)?;
    let resp = Responsibilities::new(map);
    if json {
        let parties: Vec<&Party> = resp
            .parties
            .iter()
            .filter(|p| datasets.iter().any(|d| d.id == p.dataset))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &parties)?;
        writeln!(out)?;
        return Ok(());
    }
    match format {
        WhoFormat::Csv => {
            let mut w = csv_out::Table::new(out, false)?;
            w.row(["dataset", "kind", "name", "entries", "spellings"])?;
            for ds in datasets {
                for p in resp.for_dataset(&ds.id) {
                    w.row([
                        p.dataset.as_str(),
                        p.kind.label(),
                        &p.name,
                        &p.count.to_string(),
                        &p.spellings.join(" | "),
                    ])?;
                }
            }
            w.finish()?;
        }
        WhoFormat::Md => {
            writeln!(out, "# Responsabili\n")?;
            for ds in datasets {
                writeln!(out, "## {}\n", markdown::md(&ds.id))?;
                writeln!(out, "| Responsabile | Tipo | Voci |\n|---|---|---|")?;
                for p in resp.for_dataset(&ds.id) {
                    writeln!(
                        out,
                        "| {} | {} | {} |",
                        markdown::md(&p.name),
                        p.kind.label(),
                        p.count
                    )?;
                }
                writeln!(out)?;
            }
        }
        WhoFormat::Text | WhoFormat::Json => {
            for ds in datasets {
                let parties: Vec<&Party> = resp.for_dataset(&ds.id).collect();
                writeln!(
                    out,
                    "{} — {} {}",
                    clean(&ds.id),
                    parties.len(),
                    L::Parties.text(lang)
                )?;
                for p in parties {
                    let also: Vec<&String> = p.spellings.iter().filter(|s| **s != p.name).collect();
                    let also = if also.is_empty() {
                        String::new()
                    } else {
                        let list: Vec<String> =
                            also.iter().map(|s| clean(s).into_owned()).collect();
                        format!("  ({}: {})", L::Also.text(lang), list.join("; "))
                    };
                    writeln!(
                        out,
                        "  {:>4}  {}  [{}]{also}",
                        p.count,
                        clean(&p.name),
                        p.kind.label()
                    )?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// The entries a party is responsible for, in tree order, deduplicated:
/// (dataset index, node index).
pub fn entries(map: &Map, parties: &[&Party]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in parties {
        let Some(di) = map.datasets.iter().position(|d| d.id == p.dataset) else {
            continue;
        };
        out.extend(p.nodes.iter().map(|&n| (di, n)));
    }
    // Sorted, then each once (looking each up in the list was quadratic:
    // a second for an office with 9,000 entries).
    out.sort_unstable();
    out.dedup();
    out
}

/// The offices among `parties` (areas and servizi) as the catalogue has
/// them through its links, and the catalogue entries so linked to them,
/// in tree order.
fn linked_entries(
    map: &Map,
    concordance: &Concordance,
    parties: &[&Party],
    dataset: Option<&str>,
) -> (Vec<Party>, Vec<(usize, usize)>) {
    let offices: Vec<(PartyKind, &str)> = parties
        .iter()
        .filter(|p| p.kind != PartyKind::Ruolo)
        .map(|p| (p.kind, p.key.as_str()))
        .collect();
    if offices.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let linked: Vec<Party> = Responsibilities::from_links(map, concordance)
        .parties
        .into_iter()
        .filter(|p| dataset.is_none_or(|d| p.dataset == d))
        .filter(|p| offices.contains(&(p.kind, p.key.as_str())))
        .collect();
    let refs: Vec<&Party> = linked.iter().collect();
    let found = entries(map, &refs);
    (linked, found)
}

/// `mappa who NAME`: the entries that name the party; for an office, then
/// the catalogue entries linked to it (text and Markdown; JSON and CSV
/// keep to the entries that name it, each JSON node with its links).
pub fn show(
    ctx: &Context,
    name: &str,
    dataset: Option<&str>,
    format: WhoFormat,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let json = format == WhoFormat::Json;
    let lang = ctx.lang();
    let map = &ctx.map;
    super::select_datasets(map, dataset)?;
    let resp = Responsibilities::new(map);
    // The index tells a typo from a word of the map, and answers a topic:
    // built only when one of them is asked.
    let index: OnceCell<SearchIndex> = OnceCell::new();
    let known = |w: &str| index.get_or_init(|| SearchIndex::new(map)).has_word(w);
    let parties = resp.find(name, dataset, &known);
    if parties.is_empty() {
        let index = index.into_inner().unwrap_or_else(|| SearchIndex::new(map));
        return by_topic(ctx, index, name, dataset, json, format, out);
    }
    let found = entries(map, &parties);
    // CSV has no links; every other answer does.
    let links = match (json, format) {
        (false, WhoFormat::Csv) => Concordance::default(),
        _ => super::links::load(ctx).concordance,
    };
    let nodes = &Nodes::new(map, &links);
    if json {
        let json: Vec<JsonNode> = found.iter().map(|&(d, n)| nodes.node(d, n)).collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(true);
    }
    let label = |p: &Party| {
        format!(
            "{} ({} · {})",
            clean(&p.name),
            p.kind.label(),
            clean(&p.dataset)
        )
    };
    let names: Vec<String> = parties.iter().map(|p| label(p)).collect();
    let as_entries = |list: &[(usize, usize)]| -> Vec<(&Dataset, &Node)> {
        list.iter()
            .map(|&(d, n)| (&map.datasets[d], &map.datasets[d].nodes[n]))
            .collect()
    };
    let (linked_parties, linked) = match format {
        WhoFormat::Csv => (Vec::new(), Vec::new()),
        _ => linked_entries(map, nodes.concordance, &parties, dataset),
    };
    let linked_names: Vec<String> = linked_parties.iter().map(label).collect();
    match format {
        WhoFormat::Text | WhoFormat::Json => {
            write_text(nodes, &found, &names, lang, out)?;
            if !linked.is_empty() {
                writeln!(out)?;
                writeln!(
                    out,
                    "{} — {}: {} {}",
                    L::FromPtpcLinks.text(lang),
                    linked_names.join(", "),
                    linked.len(),
                    L::Entries.text(lang)
                )?;
                write_linked(nodes, &linked, &linked_parties, lang, out)?;
            }
        }
        WhoFormat::Md => {
            markdown::write_entries(
                &as_entries(&found),
                &format!("Responsabilità: {}", names.join(", ")),
                out,
            )?;
            if !linked.is_empty() {
                writeln!(out)?;
                markdown::write_entries(
                    &as_entries(&linked),
                    &format!(
                        "Dai collegamenti con il PTPC 2019: {}",
                        linked_names.join(", ")
                    ),
                    out,
                )?;
            }
        }
        WhoFormat::Csv => csv_out::write_entries(&as_entries(&found), false, out)?,
    }
    Ok(true)
}

/// Names close to `name`, to suggest when nothing matched.
pub fn suggestions(map: &Map, name: &str, dataset: Option<&str>) -> Vec<String> {
    let resp = Responsibilities::new(map);
    let mut out: Vec<String> = Vec::new();
    for p in resp.suggest(name, dataset) {
        if !out.contains(&p.name) {
            out.push(p.name.clone());
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

fn write_text(
    nodes: &Nodes,
    found: &[(usize, usize)],
    names: &[String],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} {}",
        names.join(", "),
        found.len(),
        L::Entries.text(lang)
    )?;
    let mut last_group: Option<(&str, Option<&str>)> = None;
    for &(d, n) in found {
        let ds = &nodes.map.datasets[d];
        let node = &ds.nodes[n];
        let group = macro_of(ds, node);
        let key = (ds.id.as_str(), group.map(|g| g.id.as_str()));
        if last_group != Some(key) {
            let title = group.map_or_else(String::new, |g| {
                format!("{} {}", g.code.as_deref().unwrap_or(""), clean(&g.title))
            });
            writeln!(out, "\n{} · {}", clean(&ds.id), title.trim())?;
            last_group = Some(key);
        }
        // Actions have no code: show where they sit instead.
        let code = match (&node.code, &node.parent_code) {
            (Some(c), _) => c.to_string(),
            (None, Some(p)) => format!("{p} ›"),
            (None, None) => "—".into(),
        };
        writeln!(out, "  {code:<12} {}", clean(&node.title))?;
        writeln!(out, "  {:<12} {}", "", answer::line(nodes, d, n))?;
    }
    Ok(())
}

/// The catalogue entries linked to an office, grouped like the others,
/// each with the link that gives it the office and how sure it is.
fn write_linked(
    nodes: &Nodes,
    linked: &[(usize, usize)],
    offices: &[Party],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (map, concordance) = (nodes.map, nodes.concordance);
    let mut last_group: Option<(usize, Option<&str>)> = None;
    for &(d, n) in linked {
        let ds = &map.datasets[d];
        let node = &ds.nodes[n];
        let group = macro_of(ds, node);
        let key = (d, group.map(|g| g.id.as_str()));
        if last_group != Some(key) {
            let title = group.map_or_else(String::new, |g| {
                format!("{} {}", g.code.as_deref().unwrap_or(""), clean(&g.title))
            });
            writeln!(out, "\n{} · {}", clean(&ds.id), title.trim())?;
            last_group = Some(key);
        }
        let code = node.code.as_deref().unwrap_or("—");
        writeln!(out, "  {code:<12} {}", clean(&node.title))?;
        let who = responsible(node);
        if !who.is_empty() {
            writeln!(out, "  {:<12} {who}", "")?;
        }
        // The links that give the entry one of these offices.
        for l in concordance
            .links(d, n)
            .iter()
            .filter(|l| l.status != LinkStatus::Respinto)
        {
            let gives = concordance
                .offices(map, l.dataset, l.node)
                .iter()
                .any(|s| offices.iter().any(|o| names_office(o, s)));
            if gives {
                let other = &map.datasets[l.dataset];
                writeln!(
                    out,
                    "  {:<12} ← {} {} ({})",
                    "",
                    clean(&other.id),
                    describe(other, &other.nodes[l.node]),
                    sureness(l, lang)
                )?;
            }
        }
    }
    Ok(())
}

/// Whether a structure names the office `party` (area or servizio, by key).
fn names_office(party: &Party, s: &crate::model::Structure) -> bool {
    let cell = match party.kind {
        PartyKind::Area => &s.area,
        PartyKind::Servizio => &s.servizio,
        PartyKind::Ruolo => return false,
    };
    cell.split(['/', ';'])
        .any(|part| role_key(part.trim()) == party.key)
}

/// `mappa who TOPIC` when the words name no role or office: the entries
/// search finds, grouped by who handles them (see [`crate::roles::topic`]).
/// `Ok(false)` when search finds nothing either.
fn by_topic(
    ctx: &Context,
    mut index: SearchIndex,
    topic_words: &str,
    dataset: Option<&str>,
    json: bool,
    format: WhoFormat,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let map = &ctx.map;
    let lang = ctx.lang();
    // A question without a topic ("chi si occupa") has no answer.
    let words: Vec<String> = crate::text::words(topic_words).collect();
    if crate::text::only_question(&words) {
        return Ok(false);
    }
    let dataset_index = dataset.and_then(|d| map.datasets.iter().position(|x| x.id == d));
    let mut result = index.search(topic_words, dataset_index);
    // A word met only in a role's or an office's name names no topic: the
    // words named no party, so that match is a loose one ("economato" in
    // "Sviluppo economico").
    result
        .hits
        .retain(|h| !matches!(h.matched_field, Field::Role | Field::Structures));
    // Only entries with every word answer a topic: a partial match is as
    // loose as a name matched letter by letter.
    if result.hits.is_empty() || result.partial.is_some() {
        return Ok(false);
    }
    let links = super::links::load(ctx).concordance;
    let children: Vec<Children> = map.datasets.iter().map(Children::of).collect();
    let groups = topic::by_topic(map, &links, &children, &result.hits);
    if groups.is_empty() {
        return Ok(false);
    }
    let nodes = &Nodes::new(map, &links);
    // Every entry once, in the order of the groups.
    let mut order: Vec<(usize, usize)> = Vec::new();
    for g in &groups {
        for m in &g.members {
            if !order.contains(&(m.dataset, m.node)) {
                order.push((m.dataset, m.node));
            }
        }
    }
    let shown: String = topic_words.trim().chars().take(80).collect();
    let shown = clean(&shown);
    if json {
        let json: Vec<JsonNode> = order.iter().map(|&(d, n)| nodes.node(d, n)).collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(true);
    }
    let label = |g: &Group| {
        format!(
            "{} ({} · {})",
            clean(&g.name),
            if g.office {
                msg::office(lang)
            } else {
                msg::role(lang)
            },
            clean(&map.datasets[g.dataset].id)
        )
    };
    match format {
        WhoFormat::Text | WhoFormat::Json => {
            writeln!(out, "{}", msg::by_topic(&shown, lang))?;
            for g in groups.iter().take(GROUPS_SHOWN) {
                writeln!(out)?;
                writeln!(out, "{}: {}", label(g), msg::entries(g.members.len(), lang))?;
                for m in g.members.iter().take(MEMBERS_SHOWN) {
                    write_member(nodes, m, lang, out)?;
                }
                if g.members.len() > MEMBERS_SHOWN {
                    writeln!(
                        out,
                        "  {}",
                        msg::more(g.members.len() - MEMBERS_SHOWN, lang)
                    )?;
                }
            }
            if groups.len() > GROUPS_SHOWN {
                let rest: Vec<String> = groups[GROUPS_SHOWN..].iter().map(label).collect();
                writeln!(out, "\n{}: {}", msg::more_groups(lang), rest.join("; "))?;
            }
        }
        WhoFormat::Md => {
            let mut first = true;
            for g in &groups {
                if !first {
                    writeln!(out)?;
                }
                first = false;
                let entries: Vec<(&Dataset, &Node)> = g
                    .members
                    .iter()
                    .map(|m| {
                        (
                            &map.datasets[m.dataset],
                            &map.datasets[m.dataset].nodes[m.node],
                        )
                    })
                    .collect();
                markdown::write_entries(
                    &entries,
                    &format!("{}: {}", msg::md_title(&shown, lang), label(g)),
                    out,
                )?;
            }
        }
        WhoFormat::Csv => {
            let entries: Vec<(&Dataset, &Node)> = order
                .iter()
                .map(|&(d, n)| (&map.datasets[d], &map.datasets[d].nodes[n]))
                .collect();
            csv_out::write_entries(&entries, false, out)?;
        }
    }
    Ok(true)
}

/// One entry of a topic group: where it is, its title, who is responsible
/// for it and, when the group's party comes from its links, that it does.
fn write_member(
    nodes: &Nodes,
    m: &topic::Member,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let ds = &nodes.map.datasets[m.dataset];
    let node = &ds.nodes[m.node];
    let code = match (&node.code, &node.parent_code) {
        (Some(c), _) => c.to_string(),
        (None, Some(p)) => format!("{p} ›"),
        (None, None) => "—".into(),
    };
    writeln!(
        out,
        "  {:<9} {:<12} {}",
        clean(&ds.id),
        clean(&code),
        clean(&node.title)
    )?;
    let who = match m.via {
        Via::Links { confirmed } => format!(
            "{} · {}",
            responsible_or_answer(nodes, m.dataset, m.node),
            if confirmed {
                msg::links_confirmed(lang)
            } else {
                msg::links_auto(lang)
            }
        ),
        _ => responsible_or_answer(nodes, m.dataset, m.node),
    };
    writeln!(out, "  {:<9} {:<12} {who}", "", "")
}

fn responsible_or_answer(nodes: &Nodes, d: usize, n: usize) -> String {
    answer::line(nodes, d, n)
}

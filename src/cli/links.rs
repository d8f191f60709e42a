//! The concordance on the command line: `mappa link confirm|reject|add`
//! records the officer's decision on a pair, `mappa links` lists the whole
//! concordance with scores for review, and [`load`] gives every command
//! the links of the loaded map with the store's decisions applied.

use super::args::{ChangeArgs, MapArgs, StoreArgs, TextOutput};
use super::context::Context;
use super::resolve::{resolve_with, Pick};
use super::{BadInput, NotFound};
use crate::concord::{decisions, Concordance, Link, LinkStatus};
use crate::i18n::cli::{Label as L, Message};
use crate::i18n::Lang;
use crate::model::{Dataset, Map, Node};
use crate::report::node_json::{JsonLink, Nodes};
use crate::review::{all_keys, ReviewKey, StoreError, Verdict};
use crate::text::{clean, Shown};
use serde::Serialize;
use std::io::Write;

/// The concordance of the loaded map and what became of the store's
/// decisions.
pub struct Loaded {
    pub concordance: Concordance,
    /// Decisions naming entries the map no longer has (kept in the store).
    pub skipped: usize,
}

/// The links of the loaded map, computed once, with the decisions of the
/// store applied when there is one (opened read-only: nothing is created
/// or changed). A store that cannot be read is said on stderr and the
/// links are the computed ones: an answer is still given.
pub fn load(ctx: &Context) -> Loaded {
    // The built-in seeds' concordance is built into the binary.
    let builtin = ctx.data_files.is_empty();
    let mut concordance = builtin
        .then(|| Concordance::of_seeds(&ctx.map))
        .flatten()
        .unwrap_or_else(|| Concordance::compute(&ctx.map));
    let Some(pair) = concordance.pair() else {
        return Loaded {
            concordance,
            skipped: 0,
        };
    };
    // No data folder and no --review, or no store yet: no decisions to
    // read (and nothing to ask of the system about who is working).
    if ctx
        .store_path()
        .map_or(true, |(path, _)| matches!(path.try_exists(), Ok(false)))
    {
        return Loaded {
            concordance,
            skipped: 0,
        };
    }
    let stored = ctx
        .open_read()
        .and_then(|store| Ok(store.link_decisions()?));
    let stored = match stored {
        Ok(d) => d,
        Err(e) if is_missing(&e) => Vec::new(),
        Err(e) => {
            tracing::warn!(error = %super::error_text(&e, Lang::En), "link decisions unreadable");
            ctx.say(&Message::DecisionsUnreadable {
                error: Shown(&super::error_text(&e, ctx.lang())).to_string(),
            });
            Vec::new()
        }
    };
    if stored.is_empty() {
        return Loaded {
            concordance,
            skipped: 0,
        };
    }
    let keys = all_keys(&ctx.map);
    let resolved = decisions::resolve(&ctx.map, pair, &keys, &stored);
    concordance.apply(&resolved.decisions);
    Loaded {
        concordance,
        skipped: resolved.skipped,
    }
}

fn is_missing(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| matches!(c.downcast_ref::<StoreError>(), Some(StoreError::Missing(_))))
}

/// `mappa link …`: the officer's decisions on links, on the store (the
/// options of the store and of the map apply to every one).
#[derive(Debug, Clone, clap::Args)]
#[command(mut_args(super::args::to_every_subcommand))]
pub struct LinkArgs {
    #[command(subcommand)]
    pub command: LinkCommand,
    #[command(flatten)]
    pub change: ChangeArgs,
    #[command(flatten)]
    pub map: MapArgs,
}

/// `mappa link confirm|reject|add CATALOGO_TARGET PTPC_TARGET`, `mappa link reset ID`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum LinkCommand {
    /// The computed link is right: it is used as confirmed.
    Confirm(PairArgs),
    /// The computed link is wrong: it is never used.
    Reject(PairArgs),
    /// A link the computation did not find.
    Add(PairArgs),
    /// Forgets a decision (L4, as `mappa links --json` shows it): the pair
    /// is linked as computed again; the audit log keeps the decision.
    Reset {
        /// The decision (L4).
        id: crate::model::DecisionId,
        #[command(flatten)]
        output: TextOutput,
    },
}

/// The pair a decision is about.
#[derive(Debug, Clone, clap::Args)]
pub struct PairArgs {
    /// The catalogue entry: a code (D2.2.2.1) or an id (catalogo:A1.1.1.7~2).
    #[arg(value_name = "CATALOGO_TARGET")]
    pub catalogo: String,
    /// The PTPC 2019 entry: a code (D1.3.5) or an id (ptpc2019:L50, for actions).
    #[arg(value_name = "PTPC_TARGET")]
    pub ptpc: String,
    /// Which of several catalogue entries with that code (1, 2, ...).
    #[arg(long, value_name = "N")]
    pub variant: Option<u32>,
    /// Which of several PTPC 2019 entries with that code (1, 2, ...).
    #[arg(long, value_name = "N")]
    pub ptpc_variant: Option<u32>,
    #[command(flatten)]
    pub output: TextOutput,
    /// Record N decisions on the pair, alternating the verdict with its
    /// opposite and acknowledging each (durability tests).
    #[arg(long, hide = true)]
    pub repeat: Option<u32>,
}

/// One end of a recorded decision.
#[derive(Serialize)]
struct End<'a> {
    #[serde(flatten)]
    entry: JsonLink<'a>,
    key: &'a ReviewKey,
}

#[derive(Serialize)]
struct Recorded<'a> {
    id: crate::model::DecisionId,
    verdict: Verdict,
    catalogo: End<'a>,
    ptpc: End<'a>,
    updated_at: String,
    updated_by: &'a str,
}

pub fn link(ctx: &Context, command: &LinkCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let (verdict, args) = match command {
        LinkCommand::Confirm(a) => (Verdict::Confermato, a),
        LinkCommand::Reject(a) => (Verdict::Respinto, a),
        LinkCommand::Add(a) => (Verdict::Aggiunto, a),
        LinkCommand::Reset { id, output } => {
            let mut store = ctx.open_write()?;
            let d = store.reset_link(*id)?;
            if output.is_json() {
                serde_json::to_writer_pretty(&mut *out, &d)?;
                writeln!(out)?;
            } else {
                let message = Message::DecisionReset {
                    id: d.id.to_string(),
                    verdict: d.verdict.slug().to_string(),
                    catalogo: format!(
                        "{} {}",
                        clean(&d.catalogo.dataset),
                        clean(&d.catalogo.display())
                    ),
                    ptpc: format!("{} {}", clean(&d.ptpc.dataset), clean(&d.ptpc.display())),
                };
                writeln!(out, "{}", message.text(ctx.lang()))?;
            }
            return Ok(());
        }
    };
    let lang = ctx.lang();
    let map = &ctx.map;
    let Some(pair) = crate::concord::pair_of(map) else {
        return Err(BadInput(Message::NothingToLink).into());
    };
    // Everything is checked before anything is written.
    let (c_ds, c_node) = side(
        map,
        &args.catalogo,
        args.variant,
        pair.catalogo,
        pair.ptpc,
        0,
    )?;
    let (p_ds, p_node) = side(
        map,
        &args.ptpc,
        args.ptpc_variant,
        pair.ptpc,
        pair.catalogo,
        1,
    )?;
    let (c, p) = (
        &map.datasets[c_ds].nodes[c_node],
        &map.datasets[p_ds].nodes[p_node],
    );
    let (c_key, p_key) = (ReviewKey::of(map, c), ReviewKey::of(map, p));
    let computed = Concordance::compute(map);
    let was_linked = computed
        .links(c_ds, c_node)
        .iter()
        .any(|l| l.node == p_node);
    let mut store = ctx.open_write()?;
    if let Some(n) = args.repeat {
        let other = match verdict {
            Verdict::Respinto => Verdict::Confermato,
            _ => Verdict::Respinto,
        };
        for i in 1..=n {
            let verdict = if i % 2 == 1 { verdict } else { other };
            store.decide_link((&c_key, &c.title), (&p_key, &p.title), verdict)?;
            writeln!(out, "ok {i}")?;
            out.flush()?;
        }
        return Ok(());
    }
    let decision = store.decide_link((&c_key, &c.title), (&p_key, &p.title), verdict)?;
    let empty = Concordance::default();
    let nodes = Nodes::new(map, &empty);
    let end = |ds: usize, node: usize| {
        let link = Link {
            dataset: ds,
            node,
            score: computed.score(c_node, p_node),
            basis: crate::concord::Basis::Testo,
            status: match verdict {
                Verdict::Respinto => LinkStatus::Respinto,
                _ => LinkStatus::Confermato,
            },
        };
        nodes.link(&link).expect("a node of the map")
    };
    if args.output.is_json() {
        let recorded = Recorded {
            id: decision.id,
            verdict: decision.verdict,
            catalogo: End {
                entry: end(c_ds, c_node),
                key: &decision.catalogo,
            },
            ptpc: End {
                entry: end(p_ds, p_node),
                key: &decision.ptpc,
            },
            updated_at: crate::review::time::stamp(decision.updated_at),
            updated_by: &decision.updated_by,
        };
        serde_json::to_writer_pretty(&mut *out, &recorded)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        Message::DecisionRecorded {
            id: decision.id.to_string(),
            verdict: decision.verdict.slug().to_string(),
        }
        .text(lang)
    )?;
    writeln!(
        out,
        "  {:<9} {}",
        clean(&map.datasets[c_ds].id),
        describe(&map.datasets[c_ds], c)
    )?;
    writeln!(
        out,
        "  {:<9} {}",
        clean(&map.datasets[p_ds].id),
        describe(&map.datasets[p_ds], p)
    )?;
    match (verdict, was_linked) {
        (Verdict::Confermato, false) => writeln!(out, "  ({})", L::NotComputedSoAdded.text(lang))?,
        (Verdict::Respinto, false) => {
            writeln!(out, "  ({})", L::NotComputedNeverProposed.text(lang))?
        }
        _ => {}
    }
    Ok(())
}

/// The node `target` names in dataset `want` (`position` 0 for the
/// catalogue, 1 for the annex), or an error saying which side it is on.
fn side(
    map: &Map,
    target: &str,
    variant: Option<u32>,
    want: usize,
    other: usize,
    position: usize,
) -> anyhow::Result<(usize, usize)> {
    let wanted = &map.datasets[want];
    let wrong_side = |found_in: &Dataset| -> anyhow::Error {
        let (first, second) = match position {
            0 => (&wanted.id, &found_in.id),
            _ => (&found_in.id, &wanted.id),
        };
        BadInput(Message::WrongSide {
            target: Shown(target.trim()).to_string(),
            found_in: Shown(&found_in.id).to_string(),
            wanted: Shown(&wanted.id).to_string(),
            first: Shown(first).to_string(),
            second: Shown(second).to_string(),
        })
        .into()
    };
    let target = target.trim();
    if target.contains(':') {
        if let Some(i) = wanted.nodes.iter().position(|n| n.id == target) {
            return Ok((want, i));
        }
        if let Some(ds) = map.datasets.iter().find(|d| d.node(target).is_some()) {
            return Err(wrong_side(ds));
        }
        return Err(NotFound(Message::NoSuchId {
            id: Shown(target).to_string(),
        })
        .into());
    }
    let pick = |dataset: &Dataset| Pick {
        target: target.to_string(),
        dataset: Some(dataset.id.clone()),
        variant,
    };
    // The annex's variant has its own option here.
    let option = match position {
        0 => "--variant",
        _ => "--ptpc-variant",
    };
    match resolve_with(map, &pick(wanted), option) {
        Ok(node) => Ok((want, index_of(wanted, node))),
        Err(e)
            if e.is::<NotFound>()
                && resolve_with(map, &pick(&map.datasets[other]), option).is_ok() =>
        {
            Err(wrong_side(&map.datasets[other]))
        }
        Err(e) => Err(e),
    }
}

fn index_of(ds: &Dataset, node: &Node) -> usize {
    ds.nodes
        .iter()
        .position(|n| std::ptr::eq(n, node))
        .expect("a node of the dataset")
}

/// How an entry is named in these lists: its code (an action: the code it
/// sits in, then ›) and title, and its id where the code alone does not
/// name it (actions, variants) — the id is what `mappa link` takes then.
pub fn describe(ds: &Dataset, node: &Node) -> String {
    let code = match (&node.code, &node.parent_code) {
        (Some(c), _) => c.to_string(),
        (None, Some(p)) => format!("{p} ›"),
        (None, None) => "—".to_string(),
    };
    let plain_id = node
        .code
        .as_ref()
        .is_some_and(|c| node.id == format!("{}:{c}", ds.id));
    let id = if plain_id {
        String::new()
    } else {
        format!("  [{}]", clean(&node.id))
    };
    format!("{code} {}{id}", clean(&node.title))
}

/// How sure a link is, for people: "confermato", or the score and
/// "da confermare"; "respinto" for a rejected one.
pub fn sureness(link: &Link, lang: Lang) -> String {
    match link.status {
        LinkStatus::Confermato => L::Confirmed.text(lang).to_string(),
        LinkStatus::Respinto => L::Rejected.text(lang).to_string(),
        LinkStatus::Auto => format!("{:.2}, {}", link.score, L::ToConfirm.text(lang)),
    }
}

/// `mappa links`.
#[derive(Debug, Clone, clap::Args)]
pub struct LinksArgs {
    /// Only the entries with no link to use (none computed, or all rejected).
    #[arg(long)]
    pub unmatched: bool,
    /// The side to list: the catalogue (default) or the annex (ptpc2019).
    #[arg(long, value_name = "ID")]
    pub dataset: Option<String>,
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// An entry of `mappa links --json`.
#[derive(Serialize)]
struct Listed<'a> {
    dataset: &'a str,
    id: &'a str,
    code: Option<&'a str>,
    parent_code: Option<&'a str>,
    title: &'a str,
    kind: crate::model::Kind,
    links: Vec<JsonLink<'a>>,
    offices: Vec<crate::model::Structure>,
    /// The best candidate not among the links (for an entry without any,
    /// the one worth a look); null when nothing comes close.
    nearest: Option<JsonLink<'a>>,
}

pub fn links(ctx: &Context, args: &LinksArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang();
    let map = &ctx.map;
    let selected = super::select_datasets(map, args.dataset.as_deref())?;
    let Some(pair) = crate::concord::pair_of(map) else {
        return Err(BadInput(Message::NothingToLink).into());
    };
    let dataset = match &args.dataset {
        None => pair.catalogo,
        Some(_) => {
            let d = index_of_dataset(map, selected[0]);
            if d != pair.catalogo && d != pair.ptpc {
                return Err(BadInput(Message::NotInConcordance {
                    catalogo: Shown(&map.datasets[pair.catalogo].id).to_string(),
                    ptpc: Shown(&map.datasets[pair.ptpc].id).to_string(),
                    given: Shown(&map.datasets[d].id).to_string(),
                })
                .into());
            }
            d
        }
    };
    let loaded = load(ctx);
    let concordance = &loaded.concordance;
    let nodes = Nodes::new(map, concordance);
    let ds = &map.datasets[dataset];
    let listed: Vec<usize> = if args.unmatched {
        concordance.unmatched(dataset).collect()
    } else {
        (0..ds.nodes.len())
            .filter(|&n| !concordance.links(dataset, n).is_empty())
            .collect()
    };
    if args.output.is_json() {
        let entries: Vec<Listed> = listed
            .iter()
            .map(|&n| {
                let json = nodes.node(dataset, n);
                Listed {
                    dataset: &ds.id,
                    id: &json.node.id,
                    code: json.node.code.as_deref(),
                    parent_code: json.node.parent_code.as_deref(),
                    title: &json.node.title,
                    kind: json.node.kind,
                    links: json.links,
                    offices: json.offices,
                    nearest: concordance.nearest(dataset, n).and_then(|l| nodes.link(&l)),
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(());
    }
    for (i, &n) in listed.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let node = &ds.nodes[n];
        writeln!(
            out,
            "{} · {}",
            describe(ds, node),
            crate::i18n::kind(node.kind, lang).to_lowercase()
        )?;
        let links = concordance.links(dataset, n);
        for l in links {
            let other = &map.datasets[l.dataset];
            let status = match l.status {
                LinkStatus::Auto => L::ToConfirm.text(lang),
                LinkStatus::Confermato => L::Confirmed.text(lang),
                LinkStatus::Respinto => L::Rejected.text(lang),
            };
            writeln!(
                out,
                "  {:.2}  {status:<13}  {} {}",
                l.score,
                clean(&other.id),
                describe(other, &other.nodes[l.node])
            )?;
        }
        if concordance.best(dataset, n).is_none() {
            match concordance.nearest(dataset, n) {
                Some(l) => {
                    let other = &map.datasets[l.dataset];
                    writeln!(
                        out,
                        "  {} · {}: {:.2} {} {}",
                        L::NoLink.text(lang),
                        L::Nearest.text(lang),
                        l.score,
                        clean(&other.id),
                        describe(other, &other.nodes[l.node])
                    )?;
                }
                None => writeln!(
                    out,
                    "  {} · {} {}",
                    L::NoLink.text(lang),
                    L::NothingSimilarIn.text(lang),
                    clean(&map.datasets[other_side(pair, dataset)].id)
                )?,
            }
        }
    }
    if !listed.is_empty() {
        writeln!(out)?;
    }
    let unmatched = concordance.unmatched(dataset).count();
    let with_links = (0..ds.nodes.len())
        .filter(|&n| concordance.best(dataset, n).is_some())
        .count();
    let summary = Message::LinksSummary {
        dataset: clean(&ds.id).into_owned(),
        linked: with_links,
        unmatched,
        only_unmatched: args.unmatched,
    };
    writeln!(out, "{}", summary.text(lang))?;
    if loaded.skipped > 0 {
        writeln!(
            out,
            "{}",
            Message::DecisionsSkipped(loaded.skipped).text(lang)
        )?;
    }
    Ok(())
}

fn other_side(pair: crate::concord::Pair, dataset: usize) -> usize {
    if dataset == pair.catalogo {
        pair.ptpc
    } else {
        pair.catalogo
    }
}

fn index_of_dataset(map: &Map, ds: &Dataset) -> usize {
    map.datasets
        .iter()
        .position(|d| std::ptr::eq(d, ds))
        .expect("a dataset of the map")
}

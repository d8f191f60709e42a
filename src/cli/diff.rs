//! `mappa diff OLD NEW`: what changed between two versions of a map, as a
//! change log grouped by macro-process or as JSON (see
//! [`crate::import::diff`] for how entries are matched).

use super::args::{SheetArgs, TextOutput};
use super::context::Context;
use crate::i18n::diff::{texts, Texts};
use crate::i18n::Lang;
use crate::import::diff::{self, Change, ChangeKind, Field, MapDiff, Reason};
use crate::import::SheetOptions;
use crate::model::{Dataset, Kind, Map, Node};
use crate::text::{clean, Shown};
use anyhow::Context as _;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `mappa diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The earlier version: any map `--data` reads (a catalogo/ptpc2019
    /// source, a `mappa export --format json` file, a spreadsheet).
    pub old: PathBuf,
    /// The later version, read the same way.
    pub new: PathBuf,
    /// The dataset to compare, when a file holds several (a file holding
    /// one is compared whatever its id).
    #[arg(long, value_name = "ID")]
    pub dataset: Option<String>,
    /// As JSON: every entry's change.
    #[command(flatten)]
    pub output: TextOutput,
    /// List the diagnostics of both maps with the diff: a diff is only as
    /// good as the maps it reads.
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

/// Compares the two files and prints the diff. Bad input (a file that
/// cannot be read, a dataset neither holds) is an error: exit status 2.
pub fn run(
    ctx: &Context,
    args: &DiffArgs,
    opts: &SheetOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = ctx.lang();
    let t = texts(lang);
    let old_map = load(&args.old, opts, t.reading_old)?;
    let new_map = load(&args.new, opts, t.reading_new)?;
    let pairs = pairs(&old_map, &new_map, args.dataset.as_deref(), t)?;
    let diffs: Vec<(&Dataset, &Dataset, MapDiff)> = pairs
        .into_iter()
        .map(|(o, n)| (o, n, diff::diff(o, n)))
        .collect();
    if args.output.is_json() {
        write_json(&diffs, args.check, out)?;
    } else {
        let files = [name(&args.old), name(&args.new)];
        for (i, (o, n, d)) in diffs.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_text(o, n, d, &files, t, out)?;
        }
        if args.check {
            for (label, side) in [(t.diagnostics_old, 0), (t.diagnostics_new, 1)] {
                let datasets = diffs
                    .iter()
                    .map(|(o, n, _)| if side == 0 { *o } else { *n })
                    .cloned()
                    .collect();
                writeln!(out)?;
                writeln!(out, "{label} ({})", files[side])?;
                super::check::run(&Map { datasets }, false, lang, out)?;
            }
        }
    }
    Ok(())
}

fn load(path: &Path, opts: &SheetOptions, what: &str) -> anyhow::Result<Map> {
    let map =
        crate::import::load_with(&[path.to_path_buf()], opts).with_context(|| what.to_string())?;
    Ok(map)
}

fn name(path: &Path) -> String {
    Shown(&path.display().to_string()).to_string()
}

/// The datasets to compare, old with new: with `--dataset ID`, the one of
/// that id in each file (a file holding one: that one); without, a file's
/// only dataset with the other's, or else those of the same id in both.
fn pairs<'a>(
    old: &'a Map,
    new: &'a Map,
    dataset: Option<&str>,
    t: &Texts,
) -> anyhow::Result<Vec<(&'a Dataset, &'a Dataset)>> {
    let ids = |m: &Map| -> String {
        let ids: Vec<String> = m
            .datasets
            .iter()
            .map(|d| Shown(&d.id).to_string())
            .collect();
        if ids.is_empty() {
            t.none.to_string()
        } else {
            ids.join(", ")
        }
    };
    let pick = |m: &'a Map, id: &str| -> Option<&'a Dataset> {
        match m.datasets.as_slice() {
            [only] => Some(only),
            _ => m.dataset(id),
        }
    };
    if old.datasets.is_empty() || new.datasets.is_empty() {
        anyhow::bail!("{}", t.empty_file);
    }
    if let Some(id) = dataset {
        let known = old.dataset(id).is_some() || new.dataset(id).is_some();
        return match (known, pick(old, id), pick(new, id)) {
            (true, Some(o), Some(n)) => Ok(vec![(o, n)]),
            _ => anyhow::bail!(
                "{} \"{}\": {} {}; {} {}",
                t.unknown_dataset,
                Shown(id),
                t.old_holds,
                ids(old),
                t.new_holds,
                ids(new)
            ),
        };
    }
    if let ([o], [n]) = (old.datasets.as_slice(), new.datasets.as_slice()) {
        return Ok(vec![(o, n)]);
    }
    let both: Vec<(&Dataset, &Dataset)> = old
        .datasets
        .iter()
        .filter_map(|o| new.dataset(&o.id).map(|n| (o, n)))
        .collect();
    if both.is_empty() {
        anyhow::bail!(
            "{}: {} {}; {} {}",
            t.no_common_dataset,
            t.old_holds,
            ids(old),
            t.new_holds,
            ids(new)
        );
    }
    Ok(both)
}

// ---------------------------------------------------------------- JSON

#[derive(Serialize)]
struct JsonDiff<'a> {
    changes: Vec<JsonChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<JsonDiagnostics<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    dataset: &'a str,
    kind: ChangeKind,
    old: Vec<JsonEntry<'a>>,
    new: Vec<JsonEntry<'a>>,
    fields: &'a [Field],
    score: f32,
    reason: Option<String>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    code: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostics<'a> {
    old: Vec<&'a crate::model::Diagnostic>,
    new: Vec<&'a crate::model::Diagnostic>,
}

fn write_json(
    diffs: &[(&Dataset, &Dataset, MapDiff)],
    check: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // Reasons in Italian, the language of the maps themselves.
    let t = texts(Lang::It);
    let mut changes = Vec::new();
    for (o, n, d) in diffs {
        for c in &d.changes {
            changes.push(JsonChange {
                dataset: &n.id,
                kind: c.kind,
                old: entries(o, &c.old),
                new: entries(n, &c.new),
                fields: &c.fields,
                // Two decimals: more would claim a precision the score
                // does not have, and the bytes would vary with the float.
                score: (c.score * 100.0).round() / 100.0,
                reason: c.reason.map(|r| reason(o, n, r, t)),
            });
        }
    }
    let diagnostics = check.then(|| JsonDiagnostics {
        old: diffs.iter().flat_map(|(o, _, _)| &o.diagnostics).collect(),
        new: diffs.iter().flat_map(|(_, n, _)| &n.diagnostics).collect(),
    });
    serde_json::to_writer_pretty(
        &mut *out,
        &JsonDiff {
            changes,
            diagnostics,
        },
    )?;
    writeln!(out)?;
    Ok(())
}

fn entries<'a>(ds: &'a Dataset, idx: &[usize]) -> Vec<JsonEntry<'a>> {
    idx.iter()
        .map(|&i| {
            let n = &ds.nodes[i];
            JsonEntry {
                id: &n.id,
                code: n.code.as_deref(),
                title: &n.title,
            }
        })
        .collect()
}

// ---------------------------------------------------------------- text

/// The change log of one pair of datasets: a summary, then the changes
/// (all but `same`) under the macro-process they belong to.
fn write_text(
    old: &Dataset,
    new: &Dataset,
    d: &MapDiff,
    files: &[String; 2],
    t: &Texts,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let label = if old.id == new.id {
        clean(&new.id).into_owned()
    } else {
        format!("{} → {}", clean(&old.id), clean(&new.id))
    };
    writeln!(out, "{label}: {} → {}", files[0], files[1])?;
    let counts: Vec<String> = KINDS
        .iter()
        .map(|&k| (k, d.count(k)))
        .filter(|&(_, n)| n > 0)
        .map(|(k, n)| format!("{n} {}", t.counted(k, n)))
        .collect();
    writeln!(
        out,
        "{} {}, {} {}: {}",
        old.nodes.len(),
        t.entries_before,
        new.nodes.len(),
        t.entries_after,
        counts.join(", ")
    )?;
    if d.is_unchanged() {
        writeln!(out, "{}", t.no_changes)?;
        return Ok(());
    }
    // Groups in order of first appearance, each its changes in order.
    let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
    for c in d.changes.iter().filter(|c| c.kind != ChangeKind::Same) {
        let head = match (c.new.first(), c.old.first()) {
            (Some(&n), _) => heading(new, n),
            (None, Some(&o)) => heading(old, o),
            (None, None) => continue,
        };
        match groups.iter_mut().find(|(h, _)| *h == head) {
            Some((_, list)) => list.push(c),
            None => groups.push((head, vec![c])),
        }
    }
    for (head, list) in groups {
        writeln!(out)?;
        writeln!(out, "{head}")?;
        for c in list {
            write_change(old, new, c, t, out)?;
        }
    }
    Ok(())
}

/// The kinds in the order the summary counts them.
const KINDS: [ChangeKind; 8] = [
    ChangeKind::Same,
    ChangeKind::Changed,
    ChangeKind::Renamed,
    ChangeKind::Moved,
    ChangeKind::Split,
    ChangeKind::Merged,
    ChangeKind::Removed,
    ChangeKind::Added,
];

/// Width of the kind column of the change log.
const KIND_WIDTH: usize = 12;

fn write_change(
    old: &Dataset,
    new: &Dataset,
    c: &Change,
    t: &Texts,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let kind = t.kind(c.kind);
    let pad = " ".repeat(KIND_WIDTH + 2);
    let score = format!("{} {:.2}", t.score, c.score);
    let fields = || -> String {
        c.fields
            .iter()
            .map(|&f| t.field(f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c.kind {
        ChangeKind::Same => {}
        ChangeKind::Changed => {
            let n = &new.nodes[c.new[0]];
            writeln!(out, "  {kind:<KIND_WIDTH$}{}", entry(n))?;
            writeln!(out, "{pad}{}: {} · {score}", t.fields, fields())?;
        }
        ChangeKind::Renamed => {
            let (o, n) = (&old.nodes[c.old[0]], &new.nodes[c.new[0]]);
            writeln!(out, "  {kind:<KIND_WIDTH$}{}", entry(o))?;
            writeln!(out, "{pad}{} {}", t.now, clean(&n.title))?;
            writeln!(out, "{pad}{}: {} · {score}", t.fields, fields())?;
        }
        ChangeKind::Moved => {
            let (o, n) = (&old.nodes[c.old[0]], &new.nodes[c.new[0]]);
            let codes = match (&o.code, &n.code) {
                (Some(a), Some(b)) if a != b => format!("{a} → {b} "),
                (Some(a), _) => format!("{a} "),
                (None, Some(b)) => format!("{b} "),
                (None, None) => String::new(),
            };
            writeln!(out, "  {kind:<KIND_WIDTH$}{codes}{}", clean(&o.title))?;
            if o.title != n.title {
                writeln!(out, "{pad}{} {}", t.now, clean(&n.title))?;
            }
            if c.fields.contains(&Field::Parent) {
                let under = |ds: &Dataset, node: &Node| {
                    ds.ancestors(node)
                        .last()
                        .map_or_else(|| t.top.to_string(), |p| entry(p))
                };
                writeln!(
                    out,
                    "{pad}{} {} ({} {})",
                    t.under,
                    under(new, n),
                    t.was,
                    under(old, o)
                )?;
            }
            writeln!(out, "{pad}{}: {} · {score}", t.fields, fields())?;
        }
        ChangeKind::Split => {
            writeln!(out, "  {kind:<KIND_WIDTH$}{}", entry(&old.nodes[c.old[0]]))?;
            for &n in &c.new {
                writeln!(out, "{pad}→ {}", entry(&new.nodes[n]))?;
            }
            writeln!(out, "{pad}{score}")?;
        }
        ChangeKind::Merged => {
            for (i, &o) in c.old.iter().enumerate() {
                let lead = if i == 0 {
                    format!("  {kind:<KIND_WIDTH$}")
                } else {
                    format!("{pad}+ ")
                };
                writeln!(out, "{lead}{}", entry(&old.nodes[o]))?;
            }
            writeln!(out, "{pad}→ {}", entry(&new.nodes[c.new[0]]))?;
            writeln!(out, "{pad}{score}")?;
        }
        ChangeKind::Removed => {
            writeln!(out, "  {kind:<KIND_WIDTH$}{}", entry(&old.nodes[c.old[0]]))?;
        }
        ChangeKind::Added => {
            writeln!(out, "  {kind:<KIND_WIDTH$}{}", entry(&new.nodes[c.new[0]]))?;
        }
    }
    if let Some(r) = c.reason {
        writeln!(out, "{pad}{}", reason(old, new, r, t))?;
    }
    Ok(())
}

/// An entry as the change log names it: its code and title.
fn entry(n: &Node) -> String {
    match &n.code {
        Some(code) if n.title.trim().is_empty() => code.to_string(),
        Some(code) => format!("{code} {}", clean(&n.title)),
        None => clean(&n.title).into_owned(),
    }
}

/// Why a change is not what its code suggests, in words.
fn reason(old: &Dataset, new: &Dataset, r: Reason, t: &Texts) -> String {
    match r {
        Reason::CodeNowNames { new: n } => {
            let n = &new.nodes[n];
            format!(
                "{} {} {}: {}",
                t.the_code,
                n.code.as_deref().unwrap_or_default(),
                t.now_names,
                clean(&n.title)
            )
        }
        Reason::CodeNamedBefore { old: o } => {
            let o = &old.nodes[o];
            format!(
                "{} {} {}: {}",
                t.the_code,
                o.code.as_deref().unwrap_or_default(),
                t.named_before,
                clean(&o.title)
            )
        }
    }
}

/// The heading an entry's change goes under: its macro-process (itself,
/// or its nearest ancestor that is one; failing that, its topmost).
fn heading(ds: &Dataset, i: usize) -> String {
    let node = &ds.nodes[i];
    let chain = ds.ancestors(node);
    let top = std::iter::once(node)
        .chain(chain.iter().rev().copied())
        .find(|n| n.kind == Kind::MacroProcesso)
        .or_else(|| chain.first().copied())
        .unwrap_or(node);
    entry(top)
}

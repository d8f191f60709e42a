//! `mappa config`: the effective settings and where each came from.

use super::args::{ChangeArgs, TextOutput};
use super::context::Context;
use crate::i18n::cli::{source as source_text, Label as L};
use crate::text::Shown;
use std::io::Write;

/// `mappa config`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub change: ChangeArgs,
}

/// `files` are the configuration files looked for, in order.
pub fn run(
    ctx: &Context,
    json: bool,
    files: &crate::config::Files,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = ctx.lang();
    let c = &ctx.config;
    let (store, default) = ctx.store_path()?;
    let store_source = |lang| {
        if default {
            L::PersonalDefault.text(lang).to_string()
        } else {
            source_text(&c.review.source, lang)
        }
    };
    let identity = ctx.identity()?;
    if json {
        // Sources in English for scripts, whatever the language.
        let en = crate::i18n::Lang::En;
        let v = serde_json::json!({
            "files": c.files,
            "review": {"value": store, "source": store_source(en)},
            "read_only": {"value": c.read_only.value, "source": source_text(&c.read_only.source, en)},
            "lang": {"value": c.lang.value.code(), "source": source_text(&c.lang.source, en)},
            "ascii": {"value": c.ascii.value, "source": source_text(&c.ascii.source, en)},
            "account": identity.account,
            "user": identity.name,
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let shown: Vec<String> = c
        .files
        .iter()
        .map(|f| Shown(&f.display().to_string()).to_string())
        .collect();
    writeln!(
        out,
        "{}: {}",
        L::ConfigFilesRead.text(lang),
        if shown.is_empty() {
            L::NoneLower.text(lang).to_string()
        } else {
            shown.join(", ")
        }
    )?;
    writeln!(
        out,
        "  ({} {} {} {})",
        L::LookedFor.text(lang),
        Shown(&files.system.display().to_string()),
        L::And.text(lang),
        files
            .user
            .as_ref()
            .map_or("-".into(), |p| Shown(&p.display().to_string()).to_string())
    )?;
    let row =
        |out: &mut dyn Write, k: &str, v: String, s: String| writeln!(out, "{k:<10} {v}  [{s}]");
    row(
        out,
        "review",
        Shown(&store.display().to_string()).to_string(),
        store_source(lang),
    )?;
    row(
        out,
        "read_only",
        c.read_only.value.to_string(),
        source_text(&c.read_only.source, lang),
    )?;
    row(
        out,
        "lang",
        c.lang.value.code().to_string(),
        source_text(&c.lang.source, lang),
    )?;
    row(
        out,
        "ascii",
        c.ascii.value.to_string(),
        source_text(&c.ascii.source, lang),
    )?;
    writeln!(out, "{:<10} {}  [uid]", "account", Shown(&identity.account))?;
    if let Some(n) = &identity.name {
        writeln!(out, "{:<10} {}  [--user]", "user", Shown(n))?;
    }
    Ok(())
}

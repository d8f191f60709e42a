//! `mappa config`: the effective settings and where each came from.

use super::context::Context;
use crate::text::Shown;
use std::io::Write;

pub fn run(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let c = &ctx.config;
    let (store, default) = ctx.store_path()?;
    let store_source = if default {
        "default (personal data folder)".to_string()
    } else {
        c.review.source.to_string()
    };
    let identity = ctx.identity()?;
    if json {
        let v = serde_json::json!({
            "files": c.files,
            "review": {"value": store, "source": store_source},
            "read_only": {"value": c.read_only.value, "source": c.read_only.source.to_string()},
            "lang": {"value": c.lang.value, "source": c.lang.source.to_string()},
            "ascii": {"value": c.ascii.value, "source": c.ascii.source.to_string()},
            "account": identity.account,
            "user": identity.name,
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let files: Vec<String> = c
        .files
        .iter()
        .map(|f| Shown(&f.display().to_string()).to_string())
        .collect();
    writeln!(
        out,
        "file di configurazione letti: {}",
        if files.is_empty() {
            "nessuno".to_string()
        } else {
            files.join(", ")
        }
    )?;
    writeln!(
        out,
        "  (cercati in {} e {})",
        Shown(&crate::config::system_path().display().to_string()),
        crate::config::user_path()
            .map_or("-".into(), |p| Shown(&p.display().to_string()).to_string())
    )?;
    let row =
        |out: &mut dyn Write, k: &str, v: String, s: String| writeln!(out, "{k:<10} {v}  [{s}]");
    row(
        out,
        "review",
        Shown(&store.display().to_string()).to_string(),
        store_source,
    )?;
    row(
        out,
        "read_only",
        c.read_only.value.to_string(),
        c.read_only.source.to_string(),
    )?;
    row(out, "lang", c.lang.value.clone(), c.lang.source.to_string())?;
    row(
        out,
        "ascii",
        c.ascii.value.to_string(),
        c.ascii.source.to_string(),
    )?;
    writeln!(out, "{:<10} {}  [uid]", "account", Shown(&identity.account))?;
    if let Some(n) = &identity.name {
        writeln!(out, "{:<10} {}  [--user]", "user", Shown(n))?;
    }
    Ok(())
}

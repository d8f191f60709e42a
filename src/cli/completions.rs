//! `mappa completions SHELL`: the shell's completion script, generated from
//! the same clap definitions as the parser, so the two never drift.

use std::io::Write;

/// `mappa completions`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the script for `cmd` (the whole command line, `Args::command()`).
pub fn run(
    args: &CompletionsArgs,
    mut cmd: clap::Command,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // Generated in memory: clap_complete panics on a failed write, and a
    // reader that stops early is not a failure.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "mappa", &mut script);
    out.write_all(&script)?;
    Ok(())
}

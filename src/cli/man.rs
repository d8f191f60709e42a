//! `mappa man [-o DIR]`: the manual pages, generated from the same clap
//! definitions as the parser: `mappa.1`, and one page per subcommand
//! (`mappa-review.1`, `mappa-review-set.1`, …).

use super::BadInput;
use crate::i18n::cli::Message;
use std::io::Write;
use std::path::PathBuf;

/// `mappa man`.
#[derive(Debug, Clone, clap::Args)]
pub struct ManArgs {
    /// Write mappa.1 and a page for every subcommand into this folder
    /// (made if missing; pages already there are replaced). Without it,
    /// mappa.1 is written to standard output.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Writes the pages of `cmd` (the whole command line, `Args::command()`);
/// returns the files written (none for standard output).
pub fn run(
    args: &ManArgs,
    cmd: clap::Command,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<PathBuf>> {
    // `help` is an option on every page, not a page of its own.
    let mut cmd = cmd.disable_help_subcommand(true);
    // Names the subcommands `mappa-review`, `mappa-review-set`, ….
    cmd.build();
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        out.write_all(&page)?;
        return Ok(Vec::new());
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        BadInput(Message::CannotMakeFolder {
            path: dir.clone(),
            error: e.to_string(),
        })
    })?;
    let mut written = Vec::new();
    let mut pending = vec![cmd];
    while let Some(cmd) = pending.pop() {
        pending.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let man = clap_mangen::Man::new(cmd);
        let path = dir.join(man.get_filename());
        let mut page = Vec::new();
        man.render(&mut page)?;
        std::fs::write(&path, page).map_err(|e| {
            BadInput(Message::CannotWrite {
                path: path.clone(),
                error: e.to_string(),
            })
        })?;
        written.push(path);
    }
    written.sort();
    Ok(written)
}

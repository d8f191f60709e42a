//! What every subcommand needs besides its own arguments: the loaded map,
//! the effective settings, who is working, which store, and the files that
//! output must never replace.

use crate::config::Config;
use crate::i18n::cli::Message;
use crate::i18n::Lang;
use crate::model::Map;
use crate::report::output::{self, Protected};
use crate::review::{Identity, Store, StoreError};
use std::io::Write;
use std::path::PathBuf;

pub struct Context {
    /// Shared: the store keeps it with a round a change opens.
    pub map: std::sync::Arc<Map>,
    /// The day taken as today (`MAPPA_TODAY`, read once at start).
    pub today: jiff::civil::Date,
    /// Whether standard output is a terminal: documents written there pass
    /// the text boundary (files and pipes get them verbatim).
    pub stdout_is_terminal: bool,
    pub config: Config,
    /// `--user NAME`, recorded beside the OS account.
    pub user: Option<String>,
    /// The files given with `--data`.
    pub data_files: Vec<PathBuf>,
}

impl Context {
    /// The language of messages and of text output.
    pub fn lang(&self) -> Lang {
        self.config.lang.value
    }

    /// Says `message` on stderr, in the user's language.
    pub fn say(&self, message: &Message) {
        super::say(self.lang(), message);
    }

    /// The store in use and whether it is the default (personal) one, whose
    /// folder may be created.
    pub fn store_path(&self) -> anyhow::Result<(PathBuf, bool)> {
        match &self.config.review.value {
            Some(p) => Ok((p.clone(), false)),
            None => Store::default_path()
                .map(|p| (p, true))
                .ok_or_else(|| super::BadInput(Message::NoDataFolder).into()),
        }
    }

    pub fn identity(&self) -> anyhow::Result<Identity> {
        Ok(Identity::with_name(self.user.as_deref())?)
    }

    /// For read commands: never creates or changes a file.
    pub fn open_read(&self) -> anyhow::Result<Store> {
        let (path, _) = self.store_path()?;
        let mut store = Store::open_read(&path, self.identity()?)?;
        store.set_today(self.today);
        store.set_map(std::sync::Arc::clone(&self.map));
        tracing::debug!(path = %path.display(), read_only = true, "store opened");
        Ok(store)
    }

    /// For changes: refused under `--read-only`.
    pub fn open_write(&self) -> anyhow::Result<Store> {
        let (path, default) = self.store_path()?;
        if self.config.read_only.value {
            return Err(StoreError::ReadOnly {
                path,
                why: Message::ReadOnlyFrom(self.config.read_only.source.clone()).text(self.lang()),
            }
            .into());
        }
        let mut store = Store::open_write(&path, self.identity()?, default)?;
        store.set_today(self.today);
        store.set_map(std::sync::Arc::clone(&self.map));
        tracing::debug!(path = %path.display(), read_only = false, "store opened");
        Ok(store)
    }

    /// What `-o` must never replace: the store, the loaded maps.
    pub fn protected(&self) -> Protected {
        Protected {
            store: self.store_path().ok().map(|(p, _)| p),
            maps: self.data_files.clone(),
        }
    }

    /// Writes what `render` produces to `-o FILE` (checked before any work,
    /// written atomically) or to `out`.
    pub fn emit(
        &self,
        target: &Target,
        out: &mut dyn Write,
        render: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        match &target.path {
            None if self.stdout_is_terminal => {
                let mut buf = Vec::new();
                render(&mut buf)?;
                let text = String::from_utf8_lossy(&buf);
                out.write_all(crate::text::clean_multiline(&text).as_bytes())?;
                Ok(())
            }
            None => render(out),
            Some(path) => {
                let protected = self.protected();
                output::check(path, target.force, &protected)?;
                let mut buf = Vec::new();
                render(&mut buf)?;
                output::write(path, &buf, target.force, &protected)?;
                tracing::info!(path = %path.display(), bytes = buf.len(), "output written");
                self.say(&Message::Written(path.clone()));
                Ok(())
            }
        }
    }
}

/// Where output goes: `-o FILE` (and `--force` to replace it) or stdout.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Target {
    /// Write to this file instead of standard output (never over an
    /// existing file without --force, never over the review store).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub path: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "path")]
    pub force: bool,
}

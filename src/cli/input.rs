//! Texts given on the command line: as the option's value, `-` for
//! standard input, or `--…-file FILE`; each read whole, as UTF-8, and
//! refused past the store's limit before anything is written.

use super::BadInput;
use crate::i18n::cli::{Message, TextSource};
use crate::review::limits::MAX_TEXT;
use crate::text::Shown;
use anyhow::bail;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Standard input is read once per command: a second `-` has nothing left.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// The most bytes read for one text: `MAX_TEXT` characters of four bytes,
/// and one more to know there is more.
const MAX_BYTES: u64 = (MAX_TEXT as u64) * 4 + 1;

/// The text for option `--name`: its value (`-` reads standard input) or
/// the file given with `--name-file`; none when neither is given.
pub fn text(
    name: &str,
    value: Option<String>,
    file: Option<&Path>,
) -> anyhow::Result<Option<String>> {
    let text = match (value, file) {
        (Some(_), Some(_)) => bail!(BadInput(Message::TextTwice {
            option: name.into()
        })),
        (Some(v), None) if v == "-" => Some(from_stdin(name)?),
        (Some(v), None) => Some(v),
        (None, Some(f)) => Some(from_file(name, f)?),
        (None, None) => None,
    };
    if let Some(t) = &text {
        let chars = t.chars().take(MAX_TEXT + 1).count();
        if chars > MAX_TEXT {
            bail!(too_long(name));
        }
    }
    Ok(text)
}

fn too_long(name: &str) -> BadInput {
    BadInput(Message::TextTooLong {
        option: name.into(),
        max: MAX_TEXT,
    })
}

fn from_stdin(name: &str) -> anyhow::Result<String> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        bail!(BadInput(Message::StdinTaken {
            option: name.into()
        }));
    }
    read_limited(std::io::stdin().lock(), name, TextSource::Stdin)
}

fn from_file(name: &str, path: &Path) -> anyhow::Result<String> {
    let shown = Shown(&path.display().to_string()).to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        BadInput(Message::TextFileUnreadable {
            option: name.into(),
            path: shown.clone(),
            error: e.to_string(),
        })
    })?;
    read_limited(file, name, TextSource::File(shown))
}

fn read_limited(reader: impl Read, name: &str, from: TextSource) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_BYTES).read_to_end(&mut bytes) {
        bail!(BadInput(Message::TextUnreadable {
            option: name.into(),
            from,
            error: e.to_string(),
        }));
    }
    if bytes.len() as u64 >= MAX_BYTES {
        bail!(too_long(name));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        BadInput(Message::TextNotUtf8 {
            option: name.into(),
            from,
            byte: e.utf8_error().valid_up_to() + 1,
        })
    })?;
    // A text from a pipe or a file ends with the line end of its last line.
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

/// A `--…-file` option's value.
pub type TextFile = Option<PathBuf>;

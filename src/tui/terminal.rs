//! The real terminal: checking there is one, taking it (raw mode, the
//! alternate screen, the mouse, bracketed paste) and always giving it back —
//! on quit, on a panic, on SIGTERM and when an SSH link drops.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use std::io::{IsTerminal, Write};

/// Gives the terminal back: main screen, cooked mode, cursor, no mouse.
/// Safe to call more than once and when the terminal is gone.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Takes the terminal for the explorer.
pub fn take() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// A panic must not leave the terminal in raw mode.
pub fn restore_on_panic() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
}

/// The explorer needs a terminal on both ends that can move the cursor;
/// scripts and dumb terminals (`TERM=dumb`, `dumb`) get the command line.
pub fn ensure(dumb: bool) -> anyhow::Result<()> {
    use crate::i18n::cli::Message;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(Message::NeedsTerminal);
    }
    if dumb {
        anyhow::bail!(Message::NeedsCursor);
    }
    Ok(())
}

/// Whether the terminal on standard input hung up (an SSH link dropped).
pub fn hung_up() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

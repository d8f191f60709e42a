//! Copy to the clipboard of the terminal the user sits at, even over SSH:
//! the OSC 52 escape sequence, wrapped for tmux when needed.

use base64::Engine;

/// The OSC 52 sequence that puts `text` on the system clipboard. Inside tmux
/// it is wrapped in a DCS passthrough so it reaches the outer terminal.
pub fn osc52(text: &str, inside_tmux: bool) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let seq = format!("\x1b]52;c;{encoded}\x07");
    if inside_tmux {
        // In a passthrough every ESC of the payload is doubled.
        format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
    } else {
        seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_tmux_sequences() {
        assert_eq!(osc52("A1", false), "\x1b]52;c;QTE=\x07");
        assert_eq!(osc52("A1", true), "\x1bPtmux;\x1b\x1b]52;c;QTE=\x07\x1b\\");
    }
}

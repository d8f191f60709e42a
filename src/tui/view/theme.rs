//! Glyphs (with an ASCII set for `--ascii`) and styles (with and without
//! colour). Without colour everything still reads: the selection is
//! reverse video and matches are bold and underlined.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

pub struct Glyphs {
    pub open: &'static str,
    pub closed: &'static str,
    pub leaf: &'static str,
    pub crumb: &'static str,
    pub cursor: &'static str,
    pub prompt: &'static str,
    pub dot: &'static str,
    pub warn: &'static str,
    /// Review status markers: in esame, esaminato, da approfondire.
    pub status: [&'static str; 3],
    /// Before an entry with risk events recorded.
    pub events: &'static str,
    pub border: border::Set<'static>,
    pub ascii: bool,
}

pub const UNICODE: Glyphs = Glyphs {
    open: "▼ ",
    closed: "▶ ",
    leaf: "• ",
    crumb: " › ",
    cursor: "▏",
    prompt: "> ",
    dot: " · ",
    warn: "⚠ ",
    status: ["◐ ", "✓ ", "! "],
    events: "◆ ",
    border: border::PLAIN,
    ascii: false,
};

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub const ASCII: Glyphs = Glyphs {
    open: "v ",
    closed: "> ",
    leaf: "- ",
    crumb: " > ",
    cursor: "_",
    prompt: "> ",
    dot: " - ",
    warn: "! ",
    status: ["~ ", "v ", "! "],
    events: "* ",
    border: ASCII_BORDER,
    ascii: true,
};

impl Glyphs {
    /// Key hints and help keys without arrows for terminals without them.
    pub fn text(&self, text: &str) -> String {
        if !self.ascii {
            return text.to_string();
        }
        text.replace('↑', "Up")
            .replace('↓', "Dn")
            .replace('←', "Lt")
            .replace('→', "Rt")
            .replace('·', "-")
            .replace('›', ">")
            .replace('—', "-")
    }
}

pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn code(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Cyan)
        } else {
            s
        }
    }
    pub fn matched(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Yellow)
        } else {
            s.add_modifier(Modifier::UNDERLINED)
        }
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    // Labels and the selection use as few attributes as read well: every
    // attribute change is bytes on an SSH link.
    pub fn label(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Green)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn focused_border(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn warning(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

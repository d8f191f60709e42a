//! A terminal backend that sends fewer bytes. Over a slow SSH link every
//! byte of a redraw counts, and moving the selection one row should cost
//! about what the rows that changed say:
//!
//! - where ratatui's diff leaves a short gap of unchanged cells between two
//!   changes on a row, those cells are written again instead of moving the
//!   cursor (a move costs 4–8 bytes, a cell usually one);
//! - a run of cells that become blank is erased in place (ECH, `CSI n X`,
//!   which leaves the cells after it alone: a pane's border survives)
//!   instead of being written as spaces;
//! - each change of style is one SGR sequence, the shorter of the change
//!   itself and a reset with the new style, colours 0–15 as their short
//!   codes (`36`, not `38;5;6`); the style is reset once at the end of a
//!   frame, and only if it is not already the default;
//! - the cursor moves forward on its row with `CSI n C` when that is
//!   shorter than an absolute move, and is hidden only when it is shown.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Gaps up to this many cells are filled rather than jumped.
const MAX_GAP: u16 = 7;

/// Blank runs shorter than this are written as spaces: erasing and moving
/// past them costs about as much.
const MIN_ERASE: usize = 6;

pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, row-major, as far as we have drawn it.
    shadow: Vec<Cell>,
    width: u16,
    /// Whether the cursor is known to be hidden.
    hidden: bool,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            shadow: Vec::new(),
            width: 0,
            hidden: false,
        }
    }

    fn shadow_cell(&self, x: u16, y: u16) -> Option<&Cell> {
        if x >= self.width {
            return None;
        }
        self.shadow
            .get(y as usize * self.width as usize + x as usize)
    }

    fn reset_shadow(&mut self) {
        let size = self.inner.size().unwrap_or_default();
        self.width = size.width;
        self.shadow = vec![Cell::default(); size.width as usize * size.height as usize];
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.inner.size()?;
        if size.width != self.width
            || self.shadow.len() != size.width as usize * size.height as usize
        {
            self.reset_shadow();
        }
        let changes: Vec<(u16, u16, &Cell)> = content.collect();
        let mut filled: Vec<(u16, u16, Cell)> = Vec::with_capacity(changes.len());
        let mut prev: Option<(u16, u16)> = None;
        for &(x, y, cell) in &changes {
            if let Some((px, py)) = prev {
                let gap = x.saturating_sub(px + 1);
                if py == y && x > px + 1 && gap <= MAX_GAP {
                    // Only narrow, plain cells can be rewritten safely.
                    let gap_cells: Option<Vec<Cell>> = (px + 1..x)
                        .map(|gx| {
                            self.shadow_cell(gx, y)
                                .filter(|c| c.symbol().width() == 1)
                                .cloned()
                        })
                        .collect();
                    if let Some(cells) = gap_cells {
                        for (i, c) in cells.into_iter().enumerate() {
                            filled.push((px + 1 + i as u16, y, c));
                        }
                    }
                }
            }
            filled.push((x, y, cell.clone()));
            prev = Some((x + cell.symbol().width().max(1) as u16 - 1, y));
        }
        for (x, y, cell) in &filled {
            let i = *y as usize * self.width as usize + *x as usize;
            if *x < self.width && i < self.shadow.len() {
                self.shadow[i] = cell.clone();
            }
        }
        let bytes = encode(&filled);
        self.inner.write_all(&bytes)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        // Every frame asks: only the first time is sent.
        if self.hidden {
            return Ok(());
        }
        self.hidden = true;
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.hidden = false;
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.reset_shadow();
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if clear_type == ClearType::All {
            self.reset_shadow();
        } else {
            // Partial clears are not tracked: forget the screen so no gap is
            // filled from stale cells.
            self.shadow.iter_mut().for_each(|c| *c = Cell::new("\u{0}"));
        }
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// The style the terminal draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// A blank cell in the default style: erasing gives the same.
fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell) == Pen::default()
}

/// The bytes that draw `cells` (in the order given, each after the one
/// before on its row or elsewhere), ending in the default style.
fn encode(cells: &[(u16, u16, Cell)]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(cells.len() * 2 + 16);
    let mut pen = Pen::default();
    // Where the terminal's cursor is, once known.
    let mut at: Option<(u16, u16)> = None;
    let mut i = 0;
    while i < cells.len() {
        let (x, y, ref cell) = cells[i];
        let run = cells[i..]
            .iter()
            .enumerate()
            .take_while(|(k, (cx, cy, c))| {
                *cy == y && *cx as usize == x as usize + k && is_blank(c)
            })
            .count();
        // Erasing leaves the cursor where it began: worth it only when the
        // erase, and the move past it to a cell right after, cost less
        // than writing the blanks.
        let erase = format!("\x1b[{run}X");
        let then = match cells.get(i + run) {
            Some(&(nx, ny, _)) if ny == y && nx as usize == x as usize + run => {
                format!("\x1b[{run}C").len()
            }
            _ => 0,
        };
        if run >= MIN_ERASE && erase.len() + then < run {
            move_to(&mut out, &mut at, x, y);
            set_pen(&mut out, &mut pen, Pen::default());
            out.extend_from_slice(erase.as_bytes());
            i += run;
            continue;
        }
        move_to(&mut out, &mut at, x, y);
        set_pen(&mut out, &mut pen, Pen::of(cell));
        out.extend_from_slice(cell.symbol().as_bytes());
        let width = cell.symbol().width().max(1) as u16;
        at = Some((x.saturating_add(width), y));
        i += 1;
    }
    set_pen(&mut out, &mut pen, Pen::default());
    out
}

/// Moves the cursor to (`x`, `y`) the shortest way it knows.
fn move_to(out: &mut Vec<u8>, at: &mut Option<(u16, u16)>, x: u16, y: u16) {
    if *at == Some((x, y)) {
        return;
    }
    let absolute = format!("\x1b[{};{}H", y + 1, x + 1);
    let column = |x: u16| {
        if x == 0 {
            "\r".to_string()
        } else {
            format!("\x1b[{}G", x + 1)
        }
    };
    let seq = match *at {
        Some((ax, ay)) if ay == y && ax < x => format!("\x1b[{}C", x - ax),
        // The next row: a line feed (which never scrolls here, the row
        // exists) and the column.
        Some((_, ay)) if ay + 1 == y => format!("\n{}", column(x)),
        _ => absolute.clone(),
    };
    let seq = if seq.len() < absolute.len() {
        seq
    } else {
        absolute
    };
    out.extend_from_slice(seq.as_bytes());
    *at = Some((x, y));
}

/// SGR parameters turning each modifier on.
const MODIFIERS: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The SGR parameter that turns a modifier off (bold and dim share one).
fn off(m: Modifier) -> u8 {
    match m {
        Modifier::BOLD | Modifier::DIM => 22,
        Modifier::ITALIC => 23,
        Modifier::UNDERLINED => 24,
        Modifier::SLOW_BLINK | Modifier::RAPID_BLINK => 25,
        Modifier::REVERSED => 27,
        Modifier::HIDDEN => 28,
        _ => 29,
    }
}

/// The SGR parameters of a colour, foreground or background.
fn color(c: Color, fg: bool) -> String {
    let (base, bright, ext, reset) = if fg {
        (30, 90, 38, 39)
    } else {
        (40, 100, 48, 49)
    };
    let basic = |i: u8| {
        if i < 8 {
            (base + i as u16).to_string()
        } else {
            (bright + (i - 8) as u16).to_string()
        }
    };
    match c {
        Color::Reset => reset.to_string(),
        Color::Black => basic(0),
        Color::Red => basic(1),
        Color::Green => basic(2),
        Color::Yellow => basic(3),
        Color::Blue => basic(4),
        Color::Magenta => basic(5),
        Color::Cyan => basic(6),
        Color::Gray => basic(7),
        Color::DarkGray => basic(8),
        Color::LightRed => basic(9),
        Color::LightGreen => basic(10),
        Color::LightYellow => basic(11),
        Color::LightBlue => basic(12),
        Color::LightMagenta => basic(13),
        Color::LightCyan => basic(14),
        Color::White => basic(15),
        Color::Indexed(i) if i < 16 => basic(i),
        Color::Indexed(i) => format!("{ext};5;{i}"),
        Color::Rgb(r, g, b) => format!("{ext};2;{r};{g};{b}"),
    }
}

/// Changes the style to `to` in one SGR sequence: the change itself, or a
/// reset and the new style, whichever is shorter.
fn set_pen(out: &mut Vec<u8>, pen: &mut Pen, to: Pen) {
    if *pen == to {
        return;
    }
    let mut change: Vec<String> = Vec::new();
    let removed = pen.modifier - to.modifier;
    let mut readd = Modifier::empty();
    for (m, _) in MODIFIERS.iter().filter(|(m, _)| removed.contains(*m)) {
        let code = off(*m).to_string();
        if !change.contains(&code) {
            change.push(code);
        }
        // 22 turns off bold and dim together.
        if off(*m) == 22 {
            readd |= to.modifier & (Modifier::BOLD | Modifier::DIM);
        }
    }
    let added = (to.modifier - pen.modifier) | readd;
    for (m, code) in MODIFIERS.iter().filter(|(m, _)| added.contains(*m)) {
        let _ = m;
        change.push(code.to_string());
    }
    if to.fg != pen.fg {
        change.push(color(to.fg, true));
    }
    if to.bg != pen.bg {
        change.push(color(to.bg, false));
    }
    let mut reset: Vec<String> = vec![String::new()];
    reset.extend(
        MODIFIERS
            .iter()
            .filter(|(m, _)| to.modifier.contains(*m))
            .map(|(_, c)| c.to_string()),
    );
    if to.fg != Color::Reset {
        reset.push(color(to.fg, true));
    }
    if to.bg != Color::Reset {
        reset.push(color(to.bg, false));
    }
    let (a, b) = (change.join(";"), reset.join(";"));
    let params = if b.len() < a.len() { b } else { a };
    out.extend_from_slice(format!("\x1b[{params}m").as_bytes());
    *pen = to;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(symbol: &str, fg: Color, modifier: Modifier) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(symbol);
        c.fg = fg;
        c.modifier = modifier;
        c
    }

    #[test]
    fn styles_are_one_short_sequence_and_end_reset() {
        let cells = vec![
            (0, 0, cell("a", Color::Indexed(6), Modifier::BOLD)),
            (1, 0, cell("b", Color::Reset, Modifier::empty())),
        ];
        let bytes = String::from_utf8(encode(&cells)).unwrap();
        // Bold cyan, then the reset is the shorter way back.
        assert_eq!(bytes, "\x1b[1;1H\x1b[1;36ma\x1b[mb");
        let plain = vec![(3, 2, cell("x", Color::Reset, Modifier::empty()))];
        assert_eq!(String::from_utf8(encode(&plain)).unwrap(), "\x1b[3;4Hx");
    }

    #[test]
    fn blank_runs_are_erased_and_the_cursor_moves_on_past_them() {
        let blank = || cell(" ", Color::Reset, Modifier::empty());
        let mut cells: Vec<(u16, u16, Cell)> = (0..12).map(|x| (x, 0, blank())).collect();
        cells.push((12, 0, cell("│", Color::Reset, Modifier::empty())));
        let bytes = String::from_utf8(encode(&cells)).unwrap();
        assert_eq!(bytes, "\x1b[1;1H\x1b[12X\x1b[12C│");
        // On the next row, a line feed and the column.
        let cells = vec![
            (3, 0, cell("a", Color::Reset, Modifier::empty())),
            (3, 1, cell("b", Color::Reset, Modifier::empty())),
        ];
        assert_eq!(
            String::from_utf8(encode(&cells)).unwrap(),
            "\x1b[1;4Ha\n\x1b[4Gb"
        );
        // Short runs are written.
        let cells: Vec<(u16, u16, Cell)> = (0..3).map(|x| (x, 0, blank())).collect();
        assert_eq!(String::from_utf8(encode(&cells)).unwrap(), "\x1b[1;1H   ");
    }

    #[test]
    fn what_is_drawn_reads_back_the_same_in_a_terminal() {
        // Random cells drawn over random cells: the screen vt100 reads is
        // the buffer's, whatever the shortcuts taken.
        let mut parser = vt100::Parser::new(4, 30, 0);
        let colors = [
            Color::Reset,
            Color::Indexed(2),
            Color::Red,
            Color::Indexed(200),
        ];
        let mods = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::REVERSED,
            Modifier::BOLD | Modifier::DIM,
        ];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut screen = vec![Cell::default(); 4 * 30];
        for _ in 0..50 {
            let mut changes = Vec::new();
            for y in 0..4u16 {
                for x in 0..30u16 {
                    if next() % 3 == 0 {
                        let sym = if next() % 2 == 0 { " " } else { "k" };
                        let c = cell(sym, colors[next() % 4], mods[next() % 4]);
                        screen[y as usize * 30 + x as usize] = c.clone();
                        changes.push((x, y, c));
                    }
                }
            }
            parser.process(&encode(&changes));
            for y in 0..4u16 {
                for x in 0..30u16 {
                    let want = &screen[y as usize * 30 + x as usize];
                    let got = parser.screen().cell(y, x).unwrap();
                    assert_eq!(got.contents().trim(), want.symbol().trim(), "({x},{y})");
                    assert_eq!(
                        got.bold(),
                        want.modifier.contains(Modifier::BOLD),
                        "({x},{y})"
                    );
                    assert_eq!(
                        got.inverse(),
                        want.modifier.contains(Modifier::REVERSED),
                        "({x},{y})"
                    );
                    let fg = match want.fg {
                        Color::Reset => vt100::Color::Default,
                        Color::Red => vt100::Color::Idx(1),
                        Color::Indexed(i) => vt100::Color::Idx(i),
                        _ => unreachable!(),
                    };
                    // A blank cell's colour cannot be seen.
                    if want.symbol() != " " {
                        assert_eq!(got.fgcolor(), fg, "({x},{y})");
                    }
                }
            }
        }
    }
}

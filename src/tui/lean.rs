//! A terminal backend that sends fewer bytes: where ratatui's diff leaves a
//! short gap of unchanged cells between two changes on a row, it rewrites
//! those cells instead of moving the cursor (a move costs 6–8 bytes, a cell
//! usually one). Over a slow SSH link every byte of a redraw counts.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Gaps up to this many cells are filled rather than jumped.
const MAX_GAP: u16 = 7;

pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, row-major, as far as we have drawn it.
    shadow: Vec<Cell>,
    width: u16,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            shadow: Vec::new(),
            width: 0,
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
        self.inner.draw(filled.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
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

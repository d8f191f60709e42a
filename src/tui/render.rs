//! Drawing the explorer: layout, tree, detail, help. Reads the app state and
//! records where things were drawn (for the mouse); changes nothing else.

use super::app::{App, Focus};
use super::strings::{strings, Strings};
use crate::display::responsible;
use crate::model::{Kind, Node};
use crate::text::clean;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

/// Glyphs that have an ASCII fallback for `--ascii`.
struct Glyphs {
    open: &'static str,
    closed: &'static str,
    leaf: &'static str,
    crumb: &'static str,
    cursor: &'static str,
    prompt: &'static str,
    dot: &'static str,
    warn: &'static str,
    /// Review status markers: in esame, esaminato, da approfondire.
    status: [&'static str; 3],
    border: border::Set<'static>,
}

const UNICODE: Glyphs = Glyphs {
    open: "▼ ",
    closed: "▶ ",
    leaf: "• ",
    crumb: " › ",
    cursor: "▏",
    prompt: "> ",
    dot: " · ",
    warn: "⚠ ",
    status: ["◐ ", "✓ ", "! "],
    border: border::PLAIN,
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

const ASCII: Glyphs = Glyphs {
    open: "v ",
    closed: "> ",
    leaf: "- ",
    crumb: " > ",
    cursor: "_",
    prompt: "> ",
    dot: " - ",
    warn: "! ",
    status: ["~ ", "v ", "! "],
    border: ASCII_BORDER,
};

/// Styles, with or without colour. Without colour everything still reads:
/// the selection is reverse video and matches are bold and underlined.
struct Theme {
    color: bool,
}

impl Theme {
    fn code(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Cyan)
        } else {
            s
        }
    }
    fn matched(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Yellow)
        } else {
            s.add_modifier(Modifier::UNDERLINED)
        }
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    // Labels and the selection use as few attributes as read well: every
    // attribute change is bytes on an SSH link.
    fn label(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Green)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    fn focused_border(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    fn warning(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
}

pub fn render(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    let s = strings(app.options.lang);
    let g = if app.options.ascii { &ASCII } else { &UNICODE };
    let theme = Theme {
        color: app.options.color,
    };
    if area.height < 8 || area.width < 24 {
        render_minimal(app, frame, area, s, g, &theme);
        return;
    }
    // Short terminals get a one-line header so the panes keep their room.
    let compact = area.height < 20;
    let header_height = if compact { 1 } else { 3 };
    let [header, body, status] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header, s, g, &theme, compact);

    let wide = area.width >= 80;
    let direction = if wide {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let constraints = if wide {
        [Constraint::Percentage(45), Constraint::Percentage(55)]
    } else {
        [Constraint::Percentage(55), Constraint::Percentage(45)]
    };
    let panes = Layout::default()
        .direction(direction)
        .constraints(constraints)
        .split(body);
    render_tree(app, frame, panes[0], s, g, &theme);
    render_detail(app, frame, panes[1], s, g, &theme);

    let hint = if area.width < 60 {
        s.status_narrow
    } else if app.review.is_some() && app.focus == Focus::Tree && !app.query.is_empty() {
        s.status_review
    } else if app.focus == Focus::Detail {
        s.status_detail
    } else {
        s.status_tree
    };
    let status_line = match &app.message {
        Some(msg) => Line::from(Span::styled(
            clean(msg).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        None => {
            let hint = if app.options.ascii {
                ascii_fallback(hint)
            } else {
                hint.to_string()
            };
            Line::from(Span::styled(hint, theme.dim()))
        }
    };
    frame.render_widget(Paragraph::new(status_line), status);

    if app.show_help {
        render_help(frame, area, s, g, &theme, &mut app.help_scroll);
    }
    if app.picker.is_some() {
        render_picker(app, frame, area, s, g, &theme);
    }
    if app.editor.is_some() {
        render_editor(app, frame, area, s, g, &theme);
    }
    if app.form.is_some() {
        render_form(app, frame, area, s, g, &theme);
    }
}

/// Replaces arrows in key hints for terminals without them.
fn ascii_fallback(text: &str) -> String {
    text.replace('↑', "Up")
        .replace('↓', "Dn")
        .replace('←', "Lt")
        .replace('→', "Rt")
        .replace('·', "-")
}

fn block<'a>(title: String, focused: bool, g: &Glyphs, theme: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(title);
    if focused {
        b.border_style(theme.focused_border())
    } else {
        b
    }
}

fn render_header(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
    compact: bool,
) {
    let (matches, total) = app.counts();
    let ds = app.dataset();
    let ids: Vec<&str> = app.map.datasets.iter().map(|d| d.id.as_str()).collect();
    let mut title = format!(" mappa{}{} ", g.dot, clean(&ds.id).into_owned());
    if let Some(p) = &app.party {
        title = format!(
            "{}{}{} ",
            title.trim_end(),
            g.dot,
            clean(&p.name).into_owned()
        );
    }
    if let Some((done, total)) = app.progress() {
        title = format!(
            "{}{}{done}/{total} {} ",
            title.trim_end(),
            g.dot,
            s.reviewed
        );
    }
    // The dataset switcher is named only where there is room for it.
    let count = if ids.len() > 1 && area.width >= 70 {
        format!(" {matches}/{total} [Tab: {}] ", ids.join("/"))
    } else {
        format!(" {matches}/{total} ")
    };
    let query = if app.query.is_empty() {
        Line::from(vec![
            Span::raw(g.prompt),
            Span::raw(g.cursor),
            Span::styled(s.search_placeholder, theme.dim()),
        ])
    } else {
        Line::from(vec![
            Span::raw(g.prompt),
            Span::raw(clean(&app.query).into_owned()),
            Span::raw(g.cursor),
        ])
    };
    if compact {
        let party = app
            .party
            .as_ref()
            .map(|p| format!("{}{}", g.dot, clean(&p.name).into_owned()))
            .unwrap_or_default();
        let label = format!(" {}{party}{count}", clean(&ds.id).into_owned());
        let width = (label.chars().count() as u16).min(area.width / 2);
        let [left, right] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
        frame.render_widget(Paragraph::new(query), left);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(label, theme.dim())).right_aligned()),
            right,
        );
        return;
    }
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(Line::from(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        )))
        .title(Line::from(count).right_aligned());
    frame.render_widget(Paragraph::new(query).block(b), area);
}

fn title_spans(
    node: &Node,
    app: &App,
    node_index: usize,
    s: &Strings,
    theme: &Theme,
) -> Vec<Span<'static>> {
    if node.inferred && node.title.is_empty() {
        return vec![Span::styled(
            format!("({})", s.inferred),
            theme.dim().add_modifier(Modifier::ITALIC),
        )];
    }
    let title = clean(&node.title).into_owned();
    let positions = app
        .hit_for(node_index)
        .map(|h| h.title_positions.as_slice())
        .unwrap_or(&[]);
    if positions.is_empty() {
        return vec![Span::raw(title)];
    }
    // Group consecutive characters by whether they matched.
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in title.chars().enumerate() {
        let m = positions.binary_search(&(i as u32)).is_ok();
        if m != run_matched && !run.is_empty() {
            spans.push(if run_matched {
                Span::styled(std::mem::take(&mut run), theme.matched())
            } else {
                Span::raw(std::mem::take(&mut run))
            });
        }
        run_matched = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(if run_matched {
            Span::styled(run, theme.matched())
        } else {
            Span::raw(run)
        });
    }
    spans
}

fn render_tree(
    app: &mut App,
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
) {
    let b = block(format!(" {} ", s.tree), app.focus == Focus::Tree, g, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    app.areas.tree = inner;
    let height = inner.height as usize;
    app.scroll_into_view(height);
    if app.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(s.no_matches, theme.dim())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let end = (app.offset + height).min(app.rows.len());
    let ds = app.dataset();
    let items: Vec<ListItem> = app.rows[app.offset..end]
        .iter()
        .map(|row| {
            let node = &ds.nodes[row.node];
            let marker = if !app.has_children(row.node) {
                g.leaf
            } else if app.is_open(row.node) {
                g.open
            } else {
                g.closed
            };
            let mut spans = vec![
                Span::raw("  ".repeat(row.depth as usize)),
                Span::raw(marker),
            ];
            match app.status_of(row.node) {
                Some(crate::review::Status::InEsame) => {
                    spans.push(Span::styled(g.status[0], theme.label()))
                }
                Some(crate::review::Status::Esaminato) => {
                    spans.push(Span::styled(g.status[1], theme.label()))
                }
                Some(crate::review::Status::DaApprofondire) => {
                    spans.push(Span::styled(g.status[2], theme.warning()))
                }
                _ => {}
            }
            if let Some(code) = &node.code {
                spans.push(Span::styled(clean(code).into_owned(), theme.code()));
                if node.variant > 1 {
                    spans.push(Span::styled(format!("[{}]", node.variant), theme.dim()));
                }
                spans.push(Span::raw(" "));
            }
            spans.extend(title_spans(node, app, row.node, s, theme));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.selected - app.offset));
    let list = List::new(items).highlight_style(theme.selected());
    frame.render_stateful_widget(list, inner, &mut state);
}

/// The detail of a node: responsible first, then input, output, activities,
/// structures, path and diagnostics.
fn detail_lines(
    app: &App,
    index: usize,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let ds = app.dataset();
    let node = &ds.nodes[index];
    let mut lines = Vec::new();
    let mut head = Vec::new();
    if let Some(code) = &node.code {
        head.push(Span::styled(clean(code).into_owned(), theme.code()));
        head.push(Span::raw(g.dot));
    }
    head.push(Span::raw(crate::tui::strings::kind_label(
        app.options.lang,
        node.kind,
    )));
    if node.variant > 1 {
        head.push(Span::raw(format!(
            "{}{} {}",
            g.dot, s.variant, node.variant
        )));
    }
    match node.line {
        Some(l) => head.push(Span::styled(
            format!("{}{} {l}", g.dot, s.line),
            theme.dim(),
        )),
        None => head.push(Span::styled(
            format!("{}{}", g.dot, s.inferred),
            theme.dim(),
        )),
    }
    lines.push(Line::from(head));
    // The responsible comes first, even before the title: it is the
    // question most people ask, and small windows show only a few lines.
    let who = responsible(node);
    let has_children = app.has_children(index);
    if node.structures.len() > 1 {
        lines.push(Line::from(Span::styled(s.responsible, theme.label())));
        for st in &node.structures {
            lines.push(Line::from(format!(
                " {}{}",
                g.leaf,
                clean(&format!("{} / {}", st.area, st.servizio)).into_owned()
            )));
        }
    } else if !who.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::raw(who),
        ]));
    } else if !has_children {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.responsible), theme.label()),
            Span::styled(s.no_responsible, theme.dim()),
        ]));
    }
    // Then what the entry is: the tree shows its title only in part.
    if !node.title.is_empty() {
        lines.push(Line::from(Span::styled(
            clean(&node.title).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        )));
    }
    if node.inferred {
        lines.push(Line::from(Span::styled(s.inferred_note, theme.dim())));
    }

    let mut field = |label: &str, text: &str| {
        if !text.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}  "), theme.label()),
                Span::raw(clean(text).into_owned()),
            ]));
        }
    };
    if node.name != node.title && node.kind != Kind::Azione {
        field(s.name, &node.name);
    }
    field(s.input, &node.input);
    field(s.output, &node.output);
    if !node.activities.is_empty() {
        lines.push(Line::from(Span::styled(s.activities, theme.label())));
        for (i, a) in node.activities.iter().enumerate() {
            lines.push(Line::from(format!(" {}. {}", i + 1, clean(a).into_owned())));
        }
    }
    if has_children {
        let links = &app.links[app.current];
        let kids = &links.children[index];
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", s.children), theme.label()),
            Span::raw(kids.len().to_string()),
        ]));
        // Distinct responsible parties anywhere below.
        let mut roles: Vec<String> = Vec::new();
        let mut stack = kids.clone();
        while let Some(k) = stack.pop() {
            let r = responsible(&ds.nodes[k]);
            if !r.is_empty() && !roles.contains(&r) {
                roles.push(r);
            }
            stack.extend(links.children[k].iter().copied());
        }
        if !roles.is_empty() {
            roles.sort();
            lines.push(Line::from(Span::styled(s.roles_below, theme.label())));
            for r in roles.iter().take(30) {
                lines.push(Line::from(format!(" {}{r}", g.leaf)));
            }
            if roles.len() > 30 {
                lines.push(Line::from(Span::styled(
                    format!(" … +{}", roles.len() - 30),
                    theme.dim(),
                )));
            }
        }
    }
    if let Some(review) = app.review.as_ref().and_then(|r| r.get(&app.key(index))) {
        let mut head = vec![
            Span::styled(format!("{}  ", s.review), theme.label()),
            Span::raw(review.status.label()),
        ];
        if let Some(j) = review.judgement {
            head.push(Span::raw(format!(
                "{}{} {}",
                g.dot,
                s.judgement.to_lowercase(),
                j.label()
            )));
        }
        lines.push(Line::from(head));
        if !review.motivation.is_empty() {
            lines.push(Line::from(format!(
                " {}: {}",
                s.motivation,
                clean(&review.motivation).into_owned()
            )));
        }
        for l in review.notes.lines() {
            lines.push(Line::from(Span::styled(
                format!(" {}", clean(l).into_owned()),
                theme.dim(),
            )));
        }
    }
    let crumbs: Vec<String> = ds
        .ancestors(node)
        .iter()
        .map(|a| {
            a.code
                .clone()
                .map(|c| clean(&c).into_owned())
                .unwrap_or_else(|| clean(&a.title).into_owned())
        })
        .collect();
    if !crumbs.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", s.path), theme.label()),
            Span::styled(crumbs.join(g.crumb), theme.dim()),
        ]));
    }
    if !node.diagnostics.is_empty() {
        lines.push(Line::from(Span::styled(s.diagnostics, theme.warning())));
        for d in &node.diagnostics {
            lines.push(Line::from(format!(" {}{}", g.warn, clean(d).into_owned())));
        }
    }
    lines
}

fn render_detail(
    app: &mut App,
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
) {
    let b = block(
        format!(" {} ", s.details),
        app.focus == Focus::Detail,
        g,
        theme,
    );
    app.areas.detail = area;
    let Some(index) = app.selected_node() else {
        frame.render_widget(b, area);
        return;
    };
    let lines = detail_lines(app, index, s, g, theme);
    // Never scroll past the end.
    let max = lines.len().saturating_sub(1) as u16;
    app.detail_scroll = app.detail_scroll.min(max);
    let p = Paragraph::new(lines)
        .block(b)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll, 0));
    frame.render_widget(p, area);
}

/// Very small terminals: the query, the selected entry and who answers for it.
fn render_minimal(
    app: &mut App,
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
) {
    app.areas = Default::default();
    app.tree_height = 1;
    let mut lines = vec![Line::from(vec![
        Span::raw(g.prompt),
        Span::raw(clean(&app.query).into_owned()),
        Span::raw(g.cursor),
    ])];
    match app.selected_node() {
        Some(i) => {
            let node = &app.dataset().nodes[i];
            let mut head = Vec::new();
            if let Some(c) = &node.code {
                head.push(Span::styled(
                    format!("{} ", clean(c).into_owned()),
                    theme.code(),
                ));
            }
            head.extend(title_spans(node, app, i, s, theme));
            lines.push(Line::from(head));
            let who = responsible(node);
            if !who.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", s.responsible), theme.label()),
                    Span::raw(who),
                ]));
            }
        }
        None => lines.push(Line::from(Span::styled(s.no_matches, theme.dim()))),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn render_help(
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
    scroll: &mut u16,
) {
    let width = area.width.saturating_sub(4).min(76);
    let rows = if width < 60 {
        s.help.len() * 2
    } else {
        s.help.len()
    };
    let height = (rows as u16 + 4).min(area.height);
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let key_width = s
        .help
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = s
        .help
        .iter()
        .map(|(k, d)| {
            let k = if g.cursor == "_" {
                ascii_fallback(k)
            } else {
                k.to_string()
            };
            Line::from(vec![
                Span::styled(format!("{k:<key_width$}  "), theme.label()),
                Span::raw(*d),
            ])
        })
        .collect();
    // Narrow screens: key on one line, what it does below.
    if width < 60 {
        lines = s
            .help
            .iter()
            .flat_map(|(k, d)| {
                let k = if g.cursor == "_" {
                    ascii_fallback(k)
                } else {
                    k.to_string()
                };
                [
                    Line::from(Span::styled(k, theme.label())),
                    Line::from(format!("  {d}")),
                ]
            })
            .collect();
    }
    let close = if g.cursor == "_" {
        ascii_fallback(s.help_close)
    } else {
        s.help_close.to_string()
    };
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(format!(" {} ", s.help_title.replace('·', g.dot.trim())))
        .title_bottom(Line::from(Span::styled(format!(" {close} "), theme.dim())));
    // The help may be taller than the window: it scrolls, within bounds.
    let visible = rect.height.saturating_sub(2) as usize;
    *scroll = (*scroll).min(lines.len().saturating_sub(visible) as u16);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(b)
            .wrap(Wrap { trim: false })
            .scroll((*scroll, 0)),
        rect,
    );
}

/// The Ctrl-R list of roles and offices with their number of entries.
fn render_picker(
    app: &mut App,
    frame: &mut Frame,
    area: Rect,
    s: &Strings,
    g: &Glyphs,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(70);
    let height = area.height.saturating_sub(2).min(24);
    if width < 8 || height < 4 {
        return;
    }
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let title = format!(
        " {}{}{} ",
        s.picker_title,
        g.dot,
        clean(&app.dataset().id).into_owned()
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(title)
        .border_style(theme.focused_border());
    let inner = b.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(b, rect);
    let [input, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let Some(picker) = app.picker.clone() else {
        return;
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(g.prompt),
            Span::raw(clean(&picker.query).into_owned()),
            Span::raw(g.cursor),
        ])),
        input,
    );
    let parties = app.party_list();
    let visible = list_area.height as usize;
    let mut offset = picker.offset;
    if picker.selected < offset {
        offset = picker.selected;
    } else if visible > 0 && picker.selected >= offset + visible {
        offset = picker.selected + 1 - visible;
    }
    let items: Vec<ListItem> = picker
        .items
        .iter()
        .skip(offset)
        .take(visible)
        .filter_map(|&i| parties.get(i))
        .map(|p| {
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:>4} ", p.count), theme.dim()),
                Span::raw(clean(&p.name).into_owned()),
                Span::styled(format!("  [{}]", p.kind.label()), theme.dim()),
            ]))
        })
        .collect();
    let mut state = ListState::default()
        .with_selected((!picker.items.is_empty()).then(|| picker.selected - offset));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        list_area,
        &mut state,
    );
    if let Some(p) = app.picker.as_mut() {
        p.offset = offset;
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The notes editor, with the cursor shown in reverse video.
fn render_editor(app: &App, frame: &mut Frame, area: Rect, s: &Strings, g: &Glyphs, theme: &Theme) {
    let Some(editor) = app.editor.as_ref() else {
        return;
    };
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(10),
        area.height.saturating_sub(2).max(4),
    );
    let title = format!(
        " {}{}{} ",
        s.notes,
        g.dot,
        clean(&editor.key.display()).into_owned()
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(title)
        .border_style(theme.focused_border());
    let inner = b.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(b, rect);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let [text_area, help] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let height = text_area.height as usize;
    let first = editor.row.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = editor
        .lines
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, l)| {
            let l = clean(l).into_owned();
            if i != editor.row {
                return Line::from(l);
            }
            let chars: Vec<char> = l.chars().collect();
            let col = editor.col.min(chars.len());
            // Keep the cursor in view on long lines.
            let start = col.saturating_sub(text_area.width.saturating_sub(1) as usize);
            let before: String = chars[start..col].iter().collect();
            let at: String = chars.get(col).map_or(" ".to_string(), |c| c.to_string());
            let after: String = chars.iter().skip(col + 1).collect();
            Line::from(vec![
                Span::raw(before),
                Span::styled(at, theme.selected()),
                Span::raw(after),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(
        Paragraph::new(Span::styled(s.notes_help, theme.dim())),
        help,
    );
}

/// The risk form: six indicators, the judgement, the motivation.
fn render_form(app: &App, frame: &mut Frame, area: Rect, s: &Strings, g: &Glyphs, theme: &Theme) {
    let Some(form) = app.form.as_ref() else {
        return;
    };
    let rect = centered(area, 76, 14);
    let title = format!(
        " {}{}{} ",
        s.form_title,
        g.dot,
        clean(&form.key.display()).into_owned()
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .title(title)
        .border_style(theme.focused_border());
    let inner = b.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(b, rect);
    let level = |l: Option<crate::review::Level>| l.map_or("—", |l| l.label());
    let mut lines: Vec<Line> = crate::review::Indicator::ALL
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.label().to_string(), level(form.levels[i]).to_string()))
        .chain(std::iter::once((
            s.judgement.to_string(),
            level(form.judgement).to_string(),
        )))
        .chain(std::iter::once((
            s.motivation.to_string(),
            format!(
                "{}{}",
                clean(&form.motivation).into_owned(),
                if form.editing { g.cursor } else { "" }
            ),
        )))
        .enumerate()
        .map(|(row, (label, value))| {
            let style = if row == form.row {
                theme.selected()
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(format!("{label:<48} "), style),
                Span::styled(
                    value,
                    if row == form.row {
                        theme.selected()
                    } else {
                        theme.label()
                    },
                ),
            ])
        })
        .collect();
    lines.push(Line::default());
    let help = if app.options.ascii {
        ascii_fallback(s.form_help)
    } else {
        s.form_help.to_string()
    };
    lines.push(Line::from(Span::styled(help, theme.dim())));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

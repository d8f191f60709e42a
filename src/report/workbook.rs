//! The registers for section 2.3 of the PIAO as one workbook
//! (rust_xlsxwriter): a summary sheet, then Processi, Valutazione, Eventi,
//! Misure and Monitoraggio, one row per record. Headers are frozen and
//! filtered, text wraps, level and state columns offer their values in a
//! drop-down, and levels are shaded so that they also read in black and
//! white (the cell says the level too).

use super::review::ReportRow;
use crate::display::responsible;
use crate::review::measures::{Measure, State};
use crate::review::{Indicator, Level};
use jiff::civil::Date;
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatBorder, FormatPattern, Workbook, Worksheet, XlsxError,
};

/// A column: header and width (characters).
struct Col(&'static str, f64);

fn header(ws: &mut Worksheet, cols: &[Col], bold: &Format) -> Result<(), XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, c.0, bold)?;
        ws.set_column_width(i as u16, c.1)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Filter over the header and the rows written.
fn finish(ws: &mut Worksheet, cols: usize, rows: u32) -> Result<(), XlsxError> {
    ws.autofilter(0, 0, rows.max(1), cols.saturating_sub(1) as u16)?;
    Ok(())
}

/// The most characters a cell holds (Excel's limit).
const CELL_CHARS: usize = 32_767;

/// A text for a cell, verbatim; one longer than a cell holds (a store
/// written before the store's own limit) is cut, saying so in the cell.
fn text(s: &str) -> String {
    let chars = s.chars().count();
    if chars <= CELL_CHARS {
        return s.to_string();
    }
    let note = format!(
        " … [testo tagliato: {chars} caratteri nel registro, `mappa review show` li mostra tutti]"
    );
    let keep = CELL_CHARS - note.chars().count();
    s.chars().take(keep).chain(note.chars()).collect()
}

/// Shades for the levels: a pattern, not only a colour, so a printout in
/// black and white still tells them apart.
fn level_format(level: Option<Level>, wrap: &Format) -> Format {
    match level {
        Some(Level::Alto) => wrap
            .clone()
            .set_bold()
            .set_pattern(FormatPattern::DarkGray)
            .set_foreground_color(Color::RGB(0xF4B6B6)),
        Some(Level::Medio) => wrap
            .clone()
            .set_pattern(FormatPattern::MediumGray)
            .set_foreground_color(Color::RGB(0xFCE4B0)),
        Some(Level::Basso) => wrap
            .clone()
            .set_pattern(FormatPattern::LightGray)
            .set_foreground_color(Color::RGB(0xD5EDD0)),
        None => wrap.clone(),
    }
}

fn level_list() -> Result<DataValidation, XlsxError> {
    DataValidation::new().allow_list_strings(&["basso", "medio", "alto"])
}

fn state_list() -> Result<DataValidation, XlsxError> {
    let states: Vec<&str> = State::all().iter().map(|s| s.slug()).collect();
    DataValidation::new().allow_list_strings(&states)
}

/// The workbook's bytes.
pub fn workbook(rows: &[ReportRow], today: Date) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xE7E6E6));
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let late = wrap.clone().set_bold().set_font_color(Color::RGB(0x9C0006));
    let mut measures: Vec<&Measure> = rows.iter().flat_map(|r| r.record.measures.iter()).collect();
    measures.sort_by_key(|m| m.id);
    measures.dedup_by(|a, b| a.id == b.id);
    let events: usize = rows.iter().map(|r| r.record.events.len()).sum();
    let reviewed = rows.iter().filter(|r| r.record.review.is_some()).count();
    let monitoring: usize = measures.iter().map(|m| m.monitoring.len()).sum();

    {
        let ws = wb.add_worksheet();
        ws.set_name("Riepilogo")?;
        ws.set_column_width(0, 44)?;
        ws.set_column_width(1, 16)?;
        let title = Format::new().set_bold().set_font_size(14);
        ws.write_string_with_format(
            0,
            0,
            "Registri del rischio corruttivo — PIAO sezione 2.3",
            &title,
        )?;
        let lines: Vec<(&str, String)> = vec![
            ("Data", today.to_string()),
            ("Voci con registrazioni", rows.len().to_string()),
            ("Voci valutate", reviewed.to_string()),
            ("Eventi rischiosi", events.to_string()),
            ("Misure", measures.len().to_string()),
            (
                "Misure scadute",
                measures
                    .iter()
                    .filter(|m| m.overdue(today))
                    .count()
                    .to_string(),
            ),
            (
                "Misure attuate",
                measures
                    .iter()
                    .filter(|m| m.state() == Some(State::Attuata))
                    .count()
                    .to_string(),
            ),
            ("Rilevazioni di monitoraggio", monitoring.to_string()),
        ];
        for (i, (k, v)) in lines.iter().enumerate() {
            ws.write_string_with_format(i as u32 + 2, 0, *k, &bold)?;
            ws.write_string(i as u32 + 2, 1, v.as_str())?;
        }
        let offices: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r.office.as_str()).collect();
        ws.write_string_with_format(lines.len() as u32 + 3, 0, "Uffici", &bold)?;
        for (i, o) in offices.iter().enumerate() {
            ws.write_string(lines.len() as u32 + 4 + i as u32, 0, text(o))?;
        }
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name("Processi")?;
        let cols = [
            Col("Ufficio", 24.0),
            Col("Dataset", 10.0),
            Col("Codice", 12.0),
            Col("Voce", 48.0),
            Col("Responsabile", 32.0),
            Col("Strutture (area / servizio)", 36.0),
            Col("Stato", 14.0),
            Col("Area di rischio", 30.0),
        ];
        header(ws, &cols, &bold)?;
        for (i, row) in rows.iter().enumerate() {
            let r = &row.record;
            let n = i as u32 + 1;
            let structures = r
                .entry
                .map(|(_, node)| {
                    node.structures
                        .iter()
                        .map(|s| format!("{} / {}", s.area, s.servizio))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            let area = match (r.area, r.suggested) {
                (Some(a), _) => a.label().to_string(),
                (None, Some(a)) => format!("{} (suggerita)", a.label()),
                _ => String::new(),
            };
            let cells = [
                row.office.clone(),
                r.key.dataset.clone(),
                r.key.display(),
                r.title.clone(),
                r.entry
                    .map(|(_, node)| responsible(node))
                    .unwrap_or_default(),
                structures,
                r.review
                    .as_ref()
                    .map_or("da esaminare", |v| v.status.label())
                    .to_string(),
                area,
            ];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string_with_format(n, c as u16, text(v), &wrap)?;
            }
        }
        finish(ws, cols.len(), rows.len() as u32)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name("Valutazione")?;
        let mut cols = vec![Col("Codice", 12.0), Col("Voce", 44.0)];
        for i in Indicator::ALL {
            cols.push(Col(i.label(), 16.0));
        }
        cols.extend([Col("Giudizio complessivo", 14.0), Col("Motivazione", 48.0)]);
        header(ws, &cols, &bold)?;
        let reviewed: Vec<_> = rows
            .iter()
            .filter_map(|r| r.record.review.as_ref().map(|v| (&r.record, v)))
            .collect();
        for (i, (r, v)) in reviewed.iter().enumerate() {
            let n = i as u32 + 1;
            ws.write_string_with_format(n, 0, text(&r.key.display()), &wrap)?;
            ws.write_string_with_format(n, 1, text(&r.title), &wrap)?;
            for (c, ind) in Indicator::ALL.iter().enumerate() {
                let l = v.indicator(*ind);
                ws.write_string_with_format(
                    n,
                    2 + c as u16,
                    l.map_or("", |l| l.label()),
                    &level_format(l, &wrap),
                )?;
            }
            let j = v.judgement;
            ws.write_string_with_format(
                n,
                8,
                j.map_or("", |l| l.label()),
                &level_format(j, &wrap),
            )?;
            ws.write_string_with_format(n, 9, text(&v.motivation), &wrap)?;
        }
        let last = reviewed.len().max(1) as u32 + 200;
        ws.add_data_validation(1, 2, last, 8, &level_list()?)?;
        finish(ws, cols.len(), reviewed.len() as u32)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name("Eventi")?;
        let cols = [
            Col("Id", 6.0),
            Col("Evento rischioso", 56.0),
            Col("Fattori abilitanti", 44.0),
            Col("Codice", 12.0),
            Col("Voce", 44.0),
            Col("Area di rischio", 28.0),
            Col("Nota", 30.0),
        ];
        header(ws, &cols, &bold)?;
        let mut n = 0u32;
        for row in rows {
            let r = &row.record;
            for e in &r.events {
                n += 1;
                let factors = e
                    .factors
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join("\n");
                let cells = [
                    e.id.to_string(),
                    e.text.clone(),
                    factors,
                    r.key.display(),
                    r.title.clone(),
                    r.area_or_suggested()
                        .map(|a| a.label().to_string())
                        .unwrap_or_default(),
                    e.note.clone(),
                ];
                for (c, v) in cells.iter().enumerate() {
                    ws.write_string_with_format(n, c as u16, text(v), &wrap)?;
                }
            }
        }
        finish(ws, cols.len(), n)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name("Misure")?;
        let cols = [
            Col("Id", 6.0),
            Col("Misura", 48.0),
            Col("Tipologia", 11.0),
            Col("Tipo", 20.0),
            Col("Ufficio responsabile", 28.0),
            Col("Fasi e scadenze", 36.0),
            Col("Scadenza", 12.0),
            Col("Indicatore", 28.0),
            Col("Target", 14.0),
            Col("Stato", 14.0),
            Col("Eventi / voci trattati", 36.0),
        ];
        header(ws, &cols, &bold)?;
        for (i, m) in measures.iter().enumerate() {
            let n = i as u32 + 1;
            let phases = m
                .phases
                .iter()
                .map(|p| format!("{} — entro il {}", p.text, p.due))
                .collect::<Vec<_>>()
                .join("\n");
            let targets = m
                .targets
                .iter()
                .map(crate::review::measures::describe_target)
                .collect::<Vec<_>>()
                .join("\n");
            let state = match (m.state(), m.overdue(today)) {
                (s, true) => format!("{} — scaduta", s.map_or("da monitorare", |s| s.slug())),
                (Some(s), false) => s.slug().to_string(),
                (None, false) => String::new(),
            };
            // A target date alone says nothing: written only with a target.
            let target = match (m.target.trim().is_empty(), m.target_date) {
                (true, _) => String::new(),
                (false, None) => m.target.clone(),
                (false, Some(d)) => format!("{} entro il {d}", m.target),
            };
            let cells = [
                m.id.to_string(),
                m.text.clone(),
                m.kind.slug().to_string(),
                m.kind_of.label().to_string(),
                m.owner.clone(),
                phases,
                m.due.to_string(),
                m.indicator.clone(),
                target,
                state,
                targets,
            ];
            for (c, v) in cells.iter().enumerate() {
                let f = if c == 9 && m.overdue(today) {
                    &late
                } else {
                    &wrap
                };
                ws.write_string_with_format(n, c as u16, text(v), f)?;
            }
        }
        ws.add_data_validation(
            1,
            9,
            measures.len().max(1) as u32 + 200,
            9,
            &state_list()?.ignore_blank(true),
        )?;
        finish(ws, cols.len(), measures.len() as u32)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name("Monitoraggio")?;
        let cols = [
            Col("Misura", 8.0),
            Col("Data", 12.0),
            Col("Stato", 14.0),
            Col("Valore rilevato", 16.0),
            Col("Evidenze", 36.0),
            Col("Nota", 36.0),
            Col("Registrato da", 16.0),
        ];
        header(ws, &cols, &bold)?;
        let mut n = 0u32;
        for m in &measures {
            for rec in &m.monitoring {
                n += 1;
                let cells = [
                    m.id.to_string(),
                    rec.date.to_string(),
                    rec.state.slug().to_string(),
                    rec.value.clone(),
                    rec.evidence.clone(),
                    rec.note.clone(),
                    rec.created_by.clone(),
                ];
                for (c, v) in cells.iter().enumerate() {
                    ws.write_string_with_format(n, c as u16, text(v), &wrap)?;
                }
            }
        }
        ws.add_data_validation(1, 2, n.max(1) + 200, 2, &state_list()?)?;
        finish(ws, cols.len(), n)?;
    }
    wb.save_to_buffer()
}

//! A chamber's spreadsheet of 10,000 and 100,000 entries, as a TSV and as
//! an xlsx file made here: from the file to the first frame of the
//! explorer (load, tree, first frame; a map this large is indexed in the
//! background), the index arriving, and one keystroke once it has.

mod common;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::load;
use mappa::model::Map;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::search::{for_map, BackgroundSearcher, Found, Searcher};
use mappa::tui::strings::Lang;
use mappa::tui::Ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

fn options() -> Options {
    Options {
        today: mappa::review::time::today(),
        lang: Lang::It,
        ascii: false,
        color: true,
    }
}

/// The title block above the table, as offices have it.
const TITLE: [&str; 2] = [
    "Camera di Commercio di Esempio",
    "Mappatura dei processi (sintetica)",
];

fn write_tsv(map: &Map, path: &Path) {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_path(path)
        .unwrap();
    for t in TITLE {
        w.write_record([t]).unwrap();
    }
    w.write_record([""]).unwrap();
    w.write_record(common::HEADER).unwrap();
    for row in common::rows(map) {
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

fn write_xlsx(map: &Map, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Mappatura").unwrap();
    for (r, t) in TITLE.iter().enumerate() {
        sheet.write_string(r as u32, 0, *t).unwrap();
    }
    for (c, h) in common::HEADER.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    for (r, row) in common::rows(map).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32 + 4, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// The searcher the explorer makes, shared with the bench so that it can
/// wait for the index between iterations (untimed): threads building
/// indexes must not pile up and share the processor with the next one.
#[derive(Clone)]
struct Shared(
    Rc<RefCell<Box<dyn Searcher>>>,
    Option<Rc<RefCell<BackgroundSearcher>>>,
);

impl Searcher for Shared {
    fn search(&mut self, map: &Map, dataset: usize, query: &str) -> Found {
        match &self.1 {
            Some(b) => b.borrow_mut().search(map, dataset, query),
            None => self.0.borrow_mut().search(map, dataset, query),
        }
    }
}

fn searcher(map: &Map) -> Shared {
    let entries: usize = map.datasets.iter().map(|d| d.nodes.len()).sum();
    if entries > mappa::tui::search::INDEX_INLINE_MAX {
        // As the explorer makes it: indexing starts after the first frame.
        let b = Rc::new(RefCell::new(BackgroundSearcher::new()));
        Shared(Rc::new(RefCell::new(for_map(&Map::default()))), Some(b))
    } else {
        Shared(Rc::new(RefCell::new(for_map(map))), None)
    }
}

/// Starts the index of `ui`'s map, as the explorer does after the first
/// frame, and waits for it.
fn index_ready(ui: &Ui, shared: &Shared) {
    if let Some(b) = &shared.1 {
        b.borrow_mut()
            .install(mappa::search::SearchIndex::new(&ui.app.map));
    }
}

/// From the file to the first frame: what the explorer does at start.
fn first_frame(path: &Path) -> (Ui, Shared) {
    let map = load(&[path.to_path_buf()]).unwrap();
    let shared = searcher(&map);
    let mut ui = Ui::new(App::new(map, Box::new(shared.clone()), options()));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| ui.draw(f)).unwrap();
    (ui, shared)
}

fn sheets(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("mappa-bench-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for n in [10_000, 100_000] {
        let map = common::synthetic(n);
        let tsv = dir.join(format!("mappa-{n}.tsv"));
        write_tsv(&map, &tsv);
        let xlsx = dir.join(format!("mappa-{n}.xlsx"));
        write_xlsx(&map, &xlsx);
        files.push((format!("TSV {}k", n / 1000), tsv));
        files.push((format!("xlsx {}k", n / 1000), xlsx));
    }
    {
        let mut group = c.benchmark_group("sheets");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(8));
        for (name, path) in &files {
            bench_file_in(&mut group, name, path);
        }
        let tsv100 = &files[2].1;
        let map = load(std::slice::from_ref(tsv100)).unwrap();
        group.bench_function("TSV 100k: index built in the background", |b| {
            b.iter(|| {
                let mut s = BackgroundSearcher::new();
                s.install(mappa::search::SearchIndex::new(&map));
                black_box(s.is_ready())
            })
        });
        // One keystroke once the index is ready: search, filter, tree,
        // frame.
        let (mut ui, shared) = first_frame(tsv100);
        index_ready(&ui, &shared);
        for ch in "gestione contr".chars() {
            ui.handle(Action::Insert(ch));
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        group.bench_function("TSV 100k: keystroke + frame, index ready", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    ui.handle(Action::Insert('a'));
                    terminal.draw(|f| ui.draw(f)).unwrap();
                    total += start.elapsed();
                    ui.handle(Action::Backspace);
                }
                total
            })
        });
        group.finish();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn bench_file_in(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    name: &str,
    path: &Path,
) {
    group.bench_function(format!("{name}: load + first frame"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let (ui, shared) = first_frame(path);
                total += start.elapsed();
                black_box(ui.app.rows.len());
                drop((ui, shared));
            }
            total
        })
    });
}

criterion_group!(benches, sheets);
criterion_main!(benches);

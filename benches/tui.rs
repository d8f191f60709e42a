//! The explorer's hot paths: first frame, one keystroke, one frame.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mappa::import::builtin;
use mappa::tui::app::{Action, App, Options};
use mappa::tui::strings::Lang;
use mappa::tui::Ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn options() -> Options {
    Options {
        today: mappa::review::time::today(),
        lang: Lang::It,
        ascii: false,
        color: true,
    }
}

fn tui(c: &mut Criterion) {
    c.bench_function("start to first frame (load + index + render 80x24)", |b| {
        b.iter(|| {
            let mut app = Ui::new(App::with_index(builtin(), options()));
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            black_box(app.app.rows.len())
        })
    });

    let mut app = Ui::new(App::with_index(builtin(), options()));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function(
        "keystroke: search 'protocoll' -> 'protocollo' + render 80x24",
        |b| {
            b.iter(|| {
                app.handle(Action::ClearLine);
                for ch in "protocoll".chars() {
                    app.handle(Action::Insert(ch));
                }
                // Only the last keystroke is what we want to time, but the
                // incremental state needs the earlier ones: they are cheap and
                // measured separately below.
                app.handle(Action::Insert('o'));
                terminal.draw(|f| app.draw(f)).unwrap();
            })
        },
    );

    let mut app = Ui::new(App::with_index(builtin(), options()));
    for ch in "protocoll".chars() {
        app.handle(Action::Insert(ch));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function(
        "keystroke only: one more character + backspace + render",
        |b| {
            b.iter(|| {
                app.handle(Action::Insert('o'));
                terminal.draw(|f| app.draw(f)).unwrap();
                app.handle(Action::Backspace);
            })
        },
    );

    // The move the pty test counts the bytes of (A2.3.2.1 -> A2.3.2.2 at
    // 80x24, the detail pane open): its frame, drawn.
    let mut app = Ui::new(App::with_index(builtin(), options()));
    for ch in "A2.3.2".chars() {
        app.handle(Action::Insert(ch));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("one-row move with the detail pane, 80x24", |b| {
        b.iter(|| {
            app.handle(Action::Down);
            terminal.draw(|f| app.draw(f)).unwrap();
            app.handle(Action::Up);
            terminal.draw(|f| app.draw(f)).unwrap();
        })
    });

    let mut app = Ui::new(App::with_index(builtin(), options()));
    app.handle(Action::ExpandAll);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("render one frame 120x40", |b| {
        b.iter(|| {
            app.handle(Action::Down);
            terminal.draw(|f| app.draw(f)).unwrap();
        })
    });
}

criterion_group!(benches, tui);
criterion_main!(benches);

//! The must-hold of a 100,000-entry map, measured as a person sees it: the
//! release binary started in a pseudo-terminal on a TSV of 100,000
//! entries, until its first frame shows the tree; beside it, when `fzf` is
//! installed, the time fzf takes to show the same entries flattened one per
//! line (its counter reading 100000/100000). The goal is the first within
//! 1.5 times the second. Run with `cargo bench --bench first_frame`.

use criterion::{criterion_group, criterion_main, Criterion};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Macro-processes of 1,000 entries each (the macro and 999 processes).
const MACROS: usize = 100;
/// What a waiting reader gives up after: a run that never shows its
/// screen is a failure, not a measurement.
const LIMIT: Duration = Duration::from_secs(30);

/// The map as a chamber's export has it (a title, a blank line, the header,
/// one row per entry, no quotes), and the same entries one per line.
fn write_files(dir: &Path) -> (PathBuf, PathBuf) {
    let (tsv, flat) = (dir.join("mappa-100k.tsv"), dir.join("mappa-100k.txt"));
    let mut t = String::from(
        "Mappatura dei processi della regione\n\nCodice\tDescrizione\tFasi/Azioni\tResponsabile\tUfficio\n",
    );
    let mut f = String::new();
    for a in 1..=MACROS {
        t.push_str(&format!("A{a}\tMacro-processo {a}\t\t\t\n"));
        f.push_str(&format!("A{a} Macro-processo {a}\n"));
        for p in 1..1000 {
            let (role, office) = (p % 37, p % 11);
            t.push_str(&format!(
                "A{a}.{p}\tProcedimento {a}-{p} di esempio\t1. Istruttoria 2. Decisione\tPO Settore {role}\tUfficio {office}\n"
            ));
            f.push_str(&format!(
                "A{a}.{p} Procedimento {a}-{p} di esempio PO Settore {role} Ufficio {office}\n"
            ));
        }
    }
    std::fs::write(&tsv, t).unwrap();
    std::fs::write(&flat, f).unwrap();
    (tsv, flat)
}

/// From the start of `cmd` in a 100x30 pseudo-terminal until its screen
/// shows `marker`.
fn time_to_screen(mut cmd: CommandBuilder, marker: &str) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    // Answers the terminal queries a program may make at start (cursor
    // position), as a terminal would.
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(30, 100, 0);
    let shown = loop {
        let left = LIMIT.saturating_sub(start.elapsed());
        let Ok(bytes) = rx.recv_timeout(left) else {
            break None;
        };
        if bytes.windows(4).any(|w| w == b"\x1b[6n") {
            let _ = writer.write_all(b"\x1b[1;1R");
        }
        screen.process(&bytes);
        if screen.screen().contents().contains(marker) {
            break Some(start.elapsed());
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    shown.unwrap_or_else(|| panic!("\"{marker}\" not on screen within {LIMIT:?}"))
}

fn first_frame(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("mappa-bench-first-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let (tsv, flat) = write_files(&dir);
    let mut group = c.benchmark_group("pty first frame, 100k TSV");
    group.sample_size(15);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("mappa --data", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mappa"));
                    // A review store of its own, empty: the user's is not
                    // touched.
                    cmd.env("HOME", &home);
                    cmd.env("XDG_DATA_HOME", home.join("data"));
                    cmd.env("XDG_CONFIG_HOME", home.join("config"));
                    cmd.env("XDG_STATE_HOME", home.join("state"));
                    cmd.env("MAPPA_SYSTEM_CONFIG", home.join("etc-mappa.toml"));
                    cmd.arg("--data");
                    cmd.arg(&tsv);
                    time_to_screen(cmd, "Procedimento 1-1 di esempio")
                })
                .sum()
        })
    });
    let fzf = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("fzf"))
            .find(|p| p.is_file())
    });
    match fzf {
        Some(fzf) => {
            group.bench_function("fzf, the same entries one per line", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| {
                            let mut cmd = CommandBuilder::new("sh");
                            cmd.arg("-c");
                            cmd.arg(format!("exec {} < {}", fzf.display(), flat.display()));
                            time_to_screen(cmd, "100000/100000")
                        })
                        .sum()
                })
            });
        }
        None => eprintln!("fzf is not installed: only mappa is measured"),
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, first_frame);
criterion_main!(benches);

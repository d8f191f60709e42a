//! The must-hold of a 100,000-entry map, measured as a person sees it: the
//! release binary started in a pseudo-terminal on a TSV of 100,000
//! entries, until its first frame shows the tree; beside it, when `fzf` is
//! installed, the time fzf takes to show the same entries flattened one per
//! line (its counter reading 100000/100000). The goal is the first within
//! 1.5 times the second. Run with `cargo bench --bench first_frame`.
//!
//! The same for a map in the catalogue's own tab-separated layout (the
//! seed importer's path, not a spreadsheet's): the built-in catalogue
//! renumbered 252 times, 84,168 rows with the seed's own defects (variants,
//! rows printed away from their parent, inferred parents) in every copy.

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

/// Copies of the catalogue seed in the bench's map.
const COPIES: usize = 252;

/// The catalogue seed renumbered `COPIES` times (a copy's macro-processes
/// A1, B2, ... become A11, B12, ..., then G1, H2 ... past 99 copies: codes
/// stay under a thousand), and its entries one per line (code and title,
/// name, role) for fzf, with how many there are.
fn write_catalogo(dir: &Path) -> (PathBuf, PathBuf, usize) {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/catalogo.tsv"))
        .unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("CODIFICA"))
        .unwrap();
    let (mut tsv, mut flat, mut entries) = (lines[..=header].join("\n"), String::new(), 0);
    tsv.push('\n');
    for k in 0..COPIES {
        let (block, off) = (k / 99, (k % 99) * 10);
        for row in lines[header + 1..].iter().filter(|l| !l.trim().is_empty()) {
            let mut cells: Vec<String> = row.split('\t').map(String::from).collect();
            cells[0] = renumbered(&cells[0], block, off);
            tsv.push_str(&cells.join("\t"));
            tsv.push('\n');
            let shown: Vec<&str> = [0, 1, 5]
                .iter()
                .filter_map(|&i| cells.get(i).map(String::as_str))
                .filter(|c| !c.is_empty())
                .collect();
            flat.push_str(&shown.join(" "));
            flat.push('\n');
            entries += 1;
        }
    }
    let (t, f) = (dir.join("catalogo-84k.tsv"), dir.join("catalogo-84k.txt"));
    std::fs::write(&t, tsv).unwrap();
    std::fs::write(&f, flat).unwrap();
    (t, f, entries)
}

/// A first cell with its code's letter moved `block` × 6 letters on and its
/// first number raised by `off` ("A1.1 ..." → "A11.1 ..."), as written
/// (spaces and dots kept); any other cell as it is.
fn renumbered(cell: &str, block: usize, off: usize) -> String {
    let lead = cell.len() - cell.trim_start().len();
    let rest = &cell[lead..];
    let mut chars = rest.chars();
    let Some(letter) = chars.next().filter(char::is_ascii_alphabetic) else {
        return cell.to_string();
    };
    let after = chars.as_str();
    let gap = after.len() - after.trim_start_matches([' ', '.']).len();
    let digits = after[gap..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if digits == 0 {
        return cell.to_string();
    }
    let number: usize = after[gap..gap + digits].parse().unwrap();
    let letter = (letter.to_ascii_uppercase() as u8 + 6 * block as u8) as char;
    format!(
        "{}{letter}{}{}{}",
        &cell[..lead],
        &after[..gap],
        number + off,
        &after[gap + digits..]
    )
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
    match &fzf {
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
    // The catalogue's own layout.
    let (tsv, flat, entries) = write_catalogo(&dir);
    let mut group = c.benchmark_group("pty first frame, 84k catalogo-format TSV");
    group.sample_size(15);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("mappa --data", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mappa"));
                    cmd.env("HOME", &home);
                    cmd.env("XDG_DATA_HOME", home.join("data"));
                    cmd.env("XDG_CONFIG_HOME", home.join("config"));
                    cmd.env("MAPPA_SYSTEM_CONFIG", home.join("etc-mappa.toml"));
                    cmd.arg("--data");
                    cmd.arg(&tsv);
                    time_to_screen(cmd, "PERFORMANCE CAMERALE")
                })
                .sum()
        })
    });
    if let Some(fzf) = &fzf {
        let counter = format!("{entries}/{entries}");
        group.bench_function("fzf, the same entries one per line", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        let mut cmd = CommandBuilder::new("sh");
                        cmd.arg("-c");
                        cmd.arg(format!("exec {} < {}", fzf.display(), flat.display()));
                        time_to_screen(cmd, &counter)
                    })
                    .sum()
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, first_frame);
criterion_main!(benches);

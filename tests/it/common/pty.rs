//! The real binary in a pseudo-terminal, read through a vt100 screen.
//! Tests wait for what must appear, with generous limits, never a fixed sleep.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: CI machines are shared and slow.
pub const LIMIT: Duration = Duration::from_secs(30);

pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub bytes: Arc<Mutex<usize>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    pub fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_with(cols, rows, env, &[])
    }

    /// The binary with arguments (`--review FILE`, ...).
    pub fn start_with(cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mappa"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("TMUX");
        // Never touch the user's own review store or configuration.
        for (k, v) in super::isolated_env() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(args);
        let child = pair.slave.spawn_command(cmd).expect("spawn mappa");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let bytes = Arc::new(Mutex::new(0usize));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, b, r) = (Arc::clone(&screen), Arc::clone(&bytes), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                *b.lock().unwrap() += n;
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            screen,
            bytes,
            raw,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `test`, or fails with the screen.
    pub fn wait_for(&self, what: &str, test: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let text = self.contents();
            if test(&text) {
                return;
            }
            if start.elapsed() > LIMIT {
                panic!("timed out waiting for {what}; screen:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |t| t.contains(needle));
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the emulated screen first, so the redraw the program sends
    /// after SIGWINCH lands on a screen of the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Sends a signal (`"HUP"`, `"TERM"`) to the program.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Waits for the process to end and returns whether it exited cleanly.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written before the exit.
                let settle = Instant::now();
                while self.in_alternate_screen() && settle.elapsed() < LIMIT {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status.success();
            }
            if start.elapsed() > LIMIT {
                let _ = self.child.kill();
                let raw = self.raw.lock().unwrap();
                let all = String::from_utf8_lossy(&raw).into_owned();
                let tail = match all.find("panicked") {
                    Some(i) => all[i.saturating_sub(200)..(i + 600).min(all.len())].to_string(),
                    None => all[all.len().saturating_sub(400)..].to_string(),
                };
                panic!(
                    "mappa did not exit; screen:\n{}\nlast bytes: {tail:?}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    /// A failed test must not leave the program running.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn started(cols: u16, rows: u16) -> Session {
    let s = Session::start(cols, rows, &[]);
    s.wait_text("mappa");
    s.wait_for("the alternate screen", |_| true);
    assert!(s.in_alternate_screen());
    s
}

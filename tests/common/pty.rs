//! The real binary in a pseudo-terminal, driven by keystrokes and read back through a terminal
//! emulator; shared by the end-to-end tests.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
pub const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
/// Generous, for a loaded machine; every wait polls and fails with the screen when it runs out.
pub const TIMEOUT: Duration = Duration::from_secs(15);
pub const ENTER_ALT: &str = "\x1b[?1049h";
pub const LEAVE_ALT: &str = "\x1b[?1049l";
pub const PANIC_VAR: &str = "ISMS_TEST_PANIC";

/// A temporary HOME holding a workspace file made by `isms new`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
}

impl Workspace {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ws = Self {
            file: dir.path().join("acme.isms"),
            dir,
        };
        ws.run(&["new", ws.path(), "--org", "Acme GmbH"]);
        ws
    }

    pub fn path(&self) -> &str {
        self.file.to_str().unwrap()
    }

    /// What every child gets on top of the inherited environment (minus ISMS_DB).
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.dir.path().into()),
            ("XDG_DATA_HOME", self.dir.path().join("data").into()),
            ("ISMS_TODAY", "2026-03-31".into()),
            ("ISMS_USER", "tester".into()),
            ("TERM", "xterm-256color".into()),
        ]
    }

    /// `isms ARGS` outside a terminal: its stdout; panics unless it succeeds.
    pub fn run(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_isms"))
            .args(args)
            .env_remove("ISMS_DB")
            .env_remove(PANIC_VAR)
            .envs(self.env())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "isms {args:?}: {}\n{stdout}\n{stderr}",
            out.status
        );
        stdout
    }

    pub fn scope_items(&self) -> Vec<serde_json::Value> {
        let json = self.run(&["--db", self.path(), "list", "scope", "--format", "json"]);
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
    }
}

/// What the terminal received so far: the raw bytes and the screen they draw.
pub struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    closed: bool,
}

/// `isms ARGS` in a pseudo-terminal; killed on drop if a test leaves it running.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Output>>,
    status: Option<ExitStatus>,
    /// The terminal's modes before the app started, to compare with those after it ended.
    modes_before: String,
}

impl Session {
    pub fn spawn(ws: &Workspace, args: &[&str], extra_env: &[(&str, &str)]) -> Self {
        Self::spawn_program(ws, env!("CARGO_BIN_EXE_isms"), args, extra_env)
    }

    /// `bash -c SCRIPT` in the terminal, with the app's path in `$ISMS_BIN`: for limits a shell
    /// sets before it runs the app.
    pub fn spawn_in_shell(ws: &Workspace, script: &str) -> Self {
        let bin = env!("CARGO_BIN_EXE_isms");
        Self::spawn_program(ws, "bash", &["-c", script], &[("ISMS_BIN", bin)])
    }

    fn spawn_program(
        ws: &Workspace,
        program: &str,
        args: &[&str],
        extra_env: &[(&str, &str)],
    ) -> Self {
        let (rows, cols) = (ROWS.get(), COLS.get());
        let size = PtySize {
            rows,
            cols,
            ..PtySize::default()
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(ws.dir.path());
        cmd.env_remove("ISMS_DB");
        cmd.env_remove(PANIC_VAR);
        let extra = extra_env.iter().map(|&(k, v)| (k, v.into()));
        ws.env()
            .into_iter()
            .chain(extra)
            .for_each(|(k, v)| cmd.env(k, v));
        let master = pair.master;
        let modes_before = modes(&*master);
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the terminal side, so that reading ends when it exits.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(ROWS, COLS, 0),
            closed: false,
        }));
        let mut reader = master.try_clone_reader().unwrap();
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                // Linux reports the end of a pseudo-terminal as an error (EIO).
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut out = sink.lock().unwrap();
                out.closed = n == 0;
                if out.closed {
                    return;
                }
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
            }
        });
        Self {
            child,
            writer: master.take_writer().unwrap(),
            master,
            output,
            status: None,
            modes_before,
        }
    }

    pub fn open(ws: &Workspace, extra_env: &[(&str, &str)]) -> Self {
        Self::spawn(ws, &["--db", ws.path()], extra_env)
    }

    pub fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap().raw).into_owned()
    }

    /// Polls until `done` holds; fails with `what` and the screen after TIMEOUT.
    pub fn poll(&mut self, what: &str, mut done: impl FnMut(&mut Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if start.elapsed() >= TIMEOUT {
                panic!(
                    "waited {TIMEOUT:?} for {what}; the screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&mut self, text: &str) {
        self.poll(&format!("{text:?} on the screen"), |s| {
            s.screen().contains(text)
        });
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the app to exit and for everything it wrote to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.poll("the app to exit", |s| {
            s.status = s.child.try_wait().unwrap();
            s.status.is_some()
        });
        self.poll("the end of the output", |s| s.output.lock().unwrap().closed);
        self.status.clone().unwrap()
    }

    /// Kills the app with `kill -9`, as a crash or a pulled plug would, and waits until it is gone.
    pub fn kill_9(&mut self) {
        let pid = self.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap();
        assert!(killed.success(), "kill -9 {pid}");
        self.wait_exit();
    }

    /// Cooked mode with echo, as before the app started.
    pub fn assert_modes_unchanged(&self) {
        let now = modes(&*self.master);
        assert_eq!(self.modes_before, now, "terminal modes not restored");
    }

    /// Cooked mode, the main screen, no mouse reports and no bracketed paste, as before.
    pub fn assert_terminal_restored(&self) {
        self.assert_modes_unchanged();
        let raw = self.raw();
        let entered = raw
            .find(ENTER_ALT)
            .expect("never entered the alternate screen");
        let left = raw
            .rfind(LEAVE_ALT)
            .expect("never left the alternate screen");
        assert!(entered < left, "left before entering: {raw:?}");
        let out = self.output.lock().unwrap();
        let screen = out.parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        let mouse = screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None;
        assert!(!mouse, "mouse capture left on");
        assert!(!screen.bracketed_paste(), "bracketed paste left on");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The terminal's input, output and local modes, readably.
pub fn modes(master: &dyn MasterPty) -> String {
    let t = master.get_termios();
    format!(
        "{:?}",
        t.map(|t| (t.input_flags, t.output_flags, t.local_flags))
    )
}

//! End to end: the real binary in a pseudo-terminal, driven by keystrokes and read back through a
//! terminal emulator, then checked with the command line.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// Generous, for a loaded machine; every wait polls and fails with the screen when it runs out.
const TIMEOUT: Duration = Duration::from_secs(15);
const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const RIGHT: &str = "\x1b[C";
const TAB: &str = "\t";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";

/// A temporary HOME with a workspace file created by `isms new`.
struct Workspace {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("acme.isms");
        let ws = Self { dir, file };
        ws.run(&["new", ws.file.to_str().unwrap(), "--org", "Acme GmbH"]);
        ws
    }

    /// The environment every child gets, besides the inherited one without ISMS_DB.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.dir.path().into()),
            ("XDG_DATA_HOME", self.dir.path().join("data").into()),
            ("ISMS_TODAY", "2026-03-31".into()),
            ("ISMS_USER", "tester".into()),
            ("TERM", "xterm-256color".into()),
        ]
    }

    /// `isms ARGS` outside a terminal; panics unless it succeeds, returns stdout.
    fn run(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_isms"))
            .args(args)
            .env_remove("ISMS_DB")
            .envs(self.env())
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            out.status.success(),
            "isms {args:?} failed: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
        stdout.into_owned()
    }

    fn scope_items(&self) -> Vec<serde_json::Value> {
        let file = self.file.to_str().unwrap();
        let json = self.run(&["--db", file, "list", "scope", "--format", "json"]);
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
    }

    /// The app on this workspace in a pseudo-terminal.
    fn open(&self, extra_env: &[(&str, &str)]) -> Session {
        Session::spawn(&["--db", self.file.to_str().unwrap()], self, extra_env)
    }
}

/// What came out of the terminal so far: the raw bytes and the screen they draw.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    closed: bool,
}

/// A running app in a pseudo-terminal; killed on drop if a test leaves it running.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Kept open for the life of the session.
    _master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Output>>,
    status: Option<ExitStatus>,
    /// The terminal's modes before the app started, to compare with after it ended.
    modes_before: String,
}

impl Session {
    fn spawn(args: &[&str], ws: &Workspace, extra_env: &[(&str, &str)]) -> Self {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_isms"));
        cmd.args(args);
        cmd.cwd(ws.dir.path());
        cmd.env_remove("ISMS_DB");
        for (k, v) in ws.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let modes_before = format!("{:?}", pair.master.get_termios());
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the terminal side, so that reading ends when it exits.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
            ),
            closed: false,
        }));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut out = sink.lock().unwrap();
                if n == 0 {
                    out.closed = true;
                    return;
                }
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self {
            child,
            writer,
            _master: pair.master,
            output,
            status: None,
            modes_before,
        }
    }

    fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap().raw).into_owned()
    }

    fn on_alternate_screen(&self) -> bool {
        self.output
            .lock()
            .unwrap()
            .parser
            .screen()
            .alternate_screen()
    }

    /// Polls until `done` holds, or fails with `what` and the screen.
    fn poll(&mut self, what: &str, mut done: impl FnMut(&mut Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{}\nraw output:\n{:?}",
                self.screen(),
                self.raw()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&mut self, text: &str) {
        self.poll(&format!("{text:?} on the screen"), |s| {
            s.screen().contains(text)
        });
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the child to exit and for all it wrote to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        self.poll("the app to exit", |s| {
            s.status = s.child.try_wait().unwrap();
            s.status.is_some()
        });
        self.poll("the end of the output", |s| s.output.lock().unwrap().closed);
        self.status.clone().unwrap()
    }

    /// SIGKILL, which the app cannot catch (portable-pty's `kill` starts with SIGHUP).
    fn kill_9(&mut self) -> ExitStatus {
        let pid = self.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap();
        assert!(killed.success(), "kill -9 {pid} failed");
        self.wait_exit()
    }

    /// The terminal's modes (raw or cooked, echo) are as they were before the app started.
    fn assert_modes_unchanged(&self) {
        let after = format!("{:?}", self._master.get_termios());
        assert_eq!(
            self.modes_before, after,
            "the terminal modes were not restored"
        );
    }

    /// The terminal is as the app found it: cooked mode, main screen, no mouse reports, no
    /// bracketed paste.
    fn assert_terminal_restored(&self) {
        self.assert_modes_unchanged();
        let raw = self.raw();
        let entered = raw
            .find(ENTER_ALT)
            .expect("the app never entered the alternate screen");
        let left = raw
            .rfind(LEAVE_ALT)
            .expect("the app never left the alternate screen");
        assert!(entered < left, "left before entering: {raw:?}");
        let out = self.output.lock().unwrap();
        let screen = out.parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
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

/// Opens the new-scope-item form from a freshly started app.
fn open_new_scope_item_form(app: &mut Session) {
    app.wait_for(" 1 Dashboard");
    app.send("2");
    app.send(RIGHT);
    app.wait_for("Scope items (4.3)");
    app.send("n");
    app.wait_for("New scope item");
}

fn create_lager_koeln(app: &mut Session) {
    open_new_scope_item_form(app);
    app.send(TAB);
    app.send("Lager Köln");
    app.send(ENTER);
    app.wait_for("Saved S-001");
}

fn assert_only_lager_koeln(ws: &Workspace) {
    let items = ws.scope_items();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["ref"], "S-001", "{items:#?}");
    assert_eq!(items[0]["name"], "Lager Köln", "{items:#?}");
}

#[test]
fn creates_a_scope_item_by_keystrokes_and_it_is_in_the_file_after_quitting() {
    let ws = Workspace::new();
    let mut app = ws.open(&[]);
    create_lager_koeln(&mut app);
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();
    assert_only_lager_koeln(&ws);
}

#[test]
fn a_saved_edit_survives_kill_9() {
    let ws = Workspace::new();
    let mut app = ws.open(&[]);
    create_lager_koeln(&mut app);
    let status = app.kill_9();
    assert!(
        status.signal().is_some(),
        "not killed by a signal: {status}"
    );
    assert_only_lager_koeln(&ws);
    let info = ws.run(&["info", ws.file.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Scope items:") && l.split_whitespace().last() == Some("1")),
        "{info}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let ws = Workspace::new();
    let mut app = ws.open(&[("ISMS_TEST_PANIC", "1")]);
    let status = app.wait_exit();
    assert!(!status.success(), "a panic should fail: {status}");
    app.assert_terminal_restored();
    let raw = app.raw();
    let left = raw.find(LEAVE_ALT).unwrap();
    let message = raw
        .find("ISMS_TEST_PANIC is set")
        .unwrap_or_else(|| panic!("no panic message in {raw:?}"));
    assert!(
        left < message,
        "the message was printed on the alternate screen: {raw:?}"
    );
    assert!(
        app.screen().contains("ISMS_TEST_PANIC is set"),
        "{}",
        app.screen()
    );
}

#[test]
fn ctrl_c_quits_from_inside_a_form() {
    let ws = Workspace::new();
    let mut app = ws.open(&[]);
    open_new_scope_item_form(&mut app);
    app.send(TAB);
    app.send("Halbfertig");
    app.wait_for("Halbfertig");
    app.send(CTRL_C);
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();
    assert!(!app.on_alternate_screen());
    assert_eq!(ws.scope_items(), Vec::<serde_json::Value>::new());
}

#[test]
fn a_missing_workspace_given_explicitly_fails_without_touching_the_terminal() {
    let ws = Workspace::new();
    let missing = ws.dir.path().join("nope.isms");
    let mut app = Session::spawn(&["--db", missing.to_str().unwrap()], &ws, &[]);
    let status = app.wait_exit();
    assert!(!status.success(), "exit: {status}");
    assert!(app.screen().contains("no such file"), "{}", app.screen());
    assert!(!app.raw().contains(ENTER_ALT), "{:?}", app.raw());
    app.assert_modes_unchanged();
    assert!(
        !Path::new(&missing).exists(),
        "the missing file was created"
    );
}

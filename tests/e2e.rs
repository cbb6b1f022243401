//! End to end: the real binary in a pseudo-terminal, driven by keystrokes and read back through a
//! terminal emulator, then checked with the command line.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
/// Generous, for a loaded machine; every wait polls and fails with the screen when it runs out.
const TIMEOUT: Duration = Duration::from_secs(15);
const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const PANIC_VAR: &str = "ISMS_TEST_PANIC";

/// A temporary HOME holding a workspace file made by `isms new`.
struct Workspace {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ws = Self {
            file: dir.path().join("acme.isms"),
            dir,
        };
        ws.run(&["new", ws.path(), "--org", "Acme GmbH"]);
        ws
    }

    fn path(&self) -> &str {
        self.file.to_str().unwrap()
    }

    /// What every child gets on top of the inherited environment (minus ISMS_DB).
    fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.dir.path().into()),
            ("XDG_DATA_HOME", self.dir.path().join("data").into()),
            ("ISMS_TODAY", "2026-03-31".into()),
            ("ISMS_USER", "tester".into()),
            ("TERM", "xterm-256color".into()),
        ]
    }

    /// `isms ARGS` outside a terminal: its stdout; panics unless it succeeds.
    fn run(&self, args: &[&str]) -> String {
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

    fn scope_items(&self) -> Vec<serde_json::Value> {
        let json = self.run(&["--db", self.path(), "list", "scope", "--format", "json"]);
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
    }
}

/// What the terminal received so far: the raw bytes and the screen they draw.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    closed: bool,
}

/// `isms ARGS` in a pseudo-terminal; killed on drop if a test leaves it running.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Output>>,
    status: Option<ExitStatus>,
    /// The terminal's modes before the app started, to compare with those after it ended.
    modes_before: String,
}

impl Session {
    fn spawn(ws: &Workspace, args: &[&str], extra_env: &[(&str, &str)]) -> Self {
        let (rows, cols) = (ROWS.get(), COLS.get());
        let size = PtySize {
            rows,
            cols,
            ..PtySize::default()
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_isms"));
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

    fn open(ws: &Workspace, extra_env: &[(&str, &str)]) -> Self {
        Self::spawn(ws, &["--db", ws.path()], extra_env)
    }

    fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap().raw).into_owned()
    }

    /// Polls until `done` holds; fails with `what` and the screen after TIMEOUT.
    fn poll(&mut self, what: &str, mut done: impl FnMut(&mut Self) -> bool) {
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

    fn wait_for(&mut self, text: &str) {
        self.poll(&format!("{text:?} on the screen"), |s| {
            s.screen().contains(text)
        });
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the app to exit and for everything it wrote to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        self.poll("the app to exit", |s| {
            s.status = s.child.try_wait().unwrap();
            s.status.is_some()
        });
        self.poll("the end of the output", |s| s.output.lock().unwrap().closed);
        self.status.clone().unwrap()
    }

    /// Cooked mode with echo, as before the app started.
    fn assert_modes_unchanged(&self) {
        let now = modes(&*self.master);
        assert_eq!(self.modes_before, now, "terminal modes not restored");
    }

    /// Cooked mode, the main screen, no mouse reports and no bracketed paste, as before.
    fn assert_terminal_restored(&self) {
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
fn modes(master: &dyn MasterPty) -> String {
    let t = master.get_termios();
    format!(
        "{:?}",
        t.map(|t| (t.input_flags, t.output_flags, t.local_flags))
    )
}

/// From a freshly started app to the open new-scope-item form.
fn open_new_scope_item_form(app: &mut Session) {
    app.wait_for(" 1 Dashboard");
    app.send("2");
    app.send("\x1b[C"); // Right: the next view
    app.wait_for("Scope items (4.3)");
    app.send("n");
    app.wait_for("New scope item");
}

fn create_lager_koeln(app: &mut Session) {
    open_new_scope_item_form(app);
    app.send("\t"); // Kind → Name
    app.send("Lager Köln");
    app.send("\r");
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
    let mut app = Session::open(&ws, &[]);
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
    let mut app = Session::open(&ws, &[]);
    create_lager_koeln(&mut app);
    // SIGKILL, which cannot be caught; portable-pty's `kill` would start with SIGHUP.
    let pid = app.child.process_id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status();
    assert!(kill.unwrap().success(), "kill -9 {pid} failed");
    let status = app.wait_exit();
    assert!(
        status.signal().is_some(),
        "not killed by a signal: {status}"
    );

    assert_only_lager_koeln(&ws);
    let info = ws.run(&["info", ws.path()]);
    let items = info.lines().find(|l| l.starts_with("Scope items:"));
    assert_eq!(
        items.and_then(|l| l.split_whitespace().last()),
        Some("1"),
        "{info}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[(PANIC_VAR, "1")]);
    let status = app.wait_exit();
    assert!(!status.success(), "a panic should fail: {status}");
    app.assert_terminal_restored();
    let raw = app.raw();
    let message = format!("{PANIC_VAR} is set");
    let printed = raw
        .find(&message)
        .unwrap_or_else(|| panic!("no panic message: {raw:?}"));
    assert!(
        raw.find(LEAVE_ALT).unwrap() < printed,
        "printed on the alternate screen: {raw:?}"
    );
    assert!(app.screen().contains(&message), "{}", app.screen());
}

#[test]
fn ctrl_c_quits_from_inside_a_form() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    open_new_scope_item_form(&mut app);
    app.send("\tHalbfertig");
    app.wait_for("Halbfertig");
    app.send("\x03");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();
    assert_eq!(ws.scope_items(), Vec::<serde_json::Value>::new());
}

#[test]
fn a_missing_workspace_given_explicitly_fails_without_touching_the_terminal() {
    let ws = Workspace::new();
    let missing = ws.dir.path().join("nope.isms");
    let mut app = Session::spawn(&ws, &["--db", missing.to_str().unwrap()], &[]);
    let status = app.wait_exit();
    assert!(!status.success(), "exit: {status}");
    assert!(app.screen().contains("no such file"), "{}", app.screen());
    assert!(!app.raw().contains(ENTER_ALT), "{:?}", app.raw());
    app.assert_modes_unchanged();
    assert!(!missing.exists(), "the missing file was created");
}

#[test]
fn a_workshop_rates_and_records_assets_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace {
        file: dir.path().join("n.isms"),
        dir,
    };
    ws.run(&["demo", ws.path()]);
    // A relative path (the session runs in the workspace's directory) leaves the status line
    // room for whole messages at 100 columns.
    let mut app = Session::spawn(&ws, &["--db", "n.isms"], &[]);
    app.wait_for(" 1 Dashboard");
    app.send("4");
    app.wait_for("┌ Protection needs");

    // Rate the primary asset Invoicing (AS-011) across the row, then explain one cell.
    app.send("/Invoicing\r");
    app.wait_for(" 1/30 ");
    app.send("2");
    app.wait_for("Saved Confidentiality high for AS-011 Invoicing.");
    app.send("\x1b[C3");
    app.wait_for("Saved Integrity very high for AS-011 Invoicing.");
    app.send("\x1b[C1");
    app.wait_for("Saved Availability normal for AS-011 Invoicing.");
    app.send("r");
    app.wait_for("Rationale: AS-011 Invoicing Availability");
    app.send("Invoices carry bank details\x13");
    app.wait_for("Saved the availability rationale for AS-011 Invoicing.");
    app.wait_for("Why: Invoices carry bank details");
    // Esc alone, so that it does not run into the next key as Alt-something.
    app.send("\x1b");
    app.poll("the filter to clear", |s| {
        !s.screen().contains("/Invoicing")
    });

    // Digits rate on this screen, so Shift-Tab goes back to the Assets screen.
    app.send("\x1b[Z");
    app.wait_for("┌ Assets ");
    app.send("n");
    app.wait_for("New asset");
    app.send("Workshop laptop\th");
    app.wait_for("◂ Hardware ▸");
    app.send("\x13");
    app.wait_for("Saved AS-031 Workshop laptop.");

    // A supporting asset: its rating is an override that needs a justification.
    app.send("4");
    app.wait_for("┌ Protection needs");
    app.send("/Workshop\r");
    app.wait_for(" 1/31 ");
    app.send("\x1b[D\x1b[D3"); // back to the Confidentiality column
    app.wait_for("Override AS-031 Workshop laptop: Confidentiality very high");
    app.send("\x13");
    app.wait_for("an override needs a justification");
    app.send("Holds exported customer lists during workshops\x13");
    app.wait_for("Saved Confidentiality very high for AS-031 Workshop laptop.");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();

    let json = ws.run(&["--db", ws.path(), "list", "assets", "--format", "json"]);
    let assets: Vec<serde_json::Value> =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"));
    let asset = |r: &str| {
        assets
            .iter()
            .find(|a| a["ref"] == r)
            .unwrap_or_else(|| panic!("no {r}: {assets:#?}"))
    };
    let invoicing = asset("AS-011");
    for (objective, level) in [
        ("confidentiality", "high"),
        ("integrity", "very high"),
        ("availability", "normal"),
    ] {
        let need = &invoicing[objective];
        assert_eq!(need["own"], level, "{objective}: {invoicing:#}");
        assert_eq!(need["source"], "own", "{objective}: {invoicing:#}");
    }
    let laptop = asset("AS-031");
    assert_eq!(laptop["name"], "Workshop laptop", "{laptop:#}");
    assert_eq!(laptop["kind"], "hardware", "{laptop:#}");
    let confidentiality = &laptop["confidentiality"];
    assert_eq!(confidentiality["source"], "override", "{laptop:#}");
    assert_eq!(confidentiality["effective"], "very high", "{laptop:#}");

    // The demo's 35 needs and the four set here: no stray key rated anything else.
    let info = ws.run(&["--db", ws.path(), "info"]);
    let needs = info.lines().find(|l| l.starts_with("Protection needs:"));
    assert_eq!(
        needs.and_then(|l| l.split_whitespace().last()),
        Some("39"),
        "{info}"
    );
}

#[test]
fn a_second_window_is_told_who_holds_the_file_and_opens_it_read_only() {
    let ws = Workspace::new();
    let mut first = Session::open(&ws, &[]);
    first.wait_for(" 1 Dashboard");
    let pid = first.child.process_id().unwrap();
    let mut second = Session::open(&ws, &[]);
    second.wait_for("Open it read-only instead? [y/N]");
    assert!(
        second
            .screen()
            .contains(&format!("process {pid} of tester")),
        "{}",
        second.screen()
    );
    second.send("y\r");
    second.wait_for("Opened read-only");

    // The first window goes on saving; the second cannot write.
    create_lager_koeln(&mut first);
    second.send("2");
    second.send("\x1b[C");
    second.wait_for("Scope items (4.3)");
    second.send("n");
    second.wait_for("nothing can be added, changed or deleted");
    second.send("q");
    assert!(second.wait_exit().success(), "{}", second.screen());
    first.send("q");
    assert!(first.wait_exit().success(), "{}", first.screen());
    assert_only_lager_koeln(&ws);
}

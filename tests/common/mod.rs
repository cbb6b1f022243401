//! Helpers shared by the integration tests: the real binary in a clean environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `isms ARGS` with HOME and the data directory inside the sandbox and a fixed clock.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isms"));
        cmd.args(args)
            .env_remove("ISMS_DB")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("ISMS_TODAY", "2026-03-31")
            .env("ISMS_USER", "tester")
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.command(args).output().unwrap())
    }

    /// Writes the demo workspace and returns its path.
    pub fn demo(&self) -> PathBuf {
        let path = self.path("demo.isms");
        self.run(&["demo", path.to_str().unwrap()]).success();
        path
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    pub fn success(&self) -> &Self {
        assert!(
            self.0.status.success(),
            "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Exit code 1 with a one-line error that contains `needle`.
    pub fn fails_with(&self, needle: &str) -> &Self {
        assert_eq!(
            self.code(),
            Some(1),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        let err = self.stderr();
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "error should be one line: {err}"
        );
        assert!(err.contains(needle), "expected '{needle}' in: {err}");
        self
    }
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A work folder with a fixed-length name, so that paths in snapshots can be masked.
pub fn workdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("isms")
        .tempdir_in("/tmp")
        .unwrap()
}

/// The app drawn into a test backend, as text, with the work folder's random name masked.
pub fn screen(app: &isms::ui::App, width: u16, height: u16) -> String {
    app.settle();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    mask_workdir(&terminal.backend().to_string())
}

fn mask_workdir(text: &str) -> String {
    const PREFIX: &str = "/tmp/isms";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let (head, tail) = rest.split_at(at + PREFIX.len());
        out.push_str(head);
        let random: String = tail.chars().take(6).collect();
        out.push_str(&"_".repeat(random.chars().count()));
        rest = &tail[random.len()..];
    }
    out.push_str(rest);
    out
}

pub fn press(app: &mut isms::ui::App, code: ratatui::crossterm::event::KeyCode) -> isms::ui::Step {
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ))
}

pub fn ctrl(app: &mut isms::ui::App, c: char) -> isms::ui::Step {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn type_text(app: &mut isms::ui::App, text: &str) {
    for c in text.chars() {
        press(app, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

/// The app on the workspace at `path`, with today fixed at 2026-03-31 and edits made by
/// `tester`.
pub fn start_on(path: &std::path::Path) -> isms::ui::App {
    isms::store::fix_user_for_this_thread(Some("tester"));
    let mut app = isms::ui::App::start(path, true, false).unwrap();
    if let isms::ui::App::Workspace(shell) = &mut app {
        shell.set_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }
    app
}

//! The terminal app. Elm-shaped: state, a key becomes an update, render draws state and touches
//! nothing else. The terminal is restored on quit, on error and on panic.

mod export;
pub mod screens;
mod shell;
pub mod theme;
mod welcome;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent,
};
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;

use crate::store::Store;

pub use shell::Shell;
pub use welcome::Welcome;

/// Set in tests to make the app panic after its first frame, to prove the terminal is restored.
pub const PANIC_VAR: &str = "ISMS_TEST_PANIC";

/// Printed after a panic, below its message, once the terminal is restored.
pub const CRASH_NOTE: &str = "isms stopped on an internal error: a bug in isms, not in your data. \
Every edit it reported as saved is in the workspace file. Please report it as the README says \
under \"Reporting a problem\": the message above, `isms --version` and what you did last; \
never the workspace file itself, it is confidential.";

/// Smallest terminal the layout is drawn for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What the app shows: the welcome screen until a workspace is open, then the workspace.
pub enum App {
    Welcome(Box<Welcome>),
    Workspace(Box<Shell>),
}

/// What an update asks the loop to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Continue,
    Quit,
}

impl App {
    /// The app for `path`: the welcome screen when the default workspace does not exist yet.
    pub fn start(path: &Path, explicit: bool, read_only: bool) -> Result<App> {
        if !explicit && !path.exists() {
            return Ok(App::Welcome(Box::new(Welcome::new(path.to_path_buf()))));
        }
        let store = if read_only {
            Store::open_read_only(path)?
        } else {
            Store::open(path)?
        };
        Ok(App::Workspace(Box::new(Shell::new(store)?)))
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Step {
        if key.kind != KeyEventKind::Press {
            return Step::Continue;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Step::Quit;
        }
        match self {
            App::Welcome(w) => match w.handle_key(key) {
                welcome::Outcome::Stay => Step::Continue,
                welcome::Outcome::Quit => Step::Quit,
                welcome::Outcome::Opened(store) => match Shell::new(store) {
                    Ok(s) => {
                        *self = App::Workspace(Box::new(s));
                        Step::Continue
                    }
                    Err(e) => {
                        w.error = Some(e.to_string());
                        Step::Continue
                    }
                },
            },
            App::Workspace(s) => s.handle_key(key),
        }
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let App::Workspace(s) = self {
            s.handle_paste(text);
        }
    }

    /// A mouse event in a terminal of `size`.
    pub fn handle_mouse(&mut self, mouse: MouseEvent, size: Rect) {
        if let App::Workspace(s) = self
            && size.width >= MIN_WIDTH
            && size.height >= MIN_HEIGHT
        {
            s.handle_mouse(mouse, size);
        }
    }

    /// Whether something shown is still being computed in the background.
    pub fn busy(&self) -> bool {
        matches!(self, App::Workspace(s) if s.busy())
    }

    /// Waits until what is computed in the background is done, so that the next frame is
    /// complete (tests, benchmarks).
    pub fn settle(&self) {
        if let App::Workspace(s) = self {
            s.settle();
        }
    }

    /// Whether every screen is built and the background has nothing left to do (benchmarks).
    pub fn prepared(&self) -> bool {
        match self {
            App::Workspace(s) => s.prepared() && !s.busy(),
            App::Welcome(_) => true,
        }
    }

    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area);
            return;
        }
        match self {
            App::Welcome(w) => w.render(frame, area),
            App::Workspace(s) => s.render(frame, area),
        }
    }
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Please enlarge the terminal to at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{}).",
        area.width, area.height
    );
    let y = area.height / 2;
    let line = Rect {
        y: area.y + y,
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .style(theme::warning()),
        line,
    );
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture,
            ratatui::crossterm::event::DisableBracketedPaste
        );
        ratatui::restore();
    }
}

/// Runs the app on the real terminal until the user quits.
pub fn run(path: &Path, explicit: bool, read_only: bool) -> Result<()> {
    // Open first, so that a refused file is reported on a normal terminal.
    let mut app = App::start(path, explicit, read_only)?;
    let mut terminal = ratatui::init();
    let _guard = TerminalGuard;
    // ratatui's hook leaves raw mode and the alternate screen; also stop mouse reports and
    // bracketed paste first, even if the panic never unwinds to the guard.
    let restore_terminal = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture,
            ratatui::crossterm::event::DisableBracketedPaste
        );
        restore_terminal(info);
        eprintln!("{CRASH_NOTE}");
    }));
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableMouseCapture,
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    if std::env::var_os(PANIC_VAR).is_some() {
        terminal.draw(|f| app.render(f))?;
        panic!("{PANIC_VAR} is set: panicking on purpose to test terminal restoration");
    }
    loop {
        terminal.draw(|f| app.render(f))?;
        // While a screen computes in the background, look again soon to show its result.
        let wait = if app.busy() { 50 } else { 500 };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if app.handle_key(key) == Step::Quit => return Ok(()),
            Event::Paste(text) => app.handle_paste(&text),
            Event::Mouse(mouse) => {
                let size = terminal.size()?;
                app.handle_mouse(mouse, Rect::new(0, 0, size.width, size.height));
            }
            _ => {}
        }
    }
}

/// For messages: a path as the user would type it.
pub fn shown(path: &Path) -> String {
    PathBuf::from(path).display().to_string()
}

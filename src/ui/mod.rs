//! The terminal app. Elm-shaped: state, a key becomes an update, render draws state and touches
//! nothing else. The terminal is restored on quit, on error and on panic.

mod export;
pub mod keymap;
pub mod legend;
mod palette;
mod picker;
pub mod screens;
mod shell;
mod tabs;
pub mod theme;
mod unlock;
mod welcome;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, MouseEvent};
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;

use crate::Clock;
use crate::store::{Passphrase, Store, StoreError};

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

/// What the app shows: the welcome screen until a workspace is open, then the workspace; or,
/// for `isms open`, the picker of known workspaces until one is chosen.
pub enum App {
    Welcome(Box<Welcome>),
    Workspace(Box<Shell>),
    Picker(Box<PickerApp>),
    Unlock(Box<UnlockApp>),
}

/// The passphrase prompt of an encrypted workspace, and what it returns to on Esc.
pub struct UnlockApp {
    unlock: unlock::Unlock,
    previous: Option<Box<App>>,
    registry: Option<PathBuf>,
    /// The help overlay is open.
    help: bool,
}

/// The picker on its own, before any workspace is open.
pub struct PickerApp {
    picker: picker::Picker,
    registry: PathBuf,
    read_only: bool,
    /// Read where the app started, for the workspace chosen.
    clock: Clock,
    /// The help overlay is open.
    help: bool,
}

impl UnlockApp {
    fn new(path: &Path, read_only: bool, registry: Option<PathBuf>, clock: Clock) -> Self {
        let mut unlock = unlock::Unlock::new(path, read_only, clock);
        unlock.name_client(registry.as_deref());
        Self {
            unlock,
            previous: None,
            registry,
            help: false,
        }
    }
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
        Self::start_with_key(path, explicit, read_only, None)
    }

    /// [`App::start`] with the passphrase of an encrypted workspace at hand (`ISMS_PASSPHRASE`);
    /// without one, or with a wrong one, the app asks for it.
    pub fn start_with_key(
        path: &Path,
        explicit: bool,
        read_only: bool,
        key: Option<&Passphrase>,
    ) -> Result<App> {
        // The one place the app reads the clock: everything below is handed this value.
        let clock = Clock::at_start();
        if !explicit && !path.exists() {
            let mut welcome = Welcome::new(path.to_path_buf());
            welcome.clock = clock;
            return Ok(App::Welcome(Box::new(welcome)));
        }
        let asking = |error: Option<&str>| {
            let mut asking = UnlockApp::new(path, read_only, None, clock);
            asking.unlock.error = error.map(str::to_string);
            Ok(App::Unlock(Box::new(asking)))
        };
        match Store::open_with_clock(path, read_only, key, clock) {
            Ok(store) => Ok(App::Workspace(Box::new(Shell::new(store)?))),
            Err(StoreError::Encrypted(_)) => asking(None),
            Err(StoreError::WrongPassphrase(_)) => asking(Some(
                "The passphrase given in ISMS_PASSPHRASE is wrong; type the right one.",
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// The picker of the workspaces known in the list at `registry`.
    pub fn picker(registry: &Path, read_only: bool) -> App {
        let (list, warning) = crate::registry::Registry::load(registry);
        let mut picker = picker::Picker::new(&list);
        picker.error = warning;
        App::Picker(Box::new(PickerApp {
            picker,
            registry: registry.to_path_buf(),
            read_only,
            clock: Clock::at_start(),
            help: false,
        }))
    }

    /// Uses the list of known workspaces at `registry` (the picker, remembering what is
    /// opened); without one the app neither reads nor writes such a list. The workspace open
    /// now is remembered.
    pub fn set_registry(&mut self, registry: Option<PathBuf>) {
        match self {
            App::Welcome(w) => w.registry = registry,
            App::Workspace(s) => s.set_registry(registry),
            App::Picker(p) => {
                if let Some(r) = registry {
                    p.registry = r;
                }
            }
            App::Unlock(u) => {
                u.unlock.name_client(registry.as_deref());
                u.registry = registry;
            }
        }
    }

    /// Opens the workspace at `path` in place of what is shown; the one open before is
    /// released once the new one is open. On failure the old one stays and says why.
    fn switch_to(&mut self, path: &Path) {
        let (registry, clock, read_only) = match self {
            App::Workspace(s) => (s.registry().cloned(), s.clock(), s.session().is_read_only()),
            App::Picker(p) => (Some(p.registry.clone()), p.clock, p.read_only),
            App::Welcome(w) => (w.registry.clone(), w.clock, false),
            App::Unlock(u) => (u.registry.clone(), u.unlock.clock, u.unlock.read_only),
        };
        let opened = Store::open_with_clock(path, read_only, None, clock);
        if let Err(StoreError::Encrypted(_)) = opened {
            let asking = App::Unlock(Box::new(UnlockApp::new(path, read_only, registry, clock)));
            let previous = std::mem::replace(self, asking);
            if let App::Unlock(u) = self {
                u.previous = Some(Box::new(previous));
            }
            return;
        }
        let shell = opened.and_then(Shell::new);
        match (shell, self) {
            (Ok(mut shell), this) => {
                shell.set_registry(registry);
                *this = App::Workspace(Box::new(shell));
            }
            (Err(e), App::Workspace(s)) => {
                let (file, message) = (shown(path), e.to_string());
                // Most refusals name the file already.
                if message.contains(&file) {
                    s.set_error(message);
                } else {
                    s.set_error(format!("{file}: {message}"));
                }
            }
            (Err(e), App::Picker(p)) => p.picker.error = Some(e.to_string()),
            (Err(e), App::Welcome(w)) => w.error = Some(e.to_string()),
            (Err(e), App::Unlock(u)) => u.unlock.error = Some(e.to_string()),
        }
    }

    /// Work a key asked for that should run after the next frame shows it is running: trying
    /// a passphrase. Returns whether anything was done.
    pub fn tick(&mut self) -> bool {
        let App::Unlock(u) = self else {
            return false;
        };
        if !u.unlock.checking() {
            return false;
        }
        let Some(store) = u.unlock.try_open() else {
            return true;
        };
        match Shell::new(store) {
            Ok(mut shell) => {
                shell.set_registry(u.registry.clone());
                *self = App::Workspace(Box::new(shell));
            }
            Err(e) => u.unlock.error = Some(e.to_string()),
        }
        true
    }

    /// Between keys: a read-only window follows what the writer in another window commits.
    /// Returns whether anything was read again, to be drawn.
    pub fn follow_writer(&mut self) -> bool {
        match self {
            App::Workspace(s) => s.follow_writer(),
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Step {
        if key.kind != KeyEventKind::Press {
            return Step::Continue;
        }
        if keymap::action(keymap::Context::Anywhere, &key) == Some(keymap::Action::Quit) {
            return Step::Quit;
        }
        // Before a workspace is open, help is the app's: any key closes it.
        if let Some((help, active, _)) = self.outside_help() {
            if *help {
                *help = false;
                return Step::Continue;
            }
            if keymap::asks_help(&active, &key) {
                *help = true;
                return Step::Continue;
            }
        }
        match self {
            App::Welcome(w) => match w.handle_key(key) {
                welcome::Outcome::Stay => Step::Continue,
                welcome::Outcome::Quit => Step::Quit,
                welcome::Outcome::Opened(store) => match Shell::new(*store) {
                    Ok(mut s) => {
                        s.set_registry(w.registry.clone());
                        *self = App::Workspace(Box::new(s));
                        Step::Continue
                    }
                    Err(e) => {
                        w.error = Some(e.to_string());
                        Step::Continue
                    }
                },
            },
            App::Workspace(s) => {
                let step = s.handle_key(key);
                if let Some(path) = s.take_switch() {
                    self.switch_to(&path);
                }
                step
            }
            App::Picker(p) => match p.picker.handle_key(key) {
                picker::PickerEvent::Stay => Step::Continue,
                picker::PickerEvent::Close => Step::Quit,
                picker::PickerEvent::Open(path) => {
                    self.switch_to(&path);
                    Step::Continue
                }
                picker::PickerEvent::Forget(path) => {
                    p.picker.forget(&p.registry, &path);
                    Step::Continue
                }
            },
            App::Unlock(u) => match u.unlock.handle_key(key) {
                unlock::UnlockEvent::Stay => Step::Continue,
                unlock::UnlockEvent::Leave => match u.previous.take() {
                    Some(previous) => {
                        *self = *previous;
                        Step::Continue
                    }
                    None => Step::Quit,
                },
            },
        }
    }

    pub fn handle_paste(&mut self, text: &str) {
        match self {
            App::Workspace(s) => s.handle_paste(text),
            App::Unlock(u) => u.unlock.handle_paste(text),
            _ => {}
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
        match self {
            App::Workspace(s) => s.busy(),
            App::Unlock(u) => u.unlock.checking(),
            _ => false,
        }
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
            App::Welcome(_) | App::Picker(_) | App::Unlock(_) => true,
        }
    }

    /// The help flag, the keys and the title of a screen shown before a workspace is open; the
    /// workspace's shell keeps its own.
    fn outside_help(&mut self) -> Option<(&mut bool, keymap::Active, &'static str)> {
        match self {
            App::Welcome(w) => {
                let active = w.contexts();
                Some((&mut w.help, active, "Welcome"))
            }
            App::Picker(p) => Some((&mut p.help, p.picker.contexts(), "Open a workspace")),
            App::Unlock(u) => Some((&mut u.help, unlock::Unlock::contexts(), "Passphrase")),
            App::Workspace(_) => None,
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area);
            return;
        }
        match self {
            App::Welcome(w) => w.render(frame, area),
            App::Workspace(s) => s.render(frame, area),
            App::Picker(p) => p.picker.render(frame, area, true),
            App::Unlock(u) => u.unlock.render(frame, area, u.previous.is_some()),
        }
        if let Some((true, active, title)) = self.outside_help().map(|(h, a, t)| (*h, a, t)) {
            let anywhere = keymap::Active::of(vec![keymap::Context::Anywhere]).help();
            widgets::render_help(frame, area, title, &active.help(), &anywhere, &[]);
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
pub fn run(path: &Path, explicit: bool, read_only: bool, key: Option<&Passphrase>) -> Result<()> {
    // Open first, so that a refused file is reported on a normal terminal.
    let mut app = App::start_with_key(path, explicit, read_only, key)?;
    app.set_registry(crate::registry::default_path());
    run_app(app)
}

/// Runs the picker of known workspaces on the real terminal (`isms open`).
pub fn run_picker(read_only: bool) -> Result<()> {
    let registry = crate::registry::default_path()
        .ok_or_else(|| anyhow::anyhow!("no home directory found for the list of workspaces"))?;
    run_app(App::picker(&registry, read_only))
}

fn run_app(mut app: App) -> Result<()> {
    use std::io::IsTerminal;
    // Started by a script or with its output redirected: say so instead of failing to set up
    // a terminal that is not there.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the app needs a terminal; in scripts use the commands (isms --help lists them)"
        );
    }
    let mut terminal = ratatui::try_init()?;
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
        if app.tick() {
            continue;
        }
        // While a screen computes in the background, look again soon to show its result.
        let wait = if app.busy() { 50 } else { 500 };
        if !event::poll(Duration::from_millis(wait))? {
            app.follow_writer();
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

//! The frame around every screen: the tab bar, the status line, the keys footer, the help
//! overlay, the go-to palette, and the global keys (switch screens, help, quit) that apply when
//! a screen ignores a key. Footer and help are generated from the keymap.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap::{self, Action, Active, Context};
use super::legend::help_lines;
use super::palette::{Palette, PaletteEvent};
use super::picker::PickerEvent;
use super::screens::assets::AssetRow;
use super::screens::audits::AuditsScreen;
use super::screens::clauses::ClauseRow;
use super::screens::cycles::CyclesScreen;
use super::screens::dashboard::Dashboard;
use super::screens::documents::DocumentsScreen;
use super::screens::lazy::{Lazy, build_in_background};
use super::screens::nonconformities::NonconformitiesScreen;
use super::screens::objectives::ObjectivesScreen;
use super::screens::people::PeopleScreen;
use super::screens::protection::ProtectionScreen;
use super::screens::register::RegisterScreen;
use super::screens::reviews::ReviewsScreen;
use super::screens::risks::RisksScreen;
use super::screens::scope::ScopeScreen;
use super::screens::soa::SoaScreen;
use super::screens::treatment::TreatmentScreen;
use super::screens::{Ctx, Handled, Screen, Status};
use super::widgets::{fit, key_line_within, render_help};
use super::{Step, tabs, theme};
use crate::Clock;
use crate::app::Session;
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How long a message other than an error stays in the status line.
const STATUS_SECONDS: u64 = 5;

pub struct Shell {
    app: Session,
    organisation: String,
    screens: Vec<Box<dyn Screen>>,
    /// The store generation each screen last read; a screen whose data did not change since is
    /// shown again without reading.
    read_at: Vec<Option<u64>>,
    current: usize,
    status: Status,
    /// The status as first drawn, and when: a message other than an error clears after
    /// `STATUS_SECONDS`.
    status_since: Option<(Status, Instant)>,
    help: bool,
    /// The export menu, while it is open.
    export: Option<super::export::ExportDialog>,
    /// The workspace picker, while it is open.
    picker: Option<super::picker::Picker>,
    /// The go-to palette, while it is open.
    palette: Option<Palette>,
    /// The list of known workspaces; `None` keeps the app from reading or writing one (tests).
    registry: Option<PathBuf>,
    /// The workspace chosen in the picker, for the app to open in place of this one.
    switch_to: Option<PathBuf>,
}

impl Shell {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        let app = Session::new(store);
        // Only the dashboard is read now; the others in the background or when first shown.
        let mut lazy = [
            Lazy::new("Scope", |s| Ok(Box::new(ScopeScreen::new(s)?))),
            Lazy::new("Assets", |s| {
                Ok(Box::new(RegisterScreen::<AssetRow>::new(
                    "Assets", "Assets", s,
                )?))
            }),
            Lazy::new("Protection", |s| Ok(Box::new(ProtectionScreen::new(s)?))),
            Lazy::new("Risks", |s| Ok(Box::new(RisksScreen::new(s)?))),
            Lazy::new("Treatment", |s| Ok(Box::new(TreatmentScreen::new(s)?))),
            Lazy::new("SoA", |s| Ok(Box::new(SoaScreen::new(s)?))),
            Lazy::new("Clauses", |s| {
                Ok(Box::new(RegisterScreen::<ClauseRow>::new(
                    "Clauses",
                    "Clauses 4 to 10 (all mandatory)",
                    s,
                )?))
            }),
            Lazy::new("People", |s| Ok(Box::new(PeopleScreen::new(s)?))),
            Lazy::new("Documents", |s| Ok(Box::new(DocumentsScreen::new(s)?))),
            Lazy::new("Audits", |s| Ok(Box::new(AuditsScreen::new(s)?))),
            Lazy::new("Nonconformities", |s| {
                Ok(Box::new(NonconformitiesScreen::new(s)?))
            }),
            Lazy::new("Objectives", |s| Ok(Box::new(ObjectivesScreen::new(s)?))),
            Lazy::new("Reviews", |s| Ok(Box::new(ReviewsScreen::new(s)?))),
            Lazy::new("Cycles", |s| Ok(Box::new(CyclesScreen::new(s)?))),
        ];
        let dashboard = Dashboard::new(&app.reader())?;
        build_in_background(
            &mut lazy.iter_mut().collect::<Vec<_>>(),
            app.background(),
            app.generation(),
        );
        let mut screens: Vec<Box<dyn Screen>> = vec![Box::new(dashboard)];
        screens.extend(lazy.into_iter().map(|l| Box::new(l) as Box<dyn Screen>));
        let organisation = app.reader().organisation()?;
        let status = if app.is_read_only() {
            Status::Info("Opened read-only: nothing can be changed.".into())
        } else {
            Status::None
        };
        Ok(Self {
            read_at: {
                let mut read_at = vec![None; screens.len()];
                read_at[0] = Some(app.generation());
                read_at
            },
            app,
            organisation,
            screens,
            current: 0,
            status,
            status_since: None,
            help: false,
            export: None,
            picker: None,
            palette: None,
            registry: None,
            switch_to: None,
        })
    }

    /// Uses the list of known workspaces at `registry` for the picker, and remembers this
    /// workspace in it.
    pub fn set_registry(&mut self, registry: Option<PathBuf>) {
        self.registry = registry;
        if let Some(list) = &self.registry
            && let Some(w) = crate::registry::remember_at(
                list,
                self.app.path(),
                &self.organisation,
                self.app.clock(),
            )
        {
            self.status = Status::Error(w);
        }
    }

    pub fn registry(&self) -> Option<&PathBuf> {
        self.registry.as_ref()
    }

    /// The workspace the user chose to open instead of this one, once.
    pub fn take_switch(&mut self) -> Option<PathBuf> {
        self.switch_to.take()
    }

    /// The clock the app started with (its store's), to carry over to the next workspace.
    pub fn clock(&self) -> Clock {
        self.app.clock()
    }

    /// Reports in the status line why the chosen workspace did not open.
    pub fn set_error(&mut self, message: String) {
        self.status = Status::Error(message);
    }

    /// Switches to the next theme and remembers it in the list of known workspaces.
    fn next_theme(&mut self) {
        let mut chosen = theme::current();
        chosen.kind = chosen.kind.next();
        theme::set(chosen);
        let name = chosen.kind.name();
        self.status = Status::Info(format!("Theme: {name}."));
        if let Some(list) = &self.registry
            && let Some(w) = crate::registry::remember_theme(list, name)
        {
            self.status = Status::Error(w);
        }
    }

    fn open_picker(&mut self) {
        let Some(list) = &self.registry else {
            self.status = Status::Info("No list of known workspaces here.".into());
            return;
        };
        let (registry, warning) = crate::registry::Registry::load(list);
        if let Some(w) = warning {
            self.status = Status::Error(w);
        }
        self.picker = Some(super::picker::Picker::new(&registry));
    }

    fn handle_picker_key(&mut self, key: KeyEvent) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        match picker.handle_key(key) {
            PickerEvent::Stay => {}
            PickerEvent::Close => self.picker = None,
            PickerEvent::Forget(path) => {
                if let Some(list) = &self.registry {
                    picker.forget(list, &path);
                }
            }
            PickerEvent::Open(path) => {
                self.picker = None;
                if same_file(&path, self.app.path()) {
                    self.status = Status::Info("That workspace is already open.".into());
                } else {
                    self.switch_to = Some(path);
                }
            }
        }
    }

    /// The open workspace.
    pub fn session(&self) -> &Session {
        &self.app
    }

    /// Fixes today for this app, its change log and the screens it builds in the background
    /// (tests).
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        self.app.set_clock(Clock::Fixed(today));
        // What screens derived from the old today (overdue, expired) is stale.
        self.read_at.fill(None);
        if let Err(e) = self.refresh(self.current) {
            self.status = Status::Error(format!("Could not read the workspace: {e}"));
        }
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether the screen shown is still computing something in the background.
    pub fn busy(&self) -> bool {
        self.screens[self.current].busy()
    }

    /// Waits for what the screens compute in the background (tests and benchmarks).
    pub fn settle(&self) {
        for s in &self.screens {
            s.settle();
        }
    }

    /// Whether every screen has been built, so that the first visit of each is a redraw.
    pub fn prepared(&self) -> bool {
        self.screens.iter().all(|s| s.prepared())
    }

    pub fn current_title(&self) -> &'static str {
        self.screens[self.current].title()
    }

    fn go_to(&mut self, index: usize) {
        if index < self.screens.len() && index != self.current {
            self.current = index;
            if let Err(e) = self.refresh(index) {
                self.status = Status::Error(format!("Could not read the workspace: {e}"));
            }
        }
    }

    /// Reads screen `index` again if anything was written since it last read.
    fn refresh(&mut self, index: usize) -> Result<(), StoreError> {
        let now = self.app.generation();
        if self.read_at[index] != Some(now) {
            self.screens[index].reload(&self.app.reader())?;
            self.read_at[index] = Some(now);
        }
        Ok(())
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Step {
        // What the last action said has been seen once the next one starts; an error stays
        // until something else is said, so that it can be read while it is being fixed.
        if matches!(self.status, Status::Saved(_) | Status::Info(_)) {
            self.status = Status::None;
        }
        if self.help {
            self.help = false;
            return Step::Continue;
        }
        // Help opens from every screen, mode and dialog: `?` where it is not typed, F1 anywhere.
        if keymap::asks_help(&self.active(), &key) {
            self.help = true;
            return Step::Continue;
        }
        let today = self.app.today();
        if let Some(dialog) = &mut self.export {
            match dialog.handle_key(key, self.app.store(), today, &mut self.status) {
                super::export::ExportStep::Open => {}
                super::export::ExportStep::Closed => self.export = None,
                super::export::ExportStep::Exported(folder) => {
                    self.export = None;
                    self.remember_export_folder(&folder);
                }
            }
            return Step::Continue;
        }
        if self.picker.is_some() {
            self.handle_picker_key(key);
            return Step::Continue;
        }
        if let Some(palette) = &mut self.palette {
            match palette.handle_key(key) {
                PaletteEvent::Stay => {}
                PaletteEvent::Close => self.palette = None,
                PaletteEvent::Go(index) => {
                    self.palette = None;
                    self.go_to(index);
                }
            }
            return Step::Continue;
        }
        // A form takes `?` as text; the key its context binds to help still opens help.
        if keymap::action_in(&self.screens[self.current].contexts().contexts, &key)
            == Some(Action::Help)
        {
            self.help = true;
            return Step::Continue;
        }
        let screen = &mut self.screens[self.current];
        let capturing = screen.captures_input();
        let mut ctx = Ctx {
            app: &mut self.app,
            today,
            status: &mut self.status,
            jump: None,
            export: None,
        };
        let handled = screen.handle_key(key, &mut ctx);
        if let Some(place) = ctx.jump.take() {
            self.jump_to(&place);
            return Step::Continue;
        }
        if let Some(choice) = ctx.export.take() {
            self.open_export(Some(choice));
            return Step::Continue;
        }
        if handled == Handled::Yes || capturing {
            return Step::Continue;
        }
        let n = self.screens.len();
        match keymap::action(Context::Global, &key) {
            Some(Action::NextScreen) => self.go_to((self.current + 1) % n),
            Some(Action::PrevScreen) => self.go_to((self.current + n - 1) % n),
            Some(Action::GoToScreen(d)) if usize::from(d) <= n => {
                self.go_to(usize::from(d).saturating_sub(1));
            }
            Some(Action::GoTo) => self.palette = Some(Palette::new(&self.titles(), self.current)),
            Some(Action::Help) => self.help = true,
            Some(Action::Export) => {
                let choice = self.screens[self.current].export_choice();
                self.open_export(choice);
            }
            Some(Action::OpenWorkspace) => self.open_picker(),
            Some(Action::NextTheme) => self.next_theme(),
            Some(Action::Quit) => return Step::Quit,
            _ => {}
        }
        Step::Continue
    }

    /// Opens the export menu, proposing the folder this workspace was last exported into.
    fn open_export(&mut self, choice: Option<super::export::ExportChoice>) {
        let soa_version = match self.app.reader().soa_versions() {
            Ok(versions) => versions.iter().map(|v| v.number).max(),
            Err(e) => {
                self.status = Status::Error(e.to_string());
                return;
            }
        };
        let latest_workshop = self
            .app
            .reader()
            .workshops()
            .ok()
            .and_then(|all| all.last().map(|w| w.number));
        let latest_audit = self
            .app
            .reader()
            .audits()
            .ok()
            .and_then(|all| crate::domain::audit::latest(&all).map(|a| a.number));
        let naming = super::export::Naming {
            organisation: self.organisation.clone(),
            soa_version,
            latest_workshop,
            latest_audit,
            today: self.app.today(),
        };
        let remembered = self.registry.as_ref().and_then(|list| {
            crate::registry::Registry::load(list)
                .0
                .export_folder(self.app.path())
                .filter(|f| f.is_dir())
                .map(Path::to_path_buf)
        });
        self.export = Some(super::export::ExportDialog::new(
            self.app.path(),
            self.app.is_encrypted(),
            remembered.as_deref(),
            naming,
            choice,
        ));
    }

    /// Notes where this workspace was exported, for the next export; a warning if it could not.
    fn remember_export_folder(&mut self, folder: &Path) {
        if let Some(list) = &self.registry
            && let Some(warning) =
                crate::registry::remember_export_folder(list, self.app.path(), folder)
        {
            self.status = Status::Error(warning);
        }
    }

    /// The keys that work now (the global ones aside): a dialog's, or the screen's.
    pub fn active(&self) -> Active {
        match (&self.export, &self.picker, &self.palette) {
            (_, Some(picker), _) => picker.contexts(),
            (Some(dialog), None, _) => dialog.contexts(),
            (None, None, Some(palette)) => palette.contexts(),
            // A read-only window offers no key that would write.
            (None, None, None) => {
                let read_only = self.app.is_read_only();
                let mut active = self.screens[self.current]
                    .contexts()
                    .hide(Action::New, read_only)
                    .hide(Action::Delete, read_only)
                    .hide(Action::Bulk, read_only);
                // `e` shows the record as it is, changing nothing.
                if read_only {
                    active.renamed.push((Action::Edit, "view"));
                }
                active
            }
        }
    }

    /// In a read-only window: when the writer in another window has committed, the screen shown
    /// is read again (the others when next shown), so that it never shows a stale state.
    /// Returns whether anything was read again.
    pub fn follow_writer(&mut self) -> bool {
        if !self.app.is_read_only() {
            return false;
        }
        let read = self.app.changed_elsewhere().and_then(|changed| {
            if changed {
                self.refresh(self.current)?;
                self.organisation = self.app.reader().organisation()?;
            }
            Ok(changed)
        });
        match read {
            Ok(changed) => {
                if changed && matches!(self.status, Status::None) {
                    self.status =
                        Status::Info("Changed in the other window: shown as it is now.".into());
                }
                changed
            }
            Err(e) => {
                let message = format!("Could not read the changes of the other window: {e}");
                let again = matches!(&self.status, Status::Error(m) if *m == message);
                self.status = Status::Error(message);
                !again
            }
        }
    }

    /// The global keys, without digits for screens that do not exist.
    fn global(&self) -> Active {
        let mut global = Active::of(vec![Context::Global, Context::Anywhere]);
        global.hidden = (1..=10u8)
            .filter(|d| usize::from(*d) > self.screens.len())
            .map(Action::GoToScreen)
            .collect();
        global
    }

    /// Shows the screen that holds `place`, with the item selected.
    fn jump_to(&mut self, place: &crate::domain::readiness::Place) {
        for i in 0..self.screens.len() {
            if i == self.current {
                continue;
            }
            if let Err(e) = self.refresh(i) {
                self.status = Status::Error(format!("Could not read the workspace: {e}"));
                return;
            }
            if self.screens[i].focus(place) {
                self.current = i;
                return;
            }
        }
        self.status = Status::Info("That item is not on any screen.".into());
    }

    pub fn handle_paste(&mut self, text: &str) {
        if self.picker.is_some() || self.palette.is_some() {
            return;
        }
        if let Some(dialog) = &mut self.export {
            dialog.handle_paste(text);
            return;
        }
        self.screens[self.current].handle_paste(text);
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent, area: Rect) {
        if mouse.kind != MouseEventKind::Down(MouseButton::Left)
            || self.help
            || self.picker.is_some()
            || self.palette.is_some()
        {
            return;
        }
        let [bar, body, _, _] = layout(area);
        if mouse.row == bar.y {
            if let Some(i) = tabs::tab_at(&self.titles(), self.current, bar, mouse.column) {
                self.go_to(i);
            }
            return;
        }
        if !self.screens[self.current].captures_input() {
            self.screens[self.current].handle_click(body, mouse.column, mouse.row);
        }
    }

    fn titles(&self) -> Vec<&'static str> {
        self.screens.iter().map(|s| s.title()).collect()
    }

    /// Clears a message that has been on screen for `STATUS_SECONDS` by `now`; an error stays
    /// until something else is said.
    pub fn expire_status(&mut self, now: Instant) {
        match &self.status_since {
            Some((shown, since)) if *shown == self.status => {
                let old = now.saturating_duration_since(*since).as_secs() >= STATUS_SECONDS;
                if old && matches!(self.status, Status::Saved(_) | Status::Info(_)) {
                    self.status = Status::None;
                }
            }
            _ => self.status_since = Some((self.status.clone(), now)),
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect) {
        self.expire_status(Instant::now());
        let [bar, body, status, footer] = layout(area);
        tabs::render(frame, bar, &self.titles(), self.current);

        self.screens[self.current].render(frame, body);
        let screen = &self.screens[self.current];

        // The file's name only: the message matters more than the folder (the dashboard
        // shows the whole path).
        let file = self.app.path().file_name().map_or_else(
            || self.app.path().display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let (message, style) = match &self.status {
            Status::None => (String::new(), theme::status_bar()),
            Status::Saved(m) => (
                format!("✔ {m}"),
                theme::status_bar().patch(theme::success()),
            ),
            Status::Info(m) => (m.clone(), theme::status_bar()),
            Status::Error(m) => (format!("✖ {m}"), theme::status_bar().patch(theme::error())),
        };
        let read_only = if self.app.is_read_only() {
            " (read-only)"
        } else {
            ""
        };
        let encrypted = if self.app.is_encrypted() { " 🔒" } else { "" };
        let badge = self.screens[self.current]
            .badge()
            .map_or_else(String::new, |b| format!("· {b} "));
        let left = format!(
            " {} · {}{encrypted}{read_only} {badge}",
            fit(&self.organisation, 28),
            fit(&file, 28)
        );
        let room = status
            .width
            .saturating_sub(u16::try_from(left.chars().count()).unwrap_or(u16::MAX))
            .saturating_sub(1);
        let line = Line::from(vec![
            Span::styled(
                fit(&left, status.width),
                theme::status_bar().patch(theme::title()),
            ),
            Span::styled(format!(" {}", fit(&message, room)), style),
        ]);
        frame.render_widget(Paragraph::new(line).style(theme::status_bar()), status);

        let active = self.active();
        let mut keys = active.footer();
        if !active.captures() && !screen.captures_input() {
            keys.extend(self.global().footer());
        } else if let Some(help) = keymap::typing_help(&active) {
            keys.push(help);
        }
        frame.render_widget(
            Paragraph::new(key_line_within(
                &keys,
                footer.width,
                &["help", "quit", "end session", "close", "clear filter"],
            )),
            footer,
        );

        if let Some(dialog) = &self.export {
            dialog.render(frame, body);
        }
        if let Some(picker) = &mut self.picker {
            picker.render(frame, body, false);
        }
        if let Some(palette) = &self.palette {
            palette.render(frame, body);
        }
        if self.help {
            // The keys of what is in front: a dialog's, a mode's, or the screen's.
            let keys = active.help();
            let global = if active.captures() || screen.captures_input() {
                Active::of(vec![Context::Anywhere]).help()
            } else {
                self.global().help()
            };
            let legend = help_lines(&screen.legends());
            render_help(frame, body, screen.title(), &keys, &global, &legend);
        }
    }
}

/// Whether two paths name the same file (either may be relative or a link).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn layout(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

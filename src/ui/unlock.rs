//! The passphrase prompt of an encrypted workspace. The typed characters are shown as dots and
//! wiped from memory once tried; checking waits for the next frame so that "Checking…" is on
//! screen while the key is derived (and, when wrong, while the delay runs).

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use zeroize::Zeroizing;

use super::keymap::{self, Action, Active, Context};
use super::theme;
use super::widgets::key_line;
use crate::Clock;
use crate::store::{Passphrase, Store, StoreError};

pub struct Unlock {
    pub path: PathBuf,
    pub read_only: bool,
    /// The client the list of known workspaces remembers for this file: the file is encrypted,
    /// so its own name for the organisation cannot be read before it opens.
    pub organisation: Option<String>,
    /// The app's clock, handed to the workspace once it opens.
    pub clock: Clock,
    typed: Zeroizing<String>,
    checking: bool,
    pub error: Option<String>,
}

pub enum UnlockEvent {
    Stay,
    /// Esc: back to what was shown before, or quit when there is nothing.
    Leave,
}

impl Unlock {
    /// The keys of the passphrase prompt.
    pub fn contexts() -> Active {
        Active::of(vec![Context::Unlock])
    }

    pub fn new(path: &Path, read_only: bool, clock: Clock) -> Self {
        Self {
            path: path.to_path_buf(),
            read_only,
            organisation: None,
            clock,
            // Room enough that typing never moves the text, leaving copies behind.
            typed: Zeroizing::new(String::with_capacity(4096)),
            checking: false,
            error: None,
        }
    }

    /// Names the client from the list of known workspaces at `registry`, when it knows the file.
    pub fn name_client(&mut self, registry: Option<&Path>) {
        self.organisation = registry.and_then(|r| {
            crate::registry::Registry::load(r)
                .0
                .organisation(&self.path)
                .map(str::to_string)
        });
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> UnlockEvent {
        if self.checking {
            return UnlockEvent::Stay;
        }
        match keymap::action(Context::Unlock, &key) {
            Some(Action::Back) => return UnlockEvent::Leave,
            Some(Action::Submit) => {
                self.checking = true;
                self.error = None;
            }
            Some(Action::ClearInput) => self.typed.clear(),
            // Typing goes into the passphrase.
            _ => match key.code {
                KeyCode::Backspace => {
                    self.typed.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.typed.push(c);
                }
                _ => {}
            },
        }
        UnlockEvent::Stay
    }

    /// A paste goes into the passphrase (a password manager's), without line breaks.
    pub fn handle_paste(&mut self, text: &str) {
        if !self.checking {
            self.typed
                .extend(text.chars().filter(|c| *c != '\n' && *c != '\r'));
        }
    }

    /// Whether a passphrase waits to be tried.
    pub fn checking(&self) -> bool {
        self.checking
    }

    /// Tries the typed passphrase: the opened workspace, or `None` with the reason shown and
    /// the field emptied for the next attempt.
    pub fn try_open(&mut self) -> Option<Store> {
        if !self.checking {
            return None;
        }
        self.checking = false;
        let typed = std::mem::take(&mut *self.typed);
        let opened = Passphrase::new(typed).and_then(|key| {
            Store::open_with_clock(&self.path, self.read_only, Some(&key), self.clock)
        });
        match opened {
            Ok(store) => Some(store),
            Err(StoreError::WrongPassphrase(_)) => {
                self.error = Some("Wrong passphrase. Nothing was opened or changed.".into());
                None
            }
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// `can_go_back`: Esc returns to what was shown before rather than quitting.
    pub fn render(&self, frame: &mut Frame, area: Rect, can_go_back: bool) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" isms: encrypted workspace ", theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [intro, label, field, message, footer] = Layout::vertical([
            Constraint::Length(5 + u16::from(self.organisation.is_some())),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Min(1),
            Constraint::Length(2),
        ])
        .margin(1)
        .areas(inner);
        let mut text = Vec::new();
        if let Some(organisation) = &self.organisation {
            text.push(Line::from(vec![
                Span::styled("Client    ", theme::label()),
                Span::styled(crate::domain::text::shown(organisation), theme::value()),
            ]));
        }
        text.extend([
            Line::from(vec![
                Span::styled("Workspace ", theme::label()),
                Span::styled(super::shown(&self.path), theme::value()),
            ]),
            Line::raw(""),
            Line::raw("The file is encrypted. Type its passphrase to open it."),
            Line::styled(
                "(If it never had one, it is damaged or no workspace: restore it from a backup.)",
                theme::muted(),
            ),
        ]);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), intro);
        frame.render_widget(
            Paragraph::new(Line::styled("Passphrase:", theme::label())),
            label,
        );
        let dots = "•".repeat(self.typed.chars().count());
        let shown = if self.checking {
            Line::styled("Checking…", theme::muted())
        } else {
            Line::from(vec![
                Span::styled(dots, theme::value()),
                Span::styled(" ", theme::cursor()),
            ])
        };
        let field = field.intersection(Rect { width: 60, ..field });
        frame.render_widget(
            Paragraph::new(shown).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::focus_border()),
            ),
            field,
        );
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::styled(e.as_str(), theme::error())).wrap(Wrap { trim: true }),
                message,
            );
        }
        let mut active = Self::contexts();
        if !can_go_back {
            active.renamed.push((Action::Back, "quit"));
        }
        let mut keys = active.footer();
        keys.extend(crate::ui::keymap::typing_help(&active));
        frame.render_widget(Paragraph::new(key_line(&keys)), footer);
    }
}

//! The workspace picker (`o` in the app, `isms open`): the known workspaces in a table, filtered
//! as you type; Enter opens the selected one, Delete takes it off the list (after asking; the
//! file stays), Esc clears the filter, then closes. Delete, not `d`: every printable key types
//! into the filter here.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::theme;
use super::widgets::table::{Column, DataTable};
use super::widgets::{Confirm, key_line};
use crate::domain::text::shown;
use crate::registry::{Entry, Registry, shown_size, shown_time};
use crate::ui::keymap::{self, Action, Active, Context};

/// The time, size and encryption are never cut (a cut time says nothing); the room left goes
/// mostly to the path, which is cut in the middle so that its file name stays.
const COLUMNS: [Column; 5] = [
    Column::new("Organisation", 24, 12, 4),
    Column::new("File", 60, 20, 3).paths(),
    Column::new("Last opened", 16, 16, 2),
    Column::new("Size", 9, 9, 1),
    Column::new("Encrypted", 9, 9, 0),
];

pub struct Picker {
    table: DataTable,
    entries: Vec<Entry>,
    query: String,
    /// The entry to take off the list once the user says yes.
    forgetting: Option<(PathBuf, Confirm)>,
    /// Why the last choice could not be opened, shown under the table.
    pub error: Option<String>,
    /// What the last action did, shown under the table.
    pub notice: Option<String>,
}

/// What a key did to the picker.
pub enum PickerEvent {
    Stay,
    Close,
    Open(PathBuf),
    /// Take this entry off the list of known workspaces (the user said yes).
    Forget(PathBuf),
}

impl Picker {
    pub fn new(registry: &Registry) -> Self {
        let mut picker = Self {
            table: DataTable::new(COLUMNS.to_vec()),
            entries: Vec::new(),
            query: String::new(),
            forgetting: None,
            error: None,
            notice: None,
        };
        picker.reload(registry);
        picker
    }

    /// Shows the entries of `registry`, keeping what is typed.
    pub fn reload(&mut self, registry: &Registry) {
        let listings = registry.listings();
        self.table.set_rows(
            listings
                .iter()
                .map(|l| {
                    vec![
                        l.entry.organisation.clone(),
                        l.entry.path.display().to_string(),
                        shown_time(&l.entry.last_opened),
                        shown_size(l.size),
                        if l.encrypted { "yes" } else { "no" }.to_string(),
                    ]
                })
                .collect(),
        );
        self.table.set_filter(&self.query);
        self.entries = listings.into_iter().map(|l| l.entry).collect();
    }

    pub fn contexts(&self) -> Active {
        if self.forgetting.is_some() {
            return Active::of(vec![Context::ConfirmForget]);
        }
        let mut active = Active::of(vec![Context::Picker]);
        if self.query.is_empty() {
            active.hidden.push(Action::ClearInput);
        } else {
            active.renamed.push((Action::Close, "clear filter"));
        }
        active
    }

    /// Empties the filter: every known workspace shows again.
    fn clear_filter(&mut self) {
        self.query.clear();
        self.table.set_filter(&self.query);
    }

    /// Takes `path` off the list of known workspaces at `list` (never the file) and shows the
    /// list as it is now, or why it could not.
    pub fn forget(&mut self, list: &std::path::Path, path: &std::path::Path) {
        match crate::registry::forget_at(list, path) {
            Ok((entry, warning)) => {
                self.error = warning;
                self.notice = Some(format!(
                    "Took {} off the list; the file itself stays where it is.",
                    shown(&entry.organisation)
                ));
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.notice = None;
            }
        }
        self.reload(&Registry::load(list).0);
    }

    fn chosen(&self) -> Option<&Entry> {
        self.table.selected().and_then(|i| self.entries.get(i))
    }

    /// Every printable key filters; arrows move; Enter opens; Delete asks to take the chosen
    /// entry off the list; Ctrl-U empties the filter; Esc empties it, or closes when empty.
    pub fn handle_key(&mut self, key: KeyEvent) -> PickerEvent {
        if let Some((path, confirm)) = self.forgetting.take() {
            return match keymap::action(Context::ConfirmForget, &key) {
                Some(Action::Yes) => PickerEvent::Forget(path),
                Some(Action::No) => PickerEvent::Stay,
                _ => {
                    self.forgetting = Some((path, confirm));
                    PickerEvent::Stay
                }
            };
        }
        match keymap::action(Context::Picker, &key) {
            Some(Action::Close) if !self.query.is_empty() => self.clear_filter(),
            Some(Action::Close) => return PickerEvent::Close,
            Some(Action::ClearInput) => self.clear_filter(),
            Some(Action::Open) => {
                if let Some(path) = typed_path(&self.query) {
                    // Opening it remembers it, as `isms open FILE` does.
                    return PickerEvent::Open(path);
                }
                return match self.chosen() {
                    Some(entry) => PickerEvent::Open(entry.path.clone()),
                    None => PickerEvent::Stay,
                };
            }
            Some(Action::Forget) => {
                if let Some(entry) = self.chosen() {
                    let question = format!(
                        "Take {} ({}) off the list of known workspaces? The file itself stays \
                         where it is.",
                        shown(&entry.organisation),
                        shown(&entry.path.display().to_string())
                    );
                    self.forgetting = Some((entry.path.clone(), Confirm { question }));
                }
            }
            Some(move_by @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
                self.table.handle_action(move_by);
            }
            // Typing filters.
            _ => match key.code {
                KeyCode::Backspace => {
                    self.query.pop();
                    self.table.set_filter(&self.query);
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                        && !c.is_control() =>
                {
                    self.query.push(c);
                    self.table.set_filter(&self.query);
                }
                _ => {}
            },
        }
        PickerEvent::Stay
    }

    /// Draws the picker over `area`; `with_keys` adds its keys on the last line, where no
    /// footer shows them.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, with_keys: bool) {
        frame.render_widget(Clear, area);
        let [table, message, keys] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(u16::from(with_keys)),
        ])
        .areas(area);
        self.table.render(frame, table, "Open a workspace", true);
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::styled(format!("✖ {e}"), theme::error())),
                message,
            );
        } else if let Some(n) = &self.notice {
            frame.render_widget(
                Paragraph::new(Line::styled(format!("✔ {n}"), theme::success())),
                message,
            );
        }
        if with_keys {
            let active = self.contexts();
            let mut entries = active.footer();
            entries.extend(crate::ui::keymap::typing_help(&active));
            frame.render_widget(Paragraph::new(key_line(&entries)), keys);
        }
        if let Some((_, confirm)) = &self.forgetting {
            confirm.render(frame, area);
        }
    }
}

/// What is typed, read as the path of a workspace file when it starts like one (`/`, `~/`,
/// `./`, `../`); anything else only filters.
fn typed_path(query: &str) -> Option<PathBuf> {
    let query = query.trim();
    if let Some(rest) = query.strip_prefix("~/") {
        let home = directories::BaseDirs::new()?.home_dir().to_path_buf();
        return Some(home.join(rest));
    }
    ["/", "./", "../"]
        .iter()
        .any(|p| query.starts_with(p))
        .then(|| PathBuf::from(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_told_from_filters_by_how_they_start() {
        assert_eq!(
            typed_path("/srv/a.isms"),
            Some(PathBuf::from("/srv/a.isms"))
        );
        assert_eq!(typed_path("./a.isms"), Some(PathBuf::from("./a.isms")));
        assert_eq!(typed_path("../a.isms"), Some(PathBuf::from("../a.isms")));
        assert!(typed_path("~/a.isms").is_some_and(|p| p.ends_with("a.isms") && p.is_absolute()));
        assert_eq!(typed_path("acme"), None);
        assert_eq!(typed_path("acme.isms"), None);
    }
}

//! The workspace picker (`o` in the app, `isms open`): the known workspaces in a table, filtered
//! as you type; Enter opens the selected one, Esc closes.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::theme;
use super::widgets::key_line;
use super::widgets::table::{Column, DataTable};
use crate::registry::{Registry, shown_size, shown_time};

const COLUMNS: [Column; 5] = [
    Column::new("Organisation", 28, 12, 4),
    Column::new("File", 44, 16, 3),
    Column::new("Last opened", 16, 10, 2),
    Column::new("Size", 9, 7, 1),
    Column::new("Encrypted", 9, 9, 0),
];

pub struct Picker {
    table: DataTable,
    paths: Vec<PathBuf>,
    query: String,
    /// Why the last choice could not be opened, shown under the table.
    pub error: Option<String>,
}

/// What a key did to the picker.
pub enum PickerEvent {
    Stay,
    Close,
    Open(PathBuf),
}

impl Picker {
    pub fn new(registry: &Registry) -> Self {
        let listings = registry.listings();
        let mut table = DataTable::new(COLUMNS.to_vec());
        table.set_rows(
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
        Self {
            table,
            paths: listings.into_iter().map(|l| l.entry.path).collect(),
            query: String::new(),
            error: None,
        }
    }

    pub fn keys() -> Vec<(&'static str, &'static str)> {
        vec![
            ("type", "filter"),
            ("↑↓", "choose"),
            ("Enter", "open"),
            ("/path or ~/path", "add a workspace from elsewhere"),
            ("Esc", "close"),
        ]
    }

    /// Every printable key filters; arrows move; Enter opens; Esc closes.
    pub fn handle_key(&mut self, key: KeyEvent) -> PickerEvent {
        match key.code {
            KeyCode::Esc => return PickerEvent::Close,
            KeyCode::Enter => {
                if let Some(path) = typed_path(&self.query) {
                    // Opening it remembers it, as `isms open FILE` does.
                    return PickerEvent::Open(path);
                }
                return match self.table.selected().and_then(|i| self.paths.get(i)) {
                    Some(path) => PickerEvent::Open(path.clone()),
                    None => PickerEvent::Stay,
                };
            }
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
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => {
                self.table.handle_key(key);
            }
            _ => {}
        }
        PickerEvent::Stay
    }

    /// Draws the picker over `area`; `with_keys` adds its keys on the last line, where no
    /// footer shows them.
    pub fn render(&self, frame: &mut Frame, area: Rect, with_keys: bool) {
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
        }
        if with_keys {
            frame.render_widget(Paragraph::new(key_line(&Self::keys())), keys);
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

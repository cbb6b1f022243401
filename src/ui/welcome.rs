//! The first run: no workspace yet. Offers to create a new ISMS (asks the organisation's name)
//! or to open the demo; either is a file named after its organisation in the folder of the
//! default workspace, as `isms new --org` names it.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::keymap::{self, Action, Active, Context};
use super::theme;
use super::widgets::key_line;
use crate::Clock;
use crate::store::Store;

const CHOICES: [&str; 3] = [
    "Create a new ISMS",
    "Open the demo (Nordwind Logistik GmbH)",
    "Quit",
];

pub struct Welcome {
    path: PathBuf,
    selected: usize,
    /// Present while the organisation's name is being typed.
    name: Option<TextArea<'static>>,
    pub error: Option<String>,
    /// The list of known workspaces the new one is remembered in.
    pub registry: Option<PathBuf>,
    /// The app's clock, which the new workspace's change log is stamped with.
    pub clock: Clock,
    /// The help overlay is open.
    pub help: bool,
}

pub enum Outcome {
    Stay,
    Quit,
    Opened(Box<Store>),
}

impl Welcome {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            selected: 0,
            name: None,
            error: None,
            registry: None,
            clock: Clock::default(),
            help: false,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        if let Some(input) = &mut self.name {
            match keymap::action(Context::WelcomeNaming, &key) {
                Some(Action::Back) => {
                    self.name = None;
                    self.error = None;
                }
                Some(Action::Submit) => {
                    let org = input.lines().join(" ");
                    let made = self
                        .named_after(&org)
                        .and_then(|p| Store::create_with_clock(&p, &org, None, self.clock));
                    return self.finish(made);
                }
                _ => {
                    input.input(key);
                }
            }
            return Outcome::Stay;
        }
        match keymap::action(Context::Welcome, &key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(CHOICES.len() - 1),
            Some(Action::New) => self.start_naming(),
            Some(Action::Demo) => return self.open_demo(),
            Some(Action::Quit) => return Outcome::Quit,
            Some(Action::Open) => match self.selected {
                0 => self.start_naming(),
                1 => return self.open_demo(),
                _ => return Outcome::Quit,
            },
            _ => {}
        }
        Outcome::Stay
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Where the workspace of `organisation` is created.
    fn named_after(&self, organisation: &str) -> Result<PathBuf, crate::store::StoreError> {
        crate::domain::text::required_line(
            crate::domain::file_name::field::ORGANISATION,
            organisation,
        )?;
        let name = crate::domain::file_name::workspace_file_name(organisation)?;
        let folder = self.folder();
        // The data directory is the one folder isms makes itself; one the user named must exist.
        if crate::registry::data_dir().is_some_and(|d| d == folder) {
            std::fs::create_dir_all(folder).map_err(|source| crate::store::StoreError::Io {
                path: folder.display().to_string(),
                source,
            })?;
        }
        Ok(folder.join(name))
    }

    fn open_demo(&mut self) -> Outcome {
        let made = self
            .named_after(crate::demo::ORGANISATION)
            .and_then(|p| crate::demo::write_demo_with_clock(&p, self.clock));
        self.finish(made)
    }

    fn start_naming(&mut self) {
        let mut input = TextArea::default();
        input.set_placeholder_text("e.g. Muster GmbH");
        input.set_cursor_line_style(ratatui::style::Style::new());
        self.name = Some(input);
        self.error = None;
    }

    fn finish(&mut self, made: Result<Store, crate::store::StoreError>) -> Outcome {
        match made {
            Ok(store) => Outcome::Opened(Box::new(store)),
            Err(e) => {
                self.error = Some(e.to_string());
                Outcome::Stay
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" isms: welcome ", theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [intro, body, footer] = Layout::vertical([
            Constraint::Length(6),
            Constraint::Min(5),
            Constraint::Length(2),
        ])
        .margin(1)
        .areas(inner);
        let text = vec![
            Line::styled(
                "Welcome to isms, the workbench for an ISO/IEC 27001:2022 ISMS.",
                theme::title(),
            ),
            Line::raw(""),
            Line::raw(
                "There is no workspace yet. A workspace is one file that holds your whole ISMS;",
            ),
            Line::from(vec![
                Span::styled("it is created in ", theme::label()),
                Span::styled(super::shown(self.folder()), theme::value()),
                Span::styled(", named after the organisation.", theme::label()),
            ]),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), intro);

        match &self.name {
            None => {
                let lines: Vec<Line> = CHOICES
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let style = if i == self.selected {
                            theme::selected()
                        } else {
                            theme::value()
                        };
                        Line::styled(
                            format!(" {} {c} ", if i == self.selected { ">" } else { " " }),
                            style,
                        )
                    })
                    .collect();
                let [list, message] =
                    Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(body);
                frame.render_widget(Paragraph::new(lines), list);
                self.render_error(frame, message);
            }
            Some(input) => {
                let [label, field, message] = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Length(3),
                    Constraint::Min(1),
                ])
                .areas(body);
                frame.render_widget(
                    Paragraph::new(Line::styled("Organisation's name:", theme::label())),
                    label,
                );
                let mut field_widget = input.clone();
                field_widget.set_block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border()),
                );
                frame.render_widget(
                    &field_widget,
                    field.intersection(Rect { width: 60, ..field }),
                );
                self.render_error(frame, message);
            }
        }

        let active = self.contexts();
        let mut keys = active.footer();
        keys.extend(crate::ui::keymap::typing_help(&active));
        frame.render_widget(Paragraph::new(key_line(&keys)), footer);
    }

    pub fn contexts(&self) -> Active {
        Active::of(vec![if self.name.is_some() {
            Context::WelcomeNaming
        } else {
            Context::Welcome
        }])
    }

    fn render_error(&self, frame: &mut Frame, area: Rect) {
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::styled(e.as_str(), theme::error())).wrap(Wrap { trim: true }),
                area,
            );
        }
    }
}

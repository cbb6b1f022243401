//! The export menu (`x` on any screen): what, which format, which folder; the files are written
//! by the report layer, and the status line names them. Files that exist already are replaced
//! only after a yes.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::report::export::{ExportFormat, What, export_with};
use crate::store::{Existing, Store};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::Status;
use crate::ui::widgets::Confirm;
use crate::ui::widgets::form::{Form, FormEvent};

/// The fields of the export menu.
mod field {
    use crate::domain::Field;

    pub const WHAT: Field = Field::new("what");
    pub const FORMAT: Field = Field::new("format");
    pub const FOLDER: Field = Field::new("folder");
    pub const NOTE: Field = Field::new("note");
}

pub struct ExportDialog {
    form: Form,
    /// The question before files are replaced, with the export it would then write.
    replacing: Option<(Confirm, Export)>,
}

/// One export as chosen in the form.
#[derive(Debug, Clone)]
struct Export {
    what: What,
    format: ExportFormat,
    folder: PathBuf,
}

/// What a key did to the dialog.
pub enum ExportStep {
    Open,
    Closed,
}

impl ExportDialog {
    /// The dialog, offering the folder of the workspace file; an encrypted workspace is told
    /// that the export is not encrypted.
    pub fn new(workspace: &Path, encrypted: bool) -> Self {
        let folder = workspace
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let note = if encrypted {
            crate::report::export::LEAVES_ENCRYPTION
        } else {
            "Exports are copies outside the workspace file: keep them as confidential as the workspace."
        };
        let form = Form::new("Export")
            .choice(
                field::WHAT,
                "What",
                What::ALL.iter().map(|w| w.label()).collect(),
                0,
            )
            .choice(
                field::FORMAT,
                "Format",
                ExportFormat::ALL.iter().map(|f| f.label()).collect(),
                0,
            )
            .line(
                field::FOLDER,
                "Into the folder",
                &folder.display().to_string(),
            )
            .note(field::NOTE, "Note", note);
        Self {
            form,
            replacing: None,
        }
    }

    pub fn contexts(&self) -> Active {
        if self.replacing.is_some() {
            return Active::of(vec![Context::ConfirmReplace]);
        }
        self.form.contexts()
    }

    pub fn handle_paste(&mut self, text: &str) {
        self.form.paste(text);
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        store: &Store,
        today: NaiveDate,
        status: &mut Status,
    ) -> ExportStep {
        if let Some((confirm, chosen)) = self.replacing.take() {
            return match keymap::action(Context::ConfirmReplace, &key) {
                Some(Action::Yes) => self.write(&chosen, store, today, status, true),
                Some(Action::No) => {
                    self.form.message = Some("Nothing was replaced.".into());
                    ExportStep::Open
                }
                _ => {
                    self.replacing = Some((confirm, chosen));
                    ExportStep::Open
                }
            };
        }
        match self.form.handle_key(key) {
            FormEvent::None => ExportStep::Open,
            FormEvent::Cancel => {
                *status = Status::Info("Nothing exported.".into());
                ExportStep::Closed
            }
            FormEvent::Submit => {
                self.form.clear_errors();
                let what = What::ALL
                    .get(self.form.choice_index(field::WHAT))
                    .copied()
                    .unwrap_or(What::Report);
                let format = ExportFormat::ALL
                    .get(self.form.choice_index(field::FORMAT))
                    .copied()
                    .unwrap_or(ExportFormat::Xlsx);
                let folder = PathBuf::from(self.form.value(field::FOLDER).trim());
                if folder.as_os_str().is_empty() {
                    self.form
                        .set_error(field::FOLDER, "name the folder to write into");
                    return ExportStep::Open;
                }
                let chosen = Export {
                    what,
                    format,
                    folder,
                };
                self.write(&chosen, store, today, status, false)
            }
        }
    }

    /// Writes the export; files that exist are replaced only when `replace` says so, else
    /// the user is asked.
    fn write(
        &mut self,
        chosen: &Export,
        store: &Store,
        today: NaiveDate,
        status: &mut Status,
        replace: bool,
    ) -> ExportStep {
        let existing = Existing::replace_if(replace);
        match export_with(
            store,
            chosen.what,
            chosen.format,
            &chosen.folder,
            today,
            existing,
        ) {
            Ok(files) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                *status = Status::Saved(format!(
                    "Exported {}: {}",
                    chosen.what.label(),
                    names.join(", ")
                ));
                ExportStep::Closed
            }
            Err(e) => {
                match e.would_replace().filter(|_| !replace) {
                    Some(files) => {
                        let exist = if files.contains(", ") {
                            "They exist already"
                        } else {
                            "It exists already"
                        };
                        let question = format!("Replace {files}? {exist}.");
                        self.replacing = Some((Confirm { question }, chosen.clone()));
                    }
                    None => self.form.message = Some(e.to_string()),
                }
                ExportStep::Open
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.form.render(frame, area);
        if let Some((confirm, _)) = &self.replacing {
            confirm.render(frame, area);
        }
    }
}

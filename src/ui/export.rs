//! The export menu (`x` on any screen): what, which format, which folder; the files are written
//! by the report layer, and the status line names them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::report::export::{ExportFormat, What, export};
use crate::store::Store;
use crate::ui::screens::Status;
use crate::ui::widgets::form::{Form, FormEvent};

pub struct ExportDialog {
    form: Form,
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
                "what",
                "What",
                What::ALL.iter().map(|w| w.label()).collect(),
                0,
            )
            .choice(
                "format",
                "Format",
                ExportFormat::ALL.iter().map(|f| f.label()).collect(),
                0,
            )
            .line("folder", "Into the folder", &folder.display().to_string())
            .note("note", "Note", note);
        Self { form }
    }

    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        self.form.keys().to_vec()
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
        match self.form.handle_key(key) {
            FormEvent::None => ExportStep::Open,
            FormEvent::Cancel => {
                *status = Status::Info("Nothing exported.".into());
                ExportStep::Closed
            }
            FormEvent::Submit => {
                self.form.clear_errors();
                let what = What::ALL
                    .get(self.form.choice_index("what"))
                    .copied()
                    .unwrap_or(What::Report);
                let format = ExportFormat::ALL
                    .get(self.form.choice_index("format"))
                    .copied()
                    .unwrap_or(ExportFormat::Xlsx);
                let folder = PathBuf::from(self.form.value("folder").trim());
                if folder.as_os_str().is_empty() {
                    self.form
                        .set_error("folder", "name the folder to write into");
                    return ExportStep::Open;
                }
                match export(store, what, format, &folder, today) {
                    Ok(files) => {
                        let names: Vec<String> =
                            files.iter().map(|f| f.display().to_string()).collect();
                        *status = Status::Saved(format!(
                            "Exported {}: {}",
                            what.label(),
                            names.join(", ")
                        ));
                        ExportStep::Closed
                    }
                    Err(e) => {
                        self.form.message = Some(e.to_string());
                        ExportStep::Open
                    }
                }
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.form.render(frame, area);
    }
}

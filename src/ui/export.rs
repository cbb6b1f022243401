//! The export menu (`x` on any screen): what, which format, which folder and file name; the
//! files are written by the report layer, and the status line names them. The name proposed
//! follows the organisation, what is exported, the SoA version and the date, and the folder is
//! the one this workspace was last exported into. A missing folder is refused; files that exist
//! already are replaced only after a yes.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::domain::file_name::{audit_stem, export_stem, minutes_stem};
use crate::domain::reference::RefKind;
/// What can be exported, as screens name it when they offer an export ([`ExportChoice`]).
pub use crate::report::export::What;
use crate::report::export::{
    ExportFormat, export_audit, export_minutes, export_review, export_with,
};
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
    pub const FILE_NAME: Field = Field::new("file name");
    pub const NOTE: Field = Field::new("note");
}

/// What a screen offers to export when `x` is pressed on it: the dialog opens on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportChoice {
    pub what: What,
    /// The workshop whose minutes (`W-<number>`); `None`: the latest.
    pub workshop: Option<u32>,
    /// The management review whose minutes (`MR-<number>`); `None`: the latest.
    pub review: Option<u32>,
}

pub struct ExportDialog {
    form: Form,
    /// The workshop whose minutes are exported, when the minutes are chosen; `None`: the
    /// latest.
    workshop: Option<u32>,
    /// The review whose minutes are exported, when a review is chosen; `None`: the latest.
    review: Option<u32>,
    /// The question before files are replaced, with the export it would then write.
    replacing: Option<(Confirm, Export)>,
    naming: Naming,
    /// The file name last proposed: it follows what and format until the user types another.
    proposed: String,
}

/// What the proposed file name is made of, besides what is exported.
#[derive(Debug, Clone)]
pub struct Naming {
    pub organisation: String,
    /// The number of the latest issued SoA version, if any.
    pub soa_version: Option<u32>,
    /// The number of the latest workshop, if any: the minutes exported when none is chosen.
    pub latest_workshop: Option<u32>,
    /// The number of the latest audit by date, if any: the audit whose report is exported.
    pub latest_audit: Option<u32>,
    pub today: NaiveDate,
}

impl Naming {
    /// `nordwind-logistik-soa-draft-after-v3-2026-03-31.xlsx`; without an extension for a folder of files.
    fn file_name(
        &self,
        what: What,
        format: ExportFormat,
        workshop: Option<u32>,
        review: Option<u32>,
    ) -> String {
        let stem = match (
            what,
            workshop.or(self.latest_workshop),
            self.latest_audit,
            review,
        ) {
            (What::Minutes, Some(number), _, _) => minutes_stem(
                &self.organisation,
                &RefKind::Workshop.format(number),
                self.today,
            ),
            (What::Audit, _, Some(number), _) => audit_stem(
                &self.organisation,
                &RefKind::Audit.format(number),
                self.today,
            ),
            (What::Review, _, _, Some(number)) => export_stem(
                &self.organisation,
                &format!("review {}", RefKind::Review.format(number)),
                None,
                self.today,
            ),
            _ => export_stem(
                &self.organisation,
                what.as_str(),
                self.soa_version,
                self.today,
            ),
        };
        if what.writes_folder(format) {
            stem
        } else {
            format!("{stem}.{}", format.extension())
        }
    }
}

/// One export as chosen in the form.
#[derive(Debug, Clone)]
struct Export {
    what: What,
    format: ExportFormat,
    folder: PathBuf,
    /// The file (or, for a folder of files, the folder) written into `folder`.
    name: String,
}

/// What a key did to the dialog.
pub enum ExportStep {
    Open,
    Closed,
    /// Written into this folder; the dialog is done.
    Exported(PathBuf),
}

impl ExportDialog {
    /// The dialog, offering `folder` (where this workspace was last exported) or else the
    /// folder of the workspace file; an encrypted workspace is told that the export is not
    /// encrypted.
    /// `choice` opens it on what the screen offers (a workshop's minutes), else on the first.
    pub fn new(
        workspace: &Path,
        encrypted: bool,
        folder: Option<&Path>,
        naming: Naming,
        choice: Option<ExportChoice>,
    ) -> Self {
        let folder = folder.unwrap_or_else(|| {
            workspace
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        });
        let what = choice.map_or(What::ALL[0], |c| c.what);
        let workshop = choice.and_then(|c| c.workshop);
        let review = choice.and_then(|c| c.review);
        let format = what.formats()[0];
        let proposed = naming.file_name(what, format, workshop, review);
        fn index<T: PartialEq>(all: &[T], v: T) -> usize {
            all.iter().position(|x| *x == v).unwrap_or(0)
        }
        let note = if encrypted {
            crate::report::export::LEAVES_ENCRYPTION
        } else {
            "Exports are copies outside the workspace file: keep them as confidential as the workspace."
        };
        let form = Form::new("Export to files")
            .choice(
                field::WHAT,
                "What",
                What::ALL.iter().map(|w| w.label()).collect(),
                index(What::ALL, what),
            )
            .choice(
                field::FORMAT,
                "Format",
                ExportFormat::ALL.iter().map(|f| f.label()).collect(),
                index(ExportFormat::ALL, format),
            )
            .line(
                field::FOLDER,
                "Into the folder",
                &folder.display().to_string(),
            )
            .line(field::FILE_NAME, "File name", &proposed)
            .note(field::NOTE, "Note", note);
        Self {
            form,
            workshop,
            review,
            replacing: None,
            naming,
            proposed,
        }
    }

    fn what(&self) -> What {
        What::ALL
            .get(self.form.choice_index(field::WHAT))
            .copied()
            .unwrap_or(What::Report)
    }

    fn format(&self) -> ExportFormat {
        ExportFormat::ALL
            .get(self.form.choice_index(field::FORMAT))
            .copied()
            .unwrap_or(ExportFormat::Xlsx)
    }

    /// Proposes the file name anew after what or format changed, unless the user typed one.
    fn follow_choices(&mut self) {
        let proposal =
            self.naming
                .file_name(self.what(), self.format(), self.workshop, self.review);
        if proposal != self.proposed && self.form.value(field::FILE_NAME).trim() == self.proposed {
            self.form.set_text(field::FILE_NAME, &proposal);
            self.proposed = proposal;
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
            FormEvent::None => {
                self.follow_choices();
                ExportStep::Open
            }
            FormEvent::Cancel => {
                *status = Status::Info("Nothing exported.".into());
                ExportStep::Closed
            }
            FormEvent::Submit => {
                self.form.clear_errors();
                match self.chosen() {
                    Some(chosen) => self.write(&chosen, store, today, status, false),
                    None => ExportStep::Open,
                }
            }
        }
    }

    /// The export the form describes, or `None` with the form showing what is wrong.
    fn chosen(&mut self) -> Option<Export> {
        let folder = PathBuf::from(self.form.value(field::FOLDER).trim());
        let name = self.form.value(field::FILE_NAME).trim().to_string();
        if folder.as_os_str().is_empty() {
            self.form
                .set_error(field::FOLDER, "name the folder to write into");
            return None;
        }
        if !folder.is_dir() {
            let message = if folder.exists() {
                "this is a file, not a folder: expected an existing folder"
            } else {
                "no such folder: expected an existing folder (isms does not create it)"
            };
            self.form.set_error(field::FOLDER, message);
            return None;
        }
        let single = Path::new(&name)
            .file_name()
            .is_some_and(|n| n == name.as_str());
        if name.is_empty() || !single {
            self.form.set_error(
                field::FILE_NAME,
                "expected a file name without folders (the folder goes above)",
            );
            return None;
        }
        Some(Export {
            what: self.what(),
            format: self.format(),
            folder,
            name,
        })
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
        let out = chosen.folder.join(&chosen.name);
        let written = match chosen.what {
            What::Minutes => {
                export_minutes(store, self.workshop, chosen.format, &out, today, existing)
            }
            // The latest audit by date, as the file name proposed says.
            What::Audit => export_audit(store, None, chosen.format, &out, today, existing),
            What::Review => export_review(store, self.review, chosen.format, &out, today, existing),
            _ => export_with(store, chosen.what, chosen.format, &out, today, existing),
        };
        match written {
            Ok(files) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                *status = Status::Saved(format!(
                    "Exported {}: {}",
                    chosen.what.label(),
                    names.join(", ")
                ));
                ExportStep::Exported(chosen.folder.clone())
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

//! The versions of documents as the Documents screen's Versions view shows them; `n` records a
//! new one (see `Document::with_version`), a recorded one stays as it was.

use std::sync::Arc;

use super::records::DocumentContext;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::document::{DocumentVersion, field};
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// What refusing to delete a version names: no field of its form, so the form shows it.
const VERSION_ROW: Field = Field::new("recorded version");

#[derive(Clone)]
pub struct VersionRow {
    pub version: DocumentVersion,
    pub ctx: Arc<DocumentContext>,
}

impl Record for VersionRow {
    const NOUN: &'static str = "version";
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Document", 34, 14, 8),
            Column::new("Version", 7, 4, 9),
            Column::new("Date", 10, 10, 7),
            Column::new("Approved by", 18, 8, 5),
            Column::new("Change", 30, 8, 3),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let v = &self.version;
        vec![
            self.ctx.document(v.document),
            v.version.clone(),
            v.on_date.to_string(),
            if v.approver.is_empty() {
                "(draft)".into()
            } else {
                v.approver.clone()
            },
            v.change_note.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let v = &self.version;
        vec![
            ("Document", self.ctx.document(v.document)),
            ("Version", v.version.clone()),
            ("Date", v.on_date.to_string()),
            (
                "Approved by",
                if v.approver.is_empty() {
                    "nobody: a draft".into()
                } else {
                    v.approver.clone()
                },
            ),
            ("Change", v.change_note.clone()),
        ]
    }

    fn id(&self) -> i64 {
        self.version.id
    }

    fn label(&self) -> String {
        format!(
            "{} v{}",
            self.ctx.document(self.version.document),
            self.version.version
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        let number = self
            .ctx
            .documents
            .iter()
            .find(|(d, _)| *d == self.version.document)
            .map_or_else(String::new, |(_, l)| {
                l.split_whitespace().next().unwrap_or_default().to_string()
            });
        (&["document"], number)
    }

    fn read_only(&self) -> Option<&'static str> {
        (self.version.id != 0)
            .then_some("a recorded version stays as it was: record a new version instead (n)")
    }

    fn form(&self, title: String) -> Form {
        let v = &self.version;
        let selected = (v.document != 0).then_some(v.document);
        Form::new(title)
            .pick(
                field::DOCUMENT,
                "Document",
                self.ctx.documents.clone(),
                selected,
            )
            .line(field::VERSION, "Version", &v.version)
            .date(field::DATE, "Date", Some(v.on_date))
            .text(field::CHANGE_NOTE, "What changed", &v.change_note)
            .person(
                field::APPROVER,
                "Approved by",
                &v.approver,
                &self.ctx.people,
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let document = form.picked(field::DOCUMENT).ok_or_else(|| {
            ValidationError::new(
                field::DOCUMENT,
                "is required: which document is this a version of?",
            )
        })?;
        let on_date = text::date(field::DATE, &form.value(field::DATE))?.ok_or_else(|| {
            ValidationError::new(
                field::DATE,
                format!("is required: when was it issued? ({})", text::DATE_FORMATS),
            )
        })?;
        Ok(VersionRow {
            version: DocumentVersion {
                document,
                version: form.value(field::VERSION),
                on_date,
                change_note: form.value(field::CHANGE_NOTE),
                approver: form.value(field::APPROVER),
                ..self.version.clone()
            },
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let documents = data.documents()?;
        let ctx = DocumentContext::load(data, &documents)?;
        // Newest first: the latest versions are what a reader looks for.
        let mut versions = ctx.versions.clone();
        versions.sort_by_key(|v| std::cmp::Reverse((v.on_date, v.id)));
        let rows = versions
            .into_iter()
            .map(|version| VersionRow {
                version,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let today = ctx.today;
        Ok((
            rows,
            VersionRow {
                version: DocumentVersion::new(0, "", today),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.version.id == 0
    }

    fn save(&self) -> Command {
        Command::AddDocumentVersion(self.version.clone())
    }

    fn saved(self, _saved: Saved) -> Self {
        self
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            VERSION_ROW,
            "a recorded version is kept: the history of a document is not rewritten",
        ))
    }
}

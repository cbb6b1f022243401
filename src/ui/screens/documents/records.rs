//! Documents as the Documents screen shows and edits them.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::control::display_ref;
use crate::domain::document::{
    DocKind, DocStatus, Document, DocumentVersion, REVIEW_MONTHS_MAX, field,
};
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the records can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const KIND: Field = Field::new("kind");
    pub const OVERDUE: Field = Field::new("overdue for review");
    pub const OWNER: Field = Field::new("owner");
    pub const USED: Field = Field::new("named as evidence");
}

/// What document rows share: the clauses and controls to choose from, the treatment actions
/// that may name a document, every version, and today for the review dates.
pub struct DocumentContext {
    /// Clause numbers with their titles (headings left out); a picker refers to them by position.
    clauses: Vec<(String, String)>,
    /// Control keys with their labels; a picker refers to them by position.
    controls: Vec<(String, String)>,
    /// Treatment actions by row id: `T-004 Multi-AZ database...`.
    actions: Vec<(i64, String)>,
    pub(super) versions: Vec<DocumentVersion>,
    /// Every document by row id, as the version form offers them.
    pub(super) documents: Vec<(i64, String)>,
    pub(super) today: NaiveDate,
    /// The people an owner or approver is picked from.
    pub(super) people: Vec<String>,
}

impl DocumentContext {
    pub(super) fn load(data: &Reader<'_>, documents: &[Document]) -> Result<Arc<Self>, Error> {
        Ok(Arc::new(Self {
            clauses: data
                .clauses()?
                .into_iter()
                .filter(|c| !c.is_heading())
                .map(|c| {
                    let label = format!("{} {}", c.number, c.title);
                    (c.number, label)
                })
                .collect(),
            controls: data
                .controls()?
                .into_iter()
                .map(|c| {
                    let label = format!("{} {}", display_ref(&c.key), c.title);
                    (c.key, label)
                })
                .collect(),
            actions: data
                .actions()?
                .into_iter()
                .map(|a| {
                    (
                        a.id,
                        format!("{} {}", RefKind::Action.format(a.number), a.title),
                    )
                })
                .collect(),
            versions: data.document_versions()?,
            documents: documents.iter().map(|d| (d.id, d.label())).collect(),
            today: data.today(),
            people: data.person_names()?,
        }))
    }

    fn positions(list: &[(String, String)], keys: &[String]) -> Vec<i64> {
        keys.iter()
            .filter_map(|k| list.iter().position(|(c, _)| c == k))
            .map(|i| i64::try_from(i).unwrap_or(0))
            .collect()
    }

    fn keys(list: &[(String, String)], positions: &[i64]) -> Vec<String> {
        positions
            .iter()
            .filter_map(|&p| usize::try_from(p).ok().and_then(|p| list.get(p)))
            .map(|(k, _)| k.clone())
            .collect()
    }

    fn options(list: &[(String, String)]) -> Vec<(i64, String)> {
        list.iter()
            .enumerate()
            .map(|(i, (_, label))| (i64::try_from(i).unwrap_or(0), label.clone()))
            .collect()
    }

    fn label<'a>(list: &'a [(String, String)], key: &'a str) -> &'a str {
        list.iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, l)| l.as_str())
    }

    fn action(&self, id: i64) -> String {
        self.actions
            .iter()
            .find(|(a, _)| *a == id)
            .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
    }

    pub(super) fn document(&self, id: i64) -> String {
        self.documents
            .iter()
            .find(|(d, _)| *d == id)
            .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
    }
}

#[derive(Clone)]
pub struct DocumentRow {
    pub document: Document,
    pub ctx: Arc<DocumentContext>,
}

impl DocumentRow {
    fn next_review(&self) -> String {
        let d = &self.document;
        match d.next_review() {
            Some(due) if d.is_overdue(self.ctx.today) => format!("{due} (overdue)"),
            Some(due) => due.to_string(),
            None => String::new(),
        }
    }

    /// Where it is used: clauses, controls and actions, one line each.
    fn uses(&self) -> Vec<String> {
        let d = &self.document;
        let mut lines: Vec<String> = d
            .clauses
            .iter()
            .map(|c| format!("clause {}", DocumentContext::label(&self.ctx.clauses, c)))
            .collect();
        lines.extend(
            d.controls
                .iter()
                .map(|k| DocumentContext::label(&self.ctx.controls, k).to_string()),
        );
        lines.extend(d.actions.iter().map(|a| self.ctx.action(*a)));
        lines
    }

    fn versions(&self) -> Vec<String> {
        self.ctx
            .versions
            .iter()
            .filter(|v| v.document == self.document.id)
            .rev()
            .map(version_line)
            .collect()
    }
}

/// `2.0  2026-01-12  approved by Managing Director: Revised for...`.
fn version_line(v: &DocumentVersion) -> String {
    let approval = if v.approver.is_empty() {
        "draft".to_string()
    } else {
        format!("approved by {}", v.approver)
    };
    let note = if v.change_note.is_empty() {
        String::new()
    } else {
        format!(": {}", v.change_note)
    };
    format!("{}  {}  {approval}{note}", v.version, v.on_date)
}

impl Record for DocumentRow {
    const NOUN: &'static str = "document";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 5, 5, 9),
            Column::new("Title", 34, 14, 8),
            Column::new("Kind", 10, 9, 4),
            Column::new("Version", 7, 4, 5),
            Column::new("Status", 9, 8, 7),
            Column::new("Owner", 18, 8, 3),
            Column::new("Next review", 11, 10, 6),
            Column::new("Used by", 7, 4, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let d = &self.document;
        let used = d.clauses.len() + d.controls.len() + d.actions.len();
        vec![
            d.reference(),
            d.title.clone(),
            d.kind.label().to_string(),
            d.version.clone(),
            d.status.label().to_string(),
            d.owner.clone(),
            d.next_review().map(|n| n.to_string()).unwrap_or_default(),
            if used == 0 {
                String::new()
            } else {
                used.to_string()
            },
        ]
    }

    /// Approved in the colour of done, a draft of in progress; a review past due as a warning.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        use crate::ui::theme::Tone;
        let mut styles = Vec::new();
        match self.document.status {
            DocStatus::Approved => styles.push((4, Tone::Progress(0))),
            DocStatus::Draft => styles.push((4, Tone::Progress(1))),
            DocStatus::Unknown | DocStatus::Withdrawn => {}
        }
        if self.document.is_overdue(self.ctx.today) {
            styles.push((6, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        if self.document.is_overdue(self.ctx.today) {
            "overdue".into()
        } else {
            String::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let d = &self.document;
        let approval = match (&d.approved_by, d.approved_on) {
            (by, Some(on)) if !by.is_empty() => format!("{by}, {on}"),
            (by, None) if !by.is_empty() => by.clone(),
            (_, Some(on)) => on.to_string(),
            _ => String::new(),
        };
        let review = match d.review_months {
            Some(m) => format!(
                "every {}",
                crate::domain::wording::count(m as usize, "month", "months")
            ),
            None => "no period set".to_string(),
        };
        vec![
            ("Document", d.label()),
            ("Kind", d.kind.label().to_string()),
            (
                "Version",
                match d.issued_on {
                    Some(on) if !d.version.is_empty() => format!("{} of {on}", d.version),
                    Some(on) => on.to_string(),
                    None => d.version.clone(),
                },
            ),
            ("Status", d.status.label().to_string()),
            ("Approved", approval),
            ("Owner", d.owner.clone()),
            ("Classification", d.classification.clone()),
            ("Kept at", d.location.clone()),
            ("Review", review),
            (
                "Last reviewed",
                d.reviewed_on.map(|r| r.to_string()).unwrap_or_default(),
            ),
            ("Next review", self.next_review()),
            ("Used by", self.uses().join("\n")),
            ("Versions", self.versions().join("\n")),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let d = &self.document;
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        vec![
            (facet::STATUS, d.status.label().to_string()),
            (facet::KIND, d.kind.label().to_string()),
            (facet::OVERDUE, yes_no(d.is_overdue(self.ctx.today))),
            (
                facet::OWNER,
                if d.owner.is_empty() {
                    "(none)".into()
                } else {
                    d.owner.clone()
                },
            ),
            (facet::USED, yes_no(d.is_used())),
        ]
    }

    fn id(&self) -> i64 {
        self.document.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Document(self.document.id)
    }

    fn label(&self) -> String {
        self.document.label()
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["document"], self.document.reference())
    }

    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        let uses = self.uses();
        Ok((!uses.is_empty()).then(|| {
            format!(
                "It is named by {}; those links go with it.",
                crate::domain::wording::count(uses.len(), "item", "items")
            )
        }))
    }

    fn form(&self, title: String) -> Form {
        let d = &self.document;
        Form::new(title)
            .line(field::TITLE, "Title", &d.title)
            .choice(
                field::KIND,
                "Kind",
                DocKind::ALL.iter().map(|k| k.label()).collect(),
                DocKind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0),
            )
            .person(field::OWNER, "Owner", &d.owner, &self.ctx.people)
            .choice(
                field::STATUS,
                "Status",
                DocStatus::ALL.iter().map(|s| s.label()).collect(),
                DocStatus::ALL
                    .iter()
                    .position(|s| *s == d.status)
                    .unwrap_or(0),
            )
            .person(
                field::APPROVED_BY,
                "Approved by",
                &d.approved_by,
                &self.ctx.people,
            )
            .date(field::APPROVED_ON, "Approved on", d.approved_on)
            .line(field::VERSION, "Version", &d.version)
            .date(field::ISSUED_ON, "Issued on", d.issued_on)
            .line(field::CLASSIFICATION, "Classification", &d.classification)
            .line(field::LOCATION, "Kept at (path or URL)", &d.location)
            .line(
                field::REVIEW_MONTHS,
                "Review every (months)",
                &d.review_months.map(|m| m.to_string()).unwrap_or_default(),
            )
            .date(field::REVIEWED_ON, "Last reviewed", d.reviewed_on)
            .pick_many(
                field::CLAUSES,
                "Serves clauses",
                DocumentContext::options(&self.ctx.clauses),
                DocumentContext::positions(&self.ctx.clauses, &d.clauses),
            )
            .pick_many(
                field::CONTROLS,
                "Evidences controls",
                DocumentContext::options(&self.ctx.controls),
                DocumentContext::positions(&self.ctx.controls, &d.controls),
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let date = |f: Field| text::date(f, &form.value(f));
        let document = Document {
            title: form.value(field::TITLE),
            kind: DocKind::ALL
                .get(form.choice_index(field::KIND))
                .copied()
                .unwrap_or(DocKind::Record),
            owner: form.value(field::OWNER),
            status: DocStatus::ALL
                .get(form.choice_index(field::STATUS))
                .copied()
                .unwrap_or(DocStatus::Draft),
            approved_by: form.value(field::APPROVED_BY),
            approved_on: date(field::APPROVED_ON)?,
            version: form.value(field::VERSION),
            issued_on: date(field::ISSUED_ON)?,
            classification: form.value(field::CLASSIFICATION),
            location: form.value(field::LOCATION),
            review_months: review_months(&form.value(field::REVIEW_MONTHS))?,
            reviewed_on: date(field::REVIEWED_ON)?,
            clauses: DocumentContext::keys(&self.ctx.clauses, &form.picked_all(field::CLAUSES)),
            controls: DocumentContext::keys(&self.ctx.controls, &form.picked_all(field::CONTROLS)),
            ..self.document.clone()
        };
        Ok(DocumentRow {
            document,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let documents = data.documents()?;
        let ctx = DocumentContext::load(data, &documents)?;
        let rows = documents
            .into_iter()
            .map(|document| DocumentRow {
                document,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        Ok((
            rows,
            DocumentRow {
                document: Document::new("", DocKind::Policy),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.document.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveDocument(self.document.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Document(document) => DocumentRow { document, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteDocument(self.document.id))
    }
}

/// The review period as typed: empty for none, else a whole number of months.
fn review_months(typed: &str) -> Result<Option<u32>, ValidationError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed.parse::<u32>().map(Some).map_err(|_| {
        ValidationError::new(
            field::REVIEW_MONTHS,
            format!(
                "'{}' is not a number of months; expected 1 to {REVIEW_MONTHS_MAX}, or nothing",
                text::shown(typed)
            ),
        )
    })
}

//! The register of documented information (7.5): policies, procedures, plans, records and
//! documents of external origin (`D-001`), each with its version, owner, approval, where it is
//! kept and when it is next reviewed, the versions it went through, and what it serves: the
//! clauses whose mandatory documented information it holds and the controls it evidences.
//! "Not documented, not done."

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    /// What a document is.
    DocKind {
        Policy => "policy", "Policy",
        Procedure => "procedure", "Procedure",
        Plan => "plan", "Plan",
        Record => "record", "Record",
        External => "external", "External document",
    }
);

string_enum!(
    /// Where a document stands: `unknown` until someone says (documents that came from a free
    /// text name of the clauses checklist start there).
    DocStatus {
        Unknown => "unknown", "Unknown",
        Draft => "draft", "Draft",
        Approved => "approved", "Approved",
        Withdrawn => "withdrawn", "Withdrawn",
    }
);

/// The fields of a document and of a version, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const KIND: Field = Field::new("kind");
    pub const VERSION: Field = Field::new("version");
    pub const ISSUED_ON: Field = Field::new("issued on");
    pub const OWNER: Field = Field::new("owner");
    pub const STATUS: Field = Field::new("status");
    pub const APPROVED_BY: Field = Field::new("approved by");
    pub const APPROVED_ON: Field = Field::new("approved on");
    pub const CLASSIFICATION: Field = Field::new("classification");
    pub const LOCATION: Field = Field::new("location");
    pub const REVIEW_MONTHS: Field = Field::new("review months");
    pub const REVIEWED_ON: Field = Field::new("reviewed on");
    pub const CLAUSES: Field = Field::new("clauses");
    pub const CONTROLS: Field = Field::new("controls");
    /// A version's fields.
    pub const DATE: Field = Field::new("date");
    pub const DOCUMENT: Field = Field::new("document");
    pub const CHANGE_NOTE: Field = Field::new("change note");
    pub const APPROVER: Field = Field::new("approver");
}

/// The longest review period: ten years.
pub const REVIEW_MONTHS_MAX: u32 = 120;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: i64,
    pub number: u32,
    pub title: String,
    pub kind: DocKind,
    /// The current version's number: `1.2`.
    #[serde(default)]
    pub version: String,
    /// The date of the current version.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Who maintains it: a person's name.
    #[serde(default)]
    pub owner: String,
    pub status: DocStatus,
    #[serde(default)]
    pub approved_by: String,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// `internal`, `confidential`...: the organisation's own scheme.
    #[serde(default)]
    pub classification: String,
    /// Where it is kept: a path or a URL.
    #[serde(default)]
    pub location: String,
    /// How often it is reviewed; `None`: no period set.
    #[serde(default)]
    pub review_months: Option<u32>,
    /// When it was last reviewed without a new version.
    #[serde(default)]
    pub reviewed_on: Option<NaiveDate>,
    /// The clauses whose documented information it holds (`6.1.2`).
    #[serde(default)]
    pub clauses: Vec<String>,
    /// The controls it evidences: Annex A numbers (`5.15`) or custom references (`C-001`).
    #[serde(default)]
    pub controls: Vec<String>,
    /// Row ids of the treatment actions that name it (set from the action's side).
    #[serde(default)]
    pub actions: Vec<i64>,
}

impl Document {
    pub fn new(title: &str, kind: DocKind) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            kind,
            version: String::new(),
            issued_on: None,
            owner: String::new(),
            status: DocStatus::Draft,
            approved_by: String::new(),
            approved_on: None,
            classification: String::new(),
            location: String::new(),
            review_months: None,
            reviewed_on: None,
            clauses: Vec::new(),
            controls: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// `D-007`.
    pub fn reference(&self) -> String {
        RefKind::Document.format(self.number)
    }

    /// `D-007 Information security policy`.
    pub fn label(&self) -> String {
        format!("{} {}", self.reference(), self.title)
    }

    /// Whether it still counts as documented information: a withdrawn document does not.
    pub fn is_in_force(&self) -> bool {
        self.status != DocStatus::Withdrawn
    }

    /// The day its review falls due: the review period after it was last looked at (reviewed,
    /// else approved, else issued). `None` without a period or without any of those dates.
    pub fn next_review(&self) -> Option<NaiveDate> {
        let months = self.review_months.filter(|&m| m > 0)?;
        let since = self.reviewed_on.or(self.approved_on).or(self.issued_on)?;
        since.checked_add_months(Months::new(months))
    }

    /// In force and past its next review on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_in_force() && self.next_review().is_some_and(|due| due < today)
    }

    /// In force, and its review falls due between today and `days` days from now.
    pub fn is_review_due_within(&self, today: NaiveDate, days: i64) -> bool {
        self.is_in_force()
            && self
                .next_review()
                .is_some_and(|due| due >= today && (due - today).num_days() <= days)
    }

    /// Whether a clause, a control or a treatment action names it as evidence.
    pub fn is_used(&self) -> bool {
        !self.clauses.is_empty() || !self.controls.is_empty() || !self.actions.is_empty()
    }

    /// The document as it may be stored: a title, single lines, dates with four-digit years,
    /// a review period of 1 to [`REVIEW_MONTHS_MAX`] months, and an approval that says who
    /// and when once the status is approved.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let title = text::required_line(field::TITLE, &self.title)?;
        for (field, date) in [
            (field::ISSUED_ON, self.issued_on),
            (field::APPROVED_ON, self.approved_on),
            (field::REVIEWED_ON, self.reviewed_on),
        ] {
            text::check_year(field, date)?;
        }
        if let Some(m) = self
            .review_months
            .filter(|m| !(1..=REVIEW_MONTHS_MAX).contains(m))
        {
            return Err(ValidationError::new(
                field::REVIEW_MONTHS,
                format!(
                    "{m} is out of range; expected 1 to {REVIEW_MONTHS_MAX} months, or nothing"
                ),
            ));
        }
        let approved_by = text::line(field::APPROVED_BY, &self.approved_by)?;
        if self.status == DocStatus::Approved {
            if approved_by.is_empty() {
                return Err(ValidationError::new(
                    field::APPROVED_BY,
                    "is required for an approved document: who approved it?",
                ));
            }
            if self.approved_on.is_none() {
                return Err(ValidationError::new(
                    field::APPROVED_ON,
                    format!(
                        "is required for an approved document: when was it approved? ({})",
                        text::DATE_FORMATS
                    ),
                ));
            }
        }
        Ok(Self {
            title,
            version: text::line(field::VERSION, &self.version)?,
            owner: text::line(field::OWNER, &self.owner)?,
            approved_by,
            classification: text::line(field::CLASSIFICATION, &self.classification)?,
            location: text::line(field::LOCATION, &self.location)?,
            clauses: text::distinct_lines(field::CLAUSES, &self.clauses)?,
            controls: text::distinct_lines(field::CONTROLS, &self.controls)?,
            actions: {
                let mut actions = self.actions.clone();
                actions.sort_unstable();
                actions.dedup();
                actions
            },
            ..self
        })
    }

    /// The document at its new `version`: that version's number and date become current, and a
    /// version with an approver approves it on that date. Refuses a version dated before the
    /// current one, and one numbered like the current one.
    pub fn with_version(self, version: &DocumentVersion) -> Result<Self, ValidationError> {
        let version = version.clone().validated()?;
        if let Some(current) = self.issued_on.filter(|&d| version.on_date < d) {
            return Err(ValidationError::new(
                field::DATE,
                format!(
                    "{} is before the current version's date ({current})",
                    version.on_date
                ),
            ));
        }
        if !self.version.is_empty() && self.version.eq_ignore_ascii_case(&version.version) {
            return Err(ValidationError::new(
                field::VERSION,
                format!(
                    "{} is the current version already; give the new version its own number",
                    text::shown(&version.version)
                ),
            ));
        }
        let approved = !version.approver.is_empty();
        Self {
            version: version.version.clone(),
            issued_on: Some(version.on_date),
            status: if approved {
                DocStatus::Approved
            } else {
                DocStatus::Draft
            },
            approved_by: if approved {
                version.approver.clone()
            } else {
                String::new()
            },
            approved_on: approved.then_some(version.on_date),
            reviewed_on: None,
            ..self
        }
        .validated()
    }
}

/// One version a document went through: its number, its date, what changed and who approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentVersion {
    pub id: i64,
    /// Row id of the document.
    pub document: i64,
    pub version: String,
    pub on_date: NaiveDate,
    #[serde(default)]
    pub change_note: String,
    /// Who approved it; empty: a draft version.
    #[serde(default)]
    pub approver: String,
}

impl DocumentVersion {
    pub fn new(document: i64, version: &str, on_date: NaiveDate) -> Self {
        Self {
            id: 0,
            document,
            version: version.to_string(),
            on_date,
            change_note: String::new(),
            approver: String::new(),
        }
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::DATE, Some(self.on_date))?;
        Ok(Self {
            version: text::required_line(field::VERSION, &self.version)?,
            change_note: text::text(field::CHANGE_NOTE, &self.change_note)?,
            approver: text::line(field::APPROVER, &self.approver)?,
            ..self
        })
    }
}

/// The documents in force that serve clause `number`.
pub fn for_clause<'a>(documents: &'a [Document], number: &str) -> Vec<&'a Document> {
    documents
        .iter()
        .filter(|d| d.is_in_force() && d.clauses.iter().any(|c| c == number))
        .collect()
}

/// Whether a document in force evidences control `key`: the SoA entry then has evidence, whatever
/// its evidence text says.
pub fn evidences_control(documents: &[Document], key: &str) -> bool {
    documents
        .iter()
        .any(|d| d.is_in_force() && d.controls.iter().any(|c| c == key))
}

#[cfg(test)]
mod tests;

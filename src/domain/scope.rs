//! Clause 4.3 scope: the ISMS scope statement, the separate certificate scope statement, and the
//! scope items (locations, units, processes, systems, products) that are in or out of each.
//! Also the internal and external issues of clause 4.1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::problems;
use super::text::{self, ValidationError};
use crate::string_enum;

/// The two scope statements. Kept apart: the certificate may cover less than the ISMS. Beside
/// them, the decision 4.1 asks for since its 2024 amendment: whether climate change is a
/// relevant issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeStatements {
    pub isms_scope: String,
    pub isms_scope_changed: Option<NaiveDate>,
    pub certificate_scope: String,
    pub certificate_scope_changed: Option<NaiveDate>,
    /// None until the organisation has decided.
    #[serde(default)]
    pub climate_change: Option<ClimateDecision>,
}

/// Whether climate change is a relevant issue for the ISMS (4.1, amended 2024), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClimateDecision {
    pub relevant: bool,
    /// Why, briefly: `heat waves threaten the ground-floor server room`.
    #[serde(default)]
    pub note: String,
}

impl ClimateDecision {
    /// `relevant` or `not relevant`, with the note after a colon when there is one.
    pub fn summary(&self) -> String {
        let verdict = if self.relevant {
            "relevant"
        } else {
            "not relevant"
        };
        match self.note.trim() {
            "" => verdict.to_string(),
            note => format!("{verdict}: {note}"),
        }
    }
}

impl ScopeStatements {
    /// The ISMS scope replaced by `text`; its last-changed date moves to `today` only when the
    /// text really changed.
    pub fn with_isms_scope(self, text: &str, today: NaiveDate) -> Result<Self, ValidationError> {
        let text = text::text(statement_field::ISMS_SCOPE, text)?;
        if text == self.isms_scope {
            return Ok(self);
        }
        Ok(Self {
            isms_scope: text,
            isms_scope_changed: Some(today),
            ..self
        })
    }

    /// The climate change decision recorded (`None` takes it back), its note checked by the
    /// text rules.
    pub fn with_climate_change(
        self,
        decision: Option<ClimateDecision>,
    ) -> Result<Self, ValidationError> {
        let climate_change = decision
            .map(|d| {
                Ok::<_, ValidationError>(ClimateDecision {
                    note: text::text(statement_field::CLIMATE_NOTE, &d.note)?,
                    ..d
                })
            })
            .transpose()?;
        Ok(Self {
            climate_change,
            ..self
        })
    }

    /// Whether the organisation has not yet decided if climate change is a relevant issue.
    pub fn climate_undecided(&self) -> bool {
        self.climate_change.is_none()
    }

    /// The certificate scope replaced by `text`, dated like [`Self::with_isms_scope`].
    pub fn with_certificate_scope(
        self,
        text: &str,
        today: NaiveDate,
    ) -> Result<Self, ValidationError> {
        let text = text::text(statement_field::CERTIFICATE_SCOPE, text)?;
        if text == self.certificate_scope {
            return Ok(self);
        }
        Ok(Self {
            certificate_scope: text,
            certificate_scope_changed: Some(today),
            ..self
        })
    }
}

string_enum!(
    ScopeItemKind {
        Location => "location", "Location",
        OrgUnit => "org_unit", "Organisational unit",
        Process => "process", "Business process or service",
        Technology => "technology", "Technology or system",
        Product => "product", "Product",
    }
);

/// The scope statements, as validation errors and the statement forms name them.
pub mod statement_field {
    use crate::domain::text::Field;

    pub const ISMS_SCOPE: Field = Field::new("isms_scope");
    pub const CERTIFICATE_SCOPE: Field = Field::new("certificate_scope");
    pub const CLIMATE_DECISION: Field = Field::new("climate change");
    pub const CLIMATE_NOTE: Field = Field::new("climate change note");
}

/// The fields of a context issue, as validation errors and forms name them.
pub mod issue_field {
    use crate::domain::text::Field;

    pub const KIND: Field = Field::new("kind");
    pub const TITLE: Field = Field::new("title");
    pub const NOTE: Field = Field::new("note");
}

/// The fields of a scope item, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const NAME: Field = Field::new("name");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const JUSTIFICATION: Field = Field::new("justification");
    pub const INTERFACES: Field = Field::new("interfaces");
    pub const IN_CERTIFICATE: Field = Field::new("in certificate scope");
    pub const IN_ISMS: Field = Field::new("in ISMS scope");
    pub const KIND: Field = Field::new("kind");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeItem {
    pub id: i64,
    pub number: u32,
    pub kind: ScopeItemKind,
    pub name: String,
    pub description: String,
    pub in_isms: bool,
    pub in_certificate: bool,
    /// Why the item is excluded from the ISMS or the certificate; required when it is.
    pub justification: String,
    /// Interfaces and dependencies with what lies outside the scope.
    pub interfaces: String,
}

impl ScopeItem {
    pub fn new(kind: ScopeItemKind, name: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            kind,
            name: name.to_string(),
            description: String::new(),
            in_isms: true,
            in_certificate: true,
            justification: String::new(),
            interfaces: String::new(),
        }
    }

    /// Excluded from the ISMS or from the certificate.
    pub fn is_excluded(&self) -> bool {
        !self.in_isms || !self.in_certificate
    }

    /// In the certificate scope but outside the ISMS scope, which cannot be: the certificate
    /// scope lies within the ISMS scope.
    pub fn certified_outside_isms(&self) -> bool {
        self.in_certificate && !self.in_isms
    }

    /// The item with `in_isms` set as the user ticked it. The certificate scope lies within the
    /// ISMS scope, so an item leaving the ISMS scope leaves the certificate scope too.
    pub fn with_in_isms(self, in_isms: bool) -> Self {
        Self {
            in_isms,
            in_certificate: self.in_certificate && in_isms,
            ..self
        }
    }

    /// Excluded from the ISMS or the certificate without a justification.
    pub fn exclusion_unjustified(&self) -> bool {
        self.is_excluded() && self.justification.trim().is_empty()
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        self.validated_all().map_err(problems::first)
    }

    /// As [`ScopeItem::validated`], with every problem, not only the first: an import lists
    /// them all for its line.
    pub fn validated_all(self) -> Result<Self, Vec<ValidationError>> {
        let mut found = problems::Problems::default();
        // Judged on the text as given: a justification refused below is not missing as well.
        let unjustified = self.exclusion_unjustified();
        let item = Self {
            name: found.keep(text::required_line(field::NAME, &self.name)),
            description: found.keep(text::text(field::DESCRIPTION, &self.description)),
            justification: found.keep(text::text(field::JUSTIFICATION, &self.justification)),
            interfaces: found.keep(text::text(field::INTERFACES, &self.interfaces)),
            ..self
        };
        if item.certified_outside_isms() {
            found.push(ValidationError::new(
                field::IN_CERTIFICATE,
                "the certificate scope must lie within the ISMS scope: include the item in the ISMS scope first",
            ));
        }
        if unjustified {
            found.push(ValidationError::new(
                field::JUSTIFICATION,
                "required when the item is outside the ISMS or the certificate scope",
            ));
        }
        found.settled(item)
    }
}

string_enum!(
    IssueKind {
        Internal => "internal", "Internal",
        External => "external", "External",
    }
);

/// The kinds of issue (internal, external) of which `issues` hold none: 4.1 asks for both.
pub fn missing_issue_kinds(issues: &[ContextIssue]) -> Vec<IssueKind> {
    IssueKind::ALL
        .iter()
        .copied()
        .filter(|kind| !issues.iter().any(|i| i.kind == *kind))
        .collect()
}

/// An internal or external issue relevant to the ISMS (clause 4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextIssue {
    pub id: i64,
    pub number: u32,
    pub kind: IssueKind,
    pub title: String,
    pub note: String,
}

impl ContextIssue {
    pub fn new(kind: IssueKind, title: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            kind,
            title: title.to_string(),
            note: String::new(),
        }
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        Ok(Self {
            title: text::required_line(issue_field::TITLE, &self.title)?,
            note: text::text(issue_field::NOTE, &self.note)?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_scope_must_lie_within_isms_scope() {
        let mut item = ScopeItem::new(ScopeItemKind::Location, "Branch office");
        item.in_isms = false;
        item.in_certificate = true;
        item.justification = "run by a franchisee".into();
        let err = item.validated().unwrap_err();
        assert_eq!(err.field, "in certificate scope");
    }

    #[test]
    fn leaving_the_isms_scope_leaves_the_certificate_scope() {
        let item = ScopeItem::new(ScopeItemKind::Location, "Branch office");
        let out = item.clone().with_in_isms(false);
        assert!(!out.in_isms && !out.in_certificate);
        assert!(!out.certified_outside_isms());
        let back = out.with_in_isms(true);
        assert!(
            back.in_isms && !back.in_certificate,
            "entering the ISMS scope does not certify"
        );
        let mut uncertified = item;
        uncertified.in_certificate = false;
        assert!(!uncertified.with_in_isms(true).in_certificate);
    }

    #[test]
    fn excluded_item_needs_a_justification() {
        let mut item = ScopeItem::new(ScopeItemKind::Location, "Branch office");
        item.in_isms = false;
        item.in_certificate = false;
        assert_eq!(item.clone().validated().unwrap_err().field, "justification");
        item.justification = "  run by a franchisee ".into();
        assert_eq!(
            item.validated().unwrap().justification,
            "run by a franchisee"
        );
    }

    #[test]
    fn certified_outside_isms_is_the_rule_validation_applies() {
        for (in_isms, in_certificate) in
            [(true, true), (true, false), (false, true), (false, false)]
        {
            let item = ScopeItem {
                in_isms,
                in_certificate,
                justification: "run by a franchisee".into(),
                ..ScopeItem::new(ScopeItemKind::Location, "Branch office")
            };
            let outside = in_certificate && !in_isms;
            assert_eq!(item.certified_outside_isms(), outside);
            let refused = item.validated().err().map(|e| e.field);
            assert_eq!(refused, outside.then_some(field::IN_CERTIFICATE));
        }
    }

    #[test]
    fn an_exclusion_is_unjustified_without_text() {
        let mut item = ScopeItem::new(ScopeItemKind::OrgUnit, "R&D");
        assert!(
            !item.exclusion_unjustified(),
            "included: nothing to justify"
        );
        item.in_certificate = false;
        assert!(item.exclusion_unjustified());
        item.justification = " \n ".into();
        assert!(item.exclusion_unjustified());
        assert_eq!(
            item.clone().validated().unwrap_err().field,
            field::JUSTIFICATION
        );
        item.justification = "certified next year".into();
        assert!(!item.exclusion_unjustified());
    }

    #[test]
    fn in_isms_but_outside_certificate_is_allowed_with_reason() {
        let mut item = ScopeItem::new(ScopeItemKind::OrgUnit, "R&D");
        item.in_certificate = false;
        item.justification = "certification of R&D planned next year".into();
        assert!(item.validated().is_ok());
    }

    #[test]
    fn statements_are_dated_only_when_they_change() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let s = ScopeStatements::default()
            .with_isms_scope(" All of Acme ", day(1))
            .unwrap();
        assert_eq!(
            (s.isms_scope.as_str(), s.isms_scope_changed),
            ("All of Acme", Some(day(1)))
        );
        let same = s.clone().with_isms_scope("All of Acme", day(2)).unwrap();
        assert_eq!(same.isms_scope_changed, Some(day(1)));
        let cert = same.with_certificate_scope("The platform", day(3)).unwrap();
        assert_eq!(cert.certificate_scope_changed, Some(day(3)));
        assert_eq!(cert.isms_scope_changed, Some(day(1)));
        assert!(
            ScopeStatements::default()
                .with_isms_scope("\u{1b}", day(1))
                .is_err()
        );
    }

    #[test]
    fn climate_change_is_undecided_until_recorded() {
        let s = ScopeStatements::default();
        assert!(s.climate_undecided());
        let decided = s
            .with_climate_change(Some(ClimateDecision {
                relevant: true,
                note: " Heat waves threaten the server room ".into(),
            }))
            .unwrap();
        assert!(!decided.climate_undecided());
        assert_eq!(
            decided.climate_change.as_ref().unwrap().summary(),
            "relevant: Heat waves threaten the server room"
        );
        let not = ClimateDecision {
            relevant: false,
            note: String::new(),
        };
        assert_eq!(not.summary(), "not relevant");
        let bad = ClimateDecision {
            note: "\u{202e}".into(),
            ..not
        };
        let err = decided.clone().with_climate_change(Some(bad)).unwrap_err();
        assert_eq!(err.field, statement_field::CLIMATE_NOTE);
        assert!(
            decided
                .with_climate_change(None)
                .unwrap()
                .climate_undecided()
        );
        // A workspace written before the decision existed reads as undecided.
        let old: ScopeStatements = serde_json::from_str(
            r#"{"isms_scope": "All", "isms_scope_changed": null, "certificate_scope": "", "certificate_scope_changed": null}"#,
        )
        .unwrap();
        assert!(old.climate_undecided());
    }

    #[test]
    fn both_kinds_of_issue_are_expected() {
        assert_eq!(
            missing_issue_kinds(&[]),
            [IssueKind::Internal, IssueKind::External]
        );
        let internal = ContextIssue::new(IssueKind::Internal, "Growth");
        assert_eq!(
            missing_issue_kinds(std::slice::from_ref(&internal)),
            [IssueKind::External]
        );
        let external = ContextIssue::new(IssueKind::External, "NIS2");
        assert_eq!(missing_issue_kinds(&[internal, external]), []);
    }

    #[test]
    fn issue_needs_a_title() {
        assert_eq!(
            ContextIssue::new(IssueKind::External, " ")
                .validated()
                .unwrap_err()
                .field,
            "title"
        );
    }
}

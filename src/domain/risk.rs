//! Risks (clauses 6.1.2, 8.2): identified against assets or as events, analysed before and after
//! treatment, evaluated against the acceptance criteria; and the acceptance record of 6.1.3 f.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::methodology::{Authority, Methodology, Rating};
use super::problems;
use super::protection::Objective;
use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    /// The four options of 6.1.3 (ISO/IEC 27005 names in brackets).
    TreatmentOption {
        Reduce => "reduce", "Reduce (modify)",
        Avoid => "avoid", "Avoid",
        Transfer => "transfer", "Transfer (share)",
        Accept => "accept", "Accept (retain)",
    }
);

string_enum!(
    RiskStatus {
        Identified => "identified", "Identified",
        Assessed => "assessed", "Assessed",
        InTreatment => "in_treatment", "In treatment",
        Accepted => "accepted", "Accepted",
        Closed => "closed", "Closed",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub id: i64,
    pub number: u32,
    pub title: String,
    pub description: String,
    /// Row ids of the assets concerned; empty for an event-based risk.
    pub assets: Vec<i64>,
    pub threat: String,
    pub vulnerability: String,
    pub objectives: Vec<Objective>,
    pub owner: String,
    pub inherent: Option<Rating>,
    pub residual: Option<Rating>,
    pub treatment: Option<TreatmentOption>,
    pub treatment_rationale: String,
    pub status: RiskStatus,
    /// A review date typed by hand: it can bring the review forward, never put it off past
    /// what the level's review period asks (see [`crate::domain::evaluation::review_due`]).
    pub next_review: Option<NaiveDate>,
    /// When the risk was last assessed: set when its ratings are saved changed, or confirmed
    /// (see [`assessed_on_saved`]). Its next review follows from its level's review months.
    #[serde(default)]
    pub assessed_on: Option<NaiveDate>,
    /// Who approved the treatment plan for it (6.1.3 f: the risk owner), and when.
    #[serde(default)]
    pub plan_approved_by: String,
    #[serde(default)]
    pub plan_approved_on: Option<NaiveDate>,
}

impl Risk {
    pub fn new(title: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            description: String::new(),
            assets: Vec::new(),
            threat: String::new(),
            vulnerability: String::new(),
            objectives: Vec::new(),
            owner: String::new(),
            inherent: None,
            residual: None,
            treatment: None,
            treatment_rationale: String::new(),
            status: RiskStatus::Identified,
            next_review: None,
            assessed_on: None,
            plan_approved_by: String::new(),
            plan_approved_on: None,
        }
    }

    /// Whether a residual rating applies to a risk treated so: the rating after treatment means
    /// something once a treatment option is chosen.
    pub fn residual_applies(treatment: Option<TreatmentOption>) -> bool {
        treatment.is_some()
    }

    /// Whether the risk owner's approval of its treatment plan is recorded: who and when.
    pub fn plan_approved(&self) -> bool {
        !self.plan_approved_by.trim().is_empty() && self.plan_approved_on.is_some()
    }

    /// The rating that counts now: residual once assessed, else inherent.
    pub fn current_rating(&self) -> Option<Rating> {
        self.residual.or(self.inherent)
    }

    pub fn validated(self, methodology: &Methodology) -> Result<Self, ValidationError> {
        self.validated_all(methodology).map_err(problems::first)
    }

    /// As [`Risk::validated`], with every problem, not only the first: an import lists them all
    /// for its line.
    pub fn validated_all(self, methodology: &Methodology) -> Result<Self, Vec<ValidationError>> {
        let mut found = problems::Problems::default();
        for (field, rating) in [
            (field::INHERENT_RATING, self.inherent),
            (field::RESIDUAL_RATING, self.residual),
        ] {
            if let Some(r) = rating
                && let Err(e) = methodology.check_rating(field, r)
            {
                found.push(e);
            }
        }
        let mut objectives = self.objectives;
        objectives.sort();
        objectives.dedup();
        let mut assets = self.assets;
        assets.sort();
        assets.dedup();
        let risk = Self {
            title: found.keep(text::required_line(field::TITLE, &self.title)),
            description: found.keep(text::text(field::DESCRIPTION, &self.description)),
            threat: found.keep(text::text(field::THREAT, &self.threat)),
            vulnerability: found.keep(text::text(field::VULNERABILITY, &self.vulnerability)),
            owner: found.keep(text::line(field::OWNER, &self.owner)),
            treatment_rationale: found.keep(text::text(
                field::TREATMENT_RATIONALE,
                &self.treatment_rationale,
            )),
            plan_approved_by: found
                .keep(text::line(field::PLAN_APPROVED_BY, &self.plan_approved_by)),
            objectives,
            assets,
            ..self
        };
        found.settled(risk)
    }
}

/// When `after` was last assessed once saved over `before` (`None` for a new risk) on
/// `today`: today when it is rated and its ratings changed (a new rated risk included), or when
/// the save `confirms` the assessment as it stands (saving the risk form does); else the date
/// it had. An unrated risk keeps no date.
pub fn assessed_on_saved(
    before: Option<&Risk>,
    after: &Risk,
    today: NaiveDate,
    confirms: bool,
) -> Option<NaiveDate> {
    after.current_rating()?;
    let changed =
        before.is_none_or(|b| (b.inherent, b.residual) != (after.inherent, after.residual));
    if changed || confirms {
        Some(today)
    } else {
        before.and_then(|b| b.assessed_on).or(after.assessed_on)
    }
}

/// The fields of a risk, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const THREAT: Field = Field::new("threat");
    pub const VULNERABILITY: Field = Field::new("vulnerability");
    pub const OWNER: Field = Field::new("owner");
    pub const OBJECTIVES: Field = Field::new("objectives");
    pub const ASSETS: Field = Field::new("assets");
    pub const INHERENT_RATING: Field = Field::new("inherent rating");
    pub const RESIDUAL_RATING: Field = Field::new("residual rating");
    pub const INHERENT_LIKELIHOOD: Field = Field::new("inherent likelihood");
    pub const INHERENT_IMPACT: Field = Field::new("inherent impact");
    pub const RESIDUAL_LIKELIHOOD: Field = Field::new("residual likelihood");
    pub const RESIDUAL_IMPACT: Field = Field::new("residual impact");
    pub const TREATMENT: Field = Field::new("treatment");
    pub const TREATMENT_RATIONALE: Field = Field::new("treatment rationale");
    pub const STATUS: Field = Field::new("status");
    pub const NEXT_REVIEW: Field = Field::new("next review");
    pub const ASSESSED_ON: Field = Field::new("assessed on");
    pub const PLAN_APPROVED_BY: Field = Field::new("plan approved by");
    pub const PLAN_APPROVED_ON: Field = Field::new("plan approved on");
}

/// The fields of an acceptance, as validation errors and forms name them.
pub mod acceptance_field {
    use crate::domain::text::Field;

    pub const RISK: Field = Field::new("risk");
    pub const ACCEPTED_BY: Field = Field::new("accepted by");
    pub const AUTHORITY: Field = Field::new("authority");
    pub const LEVEL: Field = Field::new("level");
    pub const UNTIL: Field = Field::new("until");
    pub const NOTE: Field = Field::new("note");
    pub const ACCEPTED_ON: Field = Field::new("accepted on");
    /// Why an acceptance was deleted: the change log keeps it with the deleted record.
    pub const DELETION_REASON: Field = Field::new("reason for deletion");
}

/// The record that a residual risk was accepted: who, when, at what level, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub id: i64,
    pub risk: i64,
    pub accepted_by: String,
    pub authority: Authority,
    pub accepted_on: NaiveDate,
    /// The residual level's name at the moment of acceptance.
    pub level: String,
    pub until: Option<NaiveDate>,
    pub note: String,
}

impl Acceptance {
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.until.is_some_and(|u| u < today)
    }

    /// Still valid, but not for more than `days` days.
    pub fn expires_within(&self, today: NaiveDate, days: i64) -> bool {
        self.until
            .is_some_and(|u| u >= today && (u - today).num_days() <= days)
    }

    /// Whether this acceptance is already kept (it has its row id).
    pub fn is_recorded(&self) -> bool {
        self.id != 0
    }

    /// An acceptance records a decision as it was taken: once kept it is never changed, so
    /// that the register shows who accepted what, and when. A renewal or a correction is a
    /// new acceptance; the old one stays (or is deleted, which the change log keeps).
    pub fn check_not_recorded(&self) -> Result<(), ValidationError> {
        if self.is_recorded() {
            return Err(ValidationError::new(
                acceptance_field::ACCEPTED_BY,
                "an acceptance is a record: add a new one instead of changing it",
            ));
        }
        Ok(())
    }

    /// Why a recorded acceptance is deleted, as the change log keeps it: required, since
    /// removing a record of a decision must say why (a wrong risk, a duplicate...).
    pub fn deletion_reason(reason: &str) -> Result<String, ValidationError> {
        text::required_line(acceptance_field::DELETION_REASON, reason)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        if let Some(until) = self.until
            && until < self.accepted_on
        {
            return Err(ValidationError::new(
                acceptance_field::UNTIL,
                "must not lie before the date of acceptance",
            ));
        }
        Ok(Self {
            accepted_by: text::required_line(acceptance_field::ACCEPTED_BY, &self.accepted_by)?,
            level: text::required_line(acceptance_field::LEVEL, &self.level)?,
            note: text::text(acceptance_field::NOTE, &self.note)?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_residual_rating_applies_once_a_treatment_is_chosen() {
        assert!(!Risk::residual_applies(None));
        for t in TreatmentOption::ALL {
            assert!(Risk::residual_applies(Some(*t)), "{t:?}");
        }
    }

    #[test]
    fn ratings_must_fit_the_methodology() {
        let m = Methodology::default();
        let mut r = Risk::new("Ransomware");
        r.inherent = Some(Rating {
            likelihood: 4,
            impact: 5,
        });
        assert!(r.clone().validated(&m).is_ok());
        r.residual = Some(Rating {
            likelihood: 0,
            impact: 5,
        });
        assert_eq!(r.validated(&m).unwrap_err().field, "residual rating");
    }

    #[test]
    fn current_rating_prefers_residual() {
        let mut r = Risk::new("x");
        r.inherent = Some(Rating {
            likelihood: 4,
            impact: 4,
        });
        assert_eq!(r.current_rating(), r.inherent);
        r.residual = Some(Rating {
            likelihood: 2,
            impact: 2,
        });
        assert_eq!(r.current_rating(), r.residual);
    }

    #[test]
    fn objectives_and_assets_are_deduplicated() {
        let mut r = Risk::new("x");
        r.objectives = vec![
            Objective::Availability,
            Objective::Confidentiality,
            Objective::Availability,
        ];
        r.assets = vec![3, 1, 3];
        let r = r.validated(&Methodology::default()).unwrap();
        assert_eq!(
            r.objectives,
            [Objective::Confidentiality, Objective::Availability]
        );
        assert_eq!(r.assets, [1, 3]);
    }

    #[test]
    fn acceptance_expiry() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let a = Acceptance {
            id: 0,
            risk: 1,
            accepted_by: "CEO".into(),
            authority: Authority::TopManagement,
            accepted_on: d("2025-01-10"),
            level: "medium".into(),
            until: Some(d("2026-01-10")),
            note: String::new(),
        };
        assert!(!a.is_expired(d("2026-01-10")));
        assert!(a.expires_within(d("2025-12-20"), 30));
        assert!(!a.expires_within(d("2025-12-01"), 30));
        assert!(
            !a.expires_within(d("2026-01-11"), 30),
            "expired is not expiring"
        );
        assert!(a.is_expired(d("2026-01-11")));
        let backwards = Acceptance {
            until: Some(d("2024-01-01")),
            ..a
        };
        assert_eq!(
            backwards.validated().unwrap_err().field,
            acceptance_field::UNTIL
        );
    }

    #[test]
    fn deleting_an_acceptance_needs_a_reason() {
        let err = Acceptance::deletion_reason("  ").unwrap_err();
        assert_eq!(err.field, acceptance_field::DELETION_REASON);
        assert_eq!(
            Acceptance::deletion_reason(" recorded for the wrong risk ").unwrap(),
            "recorded for the wrong risk"
        );
        assert!(Acceptance::deletion_reason("two\nlines").is_err());
    }

    #[test]
    fn a_recorded_acceptance_is_never_changed() {
        let new = Acceptance {
            id: 0,
            risk: 1,
            accepted_by: "CEO".into(),
            authority: Authority::TopManagement,
            accepted_on: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            level: String::new(),
            until: None,
            note: String::new(),
        };
        assert!(!new.is_recorded());
        assert!(new.check_not_recorded().is_ok());
        let kept = Acceptance { id: 7, ..new };
        assert!(kept.is_recorded());
        let err = kept.check_not_recorded().unwrap_err();
        assert_eq!(err.field, acceptance_field::ACCEPTED_BY);
        assert!(err.message.contains("add a new one"), "{err}");
    }
}

//! Audit readiness (`isms check` and the Dashboard): the checks an auditor runs on an ISMS, as
//! rules with stable ids. Each finding is graded as an auditor would grade it (a major
//! nonconformity puts the certificate at risk, a minor one must be corrected, an observation is
//! an opportunity to improve), names the item by its human reference, says how to fix it, and
//! points at the place in the workspace where the fix is made. Pure: the store loads a
//! [`Workspace`], [`check`] judges it.

mod assets;
mod audits;
mod clauses;
mod cycle;
mod documents;
mod neutral;
mod objectives;
mod people;
mod reviews;
mod risks;
mod scope;
mod soa;

use chrono::NaiveDate;
use serde::Serialize;

use super::asset::{Asset, Dependency};
use super::audit::{Audit, AuditFinding};
use super::baseline::{Baseline, Reassessment};
use super::clause::ClauseItem;
use super::control::Control;
use super::document::Document;
use super::methodology::Methodology;
use super::nonconformity::Nonconformity;
use super::objective::{Measurement, SecurityObjective};
use super::party::InterestedParty;
use super::person::{CompetenceRecord, People};
use super::protection::{Objective, ProtectionNeed, ProtectionScale};
use super::question::OpenQuestion;
use super::review::{Review, ReviewAction};
use super::risk::{Acceptance, Risk};
use super::scope::{ContextIssue, ScopeItem, ScopeStatements};
use super::soa::{SoaEntry, SoaVersion};
use super::treatment::Action;
use crate::string_enum;

string_enum!(
    /// How an auditor would grade a finding; ordered from the gravest.
    Severity {
        Major => "major", "Major",
        Minor => "minor", "Minor",
        Observation => "observation", "Observation",
    }
);

/// Where a finding is fixed: a statement, a register, a row (by its row id), a control (by its
/// key), the SoA's versions, or a clause (by its number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Place {
    ScopeStatements,
    /// The register of internal and external issues, as a whole.
    Issues,
    /// The register of interested parties, as a whole.
    Parties,
    ScopeItem(i64),
    Party(i64),
    Asset(i64),
    Risk(i64),
    Action(i64),
    Acceptance(i64),
    Control(String),
    SoaVersions,
    Clause(String),
    /// A question of a workshop about no asset (or one deleted since), by row id.
    Question(i64),
    /// The people register as a whole.
    People,
    /// A person of the people register, by row id.
    Person(i64),
    /// A document of the register of documented information, by row id.
    Document(i64),
    /// The audit programme as a whole.
    Audits,
    /// An audit, by row id.
    Audit(i64),
    /// A nonconformity of the register, by row id.
    Nonconformity(i64),
    /// The management reviews as a whole.
    Reviews,
    /// A management review, by row id.
    Review(i64),
    /// The register of information security objectives, as a whole.
    Objectives,
    /// An information security objective, by row id.
    Objective(i64),
}

/// What a rule rests on: a clause of ISO/IEC 27001:2022 (`6.1.3`) or an Annex A control
/// (`8.13`, shown as `A.8.13`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Clause(&'static str),
    Control(&'static str),
}

impl Basis {
    /// `6.1.3` or `A.8.13`.
    pub fn label(self) -> String {
        match self {
            Basis::Clause(c) => c.to_string(),
            Basis::Control(c) => format!("A.{c}"),
        }
    }
}

/// One thing an auditor would pick up: which rule, how grave, what (naming the item by its
/// reference: `AS-028 Backup NAS has no owner`), how to fix it, where, and the clause or
/// control of the standard it rests on (the rule's, or the item's own: the clause a missing
/// document belongs to, the control an SoA entry decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub fix: String,
    pub place: Place,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl Finding {
    /// The finding as resting on clause `number` rather than its rule's basis.
    pub fn on_clause(self, number: &str) -> Self {
        Self {
            clause: Some(number.to_string()),
            control: None,
            ..self
        }
    }

    /// The finding as resting on Annex A control `key` (`8.13`) rather than its rule's basis.
    pub fn on_control(self, key: &str) -> Self {
        Self {
            clause: None,
            control: Some(key.to_string()),
            ..self
        }
    }

    /// What it rests on, as text and reports show it: `6.1.3`, `A.8.13`; a custom control
    /// (`C-004`) as it is.
    pub fn basis(&self) -> String {
        match (&self.clause, &self.control) {
            (Some(c), _) => c.clone(),
            (None, Some(k)) if k.starts_with(|c: char| c.is_ascii_digit()) => format!("A.{k}"),
            (None, Some(k)) => k.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Everything the rules look at (plain domain values).
pub struct Workspace {
    pub statements: ScopeStatements,
    pub scope_items: Vec<ScopeItem>,
    /// The internal and external issues (4.1).
    pub issues: Vec<ContextIssue>,
    pub parties: Vec<InterestedParty>,
    pub assets: Vec<Asset>,
    pub dependencies: Vec<Dependency>,
    /// The needs as stored, levels outside the scale included (the check reports them).
    pub needs: Vec<ProtectionNeed>,
    pub scale: ProtectionScale,
    pub objectives: Vec<Objective>,
    pub methodology: Methodology,
    pub risks: Vec<Risk>,
    pub actions: Vec<Action>,
    pub acceptances: Vec<Acceptance>,
    pub controls: Vec<Control>,
    pub soa: Vec<SoaEntry>,
    pub versions: Vec<SoaVersion>,
    pub clauses: Vec<ClauseItem>,
    /// The register of documented information, each document with what it serves.
    pub documents: Vec<Document>,
    /// The questions of workshops, open and answered.
    pub questions: Vec<OpenQuestion>,
    /// The day a risk's inherent or residual rating last changed (the change log's latest such
    /// row), if one ever did after the risk was first recorded.
    pub last_rating_change: Option<NaiveDate>,
    /// The people, the roles and who holds which.
    pub people: People,
    /// The competence and awareness records.
    pub competence: Vec<CompetenceRecord>,
    /// Audits of every kind with their scope and auditors, and their graded findings.
    pub audits: Vec<Audit>,
    pub audit_findings: Vec<AuditFinding>,
    /// The register of nonconformities with their corrective actions.
    pub nonconformities: Vec<Nonconformity>,
    /// The management reviews, each held one with its frozen inputs, and their actions.
    pub reviews: Vec<Review>,
    pub review_actions: Vec<ReviewAction>,
    /// The information security objectives (6.2) and their measurements (9.1).
    pub security_objectives: Vec<SecurityObjective>,
    pub measurements: Vec<Measurement>,
    /// The closed cycles' baselines and what the open cycle still has to re-assess.
    pub baselines: Vec<Baseline>,
    pub reassessments: Vec<Reassessment>,
}

/// A rule of the catalogue: its stable id, the severity of its findings, and what it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// The clause or control the rule rests on.
    pub basis: Basis,
}

impl Rule {
    /// A finding of this rule about one control, fixed there and resting on it.
    fn about_control(&self, message: String, fix: impl Into<String>, key: &str) -> Finding {
        self.finding(message, fix, Place::Control(key.to_string()))
            .on_control(key)
    }

    /// A finding of this rule about one clause, fixed there and resting on it.
    fn about_clause(&self, message: String, fix: impl Into<String>, number: &str) -> Finding {
        self.finding(message, fix, Place::Clause(number.to_string()))
            .on_clause(number)
    }

    /// A finding of this rule, resting on the rule's basis.
    fn finding(&self, message: String, fix: impl Into<String>, place: Place) -> Finding {
        let (clause, control) = match self.basis {
            Basis::Clause(c) => (Some(c.to_string()), None),
            Basis::Control(k) => (None, Some(k.to_string())),
        };
        Finding {
            rule: self.id,
            severity: self.severity,
            message,
            fix: fix.into(),
            place,
            clause,
            control,
        }
    }
}

const RULES: &[Rule] = &[
    scope::ISMS_SCOPE_MISSING,
    scope::CERTIFICATE_SCOPE_MISSING,
    scope::CERTIFIED_OUTSIDE_ISMS,
    scope::EXCLUSION_UNJUSTIFIED,
    scope::PARTY_UNADDRESSED,
    scope::NO_ISSUES,
    scope::NO_PARTIES,
    scope::CLIMATE_UNDECIDED,
    assets::NO_OWNER,
    assets::NO_NEEDS,
    assets::SERVES_NOTHING,
    assets::OVERRIDE_UNJUSTIFIED,
    assets::QUESTION_OVERDUE,
    assets::NO_OWNER_SYSTEMIC,
    assets::NEED_OFF_SCALE,
    assets::NO_RATIONALE,
    risks::NO_OWNER,
    risks::NOT_ASSESSED,
    risks::UNTREATED,
    risks::REDUCE_WITHOUT_ACTIONS,
    risks::ACTION_OVERDUE,
    risks::ACCEPTED_WITHOUT_RECORD,
    risks::INSUFFICIENT_AUTHORITY,
    risks::ACCEPTANCE_EXPIRED,
    risks::REVIEW_OVERDUE,
    risks::NO_OWNER_SYSTEMIC,
    risks::NOT_ASSESSED_SYSTEMIC,
    risks::RESIDUAL_UNACCEPTED,
    risks::RESIDUAL_UNACCEPTED_IN_TREATMENT,
    risks::PLAN_UNAPPROVED,
    risks::ACCEPTANCE_OPEN_ENDED,
    risks::RATING_OFF_SCALE,
    risks::AUTHORITY_NOT_HELD,
    soa::UNDECIDED,
    soa::EXCLUSION_UNJUSTIFIED,
    soa::NO_REASON,
    soa::TREATMENT_EXCLUDED,
    soa::NEVER_ISSUED,
    soa::CHANGED_SINCE_VERSION,
    soa::NO_EVIDENCE,
    soa::NO_EVIDENCE_SYSTEMIC,
    soa::PLANNED_WITHOUT_TARGET,
    soa::ISSUED_INCOMPLETE,
    soa::REVIEW_DUE,
    soa::COVER_NOT_IN_PLACE,
    clauses::NO_DOCUMENT,
    clauses::NOT_DONE,
    clauses::NO_CORE_DOCUMENT,
    people::NO_COMPETENCE_EVIDENCE,
    people::AWARENESS_LAPSED,
    people::AWARENESS_LAPSED_SYSTEMIC,
    people::OWNED_BY_LEAVER,
    people::UNKNOWN_NAME,
    documents::NOT_APPROVED,
    documents::REVIEW_OVERDUE,
    documents::WITHDRAWN_IN_USE,
    audits::NO_RECENT_AUDIT,
    audits::CLAUSES_NOT_COVERED,
    audits::CONTROLS_NOT_COVERED,
    audits::OWN_WORK,
    audits::MAJOR_WITHOUT_ACTION,
    audits::ACTION_OVERDUE,
    audits::CLOSED_WITHOUT_REVIEW,
    reviews::NO_RECENT_REVIEW,
    reviews::INPUT_MISSING,
    reviews::ACTION_OVERDUE,
    objectives::NO_OBJECTIVES,
    objectives::NO_MEASURE,
    objectives::NO_RESULT,
    objectives::OFF_TARGET,
    cycle::NOT_REASSESSED,
];

/// The catalogue of rules, in the order of their ids within each area.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// Every finding on `ws` at `today`: the gravest first, then by rule id, then by message with
/// its numbers compared as numbers (clause 4.3 before 10.2, AS-2 before AS-10).
pub fn check(ws: &Workspace, today: NaiveDate) -> Vec<Finding> {
    let mut findings = Vec::new();
    scope::check(ws, &mut findings);
    assets::check(ws, &mut findings);
    assets::check_questions(ws, today, &mut findings);
    risks::check(ws, today, &mut findings);
    soa::check(ws, today, &mut findings);
    clauses::check(ws, &mut findings);
    people::check(ws, today, &mut findings);
    documents::check(ws, today, &mut findings);
    audits::check(ws, today, &mut findings);
    reviews::check(ws, today, &mut findings);
    objectives::check(ws, today, &mut findings);
    cycle::check(ws, today, &mut findings);
    by_grade(&mut findings);
    findings
}

/// The findings gravest first, then by rule id, then by message with its numbers compared as
/// numbers: the order `check` gives.
pub fn by_grade(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.severity, a.rule)
            .cmp(&(b.severity, b.rule))
            .then_with(|| crate::domain::order::natural_cmp(&a.message, &b.message))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// The findings grouped by what they rest on: clauses 4 to 10 in their order, then the Annex A
/// controls, then custom controls; within one clause or control the gravest first, otherwise
/// in the order given.
pub fn by_clause(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let (x, y) = (a.basis(), b.basis());
        let annex = |s: &str| !s.starts_with(|c: char| c.is_ascii_digit());
        annex(&x)
            .cmp(&annex(&y))
            .then_with(|| crate::domain::order::natural_cmp(&x, &y))
            .then_with(|| a.severity.cmp(&b.severity))
    });
}

/// Whether a gap shared by `affected` of `total` items is a pattern an auditor grades as one
/// major finding (a process that does not work) rather than a minor one per item (lapses):
/// more than one item, and a third of them or more.
pub fn is_systemic(affected: usize, total: usize) -> bool {
    affected >= 2 && affected.saturating_mul(3) >= total
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The first `shown` items joined, with `and N more` for the rest.
fn join_some(items: &[String], shown: usize) -> String {
    if items.len() <= shown {
        return join_and(items);
    }
    format!(
        "{} and {} more",
        items[..shown].join(", "),
        items.len() - shown
    )
}

/// A label as it reads inside a sentence: `In progress` → `in progress`.
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests;

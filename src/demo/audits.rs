//! The audit programme of Nordwind Logistik GmbH: last year's internal audit with its findings,
//! the nonconformities two of them raised (one closed after an effective review, one whose
//! corrective action is overdue), the certification body's stage 1 audit, and this year's
//! internal audit of the controls last year's left out.

use super::data::SOA_APPLICABLE;
use super::{date, maybe_date};
use crate::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
use crate::domain::nonconformity::{CorrectiveAction, CorrectiveStatus, EffectivenessReview};
use crate::store::{StoreError, Writer};

const AUDITOR: &str = "Michael Hartmann";
const ISB: &str = "Anna Weber";
const HR: &str = "Julia Schmitt";
const IT: &str = "Jonas Klein";

/// An audit: title, kind, planned, held, reported (empty: not yet), lead auditor, status,
/// criteria, summary, and which Annex A themes of the SoA it covers (`"5."` for every
/// applicable organisational control; custom controls are named whole).
struct AuditRow {
    title: &'static str,
    kind: AuditKind,
    planned_on: &'static str,
    held_on: &'static str,
    reported_on: &'static str,
    lead_auditor: &'static str,
    status: AuditStatus,
    clauses: &'static [&'static str],
    themes: &'static [&'static str],
    criteria: &'static str,
    summary: &'static str,
}

const CLAUSES_4_TO_10: &[&str] = &["4", "5", "6", "7", "8", "9", "10"];

/// AU-001 to AU-003. Michael Hartmann, the quality manager, owns no control, so he audits
/// nobody's work but others'.
const AUDITS: &[AuditRow] = &[
    AuditRow {
        title: "Internal ISMS audit 2025",
        kind: AuditKind::Internal,
        planned_on: "2025-11-17",
        held_on: "2025-11-17",
        reported_on: "2025-11-28",
        lead_auditor: AUDITOR,
        status: AuditStatus::Reported,
        clauses: CLAUSES_4_TO_10,
        themes: &["5.", "6."],
        criteria: "ISO/IEC 27001:2022 clauses 4 to 10 and the organisational and people controls of the SoA; the information security policy and the policies it names.",
        summary: "The ISMS is established and operated as described. Two minor nonconformities (leavers' access, permissions on the ISMS document library), one observation and one opportunity for improvement. Technical and physical controls are left to the internal audit 2026.",
    },
    AuditRow {
        title: "Certification audit, stage 1",
        kind: AuditKind::External,
        planned_on: "2026-05-12",
        held_on: "",
        reported_on: "",
        lead_auditor: "",
        status: AuditStatus::Planned,
        clauses: CLAUSES_4_TO_10,
        themes: &[],
        criteria: "ISO/IEC 27001:2022; the certification body's audit plan of 2026-04 (documentation review and readiness for stage 2).",
        summary: "",
    },
    AuditRow {
        title: "Internal ISMS audit 2026: technical and physical controls",
        kind: AuditKind::Internal,
        planned_on: "2026-06-15",
        held_on: "",
        reported_on: "",
        lead_auditor: AUDITOR,
        status: AuditStatus::Planned,
        clauses: &["8", "9.1"],
        themes: &["7.", "8.", "C-"],
        criteria: "ISO/IEC 27001:2022 clause 8 and 9.1, the physical and technological controls of the SoA and the custom controls.",
        summary: "",
    },
];

/// A finding of AU-001: grade, clause or control, statement, evidence, what it concerns.
type FindingRow = (
    FindingGrade,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const FINDINGS: &[FindingRow] = &[
    (FindingGrade::Minor, "5.18", "Access of two leavers to the file server and GitHub was removed three and five weeks after their last day.", "Leavers of 2025 (HR list) against the Entra ID sign-in log and the GitHub organisation's audit log: 2 of 6 sampled.", "A.5.18 Access rights; AS-017 (On-premises file server)"),
    (FindingGrade::Minor, "7.5.3", "Every member of staff can edit and delete the approved policies in the ISMS document library.", "SharePoint site 'ISMS', library 'Policies': the group 'Everyone' has the edit permission; no retention label.", "D-001 to D-006 (the policies)"),
    (FindingGrade::Observation, "5.7", "Threat warnings reach DevOps by forwarded e-mail only; who assessed a warning and what followed is not recorded.", "Interview with the ISB and DevOps; security mailbox November 2025.", "A.5.7 Threat intelligence"),
    (FindingGrade::Improvement, "9.1", "Measuring how many security events are triaged within a day would show the effect of the incident procedure.", "Ticket category 'security event', 2025: 41 tickets, no measure.", "D-006 Incident response procedure"),
];

/// What became of the two nonconformities AU-001/1 and AU-001/2 raised: correction, root
/// cause, similar cases, the corrective action (description, owner, due, status), and the
/// effectiveness review (on, by, note; empty: not yet) with the day it was closed.
struct NonconformityRow {
    finding: u32,
    correction: &'static str,
    root_cause: &'static str,
    similar_cases: &'static str,
    action: (&'static str, &'static str, &'static str, CorrectiveStatus),
    review: (&'static str, &'static str, &'static str),
}

const RAISED_ON: &str = "2025-11-28";

#[rustfmt::skip]
const NONCONFORMITIES: &[NonconformityRow] = &[
    NonconformityRow {
        finding: 1,
        correction: "The two leavers' accounts were disabled on 2025-11-18, the day the audit found them.",
        root_cause: "HR told IT of leavers in the monthly staff list, not on the day notice was given.",
        similar_cases: "All 2025 leavers checked against Entra ID, AWS and GitHub: no other account left open.",
        action: ("HR opens an IT offboarding ticket on the day notice is given; IT disables every account on the last working day.", HR, "2026-01-15", CorrectiveStatus::Done),
        review: ("2026-03-02", ISB, "Sample of the four leavers of January and February 2026: every account disabled on the last working day."),
    },
    NonconformityRow {
        finding: 2,
        correction: "Edit permission of 'Everyone' removed from the Policies library on 2025-11-20.",
        root_cause: "The SharePoint site was created from the default template and nobody owned its permissions.",
        similar_cases: "The Procedures and Records libraries have the same default permissions; the action covers them.",
        action: ("Give the document owners alone edit rights in the ISMS libraries and set retention labels.", IT, "2026-02-27", CorrectiveStatus::InProgress),
        review: ("", "", ""),
    },
];

/// The applicable controls of the SoA whose key starts with one of `themes`.
fn controls_of(themes: &[&str]) -> Vec<String> {
    SOA_APPLICABLE
        .iter()
        .map(|row| row.0)
        .filter(|key| themes.iter().any(|t| key.starts_with(t)))
        .map(str::to_string)
        .collect()
}

pub(super) fn fill_audits(w: &mut Writer<'_>) -> Result<(), StoreError> {
    let mut audit_ids = Vec::new();
    for row in AUDITS {
        let audit = w.save_audit(Audit {
            planned_on: maybe_date(row.planned_on)?,
            held_on: maybe_date(row.held_on)?,
            reported_on: maybe_date(row.reported_on)?,
            lead_auditor: row.lead_auditor.into(),
            status: row.status,
            clauses: row.clauses.iter().map(|c| (*c).to_string()).collect(),
            controls: controls_of(row.themes),
            criteria: row.criteria.into(),
            summary: row.summary.into(),
            ..Audit::new(row.title, row.kind)
        })?;
        audit_ids.push(audit.id);
    }
    let internal_2025 = super::id_of(&audit_ids, 1, "audit")?;
    let mut finding_ids = Vec::new();
    for &(grade, requirement, statement, evidence, concerns) in FINDINGS {
        let finding = w.save_audit_finding(AuditFinding {
            requirement: requirement.into(),
            evidence: evidence.into(),
            concerns: concerns.into(),
            ..AuditFinding::new(internal_2025, grade, statement)
        })?;
        finding_ids.push(finding.id);
    }
    for row in NONCONFORMITIES {
        let finding = super::id_of(&finding_ids, row.finding, "audit finding")?;
        let raised = w.raise_nonconformity(finding, date(RAISED_ON)?)?;
        let (description, owner, due_on, status) = row.action;
        let (reviewed_on, reviewed_by, note) = row.review;
        let review = maybe_date(reviewed_on)?.map(|on_date| EffectivenessReview {
            on_date,
            by: reviewed_by.into(),
            effective: true,
            note: note.into(),
        });
        let closed_on = review.as_ref().map(|r| r.on_date);
        w.save_nonconformity(crate::domain::nonconformity::Nonconformity {
            correction: row.correction.into(),
            root_cause: row.root_cause.into(),
            similar_cases: row.similar_cases.into(),
            actions: vec![CorrectiveAction {
                owner: owner.into(),
                due_on: maybe_date(due_on)?,
                status,
                ..CorrectiveAction::new(description)
            }],
            review,
            closed_on,
            ..raised
        })?;
    }
    Ok(())
}

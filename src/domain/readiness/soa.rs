//! Statement of Applicability rules (6.1.3 d): every control decided, every exclusion justified
//! or covered (by a custom control that is in place) and never of a control that treats a risk,
//! every included control with a reason, "implemented" with evidence, "planned" with a target
//! date, and the SoA issued as a complete version that still matches it and is reviewed yearly
//! and after risk ratings change.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    Basis, Finding, Place, Rule, Severity, Workspace, in_sentence, is_systemic, join_some,
};
use crate::domain::control::{Control, display_ref};
use crate::domain::document::evidences_control;
use crate::domain::reference::RefKind;
use crate::domain::soa::{
    Applicability, ReviewDue, SoaEntry, applicability, claims_implementation, cover_not_in_place,
    diff, excludes_treatment, exclusion_unjustified, lacks_evidence, planned_without_target,
    reasons_with_derived, review_due, snapshot, treated_risks_by_control,
};
use crate::domain::wording::count;

pub(super) const UNDECIDED: Rule = Rule {
    id: "SOA-001",
    severity: Severity::Major,
    title: "Control without an SoA decision",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const EXCLUSION_UNJUSTIFIED: Rule = Rule {
    id: "SOA-002",
    severity: Severity::Major,
    title: "Control excluded without a justification and not covered by a custom control",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const NO_REASON: Rule = Rule {
    id: "SOA-003",
    severity: Severity::Minor,
    title: "Applicable control without a reason for inclusion",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const TREATMENT_EXCLUDED: Rule = Rule {
    id: "SOA-004",
    severity: Severity::Major,
    title: "Control implementing a risk treatment but excluded",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const NEVER_ISSUED: Rule = Rule {
    id: "SOA-005",
    severity: Severity::Minor,
    title: "SoA never issued as a version",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const CHANGED_SINCE_VERSION: Rule = Rule {
    id: "SOA-006",
    severity: Severity::Observation,
    title: "SoA changed since its last version",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const NO_EVIDENCE: Rule = Rule {
    id: "SOA-007",
    severity: Severity::Minor,
    title: "Control implemented or partially implemented without evidence (one lapse: minor)",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const NO_EVIDENCE_SYSTEMIC: Rule = Rule {
    id: "SOA-008",
    severity: Severity::Major,
    title: "Controls implemented or partially implemented without evidence (a pattern: major)",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const PLANNED_WITHOUT_TARGET: Rule = Rule {
    id: "SOA-009",
    severity: Severity::Minor,
    title: "Planned control without a target date",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const ISSUED_INCOMPLETE: Rule = Rule {
    id: "SOA-010",
    severity: Severity::Major,
    title: "SoA issued with undecided controls and no complete version since",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const REVIEW_DUE: Rule = Rule {
    id: "SOA-011",
    severity: Severity::Observation,
    title: "SoA version older than twelve months or than a risk rating's last change",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const COVER_NOT_IN_PLACE: Rule = Rule {
    id: "SOA-012",
    severity: Severity::Minor,
    title: "Control excluded as covered by a custom control that is not in place",
    basis: Basis::Clause("6.1.3"),
};

/// Up to this many undecided controls get a finding each; more are one finding, so that a new
/// workspace is not buried under 93 lines saying the same.
const UNDECIDED_ONE_BY_ONE: usize = 10;

/// How many control references a message lists before `and N more`.
const LISTED: usize = 5;

fn reference(control: &Control) -> String {
    format!("{} {}", control.display_ref(), control.title)
}

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    let entries: HashMap<&str, &SoaEntry> =
        ws.soa.iter().map(|e| (e.control.as_str(), e)).collect();
    let treated = treated_risks_by_control(&ws.actions);
    let risk_numbers: HashMap<i64, u32> = ws.risks.iter().map(|r| (r.id, r.number)).collect();
    let mut undecided = Vec::new();
    let mut claimed = 0;
    let mut without_evidence = Vec::new();
    for control in &ws.controls {
        let Some(entry) = entries.get(control.key.as_str()) else {
            undecided.push(control);
            continue;
        };
        let treats = treated.get(&control.key).filter(|r| !r.is_empty());
        // A control a treatment implements is applicable even when nobody decided it.
        match applicability(entry, treats.is_some()) {
            Applicability::Undecided => undecided.push(control),
            Applicability::Applicable => {
                if claims_implementation(entry) {
                    claimed += 1;
                }
                // A document of the register that evidences the control is evidence too.
                if lacks_evidence(entry, treats.is_some())
                    && !evidences_control(&ws.documents, &control.key)
                {
                    without_evidence.push((control, *entry));
                }
                if planned_without_target(entry, treats.is_some()) {
                    out.push(PLANNED_WITHOUT_TARGET.about_control(
                        format!("{} is planned without a target date", reference(control)),
                        "Set the date it is to be in place on the SoA screen",
                        &control.key,
                    ));
                }
                if reasons_with_derived(entry, treats.is_some()).is_empty() {
                    out.push(NO_REASON.about_control(
                        format!("{} is applicable without a reason", reference(control)),
                        "Record why it is included (legal, contractual, business) on the SoA screen, or link it to a treatment action",
                        &control.key));
                }
            }
            Applicability::NotApplicable => {
                if let Some(cover) = cover_not_in_place(entry, &ws.controls, &ws.soa) {
                    out.push(COVER_NOT_IN_PLACE.about_control(
                        format!(
                            "{} is excluded as covered by {cover}, which is not in place (not implemented with evidence)",
                            reference(control)
                        ),
                        format!("Implement {cover} and name its evidence, or justify the exclusion on its own, on the SoA screen"),
                        &control.key));
                }
                if exclusion_unjustified(entry, &ws.controls) {
                    out.push(EXCLUSION_UNJUSTIFIED.about_control(
                        format!("{} is excluded without a justification", reference(control)),
                        "Justify the exclusion for this scope, or name the custom control that covers it, on the SoA screen",
                        &control.key));
                }
                if excludes_treatment(entry, treats.is_some()) {
                    let refs: Vec<String> = treats
                        .into_iter()
                        .flatten()
                        .filter_map(|id| risk_numbers.get(id))
                        .map(|&n| RefKind::Risk.format(n))
                        .collect();
                    out.push(TREATMENT_EXCLUDED.about_control(
                        format!(
                            "{} is excluded but implements the treatment of {}",
                            reference(control),
                            join_some(&refs, LISTED)
                        ),
                        "Make it applicable, or take it out of those treatment actions, on the SoA screen",
                        &control.key));
                }
            }
        }
    }
    undecided_findings(&undecided, out);
    evidence_findings(&without_evidence, claimed, out);
    versions(ws, today, out);
}

/// SOA-007 and SOA-008: a minor finding per control said to work without evidence, or one
/// major finding when they are a pattern ([`is_systemic`] among the controls said to work).
fn evidence_findings(without: &[(&Control, &SoaEntry)], claimed: usize, out: &mut Vec<Finding>) {
    let Some((first, _)) = without.first() else {
        return;
    };
    if is_systemic(without.len(), claimed) {
        let refs: Vec<String> = without.iter().map(|(c, _)| c.display_ref()).collect();
        out.push(NO_EVIDENCE_SYSTEMIC.finding(
            format!(
                "{} of {claimed} marked implemented or partially implemented have no evidence: {}",
                count(without.len(), "control", "controls"),
                join_some(&refs, LISTED)
            ),
            "Name the evidence (records, documents) for each on the SoA screen, or set its status to what is true",
            Place::Control(first.key.clone()),
        ));
        return;
    }
    for (control, entry) in without {
        out.push(
            NO_EVIDENCE.about_control(
                    format!(
                        "{} is {} without evidence",
                        reference(control),
                        in_sentence(entry.status.label())
                    ),
                    "Name the evidence (records, documents) on the SoA screen, or set its status to what is true",
                    &control.key),
        );
    }
}

/// SOA-001: one finding per undecided control, or one for all of them when there are many.
fn undecided_findings(undecided: &[&Control], out: &mut Vec<Finding>) {
    let Some(first) = undecided.first() else {
        return;
    };
    if undecided.len() <= UNDECIDED_ONE_BY_ONE {
        for control in undecided {
            out.push(UNDECIDED.about_control(
                format!("{} is undecided", reference(control)),
                "Decide whether it applies, and why, on the SoA screen",
                &control.key,
            ));
        }
        return;
    }
    let refs: Vec<String> = undecided.iter().map(|c| c.display_ref()).collect();
    out.push(UNDECIDED.finding(
        format!(
            "{} controls are undecided: {}",
            undecided.len(),
            join_some(&refs, LISTED)
        ),
        "Decide each control on the SoA screen (bulk decisions help)",
        Place::Control(first.key.clone()),
    ));
}

/// SOA-005, SOA-006, SOA-010 and SOA-011: the SoA issued, complete, reviewed, and unchanged
/// since its last version.
fn versions(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    let Some(last) = ws.versions.iter().max_by_key(|v| v.number) else {
        out.push(NEVER_ISSUED.finding(
            "The SoA has never been issued as a version".into(),
            "Issue a version with its approver on the SoA screen",
            Place::SoaVersions,
        ));
        return;
    };
    if last.issued_incomplete() {
        out.push(ISSUED_INCOMPLETE.finding(
            format!(
                "{} of {} was issued with {} undecided, and no complete version since",
                last.label(),
                last.issued_on,
                count(last.undecided(), "control", "controls")
            ),
            "Decide every control and issue a complete version on the SoA screen",
            Place::SoaVersions,
        ));
    }
    match review_due(last, ws.last_rating_change, today) {
        Some(ReviewDue::Old) => out.push(REVIEW_DUE.finding(
            format!(
                "The SoA's last version, {} of {}, is more than twelve months old",
                last.label(),
                last.issued_on
            ),
            "Review the SoA and issue a new version on the SoA screen",
            Place::SoaVersions,
        )),
        Some(ReviewDue::RatingChanged(day)) => out.push(REVIEW_DUE.finding(
            format!(
                "A risk rating changed on {day}, after the SoA's last version ({} of {})",
                last.label(),
                last.issued_on
            ),
            "Review the SoA against the risk assessment and issue a new version on the SoA screen",
            Place::SoaVersions,
        )),
        None => {}
    }
    let now = snapshot(&ws.controls, &ws.soa, &ws.actions);
    let changes = diff(&last.rows, &now);
    if changes.is_empty() {
        return;
    }
    let refs: Vec<String> = changes.iter().map(|c| display_ref(&c.control)).collect();
    let differ = match changes.len() {
        1 => "1 control differs".to_string(),
        n => format!("{n} controls differ"),
    };
    out.push(CHANGED_SINCE_VERSION.finding(
        format!(
            "The SoA changed since {} of {}: {differ} ({})",
            last.label(),
            last.issued_on,
            join_some(&refs, LISTED)
        ),
        "Review the changes and issue a new version on the SoA screen",
        Place::SoaVersions,
    ));
}

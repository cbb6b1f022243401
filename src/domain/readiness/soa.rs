//! Statement of Applicability rules (6.1.3 d): every control decided, every exclusion justified
//! or covered and never of a control that treats a risk, every included control with a reason,
//! and the SoA issued as a version that still matches it.

use std::collections::HashMap;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, join_some};
use crate::domain::control::{Control, display_ref};
use crate::domain::reference::RefKind;
use crate::domain::soa::{
    Applicability, SoaEntry, applicability, diff, excludes_treatment, exclusion_unjustified,
    reasons_with_derived, snapshot, treated_risks_by_control,
};

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

/// Up to this many undecided controls get a finding each; more are one finding, so that a new
/// workspace is not buried under 93 lines saying the same.
const UNDECIDED_ONE_BY_ONE: usize = 10;

/// How many control references a message lists before `and N more`.
const LISTED: usize = 5;

fn reference(control: &Control) -> String {
    format!("{} {}", control.display_ref(), control.title)
}

pub(super) fn check(ws: &Workspace, out: &mut Vec<Finding>) {
    let entries: HashMap<&str, &SoaEntry> =
        ws.soa.iter().map(|e| (e.control.as_str(), e)).collect();
    let treated = treated_risks_by_control(&ws.actions);
    let risk_numbers: HashMap<i64, u32> = ws.risks.iter().map(|r| (r.id, r.number)).collect();
    let mut undecided = Vec::new();
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
                if reasons_with_derived(entry, treats.is_some()).is_empty() {
                    out.push(NO_REASON.finding(
                        format!("{} is applicable without a reason", reference(control)),
                        "Record why it is included (legal, contractual, business) on the SoA screen, or link it to a treatment action",
                        Place::Control(control.key.clone()),
                    ).on_control(&control.key));
                }
            }
            Applicability::NotApplicable => {
                if exclusion_unjustified(entry, &ws.controls) {
                    out.push(EXCLUSION_UNJUSTIFIED.finding(
                        format!("{} is excluded without a justification", reference(control)),
                        "Justify the exclusion for this scope, or name the custom control that covers it, on the SoA screen",
                        Place::Control(control.key.clone()),
                    ).on_control(&control.key));
                }
                if excludes_treatment(entry, treats.is_some()) {
                    let refs: Vec<String> = treats
                        .into_iter()
                        .flatten()
                        .filter_map(|id| risk_numbers.get(id))
                        .map(|&n| RefKind::Risk.format(n))
                        .collect();
                    out.push(TREATMENT_EXCLUDED.finding(
                        format!(
                            "{} is excluded but implements the treatment of {}",
                            reference(control),
                            join_some(&refs, LISTED)
                        ),
                        "Make it applicable, or take it out of those treatment actions, on the SoA screen",
                        Place::Control(control.key.clone()),
                    ).on_control(&control.key));
                }
            }
        }
    }
    undecided_findings(&undecided, out);
    versions(ws, out);
}

/// SOA-001: one finding per undecided control, or one for all of them when there are many.
fn undecided_findings(undecided: &[&Control], out: &mut Vec<Finding>) {
    let Some(first) = undecided.first() else {
        return;
    };
    if undecided.len() <= UNDECIDED_ONE_BY_ONE {
        for control in undecided {
            out.push(
                UNDECIDED
                    .finding(
                        format!("{} is undecided", reference(control)),
                        "Decide whether it applies, and why, on the SoA screen",
                        Place::Control(control.key.clone()),
                    )
                    .on_control(&control.key),
            );
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

/// SOA-005 and SOA-006: the SoA issued, and unchanged since its last version.
fn versions(ws: &Workspace, out: &mut Vec<Finding>) {
    let Some(last) = ws.versions.iter().max_by_key(|v| v.number) else {
        out.push(NEVER_ISSUED.finding(
            "The SoA has never been issued as a version".into(),
            "Issue a version with its approver on the SoA screen",
            Place::SoaVersions,
        ));
        return;
    };
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

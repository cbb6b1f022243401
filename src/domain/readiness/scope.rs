//! Scope rules (4.3): both statements written, the certificate scope within the ISMS scope, and
//! every exclusion justified; context (4.1): internal and external issues recorded, and a
//! decision on whether climate change is relevant; and (4.2) interested parties recorded, their
//! requirements addressed.

use super::{Basis, Finding, Place, Rule, Severity, Workspace};
use crate::domain::reference::RefKind;
use crate::domain::scope::{ScopeItem, missing_issue_kinds};

pub(super) const ISMS_SCOPE_MISSING: Rule = Rule {
    id: "SCOPE-001",
    severity: Severity::Major,
    title: "ISMS scope statement missing",
    basis: Basis::Clause("4.3"),
};

pub(super) const CERTIFICATE_SCOPE_MISSING: Rule = Rule {
    id: "SCOPE-002",
    severity: Severity::Observation,
    title: "Certificate scope statement missing",
    basis: Basis::Clause("4.3"),
};

pub(super) const CERTIFIED_OUTSIDE_ISMS: Rule = Rule {
    id: "SCOPE-003",
    severity: Severity::Major,
    title: "Scope item in the certificate scope but outside the ISMS scope",
    basis: Basis::Clause("4.3"),
};

pub(super) const EXCLUSION_UNJUSTIFIED: Rule = Rule {
    id: "SCOPE-004",
    severity: Severity::Minor,
    title: "Scope item excluded without a justification",
    basis: Basis::Clause("4.3"),
};

pub(super) const PARTY_UNADDRESSED: Rule = Rule {
    id: "SCOPE-005",
    severity: Severity::Minor,
    title: "Interested party whose requirements the ISMS does not address",
    basis: Basis::Clause("4.2"),
};

pub(super) const NO_ISSUES: Rule = Rule {
    id: "SCOPE-006",
    severity: Severity::Minor,
    title: "No internal or external issues recorded",
    basis: Basis::Clause("4.1"),
};

pub(super) const NO_PARTIES: Rule = Rule {
    id: "SCOPE-007",
    severity: Severity::Minor,
    title: "No interested parties recorded",
    basis: Basis::Clause("4.2"),
};

pub(super) const CLIMATE_UNDECIDED: Rule = Rule {
    id: "SCOPE-008",
    severity: Severity::Minor,
    title: "No decision whether climate change is a relevant issue",
    basis: Basis::Clause("4.1"),
};

fn reference(item: &ScopeItem) -> String {
    format!("{} {}", RefKind::ScopeItem.format(item.number), item.name)
}

pub(super) fn check(ws: &Workspace, out: &mut Vec<Finding>) {
    if ws.statements.isms_scope.trim().is_empty() {
        out.push(ISMS_SCOPE_MISSING.finding(
            "The ISMS scope statement is missing".into(),
            "Write the ISMS scope statement on the Scope screen",
            Place::ScopeStatements,
        ));
    }
    if ws.statements.certificate_scope.trim().is_empty() {
        out.push(CERTIFICATE_SCOPE_MISSING.finding(
            "The certificate scope statement is missing".into(),
            "Write the certificate scope (it may be narrower than the ISMS scope) on the Scope screen",
            Place::ScopeStatements,
        ));
    }
    context(ws, out);
    for party in ws.parties.iter().filter(|p| !p.addressed) {
        out.push(PARTY_UNADDRESSED.finding(
            format!(
                "{} {}: the ISMS does not address its requirements",
                RefKind::Party.format(party.number),
                party.name
            ),
            "Decide which of its requirements the ISMS addresses (4.2 c) on the Scope screen",
            Place::Party(party.id),
        ));
    }
    for item in &ws.scope_items {
        if item.certified_outside_isms() {
            out.push(CERTIFIED_OUTSIDE_ISMS.finding(
                format!(
                    "{} is in the certificate scope but outside the ISMS scope",
                    reference(item)
                ),
                "Include it in the ISMS scope, or take it out of the certificate scope, on the Scope screen",
                Place::ScopeItem(item.id),
            ));
        }
        if item.exclusion_unjustified() {
            let from = if item.in_isms {
                "the certificate scope"
            } else {
                "the ISMS scope"
            };
            out.push(EXCLUSION_UNJUSTIFIED.finding(
                format!(
                    "{} is excluded from {from} without a justification",
                    reference(item)
                ),
                "Justify the exclusion on the Scope screen",
                Place::ScopeItem(item.id),
            ));
        }
    }
}

/// SCOPE-006 to SCOPE-008: the context of the organisation (4.1, 4.2) recorded.
fn context(ws: &Workspace, out: &mut Vec<Finding>) {
    let missing = missing_issue_kinds(&ws.issues);
    if !missing.is_empty() {
        let kinds: Vec<String> = missing.iter().map(|k| k.label().to_lowercase()).collect();
        out.push(NO_ISSUES.finding(
            format!("No {} issues are recorded", kinds.join(" or ")),
            "Record the internal and external issues that bear on the ISMS on the Scope screen",
            Place::Issues,
        ));
    }
    if ws.parties.is_empty() {
        out.push(NO_PARTIES.finding(
            "No interested parties are recorded".into(),
            "Record the interested parties and their requirements on the Scope screen",
            Place::Parties,
        ));
    }
    if ws.statements.climate_undecided() {
        out.push(CLIMATE_UNDECIDED.finding(
            "No decision is recorded on whether climate change is a relevant issue".into(),
            "Record whether climate change is relevant, and why, on the Scope screen's statements",
            Place::ScopeStatements,
        ));
    }
}

//! Scope rules (4.3): both statements written, the certificate scope within the ISMS scope, and
//! every exclusion justified; and (4.2) the interested parties' requirements addressed.

use super::{Basis, Finding, Place, Rule, Severity, Workspace};
use crate::domain::reference::RefKind;
use crate::domain::scope::ScopeItem;

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

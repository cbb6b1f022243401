//! Scope rules (4.3): both statements written, the certificate scope within the ISMS scope, and
//! every exclusion justified.

use super::{Finding, Place, Rule, Severity, Workspace};
use crate::domain::reference::RefKind;
use crate::domain::scope::ScopeItem;

pub(super) const ISMS_SCOPE_MISSING: Rule = Rule {
    id: "SCOPE-001",
    severity: Severity::Major,
    title: "ISMS scope statement missing",
};

pub(super) const CERTIFICATE_SCOPE_MISSING: Rule = Rule {
    id: "SCOPE-002",
    severity: Severity::Major,
    title: "Certificate scope statement missing",
};

pub(super) const CERTIFIED_OUTSIDE_ISMS: Rule = Rule {
    id: "SCOPE-003",
    severity: Severity::Major,
    title: "Scope item in the certificate scope but outside the ISMS scope",
};

pub(super) const EXCLUSION_UNJUSTIFIED: Rule = Rule {
    id: "SCOPE-004",
    severity: Severity::Minor,
    title: "Scope item excluded without a justification",
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
    for item in &ws.scope_items {
        if item.in_certificate && !item.in_isms {
            out.push(CERTIFIED_OUTSIDE_ISMS.finding(
                format!(
                    "{} is in the certificate scope but outside the ISMS scope",
                    reference(item)
                ),
                "Include it in the ISMS scope, or take it out of the certificate scope, on the Scope screen",
                Place::ScopeItem(item.id),
            ));
        }
        if item.is_excluded() && item.justification.trim().is_empty() {
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

//! Risk rules (6.1.2, 6.1.3, 8.2, 8.3): the auditor's reading of the risk flags of
//! [`crate::domain::evaluation`], overdue treatment actions, and acceptances checked against the
//! authority the risk's current level requires.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, in_sentence};
use crate::domain::evaluation::{
    RiskFlag, authority_shortfall, current_level, latest_acceptance, risk_flags,
};
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::treatment::Action;

pub(super) const NO_OWNER: Rule = Rule {
    id: "RISK-001",
    severity: Severity::Major,
    title: "Risk without a risk owner",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const NOT_ASSESSED: Rule = Rule {
    id: "RISK-002",
    severity: Severity::Major,
    title: "Risk not assessed",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const UNTREATED: Rule = Rule {
    id: "RISK-003",
    severity: Severity::Major,
    title: "Risk above the acceptance criteria without a treatment option",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const REDUCE_WITHOUT_ACTIONS: Rule = Rule {
    id: "RISK-004",
    severity: Severity::Minor,
    title: "Risk to be reduced without any treatment action",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const ACTION_OVERDUE: Rule = Rule {
    id: "RISK-005",
    severity: Severity::Minor,
    title: "Treatment action overdue",
    basis: Basis::Clause("8.3"),
};

pub(super) const ACCEPTED_WITHOUT_RECORD: Rule = Rule {
    id: "RISK-006",
    severity: Severity::Major,
    title: "Risk treated by acceptance without an acceptance record",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const INSUFFICIENT_AUTHORITY: Rule = Rule {
    id: "RISK-007",
    severity: Severity::Major,
    title: "Risk accepted by an insufficient authority for its current level",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const ACCEPTANCE_EXPIRED: Rule = Rule {
    id: "RISK-008",
    severity: Severity::Major,
    title: "Risk acceptance expired",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const REVIEW_OVERDUE: Rule = Rule {
    id: "RISK-009",
    severity: Severity::Minor,
    title: "Risk review overdue",
    basis: Basis::Clause("8.2"),
};

/// The treatment actions and acceptances of one risk.
struct RiskRecords<'a> {
    actions: &'a [Action],
    acceptances: &'a [Acceptance],
}

fn reference(risk: &Risk) -> String {
    format!("{} {}", RefKind::Risk.format(risk.number), risk.title)
}

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    // Each risk's own actions and acceptances, so that a large register is read once.
    let mut actions: HashMap<i64, Vec<Action>> = HashMap::new();
    for action in &ws.actions {
        for risk in &action.risks {
            actions.entry(*risk).or_default().push(action.clone());
        }
    }
    let mut acceptances: HashMap<i64, Vec<Acceptance>> = HashMap::new();
    for acceptance in &ws.acceptances {
        acceptances
            .entry(acceptance.risk)
            .or_default()
            .push(acceptance.clone());
    }
    for risk in &ws.risks {
        let own = RiskRecords {
            actions: actions.get(&risk.id).map_or(&[], Vec::as_slice),
            acceptances: acceptances.get(&risk.id).map_or(&[], Vec::as_slice),
        };
        let flags = risk_flags(&ws.methodology, risk, own.actions, own.acceptances, today);
        for flag in flags {
            if let Some(finding) = flag_finding(ws, risk, &own, flag) {
                out.push(finding);
            }
        }
        if let Some(acceptance) = latest_acceptance(risk.id, own.acceptances) {
            authority(ws, risk, acceptance, out);
        }
    }
    for action in ws.actions.iter().filter(|a| a.is_overdue(today)) {
        let due = action.due.map_or_else(String::new, |d| d.to_string());
        out.push(ACTION_OVERDUE.finding(
            format!(
                "{} {} was due on {due} and is still {}",
                RefKind::Action.format(action.number),
                action.title,
                in_sentence(action.status.label())
            ),
            "Finish it, or agree a new due date with its owner, on the Treatment screen",
            Place::Action(action.id),
        ));
    }
}

/// The finding a risk flag stands for; `None` for a flag that is no finding by itself (above
/// the criteria with a treatment chosen is what treatment is for).
fn flag_finding(
    ws: &Workspace,
    risk: &Risk,
    own: &RiskRecords<'_>,
    flag: RiskFlag,
) -> Option<Finding> {
    let name = reference(risk);
    let at_risk = Place::Risk(risk.id);
    Some(match flag {
        RiskFlag::NoOwner => NO_OWNER.finding(
            format!("{name} has no risk owner"),
            "Name a risk owner on the Risks screen",
            at_risk,
        ),
        RiskFlag::NotAssessed => NOT_ASSESSED.finding(
            format!("{name} is not assessed"),
            "Rate its likelihood and impact on the Risks screen",
            at_risk,
        ),
        RiskFlag::NoTreatment => {
            let level = current_level(&ws.methodology, risk)
                .map_or_else(|| "rated".to_string(), |l| l.name.clone());
            UNTREATED.finding(
                format!(
                    "{name} is {level}, above the acceptance criteria, and has no treatment option"
                ),
                "Choose reduce, avoid, transfer or accept on the Risks screen",
                at_risk,
            )
        }
        RiskFlag::ReduceWithoutActions => REDUCE_WITHOUT_ACTIONS.finding(
            format!("{name} is to be reduced, but no treatment action treats it"),
            "Plan an action that treats it on the Treatment screen",
            at_risk,
        ),
        RiskFlag::AcceptedWithoutRecord => ACCEPTED_WITHOUT_RECORD.finding(
            format!("{name} is to be accepted, but no acceptance is recorded"),
            "Record who accepted it, at what level and until when on the Risks screen",
            at_risk,
        ),
        RiskFlag::AcceptanceExpired => {
            let latest = latest_acceptance(risk.id, own.acceptances)?;
            let until = latest.until.map_or_else(String::new, |d| d.to_string());
            ACCEPTANCE_EXPIRED.finding(
                format!("{name}: its acceptance expired on {until}"),
                "Renew the acceptance, or treat the risk, on the Risks screen",
                Place::Acceptance(latest.id),
            )
        }
        RiskFlag::ReviewOverdue => {
            let due = risk.next_review.map_or_else(String::new, |d| d.to_string());
            REVIEW_OVERDUE.finding(
                format!("{name} was due for review on {due}"),
                "Review the risk and set its next review date on the Risks screen",
                at_risk,
            )
        }
        RiskFlag::AboveCriteria => return None,
    })
}

/// RISK-007 on the risk's current acceptance: whoever accepted must have the authority the
/// risk's level requires now (the level may have risen since).
fn authority(ws: &Workspace, risk: &Risk, acceptance: &Acceptance, out: &mut Vec<Finding>) {
    let Some(shortfall) = authority_shortfall(&ws.methodology, risk, acceptance) else {
        return;
    };
    out.push(INSUFFICIENT_AUTHORITY.finding(
        format!(
            "{}: accepted by {} ({}) on {}, but {}",
            reference(risk),
            acceptance.accepted_by,
            acceptance.authority.in_sentence(),
            acceptance.accepted_on,
            shortfall
        ),
        "Have the risk accepted again by someone with that authority, or treat it, on the Risks screen",
        Place::Acceptance(acceptance.id),
    ));
}

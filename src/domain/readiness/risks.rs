//! Risk rules (6.1.2, 6.1.3, 8.2, 8.3): the auditor's reading of the risk flags of
//! [`crate::domain::evaluation`] (owners and assessments graded as lapses or, shared by a third
//! of the register, as one systemic finding), overdue treatment actions, acceptances checked
//! against the authority the risk's current level requires and for an end date, residual risk
//! above the criteria left unaccepted, the owner's approval of the treatment plan, and ratings
//! off the methodology's scales.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    Basis, Finding, Place, Rule, Severity, Workspace, in_sentence, is_systemic, join_some,
};
use crate::domain::evaluation::{
    ResidualGap, RiskFlag, authority_shortfall, current_level, latest_acceptance, plan_unapproved,
    ratings_off_scale, review_due, risk_flags, unaccepted_residual,
};
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::treatment::Action;
use crate::domain::wording::count;

pub(super) const NO_OWNER: Rule = Rule {
    id: "RISK-001",
    severity: Severity::Minor,
    title: "Risk without a risk owner",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const NOT_ASSESSED: Rule = Rule {
    id: "RISK-002",
    severity: Severity::Minor,
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

pub(super) const NO_OWNER_SYSTEMIC: Rule = Rule {
    id: "RISK-010",
    severity: Severity::Major,
    title: "Risks without a risk owner, a third of the register or more",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const NOT_ASSESSED_SYSTEMIC: Rule = Rule {
    id: "RISK-011",
    severity: Severity::Major,
    title: "Risks not assessed, a third of the register or more",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const RESIDUAL_UNACCEPTED: Rule = Rule {
    id: "RISK-012",
    severity: Severity::Major,
    title: "Residual risk above the acceptance criteria, treatment done, not accepted",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const RESIDUAL_UNACCEPTED_IN_TREATMENT: Rule = Rule {
    id: "RISK-013",
    severity: Severity::Minor,
    title: "Residual risk above the acceptance criteria, treatment open, not accepted",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const PLAN_UNAPPROVED: Rule = Rule {
    id: "RISK-014",
    severity: Severity::Minor,
    title: "Treatment plan without the risk owner's approval",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const ACCEPTANCE_OPEN_ENDED: Rule = Rule {
    id: "RISK-015",
    severity: Severity::Minor,
    title: "Risk acceptance without an end date",
    basis: Basis::Clause("6.1.3"),
};

pub(super) const RATING_OFF_SCALE: Rule = Rule {
    id: "RISK-016",
    severity: Severity::Minor,
    title: "Risk rating outside the methodology's scales",
    basis: Basis::Clause("8.2"),
};

pub(super) const AUTHORITY_NOT_HELD: Rule = Rule {
    id: "RISK-017",
    severity: Severity::Minor,
    title: "Risk accepted with an authority the acceptor's roles did not give that day",
    basis: Basis::Clause("5.3"),
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
    // Lapses that may be a pattern: reported once the register is read.
    let mut no_owner = Vec::new();
    let mut not_assessed = Vec::new();
    for risk in &ws.risks {
        let own = RiskRecords {
            actions: actions.get(&risk.id).map_or(&[], Vec::as_slice),
            acceptances: acceptances.get(&risk.id).map_or(&[], Vec::as_slice),
        };
        let flags = risk_flags(&ws.methodology, risk, own.actions, own.acceptances, today);
        for flag in flags {
            match flag {
                RiskFlag::NoOwner => no_owner.push(risk),
                RiskFlag::NotAssessed => not_assessed.push(risk),
                _ => out.extend(flag_finding(ws, risk, &own, flag)),
            }
        }
        if let Some(acceptance) = latest_acceptance(risk.id, own.acceptances) {
            authority(ws, risk, acceptance, out);
            authority_held(ws, risk, acceptance, out);
            open_ended(risk, acceptance, out);
        }
        residual(ws, risk, &own, out);
        if plan_unapproved(risk, own.actions) {
            out.push(PLAN_UNAPPROVED.finding(
                format!(
                    "{}: its treatment plan has no recorded approval by the risk owner",
                    reference(risk)
                ),
                "Record who approved the plan and when on the Risks screen",
                Place::Risk(risk.id),
            ));
        }
        let off = ratings_off_scale(&ws.methodology, risk);
        if !off.is_empty() {
            let (l, i) = ws.methodology.size();
            out.push(RATING_OFF_SCALE.finding(
                format!(
                    "{}: {} outside the methodology's {l} × {i} scales",
                    reference(risk),
                    super::join_and(&off)
                ),
                "Rate it again on the methodology's scales on the Risks screen",
                Place::Risk(risk.id),
            ));
        }
    }
    let total = ws.risks.len();
    lapses(
        &no_owner,
        total,
        NO_OWNER_SYSTEMIC,
        "have no risk owner",
        "Name a risk owner for each on the Risks screen, and make naming one part of identifying a risk",
        out,
        |risk| flag_finding(ws, risk, &NO_RECORDS, RiskFlag::NoOwner),
    );
    lapses(
        &not_assessed,
        total,
        NOT_ASSESSED_SYSTEMIC,
        "are not assessed",
        "Rate their likelihood and impact on the Risks screen, and plan the assessment of the rest",
        out,
        |risk| flag_finding(ws, risk, &NO_RECORDS, RiskFlag::NotAssessed),
    );
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

const NO_RECORDS: RiskRecords<'static> = RiskRecords {
    actions: &[],
    acceptances: &[],
};

/// A gap shared by `affected` of `total` risks: one finding of `systemic` naming the pattern
/// when it is one ([`is_systemic`]), else the finding `single` makes for each risk.
fn lapses<'a>(
    affected: &[&'a Risk],
    total: usize,
    systemic: Rule,
    what: &str,
    fix: &str,
    out: &mut Vec<Finding>,
    single: impl Fn(&'a Risk) -> Option<Finding>,
) {
    if is_systemic(affected.len(), total) {
        let refs: Vec<String> = affected
            .iter()
            .map(|r| RefKind::Risk.format(r.number))
            .collect();
        out.push(systemic.finding(
            format!(
                "{} of {} {what}: {}",
                affected.len(),
                count(total, "risk", "risks"),
                join_some(&refs, 5)
            ),
            fix,
            Place::Risk(affected[0].id),
        ));
    } else {
        out.extend(affected.iter().filter_map(|r| single(r)));
    }
}

/// RISK-012/013: a residual risk above the criteria that nobody with the authority has
/// accepted ([`unaccepted_residual`]).
fn residual(ws: &Workspace, risk: &Risk, own: &RiskRecords<'_>, out: &mut Vec<Finding>) {
    let Some(gap) = unaccepted_residual(&ws.methodology, risk, own.actions, own.acceptances) else {
        return;
    };
    let Some(level) = current_level(&ws.methodology, risk) else {
        return;
    };
    let name = reference(risk);
    let authority = level.authority.in_sentence();
    let finding = match gap {
        ResidualGap::TreatmentDone => RESIDUAL_UNACCEPTED.finding(
            format!(
                "{name} stays {}, above the acceptance criteria, with no treatment action open, \
                 and {authority} has not accepted it",
                level.name
            ),
            "Have the residual risk accepted by that authority, or plan further treatment, on the Risks and Treatment screens",
            Place::Risk(risk.id),
        ),
        ResidualGap::TreatmentOpen => RESIDUAL_UNACCEPTED_IN_TREATMENT.finding(
            format!(
                "{name} is {}, above the acceptance criteria, while its treatment is open, \
                 and {authority} has not accepted it",
                level.name
            ),
            "Rate the residual risk once the treatment is done, and have it accepted if it stays above the criteria",
            Place::Risk(risk.id),
        ),
    };
    out.push(finding);
}

/// RISK-015 on the risk's current acceptance: an acceptance holds until a date, when the risk
/// is looked at again.
fn open_ended(risk: &Risk, acceptance: &Acceptance, out: &mut Vec<Finding>) {
    if acceptance.until.is_some() {
        return;
    }
    out.push(ACCEPTANCE_OPEN_ENDED.finding(
        format!(
            "{}: accepted by {} on {} without an end date",
            reference(risk),
            acceptance.accepted_by,
            acceptance.accepted_on
        ),
        "Record a new acceptance with a date until which it holds on the Risks screen",
        Place::Acceptance(acceptance.id),
    ));
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
            let due = review_due(&ws.methodology, risk)?;
            // Say where the date comes from when the level's review period set it.
            let why = match (risk.assessed_on, current_level(&ws.methodology, risk)) {
                (Some(on), Some(level)) if risk.next_review != Some(due) => format!(
                    " (assessed on {on}; {} risks are reviewed every {})",
                    level.name,
                    count(level.review_months, "month", "months")
                ),
                _ => String::new(),
            };
            REVIEW_OVERDUE.finding(
                format!("{name} was due for review on {due}{why}"),
                "Review the risk and save its form to confirm the assessment on the Risks screen",
                at_risk,
            )
        }
        RiskFlag::AboveCriteria => return None,
    })
}

/// RISK-017 on the risk's current acceptance: the authority it records must be one the
/// acceptor had that day by the roles the people register gives them (or by owning the risk).
/// An acceptance recorded in the app always is; one imported, or whose acceptor's roles were
/// corrected since, may not be. A name that is nobody in the register is PEOPLE-005's.
fn authority_held(ws: &Workspace, risk: &Risk, acceptance: &Acceptance, out: &mut Vec<Finding>) {
    let Some(person) = ws.people.named(&acceptance.accepted_by) else {
        return;
    };
    let held = ws
        .people
        .acceptance_authority(&person.name, &risk.owner, acceptance.accepted_on)
        .ok();
    if held.is_some_and(|held| held >= acceptance.authority) {
        return;
    }
    let had = match held {
        Some(held) => format!("only the authority of {}", held.in_sentence()),
        None => "no authority to accept risks".to_string(),
    };
    out.push(AUTHORITY_NOT_HELD.finding(
        format!(
            "{}: accepted by {} as {} on {}, but their roles gave them {had} that day",
            reference(risk),
            person.name,
            acceptance.authority.in_sentence(),
            acceptance.accepted_on,
        ),
        "Record the role they held then in the people register, or have the risk accepted again",
        Place::Acceptance(acceptance.id),
    ));
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

//! People rules: every role holder with evidence of the competence the role needs (7.2), every
//! person in scope aware within twelve months (7.3; a minor lapse per person, one major finding
//! when a third of the people or more lapsed), nothing open left in the name of someone who left
//! (5.3), and every name the registers give a person of the register.

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, is_systemic, join_and, join_some};
use crate::domain::person::Person;
use crate::domain::person::duties::{
    NamedItem, awareness_due, decisions, is_aware_on, named_items, objective_items, open_items,
    roles_without_evidence, unknown_names,
};
use crate::domain::wording::count;

pub(super) const NO_COMPETENCE_EVIDENCE: Rule = Rule {
    id: "PEOPLE-001",
    severity: Severity::Minor,
    title: "Role holder without evidence of the competence the role needs",
    basis: Basis::Clause("7.2"),
};

pub(super) const AWARENESS_LAPSED: Rule = Rule {
    id: "PEOPLE-002",
    severity: Severity::Minor,
    title: "Person without an awareness record in the last twelve months",
    basis: Basis::Clause("7.3"),
};

pub(super) const AWARENESS_LAPSED_SYSTEMIC: Rule = Rule {
    id: "PEOPLE-003",
    severity: Severity::Major,
    title: "People without awareness in the last twelve months, a third of them or more",
    basis: Basis::Clause("7.3"),
};

pub(super) const OWNED_BY_LEAVER: Rule = Rule {
    id: "PEOPLE-004",
    severity: Severity::Minor,
    title: "Open items in the name of a person who left",
    basis: Basis::Clause("5.3"),
};

pub(super) const UNKNOWN_NAME: Rule = Rule {
    id: "PEOPLE-005",
    severity: Severity::Observation,
    title: "Name given as owner that is not in the people register",
    basis: Basis::Clause("5.3"),
};

fn reference(person: &Person) -> String {
    format!("{} {}", person.reference(), person.name)
}

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    let mut items = named_items(
        &ws.assets,
        &ws.risks,
        &ws.actions,
        &ws.soa,
        &ws.questions,
        &ws.documents,
    );
    items.extend(objective_items(&ws.security_objectives));
    let active: Vec<&Person> = ws
        .people
        .people
        .iter()
        .filter(|p| p.is_active_on(today))
        .collect();
    for person in &active {
        let missing = roles_without_evidence(&ws.people, person, &ws.competence, today);
        if !missing.is_empty() {
            let roles: Vec<String> = missing.iter().map(|r| r.name.clone()).collect();
            out.push(NO_COMPETENCE_EVIDENCE.finding(
                format!(
                    "{} holds the role {} without a current record of the competence it needs",
                    reference(person),
                    join_and(&roles)
                ),
                "Record the training, qualification or experience that shows it (People, \
                 Competence view), or end the role",
                Place::Person(person.id),
            ));
        }
    }
    awareness(ws, &active, today, out);
    for person in ws.people.people.iter().filter(|p| !p.is_active_on(today)) {
        leaver(person, &items, out);
    }
    let mut named = items.clone();
    named.extend(decisions(&ws.risks, &ws.acceptances, &ws.versions));
    for name in unknown_names(&ws.people, &named) {
        out.push(UNKNOWN_NAME.finding(
            format!(
                "{name} is named as an owner, assignee, acceptor or approver but is not in the \
                 people register"
            ),
            "Add them on the People screen, or name a person of the register instead",
            Place::People,
        ));
    }
}

fn awareness(ws: &Workspace, active: &[&Person], today: NaiveDate, out: &mut Vec<Finding>) {
    let lapsed: Vec<&Person> = active
        .iter()
        .copied()
        .filter(|p| !is_aware_on(p, &ws.competence, today))
        .collect();
    if is_systemic(lapsed.len(), active.len()) {
        let refs: Vec<String> = lapsed.iter().map(|p| p.reference()).collect();
        out.push(AWARENESS_LAPSED_SYSTEMIC.finding(
            format!(
                "{} of {} have no awareness record in the last twelve months: {}",
                lapsed.len(),
                count(active.len(), "person", "people"),
                join_some(&refs, 8)
            ),
            "Hold an awareness session for everyone in scope and record who attended",
            Place::People,
        ));
        return;
    }
    for person in lapsed {
        let when = match awareness_due(person, &ws.competence, today) {
            Some(due) => format!("their awareness lapsed on {due}"),
            None => "no awareness session is recorded for them".to_string(),
        };
        out.push(AWARENESS_LAPSED.finding(
            format!("{}: {when}", reference(person)),
            "Have them attend an awareness session and record it (People, Competence view)",
            Place::Person(person.id),
        ));
    }
}

fn leaver(person: &Person, items: &[NamedItem], out: &mut Vec<Finding>) {
    let open = open_items(person, items);
    if open.is_empty() {
        return;
    }
    let labels: Vec<String> = open.iter().map(|i| i.label.clone()).collect();
    let left = person
        .left_on
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    out.push(OWNED_BY_LEAVER.finding(
        format!(
            "{} left{left} and still has {} in their name: {}",
            reference(person),
            count(open.len(), "open item", "open items"),
            join_some(&labels, 6)
        ),
        "Hand each item over to a person who stays, on its screen",
        Place::Person(person.id),
    ));
}

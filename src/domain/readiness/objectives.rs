//! Information security objectives (6.2) and their results (9.1): objectives exist, each says
//! how it is measured against what target, has a result in its current period, and meets it.

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace};
use crate::domain::objective::{ObjectiveStatus, any_pursued, format_value, with_unit};

pub(super) const NO_OBJECTIVES: Rule = Rule {
    id: "OBJ-001",
    severity: Severity::Major,
    title: "No information security objectives",
    basis: Basis::Clause("6.2"),
};

pub(super) const NO_MEASURE: Rule = Rule {
    id: "OBJ-002",
    severity: Severity::Minor,
    title: "Objective without a measure or a target",
    basis: Basis::Clause("6.2"),
};

pub(super) const NO_RESULT: Rule = Rule {
    id: "OBJ-003",
    severity: Severity::Minor,
    title: "Objective without a result in its period",
    basis: Basis::Clause("9.1"),
};

pub(super) const OFF_TARGET: Rule = Rule {
    id: "OBJ-004",
    severity: Severity::Observation,
    title: "Objective off target",
    basis: Basis::Clause("9.1"),
};

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    if !any_pursued(&ws.security_objectives) {
        out.push(NO_OBJECTIVES.finding(
            "No information security objectives are recorded (withdrawn ones aside)".into(),
            "Set objectives consistent with the policy, each with a measure, a target, an owner \
             and a plan (Objectives screen)",
            Place::Objectives,
        ));
        return;
    }
    let pursued = ws
        .security_objectives
        .iter()
        .filter(|o| o.status != ObjectiveStatus::Withdrawn);
    for o in pursued {
        let place = Place::Objective(o.id);
        if o.status.is_open() && !o.is_measurable() {
            let missing = match (o.measure_text().is_empty(), o.target.is_none()) {
                (true, true) => "has no measure and no target",
                (true, false) => "does not say how it is measured",
                _ => "has no target",
            };
            out.push(NO_MEASURE.finding(
                format!("{} {missing}", o.label()),
                "Say how it is measured (in words or a built-in measure) and the target",
                place.clone(),
            ));
        }
        if o.lacks_result(&ws.measurements, today) {
            let last = o
                .latest(&ws.measurements)
                .map_or("no result is recorded".to_string(), |m| {
                    format!("the last result is of {}", m.on_date)
                });
            out.push(NO_RESULT.finding(
                format!("{} is measured {}, and {last}", o.label(), o.period_text()),
                "Record a measurement (Objectives screen: m, or r for a built-in measure)",
                place.clone(),
            ));
        }
        if o.is_off_target(&ws.measurements)
            && let Some(m) = o.latest(&ws.measurements)
        {
            out.push(OFF_TARGET.finding(
                format!(
                    "{} is off target: {} on {}, the target is {}",
                    o.label(),
                    with_unit(&format_value(m.value), &o.unit),
                    m.on_date,
                    o.target_text()
                ),
                "Review the plan: what is done, with what resources, by when (or revise \
                     the target at the management review)",
                place,
            ));
        }
    }
}

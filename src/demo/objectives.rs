//! The demo's information security objectives (6.2) with their measurements (9.1): awareness
//! and the restore test are on target; overdue treatment actions are not (T-010, overdue since
//! 2026-03-15, counted on 2026-03-16), the documented gap OBJ-004.

use super::date;
use crate::domain::objective::{
    BuiltinMeasure, Direction, Measurement, ObjectiveStatus, SecurityObjective,
};
use crate::store::{StoreError, Writer};

/// An objective of the demo: statement, serves, measure in words, built-in measure, target,
/// unit, direction, owner, set on, due on, every (months), plan, resources, responsible,
/// evaluation.
struct Row {
    statement: &'static str,
    serves: &'static str,
    measure: &'static str,
    builtin: Option<BuiltinMeasure>,
    target: f64,
    unit: &'static str,
    direction: Direction,
    owner: &'static str,
    set_on: &'static str,
    due_on: &'static str,
    every_months: u32,
    plan: &'static str,
    resources: &'static str,
    responsible: &'static str,
    evaluation: &'static str,
    /// Measurements: day and value, oldest first.
    results: &'static [(&'static str, f64, &'static str)],
}

const OBJECTIVES: &[Row] = &[
    Row {
        statement: "Everyone with the company attends an awareness session every year",
        serves: "Information security policy D-001, section 6 (people)",
        measure: "",
        builtin: Some(BuiltinMeasure::AwarenessCoverage),
        target: 90.0,
        unit: "%",
        direction: Direction::AtLeast,
        owner: "Anna Weber",
        set_on: "2025-04-01",
        due_on: "2026-12-31",
        every_months: 3,
        plan: "A yearly awareness session in January, a catch-up date in June for those who \
               missed it, phishing simulations each quarter",
        resources: "Two hours per person per year; the external trainer's day rate",
        responsible: "Information Security Officer with HR",
        evaluation: "The attendance lists against the people register, each quarter",
        results: &[
            ("2025-07-01", 71.4, "Before the catch-up date"),
            ("2025-10-01", 78.6, ""),
            (
                "2026-01-31",
                92.9,
                "After the session of 2026-01-20; D. Schulz missed it",
            ),
        ],
    },
    Row {
        statement: "No treatment action overdue",
        serves: "Risk treatment plan (6.1.3)",
        measure: "",
        builtin: Some(BuiltinMeasure::ActionsOverdue),
        target: 0.0,
        unit: "actions",
        direction: Direction::AtMost,
        owner: "Karin Nordmann",
        set_on: "2025-10-01",
        due_on: "",
        every_months: 1,
        plan: "Owners report on their actions at the monthly management meeting; an action \
               at risk of slipping is re-planned before its due date",
        resources: "Fifteen minutes of the monthly management meeting",
        responsible: "Each action's owner",
        evaluation: "The count of overdue actions on the day of the meeting",
        results: &[
            ("2025-12-01", 2.0, ""),
            ("2026-01-05", 1.0, ""),
            ("2026-02-02", 0.0, ""),
            (
                "2026-03-16",
                1.0,
                "T-010 (second AC unit) overdue since 2026-03-15",
            ),
        ],
    },
    Row {
        statement: "Restore the dispatch platform's database within four hours",
        serves: "Customer contracts: recovery time of the dispatch platform",
        measure: "Hours from the start of the quarterly restore test until dispatchers can \
                  work on the restored database",
        builtin: None,
        target: 4.0,
        unit: "hours",
        direction: Direction::AtMost,
        owner: "Markus Brandt",
        set_on: "2025-06-01",
        due_on: "2026-06-30",
        every_months: 3,
        plan: "Scripted restore into a second account; a runbook the on-call engineer follows",
        resources: "One engineer-day per quarter; the second AWS account",
        responsible: "Lead DevOps Engineer",
        evaluation: "The restore test's record, each quarter",
        results: &[
            ("2025-09-15", 6.5, "Manual restore; runbook incomplete"),
            ("2025-12-12", 4.5, "Scripted restore, DNS switch by hand"),
            ("2026-03-13", 3.5, "Fully scripted"),
        ],
    },
];

/// Writes the objectives with their measurements.
pub(super) fn fill_objectives(w: &mut Writer<'_>) -> Result<(), StoreError> {
    for row in OBJECTIVES {
        let due_on = super::maybe_date(row.due_on)?;
        let stored = w.save_security_objective(SecurityObjective {
            serves: row.serves.into(),
            measure: row.measure.into(),
            builtin: row.builtin,
            target: Some(row.target),
            unit: row.unit.into(),
            direction: row.direction,
            owner: row.owner.into(),
            due_on,
            every_months: row.every_months,
            plan: row.plan.into(),
            resources: row.resources.into(),
            responsible: row.responsible.into(),
            evaluation: row.evaluation.into(),
            status: ObjectiveStatus::InProgress,
            ..SecurityObjective::new(row.statement, date(row.set_on)?)
        })?;
        for &(on, value, note) in row.results {
            w.save_measurement(Measurement {
                note: note.into(),
                ..Measurement::new(stored.id, date(on)?, value)
            })?;
        }
    }
    Ok(())
}

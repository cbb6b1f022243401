//! OBJ-001 to OBJ-004: objectives exist, are measurable, have a result in their period and meet
//! their target.

use super::*;
use crate::domain::objective::{Measurement, ObjectiveStatus};

#[test]
fn no_objectives_is_major_and_withdrawn_ones_do_not_count() {
    let mut ws = clean();
    ws.security_objectives.clear();
    let f = only(&ws, "OBJ-001");
    assert_eq!(f.severity, Severity::Major);
    assert_eq!(f.place, Place::Objectives);
    assert_eq!(f.basis(), "6.2");
    ws.security_objectives = vec![objective()];
    ws.security_objectives[0].status = ObjectiveStatus::Withdrawn;
    only(&ws, "OBJ-001");
}

#[test]
fn an_objective_without_a_measure_or_target_is_minor() {
    let mut ws = clean();
    ws.security_objectives[0].builtin = None;
    let f = only(&ws, "OBJ-002");
    assert_eq!(
        f.message,
        "O-001 No treatment action overdue does not say how it is measured"
    );
    assert_eq!(f.place, Place::Objective(1));
    ws.security_objectives[0].measure = "Count of overdue actions".into();
    none(&ws, "OBJ-002");
    ws.security_objectives[0].target = None;
    assert!(only(&ws, "OBJ-002").message.ends_with("has no target"));
    // A finished objective is not asked for one any more.
    ws.security_objectives[0].status = ObjectiveStatus::NotAchieved;
    none(&ws, "OBJ-002");
}

#[test]
fn an_open_objective_without_a_result_in_its_period_is_minor() {
    let mut ws = clean();
    ws.measurements[0].on_date = d("2025-12-31");
    let f = only(&ws, "OBJ-003");
    assert_eq!(f.basis(), "9.1");
    assert!(
        f.message
            .ends_with("is measured every 3 months, and the last result is of 2025-12-31"),
        "{}",
        f.message
    );
    // The day after the period began is in time.
    ws.measurements[0].on_date = d("2026-01-01");
    none(&ws, "OBJ-003");
    ws.measurements.clear();
    assert!(
        only(&ws, "OBJ-003")
            .message
            .ends_with("no result is recorded")
    );
    // Set less than a period ago: nothing is due yet.
    ws.security_objectives[0].set_on = d("2026-01-15");
    none(&ws, "OBJ-003");
}

#[test]
fn the_latest_result_off_target_is_an_observation() {
    let mut ws = clean();
    ws.measurements.push(Measurement {
        id: 2,
        ..Measurement::new(1, d("2026-03-20"), 2.0)
    });
    let f = only(&ws, "OBJ-004");
    assert_eq!(f.severity, Severity::Observation);
    assert_eq!(
        f.message,
        "O-001 No treatment action overdue is off target: 2 on 2026-03-20, the target is at most 0"
    );
    // Back on target with a later result.
    ws.measurements.push(Measurement {
        id: 3,
        ..Measurement::new(1, d("2026-03-30"), 0.0)
    });
    none(&ws, "OBJ-004");
}

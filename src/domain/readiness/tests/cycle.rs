//! CYCLE-001: risks the open cycle marked, still not re-assessed three months after it opened.

use super::*;
use crate::domain::baseline::{Baseline, ReassessKind, Reassessment, freeze};

/// The clean workspace with a cycle closed on `closed_on`, its one risk marked to re-assess.
fn in_a_cycle(closed_on: &str) -> Workspace {
    let mut ws = clean();
    ws.baselines.push(Baseline {
        id: 4,
        name: "2025".into(),
        closed_on: d(closed_on),
        snapshot: freeze(&ws, d(closed_on)),
        risks_marked: 1,
        needs_marked: 0,
    });
    ws.reassessments.push(Reassessment {
        kind: ReassessKind::Risk,
        item: 1,
        baseline: 4,
    });
    ws
}

#[test]
fn cycle_001_a_risk_not_re_assessed_three_months_into_the_cycle() {
    // Two months in: still time.
    none(&in_a_cycle("2026-01-31"), "CYCLE-001");
    // Exactly three months in: still time; a day later, a finding.
    none(&in_a_cycle("2025-12-31"), "CYCLE-001");
    let mut ws = in_a_cycle("2025-12-30");
    let f = only(&ws, "CYCLE-001");
    assert_eq!(f.severity, Severity::Minor);
    assert_eq!(
        f.message,
        "1 risk of the cycle opened on 2025-12-30 (2025) not re-assessed since: R-001 Ransomware"
    );
    assert_eq!(f.place, Place::Risk(1));
    assert_eq!(f.basis(), "8.2");
    // Re-assessed: the mark is gone.
    ws.reassessments.clear();
    none(&ws, "CYCLE-001");
    // A mark of an older cycle does not count against the open one.
    let mut ws = in_a_cycle("2025-12-30");
    ws.baselines.push(Baseline {
        id: 5,
        name: "2026".into(),
        ..ws.baselines[0].clone()
    });
    ws.baselines[1].closed_on = d("2026-03-01");
    none(&ws, "CYCLE-001");
    // No cycle closed: nothing to re-assess.
    none(&clean(), "CYCLE-001");
}

//! The yearly cycle (8.2: risk assessments at planned intervals): once a cycle has run
//! [`REASSESS_MONTHS`] months since its baseline was closed, every risk it marked should have
//! been re-assessed (saved again, changed or confirmed as it stands).

use chrono::{Months, NaiveDate};

use super::{Basis, Finding, Place, Rule, Severity, Workspace, join_some};
use crate::domain::baseline::{REASSESS_MONTHS, ReassessKind, cycle_start};
use crate::domain::reference::RefKind;
use crate::domain::wording::count;

pub(super) const NOT_REASSESSED: Rule = Rule {
    id: "CYCLE-001",
    severity: Severity::Minor,
    title: "Risks not re-assessed three months into the cycle",
    basis: Basis::Clause("8.2"),
};

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    let Some(start) = cycle_start(&ws.baselines) else {
        return;
    };
    let due = start
        .closed_on
        .checked_add_months(Months::new(REASSESS_MONTHS))
        .unwrap_or(start.closed_on);
    if today <= due {
        return;
    }
    let open: Vec<_> = ws
        .risks
        .iter()
        .filter(|r| {
            ws.reassessments
                .iter()
                .any(|m| m.kind == ReassessKind::Risk && m.item == r.id && m.baseline == start.id)
        })
        .collect();
    let Some(first) = open.first() else {
        return;
    };
    let named: Vec<String> = open
        .iter()
        .map(|r| format!("{} {}", RefKind::Risk.format(r.number), r.title))
        .collect();
    out.push(NOT_REASSESSED.finding(
        format!(
            "{} of the cycle opened on {} ({}) not re-assessed since: {}",
            count(open.len(), "risk", "risks"),
            start.closed_on,
            start.name,
            join_some(&named, 5)
        ),
        "Re-assess each risk: confirm its ratings as they stand or record the new ones",
        Place::Risk(first.id),
    ));
}

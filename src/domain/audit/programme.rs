//! The internal audit programme over the certification cycle (three years by default): which of
//! clauses 4 to 10 each year's internal audits covered (every clause is expected each year),
//! which applicable controls the cycle's audits covered (each is expected once in the cycle),
//! what no audit has covered yet, and auditors who audit their own work.
//!
//! A year of the cycle is the twelve months up to a day: year 0 ends today, year 1 a year
//! before. An audit counts once it is reported (or closed), on the day it was held (else
//! reported); planned audits and audits in progress cover nothing yet.

use chrono::{Months, NaiveDate};

use super::{Audit, AuditKind};

/// The certification cycle, in years.
pub const CYCLE_YEARS: u32 = 3;

/// The clauses every year's audits are expected to cover.
pub const CLAUSES: [&str; 7] = ["4", "5", "6", "7", "8", "9", "10"];

/// The day an internal audit counts for, if it counts: reported or closed, held (else reported)
/// on that day.
pub fn counted_on(audit: &Audit) -> Option<NaiveDate> {
    (audit.kind == AuditKind::Internal && audit.is_reported())
        .then(|| audit.held_on.or(audit.reported_on))
        .flatten()
}

/// The year of the cycle `day` falls in (0: the twelve months up to today), if it falls in the
/// `years` up to today.
pub fn year_of(day: NaiveDate, today: NaiveDate, years: u32) -> Option<u32> {
    if day > today {
        return None;
    }
    (0..years).find(|&i| {
        let after = today.checked_sub_months(Months::new(12 * (i + 1)));
        after.is_some_and(|after| day > after)
    })
}

/// One clause's coverage: for each year of the cycle (latest first), the audits that covered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseCoverage {
    pub clause: &'static str,
    /// Audit numbers, per year of the cycle, the twelve months up to today first.
    pub by_year: Vec<Vec<u32>>,
}

impl ClauseCoverage {
    pub fn this_year(&self) -> bool {
        self.by_year.first().is_some_and(|a| !a.is_empty())
    }
}

/// Clauses 4 to 10, each with the counted internal audits that covered it in each year.
pub fn clause_coverage(audits: &[Audit], today: NaiveDate, years: u32) -> Vec<ClauseCoverage> {
    CLAUSES
        .iter()
        .map(|&clause| {
            let mut by_year = vec![Vec::new(); years as usize];
            for audit in audits.iter().filter(|a| a.covers_clause(clause)) {
                if let Some(y) = counted_on(audit).and_then(|d| year_of(d, today, years)) {
                    by_year[y as usize].push(audit.number);
                }
            }
            ClauseCoverage { clause, by_year }
        })
        .collect()
}

/// The clauses no counted internal audit covered in the twelve months up to today.
pub fn clauses_not_covered_this_year(audits: &[Audit], today: NaiveDate) -> Vec<&'static str> {
    clause_coverage(audits, today, 1)
        .into_iter()
        .filter(|c| !c.this_year())
        .map(|c| c.clause)
        .collect()
}

/// Each applicable control (keys as the SoA has them) with the counted internal audits of the
/// cycle that covered it.
pub fn control_coverage<'a>(
    audits: &[Audit],
    applicable: &'a [String],
    today: NaiveDate,
    years: u32,
) -> Vec<(&'a str, Vec<u32>)> {
    applicable
        .iter()
        .map(|key| {
            let by: Vec<u32> = audits
                .iter()
                .filter(|a| a.controls.iter().any(|c| c == key))
                .filter(|a| counted_on(a).is_some_and(|d| year_of(d, today, years).is_some()))
                .map(|a| a.number)
                .collect();
            (key.as_str(), by)
        })
        .collect()
}

/// The applicable controls no counted internal audit of the cycle covered.
pub fn controls_not_covered<'a>(
    audits: &[Audit],
    applicable: &'a [String],
    today: NaiveDate,
    years: u32,
) -> Vec<&'a str> {
    control_coverage(audits, applicable, today, years)
        .into_iter()
        .filter(|(_, by)| by.is_empty())
        .map(|(key, _)| key)
        .collect()
}

/// The counted internal audits that covered control `key`, per year of the cycle (the twelve
/// months up to today first), for showing when the cycle's coverage happened.
pub fn control_by_year(audits: &[Audit], key: &str, today: NaiveDate, years: u32) -> Vec<Vec<u32>> {
    let mut by_year = vec![Vec::new(); years as usize];
    for audit in audits
        .iter()
        .filter(|a| a.controls.iter().any(|c| c == key))
    {
        if let Some(y) = counted_on(audit).and_then(|d| year_of(d, today, years)) {
            by_year[y as usize].push(audit.number);
        }
    }
    by_year
}

/// The internal audits planned or in progress whose scope holds clause `clause` (or a part of
/// it), or control `control`: what will cover a gap once reported.
pub fn planned_for(audits: &[Audit], clause: Option<&str>, control: Option<&str>) -> Vec<u32> {
    audits
        .iter()
        .filter(|a| a.kind == AuditKind::Internal && !a.is_reported())
        .filter(|a| {
            clause.is_some_and(|c| a.covers_clause(c))
                || control.is_some_and(|k| a.controls.iter().any(|c| c == k))
        })
        .map(|a| a.number)
        .collect()
}

/// The latest internal audit reported on or before today, and its report date.
pub fn last_internal_report(audits: &[Audit], today: NaiveDate) -> Option<(&Audit, NaiveDate)> {
    audits
        .iter()
        .filter(|a| a.kind == AuditKind::Internal && a.is_reported())
        .filter_map(|a| a.reported_on.map(|d| (a, d)))
        .filter(|(_, d)| *d <= today)
        .max_by_key(|(_, d)| *d)
}

/// Whether an internal audit was reported in the twelve months up to today.
pub fn internal_audit_reported_within_a_year(audits: &[Audit], today: NaiveDate) -> bool {
    last_internal_report(audits, today).is_some_and(|(_, d)| year_of(d, today, 1).is_some())
}

/// An auditor of an internal audit who owns an item in its scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnWork {
    pub auditor: String,
    /// The control in scope the auditor owns.
    pub item: String,
}

/// The auditors of an internal audit who own a control in its scope, given the owners of
/// controls (`(key, owner)`: a control's key and its owner's name). Other audits are not the
/// organisation's to staff: none.
pub fn own_work(audit: &Audit, owners: &[(String, String)]) -> Vec<OwnWork> {
    if audit.kind != AuditKind::Internal {
        return Vec::new();
    }
    let auditors = audit.auditors();
    let mut out = Vec::new();
    for (item, owner) in owners {
        // Control keys look like clause numbers (`5.2`): only the audit's controls count.
        let in_scope = audit.controls.iter().any(|c| c == item);
        if !in_scope || owner.is_empty() {
            continue;
        }
        if let Some(auditor) = auditors.iter().find(|a| a.eq_ignore_ascii_case(owner)) {
            let found = OwnWork {
                auditor: (*auditor).to_string(),
                item: item.clone(),
            };
            if !out.contains(&found) {
                out.push(found);
            }
        }
    }
    out
}

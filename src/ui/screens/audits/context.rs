//! What the Audits screen's views share, read once per reload: the audits and their findings,
//! the clauses and controls a scope or a finding names, who owns which control, the
//! nonconformities raised from findings, and today for the programme.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Error, Reader};
use crate::domain::audit::{Audit, AuditFinding, finding_reference, is_clause_number};
use crate::domain::control::display_ref;
use crate::domain::soa::Applicability;

pub struct AuditContext {
    pub audits: Vec<Audit>,
    pub findings: Vec<AuditFinding>,
    /// Clause numbers with `number title`, headings included (an audit may cover a clause whole).
    pub clauses: Vec<(String, String)>,
    /// Control keys with `A.5.15 title`.
    pub controls: Vec<(String, String)>,
    /// The SoA's owners of controls, `(key, owner)`, for the impartiality note.
    pub owners: Vec<(String, String)>,
    /// The applicable controls' keys, which the programme expects covered in the cycle.
    pub applicable: Vec<String>,
    /// The nonconformity each finding raised: `(finding id, NC-002)`.
    pub raised: Vec<(i64, String)>,
    pub people: Vec<String>,
    pub today: NaiveDate,
}

impl AuditContext {
    pub fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let soa = data.soa()?;
        Ok(Arc::new(Self {
            audits: data.audits()?,
            findings: data.audit_findings()?,
            clauses: data
                .clauses()?
                .into_iter()
                .map(|c| {
                    let label = format!("{} {}", c.number, c.title);
                    (c.number, label)
                })
                .collect(),
            controls: data
                .controls()?
                .into_iter()
                .map(|c| {
                    let label = format!("{} {}", display_ref(&c.key), c.title);
                    (c.key, label)
                })
                .collect(),
            owners: soa
                .iter()
                .filter(|e| !e.owner.is_empty())
                .map(|e| (e.control.clone(), e.owner.clone()))
                .collect(),
            applicable: soa
                .iter()
                .filter(|e| e.applicability == Applicability::Applicable)
                .map(|e| e.control.clone())
                .collect(),
            raised: data
                .nonconformities()?
                .into_iter()
                .filter_map(|nc| nc.finding.map(|f| (f, nc.reference())))
                .collect(),
            people: data.person_names()?,
            today: data.today(),
        }))
    }

    pub fn audit(&self, id: i64) -> Option<&Audit> {
        self.audits.iter().find(|a| a.id == id)
    }

    /// `AU-001/2`, or `#id/2` for a finding whose audit is gone.
    pub fn finding_ref(&self, finding: &AuditFinding) -> String {
        match self.audit(finding.audit) {
            Some(a) => finding_reference(a.number, finding.number),
            None => format!("#{}/{}", finding.audit, finding.number),
        }
    }

    pub fn findings_of(&self, audit: i64) -> impl Iterator<Item = &AuditFinding> {
        self.findings.iter().filter(move |f| f.audit == audit)
    }

    /// The nonconformity a finding raised, if it did.
    pub fn raised_by(&self, finding: i64) -> Option<&str> {
        self.raised
            .iter()
            .find(|(f, _)| *f == finding)
            .map(|(_, r)| r.as_str())
    }

    /// `9.2 Internal audit` or `A.5.15 Access control` for a finding's requirement: a clause
    /// first (the domain keeps `A.5.1` as `5.1`, which clause 5.1 also is), else a control; the
    /// text as it is if neither is known.
    pub fn requirement(&self, key: &str) -> String {
        let clause = is_clause_number(key)
            .then(|| self.clauses.iter().find(|(k, _)| k == key))
            .flatten();
        clause
            .or_else(|| self.controls.iter().find(|(k, _)| k == key))
            .map_or_else(|| key.to_string(), |(_, l)| l.clone())
    }

    /// `A.5.15 Access control`, for a control of a scope.
    pub fn control(&self, key: &str) -> String {
        self.controls
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| display_ref(key), |(_, l)| l.clone())
    }

    /// A finding's requirement as a narrow cell shows it: `9.2`, `A.5.15`.
    pub fn requirement_ref(&self, key: &str) -> String {
        match self.requirement(key).split_once(' ') {
            Some((r, _)) => r.to_string(),
            None => key.to_string(),
        }
    }

    /// Positions in `list` of `keys`, for a picker of several.
    pub fn positions(list: &[(String, String)], keys: &[String]) -> Vec<i64> {
        keys.iter()
            .filter_map(|k| list.iter().position(|(c, _)| c == k))
            .map(|i| i64::try_from(i).unwrap_or(0))
            .collect()
    }

    /// The keys at `positions` of `list`.
    pub fn keys(list: &[(String, String)], positions: &[i64]) -> Vec<String> {
        positions
            .iter()
            .filter_map(|&p| usize::try_from(p).ok().and_then(|p| list.get(p)))
            .map(|(k, _)| k.clone())
            .collect()
    }

    pub fn options(list: &[(String, String)]) -> Vec<(i64, String)> {
        list.iter()
            .enumerate()
            .map(|(i, (_, label))| (i64::try_from(i).unwrap_or(0), label.clone()))
            .collect()
    }

    /// Every audit as a picker offers it, by row id.
    pub fn audit_options(&self) -> Vec<(i64, String)> {
        self.audits.iter().map(|a| (a.id, a.label())).collect()
    }
}

//! One audit's report (`isms export audit`, `x` in the app): a cover naming the organisation,
//! the audit, its kind, dates, status, criteria, lead auditor and team and its summary; its
//! scope, clauses and controls with their short titles from the catalogue; and its findings,
//! each with its grade, the clause or control it rests on, the evidence, what it concerns and
//! the nonconformity it raised. Nothing but the audit's own dates and `today` is dated.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::heading::item_value_table;
use super::tables::{Cell, Table};
use super::{Document, ExportError, Heading};
use crate::domain::audit::{
    self, Audit, AuditFinding, FindingGrade, finding_reference, names_clause,
};
use crate::domain::control::display_ref;
use crate::domain::nonconformity::Nonconformity;
use crate::domain::reference::RefKind;
use crate::domain::wording::count;
use crate::store::{Store, StoreError};

/// The audit `AU-<number>`, or the latest by date for `None`; a clear error when there is none
/// or no such audit, naming those there are.
pub fn audit(store: &Store, number: Option<u32>) -> Result<Audit, ExportError> {
    let audits = store.audits()?;
    let found = match number {
        Some(n) => audits.iter().find(|a| a.number == n),
        None => audit::latest(&audits),
    };
    match (found, number) {
        (Some(a), _) => Ok(a.clone()),
        (None, _) if audits.is_empty() => Err(ExportError::NoAudit),
        (None, n) => Err(ExportError::UnknownAudit {
            wanted: RefKind::Audit.format(n.unwrap_or_default()),
            known: audit::references(&audits),
        }),
    }
}

/// The report of `audit` as a document: the cover, its scope and its findings.
pub fn document(store: &Store, audit: &Audit, today: NaiveDate) -> Result<Document, StoreError> {
    let findings: Vec<AuditFinding> = store
        .audit_findings()?
        .into_iter()
        .filter(|f| f.audit == audit.id)
        .collect();
    let raised: HashMap<i64, Nonconformity> = store
        .nonconformities()?
        .into_iter()
        .filter_map(|n| Some((n.finding?, n)))
        .collect();
    let titles = Titles::of(store)?;
    let organisation = store.organisation()?;
    let heading = Heading {
        title: format!("Audit report {}", audit.reference()),
        organisation: organisation.clone(),
        date: today,
        soa_version: format!("{} {}", audit.label(), audit.status.label().to_lowercase()),
        author: super::heading::author(&store.people()?, today),
    };
    Ok(Document {
        cover: Some(cover(&organisation, audit, &findings)),
        heading,
        tables: vec![
            scope(audit, &titles),
            findings_table(audit, &findings, &raised, &titles),
        ],
        heat_maps: Vec::new(),
    })
}

/// The short titles of the clauses and controls, from the workspace's catalogue (custom
/// controls included), by number and by control key.
struct Titles {
    clauses: HashMap<String, String>,
    controls: HashMap<String, String>,
}

impl Titles {
    fn of(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            clauses: store
                .clauses()?
                .into_iter()
                .map(|c| (c.number, c.title))
                .collect(),
            controls: store
                .controls()?
                .into_iter()
                .map(|c| (c.key, c.title))
                .collect(),
        })
    }

    /// A clause's number and its short title, if the catalogue knows it.
    fn clause(&self, number: &str) -> (String, Option<&str>) {
        (
            number.to_string(),
            self.clauses.get(number).map(String::as_str),
        )
    }

    /// A control as shown (`A.8.13`, `C-001`) and its short title, if the catalogue knows it.
    fn control(&self, key: &str) -> (String, Option<&str>) {
        (display_ref(key), self.controls.get(key).map(String::as_str))
    }

    /// `9.2 Internal audit`, `A.8.13 Information backup`, or what the audit names when the
    /// catalogue does not know it.
    fn requirement(&self, item: &str) -> String {
        if item.is_empty() {
            return String::new();
        }
        let named = if names_clause(item) {
            self.clause(item)
        } else {
            self.control(item)
        };
        match named {
            (shown, Some(title)) => format!("{shown} {title}"),
            (shown, None) => shown,
        }
    }
}

fn text(s: &str) -> Cell {
    Cell::text_or_empty(s)
}

fn date(d: Option<NaiveDate>) -> Cell {
    Cell::date_or_empty(d)
}

/// `1 major nonconformity, 2 observations`, the grades gravest first; `none` without findings.
pub fn graded(findings: &[AuditFinding]) -> String {
    let parts: Vec<String> = FindingGrade::ALL
        .iter()
        .filter_map(|&grade| {
            let n = findings.iter().filter(|f| f.grade == grade).count();
            let label = grade.label().to_lowercase();
            (n > 0).then(|| count(n, &label, &crate::domain::wording::plural(&label)))
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

fn cover(organisation: &str, a: &Audit, findings: &[AuditFinding]) -> Table {
    let mut cover = item_value_table(vec![
        ("Organisation", text(organisation)),
        ("Audit", text(&a.reference())),
        ("Title", text(&a.title)),
        ("Kind", text(a.kind.label())),
        ("Status", text(a.status.label())),
        ("Planned", date(a.planned_on)),
        ("Held", date(a.held_on)),
        ("Reported", date(a.reported_on)),
        ("Lead auditor", text(&a.lead_auditor)),
        ("Team", text(&a.team.join(", "))),
        ("Criteria", text(&a.criteria)),
        ("Summary", text(&a.summary)),
        ("Findings", text(&graded(findings))),
    ]);
    cover.title = "Audit".to_string();
    cover
}

/// A table of the report; only the register exports keep JSON rows.
fn table(name: &'static str, title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table::plain(name, title, headers, rows)
}

/// The clauses, then the controls the audit covers, each with its short title.
fn scope(a: &Audit, titles: &Titles) -> Table {
    let clauses = a.clauses.iter().map(|c| ("Clause", titles.clause(c)));
    let controls = a.controls.iter().map(|c| ("Control", titles.control(c)));
    let rows = clauses
        .chain(controls)
        .map(|(kind, (shown, title))| {
            vec![
                Cell::Text(kind.to_string()),
                Cell::Text(shown),
                text(title.unwrap_or_default()),
            ]
        })
        .collect();
    table("scope", "Scope", &["Kind", "Number", "Title"], rows)
}

fn findings_table(
    a: &Audit,
    findings: &[AuditFinding],
    raised: &HashMap<i64, Nonconformity>,
    titles: &Titles,
) -> Table {
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                Cell::Text(finding_reference(a.number, f.number)),
                Cell::Text(f.grade.label().to_string()),
                text(&titles.requirement(&f.requirement)),
                text(&f.statement),
                text(&f.evidence),
                text(&f.concerns),
                raised.get(&f.id).map_or(Cell::Empty, |n| {
                    Cell::Text(format!("{} ({})", n.reference(), n.state().label()))
                }),
            ]
        })
        .collect();
    table(
        "findings",
        "Findings",
        &[
            "Ref",
            "Grade",
            "Clause or control",
            "Finding",
            "Evidence",
            "Concerns",
            "Nonconformity",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_findings_are_counted_by_grade_gravest_first() {
        let f = |grade| AuditFinding::new(1, grade, "x");
        assert_eq!(graded(&[]), "none");
        assert_eq!(
            graded(&[
                f(FindingGrade::Observation),
                f(FindingGrade::Major),
                f(FindingGrade::Observation),
            ]),
            "1 major nonconformity, 2 observations"
        );
    }
}

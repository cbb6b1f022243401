//! What every export names: the organisation, the date and the SoA version it reflects; the
//! cover of the report with the scope statements and the readiness summary; and the cover of
//! the SoA with the version, its issue date and approver.

use chrono::NaiveDate;

use super::What;
use super::tables::{Cell, Column, Table};
use crate::domain::evaluation::is_above_criteria;
use crate::domain::person::{BuiltinRole, People};
use crate::domain::readiness::{Finding, Severity, Workspace};
use crate::domain::soa::{SoaVersion, diff, progress, snapshot};
use crate::report::listing::Listing;

/// The heading of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// What the export holds: `Statement of Applicability`, `ISMS report`...
    pub title: String,
    pub organisation: String,
    pub date: NaiveDate,
    /// `SoA v1 of 2026-02-10 approved by CEO`, with `, 88 controls undecided` when it was
    /// issued with undecided controls and `, 3 controls changed since` when the SoA moved on,
    /// or `SoA not yet issued`.
    pub soa_version: String,
    /// Who wrote it: the information security officer(s) on its date; empty when no one holds
    /// the role.
    pub author: String,
}

impl Heading {
    pub fn of(organisation: &str, what: What, today: NaiveDate, ws: &Workspace) -> Self {
        let current = snapshot(&ws.controls, &ws.soa, &ws.actions);
        Self {
            title: what.label().to_string(),
            organisation: organisation.to_string(),
            date: today,
            soa_version: soa_version(&ws.versions, &current),
            author: author(&ws.people, today),
        }
    }

    /// `Acme GmbH · 2026-03-31 · SoA v1 of 2026-02-10`.
    pub fn line(&self) -> String {
        format!(
            "{} · {} · {}",
            self.organisation, self.date, self.soa_version
        )
    }
}

/// The information security officer(s) on `day`, as a deliverable names its author.
pub fn author(people: &People, day: NaiveDate) -> String {
    people
        .people
        .iter()
        .filter(|p| people.holds(p, BuiltinRole::Isb, day))
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The latest issued version and whether the SoA changed since, as a phrase.
pub fn soa_version(
    versions: &[SoaVersion],
    current: &[crate::domain::soa::SoaSnapshotRow],
) -> String {
    let Some(latest) = versions.iter().max_by_key(|v| v.number) else {
        return "SoA not yet issued".to_string();
    };
    let mut base = format!(
        "SoA {} of {} approved by {}",
        latest.label(),
        latest.issued_on,
        latest.approver
    );
    match latest.undecided() {
        0 => {}
        1 => base.push_str(", 1 control undecided"),
        n => base.push_str(&format!(", {n} controls undecided")),
    }
    match diff(&latest.rows, current).len() {
        0 => base,
        1 => format!("{base}, 1 control changed since"),
        n => format!("{base}, {n} controls changed since"),
    }
}

/// How far the SoA is, in a sentence.
pub(super) fn progress_phrase(ws: &Workspace) -> String {
    let p = progress(&ws.soa, &ws.actions);
    format!(
        "{} applicable ({} implemented, {} partially, {} planned, {} not started), {} excluded, {} undecided",
        p.applicable, p.implemented, p.partial, p.planned, p.not_started, p.excluded, p.undecided
    )
}

/// Item and value rows as the cover table, with the same rows for JSON.
pub(super) fn item_value_table(rows: Vec<(&str, Cell)>) -> Table {
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|(item, value)| vec![Cell::Text(item.to_string()), value])
        .collect();
    let json = Listing {
        columns: vec!["item".to_string(), "value".to_string()],
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| serde_json::json!(c.text())).collect())
            .collect(),
    };
    Table {
        name: "cover",
        title: "Cover".to_string(),
        columns: vec![Column::new("Item"), Column::new("Value")],
        rows,
        json,
    }
}

/// The cover of the report: who, when, which SoA, the scope statements and how ready the ISMS
/// is, as item and value rows.
pub fn cover(heading: &Heading, ws: &Workspace, findings: &[Finding]) -> Table {
    let text = |s: &str| Cell::Text(s.to_string());
    let count = |n: usize| Cell::Number(n as f64);
    let statement = |s: &str| {
        if s.trim().is_empty() {
            text("not yet written")
        } else {
            text(s)
        }
    };
    let severity = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let soa_progress = progress_phrase(ws);
    let today = heading.date;
    let rows: Vec<(&str, Cell)> = vec![
        ("Organisation", text(&heading.organisation)),
        ("Document", text(&heading.title)),
        ("Date", Cell::Date(today)),
        ("SoA version", text(&heading.soa_version)),
        ("ISMS scope", statement(&ws.statements.isms_scope)),
        (
            "Certificate scope",
            statement(&ws.statements.certificate_scope),
        ),
        (
            "Climate change (4.1)",
            text(
                &ws.statements
                    .climate_change
                    .as_ref()
                    .map_or("not yet decided".to_string(), |d| d.summary()),
            ),
        ),
        ("SoA progress", text(&soa_progress)),
        // The workspace's own check, not an auditor's findings: said where the counts are.
        (
            "Readiness self-check (not an audit): major",
            count(severity(Severity::Major)),
        ),
        (
            "Readiness self-check (not an audit): minor",
            count(severity(Severity::Minor)),
        ),
        (
            "Readiness self-check (not an audit): observations",
            count(severity(Severity::Observation)),
        ),
        ("Assets", count(ws.assets.len())),
        ("Risks", count(ws.risks.len())),
        (
            "Risks above the acceptance criteria",
            count(
                ws.risks
                    .iter()
                    .filter(|r| is_above_criteria(&ws.methodology, r))
                    .count(),
            ),
        ),
        (
            "Open treatment actions",
            count(ws.actions.iter().filter(|a| a.status.is_open()).count()),
        ),
        (
            "Overdue treatment actions",
            count(ws.actions.iter().filter(|a| a.is_overdue(today)).count()),
        ),
    ];
    item_value_table(rows)
}

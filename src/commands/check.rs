//! `isms check`: the readiness findings as text or JSON, each with the clause or control it
//! rests on, and the exit code they mean (0 when nothing at or above the `--fail-on` grade
//! remains, 1 when something does, 2 when the file cannot be read).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{CheckFormat, FailOn};
use crate::domain::readiness::{Finding, Severity, Workspace, check, rules};
use crate::domain::text::shown;

/// The workspace could not be read: missing, not a workspace, a newer schema, damaged.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Unreadable(pub anyhow::Error);

/// How many findings of each severity.
#[derive(Debug, Default, Serialize)]
struct Summary {
    major: usize,
    minor: usize,
    observation: usize,
}

impl Summary {
    fn of(findings: &[Finding]) -> Self {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Self {
            major: count(Severity::Major),
            minor: count(Severity::Minor),
            observation: count(Severity::Observation),
        }
    }

    /// `2 major, 5 minor, 1 observation`.
    fn line(&self) -> String {
        let observations = if self.observation == 1 {
            "observation"
        } else {
            "observations"
        };
        format!(
            "{} major, {} minor, {} {observations}",
            self.major, self.minor, self.observation
        )
    }
}

#[derive(Serialize)]
struct Report<'a> {
    organisation: &'a str,
    date: NaiveDate,
    summary: Summary,
    findings: &'a [Finding],
}

/// Checks `ws` as of today and prints the findings. A reader that stops early (`| head`) does
/// not change the exit code: it still says whether anything major was found.
pub fn report(
    out: &mut impl Write,
    organisation: &str,
    ws: &Workspace,
    format: CheckFormat,
    fail_on: FailOn,
    today: NaiveDate,
) -> Result<ExitCode> {
    let findings = check(ws, today);
    let threshold = match fail_on {
        FailOn::Major => Severity::Major,
        FailOn::Minor => Severity::Minor,
        FailOn::Observation => Severity::Observation,
    };
    // Severities order from the gravest: a finding at or above the threshold fails.
    let code = if findings.iter().any(|f| f.severity <= threshold) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    let written = match format {
        CheckFormat::Text => write_text(out, organisation, today, &findings),
        CheckFormat::Json => write_json(out, organisation, today, &findings),
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(code),
    }
}

fn write_text(
    out: &mut impl Write,
    organisation: &str,
    today: NaiveDate,
    findings: &[Finding],
) -> std::io::Result<()> {
    // Findings quote names and titles: shown, never acted on by the terminal.
    let organisation = shown(organisation);
    writeln!(out, "Audit readiness of {organisation} on {today}")?;
    let width = rules().iter().map(|r| r.id.len()).max().unwrap_or(0);
    let basis_width = findings
        .iter()
        .map(|f| f.basis().chars().count())
        .max()
        .unwrap_or(0);
    for severity in Severity::ALL.iter().copied() {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let heading = match severity {
            Severity::Observation => "Observations",
            other => other.label(),
        };
        writeln!(out, "\n{heading} ({})", group.len())?;
        for f in group {
            writeln!(
                out,
                "  {:<width$}  {:<basis_width$}  {}",
                f.rule,
                shown(&f.basis()),
                shown(&f.message)
            )?;
            writeln!(out, "      → {}", shown(&f.fix))?;
        }
    }
    if findings.is_empty() {
        writeln!(out, "\nNo findings.")?;
    }
    writeln!(out, "\n{}", Summary::of(findings).line())?;
    out.flush()
}

fn write_json(
    out: &mut impl Write,
    organisation: &str,
    today: NaiveDate,
    findings: &[Finding],
) -> std::io::Result<()> {
    let report = Report {
        organisation,
        date: today,
        summary: Summary::of(findings),
        findings,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    out.flush()
}

/// The rule catalogue: id, severity, the clause or control it rests on, and title, as text or
/// a JSON array.
pub fn print_rules(out: &mut impl Write, format: CheckFormat) -> Result<()> {
    let written = match format {
        CheckFormat::Text => rules().iter().try_for_each(|r| {
            writeln!(
                out,
                "{:<10}  {:<11}  {:<7}  {}",
                r.id,
                r.severity.as_str(),
                r.basis.label(),
                r.title
            )
        }),
        CheckFormat::Json => serde_json::to_writer_pretty(&mut *out, rules())
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
    };
    written?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_severity_and_reads_naturally() {
        let finding = |severity| Finding {
            rule: "X-001",
            severity,
            message: String::new(),
            fix: String::new(),
            place: crate::domain::readiness::Place::SoaVersions,
            clause: Some("6.1.3".into()),
            control: None,
        };
        let one = Summary::of(&[finding(Severity::Major), finding(Severity::Observation)]);
        assert_eq!(one.line(), "1 major, 0 minor, 1 observation");
        let none = Summary::of(&[]);
        assert_eq!(none.line(), "0 major, 0 minor, 0 observations");
    }
}

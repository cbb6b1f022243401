//! `isms export WHAT --format F -o PATH [--workshop W-001] [--audit AU-001] [--review MR-001]`:
//! writes a deliverable from the workspace, opened read-only, and prints the files written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::progress::Progress;
use crate::domain::reference::RefKind;
use crate::domain::text;

use crate::report::export::{
    ExportError, ExportFormat, What, export_audit, export_diff, export_minutes, export_review,
    export_soa_version, export_with,
};
use crate::store::Existing;

/// Where and how one export is written, as the command line gives it.
pub struct To<'a> {
    pub format: Option<&'a str>,
    pub output: &'a Path,
    /// `--workshop`: the minutes of this workshop.
    pub workshop: Option<&'a str>,
    /// `--review`: the minutes of this management review.
    pub review: Option<&'a str>,
    /// `--audit`: the report of this audit.
    pub audit: Option<&'a str>,
    /// `--version`: this issued version of the SoA.
    pub version: Option<&'a str>,
    /// `--from` and `--to`: the baselines a diff compares.
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub force: bool,
}

pub fn run(out: &mut impl Write, workspace: &Path, what: &str, to: To<'_>) -> Result<()> {
    let To {
        format,
        output,
        workshop,
        review,
        audit,
        version,
        from,
        to,
        force,
    } = to;
    if (from.is_some() || to.is_some()) && what.trim() != "diff" {
        bail!("--from and --to: only a diff compares baselines; export diff, or leave them out");
    }
    // Parsed here, not by clap, so that a wrong name is a one-line error with exit code 1.
    let what: What = what.parse().context("what to export")?;
    let workshop = match (workshop, what) {
        (Some(w), What::Minutes) => Some(super::log::parse_workshop(w)?),
        (Some(_), _) => bail!(
            "--workshop: only the minutes are of one workshop; export minutes, or leave it out"
        ),
        (None, _) => None,
    };
    let audit = match (audit, what) {
        (Some(a), What::Audit) => Some(parse_audit(a)?),
        (Some(_), _) => {
            bail!("--audit: only the audit report is of one audit; export audit, or leave it out")
        }
        (None, _) => None,
    };
    let review = match (review, what) {
        (Some(r), What::Review) => match RefKind::Review.parse(r) {
            Some(number) => Some(number),
            None => bail!(
                "--review: '{}' is not a management review; expected a reference such as MR-001",
                text::shown(r.trim())
            ),
        },
        (Some(_), _) => bail!(
            "--review: only the review's minutes are of one review; export review, or leave it out"
        ),
        (None, _) => None,
    };
    let version = match (version, what) {
        (Some(v), What::Soa) => Some(parse_version(v)?),
        (Some(_), _) => {
            bail!("--version: only the SoA is issued in versions; export soa, or leave it out")
        }
        (None, _) => None,
    };
    let format: ExportFormat = match format {
        Some(f) => f.parse().context("--format")?,
        None => match output.extension().and_then(|e| e.to_str()) {
            Some(ext) => ext.parse().with_context(|| {
                format!("--format (from the extension of {})", output.display())
            })?,
            None => bail!(
                "--format: give one of {} (or an -o file with that extension)",
                ExportFormat::expected()
            ),
        },
    };
    let store = super::passphrase::open(workspace, true)?;
    let existing = Existing::replace_if(force);
    let spinner = Progress::spinner(&format!("Exporting the {}", what.label()));
    let today = store.today();
    let written = match (what, version) {
        (What::Soa, Some(number)) => export_soa_version(&store, number, format, output, existing),
        (What::Minutes, _) => export_minutes(&store, workshop, format, output, today, existing),
        (What::Audit, _) => export_audit(&store, audit, format, output, today, existing),
        (What::Review, _) => export_review(&store, review, format, output, today, existing),
        (What::Diff, _) => export_diff(&store, from, to, format, output, today, existing),
        _ => export_with(&store, what, format, output, today, existing),
    };
    let files = written.map_err(|e| explained(e, what))?;
    drop(spinner);
    if store.is_encrypted() {
        eprintln!("{}", crate::report::export::LEAVES_ENCRYPTION);
    }
    for file in files {
        writeln!(out, "{}", file.display())?;
    }
    Ok(())
}

/// An export's error with what failed in front, where the export's own words leave it out:
/// the option that named something missing, or the export that has nothing to report.
fn explained(error: ExportError, what: What) -> anyhow::Error {
    let before = match &error {
        ExportError::UnknownAudit { .. } => "--audit".to_string(),
        ExportError::UnknownWorkshop(_) => "--workshop".to_string(),
        ExportError::UnknownReview(_) => "--review".to_string(),
        ExportError::UnknownSoaVersion(_) => "--version".to_string(),
        ExportError::Unsupported { .. } | ExportError::TooLargeForDocx { .. } => {
            "--format".to_string()
        }
        ExportError::NoWorkshop | ExportError::NoAudit | ExportError::NoReview => {
            format!("export {}", what.as_str())
        }
        _ => return error.into(),
    };
    anyhow::Error::new(error).context(before)
}

/// The number in `AU-001`, or a one-line error naming the option and what it expects.
fn parse_audit(value: &str) -> Result<u32> {
    match RefKind::Audit.parse(value) {
        Some(number) => Ok(number),
        None => bail!(
            "--audit: '{}' is not an audit; expected a reference such as AU-001",
            text::shown(value.trim())
        ),
    }
}

/// The number in `1` or `v1`, or a one-line error naming the option and what it expects.
fn parse_version(value: &str) -> Result<u32> {
    let trimmed = value.trim();
    let digits = trimmed.strip_prefix(['v', 'V']).unwrap_or(trimmed);
    match digits.parse::<u32>() {
        Ok(number) if number > 0 => Ok(number),
        _ => bail!(
            "--version: '{}' is not an SoA version; expected a number such as 1 or v1",
            text::shown(trimmed)
        ),
    }
}

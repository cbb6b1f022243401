//! `isms export WHAT --format F -o PATH`: writes a deliverable from the workspace, opened
//! read-only, and prints the files written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::report::export::{ExportFormat, What, export_with};
use crate::store::Existing;

pub fn run(
    out: &mut impl Write,
    workspace: &Path,
    what: &str,
    format: Option<&str>,
    output: &Path,
    force: bool,
) -> Result<()> {
    // Parsed here, not by clap, so that a wrong name is a one-line error with exit code 1.
    let what: What = what.parse().context("what to export")?;
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
    let files = export_with(
        &store,
        what,
        format,
        output,
        store.today(),
        Existing::replace_if(force),
    )?;
    if store.is_encrypted() {
        eprintln!("{}", crate::report::export::LEAVES_ENCRYPTION);
    }
    for file in files {
        writeln!(out, "{}", file.display())?;
    }
    Ok(())
}

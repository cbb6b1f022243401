//! `isms import`: a workspace JSON export into a new workspace file, or a spreadsheet of assets,
//! risks or scope items into the workspace, all or nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::progress::Progress;
use crate::Clock;
use crate::app::Session;
use crate::domain::text::shown;
use crate::domain::wording::count;
use crate::report::import::{ImportError, Register, import_workspace_with};
use crate::store::Existing;

pub fn run(
    out: &mut impl Write,
    what: &str,
    file: &Path,
    output: Option<PathBuf>,
    db: Option<PathBuf>,
    dry_run: bool,
    force: bool,
) -> Result<()> {
    if what.trim().eq_ignore_ascii_case("workspace") {
        let target = super::new_workspace(output, db)?;
        if dry_run {
            anyhow::bail!("--dry-run: a workspace import creates a new file; nothing to preview");
        }
        let spinner =
            Progress::spinner(&format!("Importing {}", shown(&file.display().to_string())));
        let store = import_workspace_with(
            file,
            &target,
            Existing::replace_if(force),
            Clock::at_start(),
        )?;
        drop(spinner);
        super::workspaces::remember(&store);
        let c = store.counts()?;
        writeln!(
            out,
            "Imported {} into {}: {}, {}, {}",
            file.display(),
            store.path().display(),
            count(c.assets, "asset", "assets"),
            count(c.risks, "risk", "risks"),
            count(c.actions, "action", "actions")
        )?;
        return Ok(());
    }
    // Parsed here, not by clap, so that a wrong name is a one-line error with exit code 1.
    let register: Register = what
        .parse()
        .context("what to import (workspace, assets, risks or scope)")?;
    let path = super::workspace(None, db)?;
    // A dry run only reads: it works beside the app that has the workspace open.
    let mut app = Session::new(super::passphrase::open(&path, dry_run)?);
    let spinner = Progress::spinner(&format!("Importing {}", shown(&file.display().to_string())));
    let plan = match app.import_table(register, file, dry_run) {
        // Each bad line is named; the file they are in is said once, before them.
        Err(e @ ImportError::BadLines(_)) => {
            return Err(
                anyhow::Error::new(e).context(format!("{}: nothing was imported", file.display()))
            );
        }
        imported => imported?,
    };
    drop(spinner);
    let verb = if dry_run { "Would create" } else { "Created" };
    writeln!(
        out,
        "{verb} {} {} from {}:",
        plan.created.len(),
        plan.register.label().to_lowercase(),
        file.display()
    )?;
    // Headers are not names a rule checked: anything in the sheet is shown, never acted on.
    for line in &plan.created {
        writeln!(out, "  {}", shown(line))?;
    }
    if plan.confirmed > 0 {
        writeln!(
            out,
            "Confirmed as inherited: {} of supporting assets equal to what they inherit (no override)",
            crate::domain::wording::count(plan.confirmed, "rating", "ratings")
        )?;
    }
    if !plan.unjustified.is_empty() {
        writeln!(
            out,
            "Overrides without justification: {} (justification missing; `isms check` lists them until each is justified):",
            plan.unjustified.len()
        )?;
        for line in &plan.unjustified {
            writeln!(out, "  {}", shown(line))?;
        }
    }
    if !plan.ignored_columns.is_empty() {
        let columns = plan.ignored_columns.join(", ");
        writeln!(out, "Ignored columns: {}", shown(&columns))?;
    }
    Ok(())
}

//! `isms cycle close|status` and `isms diff`: the yearly cycle's baselines, the open cycle's
//! re-assessment, and what changed between two baselines or a baseline and now.

use std::io::Write;

use anyhow::{Result, bail};

use crate::domain::baseline::{self, ReassessKind, cycle_start, diff};
use crate::report::diff::{DiffFormat, sides, write};
use crate::store::Store;

/// Closes the cycle as `name` and says what the next one has to re-assess.
pub fn close(out: &mut impl Write, store: &mut Store, name: &str) -> Result<()> {
    let today = store.today();
    let closed = store.close_cycle(name, today)?;
    let marks = store.reassessments()?;
    let count = |kind| marks.iter().filter(|m| m.kind == kind).count();
    writeln!(
        out,
        "Closed the cycle {} on {}: the baseline keeps {} items. The next cycle re-assesses {} \
         risks and the protection needs of {} assets.",
        closed.name,
        closed.closed_on,
        closed.snapshot.items.len(),
        count(ReassessKind::Risk),
        count(ReassessKind::Needs)
    )?;
    Ok(())
}

/// How far the open cycle's re-assessment has got.
pub fn status(out: &mut impl Write, store: &Store) -> Result<()> {
    let baselines = store.baselines()?;
    let Some(start) = cycle_start(&baselines) else {
        writeln!(
            out,
            "No cycle closed yet: `isms cycle close --name NAME` freezes the ISMS as it stands \
             and opens the next cycle."
        )?;
        return Ok(());
    };
    let marks = store.reassessments()?;
    writeln!(
        out,
        "Cycle opened by closing {} on {}.",
        start.name, start.closed_on
    )?;
    for (kind, what) in [
        (ReassessKind::Risk, "risks"),
        (ReassessKind::Needs, "assets' protection needs"),
    ] {
        let (done, marked) = baseline::progress(start, &marks, kind);
        writeln!(
            out,
            "  {what}: {done} of {marked} re-assessed, {} to do",
            marked - done
        )?;
    }
    Ok(())
}

/// Prints what changed from `from` (default: the last baseline) to `to` (default: now).
pub fn print_diff(
    out: &mut impl Write,
    store: &Store,
    from: Option<&str>,
    to: Option<&str>,
    format: &str,
) -> Result<()> {
    let format = match format.trim().to_lowercase().as_str() {
        "text" => DiffFormat::Text,
        "json" => DiffFormat::Json,
        "md" | "markdown" => DiffFormat::Md,
        other => bail!(
            "--format: '{}' is not known; expected text, json or md",
            crate::domain::text::shown(other)
        ),
    };
    let [(from_side, before), (to_side, after)] = sides(store, from, to, store.today())?;
    let changes = diff(&before, &after);
    let mut buffered = std::io::BufWriter::new(out);
    write(&mut buffered, &from_side, &to_side, &changes, format)?;
    buffered.flush()?;
    Ok(())
}

//! `isms ls` and `isms open`, and remembering in the list of known workspaces those the user
//! opens or makes; `isms ls --forget` takes one off the list.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde_json::json;

use crate::cli::LsFormat;
use crate::domain::text::shown;
use crate::registry::{self, Registry, shown_size, shown_time};
use crate::store::Store;

/// The known workspaces; a damaged list is reported on stderr and read as empty.
fn load() -> Registry {
    let Some(path) = registry::default_path() else {
        return Registry::default();
    };
    let (list, warning) = Registry::load(&path);
    if let Some(w) = warning {
        eprintln!("isms: warning: {w}");
    }
    list
}

/// The workspace opened last, if it still exists.
pub(super) fn last_opened() -> Option<PathBuf> {
    load().last_existing().map(|e| e.path.clone())
}

/// Notes that `store` was opened now; a list that cannot be kept is a warning, not a failure.
pub(super) fn remember(store: &Store) {
    let Some(list) = registry::default_path() else {
        return;
    };
    let organisation = store.organisation().unwrap_or_default();
    if let Some(w) = registry::remember_at(&list, store.path(), &organisation, store.clock()) {
        eprintln!("isms: warning: {w}");
    }
}

/// `isms ls`: one line per known workspace, aligned, or a JSON array.
pub(super) fn print(out: &mut impl Write, format: LsFormat) -> Result<()> {
    let listings = load().listings();
    match format {
        LsFormat::Json => {
            let items: Vec<_> = listings
                .iter()
                .map(|l| {
                    json!({
                        "organisation": l.entry.organisation,
                        "file": l.entry.path.display().to_string(),
                        "last_opened": l.entry.last_opened,
                        "size": l.size,
                        "missing": l.size.is_none(),
                        "encrypted": l.encrypted,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        LsFormat::Text => {
            let header =
                ["ORGANISATION", "FILE", "LAST OPENED", "SIZE", "ENCRYPTED"].map(String::from);
            let rows: Vec<[String; 5]> = listings
                .iter()
                .map(|l| {
                    // Names and paths from the list file: shown, never acted on.
                    [
                        shown(&l.entry.organisation),
                        shown(&l.entry.path.display().to_string()),
                        shown_time(&l.entry.last_opened),
                        shown_size(l.size),
                        if l.encrypted { "yes" } else { "no" }.to_string(),
                    ]
                })
                .collect();
            let mut widths = [0; 5];
            for row in std::iter::once(&header).chain(&rows) {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            for row in std::iter::once(&header).chain(&rows) {
                let mut line = String::new();
                for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                    if i + 1 == row.len() {
                        line.push_str(cell);
                    } else {
                        let pad = w - cell.chars().count();
                        line.push_str(cell);
                        line.push_str(&" ".repeat(pad + 2));
                    }
                }
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    Ok(())
}

/// `isms ls --forget FILE`: takes FILE off the list of known workspaces, never off the disk.
pub(super) fn forget(out: &mut impl Write, file: &Path) -> Result<()> {
    let Some(list) = registry::default_path() else {
        bail!("no home directory found, so there is no list of known workspaces");
    };
    let (entry, warning) = registry::forget_at(&list, file)?;
    if let Some(w) = warning {
        eprintln!("isms: warning: {w}");
    }
    let file = entry.path.display().to_string();
    let left = if entry.path.exists() {
        "the file itself stays where it is"
    } else {
        "the file was gone already"
    };
    writeln!(
        out,
        "Took {} ({}) off the list of known workspaces; {left}",
        shown(&file),
        shown(&entry.organisation)
    )?;
    Ok(())
}

/// `isms open [FILE]`: FILE is checked, remembered and opened in the app; without FILE the app
/// shows the picker. Without a terminal FILE is only remembered, for scripts.
pub(super) fn open(out: &mut impl Write, file: Option<PathBuf>, read_only: bool) -> Result<()> {
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    match file {
        // On a terminal the app remembers what it opens; an encrypted workspace asks for its
        // passphrase once, there.
        Some(path) if terminal => {
            let key = super::passphrase::given()?;
            crate::ui::run(&path, true, read_only, key.as_ref())?;
        }
        Some(path) => add(out, &path)?,
        None => {
            if !terminal {
                bail!("isms open shows a picker and needs a terminal; scripts use `isms ls`");
            }
            if load().workspaces.is_empty() {
                bail!(
                    "no known workspaces yet; create one with `isms new --org NAME` or add one \
                     with `isms open FILE`"
                );
            }
            crate::ui::run_picker(read_only)?;
        }
    }
    Ok(())
}

/// Checks that `path` is a workspace (read-only, so that it works beside an open app) and
/// remembers it.
fn add(out: &mut impl Write, path: &Path) -> Result<()> {
    let store = super::passphrase::open(path, true)?;
    remember(&store);
    writeln!(
        out,
        "Remembered {} for {}",
        shown(&store.path().display().to_string()),
        shown(&store.organisation()?)
    )?;
    Ok(())
}

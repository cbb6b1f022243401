//! A new workspace (`isms new`, `isms demo`, the welcome screen, `isms import workspace`) is
//! built in a temporary file beside its target and renamed into place only once it is whole,
//! by [`super::target`]'s rule: an error, a refused import or a kill at any moment leaves no
//! file at the target (and no `.lock` beside it), never half a workspace.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use super::cipher::Passphrase;
use super::target::{self, Existing, TargetError};
use super::{Result, Store, StoreError, file};
use crate::Clock;

/// A workspace being built; [`Draft::finish`] puts it in place, dropping it removes it.
pub struct Draft {
    /// Before `scratch`: the connection closes before its file is removed.
    store: Store,
    scratch: Scratch,
    target: PathBuf,
    key: Option<Passphrase>,
    existing: Existing,
}

/// The temporary file and whatever journal SQLite kept beside it, removed when dropped.
struct Scratch(Option<TempPath>);

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(temp) = &self.0 {
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut p = temp.as_os_str().to_owned();
                p.push(suffix);
                let _ = fs::remove_file(p);
            }
        }
    }
}

impl Draft {
    /// Starts the workspace of `organisation` that will be put at `target`, refused right away
    /// when `target` could not take it (see [`super::target`]).
    pub(super) fn begin(
        target: &Path,
        organisation: &str,
        key: Option<&Passphrase>,
        existing: Existing,
        clock: Clock,
    ) -> Result<Draft> {
        let organisation = crate::domain::text::required_line(
            crate::domain::file_name::field::ORGANISATION,
            organisation,
        )?;
        check(target, existing)?;
        // Made first, so that a failure below removes the file and its journals too.
        let scratch = Scratch(Some(target::temp_beside(target)?.into_temp_path()));
        let Some(temp) = scratch.0.as_deref() else {
            return Err(StoreError::Damaged("the new workspace vanished".into()));
        };
        let store = file::initialise(temp, &organisation, key, clock)?;
        Ok(Draft {
            store,
            scratch,
            target: target.to_path_buf(),
            key: key.cloned(),
            existing,
        })
    }

    /// The workspace while it is built.
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Puts the finished workspace at its target and opens it there (for writing, unless
    /// `read_only`).
    pub fn finish(self, read_only: bool) -> Result<Store> {
        let Draft {
            store,
            mut scratch,
            target,
            key,
            existing,
        } = self;
        // One self-contained file: the write-ahead log folded in (and removed as the last
        // connection closes), so that the renamed file alone is the workspace. It stays in WAL
        // mode: opening it at its place then changes nothing, so a kill at that moment cannot
        // leave a rollback journal beside it.
        let folded: rusqlite::Result<i64> =
            store
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0));
        let clock = store.clock;
        // Closed before `scratch` could remove its file on an error.
        drop(store);
        if folded? != 0 {
            return Err(StoreError::Damaged(
                "the new workspace could not be written as one file".into(),
            ));
        }
        let Some(temp) = scratch.0.take() else {
            return Err(StoreError::Damaged("the new workspace vanished".into()));
        };
        let synced = File::open(&temp).and_then(|f| f.sync_all());
        if let Err(source) = synced {
            return Err(StoreError::Io {
                path: target.display().to_string(),
                source,
            });
        }
        // Checked again: a file may have appeared, or been opened, while this one was built.
        check(&target, existing)?;
        target::put_in_place(temp, &target, existing).map_err(|e| exists(&target, e))?;
        file::open(&target, read_only, key.as_ref(), clock)
    }
}

/// Whether `target` may receive a new workspace: a file there is refused with `isms new`'s
/// words, or, when replacing it was asked for, refused while another isms has it open.
fn check(target: &Path, existing: Existing) -> Result<()> {
    if target.is_dir() {
        return Err(StoreError::IsDirectory(target.display().to_string()));
    }
    target::check(target, None, existing)
        .map(|_| ())
        .map_err(|e| exists(target, e))
}

fn exists(target: &Path, error: TargetError) -> StoreError {
    match error {
        TargetError::Exists(_) => StoreError::AlreadyExists(target.display().to_string()),
        TargetError::OpenElsewhere { holder, .. } => StoreError::InUse {
            path: target.display().to_string(),
            holder,
        },
        e => e.into(),
    }
}

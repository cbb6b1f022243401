//! The application layer between the screens and the store. A `Session` holds the open
//! workspace; screens read through a `Reader` (whose shared read models are built once per
//! change, not once per screen) and change the workspace only by handing the session a typed
//! `Command`. The screens never see the store, so every write takes the same path: one
//! command, one transaction, the change-log rows the store writes with it.

mod command;
mod read;

pub use command::{Command, LinkChange, Saved};
pub use read::{AssetModel, Background, Reader, Reads};

/// What reading or changing the workspace can fail with: the store's errors, which include a
/// refused value (`Error::Invalid`, naming its field).
pub use crate::store::StoreError as Error;
/// What the readers return beside domain values.
pub use crate::store::{Change, Counts, RiskRatings};

use std::cell::RefCell;
use std::path::Path;

use crate::Clock;
use crate::report::import::{ImportError, ImportPlan, Register, prepare_table};
use crate::store::Store;

/// The open workspace: the one store handle, and the read models built from it.
pub struct Session {
    store: Store,
    models: RefCell<read::Models>,
}

impl Session {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            models: RefCell::default(),
        }
    }

    /// What the screens read, through the read models of the current state.
    pub fn reader(&self) -> Reader<'_> {
        Reader::cached(&self.store, &self.models)
    }

    /// Reads the workspace on another thread (screens built ahead, the readiness check).
    pub fn background(&self) -> Background {
        Background::new(self.store.read_access())
    }

    /// Carries out one command in one transaction; a refused command changes nothing.
    pub fn apply(&mut self, command: Command) -> Result<Saved, Error> {
        let touched = command.touches();
        let today = self.store.today();
        let before = command.read_before(&self.store, today)?;
        let saved = self.store.edit(|w| command.run(w, today, before));
        // Whatever the outcome, what the store holds may differ from what was read before
        // only where the command wrote; a failed edit rolled back, so nothing is stale then.
        if saved.is_ok() {
            self.models.get_mut().changed(touched);
        }
        saved
    }

    /// Carries out several commands as one: all of them, or none. An error names the item
    /// (the label given with its command) that was refused.
    pub fn apply_all(&mut self, commands: Vec<(String, Command)>) -> Result<usize, Error> {
        let count = commands.len();
        let touched = commands
            .iter()
            .fold(read::Touches::Nothing, |t, (_, c)| t.and(c.touches()));
        let today = self.store.today();
        // What each command reads before the edit, read before all of them.
        let mut prepared = Vec::with_capacity(count);
        for (label, command) in commands {
            let before = command.read_before(&self.store, today)?;
            prepared.push((label, command, before));
        }
        let done = self.store.edit(|w| {
            for (label, command, before) in prepared {
                command.run(w, today, before).map_err(|e| match e {
                    Error::Invalid(v) => Error::Invalid(crate::domain::ValidationError::new(
                        v.field,
                        format!("{label}: {}", v.message),
                    )),
                    other => other,
                })?;
            }
            Ok(count)
        });
        if done.is_ok() {
            self.models.get_mut().changed(touched);
        }
        done
    }

    /// Whether the workspace was changed by another window (the writer beside a read-only
    /// one) since the last look; if so, every read model is read again.
    pub fn changed_elsewhere(&mut self) -> Result<bool, Error> {
        let changed = self.store.changed_elsewhere()?;
        if changed {
            self.models.get_mut().changed(read::Touches::Everything);
        }
        Ok(changed)
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Counts the writes through this session: a screen that read at this generation is
    /// current.
    pub fn generation(&self) -> u64 {
        self.store.generation()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.store.today()
    }

    pub fn clock(&self) -> Clock {
        self.store.clock()
    }

    /// Fixes today for this session and what it reads from now on (tests).
    pub fn set_clock(&mut self, clock: Clock) {
        self.store.set_clock(clock);
    }

    /// The store itself, for exports, which read it whole and write files of their own.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Imports a register file: reads and checks every row, then (unless `dry_run`) writes
    /// them all as one `Command::Import`. Returns what was, or would be, created.
    pub fn import_table(
        &mut self,
        register: Register,
        path: &Path,
        dry_run: bool,
    ) -> Result<ImportPlan, ImportError> {
        let plan = import_table(&mut self.store, register, path, dry_run)?;
        self.models.get_mut().changed(read::Touches::Everything);
        Ok(plan)
    }
}

/// Imports a register file into `store`: reads and checks every row, then (unless `dry_run`)
/// writes them all as one `Command::Import`, all or nothing. Returns what was, or would be,
/// created. For a store that no session holds (`Session::import_table` otherwise).
pub fn import_table(
    store: &mut Store,
    register: Register,
    path: &Path,
    dry_run: bool,
) -> Result<ImportPlan, ImportError> {
    let prepared = prepare_table(store, register, path)?;
    if !dry_run {
        let today = store.today();
        store.edit(|w| Command::Import(prepared.rows).run(w, today, Default::default()))?;
    }
    Ok(prepared.plan)
}

#[cfg(test)]
mod tests;

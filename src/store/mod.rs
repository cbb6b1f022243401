//! The only place with SQL. Opens and creates workspace files, refuses what is not a workspace,
//! migrates older schemas forward (after copying the file aside), and writes every user edit as
//! one transaction together with its change-log row.

mod assets;
mod cipher;
mod clauses;
mod controls;
mod file;
mod import;
mod lock;
mod log;
mod meta;
mod questions;
mod risks;
pub mod schema;
mod scope;
mod soa;
mod sql;
mod workspace;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::domain::ValidationError;

pub use cipher::{ConvertStep, Interruption, Passphrase, converting_path};
pub use file::{FileCheck, inspect, special_kind};
pub use lock::lock_path;
pub use log::Change;
pub use meta::Counts;
pub use risks::RiskRatings;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: no such file; create one with `isms new {0}`")]
    NotFound(String),
    #[error("{0}: is a directory, not a workspace file")]
    IsDirectory(String),
    #[error("{0}: already exists; choose another path or open it with `isms --db {0}`")]
    AlreadyExists(String),
    #[error("{0}: already exists; a backup never overwrites a file, choose a new path")]
    BackupExists(String),
    #[error("{0}: stayed locked by another program for 5 seconds; nothing was copied, try again")]
    Locked(String),
    #[error("{path}: not an isms workspace ({why})")]
    NotWorkspace { path: String, why: String },
    #[error(
        "{path}: written by a newer version of isms (schema {found}, this version knows up to {supported}); update isms to open it"
    )]
    NewerSchema {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error(
        "{path}: open in another isms ({holder}); open it read-only with `isms --read-only --db {path}`, or close the other first"
    )]
    InUse { path: String, holder: String },
    #[error(
        "{path}: could not write ({why}); this edit was not saved, everything saved before it is in the file"
    )]
    NotWritten { path: String, why: String },
    #[error(
        "{0}: encrypted, or not an SQLite database at all; give its passphrase (in a terminal when asked, or in ISMS_PASSPHRASE)"
    )]
    Encrypted(String),
    #[error("{0}: wrong passphrase; nothing was opened or changed")]
    WrongPassphrase(String),
    #[error("{0}: is not encrypted; nothing was changed (`isms encrypt {0}` encrypts it)")]
    NotEncrypted(String),
    #[error(
        "{0}: is encrypted already; nothing was changed (`isms rekey {0}` changes its passphrase)"
    )]
    AlreadyEncrypted(String),
    #[error("{0}: the workspace is open read-only; nothing was changed")]
    ReadOnly(String),
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("{0} was not found in the workspace")]
    Missing(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{path}: the file is damaged ({why}); restore it from a backup")]
    Truncated { path: String, why: String },
    #[error("migrating the schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data is damaged: {0}")]
    Damaged(String),
}

/// SQLite's own words for a damaged file repeat themselves ("database disk image is
/// malformed: database disk image is malformed: Error code 11..."): say it once, plainly.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match e.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Damaged(
                "the workspace file is malformed; restore it from a backup".to_string(),
            ),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open workspace file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    who: String,
    /// Counts the edits committed through this handle, so screens can tell whether what they
    /// show is still current.
    generation: u64,
    /// The key of an encrypted workspace, for the readers opened beside this handle.
    key: Option<Passphrase>,
    /// Held while open for writing; after `conn`, so it is released after the connection closes.
    _lock: Option<lock::WriterLock>,
}

impl Store {
    /// Opens an existing workspace; read-only when the file is not writable.
    pub fn open(path: &Path) -> Result<Store> {
        file::open(path, false, None)
    }

    /// Opens an existing workspace without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        file::open(path, true, None)
    }

    /// Opens a workspace that may be encrypted: `key` opens an encrypted one and is ignored
    /// for a plain one. A wrong key is reported after a short delay, with nothing written.
    pub fn open_with(path: &Path, read_only: bool, key: Option<&Passphrase>) -> Result<Store> {
        file::open(path, read_only, key)
    }

    /// What another thread needs to read this workspace beside this handle.
    pub fn read_access(&self) -> ReadAccess {
        ReadAccess {
            path: self.path.clone(),
            key: self.key.clone(),
        }
    }

    /// Whether the file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Writes a consistent copy of the workspace `source` to the new file `dest` (mode 0600)
    /// with SQLite's online backup API, so it works while another connection (the app) has
    /// the file open or is in the middle of an edit. `source` is checked like [`Store::open`]
    /// but only read, never migrated: an older workspace is copied as it is. Refuses an
    /// existing `dest` without touching it; removes a half-written copy on failure. Returns
    /// the size of the copy.
    pub fn backup(source: &Path, dest: &Path) -> Result<u64> {
        file::backup(source, dest, None, false)
    }

    /// [`Store::backup`] of a workspace that may be encrypted: `key` opens an encrypted
    /// `source`, whose copy is encrypted with the same key unless `plain` asks for a plain one.
    pub fn backup_with(
        source: &Path,
        dest: &Path,
        key: Option<&Passphrase>,
        plain: bool,
    ) -> Result<u64> {
        file::backup(source, dest, key, plain)
    }

    /// Rewrites the workspace at `path` from key `from` to key `to` (`None` for plain SQLite):
    /// encrypting, decrypting or changing its passphrase. A new file is written beside it,
    /// opened again and checked, then renamed over the old one; on any failure the old file
    /// stays as it was.
    pub fn convert(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<()> {
        cipher::convert(path, from, to, None)
    }

    /// The header check of the workspace at `path`, refused unless it is encrypted (or plain,
    /// for `encrypted: false`): what converting it needs, before a passphrase is asked for.
    pub fn expect_encryption(path: &Path, encrypted: bool) -> Result<FileCheck> {
        cipher::expect_encryption(path, encrypted)
    }

    /// [`Store::convert`] interrupted on purpose, to test that every interruption leaves a
    /// workspace that opens.
    #[doc(hidden)]
    pub fn convert_interrupted(
        path: &Path,
        from: Option<&Passphrase>,
        to: Option<&Passphrase>,
        interruption: Interruption,
    ) -> Result<()> {
        cipher::convert(path, from, to, Some(interruption))
    }

    /// Creates a new workspace file (mode 0600) for `organisation`, seeded with Annex A, the
    /// clauses, the default methodology and scale. Refuses an existing path without touching it.
    pub fn create(path: &Path, organisation: &str) -> Result<Store> {
        file::create(path, organisation, None)
    }

    /// [`Store::create`], encrypted with `key` when one is given.
    pub fn create_with(path: &Path, organisation: &str, key: Option<&Passphrase>) -> Result<Store> {
        file::create(path, organisation, key)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs one user edit in one transaction: all of it is in the file when this returns Ok,
    /// none of it when it returns Err.
    pub fn edit<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.display().to_string()));
        }
        let path = &self.path;
        let written = (|| {
            let tx = self.conn.transaction()?;
            let mut writer = Writer {
                tx,
                who: &self.who,
                at: crate::clock::now_stamp(),
            };
            let value = f(&mut writer)?;
            writer.tx.commit()?;
            Ok(value)
        })();
        let value = written.map_err(|e| write_failure(path, e))?;
        self.generation += 1;
        Ok(value)
    }

    /// Changes with every committed edit: equal numbers mean nothing was written in between.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Opens read-only connections to a workspace that one handle has opened and checked already,
/// for reading on another thread while the app stays responsive.
#[derive(Debug, Clone)]
pub struct ReadAccess {
    path: PathBuf,
    key: Option<Passphrase>,
}

impl ReadAccess {
    pub fn open(&self) -> Result<Store> {
        file::open_reader(&self.path, self.key.as_ref())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The handle every change goes through; it also writes the change log.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    who: &'a str,
    at: String,
}

impl Writer<'_> {
    /// Appends one change-log row: who changed which item how, with JSON before and after.
    fn log<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        reference: &str,
        action: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(serde_json::to_string).transpose();
        let after = after.map(serde_json::to_string).transpose();
        let (before, after) = before
            .and_then(|b| Ok((b, after?)))
            .map_err(|e| StoreError::Damaged(format!("change log entry for {reference}: {e}")))?;
        self.tx.execute(
            "INSERT INTO change_log (at, who, entity, reference, action, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            (&self.at, self.who, entity, reference, action, before, after),
        )?;
        Ok(())
    }
}

/// A full disk or a failing device, said as such: SQLite has rolled the edit back.
fn write_failure(path: &Path, error: StoreError) -> StoreError {
    use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
    match &error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, message))
            if matches!(e.code, DiskFull | SystemIoFailure | CannotOpen | ReadOnly) =>
        {
            let why = match (e.code, message) {
                (DiskFull, _) => "the disk is full".to_string(),
                (_, Some(m)) => format!("write error: {m}"),
                (_, None) => format!("write error: {e}"),
            };
            StoreError::NotWritten {
                path: path.display().to_string(),
                why,
            }
        }
        _ => error,
    }
}

thread_local! {
    static FIXED_USER: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Fixes who edits, for workspaces opened afterwards on the calling thread (`None` lets the
/// environment decide again): what `ISMS_USER` does for a process, for a test that drives the
/// app in its own thread, like [`crate::clock::fix_today_for_this_thread`].
pub fn fix_user_for_this_thread(who: Option<&str>) {
    FIXED_USER.with(|u| *u.borrow_mut() = who.map(str::to_string));
}

/// Who is editing: the thread's fixed user, else `ISMS_USER`, else the OS user.
fn current_user() -> String {
    if let Some(who) = FIXED_USER.with(|u| u.borrow().clone()) {
        return who;
    }
    ["ISMS_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}
